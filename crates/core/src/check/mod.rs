//! The compiler: source text to a checked [`Guide`] and its diagnostics.
//!
//! [`compile`] reads the text (the `syntax` module), then checks that every
//! id is unique and every reference resolves to the right kind of part
//! (`references`), and that the questions form a graph in which every path
//! from the start or a triage entry ends in an outcome (`graph`). All
//! checks are linear in the size of the guide.

mod graph;
mod references;

use crate::diagnostic::{Code, Diagnostic};
use crate::model::Guide;

/// The largest guide source accepted, in bytes.
pub const MAX_GUIDE_BYTES: usize = 32 * 1024 * 1024;

/// The result of compiling one guide.
#[derive(Debug)]
pub struct Compiled {
    /// The guide, when there were no errors.
    pub guide: Option<Guide>,
    /// Every problem found, errors and warnings, in source order.
    pub diagnostics: Vec<Diagnostic>,
}

impl Compiled {
    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    fn failed(diagnostic: Diagnostic) -> Self {
        Compiled {
            guide: None,
            diagnostics: vec![diagnostic],
        }
    }
}

/// Compiles a guide from raw bytes: checks size and UTF-8 first.
///
/// A not-UTF-8 diagnostic points at the first bad byte; render it against
/// `String::from_utf8_lossy(bytes)`, whose offsets agree up to that byte.
pub fn compile_bytes(bytes: &[u8]) -> Compiled {
    if bytes.len() > MAX_GUIDE_BYTES {
        return Compiled::failed(too_large(bytes.len() as u64));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => compile(text),
        Err(error) => {
            let at = error.valid_up_to();
            Compiled::failed(
                Diagnostic::error(
                    Code::NotUtf8,
                    at..at + 1,
                    "this file is not valid UTF-8 text",
                )
                .with_label("this byte is not UTF-8")
                .with_hint(
                    "save the guide as UTF-8 (most editors offer it under \"Save with encoding\")",
                ),
            )
        }
    }
}

/// Compiles a guide from its source text alone: a guide that includes
/// shared files needs [`compile_with`]. Spans count from after a
/// byte-order mark, as [`compile_with`]'s do.
pub fn compile(text: &str) -> Compiled {
    compile_with(text, &mut |_| {
        Err("the guide was read on its own, without its folder".to_owned())
    })
    .0
}

/// The text a guide was compiled from: its own file, then each shared file
/// it includes, each without the byte-order mark it may start with.
/// Diagnostics' spans point into it; render them with a
/// [`Source`](crate::Source) that names the parts
/// ([`Source::with_included`](crate::Source::with_included)).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Combined {
    /// The guide's text followed by each shared file's.
    pub text: String,
    /// Each shared file: its path as the guide wrote it, and where its text
    /// starts in [`Combined::text`].
    pub included: Vec<(String, usize)>,
}

impl Combined {
    /// The length of the guide's own file: the text before the first
    /// shared file (and the blank line [`compile_with`] puts before it).
    pub fn own_len(&self) -> usize {
        self.included
            .first()
            .map_or(self.text.len(), |(_, start)| start - SHARED_SEPARATOR.len())
    }
}

/// What [`compile_with`] puts between the guide's text and a shared file's.
const SHARED_SEPARATOR: &str = "\n\n";

