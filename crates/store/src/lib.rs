//! Unstuck's storage (feedback, events, and the outbox of hand-offs to the
//! support desk): one [`Store`] over SQLite (an embedded file, the
//! default) or PostgreSQL (when several servers share the load).
//!
//! Queries are written once, in SQL both databases accept, and run through
//! sqlx's `Any` driver; the schema has one migration set per database
//! (`migrations/sqlite`, `migrations/postgres`), embedded and applied on
//! connect. The pool is lazy: a database that is down when the server
//! starts, or goes down later, fails only the calls that need it, and
//! everything recovers when it returns.

mod advice;
mod events;
mod feedback;
mod handoff;
mod stats;

pub use advice::{AdviceCounts, AnswerTime};
pub use events::{Event, EventKind};
pub use feedback::{Feedback, NewFeedback};
pub use handoff::{Attempt, Claim, Delivery, DeliveryState, Handoff, NewHandoff, Stored};
pub use stats::{
    AnswerCount, Comment, Count, GuideStats, LanguageFigures, OutcomeCount, QuestionFunnel, median,
};

use sqlx::any::{AnyPoolOptions, install_default_drivers};
use sqlx::migrate::Migrator;
use sqlx::{AnyPool, Executor};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;
use thiserror::Error;

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/postgres");

/// What went wrong talking to the database.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum StoreError {
    /// The URL names no database Unstuck supports.
    #[error("`{0}` is not a database URL Unstuck supports; use sqlite://PATH or postgres://…")]
    UnsupportedUrl(String),
    /// The database could not be reached or refused the query.
    #[error("the database is unavailable: {0}")]
    Unavailable(#[from] sqlx::Error),
    /// An SQLite file could not be opened or created at start.
    #[error(
        "cannot open the SQLite file `{path}`: check that its folder exists \
         and that this user may write there, or name another file with --database sqlite://PATH"
    )]
    SqliteFile {
        /// The file as the URL names it.
        path: String,
        /// What SQLite said.
        source: sqlx::Error,
    },
    /// A hand-off with this reference is already stored.
    #[error("the hand-off reference `{0}` is already taken")]
    ReferenceTaken(String),
    /// The schema could not be brought up to date.
    #[error("the database schema could not be updated: {0}")]
    Migration(sqlx::migrate::MigrateError),
}

impl From<sqlx::migrate::MigrateError> for StoreError {
    fn from(error: sqlx::migrate::MigrateError) -> Self {
        match error {
            // Not a schema problem: the database could not be reached.
            sqlx::migrate::MigrateError::Execute(
                error @ (sqlx::Error::PoolTimedOut
                | sqlx::Error::PoolClosed
                | sqlx::Error::Io(_)
                | sqlx::Error::Tls(_)),
            ) => StoreError::Unavailable(error),
            error => StoreError::Migration(error),
        }
    }
}

/// Which database a [`Store`] talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// An SQLite file, or memory.
    Sqlite,
    /// A PostgreSQL server.
    Postgres,
}

impl Backend {
    /// The backend a database URL names.
    pub fn of(url: &str) -> Result<Backend, StoreError> {
        if url.starts_with("sqlite:") {
            Ok(Backend::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Backend::Postgres)
        } else {
            Err(StoreError::UnsupportedUrl(url.to_owned()))
        }
    }

    fn migrator(self) -> &'static Migrator {
        match self {
            Backend::Sqlite => &SQLITE_MIGRATIONS,
            Backend::Postgres => &POSTGRES_MIGRATIONS,
        }
    }
}

/// The database, shared by every request. Cheap to clone.
#[derive(Debug, Clone)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
    migrated: Arc<AtomicBool>,
}

