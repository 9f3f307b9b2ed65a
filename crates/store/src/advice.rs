//! What `unstuck advise` reads: per question, the sessions that reached it,
//! answered it and gave each answer, and how long people took between being
//! shown a question and answering it, as a histogram per question (the
//! median is read from it: portable SQL has no median). Five queries over
//! the guide's events of the period, fewer than the dashboard's figures.

use super::{AnswerCount, Count, EventKind, Store, StoreError, median};
use serde::Serialize;
use sqlx::Row;
use unstuck_core::advise::{Observations, ObservedQuestion};

/// The counts of one guide since a time, for advice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AdviceCounts {
    /// Distinct sessions that did anything in the guide.
    pub sessions: i64,
    /// Sessions that were shown each question.
    pub reached: Vec<Count>,
    /// Sessions that answered each question.
    pub answered: Vec<Count>,
    /// Sessions per answer, per question.
    pub answers: Vec<AnswerCount>,
    /// The answer-time histogram of every question.
    pub times: Vec<AnswerTime>,
}

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
    /// What advice on `guide` rests on, since `since` (Unix seconds).
    pub async fn advice_counts(&self, guide: &str, since: i64) -> Result<AdviceCounts, StoreError> {
        self.ready().await?;
        Ok(AdviceCounts {
            sessions: self.sessions(guide, since).await?,
            reached: self
                .counts(guide, since, EventKind::Reached, "question")
                .await?,
            answered: self
                .counts(guide, since, EventKind::Answered, "question")
                .await?,
            answers: self.answer_counts(guide, since).await?,
            times: self.answer_times(guide, since).await?,
        })
    }

    /// The answer-time histogram of every question of `guide` since `since`.
    pub(crate) async fn answer_times(
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

/// The database's counts as the core's advice reads them.
impl From<&AdviceCounts> for Observations {
    fn from(counts: &AdviceCounts) -> Observations {
        let count = |n: i64| u64::try_from(n).unwrap_or(0);
        let mut observed = Observations {
            sessions: count(counts.sessions),
            ..Observations::default()
        };
        let questions = &mut observed.questions;
        for answer in &counts.answers {
            let question = questions.entry(answer.question.clone()).or_default();
            *question.answers.entry(answer.answer.clone()).or_default() += count(answer.sessions);
        }
        for reached in &counts.reached {
            let answered = (counts.answered.iter())
                .find(|a| a.name == reached.name)
                .map_or(0, |a| a.count);
            questions.entry(reached.name.clone()).or_default().left =
                count(reached.count - answered);
        }
        for times in counts.times.chunk_by(|a, b| a.question == b.question) {
            let histogram: Vec<(i64, i64)> =
                times.iter().map(|t| (t.seconds, t.sessions)).collect();
            let question: &mut ObservedQuestion =
                questions.entry(times[0].question.clone()).or_default();
            question.median_minutes = median(&histogram).map(|s| s / 60.0);
            question.timed = histogram.iter().map(|&(_, n)| count(n)).sum();
        }
        observed
    }
}
