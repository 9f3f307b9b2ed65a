//! The figures an operator reads: per guide and period, from events and
//! feedback. Every count of people is a count of distinct sessions, so a
//! reload does not count twice.

use super::{EventKind, Store, StoreError};
use serde::Serialize;
use sqlx::Row;

/// The figures of one guide since a time.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GuideStats {
    /// The guide's id.
    pub guide: String,
    /// The start of the period, in seconds since the Unix epoch.
    pub since: i64,
    /// Sessions that did anything in the guide.
    pub sessions: i64,
    /// Sessions per outcome reached.
    pub outcomes: Vec<OutcomeCount>,
    /// Sessions that reached a resolved outcome.
    pub resolved: i64,
    /// Sessions that reached an escalation.
    pub escalated: i64,
    /// Resolved out of resolved and escalated; none without either.
    pub resolution_rate: Option<f64>,
    /// Per question: sessions that reached it, answered it, and left there.
    pub funnel: Vec<QuestionFunnel>,
    /// Sessions per answer, per question.
    pub answers: Vec<AnswerCount>,
    /// Answer changes per question, most first.
    pub changes: Vec<Count>,
    /// Sessions per triage entry used.
    pub triage: Vec<Count>,
    /// The median number of answers on the way to an outcome.
    pub median_answers_to_outcome: Option<f64>,
    /// Times the full guide was opened.
    pub full_guide_opened: i64,
    /// Times the support summary was downloaded.
    pub summary_downloaded: i64,
    /// Times the support summary was copied.
    pub summary_copied: i64,
    /// Feedback that said "helpful".
    pub helpful: i64,
    /// Feedback that said "not helpful".
    pub not_helpful: i64,
    /// Helpful out of all feedback; none without feedback.
    pub helpful_rate: Option<f64>,
    /// The latest comments, newest first.
    pub comments: Vec<Comment>,
    /// The same figures per language read, most sessions first.
    pub languages: Vec<LanguageFigures>,
}

/// The figures of one language a guide was read in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LanguageFigures {
    /// The translation's tag (`de`); `None` for the guide as written.
    pub lang: Option<String>,
    /// Sessions that did anything in the guide in this language.
    pub sessions: i64,
    /// Sessions that reached a resolved outcome.
    pub resolved: i64,
    /// Sessions that reached an escalation.
    pub escalated: i64,
    /// Feedback that said "helpful".
    pub helpful: i64,
    /// Feedback that said "not helpful".
    pub not_helpful: i64,
}

/// Sessions that reached an outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OutcomeCount {
    /// The outcome's id.
    pub outcome: String,
    /// `resolved` or `escalate`.
    pub kind: String,
    /// Distinct sessions.
    pub sessions: i64,
}

/// How far sessions got at one question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuestionFunnel {
    /// The question's id.
    pub question: String,
    /// Sessions that were shown it.
    pub reached: i64,
    /// Sessions that answered it.
    pub answered: i64,
    /// Sessions that were shown it and never answered: where they left.
    pub left: i64,
}

/// Sessions that gave one answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AnswerCount {
    /// The question's id.
    pub question: String,
    /// The answer's id.
    pub answer: String,
    /// Distinct sessions.
    pub sessions: i64,
}

/// A count by name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Count {
    /// What is counted (a question id, a triage entry).
    pub name: String,
    /// How many.
    pub count: i64,
}

/// A feedback comment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Comment {
    /// When, in seconds since the Unix epoch.
    pub at: i64,
    /// Whether the guide helped.
    pub helpful: bool,
    /// The outcome it was given at.
    pub outcome: Option<String>,
    /// The comment.
    pub text: String,
}

/// Comments shown at most.
const COMMENTS: i64 = 20;

