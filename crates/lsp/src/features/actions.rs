//! Code actions: apply a diagnostic's "did you mean", or create the
//! question, outcome or section that an unknown target names.

use super::Failure;
use crate::analysis::Analysis;
use crate::position::Lines;
use crate::workspace::Workspace;
use lsp_types::{CodeAction, CodeActionKind, CodeActionParams, TextEdit, Uri, WorkspaceEdit};
use std::collections::HashMap;
use unstuck_core::index::{Named, Want};
use unstuck_core::{Code, Diagnostic};

/// The fixes for the diagnostics that touch the requested range.
pub(crate) fn actions(
    workspace: &Workspace,
    params: CodeActionParams,
) -> Result<Vec<CodeAction>, Failure> {
    let uri = params.text_document.uri;
    let path = crate::uri::to_path(&uri).ok_or(Failure::Unknown)?;
    let analysis = workspace.analysis(&path).ok_or(Failure::Unknown)?;
    let text = analysis.text_of(&path).ok_or(Failure::Unknown)?;
    let lines = Lines::new(text);
    let wanted = lines.offset(params.range.start)..lines.offset(params.range.end);
    let mut actions = Vec::new();
    for diagnostic in &analysis.diagnostics {
        let place = analysis.place(&diagnostic.span);
        let touches = place.span.start <= wanted.end && wanted.start <= place.span.end;
        if place.path != path || !touches {
            continue;
        }
        if let Some((at, better)) = did_you_mean(text, &place.span, diagnostic) {
            actions.push(action(
                format!("Change to `{better}`"),
                &uri,
                TextEdit::new(lines.range(&at), better),
                true,
            ));
        }
        if diagnostic.code == Code::UnknownTarget {
            actions.extend(create(analysis, diagnostic, &uri, &lines, text));
        }
    }
    Ok(actions)
}

/// The span to change and the word to write, from a "did you mean `x`?" hint
/// and the word in backticks that the message names.
fn did_you_mean(
    text: &str,
    span: &std::ops::Range<usize>,
    diagnostic: &Diagnostic,
) -> Option<(std::ops::Range<usize>, String)> {
    let better = diagnostic
        .hint
        .as_deref()?
        .strip_prefix("did you mean `")?
        .strip_suffix("`?")?;
    let named = diagnostic.message.split('`').nth(1)?;
    let written = text.get(span.clone())?;
    for wrong in [named, named.trim_matches(['[', ']'])] {
        if let Some(at) = written.find(wrong)
            && !written[at + wrong.len()..].contains(wrong)
        {
            let start = span.start + at;
            return Some((start..start + wrong.len(), better.to_owned()));
        }
    }
    None
}

/// "Create question `x`" (and outcome, section) at the end of the file.
fn create(
    analysis: &Analysis,
    diagnostic: &Diagnostic,
    uri: &Uri,
    lines: &Lines<'_>,
    text: &str,
) -> Vec<CodeAction> {
    let Some(Named::Reference(reference)) = analysis.index.at(diagnostic.span.start) else {
        return Vec::new();
    };
    let id = &reference.id;
    let title = title_of(id);
    let question = format!("## {title}? {{#{id} .question}}\n\n- Yes → \n- No → \n");
    let outcome = format!("## {title} {{#{id} .outcome .resolved}}\n");
    let section = format!("## {title} {{#{id} .section}}\n\n- What to do.\n");
    let blocks: &[(&str, &String)] = match reference.want {
        Want::Node => &[("question", &question), ("outcome", &outcome)],
        Want::Question => &[("question", &question)],
        Want::Section => &[("section", &section)],
        Want::Part => &[
            ("section", &section),
            ("question", &question),
            ("outcome", &outcome),
        ],
        Want::Fact | Want::Model => &[],
    };
    let end = lines.range(&(text.len()..text.len()));
    let gap = if text.ends_with("\n\n") {
        ""
    } else if text.ends_with('\n') {
        "\n"
    } else {
        "\n\n"
    };
    (blocks.iter())
        .map(|(kind, block)| {
            action(
                format!("Create the missing {kind} `{id}`"),
                uri,
                TextEdit::new(end, format!("{gap}{block}")),
                false,
            )
        })
        .collect()
}

/// A heading's words from an id: `check-battery` → "Check battery".
fn title_of(id: &str) -> String {
    let words = id.replace('-', " ");
    let mut chars = words.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn action(title: String, uri: &Uri, edit: TextEdit, preferred: bool) -> CodeAction {
    CodeAction {
        title,
        kind: Some(CodeActionKind::QUICKFIX),
        edit: Some(WorkspaceEdit {
            changes: Some(HashMap::from([(uri.clone(), vec![edit])])),
            ..WorkspaceEdit::default()
        }),
        is_preferred: Some(preferred),
        ..CodeAction::default()
    }
}
