//! Lowering: top-level Markdown blocks to a draft guide.
//!
//! This file reads the document's frame (front matter, title, summary, the
//! `##` blocks and their kinds); `blocks.rs` reads the inside of each kind.

use super::front_matter::{self, FrontMatter};
use super::markdown::{self, Block, InlineKind, Inlines};
use crate::diagnostic::{Code, Diagnostic};
use crate::link::LinkTarget;
use crate::model::{self, Guide, Id, Text, is_valid_id};
use crate::source::Span;
use std::collections::{BTreeMap, HashSet};

/// A guide as read, before the checks, and the `#id` links of its prose.
#[derive(Debug)]
pub(crate) struct Draft {
    /// The guide, with placeholders where required parts were missing.
    pub(crate) guide: Guide,
    /// Links `[…](#id)` in prose, which must name an anchor.
    pub(crate) links: Vec<Id>,
    /// Ids of blocks that were not read (their kind was unknown): references
    /// to them are not reported again.
    pub(crate) unread: HashSet<String>,
}

/// The kinds of `##` block, as named by their class.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Needs,
    Triage,
    Section,
    Question,
    Outcome,
    GetHelp,
    Verification,
    Ladder,
    Capture,
    Faq,
    /// `## [Title](path.md) {.include}`: the `##` blocks of a shared file.
    Include,
    /// "Which model do you have?": the models whose steps differ.
    Variants,
}

pub(crate) const KINDS: [(&str, Kind); 12] = [
    ("needs", Kind::Needs),
    ("triage", Kind::Triage),
    ("section", Kind::Section),
    ("question", Kind::Question),
    ("outcome", Kind::Outcome),
    ("get-help", Kind::GetHelp),
    ("verification", Kind::Verification),
    ("ladder", Kind::Ladder),
    ("capture", Kind::Capture),
    ("faq", Kind::Faq),
    ("include", Kind::Include),
    ("variants", Kind::Variants),
];

/// Outcome classes, which also mark a block as an outcome.
pub(crate) const OUTCOME_KINDS: [(&str, model::OutcomeKind); 2] = [
    ("resolved", model::OutcomeKind::Resolved),
    ("escalate", model::OutcomeKind::Escalate),
];

impl Kind {
    pub(super) fn name(self) -> &'static str {
        KINDS
            .iter()
            .find(|(_, kind)| *kind == self)
            .map_or("block", |(name, _)| name)
    }

    /// Whether blocks of this kind must carry an explicit `{#id}`.
    fn needs_id(self) -> bool {
        matches!(self, Kind::Section | Kind::Question | Kind::Outcome)
    }
}

/// A `##` heading and the blocks under it.
pub(super) struct Chapter<'b> {
    pub(super) kind: Kind,
    pub(super) outcome_kind: Option<model::OutcomeKind>,
    pub(super) id: Id,
    pub(super) title: Text,
    pub(super) heading: Span,
    /// The heading's inline content (an include's link is in it).
    pub(super) heading_content: &'b Inlines,
    pub(super) body: &'b [Block],
}

/// Reads `text` into a draft guide. Returns no draft when the text is not a
/// guide at all (no front matter); diagnostics say why.
///
/// The guide's own file is `text[..own]`; shared files it includes follow,
/// at the starts given in `included` (by path as written in the guide).
/// Their blocks take the place of the `.include` heading naming them.
pub(crate) fn lower(
    text: &str,
    own: usize,
    included: &[(String, usize)],
) -> (Option<Draft>, Vec<Diagnostic>) {
    let blocks = super::lazy::fields_under_lists(text, markdown::blocks(text));
    let blocks = splice(blocks, own, included);
    let mut lowerer = Lowerer {
        text,
        own,
        diagnostics: Vec::new(),
        links: BTreeMap::new(),
        unread: HashSet::new(),
    };
    // YAML front matter is one error; the rest is still read for its own.
    let mut after_yaml = 0;
    if let Some((end, diagnostic)) = front_matter::yaml(text) {
        after_yaml = end;
        lowerer.report(diagnostic);
    }
    for block in blocks.iter().filter(|b| b.span().start >= after_yaml) {
        lowerer.scan(block);
    }
    if after_yaml > 0 {
        return (None, lowerer.diagnostics);
    }
    let draft = lowerer.document(&blocks);
    (draft, lowerer.diagnostics)
}

