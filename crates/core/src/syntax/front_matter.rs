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

/// Parses the front matter found at `at` in the source.
///
/// Spans in the result (and in the error) are relative to the whole source.
pub(crate) fn parse(toml_text: &str, at: Span) -> Result<FrontMatter, Diagnostic> {
    let shift = |span: Span| at.start + span.start..at.start + span.end;
    let mut front: FrontMatter = toml::from_str(toml_text).map_err(|error| {
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
