//! What a guide names and where, for editors: every definition and every
//! reference of an id with its span and kind, the outline of blocks, and
//! the ids that fit where the cursor stands.
//!
//! An [`Index`] is built from a [`Combined`] text even when the guide has
//! errors: an editor needs it most while the guide is half-written. Spans
//! are byte ranges in the combined text, like diagnostics' spans.

mod complete;

pub use complete::{Candidate, Candidates, Completion, Context, MAX_CANDIDATES, completion};

use crate::check::Combined;
use crate::model::{Guide, Id, OutcomeKind, is_valid_id};
use crate::source::Span;
use std::collections::BTreeMap;

/// The three sets of ids a guide keeps apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Namespace {
    /// Blocks, sections, questions and outcomes: what `#id` links name.
    Part,
    /// Support facts of "What to capture", named by `Fills:`.
    Fact,
    /// Models of "Which model do you have?", named by `[model]` marks.
    Model,
}

/// What a definition defines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A question of the flow.
    Question,
    /// Where a walk ends.
    Outcome(OutcomeKind),
    /// A step.
    Section,
    /// Another block (`needs`, `triage`, `verification`, …), by its class.
    Block(&'static str),
    /// A support fact.
    Fact,
    /// A model.
    Model,
}

impl Kind {
    /// The namespace its id lives in.
    pub fn namespace(self) -> Namespace {
        match self {
            Kind::Fact => Namespace::Fact,
            Kind::Model => Namespace::Model,
            _ => Namespace::Part,
        }
    }

    /// How an author calls it ("question", "resolved outcome", …).
    pub fn describe(self) -> &'static str {
        match self {
            Kind::Question => "question",
            Kind::Outcome(OutcomeKind::Resolved) => "outcome (resolved)",
            Kind::Outcome(OutcomeKind::Escalate) => "outcome (escalate)",
            Kind::Section => "section",
            Kind::Block(class) => class,
            Kind::Fact => "fact",
            Kind::Model => "model",
        }
    }
}

/// What a reference must name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Want {
    /// Any part (a `[text](#id)` link).
    Part,
    /// A question or an outcome (an answer's target, a triage entry).
    Node,
    /// A question (the front matter's `start`).
    Question,
    /// A section (`Section:`, a ladder rung).
    Section,
    /// A support fact (`Fills:`).
    Fact,
    /// A model (`[model]` marks).
    Model,
}

impl Want {
    /// The namespace of the ids it names.
    pub fn namespace(self) -> Namespace {
        match self {
            Want::Fact => Namespace::Fact,
            Want::Model => Namespace::Model,
            _ => Namespace::Part,
        }
    }

    /// Whether a definition of `kind` is the right kind for this reference.
    pub fn accepts(self, kind: Kind) -> bool {
        match self {
            Want::Part => kind.namespace() == Namespace::Part,
            Want::Node => matches!(kind, Kind::Question | Kind::Outcome(_)),
            Want::Question => kind == Kind::Question,
            Want::Section => kind == Kind::Section,
            Want::Fact => kind == Kind::Fact,
            Want::Model => kind == Kind::Model,
        }
    }
}

/// Where an id is defined.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Definition {
    /// The id.
    pub id: String,
    /// Where the id is written; `None` when the id is not written (a
    /// block's default id, an answer-less slug), so it cannot be renamed.
    pub span: Option<Span>,
    /// Where the part's title stands (for outlines and hovers).
    pub title_span: Span,
    /// What it defines.
    pub kind: Kind,
    /// Its title as a person reads it.
    pub title: String,
    /// More to say: a question's answers and where they lead.
    pub details: Vec<String>,
}

/// A use of an id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    /// The id named.
    pub id: String,
    /// Where the id is written.
    pub span: Span,
    /// What it must name.
    pub want: Want,
}

/// An `.include` heading: the shared file's path as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Include {
    /// The path as the guide wrote it.
    pub path: String,
    /// Where the path is written.
    pub span: Span,
    /// Where the shared file's text starts in the combined text, if read.
    pub start: Option<usize>,
}

/// One block of the outline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Symbol {
    /// The heading's words.
    pub title: String,
    /// What the block is.
    pub kind: Kind,
    /// From the start of the heading's line to the next heading.
    pub span: Span,
    /// The heading's words (or id) to select.
    pub selection: Span,
}

