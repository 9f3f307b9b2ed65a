//! The served site's controls: GET forms whose fields hold the whole
//! state, links with the state in the query, and the feedback form. The
//! server knows the path, so every page shows the answers so far.

use super::Controls;
use crate::render::flow::Flow;
use crate::render::markdown;
use crate::render::parts::{self, FeedbackOn, FeedbackState};
use crate::render::{guide_url, state_url, summary_url, with_query};
use maud::{Markup, html};
use unstuck_core::engine::Position;
use unstuck_locale::Arg;

/// `unstuck serve`'s controls.
pub(super) struct Served;

impl Served {
    /// Hidden inputs carrying the state, except the answer to `skip`.
    fn hidden_state(flow: &Flow<'_>, skip: Option<usize>) -> Markup {
        let skipped = skip.map(|q| flow.guide.questions[q].id.as_str());
        html! {
            @for &(key, value) in &flow.walked.pairs {
                @if Some(key) != skipped {
                    input type="hidden" name=(key) value=(value);
                }
            }
        }
    }

    /// Where the forms send their answers.
    fn action(flow: &Flow<'_>) -> String {
        format!("{}#step", guide_url(flow.guide))
    }
}

impl Controls for Served {
    fn id(&self, _: &Flow<'_>, name: &str) -> String {
        name.to_owned()
    }

    fn step(&self, flow: &Flow<'_>) -> Option<usize> {
        let after = flow.walked.walk.path.len() + 1;
        Some(match flow.query.change {
            Some(question) => (flow.walked.walk.path.iter())
                .position(|s| s.question == question)
                .map_or(after, |n| n + 1),
            None => after,
        })
    }

    fn answers(&self, flow: &Flow<'_>, index: usize, short: bool) -> Markup {
        let question = &flow.guide.questions[index];
        let changing = flow.query.change == Some(index);
        let current = flow.query.session.answer(index);
        html! {
            form.answers.short[short] method="get" action=(Self::action(flow)) {
                (Self::hidden_state(flow, Some(index)))
                @if let (true, Some(answer)) = (changing, current) {
                    input type="hidden" name="was" value=(format!("{}.{}", question.id, question.answers[answer].id));
                }
                @for (n, answer) in question.answers.iter().enumerate() {
                    @let is_current = changing && current == Some(n);
                    button type="submit" name=(question.id.as_str()) value=(answer.id.as_str()) class=[is_current.then_some("current")] {
                        (markdown::inline(&answer.label, flow.links()))
                        @if is_current { span.sr { " " (flow.words.get("your-answer-now")) } }
                    }
                }
            }
        }
    }

    fn keep_answer(&self, flow: &Flow<'_>) -> Markup {
        html! {
            p.links { a href=(with_query(&guide_url(flow.guide), &flow.walked.query)) { (flow.words.get("keep-answer")) } }
        }
    }

    fn acknowledge(&self, flow: &Flow<'_>, section: usize) -> Markup {
        html! {
            form.answers method="get" action=(Self::action(flow)) {
                (Self::hidden_state(flow, None))
                button type="submit" name="ack" value=(flow.guide.sections[section].id.as_str()) { (flow.words.get("acknowledge")) }
            }
        }
    }

    fn back(&self, flow: &Flow<'_>) -> Markup {
        let Some(previous) = flow.walked.query_before_last_answer(flow.guide) else {
            return html! {};
        };
        html! {
            p.links { a href=(format!("{}#step", state_url(flow.guide, &previous))) { (flow.words.get("go-back")) } }
        }
    }

    fn answered(&self, flow: &Flow<'_>) -> Markup {
        let guide = flow.guide;
        if flow.walked.walk.path.is_empty() {
            return html! {};
        }
        let here = with_query(&guide_url(guide), &flow.walked.query);
        html! {
            section.no-print aria-labelledby="answers-title" {
                h2 #answers-title { (flow.words.get("your-answers")) }
                ol.answered {
                    @for step in &flow.walked.walk.path {
                        @let question = &guide.questions[step.question];
                        li {
                            span.q { (question.prompt.plain()) }
                            span.a { (question.answers[step.answer].label.plain()) }
                            a href=(format!("{here}&change={}#step", question.id)) aria-label=(flow.words.with("change-aria", &[("question", Arg::Text(&question.prompt.plain()))])) { (flow.words.get("change")) }
                        }
                    }
                }
                p.links { a href=(flow.site.start(guide)) { (flow.words.get("start-over")) } }
            }
        }
    }

    fn model_link(&self, flow: &Flow<'_>, variant: Option<usize>, label: String) -> Markup {
        let query = flow.walked.query_with_variant(flow.guide, variant);
        html! { a href=(format!("{}#step", state_url(flow.guide, &query))) { (label) } }
    }

    fn summary_link(&self, flow: &Flow<'_>, text: &str) -> Option<Markup> {
        let at_outcome = matches!(flow.walked.walk.position, Position::Outcome(_));
        (at_outcome || !flow.walked.walk.path.is_empty()).then(|| {
            html! { a href=(summary_url(flow.guide, &flow.walked.query)) { (text) } }
        })
    }

    fn contact_link(&self, flow: &Flow<'_>) -> Option<Markup> {
        let base = format!("{}/contact", guide_url(flow.guide));
        let href = with_query(&base, &flow.walked.query);
        Some(html! { a.btn href=(href) { (flow.words.get("contact-link")) } })
    }

    fn feedback(
        &self,
        flow: &Flow<'_>,
        outcome: Option<&str>,
        shown: &FeedbackState<'_>,
    ) -> Markup {
        parts::feedback(
            flow.guide,
            &flow.walked.query,
            outcome,
            FeedbackOn::Flow,
            shown,
        )
    }
}
