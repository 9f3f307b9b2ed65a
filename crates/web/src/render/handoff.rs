//! The hand-off pages: the contact form of an escalation outcome (the
//! support summary's facts to complete, the answers given, and how to reach
//! the person; problems said next to their field, everything typed kept),
//! and the page that gives the reference and the summary to download.

use super::summary::{data_url, shell};
use super::{guide_url, state_url};
use crate::handoff::contact::{Contact, Field, MAX_NAME_CHARS, MAX_NOTE_CHARS, Problem};
use crate::handoff::payload::Payload;
use maud::{Markup, html};
use unstuck_core::Guide;
use unstuck_core::engine::Summary;
use unstuck_core::engine::query::{FlowQuery, to_query};

/// What the contact form shows besides the guide's summary.
pub(crate) struct ContactForm<'a> {
    /// What was typed so far.
    pub(crate) contact: &'a Contact,
    /// What is wrong with it, each said next to its field.
    pub(crate) problems: &'a [Problem],
    /// Why it was not sent, when it was right but could not be stored.
    pub(crate) failure: Option<&'a str>,
    /// The hand-off's idempotency key: sent twice, it is one hand-off.
    pub(crate) key: &'a str,
}

/// The contact form for the escalation `outcome` reached by `query`.
pub(crate) fn contact_page(
    guide: &Guide,
    query: &FlowQuery,
    summary: &Summary,
    outcome: usize,
    form: &ContactForm<'_>,
) -> String {
    let base = guide_url(guide.id.as_str());
    let back = format!("{}#step", state_url(guide, &query.session));
    let message = |field: Field| form.problems.iter().find(|p| p.field == field);
    let main = html! {
        h1 { "Send this to support" }
        p.lead { "Support gets your answers and the summary below, so nobody asks you again. "
            "Give an email address or a phone number; the rest is optional." }
        p { "Outcome: " strong { (guide.outcomes[outcome].title.plain()) } }
        @if !form.problems.is_empty() {
            div.warning role="alert" #problems {
                p { strong { "Not sent yet." } " Please check:" }
                ul { @for problem in form.problems {
                    li { a href=(format!("#{}", problem.field.id())) { (problem.message) } }
                } }
            }
        }
        @if let Some(failure) = form.failure {
            p.warning role="alert" { strong { "Not sent: " } (failure) }
        }
        form method="post" action=(format!("{base}/handoff")) novalidate {
            input type="hidden" name="state" value=(to_query(guide, &query.session));
            input type="hidden" name="key" value=(form.key);
            fieldset {
                legend { "How support can reach you" }
                (input(Field::Name, "Your name (optional)", &form.contact.name, "text", "name", MAX_NAME_CHARS, message(Field::Name)))
                (input(Field::Email, "Email address", &form.contact.email, "email", "email", 254, message(Field::Email)))
                (input(Field::Phone, "Phone number", &form.contact.phone, "tel", "tel", 40, message(Field::Phone)))
                label.field for=(Field::Note.id()) { "Anything to add? (optional)" }
                @let note_problem = message(Field::Note);
                @if let Some(problem) = note_problem {
                    p.field-error id="note-error" { (problem.message) }
                }
                textarea id="note" name="note" rows="3" maxlength=(MAX_NOTE_CHARS)
                    aria-invalid=[note_problem.map(|_| "true")]
                    aria-describedby=[note_problem.map(|_| "note-error")] { (form.contact.note) }
            }
            @if !summary.facts.is_empty() {
                fieldset {
                    legend { "For support (optional)" }
                    @for fact in &summary.facts {
                        @let id = format!("fact-{}", fact.id);
                        label.field for=(id) { (fact.label) }
                        input type="text" id=(id) name=(id) value=(fact.value.as_deref().unwrap_or("")) maxlength="200" autocomplete="off";
                    }
                }
            }
            button type="submit" { "Send to support" }
        }
        @if !summary.answers.is_empty() {
            section {
                h2 { "Your answers, sent with it" }
                ol { @for answer in &summary.answers { li { (answer.question) " " strong { (answer.answer) } } } }
            }
        }
        p { a href=(back) { "Back to the guide" } }
    };
    shell("Send this to support", guide, main)
}

/// One labelled input of the contact form, with its problem if any.
#[allow(clippy::too_many_arguments)]
fn input(
    field: Field,
    label: &str,
    value: &str,
    kind: &str,
    autocomplete: &str,
    max: usize,
    problem: Option<&Problem>,
) -> Markup {
    let id = field.id();
    let error_id = format!("{id}-error");
    html! {
        label.field for=(id) { (label) }
        @if let Some(problem) = problem {
            p.field-error id=(error_id) { (problem.message) }
        }
        input type=(kind) id=(id) name=(id) value=(value) autocomplete=(autocomplete)
            maxlength=(max) aria-invalid=[problem.map(|_| "true")]
            aria-describedby=[problem.map(|_| error_id.as_str())];
    }
}

/// The answer to a stored hand-off: the reference, and the summary to keep.
pub(crate) fn sent_page(guide: &Guide, query: &FlowQuery, payload: &Payload) -> String {
    let back = format!("{}#step", state_url(guide, &query.session));
    let main = html! {
        h1 { "Sent to support" }
        div.notice role="status" {
            p { "Your reference:" }
            p.reference { (payload.reference) }
            p { "Quote it when you call support or when they contact you." }
        }
        p { "Support has your answers and the summary; you do not need to explain again. "
            "Keep a copy for yourself:" }
        a.btn.quiet href=(data_url(&payload.download_text()))
            download=(format!("{}-{}.txt", guide.id, payload.reference)) { "Download the summary (.txt)" }
        pre.print-only { (payload.download_text()) }
        p { a href=(back) { "Back to the guide" } }
    };
    shell("Sent to support", guide, main)
}
