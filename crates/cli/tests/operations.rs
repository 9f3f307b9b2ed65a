//! Running Unstuck for real: several servers on one database, a server
//! killed mid-load, the operator's commands.

mod support;

use support::{Server, get, guide_copy, metric, post_feedback, shared_database, stats, unique};

/// An admin token strong enough to be accepted.
const ADMIN_TOKEN: &str = "5d0b8e2f7a1c9e4b3f6d2a8c1e7b9f04";

#[test]
fn two_servers_on_one_database_count_together() {
    let folder = tempfile::tempdir().expect("a temp folder");
    let database = shared_database(folder.path());
    let guide = format!("lock-{}", unique());
    guide_copy(&folder.path().join("guides"), &guide);
    let guides = folder.path().join("guides");
    let extra = [
        "--guides",
        guides.to_str().expect("utf-8"),
        "--analytics-secret",
        "shared",
        "--admin-token",
        ADMIN_TOKEN,
    ];
    let first = Server::start(&database, &extra, folder.path());
    let second = Server::start(&database, &extra, folder.path());
    // Six people; each step of each walk goes to either server.
    for person in 0..6 {
        let walk = ["", "keypad-lights=no", "keypad-lights=no&battery-fixed=yes"];
        for (step, query) in walk.iter().enumerate() {
            let server = if (person + step) % 2 == 0 {
                &first
            } else {
                &second
            };
            let reply = get(
                server.port,
                &format!("/guides/{guide}?{query}"),
                &format!("person {person}"),
            )
            .expect("an answer");
            assert_eq!(reply.status, 200);
        }
    }
    let form = "helpful=yes&state=keypad-lights%3Dno%26battery-fixed%3Dyes&outcome=unlocked&comment=from+the+second";
    assert_eq!(
        post_feedback(second.port, &guide, form, "person 5")
            .expect("an answer")
            .status,
        303
    );
    first.stop();
    second.stop();
    // The dashboard of any server sharing the database counts both.
    let third = Server::start(&database, &extra, folder.path());
    let dashboard = support::request(
        third.port,
        "GET",
        &format!("/admin/guides/{guide}?days=1"),
        &[("Authorization", &format!("Bearer {ADMIN_TOKEN}"))],
        "",
    )
    .expect("an answer");
    third.stop();
    assert_eq!(dashboard.status, 200);
    assert!(
        dashboard.body.contains("<dt>Sessions</dt><dd>6</dd>"),
        "{}",
        dashboard.body
    );
    assert!(
        dashboard.body.contains("100 % (6 resolved, 0 escalated)"),
        "{}",
        dashboard.body
    );
    let figures = stats(&database, &guide);
    assert_eq!(figures["sessions"], 6, "{figures:#}");
    assert_eq!(figures["resolved"], 6, "{figures:#}");
    assert_eq!(figures["helpful"], 1, "{figures:#}");
    assert_eq!(figures["comments"][0]["text"], "from the second");
}

#[test]
fn feedback_that_was_acknowledged_survives_a_kill() {
    let folder = tempfile::tempdir().expect("a temp folder");
    let database = format!(
        "sqlite://{}?mode=rwc",
        folder.path().join("kill.db").display()
    );
    let server = Server::start(
        &database,
        &["--feedback-per-minute", "100000"],
        folder.path(),
    );
    let port = server.port;
    let senders: Vec<_> = (0..4)
        .map(|thread| {
            std::thread::spawn(move || {
                let mut acknowledged = Vec::new();
                for n in 0..5_000 {
                    let comment = format!("t{thread}n{n}");
                    let form = format!("helpful=yes&state=keypad-lights%3Dno&comment={comment}");
                    match post_feedback(port, "smart-lock", &form, "load") {
                        Some(reply) if reply.status == 303 => acknowledged.push(comment),
                        Some(_) => {}
                        None => break, // The server is gone.
                    }
                }
                acknowledged
            })
        })
        .collect();
    std::thread::sleep(std::time::Duration::from_millis(700));
    server.kill();
    let acknowledged: Vec<String> = senders
        .into_iter()
        .flat_map(|s| s.join().expect("a sender"))
        .collect();
    assert!(
        acknowledged.len() > 20,
        "only {} acknowledged before the kill",
        acknowledged.len()
    );
    assert!(acknowledged.len() < 20_000, "the kill came after the load");
    // Restart and read everything back.
    let restarted = Server::start(&database, &[], folder.path());
    restarted.stop();
    let stored = stored_comments(&database);
    let lost: Vec<&String> = acknowledged
        .iter()
        .filter(|c| !stored.contains(*c))
        .collect();
    assert!(
        lost.is_empty(),
        "{} of {} acknowledged feedback lost: {lost:?}",
        lost.len(),
        acknowledged.len()
    );
}

