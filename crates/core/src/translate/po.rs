//! Gettext PO files: read with every position kept, for diagnostics, and
//! written the way GNU gettext writes them, so `msgfmt --check` and every
//! translator's tool (Poedit, Weblate, Lokalize) accept them.
//!
//! Guides use a small part of the format: one translation per message, no
//! plural forms. Reading never panics; a file it cannot read gives one
//! `invalid-po` diagnostic at the line and column of the problem.

use crate::diagnostic::{Code, Diagnostic};
use crate::source::Span;
use std::fmt::Write;

/// A PO file (or a POT template): the header and the messages.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Catalog {
    /// The header's translator comments (`# …` above `msgid ""`).
    pub header_comments: Vec<String>,
    /// The header's fields (`Language: de`), in order.
    pub header: Vec<(String, String)>,
    /// The messages, current ones and obsolete ones, in the file's order.
    pub messages: Vec<Message>,
}

/// One message: a source text, its context and its translation.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Message {
    /// Translator comments (`# …`).
    pub comments: Vec<String>,
    /// Notes for translators written by the tool (`#. …`).
    pub notes: Vec<String>,
    /// Where the source text stands (`#: smart-lock.md:12`).
    pub references: Vec<String>,
    /// Flags such as `fuzzy` (`#, fuzzy`).
    pub flags: Vec<String>,
    /// The source text a fuzzy translation was made for (`#| msgid …`).
    pub previous: Option<String>,
    /// The context: which part and field of the guide (`#check-battery/goal`).
    pub context: Option<String>,
    /// The source text.
    pub id: String,
    /// The translation; empty when there is none yet.
    pub translation: String,
    /// Whether the message is kept only for reuse (`#~`): its text is gone
    /// from the source.
    pub obsolete: bool,
    /// Where the message stands in the file it was read from.
    pub span: Span,
    /// Where its context stands (its whole entry when it has none).
    pub context_span: Span,
    /// Where its translation stands.
    pub translation_span: Span,
}

impl Message {
    /// A new, untranslated message.
    pub fn new(context: String, id: String) -> Self {
        Self {
            context: Some(context),
            id,
            ..Self::default()
        }
    }

    /// Whether the translation is marked as needing review (`#, fuzzy`).
    pub fn is_fuzzy(&self) -> bool {
        self.flags.iter().any(|flag| flag == "fuzzy")
    }

    /// Marks the translation as needing review, or not.
    pub fn set_fuzzy(&mut self, fuzzy: bool) {
        self.flags.retain(|flag| flag != "fuzzy");
        if fuzzy {
            self.flags.insert(0, "fuzzy".to_owned());
        } else {
            self.previous = None;
        }
    }
}

impl Catalog {
    /// The value of a header field, e.g. `Language`.
    pub fn header_field(&self, name: &str) -> Option<&str> {
        (self.header.iter())
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }

    /// Sets a header field, keeping its place when it is there already.
    pub fn set_header_field(&mut self, name: &str, value: &str) {
        match self.header.iter_mut().find(|(key, _)| key == name) {
            Some((_, old)) => value.clone_into(old),
            None => self.header.push((name.to_owned(), value.to_owned())),
        }
    }

    /// The messages that are not obsolete.
    pub fn current(&self) -> impl Iterator<Item = &Message> {
        self.messages.iter().filter(|m| !m.obsolete)
    }

    /// Reads a PO file. Positions in messages and in the diagnostic are
    /// byte offsets into `text`.
    pub fn parse(text: &str) -> Result<Catalog, Diagnostic> {
        Self::parse_at(text, 0)
    }

    /// Reads a PO file that stands at byte `start` of a larger text (a
    /// guide's PO file followed by its shared files'): positions are
    /// offsets into that text.
    pub fn parse_at(text: &str, start: usize) -> Result<Catalog, Diagnostic> {
        let mut reader = Reader::default();
        let mut offset = start;
        for raw in text.split_inclusive('\n') {
            let line = raw.trim_end_matches(['\n', '\r']);
            reader.line(line, offset)?;
            offset += raw.len();
        }
        reader.finish()?;
        reader.catalog.check_unique()?;
        Ok(reader.catalog)
    }

    /// Two current messages with the same context and text are refused, as
    /// `msgfmt` refuses them.
    fn check_unique(&self) -> Result<(), Diagnostic> {
        let mut seen = std::collections::HashMap::new();
        for message in self.current() {
            let key = (message.context.as_deref(), message.id.as_str());
            if let Some(first) = seen.insert(key, message.span.clone()) {
                return Err(invalid(
                    message.context_span.clone(),
                    "this message is in the file twice",
                    "keep one of the two entries and delete the other",
                )
                .with_note(first, "first entry"));
            }
        }
        Ok(())
    }

