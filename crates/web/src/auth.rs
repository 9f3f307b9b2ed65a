//! The admin token: refused at start unless it is strong enough to resist
//! guessing, compared in constant time, and never shown in logs or errors.

use subtle::ConstantTimeEq;

/// The fewest characters an admin token may have: 32 random characters
/// carry at least 128 bits (hex digits carry 4 bits each).
pub const MIN_TOKEN_CHARS: usize = 32;

/// The fewest different characters an admin token may use: a random token
/// of 32 hex digits uses about 14; `aaaa…` or `abab…` are not random.
const MIN_DISTINCT_CHARS: usize = 8;

/// A token strong enough to guard the admin pages.
#[derive(Clone)]
pub struct AdminToken(String);

/// Why a token is too weak to guard the admin pages.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WeakToken {
    /// Fewer than [`MIN_TOKEN_CHARS`] characters.
    #[error(
        "the admin token has {0} characters; it needs at least {MIN_TOKEN_CHARS} random ones \
         (about 128 bits): make one with `openssl rand -hex 32`"
    )]
    TooShort(usize),
    /// Long enough, but from too few different characters to be random.
    #[error(
        "the admin token uses only {0} different characters, so it is not random; it needs at \
         least {MIN_TOKEN_CHARS} random characters (about 128 bits): make one with `openssl rand -hex 32`"
    )]
    NotRandom(usize),
    /// White space or control characters, which headers do not carry intact.
    #[error(
        "the admin token contains white space or control characters; use letters, digits and \
         punctuation only, e.g. from `openssl rand -hex 32`"
    )]
    Unprintable,
}

impl AdminToken {
    /// The token, if it is strong enough: at least [`MIN_TOKEN_CHARS`]
    /// visible characters, not a repetition of a few.
    pub fn new(token: impl Into<String>) -> Result<Self, WeakToken> {
        let token = token.into();
        if token.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(WeakToken::Unprintable);
        }
        let length = token.chars().count();
        if length < MIN_TOKEN_CHARS {
            return Err(WeakToken::TooShort(length));
        }
        let mut distinct: Vec<char> = token.chars().collect();
        distinct.sort_unstable();
        distinct.dedup();
        if distinct.len() < MIN_DISTINCT_CHARS {
            return Err(WeakToken::NotRandom(distinct.len()));
        }
        Ok(Self(token))
    }

    /// Whether `given` is this token, in time that does not depend on
    /// where they differ.
    pub(crate) fn matches(&self, given: &str) -> bool {
        bool::from(given.as_bytes().ct_eq(self.0.as_bytes()))
    }
}

impl std::fmt::Debug for AdminToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("AdminToken(hidden)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weak_tokens_are_refused_with_how_strong_they_must_be() {
        assert_eq!(
            AdminToken::new("open sesame").err(),
            Some(WeakToken::Unprintable)
        );
        let short = AdminToken::new("hunter2").expect_err("refused");
        assert_eq!(short, WeakToken::TooShort(7));
        assert!(short.to_string().contains("at least 32 random"), "{short}");
        assert!(!short.to_string().contains("hunter2"));
        assert_eq!(
            AdminToken::new("ab".repeat(20)).err(),
            Some(WeakToken::NotRandom(2))
        );
        let strong = AdminToken::new("4f9c2a7e1b8d6053c4e2f1a9b7d8e6c5").expect("strong");
        assert!(strong.matches("4f9c2a7e1b8d6053c4e2f1a9b7d8e6c5"));
        assert!(!strong.matches("4f9c2a7e1b8d6053c4e2f1a9b7d8e6c"));
        assert_eq!(format!("{strong:?}"), "AdminToken(hidden)");
    }
}
