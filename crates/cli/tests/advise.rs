//! `advise` end to end: thousands of simulated people walk a guide through
//! a real `unstuck serve` (each with their own browser identity) with known
//! answer rates; `advise` on the recorded database recovers the rates
//! within their intervals and proposes the order the true rates imply.
//! On SQLite, and on PostgreSQL when `UNSTUCK_TEST_POSTGRES` names one.

mod support;

use std::path::Path;
use std::process::Command;
use support::{Server, get, metric, unique};

/// The chain of the router guide, in today's order: (question, time in
/// minutes, the true rate among those who reach it).
const STEPS: [(&str, f64, f64); 3] = [
    ("restart-fixed", 10.0, 0.3),
    ("update-fixed", 2.0, 0.2),
    ("move-fixed", 5.0, 0.5),
];
/// Simulated people who walk the chain; some more leave at the first step.
const PEOPLE: usize = 3000;
const LEAVERS: usize = 100;

/// The walk of person `n`: exact shares, spread evenly (person `n` answers
/// "yes" at a step with rate `r` when the running count falls behind `r`).
fn walks() -> Vec<String> {
    let mut reached = [0usize; 3];
    let mut fixed = [0usize; 3];
    (0..PEOPLE)
        .map(|_| {
            let mut query = Vec::new();
            for (step, &(question, _, rate)) in STEPS.iter().enumerate() {
                reached[step] += 1;
                let yes = (fixed[step] as f64) < rate * reached[step] as f64 - 1e-9;
                query.push(format!("{question}={}", if yes { "yes" } else { "no" }));
                if yes {
                    fixed[step] += 1;
                    break;
                }
            }
            query.join("&")
        })
        .collect()
}

/// People per round of the simulation.
const ROUND: usize = 500;

/// One person's pages: the start, then one more answer per page.
fn walk(port: u16, guide: &str, browser: &str, answers: &str) {
    let answers: Vec<&str> = answers.split('&').filter(|a| !a.is_empty()).collect();
    for n in 0..=answers.len() {
        let page = match n {
            0 => format!("/guides/{guide}"),
            n => format!("/guides/{guide}?{}", answers[..n].join("&")),
        };
        let reply = get(port, &page, browser).expect("an answer");
        assert_eq!(reply.status, 200, "{page}");
    }
}

