//! The store against a real database: SQLite always; PostgreSQL too when
//! `UNSTUCK_TEST_POSTGRES` names one (the README's test command starts one).

use unstuck_store::{NewFeedback, Store};

/// The databases to test against: a fresh SQLite file, and PostgreSQL if given.
async fn stores() -> Vec<(Store, Option<tempfile::TempDir>)> {
    let folder = tempfile::tempdir().expect("a temp folder");
    let url = format!(
        "sqlite://{}?mode=rwc",
        folder.path().join("test.db").display()
    );
    let mut stores = vec![(Store::open(&url).await.expect("sqlite"), Some(folder))];
    if let Ok(url) = std::env::var("UNSTUCK_TEST_POSTGRES") {
        let store = Store::open(&url).await.expect("postgres");
        stores.push((store, None));
    }
    stores
}

fn sample(guide: &str, comment: Option<&str>) -> NewFeedback {
    NewFeedback {
        guide: guide.to_owned(),
        guide_version: "0123456789abcdef".to_owned(),
        outcome: Some("unlocked".to_owned()),
        path: "keypad-lights=no&battery-fixed=yes".to_owned(),
        helpful: true,
        comment: comment.map(str::to_owned),
        lang: None,
    }
}

#[tokio::test]
async fn feedback_is_stored_and_read_back() {
    for (store, _folder) in stores().await {
        assert!(store.is_ready().await);
        let guide = format!("store-test-{}", unstuck_store::now_unix());
        let first = store
            .add_feedback(&sample(&guide, None))
            .await
            .expect("stored");
        let second = store
            .add_feedback(&sample(
                &guide,
                Some("Thanks — it was the battery. 'Quotes' \"too\""),
            ))
            .await
            .expect("stored");
        assert!(second > first);
        let stored = store.feedback(&guide, 10).await.expect("read");
        assert_eq!(stored.len(), 2);
        assert_eq!(stored[0].id, second);
        assert_eq!(
            stored[0].feedback,
            sample(
                &guide,
                Some("Thanks — it was the battery. 'Quotes' \"too\"")
            )
        );
        assert_eq!(stored[1].feedback.comment, None);
        assert!(stored[0].created_at > 1_700_000_000);
    }
}

#[tokio::test]
async fn an_unreachable_database_fails_calls_not_startup() {
    let store = Store::open("postgres://nobody@127.0.0.1:9/none")
        .await
        .expect("a lazy store");
    assert!(!store.is_ready().await);
    let error = store
        .add_feedback(&sample("x", None))
        .await
        .expect_err("no database");
    assert!(error.to_string().contains("unavailable"), "{error}");
}

#[tokio::test]
async fn an_sqlite_file_is_created_without_mode_rwc() {
    let folder = tempfile::tempdir().expect("a temp folder");
    let file = folder.path().join("new.db");
    let store = Store::open(&format!("sqlite://{}", file.display()))
        .await
        .expect("created");
    assert!(file.is_file());
    store
        .add_feedback(&sample("created", None))
        .await
        .expect("stored");
}

#[tokio::test]
async fn an_sqlite_file_that_cannot_be_opened_fails_at_once() {
    let folder = tempfile::tempdir().expect("a temp folder");
    let file = folder.path().join("no-such-folder").join("u.db");
    let error = Store::open(&format!("sqlite://{}", file.display()))
        .await
        .expect_err("no folder for the file");
    let message = error.to_string();
    assert!(
        message.contains(&format!("cannot open the SQLite file `{}`", file.display())),
        "{message}"
    );
    assert!(
        message.contains("check that its folder exists"),
        "{message}"
    );
    let not_a_database = folder.path().join("text.db");
    std::fs::write(&not_a_database, "not a database, just text ".repeat(100)).expect("written");
    let started = std::time::Instant::now();
    let error = Store::open(&format!("sqlite://{}", not_a_database.display()))
        .await
        .expect_err("not a database");
    assert!(
        started.elapsed() < std::time::Duration::from_secs(2),
        "at once, not after the pool's timeout"
    );
    let reason = std::error::Error::source(&error).map(ToString::to_string);
    assert!(
        reason
            .as_deref()
            .is_some_and(|r| r.contains("not a database")),
        "SQLite's own reason is kept: {reason:?}"
    );
}

