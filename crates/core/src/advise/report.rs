//! The advice on one guide, as `unstuck advise --json` prints it.

use super::estimate::{Estimate, estimate};
use super::flow::{Flow, Node as FlowNode};
use super::sequence::{self, Step};
use super::{Chain, MIN_TIMED, Observations, chains};
use crate::model::{Guide, Node, OutcomeKind};
use schemars::JsonSchema;
use serde::Serialize;

/// Advice on one guide. Times are in minutes, shares from 0 to 1.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Advice {
    /// The guide's id.
    pub guide: String,
    /// Distinct recorded sessions the figures rest on (0: authored numbers only).
    pub sessions: u64,
    /// How many sessions the authored shares weigh as a prior.
    pub prior_sessions: f64,
    /// The question a walk starts at.
    pub start: String,
    /// The expected time from the start, in today's order.
    pub expected_time: f64,
    /// The expected time from the start with every proposed reordering.
    pub expected_time_proposed: f64,
    /// `expected_time − expected_time_proposed`.
    pub saving_per_session: f64,
    /// The same, for 1,000 sessions.
    pub saving_per_1000: f64,
    /// The triage entries, with the expected time from each.
    pub entries: Vec<EntryAdvice>,
    /// Every question, in the author's order.
    pub questions: Vec<QuestionAdvice>,
    /// The chains of fix attempts.
    pub chains: Vec<ChainAdvice>,
    /// Questions with no time measured or given (counted as 0).
    pub untimed: Vec<String>,
}

/// A triage entry.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct EntryAdvice {
    /// The entry's label, as plain text.
    pub label: String,
    /// The question or outcome it jumps to.
    pub target: String,
    /// The expected time from there, today.
    pub expected_time: f64,
    /// The expected time from there with the proposed orders.
    pub expected_time_proposed: f64,
}

/// Where a question's time comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum TimeSource {
    /// The median time recorded sessions took.
    Measured,
    /// The guide's `Time:` (the question's, or its section's).
    Authored,
    /// Neither: counted as 0.
    None,
}

/// One question.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct QuestionAdvice {
    /// The question's id.
    pub id: String,
    /// Its own time.
    pub time: f64,
    /// Where that time comes from.
    pub time_source: TimeSource,
    /// The authored time, if any.
    pub authored_time: Option<f64>,
    /// The median recorded time, if any sessions were timed.
    pub measured_time: Option<f64>,
    /// Sessions that were timed.
    pub timed: u64,
    /// "From here, N min on average", today.
    pub expected_time: f64,
    /// Sessions that answered it.
    pub answered: u64,
    /// Sessions that reached it and left without answering (abandonment).
    pub left: u64,
    /// Its answers.
    pub answers: Vec<AnswerAdvice>,
}

/// One answer.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct AnswerAdvice {
    /// The answer's id.
    pub id: String,
    /// Where it leads.
    pub next: String,
    /// The author's share, from 0 to 1, if given.
    pub authored_share: Option<f64>,
    /// The estimated share among sessions that answered.
    pub share: f64,
    /// Recorded sessions that gave it.
    pub count: u64,
    /// The 95 % interval of `share`.
    pub low: f64,
    /// The 95 % interval of `share`.
    pub high: f64,
}

/// A chain of fix attempts.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct ChainAdvice {
    /// The steps, in today's order.
    pub steps: Vec<StepAdvice>,
    /// Question ids in today's order.
    pub order: Vec<String>,
    /// Question ids in the order of least expected time (decreasing p/C).
    pub proposed_order: Vec<String>,
    /// Where sessions no step fixed go.
    pub end: String,
    /// The expected time from there.
    pub end_time: f64,
    /// The share of sessions entering the chain that reach it from the start.
    pub reach: f64,
    /// The expected time from the chain's first step, today.
    pub expected_time: f64,
    /// The same in the proposed order.
    pub expected_time_proposed: f64,
    /// Per session of the guide: reach × (today − proposed).
    pub saving_per_session: f64,
    /// The same, for 1,000 sessions.
    pub saving_per_1000: f64,
    /// Whether the data settles the proposal: no two steps that change
    /// places have overlapping p/C intervals.
    pub sure: bool,
    /// In the proposed order, the last step worth trying before calling
    /// the professional is cheaper; null when every step is worth it
    /// (or the end gives no time) or when calling at once is (`call_at_once`).
    pub service_call_after: Option<String>,
    /// Calling the professional before any step is cheapest on average.
    pub call_at_once: bool,
    /// Per session of the guide, what stopping at the service-call point saves
    /// over the proposed order.
    pub service_call_saving_per_session: f64,
}

