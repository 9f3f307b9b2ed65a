//! Small inline grammars inside blocks: `Key: value` lines, `{#id .class}`
//! trailers, `Label → target` answers and `[label](#id) description` entries.

use super::markdown::{Inline, InlineKind, Inlines};
use crate::source::Span;

/// The keys of a section's fields.
pub(super) const SECTION_KEYS: [&str; 6] = ["Goal", "Expect", "Good", "Bad", "Caution", "Time"];
/// The keys of a question's fields.
pub(super) const QUESTION_KEYS: [&str; 3] = ["Section", "Fills", "Time"];
/// The key of an outcome's field.
pub(super) const OUTCOME_KEYS: [&str; 1] = ["Time"];
/// The key of a field of "When to get help".
pub(super) const HELP_KEYS: [&str; 1] = ["Warning"];

/// Whether `word` is the key of a field of some kind of block.
pub(super) fn is_any_key(word: &str) -> bool {
    [&SECTION_KEYS[..], &QUESTION_KEYS, &OUTCOME_KEYS, &HELP_KEYS]
        .iter()
        .any(|keys| keys.contains(&word))
}

/// Field keys as authors who write in the other languages Unstuck's pages
/// speak may write them (keys are English in every guide), by the key
/// they stand for.
const KEYS_IN_OTHER_LANGUAGES: [(&str, &str); 24] = [
    ("ziel", "Goal"),
    ("objectif", "Goal"),
    ("objetivo", "Goal"),
    ("erwartet", "Expect"),
    ("attendu", "Expect"),
    ("esperado", "Expect"),
    ("gut", "Good"),
    ("bien", "Good"),
    ("bueno", "Good"),
    ("schlecht", "Bad"),
    ("mauvais", "Bad"),
    ("malo", "Bad"),
    ("vorsicht", "Caution"),
    ("achtung", "Caution"),
    ("precaución", "Caution"),
    ("zeit", "Time"),
    ("dauer", "Time"),
    ("durée", "Time"),
    ("tiempo", "Time"),
    ("abschnitt", "Section"),
    ("sección", "Section"),
    ("warnung", "Warning"),
    ("avertissement", "Warning"),
    ("advertencia", "Warning"),
];

/// The key of `keys` that `word` (a line's `Word:`, not itself a key)
/// was meant to be: the same word in other letter case (`section`), a
/// typo (`Sections`, `Expcet`), or the key in another language (`Gut`).
pub(crate) fn meant_key(word: &str, keys: &[&'static str]) -> Option<&'static str> {
    if keys.contains(&word) {
        return None;
    }
    let lower = word.to_lowercase();
    let lowered: Vec<String> = keys.iter().map(|key| key.to_lowercase()).collect();
    let translated = KEYS_IN_OTHER_LANGUAGES
        .iter()
        .find(|(other, _)| *other == lower)
        .map(|(_, key)| *key);
    let typo = crate::check::closest(&lower, lowered.iter().map(String::as_str))
        .and_then(|close| keys.iter().copied().find(|key| key.to_lowercase() == close));
    typo.or(translated.filter(|key| keys.contains(key)))
}

/// A line of a paragraph or list item that starts with a misspelled key.
#[derive(Debug)]
pub(crate) struct Misspelled<'t> {
    /// The word as written.
    pub(crate) written: &'t str,
    /// The key it was meant to be.
    pub(crate) key: &'static str,
    /// Where the written key stands, its colon included.
    pub(crate) span: Span,
}

/// The lines of `content` that start with a misspelled key of `keys`:
/// every line, or (`items`) the lines after a list item's first.
pub(crate) fn misspelled_keys<'t>(
    text: &'t str,
    content: &Inlines,
    keys: &[&'static str],
    items: bool,
) -> Vec<Misspelled<'t>> {
    let parts = &content.parts;
    (0..parts.len())
        .filter(|&index| match index {
            0 => !items,
            _ => matches!(parts[index - 1].kind, InlineKind::Break),
        })
        .filter(|&index| matches!(parts[index].kind, InlineKind::Text))
        .filter_map(|index| {
            let found = line_key(text, line_text_start(text, parts[index].span.start))?;
            let key = meant_key(found.word, keys)?;
            Some(Misspelled {
                written: found.word,
                key,
                span: found.span,
            })
        })
        .collect()
}

