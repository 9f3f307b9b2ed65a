//! Fragments several pages share: a step's instructions, "when to get
//! help", the verification checklist, the support summary, the feedback form.

use super::markdown::{self, Links};
use super::words::Words;
use crate::static_site::ServerAddress;
use maud::{Markup, html};
use unstuck_core::Guide;
use unstuck_core::engine::query::MAX_FACT_CHARS;
use unstuck_core::engine::{Summary, SummaryFact};
use unstuck_core::model::{Checklist, GetHelp, HelpPart, Section, Text, Variants};
use unstuck_locale::Arg;

/// Which model's items a page shows: the chosen model's only, or, before
/// a choice (and on the full guide), every item, each marked with the
/// models it is for.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Model<'g> {
    variants: Option<&'g Variants>,
    chosen: Option<usize>,
    words: Words,
}

impl<'g> Model<'g> {
    /// The items for the model `chosen` (by index), or all when `None`.
    pub(crate) fn chosen(guide: &'g Guide, chosen: Option<usize>) -> Self {
        Self {
            variants: guide.variants.as_ref(),
            chosen,
            words: Words::of(guide),
        }
    }

    /// Every item, marked with its models.
    pub(crate) fn all(guide: &'g Guide) -> Self {
        Self::chosen(guide, None)
    }

    /// The item as inline HTML, or nothing when it is for another model.
    pub(crate) fn item(self, text: &Text, links: Links<'_>) -> Option<Markup> {
        let entries = self.variants.map_or(&[][..], |v| &v.entries[..]);
        let chosen = self.chosen.and_then(|n| entries.get(n));
        if !text.applies_to(chosen.map(|v| &v.id)) {
            return None;
        }
        let marks: Vec<String> = match chosen {
            Some(_) => Vec::new(),
            None => (text.only().iter())
                .filter_map(|id| entries.iter().find(|v| v.id == *id))
                .map(|v| v.label.plain())
                .collect(),
        };
        Some(html! {
            @if !marks.is_empty() {
                @let models = marks.join(&self.words.get("model-or"));
                span.model { (self.words.with("model-marks", &[("models", Arg::Text(&models))])) " " }
            }
            (markdown::inline(text, links))
        })
    }
}

/// A step's goal, actions and what you should see.
pub(crate) fn instructions(section: &Section, links: Links<'_>, model: Model<'_>) -> Markup {
    html! {
        @if let Some(goal) = &section.goal {
            p { strong { (model.words.get("label-goal")) " " } (markdown::inline(goal, links)) }
        }
        (actions(section, links, model))
    }
}

/// A list of items, those for another model left out.
pub(crate) fn items(items: &[Text], links: Links<'_>, model: Model<'_>) -> Markup {
    html! {
        @for item in items {
            @if let Some(item) = model.item(item, links) { li { (item) } }
        }
    }
}

/// A step's actions and what you should see: what to do, right now.
pub(crate) fn actions(section: &Section, links: Links<'_>, model: Model<'_>) -> Markup {
    html! {
        ol { (items(&section.actions, links, model)) }
        @for expect in &section.expect {
            p { strong { (model.words.get("label-expect")) " " } (markdown::inline(expect, links)) }
        }
    }
}

/// A caution that stands out in text, not only by colour.
pub(crate) fn caution(section: &Section, links: Links<'_>, words: Words) -> Markup {
    html! {
        @if let Some(caution) = &section.caution {
            p.caution role="note" { strong { (words.get("label-caution")) " " } (markdown::inline(caution, links)) }
        }
    }
}

/// "When to get help": whom to call, on what conditions, and warnings.
/// `id` is its heading's (the block's id, or one unique in a page of
/// several steps).
pub(crate) fn get_help(help: &GetHelp, id: &str, links: Links<'_>, words: Words) -> Markup {
    html! {
        h2 id=(id) { (markdown::inline(&help.title, links)) }
        @for part in &help.parts {
            @match part {
                HelpPart::Contact { who, conditions } => {
                    p { strong { (markdown::inline(who, links)) } }
                    ul { @for condition in conditions { li { (markdown::inline(condition, links)) } } }
                }
                HelpPart::Warning { text } => {
                    p.warning role="note" { strong { (words.get("label-warning")) " " } (markdown::inline(text, links)) }
                }
                HelpPart::Note { text } => p { (markdown::inline(text, links)) },
            }
        }
    }
}

/// The verification checklist, with boxes to tick (no script needed).
/// `id` is its heading's, as for [`get_help`].
pub(crate) fn verification(
    list: &Checklist,
    id: &str,
    links: Links<'_>,
    model: Model<'_>,
) -> Markup {
    html! {
        h2 id=(id) { (markdown::inline(&list.title, links)) }
        @if let Some(intro) = &list.intro { (markdown::blocks(intro, links)) }
        ul.checks {
            @for (n, item) in list.items.iter().enumerate() {
                @if let Some(item) = model.item(item, links) {
                    li {
                        label {
                            input type="checkbox" name=(format!("check-{n}"));
                            span { (item) }
                        }
                    }
                }
            }
        }
    }
}

