//! How to reach the person: a name, an email address and/or a phone
//! number, and a note, all optional except one way to reach them. Checked
//! here, so that a mistyped address gets a clear message next to the field
//! it is about, with everything typed kept.

use serde::{Deserialize, Serialize};

/// The longest name kept, in characters.
pub(crate) const MAX_NAME_CHARS: usize = 100;
/// The longest email address (RFC 5321's limit).
pub(crate) const MAX_EMAIL_CHARS: usize = 254;
/// The longest phone number, as typed with spaces and signs.
pub(crate) const MAX_PHONE_CHARS: usize = 40;
/// The longest note kept, in characters.
pub(crate) const MAX_NOTE_CHARS: usize = 2000;

/// What the person typed, trimmed: also what is delivered.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Contact {
    /// Their name, or empty.
    pub(crate) name: String,
    /// Their email address, or empty.
    pub(crate) email: String,
    /// Their phone number, or empty.
    pub(crate) phone: String,
    /// Anything they want to add, or empty.
    pub(crate) note: String,
}

/// A field of the contact form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Field {
    /// The name.
    Name,
    /// The email address.
    Email,
    /// The phone number.
    Phone,
    /// The note.
    Note,
}

impl Field {
    /// The form field's name and id.
    pub(crate) fn id(self) -> &'static str {
        match self {
            Field::Name => "name",
            Field::Email => "email",
            Field::Phone => "phone",
            Field::Note => "note",
        }
    }
}

/// What is wrong with one field (the page says it in the reader's words).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Problem {
    /// The field it is about.
    pub(crate) field: Field,
    /// What is wrong with it.
    pub(crate) wrong: Wrong,
}

/// What can be wrong with a field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Wrong {
    /// Longer than this many characters.
    TooLong(usize),
    /// Neither an email address nor a phone number was given.
    NoWayToReach,
    /// Not an email address (what was typed, shortened to quote).
    NotAnEmail(String),
    /// Not a phone number (what was typed, shortened to quote).
    NotAPhone(String),
}

impl Contact {
    /// The contact as typed, each field trimmed. A one-line field keeps no
    /// line break or other control character (each becomes a space), the
    /// note keeps its line breaks only: nothing typed can pose as another
    /// line of the message the desk receives.
    pub(crate) fn typed(name: &str, email: &str, phone: &str, note: &str) -> Self {
        let one_line = |text: &str| -> String {
            let spaced: String = text
                .chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect();
            spaced.trim().to_owned()
        };
        let note: String = note
            .chars()
            .filter(|&c| !c.is_control() || c == '\n')
            .collect();
        Self {
            name: one_line(name),
            email: one_line(email),
            phone: one_line(phone),
            note: note.trim().to_owned(),
        }
    }

    /// Everything wrong with it, in the form's order: one way to reach the
    /// person is needed, and each field must be what it says.
    pub(crate) fn problems(&self) -> Vec<Problem> {
        let mut problems = Vec::new();
        let mut problem = |field, wrong| problems.push(Problem { field, wrong });
        if self.name.chars().count() > MAX_NAME_CHARS {
            problem(Field::Name, Wrong::TooLong(MAX_NAME_CHARS));
        }
        if self.email.is_empty() && self.phone.is_empty() {
            problem(Field::Email, Wrong::NoWayToReach);
        }
        if !self.email.is_empty() && !is_email(&self.email) {
            problem(Field::Email, Wrong::NotAnEmail(shortened(&self.email)));
        }
        if !self.phone.is_empty() && !is_phone(&self.phone) {
            problem(Field::Phone, Wrong::NotAPhone(shortened(&self.phone)));
        }
        if self.note.chars().count() > MAX_NOTE_CHARS {
            problem(Field::Note, Wrong::TooLong(MAX_NOTE_CHARS));
        }
        problems
    }
}

/// What was typed, cut to a length a message can quote.
fn shortened(typed: &str) -> String {
    const QUOTED: usize = 60;
    if typed.chars().count() > QUOTED {
        format!("{}…", typed.chars().take(QUOTED).collect::<String>())
    } else {
        typed.to_owned()
    }
}

/// An address a mail server would take: one `@`, something before it, a
/// domain with a dot after it, no spaces or control characters, within the
/// length limit. (Whether it exists only the mail server knows.)
fn is_email(email: &str) -> bool {
    let Some((local, domain)) = email.rsplit_once('@') else {
        return false;
    };
    let fine = |part: &str| {
        !part.is_empty()
            && !part
                .chars()
                .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | ',' | ';'))
    };
    email.chars().count() <= MAX_EMAIL_CHARS
        && fine(local)
        && fine(domain)
        && !local.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
}

/// A phone number as people write one: digits (6 to 20 of them), an
/// optional leading `+`, spaces, dashes, dots, slashes and brackets.
fn is_phone(phone: &str) -> bool {
    let digits = phone.chars().filter(char::is_ascii_digit).count();
    let rest = phone.strip_prefix('+').unwrap_or(phone);
    phone.chars().count() <= MAX_PHONE_CHARS
        && (6..=20).contains(&digits)
        && rest
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '.' | '/' | '(' | ')'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(contact: &Contact) -> Vec<Field> {
        contact.problems().iter().map(|p| p.field).collect()
    }

    #[test]
    fn one_way_to_reach_the_person_is_enough() {
        assert!(
            Contact::typed("", "ana@example.com", "", "")
                .problems()
                .is_empty()
        );
        assert!(
            Contact::typed("", "", "+44 20 7946 0958", "")
                .problems()
                .is_empty()
        );
        assert!(
            Contact::typed("", "", "(030) 1234-567", "")
                .problems()
                .is_empty()
        );
        assert_eq!(fields(&Contact::typed("Ana", "", "", "hi")), [Field::Email]);
    }

    #[test]
    fn what_is_not_an_email_or_a_phone_is_said_next_to_its_field() {
        for email in [
            "ana",
            "ana@",
            "@example.com",
            "ana@example",
            "a b@example.com",
            "ana@example..com",
        ] {
            let contact = Contact::typed("", email, "", "");
            let problems = contact.problems();
            assert_eq!(problems.len(), 1, "{email}");
            assert_eq!(problems[0].field, Field::Email);
            assert_eq!(problems[0].wrong, Wrong::NotAnEmail(email.to_owned()));
        }
        for phone in ["12345", "call me", "+44 20 7946 0958 ext 2", "++441234567"] {
            assert_eq!(
                fields(&Contact::typed("", "", phone, "")),
                [Field::Phone],
                "{phone}"
            );
        }
        assert_eq!(
            fields(&Contact::typed("", "ana", "abc", "")),
            [Field::Email, Field::Phone],
            "every problem at once"
        );
    }

    #[test]
    fn nothing_typed_poses_as_another_line() {
        let contact = Contact::typed(
            "Ana\r\nEmail: x@evil.example",
            " ana@example.com\n",
            "",
            "a\r\nb\u{1b}[2J",
        );
        assert_eq!(contact.name, "Ana  Email: x@evil.example");
        assert_eq!(contact.email, "ana@example.com");
        assert_eq!(contact.note, "a\nb[2J");
    }

    #[test]
    fn long_fields_are_refused_with_their_limit() {
        let long = "x".repeat(MAX_NOTE_CHARS + 1);
        let problems = Contact::typed(&long, "ana@example.com", "", &long).problems();
        assert_eq!(problems.len(), 2);
        assert_eq!(problems[1].wrong, Wrong::TooLong(2000));
    }
}
