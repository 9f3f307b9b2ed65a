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
use maud::{Markup, html};
use unstuck_core::Guide;
use unstuck_core::engine::query::{FlowQuery, to_query};
use unstuck_core::engine::{self, Position, Session, Summary, Walk};
use unstuck_core::model::{OutcomeKind, Question, Section};

/// A guide at the state a query describes.
pub(crate) struct Flow<'a> {
    pub(super) guide: &'a Guide,
    pub(super) query: &'a FlowQuery,
    pub(super) walk: Walk,
    /// The canonical query of the state.
    pub(super) state: String,
    full_url: String,
    pub(super) site: Site,
    controls: &'static dyn Controls,
}

impl<'a> Flow<'a> {
    /// The page of `query`'s state on `site` (a static site's pages have
    /// no answers: their session's entry is the page's node).
    pub(crate) fn new(guide: &'a Guide, query: &'a FlowQuery, site: Site) -> Self {
        Self {
            walk: engine::walk(guide, &query.session),
            state: to_query(guide, &query.session),
            full_url: site.full(guide),
            guide,
            query,
            site,
            controls: site.controls(),
        }
    }

    /// What showing this page means, for analytics.
    pub(crate) fn events(&self) -> Vec<crate::events::PageEvent> {
        crate::events::PageEvent::of_flow(self.guide, self.query, &self.walk)
    }

