//! A static site's controls: plain links between the steps of a guide's
//! page ([`StaticPage`]). A step is the same whatever path led to it, so
//! it cannot list the answers so far; it carries an empty place for them
//! (`data-path`, the step's question or outcome) that the optional script
//! fills in from the path it keeps in the address's query, and marks the
//! links that carry that path on (`data-step` adds an answer to it,
//! `data-path-link` keeps it as it is). Built with `--server`, an outcome
//! has the feedback form and a "get help" one the link to the server's
//! contact page, which the script gives the path (`data-server`,
//! `data-server-link`); without, a "get help" outcome says the page cannot
//! send anything.

use super::Controls;
use crate::render::flow::Flow;
use crate::render::markdown;
use crate::render::parts::{self, FeedbackOn, FeedbackState};
use crate::render::static_pages::{StaticPage, caution_of};
use crate::render::{guide_url, with_query};
use maud::{Markup, html};
use unstuck_core::engine::Position;
use unstuck_core::model::OutcomeKind;

/// `unstuck build`'s controls.
pub(super) struct StaticLinks;

impl StaticLinks {
    /// The step `flow` shows.
    fn page(flow: &Flow<'_>) -> StaticPage {
        match flow.walked.walk.position {
            Position::Question {
                question,
                caution: Some(_),
            } => StaticPage::Caution(question),
            Position::Question {
                question,
                caution: None,
            } => StaticPage::Ask(question),
            Position::Outcome(outcome) => StaticPage::Outcome(outcome),
        }
    }

    /// The link to `page` for the model of `flow`'s step.
    fn href(flow: &Flow<'_>, page: StaticPage) -> String {
        page.href(flow.guide, flow.query.session.variant())
    }
}

impl Controls for StaticLinks {
    fn id(&self, flow: &Flow<'_>, name: &str) -> String {
        let anchor = Self::page(flow).anchor(flow.guide, flow.query.session.variant());
        format!("{anchor}-{name}")
    }

    fn step(&self, _: &Flow<'_>) -> Option<usize> {
        None
    }

    fn answers(&self, flow: &Flow<'_>, index: usize, short: bool) -> Markup {
        let guide = flow.guide;
        let question = &guide.questions[index];
        // A caution acknowledged for this question covers the next one of
        // the same section.
        let from = caution_of(guide, index);
        html! {
            nav.answers.short[short] aria-label=(flow.words.get("answers-label")) {
                @for answer in &question.answers {
                    @let next = StaticPage::into_node(guide, guide.next_node(answer), from);
                    a.btn href=(Self::href(flow, next)) data-step=(format!("{}={}", question.id, answer.id)) {
                        (markdown::inline(&answer.label, flow.links()))
                    }
                }
            }
        }
    }

    fn keep_answer(&self, _: &Flow<'_>) -> Markup {
        html! {}
    }

    fn acknowledge(&self, flow: &Flow<'_>, _: usize) -> Markup {
        let ask = match Self::page(flow) {
            StaticPage::Caution(question) => StaticPage::Ask(question),
            page => page,
        };
        html! {
            div.answers {
                a.btn href=(Self::href(flow, ask)) data-path-link { (flow.words.get("acknowledge")) }
            }
        }
    }

    fn back(&self, flow: &Flow<'_>) -> Markup {
        html! {
            p.links hidden { a href=(flow.site.start(flow.guide)) data-back { (flow.words.get("go-back")) } }
        }
    }

    fn answered(&self, flow: &Flow<'_>) -> Markup {
        let guide = flow.guide;
        let model = flow.query.session.variant();
        let page = Self::page(flow);
        let node = match page {
            StaticPage::Ask(q) | StaticPage::Caution(q) => guide.questions[q].id.as_str(),
            StaticPage::Outcome(o) | StaticPage::Summary(o) => guide.outcomes[o].id.as_str(),
        };
        let title = self.id(flow, "answers-title");
        html! {
            section.no-print hidden aria-labelledby=(title) data-path=(node) data-ask=(StaticPage::ask_template(guide, model)) {
                h2 id=(title) { (flow.words.get("your-answers")) }
                ol.answered {}
            }
            @if !page.is_first(guide, model) {
                p.no-print.links { a href=(flow.site.start(guide)) { (flow.words.get("start-over")) } }
            }
        }
    }

    fn model_link(&self, flow: &Flow<'_>, variant: Option<usize>, label: String) -> Markup {
        let href = Self::page(flow).href(flow.guide, variant);
        html! { a href=(href) data-path-link { (label) } }
    }

    fn contact_link(&self, flow: &Flow<'_>) -> Option<Markup> {
        let Some(server) = flow.server else {
            return Some(html! { p { (flow.words.get("contact-static-cannot-send")) } });
        };
        let contact = server.url(&format!("{}/contact", guide_url(flow.guide)));
        let href = with_query(&contact, &flow.walked.query);
        Some(html! { a.btn href=(href) data-server-link { (flow.words.get("contact-link")) } })
    }

    fn summary_link(&self, flow: &Flow<'_>, text: &str) -> Option<Markup> {
        let StaticPage::Outcome(outcome) = Self::page(flow) else {
            return None;
        };
        let escalate = flow.guide.outcomes[outcome].kind == OutcomeKind::Escalate;
        let href = StaticPage::Summary(outcome).href(flow.guide, None);
        escalate.then(|| html! { a href=(href) data-path-link { (text) } })
    }

    fn feedback(
        &self,
        flow: &Flow<'_>,
        outcome: Option<&str>,
        shown: &FeedbackState<'_>,
    ) -> Markup {
        let (Some(server), Some(outcome)) = (flow.server, outcome) else {
            return html! {};
        };
        let step = Self::page(flow).anchor(flow.guide, flow.query.session.variant());
        let on = FeedbackOn::Static {
            server,
            step: &step,
        };
        parts::feedback(flow.guide, &flow.walked.query, Some(outcome), on, shown)
    }
}
