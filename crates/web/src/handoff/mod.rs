//! Hand-offs to the support desk: what a person sends from an escalation
//! outcome (the support summary and a way to reach them), checked
//! ([`contact`]), given a short reference to quote ([`reference`]), and
//! written as the JSON every destination receives ([`payload`]). Stored
//! first by `routes/handoff.rs`, delivered afterwards by `delivery/`.

pub(crate) mod contact;
pub(crate) mod payload;
pub(crate) mod reference;

/// Random bytes from the operating system. A reference or key made from
/// them must not be guessable; if the system has none to give (it always
/// has), the time and a counter stand in, which are still unique.
pub(crate) fn random_bytes<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    if getrandom::fill(&mut bytes).is_err() {
        use std::sync::atomic::{AtomicU64, Ordering};
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let seed = nanos ^ u128::from(COUNTER.fetch_add(1, Ordering::Relaxed)) << 64;
        for (byte, source) in bytes.iter_mut().zip(seed.to_le_bytes().iter().cycle()) {
            *byte = *source;
        }
    }
    bytes
}

/// A new idempotency key: 128 random bits in hex. The contact form carries
/// one, so the same form sent twice is one hand-off.
pub(crate) fn new_key() -> String {
    hex::encode(random_bytes::<16>())
}

/// The key a form sent, if it is one this server could have made.
pub(crate) fn sent_key(sent: &str) -> Option<&str> {
    (sent.len() == 32 && sent.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')))
        .then_some(sent)
}
