//! The compiled guide: plain data that the engine walks and renderers show.
//!
//! A [`Guide`] only exists once [`crate::compile`] found no errors, so every
//! reference in it resolves and every path through its questions ends in an
//! outcome. Text keeps the author's Markdown; links of the form `#id` point
//! inside the guide. Spans (where each part stands in the source) are kept
//! for diagnostics and skipped when the model is serialised.

use crate::source::Span;
use schemars::JsonSchema;
use serde::Serialize;
use std::collections::HashMap;

/// An identifier: lowercase ASCII letters, digits and single dashes.
///
/// Used both where a thing is defined and where it is referred to.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(transparent)]
pub struct Id {
    value: String,
    #[serde(skip)]
    span: Span,
}

impl Id {
    /// An id found at `span` in the source.
    pub fn new(value: impl Into<String>, span: Span) -> Self {
        Self {
            value: value.into(),
            span,
        }
    }

    /// The id itself.
    pub fn as_str(&self) -> &str {
        &self.value
    }

    /// Where it stands in the source.
    pub fn span(&self) -> Span {
        self.span.clone()
    }
}

impl PartialEq for Id {
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value
    }
}

impl Eq for Id {}

impl std::fmt::Display for Id {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.value)
    }
}

/// Whether `value` is a well-formed id: `[a-z0-9]+(-[a-z0-9]+)*`.
pub fn is_valid_id(value: &str) -> bool {
    !value.is_empty()
        && value.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// Whether `tag` is a language tag as guides and translations use them
/// (BCP 47's common shape: `de`, `ar`, `pt-BR`, `zh-Hant`): a language of
/// two or three lowercase letters, then subtags of letters and digits. It
/// names folders (`po/de/`) and addresses (`/de/guides/…`), so nothing
/// else passes.
pub fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let first = parts.next().unwrap_or("");
    (2..=3).contains(&first.len())
        && first.bytes().all(|b| b.is_ascii_lowercase())
        && parts.all(|part| {
            (1..=8).contains(&part.len()) && part.bytes().all(|b| b.is_ascii_alphanumeric())
        })
}

/// Text written by the guide's author, as Markdown; a list item may be
/// for some models only (`- [pro] Replace the four AA batteries.`).
#[derive(Debug, Clone)]
pub struct Text {
    markdown: String,
    span: Span,
    only: Vec<Id>,
    /// [`Text::plain`], worked out once: pages ask for it again and again.
    plain: std::sync::OnceLock<String>,
}

impl Text {
    /// Markdown found at `span` in the source.
    pub fn new(markdown: impl Into<String>, span: Span) -> Self {
        Self {
            markdown: markdown.into(),
            span,
            only: Vec::new(),
            plain: std::sync::OnceLock::new(),
        }
    }

    /// The same text, for the models `only` alone.
    pub fn for_variants(self, only: Vec<Id>) -> Self {
        Self { only, ..self }
    }

    /// The same text in another language: the same place and models.
    pub(crate) fn translated(&self, markdown: String) -> Self {
        Self {
            markdown,
            span: self.span.clone(),
            only: self.only.clone(),
            plain: std::sync::OnceLock::new(),
        }
    }

    /// The models ([`Variant`]s) this text is for; empty when it is for all.
    pub fn only(&self) -> &[Id] {
        &self.only
    }

    /// Whether the text applies to the model `variant` (any model when
    /// none is chosen).
    pub fn applies_to(&self, variant: Option<&Id>) -> bool {
        match variant {
            Some(variant) => self.only.is_empty() || self.only.contains(variant),
            None => true,
        }
    }

    /// The Markdown as written.
    pub fn markdown(&self) -> &str {
        &self.markdown
    }

    /// Where it stands in the source.
    pub fn span(&self) -> Span {
        self.span.clone()
    }

    /// The text without Markdown markup: what a person reads.
    pub fn plain(&self) -> String {
        self.plain
            .get_or_init(|| crate::syntax::plain_text(&self.markdown))
            .clone()
    }
}