    pub(super) fn links(&self) -> Links<'_> {
        self.site.guide_links(&self.full_url)
    }

    /// Whether this is the guide's start: its summary and extras show.
    fn is_start(&self) -> bool {
        self.walk.path.is_empty()
            && self.query.session.entry().is_none()
            && self.query.change.is_none()
    }

    /// The page's content below the guide's title: the step, what a change
    /// did, the answers so far, and the links to the rest of the guide.
    pub(crate) fn content(&self, feedback: &FeedbackState<'_>) -> Markup {
        let guide = self.guide;
        let start = self.is_start();
        html! {
            @if start {
                p.lead { (markdown::inline(&guide.summary, self.links())) }
            }
            (self.change_notice())
            @match (self.query.change, self.walk.position) {
                (Some(question), _) => (self.question(question)),
                (None, Position::Question { question, caution: Some(section) }) => (self.caution(question, section)),
                (None, Position::Question { question, caution: None }) => (self.question(question)),
                (None, Position::Outcome(outcome)) => (self.outcome(outcome, feedback)),
            }
            @if !matches!(self.walk.position, Position::Outcome(_)) && !matches!(feedback, FeedbackState::Ask) {
                // Feedback sent from a page with no outcome (only a form
                // that failed can bring it here): show how it went.
                (self.controls.feedback(self, None, feedback))
            }
            (self.controls.answered(self))
            @if start { (self.start_extras()) }
            p.no-print {
                a href=(self.full_url) { "Show full guide" }
                @if let Some(link) = self.controls.summary_link(self, "Support summary") {
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
    pub(crate) fn render(&self, feedback: &FeedbackState<'_>) -> String {
        let main = html! {
            h1.guide-title { (markdown::inline(&self.guide.title, Links::InPage)) }
            (self.content(feedback))
        };
        let guide = self.guide;
        let title = self.title();
        let start = self.is_start();
        Page {
            title,
            lang: guide.lang.clone(),
            description: Some(guide.summary.plain()),
            structured_data: start.then(|| super::jsonld::faq(guide)).flatten(),
            main,
            root: self.site.guide_root(),
        }
        .render()
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
                html! { p.step-label { "Step " (step) @if changing { " — changing your answer" } } }
            }
            None => html! { p.step-label hidden data-step-label {} },
        }
    }

    /// "Step 3 — Does the physical key work? · Fix a smart lock…" (with
    /// no "Step 3 — " when the page does not know the step).
    fn title(&self) -> String {
        let guide_title = self.guide.title.plain();
        let step = match self.controls.step(self) {
            Some(step) => format!("Step {step} — "),
            None => String::new(),
        };
        match (self.query.change, self.walk.position) {
            (Some(question), _) => format!(
                "Change your answer — {} · {guide_title}",
                self.guide.questions[question].prompt.plain()
            ),
            (
                None,
                Position::Question {
                    caution: Some(section),
                    ..
                },
            ) => format!(
                "{step}Caution: {} · {guide_title}",
                self.guide.sections[section].title.plain()
            ),
            (None, Position::Question { question, .. }) => format!(
                "{step}{} · {guide_title}",
                self.guide.questions[question].prompt.plain()
            ),
            (None, Position::Outcome(outcome)) => {
                format!(
                    "{} · {guide_title}",
                    self.guide.outcomes[outcome].title.plain()
                )
            }
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
                p.hint { "You can change your answer later." }
                @if question.help.is_some() || section.is_some_and(|s| s.goal.is_some()) {
                    div.why {
                        @if let Some(help) = &question.help { (markdown::blocks(help, self.links())) }
                        @if let Some(goal) = section.and_then(|s| s.goal.as_ref()) {
                            p { strong { "Why this step: " } (markdown::inline(goal, self.links())) }
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
                (self.step_label(false))
                h2 id=(self.id("question")) tabindex="-1" { "Before you continue: " (markdown::inline(&section.title, self.links())) }
                (parts::caution(section, self.links()))
                p { "The next question is: " (markdown::inline(&guide.questions[question].prompt, self.links())) }
                (self.controls.acknowledge(self, index))
                (self.controls.back(self))
            }
        }
    }

    fn outcome(&self, index: usize, feedback: &FeedbackState<'_>) -> Markup {
        let guide = self.guide;
        let outcome = &guide.outcomes[index];
        let (class, icon, word) = match outcome.kind {
            OutcomeKind::Resolved => ("outcome resolved", "✓", "Fixed"),
            OutcomeKind::Escalate => ("outcome escalate", "!", "Time to get help"),
        };
        html! {
            section id=(self.id("step")) class=(class) aria-labelledby=(self.id("outcome")) {
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
                        (parts::get_help(help, &self.id(help.id.as_str()), self.links()))
                    }
                    h2 { "Support summary" }
                    p { "Have this ready when you call. It is built from your answers." }
                    (parts::summary_facts(&Summary::new(guide, &self.walk)))
                    @if let Some(link) = self.controls.contact_link(self) {
                        div.no-print { (link) }
                    }
                    @if let Some(link) = self.controls.summary_link(self, "Fill in, copy, download or print the support summary") {
                        p.no-print { (link) }
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
                    "Steps for: " strong { (chosen.label.plain()) } " · "
                    (link(None, "Change model".to_owned()))
                }
            },
            None => html! {
                div.models {
                    p { strong { (markdown::inline(&variants.title, self.links())) } " This step differs between them:" }
                    ul {
                        @for (n, variant) in variants.entries.iter().enumerate() {
                            li { (link(Some(n), variant.label.plain())) }
                        }
                    }
                }
            },
        }
    }

    /// After a change: what it changed, in plain words.
    fn change_notice(&self) -> Markup {
        let Some((question, old)) = self.query.was else {
            return html! {};
        };
        let guide = self.guide;
        let Some(new) = self.query.session.answer(question) else {
            return html! {};
        };
        let mut before: Session = self.query.session.clone();
        before.set_answer(question, old);
        let mut after = before.clone();
        let change = engine::answer(guide, &mut after, question, new);
        let answered = |questions: &[usize]| -> Vec<&Question> {
            questions
                .iter()
                .filter(|&&q| self.query.session.answer(q).is_some())
                .map(|&q| &guide.questions[q])
                .collect()
        };
        let (left, rejoined) = (answered(&change.left), answered(&change.joined));
        let q = &guide.questions[question];
        html! {
            div.notice role="status" {
                @if old == new {
                    p { "Your answer to “" (q.prompt.plain()) "” stays " strong { (q.answers[new].label.plain()) } "." }
                } @else {
                    p {
                        "You changed “" (q.prompt.plain()) "” from "
                        strong { (q.answers[old].label.plain()) } " to " strong { (q.answers[new].label.plain()) } "."
                    }
                }
                @if !left.is_empty() {
                    p { "These answers no longer apply. They are kept: change back to use them again." }
                    ul { @for q in &left { li { (q.prompt.plain()) } } }
                }
                @if !rejoined.is_empty() {
                    p { "These earlier answers apply again:" }
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
