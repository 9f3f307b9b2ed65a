//! Lowering the inside of each kind of `##` block.

use super::fields::{self, Field, HELP_KEYS, OUTCOME_KEYS, QUESTION_KEYS, SECTION_KEYS};
use super::lower::{Chapter, Kind, Lowerer};
use super::markdown::{Block, InlineKind, Inlines, Item};
use crate::diagnostic::{Code, Diagnostic};
use crate::model::{
    Answer, Capture, Checklist, Fact, Faq, FaqEntry, GetHelp, Guide, HelpPart, Id, LinkEntry,
    LinkList, Outcome, OutcomeKind, Question, ResultKind, Section, StepResult, Text,
};
use crate::model::{Variant, Variants};
use crate::source::Span;

/// How far the shares of all of a question's answers may be from 100 %.
const SHARE_TOLERANCE: f64 = 1.0;

impl Lowerer<'_> {
    /// Reads one `##` block into its place in `guide`.
    pub(super) fn chapter(&mut self, guide: &mut Guide, chapter: Chapter<'_>) {
        match chapter.kind {
            Kind::Section => guide.sections.push(self.section(chapter)),
            Kind::Question => guide.questions.push(self.question(chapter)),
            Kind::Outcome => guide.outcomes.push(self.outcome(chapter)),
            Kind::Needs => self.single(&mut guide.needs, Self::checklist, |b| &b.id, chapter),
            Kind::Verification => {
                self.single(&mut guide.verification, Self::checklist, |b| &b.id, chapter)
            }
            Kind::Triage => self.single(&mut guide.triage, Self::triage, |b| &b.id, chapter),
            Kind::GetHelp => self.single(&mut guide.get_help, Self::get_help, |b| &b.id, chapter),
            Kind::Ladder => self.single(&mut guide.ladder, Self::ladder, |b| &b.id, chapter),
            Kind::Capture => self.single(&mut guide.capture, Self::capture, |b| &b.id, chapter),
            Kind::Faq => self.single(&mut guide.faq, Self::faq, |b| &b.id, chapter),
            Kind::Include => self.include(chapter),
            Kind::Variants => self.single(&mut guide.variants, Self::variants, |b| &b.id, chapter),
        }
    }

    /// The models: a list of `Name {#id}`.
    fn variants(&mut self, chapter: Chapter<'_>) -> Variants {
        let (intro, list) = self.intro_and_list(&chapter, "models");
        let mut entries = Vec::new();
        for item in list {
            let Some(labelled) = self.labelled_item(item, "model") else {
                continue;
            };
            for class in &labelled.classes {
                self.report(
                    Diagnostic::error(
                        Code::UnexpectedContent,
                        labelled.trailer.clone(),
                        format!("`.{class}` means nothing on a model"),
                    )
                    .with_label("unknown class")
                    .with_hint("a model takes only its id: `- Acme Pro {#pro}`"),
                );
            }
            entries.push(Variant {
                id: labelled.id,
                label: labelled.label,
            });
        }
        if entries.len() == 1 {
            self.report(
                Diagnostic::error(
                    Code::MissingPart,
                    chapter.heading.clone(),
                    "a guide with variants covers at least two models",
                )
                .with_label("one model only")
                .with_hint("add the other models, or remove this block and the `[model]` marks"),
            );
        }
        Variants {
            id: chapter.id,
            title: chapter.title,
            intro,
            entries,
        }
    }

    /// An item `Label {#id .class…}`: its label, its id (made from the
    /// label when not given) and its classes; `None` for an empty item,
    /// which is reported.
    fn labelled_item(&mut self, item: &Item, what: &str) -> Option<Labelled> {
        let this = format!("this {what}");
        let Some(content) = item.content.span() else {
            self.text(item.span.end..item.span.end, &this);
            return None;
        };
        let (label_span, trailer) = fields::trailer(self.text, content);
        let label = self.text(label_span, &this);
        let id = match trailer.id {
            Some((id, span)) => self.id(id, span, what),
            None => Id::new(fields::slug(&label.plain()), label.span()),
        };
        Some(Labelled {
            label,
            id,
            classes: trailer.classes,
            trailer: trailer.span.unwrap_or(item.span.clone()),
        })
    }

    /// A list item that may start with the models it is for:
    /// `- [pro, mini] Replace the batteries.`
    fn item(&mut self, item: &Item, what: &str) -> Text {
        let text = self.inline_text(&item.content, item.span.clone(), what);
        let span = text.span();
        let Some((models, rest)) = variant_marks(&self.text[span.clone()]) else {
            return text;
        };
        let only = models
            .into_iter()
            .map(|(id, at)| Id::new(id, span.start + at.start..span.start + at.end))
            .collect();
        self.text(span.start + rest..span.end, what)
            .for_variants(only)
    }

    /// An `.include` heading stands alone; the shared file's blocks follow
    /// it. Reports text under it, and a shared file that includes another.
    fn include(&mut self, chapter: Chapter<'_>) {
        if chapter.heading.start >= self.own {
            self.report(
                Diagnostic::error(
                    Code::UnexpectedContent,
                    chapter.heading,
                    "a shared file cannot include another",
                )
                .with_label("include inside a shared file")
                .with_hint("include both shared files from the guide itself"),
            );
            return;
        }
        if super::lower::first_link(chapter.heading_content).is_none() {
            self.report(
                Diagnostic::error(
                    Code::MissingPart,
                    chapter.heading.clone(),
                    "this include does not name a file",
                )
                .with_label("expected a link to the shared file")
                .with_hint(
                    "write the heading as a link to the file, relative to this guide: \
                     `## [Power-cycle the lock](_shared/power-cycle.md) {.include}`",
                ),
            );
        }
        for block in chapter.body {
            let rule = if block.span().start < self.own {
                "an `.include` heading stands alone: the shared file's blocks take its place"
            } else {
                "a shared file holds `##` blocks only (no front matter, title or text before its first `##`)"
            };
            self.unexpected(block, rule);
        }
    }

    /// Fills a block that a guide has at most once; reports a second one,
    /// which is read for its own problems but not kept.
    fn single<T>(
        &mut self,
        slot: &mut Option<T>,
        read: fn(&mut Self, Chapter<'_>) -> T,
        id: fn(&T) -> &Id,
        chapter: Chapter<'_>,
    ) {
        let (kind, heading) = (chapter.kind, chapter.heading.clone());
        let block = read(self, chapter);
        match slot {
            None => *slot = Some(block),
            Some(first) => {
                let first = id(first).span();
                self.report(
                    Diagnostic::error(
                        Code::UnexpectedContent,
                        heading,
                        format!("a guide has one `.{}` block", kind.name()),
                    )
                    .with_label("second block of this kind")
                    .with_note(first, "first one here")
                    .with_hint("merge the two blocks into one"),
                );
            }
        }
    }

    /// Intro paragraphs and one list; reports anything else.
    fn intro_and_list<'b>(
        &mut self,
        chapter: &Chapter<'b>,
        what: &str,
    ) -> (Option<Text>, &'b [Item]) {
        let body = chapter.body;
        let intro_len = body
            .iter()
            .take_while(|b| matches!(b, Block::Paragraph { .. }))
            .count();
        let intro = self.blocks_text(&body[..intro_len]);
        let mut items: &[Item] = &[];
        match body.get(intro_len) {
            Some(Block::List { items: list, .. }) => items = list,
            _ => self.report(
                Diagnostic::error(
                    Code::MissingPart,
                    chapter.heading.clone(),
                    format!("`{}` has no list of {what}", chapter.title.plain()),
                )
                .with_label("expected a list under this heading")
                .with_hint(format!("write the {what} as a list: `- …`")),
            ),
        }
        for extra in body.iter().skip(intro_len + 1) {
            self.unexpected(
                extra,
                &format!(
                    "`{}` holds intro paragraphs and one list",
                    chapter.title.plain()
                ),
            );
        }
        (intro, items)
    }

    fn unexpected(&mut self, block: &Block, rule: &str) {
        if matches!(block, Block::Other { .. }) {
            return; // Reported by the first pass.
        }
        self.unexpected_at(block.span(), rule);
    }

    fn unexpected_at(&mut self, span: Span, rule: &str) {
        self.report(
            Diagnostic::error(Code::UnexpectedContent, span, "this does not belong here")
                .with_label("unexpected")
                .with_hint(format!("{rule}; move this text or remove it")),
        );
    }

    fn checklist(&mut self, chapter: Chapter<'_>) -> Checklist {
        let (intro, list) = self.intro_and_list(&chapter, "items");
        let items = list
            .iter()
            .map(|item| self.item(item, "this item"))
            .collect();
        Checklist {
            id: chapter.id,
            title: chapter.title,
            intro,
            items,
        }
    }

    fn triage(&mut self, chapter: Chapter<'_>) -> LinkList {
        self.link_list(chapter, "triage entry", "battery-fixed")
    }

    fn ladder(&mut self, chapter: Chapter<'_>) -> LinkList {
        self.link_list(chapter, "ladder rung", "check-battery")
    }

    /// Intro paragraphs and a list of `[Label](#target) Description` entries.
    fn link_list(&mut self, chapter: Chapter<'_>, what: &str, example: &str) -> LinkList {
        let (intro, list) = self.intro_and_list(&chapter, "entries");
        let entries = list
            .iter()
            .filter_map(|item| self.entry(item, what, example))
            .collect();
        LinkList {
            id: chapter.id,
            title: chapter.title,
            intro,
            entries,
        }
    }

    /// `[Label](#target): description`, the shape of triage entries and rungs.
    fn entry(&mut self, item: &Item, what: &str, example: &str) -> Option<LinkEntry> {
        let first = item.content.parts.first();
        let Some((dest, link)) = first.and_then(|part| match &part.kind {
            InlineKind::Link { dest } if dest.starts_with('#') => {
                Some((dest[1..].to_owned(), part.span.clone()))
            }
            _ => None,
        }) else {
            self.report(
                Diagnostic::error(
                    Code::UnexpectedContent,
                    item.span.clone(),
                    format!("a {what} starts with a link to where it leads"),
                )
                .with_label("expected `[label](#id)` first")
                .with_hint(format!(
                    "write `- [Check battery](#{example}): what it is for`"
                )),
            );
            return None;
        };
        self.take_link(&link);
        let label = self.text(
            fields::link_label(self.text, &link),
            &format!("the {what}'s label"),
        );
        let target = self.id(
            dest.clone(),
            fields::link_id_span(self.text, &link, &dest),
            "target",
        );
        let end = item.content.span().map_or(link.end, |s| s.end);
        let rest = fields::trim(self.text, link.end..end);
        let separator = self.text[rest.clone()]
            .chars()
            .next()
            .filter(|c| matches!(c, ':' | '—' | '–' | '-'))
            .map_or(0, char::len_utf8);
        let description = self.text(
            rest.start + separator..rest.end,
            &format!("the {what}'s description"),
        );
        Some(LinkEntry {
            label,
            target,
            description,
        })
    }

    fn section(&mut self, chapter: Chapter<'_>) -> Section {
        let mut section = Section {
            id: chapter.id,
            title: chapter.title,
            goal: None,
            actions: Vec::new(),
            expect: Vec::new(),
            results: Vec::new(),
            caution: None,
            time: None,
        };
        for block in chapter.body {
            match block {
                Block::Paragraph { content, span } => {
                    let misspelled = self.misspelled_keys(content, &SECTION_KEYS, false);
                    let (prose, found) =
                        fields::paragraph(self.text, span.clone(), content, &SECTION_KEYS);
                    if let Some(prose) = prose.filter(|_| !misspelled) {
                        self.unexpected_at(
                            prose,
                            "a paragraph in a section starts with `Goal:`, `Expect:`, `Good:`, `Bad:` or `Caution:`, \
                             and actions go in a list (`- Do this.`)",
                        );
                    }
                    for field in found {
                        self.section_field(&mut section, &field);
                    }
                }
                Block::List { items, .. } if section.actions.is_empty() => {
                    for item in items {
                        self.misspelled_keys(&item.content, &SECTION_KEYS, true);
                    }
                    section.actions = items
                        .iter()
                        .map(|item| self.item(item, "this action"))
                        .collect();
                }
                block => {
                    self.unexpected(block, "a section holds its fields and one list of actions")
                }
            }
        }
        if section.actions.is_empty() {
            self.report(
                Diagnostic::error(
                    Code::MissingPart,
                    section.id.span(),
                    "this section has no actions",
                )
                .with_label("section without a list of actions")
                .with_hint("list what to do, in order: `- Open the battery compartment.`"),
            );
        }
        section
    }

    fn section_field(&mut self, section: &mut Section, field: &Field<'_>) {
        if field.key == "Time" {
            return self.time_field(&mut section.time, field);
        }
        let what = format!("the `{}:` text", field.key);
        let text = self.text(field.value.clone(), &what);
        let once = |slot: &Option<Text>| slot.as_ref().map(Text::span);
        match field.key {
            "Goal" => match once(&section.goal) {
                Some(first) => self.repeated_field(field, first),
                None => section.goal = Some(text),
            },
            "Caution" => match once(&section.caution) {
                Some(first) => self.repeated_field(field, first),
                None => section.caution = Some(text),
            },
            "Expect" => section.expect.push(text),
            key => {
                let targets: Vec<Id> = field
                    .parts
                    .iter()
                    .filter_map(|part| match &part.kind {
                        InlineKind::Link { dest } if dest.starts_with('#') => Some(Id::new(
                            &dest[1..],
                            fields::link_id_span(self.text, &part.span, &dest[1..]),
                        )),
                        _ => None,
                    })
                    .collect();
                if targets.is_empty() {
                    self.report(
                        Diagnostic::error(
                            Code::MissingPart,
                            field.key_span.clone(),
                            format!("this `{key}:` result does not say where to go next"),
                        )
                        .with_label("no link in this result")
                        .with_hint(
                            "link the next part: `Proceed to [Check battery](#check-battery).`",
                        ),
                    );
                }
                let kind = if key == "Good" {
                    ResultKind::Good
                } else {
                    ResultKind::Bad
                };
                section.results.push(StepResult {
                    kind,
                    text,
                    targets,
                });
            }
        }
    }

    /// Reports each line of `content` that starts with a misspelled key of
    /// `keys` (every line, or with `items` the lines after a list item's
    /// first); returns whether its first line does.
    fn misspelled_keys(&mut self, content: &Inlines, keys: &[&'static str], items: bool) -> bool {
        let first_line =
            (content.span()).map(|span| fields::line_text_start(self.text, span.start));
        let mut first_misspelled = false;
        for found in fields::misspelled_keys(self.text, content, keys, items) {
            first_misspelled |= Some(found.span.start) == first_line;
            let (written, key) = (found.written, found.key);
            self.report(
                Diagnostic::error(
                    Code::UnknownField,
                    found.span,
                    format!("`{written}:` is not a field; did you mean `{key}:`?"),
                )
                .with_label("not a field")
                .with_hint(format!(
                    "write `{key}:`; if the line is text and not a field, write `{written}\\:` \
                     so it is not taken for one"
                )),
            );
        }
        first_misspelled
    }

    /// A `Time:` field: a duration, given once.
    fn time_field(&mut self, slot: &mut Option<f64>, field: &Field<'_>) {
        if slot.is_some() {
            return self.report(
                Diagnostic::error(
                    Code::UnexpectedContent,
                    field.key_span.clone(),
                    "this part already has a `Time:`",
                )
                .with_label("second one")
                .with_hint("give one time: how long the step takes on average"),
            );
        }
        match fields::minutes(&self.text[field.value.clone()]) {
            Some(minutes) => *slot = Some(minutes),
            None => {
                let at = if field.value.is_empty() {
                    field.key_span.clone()
                } else {
                    field.value.clone()
                };
                self.report(
                    Diagnostic::error(Code::InvalidTime, at, "this is not a time")
                        .with_label("expected a number and a unit")
                        .with_hint("write minutes or hours: `Time: 5 min`, `Time: 1.5 hours`, `Time: 1 h 30 min`"),
                );
            }
        }
    }

    fn repeated_field(&mut self, field: &Field<'_>, first: Span) {
        self.report(
            Diagnostic::error(
                Code::UnexpectedContent,
                field.key_span.clone(),
                format!("this section already has a `{}:`", field.key),
            )
            .with_label("second one")
            .with_note(first, "first one here")
            .with_hint("merge the two into one"),
        );
    }

    fn question(&mut self, chapter: Chapter<'_>) -> Question {
        let mut question = Question {
            id: chapter.id,
            prompt: chapter.title,
            help: None,
            section: None,
            fills: Vec::new(),
            time: None,
            answers: Vec::new(),
        };
        let mut help: Vec<Span> = Vec::new();
        let mut answers_seen = false;
        for block in chapter.body {
            if let Block::Paragraph { content, .. } = block {
                self.misspelled_keys(content, &QUESTION_KEYS, false);
            }
            match block {
                Block::Paragraph { content, span } => {
                    let (prose, found) =
                        fields::paragraph(self.text, span.clone(), content, &QUESTION_KEYS);
                    help.extend(prose);
                    for field in found {
                        self.question_field(&mut question, &field);
                    }
                }
                Block::List { items, .. } if !answers_seen => {
                    answers_seen = true;
                    for item in items {
                        self.misspelled_keys(&item.content, &QUESTION_KEYS, true);
                    }
                    let answers: Vec<(Answer, Option<Span>)> =
                        items.iter().filter_map(|item| self.answer(item)).collect();
                    self.check_shares(&answers);
                    question.answers = answers.into_iter().map(|(answer, _)| answer).collect();
                }
                block => self.unexpected(block, "a question holds help paragraphs, `Section:`, `Fills:` and one list of answers"),
            }
        }
        if let [first, .., last] | [first @ last] = help.as_slice() {
            let span = fields::trim(self.text, first.start..last.end);
            // Help paragraphs separated by fields keep only their own text.
            let markdown = help
                .iter()
                .map(|span| self.written(span.clone()))
                .collect::<Vec<_>>()
                .join("\n\n");
            question.help = Some(Text::new(markdown, span));
        }
        question
    }

    fn question_field(&mut self, question: &mut Question, field: &Field<'_>) {
        if field.key == "Time" {
            return self.time_field(&mut question.time, field);
        }
        if field.value.is_empty() {
            self.text(field.value.clone(), &format!("the `{}:` field", field.key));
            return;
        }
        match field.key {
            "Section" => {
                if let Some(first) = &question.section {
                    let first = first.span();
                    return self.repeated_field(field, first);
                }
                if let Some((id, span)) =
                    fields::reference(self.text, field.parts, field.value.clone())
                {
                    self.take_link_at(field, &span);
                    question.section = Some(self.id(id, span, "section"));
                } else {
                    self.report(
                        Diagnostic::error(Code::UnexpectedContent, field.value.clone(), "`Section:` names one section")
                            .with_label("expected a section id")
                            .with_hint("write `Section: check-battery` or `Section: [Check battery](#check-battery)`"),
                    );
                }
            }
            _ => {
                let mut start = field.value.start;
                for piece in self.text[field.value.clone()].split(',') {
                    let span = fields::trim(self.text, start..start + piece.len());
                    start += piece.len() + 1;
                    if let Some((id, span)) = fields::reference(self.text, field.parts, span) {
                        self.take_link_at(field, &span);
                        let id = self.id(id, span, "fact");
                        question.fills.push(id);
                    }
                }
            }
        }
    }

    /// Takes the link whose id stands at `id_span` out of the prose links.
    fn take_link_at(&mut self, field: &Field<'_>, id_span: &Span) {
        if let Some(link) = field
            .parts
            .iter()
            .find(|p| p.span.start <= id_span.start && id_span.end <= p.span.end)
        {
            let span = link.span.clone();
            self.take_link(&span);
        }
    }

    /// Reports answer shares that cannot be right: more than 100 % (± 1)
    /// in all, or, when every answer has one, not 100 % (± 1).
    fn check_shares(&mut self, answers: &[(Answer, Option<Span>)]) {
        let given: Vec<(f64, Span)> = answers
            .iter()
            .filter_map(|(a, at)| Some((a.share?, at.clone()?)))
            .collect();
        let Some((_, first)) = given.first() else {
            return;
        };
        let sum: f64 = given.iter().map(|(share, _)| share).sum();
        let all = given.len() == answers.len();
        let wrong = if all {
            (sum - 100.0).abs() > SHARE_TOLERANCE
        } else {
            sum > 100.0 + SHARE_TOLERANCE
        };
        if wrong {
            self.report(
                Diagnostic::error(
                    Code::InvalidShare,
                    first.clone(),
                    format!("this question's answer shares add up to {sum:.0} %, not 100 %"),
                )
                .with_label("first share")
                .with_hint(if all {
                    "the shares of all answers say how often each is given: they add up to 100 % (± 1)"
                } else {
                    "answers without a share split what the others leave of 100 %"
                }),
            );
        }
    }

    fn answer(&mut self, item: &Item) -> Option<(Answer, Option<Span>)> {
        let content = item.content.span()?;
        let Some(arrow) = fields::arrow(self.text, &item.content.parts) else {
            self.report(
                Diagnostic::error(
                    Code::UnexpectedContent,
                    content,
                    "an answer says where it leads with `→`",
                )
                .with_label("no `→` in this answer")
                .with_hint("write `- Yes → next-question-id` (`->` works too)"),
            );
            return None;
        };
        for part in &item.content.parts {
            if part.span.end <= arrow.start && matches!(part.kind, InlineKind::Link { .. }) {
                let link = part.span.clone();
                self.take_link(&link);
                self.report(
                    Diagnostic::error(
                        Code::UnsupportedMarkdown,
                        link,
                        "an answer's words become a button: they cannot hold a link",
                    )
                    .with_label("link in an answer")
                    .with_hint("put the link in the question's help, the text under its heading"),
                );
            }
        }
        let (label_span, trailer) = fields::trailer(self.text, content.start..arrow.start);
        let (label_span, share) = match fields::share(self.text, label_span.clone()) {
            None => (label_span, None),
            Some((label, Ok(share), at)) => (label, Some((share, at))),
            Some((label, Err(()), at)) => {
                self.report(
                    Diagnostic::error(Code::InvalidShare, at, "this share is not a percentage")
                        .with_label("expected a number from 0 to 100")
                        .with_hint("write how often this answer is given: `- Yes (60%) → next`"),
                );
                (label, None)
            }
        };
        let label = self.text(label_span, "the answer's label");
        let id = match trailer.id {
            Some((id, span)) => self.id(id, span, "answer"),
            None => {
                let slug = fields::slug(&label.plain());
                if slug.is_empty() && !label.markdown().is_empty() {
                    self.report(
                        Diagnostic::error(
                            Code::InvalidId,
                            label.span(),
                            "this answer's label gives no id",
                        )
                        .with_label("no letters or digits to make an id from")
                        .with_hint("give the answer an id: `- Ja {#yes} → next-question`"),
                    );
                }
                Id::new(slug, label.span())
            }
        };
        let target_span = arrow.end..content.end;
        let Some((next, span)) =
            fields::reference(self.text, &item.content.parts, target_span.clone())
        else {
            self.report(
                Diagnostic::error(
                    Code::MissingPart,
                    fields::trim(self.text, target_span),
                    "this answer does not say where it leads",
                )
                .with_label("expected one question or outcome id after `→`")
                .with_hint("write `- Yes → next-question-id`"),
            );
            return None;
        };
        if let Some(link) = item
            .content
            .parts
            .iter()
            .find(|p| p.span.start >= arrow.end)
        {
            let link = link.span.clone();
            self.take_link(&link);
        }
        let next = self.id(next, span, "target");
        let (share, share_at) = share.unzip();
        Some((
            Answer {
                id,
                label,
                next,
                share,
            },
            share_at,
        ))
    }

    /// An outcome: its text, and a `Time:` paragraph first or last (what
    /// calling the professional costs).
    fn outcome<'b>(&mut self, chapter: Chapter<'b>) -> Outcome {
        let body = chapter.body;
        let text = self.text;
        let mut time = None;
        // Only the first and last paragraphs may hold the time.
        for block in [body.first(), body.last()].into_iter().flatten() {
            if let Block::Paragraph { content, .. } = block {
                self.misspelled_keys(content, &OUTCOME_KEYS, false);
            }
        }
        let time_field = |block: Option<&'b Block>| match block {
            Some(Block::Paragraph { content, .. }) => fields::fields(text, content, &OUTCOME_KEYS),
            _ => None,
        };
        let (found, body) = if let Some(found) = time_field(body.first()) {
            (found, self.blocks_text(&body[1..]))
        } else if let Some(found) = time_field(body.last()) {
            (found, self.blocks_text(&body[..body.len() - 1]))
        } else if let Some(Block::Paragraph { content, span }) = body.last()
            && let (Some(prose), found) =
                fields::paragraph(text, span.clone(), content, &OUTCOME_KEYS)
            && !found.is_empty()
        {
            // The time written right under the last paragraph's text.
            (
                found,
                Some(self.markdown_at(body[0].span().start..prose.end)),
            )
        } else {
            (Vec::new(), self.blocks_text(body))
        };
        found
            .iter()
            .for_each(|field| self.time_field(&mut time, field));
        Outcome {
            id: chapter.id,
            kind: chapter.outcome_kind.unwrap_or(OutcomeKind::Escalate),
            title: chapter.title,
            body,
            time,
        }
    }

    fn get_help(&mut self, chapter: Chapter<'_>) -> GetHelp {
        let mut parts = Vec::new();
        let body = chapter.body;
        let mut index = 0;
        while index < body.len() {
            let block = &body[index];
            index += 1;
            let Block::Paragraph { content, .. } = block else {
                self.unexpected(
                    block,
                    "\"When to get help\" holds `Whom to call if:` paragraphs each followed by a list, \
                     `Warning:` paragraphs and notes",
                );
                continue;
            };
            self.misspelled_keys(content, &HELP_KEYS, false);
            if let Some(found) = fields::fields(self.text, content, &HELP_KEYS) {
                for field in found {
                    let text = self.text(field.value.clone(), "the warning");
                    parts.push(HelpPart::Warning { text });
                }
                continue;
            }
            let text = self.inline_text(content, block.span(), "this paragraph");
            match body.get(index) {
                Some(Block::List { items, .. }) => {
                    index += 1;
                    for item in items {
                        self.misspelled_keys(&item.content, &HELP_KEYS, true);
                    }
                    let conditions = items
                        .iter()
                        .map(|item| {
                            self.inline_text(&item.content, item.span.clone(), "this condition")
                        })
                        .collect();
                    parts.push(HelpPart::Contact {
                        who: text,
                        conditions,
                    });
                }
                _ => parts.push(HelpPart::Note { text }),
            }
        }
        GetHelp {
            id: chapter.id,
            title: chapter.title,
            parts,
        }
    }

    fn capture(&mut self, chapter: Chapter<'_>) -> Capture {
        let (intro, list) = self.intro_and_list(&chapter, "facts");
        let mut facts = Vec::new();
        for item in list {
            let Some(labelled) = self.labelled_item(item, "fact") else {
                continue;
            };
            let mut steps_tried = false;
            for class in &labelled.classes {
                if class == "steps" {
                    steps_tried = true;
                } else {
                    self.report(
                        Diagnostic::error(
                            Code::UnexpectedContent,
                            labelled.trailer.clone(),
                            format!("`.{class}` means nothing on a fact"),
                        )
                        .with_label("unknown class")
                        .with_hint("the one class a fact takes is `.steps`: the steps already tried, filled from the path"),
                    );
                }
            }
            facts.push(Fact {
                id: labelled.id,
                label: labelled.label,
                steps_tried,
            });
        }
        Capture {
            id: chapter.id,
            title: chapter.title,
            intro,
            facts,
        }
    }

    fn faq(&mut self, chapter: Chapter<'_>) -> Faq {
        let mut entries = Vec::new();
        let body = chapter.body;
        let mut index = 0;
        while index < body.len() {
            let block = &body[index];
            index += 1;
            let Block::Heading {
                level: 3,
                content,
                span,
                ..
            } = block
            else {
                self.unexpected(
                    block,
                    "an FAQ holds `### Question` headings, each followed by its answer",
                );
                continue;
            };
            let question = self.inline_text(content, span.clone(), "this FAQ question");
            let len = body[index..]
                .iter()
                .take_while(|b| !matches!(b, Block::Heading { .. }))
                .count();
            let answer = self.blocks_text(&body[index..index + len]);
            index += len;
            let answer = answer.unwrap_or_else(|| {
                self.report(
                    Diagnostic::error(
                        Code::MissingPart,
                        span.clone(),
                        "this FAQ question has no answer",
                    )
                    .with_label("expected a paragraph under this question")
                    .with_hint("write the answer under the question"),
                );
                Text::new("", span.end..span.end)
            });
            entries.push(FaqEntry { question, answer });
        }
        if entries.is_empty() {
            self.report(
                Diagnostic::error(
                    Code::MissingPart,
                    chapter.heading.clone(),
                    "this FAQ has no questions",
                )
                .with_label("expected `### Question` headings under this one")
                .with_hint(
                    "write each question as `### Why will my lock not open?` with its answer below",
                ),
            );
        }
        Faq {
            id: chapter.id,
            title: chapter.title,
            entries,
        }
    }
}

/// A list item read as `Label {#id .class…}`.
struct Labelled {
    label: Text,
    id: Id,
    classes: Vec<String>,
    /// The `{…}`, or the whole item when it has none: where to point.
    trailer: Span,
}

/// The `[a, b] ` marks at the start of an item: each model id with its
/// span, and where the text after the marks starts. `None` when the item
/// does not start with marks (a link `[text](…)` is not one).
pub(crate) fn variant_marks(raw: &str) -> Option<(Vec<(String, Span)>, usize)> {
    let inside_end = raw.strip_prefix('[')?.find(']')? + 1;
    let after = &raw[inside_end + 1..];
    if !after.starts_with(' ') {
        return None;
    }
    let inside = &raw[1..inside_end];
    let allowed =
        |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | ',' | ' ');
    if inside.trim().is_empty() || !inside.chars().all(allowed) {
        return None;
    }
    let mut models = Vec::new();
    let mut offset = 1;
    for part in inside.split(',') {
        let id = part.trim();
        let start = offset + (part.len() - part.trim_start().len());
        models.push((id.to_owned(), start..start + id.len()));
        offset += part.len() + 1;
    }
    let rest = inside_end + 1 + (after.len() - after.trim_start().len());
    Some((models, rest))
}