    /// The file as GNU gettext writes it: the header, then each message
    /// with its comments, a blank line between entries.
    pub fn write(&self) -> String {
        let mut out = String::new();
        for comment in &self.header_comments {
            comment_line(&mut out, "#", comment);
        }
        out.push_str("msgid \"\"\nmsgstr \"\"\n");
        for (key, value) in &self.header {
            let _ = writeln!(out, "\"{}\"", escape(&format!("{key}: {value}\n")));
        }
        for message in &self.messages {
            out.push('\n');
            write_message(&mut out, message);
        }
        out
    }
}

/// Writes one entry.
fn write_message(out: &mut String, message: &Message) {
    for comment in &message.comments {
        comment_line(out, "#", comment);
    }
    let prefix = if message.obsolete { "#~ " } else { "" };
    if !message.obsolete {
        for note in &message.notes {
            comment_line(out, "#.", note);
        }
        for reference in &message.references {
            let _ = writeln!(out, "#: {reference}");
        }
    }
    if !message.flags.is_empty() {
        let _ = writeln!(out, "#, {}", message.flags.join(", "));
    }
    if let Some(previous) = &message.previous {
        let previous_prefix = if message.obsolete { "#~| " } else { "#| " };
        if let Some(context) = &message.context {
            keyword(out, previous_prefix, "msgctxt", context);
        }
        keyword(out, previous_prefix, "msgid", previous);
    }
    if let Some(context) = &message.context {
        keyword(out, prefix, "msgctxt", context);
    }
    keyword(out, prefix, "msgid", &message.id);
    keyword(out, prefix, "msgstr", &message.translation);
}

/// `# text`, one line per line of the comment.
fn comment_line(out: &mut String, marker: &str, comment: &str) {
    for line in comment.split('\n') {
        if line.is_empty() {
            let _ = writeln!(out, "{marker}");
        } else {
            let _ = writeln!(out, "{marker} {line}");
        }
    }
}

/// `msgid "…"`, or for a text of several lines `msgid ""` and a string per
/// line, as gettext writes them.
fn keyword(out: &mut String, prefix: &str, keyword: &str, value: &str) {
    let lines: Vec<&str> = value.split_inclusive('\n').collect();
    if lines.len() <= 1 {
        let _ = writeln!(out, "{prefix}{keyword} \"{}\"", escape(value));
        return;
    }
    let _ = writeln!(out, "{prefix}{keyword} \"\"");
    for line in lines {
        let _ = writeln!(out, "{prefix}\"{}\"", escape(line));
    }
}

/// A string's text in C syntax, as PO files quote it.
fn escape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if u32::from(c) < 0x20 || c == '\u{7f}' => {
                let _ = write!(out, "\\{:03o}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out
}

/// The `invalid-po` diagnostic.
fn invalid(span: Span, message: impl Into<String>, hint: &str) -> Diagnostic {
    Diagnostic::error(Code::InvalidPo, span, message)
        .with_label("here")
        .with_hint(hint)
}

/// Which string a quoted continuation line adds to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    Context,
    Id,
    Translation,
    Previous,
    PreviousContext,
    /// The text of a `msgid_plural` or `msgstr[n]`: read, then refused.
    Ignored,
}

/// The state of reading: the entry being read and where its strings go.
#[derive(Default)]
struct Reader {
    catalog: Catalog,
    entry: Option<Entry>,
    /// Where continuation strings go, if a keyword came before them.
    slot: Option<Slot>,
    /// The header has been read.
    header_done: bool,
}

/// An entry being read.
#[derive(Default)]
struct Entry {
    message: Message,
    has_id: bool,
    has_translation: bool,
    /// Where the entry's first line starts.
    start: usize,
    /// Where its last line ends.
    end: usize,
    /// Where `msgid` stands, for messages of the wrong kind.
    id_span: Span,
}

impl Reader {
    fn line(&mut self, line: &str, at: usize) -> Result<(), Diagnostic> {
        let span = at..at + line.len();
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        if trimmed.is_empty() {
            return self.end_entry();
        }
        if let Some(rest) = trimmed.strip_prefix("#~") {
            // Obsolete: the rest is an entry's line, or `#~|` a previous one.
            let rest_at = at + indent + 2;
            let (rest, rest_at) = skip_space(rest, rest_at);
            if let Some(previous) = rest.strip_prefix('|') {
                let (previous, previous_at) = skip_space(previous, rest_at + 1);
                return self.previous(previous, previous_at);
            }
            self.content(rest, rest_at, span)?;
            self.entry_mut(at).message.obsolete = true;
            return Ok(());
        }
        if let Some(rest) = trimmed.strip_prefix("#|") {
            let (rest, rest_at) = skip_space(rest, at + indent + 2);
            return self.previous(rest, rest_at);
        }
        if let Some(rest) = trimmed.strip_prefix('#') {
            self.comment(rest, at);
            return Ok(());
        }
        self.content(trimmed, at + indent, span)
    }

