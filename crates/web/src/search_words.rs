//! The words a catalog search looks for, from what a person types: "my
//! lock won't open", "keypad not lighting", "smartlock". Contractions are
//! spelled out, words that say nothing on their own ("my", "the", "not")
//! are dropped, and plural and verb endings are cut, so that the words
//! match the guides' own ("will not open", "the keypad does not light").
//! A guide matches when it holds every word left (see `Library::search`).

/// Words that say nothing about which guide is meant, in the languages the
/// interface speaks; dropped unless the query is made of nothing else.
const FILLERS: &[&str] = &[
    // English
    "a", "an", "and", "are", "at", "be", "can", "cannot", "do", "does", "for", "how", "i", "in",
    "is", "it", "its", "me", "my", "no", "not", "of", "on", "or", "out", "the", "to", "up", "what",
    "why", "will", "with", "would", // German
    "auf", "das", "der", "die", "ein", "eine", "geht", "ich", "ist", "mein", "meine", "nicht",
    "und", "wie", // French
    "ne", "pas", "le", "la", "les", "un", "une", "mon", "ma", "est", "et", // Spanish
    "el", "los", "las", "mi", "es", "y", "se",
];

/// English contractions and the words they stand for.
const CONTRACTIONS: &[(&str, &str)] = &[
    ("won't", "will not"),
    ("can't", "can not"),
    ("n't", " not"),
    ("'s", ""),
    ("'re", ""),
    ("'ve", ""),
];

/// Endings cut from a word of five letters or more (and what takes their
/// place), longest first.
const ENDINGS: &[(&str, &str)] = &[("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")];

/// The words to look for in a query, lowercase, at most `max`.
pub(crate) fn search_words(query: &str, max: usize) -> Vec<String> {
    let mut text = query.to_lowercase().replace('’', "'");
    for (short, long) in CONTRACTIONS {
        text = text.replace(short, long);
    }
    let words: Vec<&str> = text
        .split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .map(|word| word.trim_matches('-'))
        .filter(|word| !word.is_empty())
        .collect();
    let telling: Vec<&str> = words
        .iter()
        .copied()
        .filter(|word| !FILLERS.contains(word))
        .collect();
    let chosen = if telling.is_empty() { words } else { telling };
    chosen.into_iter().take(max).map(stem).collect()
}

/// `word` without a plural or verb ending (`lighting` → `light`, `locked`
/// → `lock`, `batteries` → `battery`), as long as four letters are left:
/// a search finds the guides' words by their start.
fn stem(word: &str) -> String {
    if word.chars().count() < 5 {
        return word.to_owned();
    }
    ENDINGS
        .iter()
        .find_map(|(ending, instead)| {
            let rest = word.strip_suffix(ending)?;
            (rest.chars().count() >= 4).then(|| format!("{rest}{instead}"))
        })
        .unwrap_or_else(|| word.to_owned())
}

/// `text` without spaces or dashes, where a word typed as one
/// (`smartlock`, `wifi`) is found too.
pub(crate) fn compact(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_a_person_types_becomes_the_words_guides_use() {
        assert_eq!(search_words("my lock won't open", 8), ["lock", "open"]);
        assert_eq!(search_words("Keypad not LIGHTING", 8), ["keypad", "light"]);
        assert_eq!(search_words("locked out!", 8), ["lock"]);
        assert_eq!(search_words("doesn’t close", 8), ["close"]);
        assert_eq!(search_words("Tür geht nicht auf", 8), ["tür"]);
        assert_eq!(search_words("wi-fi", 8), ["wi-fi"]);
        // Nothing but fillers: looked for as typed.
        assert_eq!(search_words("not", 8), ["not"]);
        assert_eq!(search_words("a b c d", 2), ["b", "c"]);
    }

    #[test]
    fn short_words_keep_their_endings() {
        assert_eq!(stem("bus"), "bus");
        assert_eq!(stem("codes"), "code");
        assert_eq!(stem("batteries"), "battery");
        assert_eq!(stem("springs"), "spring");
        assert_eq!(compact("smart lock"), "smartlock");
    }
}
