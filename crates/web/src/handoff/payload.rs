//! The hand-off as every destination receives it: one JSON document, built
//! once when the hand-off is accepted and stored as is, so each attempt
//! sends the same bytes (and the same signature) and a receiver can use
//! `idempotency_key` to keep one copy. An email is written from it.

use super::contact::Contact;
use serde::{Deserialize, Serialize};
use unstuck_core::Guide;
use unstuck_core::engine::Summary;

/// What a destination receives. The field names are a contract with
/// receivers (see docs/deploy.md).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Payload {
    /// The short reference the person was given (`K7Q-4M2`).
    pub(crate) reference: String,
    /// Unique to this hand-off, the same on every attempt and destination.
    pub(crate) idempotency_key: String,
    /// The guide's id.
    pub(crate) guide: String,
    /// The guide's title.
    pub(crate) guide_title: String,
    /// The guide's version (a hash of its text).
    pub(crate) version: String,
    /// The guide's language, if it says.
    pub(crate) language: Option<String>,
    /// The escalation outcome's id.
    pub(crate) outcome: String,
    /// The outcome's title ("Call a locksmith").
    pub(crate) outcome_title: String,
    /// Every question answered on the way, in order.
    pub(crate) answers: Vec<Answer>,
    /// The support summary's facts, filled in from the answers and by the person.
    pub(crate) facts: Vec<Fact>,
    /// The titles of the sections worked through.
    pub(crate) steps_tried: Vec<String>,
    /// How to reach the person.
    pub(crate) contact: Contact,
    /// When it was sent, RFC 3339 in UTC.
    pub(crate) time: String,
    /// The support summary as plain text, ready to paste into a ticket.
    pub(crate) summary: String,
}

/// A question answered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Answer {
    /// The question's id.
    pub(crate) question_id: String,
    /// The question as asked.
    pub(crate) question: String,
    /// The answer given.
    pub(crate) answer: String,
}

/// A fact of the support summary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Fact {
    /// The fact's id.
    pub(crate) id: String,
    /// What it is.
    pub(crate) label: String,
    /// Its value, or none when nobody filled it in.
    pub(crate) value: Option<String>,
}

impl Payload {
    /// The hand-off of `summary` (which reached `outcome`, an escalation of
    /// `guide`) with `contact`, under `reference` and `idempotency_key`,
    /// sent at `now` (seconds since the epoch).
    pub(crate) fn new(
        guide: &Guide,
        (outcome, summary): (usize, &Summary),
        contact: Contact,
        (reference, idempotency_key): (String, String),
        now: i64,
    ) -> Self {
        Self {
            reference,
            idempotency_key,
            guide: guide.id.to_string(),
            guide_title: summary.guide.clone(),
            version: guide.version.clone(),
            language: (!guide.lang.is_empty()).then(|| guide.lang.clone()),
            outcome: guide.outcomes[outcome].id.to_string(),
            outcome_title: guide.outcomes[outcome].title.plain(),
            answers: summary
                .answers
                .iter()
                .map(|a| Answer {
                    question_id: a.id.clone(),
                    question: a.question.clone(),
                    answer: a.answer.clone(),
                })
                .collect(),
            facts: summary
                .facts
                .iter()
                .map(|f| Fact {
                    id: f.id.clone(),
                    label: f.label.clone(),
                    value: f.value.clone(),
                })
                .collect(),
            steps_tried: summary.steps_tried.clone(),
            contact,
            time: rfc3339(now),
            summary: summary.to_text(),
        }
    }

    /// The JSON delivered.
    pub(crate) fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The summary the person downloads: the reference, then the summary.
    pub(crate) fn download_text(&self) -> String {
        format!("Reference: {}\n{}", self.reference, self.summary)
    }

    /// The email's subject.
    pub(crate) fn email_subject(&self) -> String {
        format!(
            "[{}] {} ({})",
            self.reference, self.outcome_title, self.guide_title
        )
    }

    /// The email's plain-text body: who to reach, then the summary.
    pub(crate) fn email_body(&self) -> String {
        let mut body = format!(
            "Reference: {}\nSent: {}\nGuide: {} ({}, version {})\n\n",
            self.reference, self.time, self.guide_title, self.guide, self.version
        );
        let contact = &self.contact;
        for (label, value) in [
            ("Name", &contact.name),
            ("Email", &contact.email),
            ("Phone", &contact.phone),
        ] {
            if !value.is_empty() {
                body.push_str(&format!("{label}: {value}\n"));
            }
        }
        if !contact.note.is_empty() {
            body.push_str(&format!("Note:\n{}\n", contact.note));
        }
        body.push('\n');
        body.push_str(&self.summary);
        body.push_str(&format!("\nIdempotency key: {}\n", self.idempotency_key));
        body
    }
}

/// Seconds since the epoch as an RFC 3339 time in UTC
/// (`2026-11-30T11:05:00Z`); times before the epoch as the epoch.
pub(crate) fn rfc3339(seconds: i64) -> String {
    let since = std::time::Duration::from_secs(u64::try_from(seconds).unwrap_or(0));
    humantime::format_rfc3339_seconds(std::time::UNIX_EPOCH + since).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_rfc3339_in_utc() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(rfc3339(1_796_036_700), "2026-11-30T11:05:00Z");
        assert_eq!(rfc3339(4_107_542_399), "2100-02-28T23:59:59Z");
    }
}
