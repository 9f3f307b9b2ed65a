//! Walking a session: the path, the position, and what a change did.

use super::Session;
use crate::model::{Guide, Node};

/// One answered question on the path, by index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    /// The question, by index into [`Guide::questions`].
    pub question: usize,
    /// The answer, by index into that question's answers.
    pub answer: usize,
}

/// Where a walk stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Position {
    /// Waiting for an answer to this question.
    Question {
        /// The question, by index.
        question: usize,
        /// The section whose caution must be acknowledged before the step
        /// is shown, if any.
        caution: Option<usize>,
    },
    /// At an outcome, by index into [`Guide::outcomes`].
    Outcome(usize),
}

/// The result of walking a session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Walk {
    /// The answered questions on the path, in order.
    pub path: Vec<Step>,
    /// Where the path stops.
    pub position: Position,
    /// Answers that are kept but not on the path, in question order.
    pub ignored: Vec<Step>,
}

impl Walk {
    /// The questions on the path, the current one included, in order.
    pub fn questions(&self) -> impl Iterator<Item = usize> + '_ {
        let current = match self.position {
            Position::Question { question, .. } => Some(question),
            Position::Outcome(_) => None,
        };
        self.path.iter().map(|step| step.question).chain(current)
    }
}

/// Follows the session's answers from its entry (or the guide's start).
///
/// Never loops and never panics, even on a guide with a cycle: a question
/// met a second time stops the walk there.
pub fn walk(guide: &Guide, session: &Session) -> Walk {
    let mut node = session.entry().unwrap_or_else(|| guide.start_node());
    let mut path = Vec::new();
    let mut on_path = vec![false; guide.questions.len()];
    let position = loop {
        match node {
            Node::Outcome(outcome) => break Position::Outcome(outcome),
            Node::Question(question) => {
                let answer = session.answer(question).filter(|_| !on_path[question]);
                let Some(answer) = answer else {
                    let caution = guide
                        .section_index(&guide.questions[question])
                        .filter(|&section| guide.sections[section].caution.is_some())
                        .filter(|&section| !session.is_acknowledged(section));
                    break Position::Question { question, caution };
                };
                on_path[question] = true;
                path.push(Step { question, answer });
                node = guide.next_node(&guide.questions[question].answers[answer]);
            }
        }
    };
    let ignored = session
        .answers()
        .filter(|&(question, _)| !on_path.get(question).copied().unwrap_or(false))
        .map(|(question, answer)| Step { question, answer })
        .collect();
    Walk {
        path,
        position,
        ignored,
    }
}

/// What changing an answer did to the path.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Change {
    /// Questions that were on the path and no longer are, in the old order.
    pub left: Vec<usize>,
    /// Questions that are on the path now and were not, in the new order.
    pub joined: Vec<usize>,
}

/// Sets the answer to `question` and says which questions left or joined
/// the path. Answers that fall off the path are kept, so answering as
/// before restores the old path.
pub fn answer(guide: &Guide, session: &mut Session, question: usize, answer: usize) -> Change {
    let before = walk(guide, session);
    session.set_answer(question, answer);
    Change::between(guide, &before, &walk(guide, session))
}

impl Change {
    /// Which questions left or joined the path from the walk `before` to
    /// the walk `after` (of the same guide): for a page that has walked
    /// its session already.
    pub fn between(guide: &Guide, before: &Walk, after: &Walk) -> Self {
        let mut on_before = vec![false; guide.questions.len()];
        let mut on_after = vec![false; guide.questions.len()];
        before.questions().for_each(|q| on_before[q] = true);
        after.questions().for_each(|q| on_after[q] = true);
        Change {
            left: before.questions().filter(|&q| !on_after[q]).collect(),
            joined: after.questions().filter(|&q| !on_before[q]).collect(),
        }
    }
}

/// Every session a person can reach by answering, from the start and from
/// each triage entry, acknowledging cautions on the way: at most `limit`,
/// breadth first (the states nearest the start come first).
pub fn reachable(guide: &Guide, limit: usize) -> Vec<Session> {
    let mut entries = vec![None];
    entries.extend(
        (guide.triage.iter().flat_map(|t| &t.entries))
            .filter_map(|entry| guide.node(entry.target.as_str()))
            .map(Some),
    );
    let mut found: Vec<Session> = Vec::new();
    let mut queue: std::collections::VecDeque<Session> = entries
        .into_iter()
        .map(|entry| {
            let mut session = Session::new();
            session.set_entry(entry);
            session
        })
        .collect();
    while let Some(session) = queue.pop_front() {
        if found.len() >= limit {
            break;
        }
        if let Position::Question { question, caution } = walk(guide, &session).position {
            match caution {
                Some(section) => {
                    let mut next = session.clone();
                    next.acknowledge(section);
                    queue.push_back(next);
                }
                None => {
                    for answer in 0..guide.questions[question].answers.len() {
                        let mut next = session.clone();
                        next.set_answer(question, answer);
                        queue.push_back(next);
                    }
                }
            }
        }
        found.push(session);
    }
    found
}