    /// `#, flags`, `#: references`, `#. notes`, `# comments`.
    fn comment(&mut self, rest: &str, at: usize) {
        if self.entry.as_ref().is_some_and(|e| e.has_translation) {
            self.finish_entry();
        }
        let entry = self.entry_mut(at);
        entry.end = at + rest.len() + 1;
        let message = &mut entry.message;
        let text = |rest: &str| rest.strip_prefix(' ').unwrap_or(rest).to_owned();
        if let Some(flags) = rest.strip_prefix(',') {
            let flags = flags.split(',').map(str::trim).filter(|f| !f.is_empty());
            message.flags.extend(flags.map(str::to_owned));
        } else if let Some(references) = rest.strip_prefix(':') {
            message
                .references
                .extend(references.split_whitespace().map(str::to_owned));
        } else if let Some(note) = rest.strip_prefix('.') {
            message.notes.push(text(note));
        } else {
            message.comments.push(text(rest));
        }
    }

    /// `#| msgctxt "…"`, `#| msgid "…"` and their continuation strings.
    fn previous(&mut self, rest: &str, at: usize) -> Result<(), Diagnostic> {
        let span = at..at + rest.len();
        let (slot, quoted, quoted_at) = if let Some(value) = rest.strip_prefix("msgctxt") {
            (Slot::PreviousContext, value, at + 7)
        } else if let Some(value) = rest.strip_prefix("msgid_plural") {
            (Slot::Ignored, value, at + 12)
        } else if let Some(value) = rest.strip_prefix("msgid") {
            (Slot::Previous, value, at + 5)
        } else if rest.starts_with('"') {
            let Some(slot @ (Slot::Previous | Slot::PreviousContext | Slot::Ignored)) = self.slot
            else {
                return Err(invalid(
                    span,
                    "this string continues no previous `#| msgid`",
                    "start the line with `#| msgid`, or delete it",
                ));
            };
            (slot, rest, at)
        } else {
            return Err(invalid(
                span,
                "a `#|` line holds the previous `msgctxt` or `msgid`",
                "write `#| msgid \"…\"`, or make the line a comment with `# `",
            ));
        };
        let (quoted, quoted_at) = skip_space(quoted, quoted_at);
        let value = quoted_string(quoted, quoted_at)?;
        let entry = self.entry_mut(at);
        entry.end = span.end;
        // The previous context is the message's own, as this tool writes it.
        if slot == Slot::Previous {
            entry
                .message
                .previous
                .get_or_insert_default()
                .push_str(&value);
        }
        self.slot = Some(slot);
        Ok(())
    }

