//! How long people take at each question: the time between being shown a
//! question and answering it, per session, as a histogram per question
//! (the median is read from it: portable SQL has no median).

use super::{Store, StoreError};
use serde::Serialize;
use sqlx::Row;

/// How many sessions took `seconds` to answer `question`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AnswerTime {
    /// The question's id.
    pub question: String,
    /// Seconds from the first time the session reached it to the first
    /// time it answered it.
    pub seconds: i64,
    /// Distinct sessions.
    pub sessions: i64,
}

impl Store {
    /// The answer-time histogram of every question of `guide` since `since`.
    pub async fn answer_times(
        &self,
        guide: &str,
        since: i64,
    ) -> Result<Vec<AnswerTime>, StoreError> {
        self.ready().await?;
        self.rows(
            "SELECT r.question, a.at - r.at, COUNT(*) FROM \
             (SELECT session, question, MIN(at) AS at FROM events \
              WHERE guide = $1 AND at >= $2 AND kind = 'reached' GROUP BY session, question) r \
             JOIN (SELECT session, question, MIN(at) AS at FROM events \
              WHERE guide = $1 AND at >= $2 AND kind = 'answered' GROUP BY session, question) a \
             ON a.session = r.session AND a.question = r.question \
             WHERE a.at >= r.at GROUP BY r.question, a.at - r.at ORDER BY 1, 2",
            guide,
            since,
        )
        .await?
        .iter()
        .map(|row| {
            Ok(AnswerTime {
                question: row.try_get::<Option<String>, _>(0)?.unwrap_or_default(),
                seconds: row.try_get(1)?,
                sessions: row.try_get(2)?,
            })
        })
        .collect()
    }
}

/// The median of a histogram of `(value, count)` sorted by value: the
/// middle value, or the mean of the two middle ones; `None` when empty.
pub fn median(histogram: &[(i64, i64)]) -> Option<f64> {
    let total: i64 = histogram.iter().map(|&(_, n)| n.max(0)).sum();
    if total == 0 {
        return None;
    }
    let nth = |rank: i64| {
        let mut seen = 0;
        histogram.iter().find_map(|&(value, n)| {
            seen += n.max(0);
            (seen > rank).then_some(value as f64)
        })
    };
    Some((nth((total - 1) / 2)? + nth(total / 2)?) / 2.0)
}

#[cfg(test)]
mod tests {
    use super::median;

    #[test]
    fn median_of_a_histogram() {
        assert_eq!(median(&[]), None);
        assert_eq!(median(&[(5, 1)]), Some(5.0));
        assert_eq!(median(&[(1, 1), (3, 1)]), Some(2.0));
        assert_eq!(median(&[(1, 3), (100, 2)]), Some(1.0));
        assert_eq!(median(&[(1, 2), (7, 1), (100, 2)]), Some(7.0));
    }
}