/// A `Key: value` line (with its continuation lines) of a paragraph.
#[derive(Debug)]
pub(crate) struct Field<'a> {
    /// The key, as listed by the caller.
    pub(crate) key: &'static str,
    /// Where the key stands.
    pub(crate) key_span: Span,
    /// The value's span (after the colon, trimmed); empty when there is none.
    pub(crate) value: Span,
    /// The inline pieces of the value.
    pub(crate) parts: &'a [Inline],
}

/// Splits a paragraph into fields if its first line starts with one of `keys`.
///
/// A line that starts with a key starts a new field; other lines continue
/// the field before them. Returns `None` when the paragraph is prose.
pub(crate) fn fields<'a>(
    text: &str,
    content: &'a Inlines,
    keys: &[&'static str],
) -> Option<Vec<Field<'a>>> {
    let starts = key_lines(text, &content.parts, keys);
    (starts.first()?.0 == 0).then(|| read_fields(text, &content.parts, &starts))
}

/// A paragraph at `span` read as text and fields: the span of its lines
/// before its first field (`None` when it starts with one), and its fields
/// (none when no line starts with one of `keys`). A field may start on a
/// later line, written right under text without a blank line.
pub(crate) fn paragraph<'a>(
    text: &str,
    span: Span,
    content: &'a Inlines,
    keys: &[&'static str],
) -> (Option<Span>, Vec<Field<'a>>) {
    let starts = key_lines(text, &content.parts, keys);
    let prose = match starts.first() {
        None => Some(span),
        Some((0, ..)) => None,
        Some((_, _, key)) => Some(trim(text, span.start..key.start)),
    };
    (prose, read_fields(text, &content.parts, &starts))
}

/// The pieces of `parts` that start a line with one of `keys`: each one's
/// index, its key and where the key stands.
fn key_lines(
    text: &str,
    parts: &[Inline],
    keys: &[&'static str],
) -> Vec<(usize, &'static str, Span)> {
    let mut starts = Vec::new();
    let mut line_start = true;
    for (index, part) in parts.iter().enumerate() {
        if line_start && let Some((key, span)) = key_at(text, part, keys) {
            starts.push((index, key, span));
        }
        line_start = matches!(part.kind, InlineKind::Break);
    }
    starts
}

/// The fields of `parts` that start at `starts`, each up to the next.
fn read_fields<'a>(
    text: &str,
    parts: &'a [Inline],
    starts: &[(usize, &'static str, Span)],
) -> Vec<Field<'a>> {
    let mut fields = Vec::with_capacity(starts.len());
    for (n, (index, key, key_span)) in starts.iter().cloned().enumerate() {
        let end = starts.get(n + 1).map_or(parts.len(), |&(next, ..)| next);
        let value_end = parts[..end]
            .iter()
            .rev()
            .find(|p| !matches!(p.kind, InlineKind::Break))
            .map_or(key_span.end, |p| p.span.end);
        let value = trim(text, key_span.end..value_end.max(key_span.end));
        fields.push(Field {
            key,
            key_span,
            value,
            parts: &parts[index..end],
        });
    }
    fields
}

/// The key of `keys` that the line starting with `part` starts with, and
/// where it stands (its colon included).
fn key_at(text: &str, part: &Inline, keys: &[&'static str]) -> Option<(&'static str, Span)> {
    if !matches!(part.kind, InlineKind::Text) {
        return None;
    }
    let found = line_key(text, line_text_start(text, part.span.start))?;
    let key = keys.iter().copied().find(|key| *key == found.word)?;
    Some((key, found.span))
}

/// The `Word:` a line starts with.
#[derive(Debug)]
pub(crate) struct LineKey<'t> {
    /// The word, as written.
    pub(crate) word: &'t str,
    /// Where the key stands, its colon included.
    pub(crate) span: Span,
}

/// The emphasis an author may write around a key, longest first: `**Goal:**`
/// or `**Goal**:`, `__Goal:__`, `*Goal:*`, `_Goal:_`.
const KEY_EMPHASIS: [&str; 5] = ["**", "__", "*", "_", ""];

/// The `Word:` (a word of letters and a colon, maybe emphasised) at `at`,
/// the start of a line's text; `None` when the line starts otherwise.
pub(crate) fn line_key(text: &str, at: usize) -> Option<LineKey<'_>> {
    let line = &text[at..];
    KEY_EMPHASIS.iter().find_map(|marker| {
        let rest = line.strip_prefix(marker)?;
        let len = rest
            .find(|c: char| !c.is_alphabetic())
            .unwrap_or(rest.len());
        let after = &rest[len..];
        let value = (after.strip_prefix(':').and_then(|a| a.strip_prefix(marker)))
            .or_else(|| after.strip_prefix(marker)?.strip_prefix(':'))?;
        (len > 0).then(|| LineKey {
            word: &rest[..len],
            span: at..at + line.len() - value.len(),
        })
    })
}

