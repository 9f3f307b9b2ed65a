//! `unstuck prune --older-than 90d`: retention.

use crate::Outcome;
use crate::cmd::stats::parse_since;
use unstuck_store::{Store, now_unix};

/// Delete events and feedback older than a span (e.g. 90d).
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// Keep this much: a number of days, like `90d`.
    #[arg(long, value_name = "DAYS")]
    older_than: String,
    /// The database: sqlite://FILE or postgres://…
    #[arg(long, env = "DATABASE_URL", default_value = "sqlite://unstuck.db")]
    database: String,
}

pub(crate) fn run(args: Args) -> anyhow::Result<Outcome> {
    anyhow::ensure!(
        args.older_than.ends_with('d'),
        "`{}` is not a number of days like `90d`",
        args.older_than
    );
    let before = parse_since(&args.older_than, now_unix())?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let (events, feedback) = runtime.block_on(async {
        let store = Store::open(&args.database).await?;
        let deleted = store.prune(before).await?;
        store.close().await;
        Ok::<_, anyhow::Error>(deleted)
    })?;
    crate::output::outln!(
        "deleted {events} events and {feedback} feedback older than {}",
        args.older_than
    )?;
    Ok(Outcome::Success)
}