/// Compiles a guide that may include shared files
/// (`## [Power-cycle](_shared/power-cycle.md) {.include}`): `read` returns
/// the text of a path as written in the guide, or why it cannot. Each file
/// is read once; the core itself does no I/O.
///
/// A byte-order mark that a file starts with (some editors on Windows
/// write one) is not part of the guide: spans count from after it.
pub fn compile_with(
    text: &str,
    read: &mut dyn FnMut(&str) -> Result<String, String>,
) -> (Compiled, Combined) {
    let text = without_byte_order_mark(text);
    let mut combined = Combined {
        text: text.to_owned(),
        included: Vec::new(),
    };
    let mut diagnostics = Vec::new();
    let requests = if text.contains(".include") {
        crate::syntax::include_requests(text)
    } else {
        Vec::new()
    };
    for (path, span) in requests {
        if combined.included.iter().any(|(p, _)| *p == path) {
            continue;
        }
        match read(&path) {
            Ok(shared) => {
                combined.text.push_str(SHARED_SEPARATOR);
                combined.included.push((path, combined.text.len()));
                combined.text.push_str(without_byte_order_mark(&shared));
            }
            Err(why) => diagnostics.push(
                Diagnostic::error(
                    Code::IncludeNotFound,
                    span,
                    format!("cannot read the shared file `{path}`: {why}"),
                )
                .with_label("this file")
                .with_hint(
                    "the path is relative to this guide's folder, e.g. `_shared/power-cycle.md`; \
                     files whose name starts with `_` are shared parts, not guides",
                ),
            ),
        }
    }
    let mut compiled = compile_combined(&combined, text.len());
    if !diagnostics.is_empty() {
        compiled.guide = None;
        diagnostics.append(&mut compiled.diagnostics);
        diagnostics.sort_by_key(|d| (d.span.start, d.span.end));
        compiled.diagnostics = diagnostics;
    }
    (compiled, combined)
}

/// `text` without the byte-order mark (U+FEFF) it may start with.
fn without_byte_order_mark(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// Compiles the combined text, whose first `own` bytes are the guide's file.
fn compile_combined(combined: &Combined, own: usize) -> Compiled {
    let text = combined.text.as_str();
    if text.len() > MAX_GUIDE_BYTES {
        return Compiled::failed(too_large(text.len() as u64));
    }
    if text.trim().is_empty() {
        return Compiled::failed(
            Diagnostic::error(Code::EmptyFile, 0..0, "this guide is empty")
                .with_label("nothing here")
                .with_hint(
                    "a guide starts with front matter, a title and a summary:\n\
                     +++\nid = \"my-guide\"\n+++\n\n# Fix …\n\nWe'll check …",
                ),
        );
    }
    let (draft, mut diagnostics) = crate::syntax::lower(text, own, &combined.included);
    let Some(draft) = draft else {
        return Compiled {
            guide: None,
            diagnostics,
        };
    };
    references::check(&draft, &mut diagnostics);
    // With errors so far, some edges of the graph are missing: questions
    // behind them would be reported unreachable for no reason of their own.
    let complete = !diagnostics.iter().any(Diagnostic::is_error);
    graph::check(&draft.guide, complete, &mut diagnostics);
    diagnostics.sort_by_key(|d| (d.span.start, d.span.end));
    let has_errors = diagnostics.iter().any(Diagnostic::is_error);
    Compiled {
        guide: (!has_errors).then_some(draft.guide),
        diagnostics,
    }
}

/// The diagnostic for a file of `len` bytes, over [`MAX_GUIDE_BYTES`].
pub fn too_large(len: u64) -> Diagnostic {
    Diagnostic::error(
        Code::FileTooLarge,
        0..0,
        format!(
            "this file is {len} bytes; a guide may be at most {} MiB",
            MAX_GUIDE_BYTES / (1024 * 1024)
        ),
    )
    .with_label("file starts here")
    .with_hint("split the guide into several guides, or check that this is the right file")
}

/// The candidate closest to `word` by edit distance, if it is close enough
/// to be a likely typo.
pub(crate) fn closest<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .filter(|c| c.len().abs_diff(word.len()) <= limit)
        .map(|c| (strsim::osa_distance(word, c), c))
        .filter(|&(distance, _)| distance <= limit)
        .min_by_key(|&(distance, _)| distance)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::closest;

    #[test]
    fn closest_finds_typos_and_ignores_strangers() {
        let ids = ["check-battery", "key-works", "unlocked"];
        assert_eq!(closest("check-batery", ids), Some("check-battery"));
        assert_eq!(closest("key-work", ids), Some("key-works"));
        assert_eq!(closest("garage", ids), None);
        assert_eq!(closest("kye-works", ids), Some("key-works"));
    }
}