/// One fix attempt of a chain.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct StepAdvice {
    /// The question's id.
    pub question: String,
    /// The share of all sessions entering the chain that this step fixes.
    pub p: f64,
    /// The 95 % interval of `p`.
    pub p_low: f64,
    /// The 95 % interval of `p`.
    pub p_high: f64,
    /// The rate observed among those who reach it, today.
    pub rate: f64,
    /// Sessions that answered it.
    pub count: u64,
    /// Its time, in minutes.
    pub time: f64,
    /// `p / time` (null when it takes no time: it goes first).
    pub ratio: Option<f64>,
}

/// What each question costs and where its answers lead.
struct Numbers {
    estimates: Vec<Vec<Estimate>>,
    times: Vec<(f64, TimeSource)>,
}

pub(super) fn build(guide: &Guide, observed: &Observations) -> Advice {
    let numbers = numbers(guide, observed);
    let flow = flow(guide, &numbers);
    let order = flow.children_first();
    let today = flow.expected_times(&order);
    let start = index(guide, guide.start_node());
    let reach = flow.reach(&order, start);
    let found = chains(guide);
    let mut proposed = flow.clone();
    let mut heads = vec![None; flow.nodes.len()];
    let mut orders = Vec::with_capacity(found.len());
    let chains: Vec<ChainAdvice> = found
        .iter()
        .map(|chain| {
            let (advice, steps, order) = chain_advice(guide, chain, &numbers, &today, &reach);
            let (old, new) = (chain.steps[0], chain.steps[order[0]]);
            if old != new {
                heads[old] = Some(new);
            }
            orders.push((steps, order));
            advice
        })
        .collect();
    // What led into a chain leads to its new first step; then the steps
    // themselves are rewired (their own edges may lead to the old first).
    for node in &mut proposed.nodes {
        for edge in &mut node.edges {
            if let Some(head) = heads[edge.1] {
                edge.1 = head;
            }
        }
    }
    for (chain, (steps, order)) in found.iter().zip(&orders) {
        rewire(guide, &mut proposed, &heads, chain, steps, order);
    }
    let moved = |node: usize| heads[node].unwrap_or(node);
    let after = proposed.expected_times(&proposed.children_first());
    let expected_time = today[start];
    let expected_time_proposed = after[moved(start)];
    let saving = expected_time - expected_time_proposed;
    Advice {
        guide: guide.id.to_string(),
        sessions: observed.sessions,
        prior_sessions: super::PRIOR_SESSIONS,
        start: guide.start.to_string(),
        expected_time,
        expected_time_proposed,
        saving_per_session: saving,
        saving_per_1000: saving * 1000.0,
        entries: (guide.triage.iter().flat_map(|t| &t.entries))
            .filter_map(|entry| {
                let node = index(guide, guide.node(entry.target.as_str())?);
                Some(EntryAdvice {
                    label: entry.label.plain(),
                    target: entry.target.to_string(),
                    expected_time: today[node],
                    expected_time_proposed: after[moved(node)],
                })
            })
            .collect(),
        questions: questions(guide, observed, &numbers, &today),
        chains,
        untimed: (guide.questions.iter().zip(&numbers.times))
            .filter(|(_, (_, source))| *source == TimeSource::None)
            .map(|(q, _)| q.id.to_string())
            .collect(),
    }
}

