//! The guides a server serves, and the catalog search over them.

use std::collections::HashMap;
use std::sync::Arc;
use unstuck_core::Guide;

/// The compiled guides being served, in title order.
#[derive(Debug, Default)]
pub struct Library {
    guides: Vec<Arc<Guide>>,
    by_id: HashMap<String, usize>,
    version: String,
    /// Per guide, the fields a search looks in: (label, text, lowercase text).
    fields: Vec<Vec<Field>>,
}

#[derive(Debug)]
struct Field {
    label: &'static str,
    text: String,
    lower: String,
}

/// A guide found by a search, with the text that matched best.
#[derive(Debug)]
pub(crate) struct Hit<'a> {
    pub(crate) guide: &'a Guide,
    /// What matched beyond the title: ("Symptom", text), ("FAQ", question)…
    pub(crate) matched: Option<(&'static str, String)>,
}

/// Where a guide stands in the catalog, served or static: by title, then id.
pub(crate) fn catalog_order(guide: &Guide) -> (String, String) {
    (guide.title.plain().to_lowercase(), guide.id.to_string())
}

/// The words a search may have, at most.
const MAX_WORDS: usize = 8;

impl Library {
    /// A library of `guides` (their ids must be unique; the loader checks).
    pub fn new(mut guides: Vec<Guide>) -> Self {
        guides.sort_by_cached_key(catalog_order);
        let guides: Vec<Arc<Guide>> = guides.into_iter().map(Arc::new).collect();
        let by_id = (guides.iter().enumerate())
            .map(|(index, guide)| (guide.id.to_string(), index))
            .collect();
        let version = guides
            .iter()
            .map(|g| g.version.as_str())
            .collect::<Vec<_>>()
            .join("-");
        let fields = guides.iter().map(|guide| searchable(guide)).collect();
        Self {
            guides,
            by_id,
            version,
            fields,
        }
    }

    /// The guide with this id.
    pub fn get(&self, id: &str) -> Option<&Arc<Guide>> {
        self.guides.get(*self.by_id.get(id)?)
    }

    /// All guides, in title order.
    pub fn guides(&self) -> &[Arc<Guide>] {
        &self.guides
    }

    /// Changes whenever any guide changes: part of the catalog's cache key.
    pub(crate) fn version(&self) -> &str {
        &self.version
    }

    /// Guides whose title, summary, symptoms (triage) or FAQ questions
    /// contain every word of `query`, best first.
    pub(crate) fn search(&self, query: &str) -> Vec<Hit<'_>> {
        let words: Vec<String> = query
            .split_whitespace()
            .take(MAX_WORDS)
            .map(str::to_lowercase)
            .collect();
        if words.is_empty() {
            return Vec::new();
        }
        let mut hits: Vec<(usize, Hit<'_>)> = Vec::new();
        for (guide, fields) in self.guides.iter().zip(&self.fields) {
            let found = |word: &String| fields.iter().any(|f| f.lower.contains(word.as_str()));
            if !words.iter().all(found) {
                continue;
            }
            let count = |field: &Field| {
                words
                    .iter()
                    .filter(|w| field.lower.contains(w.as_str()))
                    .count()
            };
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

/// The texts a search looks in, the title first.
fn searchable(guide: &Guide) -> Vec<Field> {
    let mut fields = vec![
        ("Title", guide.title.plain()),
        ("Summary", guide.summary.plain()),
    ];
    for entry in guide.triage.iter().flat_map(|t| &t.entries) {
        let text = format!("{}: {}", entry.label.plain(), entry.description.plain());
        fields.push(("Symptom", text));
    }
    for entry in guide.faq.iter().flat_map(|f| &f.entries) {
        fields.push(("FAQ", entry.question.plain()));
    }
    fields
        .into_iter()
        .map(|(label, text)| Field {
            label,
            lower: text.to_lowercase(),
            text,
        })
        .collect()
}
