//! `unstuck advise GUIDE`: how long the guide costs a person on average,
//! and which order of its fix attempts (or how soon a call to the
//! professional) would cost less; from the author's numbers, and from
//! recorded sessions with `--database`. See `docs/advise.md`.

use crate::Outcome;
use crate::cmd::stats::parse_since;
use crate::library;
use anyhow::Context;
use std::io::Write;
use std::path::PathBuf;
use unstuck_core::Guide;
use unstuck_core::advise::{Advice, Observations, TimeSource, readable_minutes as minutes};
use unstuck_store::{Store, now_unix};

/// Print the expected time of a guide and the cheaper order of its fix attempts.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// A guide file, or the id of a guide in the guides folder.
    guide: String,
    /// Estimate shares and times from recorded sessions in this database
    /// (sqlite://FILE or postgres://…); without it, the author's numbers alone.
    #[arg(long)]
    database: Option<String>,
    /// The start of the period: a date (2026-11-01) or a span back from now (30d).
    #[arg(long, default_value = "30d")]
    since: String,
    /// Where question times come from: the median time recorded sessions
    /// took (where at least 5 were timed, else the guide's `Time:`), or the
    /// guide's `Time:` alone.
    #[arg(long, value_enum, default_value_t = Times::Measured)]
    times: Times,
    /// Print JSON (its schema: `docs/advise.schema.json`).
    #[arg(long, conflicts_with = "schema")]
    json: bool,
    /// Print the proposed orders as a unified diff of the guide (for `git apply`).
    #[arg(long, conflicts_with_all = ["json", "schema"])]
    diff: bool,
    /// Print the JSON Schema of `--json` and exit.
    #[arg(long)]
    schema: bool,
    /// The folder guides are looked up in by id.
    #[arg(long, env = "UNSTUCK_GUIDES", default_value = library::DEFAULT_GUIDES)]
    guides: PathBuf,
}

/// Where question times come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Times {
    /// Recorded answer times where there are enough, else the guide's.
    Measured,
    /// The guide's `Time:` only.
    Authored,
}

pub(crate) fn run(args: Args) -> anyhow::Result<Outcome> {
    let mut out = std::io::stdout().lock();
    if args.schema {
        serde_json::to_writer_pretty(&mut out, &unstuck_core::advise::schema())?;
        writeln!(out)?;
        return Ok(Outcome::Success);
    }
    let guide = library::open(&args.guide, &args.guides)?;
    let observed = match &args.database {
        Some(url) => {
            let since = parse_since(&args.since, now_unix())?;
            let observed = observe(url, guide.id.as_str(), since)?;
            if observed.sessions == 0 {
                crate::output::errln!(
                    "note: no recorded sessions of `{}` since {} in the database: \
                     the figures are the author's alone",
                    guide.id,
                    args.since
                )?;
            }
            observed
        }
        None => Observations::default(),
    };
    let observed = Observations {
        authored_times_only: args.times == Times::Authored,
        ..observed
    };
    let advice = unstuck_core::advise::advise(&guide, &observed);
    if advice.untimed.len() == advice.questions.len() {
        crate::output::errln!(
            "note: no question of `{}` has a time, given (`Time:` in its sections) or measured \
             (recorded sessions): every time below is 0 and no order is cheaper than another",
            guide.id
        )?;
    }
    if args.diff {
        return print_diff(&mut out, &args, &guide, &advice);
    }
    if args.json {
        serde_json::to_writer_pretty(&mut out, &advice)?;
        writeln!(out)?;
    } else {
        print_text(&mut out, &guide, &advice)?;
    }
    Ok(Outcome::Success)
}

/// The proposed orders as a unified diff of the guide's own file.
fn print_diff(
    out: &mut impl Write,
    args: &Args,
    guide: &Guide,
    advice: &Advice,
) -> anyhow::Result<Outcome> {
    let file = library::find(&args.guide, &args.guides)?;
    // Shared files follow the guide's own text after a blank line.
    let own = (file.included.first()).map_or(file.text.len(), |(start, _)| start.saturating_sub(2));
    let edits = unstuck_core::advise::reorder_edits(guide, &file.text, advice);
    if let Some(shared) = edits.iter().find(|e| e.span.end > own) {
        anyhow::bail!(
            "the proposed order changes a shared file (at byte {} of the combined text); \
             reorder by hand, or move the steps into the guide",
            shared.span.start
        );
    }
    if edits.is_empty() {
        crate::output::errln!(
            "today's order is already the cheapest on average: nothing to change"
        )?;
        return Ok(Outcome::Success);
    }
    let path = args.guide.trim_start_matches("./");
    let path = if std::path::Path::new(&args.guide).exists() {
        path.to_owned()
    } else {
        file.name()
    };
    out.write_all(unstuck_core::advise::unified_diff(&path, &file.text[..own], &edits).as_bytes())?;
    Ok(Outcome::Success)
}