/// Every feedback comment in the database, read with the CLI's CSV-free path:
/// `stats` shows only the latest, so read the file with the store directly.
fn stored_comments(database: &str) -> Vec<String> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    runtime.block_on(async {
        let store = unstuck_store::Store::open(database)
            .await
            .expect("the database");
        let stored = store
            .feedback("smart-lock", 100_000)
            .await
            .expect("feedback");
        stored
            .into_iter()
            .filter_map(|f| f.feedback.comment)
            .collect()
    })
}

#[test]
fn prune_deletes_what_is_older_than_asked() {
    let folder = tempfile::tempdir().expect("a temp folder");
    let database = format!("sqlite://{}?mode=rwc", folder.path().join("p.db").display());
    let server = Server::start(&database, &[], folder.path());
    get(
        server.port,
        "/guides/smart-lock?keypad-lights=no",
        "someone",
    )
    .expect("a page");
    server.stop();
    let keep = std::process::Command::new(env!("CARGO_BIN_EXE_unstuck"))
        .args(["prune", "--older-than", "90d", "--database", &database])
        .output()
        .expect("prune runs");
    assert!(keep.status.success());
    assert_eq!(
        String::from_utf8_lossy(&keep.stdout),
        "deleted 0 events and 0 feedback older than 90d, 0 hand-offs older than 90d\n"
    );
    let all = std::process::Command::new(env!("CARGO_BIN_EXE_unstuck"))
        .args(["prune", "--older-than=-1d", "--database", &database])
        .output()
        .expect("prune runs");
    assert!(
        String::from_utf8_lossy(&all.stdout).starts_with("deleted 2 events"),
        "{}",
        String::from_utf8_lossy(&all.stdout)
    );
    let bad = std::process::Command::new(env!("CARGO_BIN_EXE_unstuck"))
        .args(["prune", "--older-than", "soon", "--database", &database])
        .output()
        .expect("prune runs");
    assert_eq!(bad.status.code(), Some(1));
}

#[test]
fn the_operators_commands_refuse_a_database_that_is_not_there() {
    let folder = tempfile::tempdir().expect("a temp folder");
    let file = folder.path().join("gone.db");
    let database = format!("sqlite://{}", file.display());
    for command in [
        vec!["stats", "--database", &database],
        vec!["prune", "--older-than", "90d", "--database", &database],
        vec!["advise", "smart-lock", "--database", &database],
    ] {
        let run = std::process::Command::new(env!("CARGO_BIN_EXE_unstuck"))
            .args(&command)
            .env_remove("UNSTUCK_GUIDES")
            .current_dir(folder.path())
            .output()
            .expect("it runs");
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert_eq!(run.status.code(), Some(1), "{command:?}: {stderr}");
        assert!(
            stderr.contains(&format!("there is no database at `{}`", file.display())),
            "{command:?}: {stderr}"
        );
        assert!(!file.exists(), "{command:?} created the database");
    }
    let in_memory = std::process::Command::new(env!("CARGO_BIN_EXE_unstuck"))
        .args(["serve", "--addr", "127.0.0.1:0", "--database", "sqlite://"])
        .output()
        .expect("it runs");
    assert_eq!(in_memory.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&in_memory.stderr).contains("names no SQLite file"),
        "{}",
        String::from_utf8_lossy(&in_memory.stderr)
    );
}

/// Where Debian's PostgreSQL tools are, if installed.
fn postgres_installed() -> bool {
    std::fs::read_dir("/usr/lib/postgresql").is_ok_and(|mut versions| versions.next().is_some())
}

