//! Error pages, in the normal page look: what went wrong and where to go.

use super::layout::Page;
use super::words::Words;
use maud::{Markup, html};
use unstuck_locale::Arg;

/// An error page in the language of `words`: a heading, an explanation
/// and a way on.
pub(crate) fn page(words: Words, title: &str, explanation: Markup) -> Page {
    Page::new(
        words,
        words.with("page-title", &[("page", Arg::Text(title))]),
        html! {
            h1 { (title) }
            (explanation)
        },
    )
}
