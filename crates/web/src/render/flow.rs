//! The interactive guide: the current question with its step's
//! instructions and answer buttons, what a change did, the answers so far,
//! and at the end the outcome.
//!
//! Everything is a plain GET form or link whose URL holds the whole state,
//! so it works without JavaScript and the back button undoes an answer. On
//! a static site ([`Site::Static`]) answers are links to the file of the
//! next state, and "change" goes back to the file of that step.

use super::layout::Page;
use super::markdown::{self, Links};
use super::parts::{self, FeedbackOn, FeedbackState, Model};
use super::{Site, guide_url, with_query};
use maud::{Markup, html};
use unstuck_core::Guide;
use unstuck_core::engine::query::{FlowQuery, pairs, to_query};
use unstuck_core::engine::{self, Position, Session, Summary, Walk};
use unstuck_core::model::{OutcomeKind, Question, Section};

/// A guide at the state a query describes.
pub(crate) struct Flow<'a> {
    guide: &'a Guide,
    query: &'a FlowQuery,
    walk: Walk,
    /// The canonical query of the state.
    state: String,
    full_url: String,
    site: Site,
}

impl<'a> Flow<'a> {
    pub(crate) fn new(guide: &'a Guide, query: &'a FlowQuery, site: Site) -> Self {
        Self {
            walk: engine::walk(guide, &query.session),
            state: to_query(guide, &query.session),
            full_url: site.full(guide),
            guide,
            query,
            site,
        }
    }

    /// What showing this page means, for analytics.
    pub(crate) fn events(&self) -> Vec<crate::events::PageEvent> {
        crate::events::PageEvent::of_flow(self.guide, self.query, &self.walk)
    }