fn script(name: &str, args: &[&str]) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../scripts")
        .join(name);
    let output = std::process::Command::new(path)
        .args(args)
        .output()
        .expect("the script runs");
    assert!(
        output.status.success(),
        "{name}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).trim().to_owned()
}

#[test]
fn guides_work_while_postgres_is_down_and_feedback_recovers() {
    if !postgres_installed() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must test PostgreSQL: scripts/test installs it"
        );
        eprintln!("skipped: PostgreSQL is not installed (scripts/test installs it)");
        return;
    }
    let folder = tempfile::tempdir().expect("a temp folder");
    std::fs::set_permissions(
        folder.path(),
        std::os::unix::fs::PermissionsExt::from_mode(0o755),
    )
    .expect("chmod");
    let data = folder.path().join("pg");
    let data = data.to_str().expect("utf-8");
    let port = support::free_port().to_string();
    let url = script("postgres-start", &[data, &port]);
    let _stopped_at_the_end = StopPostgres(data.to_owned());
    let server = Server::start(&url, &["--feedback-per-minute", "1000"], folder.path());
    let form = "helpful=yes&state=keypad-lights%3Dno";
    assert_eq!(
        post_feedback(server.port, "smart-lock", form, "a")
            .expect("an answer")
            .status,
        303
    );

    script("postgres-stop", &[data]);
    for query in ["", "keypad-lights=no", "keypad-lights=no&battery-fixed=no"] {
        let page =
            get(server.port, &format!("/guides/smart-lock?{query}"), "b").expect("an answer");
        assert_eq!(page.status, 200, "guide pages do not need the database");
    }
    let readiness = get(server.port, "/readyz", "probe").expect("an answer");
    assert_eq!(readiness.status, 503, "{}", readiness.body);
    let health = get(server.port, "/healthz", "probe").expect("an answer");
    assert_eq!(health.status, 200, "alive, though the database is not");
    assert!(
        health.body.contains(r#""database":"unavailable""#),
        "{}",
        health.body
    );
    let refused = post_feedback(server.port, "smart-lock", form, "b").expect("an answer");
    assert_eq!(refused.status, 503);
    assert!(refused.body.contains("Please try again in a moment."));
    let dropped = (0..40).find_map(|_| {
        std::thread::sleep(std::time::Duration::from_millis(250));
        let metrics = get(server.port, "/metrics", "probe")?.body;
        let line = metrics
            .lines()
            .find(|l| l.starts_with("unstuck_events_dropped_total"))?;
        let count: u64 = line.rsplit(' ').next()?.parse().ok()?;
        (count > 0).then_some(count)
    });
    assert!(dropped.is_some(), "events were not counted as dropped");

    script("postgres-start", &[data, &port]);
    let back = (0..40).find_map(|_| {
        let reply = post_feedback(server.port, "smart-lock", form, "c")?;
        if reply.status == 303 {
            return Some(reply);
        }
        std::thread::sleep(std::time::Duration::from_millis(250));
        None
    });
    assert!(
        back.is_some(),
        "feedback did not recover when the database came back"
    );
    assert_eq!(
        get(server.port, "/readyz", "probe")
            .expect("an answer")
            .status,
        200
    );
    server.stop();
    let figures = stats(&url, "smart-lock");
    assert_eq!(figures["helpful"], 2, "{figures:#}");
}

/// Stops the test's PostgreSQL server however the test ends.
struct StopPostgres(String);

impl Drop for StopPostgres {
    fn drop(&mut self) {
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scripts/postgres-stop");
        let _ = std::process::Command::new(path).arg(&self.0).output();
    }
}