/// The shared files a guide's text asks for: each `.include` heading's
/// link destination and where it stands, in order.
pub(crate) fn include_requests(text: &str) -> Vec<(String, Span)> {
    markdown::blocks(text)
        .iter()
        .filter_map(|block| include_target(block).map(|(path, span)| (path.to_owned(), span)))
        .collect()
}

/// The path and link span of an `.include` heading.
fn include_target(block: &Block) -> Option<(&str, Span)> {
    let Block::Heading {
        level: 2,
        classes,
        content,
        ..
    } = block
    else {
        return None;
    };
    if !classes.iter().any(|c| c == "include") {
        return None;
    }
    first_link(content)
}

/// The destination and span of the first link in `content`.
pub(super) fn first_link(content: &Inlines) -> Option<(&str, Span)> {
    content.parts.iter().find_map(|part| match &part.kind {
        InlineKind::Link { dest } => Some((dest.as_str(), part.span.clone())),
        _ => None,
    })
}

/// Puts each shared file's blocks after the `.include` heading naming it
/// (and after whatever stands under that heading, which is reported).
fn splice(blocks: Vec<Block>, own: usize, included: &[(String, usize)]) -> Vec<Block> {
    if included.is_empty() {
        return blocks;
    }
    let (own_blocks, mut shared): (Vec<Block>, Vec<Block>) =
        blocks.into_iter().partition(|b| b.span().start < own);
    // The blocks of each shared file, by its path.
    let mut by_path: Vec<(String, Vec<Block>)> = Vec::new();
    for (path, start) in included.iter().rev() {
        let at = shared.partition_point(|b| b.span().start < *start);
        by_path.push((path.clone(), shared.split_off(at)));
    }
    let mut out = Vec::with_capacity(own_blocks.len());
    let mut pending: Option<Vec<Block>> = None;
    for block in own_blocks {
        if matches!(block, Block::Heading { level: 1 | 2, .. })
            && let Some(blocks) = pending.take()
        {
            out.extend(blocks);
        }
        if let Some((path, _)) = include_target(&block) {
            pending = by_path
                .iter_mut()
                .find(|(p, _)| p == path)
                .map(|(_, blocks)| std::mem::take(blocks));
        }
        out.push(block);
    }
    out.extend(pending.into_iter().flatten());
    out
}

/// The state of one lowering run.
pub(super) struct Lowerer<'t> {
    pub(super) text: &'t str,
    /// Where the guide's own file ends and the shared files begin.
    pub(super) own: usize,
    pub(super) diagnostics: Vec<Diagnostic>,
    /// Every `#id` link by the start of its span; structural references
    /// (answer targets, triage entries, …) are taken out as they are read.
    links: BTreeMap<usize, Id>,
    unread: HashSet<String>,
}

