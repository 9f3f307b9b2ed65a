//! A session in a URL query: one parameter per answered question
//! (`?keypad-lights=no&battery-fixed=no`), so every state is a link that can
//! be bookmarked, shared and reloaded, and the back button works.
//!
//! Besides answers, a query may carry `from` (the triage entry), `ack` (a
//! caution acknowledged, repeatable), `change` (re-ask an answered
//! question), `was` (`question.answer` before a change, to say what it
//! changed), `sent` (feedback was sent), `variant` (the model chosen) and
//! `fact-ID` (a support-summary value only the person knows). Question ids may not take these names
//! ([`is_reserved`]); the compiler enforces it. Parameters that link tools
//! add (`utm_source`, `fbclid`, …) are ignored.

use super::{Session, SessionError, Walk, walk};
use crate::model::{Guide, Node};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};
use thiserror::Error;

/// The longest query accepted, in bytes.
pub const MAX_QUERY_BYTES: usize = 4096;

/// Keys a query uses for other things than answers.
const RESERVED: [&str; 6] = ["from", "ack", "change", "was", "sent", "variant"];

/// The prefix of support-summary values: `fact-lock-model=…`.
const FACT_PREFIX: &str = "fact-";

/// The longest support-summary value kept, in characters.
pub const MAX_FACT_CHARS: usize = 200;

/// Whether a question id would clash with a query key of its own.
pub fn is_reserved(id: &str) -> bool {
    RESERVED.contains(&id) || id.starts_with(FACT_PREFIX)
}

/// Click ids that link tools add to an address, which a question id could
/// also be (ids hold no `_`, so `utm_source` and the like never can).
const CLICK_IDS: [&str; 9] = [
    "fbclid", "gclid", "gbraid", "wbraid", "dclid", "msclkid", "igshid", "twclid", "yclid",
];

/// Whether `key` is a parameter that shares, ads and messaging tools add to
/// a link (`utm_source`, `fbclid`, …) rather than an answer: ignored, so a
/// shared link opens the page it names. A key with `_` is never a question
/// id; a click id is one unless the guide has a question so named.
fn is_tracking(guide: &Guide, key: &str) -> bool {
    key.contains('_') || (CLICK_IDS.contains(&key) && guide.question_index(key).is_none())
}

/// Everything a guide page's query says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FlowQuery {
    /// The answers, entry and acknowledgements.
    pub session: Session,
    /// The question to re-ask, by index.
    pub change: Option<usize>,
    /// The answer a question had before it was changed: `(question, answer)`.
    pub was: Option<(usize, usize)>,
    /// Whether feedback was just sent.
    pub sent: bool,
    /// Support-summary values typed by the person: `(fact id, value)`.
    pub facts: Vec<(String, String)>,
}

/// Why a query could not be read. Each carries the query of the last good
/// state: everything before the problem.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum QueryError {
    /// Longer than [`MAX_QUERY_BYTES`].
    #[error("the address is too long ({len} bytes; at most {max})")]
    TooLong {
        /// Its length.
        len: usize,
        /// The limit.
        max: usize,
    },
    /// Not valid percent-encoded UTF-8, or a key without a value.
    #[error("the address is damaged near `{part}`")]
    Malformed {
        /// The part that could not be read.
        part: String,
        /// The state before it.
        good: String,
    },
    /// A question, answer, entry or section the guide does not have.
    #[error("{error}")]
    Unknown {
        /// What is unknown, with the valid choices.
        error: SessionError,
        /// The state before it.
        good: String,
    },
    /// The same question answered twice in one address.
    #[error("the question `{question}` is answered twice in the address")]
    Repeated {
        /// The question.
        question: String,
        /// The state before it.
        good: String,
    },
}

impl QueryError {
    /// The query of the last good state (empty: the guide's start).
    pub fn good_query(&self) -> &str {
        match self {
            QueryError::TooLong { .. } => "",
            QueryError::Malformed { good, .. }
            | QueryError::Unknown { good, .. }
            | QueryError::Repeated { good, .. } => good,
        }
    }
}

