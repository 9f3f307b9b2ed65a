//! The support summary: built from the answers, completed by the person
//! (model, battery date…), then copied, downloaded as text or printed.
//! Served, the person fills in a form and the server writes the text (the
//! optional script rewrites it as they type, so Copy and Print take what
//! they see); on a static site they edit the text itself, and the download
//! link holds the text as built in a `data:` address (the optional script
//! downloads the edited text instead). Either way the copy to print
//! follows the text (`data-print-into`).

use super::layout::Page;
use super::parts;
use super::static_pages::StaticPage;
use super::words::Words;
use super::{guide_url, with_query};
use maud::{Markup, html};
use unstuck_core::Guide;
use unstuck_core::engine::query::{FlowQuery, Walked};
use unstuck_core::engine::{Summary, Walk, walk};
use unstuck_locale::Arg;

/// The summary of a state (its session's walk: `walk`), with the values
/// the person typed in.
pub(crate) fn summary(guide: &Guide, query: &FlowQuery, walk: &Walk) -> Summary {
    let mut summary = Summary::new(guide, walk);
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
    let words = Words::of(guide);
    let walk = walk(guide, &query.session);
    (
        download_name(guide),
        words.summary_text(&summary(guide, query, &walk)),
    )
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

/// The summary page of `query`'s state, whose session `walked` is.
pub(crate) fn page(guide: &Guide, query: &FlowQuery, walked: &Walked<'_>) -> Page {
    let words = Words::of(guide);
    let summary = summary(guide, query, &walked.walk);
    let text = words.summary_text(&summary);
    let base = guide_url(guide);
    let back = with_query(&base, &walked.query);
    let main = html! {
        (heading(&summary, &back, words))
        // The text first, with the buttons that act on it; below, the
        // form that completes it.
        section.no-print {
            h2 { (words.get("summary-as-text")) }
            label.field for="summary-text" {
                span data-without-script { (words.get("summary-select-to-copy")) }
                span hidden data-with-script { (words.get("summary-copy-or-print")) }
            }
            div.row hidden data-with-script { (copy_and_print("summary-text", words)) }
            // The optional script rewrites each field's line as it is typed.
            textarea #summary-text readonly rows="12" data-facts-from="summary-facts" data-print-into="summary-print" { (text) }
        }
        pre.print-only #summary-print { (text) }
        form #summary-facts method="get" action=(format!("{base}/summary")) {
            h2 { (words.get("summary-add-heading")) }
            @for &(key, value) in &walked.pairs {
                input type="hidden" name=(key) value=(value);
            }
            @for fact in &summary.facts { (parts::fact_field(fact)) }
            div.row {
                button type="submit" { (words.get("summary-update")) }
                button.quiet type="submit" formaction=(format!("{base}/summary.txt")) { (words.get("summary-download")) }
            }
        }
        (answers_given(&summary, words))
        p.no-print.links { a href=(back) { (words.get("back-to-guide")) } }
    };
    let title = words.with(
        "summary-page-title",
        &[("guide", Arg::Text(&guide.title.plain()))],
    );
    Page::of_guide(guide, title, main)
}

/// The buttons the optional script shows: copy the text of the element
/// `source`, and print.
fn copy_and_print(source: &str, words: Words) -> Markup {
    html! {
        button hidden type="button" data-copy=(source) data-label=(words.get("copy")) data-copied=(words.get("copied")) { (words.get("copy")) }
        button.quiet hidden type="button" data-print { (words.get("print")) }
    }
}

/// The support summary of a static site's "get help" outcome, a section
/// of the guide's page: the text to edit, copy, download or print. The
/// page cannot know the path, so the text has blanks for the facts; the
/// optional script fills in the answers from the path it carries
/// (`data-path`).
pub(crate) fn static_section(guide: &Guide, outcome: usize) -> Markup {
    let session = StaticPage::Summary(outcome).session(guide, None);
    let summary = Summary::new(guide, &walk(guide, &session));
    let words = Words::of(guide);
    let text = words.summary_text(&summary);
    let anchor = StaticPage::Summary(outcome).anchor(guide, None);
    let (text_id, print_id) = (format!("{anchor}-text"), format!("{anchor}-print"));
    html! {
        h2 { (words.get("summary")) }
        p.no-print { (words.get("summary-outcome")) " " strong { (guide.outcomes[outcome].title.plain()) } }
        section.no-print {
            label.field for=(text_id) { (words.get("summary-add-what-you-know")) }
            textarea id=(text_id) rows="14" data-print-into=(print_id) { (text) }
            div.row {
                a.btn.quiet href=(data_url(&text)) download=(download_name(guide)) data-download=(text_id) { (words.get("summary-download")) }
                (copy_and_print(&text_id, words))
            }
        }
        section.no-print hidden data-path=(guide.outcomes[outcome].id.as_str()) data-answers-given {
            h3 { (words.get("summary-answers-given")) }
            ol {}
        }
        pre.print-only id=(print_id) { (text) }
        p.no-print.links { a href=(StaticPage::Outcome(outcome).href(guide, None)) data-path-link { (words.get("back-to-outcome")) } }
    }
}

/// The title, the guide it is for and the outcome reached.
fn heading(summary: &Summary, back: &str, words: Words) -> Markup {
    html! {
        h1 { (words.get("summary")) }
        p.no-print.links { (words.get("summary-for")) " " a href=(back) { (summary.guide) } }
        p.no-print {
            (words.get("summary-outcome")) " "
            @match &summary.outcome { Some(outcome) => strong { (outcome) }, None => (words.get("summary-not-reached")) }
        }
    }
}

fn answers_given(summary: &Summary, words: Words) -> Markup {
    html! {
        @if !summary.answers.is_empty() {
            section.no-print {
                h2 { (words.get("summary-answers-given")) }
                ol { @for answer in &summary.answers { li { (answer.question) " " strong { (answer.answer) } } } }
            }
        }
    }
}
