//! A session: the answers given, by question.

use crate::model::{Guide, Node};
use std::collections::{BTreeMap, BTreeSet};
use thiserror::Error;

/// The answers a person gave, their triage entry, the cautions they
/// acknowledged and the model they said they have. Indexes refer to the
/// guide the session was made for.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Session {
    entry: Option<Node>,
    answers: BTreeMap<usize, usize>,
    acknowledged: BTreeSet<usize>,
    variant: Option<usize>,
}

/// Why a session could not be built from ids.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SessionError {
    /// No question has this id.
    #[error("`{question}` is not a question of this guide; questions: {}", valid.join(", "))]
    UnknownQuestion {
        /// The id given.
        question: String,
        /// The question ids there are.
        valid: Vec<String>,
    },
    /// The question has no answer with this id.
    #[error("`{answer}` is not an answer to `{question}`; answers: {}", valid.join(", "))]
    UnknownAnswer {
        /// The question.
        question: String,
        /// The answer given.
        answer: String,
        /// The answer ids there are.
        valid: Vec<String>,
    },
    /// No question or outcome has this id.
    #[error("`{entry}` is not a question or outcome of this guide; entries: {}", valid.join(", "))]
    UnknownEntry {
        /// The id given.
        entry: String,
        /// The triage targets there are.
        valid: Vec<String>,
    },
    /// No model has this id.
    #[error("`{variant}` is not a model this guide covers; models: {}", valid.join(", "))]
    UnknownVariant {
        /// The id given.
        variant: String,
        /// The model ids there are.
        valid: Vec<String>,
    },
    /// No section has this id.
    #[error("`{section}` is not a section of this guide; sections with a caution: {}", valid.join(", "))]
    UnknownSection {
        /// The id given.
        section: String,
        /// The sections with a caution.
        valid: Vec<String>,
    },
}

impl Session {
    /// A session with no answers, starting at the guide's start.
    pub fn new() -> Self {
        Self::default()
    }

    /// Builds a session from ids, as found in a URL or on a command line.
    pub fn from_ids<'a>(
        guide: &Guide,
        entry: Option<&str>,
        answers: impl IntoIterator<Item = (&'a str, &'a str)>,
        acknowledged: impl IntoIterator<Item = &'a str>,
    ) -> Result<Self, SessionError> {
        let mut session = Session::new();
        if let Some(entry) = entry {
            let node = guide
                .node(entry)
                .ok_or_else(|| SessionError::UnknownEntry {
                    entry: entry.to_owned(),
                    valid: entry_ids(guide),
                })?;
            session.entry = Some(node);
        }
        for (question, answer) in answers {
            let (q, a) = answer_index(guide, question, answer)?;
            session.answers.insert(q, a);
        }
        for section in acknowledged {
            let index = guide
                .sections
                .iter()
                .position(|s| s.id.as_str() == section)
                .ok_or_else(|| SessionError::UnknownSection {
                    section: section.to_owned(),
                    valid: guide
                        .sections
                        .iter()
                        .filter(|s| s.caution.is_some())
                        .map(|s| s.id.to_string())
                        .collect(),
                })?;
            session.acknowledged.insert(index);
        }
        Ok(session)
    }

    /// The triage entry the walk starts at, if one was chosen.
    pub fn entry(&self) -> Option<Node> {
        self.entry
    }

    /// Starts the walk at `entry` instead of the guide's start.
    pub fn set_entry(&mut self, entry: Option<Node>) {
        self.entry = entry;
    }

    /// The answer given to a question, by index, whether or not it is on the path.
    pub fn answer(&self, question: usize) -> Option<usize> {
        self.answers.get(&question).copied()
    }

    /// All answers given, `(question, answer)` by index, in question order.
    pub fn answers(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.answers.iter().map(|(&q, &a)| (q, a))
    }

    /// Records an answer without computing what it changed; see [`super::answer`].
    pub fn set_answer(&mut self, question: usize, answer: usize) {
        self.answers.insert(question, answer);
    }

    /// Forgets the answer to a question.
    pub fn clear_answer(&mut self, question: usize) {
        self.answers.remove(&question);
    }

    /// Records that the caution of a section was acknowledged.
    pub fn acknowledge(&mut self, section: usize) {
        self.acknowledged.insert(section);
    }

    /// Whether the caution of a section was acknowledged.
    pub fn is_acknowledged(&self, section: usize) -> bool {
        self.acknowledged.contains(&section)
    }

    /// The acknowledged sections, by index, in order.
    pub fn acknowledged(&self) -> impl Iterator<Item = usize> + '_ {
        self.acknowledged.iter().copied()
    }

    /// The model chosen, by index into the guide's variants, if any. It
    /// changes what the steps show, not where the answers lead.
    pub fn variant(&self) -> Option<usize> {
        self.variant
    }

    /// Chooses a model (or none: every model's steps, labelled).
    pub fn set_variant(&mut self, variant: Option<usize>) {
        self.variant = variant;
    }
}

/// The indexes of `question` and its `answer`, both given by id.
pub(crate) fn answer_index(
    guide: &Guide,
    question: &str,
    answer: &str,
) -> Result<(usize, usize), SessionError> {
    let q = guide
        .question_index(question)
        .ok_or_else(|| SessionError::UnknownQuestion {
            question: question.to_owned(),
            valid: guide.questions.iter().map(|q| q.id.to_string()).collect(),
        })?;
    let answers = &guide.questions[q].answers;
    let a = answers
        .iter()
        .position(|a| a.id.as_str() == answer)
        .ok_or_else(|| SessionError::UnknownAnswer {
            question: question.to_owned(),
            answer: answer.to_owned(),
            valid: answers.iter().map(|a| a.id.to_string()).collect(),
        })?;
    Ok((q, a))
}

fn entry_ids(guide: &Guide) -> Vec<String> {
    let mut ids = vec![guide.start.to_string()];
    for entry in guide.triage.iter().flat_map(|t| &t.entries) {
        if !ids.iter().any(|id| id == entry.target.as_str()) {
            ids.push(entry.target.to_string());
        }
    }
    ids
}
