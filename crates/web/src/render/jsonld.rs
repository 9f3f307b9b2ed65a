//! schema.org structured data (JSON-LD) matching the visible text: HowTo
//! for the steps, FAQPage for the questions and answers.

use serde_json::{Value, json};
use unstuck_core::Guide;

/// HowTo and FAQPage for the full guide page.
/// `full_url` is the full guide's address, which each step's URL extends.
pub(crate) fn full(guide: &Guide, full_url: &str) -> String {
    let mut graph = vec![how_to(guide, full_url)];
    graph.extend(faq_page(guide));
    serialise(&json!({ "@context": "https://schema.org", "@graph": graph }))
}

/// FAQPage alone, for pages that show the FAQ but not the steps.
pub(crate) fn faq(guide: &Guide) -> Option<String> {
    let mut page = faq_page(guide)?;
    page["@context"] = json!("https://schema.org");
    Some(serialise(&page))
}

fn how_to(guide: &Guide, full_url: &str) -> Value {
    let steps: Vec<Value> = guide
        .sections
        .iter()
        .map(|section| {
            let mut text: Vec<String> = section.goal.iter().map(|g| g.plain()).collect();
            text.extend(section.actions.iter().map(|a| a.plain()));
            json!({
                "@type": "HowToStep",
                "name": section.title.plain(),
                "text": text.join(" "),
                "url": format!("{full_url}#{}", section.id),
            })
        })
        .collect();
    let supplies: Vec<Value> = (guide.needs.iter().flat_map(|n| &n.items))
        .map(|item| json!({ "@type": "HowToSupply", "name": item.plain() }))
        .collect();
    json!({
        "@type": "HowTo",
        "name": guide.title.plain(),
        "description": guide.summary.plain(),
        "supply": supplies,
        "step": steps,
    })
}

fn faq_page(guide: &Guide) -> Option<Value> {
    let faq = guide.faq.as_ref()?;
    let questions: Vec<Value> = faq
        .entries
        .iter()
        .map(|entry| {
            json!({
                "@type": "Question",
                "name": entry.question.plain(),
                "acceptedAnswer": { "@type": "Answer", "text": entry.answer.plain() },
            })
        })
        .collect();
    Some(json!({ "@type": "FAQPage", "mainEntity": questions }))
}

/// JSON inside `<script>`: `<` is escaped so no text can close the element.
fn serialise(value: &Value) -> String {
    value.to_string().replace('<', "\\u003c")
}