impl PartialEq for Text {
    fn eq(&self, other: &Self) -> bool {
        self.markdown == other.markdown
    }
}

impl Eq for Text {}

/// A string, or `{"markdown": …, "only": [model ids]}` for a text that is
/// for some models only.
impl Serialize for Text {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        if self.only.is_empty() {
            return serializer.serialize_str(&self.markdown);
        }
        let mut text = serializer.serialize_struct("Text", 2)?;
        text.serialize_field("markdown", &self.markdown)?;
        text.serialize_field("only", &self.only)?;
        text.end()
    }
}

impl JsonSchema for Text {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Text".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "Markdown as written; an object when the text is for some models only.",
            "anyOf": [
                { "type": "string" },
                {
                    "type": "object",
                    "properties": {
                        "markdown": { "type": "string" },
                        "only": { "type": "array", "items": { "type": "string" } }
                    },
                    "required": ["markdown", "only"],
                    "additionalProperties": false
                }
            ]
        })
    }
}

/// A compiled troubleshooting guide.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Guide {
    /// The guide's id, used in URLs (`smart-lock`).
    pub id: Id,
    /// The language of the guide's text (BCP 47, e.g. `en`).
    pub lang: String,
    /// The language of the guide this one translates (`en` for a German
    /// translation of an English guide); `None` for a guide as written.
    /// A translation has its source's graph: only its text differs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub translated_from: Option<String>,
    /// The title, e.g. "Fix a smart lock that will not open".
    pub title: Text,
    /// One or two sentences under the title that say what the guide does.
    pub summary: Text,
    /// Who reviewed the guide, and when.
    pub reviewed: Option<Review>,
    /// The question a walk starts at when no triage entry is chosen.
    pub start: Id,
    /// "What you'll need".
    pub needs: Option<Checklist>,
    /// The quick triage: entries that jump into the flow.
    pub triage: Option<LinkList>,
    /// The step sections, in the author's order.
    pub sections: Vec<Section>,
    /// The questions of the decision flow, in the author's order.
    pub questions: Vec<Question>,
    /// Where a walk ends.
    pub outcomes: Vec<Outcome>,
    /// When to get help: whom to call, on what conditions, and warnings.
    pub get_help: Option<GetHelp>,
    /// The checks that confirm the problem is fixed.
    pub verification: Option<Checklist>,
    /// The escalation ladder: ordered rungs, each linked to a section.
    pub ladder: Option<LinkList>,
    /// What to capture before calling support: the support summary's facts.
    pub capture: Option<Capture>,
    /// Frequently asked questions.
    pub faq: Option<Faq>,
    /// The models the guide covers, when steps differ between them.
    pub variants: Option<Variants>,
    /// A fingerprint of the source text: changes whenever the guide does.
    pub version: String,
    #[serde(skip)]
    #[schemars(skip)]
    pub(crate) index: Index,
}

/// Reviewer and review date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Review {
    /// Who reviewed the guide.
    pub by: String,
    /// When, as `YYYY-MM-DD`.
    pub on: String,
}

/// A titled list of items, such as "What you'll need" or "Verification".
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Checklist {
    /// The block's anchor id.
    pub id: Id,
    /// The heading as written.
    pub title: Text,
    /// Text before the list.
    pub intro: Option<Text>,
    /// The items.
    pub items: Vec<Text>,
}

/// A titled list of links with descriptions: the quick triage (each entry
/// jumps to a question or outcome) and the escalation ladder (each rung
/// names a section, in order from the device outward).
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct LinkList {
    /// The block's anchor id.
    pub id: Id,
    /// The heading as written.
    pub title: Text,
    /// Text before the entries.
    pub intro: Option<Text>,
    /// The entries, in order.
    pub entries: Vec<LinkEntry>,
}

/// One entry of a [`LinkList`]: `[Label](#target) Description`.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct LinkEntry {
    /// The short label ("Check battery").
    pub label: Text,
    /// Where the entry leads.
    pub target: Id,
    /// What it is for (the symptom it matches, what the rung does).
    pub description: Text,
}

