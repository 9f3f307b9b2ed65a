//! What fits where the cursor stands: the context read from the text just
//! before it (`→ `, `Section: `, `Fills: `, `](#`, `- [`, `{.`, `start = "`),
//! and the candidates of the right kind.

use super::{Index, Kind, Symbol, Want};
use crate::source::Span;

/// What is being typed at the cursor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// An id that must name a part of this kind.
    Id(Want),
    /// A block kind in a heading's `{.kind}`.
    BlockKind,
}

/// A completion request as read from the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completion {
    /// What fits.
    pub context: Context,
    /// What is typed of it already, to be replaced.
    pub typed: Span,
}

/// One thing that may be written there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// What to write.
    pub label: String,
    /// What it is: the part's kind and title.
    pub detail: String,
}

/// What may be written at byte `offset` of `text` (a guide's or a shared
/// file's own text), if the text before it says.
pub fn completion(text: &str, offset: usize) -> Option<Completion> {
    let offset = crate::source::floor_char_boundary(text, offset);
    let line = &text[text[..offset].rfind('\n').map_or(0, |i| i + 1)..offset];
    let word = line.len()
        - line
            .trim_end_matches(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            .len();
    let before = &line[..line.len() - word];
    let typed = offset - word..offset;
    let context = context(before)?;
    Some(Completion { context, typed })
}

/// The context from the line before the word being typed.
fn context(before: &str) -> Option<Context> {
    let trimmed = before.trim_end();
    if let Some(link) = before.strip_suffix("](#") {
        // A link where a field or an answer names one kind of part.
        let want = if link.trim_start().starts_with("Section:") {
            Want::Section
        } else if link.contains('→') || link.contains("->") {
            Want::Node
        } else {
            Want::Part
        };
        return Some(Context::Id(want));
    }
    if trimmed.ends_with('→') || trimmed.ends_with("->") {
        return Some(Context::Id(Want::Node));
    }
    if before.trim_start().starts_with("Section:") && trimmed.ends_with(':') {
        return Some(Context::Id(Want::Section));
    }
    if before.trim_start().starts_with("Fills:")
        && (trimmed.ends_with(':') || trimmed.ends_with(','))
    {
        return Some(Context::Id(Want::Fact));
    }
    let item = before.trim_start();
    if let Some(marks) = item
        .strip_prefix("- [")
        .or_else(|| item.strip_prefix("* ["))
        && !marks.contains(']')
        && (marks.is_empty() || marks.trim_end().ends_with(','))
    {
        return Some(Context::Id(Want::Model));
    }
    if before.starts_with("## ")
        && let Some(open) = before.rfind('{')
        && !before[open..].contains('}')
        && before.ends_with('.')
    {
        return Some(Context::BlockKind);
    }
    if before.trim_start().starts_with("start") && before.trim_end().ends_with("= \"") {
        return Some(Context::Id(Want::Question));
    }
    None
}

/// The most candidates one answer holds: an editor asks again as the
/// author types more of the id.
pub const MAX_CANDIDATES: usize = 200;

/// The candidates for a completion: those whose id holds what is typed,
/// the ones that start with it first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidates {
    /// At most [`MAX_CANDIDATES`].
    pub items: Vec<Candidate>,
    /// Whether more would fit than are listed.
    pub incomplete: bool,
}

impl Index {
    /// The candidates for `context` that hold `typed`, in the block `block`
    /// (a `](#` link in the triage wants a question or outcome, in the
    /// ladder a section).
    pub fn candidates(&self, context: Context, block: Option<&Symbol>, typed: &str) -> Candidates {
        let want = match context {
            Context::BlockKind => {
                let items = block_kinds().filter(|c| c.label.contains(typed)).collect();
                return Candidates {
                    items,
                    incomplete: false,
                };
            }
            Context::Id(Want::Part) => match block.map(|b| b.kind) {
                Some(Kind::Block("triage")) => Want::Node,
                Some(Kind::Block("ladder")) => Want::Section,
                _ => Want::Part,
            },
            Context::Id(want) => want,
        };
        let mut seen = std::collections::HashSet::new();
        let mut matching: Vec<&super::Definition> = (self.definitions.iter())
            .filter(|d| want.accepts(d.kind) && d.id.contains(typed) && seen.insert(d.id.as_str()))
            .collect();
        matching.sort_by_key(|d| !d.id.starts_with(typed));
        let incomplete = matching.len() > MAX_CANDIDATES;
        let items = (matching.into_iter().take(MAX_CANDIDATES))
            .map(|d| Candidate {
                label: d.id.clone(),
                detail: format!("{}: {}", d.kind.describe(), d.title),
            })
            .collect();
        Candidates { items, incomplete }
    }
}

/// Every block kind a heading may name.
fn block_kinds() -> impl Iterator<Item = Candidate> {
    let kinds = crate::syntax::KINDS
        .iter()
        .map(|(name, _)| (*name, "block kind"));
    let outcomes = (crate::syntax::OUTCOME_KINDS.iter()).map(|(name, _)| (*name, "outcome kind"));
    kinds.chain(outcomes).map(|(name, what)| Candidate {
        label: name.to_owned(),
        detail: what.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at_end(text: &str) -> Option<Context> {
        completion(text, text.len()).map(|c| c.context)
    }

    #[test]
    fn the_text_before_the_cursor_says_what_fits() {
        assert_eq!(at_end("- Yes → che"), Some(Context::Id(Want::Node)));
        assert_eq!(at_end("- Yes -> "), Some(Context::Id(Want::Node)));
        assert_eq!(at_end("Section: "), Some(Context::Id(Want::Section)));
        assert_eq!(at_end("Fills: a, b"), Some(Context::Id(Want::Fact)));
        assert_eq!(at_end("Go to [X](#ve"), Some(Context::Id(Want::Part)));
        assert_eq!(at_end("Section: [X](#"), Some(Context::Id(Want::Section)));
        assert_eq!(at_end("- Yes → [X](#"), Some(Context::Id(Want::Node)));
        assert_eq!(at_end("- [pro, mi"), Some(Context::Id(Want::Model)));
        assert_eq!(at_end("## Step {#step ."), Some(Context::BlockKind));
        assert_eq!(at_end("start = \"key"), Some(Context::Id(Want::Question)));
        assert_eq!(at_end("Just prose "), None);
        assert_eq!(at_end("- [pro] Replace "), None);
        let typed = completion("- Yes → che", 13).map(|c| c.typed);
        assert_eq!(typed, Some(10..13));
    }
}
