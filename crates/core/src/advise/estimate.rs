//! Answer shares from the author's estimate and from recorded sessions.
//!
//! The author's shares are a Dirichlet prior worth [`PRIOR_SESSIONS`]
//! sessions: with `n_i` sessions giving answer `i` out of `N` that
//! answered, and prior shares `s_i` (summing to 1), the estimate is the
//! posterior mean
//!
//! ```text
//! share_i = (n_i + w·s_i) / (N + w)        w = PRIOR_SESSIONS
//! ```
//!
//! so four sessions already weigh as much as the author's guess, and a
//! hundred outweigh it 25 to 1. Answers without an authored share split what
//! the others leave of 100 %; a question without any is uniform.
//!
//! The 95 % interval is Wilson's score interval over the same pooled
//! counts (`N + w` trials): it never leaves [0, 1], stays honest for
//! shares near 0 or 1, and is wide when there is little data (with no
//! sessions at all it spans most of [0, 1], which is the point).

use serde::Serialize;

/// How many sessions the author's shares weigh as a prior.
pub const PRIOR_SESSIONS: f64 = 4.0;

/// The normal quantile for a two-sided 95 % interval.
const Z95: f64 = 1.959_963_984_540_054;

/// How often one answer is given, with its evidence.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Estimate {
    /// The estimated share, from 0 to 1.
    pub share: f64,
    /// Recorded sessions that gave this answer.
    pub count: u64,
    /// The lower end of the 95 % interval.
    pub low: f64,
    /// The upper end of the 95 % interval.
    pub high: f64,
}

impl Estimate {
    /// Whether two estimates' intervals overlap.
    pub fn overlaps(&self, other: &Estimate) -> bool {
        self.low <= other.high && other.low <= self.high
    }
}

/// The prior shares (summing to 1) from authored percentages, some missing.
pub fn prior_shares(authored: &[Option<f64>]) -> Vec<f64> {
    if authored.is_empty() {
        return Vec::new();
    }
    let given: f64 = authored.iter().flatten().map(|p| p / 100.0).sum();
    let missing = authored.iter().filter(|p| p.is_none()).count();
    let rest = if missing == 0 {
        0.0
    } else {
        (1.0 - given).max(0.0) / missing as f64
    };
    let raw: Vec<f64> = authored
        .iter()
        .map(|p| p.map_or(rest, |p| p / 100.0))
        .collect();
    let total: f64 = raw.iter().sum();
    if total > 0.0 {
        raw.iter().map(|p| p / total).collect()
    } else {
        vec![1.0 / authored.len() as f64; authored.len()]
    }
}

/// Each answer's estimate from authored percentages and recorded counts
/// (same order, one per answer).
pub fn estimate(authored: &[Option<f64>], counts: &[u64]) -> Vec<Estimate> {
    let prior = prior_shares(authored);
    let answered: u64 = counts.iter().sum();
    let trials = answered as f64 + PRIOR_SESSIONS;
    prior
        .iter()
        .zip(counts)
        .map(|(&prior, &count)| {
            let share = (count as f64 + PRIOR_SESSIONS * prior) / trials;
            let (low, high) = wilson(share, trials);
            Estimate {
                share,
                count,
                low,
                high,
            }
        })
        .collect()
}

/// Wilson's 95 % score interval for a proportion `share` of `trials`.
pub fn wilson(share: f64, trials: f64) -> (f64, f64) {
    let z2 = Z95 * Z95;
    let denominator = 1.0 + z2 / trials;
    let centre = (share + z2 / (2.0 * trials)) / denominator;
    let half =
        Z95 / denominator * (share * (1.0 - share) / trials + z2 / (4.0 * trials * trials)).sqrt();
    ((centre - half).max(0.0), (centre + half).min(1.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_shares_split_the_rest_and_none_is_uniform() {
        assert_eq!(prior_shares(&[Some(60.0), None, None]), vec![0.6, 0.2, 0.2]);
        assert_eq!(prior_shares(&[None, None]), vec![0.5, 0.5]);
        assert_eq!(prior_shares(&[Some(0.0), Some(0.0)]), vec![0.5, 0.5]);
    }

    #[test]
    fn sessions_outweigh_the_authored_guess() {
        let authored = [Some(90.0), Some(10.0)];
        let none = estimate(&authored, &[0, 0]);
        assert!((none[0].share - 0.9).abs() < 1e-9);
        assert!(none[0].high - none[0].low > 0.4, "no data: a wide interval");
        let many = estimate(&authored, &[200, 800]);
        assert!((many[0].share - 0.2).abs() < 0.01, "{:?}", many[0]);
        assert!(many[0].low < 0.2 && 0.2 < many[0].high);
        assert!(many[0].high - many[0].low < 0.06);
        assert_eq!(many[1].count, 800);
    }

    #[test]
    fn wilson_matches_the_textbook_figure() {
        // 8 of 10: Wilson's 95 % interval is about [0.490, 0.943].
        let (low, high) = wilson(0.8, 10.0);
        assert!((low - 0.490).abs() < 0.001 && (high - 0.943).abs() < 0.001);
    }
}