    /// `msgctxt`, `msgid`, `msgstr` and continuation strings.
    fn content(&mut self, line: &str, at: usize, span: Span) -> Result<(), Diagnostic> {
        let keywords: [(&str, Slot); 5] = [
            ("msgctxt", Slot::Context),
            ("msgid_plural", Slot::Ignored),
            ("msgid", Slot::Id),
            ("msgstr[", Slot::Ignored),
            ("msgstr", Slot::Translation),
        ];
        if line.starts_with('"') {
            let Some(slot) = self
                .slot
                .filter(|s| !matches!(s, Slot::Previous | Slot::PreviousContext))
            else {
                return Err(invalid(
                    span,
                    "this string continues no `msgid` or `msgstr`",
                    "a string on its own line continues the keyword above it; put a keyword before it",
                ));
            };
            let value = quoted_string(line, at)?;
            return self.push(slot, value, at..at + line.len());
        }
        let Some((word, slot)) = keywords.iter().find(|(word, _)| line.starts_with(word)) else {
            return Err(invalid(
                span,
                "this line is not part of a PO file",
                "lines are `msgctxt`, `msgid` or `msgstr` with a quoted string, a string \
                 continuing one, or a comment starting with `#`",
            ));
        };
        if *slot == Slot::Ignored {
            return Err(invalid(
                at..at + word.len(),
                "guides have no plural messages",
                "translate each text with one `msgstr`; numbers in guides are written out",
            ));
        }
        // A new msgctxt or msgid after a translation starts the next entry.
        let starts_next = matches!(slot, Slot::Context | Slot::Id)
            && self
                .entry
                .as_ref()
                .is_some_and(|e| e.has_translation || (e.has_id && *slot == Slot::Context));
        if starts_next {
            self.finish_entry();
        }
        let rest = &line[word.len()..];
        let rest_at = at + word.len();
        if !rest.starts_with([' ', '\t']) {
            return Err(invalid(
                at..at + line.len(),
                format!("`{word}` must be followed by a quoted string"),
                "write it as `msgstr \"…\"`",
            ));
        }
        let (rest, rest_at) = skip_space(rest, rest_at);
        let value = quoted_string(rest, rest_at)?;
        let entry = self.entry_mut(at);
        let twice = match slot {
            Slot::Context => entry.message.context.is_some(),
            Slot::Id => entry.has_id,
            _ => entry.has_translation,
        };
        if twice {
            return Err(invalid(
                at..at + word.len(),
                format!("a second `{word}` in one entry"),
                "separate entries by a blank line; each has one `msgid` and one `msgstr`",
            ));
        }
        match slot {
            Slot::Context => {
                entry.message.context = Some(String::new());
                entry.message.context_span = at..at + line.len();
            }
            Slot::Id => {
                entry.has_id = true;
                entry.id_span = at..at + line.len();
            }
            _ => {
                if !entry.has_id {
                    return Err(invalid(
                        at..at + word.len(),
                        "a `msgstr` without a `msgid` before it",
                        "each entry is `msgid \"source text\"` followed by `msgstr \"translation\"`",
                    ));
                }
                entry.has_translation = true;
                entry.message.translation_span = at..at + line.len();
            }
        }
        self.slot = Some(*slot);
        self.push(*slot, value, at..at + line.len())
    }

    /// Adds a string to the slot it belongs to.
    fn push(&mut self, slot: Slot, value: String, span: Span) -> Result<(), Diagnostic> {
        let entry = self.entry_mut(span.start);
        entry.end = span.end;
        let message = &mut entry.message;
        match slot {
            Slot::Context => message.context.get_or_insert_default().push_str(&value),
            Slot::Id => message.id.push_str(&value),
            Slot::Translation => {
                message.translation.push_str(&value);
                message.translation_span.end = span.end;
            }
            _ => {}
        }
        Ok(())
    }

    fn entry_mut(&mut self, at: usize) -> &mut Entry {
        self.entry.get_or_insert_with(|| Entry {
            start: at,
            ..Entry::default()
        })
    }

    /// A blank line: the entry so far is complete.
    fn end_entry(&mut self) -> Result<(), Diagnostic> {
        match &self.entry {
            Some(entry) if entry.has_id && !entry.has_translation => Err(invalid(
                entry.id_span.clone(),
                "this `msgid` has no `msgstr`",
                "add `msgstr \"\"` under it (empty when there is no translation yet)",
            )),
            Some(entry) if entry.has_translation => {
                self.finish_entry();
                Ok(())
            }
            // Comments alone: they belong to the next entry.
            _ => Ok(()),
        }
    }

    /// Stores the entry being read: as the header, or as a message.
    fn finish_entry(&mut self) {
        self.slot = None;
        let Some(entry) = self.entry.take() else {
            return;
        };
        let mut message = entry.message;
        message.span = entry.start..entry.end;
        if message.context_span.is_empty() {
            message.context_span = message.span.clone();
        }
        let is_header = message.id.is_empty() && message.context.is_none() && !message.obsolete;
        if is_header && !self.header_done && self.catalog.messages.is_empty() {
            self.catalog.header_comments = message.comments;
            self.catalog.header = (message.translation.lines())
                .filter_map(|line| line.split_once(':'))
                .map(|(key, value)| (key.trim().to_owned(), value.trim().to_owned()))
                .collect();
        } else {
            self.catalog.messages.push(message);
        }
        self.header_done = true;
    }

    /// The end of the file.
    fn finish(&mut self) -> Result<(), Diagnostic> {
        if let Some(entry) = &self.entry
            && entry.has_id
            && !entry.has_translation
        {
            return Err(invalid(
                entry.id_span.clone(),
                "this `msgid` has no `msgstr`",
                "add `msgstr \"\"` under it (empty when there is no translation yet)",
            ));
        }
        if self.entry.as_ref().is_some_and(|e| e.has_translation) {
            self.finish_entry();
        }
        Ok(())
    }
}

/// The text after leading spaces and tabs, and where it starts.
fn skip_space(text: &str, at: usize) -> (&str, usize) {
    let rest = text.trim_start_matches([' ', '\t']);
    (rest, at + text.len() - rest.len())
}

