//! Ids and references: every id unique, every reference names an existing
//! part of the right kind, every filled fact declared.

use super::closest;
use crate::diagnostic::{Code, Diagnostic};
use crate::model::{Anchor, Guide, Id, Node};
use crate::syntax::Draft;
use std::collections::{HashMap, HashSet};

/// Unknown references beyond this many get no "did you mean": the search
/// for a suggestion looks at every id, and errors should stay cheap.
const SUGGESTIONS: usize = 20;

/// The longest guide id, in characters: it names the guide's file in a
/// static site, and file names have a length limit (255 bytes on most disks).
const MAX_GUIDE_ID_CHARS: usize = 100;

/// What a reference must name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Want {
    Anchor,
    Node,
    Question,
    Section,
}

impl Want {
    fn describe(self) -> &'static str {
        match self {
            Want::Anchor => "part of this guide",
            Want::Node => "question or outcome",
            Want::Question => "question",
            Want::Section => "section",
        }
    }

    fn accepts(self, anchor: Anchor) -> bool {
        match self {
            Want::Anchor => true,
            Want::Node => matches!(anchor, Anchor::Node(_)),
            Want::Question => matches!(anchor, Anchor::Node(Node::Question(_))),
            Want::Section => matches!(anchor, Anchor::Section(_)),
        }
    }
}

pub(super) fn check(draft: &Draft, diagnostics: &mut Vec<Diagnostic>) {
    let guide = &draft.guide;
    let mut checker = Checker {
        guide,
        unread: &draft.unread,
        diagnostics,
        suggestions_left: SUGGESTIONS,
    };
    checker.guide_id();
    checker.duplicates();
    for link in &draft.links {
        checker.reference(link, Want::Anchor, "links to");
    }
    // A block whose kind was not read (already reported) may be the
    // question or outcome that seems missing, or the user of a section.
    let all_read = draft.unread.is_empty();
    if !guide.questions.is_empty() {
        checker.reference(&guide.start, Want::Question, "starts at");
    } else if all_read {
        checker.missing(
            "the guide has no questions",
            "add a question: `## Does the keypad light? {#keypad-lights .question}`",
        );
    }
    if guide.outcomes.is_empty() && all_read {
        checker.missing(
            "the guide has no outcomes",
            "add where a walk ends: `## Lock unlocked {#unlocked .outcome .resolved}`",
        );
    }
    for question in &guide.questions {
        checker.question(question);
    }
    for entry in guide.triage.iter().flat_map(|t| &t.entries) {
        checker.reference(&entry.target, Want::Node, "jumps to");
    }
    for rung in guide.ladder.iter().flat_map(|l| &l.entries) {
        checker.reference(&rung.target, Want::Section, "names");
    }
    if all_read {
        checker.unused_sections(&draft.links);
    }
    checker.variant_marks();
}

struct Checker<'g, 'd> {
    guide: &'g Guide,
    unread: &'g HashSet<String>,
    diagnostics: &'d mut Vec<Diagnostic>,
    suggestions_left: usize,
}

impl Checker<'_, '_> {
    fn missing(&mut self, message: &str, hint: &str) {
        let at = self.guide.title.span();
        self.diagnostics.push(
            Diagnostic::error(Code::MissingPart, at, message)
                .with_label("in this guide")
                .with_hint(hint),
        );
    }

    /// The guide id is short enough to name a file.
    fn guide_id(&mut self) {
        let id = &self.guide.id;
        let length = id.as_str().chars().count();
        if length > MAX_GUIDE_ID_CHARS {
            self.diagnostics.push(
                Diagnostic::error(
                    Code::InvalidId,
                    id.span(),
                    format!(
                        "the guide id is {length} characters long; \
                         a guide id may be at most {MAX_GUIDE_ID_CHARS} characters"
                    ),
                )
                .with_label("too long")
                .with_hint(
                    "shorten the id: it names the guide's file in a static site \
                     and is part of every address of the guide",
                ),
            );
        }
    }

    /// Every anchor id, every fact id and every answer id per question is unique.
    fn duplicates(&mut self) {
        let mut seen: HashMap<&str, &Id> = HashMap::new();
        for (id, _) in self.guide.definitions() {
            unique(&mut seen, id, "id", self.diagnostics);
        }
        let mut facts = HashMap::new();
        for fact in self.guide.capture.iter().flat_map(|c| &c.facts) {
            unique(&mut facts, &fact.id, "fact id", self.diagnostics);
        }
        let mut models = HashMap::new();
        for model in self.guide.variants.iter().flat_map(|v| &v.entries) {
            unique(&mut models, &model.id, "model id", self.diagnostics);
        }
    }