/// Reads a raw (still percent-encoded) query for `guide`.
pub fn parse(guide: &Guide, raw: &str) -> Result<FlowQuery, QueryError> {
    if raw.len() > MAX_QUERY_BYTES {
        return Err(QueryError::TooLong {
            len: raw.len(),
            max: MAX_QUERY_BYTES,
        });
    }
    let mut query = FlowQuery::default();
    let mut entry: Option<String> = None;
    let mut answers: Vec<(String, String)> = Vec::new();
    let mut acks: Vec<String> = Vec::new();
    let mut change: Option<String> = None;
    let mut was: Option<String> = None;
    let mut variant: Option<String> = None;
    for part in raw.split('&').filter(|p| !p.is_empty()) {
        let good = || canonical_parts(entry.as_deref(), &answers, &acks);
        let (key, value) = part.split_once('=').unwrap_or((part, ""));
        let (Some(key), Some(value)) = (decode(key), decode(value)) else {
            return Err(QueryError::Malformed {
                part: part.chars().take(40).collect(),
                good: good(),
            });
        };
        match key.as_str() {
            "from" => entry = Some(value),
            "ack" => acks.push(value),
            "change" => change = Some(value),
            "was" => was = Some(value),
            "sent" => query.sent = true,
            "variant" => variant = Some(value),
            key if key.starts_with(FACT_PREFIX) => {
                let value: String = value.trim().chars().take(MAX_FACT_CHARS).collect();
                query
                    .facts
                    .push((key[FACT_PREFIX.len()..].to_owned(), value));
            }
            key if is_tracking(guide, key) => {}
            _ if value.is_empty() => {
                return Err(QueryError::Malformed {
                    part: part.chars().take(40).collect(),
                    good: good(),
                });
            }
            _ if answers.iter().any(|(q, _)| *q == key) => {
                return Err(QueryError::Repeated {
                    question: key,
                    good: good(),
                });
            }
            _ => {
                if let Err(error) = super::session::answer_index(guide, &key, &value) {
                    return Err(QueryError::Unknown {
                        error,
                        good: good(),
                    });
                }
                answers.push((key, value));
            }
        }
    }
    let good = canonical_parts(entry.as_deref(), &answers, &acks);
    let unknown = |error| QueryError::Unknown {
        error,
        good: good.clone(),
    };
    query.session = Session::from_ids(
        guide,
        entry.as_deref(),
        answers.iter().map(|(q, a)| (q.as_str(), a.as_str())),
        acks.iter().map(String::as_str),
    )
    .map_err(unknown)?;
    if let Some(variant) = variant {
        let (index, _) = guide.variant(&variant).ok_or_else(|| {
            unknown(SessionError::UnknownVariant {
                variant: variant.clone(),
                valid: (guide.variants.iter().flat_map(|v| &v.entries))
                    .map(|v| v.id.to_string())
                    .collect(),
            })
        })?;
        query.session.set_variant(Some(index));
    }
    if let Some(question) = change {
        let index = guide.question_index(&question).ok_or_else(|| {
            unknown(SessionError::UnknownQuestion {
                question: question.clone(),
                valid: guide.questions.iter().map(|q| q.id.to_string()).collect(),
            })
        })?;
        query.change = Some(index);
    }
    if let Some(was) = was {
        let (question, answer) = was.split_once('.').unwrap_or((&was, ""));
        query.was = Some(super::session::answer_index(guide, question, answer).map_err(unknown)?);
    }
    Ok(query)
}

/// The canonical query of a session: `from`, then the answers on the path
/// in path order, then the other answers kept, then `ack`s. A page that
/// also needs the walk takes both from one [`Walked`].
pub fn to_query(guide: &Guide, session: &Session) -> String {
    Walked::new(guide, session).query
}

/// The canonical query of a fresh session started at `entry` (none: the
/// guide's start), without walking it.
pub fn entry_query(guide: &Guide, entry: Option<Node>) -> String {
    let pairs: Vec<(&str, &str)> = entry
        .map(|node| ("from", guide.node_id(node)))
        .into_iter()
        .collect();
    join(&pairs)
}

