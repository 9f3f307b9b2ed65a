//! Source text and positions: byte spans and their line/column form.

use std::ops::Range;

/// A byte range into a guide's source text.
pub type Span = Range<usize>;

/// A guide's source text together with the name it is reported under, and
/// the shared files included in it (see [`Combined`](crate::Combined)).
#[derive(Debug, Clone)]
pub struct Source<'a> {
    name: &'a str,
    text: &'a str,
    /// Where each included file starts in `text`, and its name; ascending.
    included: Vec<(usize, &'a str)>,
}

/// One file of a source: a guide's own, or a shared file it includes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Part<'a> {
    /// The name diagnostics use for it.
    pub name: &'a str,
    /// Where it starts in the whole text.
    pub start: usize,
    /// Its text.
    pub text: &'a str,
}

impl<'a> Source<'a> {
    /// Wraps `text`, reported in diagnostics as `name` (usually a path).
    pub fn new(name: &'a str, text: &'a str) -> Self {
        Self {
            name,
            text,
            included: Vec::new(),
        }
    }

    /// The same source, where the text from each `start` on is the shared
    /// file `name` (as [`Combined::included`](crate::Combined) says).
    pub fn with_included(mut self, included: impl IntoIterator<Item = (usize, &'a str)>) -> Self {
        self.included.extend(included);
        self.included.sort_by_key(|(start, _)| *start);
        self
    }

    /// The file that holds byte `offset` of the text.
    pub fn part(&self, offset: usize) -> Part<'a> {
        let index = self.included.partition_point(|(start, _)| *start <= offset);
        let (start, name) = match index {
            0 => (0, self.name),
            n => self.included[n - 1],
        };
        let end = self
            .included
            .get(index)
            .map_or(self.text.len(), |(next, _)| *next);
        let end = floor_char_boundary(self.text, end.max(start));
        Part {
            name,
            start,
            text: &self.text[floor_char_boundary(self.text, start)..end],
        }
    }

    /// The name diagnostics use for this source.
    pub fn name(&self) -> &'a str {
        self.name
    }

    /// The whole text.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// The 1-based line and column (in characters) of byte `offset`, in
    /// the file that holds it ([`Source::part`]).
    ///
    /// Offsets past the end or inside a character are clamped to the nearest
    /// earlier character boundary, so any offset gives a position.
    pub fn line_col(&self, offset: usize) -> LineCol {
        let part = self.part(offset);
        let offset = floor_char_boundary(part.text, offset.saturating_sub(part.start));
        let before = &part.text[..offset];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        LineCol {
            line: before.bytes().filter(|&b| b == b'\n').count() + 1,
            column: before[line_start..].chars().count() + 1,
        }
    }
}

/// The largest character boundary of `text` at or before `offset` (any
/// offset, even past the end, gives one).
pub fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Shrinks `span` to exclude white space at both ends of its text.
pub(crate) fn trim_span(text: &str, span: Span) -> Span {
    let slice = &text[span.clone()];
    let start = span.start + (slice.len() - slice.trim_start().len());
    let end = span.end - (slice.len() - slice.trim_end().len());
    start..end.max(start)
}

/// A 1-based line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct LineCol {
    /// Line number, starting at 1.
    pub line: usize,
    /// Column in characters, starting at 1.
    pub column: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters_not_bytes() {
        let source = Source::new("g.md", "ab\n—x\n");
        assert_eq!(source.line_col(0), LineCol { line: 1, column: 1 });
        assert_eq!(source.line_col(3), LineCol { line: 2, column: 1 });
        // "—" is three bytes; "x" is the second character of line 2.
        assert_eq!(source.line_col(6), LineCol { line: 2, column: 2 });
        // Inside the multi-byte character: clamped to its start.
        assert_eq!(source.line_col(4), LineCol { line: 2, column: 1 });
        assert_eq!(source.line_col(999), LineCol { line: 3, column: 1 });
    }
}