    /// Every `[model]` mark names a model of the `.variants` block.
    fn variant_marks(&mut self) {
        let guide = self.guide;
        let models: Vec<&str> = (guide.variants.iter().flat_map(|v| &v.entries))
            .map(|v| v.id.as_str())
            .collect();
        for mark in guide.marked_texts().flat_map(|text| text.only()) {
            if models.contains(&mark.as_str()) {
                continue;
            }
            let hint = if models.is_empty() {
                "declare the models first: `## Which model do you have? {.variants}` with a list \
                 of `- Acme Pro {#pro}`; or write `\\[` to show a bracket as text"
                    .to_owned()
            } else {
                match closest(mark.as_str(), models.iter().copied()) {
                    Some(best) => format!("did you mean `{best}`?"),
                    None => format!("models: {}", models.join(", ")),
                }
            };
            self.diagnostics.push(
                Diagnostic::error(
                    Code::UnknownVariant,
                    mark.span(),
                    format!("`[{mark}]` marks this item for a model the guide does not declare"),
                )
                .with_label("unknown model")
                .with_hint(hint),
            );
        }
    }

    fn question(&mut self, question: &crate::model::Question) {
        if crate::engine::query::is_reserved(question.id.as_str()) {
            self.diagnostics.push(
                Diagnostic::error(
                    Code::InvalidId,
                    question.id.span(),
                    format!("`{}` cannot be a question id: guide addresses use it for something else", question.id),
                )
                .with_label("reserved in guide addresses")
                .with_hint("question ids may not be `from`, `ack`, `change`, `was`, `sent`, `variant` or start with `fact-`"),
            );
        }
        match question.answers.len() {
            0 | 1 => self.diagnostics.push(
                Diagnostic::error(
                    Code::TooFewAnswers,
                    question.id.span(),
                    format!(
                        "the question `{}` has {} answer{}; a question needs at least two",
                        question.id,
                        question.answers.len(),
                        if question.answers.len() == 1 { "" } else { "s" }
                    ),
                )
                .with_label("this question")
                .with_hint(
                    "list the answers under the question: `- Yes → next-id` and `- No → other-id`",
                ),
            ),
            _ => {}
        }
        let mut ids: HashMap<&str, &Id> = HashMap::new();
        let mut labels: HashMap<String, &crate::model::Text> = HashMap::new();
        for answer in &question.answers {
            let label = answer.label.plain().to_lowercase();
            if let Some(first) = labels.get(&label) {
                self.diagnostics.push(repeated(
                    &question.id,
                    answer.label.span(),
                    first.span(),
                    "label",
                ));
            } else if let Some(first) = ids.get(answer.id.as_str()) {
                self.diagnostics
                    .push(repeated(&question.id, answer.id.span(), first.span(), "id"));
            }
            ids.entry(answer.id.as_str()).or_insert(&answer.id);
            labels.entry(label).or_insert(&answer.label);
            self.reference(&answer.next, Want::Node, "leads to");
        }
        if let Some(section) = &question.section {
            self.reference(section, Want::Section, "is explained by");
        } else {
            self.diagnostics.push(
                Diagnostic::warning(
                    Code::QuestionWithoutSection,
                    question.id.span(),
                    format!(
                        "the question `{}` names no section, so it comes without instructions",
                        question.id
                    ),
                )
                .with_label("no `Section:` for this question")
                .with_hint("add `Section: section-id` to say how to do the step"),
            );
        }
        for fact in &question.fills {
            if self.guide.fact(fact.as_str()).is_none() {
                let facts = self
                    .guide
                    .capture
                    .iter()
                    .flat_map(|c| &c.facts)
                    .map(|f| f.id.as_str());
                let hint = match closest(fact.as_str(), facts) {
                    Some(best) => format!("did you mean `{best}`?"),
                    None => {
                        format!("declare it under \"What to capture\": `- What it is {{#{fact}}}`")
                    }
                };
                self.diagnostics.push(
                    Diagnostic::error(
                        Code::UndeclaredFact,
                        fact.span(),
                        format!("the fact `{fact}` is filled here but not declared"),
                    )
                    .with_label("not in \"What to capture\"")
                    .with_hint(hint),
                );
            }
        }
    }

    /// Checks that `id` names a part of the kind `want`.
    fn reference(&mut self, id: &Id, want: Want, verb: &str) {
        match self.guide.anchor(id.as_str()) {
            Some(anchor) if want.accepts(anchor) => {}
            // A block whose kind was unknown: already reported.
            None if self.unread.contains(id.as_str()) => {}
            Some(anchor) => self.diagnostics.push(self.wrong_kind(id, anchor, want)),
            None => {
                let hint = self.suggestion(id, want);
                self.diagnostics.push(
                    Diagnostic::error(
                        Code::UnknownTarget,
                        id.span(),
                        format!("this {verb} `{id}`, but no {} has that id", want.describe()),
                    )
                    .with_label("unknown id")
                    .with_hint(hint),
                );
            }
        }
    }