/// A step section: what to do, what to expect, and where to go next.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Section {
    /// The section's id.
    pub id: Id,
    /// The heading.
    pub title: Text,
    /// What the step is for.
    pub goal: Option<Text>,
    /// What to do, in order.
    pub actions: Vec<Text>,
    /// What you should see.
    pub expect: Vec<Text>,
    /// Good / Bad results and where each leads.
    pub results: Vec<StepResult>,
    /// A caution the user must acknowledge before the step is shown.
    pub caution: Option<Text>,
    /// How long the step takes, in minutes (`Time: 5 min`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time: Option<f64>,
}

/// A result of a step: when it applies and where to go.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct StepResult {
    /// Good or bad.
    pub kind: ResultKind,
    /// The condition and advice, with links to the targets.
    pub text: Text,
    /// Where to go next (one or more anchors).
    pub targets: Vec<Id>,
}

/// Whether a step result means the step worked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ResultKind {
    /// The step worked.
    Good,
    /// It did not.
    Bad,
}

/// A question of the decision flow.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Question {
    /// The question's id, used in URLs (`keypad-lights`).
    pub id: Id,
    /// The question as asked.
    pub prompt: Text,
    /// Help shown with the question.
    pub help: Option<Text>,
    /// The section that tells the user how to do the step.
    pub section: Option<Id>,
    /// Support facts that the chosen answer fills.
    pub fills: Vec<Id>,
    /// How long answering takes, in minutes (`Time: 5 min`); when absent,
    /// the time of its section counts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time: Option<f64>,
    /// The answers, at least two.
    pub answers: Vec<Answer>,
}

/// An answer to a question.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Answer {
    /// The answer's id, used in URLs (`yes`).
    pub id: Id,
    /// The answer as shown on its button ("Yes").
    pub label: Text,
    /// The question or outcome it leads to.
    pub next: Id,
    /// The author's estimate of how often this answer is given, in percent
    /// (`- Yes (60%) → bolt-stuck`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub share: Option<f64>,
}

/// Where a walk ends.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Outcome {
    /// The outcome's id (`unlocked`).
    pub id: Id,
    /// Fixed, or time to call someone.
    pub kind: OutcomeKind,
    /// The heading ("Lock unlocked").
    pub title: Text,
    /// What to say.
    pub body: Option<Text>,
    /// For an escalation, what calling the professional costs, in minutes
    /// (`Time: 120 min`: waiting for the locksmith).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time: Option<f64>,
}

/// The kind of an outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum OutcomeKind {
    /// The problem is fixed: show the verification checklist.
    Resolved,
    /// Call a professional: show when to get help and the support summary.
    Escalate,
}

/// "When to get help".
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct GetHelp {
    /// The block's anchor id.
    pub id: Id,
    /// The heading.
    pub title: Text,
    /// Contacts, warnings and notes, in the author's order.
    pub parts: Vec<HelpPart>,
}

/// One part of "When to get help".
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum HelpPart {
    /// Whom to call, and when ("Call a locksmith if:" and its conditions).
    Contact {
        /// The lead-in ("Call a locksmith if:").
        who: Text,
        /// The conditions.
        conditions: Vec<Text>,
    },
    /// A safety warning ("Do not force the lock…").
    Warning {
        /// The warning.
        text: Text,
    },
    /// Any other advice.
    Note {
        /// The advice.
        text: Text,
    },
}

/// "What to capture if you need help": the facts of the support summary.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Capture {
    /// The block's anchor id.
    pub id: Id,
    /// The heading.
    pub title: Text,
    /// Text before the list.
    pub intro: Option<Text>,
    /// The facts, in order.
    pub facts: Vec<Fact>,
}

/// "Which model do you have?": the models whose steps differ (battery
/// type, reset procedure). Items marked for a model are shown only to
/// people who chose it (and to everyone, labelled, before they choose).
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Variants {
    /// The block's anchor id.
    pub id: Id,
    /// The heading: the question the person answers.
    pub title: Text,
    /// Text before the list.
    pub intro: Option<Text>,
    /// The models, in order.
    pub entries: Vec<Variant>,
}

