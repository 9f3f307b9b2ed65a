//! `unstuck walk GUIDE [QUESTION=ANSWER…]`: where a set of answers leads.

use crate::Outcome;
use crate::library;
use std::io::Write;
use std::path::PathBuf;
use unstuck_core::Guide;
use unstuck_core::engine::{Session, WalkReport};

/// Walk a guide with the given answers and print the path, the next
/// question or the outcome, and the support summary.
///
/// Exits 2 when a question or answer does not exist, listing the valid ones.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// A guide file, or the id of a guide in the guides folder.
    guide: String,
    /// Answers, as `question-id=answer-id` (e.g. `keypad-lights=no`).
    #[arg(value_name = "QUESTION=ANSWER")]
    answers: Vec<String>,
    /// Start at this triage entry (a question or outcome id) instead of the start.
    #[arg(long, value_name = "ID")]
    from: Option<String>,
    /// Acknowledge the caution of this section (repeatable).
    #[arg(long, value_name = "SECTION")]
    ack: Vec<String>,
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
    /// The folder guides are looked up in by id.
    #[arg(long, env = "UNSTUCK_GUIDES", default_value = library::DEFAULT_GUIDES)]
    guides: PathBuf,
    /// Show the guide's text in this language (its translation
    /// `po/LANG/ID.po`; untranslated texts stay in the source language).
    #[arg(long, value_name = "LANG")]
    lang: Option<String>,
}

pub(crate) fn run(args: Args) -> anyhow::Result<Outcome> {
    let guide = library::open_in(&args.guide, &args.guides, args.lang.as_deref())?;
    let mut pairs = Vec::with_capacity(args.answers.len());
    for pair in &args.answers {
        let Some((question, answer)) = pair.split_once('=') else {
            crate::output::errln!(
                "error: `{pair}` is not an answer; write QUESTION=ANSWER, e.g. `{}=yes`",
                guide.start
            )?;
            return Ok(Outcome::Exit(2));
        };
        pairs.push((question, answer));
    }
    let session = match Session::from_ids(
        &guide,
        args.from.as_deref(),
        pairs,
        args.ack.iter().map(String::as_str),
    ) {
        Ok(session) => session,
        Err(error) => {
            crate::output::errln!("error: {error}")?;
            return Ok(Outcome::Exit(2));
        }
    };
    let report = WalkReport::new(&guide, &session);
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &report)?;
        writeln!(out)?;
    } else {
        print_text(&mut crate::terminal::Printable(out), &guide, &report)?;
    }
    Ok(Outcome::Success)
}

fn print_text(out: &mut impl Write, guide: &Guide, report: &WalkReport) -> std::io::Result<()> {
    writeln!(out, "{}", guide.title.plain())?;
    for (number, answer) in report.summary.answers.iter().enumerate() {
        writeln!(
            out,
            "  {}. {} {}",
            number + 1,
            answer.question,
            answer.answer
        )?;
    }
    if let Some(question) = report
        .next_question
        .as_deref()
        .and_then(|id| guide.question_index(id))
    {
        let question = &guide.questions[question];
        let answers: Vec<&str> = question.answers.iter().map(|a| a.id.as_str()).collect();
        writeln!(
            out,
            "Next question ({}): {}",
            question.id,
            question.prompt.plain()
        )?;
        writeln!(out, "  answers: {}", answers.join(", "))?;
        if let Some(section) = &report.caution {
            writeln!(out, "  caution first: acknowledge with --ack {section}")?;
        }
    }
    if let (Some(id), Some(summary_outcome)) = (&report.outcome, &report.summary.outcome) {
        writeln!(out, "Outcome ({id}): {summary_outcome}")?;
    }
    if !report.ignored.is_empty() {
        let ignored: Vec<String> = report
            .ignored
            .iter()
            .map(|entry| format!("{}={}", entry.question, entry.answer))
            .collect();
        writeln!(
            out,
            "Not on the path (kept, not counted): {}",
            ignored.join(" ")
        )?;
    }
    writeln!(out, "\n{}", report.summary.to_text())
}
