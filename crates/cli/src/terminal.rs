//! Guide parts as plain terminal text: no colour, no cursor tricks, so it
//! reads the same through a pipe and a screen reader.

use std::io::{self, Write};
use unstuck_core::Guide;
use unstuck_core::engine::Summary;
use unstuck_core::model::{HelpPart, OutcomeKind, Section, Text};
use unstuck_locale::Locale;

/// Prints a section's goal, caution, actions and what to expect.
pub(crate) fn section(out: &mut impl Write, section: &Section, words: &Locale) -> io::Result<()> {
    writeln!(out, "== {} ==", section.title.plain())?;
    if let Some(goal) = &section.goal {
        writeln!(out, "{} {}", words.text("label-goal"), goal.plain())?;
    }
    for (number, action) in section.actions.iter().enumerate() {
        writeln!(
            out,
            "  {}. {}{}",
            number + 1,
            models(action),
            action.plain()
        )?;
    }
    for expect in &section.expect {
        writeln!(out, "{} {}", words.text("label-expect"), expect.plain())?;
    }
    Ok(())
}

/// `[ceiling] ` before an item for some models only, as the guide marks it.
fn models(text: &Text) -> String {
    match text.only() {
        [] => String::new(),
        only => {
            let ids: Vec<&str> = only.iter().map(|id| id.as_str()).collect();
            format!("[{}] ", ids.join(", "))
        }
    }
}

/// Prints an outcome: its title and body, then the verification checklist
/// (resolved) or when to get help (escalate), then the support summary.
pub(crate) fn outcome(
    out: &mut impl Write,
    guide: &Guide,
    index: usize,
    summary: &Summary,
    words: &Locale,
) -> io::Result<()> {
    let outcome = &guide.outcomes[index];
    let mark = words.text(match outcome.kind {
        OutcomeKind::Resolved => "outcome-fixed",
        OutcomeKind::Escalate => "run-get-help",
    });
    writeln!(out, "\n*** {mark}: {} ***", outcome.title.plain())?;
    if let Some(body) = &outcome.body {
        writeln!(out, "{}", body.plain())?;
    }
    match outcome.kind {
        OutcomeKind::Resolved => {
            if let Some(verification) = &guide.verification {
                writeln!(out, "\n{}:", verification.title.plain())?;
                list(out, &verification.items)?;
            }
        }
        OutcomeKind::Escalate => {
            if let Some(help) = &guide.get_help {
                writeln!(out, "\n{}:", help.title.plain())?;
                for part in &help.parts {
                    match part {
                        HelpPart::Contact { who, conditions } => {
                            writeln!(out, "{}", who.plain())?;
                            list(out, conditions)?;
                        }
                        HelpPart::Warning { text } => {
                            writeln!(out, "{} {}", words.text("label-warning"), text.plain())?
                        }
                        HelpPart::Note { text } => writeln!(out, "{}", text.plain())?,
                    }
                }
            }
            writeln!(out, "\n{}", words.summary_text(summary))?;
        }
    }
    Ok(())
}

/// Prints a bulleted list.
pub(crate) fn list(out: &mut impl Write, items: &[Text]) -> io::Result<()> {
    for item in items {
        writeln!(out, "  - {}", item.plain())?;
    }
    Ok(())
}
