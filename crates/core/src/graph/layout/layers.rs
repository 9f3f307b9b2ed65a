//! The layered graph the picture is laid out on (the Sugiyama way): every
//! question and outcome gets a level, one below the lowest question that
//! leads to it; each answer becomes a chain of vertices, one per row it
//! passes: its question, its label (the row below the question), a dummy
//! vertex for every further row it crosses, and where it leads. Rows
//! alternate: boxes on even rows, answer labels on odd rows. An outcome
//! reached from far above or by many answers is drawn again where it is
//! reached, and a question far below is referenced, so every chain is short.

use crate::model::{Guide, Node};
use std::collections::HashMap;

/// How many levels an answer may fall to reach a shared outcome; from
/// further up, the outcome is drawn again one level below the question,
/// so a long chain of questions does not drag every edge to the bottom.
const OUTCOME_REACH: usize = 6;
/// How many levels an answer may fall to reach a question; from further
/// up, it leads to a reference box one level below (the question's text,
/// marked ↪), so no guide makes more than a few dummy vertices an answer.
const QUESTION_REACH: usize = 12;
/// How many answers may lead to one box of an outcome; an outcome more
/// answers lead to is drawn once on each level it is reached from, so
/// its edges do not all converge (and cross) on one box.
const OUTCOME_FAN_IN: usize = 4;

/// What a vertex of the layered graph stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A question's or outcome's box (an outcome may have several).
    Node(Node),
    /// A question drawn again where an answer far above it leads to it.
    Reference(usize),
    /// The label of answer `answer` of question `question`.
    Label {
        /// The question, by index.
        question: usize,
        /// The answer, by index within the question.
        answer: usize,
    },
    /// A point an edge passes through on a row it crosses.
    Dummy,
}

/// A vertex: what it stands for and its row.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Vertex {
    /// What it stands for.
    pub(crate) kind: Kind,
    /// Its row, from the top.
    pub(crate) row: usize,
}

/// The layered graph: vertices, and each answer as a chain of vertices on
/// consecutive rows.
#[derive(Debug)]
pub(crate) struct Layered {
    /// Boxes of questions (by index), then outcomes' first boxes, then the
    /// rest in the order they were made.
    pub(crate) vertices: Vec<Vertex>,
    /// Every answer, in guide order: the vertices it passes, top to bottom.
    pub(crate) chains: Vec<Vec<usize>>,
    /// How many rows there are.
    pub(crate) rows: usize,
}

impl Layered {
    /// The layered graph of `guide`.
    pub(crate) fn new(guide: &Guide) -> Layered {
        let level = question_levels(guide);
        let questions = guide.questions.len();
        let mut home = vec![0usize; guide.outcomes.len()];
        let mut fan_in = vec![0usize; guide.outcomes.len()];
        for (q, question) in guide.questions.iter().enumerate() {
            for answer in &question.answers {
                if let Node::Outcome(o) = guide.next_node(answer) {
                    home[o] = home[o].max(level[q] + 1);
                    fan_in[o] += 1;
                }
            }
        }
        let mut vertices: Vec<Vertex> = (0..questions)
            .map(|q| Vertex {
                kind: Kind::Node(Node::Question(q)),
                row: 2 * level[q],
            })
            .chain(home.iter().enumerate().map(|(o, &level)| Vertex {
                kind: Kind::Node(Node::Outcome(o)),
                row: 2 * level,
            }))
            .collect();
        // Outcome boxes by (outcome, level): the first at its home level.
        let mut copies: HashMap<(usize, usize), usize> = (0..home.len())
            .map(|o| ((o, home[o]), questions + o))
            .collect();
        // Reference boxes by (question, level).
        let mut references: HashMap<(usize, usize), usize> = HashMap::new();
        let mut chains = Vec::new();
        for (q, question) in guide.questions.iter().enumerate() {
            for (a, answer) in question.answers.iter().enumerate() {
                let target = match guide.next_node(answer) {
                    Node::Question(next) if level[next] - level[q] <= QUESTION_REACH => next,
                    Node::Question(next) => {
                        *references.entry((next, level[q] + 1)).or_insert_with(|| {
                            vertices.push(Vertex {
                                kind: Kind::Reference(next),
                                row: 2 * (level[q] + 1),
                            });
                            vertices.len() - 1
                        })
                    }
                    Node::Outcome(o) => {
                        let at = if fan_in[o] > OUTCOME_FAN_IN || home[o] - level[q] > OUTCOME_REACH
                        {
                            level[q] + 1
                        } else {
                            home[o]
                        };
                        *copies.entry((o, at)).or_insert_with(|| {
                            vertices.push(Vertex {
                                kind: Kind::Node(Node::Outcome(o)),
                                row: 2 * at,
                            });
                            vertices.len() - 1
                        })
                    }
                };
                let mut chain = vec![q];
                let end = vertices[target].row;
                for row in 2 * level[q] + 1..end {
                    let kind = if chain.len() == 1 {
                        Kind::Label {
                            question: q,
                            answer: a,
                        }
                    } else {
                        Kind::Dummy
                    };
                    vertices.push(Vertex { kind, row });
                    chain.push(vertices.len() - 1);
                }
                chain.push(target);
                chains.push(chain);
            }
        }
        let rows = vertices.iter().map(|v| v.row + 1).max().unwrap_or(0);
        Layered {
            vertices,
            chains,
            rows,
        }
    }
}

