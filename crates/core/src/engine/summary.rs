//! The support summary: what to tell support, built from the path.

use super::{Position, Walk};
use crate::model::{Guide, OutcomeKind};
use serde::Serialize;

/// "What to capture if you need help", filled in from the person's answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// The guide's title.
    pub guide: String,
    /// The outcome's title, when the walk reached one.
    pub outcome: Option<String>,
    /// Whether the outcome is resolved or an escalation.
    pub outcome_kind: Option<OutcomeKind>,
    /// The facts in the guide's order; those only the person knows are blank.
    pub facts: Vec<SummaryFact>,
    /// The titles of the sections already worked through, in path order.
    pub steps_tried: Vec<String>,
    /// The questions answered on the path, with their answers.
    pub answers: Vec<SummaryAnswer>,
}

/// One fact of the summary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SummaryFact {
    /// The fact's id.
    pub id: String,
    /// What it is ("Whether the keypad lights").
    pub label: String,
    /// The value from the answers, or none when only the person knows it.
    pub value: Option<String>,
}

/// A question answered on the path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SummaryAnswer {
    /// The question's id.
    pub id: String,
    /// The question as asked.
    pub question: String,
    /// The answer given.
    pub answer: String,
}

impl Summary {
    /// Builds the summary of a walk.
    pub fn new(guide: &Guide, walk: &Walk) -> Self {
        let mut steps_tried: Vec<String> = Vec::new();
        let mut filled: Vec<(&str, String)> = Vec::new();
        let mut answers = Vec::with_capacity(walk.path.len());
        for step in &walk.path {
            let question = &guide.questions[step.question];
            let answer = question.answers[step.answer].label.plain();
            if let Some(section) = guide.section_of(question) {
                let title = section.title.plain();
                if !steps_tried.contains(&title) {
                    steps_tried.push(title);
                }
            }
            for fact in &question.fills {
                filled.retain(|(id, _)| *id != fact.as_str());
                filled.push((fact.as_str(), answer.clone()));
            }
            answers.push(SummaryAnswer {
                id: question.id.to_string(),
                question: question.prompt.plain(),
                answer,
            });
        }
        let facts = guide
            .capture
            .iter()
            .flat_map(|capture| &capture.facts)
            .map(|fact| {
                let value = if fact.steps_tried {
                    (!steps_tried.is_empty()).then(|| steps_tried.join("; "))
                } else {
                    filled
                        .iter()
                        .find(|(id, _)| *id == fact.id.as_str())
                        .map(|(_, value)| value.clone())
                };
                SummaryFact {
                    id: fact.id.to_string(),
                    label: fact.label.plain(),
                    value,
                }
            })
            .collect();
        let outcome = match walk.position {
            Position::Outcome(index) => Some(&guide.outcomes[index]),
            Position::Question { .. } => None,
        };
        Summary {
            guide: guide.title.plain(),
            outcome: outcome.map(|o| o.title.plain()),
            outcome_kind: outcome.map(|o| o.kind),
            facts,
            steps_tried,
            answers,
        }
    }

    /// The summary as plain text, ready to paste into a support request.
    /// Blanks are written as `____` for the person to fill in.
    pub fn to_text(&self) -> String {
        self.to_text_in(&SummaryLabels::ENGLISH)
    }

    /// The summary as plain text with the labels of the reader's language.
    pub fn to_text_in(&self, labels: &SummaryLabels<'_>) -> String {
        let mut text = format!("{}: {}\n", labels.title, self.guide);
        let outcome = self.outcome.as_deref().unwrap_or(labels.not_reached);
        text.push_str(&format!("{} {outcome}\n", labels.outcome));
        text.push('\n');
        for fact in &self.facts {
            let value = fact.value.as_deref().unwrap_or("____");
            text.push_str(&format!("{}: {value}\n", fact.label));
        }
        if !self.answers.is_empty() {
            text.push_str(&format!("\n{}:\n", labels.answers_given));
            for answer in &self.answers {
                text.push_str(&format!("- {} {}\n", answer.question, answer.answer));
            }
        }
        text
    }
}

/// The words around a summary's text, in the reader's language.
#[derive(Debug, Clone, Copy)]
pub struct SummaryLabels<'a> {
    /// "Support summary", before the guide's title.
    pub title: &'a str,
    /// "Outcome:", before the outcome's title.
    pub outcome: &'a str,
    /// "not reached yet", when there is no outcome.
    pub not_reached: &'a str,
    /// "Answers given", above the answers.
    pub answers_given: &'a str,
}

impl SummaryLabels<'static> {
    /// The labels in English.
    pub const ENGLISH: Self = Self {
        title: "Support summary",
        outcome: "Outcome:",
        not_reached: "not reached yet",
        answers_given: "Answers given",
    };
}