/// Where the text of the line that holds byte `at` starts: after its
/// indentation.
pub(crate) fn line_text_start(text: &str, at: usize) -> usize {
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line = &text[start..at];
    start + line.len() - line.trim_start_matches([' ', '\t']).len()
}

pub(crate) use crate::source::trim_span as trim;

/// A trailing `{#id .class …}` attribute block.
#[derive(Debug, Default)]
pub(crate) struct Trailer {
    /// The `#id`, with the span of the id.
    pub(crate) id: Option<(String, Span)>,
    /// The `.class` names.
    pub(crate) classes: Vec<String>,
    /// Where the `{…}` stands.
    pub(crate) span: Option<Span>,
}

/// Splits a trailing `{#id .class}` off `span`; returns the span before it.
pub(crate) fn trailer(text: &str, span: Span) -> (Span, Trailer) {
    let span = trim(text, span);
    let slice = &text[span.clone()];
    let Some(body) = slice.strip_suffix('}') else {
        return (span, Trailer::default());
    };
    let Some(open) = body.rfind('{') else {
        return (span, Trailer::default());
    };
    let mut trailer = Trailer {
        span: Some(span.start + open..span.end),
        ..Trailer::default()
    };
    let mut offset = span.start + open + 1;
    for word in body[open + 1..].split(' ') {
        if let Some(id) = word.strip_prefix('#') {
            trailer.id = Some((id.to_owned(), offset + 1..offset + word.len()));
        } else if let Some(class) = word.strip_prefix('.') {
            trailer.classes.push(class.to_owned());
        } else if !word.is_empty() {
            // Not an attribute block after all: keep the braces as text.
            return (span, Trailer::default());
        }
        offset += word.len() + 1;
    }
    (trim(text, span.start..span.start + open), trailer)
}

/// The `{…` at the end of a heading that no `}` closes, from the `{` to
/// the end of the heading's text; `None` when every `{` is closed.
pub(crate) fn unclosed_attributes(text: &str, heading: Span) -> Option<Span> {
    let heading = trim(text, heading);
    let line = &text[heading.clone()];
    let open = line.rfind('{')?;
    (!line[open..].contains('}')).then(|| heading.start + open..heading.end)
}

/// An id written as a bare word or as a link `[text](#id)` within `span`.
pub(crate) fn reference(text: &str, parts: &[Inline], span: Span) -> Option<(String, Span)> {
    let link = parts.iter().find(|part| {
        part.span.start >= span.start
            && part.span.end <= span.end
            && matches!(&part.kind, InlineKind::Link { dest } if dest.starts_with('#'))
    });
    if let Some(Inline {
        kind: InlineKind::Link { dest },
        span: link_span,
    }) = link
    {
        return Some((
            dest[1..].to_owned(),
            link_id_span(text, link_span, &dest[1..]),
        ));
    }
    let span = trim(text, span);
    let word = &text[span.clone()];
    (!word.is_empty() && !word.contains(char::is_whitespace)).then(|| (word.to_owned(), span))
}

