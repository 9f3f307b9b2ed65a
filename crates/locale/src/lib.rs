//! Unstuck's own words — buttons, "Step 2", "You can change your answer
//! later", error pages, the support summary's labels — in every language
//! it ships, as [Project Fluent](https://projectfluent.org) messages.
//!
//! The messages live in `messages/LANG.ftl`, compiled into the binary:
//! this crate is pure data and does no I/O. English is complete by
//! definition and the fallback for any message a language lacks (the
//! tests hold every language to English's set of messages and variables).
//! Plural rules and grammar live in the messages, not in the code: a
//! caller passes numbers and texts as [`Arg`]s and gets a finished string.
//!
//! The support summary's text is written here too ([`Locale::summary_text`]),
//! with its labels in the reader's language.
//!
//! A guide's own text is not here: guides are translated in PO files
//! (`unstuck translate`), and a guide's `lang` picks the [`Locale`] its
//! pages speak.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use std::sync::LazyLock;
use unic_langid::LanguageIdentifier;
use unstuck_core::engine::{Summary, SummaryLabels};

/// Which way a language's text runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Left to right (English, German, …).
    Ltr,
    /// Right to left (Arabic).
    Rtl,
}

impl Direction {
    /// The value of an HTML `dir` attribute.
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Ltr => "ltr",
            Direction::Rtl => "rtl",
        }
    }
}

/// A value given to a message's variable.
#[derive(Debug, Clone, Copy)]
pub enum Arg<'a> {
    /// Text, inserted as it is.
    Text(&'a str),
    /// A count: picks the plural form where the message has one.
    Number(u64),
}

/// The interface text of one language.
pub struct Locale {
    tag: &'static str,
    name: &'static str,
    bundle: FluentBundle<FluentResource>,
}

impl std::fmt::Debug for Locale {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Locale").field("tag", &self.tag).finish()
    }
}

/// The message files, by tag, with each language's name in itself.
pub const SOURCES: [(&str, &str, &str); 5] = [
    ("en", "English", include_str!("../messages/en.ftl")),
    ("de", "Deutsch", include_str!("../messages/de.ftl")),
    ("fr", "Français", include_str!("../messages/fr.ftl")),
    ("es", "Español", include_str!("../messages/es.ftl")),
    ("ar", "العربية", include_str!("../messages/ar.ftl")),
];

static LOCALES: LazyLock<Vec<Locale>> = LazyLock::new(|| {
    SOURCES
        .iter()
        .map(|&(tag, name, source)| Locale::parse(tag, name, source))
        .collect()
});

/// English: complete, and the fallback of every other language.
pub fn english() -> &'static Locale {
    &LOCALES[0]
}

/// Every shipped language, English first.
pub fn all() -> &'static [Locale] {
    &LOCALES
}

/// The locale for a BCP 47 tag (`de`, `de-AT`, `ar-EG`), by its language;
/// English when none of ours matches.
pub fn locale(tag: &str) -> &'static Locale {
    let wanted: Option<LanguageIdentifier> = tag.parse().ok();
    let language = wanted.as_ref().map(|id| id.language.as_str());
    LOCALES
        .iter()
        .find(|locale| Some(locale.tag) == language)
        .unwrap_or_else(english)
}

/// A language's name in itself (`Deutsch` for `de-AT`): its tag when
/// Unstuck does not speak it.
pub fn language_name(tag: &str) -> &str {
    let found = locale(tag);
    let language = tag.split(['-', '_']).next().unwrap_or("");
    if found.tag.eq_ignore_ascii_case(language) {
        found.name
    } else {
        tag
    }
}