/// Waits until the server has written (or dropped) every event it queued.
fn drained(port: u16) {
    let started = std::time::Instant::now();
    loop {
        let count = |name| metric(port, name).unwrap_or(0.0);
        let queued = count("unstuck_events_queued_total");
        if count("unstuck_events_written_total") + count("unstuck_events_dropped_total") >= queued {
            return;
        }
        assert!(
            started.elapsed().as_secs() < 60,
            "the server did not write its events"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

fn simulate(database: &str) {
    let folder = tempfile::tempdir().expect("a temp folder");
    let guide = format!("router-{}", unique());
    let guides = folder.path().join("guides");
    support::copy_guide(
        "../core/tests/fixtures/advise/router.md",
        "router",
        &guides,
        &guide,
    );
    let server = Server::start(
        database,
        &[
            "--guides",
            guides.to_str().expect("utf-8"),
            "--events-per-minute",
            "1000000",
            "--sessions-per-day",
            "1000000",
        ],
        folder.path(),
    );
    let port = server.port;
    let walks = walks();
    let threads = 2;
    // In rounds, each waiting until the server has written what it queued:
    // a flood faster than the database would be dropped (by design), and
    // the figures would no longer be the simulation's.
    for round in (0..PEOPLE).collect::<Vec<_>>().chunks(ROUND) {
        std::thread::scope(|scope| {
            for thread in 0..threads {
                let (walks, guide) = (&walks, &guide);
                scope.spawn(move || {
                    for &person in round.iter().skip(thread).step_by(threads) {
                        walk(port, guide, &format!("Simulated/{person}"), &walks[person]);
                    }
                });
            }
        });
        drained(port);
    }
    for leaver in 0..LEAVERS {
        walk(port, &guide, &format!("Leaver/{leaver}"), "");
    }
    drained(port);
    assert_eq!(metric(port, "unstuck_events_dropped_total"), Some(0.0));
    server.stop();
    dashboard_shows_the_advice(database, &guides, &guide);
    let output = Command::new(env!("CARGO_BIN_EXE_unstuck"))
        .args([
            "advise",
            &guide,
            "--json",
            "--times",
            "authored",
            "--database",
            database,
        ])
        .args(["--guides", guides.to_str().expect("utf-8")])
        .output()
        .expect("advise runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let advice: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(advice["sessions"], (PEOPLE + LEAVERS) as u64, "{advice:#}");
    let questions = advice["questions"].as_array().expect("questions");
    for (step, &(id, _, rate)) in STEPS.iter().enumerate() {
        let question = questions
            .iter()
            .find(|q| q["id"] == id)
            .expect("the question");
        let yes = &question["answers"][0];
        let (low, high) = (
            yes["low"].as_f64().unwrap_or(1.0),
            yes["high"].as_f64().unwrap_or(0.0),
        );
        assert!(
            low <= rate && rate <= high,
            "{id}: {rate} not in [{low}, {high}]"
        );
        let expected_count =
            (PEOPLE as f64 * rate * STEPS[..step].iter().map(|s| 1.0 - s.2).product::<f64>())
                .round();
        assert!(
            (yes["count"].as_f64().unwrap_or(0.0) - expected_count).abs() <= 1.0,
            "{question:#}"
        );
    }
    let first = questions
        .iter()
        .find(|q| q["id"] == STEPS[0].0)
        .expect("first");
    assert_eq!(
        first["left"], LEAVERS as u64,
        "abandonment is reported, not counted as no"
    );
    // True p: restart 0.3, update 0.7·0.2 = 0.14, move 0.56·0.5 = 0.28;
    // p/C: 0.03, 0.07, 0.056: update, move, restart.
    let chain = &advice["chains"][0];
    assert_eq!(
        chain["order"],
        serde_json::json!(["restart-fixed", "update-fixed", "move-fixed"])
    );
    assert_eq!(
        chain["proposed_order"],
        serde_json::json!(["update-fixed", "move-fixed", "restart-fixed"]),
        "{chain:#}"
    );
    // Today: 10 + 0.7·2 + 0.56·5 + 0.28·60 = 31.0; proposed:
    // 2 + 0.86·5 + 0.58·10 + 0.28·60 = 28.9 (up to the prior's pull).
    let today = advice["expected_time"].as_f64().unwrap_or(0.0);
    let proposed = advice["expected_time_proposed"].as_f64().unwrap_or(0.0);
    assert!(
        (today - 31.0).abs() < 0.5 && (proposed - 28.9).abs() < 0.5,
        "{today} {proposed}"
    );
}

/// The operator's Advice view on the same database.
fn dashboard_shows_the_advice(database: &str, guides: &Path, guide: &str) {
    let token = "advice-test-token-0123456789abcdef0123456789";
    let folder = guides.parent().expect("a parent");
    let args = [
        "--guides",
        guides.to_str().expect("utf-8"),
        "--admin-token",
        token,
    ];
    let server = Server::start(database, &args, folder);
    let page = support::request(
        server.port,
        "GET",
        &format!("/admin/guides/{guide}/advice?days=1&times=authored"),
        &[("Authorization", &format!("Bearer {token}"))],
        "",
    )
    .expect("an answer");
    server.stop();
    assert_eq!(page.status, 200, "{}", page.body);
    for text in [
        "<dt>Sessions</dt><dd>3100</dd>",
        "Proposed order: Did the update fix it? → Did moving it fix it? → Did restarting fix it?",
        "Time per step",
        "Left here",
    ] {
        assert!(page.body.contains(text), "{text:?} not in:\n{}", page.body);
    }
}

#[test]
fn advise_recovers_the_rates_of_simulated_sessions_on_sqlite() {
    let folder = tempfile::tempdir().expect("a temp folder");
    simulate(&format!(
        "sqlite://{}?mode=rwc",
        folder.path().join("events.db").display()
    ));
}

#[test]
fn advise_recovers_the_rates_of_simulated_sessions_on_postgres() {
    if let Ok(url) = std::env::var("UNSTUCK_TEST_POSTGRES") {
        simulate(&url);
    }
}
