//! Go to definition, find references and rename: from a definition or any
//! use of an id, across the guide and the shared files it includes.

use super::{Cursor, Failure};
use crate::analysis::Analysis;
use crate::disk::normalise;
use crate::workspace::Workspace;
use lsp_types::{
    GotoDefinitionParams, Location, Position, PrepareRenameResponse, Range, ReferenceParams,
    RenameParams, TextDocumentPositionParams, TextEdit, WorkspaceEdit,
};
use std::collections::HashMap;
use unstuck_core::index::{Named, Namespace};

/// Where the id (or include) under the cursor is defined.
pub(crate) fn definition(
    workspace: &Workspace,
    params: GotoDefinitionParams,
) -> Result<Option<Location>, Failure> {
    let at = params.text_document_position_params;
    let cursor = Cursor::at(workspace, &at.text_document.uri, at.position)?;
    let analysis = cursor.analysis;
    let found = match analysis.index.at(cursor.offset) {
        Some(Named::Include(include)) => {
            let folder = analysis.guide.parent().unwrap_or(std::path::Path::new("/"));
            let path = normalise(&folder.join(&include.path));
            crate::uri::from_path(&path)
                .map(|uri| Location::new(uri, Range::new(Position::new(0, 0), Position::new(0, 0))))
        }
        Some(named) => named.id().and_then(|(namespace, id)| {
            let definition = analysis.index.definition(namespace, id)?;
            let span = definition
                .span
                .clone()
                .unwrap_or(definition.title_span.clone());
            analysis.location(&span)
        }),
        None => None,
    };
    Ok(found)
}

/// Every use of the id under the cursor (and its definition, if asked).
pub(crate) fn references(
    workspace: &Workspace,
    params: ReferenceParams,
) -> Result<Vec<Location>, Failure> {
    let at = params.text_document_position;
    let cursor = Cursor::at(workspace, &at.text_document.uri, at.position)?;
    let Some((namespace, id)) = named_id(&cursor) else {
        return Ok(Vec::new());
    };
    let mut found = Vec::new();
    for analysis in related(workspace, &cursor) {
        let index = &analysis.index;
        let definitions = (index.definitions.iter())
            .filter(|d| {
                params.context.include_declaration && d.id == id && d.kind.namespace() == namespace
            })
            .filter_map(|d| d.span.clone());
        let uses = index.references_to(namespace, &id).map(|r| r.span.clone());
        for span in definitions.chain(uses) {
            if let Some(location) = analysis.location(&span)
                && !found.contains(&location)
            {
                found.push(location);
            }
        }
    }
    Ok(found)
}

/// The id under the cursor, if it can be renamed from there.
pub(crate) fn prepare_rename(
    workspace: &Workspace,
    params: TextDocumentPositionParams,
) -> Result<Option<PrepareRenameResponse>, Failure> {
    let cursor = Cursor::at(workspace, &params.text_document.uri, params.position)?;
    let span = match cursor.analysis.index.at(cursor.offset) {
        Some(Named::Definition(d)) => d.span.clone(),
        Some(Named::Reference(r)) => Some(r.span.clone()),
        _ => None,
    };
    let Some(span) = span else {
        return Err(Failure::Refused(
            unstuck_core::index::RenameRefused::Nothing.to_string(),
        ));
    };
    let location = cursor.analysis.location(&span).ok_or(Failure::Unknown)?;
    Ok(Some(PrepareRenameResponse::Range(location.range)))
}

/// The edits that rename the id under the cursor everywhere it is written,
/// and a note on what a rename cannot change.
#[expect(
    clippy::mutable_key_type,
    reason = "the protocol keys edits by Uri, whose cache is not part of its hash"
)]
pub(crate) fn rename(
    workspace: &Workspace,
    params: RenameParams,
) -> Result<(WorkspaceEdit, String), Failure> {
    let at = params.text_document_position;
    let cursor = Cursor::at(workspace, &at.text_document.uri, at.position)?;
    let Some((namespace, id)) = named_id(&cursor) else {
        return Err(Failure::Refused(
            unstuck_core::index::RenameRefused::Nothing.to_string(),
        ));
    };
    let new = params.new_name.trim();
    let mut changes: HashMap<lsp_types::Uri, Vec<TextEdit>> = HashMap::new();
    let mut count = 0;
    for analysis in related(workspace, &cursor) {
        let spans = (analysis.index.rename(namespace, &id, new))
            .map_err(|refused| Failure::Refused(refused.to_string()))?;
        for span in spans {
            let Some(location) = analysis.location(&span) else {
                continue;
            };
            let edits = changes.entry(location.uri).or_default();
            let edit = TextEdit::new(location.range, new.to_owned());
            if !edits.contains(&edit) {
                edits.push(edit);
                count += 1;
            }
        }
    }
    let note = format!(
        "Renamed `{id}` to `{new}` in {count} place(s). Ids are contracts: saved answers, \
         shared addresses and analytics that use `{id}` keep the old id."
    );
    let edit = WorkspaceEdit {
        changes: Some(changes),
        ..WorkspaceEdit::default()
    };
    Ok((edit, note))
}

/// The namespace and id under the cursor.
fn named_id(cursor: &Cursor<'_>) -> Option<(Namespace, String)> {
    let named = cursor.analysis.index.at(cursor.offset)?;
    named.id().map(|(namespace, id)| (namespace, id.to_owned()))
}

/// The compiled guides that share the cursor's file: the guide itself, or
/// every guide that includes the shared file.
fn related<'w>(workspace: &'w Workspace, cursor: &Cursor<'w>) -> Vec<&'w Analysis> {
    let mut analyses = workspace.analyses_of(&cursor.path);
    if analyses.is_empty() {
        analyses.push(cursor.analysis);
    }
    analyses.sort_by(|a, b| a.guide.cmp(&b.guide));
    analyses
}
