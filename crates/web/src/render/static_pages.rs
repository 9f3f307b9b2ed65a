//! The steps of a static site's guide: one per question, caution and
//! outcome (once per model the person may choose), and a support summary
//! per "get help" outcome, all in the guide's one page, so a guide's size
//! grows with its steps, never with its number of paths.
//!
//! Each step is a section of the page, shown when the address's fragment
//! names it (CSS `:target`); the first one when none does. Their anchors
//! use the ids (`q_ID`, `c_ID`, `o_ID`, `s_ID`, and `_MODEL` after for a
//! model's): ids hold only `a-z`, `0-9` and `-`, so no two steps and no
//! anchor of the guide's own text can share one.

use unstuck_core::Guide;
use unstuck_core::engine::Session;
use unstuck_core::model::{Node, OutcomeKind};

/// One step of a guide's flow on a static site: a section of its page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum StaticPage {
    /// A question with its step and answers, by index.
    Ask(usize),
    /// The caution to acknowledge before the question is shown.
    Caution(usize),
    /// An outcome, by index.
    Outcome(usize),
    /// The support summary of a "get help" outcome.
    Summary(usize),
}

impl StaticPage {
    /// The page a link into `node` opens: its caution first, unless the
    /// link comes from a question of the same section (`from`), whose
    /// caution was acknowledged to get there.
    pub(crate) fn into_node(guide: &Guide, node: Node, from: Option<usize>) -> Self {
        match node {
            Node::Outcome(outcome) => StaticPage::Outcome(outcome),
            Node::Question(question) => match caution_of(guide, question) {
                Some(section) if from != Some(section) => StaticPage::Caution(question),
                _ => StaticPage::Ask(question),
            },
        }
    }

    /// Every step of a guide for one model, and the summaries.
    pub(crate) fn all(guide: &Guide) -> impl Iterator<Item = StaticPage> + '_ {
        let questions = (0..guide.questions.len()).flat_map(|question| {
            let caution = caution_of(guide, question).map(|_| StaticPage::Caution(question));
            caution.into_iter().chain([StaticPage::Ask(question)])
        });
        let outcomes = (0..guide.outcomes.len()).map(StaticPage::Outcome);
        let summaries = (guide.outcomes.iter().enumerate())
            .filter(|(_, outcome)| outcome.kind == OutcomeKind::Escalate)
            .map(|(index, _)| StaticPage::Summary(index));
        questions.chain(outcomes).chain(summaries)
    }

    /// Whether this is the step the guide's page shows first, when its
    /// address names none.
    pub(crate) fn is_first(self, guide: &Guide, model: Option<usize>) -> bool {
        model.is_none() && self == Self::into_node(guide, guide.start_node(), None)
    }

    /// The link to this step for `model`, from the guide's page.
    pub(crate) fn href(self, guide: &Guide, model: Option<usize>) -> String {
        format!("#{}", self.anchor(guide, model))
    }

    /// The step's anchor in the guide's page, for `model`.
    pub(crate) fn anchor(self, guide: &Guide, model: Option<usize>) -> String {
        match self {
            StaticPage::Ask(q) => named("q", guide.questions[q].id.as_str(), guide, model),
            StaticPage::Caution(q) => named("c", guide.questions[q].id.as_str(), guide, model),
            StaticPage::Outcome(o) => named("o", guide.outcomes[o].id.as_str(), guide, model),
            StaticPage::Summary(o) => named("s", guide.outcomes[o].id.as_str(), guide, None),
        }
    }

    /// The anchor of any question's step for `model`, with `{}` for the
    /// question's id: the optional script makes "Change" links of it.
    pub(crate) fn ask_template(guide: &Guide, model: Option<usize>) -> String {
        named("q", "{}", guide, model)
    }

    /// The session whose walk shows this page: no answers, the node as
    /// its entry (none for the start), its caution acknowledged unless
    /// the page is the caution.
    pub(crate) fn session(self, guide: &Guide, model: Option<usize>) -> Session {
        let node = match self {
            StaticPage::Ask(q) | StaticPage::Caution(q) => Node::Question(q),
            StaticPage::Outcome(o) | StaticPage::Summary(o) => Node::Outcome(o),
        };
        let mut session = Session::new();
        session.set_entry((node != guide.start_node()).then_some(node));
        session.set_variant(model);
        if let StaticPage::Ask(question) = self
            && let Some(section) = caution_of(guide, question)
        {
            session.acknowledge(section);
        }
        session
    }
}

/// The anchor of the full guide's section in a guide's page.
pub(crate) const FULL: &str = "_full";

/// The anchor of the decision-tree picture's section in a guide's page.
pub(crate) const GRAPH: &str = "_graph";

/// `KIND_ID`, or `KIND_ID_MODEL` for a model's step.
fn named(kind: &str, id: &str, guide: &Guide, model: Option<usize>) -> String {
    match model.and_then(|n| guide.variants.as_ref()?.entries.get(n)) {
        Some(variant) => format!("{kind}_{id}_{}", variant.id),
        None => format!("{kind}_{id}"),
    }
}

/// The section whose caution comes before `question`, if any.
pub(crate) fn caution_of(guide: &Guide, question: usize) -> Option<usize> {
    guide
        .section_index(&guide.questions[question])
        .filter(|&section| guide.sections[section].caution.is_some())
}
