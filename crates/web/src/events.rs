//! Recording what people do, off the request path: a page hands its events
//! to a bounded queue and returns; one task writes them to the database in
//! batches. When the queue is full or the database fails, events are
//! counted as dropped instead of piling up: recording never slows a page.
//! A client over its limits (visits a minute, sessions a day) is not
//! recorded, and its events are counted as refused.

use crate::limits::{DailySessions, PerMinute};
use crate::state::Config;
use crate::tally::Tally;
use axum::http::{HeaderMap, HeaderValue, header};
use sha2::{Digest, Sha256};
use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::net::IpAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{Notify, mpsc};
use unstuck_core::Guide;
use unstuck_core::engine::query::FlowQuery;
use unstuck_core::engine::{Position, Walk};
use unstuck_core::model::OutcomeKind;
use unstuck_store::{Event, EventKind, Store, now_unix};

/// Events a batch holds at most.
const MAX_BATCH: usize = 500;

/// How long a batch waits to fill before it is written.
const BATCH_WINDOW: Duration = Duration::from_millis(200);

/// An event a page implies, before it is given a session and a time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PageEvent {
    kind: EventKind,
    question: Option<String>,
    answer: Option<String>,
    outcome: Option<(String, &'static str)>,
    depth: i64,
}

impl PageEvent {
    /// An event with no question, answer or outcome.
    pub(crate) fn plain(kind: EventKind) -> Self {
        Self {
            kind,
            question: None,
            answer: None,
            outcome: None,
            depth: 0,
        }
    }

    /// What showing a flow page means: the answer given or changed, the
    /// triage entry used, the question or outcome reached.
    pub(crate) fn of_flow(guide: &Guide, query: &FlowQuery, walk: &Walk) -> Vec<PageEvent> {
        if query.change.is_some() || query.sent {
            return Vec::new();
        }
        let depth = walk.path.len() as i64;
        let event = |kind, question: Option<&str>, answer: Option<&str>| PageEvent {
            kind,
            question: question.map(str::to_owned),
            answer: answer.map(str::to_owned),
            outcome: None,
            depth,
        };
        let mut events = Vec::new();
        let last = walk.path.last();
        match (query.was, last) {
            (Some((question, _)), _) => {
                let q = &guide.questions[question];
                let answer = query
                    .session
                    .answer(question)
                    .map(|a| q.answers[a].id.as_str());
                events.push(event(EventKind::Changed, Some(q.id.as_str()), answer));
            }
            (None, Some(step)) => {
                let q = &guide.questions[step.question];
                events.push(event(
                    EventKind::Answered,
                    Some(q.id.as_str()),
                    Some(q.answers[step.answer].id.as_str()),
                ));
            }
            (None, None) => {
                if let Some(entry) = query.session.entry() {
                    events.push(event(EventKind::Triage, Some(guide.node_id(entry)), None));
                }
            }
        }
        match walk.position {
            Position::Question { question, .. } => {
                events.push(event(
                    EventKind::Reached,
                    Some(guide.questions[question].id.as_str()),
                    None,
                ));
            }
            Position::Outcome(outcome) => {
                let outcome = &guide.outcomes[outcome];
                let kind = match outcome.kind {
                    OutcomeKind::Resolved => "resolved",
                    OutcomeKind::Escalate => "escalate",
                };
                events.push(PageEvent {
                    outcome: Some((outcome.id.to_string(), kind)),
                    ..event(EventKind::Outcome, None, None)
                });
            }
        }
        events
    }
}

/// Counters of the event pipeline, for `/metrics`.
#[derive(Debug, Default)]
pub struct EventCounters {
    /// Events handed to the writer.
    pub queued: Tally,
    /// Events the database has.
    pub written: Tally,
    /// Events lost: queue full, database failing, or recording off.
    pub dropped: Tally,
    /// Events not recorded because their client was over its limits.
    pub refused: Tally,
    /// Batches the database refused.
    pub database_errors: Tally,
}

/// Hands events to the writer task.
pub(crate) struct Recorder {
    queue: Option<mpsc::Sender<Event>>,
    counters: Arc<EventCounters>,
    /// SHA-256 having read the secret: each session key goes on from a copy.
    keyed: Sha256,
    rate: PerMinute,
    sessions: DailySessions,
    stop: Arc<Notify>,
    writer: std::sync::Mutex<Option<tokio::task::JoinHandle<()>>>,
}

