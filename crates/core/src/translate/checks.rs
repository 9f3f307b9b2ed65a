//! What a translated text may not change: the links into the guide and
//! out of it, the `[model]` marks, and the kinds of Markdown (no raw HTML,
//! no images, no lists or headings the source text does not have).
//! Translations are untrusted input, like guides: every link is judged by
//! [`LinkTarget`] as well.

use super::po::Message;
use crate::diagnostic::{Code, Diagnostic};
use crate::link::LinkTarget;
use crate::model::Text;
use pulldown_cmark::{Event, Options, Parser, Tag};
use std::collections::HashMap;

/// The problems of `message`'s translation of `source`, and the Markdown
/// to show (the translation without its marks) when there are none.
pub(crate) fn check(
    source: &Text,
    markable: bool,
    message: &Message,
) -> Result<String, Vec<Diagnostic>> {
    let at = message.translation_span.clone();
    let mut problems = Vec::new();
    let (marks, markdown) =
        match markable.then(|| crate::syntax::variant_marks(&message.translation)) {
            Some(Some((models, rest))) => (
                models.into_iter().map(|(id, _)| id).collect::<Vec<_>>(),
                &message.translation[rest..],
            ),
            _ => (Vec::new(), message.translation.as_str()),
        };
    let source_marks: Vec<String> = source.only().iter().map(|id| id.to_string()).collect();
    if sorted(marks.clone()) != sorted(source_marks.clone()) {
        problems.push(
            Diagnostic::error(
                Code::MarkMismatch,
                at.clone(),
                format!(
                    "the translation is for {}, the source text for {}",
                    models(&marks),
                    models(&source_marks)
                ),
            )
            .with_label("model marks differ")
            .with_hint(
                "start the translation with the same `[model]` marks as the source text \
                 (`msgid`): which models a step is for belongs to the guide, not its language",
            ),
        );
    }
    let source_shape = shape(source.markdown());
    let shape = shape(markdown);
    let (missing, extra) = difference(&source_shape.links, &shape.links);
    if !missing.is_empty() || !extra.is_empty() {
        let unsafe_link = extra.iter().find(|dest| LinkTarget::of(dest).is_none());
        let message = match unsafe_link {
            Some(dest) => {
                format!("the translation links to `{dest}`, which a guide may not link to")
            }
            None => format!(
                "the translation's links differ from the source text's{}{}",
                listed(", missing ", &missing),
                listed(", added ", &extra)
            ),
        };
        problems.push(
            Diagnostic::error(Code::LinkMismatch, at.clone(), message)
                .with_label("links differ")
                .with_hint(
                    "keep every link of the source text, `[words](#id)` with the same `#id` \
                     or address; translate only the words in brackets",
                ),
        );
    }
    if let Some(what) = (shape.kinds.iter()).find(|kind| !source_shape.kinds.contains(kind)) {
        problems.push(
            Diagnostic::error(
                Code::UnsupportedMarkdown,
                at,
                format!("the translation has {what}, which the source text has not"),
            )
            .with_label(what.to_string())
            .with_hint(
                "translations are plain text with the source's Markdown: no HTML, no images; \
                 a line starting with `1.`, `-` or `#` becomes a list or heading (write `1\\.`)",
            ),
        );
    }
    if problems.is_empty() {
        Ok(markdown.to_owned())
    } else {
        Err(problems)
    }
}

/// The links of a Markdown text and the kinds of markup beyond plain
/// paragraphs, emphasis, code and links that it uses.
struct Shape {
    links: Vec<String>,
    kinds: Vec<&'static str>,
}

fn shape(markdown: &str) -> Shape {
    let mut shape = Shape {
        links: Vec::new(),
        kinds: Vec::new(),
    };
    let options = Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES;
    for event in Parser::new_ext(markdown, options) {
        let kind = match event {
            Event::Start(Tag::Link { dest_url, .. }) => {
                shape.links.push(dest_url.into_string());
                continue;
            }
            Event::Html(_) | Event::InlineHtml(_) => "raw HTML",
            Event::Start(Tag::Image { .. }) => "an image",
            Event::Start(Tag::List(_) | Tag::Item) => "a list",
            Event::Start(Tag::Heading { .. }) => "a heading",
            Event::Start(Tag::CodeBlock(_)) => "a code block",
            Event::Start(Tag::BlockQuote(_)) => "a quote block",
            Event::Start(Tag::Table(_)) => "a table",
            Event::Rule => "a horizontal rule",
            _ => continue,
        };
        if !shape.kinds.contains(&kind) {
            shape.kinds.push(kind);
        }
    }
    shape
}

/// What is in `source` and not in `translated`, and the other way round,
/// counting repeats.
/// Linear in the lists' lengths: a file from outside may hold many.
fn difference(source: &[String], translated: &[String]) -> (Vec<String>, Vec<String>) {
    let mut left: HashMap<&str, usize> = HashMap::new();
    for link in translated {
        *left.entry(link).or_default() += 1;
    }
    let mut missing = Vec::new();
    for link in source {
        match left.get_mut(link.as_str()) {
            Some(count) if *count > 0 => *count -= 1,
            _ => missing.push(link.clone()),
        }
    }
    let mut extra = Vec::new();
    for link in translated {
        if let Some(count) = left.get_mut(link.as_str())
            && *count > 0
        {
            *count -= 1;
            extra.push(link.clone());
        }
    }
    (missing, extra)
}

fn sorted(mut list: Vec<String>) -> Vec<String> {
    list.sort();
    list
}

fn models(marks: &[String]) -> String {
    if marks.is_empty() {
        "every model".to_owned()
    } else {
        format!("`[{}]`", marks.join(", "))
    }
}

fn listed(lead: &str, links: &[String]) -> String {
    if links.is_empty() {
        return String::new();
    }
    let links: Vec<String> = links.iter().map(|l| format!("`{l}`")).collect();
    format!("{lead}{}", links.join(", "))
}
