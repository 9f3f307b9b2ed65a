//! One guide compiled as `unstuck check` compiles it (open buffers in place
//! of files on disk), with its index, and the way from an offset in the
//! combined text to a file and back.

use crate::disk::{Disk, normalise};
use std::collections::HashMap;
use std::ops::Range as Span;
use std::path::{Path, PathBuf};
use unstuck_core::{Combined, Diagnostic, Index, compile_with};

/// A compiled guide and what it names.
#[derive(Debug)]
pub(crate) struct Analysis {
    /// The guide file.
    pub(crate) guide: PathBuf,
    /// Every diagnostic, as `unstuck check` reports it.
    pub(crate) diagnostics: Vec<Diagnostic>,
    /// The guide's text followed by each shared file's.
    pub(crate) combined: Combined,
    /// Definitions, references and outline.
    pub(crate) index: Index,
    /// The files of the combined text: where each starts, and its path;
    /// the guide's own first.
    parts: Vec<(usize, PathBuf)>,
}

/// A place in one file: its path and a byte span in its own text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Place {
    /// The file.
    pub(crate) path: PathBuf,
    /// The span in the file's own text.
    pub(crate) span: Span<usize>,
}

impl Analysis {
    /// Compiles the guide at `guide` whose text is `text`; shared files
    /// come from `open` buffers when open there, else from `disk`.
    pub(crate) fn new(
        guide: &Path,
        text: &str,
        open: &HashMap<PathBuf, String>,
        disk: &dyn Disk,
    ) -> Self {
        let folder = guide.parent().unwrap_or(Path::new("/")).to_owned();
        let (compiled, combined) = compile_with(text, &mut |include| {
            let on_disk = disk.read_included(guide, include)?;
            let path = normalise(&folder.join(include));
            Ok(open.get(&path).cloned().unwrap_or(on_disk))
        });
        let parts = std::iter::once((0, guide.to_owned()))
            .chain(
                (combined.included.iter())
                    .map(|(include, start)| (*start, normalise(&folder.join(include)))),
            )
            .collect();
        let index = Index::of(&combined);
        Self {
            guide: guide.to_owned(),
            diagnostics: compiled.diagnostics,
            combined,
            index,
            parts,
        }
    }

    /// Whether the file at `path` is part of this guide.
    pub(crate) fn holds(&self, path: &Path) -> bool {
        self.parts.iter().any(|(_, p)| p == path)
    }

    /// The files of this guide, with their own text.
    pub(crate) fn files(&self) -> impl Iterator<Item = (&Path, &str)> {
        (0..self.parts.len()).map(|n| {
            let (start, path) = &self.parts[n];
            (path.as_path(), &self.combined.text[*start..self.end_of(n)])
        })
    }

    /// Where part `n` ends in the combined text: the guide's own file
    /// before the first shared file, a shared file where the next starts.
    fn end_of(&self, n: usize) -> usize {
        if n == 0 {
            return self.combined.own_len();
        }
        (self.parts.get(n + 1)).map_or(self.combined.text.len(), |(next, _)| *next)
    }

    /// The file and local span of a span of the combined text.
    pub(crate) fn place(&self, span: &Span<usize>) -> Place {
        let n = self
            .parts
            .partition_point(|(start, _)| *start <= span.start)
            - 1;
        let (start, path) = &self.parts[n];
        let end = self.end_of(n);
        Place {
            path: path.clone(),
            span: span.start - start..span.end.min(end).max(span.start) - start,
        }
    }

    /// The offset in the combined text of byte `local` of the file `path`.
    pub(crate) fn offset(&self, path: &Path, local: usize) -> Option<usize> {
        let n = self.parts.iter().position(|(_, p)| p == path)?;
        let start = self.parts[n].0;
        Some((start + local).min(self.end_of(n)))
    }
}