impl Recorder {
    /// A recorder writing to `store` through a queue of
    /// `config.event_queue` events, or one that records nothing, within the
    /// configured limits per client. `config.analytics_secret` seeds the
    /// anonymous session ids; servers that share a database should share it.
    pub(crate) fn new(store: Option<Store>, config: &Config) -> Self {
        let capacity = config.event_queue;
        let counters = Arc::new(EventCounters::default());
        let stop = Arc::new(Notify::new());
        let mut writer = None;
        let queue = store.filter(|_| capacity > 0).map(|store| {
            let (sender, receiver) = mpsc::channel(capacity);
            writer = Some(tokio::spawn(write(
                store,
                receiver,
                Arc::clone(&counters),
                Arc::clone(&stop),
            )));
            sender
        });
        Self {
            queue,
            counters,
            keyed: Sha256::new_with_prefix(
                config
                    .analytics_secret
                    .clone()
                    .unwrap_or_else(random_secret),
            ),
            rate: PerMinute::new(config.events_per_minute),
            sessions: DailySessions::new(config.sessions_per_day),
            stop,
            writer: std::sync::Mutex::new(writer),
        }
    }

    pub(crate) fn counters(&self) -> &EventCounters {
        &self.counters
    }

    /// Queues the events of a page for a visitor; never waits. Returns
    /// false when the visitor is over its limits and nothing was recorded.
    pub(crate) fn record(&self, guide: &Guide, events: &[PageEvent], visitor: &Visitor) -> bool {
        if events.is_empty() || visitor.prefetch {
            return true;
        }
        let Some(queue) = &self.queue else {
            return true;
        };
        let refuse = || {
            self.counters.refused.add(events.len() as u64);
            false
        };
        // The cheap check first: a client over its rate costs no hashing.
        if !self.rate.allows(visitor.ip) {
            return refuse();
        }
        // A writer that cannot keep up: drop before spending any work on
        // the events (no hashing, no session lock, no copies).
        if queue.is_closed() || queue.capacity() < events.len() {
            self.counters.dropped.add(events.len() as u64);
            return true;
        }
        let at = now_unix();
        let day = at / 86_400;
        let session = self.session(guide, visitor, day);
        if !self.sessions.admits(visitor.ip, day, &session) {
            return refuse();
        }
        for page_event in events {
            let (outcome, outcome_kind) = match &page_event.outcome {
                Some((id, kind)) => (Some(id.clone()), Some((*kind).to_owned())),
                None => (None, None),
            };
            let event = Event {
                at,
                guide: guide.id.to_string(),
                guide_version: guide.version.clone(),
                lang: guide.translated_from.as_ref().map(|_| guide.lang.clone()),
                session: session.clone(),
                kind: page_event.kind,
                question: page_event.question.clone(),
                answer: page_event.answer.clone(),
                outcome,
                outcome_kind,
                depth: page_event.depth,
            };
            if queue.is_closed() {
                self.counters.dropped.add(1);
                continue;
            }
            match queue.try_send(event) {
                Ok(()) => self.counters.queued.add(1),
                Err(_) => self.counters.dropped.add(1),
            };
        }
        true
    }

    /// Forgets clients not seen lately, and the sessions of past days.
    pub(crate) fn forget_idle_clients(&self) {
        self.rate.forget_idle();
        self.sessions.forget_before(now_unix() / 86_400);
    }

    /// Writes what is queued and stops the writer; later events are dropped.
    pub(crate) async fn stop(&self) {
        self.stop.notify_one();
        let writer = self.writer.lock().ok().and_then(|mut w| w.take());
        if let Some(writer) = writer {
            let _ = writer.await;
        }
    }

    /// The anonymous session: a hash of a secret, the day, the client's
    /// address and browser, and the guide. It changes every day and cannot
    /// be turned back into an address.
    fn session(&self, guide: &Guide, visitor: &Visitor, day: i64) -> String {
        let mut hash = self.keyed.clone();
        hash.update(day.to_le_bytes());
        match visitor.ip {
            IpAddr::V4(ip) => hash.update(ip.octets()),
            IpAddr::V6(ip) => hash.update(ip.octets()),
        }
        hash.update(visitor.user_agent().as_bytes());
        hash.update(guide.id.as_str().as_bytes());
        hex::encode(&hash.finalize()[..8])
    }
}