    fn suggestion(&mut self, id: &Id, want: Want) -> String {
        let fallback = format!(
            "check the spelling, or add a {} with `{{#{id}}}`",
            want.describe()
        );
        if self.suggestions_left == 0 {
            return fallback;
        }
        self.suggestions_left -= 1;
        let candidates = self
            .guide
            .definitions()
            .filter(|(_, anchor)| want.accepts(*anchor))
            .map(|(id, _)| id.as_str());
        match closest(id.as_str(), candidates) {
            Some(best) => format!("did you mean `{best}`?"),
            None => fallback,
        }
    }

    fn wrong_kind(&self, id: &Id, anchor: Anchor, want: Want) -> Diagnostic {
        let is = match anchor {
            Anchor::Node(Node::Question(_)) => "a question",
            Anchor::Node(Node::Outcome(_)) => "an outcome",
            Anchor::Section(_) => "a section",
            Anchor::Block => "a block",
        };
        let mut diagnostic = Diagnostic::error(
            Code::WrongTargetKind,
            id.span(),
            format!("`{id}` is {is}, but this must name a {}", want.describe()),
        )
        .with_label(format!("{is}, not a {}", want.describe()));
        if want != Want::Node {
            let valid: Vec<&str> = self
                .guide
                .definitions()
                .filter(|(_, anchor)| want.accepts(*anchor))
                .map(|(id, _)| id.as_str())
                .take(6)
                .collect();
            diagnostic = diagnostic.with_hint(match valid.as_slice() {
                [] => format!("this guide has no {} yet", want.describe()),
                valid => format!(
                    "name a {}, such as `{}`",
                    want.describe(),
                    valid.join("`, `")
                ),
            });
        } else {
            diagnostic.message = format!(
                "`{id}` is {is}: the walk would stop there without an outcome; an answer or triage entry must lead to a question or an outcome"
            );
            let asking = self
                .guide
                .questions
                .iter()
                .find(|q| q.section.as_ref().is_some_and(|s| s == id));
            diagnostic = match asking {
                Some(question) => diagnostic.with_hint(format!(
                    "lead to the question that uses this section: `{}`",
                    question.id
                )),
                None => diagnostic
                    .with_hint("lead to a question (`.question`) or an outcome (`.outcome`)"),
            };
        }
        diagnostic
    }

    /// Warns about sections that nothing leads to or explains with.
    fn unused_sections(&mut self, links: &[Id]) {
        let mut used: HashSet<&str> = links.iter().map(Id::as_str).collect();
        used.extend(
            self.guide
                .questions
                .iter()
                .filter_map(|q| q.section.as_ref())
                .map(Id::as_str),
        );
        used.extend(
            self.guide
                .ladder
                .iter()
                .flat_map(|l| &l.entries)
                .map(|r| r.target.as_str()),
        );
        for section in &self.guide.sections {
            if !used.contains(section.id.as_str()) {
                self.diagnostics.push(
                    Diagnostic::warning(
                        Code::UnusedSection,
                        section.id.span(),
                        format!("nothing uses the section `{}`", section.id),
                    )
                    .with_label("no question, link or ladder rung names this section")
                    .with_hint(format!(
                        "name it from a question (`Section: {}`) or link to it, or remove it",
                        section.id
                    )),
                );
            }
        }
    }
}

fn unique<'g>(
    seen: &mut HashMap<&'g str, &'g Id>,
    id: &'g Id,
    what: &str,
    diagnostics: &mut Vec<Diagnostic>,
) {
    if id.as_str().is_empty() {
        return; // A missing id was reported where it was read.
    }
    match seen.get(id.as_str()) {
        Some(first) => diagnostics.push(
            Diagnostic::error(
                Code::DuplicateId,
                id.span(),
                format!("the {what} `{id}` is used twice"),
            )
            .with_label("second use")
            .with_note(first.span(), "first used here")
            .with_hint("give each part its own id"),
        ),
        None => {
            seen.insert(id.as_str(), id);
        }
    }
}

fn repeated(
    question: &Id,
    span: crate::source::Span,
    first: crate::source::Span,
    what: &str,
) -> Diagnostic {
    Diagnostic::error(
        Code::RepeatedAnswer,
        span,
        format!("the question `{question}` offers the same answer twice"),
    )
    .with_label(format!("same {what} as an earlier answer"))
    .with_note(first, "first offered here")
    .with_hint("give each answer its own words, or remove the repeat")
}
