//! Fragments several pages share: a step's instructions, "when to get
//! help", the verification checklist, the support summary, the feedback form.

use super::markdown::{self, Links};
use maud::{Markup, html};
use unstuck_core::engine::Summary;
use unstuck_core::model::{Checklist, GetHelp, HelpPart, Section};

/// A step's goal, actions and what you should see.
pub(crate) fn instructions(section: &Section, links: Links<'_>) -> Markup {
    html! {
        @if let Some(goal) = &section.goal {
            p { strong { "Goal: " } (markdown::inline(goal, links)) }
        }
        (actions(section, links))
    }
}

/// A step's actions and what you should see: what to do, right now.
pub(crate) fn actions(section: &Section, links: Links<'_>) -> Markup {
    html! {
        ol {
            @for action in &section.actions {
                li { (markdown::inline(action, links)) }
            }
        }
        @for expect in &section.expect {
            p { strong { "What you should see: " } (markdown::inline(expect, links)) }
        }
    }
}

/// A caution that stands out in text, not only by colour.
pub(crate) fn caution(section: &Section, links: Links<'_>) -> Markup {
    html! {
        @if let Some(caution) = &section.caution {
            p.caution role="note" { strong { "Caution: " } (markdown::inline(caution, links)) }
        }
    }
}

/// "When to get help": whom to call, on what conditions, and warnings.
pub(crate) fn get_help(help: &GetHelp, links: Links<'_>) -> Markup {
    html! {
        h2 id=(help.id.as_str()) { (markdown::inline(&help.title, links)) }
        @for part in &help.parts {
            @match part {
                HelpPart::Contact { who, conditions } => {
                    p { strong { (markdown::inline(who, links)) } }
                    ul { @for condition in conditions { li { (markdown::inline(condition, links)) } } }
                }
                HelpPart::Warning { text } => {
                    p.warning role="note" { strong { "Warning: " } (markdown::inline(text, links)) }
                }
                HelpPart::Note { text } => p { (markdown::inline(text, links)) },
            }
        }
    }
}

/// The verification checklist, with boxes to tick (no script needed).
pub(crate) fn verification(list: &Checklist, links: Links<'_>) -> Markup {
    html! {
        h2 id=(list.id.as_str()) { (markdown::inline(&list.title, links)) }
        @if let Some(intro) = &list.intro { (markdown::blocks(intro, links)) }
        ul.checks {
            @for (n, item) in list.items.iter().enumerate() {
                li {
                    label {
                        input type="checkbox" name=(format!("check-{n}"));
                        span { (markdown::inline(item, links)) }
                    }
                }
            }
        }
    }
}

/// The support summary's facts and steps, as a definition list.
pub(crate) fn summary_facts(summary: &Summary) -> Markup {
    html! {
        dl.results {
            @for fact in &summary.facts {
                dt { (fact.label) }
                dd {
                    @match &fact.value {
                        Some(value) => (value),
                        None => span.muted { "(to fill in)" },
                    }
                }
            }
        }
    }
}

/// Where feedback should send the person back to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FeedbackOn {
    /// The interactive guide.
    Flow,
    /// The full guide.
    Full,
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
    guide_id: &str,
    state: &str,
    outcome: Option<&str>,
    on: FeedbackOn,
    shown: &FeedbackState<'_>,
) -> Markup {
    let comment = match shown {
        FeedbackState::Failed { comment, .. } => *comment,
        _ => "",
    };
    html! {
        section #rate aria-labelledby="rate-title" {
            h2 #rate-title { "Rate this guide" }
            @if let FeedbackState::Sent = shown {
                p.notice role="status" { "Thanks for your feedback." }
            } @else {
                @if let FeedbackState::Failed { reason, .. } = shown {
                    p.warning role="alert" { strong { "Not sent: " } (reason) }
                }
                form method="post" action=(format!("/guides/{guide_id}/feedback")) {
                    input type="hidden" name="state" value=(state);
                    input type="hidden" name="page" value=(match on { FeedbackOn::Flow => "flow", FeedbackOn::Full => "full" });
                    @if let Some(outcome) = outcome {
                        input type="hidden" name="outcome" value=(outcome);
                    }
                    fieldset {
                        legend { "Was this helpful?" }
                        label.field for="comment" { "Anything to add? (optional)" }
                        textarea #comment name="comment" maxlength="1000" rows="3" { (comment) }
                        div.row {
                            button type="submit" name="helpful" value="yes" { "Yes" }
                            button type="submit" name="helpful" value="no" { "No" }
                        }
                    }
                }
            }
        }
    }
}