#[tokio::test]
async fn an_sqlite_url_without_a_file_is_refused() {
    let error = Store::open("sqlite://").await.expect_err("no file");
    assert!(
        error.to_string().contains("names no SQLite file"),
        "{error}"
    );
}

#[tokio::test]
async fn a_database_to_read_must_exist_and_none_is_created() {
    let folder = tempfile::tempdir().expect("a temp folder");
    let file = folder.path().join("gone.db");
    let error = Store::open_existing(&format!("sqlite://{}", file.display()))
        .await
        .expect_err("no such database");
    assert!(
        error
            .to_string()
            .contains(&format!("there is no database at `{}`", file.display())),
        "{error}"
    );
    assert!(!file.exists(), "nothing was created");
}

#[tokio::test]
async fn a_database_that_takes_no_writes_is_refused_to_serve_and_not_ready() {
    let folder = tempfile::tempdir().expect("a temp folder");
    let file = folder.path().join("ro.db");
    Store::open(&format!("sqlite://{}", file.display()))
        .await
        .expect("created")
        .close()
        .await;
    let read_only = format!("sqlite://{}?mode=ro", file.display());
    let error = Store::open(&read_only).await.expect_err("read-only");
    assert!(error.to_string().contains("takes no writes"), "{error}");
    // Its figures can still be read, but it is not ready to serve.
    let store = Store::open_existing(&read_only).await.expect("opened");
    assert!(store.stats("smart-lock", 0).await.is_ok());
    assert!(!store.is_ready().await);
    let Ok(url) = std::env::var("UNSTUCK_TEST_POSTGRES") else {
        return;
    };
    // A server whose transactions are read-only, as on a standby.
    let separator = if url.contains('?') { '&' } else { '?' };
    let read_only = format!("{url}{separator}options=-c%20default_transaction_read_only%3Don");
    let store = Store::open(&read_only)
        .await
        .expect("opened: PostgreSQL may come back");
    assert!(!store.is_ready().await);
    assert!(Store::open(&url).await.expect("postgres").is_ready().await);
}

#[tokio::test]
async fn a_database_that_went_away_is_not_ready() {
    let Ok(url) = std::env::var("UNSTUCK_TEST_POSTGRES") else {
        return; // Needs a server to take away: PostgreSQL only.
    };
    let store = Store::open(&url).await.expect("postgres");
    assert!(store.is_ready().await);
    store.close().await;
    assert!(!store.is_ready().await);
}

#[tokio::test]
async fn an_unknown_url_is_refused() {
    let error = Store::open("mysql://x").await.expect_err("unsupported");
    assert!(
        error.to_string().contains("sqlite://PATH or postgres://"),
        "{error}"
    );
}

fn event(
    guide: &str,
    session: &str,
    kind: unstuck_store::EventKind,
    question: Option<&str>,
    answer: Option<&str>,
) -> unstuck_store::Event {
    unstuck_store::Event {
        at: unstuck_store::now_unix(),
        guide: guide.to_owned(),
        guide_version: "v1".to_owned(),
        session: session.to_owned(),
        kind,
        question: question.map(str::to_owned),
        answer: answer.map(str::to_owned),
        outcome: None,
        outcome_kind: None,
        depth: 0,
        lang: None,
    }
}

fn outcome(guide: &str, session: &str, id: &str, kind: &str, depth: i64) -> unstuck_store::Event {
    unstuck_store::Event {
        outcome: Some(id.to_owned()),
        outcome_kind: Some(kind.to_owned()),
        depth,
        ..event(
            guide,
            session,
            unstuck_store::EventKind::Outcome,
            None,
            None,
        )
    }
}

