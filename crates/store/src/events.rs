//! Events: what people do in guides, written in batches, read as figures.

use super::{Backend, Store, StoreError};
use sqlx::Row;

/// What happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EventKind {
    /// A question was shown (the walk stands at it).
    Reached,
    /// A question was answered.
    Answered,
    /// An earlier answer was changed.
    Changed,
    /// A triage entry was used to jump in.
    Triage,
    /// An outcome was reached.
    Outcome,
    /// The full guide was opened.
    FullGuide,
    /// The support summary was downloaded.
    SummaryDownloaded,
    /// The support summary was copied (needs the optional script).
    SummaryCopied,
    /// Feedback was given.
    Feedback,
}

impl EventKind {
    /// Every kind, in the order they are documented.
    pub const ALL: [EventKind; 9] = [
        EventKind::Reached,
        EventKind::Answered,
        EventKind::Changed,
        EventKind::Triage,
        EventKind::Outcome,
        EventKind::FullGuide,
        EventKind::SummaryDownloaded,
        EventKind::SummaryCopied,
        EventKind::Feedback,
    ];

    /// The name stored and exported.
    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::Reached => "reached",
            EventKind::Answered => "answered",
            EventKind::Changed => "changed",
            EventKind::Triage => "triage",
            EventKind::Outcome => "outcome",
            EventKind::FullGuide => "full-guide",
            EventKind::SummaryDownloaded => "summary-downloaded",
            EventKind::SummaryCopied => "summary-copied",
            EventKind::Feedback => "feedback",
        }
    }

    /// The kind stored under `name`.
    pub fn from_name(name: &str) -> Option<EventKind> {
        EventKind::ALL
            .into_iter()
            .find(|kind| kind.as_str() == name)
    }
}

/// One event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// When, in seconds since the Unix epoch.
    pub at: i64,
    /// The guide's id.
    pub guide: String,
    /// The guide's version (a hash of its text).
    pub guide_version: String,
    /// The anonymous session.
    pub session: String,
    /// What happened.
    pub kind: EventKind,
    /// The question concerned, if any.
    pub question: Option<String>,
    /// The answer given, if any.
    pub answer: Option<String>,
    /// The outcome reached, if any.
    pub outcome: Option<String>,
    /// `resolved` or `escalate`, with an outcome.
    pub outcome_kind: Option<String>,
    /// How many answers were on the path.
    pub depth: i64,
    /// The translation read (`de`); `None` for the guide as written.
    pub lang: Option<String>,
}

/// Rows per INSERT: well under both databases' parameter limits.
const ROWS_PER_INSERT: usize = 200;
const COLUMNS: usize = 11;

/// The INSERT of `rows` events, with the placeholders `backend` binds
/// cheaply: numbered (`$1`) for PostgreSQL, plain (`?`, bound in order) for
/// SQLite, which looks each numbered parameter up by a linear search: an
/// INSERT of 2,000 of them took more time to bind than to write.
fn insert_events(backend: Backend, rows: usize) -> String {
    use std::fmt::Write;
    let mut sql = String::from(
        "INSERT INTO events (at, guide, guide_version, session, kind, question, answer, outcome, outcome_kind, depth, lang) VALUES ",
    );
    for row in 0..rows {
        sql.push_str(if row == 0 { "(" } else { ", (" });
        for column in 0..COLUMNS {
            if column > 0 {
                sql.push_str(", ");
            }
            match backend {
                Backend::Postgres => {
                    let _ = write!(sql, "${}", row * COLUMNS + column + 1);
                }
                Backend::Sqlite => sql.push('?'),
            }
        }
        sql.push(')');
    }
    sql
}

impl Store {
    /// Writes events in one transaction; all or none.
    pub async fn add_events(&self, events: &[Event]) -> Result<(), StoreError> {
        if events.is_empty() {
            return Ok(());
        }
        self.ready().await?;
        let mut transaction = self.pool.begin().await?;
        for chunk in events.chunks(ROWS_PER_INSERT) {
            // Built from constants and placeholders only: values are bound.
            let sql = insert_events(self.backend, chunk.len());
            let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
            for event in chunk {
                query = query
                    .bind(event.at)
                    .bind(&event.guide)
                    .bind(&event.guide_version)
                    .bind(&event.session)
                    .bind(event.kind.as_str())
                    .bind(&event.question)
                    .bind(&event.answer)
                    .bind(&event.outcome)
                    .bind(&event.outcome_kind)
                    .bind(event.depth)
                    .bind(&event.lang);
            }
            query.execute(&mut *transaction).await?;
        }
        transaction.commit().await?;
        Ok(())
    }

    /// Every event of a guide since `since`, oldest first.
    pub async fn events(&self, guide: &str, since: i64) -> Result<Vec<Event>, StoreError> {
        self.ready().await?;
        let rows = sqlx::query(
            "SELECT at, guide, guide_version, session, kind, question, answer, outcome, outcome_kind, depth, lang \
             FROM events WHERE guide = $1 AND at >= $2 ORDER BY at, id",
        )
        .bind(guide)
        .bind(since)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                let kind: String = row.try_get("kind")?;
                Ok(Event {
                    at: row.try_get("at")?,
                    guide: row.try_get("guide")?,
                    guide_version: row.try_get("guide_version")?,
                    session: row.try_get("session")?,
                    kind: EventKind::from_name(&kind).unwrap_or(EventKind::Reached),
                    question: row.try_get("question")?,
                    answer: row.try_get("answer")?,
                    outcome: row.try_get("outcome")?,
                    outcome_kind: row.try_get("outcome_kind")?,
                    depth: row.try_get("depth")?,
                    lang: row.try_get("lang")?,
                })
            })
            .collect()
    }

    /// Deletes events and feedback older than `before` (Unix seconds);
    /// returns how many of each were deleted.
    pub async fn prune(&self, before: i64) -> Result<(u64, u64), StoreError> {
        self.ready().await?;
        let events = sqlx::query("DELETE FROM events WHERE at < $1")
            .bind(before)
            .execute(&self.pool)
            .await?
            .rows_affected();
        let feedback = sqlx::query("DELETE FROM feedback WHERE created_at < $1")
            .bind(before)
            .execute(&self.pool)
            .await?
            .rows_affected();
        Ok((events, feedback))
    }

    /// The ids of the guides that have events or feedback since `since`.
    pub async fn guides_with_data(&self, since: i64) -> Result<Vec<String>, StoreError> {
        self.ready().await?;
        let rows = sqlx::query(
            "SELECT guide FROM events WHERE at >= $1 UNION SELECT guide FROM feedback WHERE created_at >= $1 ORDER BY guide",
        )
        .bind(since)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(|row| Ok(row.try_get(0)?)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_insert_numbers_its_placeholders_only_for_postgresql() {
        let columns = "(at, guide, guide_version, session, kind, question, answer, outcome, outcome_kind, depth, lang)";
        assert_eq!(
            insert_events(Backend::Postgres, 2),
            format!(
                "INSERT INTO events {columns} VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11), \
                 ($12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22)"
            )
        );
        let row = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        assert_eq!(
            insert_events(Backend::Sqlite, 2),
            format!("INSERT INTO events {columns} VALUES {row}, {row}")
        );
    }
}