impl Store {
    /// Opens the database at `url` (`sqlite://unstuck.db`,
    /// `sqlite::memory:`, `postgres://…`) and applies the migrations.
    ///
    /// An SQLite file is created when missing (unless the URL says
    /// otherwise with `mode=`), and one that cannot be opened or migrated
    /// is an error at once: a local file does not come back by itself. An
    /// unreachable PostgreSQL server gives a store whose calls fail until
    /// it is reachable; [`Store::is_ready`] tells which.
    pub async fn open(url: &str) -> Result<Store, StoreError> {
        install_default_drivers();
        let backend = Backend::of(url)?;
        let url = &match backend {
            Backend::Sqlite => sqlite_creating(url),
            Backend::Postgres => url.to_owned(),
        };
        let mut options = AnyPoolOptions::new()
            .acquire_timeout(Duration::from_secs(3))
            .max_connections(match backend {
                // One writer at a time is SQLite's model; WAL lets readers in.
                Backend::Sqlite => 4,
                Backend::Postgres => 10,
            });
        if backend == Backend::Sqlite {
            options = options.after_connect(|connection, _| {
                Box::pin(async move {
                    connection
                        .execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000;")
                        .await?;
                    Ok(())
                })
            });
        }
        let pool = options.connect_lazy(url)?;
        let store = Store {
            pool,
            backend,
            migrated: Arc::new(AtomicBool::new(false)),
        };
        match store.usable().await {
            Ok(()) => {}
            Err(StoreError::Unavailable(source)) if backend == Backend::Sqlite => {
                let path = url.trim_start_matches("sqlite:").trim_start_matches("//");
                let path = path.split('?').next().unwrap_or(path).to_owned();
                return Err(StoreError::SqliteFile { path, source });
            }
            Err(error) if backend == Backend::Sqlite => return Err(error),
            Err(error) => tracing::warn!(%error, "database not ready at start; will retry on use"),
        }
        Ok(store)
    }

    /// Which database this is.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Whether the database answers now and its schema is current.
    pub async fn is_ready(&self) -> bool {
        self.usable().await.is_ok()
    }

    /// Whether the database answers now (asked first, so that one that
    /// cannot be reached or opened says so, rather than looking like a
    /// schema problem), and its schema is migrated.
    async fn usable(&self) -> Result<(), StoreError> {
        self.pool.execute("SELECT 1").await?;
        self.ready().await
    }

    /// Makes sure the schema is migrated (once) before a query; the query
    /// itself says whether the database answers.
    async fn ready(&self) -> Result<(), StoreError> {
        if !self.migrated.load(Ordering::Acquire) {
            self.backend.migrator().run(&self.pool).await?;
            self.migrated.store(true, Ordering::Release);
        }
        Ok(())
    }

    /// Closes every connection; pending writes finish first.
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// An SQLite URL that creates its file when missing, unless it already
/// says how to open it (`mode=ro`, `mode=rw`, …) or is in memory.
fn sqlite_creating(url: &str) -> String {
    let query = url.split_once('?').map(|(_, query)| query);
    let has_mode = query.is_some_and(|q| q.split('&').any(|pair| pair.starts_with("mode=")));
    if has_mode || url.contains(":memory:") {
        url.to_owned()
    } else if query.is_some() {
        format!("{url}&mode=rwc")
    } else {
        format!("{url}?mode=rwc")
    }
}

/// Seconds since the Unix epoch, the time format stored (portable across
/// both databases).
pub fn now_unix() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_sqlite_file_is_created_unless_the_url_says_how_to_open_it() {
        assert_eq!(
            sqlite_creating("sqlite:///var/lib/u.db"),
            "sqlite:///var/lib/u.db?mode=rwc"
        );
        assert_eq!(
            sqlite_creating("sqlite://u.db?cache=shared"),
            "sqlite://u.db?cache=shared&mode=rwc"
        );
        assert_eq!(
            sqlite_creating("sqlite://u.db?mode=ro"),
            "sqlite://u.db?mode=ro"
        );
        assert_eq!(sqlite_creating("sqlite::memory:"), "sqlite::memory:");
    }
}
