//! Guide parts as plain terminal text: no colour, no cursor tricks, so it
//! reads the same through a pipe and a screen reader. Guide and translation
//! text is untrusted: [`Printable`] keeps its control characters (escape
//! sequences that could move the cursor or retitle the terminal) off the
//! screen.

use std::io::{self, Write};
use unstuck_core::Guide;
use unstuck_core::engine::Summary;
use unstuck_core::model::{HelpPart, OutcomeKind, Section, Text};
use unstuck_locale::Locale;

/// Prints a section's goal, caution, actions and what to expect.
pub(crate) fn section(out: &mut impl Write, section: &Section, words: &Locale) -> io::Result<()> {
    writeln!(out, "== {} ==", section.title.plain())?;
    if let Some(goal) = &section.goal {
        writeln!(out, "{} {}", words.text("label-goal"), goal.plain())?;
    }
    for (number, action) in section.actions.iter().enumerate() {
        writeln!(
            out,
            "  {}. {}{}",
            number + 1,
            models(action),
            action.plain()
        )?;
    }
    for expect in &section.expect {
        writeln!(out, "{} {}", words.text("label-expect"), expect.plain())?;
    }
    Ok(())
}

/// `[ceiling] ` before an item for some models only, as the guide marks it.
fn models(text: &Text) -> String {
    match text.only() {
        [] => String::new(),
        only => {
            let ids: Vec<&str> = only.iter().map(|id| id.as_str()).collect();
            format!("[{}] ", ids.join(", "))
        }
    }
}

/// Prints an outcome: its title and body, then the verification checklist
/// (resolved) or when to get help (escalate), then the support summary.
pub(crate) fn outcome(
    out: &mut impl Write,
    guide: &Guide,
    index: usize,
    summary: &Summary,
    words: &Locale,
) -> io::Result<()> {
    let outcome = &guide.outcomes[index];
    let mark = words.text(match outcome.kind {
        OutcomeKind::Resolved => "outcome-fixed",
        OutcomeKind::Escalate => "run-get-help",
    });
    writeln!(out, "\n*** {mark}: {} ***", outcome.title.plain())?;
    if let Some(body) = &outcome.body {
        writeln!(out, "{}", body.plain())?;
    }
    match outcome.kind {
        OutcomeKind::Resolved => {
            if let Some(verification) = &guide.verification {
                writeln!(out, "\n{}:", verification.title.plain())?;
                list(out, &verification.items)?;
            }
        }
        OutcomeKind::Escalate => {
            if let Some(help) = &guide.get_help {
                writeln!(out, "\n{}:", help.title.plain())?;
                for part in &help.parts {
                    match part {
                        HelpPart::Contact { who, conditions } => {
                            writeln!(out, "{}", who.plain())?;
                            list(out, conditions)?;
                        }
                        HelpPart::Warning { text } => {
                            writeln!(out, "{} {}", words.text("label-warning"), text.plain())?
                        }
                        HelpPart::Note { text } => writeln!(out, "{}", text.plain())?,
                    }
                }
            }
            writeln!(out, "\n{}", words.summary_text(summary))?;
        }
    }
    Ok(())
}

/// Prints a bulleted list.
pub(crate) fn list(out: &mut impl Write, items: &[Text]) -> io::Result<()> {
    for item in items {
        writeln!(out, "  - {}", item.plain())?;
    }
    Ok(())
}

/// A writer that passes text on without its control characters, line
/// breaks and tabs excepted.
pub(crate) struct Printable<W>(pub(crate) W);

impl<W: Write> Write for Printable<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let text = String::from_utf8_lossy(buf);
        let shown: String = text
            .chars()
            .filter(|&c| !c.is_control() || c == '\n' || c == '\t')
            .collect();
        self.0.write_all(shown.as_bytes())?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::Printable;
    use std::io::Write;

    #[test]
    fn escape_sequences_never_reach_the_terminal() {
        let mut out = Printable(Vec::new());
        writeln!(out, "Ja\u{1b}]0;owned\u{7}\u{1b}[2J\u{9b}1m\tNein").expect("written");
        assert_eq!(
            String::from_utf8(out.0).expect("UTF-8"),
            "Ja]0;owned[2J1m\tNein\n"
        );
    }
}