impl<'t> Lowerer<'t> {
    pub(super) fn report(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    /// Text at `span`, reporting it when empty.
    pub(super) fn text(&mut self, span: Span, what: &str) -> Text {
        let span = super::fields::trim(self.text, span);
        if span.is_empty() {
            self.report(
                Diagnostic::error(Code::EmptyText, span.clone(), format!("{what} is empty"))
                    .with_label("nothing here")
                    .with_hint("write the text, or remove the empty part"),
            );
        }
        Text::new(self.written(span.clone()), span)
    }

    /// The author's Markdown at `span`, with Windows line ends (`\r\n`)
    /// read as `\n`: a guide reads the same however it was saved.
    pub(super) fn written(&self, span: Span) -> String {
        let raw = &self.text[span];
        if raw.contains('\r') {
            raw.replace("\r\n", "\n")
        } else {
            raw.to_owned()
        }
    }

    /// Text of an inline run, reporting it when empty. `at` is the whole
    /// element (a list item, a heading), pointed at when it has no text.
    pub(super) fn inline_text(&mut self, content: &Inlines, at: Span, what: &str) -> Text {
        match content.span() {
            Some(span) => self.text(span, what),
            None => {
                self.text(at.end..at.end, what);
                if let Some(last) = self.diagnostics.last_mut() {
                    last.span = at.clone();
                }
                Text::new("", at)
            }
        }
    }

    /// Block-level Markdown from the first to the last of `blocks`.
    pub(super) fn blocks_text(&mut self, blocks: &[Block]) -> Option<Text> {
        let span = blocks.first()?.span().start..blocks.last()?.span().end;
        Some(self.markdown_at(span))
    }

    /// The Markdown at `span`, white space around it left out.
    pub(super) fn markdown_at(&self, span: Span) -> Text {
        let span = super::fields::trim(self.text, span);
        Text::new(self.written(span.clone()), span)
    }

    /// Takes the `#id` link at `span` out of the prose links: it is a
    /// structural reference, checked for its kind rather than as a link.
    pub(super) fn take_link(&mut self, span: &Span) {
        self.links.remove(&span.start);
    }

    /// An id checked for form, reporting a malformed one.
    pub(super) fn id(&mut self, value: String, span: Span, what: &str) -> Id {
        if !is_valid_id(&value) {
            let suggestion = super::fields::slug(&value);
            let mut diagnostic = Diagnostic::error(
                Code::InvalidId,
                span.clone(),
                format!("`{value}` is not a valid {what} id"),
            )
            .with_label("invalid id");
            diagnostic = if suggestion.is_empty() {
                diagnostic
                    .with_hint("ids use lowercase letters, digits and dashes, e.g. `check-battery`")
            } else {
                diagnostic.with_hint(format!(
                    "ids use lowercase letters, digits and dashes: try `{suggestion}`"
                ))
            };
            self.report(diagnostic);
        }
        Id::new(value, span)
    }

    /// First pass over every block: Markdown guides do not allow, and links.
    fn scan(&mut self, block: &Block) {
        let scan_inlines = |this: &mut Self, content: &Inlines, heading: bool| {
            for part in &content.parts {
                match &part.kind {
                    InlineKind::Unsupported(what) => {
                        this.report(unsupported(what, part.span.clone()))
                    }
                    InlineKind::Link { .. } if heading => {
                        this.report(link_in_heading(part.span.clone()))
                    }
                    InlineKind::Link { dest } => this.link(dest, part.span.clone()),
                    _ => {}
                }
            }
        };
        match block {
            // Its link names a file, checked when the file is read.
            block if include_target(block).is_some() => {}
            Block::Heading { content, .. } => scan_inlines(self, content, true),
            Block::Paragraph { content, .. } => scan_inlines(self, content, false),
            Block::List { items, .. } => {
                for item in items {
                    scan_inlines(self, &item.content, false);
                    if let Some((what, span)) = &item.extra {
                        self.report(
                            Diagnostic::error(
                                Code::UnexpectedContent,
                                span.clone(),
                                format!("a list item in a guide holds one paragraph, not {what}"),
                            )
                            .with_label("not allowed inside a list item")
                            .with_hint("make it a separate item, or move it out of the list"),
                        );
                    }
                }
            }
            Block::Other { what, span } => self.report(unsupported(what, span.clone())),
            Block::FrontMatter { .. } => {}
        }
    }

    fn link(&mut self, dest: &str, span: Span) {
        match LinkTarget::of(dest) {
            Some(LinkTarget::InGuide(id)) => {
                let at = super::fields::link_id_span(self.text, &span, id);
                self.links.insert(span.start, Id::new(id, at));
            }
            Some(LinkTarget::Outside(_)) => {}
            None => self.report(
                Diagnostic::error(
                    Code::UnknownTarget,
                    span,
                    format!("`{dest}` is neither an id in this guide nor a web address"),
                )
                .with_label("link target")
                .with_hint(
                    "link to a part of this guide with `#id` (e.g. `(#check-battery)`) \
                     or to a page with a full `https://` address",
                ),
            ),
        }
    }

    /// The whole document: front matter, title and summary, then blocks.
    fn document(&mut self, blocks: &[Block]) -> Option<Draft> {
        let Some(Block::FrontMatter { text: inner, .. }) = blocks.first() else {
            let at = blocks.first().map_or(0, |b| b.span().start);
            let diagnostic = front_matter::not_taken(self.text, at).unwrap_or_else(|| {
                Diagnostic::error(
                    Code::MissingFrontMatter,
                    at..at,
                    "this file does not start with `+++` front matter",
                )
                .with_label("expected `+++` here")
                .with_hint(
                    "a guide starts with its id in TOML front matter:\n+++\nid = \"smart-lock\"\n+++",
                )
            });
            self.report(diagnostic);
            return None;
        };
        let opening = blocks[0].span().start..blocks[0].span().start + 3;
        let front = match front_matter::parse(&self.text[inner.clone()], inner.clone(), opening) {
            Ok(front) => Some(front),
            Err(diagnostic) => {
                self.report(diagnostic);
                None
            }
        };
        let end_of_front = blocks[0].span().end;
        let rest = &blocks[1..];
        let (title, summary, rest) = self.title_and_summary(rest, end_of_front);
        let mut guide = self.guide_frame(front.as_ref(), title, summary);
        for chapter in self.chapters(rest) {
            self.chapter(&mut guide, chapter);
        }
        if let Some(start) = front.as_ref().and_then(|f| f.start.as_ref()) {
            guide.start = self.id(start.get_ref().clone(), start.span(), "question");
        } else if let Some(first) = guide.questions.first() {
            guide.start = first.id.clone();
        }
        guide.build_index();
        let links = std::mem::take(&mut self.links).into_values().collect();
        let unread = std::mem::take(&mut self.unread);
        Some(Draft {
            guide,
            links,
            unread,
        })
    }

    /// The `#` title and the paragraphs under it.
    fn title_and_summary<'b>(
        &mut self,
        blocks: &'b [Block],
        after: usize,
    ) -> (Text, Text, &'b [Block]) {
        let Some(Block::Heading {
            level: 1,
            content,
            span,
            ..
        }) = blocks.first()
        else {
            let at = blocks.first().map_or(after..after, Block::span);
            self.report(
                Diagnostic::error(Code::MissingPart, at, "the guide has no title")
                    .with_label("expected a `# Title` heading here")
                    .with_hint(
                        "after the front matter, write the title as `# Fix a smart lock that will not open` \
                         and a one-paragraph summary under it",
                    ),
            );
            // Paragraphs here are the summary of the missing title.
            let summary = blocks
                .iter()
                .take_while(|b| matches!(b, Block::Paragraph { .. }))
                .count();
            let empty = || Text::new("", after..after);
            return (empty(), empty(), &blocks[summary..]);
        };
        let title = self.inline_text(content, span.clone(), "the title");
        let count = blocks[1..]
            .iter()
            .take_while(|b| matches!(b, Block::Paragraph { .. }))
            .count();
        let summary = match self.blocks_text(&blocks[1..1 + count]) {
            Some(summary) => summary,
            None => {
                self.report(
                    Diagnostic::error(Code::MissingPart, span.clone(), "the guide has no summary")
                        .with_label("expected a paragraph under this title")
                        .with_hint("write one or two sentences under the title that say what the guide does"),
                );
                Text::new("", span.end..span.end)
            }
        };
        (title, summary, &blocks[1 + count..])
    }

