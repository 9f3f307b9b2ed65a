//! The order of a chain of fix attempts, under the single-fault model.
//!
//! A chain is entered by some sessions; step `i` fixes the problem for a
//! share `p_i` of *all* of them (the faults are exclusive: one cause per
//! session) and takes `C_i` minutes. Those not fixed by any step reach the
//! chain's end (often an escalation) and pay its expected cost `E`. Taking
//! the steps in the order `π` costs on average
//!
//! ```text
//! ECR(π) = Σ_k C_π(k) · (1 − Σ_{j<k} p_π(j))  +  (1 − Σ_i p_i) · E
//! ```
//!
//! and the last term does not depend on the order. Exchanging two
//! neighbours shows the minimum is reached by decreasing `p/C`
//! (Kadane & Simon 1977; Heckerman, Breese & Rommelse 1995, the CACM
//! paper's Theorem 1): [`optimal_order`]. A step that takes no time goes first.
//!
//! What sessions show under today's order is the *conditional* rate `r_i`
//! among those who reached step `i`; the unconditional share is
//! `p_i = r_i · Π_{j<i} (1 − r_j)` ([`unconditional`]), and after a
//! reordering the rate a step shows becomes `p_i / (1 − Σ_{j before i} p_j)`
//! ([`conditional`]). Comparing raw conditional rates would propose the
//! wrong order whenever the order changes.
//!
//! **Calling the professional.** With an escalation that costs `C_s`,
//! giving up after the first `k` steps of an order costs
//!
//! ```text
//! ECR_k = Σ_{i<k} C_π(i) · (1 − Σ_{j<i} p_π(j))  +  (1 − Σ_{j<k} p_π(j)) · C_s
//! ```
//!
//! The paper's service-call rule (eq. 1–2) compares calling now with taking
//! the next step first; [`service_call`] evaluates `ECR_k` at every `k` and
//! keeps the cheapest, which is what the rule approximates, exactly.
//!
//! **Where this stops holding.** Steps whose success depends on each other
//! (an action that fixes several causes, or a cause that only a later step
//! can reveal) break the single-fault model: the greedy order is then only
//! a 4-approximation of the best (Lín 2014), and times that change with the
//! order (a tool already out) break the independent-cost assumption.

/// One fix attempt, as numbers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Step {
    /// The share of all sessions entering the chain that this step fixes.
    pub p: f64,
    /// Its time, in minutes.
    pub time: f64,
}

impl Step {
    /// `p / C`: how much the step fixes per minute; infinite for a step
    /// that fixes something and takes no time.
    pub fn ratio(&self) -> f64 {
        if self.time > 0.0 {
            self.p / self.time
        } else if self.p > 0.0 {
            f64::INFINITY
        } else {
            0.0
        }
    }
}

/// Unconditional shares `p_i` from the rates observed at each step in the
/// order the steps are taken today.
pub fn unconditional(rates: &[f64]) -> Vec<f64> {
    let mut remaining = 1.0;
    rates
        .iter()
        .map(|&rate| {
            let p = remaining * rate;
            remaining -= p;
            p
        })
        .collect()
}

/// The rate each step of `order` will show among those who reach it.
pub fn conditional(steps: &[Step], order: &[usize]) -> Vec<f64> {
    let mut remaining = 1.0;
    order
        .iter()
        .map(|&i| {
            let rate = if remaining > 0.0 {
                (steps[i].p / remaining).clamp(0.0, 1.0)
            } else {
                0.0
            };
            remaining -= steps[i].p;
            rate
        })
        .collect()
}

/// The expected cost of taking `steps` in `order`, then `end` for the
/// sessions none of them fixed.
pub fn expected_cost(steps: &[Step], order: &[usize], end: f64) -> f64 {
    stop_costs(steps, order, end).last().copied().unwrap_or(end)
}

/// `ECR_k` for `k` = 0 ..= n: taking the first `k` steps of `order`, then
/// paying `end` for the rest.
fn stop_costs(steps: &[Step], order: &[usize], end: f64) -> Vec<f64> {
    let mut costs = Vec::with_capacity(order.len() + 1);
    let (mut spent, mut remaining) = (0.0, 1.0);
    costs.push(end);
    for &i in order {
        spent += steps[i].time * remaining;
        remaining = (remaining - steps[i].p).max(0.0);
        costs.push(spent + remaining * end);
    }
    costs
}

/// The order of least expected cost: decreasing `p/C`, ties in today's order.
pub fn optimal_order(steps: &[Step]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..steps.len()).collect();
    order.sort_by(|&a, &b| steps[b].ratio().total_cmp(&steps[a].ratio()));
    order
}