/// The support summary's facts and steps, as a definition list.
pub(crate) fn summary_facts(summary: &Summary, words: Words) -> Markup {
    html! {
        dl.results {
            @for fact in &summary.facts {
                dt { (fact.label) }
                dd {
                    @match &fact.value {
                        Some(value) => (value),
                        None => span.muted { (words.get("summary-to-fill")) },
                    }
                }
            }
        }
    }
}

/// About how many characters fit on a line of a text field on a phone.
const PHONE_LINE_CHARS: usize = 32;

/// The field of one of the support summary's facts, labelled: one line,
/// or, for a value longer than that or of several lines, a box as tall as
/// its text (`field-sizing` where the browser has it, else enough rows for
/// a phone's width).
pub(crate) fn fact_field(fact: &SummaryFact) -> Markup {
    let id = format!("fact-{}", fact.id);
    let value = fact.value.as_deref().unwrap_or("");
    let rows: usize = (value.lines())
        .map(|line| line.chars().count().div_ceil(PHONE_LINE_CHARS).max(1))
        .sum();
    html! {
        label.field for=(id) { (fact.label) }
        @if rows > 1 {
            textarea.fits id=(id) name=(id) maxlength=(MAX_FACT_CHARS) rows=(rows.min(8)) { (value) }
        } @else {
            input type="text" id=(id) name=(id) value=(value) maxlength=(MAX_FACT_CHARS) autocomplete="off";
        }
    }
}

/// Where feedback should send the person back to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FeedbackOn<'a> {
    /// The interactive guide.
    Flow,
    /// The full guide.
    Full,
    /// A step of a static site's guide page, posting to `server` (which
    /// sends the person back to the page the optional script names); the
    /// form's ids start with `step`, the step's anchor.
    Static {
        server: &'a ServerAddress,
        step: &'a str,
    },
}

/// What the feedback form shows.
pub(crate) enum FeedbackState<'a> {
    /// The form, empty.
    Ask,
    /// "Thanks for your feedback."
    Sent,
    /// Saving failed: the form again with what was typed, and why.
    Failed { comment: &'a str, reason: &'a str },
}

impl FeedbackState<'_> {
    /// The form, or the thanks after feedback was sent.
    pub(crate) fn after(sent: bool) -> Self {
        if sent {
            FeedbackState::Sent
        } else {
            FeedbackState::Ask
        }
    }
}

/// "Rate this guide": was it helpful, and an optional comment.
pub(crate) fn feedback(
    guide: &Guide,
    state: &str,
    outcome: Option<&str>,
    on: FeedbackOn<'_>,
    shown: &FeedbackState<'_>,
) -> Markup {
    let words = Words::of(guide);
    let comment = match shown {
        FeedbackState::Failed { comment, .. } => *comment,
        _ => "",
    };
    let path = format!("{}/feedback", super::guide_url(guide));
    let (action, step) = match on {
        FeedbackOn::Static { server, step } => (server.url(&path), Some(step)),
        FeedbackOn::Flow | FeedbackOn::Full => (path, None),
    };
    let server = step.is_some();
    let id = |name: &str| step.map_or_else(|| name.to_owned(), |step| format!("{step}-{name}"));
    html! {
        section.no-print id=(id("rate")) aria-labelledby=(id("rate-title")) {
            h2 id=(id("rate-title")) { (words.get("rate-title")) }
            @if let FeedbackState::Sent = shown {
                p.notice role="status" { (words.get("rate-thanks")) }
            } @else {
                @if let FeedbackState::Failed { reason, .. } = shown {
                    p.warning role="alert" { strong { (words.get("rate-not-sent")) " " } (reason) }
                }
                form method="post" action=(action) data-server[server] {
                    input type="hidden" name="state" value=(state);
                    input type="hidden" name="page" value=(if on == FeedbackOn::Full { "full" } else { "flow" });
                    @if let Some(outcome) = outcome {
                        input type="hidden" name="outcome" value=(outcome);
                    }
                    @if server {
                        // The optional script puts the page's address here.
                        input type="hidden" name="back" value="";
                    }
                    fieldset {
                        legend { (words.get("rate-question")) }
                        label.field for=(id("comment")) { (words.get("rate-comment")) }
                        textarea id=(id("comment")) name="comment" maxlength="1000" rows="3" { (comment) }
                        div.row {
                            button type="submit" name="helpful" value="yes" { (words.get("rate-yes")) }
                            button type="submit" name="helpful" value="no" { (words.get("rate-no")) }
                        }
                    }
                }
            }
        }
    }
}
