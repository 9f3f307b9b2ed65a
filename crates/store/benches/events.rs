//! Events per second each database takes, written the way the server
//! writes them (batches of 500 in one transaction each).
//! Run: `cargo bench -p unstuck-store --bench events` (PostgreSQL too when
//! UNSTUCK_TEST_POSTGRES names one).

use std::time::Instant;
use unstuck_store::{Event, EventKind, Store, now_unix};

const EVENTS: usize = 100_000;
const BATCH: usize = 500;

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    let folder = tempfile::tempdir().expect("a temp folder");
    let mut databases = vec![(
        "SQLite (WAL, file)",
        format!(
            "sqlite://{}?mode=rwc",
            folder.path().join("bench.db").display()
        ),
    )];
    if let Ok(url) = std::env::var("UNSTUCK_TEST_POSTGRES") {
        databases.push(("PostgreSQL", url));
    }
    println!("| database | events | seconds | events/s |");
    println!("|---|---|---|---|");
    for (name, url) in databases {
        runtime.block_on(async {
            let store = Store::open(&url).await.expect("the database");
            let guide = format!("bench-{}", now_unix());
            let events: Vec<Event> = (0..EVENTS)
                .map(|n| Event {
                    at: now_unix(),
                    guide: guide.clone(),
                    guide_version: "0123456789abcdef".to_owned(),
                    session: format!("{:016x}", n / 5),
                    kind: if n % 2 == 0 {
                        EventKind::Reached
                    } else {
                        EventKind::Answered
                    },
                    question: Some("keypad-lights".to_owned()),
                    answer: (n % 2 == 1).then(|| "no".to_owned()),
                    outcome: None,
                    outcome_kind: None,
                    depth: (n % 5) as i64,
                    lang: None,
                })
                .collect();
            let started = Instant::now();
            for batch in events.chunks(BATCH) {
                store.add_events(batch).await.expect("written");
            }
            let seconds = started.elapsed().as_secs_f64();
            println!(
                "| {name} | {EVENTS} | {seconds:.2} | {:.0} |",
                EVENTS as f64 / seconds
            );
        });
    }
}
