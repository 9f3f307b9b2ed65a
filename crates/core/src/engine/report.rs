//! The walk as JSON: what `unstuck walk --json` and `/api/…/walk` print.

use super::{Position, Session, Step, Summary, Walk, token};
use crate::model::{Guide, OutcomeKind};
use serde::Serialize;

/// A question and the answer given, by id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PathEntry {
    /// The question's id.
    pub question: String,
    /// The answer's id.
    pub answer: String,
}

/// Everything a walk found, by id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WalkReport {
    /// The guide's id.
    pub guide: String,
    /// The triage entry the walk started at, if not the guide's start.
    pub entry: Option<String>,
    /// The answered questions on the path, in order.
    pub path: Vec<PathEntry>,
    /// The question waiting for an answer, if the walk has not ended.
    pub next_question: Option<String>,
    /// The section whose caution must be acknowledged before `next_question`.
    pub caution: Option<String>,
    /// The outcome reached, if any.
    pub outcome: Option<String>,
    /// Its kind.
    pub outcome_kind: Option<OutcomeKind>,
    /// Answers given that are not on the path (kept, not counted).
    pub ignored: Vec<PathEntry>,
    /// The support summary.
    pub summary: Summary,
    /// The session in its compact encoding.
    pub state: String,
}

impl WalkReport {
    /// Walks `session` and reports the result.
    pub fn new(guide: &Guide, session: &Session) -> Self {
        let walk = super::walk(guide, session);
        Self::from_walk(guide, session, &walk)
    }

    /// Reports a walk already made.
    pub fn from_walk(guide: &Guide, session: &Session, walk: &Walk) -> Self {
        let entries = |steps: &[Step]| -> Vec<PathEntry> {
            steps
                .iter()
                .map(|step| {
                    let question = &guide.questions[step.question];
                    PathEntry {
                        question: question.id.to_string(),
                        answer: question.answers[step.answer].id.to_string(),
                    }
                })
                .collect()
        };
        let (next_question, caution, outcome) = match walk.position {
            Position::Question { question, caution } => (
                Some(guide.questions[question].id.to_string()),
                caution.map(|s| guide.sections[s].id.to_string()),
                None,
            ),
            Position::Outcome(outcome) => (None, None, Some(&guide.outcomes[outcome])),
        };
        WalkReport {
            guide: guide.id.to_string(),
            entry: session.entry().map(|node| guide.node_id(node).to_owned()),
            path: entries(&walk.path),
            next_question,
            caution,
            outcome: outcome.map(|o| o.id.to_string()),
            outcome_kind: outcome.map(|o| o.kind),
            ignored: entries(&walk.ignored),
            summary: Summary::new(guide, walk),
            state: token::encode(guide, session),
        }
    }
}