/// One model a guide covers.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Variant {
    /// The model's id, as items name it (`[pro]`).
    pub id: Id,
    /// Its name, as the person recognises it ("Acme Pro").
    pub label: Text,
}

impl Guide {
    /// The texts that may carry `[model]` marks: what you'll need, each
    /// step's actions, the verification checks.
    pub fn marked_texts(&self) -> impl Iterator<Item = &Text> {
        let needs = self.needs.iter().flat_map(|n| &n.items);
        let actions = self.sections.iter().flat_map(|s| &s.actions);
        let checks = self.verification.iter().flat_map(|v| &v.items);
        needs.chain(actions).chain(checks)
    }

    /// The model with this id.
    pub fn variant(&self, id: &str) -> Option<(usize, &Variant)> {
        (self.variants.iter().flat_map(|v| &v.entries))
            .enumerate()
            .find(|(_, v)| v.id.as_str() == id)
    }
}

/// A fact for the support summary.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Fact {
    /// The fact's id, named by questions that fill it.
    pub id: Id,
    /// What to capture ("Whether the keypad lights").
    pub label: Text,
    /// Whether the fact is the list of steps already tried, filled from the path.
    pub steps_tried: bool,
}

/// Frequently asked questions.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Faq {
    /// The block's anchor id.
    pub id: Id,
    /// The heading.
    pub title: Text,
    /// The questions and answers.
    pub entries: Vec<FaqEntry>,
}

/// One FAQ entry.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct FaqEntry {
    /// The question.
    pub question: Text,
    /// The answer.
    pub answer: Text,
}

/// A node of the decision flow: where a walk stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Node {
    /// A question, by index into [`Guide::questions`].
    Question(usize),
    /// An outcome, by index into [`Guide::outcomes`].
    Outcome(usize),
}

/// What an anchor id names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    /// A question or outcome.
    Node(Node),
    /// A section, by index into [`Guide::sections`].
    Section(usize),
    /// One of the guide's blocks (triage, verification, …).
    Block,
}

/// Lookups from ids to parts, built once when the guide is compiled.
#[derive(Debug, Clone, Default)]
pub(crate) struct Index {
    pub(crate) anchors: HashMap<String, Anchor>,
    pub(crate) facts: HashMap<String, usize>,
    /// A hash of the ids that sessions refer to by index (questions,
    /// answers, outcomes, sections): it changes when a saved session
    /// would be misread.
    pub(crate) structure: u64,
}

impl Guide {
    /// Builds the id lookups; the compiler calls this once the parts are parsed.
    pub(crate) fn build_index(&mut self) {
        self.index = Index::build(self);
    }

    /// What `id` names in this guide, if anything.
    pub fn anchor(&self, id: &str) -> Option<Anchor> {
        self.index.anchors.get(id).copied()
    }

    /// The question or outcome named `id`.
    pub fn node(&self, id: &str) -> Option<Node> {
        match self.anchor(id)? {
            Anchor::Node(node) => Some(node),
            _ => None,
        }
    }

    /// The index of the question named `id`.
    pub fn question_index(&self, id: &str) -> Option<usize> {
        match self.node(id)? {
            Node::Question(index) => Some(index),
            Node::Outcome(_) => None,
        }
    }

    /// The section named `id`.
    pub fn section(&self, id: &str) -> Option<&Section> {
        match self.anchor(id)? {
            Anchor::Section(index) => self.sections.get(index),
            _ => None,
        }
    }

    /// The support fact named `id`.
    pub fn fact(&self, id: &str) -> Option<&Fact> {
        let index = *self.index.facts.get(id)?;
        self.capture.as_ref()?.facts.get(index)
    }

    /// A hash of the ids that sessions refer to by index.
    pub(crate) fn structure_hash(&self) -> u64 {
        self.index.structure
    }

