//! The delivery loop: claim what is due, attempt each (at once, within the
//! timeout), record the results, and wait for the next due time, a new
//! hand-off from this server, or the order to stop.

use super::webhook::{Poster, WebhookError};
use super::{Destinations, Retries, Sent};
use crate::handoff::payload::Payload;
use crate::observe::DeliveryCounters;
use crate::state::AppState;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{Notify, watch};
use tokio::task::JoinSet;
use unstuck_store::{Attempt, Claim, Store, now_unix};

/// Deliveries claimed at once.
const BATCH: i64 = 16;

/// The longest wait between looks at the outbox (other servers' hand-offs
/// and retries fall due without a wake-up).
const LONGEST_POLL: Duration = Duration::from_secs(5);

/// The running worker; stop it on shutdown.
#[derive(Debug)]
pub struct DeliveryWorker {
    stop: watch::Sender<bool>,
    task: tokio::task::JoinHandle<()>,
}

impl DeliveryWorker {
    /// Stops claiming, lets the attempts in flight finish and record their
    /// results, and returns when the worker has ended.
    pub async fn stop(self) {
        let _ = self.stop.send(true);
        if let Err(error) = self.task.await {
            tracing::error!(%error, "the hand-off delivery worker failed");
        }
    }
}

/// Starts delivering the hand-offs in `store` to `destinations`, woken
/// when the server of `state` stores one (it is then sent at once), and
/// counting in that server's metrics.
pub fn spawn(
    store: Store,
    destinations: Destinations,
    retries: Retries,
    state: &AppState,
) -> Result<DeliveryWorker, WebhookError> {
    let poster = Poster::new(retries.timeout)?;
    for webhook in destinations.webhooks.iter().filter(|w| w.sends_in_clear()) {
        tracing::warn!(
            webhook = %webhook.origin(),
            "hand-offs (names, contact details, answers) go to this webhook unencrypted; \
             give it an https:// address"
        );
    }
    let (stop, stopping) = watch::channel(false);
    let wake = state.handoff_stored();
    let worker = Worker {
        counters: state.metrics().deliveries.clone(),
        store,
        names: destinations.names(),
        destinations,
        poster,
        owner: owner_token(),
        retries,
    };
    let task = tokio::spawn(worker.run(wake, stopping));
    Ok(DeliveryWorker { stop, task })
}

/// What one delivery attempt needs.
struct Worker {
    store: Store,
    destinations: Destinations,
    names: Vec<String>,
    poster: Poster,
    owner: String,
    retries: Retries,
    counters: DeliveryCounters,
}

impl Worker {
    async fn run(self, wake: Arc<Notify>, mut stopping: watch::Receiver<bool>) {
        let worker = Arc::new(self);
        let poll = worker
            .retries
            .first
            .clamp(Duration::from_secs(1), LONGEST_POLL);
        // Every attempt of a batch ends by its timeout (they run at once);
        // the rest is for the database to record them.
        let lease = i64::try_from(worker.retries.timeout.as_secs() * 2 + 5).unwrap_or(60);
        while !*stopping.borrow() {
            let claimed = worker
                .store
                .claim_deliveries(&worker.owner, &worker.names, now_unix(), lease, BATCH)
                .await;
            match claimed {
                Ok(claims) if !claims.is_empty() => {
                    let mut attempts = JoinSet::new();
                    for claim in claims {
                        let worker = Arc::clone(&worker);
                        attempts.spawn(async move { worker.attempt(claim).await });
                    }
                    while attempts.join_next().await.is_some() {}
                    // There may be more due at once.
                    continue;
                }
                Ok(_) => {}
                Err(error) => {
                    tracing::warn!(%error, "cannot look for hand-offs to deliver; trying again");
                }
            }
            tokio::select! {
                () = tokio::time::sleep(poll) => {}
                () = wake.notified() => {}
                _ = stopping.changed() => {}
            }
        }
    }

    /// One attempt at one delivery, and its result recorded.
    async fn attempt(&self, claim: Claim) {
        let sent = match serde_json::from_str::<Payload>(&claim.payload) {
            Ok(payload) => {
                let sending = self.send(&claim.destination, &payload, &claim.payload);
                tokio::time::timeout(self.retries.timeout, sending)
                    .await
                    .unwrap_or_else(|_| {
                        Sent::Transient(format!(
                            "no answer within {} s",
                            self.retries.timeout.as_secs_f32()
                        ))
                    })
            }
            Err(error) => Sent::Permanent(format!("the stored hand-off cannot be read: {error}")),
        };
        let kind = claim.destination.split(' ').next().unwrap_or("");
        let reference = claim.reference.as_str();
        let attempt = match sent {
            Sent::Delivered => {
                self.counters.delivered.increment(1);
                tracing::info!(reference, destination = kind, "hand-off delivered");
                Attempt::Delivered
            }
            Sent::Transient(error)
                if claim.round_attempts + 1 < i64::from(self.retries.attempts) =>
            {
                let attempt = u32::try_from(claim.round_attempts + 1).unwrap_or(u32::MAX);
                let wait = self.retries.backoff(attempt);
                self.counters.retried.increment(1);
                tracing::warn!(reference, destination = kind, %error, retry_in_s = wait.as_secs(), "hand-off not delivered; will retry");
                Attempt::RetryAt {
                    at: now_unix() + i64::try_from(wait.as_secs()).unwrap_or(i64::MAX / 2),
                    error,
                }
            }
            Sent::Transient(error) | Sent::Permanent(error) => {
                self.counters.failed.increment(1);
                tracing::error!(reference, destination = kind, %error, "hand-off not delivered; given up until an operator retries it");
                Attempt::GaveUp { error }
            }
        };
        match self
            .store
            .record_attempt(claim.delivery, &self.owner, &attempt)
            .await
        {
            Ok(true) => {}
            Ok(false) => tracing::warn!(
                reference,
                "a hand-off's lease ran out during its attempt; another worker has it"
            ),
            Err(error) => tracing::warn!(
                reference, %error,
                "cannot record a hand-off's attempt; it will be attempted again"
            ),
        }
    }

    /// Sends `payload` (stored as `json`, posted byte for byte) to `destination`.
    async fn send(&self, destination: &str, payload: &Payload, json: &str) -> Sent {
        let webhook = destination.strip_prefix("webhook ").and_then(|url| {
            self.destinations
                .webhooks
                .iter()
                .find(|webhook| webhook.url() == url)
        });
        if let Some(webhook) = webhook {
            tracing::debug!(reference = %payload.reference, to = %webhook.origin(), "posting a hand-off");
            return self
                .poster
                .post(webhook, &payload.idempotency_key, json)
                .await;
        }
        let email = destination
            .strip_prefix("email ")
            .zip(self.destinations.email.as_ref());
        match email {
            Some((address, (smtp, _))) => smtp.send(address, payload).await,
            // Only claimed when configured, so never reached.
            None => Sent::Transient("this server has no such destination".to_owned()),
        }
    }
}

/// A token naming this worker in the leases it holds.
fn owner_token() -> String {
    hex::encode(crate::handoff::random_bytes::<12>())
}
