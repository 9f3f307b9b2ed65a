//! The interface text of a page, in the language of the guide it shows
//! (or the one the reader chose): Fluent messages from `unstuck-locale`,
//! as plain text or as markup around a page's own elements.

use maud::{Escaper, Markup, PreEscaped};
use std::fmt::Write as _;
use unstuck_core::Guide;
use unstuck_core::engine::Summary;
use unstuck_locale::{Arg, Locale};

/// The words a page speaks. Cheap to copy.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Words(&'static Locale);

/// Marks where a markup argument goes in a formatted message: characters
/// from Unicode's private use area, which no message contains.
const OPEN: char = '\u{E000}';
const CLOSE: char = '\u{E001}';

impl Words {
    /// The words of the language tagged `lang` (English when Unstuck does
    /// not speak it).
    pub(crate) fn of_lang(lang: &str) -> Self {
        Words(unstuck_locale::locale(lang))
    }

    /// The words of a guide's pages: the guide's language.
    pub(crate) fn of(guide: &Guide) -> Self {
        Self::of_lang(&guide.lang)
    }

    /// English: the admin pages, and pages that belong to no language.
    pub(crate) fn english() -> Self {
        Words(unstuck_locale::english())
    }

    /// The language's tag (`de`).
    pub(crate) fn tag(self) -> &'static str {
        self.0.tag()
    }

    /// The message `id`, which takes no variables.
    pub(crate) fn get(self, id: &str) -> String {
        self.0.text(id)
    }

    /// The message `id` with text and number variables.
    pub(crate) fn with(self, id: &str, args: &[(&str, Arg<'_>)]) -> String {
        self.0.format(id, args)
    }

    /// The message `id` as markup, its variables being markup (a linked
    /// title, a `<strong>` answer): the message's own text is escaped, so
    /// a translation can never add an element.
    pub(crate) fn markup(self, id: &str, args: &[(&str, Markup)]) -> Markup {
        let marks: Vec<String> = (0..args.len())
            .map(|n| format!("{OPEN}{n}{CLOSE}"))
            .collect();
        let text_args: Vec<(&str, Arg<'_>)> = args
            .iter()
            .zip(&marks)
            .map(|((name, _), mark)| (*name, Arg::Text(mark)))
            .collect();
        let text = self.0.format(id, &text_args);
        let mut html = String::with_capacity(text.len() * 2);
        let mut rest = text.as_str();
        while let Some(open) = rest.find(OPEN) {
            escape_into(&mut html, &rest[..open]);
            let after = &rest[open + OPEN.len_utf8()..];
            let Some(close) = after.find(CLOSE) else {
                rest = after;
                continue;
            };
            if let Some((_, markup)) = after[..close]
                .parse::<usize>()
                .ok()
                .and_then(|n| args.get(n))
            {
                html.push_str(&markup.0);
            }
            rest = &after[close + CLOSE.len_utf8()..];
        }
        escape_into(&mut html, rest);
        PreEscaped(html)
    }
}

impl Words {
    /// A support summary as text, with the labels in this language.
    pub(crate) fn summary_text(self, summary: &Summary) -> String {
        self.0.summary_text(summary)
    }
}

fn escape_into(html: &mut String, text: &str) {
    let _ = Escaper::new(html).write_str(text);
}

#[cfg(test)]
mod tests {
    use super::*;
    use maud::html;

    #[test]
    fn markup_arguments_go_where_the_message_puts_them_and_text_is_escaped() {
        let words = Words::english();
        let html = words.markup(
            "answer-changed",
            &[
                ("question", html! { "Is <it> on?" }),
                ("old", html! { strong { "Yes" } }),
                ("new", html! { strong { "No" } }),
            ],
        );
        assert_eq!(
            html.into_string(),
            "You changed “Is &lt;it&gt; on?” from <strong>Yes</strong> to <strong>No</strong>."
        );
    }

    #[test]
    fn plurals_follow_the_language() {
        let one = Words::english().with("answers-left", &[("count", Arg::Number(1))]);
        let many = Words::english().with("answers-left", &[("count", Arg::Number(3))]);
        assert!(one.starts_with("This answer"), "{one}");
        assert!(many.starts_with("These answers"), "{many}");
    }

    #[test]
    fn a_language_unstuck_does_not_speak_falls_back_to_english() {
        assert_eq!(Words::of_lang("xx").get("change"), "Change");
        assert_eq!(Words::of_lang("de-AT").tag(), "de");
    }
}
