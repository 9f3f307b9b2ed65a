//! The format carries the reference guide exactly, and its model exports
//! as documented.

use crate::support::{SMART_LOCK, smart_lock};
use unstuck_core::Guide;
use unstuck_core::model::{HelpPart, ResultKind, Text};

/// The reference guide as a page shows it.
const SEED: &str = include_str!("../fixtures/seed/smart-lock-guide.txt");

/// Lines of the seed that are the page's own words, not the guide's.
const PAGE_WORDS: [&str; 7] = [
    "Step-by-step diagnostic",
    "Show full guide",
    "Steps",
    "You can change your answer later.",
    "Rate this guide",
    "Was this helpful?",
    "Thanks for your feedback.",
];

/// The guide's text as lines, in the order and shape a page shows them.
fn page_lines(guide: &Guide) -> Vec<String> {
    let plain = Text::plain;
    let items = |lines: &mut Vec<String>, items: &[Text]| {
        lines.extend(items.iter().map(|t| format!("- {}", t.plain())));
    };
    let mut lines = vec![plain(&guide.title), plain(&guide.summary)];
    if let Some(needs) = &guide.needs {
        lines.push(plain(&needs.title));
        items(&mut lines, &needs.items);
    }
    if let Some(triage) = &guide.triage {
        lines.push(plain(&triage.title));
        lines.extend(triage.intro.iter().map(plain));
        for entry in &triage.entries {
            lines.push(format!(
                "- {} {}",
                entry.label.plain(),
                entry.description.plain()
            ));
        }
    }
    for section in &guide.sections {
        lines.push(plain(&section.title));
        lines.extend(section.goal.iter().map(|g| format!("Goal: {}", g.plain())));
        lines.extend(
            section
                .caution
                .iter()
                .map(|c| format!("Caution: {}", c.plain())),
        );
        items(&mut lines, &section.actions);
        items(&mut lines, &section.expect);
        for (kind, word) in [(ResultKind::Good, "Good"), (ResultKind::Bad, "Bad")] {
            let texts: Vec<String> = section
                .results
                .iter()
                .filter(|r| r.kind == kind)
                .map(|r| r.text.plain())
                .collect();
            if !texts.is_empty() {
                lines.push(format!("- {word}: {}", texts.join(" ")));
            }
        }
    }
    if let Some(help) = &guide.get_help {
        lines.push(plain(&help.title));
        for part in &help.parts {
            match part {
                HelpPart::Contact { who, conditions } => {
                    lines.push(who.plain());
                    items(&mut lines, conditions);
                }
                HelpPart::Warning { text } | HelpPart::Note { text } => lines.push(text.plain()),
            }
        }
    }
    if let Some(verification) = &guide.verification {
        lines.push(plain(&verification.title));
        items(&mut lines, &verification.items);
    }
    if let Some(ladder) = &guide.ladder {
        lines.push(plain(&ladder.title));
        lines.extend(ladder.intro.iter().map(plain));
        for rung in &ladder.entries {
            lines.push(format!(
                "- {} {}",
                rung.label.plain(),
                rung.description.plain()
            ));
        }
    }
    if let Some(capture) = &guide.capture {
        lines.push(plain(&capture.title));
        lines.extend(capture.intro.iter().map(plain));
        lines.extend(
            capture
                .facts
                .iter()
                .map(|f| format!("- {}", f.label.plain())),
        );
    }
    for question in &guide.questions {
        lines.push(plain(&question.prompt));
        lines.extend(question.help.iter().map(plain));
    }
    lines.extend(guide.outcomes.iter().map(|o| plain(&o.title)));
    lines.extend(
        guide
            .reviewed
            .iter()
            .map(|r| format!("Reviewed by {}", r.by)),
    );
    if let Some(faq) = &guide.faq {
        lines.push(plain(&faq.title));
        for entry in &faq.entries {
            lines.push(format!("- {}", entry.question.plain()));
            lines.push(format!("- {}", entry.answer.plain()));
        }
    }
    lines
}

#[test]
fn the_smart_lock_guide_carries_every_line_of_the_reference_in_order() {
    let guide = smart_lock();
    let ours = page_lines(&guide);
    let mut ours_iter = ours.iter();
    let mut previous = "";
    for line in SEED.lines().map(str::trim) {
        if line.is_empty() || PAGE_WORDS.contains(&line) || line == previous {
            previous = line;
            continue;
        }
        previous = line;
        assert!(
            ours_iter.any(|ours| ours == line),
            "the guide lacks, or has out of order, this line of the reference:\n{line}\n\nthe guide's lines:\n{}",
            ours.join("\n")
        );
    }
}

#[test]
fn the_smart_lock_decision_tree_is_as_specified() {
    let guide = smart_lock();
    let tree = [
        ("keypad-lights", "bolt-stuck", "battery-fixed"),
        ("battery-fixed", "unlocked", "key-works"),
        ("key-works", "repair-worked", "alignment-fixed"),
        ("bolt-stuck", "alignment-fixed", "repair-worked"),
        ("alignment-fixed", "unlocked", "locksmith"),
        ("repair-worked", "unlocked", "reset-worked"),
        ("reset-worked", "unlocked", "locksmith"),
    ];
    assert_eq!(guide.questions.len(), tree.len());
    for (id, yes, no) in tree {
        let question = &guide.questions[guide.question_index(id).expect(id)];
        let next: Vec<(&str, &str)> = question
            .answers
            .iter()
            .map(|a| (a.id.as_str(), a.next.as_str()))
            .collect();
        assert_eq!(next, [("yes", yes), ("no", no)], "answers of {id}");
    }
    let outcomes: Vec<(&str, String)> = guide
        .outcomes
        .iter()
        .map(|o| (o.id.as_str(), o.title.plain()))
        .collect();
    assert_eq!(
        outcomes,
        [
            ("unlocked", "Lock unlocked".to_owned()),
            ("locksmith", "Call a locksmith".to_owned())
        ]
    );
}

#[test]
fn the_exported_model_matches_its_snapshot() {
    insta::assert_json_snapshot!(smart_lock());
}

#[test]
fn the_documented_schema_is_the_models_schema() {
    let documented = include_str!("../../../../docs/guide.schema.json");
    let current =
        serde_json::to_string_pretty(&unstuck_core::guide_schema()).expect("schema as JSON");
    assert_eq!(
        documented.trim_end(),
        current,
        "docs/guide.schema.json is out of date: run `unstuck export --schema > docs/guide.schema.json`"
    );
}

#[test]
fn the_guide_version_changes_with_its_text() {
    let edited = SMART_LOCK.replace("Fresh batteries", "New batteries");
    let before = smart_lock();
    let after = crate::support::guide(&edited);
    assert_ne!(before.version, after.version);
    assert_eq!(before.version, smart_lock().version);
}

#[test]
fn the_documented_example_compiles() {
    let doc = include_str!("../../../../docs/guide-format.md");
    let start = doc
        .rfind("```markdown\n")
        .expect("an example in the format doc")
        + "```markdown\n".len();
    let end = start
        + doc[start..]
            .find("\n```\n")
            .expect("the end of the example");
    let guide = crate::support::guide(&doc[start..=end]);
    assert_eq!(guide.id.as_str(), "garage-remote");
}
