//! Unstuck's storage: one [`Store`] over SQLite (an embedded file, the
//! default) or PostgreSQL (when several servers share the load).
//!
//! Queries are written once, in SQL both databases accept, and run through
//! sqlx's `Any` driver; the schema has one migration set per database
//! (`migrations/sqlite`, `migrations/postgres`), embedded and applied on
//! connect. The pool is lazy: a database that is down when the server
//! starts, or goes down later, fails only the calls that need it, and
//! everything recovers when it returns.

mod events;
mod feedback;
mod stats;

pub use events::{Event, EventKind};
pub use feedback::{Feedback, NewFeedback};
pub use stats::{AnswerCount, Comment, Count, GuideStats, OutcomeCount, QuestionFunnel};

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
    /// Opens the database at `url` (`sqlite://unstuck.db?mode=rwc`,
    /// `sqlite::memory:`, `postgres://…`) and applies the migrations.
    ///
    /// Fails only on a URL it cannot use. An unreachable database gives a
    /// store whose calls fail until it is reachable; [`Store::is_ready`]
    /// tells which.
    pub async fn open(url: &str) -> Result<Store, StoreError> {
        install_default_drivers();
        let backend = Backend::of(url)?;
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
        if let Err(error) = store.ready().await {
            tracing::warn!(%error, "database not ready at start; will retry on use");
        }
        Ok(store)
    }

    /// Which database this is.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Whether the database answers and its schema is current.
    pub async fn is_ready(&self) -> bool {
        self.ready().await.is_ok()
    }

    /// Makes sure the schema is migrated (once), and the database answers.
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

/// Seconds since the Unix epoch, the time format stored (portable across
/// both databases).
pub fn now_unix() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}