/// How many steps of `order` to try before calling the professional at
/// `call` minutes is cheapest on average: `order.len()` when every step is
/// worth trying (ties go to trying).
pub fn service_call(steps: &[Step], order: &[usize], call: f64) -> usize {
    let costs = stop_costs(steps, order, call);
    let mut best = costs.len() - 1;
    for k in (0..costs.len()).rev() {
        if costs[k] < costs[best] - 1e-9 {
            best = k;
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn steps(pairs: &[(f64, f64)]) -> Vec<Step> {
        pairs.iter().map(|&(p, time)| Step { p, time }).collect()
    }

    #[test]
    fn expected_cost_by_hand() {
        // 10 min fixing half, then 20 min fixing 30 %, then 60 min for the rest:
        // 10 + 0.5·20 + 0.2·60 = 32.
        let chain = steps(&[(0.5, 10.0), (0.3, 20.0)]);
        assert!((expected_cost(&chain, &[0, 1], 60.0) - 32.0).abs() < 1e-9);
        // The other way round: 20 + 0.7·10 + 0.2·60 = 39.
        assert!((expected_cost(&chain, &[1, 0], 60.0) - 39.0).abs() < 1e-9);
    }

    #[test]
    fn observed_rates_become_shares_and_back() {
        // Half fixed at the first step, half of the rest at the second.
        let p = unconditional(&[0.5, 0.5]);
        assert_eq!(p, vec![0.5, 0.25]);
        let chain = steps(&[(p[0], 1.0), (p[1], 1.0)]);
        // Second step first: it fixes a quarter of everyone; then the first
        // fixes 0.5 of the remaining 0.75 = two thirds.
        let rates = conditional(&chain, &[1, 0]);
        assert!((rates[0] - 0.25).abs() < 1e-12 && (rates[1] - 2.0 / 3.0).abs() < 1e-12);
    }

    #[test]
    fn a_cheap_step_goes_first_even_when_it_fixes_less() {
        // Observed today: a 30-min step fixing 60 %, then a 2-min step fixing
        // half of the rest (20 % of all): p/C 0.02 against 0.1.
        let p = unconditional(&[0.6, 0.5]);
        let chain = steps(&[(p[0], 30.0), (p[1], 2.0)]);
        assert_eq!(optimal_order(&chain), vec![1, 0]);
    }

    #[test]
    fn service_call_against_the_rule() {
        // A 60-min step that fixes 10 %, with a 30-min professional: calling
        // at once (30) beats trying (60 + 0.9·30 = 87).
        let chain = steps(&[(0.1, 60.0)]);
        assert_eq!(service_call(&chain, &[0], 30.0), 0);
        // Eq. 1–2: worth trying while C_i < p_i·C_s (with p conditional on
        // reaching it): 5 < 0.5·30 yes, then 20 < 0.2/0.5·30 = 12 no.
        let chain = steps(&[(0.5, 5.0), (0.2, 20.0)]);
        assert_eq!(service_call(&chain, &[0, 1], 30.0), 1);
        // A free professional is always called at once; an expensive one never.
        assert_eq!(service_call(&chain, &[0, 1], 0.0), 0);
        assert_eq!(service_call(&chain, &[0, 1], 1000.0), 2);
    }

    fn permutations(n: usize) -> Vec<Vec<usize>> {
        let mut all = vec![vec![]];
        for _ in 0..n {
            all = all
                .into_iter()
                .flat_map(|order: Vec<usize>| {
                    (0..n)
                        .filter(|i| !order.contains(i))
                        .map(|i| {
                            let mut next = order.clone();
                            next.push(i);
                            next
                        })
                        .collect::<Vec<_>>()
                })
                .collect();
        }
        all
    }

    /// A chain of 1–8 steps whose shares add up to at most 1.
    fn chain() -> impl Strategy<Value = (Vec<Step>, f64)> {
        (
            prop::collection::vec((0.01f64..1.0, 0.0f64..60.0), 1..=8),
            0.0f64..1.0,
            0.0f64..300.0,
        )
            .prop_map(|(raw, fixed, end)| {
                let total: f64 = raw.iter().map(|(w, _)| w).sum();
                let steps = raw
                    .iter()
                    .map(|&(w, time)| Step {
                        p: w / total * fixed,
                        time,
                    })
                    .collect();
                (steps, end)
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        #[test]
        fn p_over_c_is_as_cheap_as_the_best_of_all_orders((chain, end) in chain()) {
            let greedy = expected_cost(&chain, &optimal_order(&chain), end);
            let best = permutations(chain.len())
                .iter()
                .map(|order| expected_cost(&chain, order, end))
                .fold(f64::INFINITY, f64::min);
            prop_assert!((greedy - best).abs() < 1e-9 * (1.0 + best), "{greedy} vs {best}");
        }

        #[test]
        fn the_service_call_point_is_the_cheapest_stop((chain, call) in chain()) {
            let order = optimal_order(&chain);
            let k = service_call(&chain, &order, call);
            let costs = stop_costs(&chain, &order, call);
            prop_assert!(costs.iter().all(|&c| costs[k] <= c + 1e-9));
            prop_assert_eq!(costs[order.len()], expected_cost(&chain, &order, call));
        }

        #[test]
        fn rates_round_trip(rates in prop::collection::vec(0.0f64..=1.0, 1..=8)) {
            let p = unconditional(&rates);
            let chain: Vec<Step> = p.iter().map(|&p| Step { p, time: 1.0 }).collect();
            let order: Vec<usize> = (0..rates.len()).collect();
            let back = conditional(&chain, &order);
            for (got, want) in back.iter().zip(&rates) {
                // A step no one reaches shows no rate.
                prop_assert!((got - want).abs() < 1e-9 || *got == 0.0);
            }
        }
    }
}