/// Each question's level: the longest path to it from a question nothing
/// leads to (Kahn's algorithm over the acyclic graph the compiler
/// guarantees; iterative).
fn question_levels(guide: &Guide) -> Vec<usize> {
    let questions = guide.questions.len();
    let mut parents = vec![0usize; questions];
    for question in &guide.questions {
        for answer in &question.answers {
            if let Node::Question(q) = guide.next_node(answer) {
                parents[q] += 1;
            }
        }
    }
    let mut level = vec![0usize; questions];
    let mut ready: Vec<usize> = (0..questions).filter(|&q| parents[q] == 0).collect();
    while let Some(q) = ready.pop() {
        for answer in &guide.questions[q].answers {
            if let Node::Question(next) = guide.next_node(answer) {
                level[next] = level[next].max(level[q] + 1);
                parents[next] -= 1;
                if parents[next] == 0 {
                    ready.push(next);
                }
            }
        }
    }
    level
}

#[cfg(test)]
mod tests {
    use super::{Kind, Layered};
    use crate::model::Node;
    use unstuck_testkit::Shape;

    /// How many boxes the layered graph of a shape draws for outcome `o`.
    fn outcome_boxes(shape: &Shape, o: usize) -> usize {
        let guide = crate::compile(&shape.source()).guide.expect("compiles");
        let layered = Layered::new(&guide);
        layered
            .vertices
            .iter()
            .filter(|v| v.kind == Kind::Node(Node::Outcome(o)))
            .count()
    }

    #[test]
    fn an_outcome_many_answers_lead_to_is_drawn_on_each_level_it_is_reached_from() {
        // Four answers lead to the chain's escalation: one box; six: six.
        assert_eq!(outcome_boxes(&Shape::chain(4), 1), 1);
        assert_eq!(outcome_boxes(&Shape::chain(6), 1), 6);
    }

    #[test]
    fn each_answer_is_a_chain_through_its_label_and_every_row_it_crosses() {
        let guide = crate::compile(&Shape::dag(3).source())
            .guide
            .expect("compiles");
        let layered = Layered::new(&guide);
        for chain in &layered.chains {
            let rows: Vec<usize> = chain.iter().map(|&v| layered.vertices[v].row).collect();
            assert!(
                rows.windows(2).all(|pair| pair[1] == pair[0] + 1),
                "{rows:?}"
            );
            assert!(matches!(
                layered.vertices[chain[1]].kind,
                Kind::Label { .. }
            ));
        }
        // Question 0 leads to question 2, two levels down: four rows on.
        assert_eq!(layered.chains[1].len(), 5);
    }
}
