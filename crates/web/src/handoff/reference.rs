//! The short reference a person quotes on the phone (`K7Q-4M2`): six
//! characters from an alphabet without look-alikes (no 0/O, 1/I/L, U/V,
//! 8/B), in two groups of three; about 240 million of them, so one can
//! neither be guessed nor run out before old hand-offs are pruned.

/// The characters a reference is made of.
const ALPHABET: &[u8] = b"234679ACDEFGHJKMNPQRTWXYZ";

/// Characters in a reference, without the dash.
const LENGTH: usize = 6;

/// A new random reference.
pub(crate) fn new_reference() -> String {
    let bytes: [u8; LENGTH] = super::random_bytes();
    let mut reference = String::with_capacity(LENGTH + 1);
    for (n, byte) in bytes.iter().enumerate() {
        if n == LENGTH / 2 {
            reference.push('-');
        }
        // 256 is not a multiple of 25: the first six characters come up a
        // little more often, which is harmless for a reference.
        let index = usize::from(*byte) % ALPHABET.len();
        reference.push(char::from(ALPHABET[index]));
    }
    reference
}

/// A reference as typed by someone reading it out (`k7q 4m2`, `K7Q4M2`):
/// in its stored form, or `None` when it cannot be one.
pub(crate) fn normalize(typed: &str) -> Option<String> {
    let characters: Vec<char> = typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| c.to_ascii_uppercase())
        .collect();
    let valid = characters.len() == LENGTH
        && characters
            .iter()
            .all(|c| c.is_ascii() && ALPHABET.contains(&(*c as u8)));
    valid.then(|| {
        let (first, second) = characters.split_at(LENGTH / 2);
        format!(
            "{}-{}",
            first.iter().collect::<String>(),
            second.iter().collect::<String>()
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reference_is_two_groups_of_three_without_look_alikes() {
        for _ in 0..200 {
            let reference = new_reference();
            assert_eq!(reference.len(), 7, "{reference}");
            assert_eq!(&reference[3..4], "-");
            assert!(
                !reference.contains(['0', 'O', '1', 'I', 'L', 'U', 'V', '8', 'B']),
                "{reference}"
            );
            assert_eq!(normalize(&reference), Some(reference.clone()));
        }
    }

    #[test]
    fn a_reference_read_out_is_found_however_it_was_typed() {
        assert_eq!(normalize(" k7q 4m2 ").as_deref(), Some("K7Q-4M2"));
        assert_eq!(normalize("K7Q4M2").as_deref(), Some("K7Q-4M2"));
        assert_eq!(normalize("K7Q-4M"), None);
        assert_eq!(normalize("K7Q-4M0"), None, "0 is never in a reference");
        assert_eq!(normalize("K7Q-4MÉ"), None);
    }
}
