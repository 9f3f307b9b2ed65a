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

/// Compiles a guide from its source text.
pub fn compile(text: &str) -> Compiled {
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
    let (draft, mut diagnostics) = crate::syntax::lower(text);
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
