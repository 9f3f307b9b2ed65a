//! Error pages, in the normal page look: what went wrong and where to go.

use super::layout::Page;
use maud::{Markup, html};

/// An error page: a heading, an explanation and a way on.
pub(crate) fn page(title: &str, explanation: Markup) -> String {
    Page::new(
        format!("{title} · Unstuck"),
        html! {
            h1 { (title) }
            (explanation)
        },
    )
    .render()
}
