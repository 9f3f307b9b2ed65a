//! `unstuck prune --older-than 90d`: retention. Hand-offs to the support
//! desk hold contact details, so they may be kept for a shorter time
//! (`--handoffs-older-than`); those still being delivered stay.

use crate::Outcome;
use crate::cmd::stats::parse_since;
use unstuck_store::{Store, now_unix};

/// Delete events, feedback and hand-offs older than a span (e.g. 90d).
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// Keep this much: a number of days, like `90d`.
    #[arg(long, value_name = "DAYS")]
    older_than: String,
    /// Keep hand-offs to the support desk (they hold contact details) this
    /// long instead, like `30d`; those still being delivered are kept.
    #[arg(long, value_name = "DAYS", env = "UNSTUCK_HANDOFF_RETENTION")]
    handoffs_older_than: Option<String>,
    /// The database: sqlite://FILE or postgres://…
    #[arg(long, env = "DATABASE_URL", default_value = "sqlite://unstuck.db")]
    database: String,
}

pub(crate) fn run(args: Args) -> anyhow::Result<Outcome> {
    let handoffs_span = args
        .handoffs_older_than
        .as_deref()
        .unwrap_or(&args.older_than);
    for span in [args.older_than.as_str(), handoffs_span] {
        anyhow::ensure!(
            span.ends_with('d'),
            "`{span}` is not a number of days like `90d`"
        );
    }
    let now = now_unix();
    let before = parse_since(&args.older_than, now)?;
    let handoffs_before = parse_since(handoffs_span, now)?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let ((events, feedback), handoffs) = runtime.block_on(async {
        let store = Store::open_existing(&args.database).await?;
        let deleted = store.prune(before).await?;
        let handoffs = store.prune_handoffs(handoffs_before).await?;
        store.close().await;
        Ok::<_, anyhow::Error>((deleted, handoffs))
    })?;
    crate::output::outln!(
        "deleted {events} events and {feedback} feedback older than {}, {handoffs} hand-offs older than {handoffs_span}",
        args.older_than
    )?;
    Ok(Outcome::Success)
}
