//! The guide as numbers: each question's time and where each answer leads
//! with what probability, and the expected time from every node.
//!
//! The expected time from an outcome is its own (an escalation's `Time:`,
//! else 0); from a question `q` it is
//!
//! ```text
//! E(q) = C(q) + Σ_a share(a) · E(next(a))
//! ```
//!
//! one pass over the questions in reverse topological order: exact and
//! linear. The order comes from an iterative depth-first search, so a
//! 100,000-question chain costs memory, not stack.

/// A node: questions first (by index), then outcomes.
#[derive(Debug, Clone, Default)]
pub(crate) struct Node {
    /// Its own time, in minutes.
    pub(crate) time: f64,
    /// Where each answer leads: (probability, node).
    pub(crate) edges: Vec<(f64, usize)>,
}

/// The decision graph with times and probabilities.
#[derive(Debug, Clone, Default)]
pub(crate) struct Flow {
    pub(crate) nodes: Vec<Node>,
}

impl Flow {
    /// Every node, children before parents (reachable or not). A cycle,
    /// which a compiled guide never has, is cut where it is found.
    pub(crate) fn children_first(&self) -> Vec<usize> {
        let mut state = vec![0u8; self.nodes.len()]; // 0 new, 1 open, 2 done
        let mut order = Vec::with_capacity(self.nodes.len());
        let mut stack = Vec::new();
        for root in 0..self.nodes.len() {
            if state[root] != 0 {
                continue;
            }
            stack.push((root, false));
            while let Some((node, expanded)) = stack.pop() {
                if expanded {
                    state[node] = 2;
                    order.push(node);
                    continue;
                }
                if state[node] != 0 {
                    continue;
                }
                state[node] = 1;
                stack.push((node, true));
                for &(_, next) in &self.nodes[node].edges {
                    if state[next] == 0 {
                        stack.push((next, false));
                    }
                }
            }
        }
        order
    }

    /// The expected time from every node.
    pub(crate) fn expected_times(&self, order: &[usize]) -> Vec<f64> {
        let mut expected = vec![0.0; self.nodes.len()];
        for &node in order {
            let own = &self.nodes[node];
            expected[node] = own.time
                + own
                    .edges
                    .iter()
                    .map(|&(p, next)| p * expected[next])
                    .sum::<f64>();
        }
        expected
    }

    /// The probability of passing through every node, starting at `start`.
    pub(crate) fn reach(&self, order: &[usize], start: usize) -> Vec<f64> {
        let mut reach = vec![0.0; self.nodes.len()];
        reach[start] = 1.0;
        for &node in order.iter().rev() {
            let here = reach[node];
            for &(p, next) in &self.nodes[node].edges {
                reach[next] += here * p;
            }
        }
        reach
    }
}

#[cfg(test)]
mod tests {
    use super::{Flow, Node};

    fn node(time: f64, edges: &[(f64, usize)]) -> Node {
        Node {
            time,
            edges: edges.to_vec(),
        }
    }

    #[test]
    fn expected_time_of_a_hand_computed_tree() {
        // q0 (2 min): 60 % → q1, 40 % → fixed; q1 (10 min): 50 % → fixed,
        // 50 % → call (120 min). E(q1) = 10 + 60 = 70; E(q0) = 2 + 0.6·70 = 44.
        let flow = Flow {
            nodes: vec![
                node(2.0, &[(0.6, 1), (0.4, 2)]),
                node(10.0, &[(0.5, 2), (0.5, 3)]),
                node(0.0, &[]),
                node(120.0, &[]),
            ],
        };
        let order = flow.children_first();
        let expected = flow.expected_times(&order);
        assert!((expected[1] - 70.0).abs() < 1e-9 && (expected[0] - 44.0).abs() < 1e-9);
        let reach = flow.reach(&order, 0);
        assert!((reach[1] - 0.6).abs() < 1e-9 && (reach[3] - 0.3).abs() < 1e-9);
    }

    #[test]
    fn a_long_chain_costs_no_stack() {
        let n = 100_000;
        let nodes = (0..n)
            .map(|i| node(1.0, &[(0.5, (i + 1).min(n)), (0.5, n)]))
            .chain(std::iter::once(node(0.0, &[])))
            .collect();
        let flow = Flow { nodes };
        let expected = flow.expected_times(&flow.children_first());
        assert!((expected[0] - 2.0).abs() < 1e-9, "{}", expected[0]);
    }
}
