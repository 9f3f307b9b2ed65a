//! Diagnostics as `unstuck check` reports them (code, message, range,
//! label, hint, notes), each shown in the file where it is.

use crate::analysis::Analysis;
use crate::position::Lines;
use lsp_types::{Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, NumberOrString};
use std::path::Path;
use unstuck_core::Severity;

/// The diagnostics of every compiled guide that fall in the file `path`,
/// each once (a shared file may be included by several guides).
pub(crate) fn of_file<'a>(
    path: &Path,
    analyses: impl Iterator<Item = &'a Analysis>,
) -> Vec<Diagnostic> {
    let mut found: Vec<Diagnostic> = Vec::new();
    for analysis in analyses {
        let Some(text) = analysis.text_of(path) else {
            continue;
        };
        let lines = Lines::new(text);
        for diagnostic in &analysis.diagnostics {
            let place = analysis.place(&diagnostic.span);
            if place.path != path {
                continue;
            }
            let converted = convert(analysis, &lines, &place.span, diagnostic);
            if !found.contains(&converted) {
                found.push(converted);
            }
        }
    }
    found
}

/// The protocol's form of one diagnostic: the hint follows the message
/// after `help:`, as in the terminal; the label and hint are also in `data`.
fn convert(
    analysis: &Analysis,
    lines: &Lines<'_>,
    span: &std::ops::Range<usize>,
    diagnostic: &unstuck_core::Diagnostic,
) -> Diagnostic {
    let message = match &diagnostic.hint {
        Some(hint) => format!("{}\nhelp: {hint}", diagnostic.message),
        None => diagnostic.message.clone(),
    };
    let related = (diagnostic.notes.iter())
        .filter_map(|note| {
            Some(DiagnosticRelatedInformation {
                location: analysis.location(&note.span)?,
                message: note.label.clone(),
            })
        })
        .collect::<Vec<_>>();
    Diagnostic {
        range: lines.range(span),
        severity: Some(match diagnostic.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
        }),
        code: Some(NumberOrString::String(diagnostic.code.as_str().to_owned())),
        source: Some("unstuck".to_owned()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        data: Some(serde_json::json!({
            "label": diagnostic.label,
            "hint": diagnostic.hint,
        })),
        ..Diagnostic::default()
    }
}