/// A thing named at a place of the text: a definition or a reference.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Named<'a> {
    /// The place defines an id.
    Definition(&'a Definition),
    /// The place uses an id.
    Reference(&'a Reference),
    /// The place is an include's path.
    Include(&'a Include),
}

impl Named<'_> {
    /// The namespace and id named, for an id.
    pub fn id(&self) -> Option<(Namespace, &str)> {
        match self {
            Named::Definition(d) => Some((d.kind.namespace(), &d.id)),
            Named::Reference(r) => Some((r.want.namespace(), &r.id)),
            Named::Include(_) => None,
        }
    }
}

/// Why a rename is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RenameRefused {
    /// The new id is not lowercase letters, digits and single dashes.
    #[error("`{0}` is not a valid id: use lowercase letters, digits and single dashes")]
    Invalid(String),
    /// Something else already has the new id.
    #[error("`{0}` is already the id of a {1}")]
    Taken(String, &'static str),
    /// The id is not written where it is defined (a block's default id).
    #[error(
        "`{0}` is not written in the guide (a block's default id): give the block an explicit `{{#id}}` first"
    )]
    Implicit(String),
    /// Nothing renamable at that place.
    #[error("there is no id here to rename")]
    Nothing,
}

/// Every definition, reference and block of a guide, in source order.
#[derive(Debug, Clone, Default)]
pub struct Index {
    /// Where ids are defined.
    pub definitions: Vec<Definition>,
    /// Where ids are used.
    pub references: Vec<Reference>,
    /// The `.include` headings of the guide's own file.
    pub includes: Vec<Include>,
    /// The blocks, in order.
    pub outline: Vec<Symbol>,
}

impl Index {
    /// Indexes a combined text (as [`compile_with`](crate::compile_with)
    /// returns it), whatever its errors.
    pub fn of(combined: &Combined) -> Index {
        let text = combined.text.as_str();
        let own = combined.own_len();
        let mut index = Index {
            includes: crate::syntax::include_requests(&text[..own])
                .into_iter()
                .map(|(path, span)| Include {
                    start: (combined.included.iter())
                        .find(|(p, _)| *p == path)
                        .map(|(_, start)| *start),
                    path,
                    span,
                })
                .collect(),
            ..Index::default()
        };
        if text.len() > crate::MAX_GUIDE_BYTES {
            return index;
        }
        let (Some(draft), _) = crate::syntax::lower(text, own, &combined.included) else {
            return index;
        };
        let written = |id: &Id| written_span(text, id);
        define(&mut index, &draft.guide, &written);
        refer(&mut index, &draft.guide, &draft.links, &written);
        index.outline = outline(text, &index.definitions, &index.includes);
        index
    }

    /// The definition, reference or include at byte `offset` (the end of a
    /// span counts, so a cursor just after an id finds it).
    pub fn at(&self, offset: usize) -> Option<Named<'_>> {
        let within = |span: &Span| span.start <= offset && offset <= span.end;
        (self.definitions.iter())
            .find(|d| d.span.as_ref().is_some_and(within))
            .map(Named::Definition)
            .or_else(|| {
                (self.references.iter())
                    .find(|r| within(&r.span))
                    .map(Named::Reference)
            })
            .or_else(|| {
                (self.includes.iter())
                    .find(|i| within(&i.span))
                    .map(Named::Include)
            })
    }

    /// The first definition of `id` in `namespace`.
    pub fn definition(&self, namespace: Namespace, id: &str) -> Option<&Definition> {
        (self.definitions.iter()).find(|d| d.id == id && d.kind.namespace() == namespace)
    }

    /// Every use of `id` in `namespace`.
    pub fn references_to<'a>(
        &'a self,
        namespace: Namespace,
        id: &'a str,
    ) -> impl Iterator<Item = &'a Reference> + 'a {
        (self.references.iter()).filter(move |r| r.id == id && r.want.namespace() == namespace)
    }

    /// The spans to change to rename `id` (in `namespace`) to `new`: its
    /// written definitions and every reference; refused when `new` is not
    /// an id or is taken.
    pub fn rename(
        &self,
        namespace: Namespace,
        id: &str,
        new: &str,
    ) -> Result<Vec<Span>, RenameRefused> {
        if !is_valid_id(new) {
            return Err(RenameRefused::Invalid(new.to_owned()));
        }
        if new != id
            && let Some(taken) = self.definition(namespace, new)
        {
            return Err(RenameRefused::Taken(new.to_owned(), taken.kind.describe()));
        }
        let definitions =
            (self.definitions.iter()).filter(|d| d.id == id && d.kind.namespace() == namespace);
        let mut spans = Vec::new();
        for definition in definitions {
            match &definition.span {
                Some(span) => spans.push(span.clone()),
                None => return Err(RenameRefused::Implicit(id.to_owned())),
            }
        }
        spans.extend(self.references_to(namespace, id).map(|r| r.span.clone()));
        spans.sort_by_key(|s| s.start);
        spans.dedup();
        Ok(spans)
    }

    /// The block that holds byte `offset`.
    pub fn block_at(&self, offset: usize) -> Option<&Symbol> {
        (self.outline.iter()).find(|s| s.span.start <= offset && offset < s.span.end)
    }
}