#[tokio::test]
async fn events_add_up_to_the_figures_an_operator_reads() {
    use unstuck_store::EventKind::{Answered, Changed, Reached, Triage};
    for (store, _folder) in stores().await {
        let guide = format!(
            "stats-test-{}-{:?}",
            unstuck_store::now_unix(),
            store.backend()
        );
        let g = guide.as_str();
        let events = vec![
            event(g, "s1", Reached, Some("q1"), None),
            event(g, "s1", Answered, Some("q1"), Some("yes")),
            event(g, "s1", Reached, Some("q2"), None),
            event(g, "s1", Answered, Some("q2"), Some("no")),
            outcome(g, "s1", "call", "escalate", 2),
            event(g, "s2", Reached, Some("q1"), None),
            event(g, "s2", Reached, Some("q1"), None),
            event(g, "s2", Answered, Some("q1"), Some("no")),
            event(g, "s2", Changed, Some("q1"), Some("no")),
            outcome(g, "s2", "fixed", "resolved", 1),
            event(g, "s3", Triage, Some("q1"), None),
            event(g, "s3", Reached, Some("q1"), None),
        ];
        store.add_events(&events).await.expect("written");
        store
            .add_feedback(&NewFeedback {
                guide: guide.clone(),
                helpful: false,
                comment: Some("Still stuck".to_owned()),
                ..sample(g, None)
            })
            .await
            .expect("stored");
        let stats = store.stats(g, 0).await.expect("figures");
        assert_eq!(stats.sessions, 3);
        assert_eq!((stats.resolved, stats.escalated), (1, 1));
        assert_eq!(stats.resolution_rate, Some(0.5));
        let q1 = stats
            .funnel
            .iter()
            .find(|f| f.question == "q1")
            .expect("q1");
        assert_eq!((q1.reached, q1.answered, q1.left), (3, 2, 1));
        assert_eq!(stats.median_answers_to_outcome, Some(1.5));
        assert_eq!(
            stats.changes,
            [unstuck_store::Count {
                name: "q1".to_owned(),
                count: 1
            }]
        );
        assert_eq!(stats.triage[0].name, "q1");
        assert_eq!((stats.helpful, stats.not_helpful), (0, 1));
        assert_eq!(stats.comments[0].text, "Still stuck");
        assert_eq!(
            store.events(g, 0).await.expect("events").len(),
            events.len()
        );
        assert!(
            store
                .guides_with_data(0)
                .await
                .expect("guides")
                .contains(&guide)
        );
    }
}

#[tokio::test]
async fn figures_split_by_the_language_read() {
    use unstuck_store::EventKind::Reached;
    use unstuck_store::LanguageFigures;
    for (store, _folder) in stores().await {
        let guide = format!(
            "lang-test-{}-{:?}",
            unstuck_store::now_unix(),
            store.backend()
        );
        let g = guide.as_str();
        let german = |event: unstuck_store::Event| unstuck_store::Event {
            lang: Some("de".to_owned()),
            ..event
        };
        let events = vec![
            event(g, "s1", Reached, Some("q1"), None),
            outcome(g, "s1", "call", "escalate", 1),
            german(event(g, "s2", Reached, Some("q1"), None)),
            german(outcome(g, "s2", "fixed", "resolved", 1)),
            german(event(g, "s3", Reached, Some("q1"), None)),
            german(outcome(g, "s3", "fixed", "resolved", 1)),
        ];
        store.add_events(&events).await.expect("written");
        let in_german = NewFeedback {
            lang: Some("de".to_owned()),
            ..sample(g, None)
        };
        store.add_feedback(&in_german).await.expect("stored");
        let stats = store.stats(g, 0).await.expect("figures");
        let figures =
            |lang: Option<&str>, sessions, resolved, escalated, helpful| LanguageFigures {
                lang: lang.map(str::to_owned),
                sessions,
                resolved,
                escalated,
                helpful,
                not_helpful: 0,
            };
        assert_eq!(
            stats.languages,
            [figures(Some("de"), 2, 2, 0, 1), figures(None, 1, 0, 1, 0)]
        );
        let stored = store.events(g, 0).await.expect("events");
        assert_eq!(stored[2].lang.as_deref(), Some("de"));
        assert_eq!(
            store.feedback(g, 1).await.expect("feedback")[0]
                .feedback
                .lang
                .as_deref(),
            Some("de")
        );
    }
}

