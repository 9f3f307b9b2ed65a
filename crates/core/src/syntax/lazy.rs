//! Fields written right under a list, without a blank line between.
//!
//! Markdown reads a line that follows a list item without the item's
//! indentation as more of the item's text (a "lazy continuation"), so
//!
//! ```text
//! - Wait two minutes for the lights.
//! Expect: The internet light turns green.
//! ```
//!
//! would be one action. A line that starts with a field's key is meant as
//! that field, so this pass gives it back to the block level: the list
//! ends before it and the key's lines become a paragraph after the list.

use super::fields::{self, LineKey};
use super::markdown::{Block, InlineKind, Inlines, Item};

/// `blocks` with each field line written under a list item taken out of
/// the item, as a paragraph after the list (and the items after it as a
/// list of their own).
pub(super) fn fields_under_lists(text: &str, blocks: Vec<Block>) -> Vec<Block> {
    let mut out = Vec::with_capacity(blocks.len());
    for block in blocks {
        match block {
            Block::List { items, .. } if items.iter().any(|i| field_line(text, i).is_some()) => {
                split_list(text, items, &mut out);
            }
            block => out.push(block),
        }
    }
    out
}

/// Pushes the list of `items` as lists and the paragraphs of fields found
/// in their items.
fn split_list(text: &str, items: Vec<Item>, out: &mut Vec<Block>) {
    let mut list: Vec<Item> = Vec::new();
    for mut item in items {
        let Some(index) = field_line(text, &item) else {
            list.push(item);
            continue;
        };
        let fields = Inlines {
            parts: item.content.parts.split_off(index),
        };
        let line = fields::line_text_start(text, fields.parts[0].span.start);
        while matches!(
            item.content.parts.last().map(|p| &p.kind),
            Some(InlineKind::Break)
        ) {
            item.content.parts.pop();
        }
        item.span = fields::trim(text, item.span.start..line);
        list.push(item);
        out.push(list_block(std::mem::take(&mut list)));
        let end = fields.span().map_or(line, |span| line_end(text, span.end));
        let span = fields::trim(text, line..end);
        out.push(Block::Paragraph {
            content: fields,
            span,
        });
    }
    if !list.is_empty() {
        out.push(list_block(list));
    }
}

/// A list of `items` (at least one), from its first item to its last.
fn list_block(items: Vec<Item>) -> Block {
    let span = items.first().map_or(0, |i| i.span.start)..items.last().map_or(0, |i| i.span.end);
    Block::List { items, span }
}

/// The index of the first piece of `item`'s text that starts a line
/// written without the item's indentation with a field's key.
fn field_line(text: &str, item: &Item) -> Option<usize> {
    let parts = &item.content.parts;
    let indent = content_indent(text, item.span.start);
    (1..parts.len()).find(|&index| {
        let part = &parts[index];
        let line = fields::line_text_start(text, part.span.start);
        matches!(parts[index - 1].kind, InlineKind::Break)
            && matches!(part.kind, InlineKind::Text)
            && column(text, line) < indent
            && fields::line_key(text, line)
                .is_some_and(|LineKey { word, .. }| fields::is_any_key(word))
    })
}

/// The column where the text of the list item whose marker stands at
/// `marker` starts: lines indented less are lazy continuations.
fn content_indent(text: &str, marker: usize) -> usize {
    let line = &text[marker..];
    let digits = line.len() - line.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let after = line.get(digits + 1..).unwrap_or_default();
    let spaces = after.len() - after.trim_start_matches(' ').len();
    column(text, marker) + digits + 1 + spaces
}

/// The column (in bytes) of `at` in its line.
fn column(text: &str, at: usize) -> usize {
    at - text[..at].rfind('\n').map_or(0, |i| i + 1)
}

/// The end of the line that holds byte `at`.
fn line_end(text: &str, at: usize) -> usize {
    text[at..].find('\n').map_or(text.len(), |i| at + i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Span;
    use crate::syntax::markdown::blocks;

    fn kinds(text: &str) -> Vec<String> {
        fields_under_lists(text, blocks(text))
            .iter()
            .map(|block| {
                let span: Span = block.span();
                let kind = match block {
                    Block::List { .. } => "list",
                    Block::Paragraph { .. } => "paragraph",
                    _ => "other",
                };
                format!("{kind}: {}", &text[span])
            })
            .collect()
    }

    #[test]
    fn a_field_line_under_a_list_is_a_paragraph_after_it() {
        let text = "- One.\n- Two.\nExpect: Three.\nGood: Four.\n";
        assert_eq!(
            kinds(text),
            [
                "list: - One.\n- Two.",
                "paragraph: Expect: Three.\nGood: Four."
            ]
        );
    }

    #[test]
    fn items_after_a_field_line_stay_a_list() {
        let text = "1. One.\nExpect: Two.\n2. Three.\n";
        assert_eq!(
            kinds(text),
            [
                "list: 1. One.",
                "paragraph: Expect: Two.",
                "list: 2. Three."
            ]
        );
    }

    #[test]
    fn indented_lines_and_other_words_stay_in_the_item() {
        let text = "- One.\n  Expect: Two.\nNote: three.\n";
        assert_eq!(kinds(text), [format!("list: {}", text.trim_end())]);
    }
}