/// What the database recorded of `guide` since `since`.
fn observe(url: &str, guide: &str, since: i64) -> anyhow::Result<Observations> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    runtime
        .block_on(async {
            let store = Store::open_existing(url).await?;
            let counts = store.advice_counts(guide, since).await?;
            store.close().await;
            Ok::<_, unstuck_store::StoreError>(Observations::from(&counts))
        })
        .with_context(|| format!("cannot read the sessions of `{guide}`"))
}

fn percent(share: f64) -> String {
    format!("{:.0} %", share * 100.0)
}

fn print_text(out: &mut impl Write, guide: &Guide, advice: &Advice) -> std::io::Result<()> {
    writeln!(out, "{} — {}", advice.guide, guide.title.plain())?;
    if advice.sessions == 0 {
        writeln!(
            out,
            "  from the author's numbers alone (no recorded sessions)"
        )?;
    } else {
        writeln!(
            out,
            "  from {} recorded sessions (the author's shares weigh as {} sessions)",
            advice.sessions, advice.prior_sessions
        )?;
    }
    writeln!(
        out,
        "  from the start: {} on average today; {} with the proposed order \
         (saves {} per session, {} per 1,000 sessions)",
        minutes(advice.expected_time),
        minutes(advice.expected_time_proposed),
        minutes(advice.saving_per_session),
        minutes(advice.saving_per_1000),
    )?;
    if !advice.entries.is_empty() {
        writeln!(out, "  triage entries (from here, on average):")?;
        for entry in &advice.entries {
            writeln!(
                out,
                "    {:<32} → {:<20} {}",
                entry.label,
                entry.target,
                minutes(entry.expected_time)
            )?;
        }
    }
    writeln!(
        out,
        "  questions (from here on average · own time · answered · left there):"
    )?;
    for question in &advice.questions {
        let source = match question.time_source {
            TimeSource::Measured => "measured",
            TimeSource::Authored => "authored",
            TimeSource::None => "no time given",
        };
        writeln!(
            out,
            "    {:<28} {:>10} · {} ({source}) · {} · {}",
            question.id,
            minutes(question.expected_time),
            minutes(question.time),
            question.answered,
            question.left,
        )?;
        for answer in &question.answers {
            writeln!(
                out,
                "      {:<12} {:>5} [{}–{}] n={} → {}",
                answer.id,
                percent(answer.share),
                percent(answer.low),
                percent(answer.high),
                answer.count,
                answer.next
            )?;
        }
    }
    if advice.chains.is_empty() {
        writeln!(
            out,
            "  no chain of fix attempts to reorder (a fix attempt is a question with one answer \
             to a resolved outcome, whose other answer leads to the next attempt)"
        )?;
    }
    for (n, chain) in advice.chains.iter().enumerate() {
        writeln!(
            out,
            "  chain {}: {} → {} (reached by {} of sessions; then {} on average)",
            n + 1,
            chain.order.join(" → "),
            chain.end,
            percent(chain.reach),
            minutes(chain.end_time)
        )?;
        writeln!(
            out,
            "    {:<28} {:>14} {:>10} {:>10}",
            "step", "p [95 %]", "time", "p/C"
        )?;
        for step in &chain.steps {
            let ratio = step
                .ratio
                .map_or_else(|| "first".to_owned(), |r| format!("{r:.4}"));
            writeln!(
                out,
                "    {:<28} {:>4} [{}–{}] {:>10} {:>10}",
                step.question,
                percent(step.p),
                percent(step.p_low),
                percent(step.p_high),
                minutes(step.time),
                ratio
            )?;
        }
        if chain.proposed_order == chain.order {
            writeln!(out, "    today's order is already the cheapest on average")?;
        } else {
            writeln!(
                out,
                "    proposed: {} — saves {} per session, {} per 1,000 sessions{}",
                chain.proposed_order.join(" → "),
                minutes(chain.saving_per_session),
                minutes(chain.saving_per_1000),
                if chain.sure {
                    ""
                } else {
                    "; not yet sure: the steps' p/C intervals overlap"
                }
            )?;
        }
        if chain.call_at_once {
            writeln!(
                out,
                "    calling the professional before any step is cheaper on average (saves {} per session)",
                minutes(chain.service_call_saving_per_session)
            )?;
        } else if let Some(after) = &chain.service_call_after {
            writeln!(
                out,
                "    call the professional after `{after}`: cheaper on average than going on (saves {} per session)",
                minutes(chain.service_call_saving_per_session)
            )?;
        }
    }
    if !advice.untimed.is_empty() {
        writeln!(
            out,
            "  no time given (counted as 0): {}",
            advice.untimed.join(", ")
        )?;
    }
    writeln!(out)
}
