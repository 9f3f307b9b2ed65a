//! The guide format: Markdown with TOML front matter, read into a draft
//! [`Guide`](crate::model::Guide) plus diagnostics.
//!
//! `docs/guide-format.md` describes the format for authors. Reading never
//! fails: it returns what it could understand and a diagnostic for each
//! problem, so one run reports every problem.

mod blocks;
mod fields;
mod front_matter;
mod lazy;
mod lower;
mod markdown;

pub(crate) use blocks::variant_marks;
pub(crate) use lower::{Draft, KINDS, OUTCOME_KINDS, include_requests, lower};

use pulldown_cmark::{Event, Parser};

/// The text of a Markdown fragment without markup.
pub(crate) fn plain_text(markdown: &str) -> String {
    let mut plain = String::with_capacity(markdown.len());
    for event in Parser::new(markdown) {
        match event {
            Event::Text(text) | Event::Code(text) => plain.push_str(&text),
            Event::SoftBreak | Event::HardBreak => plain.push(' '),
            Event::End(pulldown_cmark::TagEnd::Paragraph | pulldown_cmark::TagEnd::Item)
                if !plain.is_empty() =>
            {
                plain.push('\n');
            }
            _ => {}
        }
    }
    let trimmed = plain.trim_end().len();
    plain.truncate(trimmed);
    plain
}

#[cfg(test)]
mod tests {
    use super::plain_text;

    #[test]
    fn plain_text_drops_markup_and_keeps_words() {
        assert_eq!(
            plain_text("Proceed to [Check battery](#check-battery) *now*."),
            "Proceed to Check battery now."
        );
        assert_eq!(plain_text("One\ntwo"), "One two");
    }
}
