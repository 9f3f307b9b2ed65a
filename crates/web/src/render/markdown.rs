//! Guide Markdown to HTML. Text is escaped by pulldown-cmark; raw HTML,
//! which the compiler already refuses, is shown as text if it ever gets
//! here. Links to `#id` go to the guide part with that id: in the page
//! itself on the full guide, on the full guide from elsewhere. Guide files
//! are untrusted: a link the core's [`LinkTarget`] does not allow keeps its
//! text and loses its link, and an image shows its description only.

use maud::{Markup, PreEscaped};
use pulldown_cmark::{CowStr, Event, Parser, Tag, TagEnd};
use unstuck_core::link::LinkTarget;
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
    // Whether each open link or image is kept, so its end goes with it.
    let mut kept = Vec::new();
    let events = Parser::new(markdown).filter_map(|event| match event {
        Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph) if inline => None,
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let dest_url = match (LinkTarget::of(&dest_url), links) {
                (Some(LinkTarget::InGuide(anchor)), Links::On(path)) => {
                    Some(CowStr::from(format!("{path}#{anchor}")))
                }
                (Some(_), _) => Some(dest_url),
                (None, _) => None,
            };
            kept.push(dest_url.is_some());
            dest_url.map(|dest_url| {
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                })
            })
        }
        // An image is never shown: its description stays, as text.
        Event::Start(Tag::Image { .. }) => {
            kept.push(false);
            None
        }
        Event::End(TagEnd::Link | TagEnd::Image) => kept.pop().unwrap_or(false).then_some(event),
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
    fn only_allowed_links_reach_the_page() {
        let hostile = text(
            "[run](javascript:alert(1)) [data](data:text/html,x) [ok](https://example.com) \
             ![pixel](https://tracker.example/p.png) [![nested](https://x/i.png)](tel:+1)",
        );
        let html = blocks(&hostile, Links::InPage).into_string();
        assert_eq!(
            html,
            r#"<p>run data <a href="https://example.com">ok</a> pixel <a href="tel:+1">nested</a></p>"#
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
