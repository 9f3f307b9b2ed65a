//! The full guide on one page, in the reference order: every section, help,
//! verification, the escalation ladder, what to capture, the questions and
//! outcomes, the FAQ. Every "Proceed to" is a link within the page, so the
//! page is itself a navigable decision graph.

use super::Site;
use super::layout::Page;
use super::markdown::{self, Links};
use super::parts::{self, FeedbackOn, FeedbackState, Model};
use super::words::Words;
use maud::{Markup, html};
use unstuck_core::Guide;
use unstuck_core::model::{OutcomeKind, ResultKind, Section};
use unstuck_locale::Arg;

/// The full guide page (served); the feedback form below it.
pub(crate) fn page(guide: &Guide, site: Site, feedback: &FeedbackState<'_>) -> Page {
    let main = html! {
        h1 { (markdown::inline(&guide.title, Links::InPage)) }
        (content(guide, site))
        (parts::feedback(guide, "", None, FeedbackOn::Full, feedback))
    };
    let title = Words::of(guide).with("full-title", &[("guide", Arg::Text(&guide.title.plain()))]);
    Page {
        structured_data: Some(super::jsonld::full(guide, &site.full(guide))),
        ..Page::of_guide(guide, title, main).at(site.guide_root(guide))
    }
}

/// The full guide below its title: a page of its own when served, a
/// section of the guide's page on a static site.
pub(crate) fn content(guide: &Guide, site: Site) -> Markup {
    let links = Links::InPage;
    let words = Words::of(guide);
    html! {
        (markdown::blocks(&guide.summary, links))
        p.no-print { a.btn href=(site.start(guide)) { (words.get("full-start")) } }
        @if let Some(needs) = &guide.needs {
            h2 id=(needs.id.as_str()) { (markdown::inline(&needs.title, links)) }
            @if let Some(intro) = &needs.intro { (markdown::blocks(intro, links)) }
            ul { (parts::items(&needs.items, links, Model::all(guide))) }
        }
        @if let Some(variants) = &guide.variants {
            h2 id=(variants.id.as_str()) { (markdown::inline(&variants.title, links)) }
            @if let Some(intro) = &variants.intro { (markdown::blocks(intro, links)) }
            ul { @for variant in &variants.entries { li { (markdown::inline(&variant.label, links)) } } }
            p { (words.get("full-models-note")) }
        }
        h2 #diagnostic { (words.get("full-diagnostic")) }
        @if let Some(triage) = &guide.triage {
            h3 id=(triage.id.as_str()) { (markdown::inline(&triage.title, links)) }
            @if let Some(intro) = &triage.intro { (markdown::blocks(intro, links)) }
            ul.triage {
                @for entry in &triage.entries {
                    li {
                        a href=(super::triage_link(site, guide, entry)) { (markdown::inline(&entry.label, links)) }
                        " " (markdown::inline(&entry.description, links))
                    }
                }
            }
        }
        h2 #steps { (words.get("full-steps")) }
        @for section in &guide.sections { (section_block(section, Model::all(guide), words)) }
        @if let Some(help) = &guide.get_help { (parts::get_help(help, help.id.as_str(), links, words)) }
        @if let Some(verification) = &guide.verification { (parts::verification(verification, verification.id.as_str(), links, Model::all(guide))) }
        @if let Some(ladder) = &guide.ladder {
            h2 id=(ladder.id.as_str()) { (markdown::inline(&ladder.title, links)) }
            @if let Some(intro) = &ladder.intro { (markdown::blocks(intro, links)) }
            ol {
                @for rung in &ladder.entries {
                    li {
                        a href=(format!("#{}", rung.target)) { (markdown::inline(&rung.label, links)) }
                        " " (markdown::inline(&rung.description, links))
                    }
                }
            }
        }
        @if let Some(capture) = &guide.capture {
            h2 id=(capture.id.as_str()) { (markdown::inline(&capture.title, links)) }
            @if let Some(intro) = &capture.intro { (markdown::blocks(intro, links)) }
            ul { @for fact in &capture.facts { li { (markdown::inline(&fact.label, links)) } } }
        }
        h2 #questions { (words.get("full-questions")) }
        p { (words.get("full-questions-intro")) }
        p.no-print.links { a href=(site.graph(guide)) { (words.get("full-picture")) } }
        @for question in &guide.questions {
            h3 id=(question.id.as_str()) { (markdown::inline(&question.prompt, links)) }
            @if let Some(help) = &question.help { (markdown::blocks(help, links)) }
            ul {
                @if let Some(section) = &question.section {
                    li { (words.get("label-how")) " " a href=(format!("#{section}")) { (guide.section(section.as_str()).map(|s| s.title.plain()).unwrap_or_default()) } }
                }
                @for answer in &question.answers {
                    li {
                        (markdown::inline(&answer.label, links)) " → "
                        a href=(format!("#{}", answer.next)) { (node_title(guide, answer.next.as_str())) }
                    }
                }
            }
        }
        h2 #outcomes { (words.get("full-outcomes")) }
        @for outcome in &guide.outcomes {
            h3 id=(outcome.id.as_str()) {
                (markdown::inline(&outcome.title, links))
                span.muted { " " (words.get(match outcome.kind { OutcomeKind::Resolved => "outcome-fixed-short", OutcomeKind::Escalate => "outcome-escalate-short" })) }
            }
            @if let Some(body) = &outcome.body { (markdown::blocks(body, links)) }
        }
        @if let Some(reviewed) = &guide.reviewed {
            p.muted {
                (words.markup("reviewed-by", &[("name", html! { (reviewed.by) }), ("date", html! { time datetime=(reviewed.on) { (reviewed.on) } })]))
            }
        }
        @if let Some(faq) = &guide.faq {
            h2 id=(faq.id.as_str()) { (markdown::inline(&faq.title, links)) }
            dl {
                @for entry in &faq.entries {
                    dt { strong { (markdown::inline(&entry.question, links)) } }
                    dd { (markdown::blocks(&entry.answer, links)) }
                }
            }
        }
    }
}

fn section_block(section: &Section, model: Model<'_>, words: Words) -> Markup {
    let links = Links::InPage;
    html! {
        section aria-labelledby=(section.id.as_str()) {
            h3 id=(section.id.as_str()) { (markdown::inline(&section.title, links)) }
            (parts::caution(section, links, words))
            (parts::instructions(section, links, model))
            @for (kind, word) in [(ResultKind::Good, "label-good"), (ResultKind::Bad, "label-bad")] {
                @let results: Vec<_> = section.results.iter().filter(|r| r.kind == kind).collect();
                @if !results.is_empty() {
                    p {
                        strong { (words.get(word)) " " }
                        @for (n, result) in results.iter().enumerate() {
                            @if n > 0 { " " }
                            (markdown::inline(&result.text, links))
                        }
                    }
                }
            }
        }
    }
}

fn node_title(guide: &Guide, id: &str) -> String {
    match guide.node(id) {
        Some(unstuck_core::model::Node::Question(q)) => guide.questions[q].prompt.plain(),
        Some(unstuck_core::model::Node::Outcome(o)) => guide.outcomes[o].title.plain(),
        None => id.to_owned(),
    }
}
