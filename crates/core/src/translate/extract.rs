//! Templates: every translatable text of a compiled guide, as the
//! messages of a POT file per source file (the guide's own, and each
//! shared file it includes).

use super::po::{Catalog, Message};
use super::texts::{each_text, message_id};
use crate::model::Guide;
use crate::source::{Source, Span};

/// The template of one source file: its name as `source` reports it, and
/// the catalog of its texts.
#[derive(Debug, Clone, PartialEq)]
pub struct Template {
    /// The file the texts come from, as named in `source` (`smart-lock.md`,
    /// `_shared/power-cycle.md`).
    pub file: String,
    /// Its texts, in the order they stand in the file, untranslated.
    pub catalog: Catalog,
}

/// The templates of `guide`, compiled from `source` (with its shared files
/// named, see [`Source::with_included`]): one per file that holds texts, the
/// guide's own first. Each message's context names its part and field, and
/// its reference says `file:line`. The same guide gives the same templates.
pub fn templates(guide: &Guide, source: &Source<'_>) -> Vec<Template> {
    let mut texts: Vec<(Span, String, String)> = Vec::new();
    let mut copy = guide.clone();
    each_text(&mut copy, &mut |field| {
        texts.push((field.text.span(), field.context, message_id(field.text)));
    });
    texts.sort_by(|a, b| (a.0.start, &a.1).cmp(&(b.0.start, &b.1)));
    let mut templates: Vec<Template> = Vec::new();
    for (span, context, id) in texts {
        let file = source.part(span.start).name;
        let line = source.line_col(span.start).line;
        let mut message = Message::new(context, id);
        message.notes = notes(&message.id);
        message.references.push(format!("{file}:{line}"));
        let template = match templates.iter_mut().position(|t| t.file == file) {
            Some(index) => &mut templates[index],
            None => {
                let project = if templates.is_empty() {
                    guide.id.to_string()
                } else {
                    file.trim_end_matches(".md").to_owned()
                };
                templates.push(Template {
                    file: file.to_owned(),
                    catalog: super::header::template(&project),
                });
                templates.last_mut().expect("just pushed")
            }
        };
        template.catalog.messages.push(message);
    }
    templates
}

/// What a translator must keep in a text: its links' targets, its marks.
fn notes(id: &str) -> Vec<String> {
    let mut notes = Vec::new();
    if crate::syntax::variant_marks(id).is_some() {
        notes.push(
            "Keep the [model] marks at the start: they say which models this is for.".to_owned(),
        );
    }
    if id.contains("](") {
        notes.push(
            "Keep every link and its target (#id or address); translate the words in [brackets]."
                .to_owned(),
        );
    }
    notes
}
