//! The `+++` TOML front matter: the guide's id and metadata.

use crate::diagnostic::{Code, Diagnostic};
use crate::source::Span;
use serde::Deserialize;
use toml::Spanned;

/// The keys the front matter may hold.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct FrontMatter {
    /// The guide's id.
    pub(crate) id: Spanned<String>,
    /// The language of the text.
    #[serde(default)]
    pub(crate) lang: Option<Spanned<String>>,
    /// The question a walk starts at, if not the first one.
    #[serde(default)]
    pub(crate) start: Option<Spanned<String>>,
    /// Who reviewed the guide and when.
    #[serde(default)]
    pub(crate) reviewed: Option<Spanned<Reviewed>>,
}

/// `[reviewed]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Reviewed {
    pub(crate) by: String,
    pub(crate) on: toml::value::Datetime,
}

/// Why the file's first block, at byte `at` of `text`, is no front matter
/// though it opens with a `+++` line; `None` when it does not open so.
///
/// The Markdown parser takes `+++` … `+++` as front matter only when a
/// `+++` line closes it and its first line is neither blank nor that one.
pub(crate) fn not_taken(text: &str, at: usize) -> Option<Diagnostic> {
    let mut lines = lines_from(text, at);
    let (opening, first) = lines.next()?;
    if first.trim_end() != FENCE {
        return None;
    }
    let next = lines.next();
    let closes = |line: &str| line.trim_end_matches(['\n', '\r']).trim_end_matches(' ') == FENCE;
    let closed =
        next.as_ref().is_some_and(|(_, line)| closes(line)) || lines.any(|(_, line)| closes(line));
    let example = "+++\nid = \"smart-lock\"\n+++";
    let diagnostic = match next {
        _ if !closed => Diagnostic::error(
            Code::UnclosedFrontMatter,
            opening,
            "the front matter opened here is never closed",
        )
        .with_label("opened here")
        .with_hint(format!(
            "end it with a line `+++` after its last key, before the `#` title:\n{example}"
        )),
        Some((closing, line)) if closes(line) => Diagnostic::error(
            Code::InvalidFrontMatter,
            opening.start..closing.end,
            "the front matter is empty",
        )
        .with_label("nothing between the `+++` lines")
        .with_hint(format!(
            "a guide starts with its id in TOML front matter:\n{example}"
        )),
        Some((_, line)) if line.trim().is_empty() => Diagnostic::error(
            Code::InvalidFrontMatter,
            opening,
            "the front matter starts with a blank line, so it is not read as front matter",
        )
        .with_label("a blank line follows")
        .with_hint("remove the blank line after the opening `+++`"),
        _ => return None,
    };
    Some(diagnostic)
}

/// The line that opens and closes the front matter.
const FENCE: &str = "+++";

/// The lines of `text` from byte `at`: each line's span without its line
/// end, and the line with it.
fn lines_from(text: &str, at: usize) -> impl Iterator<Item = (Span, &str)> {
    text[at..].split_inclusive('\n').scan(at, |start, line| {
        let span = *start..*start + line.trim_end_matches(['\n', '\r']).len();
        *start += line.len();
        Some((span, line))
    })
}

/// YAML front matter (`---`, then `key: value` lines, then `---`), which
/// other site generators use: where it ends, and the error that says how
/// to write it as TOML. `None` when `text` does not start so.
pub(crate) fn yaml(text: &str) -> Option<(usize, Diagnostic)> {
    let mut lines = lines_from(text, 0).map(|(span, _)| {
        let line = text[span.clone()].trim_end_matches(' ');
        (span.start..span.start + line.len(), line)
    });
    let (opening, "---") = lines.next()? else {
        return None;
    };
    let mut keys = Vec::new();
    let mut end = opening.end;
    for (span, line) in lines {
        if line.is_empty() {
            break;
        }
        end = span.end;
        if matches!(line, "---" | "...") {
            break;
        }
        keys.push(line);
    }
    let first = keys.first()?;
    if !first.contains(": ") && !first.ends_with(':') {
        return None;
    }
    let example = toml_from_yaml(&keys).unwrap_or_else(|| "id = \"smart-lock\"\n".to_owned());
    let diagnostic = Diagnostic::error(
        Code::InvalidFrontMatter,
        opening,
        "front matter is TOML between `+++` lines, not YAML `---`",
    )
    .with_label("YAML front matter")
    .with_hint(format!(
        "write it as TOML between `+++` lines:\n+++\n{example}+++"
    ));
    Some((end, diagnostic))
}

/// Simple YAML `key: value` lines (and a table of them, as `reviewed:`
/// with its keys indented under it) as TOML; `None` for anything else.
fn toml_from_yaml(lines: &[&str]) -> Option<String> {
    let mut toml = String::new();
    for line in lines {
        let indented = line.starts_with(' ');
        let (key, value) = line.trim().split_once(':')?;
        let value = value.trim().trim_matches(['"', '\'']);
        if !key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        {
            return None;
        }
        let date = value.len() == 10 && value.chars().all(|c| c.is_ascii_digit() || c == '-');
        toml.push_str(&match (indented, value.is_empty()) {
            (false, true) => format!("\n[{key}]\n"),
            (_, false) if date => format!("{key} = {value}\n"),
            (_, false) => format!("{key} = \"{}\"\n", value.replace(['"', '\\'], "")),
            (true, true) => return None,
        });
    }
    Some(toml)
}

/// Parses the front matter found at `at` in the source, opened by the
/// `+++` line at `opening`.
///
/// Spans in the result (and in the error) are relative to the whole source.
pub(crate) fn parse(toml_text: &str, at: Span, opening: Span) -> Result<FrontMatter, Diagnostic> {
    let shift = |span: Span| at.start + span.start..at.start + span.end;
    let mut front: FrontMatter = toml::from_str(toml_text).map_err(|error| {
        // A key missing from the front matter itself is missing from what
        // the `+++` line opens, not from the first key's line.
        if error.message().starts_with("missing field `id`") {
            return Diagnostic::error(
                Code::InvalidFrontMatter,
                opening.clone(),
                "the front matter has no `id`",
            )
            .with_label("front matter without an id")
            .with_hint(
                "every guide has an id, which names it in addresses: add a line such as \
                 `id = \"smart-lock\"` after the opening `+++`",
            );
        }
        let span = error.span().map_or(at.clone(), shift);
        Diagnostic::error(
            Code::InvalidFrontMatter,
            span,
            format!("the front matter is not valid: {}", error.message()),
        )
        .with_label("here")
        .with_hint(
            "the front matter holds `id = \"guide-id\"` and optionally `lang`, `start` \
             and `[reviewed]` with `by` and `on` (a date such as 2026-11-20)",
        )
    })?;
    let respan = |value: &mut Spanned<String>| {
        let span = shift(value.span());
        *value = Spanned::new(span, value.get_ref().clone());
    };
    respan(&mut front.id);
    front.lang.as_mut().map(respan);
    front.start.as_mut().map(respan);
    if let Some(reviewed) = &mut front.reviewed {
        let span = shift(reviewed.span());
        let inner = reviewed.get_ref();
        let value = Reviewed {
            by: inner.by.clone(),
            on: inner.on,
        };
        *reviewed = Spanned::new(span, value);
    }
    Ok(front)
}
