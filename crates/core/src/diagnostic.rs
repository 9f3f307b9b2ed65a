//! Diagnostics: what is wrong with a guide, where, and how to fix it.
//!
//! A [`Diagnostic`] is plain data. [`Diagnostic::render`] prints it the way
//! compilers do (file:line:col, the source line, a caret, a hint); it also
//! serialises to JSON for tools (`unstuck check --format json`).

use crate::source::{LineCol, Part, Source, Span, floor_char_boundary};
use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};
use serde::Serialize;

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Suspicious but legal: the guide still compiles.
    Warning,
    /// The guide cannot be used until this is fixed.
    Error,
}

/// The stable, searchable name of each kind of diagnostic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Code {
    /// The file is not valid UTF-8.
    NotUtf8,
    /// The file is empty or only white space.
    EmptyFile,
    /// The file is larger than a guide may be.
    FileTooLarge,
    /// The `+++` TOML front matter is missing.
    MissingFrontMatter,
    /// The front matter opens with `+++` but no `+++` line closes it.
    UnclosedFrontMatter,
    /// The front matter is not valid TOML or has a wrong or unknown key.
    InvalidFrontMatter,
    /// A required part of the guide or of a block is missing.
    MissingPart,
    /// A `##` heading does not say what kind of block it starts.
    UnknownBlockKind,
    /// Content that does not belong where it stands.
    UnexpectedContent,
    /// A line that starts like a field whose key is misspelled (`section:`,
    /// `Gut:`), which would otherwise be read as text.
    UnknownField,
    /// Raw HTML, images or other Markdown that guides do not allow.
    UnsupportedMarkdown,
    /// An id that is not lowercase letters, digits and dashes.
    InvalidId,
    /// Two things share one id.
    DuplicateId,
    /// A reference to an id that does not exist.
    UnknownTarget,
    /// A reference to an id of the wrong kind (say, an answer that leads to a section).
    WrongTargetKind,
    /// A question with fewer than two answers.
    TooFewAnswers,
    /// A question that offers the same answer twice.
    RepeatedAnswer,
    /// A shared file named by a `.include` heading that cannot be read.
    IncludeNotFound,
    /// A `[model]` mark on an item names no model of the guide.
    UnknownVariant,
    /// A question or outcome that no path reaches.
    Unreachable,
    /// Answers that lead round in a circle, so a path never ends.
    Cycle,
    /// A question fills a support fact that "What to capture" does not declare.
    UndeclaredFact,
    /// A text that is empty.
    EmptyText,
    /// A section that no question, triage entry, result or ladder rung uses.
    UnusedSection,
    /// A question with no section, so the user gets no instructions.
    QuestionWithoutSection,
    /// Two guides share one id.
    DuplicateGuide,
    /// A `Time:` that is not a duration in minutes or hours.
    InvalidTime,
    /// An answer share that is not a percentage, or a question's shares
    /// that do not add up to 100 %.
    InvalidShare,
    /// A translation file (PO) that cannot be read.
    InvalidPo,
    /// A translation's context names no text of the guide.
    UnknownMessage,
    /// A translated text whose links differ from the source text's.
    LinkMismatch,
    /// A translated text whose `[model]` marks differ from the source text's.
    MarkMismatch,
    /// A text with no translation yet: pages show the source text.
    MissingTranslation,
    /// A translation marked fuzzy: pages show the source text until it is reviewed.
    FuzzyTranslation,
    /// A translation made for an older source text.
    OutdatedTranslation,
    /// A translation file that translates no guide of the folder.
    UnusedTranslation,
}

impl Code {
    /// Every code, for documentation and tests.
    pub const ALL: &'static [Code] = &[
        Code::NotUtf8,
        Code::EmptyFile,
        Code::FileTooLarge,
        Code::MissingFrontMatter,
        Code::UnclosedFrontMatter,
        Code::InvalidFrontMatter,
        Code::MissingPart,
        Code::UnknownBlockKind,
        Code::UnexpectedContent,
        Code::UnknownField,
        Code::UnsupportedMarkdown,
        Code::InvalidId,
        Code::DuplicateId,
        Code::UnknownTarget,
        Code::WrongTargetKind,
        Code::TooFewAnswers,
        Code::RepeatedAnswer,
        Code::Unreachable,
        Code::Cycle,
        Code::UndeclaredFact,
        Code::EmptyText,
        Code::UnusedSection,
        Code::QuestionWithoutSection,
        Code::DuplicateGuide,
        Code::IncludeNotFound,
        Code::UnknownVariant,
        Code::InvalidTime,
        Code::InvalidShare,
        Code::InvalidPo,
        Code::UnknownMessage,
        Code::LinkMismatch,
        Code::MarkMismatch,
        Code::MissingTranslation,
        Code::FuzzyTranslation,
        Code::OutdatedTranslation,
        Code::UnusedTranslation,
    ];

    /// The code as written in diagnostics, e.g. `unknown-target`.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::NotUtf8 => "not-utf8",
            Code::EmptyFile => "empty-file",
            Code::FileTooLarge => "file-too-large",
            Code::MissingFrontMatter => "missing-front-matter",
            Code::UnclosedFrontMatter => "unclosed-front-matter",
            Code::InvalidFrontMatter => "invalid-front-matter",
            Code::MissingPart => "missing-part",
            Code::UnknownBlockKind => "unknown-block-kind",
            Code::UnexpectedContent => "unexpected-content",
            Code::UnknownField => "unknown-field",
            Code::UnsupportedMarkdown => "unsupported-markdown",
            Code::InvalidId => "invalid-id",
            Code::DuplicateId => "duplicate-id",
            Code::UnknownTarget => "unknown-target",
            Code::WrongTargetKind => "wrong-target-kind",
            Code::TooFewAnswers => "too-few-answers",
            Code::RepeatedAnswer => "repeated-answer",
            Code::Unreachable => "unreachable",
            Code::Cycle => "cycle",
            Code::UndeclaredFact => "undeclared-fact",
            Code::EmptyText => "empty-text",
            Code::UnusedSection => "unused-section",
            Code::QuestionWithoutSection => "question-without-section",
            Code::DuplicateGuide => "duplicate-guide",
            Code::IncludeNotFound => "include-not-found",
            Code::UnknownVariant => "unknown-variant",
            Code::InvalidTime => "invalid-time",
            Code::InvalidShare => "invalid-share",
            Code::InvalidPo => "invalid-po",
            Code::UnknownMessage => "unknown-message",
            Code::LinkMismatch => "link-mismatch",
            Code::MarkMismatch => "mark-mismatch",
            Code::MissingTranslation => "missing-translation",
            Code::FuzzyTranslation => "fuzzy-translation",
            Code::OutdatedTranslation => "outdated-translation",
            Code::UnusedTranslation => "unused-translation",
        }
    }
}

