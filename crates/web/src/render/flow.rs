//! The interactive guide: the current question with its step's
//! instructions and answer buttons, what a change did, the answers so far,
//! and at the end the outcome.
//!
//! The page is the same for every kind of site; what differs (forms or
//! links, what is known of the path) comes from the site's
//! [`Controls`](super::controls::Controls). Either way everything works
//! without JavaScript and the back button undoes an answer.

use super::Site;
use super::controls::Controls;
use super::layout::Page;
use super::markdown::{self, Links};
use super::parts::{self, FeedbackState, Model};
use super::words::Words;
use crate::static_site::ServerAddress;
use maud::{Markup, html};
use unstuck_core::Guide;
use unstuck_core::engine::query::{FlowQuery, Walked};
use unstuck_core::engine::{self, Change, Position, Session, Summary};
use unstuck_core::model::{OutcomeKind, Question, Section};
use unstuck_locale::Arg;

/// A guide at the state a query describes.
pub(crate) struct Flow<'a> {
    pub(super) guide: &'a Guide,
    pub(super) query: &'a FlowQuery,
    /// The session walked once, with its canonical query: nothing on
    /// the page walks it again.
    pub(super) walked: &'a Walked<'a>,
    full_url: String,
    pub(super) site: Site,
    /// The interface text, in the guide's language.
    pub(super) words: Words,
    controls: &'static dyn Controls,
    /// The server a static page's forms post to (`build --server`), if any.
    pub(super) server: Option<&'a ServerAddress>,
}

impl<'a> Flow<'a> {
    /// The page of `query`'s state on `site` (a static site's pages have
    /// no answers: their session's entry is the page's node), with
    /// `walked`, the walk of `query`'s session.
    pub(crate) fn new(
        guide: &'a Guide,
        query: &'a FlowQuery,
        walked: &'a Walked<'a>,
        site: Site,
    ) -> Self {
        Self {
            walked,
            full_url: site.full(guide),
            guide,
            query,
            site,
            words: Words::of(guide),
            controls: site.controls(),
            server: None,
        }
    }

    /// The same page, its forms posting to `server` (a static site's; none:
    /// a static page has no form).
    pub(crate) fn posting_to(self, server: Option<&'a ServerAddress>) -> Self {
        Self { server, ..self }
    }

    /// What showing this page means, for analytics.
    pub(crate) fn events(&self) -> Vec<crate::events::PageEvent> {
        crate::events::PageEvent::of_flow(self.guide, self.query, &self.walked.walk)
    }