/// Who is asking, as far as sessions need to know: never stored.
#[derive(Debug, Clone)]
pub(crate) struct Visitor {
    pub(crate) ip: IpAddr,
    /// The `User-Agent` header as sent (a handle on the request's bytes:
    /// no copy).
    user_agent: Option<HeaderValue>,
    /// The offline service worker fetching ahead: nobody looks at it.
    pub(crate) prefetch: bool,
}

impl Visitor {
    /// The client at `ip` sending a request with these headers.
    pub(crate) fn of(ip: IpAddr, headers: &HeaderMap) -> Self {
        Self {
            ip,
            user_agent: headers.get(header::USER_AGENT).cloned(),
            prefetch: headers.contains_key("x-unstuck-prefetch"),
        }
    }

    /// The browser, as it says (empty when it does not, or not in text).
    fn user_agent(&self) -> &str {
        (self.user_agent.as_ref())
            .and_then(|agent| agent.to_str().ok())
            .unwrap_or("")
    }
}

/// Writes queued events in batches until asked to stop, then writes what
/// is left.
async fn write(
    store: Store,
    mut queue: mpsc::Receiver<Event>,
    counters: Arc<EventCounters>,
    stop: Arc<Notify>,
) {
    let mut batch = Vec::with_capacity(MAX_BATCH);
    loop {
        let stopping = tokio::select! {
            event = queue.recv() => match event {
                Some(event) => { batch.push(event); false }
                None => true,
            },
            () = stop.notified() => true,
        };
        if stopping {
            while let Ok(event) = queue.try_recv() {
                batch.push(event);
            }
        } else {
            let deadline = tokio::time::Instant::now() + BATCH_WINDOW;
            while batch.len() < MAX_BATCH {
                match tokio::time::timeout_at(deadline, queue.recv()).await {
                    Ok(Some(event)) => batch.push(event),
                    _ => break,
                }
            }
        }
        for chunk in batch.chunks(MAX_BATCH) {
            let count = chunk.len() as u64;
            match store.add_events(chunk).await {
                Ok(()) => counters.written.add(count),
                Err(error) => {
                    tracing::warn!(%error, events = count, "events dropped: the database did not take them");
                    counters.database_errors.add(1);
                    counters.dropped.add(count)
                }
            };
        }
        batch.clear();
        if stopping {
            return;
        }
    }
}

fn random_secret() -> String {
    let state = RandomState::new();
    (0..2)
        .map(|n| {
            let mut hasher = state.build_hasher();
            hasher.write_u64(n);
            hasher.write_u128(
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(0, |d| d.as_nanos()),
            );
            format!("{:016x}", hasher.finish())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::Ipv4Addr;

    /// The smart-lock guide under the id `id`.
    fn guide(id: &str) -> Guide {
        let text = include_str!("../../../guides/smart-lock.md").replacen(
            "id = \"smart-lock\"",
            &format!("id = \"{id}\""),
            1,
        );
        unstuck_core::compile(&text).guide.expect("it compiles")
    }

    fn visitor(ip: [u8; 4], agent: &str) -> Visitor {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::USER_AGENT,
            HeaderValue::from_str(agent).expect("text"),
        );
        Visitor::of(IpAddr::V4(Ipv4Addr::from(ip)), &headers)
    }

    fn recorder(secret: &str) -> Recorder {
        let config = Config {
            analytics_secret: Some(secret.to_owned()),
            ..Config::default()
        };
        Recorder::new(None, &config)
    }

    #[test]
    fn a_session_key_is_16_hex_digits_keyed_by_the_secret_day_client_and_guide() {
        let (lock, door) = (guide("lock"), guide("door"));
        let recorder = recorder("a secret of the operator");
        let alice = visitor([192, 0, 2, 1], "Firefox");
        let key = recorder.session(&lock, &alice, 20_000);
        assert_eq!(key.len(), 16);
        assert!(
            key.bytes()
                .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
        );
        assert_eq!(
            key,
            recorder.session(&lock, &alice, 20_000),
            "stable within a day"
        );
        let others = [
            recorder.session(&lock, &alice, 20_001),
            recorder.session(&door, &alice, 20_000),
            recorder.session(&lock, &visitor([192, 0, 2, 2], "Firefox"), 20_000),
            recorder.session(&lock, &visitor([192, 0, 2, 1], "Chromium"), 20_000),
            self::recorder("another secret").session(&lock, &alice, 20_000),
        ];
        for other in others {
            assert_ne!(key, other);
        }
    }
}
