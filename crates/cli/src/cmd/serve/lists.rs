//! Lists in one flag or variable: `--allow-origin "A, B"` and
//! `UNSTUCK_ALLOW_ORIGIN="A, B"` read alike.
//!
//! clap cuts the flag's value and the variable's alike at commas
//! (`value_delimiter = ','`); each piece comes here, where the spaces around
//! it are trimmed and an empty one (`A,,B`, a trailing comma, a variable
//! set to spaces) is no entry.

use std::convert::Infallible;

/// A piece read by `parse` once trimmed; `None` when there is nothing.
pub(crate) fn entry<T, E>(
    parse: fn(&str) -> Result<T, E>,
) -> impl Fn(&str) -> Result<Option<T>, E> + Clone {
    move |piece| {
        let piece = piece.trim();
        (!piece.is_empty()).then(|| parse(piece)).transpose()
    }
}

/// A piece as it is written (checked later, with the other flags).
pub(crate) fn text(piece: &str) -> Result<String, Infallible> {
    Ok(piece.to_owned())
}

#[cfg(test)]
mod tests {
    use super::{entry, text};

    #[test]
    fn pieces_are_trimmed_and_empty_ones_are_no_entries() {
        let read = entry(text);
        assert_eq!(read(" http://b/y "), Ok(Some("http://b/y".to_owned())));
        assert_eq!(read(""), Ok(None));
        assert_eq!(read("  "), Ok(None));
        let number = entry(str::parse::<u8>);
        assert!(number(" x ").is_err());
        assert_eq!(number(" 7 "), Ok(Some(7)));
    }
}