/// A session walked once, with its canonical query: everything a page of
/// that state needs, so that nothing on the page walks the session again.
/// The queries of the states one link away (another model, the previous
/// question) come from it too.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Walked<'g> {
    /// The walk of the session.
    pub walk: Walk,
    /// The `(key, value)` pairs of the canonical query, for forms.
    pub pairs: Vec<(&'g str, &'g str)>,
    /// The canonical query: the pairs joined.
    pub query: String,
}

impl<'g> Walked<'g> {
    /// Walks `session` and builds its canonical query.
    pub fn new(guide: &'g Guide, session: &Session) -> Self {
        let walk = walk(guide, session);
        let mut pairs: Vec<(&str, &str)> = Vec::new();
        if let Some(entry) = session.entry() {
            pairs.push(("from", guide.node_id(entry)));
        }
        if let Some(variant) = session.variant().and_then(|n| variant_id(guide, n)) {
            pairs.push(("variant", variant));
        }
        for step in walk.path.iter().chain(&walk.ignored) {
            let question = &guide.questions[step.question];
            pairs.push((
                question.id.as_str(),
                question.answers[step.answer].id.as_str(),
            ));
        }
        for section in session.acknowledged() {
            pairs.push(("ack", guide.sections[section].id.as_str()));
        }
        let query = join(&pairs);
        Self { walk, pairs, query }
    }

    /// The canonical query of the same session with the model `variant`
    /// (none: no model chosen). The model does not change the walk.
    pub fn query_with_variant(&self, guide: &'g Guide, variant: Option<usize>) -> String {
        let mut pairs: Vec<(&str, &str)> = (self.pairs.iter())
            .filter(|(key, _)| *key != "variant")
            .copied()
            .collect();
        if let Some(variant) = variant.and_then(|n| variant_id(guide, n)) {
            let after_entry = usize::from(pairs.first().is_some_and(|(key, _)| *key == "from"));
            pairs.insert(after_entry, ("variant", variant));
        }
        join(&pairs)
    }

    /// The canonical query of the previous question: the same session with
    /// the last answer on the path cleared (none at the first question).
    /// The path loses its last step; the answers off it stay as they are.
    pub fn query_before_last_answer(&self, guide: &Guide) -> Option<String> {
        let last = self.walk.path.last()?;
        let cleared = guide.questions[last.question].id.as_str();
        let pairs: Vec<(&str, &str)> = (self.pairs.iter())
            .filter(|(key, _)| *key != cleared)
            .copied()
            .collect();
        Some(join(&pairs))
    }
}

/// The id of model `n`, counted across the guide's models.
fn variant_id(guide: &Guide, n: usize) -> Option<&str> {
    (guide.variants.iter().flat_map(|v| &v.entries))
        .nth(n)
        .map(|variant| variant.id.as_str())
}

/// Joins `key=value` pairs into a query, percent-encoding both.
pub fn join(pairs: &[(&str, &str)]) -> String {
    let mut out = String::new();
    for (key, value) in pairs {
        if !out.is_empty() {
            out.push('&');
        }
        out.extend(utf8_percent_encode(key, COMPONENT));
        out.push('=');
        out.extend(utf8_percent_encode(value, COMPONENT));
    }
    out
}

/// Characters left as they are in query keys and values: ids and plain words.
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

fn canonical_parts(entry: Option<&str>, answers: &[(String, String)], acks: &[String]) -> String {
    let mut pairs: Vec<(&str, &str)> = Vec::new();
    pairs.extend(entry.map(|e| ("from", e)));
    pairs.extend(answers.iter().map(|(q, a)| (q.as_str(), a.as_str())));
    pairs.extend(acks.iter().map(|s| ("ack", s.as_str())));
    join(&pairs)
}

/// Percent-decodes a query component (`+` is a space), or `None` if it is
/// not UTF-8.
fn decode(component: &str) -> Option<String> {
    let spaced = component.replace('+', " ");
    percent_decode_str(&spaced)
        .decode_utf8()
        .ok()
        .map(|c| c.into_owned())
}
