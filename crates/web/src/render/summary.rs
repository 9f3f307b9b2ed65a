//! The support summary: built from the answers, completed by the person
//! (model, battery date…), then copied, downloaded as text or printed.
//! Served, the person fills in a form and the server writes the text; on a
//! static site they edit the text itself, and the download link holds the
//! text as built in a `data:` address (the optional script downloads the
//! edited text instead).

use super::layout::Page;
use super::static_pages::StaticPage;
use super::{Site, guide_url, with_query};
use maud::{Markup, html};
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
    (download_name(guide), summary(guide, query).to_text())
}

fn download_name(guide: &Guide) -> String {
    format!("{}-support-summary.txt", guide.id)
}

/// A `data:` address of a text: a download that needs no file and no script.
pub(crate) fn data_url(text: &str) -> String {
    use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};
    format!(
        "data:text/plain;charset=utf-8,{}",
        utf8_percent_encode(text, NON_ALPHANUMERIC)
    )
}

/// The summary page.
pub(crate) fn page(guide: &Guide, query: &FlowQuery) -> String {
    let summary = summary(guide, query);
    let base = guide_url(guide.id.as_str());
    let state = to_query(guide, &query.session);
    let back = with_query(&base, &state);
    let main = html! {
        (heading(&summary, &back))
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
        (answers_given(&summary))
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
        p.no-print { a href=(back) { "Back to the guide" } }
    };
    shell("Support summary", guide, main)
}

/// The support summary of a static site's "get help" outcome, a section
/// of the guide's page: the text to edit, copy, download or print. The
/// page cannot know the path, so the text has blanks for the facts; the
/// optional script fills in the answers from the path it carries
/// (`data-path`).
pub(crate) fn static_section(guide: &Guide, outcome: usize) -> Markup {
    let session = StaticPage::Summary(outcome).session(guide, None);
    let summary = Summary::new(guide, &walk(guide, &session));
    let text = summary.to_text();
    let anchor = StaticPage::Summary(outcome).anchor(guide, None);
    let (text_id, print_id) = (format!("{anchor}-text"), format!("{anchor}-print"));
    html! {
        h2 { "Support summary" }
        p.no-print { "Outcome: " strong { (guide.outcomes[outcome].title.plain()) } }
        section.no-print {
            label.field for=(text_id) {
                "Add what only you know (the model, when the batteries were changed…) to the text, then copy, download or print it."
            }
            textarea id=(text_id) rows="14" data-print-into=(print_id) { (text) }
            div.row {
                a.btn.quiet href=(data_url(&text)) download=(download_name(guide)) data-download=(text_id) { "Download .txt" }
                button hidden type="button" data-copy=(text_id) data-label="Copy" { "Copy" }
                button.quiet hidden type="button" data-print { "Print" }
            }
        }
        section.no-print hidden data-path=(guide.outcomes[outcome].id.as_str()) data-answers-given {
            h3 { "Answers given" }
            ol {}
        }
        pre.print-only id=(print_id) { (text) }
        p.no-print { a href=(StaticPage::Outcome(outcome).href(guide, None)) data-path-link { "Back to the outcome" } }
    }
}

/// The title, the guide it is for and the outcome reached.
fn heading(summary: &Summary, back: &str) -> Markup {
    html! {
        h1 { "Support summary" }
        p.no-print { "For: " a href=(back) { (summary.guide) } }
        p.no-print {
            "Outcome: "
            @match &summary.outcome { Some(outcome) => strong { (outcome) }, None => "not reached yet" }
        }
    }
}

fn answers_given(summary: &Summary) -> Markup {
    html! {
        @if !summary.answers.is_empty() {
            section.no-print {
                h2 { "Answers given" }
                ol { @for answer in &summary.answers { li { (answer.question) " " strong { (answer.answer) } } } }
            }
        }
    }
}

/// A page of `guide` (not a step of it) titled `title`.
pub(crate) fn shell(title: &str, guide: &Guide, main: Markup) -> String {
    Page {
        title: format!("{title} · {}", guide.title.plain()),
        lang: guide.lang.clone(),
        description: None,
        structured_data: None,
        main,
        root: Site::Served.guide_root(),
    }
    .render()
}