    fn guide_frame(&mut self, front: Option<&FrontMatter>, title: Text, summary: Text) -> Guide {
        let id = match front {
            Some(front) => self.id(front.id.get_ref().clone(), front.id.span(), "guide"),
            None => Id::new("", 0..0),
        };
        let lang = match front.and_then(|f| f.lang.as_ref()) {
            None => "en".to_owned(),
            Some(lang) if model::is_language_tag(lang.get_ref()) => lang.get_ref().clone(),
            Some(lang) => {
                // It names the guide's pages' language and their addresses.
                self.report(
                    Diagnostic::error(
                        Code::InvalidFrontMatter,
                        lang.span(),
                        format!("`{}` is not a language tag", lang.get_ref()),
                    )
                    .with_label("not a language")
                    .with_hint("write a BCP 47 tag such as `en`, `de` or `pt-BR`"),
                );
                "en".to_owned()
            }
        };
        let reviewed = front
            .and_then(|f| f.reviewed.as_ref())
            .and_then(|reviewed| {
                let span = reviewed.span();
                let reviewed = reviewed.get_ref();
                match (reviewed.on.date, reviewed.on.time) {
                    (Some(date), None) => Some(model::Review {
                        by: reviewed.by.clone(),
                        on: date.to_string(),
                    }),
                    _ => {
                        self.report(
                            Diagnostic::error(
                                Code::InvalidFrontMatter,
                                span,
                                "the review date must be a plain date",
                            )
                            .with_label("in this table")
                            .with_hint("write `on = 2026-11-20`, without a time"),
                        );
                        None
                    }
                }
            });
        Guide {
            id,
            lang,
            translated_from: None,
            title,
            summary,
            reviewed,
            start: Id::new("", 0..0),
            needs: None,
            triage: None,
            sections: Vec::new(),
            questions: Vec::new(),
            outcomes: Vec::new(),
            get_help: None,
            verification: None,
            ladder: None,
            capture: None,
            faq: None,
            variants: None,
            version: fingerprint(self.text),
            index: Default::default(),
        }
    }