/// The flow index of a node: questions first, then outcomes.
fn index(guide: &Guide, node: Node) -> usize {
    match node {
        Node::Question(q) => q,
        Node::Outcome(o) => guide.questions.len() + o,
    }
}

fn numbers(guide: &Guide, observed: &Observations) -> Numbers {
    let mut estimates = Vec::with_capacity(guide.questions.len());
    let mut times = Vec::with_capacity(guide.questions.len());
    for question in &guide.questions {
        let seen = observed.questions.get(question.id.as_str());
        let authored: Vec<Option<f64>> = question.answers.iter().map(|a| a.share).collect();
        let counts: Vec<u64> = (question.answers.iter())
            .map(|a| {
                seen.and_then(|s| s.answers.get(a.id.as_str()).copied())
                    .unwrap_or(0)
            })
            .collect();
        estimates.push(estimate(&authored, &counts));
        let measured = seen
            .filter(|s| s.timed >= MIN_TIMED && !observed.authored_times_only)
            .and_then(|s| s.median_minutes);
        times.push(match (measured, guide.question_time(question)) {
            (Some(time), _) => (time, TimeSource::Measured),
            (None, Some(time)) => (time, TimeSource::Authored),
            (None, None) => (0.0, TimeSource::None),
        });
    }
    Numbers { estimates, times }
}

fn flow(guide: &Guide, numbers: &Numbers) -> Flow {
    let questions = (guide.questions.iter().enumerate()).map(|(q, question)| FlowNode {
        time: numbers.times[q].0,
        edges: (question.answers.iter().zip(&numbers.estimates[q]))
            .map(|(answer, estimate)| (estimate.share, index(guide, guide.next_node(answer))))
            .collect(),
    });
    let outcomes = guide.outcomes.iter().map(|outcome| FlowNode {
        time: match outcome.kind {
            OutcomeKind::Escalate => outcome.time.unwrap_or(0.0),
            OutcomeKind::Resolved => 0.0,
        },
        edges: Vec::new(),
    });
    Flow {
        nodes: questions.chain(outcomes).collect(),
    }
}

fn questions(
    guide: &Guide,
    observed: &Observations,
    numbers: &Numbers,
    today: &[f64],
) -> Vec<QuestionAdvice> {
    (guide.questions.iter().enumerate())
        .map(|(q, question)| {
            let seen = observed.questions.get(question.id.as_str());
            let answers: Vec<AnswerAdvice> = (question.answers.iter().zip(&numbers.estimates[q]))
                .map(|(answer, estimate)| AnswerAdvice {
                    id: answer.id.to_string(),
                    next: answer.next.to_string(),
                    authored_share: answer.share.map(|s| s / 100.0),
                    share: estimate.share,
                    count: estimate.count,
                    low: estimate.low,
                    high: estimate.high,
                })
                .collect();
            QuestionAdvice {
                id: question.id.to_string(),
                time: numbers.times[q].0,
                time_source: numbers.times[q].1,
                authored_time: guide.question_time(question),
                measured_time: seen.and_then(|s| s.median_minutes),
                timed: seen.map_or(0, |s| s.timed),
                expected_time: today[q],
                answered: answers.iter().map(|a| a.count).sum(),
                left: seen.map_or(0, |s| s.left),
                answers,
            }
        })
        .collect()
}