/// The span of `id` inside a link's `(#id)`, or the whole link.
pub(crate) fn link_id_span(text: &str, link: &Span, id: &str) -> Span {
    text[link.clone()]
        .rfind(&format!("(#{id}"))
        .map_or(link.clone(), |i| {
            link.start + i + 2..link.start + i + 2 + id.len()
        })
}

/// The label of a link `[label](…)`: the span between the brackets.
pub(crate) fn link_label(text: &str, link: &Span) -> Span {
    let slice = &text[link.clone()];
    match (slice.starts_with('['), slice.rfind("](")) {
        (true, Some(close)) => trim(text, link.start + 1..link.start + close),
        _ => link.clone(),
    }
}

/// Finds `→` or `->` in the text pieces of `parts`: the span of the arrow.
pub(crate) fn arrow(text: &str, parts: &[Inline]) -> Option<Span> {
    parts
        .iter()
        .filter(|part| matches!(part.kind, InlineKind::Text))
        .find_map(|part| {
            let raw = &text[part.span.clone()];
            let (at, len) = raw
                .find('→')
                .map(|i| (i, '→'.len_utf8()))
                .or_else(|| raw.find("->").map(|i| (i, 2)))?;
            Some(part.span.start + at..part.span.start + at + len)
        })
}

/// A slug made from a label: "Motor hums, no movement" → `motor-hums-no-movement`.
pub(crate) fn slug(label: &str) -> String {
    let mut slug = String::with_capacity(label.len());
    for c in label.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') && c != '\'' && c != '’' {
            slug.push('-');
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    slug
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_valid_ids() {
        assert_eq!(slug("Yes"), "yes");
        assert_eq!(
            slug("Motor hums, door doesn't move!"),
            "motor-hums-door-doesnt-move"
        );
        assert_eq!(slug("—"), "");
    }

    #[test]
    fn a_key_may_be_emphasised() {
        for (line, key) in [
            ("Goal: Clear it.", "Goal:"),
            ("**Goal:** Clear it.", "**Goal:**"),
            ("**Goal**: Clear it.", "**Goal**:"),
            ("__Goal:__ Clear it.", "__Goal:__"),
            ("*Goal:* Clear it.", "*Goal:*"),
            ("_Goal_: Clear it.", "_Goal_:"),
        ] {
            let found = line_key(line, 0).expect(line);
            assert_eq!((found.word, &line[found.span]), ("Goal", key));
        }
        for line in ["Goal : no", "**Goal: unclosed", "Two words: no", ": none"] {
            assert!(line_key(line, 0).is_none(), "{line}");
        }
    }

    #[test]
    fn misspelled_keys_are_told_from_ordinary_words() {
        let keys = &SECTION_KEYS;
        for (word, key) in [
            ("goal", "Goal"),
            ("EXPECT", "Expect"),
            ("Expcet", "Expect"),
            ("Expected", "Expect"),
            ("Bda", "Bad"),
            ("Cautions", "Caution"),
            ("Gut", "Good"),
            ("Schlecht", "Bad"),
        ] {
            assert_eq!(meant_key(word, keys), Some(key), "{word}");
        }
        for word in [
            "Goal",
            "Note",
            "Tip",
            "Tips",
            "Step",
            "Warning",
            "Abschnitt",
        ] {
            assert_eq!(meant_key(word, keys), None, "{word}");
        }
        assert_eq!(meant_key("section", &QUESTION_KEYS), Some("Section"));
        assert_eq!(meant_key("Sections", &QUESTION_KEYS), Some("Section"));
        assert_eq!(meant_key("Fill", &QUESTION_KEYS), Some("Fills"));
    }

    #[test]
    fn trailer_splits_attributes_off() {
        let text = "Lock model {#lock-model .steps}";
        let (before, trailer) = trailer(text, 0..text.len());
        assert_eq!(&text[before], "Lock model");
        let (id, span) = trailer.id.expect("an id");
        assert_eq!(id, "lock-model");
        assert_eq!(&text[span], "lock-model");
        assert_eq!(trailer.classes, ["steps"]);
    }

    #[test]
    fn trailer_before_an_arrow_is_found_despite_the_space() {
        let text = "Nothing happens {#nothing} ";
        let (before, trailer) = trailer(text, 0..text.len());
        assert_eq!(&text[before], "Nothing happens");
        assert_eq!(trailer.id.map(|(id, _)| id).as_deref(), Some("nothing"));
    }

    #[test]
    fn braces_that_are_not_attributes_stay_text() {
        let text = "Use {curly} braces";
        let (before, trailer) = trailer(text, 0..text.len());
        assert_eq!(before, 0..text.len());
        assert!(trailer.id.is_none());
    }
}

/// A duration in minutes: one or more `number unit` pairs, the unit in
/// seconds (`s`, `sec`, `seconds`), minutes (`min`, `minutes`) or hours
/// (`h`, `hours`): `5 min`, `1.5 hours`, `1 h 30 min`. `None` when the
/// text is anything else or the total is not a finite, non-negative number.
pub(crate) fn minutes(value: &str) -> Option<f64> {
    let mut words = value.split_whitespace().peekable();
    let mut total = 0.0;
    let mut pairs = 0;
    while let Some(word) = words.next() {
        let digits = word
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(word.len());
        let (number, glued) = word.split_at(digits);
        let number: f64 = number.parse().ok()?;
        let unit = if glued.is_empty() {
            words.next()?
        } else {
            glued
        };
        let scale = match unit.trim_end_matches(['.', ',']) {
            "s" | "sec" | "secs" | "second" | "seconds" => 1.0 / 60.0,
            "m" | "min" | "mins" | "minute" | "minutes" => 1.0,
            "h" | "hr" | "hrs" | "hour" | "hours" => 60.0,
            _ => return None,
        };
        total += number * scale;
        pairs += 1;
    }
    (pairs > 0 && total.is_finite() && total >= 0.0).then_some(total)
}

/// A trailing `(60%)` share on an answer's label: the span before it, the
/// percentage and where it stands. `None` when the label has none.
pub(crate) fn share(text: &str, span: Span) -> Option<(Span, Result<f64, ()>, Span)> {
    let slice = &text[span.clone()];
    let body = slice.strip_suffix("%)")?;
    let open = body.rfind('(')?;
    let number = body[open + 1..].trim();
    let at = span.start + open..span.end;
    let value = number
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite() && (0.0..=100.0).contains(v))
        .ok_or(());
    Some((trim(text, span.start..span.start + open), value, at))
}

#[cfg(test)]
mod time_tests {
    use super::{minutes, share};

    #[test]
    fn minutes_reads_minutes_hours_and_seconds() {
        assert_eq!(minutes("5 min"), Some(5.0));
        assert_eq!(minutes("1.5 hours"), Some(90.0));
        assert_eq!(minutes("1 h 30 min"), Some(90.0));
        assert_eq!(minutes("30 seconds"), Some(0.5));
        assert_eq!(minutes("10min"), Some(10.0));
        assert_eq!(minutes("soon"), None);
        assert_eq!(minutes("5"), None);
        assert_eq!(minutes("5 parsecs"), None);
        assert_eq!(minutes(""), None);
    }

    #[test]
    fn share_splits_a_trailing_percentage() {
        let text = "Yes (60%)";
        assert_eq!(share(text, 0..text.len()), Some((0..3, Ok(60.0), 4..9)));
        assert_eq!(share("Yes (lots%)", 0..11).map(|s| s.1), Some(Err(())));
        assert_eq!(share("Yes (120%)", 0..10).map(|s| s.1), Some(Err(())));
        assert!(share("Yes", 0..3).is_none());
    }
}
