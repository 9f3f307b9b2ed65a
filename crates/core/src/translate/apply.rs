//! A guide in another language: the source guide's structure with the
//! catalog's texts, and what is wrong with the catalog.
//!
//! Only texts change. Ids, targets, order, model marks and times stay the
//! source's, so a translated guide has exactly the source's decision
//! graph. A text without a current, checked translation (missing, fuzzy,
//! made for an older source text, or with problems) is shown in the
//! source's language: never empty, never stale.

use super::checks;
use super::po::{Catalog, Message};
use super::texts::{each_text, message_id};
use crate::diagnostic::{Code, Diagnostic};
use crate::model::{FNV_OFFSET, Guide, fnv1a};
use std::collections::HashMap;
use std::fmt;

/// A translated guide, what is wrong with its catalog, and how much of it
/// is translated.
#[derive(Debug, Clone)]
pub struct Translated {
    /// The guide in the catalog's language.
    pub guide: Guide,
    /// Problems of the catalog; spans point into its file.
    pub diagnostics: Vec<Diagnostic>,
    /// How many texts are translated.
    pub coverage: Coverage,
}

/// How much of a guide a catalog translates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Coverage {
    /// The language (`de`).
    pub lang: String,
    /// The guide's texts.
    pub total: usize,
    /// Texts with a current, checked translation.
    pub translated: usize,
    /// Texts whose translation waits for review: fuzzy, or made for an
    /// older source text.
    pub fuzzy: usize,
}

impl Coverage {
    /// Texts with no translation at all.
    pub fn untranslated(&self) -> usize {
        self.total - self.translated - self.fuzzy
    }

    /// Whether every text is translated.
    pub fn is_complete(&self) -> bool {
        self.translated == self.total
    }

    /// Adds another guide's coverage in the same language, for a
    /// language's total.
    pub fn add(&mut self, other: &Coverage) {
        self.total += other.total;
        self.translated += other.translated;
        self.fuzzy += other.fuzzy;
    }

    /// The share translated, in whole percent, rounded down (so 100 %
    /// means every text).
    pub fn percent(&self) -> usize {
        (self.translated * 100)
            .checked_div(self.total)
            .unwrap_or(100)
    }
}

/// `de: 96 % translated, 3 fuzzy`.
impl fmt::Display for Coverage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {} % translated", self.lang, self.percent())?;
        if self.fuzzy > 0 {
            write!(f, ", {} fuzzy", self.fuzzy)?;
        }
        match self.untranslated() {
            0 => Ok(()),
            n => write!(f, ", {n} untranslated"),
        }
    }
}

/// `source` in the language `lang`, with the texts of `catalog` (the
/// messages of the guide's PO file and those of its shared files, spans
/// into one text as [`Source::with_included`](crate::Source::with_included)
/// names them).
pub fn translate(source: &Guide, catalog: &Catalog, lang: &str) -> Translated {
    let mut by_context: HashMap<&str, &Message> = HashMap::new();
    let mut diagnostics = Vec::new();
    for message in catalog.current() {
        by_context.insert(message.context.as_deref().unwrap_or(""), message);
    }
    let mut guide = source.clone();
    let mut coverage = Coverage {
        lang: lang.to_owned(),
        total: 0,
        translated: 0,
        fuzzy: 0,
    };
    let mut absent = Vec::new();
    let mut empty = Vec::new();
    let mut version = fnv1a(
        fnv1a(FNV_OFFSET, source.version.as_bytes()),
        lang.as_bytes(),
    );
    each_text(&mut guide, &mut |field| {
        coverage.total += 1;
        let Some(message) = by_context.remove(field.context.as_str()) else {
            absent.push(field.context);
            return;
        };
        let expected = message_id(field.text);
        if message.translation.is_empty() {
            empty.push(message);
        } else if message.is_fuzzy() {
            coverage.fuzzy += 1;
            diagnostics.push(fuzzy(message));
        } else if message.id != expected {
            coverage.fuzzy += 1;
            diagnostics.push(outdated(message, &expected));
        } else {
            match checks::check(field.text, field.markable, message) {
                Ok(markdown) => {
                    coverage.translated += 1;
                    version = fnv1a(
                        fnv1a(version, field.context.as_bytes()),
                        markdown.as_bytes(),
                    );
                    *field.text = field.text.translated(markdown);
                }
                Err(mut problems) => diagnostics.append(&mut problems),
            }
        }
    });
    for message in by_context.into_values() {
        diagnostics.push(unknown(message, source));
    }
    if empty.len() > MOST_EMPTY_SHOWN {
        diagnostics.push(many_untranslated(&empty));
    } else {
        diagnostics.extend(empty.into_iter().map(untranslated));
    }
    if !absent.is_empty() {
        diagnostics.push(not_in_file(&absent, lang));
    }
    diagnostics.sort_by_key(|d| (d.span.start, d.span.end));
    guide.translated_from = Some(std::mem::replace(&mut guide.lang, lang.to_owned()));
    guide.version = format!("{version:016x}");
    Translated {
        guide,
        diagnostics,
        coverage,
    }
}

