//! What differs between a served flow page and a static one: the
//! controls. The flow view ([`super::flow`]) is one page; each kind of
//! site supplies how a person answers, acknowledges a caution, goes back,
//! changes an answer, picks a model and reaches the support summary.

mod served;
mod static_links;

use super::Site;
use super::flow::Flow;
use super::parts::FeedbackState;
use maud::Markup;

/// The controls of one kind of site.
pub(crate) trait Controls: Sync {
    /// The id of the page's element `name` (`question`, `step`…): unique
    /// in a page that holds several steps.
    fn id(&self, flow: &Flow<'_>, name: &str) -> String;

    /// The step number shown ("Step 3"), when the page knows it.
    fn step(&self, flow: &Flow<'_>) -> Option<usize>;

    /// The answers to `question`, each one tap; `short` ones side by side.
    fn answers(&self, flow: &Flow<'_>, question: usize, short: bool) -> Markup;

    /// Below a question being changed: the way to keep the answer.
    fn keep_answer(&self, flow: &Flow<'_>) -> Markup;

    /// The control that acknowledges the caution of `section`.
    fn acknowledge(&self, flow: &Flow<'_>, section: usize) -> Markup;

    /// On a caution: the way back to the previous question.
    fn back(&self, flow: &Flow<'_>) -> Markup;

    /// The answers so far, each with a way to change it.
    fn answered(&self, flow: &Flow<'_>) -> Markup;

    /// A link showing this step for `variant` (none: every model's items).
    fn model_link(&self, flow: &Flow<'_>, variant: Option<usize>, label: String) -> Markup;

    /// A link to the support summary saying `text`, if this page has one.
    fn summary_link(&self, flow: &Flow<'_>, text: &str) -> Option<Markup>;

    /// On an escalation outcome: the way to send the answers to support,
    /// or what to do where the page cannot send them.
    fn contact_link(&self, flow: &Flow<'_>) -> Option<Markup>;

    /// The feedback form (about `outcome`, if the page shows one).
    fn feedback(&self, flow: &Flow<'_>, outcome: Option<&str>, shown: &FeedbackState<'_>)
    -> Markup;
}

impl Site {
    /// The controls of this kind of site.
    pub(crate) fn controls(self) -> &'static dyn Controls {
        match self {
            Site::Served => &served::Served,
            Site::Static => &static_links::StaticLinks,
        }
    }
}
