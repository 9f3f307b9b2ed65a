//! Guide sources made by program, for Unstuck's tests, benchmarks and
//! fuzzing: shapes described as plain data ([`Shape`]) and written out in
//! the guide format, so every generated guide goes through the real parser.

use std::fmt::Write;

pub mod hostile;

/// Where an answer leads in a generated guide.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// Question number `n` (0-based).
    Question(usize),
    /// Outcome number `n` (0-based).
    Outcome(usize),
}

impl Target {
    /// Question `n` if a guide of `questions` questions has it, else
    /// outcome `fallback`.
    fn question_or(n: usize, questions: usize, fallback: usize) -> Target {
        if n < questions {
            Target::Question(n)
        } else {
            Target::Outcome(fallback)
        }
    }
}

/// The shape of a generated guide: for each question, where its answers lead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shape {
    /// `questions[i]` lists the targets of question `i`'s answers.
    pub questions: Vec<Vec<Target>>,
    /// How many outcomes there are; even ones are resolved, odd ones escalate.
    pub outcomes: usize,
    /// Questions that triage entries jump to.
    pub triage: Vec<usize>,
}

impl Shape {
    /// A braid: both answers of each question lead to the next, so there
    /// are 2^n ways through `n` questions (the last leads to outcome 0).
    pub fn braid(questions: usize) -> Shape {
        let questions = (0..questions)
            .map(|i| {
                let next = if i + 1 < questions {
                    Target::Question(i + 1)
                } else {
                    Target::Outcome(0)
                };
                vec![next, next]
            })
            .collect();
        Shape {
            questions,
            outcomes: 1,
            triage: Vec::new(),
        }
    }

    /// A chain: each question's "yes" leads to the next, "no" to the outcome.
    pub fn chain(questions: usize) -> Shape {
        let questions = (0..questions)
            .map(|i| {
                let yes = if i + 1 < questions {
                    Target::Question(i + 1)
                } else {
                    Target::Outcome(0)
                };
                vec![yes, Target::Outcome(1)]
            })
            .collect();
        Shape {
            questions,
            outcomes: 2,
            triage: Vec::new(),
        }
    }

    /// A binary tree of questions: question `i` leads to `2i+1` and `2i+2`,
    /// or to outcomes past the last question.
    pub fn tree(questions: usize) -> Shape {
        let target = |n, fallback| Target::question_or(n, questions, fallback);
        let questions = (0..questions)
            .map(|i| vec![target(2 * i + 1, 0), target(2 * i + 2, 1)])
            .collect();
        Shape {
            questions,
            outcomes: 2,
            triage: Vec::new(),
        }
    }

    /// A directed acyclic graph with shared questions: question `i` leads
    /// to questions `i+1` and `i+2` (so most questions have two parents),
    /// the last ones to the two outcomes.
    pub fn dag(questions: usize) -> Shape {
        let target = |n, fallback| Target::question_or(n, questions, fallback);
        let questions = (0..questions)
            .map(|i| vec![target(i + 1, 0), target(i + 2, 1)])
            .collect();
        Shape {
            questions,
            outcomes: 2,
            triage: Vec::new(),
        }
    }

    /// A tree of three-way questions: question `i` leads to `3i+1`, `3i+2`
    /// and `3i+3`, or to one of three outcomes past the last question.
    pub fn three_way(questions: usize) -> Shape {
        let questions = (0..questions)
            .map(|i| {
                (1..=3)
                    .map(|k| {
                        if 3 * i + k < questions {
                            Target::Question(3 * i + k)
                        } else {
                            Target::Outcome(k - 1)
                        }
                    })
                    .collect()
            })
            .collect();
        Shape {
            questions,
            outcomes: 3,
            triage: Vec::new(),
        }
    }

    /// The guide's source text. Question `i` has id `q{i}` and section
    /// `s{i}`; outcome `k` has id `o{k}`; answers are `a0`, `a1`, …
    /// labelled "Answer 0", … (the first two are "Yes" and "No").
    pub fn source(&self) -> String {
        self.guide("generated", "A generated guide")
    }

    /// The guide's source text, with this id and title.
    pub fn guide(&self, id: &str, title: &str) -> String {
        let mut out = String::with_capacity(self.questions.len() * 400);
        let _ = write!(
            out,
            "+++\nid = \"{id}\"\n+++\n\n# {title}\n\nMade by program for tests.\n\n"
        );
        if !self.triage.is_empty() {
            out.push_str("## Quick triage {.triage}\n\n");
            for &question in &self.triage {
                let _ = writeln!(
                    out,
                    "- [Jump to {question}](#q{question}) Symptom {question}."
                );
            }
            out.push('\n');
        }
        out.push_str("## What to capture {.capture}\n\n- First answer {#first}\n- Steps already tried {#tried .steps}\n\n");
        for (index, answers) in self.questions.iter().enumerate() {
            let _ = write!(
                out,
                "## Step {index} {{#s{index} .section}}\n\nGoal: Do step {index}.\n\n- Act on step {index}.\n\n\
                 ## Did step {index} work? {{#q{index} .question}}\n\nHelp for step {index}.\n\nSection: s{index}\n"
            );
            if index == 0 {
                out.push_str("Fills: first\n");
            }
            out.push('\n');
            for (n, target) in answers.iter().enumerate() {
                let label = match n {
                    0 => "Yes".to_owned(),
                    1 => "No".to_owned(),
                    n => format!("Answer {n}"),
                };
                let target = match target {
                    Target::Question(q) => format!("q{q}"),
                    Target::Outcome(o) => format!("o{o}"),
                };
                let _ = writeln!(out, "- {label} → {target}");
            }
            out.push('\n');
        }
        for outcome in 0..self.outcomes {
            let kind = if outcome % 2 == 0 {
                "resolved"
            } else {
                "escalate"
            };
            let _ = write!(
                out,
                "## Outcome {outcome} {{#o{outcome} .outcome .{kind}}}\n\nThe end.\n\n"
            );
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chains_end_in_outcomes() {
        let shape = Shape::chain(3);
        assert_eq!(
            shape.questions[2],
            vec![Target::Outcome(0), Target::Outcome(1)]
        );
        assert!(
            shape
                .source()
                .contains("## Did step 2 work? {#q2 .question}")
        );
    }

    #[test]
    fn dags_share_questions_and_reach_both_outcomes() {
        let shape = Shape::dag(4);
        assert_eq!(
            shape.questions,
            [
                vec![Target::Question(1), Target::Question(2)],
                vec![Target::Question(2), Target::Question(3)],
                vec![Target::Question(3), Target::Outcome(1)],
                vec![Target::Outcome(0), Target::Outcome(1)],
            ]
        );
    }

    #[test]
    fn three_way_questions_have_three_answers() {
        let shape = Shape::three_way(4);
        assert_eq!(
            shape.questions[0],
            [
                Target::Question(1),
                Target::Question(2),
                Target::Question(3)
            ]
        );
        assert_eq!(
            shape.questions[3],
            [Target::Outcome(0), Target::Outcome(1), Target::Outcome(2)]
        );
        assert!(shape.source().contains("- Answer 2 → q3"));
    }
}