    /// Groups the blocks under each `##` heading; reports what stands outside.
    fn chapters<'b>(&mut self, blocks: &'b [Block]) -> Vec<Chapter<'b>> {
        let mut chapters = Vec::new();
        let mut index = 0;
        while index < blocks.len() {
            let block = &blocks[index];
            let Block::Heading {
                level: 2,
                id,
                classes,
                attributes,
                content,
                span,
            } = block
            else {
                self.report_outside(block);
                index += 1;
                continue;
            };
            let (mut id, mut classes) = (id.clone(), classes.clone());
            self.attributes(span, attributes, &mut id, &mut classes);
            let end = blocks[index + 1..]
                .iter()
                .position(|b| matches!(b, Block::Heading { level: 1 | 2, .. }))
                .map_or(blocks.len(), |n| index + 1 + n);
            let body = &blocks[index + 1..end];
            index = end;
            let title = self.inline_text(content, span.clone(), "the heading");
            if classes.is_empty()
                && id.is_none()
                && let Some(open) = super::fields::unclosed_attributes(self.text, span.clone())
            {
                self.unclosed_attributes(open);
                continue;
            }
            let Some((kind, outcome_kind)) = self.kind(&classes, span) else {
                self.unread.extend(id.iter().map(|(id, _)| id.clone()));
                continue;
            };
            {
                let id = self.chapter_id(kind, id, span, &title);
                chapters.push(Chapter {
                    kind,
                    outcome_kind,
                    id,
                    title,
                    heading: span.clone(),
                    heading_content: content,
                    body,
                });
            }
        }
        chapters
    }

    /// Reports the attributes of a `##` heading's `{…}` that are neither
    /// its `#id` nor a `.kind`. A bare word that is an id (the heading has
    /// none) or a kind's name is taken as the `#id` or `.kind` it was
    /// surely meant to be, so the block is still read.
    fn attributes(
        &mut self,
        heading: &Span,
        attributes: &[(String, Option<String>)],
        id: &mut Option<(String, Span)>,
        classes: &mut Vec<String>,
    ) {
        let braces = self.text[heading.clone()]
            .rfind('{')
            .map_or(heading.start, |i| heading.start + i);
        // From where the attribute's name stands to the next space or `}`.
        let at = |name: &str| {
            let tail = &self.text[braces..heading.end];
            let Some(start) = tail.find(name) else {
                return heading.clone();
            };
            let len = tail[start..].find([' ', '}']).unwrap_or(tail.len() - start);
            braces + start..braces + start + len
        };
        let mut stray = Vec::new();
        for (name, value) in attributes {
            let span = at(name);
            let is_kind = (KINDS.iter().map(|(k, _)| *k))
                .chain(OUTCOME_KINDS.iter().map(|(k, _)| *k))
                .any(|k| k == name);
            match value {
                None if is_kind => classes.push(name.clone()),
                None if id.is_none() && is_valid_id(name) => {
                    *id = Some((name.clone(), span.clone()))
                }
                _ => {}
            }
            let label = match value {
                None => "expected `#` or `.` before it",
                Some(_) => "guides do not use attributes with values",
            };
            stray.push((&self.text[span.clone()], span, label));
        }
        let meant: Vec<String> = (id.iter().map(|(id, _)| format!("#{id}")))
            .chain(classes.iter().map(|class| format!(".{class}")))
            .collect();
        let hint = match meant.as_slice() {
            [] => "a heading's `{…}` holds its `#id` and its `.kind`, e.g. \
                   `{#check-battery .section}`"
                .to_owned(),
            meant => format!("did you mean `{{{}}}`?", meant.join(" ")),
        };
        for (written, span, label) in stray {
            let message =
                format!("`{written}` in a heading's `{{…}}` is neither an `#id` nor a `.kind`");
            self.report(
                Diagnostic::error(Code::UnexpectedContent, span, message)
                    .with_label(label)
                    .with_hint(hint.clone()),
            );
        }
    }

    /// Reports a heading's `{…}` that no `}` closes, at `open`; the id in
    /// it is taken as unread, so references to it are not reported too.
    fn unclosed_attributes(&mut self, open: Span) {
        let written = &self.text[open.clone()];
        let id = written[1..]
            .split(' ')
            .find_map(|word| word.strip_prefix('#'))
            .filter(|id| !id.is_empty());
        self.unread.extend(id.map(str::to_owned));
        let hint = format!("end them with `}}`: `{written}}}`");
        self.report(
            Diagnostic::error(Code::UnknownBlockKind, open, "`{` is not closed")
                .with_label("the heading's attributes start here")
                .with_hint(hint),
        );
    }

    fn report_outside(&mut self, block: &Block) {
        let diagnostic = match block {
            Block::Heading { level: 1, span, .. } => Diagnostic::error(
                Code::UnexpectedContent,
                span.clone(),
                "a guide has one `#` title",
            )
            .with_label("second title")
            .with_hint("start blocks with `##`, e.g. `## Check battery {#check-battery .section}`"),
            Block::Heading { span, .. } => Diagnostic::error(
                Code::UnexpectedContent,
                span.clone(),
                "this heading is not inside a block",
            )
            .with_label("sub-heading outside a `##` block")
            .with_hint("only FAQ questions use `###`; start other blocks with `##`"),
            // Already reported by the first pass.
            Block::Other { .. } | Block::FrontMatter { .. } => return,
            block => Diagnostic::error(
                Code::UnexpectedContent,
                block.span(),
                "this text is not inside a block",
            )
            .with_label("outside any `##` block")
            .with_hint("the summary is the paragraphs right under the title; put other text under a `##` heading"),
        };
        self.report(diagnostic);
    }

    /// The block kind named by a heading's classes.
    fn kind(
        &mut self,
        classes: &[String],
        heading: &Span,
    ) -> Option<(Kind, Option<model::OutcomeKind>)> {
        let mut kinds = Vec::new();
        let mut outcome_kind = None;
        for class in classes {
            if let Some((_, kind)) = OUTCOME_KINDS.iter().find(|(name, _)| name == class) {
                outcome_kind = Some(*kind);
                if !kinds.contains(&Kind::Outcome) {
                    kinds.push(Kind::Outcome);
                }
            } else if let Some((_, kind)) = KINDS.iter().find(|(name, _)| name == class) {
                if !kinds.contains(kind) {
                    kinds.push(*kind);
                }
            } else {
                let names = KINDS
                    .iter()
                    .map(|(name, _)| *name)
                    .chain(OUTCOME_KINDS.iter().map(|(n, _)| *n));
                let hint = match crate::check::closest(class, names) {
                    Some(best) => format!("did you mean `.{best}`?"),
                    None => KIND_LIST_HINT.to_owned(),
                };
                self.report(
                    Diagnostic::error(
                        Code::UnknownBlockKind,
                        heading.clone(),
                        format!("`.{class}` is not a kind of block"),
                    )
                    .with_label("unknown class")
                    .with_hint(hint),
                );
                return None;
            }
        }
        match kinds.as_slice() {
            [kind] => {
                if *kind == Kind::Outcome && outcome_kind.is_none() {
                    self.report(
                        Diagnostic::error(Code::MissingPart, heading.clone(), "this outcome does not say its kind")
                            .with_label("add `.resolved` or `.escalate`")
                            .with_hint("`.resolved` when the problem is fixed, `.escalate` when it is time to call someone"),
                    );
                }
                Some((*kind, outcome_kind))
            }
            [] => {
                self.report(
                    Diagnostic::error(
                        Code::UnknownBlockKind,
                        heading.clone(),
                        "this heading does not say what kind of block it starts",
                    )
                    .with_label("no kind")
                    .with_hint(KIND_LIST_HINT),
                );
                None
            }
            [first, second, ..] => {
                self.report(
                    Diagnostic::error(
                        Code::UnknownBlockKind,
                        heading.clone(),
                        format!(
                            "this heading names two kinds of block, `.{}` and `.{}`",
                            first.name(),
                            second.name()
                        ),
                    )
                    .with_label("two kinds")
                    .with_hint("keep one kind per block"),
                );
                None
            }
        }
    }

    fn chapter_id(
        &mut self,
        kind: Kind,
        id: Option<(String, Span)>,
        heading: &Span,
        title: &Text,
    ) -> Id {
        match id {
            Some((value, span)) => self.id(value, span, kind.name()),
            None if kind.needs_id() => {
                let slug = super::fields::slug(&title.plain());
                self.report(
                    Diagnostic::error(
                        Code::MissingPart,
                        heading.clone(),
                        format!("this {} has no id", kind.name()),
                    )
                    .with_label("expected `{#id …}` at the end of the heading")
                    .with_hint(format!(
                        "ids keep links and saved answers stable: `{{#{} .{}}}`",
                        if slug.is_empty() { "an-id" } else { &slug },
                        kind.name()
                    )),
                );
                Id::new(slug, heading.clone())
            }
            None => Id::new(kind.name(), heading.clone()),
        }
    }
}