/// Which way text in the language tagged `tag` runs: right to left for
/// the languages written in Arabic or Hebrew script, whether or not
/// Unstuck speaks them.
pub fn direction_of(tag: &str) -> Direction {
    const RIGHT_TO_LEFT: [&str; 9] = ["ar", "dv", "fa", "he", "ps", "sd", "ug", "ur", "yi"];
    let language = tag.split(['-', '_']).next().unwrap_or("");
    if RIGHT_TO_LEFT
        .iter()
        .any(|rtl| rtl.eq_ignore_ascii_case(language))
    {
        Direction::Rtl
    } else {
        Direction::Ltr
    }
}

/// The best of `available` (BCP 47 tags) for an `Accept-Language` header,
/// by the header's order and weights; `None` when nothing matches.
pub fn negotiate<'a>(accept_language: &str, available: &[&'a str]) -> Option<&'a str> {
    let requested = fluent_langneg::accepted_languages::parse(accept_language);
    let offered: Vec<(LanguageIdentifier, &'a str)> = available
        .iter()
        .filter_map(|tag| Some((tag.parse().ok()?, *tag)))
        .collect();
    let ids: Vec<&LanguageIdentifier> = offered.iter().map(|(id, _)| id).collect();
    let chosen = fluent_langneg::negotiate_languages(
        &requested,
        &ids,
        None,
        fluent_langneg::NegotiationStrategy::Lookup,
    );
    let best = chosen.first()?;
    offered
        .iter()
        .find(|(id, _)| id == **best)
        .map(|(_, tag)| *tag)
}

impl Locale {
    fn parse(tag: &'static str, name: &'static str, source: &str) -> Self {
        let resource = match FluentResource::try_new(source.to_owned()) {
            Ok(resource) => resource,
            // The tests parse every file: a broken one never ships, and
            // whatever parsed still serves (the rest falls back to English).
            Err((resource, _)) => resource,
        };
        let id: LanguageIdentifier = tag.parse().unwrap_or_default();
        let mut bundle = FluentBundle::new_concurrent(vec![id]);
        // No invisible isolation marks: pages set `dir` themselves, and
        // copied text (the support summary) stays clean.
        bundle.set_use_isolating(false);
        let _ = bundle.add_resource(resource);
        Self { tag, name, bundle }
    }

    /// The language's BCP 47 tag (`de`).
    pub fn tag(&self) -> &'static str {
        self.tag
    }

    /// The language's name in itself (`Deutsch`), for a language switcher.
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// Which way the language's text runs.
    pub fn direction(&self) -> Direction {
        direction_of(self.tag)
    }

    /// The message `id`, which takes no variables.
    pub fn text(&self, id: &str) -> String {
        self.format(id, &[])
    }

    /// The message `id` with its variables set: in this language, or in
    /// English if this one lacks it, or the id itself if no language has
    /// it (the tests keep that from happening).
    pub fn format(&self, id: &str, args: &[(&str, Arg<'_>)]) -> String {
        let mut fluent_args = FluentArgs::with_capacity(args.len());
        for (name, value) in args {
            let value = match *value {
                Arg::Text(text) => FluentValue::from(text),
                Arg::Number(number) => FluentValue::from(number),
            };
            fluent_args.set(*name, value);
        }
        [self, english()]
            .into_iter()
            .find_map(|locale| locale.formatted(id, &fluent_args))
            .unwrap_or_else(|| id.to_owned())
    }

    /// A support summary as text, with its labels in this language.
    pub fn summary_text(&self, summary: &Summary) -> String {
        let [title, outcome, not_reached, answers_given] = [
            "summary",
            "summary-outcome",
            "summary-not-reached",
            "summary-answers-given",
        ]
        .map(|id| self.text(id));
        summary.to_text_in(&SummaryLabels {
            title: &title,
            outcome: &outcome,
            not_reached: &not_reached,
            answers_given: &answers_given,
        })
    }

    fn formatted(&self, id: &str, args: &FluentArgs<'_>) -> Option<String> {
        let pattern = self.bundle.get_message(id)?.value()?;
        let mut errors = Vec::new();
        let text = self.bundle.format_pattern(pattern, Some(args), &mut errors);
        Some(text.into_owned())
    }
}
