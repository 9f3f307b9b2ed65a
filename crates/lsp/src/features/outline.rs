//! Document symbols: the outline of a file's blocks.

use super::Failure;
use crate::position::Lines;
use crate::workspace::Workspace;
use lsp_types::{DocumentSymbol, DocumentSymbolParams, SymbolKind};
use unstuck_core::index::Kind;

/// The blocks of the file, in order, each named by its heading.
pub(crate) fn symbols(
    workspace: &Workspace,
    params: DocumentSymbolParams,
) -> Result<Vec<DocumentSymbol>, Failure> {
    let path = crate::uri::to_path(&params.text_document.uri).ok_or(Failure::Unknown)?;
    let analysis = workspace.analysis(&path).ok_or(Failure::Unknown)?;
    let text = analysis.text_of(&path).ok_or(Failure::Unknown)?;
    let lines = Lines::new(text);
    let symbols = (analysis.index.outline.iter())
        .map(|symbol| {
            (
                symbol,
                analysis.place(&symbol.span),
                analysis.place(&symbol.selection),
            )
        })
        .filter(|(_, place, _)| place.path == path)
        .map(|(symbol, place, selection)| {
            #[expect(deprecated, reason = "the protocol type still has the field")]
            DocumentSymbol {
                name: if symbol.title.is_empty() {
                    symbol.kind.describe().to_owned()
                } else {
                    symbol.title.clone()
                },
                detail: Some(symbol.kind.describe().to_owned()),
                kind: symbol_kind(symbol.kind),
                tags: None,
                deprecated: None,
                range: lines.range(&place.span),
                selection_range: lines.range(&selection.span),
                children: None,
            }
        })
        .collect();
    Ok(symbols)
}

fn symbol_kind(kind: Kind) -> SymbolKind {
    match kind {
        Kind::Question => SymbolKind::INTERFACE,
        Kind::Outcome(_) => SymbolKind::EVENT,
        Kind::Section => SymbolKind::FUNCTION,
        Kind::Block("include") => SymbolKind::FILE,
        Kind::Block(_) => SymbolKind::NAMESPACE,
        Kind::Fact | Kind::Model => SymbolKind::CONSTANT,
    }
}