    pub(super) fn links(&self) -> Links<'_> {
        self.site.guide_links(&self.full_url)
    }

    /// Whether this is the guide's start: its summary and extras show.
    fn is_start(&self) -> bool {
        self.walked.walk.path.is_empty()
            && self.query.session.entry().is_none()
            && self.query.change.is_none()
    }

    /// The page's content below the guide's title: the step (with what a
    /// change did), the answers so far, and the links to the rest of the guide.
    pub(crate) fn content(&self, feedback: &FeedbackState<'_>) -> Markup {
        let guide = self.guide;
        let start = self.is_start();
        html! {
            @if start {
                p.lead { (markdown::inline(&guide.summary, self.links())) }
            }
            @match (self.query.change, self.walked.walk.position) {
                (Some(question), _) => (self.question(question)),
                (None, Position::Question { question, caution: Some(section) }) => (self.caution(question, section)),
                (None, Position::Question { question, caution: None }) => (self.question(question)),
                (None, Position::Outcome(outcome)) => (self.outcome(outcome, feedback)),
            }
            @if !matches!(self.walked.walk.position, Position::Outcome(_)) && !matches!(feedback, FeedbackState::Ask) {
                // Feedback sent from a page with no outcome (only a form
                // that failed can bring it here): show how it went.
                (self.controls.feedback(self, None, feedback))
            }
            (self.controls.answered(self))
            @if start { (self.start_extras()) }
            p.no-print.links {
                a href=(self.full_url) { (self.words.get("show-full-guide")) }
                @if let Some(link) = self.controls.summary_link(self, &self.words.get("summary")) {
                    " · " (link)
                }
            }
        }
    }

    /// The model whose items this page shows.
    fn model(&self) -> Model<'a> {
        Model::chosen(self.guide, self.query.session.variant())
    }

    /// The page for this state; `feedback` says what the feedback form shows.
    pub(crate) fn page(&self, feedback: &FeedbackState<'_>) -> Page {
        let main = html! {
            h1.guide-title { (markdown::inline(&self.guide.title, Links::InPage)) }
            (self.content(feedback))
        };
        let guide = self.guide;
        let title = self.title();
        let start = self.is_start();
        Page {
            structured_data: start.then(|| super::jsonld::faq(guide)).flatten(),
            ..Page::of_guide(guide, title, main).at(self.site.guide_root(guide))
        }
    }

    /// The id of the page's element `name`, unique in its page.
    fn id(&self, name: &str) -> String {
        self.controls.id(self, name)
    }

    /// "Step 3", when the page knows it; when it does not, an empty
    /// label the optional script fills in from the path it carries.
    fn step_label(&self, changing: bool) -> Markup {
        match self.controls.step(self) {
            Some(step) => {
                let id = if changing {
                    "step-label-changing"
                } else {
                    "step-label"
                };
                html! { p.step-label { (self.words.with(id, &[("number", Arg::Number(step as u64))])) } }
            }
            None => html! { p.step-label hidden data-step-label {} },
        }
    }

    /// "Step 3 — Does the physical key work? · Fix a smart lock…" (with
    /// no "Step 3 — " when the page does not know the step).
    fn title(&self) -> String {
        let words = self.words;
        let heading = match (self.query.change, self.walked.walk.position) {
            (Some(question), _) => {
                let prompt = self.guide.questions[question].prompt.plain();
                words.with("change-title", &[("question", Arg::Text(&prompt))])
            }
            (
                None,
                Position::Question {
                    caution: Some(section),
                    ..
                },
            ) => {
                let title = self.guide.sections[section].title.plain();
                words.with("caution-title", &[("section", Arg::Text(&title))])
            }
            (None, Position::Question { question, .. }) => {
                self.guide.questions[question].prompt.plain()
            }
            (None, Position::Outcome(outcome)) => self.guide.outcomes[outcome].title.plain(),
        };
        let guide = self.guide.title.plain();
        let step = match (self.query.change, self.walked.walk.position) {
            (None, Position::Question { .. }) => self.controls.step(self),
            _ => None,
        };
        let (heading, guide) = (Arg::Text(&heading), Arg::Text(&guide));
        match step {
            Some(step) => words.with(
                "step-title",
                &[
                    ("number", Arg::Number(step as u64)),
                    ("heading", heading),
                    ("guide", guide),
                ],
            ),
            None => words.with("heading-title", &[("heading", heading), ("guide", guide)]),
        }
    }

    fn question(&self, index: usize) -> Markup {
        let guide = self.guide;
        let question: &Question = &guide.questions[index];
        let changing = self.query.change == Some(index);
        // Short answers ("Yes", "No") sit side by side: one row to tap.
        let short = question.answers.len() <= 3
            && question
                .answers
                .iter()
                .all(|a| a.label.plain().chars().count() <= 12);
        html! {
            section.card.step id=(self.id("step")) aria-labelledby=(self.id("question")) {
                (self.change_notice())
                (self.step_label(changing))
                h2 id=(self.id("question")) tabindex="-1" { (markdown::inline(&question.prompt, self.links())) }
                @let section = guide.section_of(question);
                @if let Some(section) = section {
                    (self.model_choice(section))
                    div.how {
                        h3 { (markdown::inline(&section.title, self.links())) }
                        (parts::actions(section, self.links(), self.model()))
                    }
                }
                (self.controls.answers(self, index, short))
                p.hint { (self.words.get("change-later")) }
                @if question.help.is_some() || section.is_some_and(|s| s.goal.is_some()) {
                    div.why {
                        @if let Some(help) = &question.help { (markdown::blocks(help, self.links())) }
                        @if let Some(goal) = section.and_then(|s| s.goal.as_ref()) {
                            p { strong { (self.words.get("why-this-step")) " " } (markdown::inline(goal, self.links())) }
                        }
                    }
                }
                @if changing { (self.controls.keep_answer(self)) }
            }
        }
    }

    fn caution(&self, question: usize, index: usize) -> Markup {
        let guide = self.guide;
        let section = &guide.sections[index];
        html! {
            section.card.step id=(self.id("step")) aria-labelledby=(self.id("question")) {
                (self.change_notice())
                (self.step_label(false))
                h2 id=(self.id("question")) tabindex="-1" {
                    (self.words.markup("caution-before", &[("section", markdown::inline(&section.title, self.links()))]))
                }
                (parts::caution(section, self.links(), self.words))
                p { (self.words.markup("caution-next-question", &[("question", markdown::inline(&guide.questions[question].prompt, self.links()))])) }
                (self.controls.acknowledge(self, index))
                (self.controls.back(self))
            }
        }
    }

    fn outcome(&self, index: usize, feedback: &FeedbackState<'_>) -> Markup {
        let guide = self.guide;
        let outcome = &guide.outcomes[index];
        let (class, icon, word) = match outcome.kind {
            OutcomeKind::Resolved => ("outcome resolved", "✓", self.words.get("outcome-fixed")),
            OutcomeKind::Escalate => ("outcome escalate", "!", self.words.get("outcome-escalate")),
        };
        html! {
            section id=(self.id("step")) class=(class) aria-labelledby=(self.id("outcome")) {
                (self.change_notice())
                p.badge { span aria-hidden="true" { (icon) " " } (word) }
                h2 id=(self.id("outcome")) tabindex="-1" { (markdown::inline(&outcome.title, self.links())) }
                @if let Some(body) = &outcome.body { (markdown::blocks(body, self.links())) }
            }
            @match outcome.kind {
                OutcomeKind::Resolved => {
                    @if let Some(verification) = &guide.verification {
                        (parts::verification(verification, &self.id(verification.id.as_str()), self.links(), self.model()))
                    }
                }
                OutcomeKind::Escalate => {
                    @if let Some(help) = &guide.get_help {
                        (parts::get_help(help, &self.id(help.id.as_str()), self.links(), self.words))
                    }
                    h2 { (self.words.get("summary")) }
                    p { (self.words.get("summary-have-ready")) }
                    (parts::summary_facts(&Summary::new(guide, &self.walked.walk), self.words))
                    @if let Some(link) = self.controls.contact_link(self) {
                        div.no-print { (link) }
                    }
                    @if let Some(link) = self.controls.summary_link(self, &self.words.get("summary-fill-link")) {
                        p.no-print.links { (link) }
                    }
                }
            }
            (self.controls.feedback(self, Some(outcome.id.as_str()), feedback))
        }
    }

    /// Where a step differs between models: which one the steps are for,
    /// or links to choose one (the steps show every model's items until
    /// then, each marked).
    fn model_choice(&self, section: &Section) -> Markup {
        let Some(variants) = &self.guide.variants else {
            return html! {};
        };
        if section
            .actions
            .iter()
            .all(|action| action.only().is_empty())
        {
            return html! {};
        }
        let link =
            |variant: Option<usize>, label: String| self.controls.model_link(self, variant, label);
        match self
            .query
            .session
            .variant()
            .and_then(|n| variants.entries.get(n))
        {
            Some(chosen) => html! {
                p.models {
                    (self.words.markup("steps-for-model", &[("model", html! { strong { (chosen.label.plain()) } })]))
                    " · "
                    (link(None, self.words.get("change-model")))
                }
            },
            None => html! {
                div.models {
                    p { strong { (markdown::inline(&variants.title, self.links())) }  " " (self.words.get("step-differs")) }
                    ul {
                        @for (n, variant) in variants.entries.iter().enumerate() {
                            li { (link(Some(n), variant.label.plain())) }
                        }
                    }
                }
            },
        }
    }

    /// After a change: what it changed, in plain words, at the top of the
    /// step it led to (where the page lands: `#step`).
    fn change_notice(&self) -> Markup {
        let Some((question, old)) = self.query.was else {
            return html! {};
        };
        let guide = self.guide;
        let Some(new) = self.query.session.answer(question) else {
            return html! {};
        };
        // This page's session is the one after the change: only the one
        // before it needs a walk.
        let mut before: Session = self.query.session.clone();
        before.set_answer(question, old);
        let change = Change::between(guide, &engine::walk(guide, &before), &self.walked.walk);
        let answered = |questions: &[usize]| -> Vec<&Question> {
            questions
                .iter()
                .filter(|&&q| self.query.session.answer(q).is_some())
                .map(|&q| &guide.questions[q])
                .collect()
        };
        let (left, rejoined) = (answered(&change.left), answered(&change.joined));
        let q = &guide.questions[question];
        let words = self.words;
        let prompt = html! { (q.prompt.plain()) };
        let answer = |n: usize| html! { strong { (q.answers[n].label.plain()) } };
        let count = |list: &[&Question]| [("count", Arg::Number(list.len() as u64))];
        html! {
            div.notice role="status" {
                @if old == new {
                    p { (words.markup("answer-stays", &[("question", prompt), ("answer", answer(new))])) }
                } @else {
                    p { (words.markup("answer-changed", &[("question", prompt), ("old", answer(old)), ("new", answer(new))])) }
                }
                @if !left.is_empty() {
                    p { (words.with("answers-left", &count(&left))) }
                    ul { @for q in &left { li { (q.prompt.plain()) } } }
                }
                @if !rejoined.is_empty() {
                    p { (words.with("answers-rejoined", &count(&rejoined))) }
                    ul { @for q in &rejoined { li { (q.prompt.plain()) } } }
                }
            }
        }
    }

    /// At the start: the triage and "what you'll need", below the question.
    fn start_extras(&self) -> Markup {
        let guide = self.guide;
        html! {
            @if let Some(triage) = &guide.triage {
                section aria-labelledby=(self.id("triage-title")) {
                    h2 id=(self.id("triage-title")) { (markdown::inline(&triage.title, self.links())) }
                    @if let Some(intro) = &triage.intro { (markdown::blocks(intro, self.links())) }
                    ul.triage {
                        @for entry in &triage.entries {
                            li {
                                a href=(super::triage_link(self.site, guide, entry)) { (markdown::inline(&entry.label, self.links())) }
                                " " (markdown::inline(&entry.description, self.links()))
                            }
                        }
                    }
                }
            }
            @if let Some(needs) = &guide.needs {
                details {
                    summary { (markdown::inline(&needs.title, self.links())) }
                    @if let Some(intro) = &needs.intro { (markdown::blocks(intro, self.links())) }
                    ul { (parts::items(&needs.items, self.links(), self.model())) }
                }
            }
            @if let Some(faq) = &guide.faq {
                section aria-labelledby=(self.id("faq-title")) {
                    h2 id=(self.id("faq-title")) { (markdown::inline(&faq.title, self.links())) }
                    @for entry in &faq.entries {
                        details {
                            summary { (markdown::inline(&entry.question, self.links())) }
                            (markdown::blocks(&entry.answer, self.links()))
                        }
                    }
                }
            }
        }
    }
}
