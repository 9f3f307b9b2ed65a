//! Markdown events to a flat list of top-level blocks with byte spans.
//!
//! Guides use a small part of Markdown: headings with `{#id .kind}`
//! attributes, paragraphs and flat lists, with inline emphasis, code and
//! links. Everything else is kept as [`Block::Other`] or
//! [`InlineKind::Unsupported`] so the lowering step can say what is not
//! allowed and where. Nothing here recurses on input depth: deeply nested
//! input is skipped with a counter, never with the call stack.

use crate::source::{Span, trim_span};
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// A piece of inline content.
#[derive(Debug)]
pub(crate) struct Inline {
    pub(crate) kind: InlineKind,
    pub(crate) span: Span,
}

/// What an inline piece is.
#[derive(Debug)]
pub(crate) enum InlineKind {
    /// Plain text; the span covers it in the source.
    Text,
    /// `code`.
    Code,
    /// A link; `dest` is its destination.
    Link { dest: String },
    /// A line break inside a paragraph.
    Break,
    /// Something guides do not allow (raw HTML, an image).
    Unsupported(&'static str),
}

/// A run of inline content, such as a paragraph or a list item's text.
#[derive(Debug, Default)]
pub(crate) struct Inlines {
    pub(crate) parts: Vec<Inline>,
}

impl Inlines {
    /// From the start of the first piece to the end of the last.
    pub(crate) fn span(&self) -> Option<Span> {
        Some(self.parts.first()?.span.start..self.parts.last()?.span.end)
    }

