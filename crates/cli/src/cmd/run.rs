//! `unstuck run GUIDE`: an interactive walk for technicians.
//!
//! Line-based on purpose: it works the same on a terminal, through a pipe
//! (scripts, tests) and with a screen reader. Answers are kept by question,
//! so `change N` re-asks an earlier question and the engine says what the
//! new answer changed.

use crate::library;
use crate::{Outcome, terminal};
use anyhow::Context;
use std::io::{BufRead, Write};
use std::path::PathBuf;
use unstuck_core::Guide;
use unstuck_core::engine::{self, Position, Session, Summary};
use unstuck_locale::{Arg, Locale};

/// Walk a guide interactively: each step's instructions, then its question.
///
/// Answer with the number or the words of an answer. Commands: `back`,
/// `change N` (re-answer question N of the path), `restart`, `help`, `quit`.
/// Exits 0 at an outcome, 1 when input ends before one.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// A guide file, or the id of a guide in the guides folder.
    guide: String,
    /// Start at this triage entry (a question or outcome id).
    #[arg(long, value_name = "ID")]
    from: Option<String>,
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
    let session =
        Session::from_ids(&guide, args.from.as_deref(), [], []).map_err(anyhow::Error::msg)?;
    let stdin = std::io::stdin().lock();
    let stdout = terminal::Printable(std::io::stdout().lock());
    let mut runner = Runner {
        guide: &guide,
        words: unstuck_locale::locale(&guide.lang),
        session,
        input: stdin,
        out: stdout,
    };
    runner.run()
}

/// What the person typed at a question.
#[derive(Debug, PartialEq, Eq)]
enum Command {
    Answer(usize),
    Back,
    Change(usize),
    Restart,
    Help,
    Quit,
    Acknowledge,
    Unknown,
}

struct Runner<'g, R, W> {
    guide: &'g Guide,
    /// The interface words, in the guide's language.
    words: &'static Locale,
    session: Session,
    input: R,
    out: W,
}

