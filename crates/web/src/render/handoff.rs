//! The hand-off pages: the contact form of an escalation outcome (the
//! support summary's facts to complete, the answers given, and how to reach
//! the person; problems said next to their field, everything typed kept),
//! and the page that gives the reference and the summary to download.

use super::layout::Page;
use super::parts;
use super::summary::data_url;
use super::words::Words;
use super::{guide_url, state_url};
use crate::handoff::contact::{
    Contact, Field, MAX_EMAIL_CHARS, MAX_NAME_CHARS, MAX_NOTE_CHARS, MAX_PHONE_CHARS, Problem,
    Wrong,
};
use crate::handoff::payload::Payload;
use maud::{Markup, html};
use unstuck_core::Guide;
use unstuck_core::engine::Summary;
use unstuck_core::engine::query::{FlowQuery, to_query};
use unstuck_locale::Arg;

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
    let words = Words::of(guide);
    let base = guide_url(guide);
    let back = format!(
        "{}#step",
        state_url(guide, &to_query(guide, &query.session))
    );
    let message = |field: Field| {
        let problem = form.problems.iter().find(|p| p.field == field)?;
        Some(said(problem, words))
    };
    let main = html! {
        h1 { (words.get("contact-title")) }
        p.lead { (words.get("contact-lead")) }
        p { (words.get("summary-outcome")) " " strong { (guide.outcomes[outcome].title.plain()) } }
        @if !form.problems.is_empty() {
            div.warning role="alert" #problems {
                p { strong { (words.get("contact-not-sent-yet")) } " " (words.get("contact-please-check")) }
                ul.links { @for problem in form.problems {
                    li { a href=(format!("#{}", problem.field.id())) { (said(problem, words)) } }
                } }
            }
        }
        @if let Some(failure) = form.failure {
            p.warning role="alert" { strong { (words.get("rate-not-sent")) " " } (words.get(failure)) }
        }
        form method="post" action=(format!("{base}/handoff")) novalidate {
            input type="hidden" name="state" value=(to_query(guide, &query.session));
            input type="hidden" name="key" value=(form.key);
            fieldset {
                legend { (words.get("contact-reach")) }
                (input(Field::Name, &words.get("contact-name"), &form.contact.name, "text", "name", MAX_NAME_CHARS, message(Field::Name)))
                (input(Field::Email, &words.get("contact-email"), &form.contact.email, "email", "email", MAX_EMAIL_CHARS, message(Field::Email)))
                (input(Field::Phone, &words.get("contact-phone"), &form.contact.phone, "tel", "tel", MAX_PHONE_CHARS, message(Field::Phone)))
                label.field for=(Field::Note.id()) { (words.get("rate-comment")) }
                @let note_problem = message(Field::Note);
                @if let Some(problem) = &note_problem {
                    p.field-error id="note-error" { (problem) }
                }
                textarea id="note" name="note" rows="3" maxlength=(MAX_NOTE_CHARS)
                    aria-invalid=[note_problem.as_ref().map(|_| "true")]
                    aria-describedby=[note_problem.as_ref().map(|_| "note-error")] { (form.contact.note) }
            }
            @if !summary.facts.is_empty() {
                fieldset {
                    legend { (words.get("contact-for-support")) }
                    @for fact in &summary.facts { (parts::fact_field(fact)) }
                }
            }
            button type="submit" { (words.get("contact-send")) }
        }
        @if !summary.answers.is_empty() {
            section {
                h2 { (words.get("contact-answers")) }
                ol { @for answer in &summary.answers { li { (answer.question) " " strong { (answer.answer) } } } }
            }
        }
        p.links { a href=(back) { (words.get("back-to-guide")) } }
    };
    page(guide, words, "contact-title", main)
}

/// A hand-off page of `guide` titled by the message `title`.
fn page(guide: &Guide, words: Words, title: &str, main: Markup) -> String {
    let title = words.with(
        "heading-title",
        &[
            ("heading", Arg::Text(&words.get(title))),
            ("guide", Arg::Text(&guide.title.plain())),
        ],
    );
    Page::of_guide(guide, title, main).render()
}

/// A problem of the contact form in the reader's words.
fn said(problem: &Problem, words: Words) -> String {
    match &problem.wrong {
        Wrong::TooLong(max) => {
            let id = if problem.field == Field::Name {
                "problem-name-long"
            } else {
                "problem-note-long"
            };
            words.with(id, &[("max", Arg::Number(*max as u64))])
        }
        Wrong::NoWayToReach => words.get("problem-no-contact"),
        Wrong::NotAnEmail(typed) => words.with("problem-email", &[("typed", Arg::Text(typed))]),
        Wrong::NotAPhone(typed) => words.with("problem-phone", &[("typed", Arg::Text(typed))]),
    }
}

/// One labelled input of the contact form, with its problem if any.
/// Emails and phone numbers are left-to-right text, in every language.
#[allow(clippy::too_many_arguments)]
fn input(
    field: Field,
    label: &str,
    value: &str,
    kind: &str,
    autocomplete: &str,
    max: usize,
    problem: Option<String>,
) -> Markup {
    let id = field.id();
    let error_id = format!("{id}-error");
    html! {
        label.field for=(id) { (label) }
        @if let Some(problem) = &problem {
            p.field-error id=(error_id) { (problem) }
        }
        input type=(kind) id=(id) name=(id) value=(value) autocomplete=(autocomplete)
            dir=[matches!(kind, "email" | "tel").then_some("ltr")]
            maxlength=(max) aria-invalid=[problem.as_ref().map(|_| "true")]
            aria-describedby=[problem.as_ref().map(|_| error_id.as_str())];
    }
}

/// The answer to a stored hand-off: the reference, and the summary to keep.
pub(crate) fn sent_page(guide: &Guide, query: &FlowQuery, payload: &Payload) -> String {
    let words = Words::of(guide);
    let back = format!(
        "{}#step",
        state_url(guide, &to_query(guide, &query.session))
    );
    let main = html! {
        h1 { (words.get("sent-title")) }
        div.notice role="status" {
            p { (words.get("sent-reference")) }
            p.reference { (payload.reference) }
            p { (words.get("sent-quote")) }
        }
        p { (words.get("sent-keep")) }
        a.btn.quiet href=(data_url(&payload.download_text()))
            download=(format!("{}-{}.txt", guide.id, payload.reference)) { (words.get("sent-download")) }
        pre.print-only { (payload.download_text()) }
        p.links { a href=(back) { (words.get("back-to-guide")) } }
    };
    page(guide, words, "sent-title", main)
}