    /// Puts the backslash of an escape (`\[`) that starts the run back
    /// into its first piece: pulldown-cmark's text starts after it, and
    /// the text kept must read as it was checked (`\[x](javascript:…)`
    /// is text, `[x](javascript:…)` a link).
    fn keep_leading_escape(&mut self, text: &str) {
        let Some(first) = self.parts.first_mut() else {
            return;
        };
        let start = first.span.start;
        let escaped = text
            .as_bytes()
            .get(start)
            .is_some_and(u8::is_ascii_punctuation);
        if matches!(first.kind, InlineKind::Text)
            && escaped
            && start > 0
            && text.as_bytes()[start - 1] == b'\\'
        {
            first.span.start -= 1;
        }
    }
}

/// A top-level block.
#[derive(Debug)]
pub(crate) enum Block {
    /// `# …` to `###### …`, with its `{#id .class}` attributes.
    Heading {
        level: u8,
        id: Option<(String, Span)>,
        classes: Vec<String>,
        /// Other attributes in its `{…}`: `name` or `name=value`.
        attributes: Vec<(String, Option<String>)>,
        content: Inlines,
        span: Span,
    },
    /// A paragraph.
    Paragraph { content: Inlines, span: Span },
    /// A bullet or numbered list.
    List { items: Vec<Item>, span: Span },
    /// The `+++` front matter; `text` is the TOML between the fences.
    FrontMatter { text: Span, span: Span },
    /// A block kind guides do not use (code block, quote, table, rule, HTML).
    Other { what: &'static str, span: Span },
}

impl Block {
    /// Where the block stands.
    pub(crate) fn span(&self) -> Span {
        match self {
            Block::Heading { span, .. }
            | Block::Paragraph { span, .. }
            | Block::List { span, .. }
            | Block::FrontMatter { span, .. }
            | Block::Other { span, .. } => span.clone(),
        }
    }
}

impl Block {
    /// The block with its span shrunk to its text: Markdown ranges include
    /// the blank lines after a block, which diagnostics should not point at.
    fn trimmed(mut self, text: &str) -> Block {
        match &mut self {
            Block::List { span, items } => {
                *span = trim_span(text, span.clone());
                for item in items {
                    item.content.keep_leading_escape(text);
                    item.span = trim_span(text, item.span.clone());
                    if let Some((_, extra)) = &mut item.extra {
                        *extra = trim_span(text, extra.clone());
                    }
                }
            }
            Block::Paragraph { span, content } | Block::Heading { span, content, .. } => {
                content.keep_leading_escape(text);
                *span = trim_span(text, span.clone());
            }
            Block::Other { span, .. } => *span = trim_span(text, span.clone()),
            Block::FrontMatter { .. } => {}
        }
        self
    }
}

/// A list item.
#[derive(Debug)]
pub(crate) struct Item {
    /// Its text (the first paragraph, in a loose list).
    pub(crate) content: Inlines,
    /// The whole item, marker included.
    pub(crate) span: Span,
    /// The first thing in the item beyond its text, which guides do not allow.
    pub(crate) extra: Option<(&'static str, Span)>,
}

/// Splits `text` into top-level blocks.
pub(crate) fn blocks(text: &str) -> Vec<Block> {
    // Tables are read so that they can be refused: pages would show their
    // pipes as text.
    let options = Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TABLES;
    let mut events = Parser::new_ext(text, options).into_offset_iter();
    let mut blocks = Vec::new();
    while let Some((event, span)) = events.next() {
        let block = match event {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                let content = inlines(&mut events);
                let id = id.map(|id| {
                    let id = id.to_string();
                    let at = text[span.clone()]
                        .find(&format!("#{id}"))
                        .map_or(span.clone(), |i| {
                            span.start + i + 1..span.start + i + 1 + id.len()
                        });
                    (id, at)
                });
                Block::Heading {
                    level: heading_level(level),
                    id,
                    classes: classes.iter().map(ToString::to_string).collect(),
                    attributes: (attrs.iter())
                        .map(|(name, value)| {
                            (name.to_string(), value.as_ref().map(|v| v.to_string()))
                        })
                        .collect(),
                    content,
                    span,
                }
            }
            Event::Start(Tag::Paragraph) => Block::Paragraph {
                content: inlines(&mut events),
                span,
            },
            Event::Start(Tag::List(_)) => Block::List {
                items: items(&mut events),
                span,
            },
            Event::Start(Tag::MetadataBlock(_)) => {
                // Its text comes in pieces (a piece a line with `\r\n`
                // line ends): the TOML runs from the first to the last.
                let mut inner: Option<Span> = None;
                for (event, at) in events.by_ref() {
                    match event {
                        Event::Text(_) => {
                            inner = Some(inner.map_or(at.start, |inner| inner.start)..at.end);
                        }
                        Event::End(_) => break,
                        _ => {}
                    }
                }
                // An empty front matter block: its content is the empty
                // line between the fences.
                let inner = inner.unwrap_or(span.start + 4..span.start + 4);
                Block::FrontMatter { text: inner, span }
            }
            Event::Start(tag) => {
                skip_to_end(&mut events);
                Block::Other {
                    what: tag_name(&tag),
                    span,
                }
            }
            Event::Html(_) | Event::InlineHtml(_) => Block::Other {
                what: "raw HTML",
                span,
            },
            Event::Rule => Block::Other {
                what: "a horizontal rule",
                span,
            },
            _ => continue,
        };
        blocks.push(block.trimmed(text));
    }
    blocks
}

type Events<'a> = pulldown_cmark::OffsetIter<'a, pulldown_cmark::DefaultBrokenLinkCallback>;

/// Collects inline content up to the end of the enclosing block.
fn inlines(events: &mut Events<'_>) -> Inlines {
    let mut parts = Vec::new();
    // Emphasis, strong and strikethrough open inside the block: their text
    // arrives as Text events and their markup stays in the source slice.
    let mut open_spans = 0usize;
    while let Some((event, span)) = events.next() {
        match event {
            Event::Start(_) if is_inline_container(&event) => open_spans += 1,
            Event::End(_) if open_spans > 0 => open_spans -= 1,
            Event::End(_) => break,
            event => {
                if let Some(kind) = inline_kind(event, events) {
                    parts.push(Inline { kind, span });
                }
            }
        }
    }
    Inlines { parts }
}

fn is_inline_container(event: &Event<'_>) -> bool {
    matches!(
        event,
        Event::Start(Tag::Emphasis | Tag::Strong | Tag::Strikethrough)
    )
}

/// What an inline event is; links and images are consumed whole.
fn inline_kind(event: Event<'_>, events: &mut Events<'_>) -> Option<InlineKind> {
    Some(match event {
        Event::Text(_) => InlineKind::Text,
        Event::Code(_) => InlineKind::Code,
        Event::SoftBreak | Event::HardBreak => InlineKind::Break,
        Event::Html(_) | Event::InlineHtml(_) => InlineKind::Unsupported("raw HTML"),
        Event::Start(Tag::Link { dest_url, .. }) => {
            skip_to_end(events);
            InlineKind::Link {
                dest: dest_url.to_string(),
            }
        }
        Event::Start(Tag::Image { .. }) => {
            skip_to_end(events);
            InlineKind::Unsupported("an image")
        }
        Event::Start(_) => {
            skip_to_end(events);
            InlineKind::Unsupported("this Markdown")
        }
        Event::End(_) | Event::Rule => return None,
        _ => InlineKind::Unsupported("this Markdown"),
    })
}

/// Collects the items of a list, up to its end.
fn items(events: &mut Events<'_>) -> Vec<Item> {
    let mut items = Vec::new();
    while let Some((event, span)) = events.next() {
        match event {
            Event::Start(Tag::Item) => items.push(item(events, span)),
            Event::End(_) => break,
            Event::Start(_) => skip_to_end(events),
            _ => {}
        }
    }
    items
}

/// Collects one item: its text, and the first thing beyond it.
fn item(events: &mut Events<'_>, span: Span) -> Item {
    let mut content = Inlines::default();
    let mut extra = None;
    let mut open_spans = 0usize;
    while let Some((event, at)) = events.next() {
        match event {
            Event::End(TagEnd::Item) if open_spans == 0 => break,
            Event::Start(_) if is_inline_container(&event) => open_spans += 1,
            Event::End(_) => open_spans = open_spans.saturating_sub(1),
            Event::Start(Tag::Paragraph) if content.parts.is_empty() => content = inlines(events),
            Event::Start(
                tag @ (Tag::Paragraph
                | Tag::List(_)
                | Tag::BlockQuote(_)
                | Tag::CodeBlock(_)
                | Tag::HtmlBlock
                | Tag::Heading { .. }
                | Tag::Table(_)),
            ) => {
                skip_to_end(events);
                let what = match tag {
                    Tag::Paragraph => "a second paragraph",
                    tag => tag_name(&tag),
                };
                extra.get_or_insert((what, at));
            }
            event => {
                if let Some(kind) = inline_kind(event, events) {
                    content.parts.push(Inline { kind, span: at });
                }
            }
        }
    }
    Item {
        content,
        span,
        extra,
    }
}

/// Consumes events up to the end of the element just started.
fn skip_to_end(events: &mut Events<'_>) {
    let mut depth = 1usize;
    for (event, _) in events.by_ref() {
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) => {
                depth -= 1;
                if depth == 0 {
                    return;
                }
            }
            _ => {}
        }
    }
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

fn tag_name(tag: &Tag<'_>) -> &'static str {
    match tag {
        Tag::BlockQuote(_) => "a block quote",
        Tag::CodeBlock(_) => "a code block",
        Tag::HtmlBlock => "raw HTML",
        Tag::List(_) => "a nested list",
        Tag::Table(_) => "a table",
        Tag::Heading { .. } => "a heading",
        Tag::Paragraph => "a paragraph",
        _ => "this Markdown",
    }
}
