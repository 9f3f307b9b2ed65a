//! Decision-theoretic advice on a guide: how long it costs a person on
//! average, and which order of its fix attempts (or how soon a call to the
//! professional) would cost less.
//!
//! Inputs are the compiled [`Guide`] (authored `Time:` and answer shares)
//! and, optionally, what recorded sessions showed ([`Observations`]). The
//! parts:
//!
//! - `estimate`: answer shares as a Dirichlet posterior with the author's
//!   shares as prior, and Wilson intervals;
//! - `flow`: the expected time from every question, `E(q) = C(q) +
//!   Σ share·E(next)`, one linear pass over the DAG;
//! - `sequence`: chains of fix attempts, the `p/C` order, the conversion
//!   between observed rates and shares, and the service-call point.
//!
//! A question's time `C(q)` is the median time people took to answer it when
//! at least [`MIN_TIMED`] sessions were timed, else its `Time:` (or its
//! section's), else 0 and reported as "no time given". Sessions that left
//! a question without answering are reported as abandonment; they are
//! neither a "no" nor part of the shares. See `docs/advise.md`.

mod estimate;
mod flow;
mod report;
mod rewrite;
pub mod sequence;

pub use estimate::{Estimate, PRIOR_SESSIONS, estimate, prior_shares, wilson};
pub use report::{
    Advice, AnswerAdvice, ChainAdvice, EntryAdvice, QuestionAdvice, StepAdvice, TimeSource,
};
pub use rewrite::{Edit, apply, reorder_edits, unified_diff};

use crate::model::{Guide, Node, OutcomeKind};
use std::collections::HashMap;

/// The fewest timed sessions for a measured time to replace the authored one.
pub const MIN_TIMED: u64 = 5;

/// What recorded sessions showed, per question id.
#[derive(Debug, Clone, Default)]
pub struct Observations {
    /// Per question id.
    pub questions: HashMap<String, ObservedQuestion>,
    /// Distinct sessions in the period.
    pub sessions: u64,
    /// Use the authored times even where sessions were timed (when the time
    /// between pages does not reflect the step: people act before they open
    /// the page, or a test clicks through).
    pub authored_times_only: bool,
}

/// What sessions did at one question.
#[derive(Debug, Clone, Default)]
pub struct ObservedQuestion {
    /// Sessions per answer id.
    pub answers: HashMap<String, u64>,
    /// Sessions that reached the question and never answered it.
    pub left: u64,
    /// The median time between reaching and answering it, in minutes.
    pub median_minutes: Option<f64>,
    /// How many sessions that median is over.
    pub timed: u64,
}

/// A chain of fix attempts found in a guide, by question index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chain {
    /// The attempts in today's order.
    pub steps: Vec<usize>,
    /// For each step, the index of its answer that leads to a resolved outcome.
    pub fix_answers: Vec<usize>,
    /// For each step, the index of its other answer (to the next step or the end).
    pub other_answers: Vec<usize>,
    /// Where those not fixed by any step go.
    pub end: Node,
}

/// The chains of a guide: runs of one or more fix attempts (a question
/// with two answers, one to a resolved outcome), each leading by its other
/// answer to the next. A step that is entered from anywhere else (another
/// answer, a triage entry, the start) begins a chain of its own, so a
/// reordering never changes what other paths lead to. A chain of one step
/// has nothing to reorder, but may still be worth skipping for the
/// professional (the service-call point).
pub fn chains(guide: &Guide) -> Vec<Chain> {
    let fix_attempt = |q: usize| -> Option<(usize, usize)> {
        let answers = &guide.questions[q].answers;
        if answers.len() != 2 {
            return None;
        }
        let resolved = |a: usize| {
            matches!(guide.next_node(&answers[a]), Node::Outcome(o)
                if guide.outcomes[o].kind == OutcomeKind::Resolved)
        };
        match (resolved(0), resolved(1)) {
            (true, false) => Some((0, 1)),
            (false, true) => Some((1, 0)),
            _ => None,
        }
    };
    let mut entered = vec![0usize; guide.questions.len()];
    let starts = (guide.triage.iter().flat_map(|t| &t.entries))
        .filter_map(|e| guide.node(e.target.as_str()))
        .chain(std::iter::once(guide.start_node()));
    let edges = (guide.questions.iter().flat_map(|q| &q.answers)).map(|a| guide.next_node(a));
    for node in starts.chain(edges) {
        if let Node::Question(q) = node {
            entered[q] += 1;
        }
    }
    let attempts: Vec<Option<(usize, usize)>> =
        (0..guide.questions.len()).map(fix_attempt).collect();
    let continues = |q: usize| -> Option<usize> {
        let (_, other) = attempts[q]?;
        match guide.next_node(&guide.questions[q].answers[other]) {
            Node::Question(next) if attempts[next].is_some() && entered[next] == 1 => Some(next),
            _ => None,
        }
    };
    let mut inside = vec![false; guide.questions.len()];
    for q in 0..guide.questions.len() {
        if let Some(next) = continues(q) {
            inside[next] = true;
        }
    }
    let mut found = Vec::new();
    for head in 0..guide.questions.len() {
        if attempts[head].is_none() || inside[head] {
            continue;
        }
        let mut chain = Chain {
            steps: Vec::new(),
            fix_answers: Vec::new(),
            other_answers: Vec::new(),
            end: Node::Question(head),
        };
        let mut at = Some(head);
        while let Some(q) = at {
            if chain.steps.len() > guide.questions.len() {
                break; // A cycle: a compiled guide has none.
            }
            let (fix, other) = attempts[q].unwrap_or((0, 1));
            chain.steps.push(q);
            chain.fix_answers.push(fix);
            chain.other_answers.push(other);
            chain.end = guide.next_node(&guide.questions[q].answers[other]);
            at = continues(q);
        }
        found.push(chain);
    }
    found
}

/// Advice on `guide` from its authored numbers and `observed` sessions.
pub fn advise(guide: &Guide, observed: &Observations) -> Advice {
    report::build(guide, observed)
}

/// Minutes as a person reads them: `45 s`, `12.5 min`, `2.1 h`.
pub fn readable_minutes(value: f64) -> String {
    if value > 0.0 && value < 1.0 {
        format!("{:.0} s", value * 60.0)
    } else if value < 120.0 {
        format!("{value:.1} min")
    } else {
        format!("{:.1} h", value / 60.0)
    }
}

/// The JSON Schema of [`Advice`] (`unstuck advise --json`).
pub fn schema() -> schemars::Schema {
    schemars::schema_for!(Advice)
}
