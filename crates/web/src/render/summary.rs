//! The support summary: built from the answers, completed by the person
//! (model, battery date…), then copied, downloaded as text or printed.

use super::layout::Page;
use super::{guide_url, with_query};
use maud::html;
use unstuck_core::Guide;
use unstuck_core::engine::query::{FlowQuery, pairs, to_query};
use unstuck_core::engine::{Summary, walk};

/// The summary of a state, with the values the person typed in.
pub(crate) fn summary(guide: &Guide, query: &FlowQuery) -> Summary {
    let mut summary = Summary::new(guide, &walk(guide, &query.session));
    for fact in &mut summary.facts {
        let typed = query.facts.iter().rev().find(|(id, _)| *id == fact.id);
        if let Some((_, value)) = typed {
            fact.value = (!value.is_empty()).then(|| value.clone());
        }
    }
    summary
}

/// The summary as a downloadable text file's name and body.
pub(crate) fn text(guide: &Guide, query: &FlowQuery) -> (String, String) {
    (
        format!("{}-support-summary.txt", guide.id),
        summary(guide, query).to_text(),
    )
}

/// The summary page.
pub(crate) fn page(guide: &Guide, query: &FlowQuery) -> String {
    let summary = summary(guide, query);
    let base = guide_url(guide.id.as_str());
    let state = to_query(guide, &query.session);
    let main = html! {
        h1 { "Support summary" }
        p.no-print { "For: " a href=(with_query(&base, &state)) { (summary.guide) } }
        p.no-print {
            "Outcome: "
            @match &summary.outcome { Some(outcome) => strong { (outcome) }, None => "not reached yet" }
        }
        form method="get" action=(format!("{base}/summary")) {
            @for (key, value) in pairs(guide, &query.session) {
                input type="hidden" name=(key) value=(value);
            }
            @for fact in &summary.facts {
                label.field for=(format!("fact-{}", fact.id)) { (fact.label) }
                @let (id, value) = (format!("fact-{}", fact.id), fact.value.as_deref().unwrap_or(""));
                @if value.chars().count() > 40 {
                    textarea id=(id) name=(id) maxlength="200" rows="3" { (value) }
                } @else {
                    input type="text" id=(id) name=(id) value=(value) maxlength="200" autocomplete="off";
                }
            }
            div.row {
                button type="submit" { "Update summary" }
                button.quiet type="submit" formaction=(format!("{base}/summary.txt")) { "Download .txt" }
            }
        }
        @if !summary.answers.is_empty() {
            section.no-print {
                h2 { "Answers given" }
                ol { @for answer in &summary.answers { li { (answer.question) " " strong { (answer.answer) } } } }
            }
        }
        section.no-print {
            h2 { "As text" }
            label.field for="summary-text" { "Select and copy, or use the buttons." }
            textarea #summary-text readonly rows="12" { (summary.to_text()) }
        }
        pre.print-only { (summary.to_text()) }
        div.row.no-print {
            button hidden type="button" data-copy="summary-text" data-label="Copy" { "Copy" }
            button.quiet hidden type="button" data-print { "Print" }
        }
        p.no-print { a href=(with_query(&base, &state)) { "Back to the guide" } }
    };
    Page {
        title: format!("Support summary · {}", guide.title.plain()),
        lang: guide.lang.clone(),
        description: None,
        structured_data: None,
        main,
    }
    .render()
}