#[tokio::test]
async fn pruning_deletes_only_what_is_older() {
    for (store, _folder) in stores().await {
        let guide = format!(
            "prune-test-{}-{:?}",
            unstuck_store::now_unix(),
            store.backend()
        );
        let old = unstuck_store::Event {
            at: 1_000,
            ..event(
                &guide,
                "s",
                unstuck_store::EventKind::Reached,
                Some("q"),
                None,
            )
        };
        let new = event(
            &guide,
            "s",
            unstuck_store::EventKind::Reached,
            Some("q"),
            None,
        );
        store.add_events(&[old, new]).await.expect("written");
        let (events, _) = store.prune(2_000).await.expect("pruned");
        assert!(events >= 1);
        assert_eq!(store.events(&guide, 0).await.expect("events").len(), 1);
    }
}

#[tokio::test]
async fn a_large_batch_is_written_in_one_go() {
    for (store, _folder) in stores().await {
        let guide = format!(
            "batch-test-{}-{:?}",
            unstuck_store::now_unix(),
            store.backend()
        );
        let batch: Vec<_> = (0..1_000)
            .map(|n| {
                event(
                    &guide,
                    &format!("s{n}"),
                    unstuck_store::EventKind::Reached,
                    Some("q"),
                    None,
                )
            })
            .collect();
        store.add_events(&batch).await.expect("written");
        assert_eq!(
            store.stats(&guide, 0).await.expect("figures").sessions,
            1_000
        );
    }
}

#[tokio::test]
async fn advice_counts_give_answers_abandonment_and_median_times() {
    use unstuck_store::EventKind::{Answered, Reached};
    for (store, _folder) in stores().await {
        let guide = format!(
            "times-test-{}-{:?}",
            unstuck_store::now_unix(),
            store.backend()
        );
        let g = guide.as_str();
        let at = |event: unstuck_store::Event, at: i64| unstuck_store::Event { at, ..event };
        let since = unstuck_store::now_unix() - 3600;
        let mut events = Vec::new();
        // Three people take 10, 20 and 600 seconds at q1; a fourth leaves.
        for (session, seconds) in [("a", 10), ("b", 20), ("c", 600)] {
            events.push(at(event(g, session, Reached, Some("q1"), None), since + 5));
            events.push(at(event(g, session, Reached, Some("q1"), None), since + 8));
            events.push(at(
                event(g, session, Answered, Some("q1"), Some("yes")),
                since + 5 + seconds,
            ));
        }
        events.push(at(event(g, "d", Reached, Some("q1"), None), since + 5));
        // Before the period: not counted.
        events.push(at(event(g, "old", Reached, Some("q1"), None), since - 100));
        events.push(at(
            event(g, "old", Answered, Some("q1"), Some("no")),
            since - 99,
        ));
        store.add_events(&events).await.expect("written");
        let counts = store.advice_counts(g, since).await.expect("counts");
        assert_eq!(counts.sessions, 4);
        assert_eq!(
            (counts.reached[0].name.as_str(), counts.reached[0].count),
            ("q1", 4)
        );
        assert_eq!(counts.answered[0].count, 3, "the fourth left");
        assert_eq!(
            (
                counts.answers[0].answer.as_str(),
                counts.answers[0].sessions
            ),
            ("yes", 3)
        );
        let histogram: Vec<(i64, i64)> = counts
            .times
            .iter()
            .map(|t| (t.seconds, t.sessions))
            .collect();
        assert_eq!(histogram, vec![(10, 1), (20, 1), (600, 1)]);
        assert_eq!(unstuck_store::median(&histogram), Some(20.0));
        let none = store
            .advice_counts("no-such-guide", since)
            .await
            .expect("empty");
        assert_eq!((none.sessions, none.times.len()), (0, 0));
    }
}

