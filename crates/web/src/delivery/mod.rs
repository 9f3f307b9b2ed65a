//! Delivering hand-offs from the outbox: a worker spawned by `unstuck
//! serve` claims due deliveries from the store with a lease, sends each to
//! its destination (`webhook.rs`: signed JSON over HTTP(S); `email.rs`: a
//! plain-text message over SMTP), and records the attempt: delivered, due
//! again after an exponential backoff, or given up on (an operator can
//! retry it from `/admin/handoffs`). It only ever claims deliveries to the
//! destinations this server is configured with, and stops cleanly: on
//! shutdown, attempts in flight finish (each within its timeout) and
//! nothing new is claimed.
//!
//! Nothing here logs a secret, a password or a person's contact details:
//! a delivery is named by its reference and destination kind.

mod email;
mod webhook;
mod worker;

pub use email::{Smtp, SmtpError};
pub use webhook::{Webhook, WebhookError};
pub use worker::{DeliveryWorker, spawn};

use std::time::Duration;

/// Where hand-offs go, and how; built once at start from the flags.
#[derive(Debug, Default, Clone)]
pub struct Destinations {
    webhooks: Vec<Webhook>,
    email: Option<(Smtp, Vec<String>)>,
}

impl Destinations {
    /// Hand-offs go to these webhooks (each signed with its secret).
    pub fn with_webhooks(mut self, webhooks: Vec<Webhook>) -> Self {
        self.webhooks = webhooks;
        self
    }

    /// Hand-offs go by email, through `smtp`, to each of `addresses`
    /// (refused when one is not an email address).
    pub fn with_email(mut self, smtp: Smtp, addresses: Vec<String>) -> Result<Self, SmtpError> {
        for address in &addresses {
            email::check_address(address)?;
        }
        self.email = (!addresses.is_empty()).then_some((smtp, addresses));
        Ok(self)
    }

    /// The destinations as the store names them (`webhook URL`,
    /// `email ADDRESS`), one delivery each.
    pub fn names(&self) -> Vec<String> {
        let webhooks = self.webhooks.iter().map(|w| format!("webhook {}", w.url()));
        let emails = self
            .email
            .iter()
            .flat_map(|(_, addresses)| addresses.iter().map(|a| format!("email {a}")));
        webhooks.chain(emails).collect()
    }

    /// Whether there is nowhere to deliver to.
    pub fn is_empty(&self) -> bool {
        self.webhooks.is_empty() && self.email.is_none()
    }
}

/// How deliveries are retried.
#[derive(Debug, Clone)]
pub struct Retries {
    /// The wait before the first retry; each next one waits twice as long.
    pub first: Duration,
    /// The longest wait between attempts.
    pub longest: Duration,
    /// Attempts before a delivery is given up on (until an operator retries it).
    pub attempts: u32,
    /// How long one attempt may take (connecting, sending, the answer).
    pub timeout: Duration,
}

impl Default for Retries {
    fn default() -> Self {
        Self {
            first: Duration::from_secs(30),
            longest: Duration::from_secs(3600),
            attempts: 25,
            timeout: Duration::from_secs(10),
        }
    }
}

impl Retries {
    /// The wait after the failed attempt number `attempt` (1 for the first):
    /// `first`, doubled each time, at most `longest`.
    pub fn backoff(&self, attempt: u32) -> Duration {
        let doublings = attempt.saturating_sub(1).min(32);
        self.first
            .saturating_mul(2u32.saturating_pow(doublings))
            .min(self.longest)
    }
}

/// What one attempt at a destination came to.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Sent {
    /// Taken.
    Delivered,
    /// Failed; worth trying again later (timeouts, 5xx, unreachable).
    Transient(String),
    /// Failed in a way trying again will not change (most 4xx, a refused
    /// address): given up on until an operator retries.
    Permanent(String),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wait_doubles_up_to_the_longest() {
        let retries = Retries {
            first: Duration::from_secs(30),
            longest: Duration::from_secs(3600),
            ..Retries::default()
        };
        let waits: Vec<u64> = (1..=9).map(|n| retries.backoff(n).as_secs()).collect();
        assert_eq!(waits, [30, 60, 120, 240, 480, 960, 1920, 3600, 3600]);
        assert_eq!(retries.backoff(1000).as_secs(), 3600, "no overflow");
    }
}

/// A destination's stored name as people may see it: a webhook by its
/// scheme and host only (its path, query or user part may hold a token),
/// an email address as it is.
pub(crate) fn shown(name: &str) -> String {
    match name.strip_prefix("webhook ") {
        Some(url) => {
            let uri: Option<axum::http::Uri> = url.parse().ok();
            let host = uri.as_ref().and_then(|uri| {
                let authority = uri.authority()?.as_str();
                let host = authority
                    .rsplit_once('@')
                    .map_or(authority, |(_, host)| host);
                Some(format!("{}://{host}", uri.scheme_str().unwrap_or("http")))
            });
            format!(
                "webhook {}",
                host.unwrap_or_else(|| "(an address that cannot be read)".to_owned())
            )
        }
        None => name.to_owned(),
    }
}

#[cfg(test)]
mod shown_tests {
    use super::shown;

    #[test]
    fn a_webhooks_token_is_never_shown() {
        assert_eq!(
            shown("webhook https://user:pw@desk.example.com:8443/hooks/s3cret?token=abc"),
            "webhook https://desk.example.com:8443"
        );
        assert_eq!(shown("email desk@example.com"), "email desk@example.com");
    }
}