fn untranslated(message: &Message) -> Diagnostic {
    Diagnostic::warning(
        Code::MissingTranslation,
        message.translation_span.clone(),
        "this text is not translated yet; pages show the source text",
    )
    .with_label("empty translation")
    .with_hint("write the translation in `msgstr`")
}

/// Empty translations reported one by one; more make one warning (a new
/// language's file would otherwise bury everything else under them). Also
/// how many contexts a warning about many texts names.
const MOST_EMPTY_SHOWN: usize = 3;

/// The first few of `contexts`, quoted, and how many more there are:
/// "`#a/title`, `#b/goal`, `#c/help` and 7 more".
fn first_few<'a>(contexts: impl ExactSizeIterator<Item = &'a str>) -> String {
    let total = contexts.len();
    let shown: Vec<String> = contexts
        .take(MOST_EMPTY_SHOWN)
        .map(|context| format!("`{context}`"))
        .collect();
    match total - shown.len() {
        0 => shown.join(", "),
        more => format!("{} and {more} more", shown.join(", ")),
    }
}

fn many_untranslated(empty: &[&Message]) -> Diagnostic {
    let contexts = empty.iter().map(|m| m.context.as_deref().unwrap_or(""));
    Diagnostic::warning(
        Code::MissingTranslation,
        empty[0].translation_span.clone(),
        format!(
            "{} texts are not translated yet ({}); pages show the source text",
            empty.len(),
            first_few(contexts)
        ),
    )
    .with_label("the first empty translation")
    .with_hint("write the translations in their `msgstr`; a PO editor (Poedit, Lokalize, Weblate) lists them")
}

fn fuzzy(message: &Message) -> Diagnostic {
    Diagnostic::warning(
        Code::FuzzyTranslation,
        message.span.clone(),
        "this translation is marked fuzzy: the source text changed, or it was guessed; \
         pages show the source text until it is reviewed",
    )
    .with_label("fuzzy")
    .with_hint(
        "compare the translation with the source text (`msgid`; `#| msgid` is the old one), \
         fix it, then delete the `fuzzy` flag and the `#|` lines",
    )
}

fn outdated(message: &Message, expected: &str) -> Diagnostic {
    Diagnostic::warning(
        Code::OutdatedTranslation,
        message.span.clone(),
        format!(
            "this translation was made for an older source text; the guide now says {expected:?}"
        ),
    )
    .with_label("source text changed")
    .with_hint(
        "run `unstuck translate extract` and `unstuck translate update LANG`: the entry \
         turns fuzzy with the new source text, ready for review",
    )
}

fn unknown(message: &Message, source: &Guide) -> Diagnostic {
    let context = message.context.as_deref().unwrap_or("");
    let what = match context {
        "" => "this message has no context, so it names no text of the guide".to_owned(),
        _ => format!("`{context}` names no text of the guide `{}`", source.id),
    };
    // A warning: the message is left out, and a catalog that lags behind
    // its guide (a part renamed, an answer reworded) must not stop the
    // site; the texts it no longer translates show in the source language.
    Diagnostic::warning(Code::UnknownMessage, message.context_span.clone(), what)
        .with_label("no such text: left out")
        .with_hint(
            "the context (`msgctxt`) is the part's id and field, as `unstuck translate extract` \
             writes it; run `unstuck translate update LANG` to keep texts the guide no longer has \
             as obsolete (`#~`)",
        )
}

fn not_in_file(absent: &[String], lang: &str) -> Diagnostic {
    Diagnostic::warning(
        Code::MissingTranslation,
        0..0,
        format!(
            "{} text(s) of the guide have no entry in this file: {}",
            absent.len(),
            first_few(absent.iter().map(String::as_str))
        ),
    )
    .with_label("file starts here")
    .with_hint(format!(
        "run `unstuck translate extract` and `unstuck translate update {lang}` to add them"
    ))
}
