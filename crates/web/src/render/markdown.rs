//! Guide Markdown to HTML. Text is escaped by pulldown-cmark; raw HTML,
//! which the compiler already refuses, is shown as text if it ever gets
//! here. Links to `#id` go to the guide part with that id: in the page
//! itself on the full guide, on the full guide from elsewhere.

use maud::{Markup, PreEscaped};
use pulldown_cmark::{CowStr, Event, Parser, Tag, TagEnd};
use unstuck_core::model::Text;

/// Where `#id` links in guide text point.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Links<'a> {
    /// To an anchor in this page.
    InPage,
    /// To an anchor in the page at this path.
    On(&'a str),
}

/// The text as HTML blocks (paragraphs, lists).
pub(crate) fn blocks(text: &Text, links: Links<'_>) -> Markup {
    render(text.markdown(), links, false)
}

/// The text as inline HTML, without the paragraph around it.
pub(crate) fn inline(text: &Text, links: Links<'_>) -> Markup {
    render(text.markdown(), links, true)
}

fn render(markdown: &str, links: Links<'_>, inline: bool) -> Markup {
    let events = Parser::new(markdown).filter_map(|event| match event {
        Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph) if inline => None,
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let dest_url = match (dest_url.strip_prefix('#'), links) {
                (Some(anchor), Links::On(path)) => CowStr::from(format!("{path}#{anchor}")),
                _ => dest_url,
            };
            Some(Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }))
        }
        Event::Html(html) | Event::InlineHtml(html) => Some(Event::Text(html)),
        event => Some(event),
    });
    let mut html = String::with_capacity(markdown.len() + 32);
    pulldown_cmark::html::push_html(&mut html, events);
    let trimmed = html.trim_end().len();
    html.truncate(trimmed);
    PreEscaped(html)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(markdown: &str) -> Text {
        Text::new(markdown, 0..markdown.len())
    }

    #[test]
    fn links_to_ids_point_where_the_page_says() {
        let good = text("Proceed to [Verification](#verification).");
        assert_eq!(
            inline(&good, Links::InPage).into_string(),
            r##"Proceed to <a href="#verification">Verification</a>."##
        );
        assert_eq!(
            inline(&good, Links::On("/guides/x/full")).into_string(),
            r#"Proceed to <a href="/guides/x/full#verification">Verification</a>."#
        );
    }

    #[test]
    fn html_is_shown_as_text() {
        let hostile = text("Hi <script>alert(1)</script> & bye");
        let html = blocks(&hostile, Links::InPage).into_string();
        assert!(!html.contains("<script>"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
    }
}
