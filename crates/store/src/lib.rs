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
use sqlx::{AnyConnection, AnyPool, Connection, Executor};
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
        "cannot open the SQLite file `{path}`: check that its folder exists, \
         that this user may write there and that the file is an SQLite database, \
         or name another file with --database sqlite://PATH"
    )]
    SqliteFile {
        /// The file as the URL names it.
        path: String,
        /// What SQLite said.
        source: sqlx::Error,
    },
    /// An SQLite URL that names no file (`sqlite://`), which SQLite would
    /// take as a database in memory, gone when the process ends.
    #[error(
        "`{0}` names no SQLite file: give one, like sqlite:///var/lib/unstuck/unstuck.db \
         (or sqlite::memory: for a database that ends with the process)"
    )]
    SqliteWithoutFile(String),
    /// A database that should exist (to read its figures, or prune it) is
    /// not there; nothing was created.
    #[error(
        "there is no database at `{0}`: name the one `unstuck serve` uses, \
         with --database or DATABASE_URL (like sqlite:///var/lib/unstuck/unstuck.db)"
    )]
    MissingSqliteFile(String),
    /// The database answers but takes no writes: feedback and hand-offs
    /// could not be stored.
    #[error(
        "the database takes no writes, so feedback and hand-offs could not be stored: \
         check the file's permissions and that the URL does not say mode=ro \
         (PostgreSQL: that the server is not a read-only standby)"
    )]
    ReadOnly,
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
    /// `sqlite::memory:`, `postgres://…`) to serve from, and applies the
    /// migrations.
    ///
    /// An SQLite file is created when missing (unless the URL says
    /// otherwise with `mode=`); one that cannot be opened, migrated or
    /// written is an error at once, with SQLite's reason: a local file does
    /// not come back by itself. An unreachable PostgreSQL server gives a
    /// store whose calls fail until it is reachable; [`Store::is_ready`]
    /// tells which.
    pub async fn open(url: &str) -> Result<Store, StoreError> {
        let store = Self::connect(url, Opening::CreateWhenMissing).await?;
        if store.backend == Backend::Sqlite {
            store.writable().await?;
        }
        Ok(store)
    }

    /// Opens a database that must already exist, to read its figures or
    /// prune it: a missing SQLite file is an error, and none is created.
    /// One that takes no writes is opened all the same (its figures can be
    /// read).
    pub async fn open_existing(url: &str) -> Result<Store, StoreError> {
        Self::connect(url, Opening::MustExist).await
    }

    async fn connect(url: &str, opening: Opening) -> Result<Store, StoreError> {
        install_default_drivers();
        let backend = Backend::of(url)?;
        let url = &match backend {
            Backend::Sqlite => sqlite_url(url, opening)?,
            Backend::Postgres => url.to_owned(),
        };
        let file_error = |source| StoreError::SqliteFile {
            path: sqlite_file(url).to_owned(),
            source,
        };
        if backend == Backend::Sqlite {
            // One connection first: the pool would retry a file that cannot
            // be opened until its timeout, and report only the timeout.
            let mut connection = AnyConnection::connect(url).await.map_err(file_error)?;
            // Reads the file's header: a file that is not a database says so.
            (connection
                .execute("SELECT count(*) FROM sqlite_master")
                .await)
                .map_err(file_error)?;
            connection.close().await.map_err(file_error)?;
        }
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
                return Err(file_error(source));
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

    /// Whether the database answers now, its schema is current and it
    /// takes writes: whether feedback and hand-offs would be stored.
    pub async fn is_ready(&self) -> bool {
        self.usable().await.is_ok() && self.writable().await.is_ok()
    }

    /// Whether the database takes writes: on SQLite, a table created in a
    /// transaction that is rolled back (a file opened read-only refuses
    /// it); on PostgreSQL, whether transactions are read-only (a standby,
    /// or `default_transaction_read_only`).
    async fn writable(&self) -> Result<(), StoreError> {
        let takes_writes = match self.backend {
            Backend::Sqlite => {
                let mut transaction = self.pool.begin().await?;
                let probe = transaction
                    .execute("CREATE TABLE unstuck_write_probe (x INTEGER)")
                    .await;
                transaction.rollback().await?;
                probe.is_ok()
            }
            Backend::Postgres => {
                let read_only: String =
                    sqlx::query_scalar("SELECT current_setting('transaction_read_only')")
                        .fetch_one(&self.pool)
                        .await?;
                read_only == "off"
            }
        };
        if takes_writes {
            Ok(())
        } else {
            Err(StoreError::ReadOnly)
        }
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
    ///
    /// The migrator holds a lock (on PostgreSQL, a session's advisory lock)
    /// while it works and keeps it when a migration fails: the connection
    /// it used is then closed rather than given back to the pool, so that
    /// the lock ends with it instead of stopping every other server's
    /// migrations for as long as the connection would have lived.
    async fn ready(&self) -> Result<(), StoreError> {
        if !self.migrated.load(Ordering::Acquire) {
            let mut connection = self.pool.acquire().await?;
            // `run_direct` is `run` on a connection of our own (sqlx's way
            // around `run`'s "`Acquire` is not general enough").
            let migrated = self
                .backend
                .migrator()
                .run_direct(None, &mut *connection, false);
            if let Err(error) = migrated.await {
                let _ = connection.detach().close().await;
                return Err(error.into());
            }
            self.migrated.store(true, Ordering::Release);
        }
        Ok(())
    }

    /// Closes every connection; pending writes finish first.
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// How an SQLite file is opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Opening {
    /// Created when missing: the server's database.
    CreateWhenMissing,
    /// It must exist: a database to read or prune.
    MustExist,
}

/// The SQLite URL to connect with: one that creates its file when missing
/// (or not, as `opening` says), unless it already says how to open it
/// (`mode=ro`, `mode=rwc`, …) or is in memory. A URL naming no file is
/// refused, and so, for a database that must exist, is a missing file
/// (unless the URL's `mode=` says to create it).
fn sqlite_url(url: &str, opening: Opening) -> Result<String, StoreError> {
    if url.contains(":memory:") {
        return Ok(url.to_owned());
    }
    let file = sqlite_file(url);
    if file.is_empty() {
        return Err(StoreError::SqliteWithoutFile(url.to_owned()));
    }
    let query = url.split_once('?').map(|(_, query)| query);
    let has_mode = query.is_some_and(|q| q.split('&').any(|pair| pair.starts_with("mode=")));
    if !has_mode && opening == Opening::MustExist && !std::path::Path::new(file).exists() {
        return Err(StoreError::MissingSqliteFile(file.to_owned()));
    }
    let mode = match opening {
        Opening::CreateWhenMissing => "mode=rwc",
        Opening::MustExist => "mode=rw",
    };
    Ok(if has_mode {
        url.to_owned()
    } else if query.is_some() {
        format!("{url}&{mode}")
    } else {
        format!("{url}?{mode}")
    })
}

/// The file an SQLite URL names (`sqlite:///var/lib/u.db?mode=rwc` →
/// `/var/lib/u.db`); empty when it names none.
fn sqlite_file(url: &str) -> &str {
    let rest = url.trim_start_matches("sqlite:").trim_start_matches("//");
    rest.split('?').next().unwrap_or(rest)
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
        let creating = |url| sqlite_url(url, Opening::CreateWhenMissing).expect("a file");
        assert_eq!(
            creating("sqlite:///var/lib/u.db"),
            "sqlite:///var/lib/u.db?mode=rwc"
        );
        assert_eq!(
            creating("sqlite://u.db?cache=shared"),
            "sqlite://u.db?cache=shared&mode=rwc"
        );
        assert_eq!(creating("sqlite://u.db?mode=ro"), "sqlite://u.db?mode=ro");
        assert_eq!(creating("sqlite::memory:"), "sqlite::memory:");
    }

    #[test]
    fn an_sqlite_url_must_name_a_file() {
        for url in ["sqlite://", "sqlite:", "sqlite://?mode=rwc"] {
            for opening in [Opening::CreateWhenMissing, Opening::MustExist] {
                assert!(
                    matches!(
                        sqlite_url(url, opening),
                        Err(StoreError::SqliteWithoutFile(_))
                    ),
                    "{url}"
                );
            }
        }
        assert_eq!(
            sqlite_file("sqlite:///var/lib/u.db?mode=rwc"),
            "/var/lib/u.db"
        );
        assert_eq!(sqlite_file("sqlite://u.db"), "u.db");
    }
}