/// A secondary place that explains a diagnostic ("first defined here").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// Where.
    pub span: Span,
    /// What is there.
    pub label: String,
}

/// One problem found in a guide.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The stable name of this kind of problem.
    pub code: Code,
    /// What is wrong, in one sentence.
    pub message: String,
    /// Where it is wrong.
    pub span: Span,
    /// A short label shown under the caret.
    pub label: String,
    /// Related places.
    pub notes: Vec<Note>,
    /// How to fix it.
    pub hint: Option<String>,
}

impl Diagnostic {
    /// An error at `span`.
    pub fn error(code: Code, span: Span, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, code, span, message)
    }

    /// A warning at `span`.
    pub fn warning(code: Code, span: Span, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, code, span, message)
    }

    fn new(severity: Severity, code: Code, span: Span, message: impl Into<String>) -> Self {
        Self {
            severity,
            code,
            message: message.into(),
            span,
            label: String::new(),
            notes: Vec::new(),
            hint: None,
        }
    }

    /// Sets the label under the caret.
    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = label.into();
        self
    }

    /// Adds a related place.
    pub fn with_note(mut self, span: Span, label: impl Into<String>) -> Self {
        self.notes.push(Note {
            span,
            label: label.into(),
        });
        self
    }

    /// Sets the hint that says how to fix the problem.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Whether this diagnostic stops the guide from compiling.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Renders the diagnostic as a compiler would: a header, `file:line:col`,
    /// the source line with a caret under the problem, and the hint.
    ///
    /// `styled` adds terminal colours.
    pub fn render(&self, source: &Source<'_>, styled: bool) -> String {
        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        // Spans within the file that holds them (a guide, or a shared file).
        let local = |part: &Part<'_>, span: &Span| {
            let start = floor_char_boundary(part.text, span.start.saturating_sub(part.start));
            let end = span.end.saturating_sub(part.start).min(part.text.len());
            start..floor_char_boundary(part.text, end).max(start)
        };
        let primary = source.part(self.span.start);
        let mut snippet = Snippet::source(primary.text).path(primary.name).annotation(
            AnnotationKind::Primary
                .span(local(&primary, &self.span))
                .label(non_empty(&self.label)),
        );
        let mut elsewhere = Vec::new();
        for note in &self.notes {
            let part = source.part(note.span.start);
            let annotation = AnnotationKind::Context
                .span(local(&part, &note.span))
                .label(non_empty(&note.label));
            if part == primary {
                snippet = snippet.annotation(annotation);
            } else {
                elsewhere.push(
                    Snippet::source(part.text)
                        .path(part.name)
                        .annotation(annotation),
                );
            }
        }
        let title = level
            .primary_title(self.message.as_str())
            .id(self.code.as_str());
        // A diagnostic about a whole file or folder (no text to show):
        // only where it is.
        let mut title = if primary.text.is_empty() {
            title.element(Origin::path(primary.name))
        } else {
            title.element(snippet)
        };
        for snippet in elsewhere {
            title = title.element(snippet);
        }
        if let Some(hint) = &self.hint {
            title = title.element(Level::HELP.message(hint.as_str()));
        }
        let report: [Group<'_>; 1] = [title];
        let renderer = if styled {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        renderer.render(&report)
    }

    /// The diagnostic as plain serialisable data, with line and column.
    pub fn to_record<'a>(&'a self, source: &Source<'a>) -> DiagnosticRecord<'a> {
        DiagnosticRecord {
            file: source.part(self.span.start).name,
            severity: self.severity,
            code: self.code,
            message: &self.message,
            start: source.line_col(self.span.start),
            end: source.line_col(self.span.end),
            label: &self.label,
            hint: self.hint.as_deref(),
        }
    }
}

/// A diagnostic in the shape `--format json` prints.
#[derive(Debug, Serialize)]
pub struct DiagnosticRecord<'a> {
    /// The file, as given.
    pub file: &'a str,
    /// `error` or `warning`.
    pub severity: Severity,
    /// The stable code, e.g. `unknown-target`.
    pub code: Code,
    /// What is wrong.
    pub message: &'a str,
    /// Where the problem starts.
    pub start: LineCol,
    /// Where it ends.
    pub end: LineCol,
    /// The label under the caret.
    pub label: &'a str,
    /// How to fix it.
    pub hint: Option<&'a str>,
}

fn non_empty(label: &str) -> Option<&str> {
    (!label.is_empty()).then_some(label)
}