impl<R: BufRead, W: Write> Runner<'_, R, W> {
    fn run(&mut self) -> anyhow::Result<Outcome> {
        let guide = self.guide;
        writeln!(
            self.out,
            "{}\n{}",
            guide.title.plain(),
            guide.summary.plain()
        )?;
        writeln!(self.out, "{}", self.words.text("run-intro"))?;
        // Re-asking a question for `change N`: the question being changed.
        let mut changing: Option<usize> = None;
        loop {
            let walk = engine::walk(guide, &self.session);
            let (question, caution) = match (changing, walk.position) {
                (Some(question), _) => (question, None),
                (None, Position::Question { question, caution }) => (question, caution),
                (None, Position::Outcome(outcome)) => {
                    let summary = Summary::new(guide, &walk);
                    terminal::outcome(&mut self.out, guide, outcome, &summary, self.words)?;
                    return Ok(Outcome::Success);
                }
            };
            if let Some(section) = caution {
                let text = guide.sections[section]
                    .caution
                    .as_ref()
                    .map(|c| c.plain())
                    .unwrap_or_default();
                let (caution, ok) = (
                    self.words.text("label-caution"),
                    self.words.text("run-caution-ok"),
                );
                writeln!(self.out, "\n{caution} {text}\n{ok}")?;
            } else {
                self.ask(question, &walk.path)?;
            }
            let Some(line) = self.read_line()? else {
                writeln!(self.out, "\n{}", self.words.text("run-input-ended"))?;
                return Ok(Outcome::Exit(1));
            };
            match parse(guide, question, &line) {
                Command::Acknowledge if caution.is_some() => {
                    caution
                        .into_iter()
                        .for_each(|s| self.session.acknowledge(s));
                }
                Command::Answer(answer) if caution.is_none() => {
                    changing = None;
                    let change = engine::answer(guide, &mut self.session, question, answer);
                    self.describe(&change)?;
                }
                Command::Back => {
                    changing = None;
                    match walk.path.last() {
                        Some(step) => self.session.clear_answer(step.question),
                        None => writeln!(self.out, "{}", self.words.text("run-first-question"))?,
                    }
                }
                Command::Change(number) => match walk.path.get(number.wrapping_sub(1)) {
                    Some(step) => changing = Some(step.question),
                    None => {
                        let number = Arg::Number(number as u64);
                        let text = self
                            .words
                            .format("run-no-such-answer", &[("number", number)]);
                        writeln!(self.out, "{text}")?
                    }
                },
                Command::Restart => {
                    changing = None;
                    self.session = Session::new();
                }
                Command::Quit => return Ok(Outcome::Success),
                Command::Help => writeln!(self.out, "{}", self.words.text("run-help"))?,
                // At a caution there are no numbers to pick: it is shown
                // again, with what it takes (`ok` or `back`).
                _ if caution.is_some() => {}
                _ => writeln!(self.out, "{}", self.words.text("run-please-answer"))?,
            }
        }
    }

    /// Prints the answered path, the step's instructions and the question.
    fn ask(&mut self, question: usize, path: &[engine::Step]) -> anyhow::Result<()> {
        let guide = self.guide;
        // A question re-asked by `change N` keeps its own step number.
        let number =
            1 + (path.iter().position(|step| step.question == question)).unwrap_or(path.len());
        if !path.is_empty() {
            writeln!(self.out, "\n{}", self.words.text("run-so-far"))?;
            for (n, step) in path.iter().enumerate() {
                let q = &guide.questions[step.question];
                writeln!(
                    self.out,
                    "  {}. {} {}",
                    n + 1,
                    q.prompt.plain(),
                    q.answers[step.answer].label.plain()
                )?;
            }
        }
        let q = &guide.questions[question];
        writeln!(self.out)?;
        if let Some(section) = guide.section_of(q) {
            terminal::section(&mut self.out, section, self.words)?;
        }
        let step = self
            .words
            .format("step-label", &[("number", Arg::Number(number as u64))]);
        writeln!(self.out, "\n{step}: {}", q.prompt.plain())?;
        if let Some(help) = &q.help {
            writeln!(self.out, "{}", help.plain())?;
        }
        for (n, answer) in q.answers.iter().enumerate() {
            writeln!(self.out, "  {}) {}", n + 1, answer.label.plain())?;
        }
        write!(self.out, "> ")?;
        self.out.flush()?;
        Ok(())
    }

    /// Says which answered questions a change took off or put back on the path.
    fn describe(&mut self, change: &engine::Change) -> anyhow::Result<()> {
        // Only answered questions are worth a word: the person gave them.
        let answered = |questions: &[usize]| -> Vec<String> {
            questions
                .iter()
                .filter(|&&q| self.session.answer(q).is_some())
                .map(|&q| format!("\"{}\"", self.guide.questions[q].prompt.plain()))
                .collect()
        };
        let (left, rejoined) = (answered(&change.left), answered(&change.joined));
        for (questions, id) in [
            (left, "run-no-longer-applies"),
            (rejoined, "run-apply-again"),
        ] {
            if !questions.is_empty() {
                let list = questions.join(", ");
                let text = self.words.format(id, &[("questions", Arg::Text(&list))]);
                writeln!(self.out, "{text}")?;
            }
        }
        Ok(())
    }

    fn read_line(&mut self) -> anyhow::Result<Option<String>> {
        let mut line = String::new();
        let read = self
            .input
            .read_line(&mut line)
            .context("cannot read the answer")?;
        Ok((read > 0).then(|| line.trim().to_owned()))
    }
}

fn parse(guide: &Guide, question: usize, line: &str) -> Command {
    let lower = line.to_lowercase();
    let answers = &guide.questions[question].answers;
    if let Ok(number) = lower.parse::<usize>() {
        return match number.checked_sub(1).filter(|&n| n < answers.len()) {
            Some(index) => Command::Answer(index),
            None => Command::Unknown,
        };
    }
    if let Some(index) = answers.iter().position(|a| {
        a.id.as_str() == lower
            || a.label.plain().to_lowercase() == lower
            || (lower.len() == 1 && a.id.as_str().starts_with(&lower))
    }) {
        return Command::Answer(index);
    }
    match lower.split_whitespace().collect::<Vec<_>>().as_slice() {
        ["ok"] => Command::Acknowledge,
        ["back" | "b"] => Command::Back,
        ["change" | "c", n] => n.parse().map_or(Command::Unknown, Command::Change),
        ["restart"] => Command::Restart,
        ["help" | "?"] => Command::Help,
        ["quit" | "q" | "exit"] => Command::Quit,
        _ => Command::Unknown,
    }
}