    /// The node a walk starts at.
    pub fn start_node(&self) -> Node {
        self.node(self.start.as_str()).unwrap_or(Node::Question(0))
    }

    /// The node an answer leads to.
    pub fn next_node(&self, answer: &Answer) -> Node {
        // Compilation guarantees every answer leads to a question or outcome.
        self.node(answer.next.as_str()).unwrap_or(Node::Outcome(0))
    }

    /// The index of the section that explains `question`, if it names one.
    pub fn section_index(&self, question: &Question) -> Option<usize> {
        match self.anchor(question.section.as_ref()?.as_str())? {
            Anchor::Section(index) => Some(index),
            _ => None,
        }
    }

    /// How long `question` takes, in minutes: its own `Time:`, else its
    /// section's; `None` when neither gives one.
    pub fn question_time(&self, question: &Question) -> Option<f64> {
        question
            .time
            .or_else(|| self.section_of(question).and_then(|s| s.time))
    }

    /// The section that explains `question`, if it names one.
    pub fn section_of(&self, question: &Question) -> Option<&Section> {
        self.sections.get(self.section_index(question)?)
    }

    /// The id of a node.
    pub fn node_id(&self, node: Node) -> &str {
        match node {
            Node::Question(index) => self.questions[index].id.as_str(),
            Node::Outcome(index) => self.outcomes[index].id.as_str(),
        }
    }
}

impl Guide {
    /// Every anchor id the guide defines, with what it names, in source
    /// order of kind. Duplicates are included (the checker reports them).
    pub fn definitions(&self) -> impl Iterator<Item = (&Id, Anchor)> {
        let blocks = [
            self.needs.as_ref().map(|b| &b.id),
            self.triage.as_ref().map(|b| &b.id),
            self.get_help.as_ref().map(|b| &b.id),
            self.verification.as_ref().map(|b| &b.id),
            self.ladder.as_ref().map(|b| &b.id),
            self.capture.as_ref().map(|b| &b.id),
            self.faq.as_ref().map(|b| &b.id),
        ];
        let blocks = blocks.into_iter().flatten().map(|id| (id, Anchor::Block));
        let sections = self
            .sections
            .iter()
            .enumerate()
            .map(|(i, s)| (&s.id, Anchor::Section(i)));
        let questions = (self.questions.iter().enumerate())
            .map(|(i, q)| (&q.id, Anchor::Node(Node::Question(i))));
        let outcomes = (self.outcomes.iter().enumerate())
            .map(|(i, o)| (&o.id, Anchor::Node(Node::Outcome(i))));
        blocks.chain(sections).chain(questions).chain(outcomes)
    }
}

impl Index {
    fn build(guide: &Guide) -> Index {
        let mut anchors = HashMap::new();
        for (id, anchor) in guide.definitions() {
            anchors.entry(id.as_str().to_owned()).or_insert(anchor);
        }
        let mut facts = HashMap::new();
        for (index, fact) in guide
            .capture
            .iter()
            .flat_map(|c| c.facts.iter().enumerate())
        {
            facts.entry(fact.id.as_str().to_owned()).or_insert(index);
        }
        let mut structure = FNV_OFFSET;
        let ids = (guide.questions.iter())
            .flat_map(|q| std::iter::once(&q.id).chain(q.answers.iter().map(|a| &a.id)))
            .chain(guide.outcomes.iter().map(|o| &o.id))
            .chain(guide.sections.iter().map(|s| &s.id));
        for id in ids {
            structure = fnv1a(fnv1a(structure, id.as_str().as_bytes()), b"/");
        }
        Index {
            anchors,
            facts,
            structure,
        }
    }
}

/// The FNV-1a offset basis: the hash of nothing.
pub(crate) const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// Feeds `bytes` into a 64-bit FNV-1a hash: small, stable across Rust
/// versions and platforms, and enough to tell versions apart (not a
/// cryptographic hash).
pub(crate) fn fnv1a(hash: u64, bytes: &[u8]) -> u64 {
    bytes.iter().fold(hash, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}