/// The advice on one chain, its steps as numbers, and the proposed order.
fn chain_advice(
    guide: &Guide,
    chain: &Chain,
    numbers: &Numbers,
    today: &[f64],
    reach: &[f64],
) -> (ChainAdvice, Vec<Step>, Vec<usize>) {
    let fixes: Vec<&Estimate> = (chain.steps.iter().zip(&chain.fix_answers))
        .map(|(&q, &a)| &numbers.estimates[q][a])
        .collect();
    let rates: Vec<f64> = fixes.iter().map(|e| e.share).collect();
    let p = sequence::unconditional(&rates);
    let steps: Vec<Step> = (chain.steps.iter().zip(&p))
        .map(|(&q, &p)| Step {
            p,
            time: numbers.times[q].0,
        })
        .collect();
    let current: Vec<usize> = (0..steps.len()).collect();
    let proposed = sequence::optimal_order(&steps);
    let end = index(guide, chain.end);
    let end_time = today[end];
    let cost_today = sequence::expected_cost(&steps, &current, end_time);
    let cost_proposed = sequence::expected_cost(&steps, &proposed, end_time);
    let reach_head = reach[chain.steps[0]];
    // p's interval: the fix rate's interval, times the share still unfixed.
    let before: Vec<f64> = (0..steps.len())
        .map(|i| rates[..i].iter().map(|r| 1.0 - r).product())
        .collect();
    let step_advice: Vec<StepAdvice> = (0..steps.len())
        .map(|i| StepAdvice {
            question: guide.questions[chain.steps[i]].id.to_string(),
            p: steps[i].p,
            p_low: fixes[i].low * before[i],
            p_high: fixes[i].high * before[i],
            rate: rates[i],
            count: numbers.estimates[chain.steps[i]]
                .iter()
                .map(|e| e.count)
                .sum(),
            time: steps[i].time,
            ratio: (steps[i].time > 0.0).then(|| steps[i].ratio()),
        })
        .collect();
    let ratio_interval = |i: usize| {
        let time = steps[i].time;
        if time > 0.0 {
            (step_advice[i].p_low / time, step_advice[i].p_high / time)
        } else {
            (f64::INFINITY, f64::INFINITY)
        }
    };
    let position = |i: usize| proposed.iter().position(|&s| s == i).unwrap_or(i);
    let sure = (0..steps.len()).all(|a| {
        (a + 1..steps.len()).all(|b| {
            let swapped = position(a) > position(b);
            let ((a_low, a_high), (b_low, b_high)) = (ratio_interval(a), ratio_interval(b));
            !swapped || a_high < b_low || b_high < a_low
        })
    });
    let escalation = match chain.end {
        Node::Outcome(o) if guide.outcomes[o].kind == OutcomeKind::Escalate => {
            guide.outcomes[o].time
        }
        _ => None,
    };
    let stop = escalation.map(|call| (call, sequence::service_call(&steps, &proposed, call)));
    let (service_call_after, call_at_once, service_saving) = match stop {
        Some((call, k)) if k < steps.len() => (
            k.checked_sub(1)
                .map(|last| step_advice[proposed[last]].question.clone()),
            k == 0,
            reach_head * (cost_proposed - sequence::expected_cost(&steps, &proposed[..k], call)),
        ),
        _ => (None, false, 0.0),
    };
    let ids = |order: &[usize]| {
        order
            .iter()
            .map(|&i| step_advice[i].question.clone())
            .collect()
    };
    let saving = reach_head * (cost_today - cost_proposed);
    let advice = ChainAdvice {
        order: ids(&current),
        proposed_order: ids(&proposed),
        end: guide.node_id(chain.end).to_owned(),
        end_time,
        reach: reach_head,
        expected_time: cost_today,
        expected_time_proposed: cost_proposed,
        saving_per_session: saving,
        saving_per_1000: saving * 1000.0,
        sure,
        service_call_after,
        call_at_once,
        service_call_saving_per_session: service_saving,
        steps: step_advice,
    };
    (advice, steps, proposed)
}

/// Puts a chain's steps in `order` in the proposed flow: each step's fix
/// answer gets the rate it will show there, its other answer leads to the
/// next step.
fn rewire(
    guide: &Guide,
    flow: &mut Flow,
    heads: &[Option<usize>],
    chain: &Chain,
    steps: &[Step],
    order: &[usize],
) {
    let rates = sequence::conditional(steps, order);
    let end = index(guide, chain.end);
    let end = heads[end].unwrap_or(end);
    for (k, &i) in order.iter().enumerate() {
        let question = chain.steps[i];
        let next = order.get(k + 1).map_or(end, |&n| chain.steps[n]);
        let edges = &mut flow.nodes[question].edges;
        edges[chain.fix_answers[i]].0 = rates[k];
        edges[chain.other_answers[i]] = (1.0 - rates[k], next);
    }
}
