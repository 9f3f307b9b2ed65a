//! The guides a server serves, and the catalog search over them.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use unstuck_core::Guide;

/// The compiled guides being served: the guides as written, and their
/// translations, one shelf per language.
#[derive(Debug, Default)]
pub struct Library {
    written: Shelf,
    /// Translations by language tag, in tag order.
    translated: BTreeMap<String, Shelf>,
    /// The language most guides are written in.
    written_lang: String,
    version: String,
}

/// Guides of one kind (as written, or translated into one language), in
/// title order, with what a search looks in.
#[derive(Debug, Default)]
struct Shelf {
    guides: Vec<Arc<Guide>>,
    by_id: HashMap<String, usize>,
    /// Per guide, the fields a search looks in: (label's message id, text,
    /// lowercase text).
    fields: Vec<Vec<Field>>,
}

#[derive(Debug)]
struct Field {
    label: &'static str,
    text: String,
    lower: String,
    /// `lower` without spaces or dashes: `smartlock` finds "smart lock".
    compact: String,
}

impl Field {
    /// Whether a search word is in the text, as written or as one word
    /// (`smartlock` in "smart lock").
    fn holds(&self, word: &str) -> bool {
        self.lower.contains(word) || self.compact.contains(word)
    }
}

/// A guide found by a search, with the text that matched best.
#[derive(Debug)]
pub(crate) struct Hit<'a> {
    pub(crate) guide: &'a Guide,
    /// What matched beyond the title, by its label's message id:
    /// ("match-symptom", text), ("match-faq", question)…
    pub(crate) matched: Option<(&'static str, String)>,
}

/// Where a guide stands in the catalog, served or static: by title, then id.
pub(crate) fn catalog_order(guide: &Guide) -> (String, String) {
    (guide.title.plain().to_lowercase(), guide.id.to_string())
}

/// The words a search may have, at most.
const MAX_WORDS: usize = 8;

impl Library {
    /// A library of `guides`: guides as written (their ids unique; the
    /// loader checks) and translations of them (`translated_from` set),
    /// shelved by language.
    pub fn new(guides: Vec<Guide>) -> Self {
        let (written, translations): (Vec<Guide>, Vec<Guide>) = guides
            .into_iter()
            .partition(|guide| guide.translated_from.is_none());
        let mut by_lang: BTreeMap<String, Vec<Guide>> = BTreeMap::new();
        for guide in translations {
            by_lang.entry(guide.lang.clone()).or_default().push(guide);
        }
        let written = Shelf::new(written);
        let translated: BTreeMap<String, Shelf> = (by_lang.into_iter())
            .map(|(lang, guides)| (lang, Shelf::new(guides)))
            .collect();
        let version = std::iter::once(&written)
            .chain(translated.values())
            .flat_map(|shelf| &shelf.guides)
            .map(|g| format!("{}{}", g.lang, g.version))
            .collect::<Vec<_>>()
            .join("-");
        let written_lang = most_common_lang(&written.guides);
        Self {
            written,
            translated,
            written_lang,
            version,
        }
    }

    /// The guide with this id, as written.
    pub fn get(&self, id: &str) -> Option<&Arc<Guide>> {
        self.written.get(id)
    }

    /// The guide with this id in the language `lang` (`None`: as written).
    pub fn get_in(&self, lang: Option<&str>, id: &str) -> Option<&Arc<Guide>> {
        match lang {
            None => self.get(id),
            Some(lang) => self.translated.get(lang)?.get(id),
        }
    }

    /// All guides as written, in title order.
    pub fn guides(&self) -> &[Arc<Guide>] {
        &self.written.guides
    }

    /// The languages guides are translated into, in tag order.
    pub fn languages(&self) -> impl Iterator<Item = &str> {
        self.translated.keys().map(String::as_str)
    }

    /// The language most guides are written in (`en` when there are none).
    pub fn written_lang(&self) -> &str {
        &self.written_lang
    }

    /// Every guide as a reader of `lang` (`None`: as written) finds it in
    /// the catalog: its translation where there is one, else as written;
    /// in title order.
    pub(crate) fn catalog(&self, lang: Option<&str>) -> Vec<&Arc<Guide>> {
        let shelf = lang.and_then(|lang| self.translated.get(lang));
        let mut guides: Vec<&Arc<Guide>> = (self.written.guides.iter())
            .map(|guide| {
                shelf
                    .and_then(|shelf| shelf.get(guide.id.as_str()))
                    .unwrap_or(guide)
            })
            .collect();
        guides.sort_by_cached_key(|guide| catalog_order(guide));
        guides
    }

