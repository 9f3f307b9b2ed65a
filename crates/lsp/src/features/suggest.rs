//! Completion (ids of the right kind, block kinds) and hover (a part's kind
//! and title, a question's answers).

use super::{Cursor, Failure};
use crate::position::Lines;
use crate::workspace::Workspace;
use lsp_types::{
    CompletionItem, CompletionItemKind, CompletionList, CompletionParams, CompletionTextEdit,
    Hover, HoverContents, HoverParams, MarkupContent, MarkupKind, TextEdit,
};
use unstuck_core::index::{self, Context, Kind, Named};

/// What fits at the cursor. Reads the context from the buffer as it is
/// now, and the candidates from the guide as last compiled: typing never
/// waits for a compile. At most [`index::MAX_CANDIDATES`] items, those
/// that start with what is typed first; the editor asks again as the
/// author types on.
pub(crate) fn completion(
    workspace: &Workspace,
    params: CompletionParams,
) -> Result<CompletionList, Failure> {
    let at = params.text_document_position;
    let path = crate::uri::to_path(&at.text_document.uri).ok_or(Failure::Unknown)?;
    let analysis = workspace.analysis(&path).ok_or(Failure::Unknown)?;
    let text = workspace.text(&path).ok_or(Failure::Unknown)?;
    let lines = Lines::new(&text);
    let offset = lines.offset(at.position);
    let Some(completion) = index::completion(&text, offset) else {
        return Ok(CompletionList::default());
    };
    let block = (analysis.offset(&path, offset)).and_then(|at| analysis.index.block_at(at));
    let range = lines.range(&completion.typed);
    let kind = match completion.context {
        Context::BlockKind => CompletionItemKind::KEYWORD,
        Context::Id(_) => CompletionItemKind::REFERENCE,
    };
    let typed = &text[completion.typed.clone()];
    let candidates = analysis.index.candidates(completion.context, block, typed);
    let items = (candidates.items.into_iter())
        .map(|candidate| CompletionItem {
            text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(
                range,
                candidate.label.clone(),
            ))),
            label: candidate.label,
            kind: Some(kind),
            detail: Some(candidate.detail),
            ..CompletionItem::default()
        })
        .collect();
    Ok(CompletionList {
        is_incomplete: candidates.incomplete,
        items,
    })
}

/// The kind and title of the part named under the cursor.
pub(crate) fn hover(workspace: &Workspace, params: HoverParams) -> Result<Option<Hover>, Failure> {
    let at = params.text_document_position_params;
    let cursor = Cursor::at(workspace, &at.text_document.uri, at.position)?;
    let index = &cursor.analysis.index;
    let Some(named) = index.at(cursor.offset) else {
        return Ok(None);
    };
    let (span, value) = match named {
        Named::Include(include) => (
            include.span.clone(),
            format!("shared file `{}`", include.path),
        ),
        Named::Reference(reference) => {
            let value = match index.definition(reference.want.namespace(), &reference.id) {
                Some(definition) => describe(definition),
                None => format!("`{}`: nothing has this id", reference.id),
            };
            (reference.span.clone(), value)
        }
        Named::Definition(definition) => {
            let uses = (index.references_to(definition.kind.namespace(), &definition.id)).count();
            let span = definition
                .span
                .clone()
                .unwrap_or(definition.title_span.clone());
            (
                span,
                format!("{}\n\nused {uses} time(s)", describe(definition)),
            )
        }
    };
    let range = cursor.analysis.location(&span).map(|l| l.range);
    Ok(Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value,
        }),
        range,
    }))
}

/// "**question** `id`: title", then a question's answers.
fn describe(definition: &index::Definition) -> String {
    let mut text = format!(
        "**{}** `{}`: {}",
        definition.kind.describe(),
        definition.id,
        definition.title
    );
    if definition.kind == Kind::Question {
        text.push_str("\n\nanswers:");
        for answer in &definition.details {
            text.push_str(&format!("\n- {answer}"));
        }
    }
    text
}
