//! Every text of a guide that a page shows, each with the context that
//! names it in a catalog: the part it belongs to and the field.
//!
//! Contexts name parts by id (`#check-battery/goal`), the guide's own
//! fields by the guide's id (`smart-lock/title`), answers, facts and models
//! by their ids (`#keypad-lights/answers/yes`), and items of lists by their
//! place, counted from 1 (`#check-battery/actions/2`). A context never
//! carries a target: where things lead stays in the source guide.

use crate::model::{Checklist, Guide, HelpPart, LinkList, Text};

/// One text of a guide, as [`each_text`] hands it out.
pub(crate) struct Field<'a> {
    /// The context that names the text in a catalog.
    pub(crate) context: String,
    /// Whether the text is a list item that may start with `[model]` marks.
    pub(crate) markable: bool,
    /// The text.
    pub(crate) text: &'a mut Text,
}

/// Calls `visit` with every text of `guide` a page may show, in no
/// particular order (callers sort by the texts' spans).
///
/// The reviewer's name is handed out as a text spanning the guide's id.
pub(crate) fn each_text(guide: &mut Guide, visit: &mut dyn FnMut(Field<'_>)) {
    let mut v = Visitor { visit };
    let guide_id = guide.id.to_string();
    v.text(format!("{guide_id}/title"), &mut guide.title);
    v.text(format!("{guide_id}/summary"), &mut guide.summary);
    if let Some(review) = &mut guide.reviewed {
        let mut by = Text::new(review.by.clone(), guide.id.span());
        v.text(format!("{guide_id}/reviewed-by"), &mut by);
        review.by = by.markdown().to_owned();
    }
    if let Some(needs) = &mut guide.needs {
        v.checklist(needs);
    }
    if let Some(triage) = &mut guide.triage {
        v.link_list(triage);
    }
    for section in &mut guide.sections {
        let part = format!("#{}", section.id);
        v.text(format!("{part}/title"), &mut section.title);
        v.optional(format!("{part}/goal"), section.goal.as_mut());
        v.optional(format!("{part}/caution"), section.caution.as_mut());
        v.list(&part, "actions", true, section.actions.iter_mut());
        v.list(&part, "expect", false, section.expect.iter_mut());
        v.list(
            &part,
            "results",
            false,
            section.results.iter_mut().map(|r| &mut r.text),
        );
    }
    for question in &mut guide.questions {
        let part = format!("#{}", question.id);
        v.text(format!("{part}/prompt"), &mut question.prompt);
        v.optional(format!("{part}/help"), question.help.as_mut());
        for answer in &mut question.answers {
            v.text(format!("{part}/answers/{}", answer.id), &mut answer.label);
        }
    }
    for outcome in &mut guide.outcomes {
        let part = format!("#{}", outcome.id);
        v.text(format!("{part}/title"), &mut outcome.title);
        v.optional(format!("{part}/body"), outcome.body.as_mut());
    }
    if let Some(help) = &mut guide.get_help {
        let part = format!("#{}", help.id);
        v.text(format!("{part}/title"), &mut help.title);
        for (n, help_part) in help.parts.iter_mut().enumerate() {
            let place = format!("{part}/parts/{}", n + 1);
            match help_part {
                HelpPart::Contact { who, conditions } => {
                    v.text(place.clone(), who);
                    v.list(&place, "conditions", false, conditions.iter_mut());
                }
                HelpPart::Warning { text } | HelpPart::Note { text } => v.text(place, text),
            }
        }
    }
    if let Some(verification) = &mut guide.verification {
        v.checklist(verification);
    }
    if let Some(ladder) = &mut guide.ladder {
        v.link_list(ladder);
    }
    if let Some(capture) = &mut guide.capture {
        let part = format!("#{}", capture.id);
        v.text(format!("{part}/title"), &mut capture.title);
        v.optional(format!("{part}/intro"), capture.intro.as_mut());
        for fact in &mut capture.facts {
            v.text(format!("{part}/facts/{}", fact.id), &mut fact.label);
        }
    }
    if let Some(faq) = &mut guide.faq {
        let part = format!("#{}", faq.id);
        v.text(format!("{part}/title"), &mut faq.title);
        for (n, entry) in faq.entries.iter_mut().enumerate() {
            let place = format!("{part}/entries/{}", n + 1);
            v.text(format!("{place}/question"), &mut entry.question);
            v.text(format!("{place}/answer"), &mut entry.answer);
        }
    }
    if let Some(variants) = &mut guide.variants {
        let part = format!("#{}", variants.id);
        v.text(format!("{part}/title"), &mut variants.title);
        v.optional(format!("{part}/intro"), variants.intro.as_mut());
        for model in &mut variants.entries {
            v.text(format!("{part}/models/{}", model.id), &mut model.label);
        }
    }
}

/// Hands texts to the caller's closure with their contexts.
struct Visitor<'v> {
    visit: &'v mut dyn FnMut(Field<'_>),
}

impl Visitor<'_> {
    fn text(&mut self, context: String, text: &mut Text) {
        self.field(context, false, text);
    }

    fn field(&mut self, context: String, markable: bool, text: &mut Text) {
        (self.visit)(Field {
            context,
            markable,
            text,
        });
    }

    fn optional(&mut self, context: String, text: Option<&mut Text>) {
        if let Some(text) = text {
            self.text(context, text);
        }
    }

    /// The items of a list: `PART/FIELD/N`, counted from 1.
    fn list<'t>(
        &mut self,
        part: &str,
        field: &str,
        markable: bool,
        items: impl Iterator<Item = &'t mut Text>,
    ) {
        for (n, text) in items.enumerate() {
            self.field(format!("{part}/{field}/{}", n + 1), markable, text);
        }
    }

    /// What you'll need, Verification: their items may carry model marks.
    fn checklist(&mut self, list: &mut Checklist) {
        let part = format!("#{}", list.id);
        self.text(format!("{part}/title"), &mut list.title);
        self.optional(format!("{part}/intro"), list.intro.as_mut());
        self.list(&part, "items", true, list.items.iter_mut());
    }

    /// The quick triage and the escalation ladder: labels and descriptions.
    fn link_list(&mut self, list: &mut LinkList) {
        let part = format!("#{}", list.id);
        self.text(format!("{part}/title"), &mut list.title);
        self.optional(format!("{part}/intro"), list.intro.as_mut());
        for (n, entry) in list.entries.iter_mut().enumerate() {
            let place = format!("{part}/entries/{}", n + 1);
            self.text(format!("{place}/label"), &mut entry.label);
            self.text(format!("{place}/description"), &mut entry.description);
        }
    }
}

/// The text as a catalog carries it: its `[model]` marks, then its Markdown.
pub(crate) fn message_id(text: &Text) -> String {
    if text.only().is_empty() {
        return text.markdown().to_owned();
    }
    let marks: Vec<&str> = text.only().iter().map(|id| id.as_str()).collect();
    format!("[{}] {}", marks.join(", "), text.markdown())
}
