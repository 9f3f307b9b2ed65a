//! "Was this helpful?": stored with the guide, the outcome and the path it
//! was given on. Never with an IP address or anything else personal.

use super::{Store, StoreError, now_unix};
use sqlx::Row;

/// Feedback as a person sends it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewFeedback {
    /// The guide's id.
    pub guide: String,
    /// The guide's version (a hash of its text), so figures survive edits.
    pub guide_version: String,
    /// The outcome the person reached, if any.
    pub outcome: Option<String>,
    /// The answers on their path, as `question=answer&…`.
    pub path: String,
    /// Whether the guide helped.
    pub helpful: bool,
    /// An optional comment.
    pub comment: Option<String>,
    /// The translation read (`de`); `None` for the guide as written.
    pub lang: Option<String>,
}

/// Feedback as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Feedback {
    /// Its row id.
    pub id: i64,
    /// What was sent.
    pub feedback: NewFeedback,
    /// When, in seconds since the Unix epoch.
    pub created_at: i64,
}

impl Store {
    /// Stores feedback; returns its id once the database has it.
    pub async fn add_feedback(&self, feedback: &NewFeedback) -> Result<i64, StoreError> {
        self.ready().await?;
        let row = sqlx::query(
            "INSERT INTO feedback (guide, guide_version, outcome, path, helpful, comment, created_at, lang) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        )
        .bind(&feedback.guide)
        .bind(&feedback.guide_version)
        .bind(&feedback.outcome)
        .bind(&feedback.path)
        .bind(i32::from(feedback.helpful))
        .bind(&feedback.comment)
        .bind(now_unix())
        .bind(&feedback.lang)
        .fetch_one(&self.pool)
        .await?;
        Ok(row.try_get(0)?)
    }

    /// The feedback on a guide, newest first, at most `limit` rows.
    pub async fn feedback(&self, guide: &str, limit: i64) -> Result<Vec<Feedback>, StoreError> {
        self.ready().await?;
        let rows = sqlx::query(
            "SELECT id, guide, guide_version, outcome, path, helpful, comment, created_at, lang \
             FROM feedback WHERE guide = $1 ORDER BY created_at DESC, id DESC LIMIT $2",
        )
        .bind(guide)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                Ok(Feedback {
                    id: row.try_get("id")?,
                    feedback: NewFeedback {
                        guide: row.try_get("guide")?,
                        guide_version: row.try_get("guide_version")?,
                        outcome: row.try_get("outcome")?,
                        path: row.try_get("path")?,
                        helpful: row.try_get::<i32, _>("helpful")? != 0,
                        comment: row.try_get("comment")?,
                        lang: row.try_get("lang")?,
                    },
                    created_at: row.try_get("created_at")?,
                })
            })
            .collect()
    }
}
