//! `unstuck stats`: the dashboard's figures in the terminal.

use crate::Outcome;
use crate::library;
use anyhow::{Context, bail};
use std::io::Write;
use std::path::{Path, PathBuf};
use unstuck_core::Guide;
use unstuck_store::{GuideStats, Store, now_unix};

/// Print the figures per guide: sessions, self-service resolution, funnel,
/// answers, changes, helpfulness.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The database to read: sqlite://FILE or postgres://…
    #[arg(long, env = "DATABASE_URL", default_value = "sqlite://unstuck.db")]
    database: String,
    /// Only this guide (default: every guide with data in the period). An
    /// id the database has never seen and no guide has is refused (exit 1);
    /// a guide nobody used yet prints zeros.
    #[arg(long)]
    guide: Option<String>,
    /// The start of the period: a date (2026-11-01) or a span back from now (30d).
    #[arg(long, default_value = "30d")]
    since: String,
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
    /// The folder whose guides give the order of the funnel and answers
    /// (without it, the bundled guides').
    #[arg(long, env = "UNSTUCK_GUIDES", default_value = library::DEFAULT_GUIDES)]
    guides: PathBuf,
}

pub(crate) fn run(args: Args) -> anyhow::Result<Outcome> {
    let since = parse_since(&args.since, now_unix())?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let (mut all, ever) = runtime.block_on(async {
        let store = Store::open_existing(&args.database).await?;
        let ever = store.guides_with_data(0).await?;
        let guides = match &args.guide {
            Some(guide) => vec![guide.clone()],
            None => store.guides_with_data(since).await?,
        };
        let mut all = Vec::with_capacity(guides.len());
        for guide in guides {
            all.push(store.stats(&guide, since).await?);
        }
        store.close().await;
        Ok::<_, anyhow::Error>((all, ever))
    })?;
    for stats in &mut all {
        let guide = known_guide(&stats.guide, &args.guides);
        if !ever.contains(&stats.guide) {
            never_seen(&stats.guide, guide.is_some(), &args, &ever)?;
        }
        if let Some(guide) = &guide {
            unstuck_web::figures::in_guide_order(guide, stats);
        }
    }
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &all)?;
        writeln!(out)?;
    } else if all.is_empty() {
        writeln!(out, "No events or feedback since {}.", args.since)?;
    } else {
        for stats in &all {
            print_text(&mut out, stats)?;
        }
    }
    Ok(Outcome::Success)
}

/// The guide `id` as the guides folder has it (or, without one, the
/// bundled guides), if it compiles: the order its figures are printed in.
fn known_guide(id: &str, guides: &Path) -> Option<Guide> {
    let guide = library::find(id, guides).ok()?.compiled.guide?;
    (guide.id.as_str() == id).then_some(guide)
}

/// Says that `id` has no events or feedback at all: a note when it is a
/// guide nobody used yet (its figures are zeros), an error when no guide
/// has that id either, since a script should not take a typo for a guide
/// nobody uses.
fn never_seen(id: &str, is_a_guide: bool, args: &Args, ever: &[String]) -> anyhow::Result<()> {
    if is_a_guide {
        crate::output::errln!("note: no events or feedback for guide `{id}` yet")?;
        return Ok(());
    }
    let guides = match args.guides.is_dir() {
        true => format!("no guide in `{}`", args.guides.display()),
        false => "no bundled guide".to_owned(),
    };
    let seen = match ever {
        [] => "none".to_owned(),
        ids => ids.join(", "),
    };
    bail!(
        "no events or feedback for guide `{id}` in `{}`, and {guides} has that id; \
         guides with data: {seen}",
        args.database
    )
}

fn print_text(out: &mut impl Write, stats: &GuideStats) -> std::io::Result<()> {
    let percent =
        |rate: Option<f64>| rate.map_or_else(|| "—".to_owned(), |r| format!("{:.0} %", r * 100.0));
    writeln!(out, "{}", stats.guide)?;
    writeln!(out, "  sessions                  {}", stats.sessions)?;
    writeln!(
        out,
        "  self-service resolution   {} ({} resolved, {} escalated)",
        percent(stats.resolution_rate),
        stats.resolved,
        stats.escalated
    )?;
    let median = stats
        .median_answers_to_outcome
        .map_or_else(|| "—".to_owned(), |m| m.to_string());
    writeln!(out, "  median answers to outcome {median}")?;
    writeln!(
        out,
        "  helpful                   {} ({} yes, {} no)",
        percent(stats.helpful_rate),
        stats.helpful,
        stats.not_helpful
    )?;
    writeln!(out, "  funnel (reached / answered / left here):")?;
    for step in &stats.funnel {
        writeln!(
            out,
            "    {:<28} {:>6} {:>6} {:>6}",
            step.question, step.reached, step.answered, step.left
        )?;
    }
    writeln!(out, "  outcomes:")?;
    for outcome in &stats.outcomes {
        writeln!(
            out,
            "    {:<28} {:>6}  {}",
            outcome.outcome, outcome.sessions, outcome.kind
        )?;
    }
    writeln!(out, "  answers:")?;
    for answer in &stats.answers {
        writeln!(
            out,
            "    {:<28} {:<10} {:>6}",
            answer.question, answer.answer, answer.sessions
        )?;
    }
    if !stats.changes.is_empty() {
        writeln!(out, "  answers changed most:")?;
        for change in &stats.changes {
            writeln!(out, "    {:<28} {:>6}", change.name, change.count)?;
        }
    }
    writeln!(out)
}

/// A period start: `2026-11-01` (UTC midnight) or `30d` before `now`.
pub(crate) fn parse_since(text: &str, now: i64) -> anyhow::Result<i64> {
    if let Some(days) = text.strip_suffix('d') {
        let days: i64 = days
            .parse()
            .with_context(|| format!("`{text}` is not a number of days like `30d`"))?;
        return Ok(now - days * 86_400);
    }
    let parts: Vec<&str> = text.split('-').collect();
    let [year, month, day] = parts.as_slice() else {
        bail!("`{text}` is neither a date (2026-11-01) nor a number of days (30d)");
    };
    let (Ok(year), Ok(month), Ok(day)) = (
        year.parse::<i64>(),
        month.parse::<i64>(),
        day.parse::<i64>(),
    ) else {
        bail!("`{text}` is not a date like 2026-11-01");
    };
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        bail!("`{text}` is not a date like 2026-11-01");
    }
    Ok(days_from_civil(year, month, day) * 86_400)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let day_of_year = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

#[cfg(test)]
mod tests {
    use super::parse_since;

    #[test]
    fn periods_parse_as_dates_or_spans() {
        assert_eq!(parse_since("1970-01-02", 0).ok(), Some(86_400));
        assert_eq!(parse_since("2026-11-27", 0).ok(), Some(1_795_737_600));
        assert_eq!(
            parse_since("30d", 3_000_000).ok(),
            Some(3_000_000 - 30 * 86_400)
        );
        assert!(parse_since("yesterday", 0).is_err());
        assert!(parse_since("2026-13-01", 0).is_err());
    }
}