/// `tag` made unique to this test run (the PostgreSQL database is shared).
fn unique(tag: &str) -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    format!("{tag}-{:x}-{nanos:x}", std::process::id())
}

/// A hand-off to `destinations` under a reference no other test uses.
fn handoff(tag: &str, destinations: &[&str]) -> unstuck_store::NewHandoff {
    unstuck_store::NewHandoff {
        reference: unique(tag),
        idempotency_key: unique(tag),
        guide: "smart-lock".to_owned(),
        outcome: "locksmith".to_owned(),
        payload: format!("{{\"tag\":\"{tag}\"}}"),
        destinations: destinations.iter().map(|d| (*d).to_owned()).collect(),
    }
}

/// Destinations no other test (or run) claims.
fn destinations(tag: &str) -> Vec<String> {
    let tag = unique(tag);
    vec![
        format!("webhook http://127.0.0.1/{tag}"),
        format!("email {tag}@example.com"),
    ]
}

#[tokio::test]
async fn a_handoff_is_claimed_once_retried_with_backoff_and_delivered() {
    use unstuck_store::{Attempt, DeliveryState, NewHandoff, StoreError, Stored, now_unix};
    for (store, _folder) in stores().await {
        let places = destinations("claim");
        let new = handoff("claim", &[&places[0], &places[1]]);
        store.add_handoff(&new).await.expect("stored");
        match store.add_handoff(&new).await.expect("stored") {
            Stored::Repeat(before) => assert_eq!(before.reference, new.reference),
            Stored::New(_) => panic!("the same idempotency key is the same hand-off"),
        }
        let taken = NewHandoff {
            idempotency_key: unique("another"),
            ..new.clone()
        };
        assert!(
            matches!(
                store.add_handoff(&taken).await,
                Err(StoreError::ReferenceTaken(_))
            ),
            "a reference is unique"
        );
        let now = now_unix();
        let first = store
            .claim_deliveries("worker-a", &places, now, 60, 10)
            .await
            .expect("claimed");
        assert_eq!(first.len(), 2, "one delivery per destination");
        assert_eq!(first[0].payload, new.payload);
        assert_eq!(first[0].reference, new.reference);
        let again = store
            .claim_deliveries("worker-b", &places, now, 60, 10)
            .await
            .expect("claimed");
        assert!(again.is_empty(), "leased deliveries are not claimed twice");
        let webhook = &first[0];
        let email = &first[1];
        assert!(
            !store
                .record_attempt(webhook.delivery, "worker-b", &Attempt::Delivered)
                .await
                .expect("recorded"),
            "only the worker holding the lease records an attempt"
        );
        let retry = Attempt::RetryAt {
            at: now + 30,
            error: "503 Service Unavailable".to_owned(),
        };
        assert!(
            store
                .record_attempt(webhook.delivery, "worker-a", &retry)
                .await
                .expect("recorded")
        );
        let gave_up = Attempt::GaveUp {
            error: "550 no such mailbox".to_owned(),
        };
        store
            .record_attempt(email.delivery, "worker-a", &gave_up)
            .await
            .expect("recorded");
        assert!(
            store
                .claim_deliveries("worker-b", &places, now + 29, 60, 10)
                .await
                .expect("claimed")
                .is_empty(),
            "not due before its backoff"
        );
        let later = store
            .claim_deliveries("worker-b", &places, now + 30, 60, 10)
            .await
            .expect("claimed");
        assert_eq!(later.len(), 1, "the failed one is not retried by itself");
        assert_eq!(later[0].round_attempts, 1);
        store
            .record_attempt(later[0].delivery, "worker-b", &Attempt::Delivered)
            .await
            .expect("recorded");
        let stored = store
            .handoff(&new.reference)
            .await
            .expect("read")
            .expect("found by reference");
        let states: Vec<_> = stored
            .deliveries
            .iter()
            .map(|d| (d.state, d.attempts))
            .collect();
        assert_eq!(
            states,
            [(DeliveryState::Delivered, 2), (DeliveryState::Failed, 1)]
        );
        assert_eq!(
            stored.deliveries[1].last_error.as_deref(),
            Some("550 no such mailbox")
        );
        assert_eq!(store.retry_handoff(&new.reference).await.expect("retry"), 1);
        let retried = store
            .claim_deliveries("worker-c", &places, now_unix(), 60, 10)
            .await
            .expect("claimed");
        assert_eq!(retried.len(), 1, "an operator's retry makes it due");
        assert_eq!(retried[0].round_attempts, 0, "with a fresh backoff");
        assert!(
            store.handoff("NOT-THERE").await.expect("read").is_none(),
            "an unknown reference is none"
        );
    }
}

