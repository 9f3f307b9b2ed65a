//! Text in the picture: wrapping at spaces, the width a line takes, and
//! escaping for XML, so guide text can never break out of the picture.

/// Font size of box text, in pixels.
pub(super) const FONT_SIZE: f64 = 14.0;
/// Font size of answer labels, in pixels.
pub(super) const LABEL_FONT_SIZE: f64 = 13.0;
/// Height of one line of text.
pub(super) const LINE: f64 = 17.0;

/// Characters per line of a box's text.
pub(super) const BOX_WRAP: usize = 28;
/// Characters per line of an answer label.
pub(super) const LABEL_WRAP: usize = 18;

/// The width a line takes at `font_size`, generously estimated (the
/// picture cannot measure text; an average sans-serif character is about
/// half an em, wide letters more).
pub(super) fn width(line: &str, font_size: f64) -> f64 {
    line.chars().count() as f64 * font_size * 0.56
}

/// Splits text into lines of at most `columns` characters, at spaces; a
/// word longer than a line is cut.
pub(super) fn wrap(text: &str, columns: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut length = 0;
    for word in text.split_whitespace() {
        let mut chars: Vec<char> = word.chars().collect();
        while !chars.is_empty() {
            let take = chars.len().min(columns);
            let piece: String = chars.drain(..take).collect();
            match lines.last_mut() {
                Some(line) if length > 0 && length + 1 + take <= columns => {
                    line.push(' ');
                    line.push_str(&piece);
                    length += 1 + take;
                }
                _ => {
                    lines.push(piece);
                    length = take;
                }
            }
        }
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

/// Escapes text for XML content and attribute values.
pub(super) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{BOX_WRAP, wrap};

    #[test]
    fn text_wraps_at_spaces() {
        assert_eq!(
            wrap("Does the keypad light or does the app connect?", BOX_WRAP),
            ["Does the keypad light or", "does the app connect?"]
        );
        assert_eq!(wrap("", BOX_WRAP), [""]);
    }

    #[test]
    fn a_word_longer_than_a_line_is_cut() {
        assert_eq!(wrap("abcdefgh ij", 3), ["abc", "def", "gh", "ij"]);
    }
}