const KIND_LIST_HINT: &str = "end the heading with its id and kind, e.g. `## Check battery {#check-battery .section}`; \
     kinds: needs, triage, section, question, outcome (with resolved or escalate), get-help, verification, ladder, capture, faq, variants, include";

fn unsupported(what: &str, span: Span) -> Diagnostic {
    let hint = match what {
        "a table" => {
            "write the rows as a list, a row an item: `- Red light: the lock is offline`; \
             pages keep to text that reads well on any screen"
        }
        _ => {
            "guides keep to headings, paragraphs, flat lists, emphasis, `code` and links; \
             pages show text only, escaped"
        }
    };
    Diagnostic::error(
        Code::UnsupportedMarkdown,
        span,
        format!("guides do not use {what}"),
    )
    .with_label("not allowed in a guide")
    .with_hint(hint)
}

/// A link in a heading, which pages show as a title (and the steps list
/// as a link to the part): a link inside would nest one link in another.
fn link_in_heading(span: Span) -> Diagnostic {
    Diagnostic::error(
        Code::UnsupportedMarkdown,
        span,
        "a heading cannot hold a link: pages show its words as a title, and as a link to the part",
    )
    .with_label("link in a heading")
    .with_hint("put the link in the text under the heading")
}

/// A 64-bit FNV-1a hash of the source, as 16 hex digits: the guide's
/// version. Windows line ends (`\r\n`) count as `\n`: saving a guide on
/// another system does not make it a new version.
fn fingerprint(text: &str) -> String {
    let mut lines = text.split("\r\n");
    let first = lines.next().unwrap_or_default();
    let hash = lines.fold(
        model::fnv1a(model::FNV_OFFSET, first.as_bytes()),
        |hash, line| model::fnv1a(model::fnv1a(hash, b"\n"), line.as_bytes()),
    );
    format!("{hash:016x}")
}