impl Store {
    /// The figures of `guide` since `since` (Unix seconds).
    pub async fn stats(&self, guide: &str, since: i64) -> Result<GuideStats, StoreError> {
        self.ready().await?;
        let sessions = self.sessions(guide, since).await?;
        let outcomes: Vec<OutcomeCount> = self
            .rows(
                "SELECT outcome, outcome_kind, COUNT(DISTINCT session) FROM events \
                 WHERE guide = $1 AND at >= $2 AND kind = 'outcome' GROUP BY outcome, outcome_kind ORDER BY 3 DESC, 1",
                guide,
                since,
            )
            .await?
            .iter()
            .map(|row| {
                Ok(OutcomeCount {
                    outcome: row.try_get::<Option<String>, _>(0)?.unwrap_or_default(),
                    kind: row.try_get::<Option<String>, _>(1)?.unwrap_or_default(),
                    sessions: row.try_get(2)?,
                })
            })
            .collect::<Result<_, StoreError>>()?;
        let by_kind = |kind: &str| {
            outcomes
                .iter()
                .filter(|o| o.kind == kind)
                .map(|o| o.sessions)
                .sum::<i64>()
        };
        let (resolved, escalated) = (by_kind("resolved"), by_kind("escalate"));
        let reached = self
            .counts(guide, since, EventKind::Reached, "question")
            .await?;
        let answered = self
            .counts(guide, since, EventKind::Answered, "question")
            .await?;
        let funnel = reached
            .iter()
            .map(|r| {
                let answered = answered
                    .iter()
                    .find(|a| a.name == r.name)
                    .map_or(0, |a| a.count);
                QuestionFunnel {
                    question: r.name.clone(),
                    reached: r.count,
                    answered,
                    left: (r.count - answered).max(0),
                }
            })
            .collect();
        let answers = self.answer_counts(guide, since).await?;
        let depths = self
            .rows(
                "SELECT depth, COUNT(*) FROM events WHERE guide = $1 AND at >= $2 AND kind = 'outcome' GROUP BY depth ORDER BY depth",
                guide,
                since,
            )
            .await?
            .iter()
            .map(|row| Ok((row.try_get::<i64, _>(0)?, row.try_get::<i64, _>(1)?)))
            .collect::<Result<Vec<_>, StoreError>>()?;
        let feedback = self
            .rows(
                "SELECT helpful, COUNT(*) FROM feedback WHERE guide = $1 AND created_at >= $2 GROUP BY helpful",
                guide,
                since,
            )
            .await?
            .iter()
            .map(|row| Ok((row.try_get::<i32, _>(0)? != 0, row.try_get::<i64, _>(1)?)))
            .collect::<Result<Vec<_>, StoreError>>()?;
        let count_of = |wanted: bool| {
            feedback
                .iter()
                .filter(|(h, _)| *h == wanted)
                .map(|(_, n)| n)
                .sum::<i64>()
        };
        let (helpful, not_helpful) = (count_of(true), count_of(false));
        let comments = sqlx::query(
            "SELECT created_at, helpful, outcome, comment FROM feedback \
             WHERE guide = $1 AND created_at >= $2 AND comment IS NOT NULL ORDER BY created_at DESC, id DESC LIMIT $3",
        )
        .bind(guide)
        .bind(since)
        .bind(COMMENTS)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|row| {
            Ok(Comment {
                at: row.try_get(0)?,
                helpful: row.try_get::<i32, _>(1)? != 0,
                outcome: row.try_get(2)?,
                text: row.try_get::<Option<String>, _>(3)?.unwrap_or_default(),
            })
        })
        .collect::<Result<_, StoreError>>()?;
        let total = |kind| async move {
            let sql = "SELECT COUNT(*) FROM events WHERE guide = $1 AND at >= $2 AND kind = $3";
            let row = sqlx::query(sql)
                .bind(guide)
                .bind(since)
                .bind(EventKind::as_str(kind))
                .fetch_one(&self.pool)
                .await?;
            Ok::<i64, StoreError>(row.try_get(0)?)
        };
        let languages = self.languages(guide, since).await?;
        Ok(GuideStats {
            guide: guide.to_owned(),
            since,
            languages,
            sessions,
            resolution_rate: ratio(resolved, resolved + escalated),
            resolved,
            escalated,
            outcomes,
            funnel,
            answers,
            changes: self
                .counts(guide, since, EventKind::Changed, "question")
                .await?,
            triage: self
                .counts(guide, since, EventKind::Triage, "question")
                .await?,
            median_answers_to_outcome: median(&depths),
            full_guide_opened: total(EventKind::FullGuide).await?,
            summary_downloaded: total(EventKind::SummaryDownloaded).await?,
            summary_copied: total(EventKind::SummaryCopied).await?,
            helpful_rate: ratio(helpful, helpful + not_helpful),
            helpful,
            not_helpful,
            comments,
        })
    }

    /// Distinct sessions that did anything in `guide` since `since`.
    pub(crate) async fn sessions(&self, guide: &str, since: i64) -> Result<i64, StoreError> {
        self.scalar(
            "SELECT COUNT(DISTINCT session) FROM events WHERE guide = $1 AND at >= $2",
            guide,
            since,
        )
        .await
    }

    /// Sessions per answer, per question (answered or changed to it).
    pub(crate) async fn answer_counts(
        &self,
        guide: &str,
        since: i64,
    ) -> Result<Vec<AnswerCount>, StoreError> {
        self
            .rows(
                "SELECT question, answer, COUNT(DISTINCT session) FROM events \
                 WHERE guide = $1 AND at >= $2 AND kind IN ('answered', 'changed') GROUP BY question, answer ORDER BY 1, 3 DESC",
                guide,
                since,
            )
            .await?
            .iter()
            .map(|row| {
                Ok(AnswerCount {
                    question: row.try_get::<Option<String>, _>(0)?.unwrap_or_default(),
                    answer: row.try_get::<Option<String>, _>(1)?.unwrap_or_default(),
                    sessions: row.try_get(2)?,
                })
            })
            .collect()
    }

    /// Distinct sessions per value of `column` among events of one kind, most first.
    pub(crate) async fn counts(
        &self,
        guide: &str,
        since: i64,
        kind: EventKind,
        column: &'static str,
    ) -> Result<Vec<Count>, StoreError> {
        let sql = format!(
            "SELECT {column}, COUNT(DISTINCT session) FROM events WHERE guide = $1 AND at >= $2 AND kind = $3 \
             GROUP BY {column} ORDER BY 2 DESC, 1"
        );
        // `column` is one of this file's constants; values are bound.
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(guide)
            .bind(since)
            .bind(kind.as_str())
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|row| {
                Ok(Count {
                    name: row.try_get::<Option<String>, _>(0)?.unwrap_or_default(),
                    count: row.try_get(1)?,
                })
            })
            .collect()
    }

    async fn scalar(&self, sql: &'static str, guide: &str, since: i64) -> Result<i64, StoreError> {
        let row = sqlx::query(sql)
            .bind(guide)
            .bind(since)
            .fetch_one(&self.pool)
            .await?;
        Ok(row.try_get(0)?)
    }

    /// Sessions, outcomes and feedback per language read.
    async fn languages(&self, guide: &str, since: i64) -> Result<Vec<LanguageFigures>, StoreError> {
        let mut languages: Vec<LanguageFigures> = self
            .rows(
                "SELECT lang, COUNT(DISTINCT session), \
                 COUNT(DISTINCT CASE WHEN kind = 'outcome' AND outcome_kind = 'resolved' THEN session END), \
                 COUNT(DISTINCT CASE WHEN kind = 'outcome' AND outcome_kind = 'escalate' THEN session END) \
                 FROM events WHERE guide = $1 AND at >= $2 GROUP BY lang ORDER BY 2 DESC, 1",
                guide,
                since,
            )
            .await?
            .iter()
            .map(|row| {
                Ok(LanguageFigures {
                    lang: row.try_get(0)?,
                    sessions: row.try_get(1)?,
                    resolved: row.try_get(2)?,
                    escalated: row.try_get(3)?,
                    helpful: 0,
                    not_helpful: 0,
                })
            })
            .collect::<Result<_, StoreError>>()?;
        let feedback = self
            .rows(
                "SELECT lang, helpful, COUNT(*) FROM feedback WHERE guide = $1 AND created_at >= $2 GROUP BY lang, helpful",
                guide,
                since,
            )
            .await?;
        for row in &feedback {
            let lang: Option<String> = row.try_get(0)?;
            let helpful = row.try_get::<i32, _>(1)? != 0;
            let count: i64 = row.try_get(2)?;
            let index = match languages.iter().position(|figures| figures.lang == lang) {
                Some(index) => index,
                None => {
                    languages.push(LanguageFigures {
                        lang,
                        sessions: 0,
                        resolved: 0,
                        escalated: 0,
                        helpful: 0,
                        not_helpful: 0,
                    });
                    languages.len() - 1
                }
            };
            let figures = &mut languages[index];
            if helpful {
                figures.helpful += count;
            } else {
                figures.not_helpful += count;
            }
        }
        Ok(languages)
    }

    pub(crate) async fn rows(
        &self,
        sql: &'static str,
        guide: &str,
        since: i64,
    ) -> Result<Vec<sqlx::any::AnyRow>, StoreError> {
        Ok(sqlx::query(sql)
            .bind(guide)
            .bind(since)
            .fetch_all(&self.pool)
            .await?)
    }
}

fn ratio(part: i64, whole: i64) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}

/// The median of a histogram of `(value, count)` sorted by value.
/// The median of a histogram of `(value, count)` sorted by value: the
/// middle value, or the mean of the two middle ones; `None` when empty.
pub fn median(histogram: &[(i64, i64)]) -> Option<f64> {
    let total: i64 = histogram.iter().map(|(_, n)| n).sum();
    if total == 0 {
        return None;
    }
    let at = |rank: i64| {
        let mut seen = 0;
        histogram.iter().find_map(|&(value, n)| {
            seen += n;
            (seen > rank).then_some(value)
        })
    };
    let (low, high) = (at((total - 1) / 2)?, at(total / 2)?);
    Some((low + high) as f64 / 2.0)
}

#[cfg(test)]
mod tests {
    use super::median;

    #[test]
    fn median_of_a_histogram() {
        assert_eq!(median(&[]), None);
        assert_eq!(median(&[(3, 1)]), Some(3.0));
        assert_eq!(median(&[(2, 1), (4, 1)]), Some(3.0));
        assert_eq!(median(&[(1, 5), (9, 1)]), Some(1.0));
        assert_eq!(median(&[(2, 2), (3, 1), (7, 1)]), Some(2.5));
    }
}