    /// The guide `id` in every language it can be read in: as written
    /// first, then its translations in tag order.
    pub(crate) fn editions(&self, id: &str) -> Vec<&Arc<Guide>> {
        std::iter::once(&self.written)
            .chain(self.translated.values())
            .filter_map(|shelf| shelf.get(id))
            .collect()
    }

    /// Changes whenever any guide changes: part of the catalog's cache key.
    pub(crate) fn version(&self) -> &str {
        &self.version
    }

    /// Guides (in `lang`'s catalog) whose title, summary, symptoms
    /// (triage) or FAQ questions contain every word `query` is searching
    /// for (`search_words`), best first.
    pub(crate) fn search(&self, lang: Option<&str>, query: &str) -> Vec<Hit<'_>> {
        let words = crate::search_words::search_words(query, MAX_WORDS);
        if words.is_empty() {
            return Vec::new();
        }
        let translated = lang.and_then(|lang| self.translated.get(lang));
        let mut hits: Vec<(usize, Hit<'_>)> = Vec::new();
        for (written, written_fields) in self.written.guides.iter().zip(&self.written.fields) {
            let (guide, fields) = translated
                .and_then(|shelf| {
                    let index = *shelf.by_id.get(written.id.as_str())?;
                    Some((&shelf.guides[index], &shelf.fields[index]))
                })
                .unwrap_or((written, written_fields));
            if !words
                .iter()
                .all(|word| fields.iter().any(|f| f.holds(word)))
            {
                continue;
            }
            let count = |field: &Field| words.iter().filter(|word| field.holds(word)).count();
            let best = fields[1..]
                .iter()
                .map(|field| (count(field), field))
                .filter(|(n, _)| *n > 0)
                .max_by_key(|(n, _)| *n);
            let score = count(&fields[0]) * 3 + best.map_or(0, |(n, _)| n);
            let matched = best.map(|(_, field)| (field.label, field.text.clone()));
            hits.push((score, Hit { guide, matched }));
        }
        hits.sort_by_key(|(score, _)| std::cmp::Reverse(*score));
        hits.into_iter().map(|(_, hit)| hit).collect()
    }
}

impl Shelf {
    fn new(mut guides: Vec<Guide>) -> Self {
        guides.sort_by_cached_key(catalog_order);
        let guides: Vec<Arc<Guide>> = guides.into_iter().map(Arc::new).collect();
        let by_id = (guides.iter().enumerate())
            .map(|(index, guide)| (guide.id.to_string(), index))
            .collect();
        let fields = guides.iter().map(|guide| searchable(guide)).collect();
        Self {
            guides,
            by_id,
            fields,
        }
    }

    fn get(&self, id: &str) -> Option<&Arc<Guide>> {
        self.guides.get(*self.by_id.get(id)?)
    }
}

/// The language most of `guides` are written in (`en` when there are none).
fn most_common_lang(guides: &[Arc<Guide>]) -> String {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for guide in guides {
        *counts.entry(guide.lang.as_str()).or_default() += 1;
    }
    (counts.into_iter())
        .max_by_key(|(_, count)| *count)
        .map_or("en", |(lang, _)| lang)
        .to_owned()
}

/// The texts a search looks in, the title first.
fn searchable(guide: &Guide) -> Vec<Field> {
    let mut fields = vec![
        ("match-title", guide.title.plain()),
        ("match-summary", guide.summary.plain()),
    ];
    for entry in guide.triage.iter().flat_map(|t| &t.entries) {
        let text = format!("{}: {}", entry.label.plain(), entry.description.plain());
        fields.push(("match-symptom", text));
    }
    for entry in guide.faq.iter().flat_map(|f| &f.entries) {
        fields.push(("match-faq", entry.question.plain()));
    }
    fields
        .into_iter()
        .map(|(label, text)| {
            let lower = text.to_lowercase();
            Field {
                label,
                compact: crate::search_words::compact(&lower),
                lower,
                text,
            }
        })
        .collect()
}
