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
use unstuck_core::engine::query::pairs;

/// `unstuck serve`'s controls.
pub(super) struct Served;

impl Served {
    /// Hidden inputs carrying the state, except the answer to `skip`.
    fn hidden_state(flow: &Flow<'_>, skip: Option<usize>) -> Markup {
        let skipped = skip.map(|q| flow.guide.questions[q].id.as_str());
        html! {
            @for (key, value) in pairs(flow.guide, &flow.query.session) {
                @if Some(key) != skipped {
                    input type="hidden" name=(key) value=(value);
                }
            }
        }
    }

    /// Where the forms send their answers.
    fn action(flow: &Flow<'_>) -> String {
        format!("{}#step", guide_url(flow.guide.id.as_str()))
    }
}

impl Controls for Served {
    fn id(&self, _: &Flow<'_>, name: &str) -> String {
        name.to_owned()
    }

    fn step(&self, flow: &Flow<'_>) -> Option<usize> {
        let after = flow.walk.path.len() + 1;
        Some(match flow.query.change {
            Some(question) => (flow.walk.path.iter())
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
                        @if is_current { span.sr { " (your answer now)" } }
                    }
                }
            }
        }
    }

    fn keep_answer(&self, flow: &Flow<'_>) -> Markup {
        html! {
            p { a href=(with_query(&guide_url(flow.guide.id.as_str()), &flow.state)) { "Keep my answer" } }
        }
    }

    fn acknowledge(&self, flow: &Flow<'_>, section: usize) -> Markup {
        html! {
            form.answers method="get" action=(Self::action(flow)) {
                (Self::hidden_state(flow, None))
                button type="submit" name="ack" value=(flow.guide.sections[section].id.as_str()) { "I understand — show the step" }
            }
        }
    }

    fn back(&self, flow: &Flow<'_>) -> Markup {
        let Some(last) = flow.walk.path.last() else {
            return html! {};
        };
        let mut session = flow.query.session.clone();
        session.clear_answer(last.question);
        html! {
            p { a href=(format!("{}#step", state_url(flow.guide, &session))) { "Go back to the previous question" } }
        }
    }

    fn answered(&self, flow: &Flow<'_>) -> Markup {
        let guide = flow.guide;
        if flow.walk.path.is_empty() {
            return html! {};
        }
        let here = with_query(&guide_url(guide.id.as_str()), &flow.state);
        html! {
            section.no-print aria-labelledby="answers-title" {
                h2 #answers-title { "Your answers" }
                ol.answered {
                    @for step in &flow.walk.path {
                        @let question = &guide.questions[step.question];
                        li {
                            span.q { (question.prompt.plain()) }
                            span.a { (question.answers[step.answer].label.plain()) }
                            a href=(format!("{here}&change={}#step", question.id)) aria-label=(format!("Change your answer to: {}", question.prompt.plain())) { "Change" }
                        }
                    }
                }
                p { a href=(flow.site.start(guide)) { "Start over" } }
            }
        }
    }

    fn model_link(&self, flow: &Flow<'_>, variant: Option<usize>, label: String) -> Markup {
        let mut session = flow.query.session.clone();
        session.set_variant(variant);
        html! { a href=(format!("{}#step", state_url(flow.guide, &session))) { (label) } }
    }

    fn summary_link(&self, flow: &Flow<'_>, text: &str) -> Option<Markup> {
        let at_outcome = matches!(flow.walk.position, Position::Outcome(_));
        (at_outcome || !flow.walk.path.is_empty()).then(|| {
            html! { a href=(summary_url(flow.guide, &flow.query.session)) { (text) } }
        })
    }

    fn contact_link(&self, flow: &Flow<'_>) -> Option<Markup> {
        let base = format!("{}/contact", guide_url(flow.guide.id.as_str()));
        let href = with_query(&base, &flow.state);
        Some(html! { a.btn href=(href) { "Send my answers to support" } })
    }

    fn feedback(
        &self,
        flow: &Flow<'_>,
        outcome: Option<&str>,
        shown: &FeedbackState<'_>,
    ) -> Markup {
        parts::feedback(
            flow.guide.id.as_str(),
            &flow.state,
            outcome,
            FeedbackOn::Flow,
            shown,
        )
    }
}