/// The span of `id` as written: the id itself, or inside the quotes of a
/// TOML string; `None` when the text there is not the id.
fn written_span(text: &str, id: &Id) -> Option<Span> {
    let span = id.span();
    let written = text.get(span.clone())?;
    if written == id.as_str() && !written.is_empty() {
        Some(span)
    } else if written.len() == id.as_str().len() + 2
        && written.starts_with('"')
        && written.ends_with('"')
        && &written[1..written.len() - 1] == id.as_str()
    {
        Some(span.start + 1..span.end - 1)
    } else {
        None
    }
}

fn define(index: &mut Index, guide: &Guide, written: &dyn Fn(&Id) -> Option<Span>) {
    let mut add = |id: &Id, kind, title: &crate::model::Text, details| {
        if id.as_str().is_empty() {
            return;
        }
        index.definitions.push(Definition {
            id: id.to_string(),
            span: written(id),
            title_span: title.span(),
            kind,
            title: title.plain(),
            details,
        });
    };
    let blocks = [
        guide.needs.as_ref().map(|b| (&b.id, &b.title, "needs")),
        guide.triage.as_ref().map(|b| (&b.id, &b.title, "triage")),
        guide
            .get_help
            .as_ref()
            .map(|b| (&b.id, &b.title, "get-help")),
        (guide.verification.as_ref()).map(|b| (&b.id, &b.title, "verification")),
        guide.ladder.as_ref().map(|b| (&b.id, &b.title, "ladder")),
        guide.capture.as_ref().map(|b| (&b.id, &b.title, "capture")),
        guide.faq.as_ref().map(|b| (&b.id, &b.title, "faq")),
        guide
            .variants
            .as_ref()
            .map(|b| (&b.id, &b.title, "variants")),
    ];
    for (id, title, class) in blocks.into_iter().flatten() {
        add(id, Kind::Block(class), title, Vec::new());
    }
    for section in &guide.sections {
        add(&section.id, Kind::Section, &section.title, Vec::new());
    }
    for question in &guide.questions {
        let answers = (question.answers.iter())
            .map(|a| format!("{} → {}", a.label.plain(), a.next))
            .collect();
        add(&question.id, Kind::Question, &question.prompt, answers);
    }
    for outcome in &guide.outcomes {
        add(
            &outcome.id,
            Kind::Outcome(outcome.kind),
            &outcome.title,
            Vec::new(),
        );
    }
    for fact in guide.capture.iter().flat_map(|c| &c.facts) {
        add(&fact.id, Kind::Fact, &fact.label, Vec::new());
    }
    for model in guide.variants.iter().flat_map(|v| &v.entries) {
        add(&model.id, Kind::Model, &model.label, Vec::new());
    }
    index.definitions.sort_by_key(|d| d.title_span.start);
}

fn refer(index: &mut Index, guide: &Guide, links: &[Id], written: &dyn Fn(&Id) -> Option<Span>) {
    // By start, so a link that is also a structural reference counts once,
    // with the structural (stricter) kind.
    let mut found: BTreeMap<usize, Reference> = BTreeMap::new();
    let mut add = |id: &Id, want: Want| {
        if let Some(span) = written(id) {
            found.insert(
                span.start,
                Reference {
                    id: id.to_string(),
                    span,
                    want,
                },
            );
        }
    };
    for link in links {
        add(link, Want::Part);
    }
    for target in guide
        .sections
        .iter()
        .flat_map(|s| &s.results)
        .flat_map(|r| &r.targets)
    {
        add(target, Want::Part);
    }
    add(&guide.start, Want::Question);
    for question in &guide.questions {
        for answer in &question.answers {
            add(&answer.next, Want::Node);
        }
        if let Some(section) = &question.section {
            add(section, Want::Section);
        }
        for fact in &question.fills {
            add(fact, Want::Fact);
        }
    }
    for entry in guide.triage.iter().flat_map(|t| &t.entries) {
        add(&entry.target, Want::Node);
    }
    for rung in guide.ladder.iter().flat_map(|l| &l.entries) {
        add(&rung.target, Want::Section);
    }
    for mark in guide.marked_texts().flat_map(|text| text.only()) {
        add(mark, Want::Model);
    }
    index.references = found.into_values().collect();
}