/// The value of a quoted C string that makes up all of `text` (trailing
/// white space allowed); `at` is where `text` starts.
fn quoted_string(text: &str, at: usize) -> Result<String, Diagnostic> {
    let text = text.trim_end();
    let Some(inner) = text.strip_prefix('"') else {
        return Err(invalid(
            at..at + text.len(),
            "a quoted string was expected here",
            "PO strings are in double quotes: \"…\"",
        ));
    };
    let mut value = String::with_capacity(inner.len());
    let mut chars = inner.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => {
                let after = &inner[i + 1..];
                if !after.trim().is_empty() {
                    let extra = after.trim_start();
                    let start = at + 1 + i + 1 + (after.len() - extra.len());
                    return Err(invalid(
                        start..start + extra.len(),
                        "text after the closing quote",
                        "write a quote inside a string as \\\"",
                    ));
                }
                return Ok(value);
            }
            '\\' => {
                let escape_at = at + 1 + i;
                let Some((_, next)) = chars.next() else {
                    break;
                };
                let unescaped = match next {
                    'n' => '\n',
                    't' => '\t',
                    'r' => '\r',
                    '"' => '"',
                    '\\' => '\\',
                    'a' => '\u{7}',
                    'b' => '\u{8}',
                    'f' => '\u{c}',
                    'v' => '\u{b}',
                    '0'..='7' => {
                        let mut code = next.to_digit(8).unwrap_or(0);
                        for _ in 0..2 {
                            let rest = chars.as_str();
                            match rest.chars().next().and_then(|c| c.to_digit(8)) {
                                Some(digit) => {
                                    code = code * 8 + digit;
                                    chars.next();
                                }
                                None => break,
                            }
                        }
                        char::from_u32(code).unwrap_or('\u{fffd}')
                    }
                    other => {
                        return Err(invalid(
                            escape_at..escape_at + 1 + other.len_utf8(),
                            format!("`\\{other}` is not an escape PO files know"),
                            "write a backslash as \\\\, a quote as \\\", a line break as \\n",
                        ));
                    }
                };
                value.push(unescaped);
            }
            c => value.push(c),
        }
    }
    Err(invalid(
        at..at + text.len(),
        "this string has no closing quote",
        "end the string with \" on the same line",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = r##"# German translation.
msgid ""
msgstr ""
"Language: de\n"
"Content-Type: text/plain; charset=UTF-8\n"

#. a note
#: smart-lock.md:12
#, fuzzy
#| msgctxt "#check/title"
#| msgid "Old"
msgctxt "#check/title"
msgid "Check"
msgstr "Prüfen"

msgctxt "#check/goal"
msgid ""
"Two\n"
"lines \"quoted\""
msgstr ""
"Zwei\n"
"Zeilen"

#~ msgctxt "#gone/title"
#~ msgid "Gone"
#~ msgstr "Weg"
"##;

    #[test]
    fn a_file_reads_and_writes_back_the_same() {
        let catalog = Catalog::parse(FILE).expect("a valid file");
        assert_eq!(catalog.header_field("language"), Some("de"));
        assert_eq!(catalog.header_comments, ["German translation."]);
        let [check, goal, gone] = catalog.messages.as_slice() else {
            panic!("three messages: {catalog:#?}")
        };
        assert!(check.is_fuzzy());
        assert_eq!(check.previous.as_deref(), Some("Old"));
        assert_eq!(check.references, ["smart-lock.md:12"]);
        assert_eq!(goal.id, "Two\nlines \"quoted\"");
        assert_eq!(goal.translation, "Zwei\nZeilen");
        assert!(gone.obsolete);
        assert_eq!(gone.translation, "Weg");
        assert_eq!(catalog.write(), FILE);
    }

    #[test]
    fn a_broken_file_says_where() {
        for (text, at) in [
            ("msgid \"a\"\nmsgstr \"b\nmsgid", 17),
            ("msgid \"a\"\n\nmsgstr \"b\"\n", 0),
            ("msgid \"a\"\nmsgstr \"b\" x\n", 21),
            ("msgid \"a\\q\"\nmsgstr \"b\"\n", 8),
            ("msgid \"a\"\nmsgid_plural \"b\"\n", 10),
            ("hello\n", 0),
            (
                "msgid \"a\"\nmsgstr \"b\"\n\nmsgid \"a\"\nmsgstr \"c\"\n",
                22,
            ),
        ] {
            let error = Catalog::parse(text).expect_err(text);
            assert_eq!(error.code, Code::InvalidPo);
            assert_eq!(error.span.start, at, "{text:?}: {error:?}");
        }
    }
}
