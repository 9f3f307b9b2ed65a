//! The guide as data for the optional script, in the guide's page (a
//! `<script type="application/json">`, which runs nothing): what it needs
//! to show the path that led to a step: each question's prompt, section
//! and answers (label and where each leads), the facts of the support
//! summary and which answers fill them, and the outcomes' titles. Plain
//! text only (no Markdown, no HTML): the script sets it as text. With
//! it, the interface words the script writes, in the guide's language, as
//! templates whose `{n}`, `{heading}`, `{guide}` and `{question}` it fills.

use crate::render::words::Words;
use serde_json::{Map, Value, json};
use unstuck_core::Guide;
use unstuck_locale::Arg;

/// The data as JSON, safe inside a `<script>` element (no `<` in it).
pub(super) fn json(guide: &Guide) -> String {
    let questions: Map<String, Value> = (guide.questions.iter())
        .map(|question| {
            let answers: Map<String, Value> = (question.answers.iter())
                .map(|answer| {
                    let next =
                        json!({ "label": answer.label.plain(), "next": answer.next.as_str() });
                    (answer.id.to_string(), next)
                })
                .collect();
            let data = json!({
                "prompt": question.prompt.plain(),
                "section": guide.section_of(question).map(|s| s.title.plain()),
                "fills": question.fills.iter().map(|f| f.as_str()).collect::<Vec<_>>(),
                "answers": answers,
            });
            (question.id.to_string(), data)
        })
        .collect();
    let facts: Vec<Value> = (guide.capture.iter().flat_map(|c| &c.facts))
        .map(|fact| json!({ "id": fact.id.as_str(), "label": fact.label.plain(), "steps": fact.steps_tried }))
        .collect();
    let outcomes: Map<String, Value> = (guide.outcomes.iter())
        .map(|outcome| (outcome.id.to_string(), Value::from(outcome.title.plain())))
        .collect();
    let data = json!({
        "words": words(guide),
        "title": guide.title.plain(),
        "start": guide.start.as_str(),
        "questions": questions,
        "facts": facts,
        "outcomes": outcomes,
    });
    // `<` appears only in strings, where `\u003c` means the same.
    data.to_string().replace('<', "\\u003c")
}

/// The words the script writes, as templates.
fn words(guide: &Guide) -> Value {
    let words = Words::of(guide);
    let template = |id: &str, names: &[&str]| {
        let marks: Vec<String> = names.iter().map(|name| format!("{{{name}}}")).collect();
        let args: Vec<(&str, Arg<'_>)> = names
            .iter()
            .zip(&marks)
            .map(|(name, mark)| (*name, Arg::Text(mark)))
            .collect();
        words.with(id, &args)
    };
    json!({
        "step": template("step-label", &["number"]).replace("{number}", "{n}"),
        "stepTitle": template("step-title", &["number", "heading", "guide"]).replace("{number}", "{n}"),
        "headingTitle": template("heading-title", &["heading", "guide"]),
        "summary": words.get("summary"),
        "outcome": words.get("summary-outcome"),
        "answersGiven": words.get("summary-answers-given"),
        "change": words.get("change"),
        "changeAria": template("change-aria", &["question"]),
    })
}
