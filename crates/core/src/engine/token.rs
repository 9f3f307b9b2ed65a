//! A compact, exact, URL-safe encoding of a session.
//!
//! The token is base64url (no padding) of: a format byte, 16 bits of the
//! guide's structure hash, the entry, the answers and the acknowledged
//! sections, each as LEB128 varints of indexes. Seven answers fit in about
//! 30 characters. A token made for another shape of the guide (questions or
//! answers added, removed or reordered) is refused instead of misread.

use super::Session;
use crate::model::{Guide, Node};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use thiserror::Error;

const FORMAT: u8 = 1;

/// Why a token could not be read.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum TokenError {
    /// Not base64url, truncated, or with trailing bytes.
    #[error("the saved state is damaged; start the guide again")]
    Malformed,
    /// Made by a different version of the guide.
    #[error("the saved state belongs to an older version of this guide; start the guide again")]
    OtherVersion,
    /// Refers to a question, answer or section the guide does not have.
    #[error("the saved state names a step this guide does not have; start the guide again")]
    OutOfRange,
}

/// Encodes a session made for `guide`.
pub fn encode(guide: &Guide, session: &Session) -> String {
    URL_SAFE_NO_PAD.encode(bytes(guide, session))
}

fn bytes(guide: &Guide, session: &Session) -> Vec<u8> {
    let mut bytes = vec![FORMAT];
    bytes.extend_from_slice(&check_bits(guide).to_le_bytes());
    let entry = match session.entry() {
        None => 0,
        Some(Node::Question(q)) => 1 + q,
        Some(Node::Outcome(o)) => 1 + guide.questions.len() + o,
    };
    push_varint(&mut bytes, entry);
    let answers: Vec<(usize, usize)> = session.answers().collect();
    push_varint(&mut bytes, answers.len());
    for (question, answer) in answers {
        push_varint(&mut bytes, question);
        push_varint(&mut bytes, answer);
    }
    let acknowledged: Vec<usize> = session.acknowledged().collect();
    push_varint(&mut bytes, acknowledged.len());
    for section in acknowledged {
        push_varint(&mut bytes, section);
    }
    // The model, only when chosen: tokens without one stay as they were.
    if let Some(variant) = session.variant() {
        push_varint(&mut bytes, variant);
    }
    bytes
}

/// Decodes a token made by [`encode`] for this guide.
pub fn decode(guide: &Guide, token: &str) -> Result<Session, TokenError> {
    let bytes = URL_SAFE_NO_PAD
        .decode(token)
        .map_err(|_| TokenError::Malformed)?;
    let mut reader = Reader { bytes: &bytes };
    if reader.byte()? != FORMAT {
        return Err(TokenError::Malformed);
    }
    let check = u16::from_le_bytes([reader.byte()?, reader.byte()?]);
    if check != check_bits(guide) {
        return Err(TokenError::OtherVersion);
    }
    let mut session = Session::new();
    let questions = guide.questions.len();
    session.set_entry(match reader.varint()? {
        0 => None,
        n if n <= questions => Some(Node::Question(n - 1)),
        n if n - 1 - questions < guide.outcomes.len() => Some(Node::Outcome(n - 1 - questions)),
        _ => return Err(TokenError::OutOfRange),
    });
    for _ in 0..reader.count()? {
        let question = reader.varint()?;
        let answer = reader.varint()?;
        let answers = guide
            .questions
            .get(question)
            .ok_or(TokenError::OutOfRange)?;
        if answer >= answers.answers.len() {
            return Err(TokenError::OutOfRange);
        }
        session.set_answer(question, answer);
    }
    for _ in 0..reader.count()? {
        let section = reader.varint()?;
        if section >= guide.sections.len() {
            return Err(TokenError::OutOfRange);
        }
        session.acknowledge(section);
    }
    if !reader.bytes.is_empty() {
        let variant = reader.varint()?;
        if variant >= guide.variants.as_ref().map_or(0, |v| v.entries.len()) {
            return Err(TokenError::OutOfRange);
        }
        session.set_variant(Some(variant));
    }
    if !reader.bytes.is_empty() {
        return Err(TokenError::Malformed);
    }
    Ok(session)
}

fn check_bits(guide: &Guide) -> u16 {
    // Truncation is the point: 16 bits of the hash are enough to catch a
    // token from another version by accident.
    (guide.structure_hash() & 0xffff) as u16
}

fn push_varint(bytes: &mut Vec<u8>, mut value: usize) {
    loop {
        let low = (value & 0x7f) as u8;
        value >>= 7;
        if value == 0 {
            bytes.push(low);
            return;
        }
        bytes.push(low | 0x80);
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
}

impl Reader<'_> {
    fn byte(&mut self) -> Result<u8, TokenError> {
        let (&first, rest) = self.bytes.split_first().ok_or(TokenError::Malformed)?;
        self.bytes = rest;
        Ok(first)
    }

    fn varint(&mut self) -> Result<usize, TokenError> {
        let mut value = 0usize;
        for shift in (0..usize::BITS).step_by(7) {
            let byte = self.byte()?;
            value |= usize::from(byte & 0x7f)
                .checked_shl(shift)
                .ok_or(TokenError::Malformed)?;
            if byte & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err(TokenError::Malformed)
    }

    /// A count of items that follow: never more than the bytes left, so a
    /// forged count cannot make the decoder loop or allocate.
    fn count(&mut self) -> Result<usize, TokenError> {
        let count = self.varint()?;
        if count > self.bytes.len() {
            return Err(TokenError::Malformed);
        }
        Ok(count)
    }
}
