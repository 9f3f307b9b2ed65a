//! `/admin/handoffs`: the hand-offs to the support desk with their delivery
//! state and attempts, one found by the reference a person reads out (what
//! they sent, how to reach them, each destination's attempts), and a way
//! to retry the deliveries that were given up on.

use super::layout::Page;
use super::words::Words;
use crate::handoff::payload::{Payload, rfc3339};
use maud::{Markup, html};
use unstuck_store::{Delivery, DeliveryState, Handoff};

/// The list, newest first, with the search form (and what the search said).
pub(crate) fn list(handoffs: &[Handoff], searched: Option<(&str, &str)>) -> String {
    let main = html! {
        h1 { "Hand-offs to support" }
        (search_form(searched.map_or("", |(typed, _)| typed)))
        @if let Some((_, message)) = searched {
            p.warning role="alert" { (message) }
        }
        @if handoffs.is_empty() {
            p { "No hand-offs yet." }
        } @else {
            table {
                caption { "The latest " (handoffs.len()) }
                thead { tr {
                    th scope="col" { "Reference" } th scope="col" { "Sent" }
                    th scope="col" { "Guide and outcome" } th scope="col" { "Delivery" }
                } }
                tbody { @for handoff in handoffs {
                    tr {
                        th scope="row" { a href=(format!("/admin/handoffs?reference={}", handoff.reference)) { (handoff.reference) } }
                        td { (rfc3339(handoff.created_at)) }
                        td { (handoff.guide) " · " (handoff.outcome) }
                        td { (state_of(&handoff.deliveries)) }
                    }
                } }
            }
        }
        p { a href="/admin" { "Back to the dashboard" } }
    };
    Page::new(Words::english(), "Hand-offs · Admin · Unstuck", main).render()
}

/// One hand-off: what was sent, and each destination's deliveries.
pub(crate) fn detail(handoff: &Handoff) -> String {
    let payload: Option<Payload> = serde_json::from_str(&handoff.payload).ok();
    let failed = handoff
        .deliveries
        .iter()
        .any(|d| d.state == DeliveryState::Failed);
    let main = html! {
        h1 { "Hand-off " (handoff.reference) }
        (search_form(""))
        p { "Sent " (rfc3339(handoff.created_at)) ", from the guide " (handoff.guide) ", outcome " (handoff.outcome) "." }
        @if let Some(payload) = &payload { (sent(payload)) }
        h2 { "Delivery" }
        @if handoff.deliveries.is_empty() {
            p { "No destination was configured when it was sent: it is kept here only." }
        } @else {
            table {
                thead { tr {
                    th scope="col" { "Destination" } th scope="col" { "State" } th scope="col" { "Attempts" }
                    th scope="col" { "Last error" }
                } }
                tbody { @for delivery in &handoff.deliveries { (delivery_row(delivery)) } }
            }
        }
        @if failed {
            form method="post" action=(format!("/admin/handoffs/{}/retry", handoff.reference)) {
                button type="submit" { "Retry the failed deliveries" }
            }
        }
        p { a href="/admin/handoffs" { "All hand-offs" } }
    };
    Page::new(
        Words::english(),
        format!("Hand-off {} · Admin · Unstuck", handoff.reference),
        main,
    )
    .render()
}

fn search_form(typed: &str) -> Markup {
    html! {
        form method="get" action="/admin/handoffs" role="search" {
            label.field for="reference" { "Find by reference (as the person reads it out)" }
            input type="search" id="reference" name="reference" value=(typed) autocomplete="off";
            button type="submit" { "Find" }
        }
    }
}

/// What the person sent.
fn sent(payload: &Payload) -> Markup {
    let contact = &payload.contact;
    html! {
        h2 { "Contact" }
        dl.results {
            @for (label, value) in [("Name", &contact.name), ("Email", &contact.email), ("Phone", &contact.phone), ("Note", &contact.note)] {
                @if !value.is_empty() { dt { (label) } dd { (value) } }
            }
        }
        h2 { "Support summary" }
        pre { (payload.summary) }
    }
}

fn delivery_row(delivery: &Delivery) -> Markup {
    let state = match delivery.state {
        DeliveryState::Pending if delivery.attempts == 0 => "queued".to_owned(),
        DeliveryState::Pending => format!("retrying at {}", rfc3339(delivery.next_attempt_at)),
        DeliveryState::Delivered => format!(
            "delivered {}",
            delivery.delivered_at.map(rfc3339).unwrap_or_default()
        ),
        DeliveryState::Failed => "failed".to_owned(),
    };
    html! {
        tr {
            th scope="row" { (crate::delivery::shown(&delivery.destination)) }
            td { (state) }
            td { (delivery.attempts) }
            td { (delivery.last_error.as_deref().unwrap_or("—")) }
        }
    }
}

/// All deliveries of a hand-off in a few words.
fn state_of(deliveries: &[Delivery]) -> String {
    if deliveries.is_empty() {
        return "kept here (no destination)".to_owned();
    }
    let count = |state| deliveries.iter().filter(|d| d.state == state).count();
    let attempts: i64 = deliveries.iter().map(|d| d.attempts).sum();
    let (delivered, failed) = (
        count(DeliveryState::Delivered),
        count(DeliveryState::Failed),
    );
    let pending = deliveries.len() - delivered - failed;
    let mut parts = Vec::new();
    for (n, word) in [
        (delivered, "delivered"),
        (pending, "pending"),
        (failed, "failed"),
    ] {
        if n > 0 {
            parts.push(format!("{n} {word}"));
        }
    }
    format!("{} ({attempts} attempts)", parts.join(", "))
}