    fn links(&self) -> Links<'_> {
        Links::On(&self.full_url)
    }

    /// The model whose items this page shows.
    fn model(&self) -> Model<'a> {
        Model::chosen(self.guide, self.query.session.variant())
    }

    /// The page for this state; `feedback` says what the feedback form shows.
    pub(crate) fn render(&self, feedback: &FeedbackState<'_>) -> String {
        let guide = self.guide;
        let title = self.title();
        let start = self.walk.path.is_empty()
            && self.query.session.entry().is_none()
            && self.query.change.is_none();
        let main = html! {
            h1.guide-title { (markdown::inline(&guide.title, Links::InPage)) }
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
            @if self.site == Site::Served && !matches!(self.walk.position, Position::Outcome(_)) && !matches!(feedback, FeedbackState::Ask) {
                // Feedback sent from a page with no outcome (only a form
                // that failed can bring it here): show how it went.
                (parts::feedback(guide.id.as_str(), &self.state, None, FeedbackOn::Flow, feedback))
            }
            (self.answered())
            @if start { (self.start_extras()) }
            p.no-print {
                a href=(self.full_url) { "Show full guide" }
                @if self.has_summary_page() {
                    " · " a href=(self.site.summary(guide, &self.query.session)) { "Support summary" }
                }
            }
        };
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

    /// Whether this state links to its support summary: every answered
    /// state when served; on a static site, which has a summary file only
    /// for them, the "get help" outcomes.
    pub(crate) fn has_summary_page(&self) -> bool {
        match (self.site, self.walk.position) {
            (Site::Served, _) => !self.walk.path.is_empty(),
            (Site::Static, Position::Outcome(outcome)) => {
                self.guide.outcomes[outcome].kind == OutcomeKind::Escalate
            }
            (Site::Static, Position::Question { .. }) => false,
        }
    }

    /// The page of the state after one more step from this one.
    fn next(&self, step: impl FnOnce(&mut Session)) -> String {
        let mut next = self.query.session.clone();
        step(&mut next);
        format!("{}#step", self.site.state(self.guide, &next))
    }

    /// The page of step `step` of the path (0 is the first question), to
    /// answer it again; on a static site the answers after it are dropped.
    fn back_to(&self, step: usize) -> String {
        let session = &self.query.session;
        let earlier = engine::rewind(self.guide, session, &self.walk, step);
        format!("{}#step", self.site.state(self.guide, &earlier))
    }

    /// "Step 3 — Does the physical key work? · Fix a smart lock…"
    fn title(&self) -> String {
        let guide_title = self.guide.title.plain();
        let step = self.walk.path.len() + 1;
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
                "Step {step} — Caution: {} · {guide_title}",
                self.guide.sections[section].title.plain()
            ),
            (None, Position::Question { question, .. }) => format!(
                "Step {step} — {} · {guide_title}",
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

    /// Hidden inputs carrying the state, except the answer to `skip`.
    fn hidden_state(&self, skip: Option<usize>) -> Markup {
        let skipped = skip.map(|q| self.guide.questions[q].id.as_str());
        html! {
            @for (key, value) in pairs(self.guide, &self.query.session) {
                @if Some(key) != skipped {
                    input type="hidden" name=(key) value=(value);
                }
            }
        }
    }

    fn question(&self, index: usize) -> Markup {
        let guide = self.guide;
        let question: &Question = &guide.questions[index];
        let changing = self.query.change == Some(index);
        let current = self.query.session.answer(index);
        let step = if changing {
            self.walk
                .path
                .iter()
                .position(|s| s.question == index)
                .map_or(self.walk.path.len() + 1, |n| n + 1)
        } else {
            self.walk.path.len() + 1
        };
        let action = format!("{}#step", guide_url(guide.id.as_str()));
        // Short answers ("Yes", "No") sit side by side: one row to tap.
        let short = question.answers.len() <= 3
            && question
                .answers
                .iter()
                .all(|a| a.label.plain().chars().count() <= 12);
        html! {
            section.card.step #step aria-labelledby="question" {
                p.step-label { "Step " (step) @if changing { " — changing your answer" } }
                h2 #question tabindex="-1" { (markdown::inline(&question.prompt, self.links())) }
                @let section = guide.section_of(question);
                @if let Some(section) = section {
                    (self.model_choice(section))
                    div.how {
                        h3 { (markdown::inline(&section.title, self.links())) }
                        (parts::actions(section, self.links(), self.model()))
                    }
                }
                @if self.site == Site::Static {
                    nav.answers.short[short] aria-label="Answers" {
                        @for (n, answer) in question.answers.iter().enumerate() {
                            a.btn href=(self.next(|next| next.set_answer(index, n))) {
                                (markdown::inline(&answer.label, self.links()))
                            }
                        }
                    }
                } @else {
                    form.answers.short[short] method="get" action=(action) {
                        (self.hidden_state(Some(index)))
                        @if let (true, Some(answer)) = (changing, current) {
                            input type="hidden" name="was" value=(format!("{}.{}", question.id, question.answers[answer].id));
                        }
                        @for (n, answer) in question.answers.iter().enumerate() {
                            @let is_current = changing && current == Some(n);
                            button type="submit" name=(question.id.as_str()) value=(answer.id.as_str()) class=[is_current.then_some("current")] {
                                (markdown::inline(&answer.label, self.links()))
                                @if is_current { span.sr { " (your answer now)" } }
                            }
                        }
                    }
                }
                p.hint { "You can change your answer later." }
                @if question.help.is_some() || section.is_some_and(|s| s.goal.is_some()) {
                    div.why {
                        @if let Some(help) = &question.help { (markdown::blocks(help, self.links())) }
                        @if let Some(goal) = section.and_then(|s| s.goal.as_ref()) {
                            p { strong { "Why this step: " } (markdown::inline(goal, self.links())) }
                        }
                    }
                }
                @if changing {
                    p { a href=(with_query(&guide_url(guide.id.as_str()), &self.state)) { "Keep my answer" } }
                }
            }
        }
    }

    fn caution(&self, question: usize, index: usize) -> Markup {
        let guide = self.guide;
        let section = &guide.sections[index];
        let action = format!("{}#step", guide_url(guide.id.as_str()));
        html! {
            section.card.step #step aria-labelledby="question" {
                p.step-label { "Step " (self.walk.path.len() + 1) }
                h2 #question tabindex="-1" { "Before you continue: " (markdown::inline(&section.title, self.links())) }
                (parts::caution(section, self.links()))
                p { "The next question is: " (markdown::inline(&guide.questions[question].prompt, self.links())) }
                @if self.site == Site::Static {
                    div.answers {
                        a.btn href=(self.next(|next| next.acknowledge(index))) { "I understand — show the step" }
                    }
                } @else {
                    form.answers method="get" action=(action) {
                        (self.hidden_state(None))
                        button type="submit" name="ack" value=(section.id.as_str()) { "I understand — show the step" }
                    }
                }
                @if let Some(last) = self.walk.path.last() {
                    @let back = match self.site {
                        Site::Served => self.url_without(last.question),
                        Site::Static => self.back_to(self.walk.path.len() - 1),
                    };
                    p { a href=(back) { "Go back to the previous question" } }
                }
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
            section class=(class) #step aria-labelledby="outcome" {
                p.badge { span aria-hidden="true" { (icon) " " } (word) }
                h2 #outcome tabindex="-1" { (markdown::inline(&outcome.title, self.links())) }
                @if let Some(body) = &outcome.body { (markdown::blocks(body, self.links())) }
            }
            @match outcome.kind {
                OutcomeKind::Resolved => {
                    @if let Some(verification) = &guide.verification {
                        (parts::verification(verification, self.links(), self.model()))
                    }
                }
                OutcomeKind::Escalate => {
                    @if let Some(help) = &guide.get_help {
                        (parts::get_help(help, self.links()))
                    }
                    h2 { "Support summary" }
                    p { "Have this ready when you call. It is built from your answers." }
                    (parts::summary_facts(&Summary::new(guide, &self.walk)))
                    p.no-print {
                        a href=(self.site.summary(guide, &self.query.session)) {
                            "Fill in, copy, download or print the support summary"
                        }
                    }
                }
            }
            @if self.site == Site::Served {
                (parts::feedback(guide.id.as_str(), &self.state, Some(outcome.id.as_str()), FeedbackOn::Flow, feedback))
            }
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
        let with = |variant: Option<usize>| self.next(|next| next.set_variant(variant));
        match self
            .query
            .session
            .variant()
            .and_then(|n| variants.entries.get(n))
        {
            Some(chosen) => html! {
                p.models {
                    "Steps for: " strong { (chosen.label.plain()) } " · "
                    a href=(with(None)) { "Change model" }
                }
            },
            None => html! {
                div.models {
                    p { strong { (markdown::inline(&variants.title, self.links())) } " This step differs between them:" }
                    ul {
                        @for (n, variant) in variants.entries.iter().enumerate() {
                            li { a href=(with(Some(n))) { (variant.label.plain()) } }
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

    /// The answers on the path, each with a link to change it.
    fn answered(&self) -> Markup {
        let guide = self.guide;
        if self.walk.path.is_empty() {
            return html! {};
        }
        html! {
            section.no-print aria-labelledby="answers-title" {
                h2 #answers-title { "Your answers" }
                ol.answered {
                    @for (n, step) in self.walk.path.iter().enumerate() {
                        @let question = &guide.questions[step.question];
                        @let change = match self.site {
                            Site::Served => format!("{}&change={}#step", with_query(&guide_url(guide.id.as_str()), &self.state), question.id),
                            Site::Static => self.back_to(n),
                        };
                        li {
                            span.q { (question.prompt.plain()) }
                            span.a { (question.answers[step.answer].label.plain()) }
                            a href=(change) aria-label=(format!("Change your answer to: {}", question.prompt.plain())) { "Change" }
                        }
                    }
                }
                p { a href=(self.site.start(guide)) { "Start over" } }
            }
        }
    }

    /// At the start: the triage and "what you'll need", below the question.
    fn start_extras(&self) -> Markup {
        let guide = self.guide;
        html! {
            @if let Some(triage) = &guide.triage {
                section aria-labelledby="triage-title" {
                    h2 #triage-title { (markdown::inline(&triage.title, self.links())) }
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
                section aria-labelledby="faq-title" {
                    h2 #faq-title { (markdown::inline(&faq.title, self.links())) }
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

    /// The state's URL with the answer to `question` removed.
    fn url_without(&self, question: usize) -> String {
        let mut session = self.query.session.clone();
        session.clear_answer(question);
        format!(
            "{}#step",
            with_query(
                &guide_url(self.guide.id.as_str()),
                &to_query(self.guide, &session)
            )
        )
    }
}