/// The blocks in order: each from its heading's line to the next block.
fn outline(text: &str, definitions: &[Definition], includes: &[Include]) -> Vec<Symbol> {
    let line_start = |at: usize| text[..at.min(text.len())].rfind('\n').map_or(0, |i| i + 1);
    let mut symbols: Vec<Symbol> = (definitions.iter())
        .filter(|d| !matches!(d.kind, Kind::Fact | Kind::Model))
        .map(|d| Symbol {
            title: d.title.clone(),
            kind: d.kind,
            span: line_start(d.title_span.start)..d.title_span.end,
            selection: d.title_span.clone(),
        })
        .chain(includes.iter().map(|i| Symbol {
            title: i.path.clone(),
            kind: Kind::Block("include"),
            span: line_start(i.span.start)..i.span.end,
            selection: i.span.clone(),
        }))
        .collect();
    symbols.sort_by_key(|s| s.span.start);
    let starts: Vec<usize> = symbols.iter().map(|s| s.span.start).collect();
    for (n, symbol) in symbols.iter_mut().enumerate() {
        let next = starts.get(n + 1).copied().unwrap_or(text.len());
        symbol.span.end = next.max(symbol.span.end);
    }
    symbols
}

#[cfg(test)]
mod tests {
    use super::*;

    const GUIDE: &str = "+++\nid = \"g\"\nstart = \"works\"\n+++\n\n# Fix it\n\nWe check.\n\n\
## Which one? {.variants}\n\n- Pro {#pro}\n- Mini {#mini}\n\n\
## Check {#check .section}\n\n- [pro] Look.\n\nGood: Done. Proceed to [Verification](#verification).\n\n\
## Does it work? {#works .question}\n\nSection: check\nFills: check\n\n- Yes → fixed\n- No → check\n\n\
## Fixed {#fixed .outcome .resolved}\n\n## Verification {.verification}\n\n- It works.\n\n\
## Capture {.capture}\n\n- What was checked {#check}\n";

    fn index() -> Index {
        let (_, combined) = crate::compile_with(GUIDE, &mut |_| Err(String::new()));
        Index::of(&combined)
    }

    fn texts(spans: &[Span]) -> Vec<&'static str> {
        spans.iter().map(|s| &GUIDE[s.clone()]).collect()
    }

    #[test]
    fn a_fact_and_a_section_of_one_name_are_renamed_apart() {
        let index = index();
        let section = index
            .rename(Namespace::Part, "check", "inspect")
            .expect("renamed");
        // The definition, `Section:` and the answer's target; not the fact.
        assert_eq!(section.len(), 3, "{:?}", texts(&section));
        let fact = index
            .rename(Namespace::Fact, "check", "checked")
            .expect("renamed");
        assert_eq!(fact.len(), 2);
        assert!(fact.iter().all(|s| !section.contains(s)));
    }

    #[test]
    fn the_start_and_model_marks_are_references() {
        let index = index();
        let start = index
            .references_to(Namespace::Part, "works")
            .next()
            .expect("start");
        assert_eq!(start.want, Want::Question);
        assert_eq!(&GUIDE[start.span.clone()], "works", "inside the quotes");
        let marks: Vec<_> = index.references_to(Namespace::Model, "pro").collect();
        assert_eq!(marks.len(), 1);
    }

    #[test]
    fn renames_are_refused_when_invalid_taken_or_unwritten() {
        let index = index();
        let refused = |id: &str, new: &str| index.rename(Namespace::Part, id, new).err();
        assert_eq!(
            refused("check", "Check"),
            Some(RenameRefused::Invalid("Check".into()))
        );
        assert_eq!(
            refused("check", "fixed"),
            Some(RenameRefused::Taken("fixed".into(), "outcome (resolved)"))
        );
        assert_eq!(
            refused("verification", "checks"),
            Some(RenameRefused::Implicit("verification".into()))
        );
        assert!(index.rename(Namespace::Model, "pro", "mini").is_err());
    }

    #[test]
    fn the_outline_lists_every_block_in_order() {
        let titles: Vec<String> = index().outline.iter().map(|s| s.title.clone()).collect();
        assert_eq!(
            titles,
            [
                "Which one?",
                "Check",
                "Does it work?",
                "Fixed",
                "Verification",
                "Capture"
            ]
        );
    }
}
