//! Bringing a translation up to date with its template, the way GNU
//! `msgmerge` does: a text whose source changed keeps its old translation,
//! marked fuzzy with the old source beside it (`#| msgid`); a new text is
//! added untranslated; a text gone from the source is kept as obsolete
//! (`#~`) so its translation can come back.

use super::po::{Catalog, Message};
use std::collections::{HashMap, HashSet};

/// The translation `old` brought up to date with `template`. Messages are
/// matched by context, and a list item that moved (an item added or
/// removed before it shifts its number) by its list and unchanged text;
/// the result has the template's messages in its order, then the obsolete
/// ones. The header is the old one.
pub fn merge(template: &Catalog, old: &Catalog) -> Catalog {
    let mut by_context: HashMap<&str, &Message> = HashMap::new();
    let mut by_list_text: HashMap<(&str, &str), &Message> = HashMap::new();
    // Current messages win over obsolete ones with the same context.
    let obsolete = old.messages.iter().filter(|m| m.obsolete);
    for message in obsolete.chain(old.current()) {
        by_context.insert(context(message), message);
        if let Some(list) = list_of(context(message)) {
            by_list_text.insert((list, message.id.as_str()), message);
        }
    }
    let fresh: Vec<&Message> = template.current().collect();
    // Same text first (at its place, or moved within its list), then
    // whatever is left at a text's place, which changed.
    let mut known: Vec<Option<&Message>> = vec![None; fresh.len()];
    let mut used: HashSet<*const Message> = HashSet::new();
    for (slot, message) in known.iter_mut().zip(&fresh) {
        let at_place =
            (by_context.get(context(message)).copied()).filter(|old| old.id == message.id);
        let moved = || {
            let list = list_of(context(message))?;
            by_list_text.get(&(list, message.id.as_str())).copied()
        };
        if let Some(same) = at_place.or_else(moved).filter(|m| used.insert(ptr(m))) {
            *slot = Some(same);
        }
    }
    for (slot, message) in known.iter_mut().zip(&fresh) {
        if slot.is_none() {
            *slot = (by_context.get(context(message)).copied()).filter(|m| used.insert(ptr(m)));
        }
    }
    let mut merged = Catalog {
        header_comments: old.header_comments.clone(),
        header: old.header.clone(),
        messages: Vec::with_capacity(fresh.len()),
    };
    for (fresh, known) in fresh.into_iter().zip(known) {
        let mut message = fresh.clone();
        if let Some(known) = known {
            message.comments.clone_from(&known.comments);
            if !known.translation.is_empty() {
                message.translation.clone_from(&known.translation);
                let changed = known.id != fresh.id;
                message.set_fuzzy(changed || known.is_fuzzy());
                message.previous = match (changed, known.is_fuzzy()) {
                    (true, _) => Some(known.previous.clone().unwrap_or(known.id.clone())),
                    (false, true) => known.previous.clone(),
                    (false, false) => None,
                };
            }
        }
        merged.messages.push(message);
    }
    // What is left is gone from the source: kept if it was translated.
    for message in &old.messages {
        let current = by_context
            .get(context(message))
            .is_some_and(|m| std::ptr::eq(*m, message));
        if current && !used.contains(&ptr(message)) && !message.translation.is_empty() {
            let mut gone = message.clone();
            gone.obsolete = true;
            gone.references.clear();
            gone.notes.clear();
            merged.messages.push(gone);
        }
    }
    merged
}

/// The list a list item's context belongs to: `#restart/actions/` of
/// `#restart/actions/2`; none for a text that is not a numbered item.
fn list_of(context: &str) -> Option<&str> {
    let (list, number) = context.rsplit_once('/')?;
    let numbered = !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit());
    numbered.then(|| &context[..=list.len()])
}

/// A message's identity, to use each old message once.
fn ptr(message: &Message) -> *const Message {
    message
}

/// A new translation of `template` into `lang`: every message untranslated,
/// a header that names the language and its plural rule, dated `date`
/// (`YYYY-MM-DD HH:MM+ZZZZ`).
pub fn start(template: &Catalog, lang: &str, date: &str) -> Catalog {
    let mut catalog = super::header::translation(template, lang, date);
    catalog.messages = template.current().cloned().collect();
    catalog
}

fn context(message: &Message) -> &str {
    message.context.as_deref().unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(context: &str, id: &str, translation: &str) -> Message {
        Message {
            translation: translation.to_owned(),
            ..Message::new(context.to_owned(), id.to_owned())
        }
    }

    #[test]
    fn changed_texts_turn_fuzzy_new_ones_empty_and_gone_ones_obsolete() {
        let template = Catalog {
            messages: vec![
                message("a", "Same", ""),
                message("b", "Changed now", ""),
                message("c", "New", ""),
            ],
            ..Catalog::default()
        };
        let old = Catalog {
            messages: vec![
                message("a", "Same", "Gleich"),
                message("b", "Changed", "Geändert"),
                message("d", "Gone", "Weg"),
                message("e", "Gone, never translated", ""),
            ],
            ..Catalog::default()
        };
        let merged = merge(&template, &old);
        let summary: Vec<_> = (merged.messages.iter())
            .map(|m| {
                let context = m.context.as_deref().unwrap_or("");
                (context, m.translation.as_str(), m.is_fuzzy(), m.obsolete)
            })
            .collect();
        assert_eq!(
            summary,
            [
                ("a", "Gleich", false, false),
                ("b", "Geändert", true, false),
                ("c", "", false, false),
                ("d", "Weg", false, true),
            ]
        );
        assert_eq!(merged.messages[1].previous.as_deref(), Some("Changed"));
        assert_eq!(merged.messages[1].id, "Changed now");
        // Merging again changes nothing; an obsolete text that returns is revived.
        assert_eq!(merge(&template, &merged).write(), merged.write());
        let back = Catalog {
            messages: vec![message("d", "Gone", "")],
            ..Catalog::default()
        };
        let revived = merge(&back, &merged);
        assert_eq!(revived.messages[0].translation, "Weg");
        assert!(!revived.messages[0].obsolete && !revived.messages[0].is_fuzzy());
    }

    #[test]
    fn an_item_added_to_a_list_moves_the_translations_after_it_along() {
        let template = Catalog {
            messages: vec![
                message("#restart/actions/1", "Unplug it first.", ""),
                message("#restart/actions/2", "Wait 30 s.", ""),
                message("#restart/actions/3", "Plug it back in.", ""),
                message("#restart/goal", "Restart it.", ""),
            ],
            ..Catalog::default()
        };
        let old = Catalog {
            messages: vec![
                message("#restart/actions/1", "Wait 30 s.", "30 s warten."),
                message(
                    "#restart/actions/2",
                    "Plug it back in.",
                    "Wieder einstecken.",
                ),
                message("#restart/goal", "Restart it.", "Neu starten."),
            ],
            ..Catalog::default()
        };
        let merged = merge(&template, &old);
        let summary: Vec<_> = (merged.messages.iter())
            .map(|m| (m.translation.as_str(), m.is_fuzzy(), m.obsolete))
            .collect();
        assert_eq!(
            summary,
            [
                ("", false, false),
                ("30 s warten.", false, false),
                ("Wieder einstecken.", false, false),
                ("Neu starten.", false, false),
            ]
        );
        assert_eq!(list_of("#restart/actions/12"), Some("#restart/actions/"));
        assert_eq!(list_of("#restart/goal"), None);
    }
}
