//! The decision graph: no circles, and nothing that no path reaches.
//!
//! Questions and outcomes are the nodes, answers the edges. When the graph
//! has no cycle and every answer leads to a question or an outcome (checked
//! in `references`), every path ends in an outcome. Both passes are
//! iterative, so a 100,000-question chain costs memory, not stack.

use crate::diagnostic::{Code, Diagnostic};
use crate::model::{Guide, Node};

/// Cycles reported at most, so one tangled guide does not flood the output.
const MAX_CYCLES: usize = 10;

/// Reports cycles, and, when the graph is `complete` (every reference
/// resolved), the questions and outcomes no path reaches.
pub(super) fn check(guide: &Guide, complete: bool, diagnostics: &mut Vec<Diagnostic>) {
    if guide.questions.is_empty() {
        return;
    }
    cycles(guide, diagnostics);
    if complete {
        unreachable(guide, diagnostics);
    }
}

/// The questions and outcomes the answers of `question` lead to.
fn edges(guide: &Guide, question: usize) -> impl Iterator<Item = Node> + '_ {
    guide.questions[question]
        .answers
        .iter()
        .filter_map(|answer| guide.node(answer.next.as_str()))
}

fn cycles(guide: &Guide, diagnostics: &mut Vec<Diagnostic>) {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        OnPath,
        Done,
    }
    let mut marks = vec![Mark::New; guide.questions.len()];
    let mut found = 0;
    for root in 0..guide.questions.len() {
        if marks[root] != Mark::New {
            continue;
        }
        // Each frame: a question and the index of its next answer to follow.
        let mut stack = vec![(root, 0usize)];
        marks[root] = Mark::OnPath;
        while let Some(&mut (question, ref mut next)) = stack.last_mut() {
            let answers = &guide.questions[question].answers;
            if *next == answers.len() {
                marks[question] = Mark::Done;
                stack.pop();
                continue;
            }
            let answer_index = *next;
            *next += 1;
            let Some(Node::Question(target)) = guide.node(answers[answer_index].next.as_str())
            else {
                continue;
            };
            match marks[target] {
                Mark::New => {
                    marks[target] = Mark::OnPath;
                    stack.push((target, 0));
                }
                Mark::OnPath if found < MAX_CYCLES => {
                    found += 1;
                    let from = stack.iter().position(|&(q, _)| q == target).unwrap_or(0);
                    let circle: Vec<&str> = stack[from..]
                        .iter()
                        .map(|&(q, _)| guide.questions[q].id.as_str())
                        .chain([guide.questions[target].id.as_str()])
                        .collect();
                    let answer = &answers[answer_index];
                    diagnostics.push(
                        Diagnostic::error(
                            Code::Cycle,
                            answer.next.span(),
                            format!(
                                "answering \"{}\" here leads back to `{}`, so this path never ends",
                                answer.label.plain(),
                                guide.questions[target].id
                            ),
                        )
                        .with_label("leads back to an earlier question")
                        .with_note(guide.questions[target].id.span(), "the circle starts here")
                        .with_hint(format!(
                            "the circle is {}; lead this answer to a later question or an outcome",
                            circle.join(" → ")
                        )),
                    );
                }
                Mark::OnPath | Mark::Done => {}
            }
        }
    }
}

fn unreachable(guide: &Guide, diagnostics: &mut Vec<Diagnostic>) {
    let questions = guide.questions.len();
    let slot = |node: Node| match node {
        Node::Question(i) => i,
        Node::Outcome(i) => questions + i,
    };
    let mut reached = vec![false; questions + guide.outcomes.len()];
    let mut queue: Vec<Node> = Vec::new();
    let entries = std::iter::once(guide.start.as_str()).chain(
        guide
            .triage
            .iter()
            .flat_map(|t| &t.entries)
            .map(|e| e.target.as_str()),
    );
    for node in entries.filter_map(|id| guide.node(id)) {
        if !reached[slot(node)] {
            reached[slot(node)] = true;
            queue.push(node);
        }
    }
    while let Some(node) = queue.pop() {
        let Node::Question(question) = node else {
            continue;
        };
        for next in edges(guide, question) {
            if !reached[slot(next)] {
                reached[slot(next)] = true;
                queue.push(next);
            }
        }
    }
    let unreached_questions = guide
        .questions
        .iter()
        .enumerate()
        .filter(|(i, _)| !reached[*i]);
    for (_, question) in unreached_questions {
        diagnostics.push(unreachable_node(&question.id, "question"));
    }
    let unreached_outcomes = guide
        .outcomes
        .iter()
        .enumerate()
        .filter(|(i, _)| !reached[questions + i]);
    for (_, outcome) in unreached_outcomes {
        diagnostics.push(unreachable_node(&outcome.id, "outcome"));
    }
}

fn unreachable_node(id: &crate::model::Id, what: &str) -> Diagnostic {
    Diagnostic::error(
        Code::Unreachable,
        id.span(),
        format!("no path reaches the {what} `{id}`"),
    )
    .with_label("neither the start nor any triage entry leads here")
    .with_hint(format!(
        "lead an answer to it (`- Yes → {id}`), add a triage entry `- [Label](#{id}): …`, or remove it"
    ))
}
