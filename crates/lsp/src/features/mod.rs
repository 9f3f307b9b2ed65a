//! One module per request kind; each turns a request's parameters into its
//! answer, or a [`Failure`] with a message for the author.

pub(crate) mod actions;
pub(crate) mod diagnostics;
pub(crate) mod navigate;
pub(crate) mod outline;
pub(crate) mod suggest;

use crate::analysis::Analysis;
use crate::position::Lines;
use crate::workspace::Workspace;
use lsp_types::{Location, Position, Uri};
use std::ops::Range as Span;
use std::path::{Path, PathBuf};

/// Why a request has no answer; sent back as an error response.
#[derive(Debug, thiserror::Error)]
pub(crate) enum Failure {
    /// The request's parameters do not fit.
    #[error("bad parameters: {0}")]
    Params(#[from] serde_json::Error),
    /// The document is not part of a compiled guide (a README, a shared
    /// file no guide includes): answered with nothing.
    #[error("this file is not part of a guide that is open")]
    Unknown,
    /// The request was understood and refused (a rename to a taken id).
    #[error("{0}")]
    Refused(String),
}

/// Where a request points: the file, its compiled guide, and the offset
/// in the guide's combined text.
pub(crate) struct Cursor<'w> {
    /// The file.
    pub(crate) path: PathBuf,
    /// Its compiled guide.
    pub(crate) analysis: &'w Analysis,
    /// The offset in the combined text.
    pub(crate) offset: usize,
}

impl<'w> Cursor<'w> {
    /// The cursor at `position` of the document `uri`.
    pub(crate) fn at(
        workspace: &'w Workspace,
        uri: &Uri,
        position: Position,
    ) -> Result<Self, Failure> {
        let path = crate::uri::to_path(uri).ok_or(Failure::Unknown)?;
        let analysis = workspace.analysis(&path).ok_or(Failure::Unknown)?;
        let text = (analysis.files())
            .find(|(p, _)| *p == path)
            .ok_or(Failure::Unknown)?
            .1;
        let local = Lines::new(text).offset(position);
        let offset = analysis.offset(&path, local).ok_or(Failure::Unknown)?;
        Ok(Self {
            path,
            analysis,
            offset,
        })
    }
}

impl Analysis {
    /// The protocol location of a span of the combined text.
    pub(crate) fn location(&self, span: &Span<usize>) -> Option<Location> {
        let place = self.place(span);
        let text = self.files().find(|(p, _)| *p == place.path)?.1;
        Some(Location::new(
            crate::uri::from_path(&place.path)?,
            Lines::new(text).range(&place.span),
        ))
    }

    /// The own text of the file at `path`, if it is part of this guide.
    pub(crate) fn text_of(&self, path: &Path) -> Option<&str> {
        self.files().find(|(p, _)| *p == path).map(|(_, text)| text)
    }
}