#[tokio::test]
async fn an_expired_lease_lets_another_worker_claim() {
    for (store, _folder) in stores().await {
        let places = destinations("lease");
        store
            .add_handoff(&handoff("lease", &[&places[0]]))
            .await
            .expect("stored");
        let now = unstuck_store::now_unix();
        let first = store
            .claim_deliveries("crashed", &places, now, 5, 10)
            .await
            .expect("claimed");
        assert_eq!(first.len(), 1);
        let second = store
            .claim_deliveries("alive", &places, now + 5, 5, 10)
            .await
            .expect("claimed");
        assert_eq!(second.len(), 1, "a worker that died holds nothing for long");
        assert!(
            !store
                .record_attempt(
                    first[0].delivery,
                    "crashed",
                    &unstuck_store::Attempt::Delivered
                )
                .await
                .expect("recorded"),
            "the old lease no longer counts"
        );
    }
}

#[tokio::test]
async fn pruning_removes_old_finished_handoffs_but_not_pending_ones() {
    use unstuck_store::{Attempt, now_unix};
    for (store, _folder) in stores().await {
        let places = destinations("prune");
        let finished = handoff("prune-done", &[&places[0]]);
        let pending = handoff("prune-pending", &[&places[1]]);
        // To a destination no server delivers to any more (its URL changed).
        let abandoned = handoff("prune-abandoned", &["webhook http://127.0.0.1/gone"]);
        for handoff in [&finished, &pending, &abandoned] {
            store.add_handoff(handoff).await.expect("stored");
        }
        let claims = store
            .claim_deliveries("w", &places, now_unix(), 60, 10)
            .await
            .expect("claimed");
        for claim in &claims {
            let attempt = if claim.destination == places[0] {
                Attempt::Delivered
            } else {
                Attempt::RetryAt {
                    at: now_unix() + 3600,
                    error: "the desk is down".to_owned(),
                }
            };
            store
                .record_attempt(claim.delivery, "w", &attempt)
                .await
                .expect("recorded");
        }
        let kept = |reference: &str| {
            let store = store.clone();
            let reference = reference.to_owned();
            async move { store.handoff(&reference).await.expect("read").is_some() }
        };
        // The count is the database's: other tests' hand-offs may be in it.
        store.prune_handoffs(now_unix() - 60).await.expect("pruned");
        for handoff in [&finished, &pending, &abandoned] {
            assert!(kept(&handoff.reference).await, "nothing is old yet");
        }
        store.prune_handoffs(now_unix() + 1).await.expect("pruned");
        assert!(
            !kept(&finished.reference).await,
            "a delivered hand-off is gone, contact details and all"
        );
        assert!(
            kept(&pending.reference).await,
            "one still being delivered stays"
        );
        assert!(
            !kept(&abandoned.reference).await,
            "one waiting since before the cut-off for a destination no server has is gone"
        );
    }
}