#[test]
fn watch_reloads_edited_guides_and_shows_errors_in_the_page() {
    let folder = tempfile::tempdir().expect("a temp folder");
    let guides = folder.path().join("guides");
    guide_copy(&guides, "watched");
    let file = guides.join("watched.md");
    let database = format!("sqlite://{}?mode=rwc", folder.path().join("w.db").display());
    let server = Server::start(
        &database,
        &["--watch", "--guides", guides.to_str().expect("utf-8")],
        folder.path(),
    );
    let page = || get(server.port, "/guides/watched", "author").expect("an answer");
    let wait_for = |what: &str, done: &dyn Fn(&support::Reply) -> bool| {
        for _ in 0..100 {
            let reply = page();
            if done(&reply) {
                return reply;
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        panic!("{what} did not happen within 10 seconds");
    };
    let first = page();
    assert!(
        first.body.contains("data-live-reload"),
        "pages in watch mode reload themselves"
    );
    assert!(
        first
            .body
            .contains("Does the keypad light or does the app connect?")
    );
    let live = support::get(server.port, "/__live?v=none", "author")
        .expect("an answer")
        .body;

    let text = std::fs::read_to_string(&file).expect("the guide");
    std::fs::write(
        &file,
        text.replace(
            "Does the keypad light or does the app connect?",
            "Is the keypad lit?",
        ),
    )
    .expect("write");
    wait_for("the edit showing", &|reply| {
        reply.status == 200 && reply.body.contains("Is the keypad lit?")
    });
    let changed = support::get(server.port, &format!("/__live?v={live}"), "author")
        .expect("an answer")
        .body;
    assert_ne!(changed, live, "the live-reload number moved");

    std::fs::write(
        &file,
        text.replace("We'll check battery,", "\n## Oops\n\nWe'll check battery,"),
    )
    .expect("write");
    let broken = wait_for("the error showing", &|reply| reply.status == 500);
    assert!(
        broken.body.contains("A guide has errors"),
        "{}",
        broken.body
    );
    assert!(
        broken.body.contains("error[unknown-block-kind]"),
        "{}",
        broken.body
    );
    assert!(broken.body.contains("watched.md:"), "{}", broken.body);

    // An include out of the guides folder is named in the page, never shown.
    let secret = "ADMIN_TOKEN=admin-token-7f3a";
    std::fs::write(folder.path().join("secret.env"), secret).expect("write");
    std::fs::write(
        &file,
        text.replacen("\n## ", "\n## [Leak](../secret.env) {.include}\n\n## ", 1),
    )
    .expect("write");
    let leak = wait_for("the refused include showing", &|reply| {
        reply.status == 500 && reply.body.contains("../secret.env")
    });
    assert!(
        leak.body.contains("outside the guides folder") && !leak.body.contains(secret),
        "{}",
        leak.body
    );

    std::fs::write(&file, &text).expect("write");
    wait_for("the fix showing", &|reply| reply.status == 200);
    server.stop();
}

/// A connection that sends the start of a request header, `bytes` long,
/// and never its end.
fn half_header(port: u16, bytes: usize) -> std::net::TcpStream {
    use std::io::Write;
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).expect("a connection");
    let start = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: ";
    let padding = "a".repeat(bytes.saturating_sub(start.len()));
    // The server may close before it has read everything: that is the point.
    let _ = stream.write_all(format!("{start}{padding}").as_bytes());
    stream
}

/// Whether the server closed the connection (after an answer or not)
/// within `limit`, rather than holding it open.
fn closed_within(stream: &mut std::net::TcpStream, limit: std::time::Duration) -> bool {
    use std::io::{ErrorKind, Read};
    stream.set_read_timeout(Some(limit)).expect("a timeout");
    let mut buffer = [0; 4096];
    loop {
        match stream.read(&mut buffer) {
            Ok(0) => return true,
            Ok(_) => {}
            Err(error) if matches!(error.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
                return false;
            }
            Err(_) => return true, // reset
        }
    }
}

/// The value of a metric line that starts with `name` (and a space).
#[test]
fn slow_clients_are_cut_off_and_connections_over_the_cap_are_not_held() {
    let folder = tempfile::tempdir().expect("a temp folder");
    let database = format!("sqlite://{}?mode=rwc", folder.path().join("s.db").display());
    let server = Server::start(
        &database,
        &["--max-connections", "4", "--header-timeout", "1"],
        folder.path(),
    );
    // Let the start-up probe's connection end.
    std::thread::sleep(std::time::Duration::from_millis(300));
    let mut slow: Vec<_> = (0..4).map(|_| half_header(server.port, 200)).collect();
    std::thread::sleep(std::time::Duration::from_millis(100));
    // A fifth connection, over the cap, is closed without an answer.
    let mut over = std::net::TcpStream::connect(("127.0.0.1", server.port)).expect("connect");
    std::io::Write::write_all(
        &mut over,
        b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
    )
    .ok();
    over.set_read_timeout(Some(std::time::Duration::from_secs(5)))
        .expect("a timeout");
    let mut answer = String::new();
    let _ = std::io::Read::read_to_string(&mut over, &mut answer);
    assert!(
        !answer.starts_with("HTTP/1.1 200"),
        "a connection over the cap was served: {answer}"
    );
    // The slow ones are closed once their header is late.
    for (n, stream) in slow.iter_mut().enumerate() {
        assert!(
            closed_within(stream, std::time::Duration::from_secs(5)),
            "slow connection {n} is still held"
        );
    }
    // A keep-alive connection left idle after its answer is closed too.
    let mut idle = std::net::TcpStream::connect(("127.0.0.1", server.port)).expect("connect");
    std::io::Write::write_all(
        &mut idle,
        b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
    )
    .expect("a request");
    assert!(
        closed_within(&mut idle, std::time::Duration::from_secs(5)),
        "an idle keep-alive connection is still held"
    );
    let refused = metric(server.port, "unstuck_connections_refused_total");
    assert!(refused.is_some_and(|n| n >= 1.0), "refused: {refused:?}");
    let timed_out = metric(server.port, "unstuck_connections_timed_out_total");
    assert!(
        timed_out.is_some_and(|n| n >= 4.0),
        "timed out: {timed_out:?}"
    );
    // Only the connection asking is open now.
    let open = (0..20).find_map(|_| {
        let open = metric(server.port, "unstuck_connections_open")?;
        std::thread::sleep(std::time::Duration::from_millis(100));
        (open == 1.0).then_some(open)
    });
    assert_eq!(open, Some(1.0), "open connections");
    server.stop();
}

#[test]
fn an_oversized_header_is_refused_not_buffered() {
    let folder = tempfile::tempdir().expect("a temp folder");
    let database = format!("sqlite://{}?mode=rwc", folder.path().join("h.db").display());
    let server = Server::start(&database, &[], folder.path());
    // Under the default 10 s header timeout: only the size can end it.
    let mut big = half_header(server.port, 64 * 1024);
    assert!(
        closed_within(&mut big, std::time::Duration::from_secs(5)),
        "a 64 KB unfinished header is still being read"
    );
    server.stop();
}

#[test]
fn stats_prints_the_funnel_in_the_guides_order_and_refuses_an_id_it_has_never_seen() {
    let (folder, database) = support::scratch("s.db");
    // No guides folder here: the bundled guides are served, and give the order.
    let server = Server::start(&database, &[], folder.path());
    for path in ["/guides/smart-lock", "/guides/smart-lock?keypad-lights=no"] {
        assert_eq!(
            get(server.port, path, "person").map(|r| r.status),
            Some(200)
        );
    }
    server.stop();
    let stats_of = |guide: &str| {
        std::process::Command::new(env!("CARGO_BIN_EXE_unstuck"))
            .args(["stats", "--database", &database, "--guide", guide])
            .env_remove("UNSTUCK_GUIDES")
            .current_dir(folder.path())
            .output()
            .expect("stats runs")
    };
    let output = stats_of("smart-lock");
    assert!(output.status.success(), "{output:?}");
    let text = String::from_utf8_lossy(&output.stdout);
    let line = |question: &str| {
        text.lines()
            .position(|l| l.trim_start().starts_with(question))
            .unwrap_or_else(|| panic!("{question} in the funnel:\n{text}"))
    };
    // The guide asks keypad-lights first, then battery-fixed.
    assert!(line("keypad-lights") < line("battery-fixed"), "{text}");
    // A guide nobody used yet: its zeros, and a note.
    let output = stats_of("garage-door");
    assert!(output.status.success(), "{output:?}");
    assert!(String::from_utf8_lossy(&output.stdout).contains("sessions                  0"));
    assert!(
        String::from_utf8_lossy(&output.stderr)
            .contains("note: no events or feedback for guide `garage-door` yet"),
        "{output:?}"
    );
    // An id no guide has and the database never saw: a typo, refused.
    let output = stats_of("nope");
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    assert!(output.stdout.is_empty(), "{output:?}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("no events or feedback for guide `nope` in `sqlite://")
            && stderr.contains("and no bundled guide has that id; guides with data: smart-lock"),
        "{stderr}"
    );
}
