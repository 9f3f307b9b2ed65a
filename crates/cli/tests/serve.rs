//! `unstuck serve` as an operator runs it: starts with no flags but an
//! address and a database, answers, and stops cleanly on SIGTERM.

mod support;

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use support::{free_port, get};

#[test]
fn serve_answers_with_the_bundled_guides_and_stops_on_sigterm() {
    let folder = tempfile::tempdir().expect("a temp folder");
    let port = free_port();
    let mut server = Command::new(env!("CARGO_BIN_EXE_unstuck"))
        .args(["serve", "--addr", &format!("127.0.0.1:{port}")])
        .env(
            "DATABASE_URL",
            // No `?mode=rwc`: the file is created all the same.
            format!("sqlite://{}", folder.path().join("u.db").display()),
        )
        .env_remove("UNSTUCK_GUIDES")
        // Run somewhere without a guides/ folder: the bundled guides are served.
        .current_dir(folder.path())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the server starts");
    let started = Instant::now();
    let health = loop {
        if let Some(reply) = get(port, "/healthz", "test") {
            break reply;
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "the server did not answer"
        );
        std::thread::sleep(Duration::from_millis(100));
    };
    assert_eq!(health.status, 200);
    assert!(health.body.contains(r#""guides":2"#), "{}", health.body);
    assert!(
        health.body.contains(r#""database":"ok""#),
        "{}",
        health.body
    );
    let page = get(port, "/guides/smart-lock?keypad-lights=no", "test").expect("a page");
    assert_eq!(page.status, 200);
    assert!(
        folder.path().join("u.db").exists(),
        "the database file is created on first start"
    );

    let killed = Command::new("kill")
        .args(["-TERM", &server.id().to_string()])
        .status()
        .expect("kill");
    assert!(killed.success());
    let status = server.wait().expect("the server exits");
    assert!(status.success(), "exit status {status}");
    let mut log = String::new();
    server.stderr.take().map(|mut e| e.read_to_string(&mut log));
    assert!(log.contains("stopped"), "{log}");
    assert!(
        !log.contains('\u{1b}'),
        "a log that is not a terminal has no colour codes: {log:?}"
    );
}

#[test]
fn serve_refuses_to_start_with_a_broken_guide() {
    let folder = tempfile::tempdir().expect("a temp folder");
    std::fs::write(
        folder.path().join("broken.md"),
        "+++\nid = \"x\"\n+++\n\n# T\n",
    )
    .expect("write");
    let output = Command::new(env!("CARGO_BIN_EXE_unstuck"))
        .args(["serve", "--addr", "127.0.0.1:1", "--guides"])
        .arg(folder.path())
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("error[missing-part]: the guide has no summary"),
        "{stderr}"
    );
    assert!(stderr.contains("1 guide(s) have errors"), "{stderr}");
}

#[test]
fn a_database_file_that_cannot_be_opened_stops_serve_with_the_reason() {
    let folder = tempfile::tempdir().expect("a temp folder");
    let database = folder.path().join("missing-folder").join("u.db");
    let output = Command::new(env!("CARGO_BIN_EXE_unstuck"))
        .args(["serve", "--addr", &format!("127.0.0.1:{}", free_port())])
        .args(["--database", &format!("sqlite://{}", database.display())])
        .current_dir(folder.path())
        .output()
        .expect("serve runs");
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("cannot use the database"), "{stderr}");
    assert!(stderr.contains("missing-folder"), "{stderr}");
}

/// Runs `unstuck serve ARGS` in `folder` with these variables, which must
/// stop it before it serves: its exit code and what it said.
fn stopped(args: &[&str], variables: &[(&str, &str)], folder: &Path) -> (Option<i32>, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_unstuck"))
        .arg("serve")
        .args(args)
        .env_remove("UNSTUCK_GUIDES")
        .envs(variables.iter().copied())
        .current_dir(folder)
        .output()
        .expect("serve runs");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    (output.status.code(), stderr)
}

/// The head of a GET's answer (status line and headers), lower-cased.
fn head_of(port: u16, path: &str) -> String {
    use std::io::Write;
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).expect("a connection");
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .expect("a request");
    let mut reply = String::new();
    let _ = stream.read_to_string(&mut reply);
    reply
        .split("\r\n\r\n")
        .next()
        .unwrap_or("")
        .to_ascii_lowercase()
}

#[test]
fn embed_origin_lets_that_site_alone_frame_the_pages() {
    let folder = tempfile::tempdir().expect("a temp folder");
    let database = format!("sqlite://{}", folder.path().join("e.db").display());
    let server = support::Server::start(
        &database,
        &[
            "--embed-origin",
            "https://help.example.com/",
            "--admin-token",
            "0f1e2d3c4b5a69788796a5b4c3d2e1f0",
        ],
        folder.path(),
    );
    // Twice: the second answer comes from the fast path, built ahead.
    for path in ["/guides/smart-lock", "/guides/smart-lock", "/", "/nothing"] {
        let head = head_of(server.port, path);
        assert!(
            head.contains("frame-ancestors 'self' https://help.example.com;"),
            "{path}: {head}"
        );
        assert!(!head.contains("x-frame-options"), "{path}: {head}");
    }
    // The admin pages and the picture are never framed.
    for path in ["/admin", "/admin/handoffs", "/guides/smart-lock/graph.svg"] {
        let head = head_of(server.port, path);
        assert!(head.contains("frame-ancestors 'none'"), "{path}: {head}");
    }
    server.stop();
    let plain = support::Server::start(&database, &[], folder.path());
    let head = head_of(plain.port, "/guides/smart-lock");
    assert!(head.contains("frame-ancestors 'none'"), "{head}");
    assert!(head.contains("x-frame-options: deny"), "{head}");
    plain.stop();
    let (code, message) = stopped(
        &["--embed-origin", "https://help.example.com/guides"],
        &[],
        folder.path(),
    );
    assert_ne!(code, Some(0));
    assert!(
        message.contains("give the scheme and host (and port) only, like https://help.example.com"),
        "{message}"
    );
}

#[test]
fn allow_origin_takes_feedback_from_that_site_alone() {
    let folder = tempfile::tempdir().expect("a temp folder");
    let database = format!("sqlite://{}", folder.path().join("a.db").display());
    let server = support::Server::start(
        &database,
        &[
            "--allow-origin",
            "http://127.0.0.1:8081/",
            "--allow-origin",
            "https://help.example.com",
        ],
        folder.path(),
    );
    let post = |origin: &str| feedback_from(server.port, origin);
    assert_eq!(post("http://127.0.0.1:8081"), 303);
    assert_eq!(post("https://help.example.com"), 303);
    assert_eq!(post("http://127.0.0.1:8082"), 403);
    assert_eq!(post("https://evil.example"), 403);
    server.stop();
    let listed = (
        "UNSTUCK_ALLOW_ORIGIN",
        "https://help.example.com,https://x/y",
    );
    for (args, variables) in [
        (&["--allow-origin", "127.0.0.1:8081"][..], &[][..]),
        (&[][..], &[listed][..]),
    ] {
        let (code, message) = stopped(args, variables, folder.path());
        assert_ne!(code, Some(0));
        assert!(message.contains("--allow-origin"), "{message}");
        assert!(
            message.contains("give the scheme and host (and port) only"),
            "{message}"
        );
    }
}

/// The status of feedback posted from a page of `origin`.
fn feedback_from(port: u16, origin: &str) -> u16 {
    let form = "helpful=yes&state=&back=http%3A%2F%2F127.0.0.1%3A8081%2Fguides%2Fsmart-lock.html";
    let headers = [
        ("Content-Type", "application/x-www-form-urlencoded"),
        ("Sec-Fetch-Site", "cross-site"),
        ("Origin", origin),
    ];
    support::request(port, "POST", "/guides/smart-lock/feedback", &headers, form)
        .expect("an answer")
        .status
}

#[test]
fn lists_of_origins_read_alike_in_the_flag_and_the_variable() {
    let (folder, database) = support::scratch("l.db");
    // Spaces after the commas, an empty entry, a trailing comma.
    let sites = "http://127.0.0.1:8081, ,https://help.example.com,";
    let by_flag = ["--allow-origin", sites, "--embed-origin", sites];
    let by_variable = [
        ("UNSTUCK_ALLOW_ORIGIN", sites),
        ("UNSTUCK_EMBED_ORIGIN", sites),
    ];
    for (flags, variables) in [(&by_flag[..], &[][..]), (&[][..], &by_variable[..])] {
        let server =
            support::Server::start_with_variables(&database, flags, variables, folder.path());
        assert_eq!(feedback_from(server.port, "http://127.0.0.1:8081"), 303);
        assert_eq!(feedback_from(server.port, "https://help.example.com"), 303);
        assert_eq!(feedback_from(server.port, "https://evil.example"), 403);
        let head = head_of(server.port, "/guides/smart-lock");
        assert!(
            head.contains("frame-ancestors 'self' http://127.0.0.1:8081 https://help.example.com;"),
            "{head}"
        );
        server.stop();
    }
}

#[test]
fn an_environment_file_of_placeholders_starts_as_if_nothing_were_set() {
    let (folder, database) = support::scratch("p.db");
    let placeholders = [
        "UNSTUCK_ADMIN_TOKEN",
        "UNSTUCK_PROTECT_METRICS",
        "UNSTUCK_ANALYTICS_SECRET",
        "UNSTUCK_HANDOFF_WEBHOOK",
        "UNSTUCK_HANDOFF_SECRET",
        "UNSTUCK_SMTP",
        "UNSTUCK_HANDOFF_EMAIL",
        "UNSTUCK_EMBED_ORIGIN",
        "UNSTUCK_ALLOW_ORIGIN",
        "UNSTUCK_MAX_CONNECTIONS",
        "UNSTUCK_LOG_FORMAT",
    ]
    .map(|name| (name, if name.ends_with("ORIGIN") { " " } else { "" }));
    let server =
        support::Server::start_with_variables(&database, &[], &placeholders, folder.path());
    // No token: the admin pages are off, and /metrics is open.
    assert_eq!(
        get(server.port, "/admin", "test").map(|r| r.status),
        Some(404)
    );
    assert_eq!(
        get(server.port, "/metrics", "test").map(|r| r.status),
        Some(200)
    );
    server.stop();
}

#[test]
fn an_address_taken_or_not_of_this_machine_stops_serve_with_what_to_do() {
    let folder = tempfile::tempdir().expect("a temp folder");
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("a socket");
    let taken = taken.local_addr().expect("its address").to_string();
    for (addr, message) in [
        (
            taken.as_str(),
            "another process listens there: stop it or choose another --addr",
        ),
        // An address of the documentation range, which no machine has.
        ("192.0.2.1:8080", "this machine has no such address"),
    ] {
        let database = format!("sqlite://{}", folder.path().join("t.db").display());
        let args = ["--addr", addr, "--database", &database];
        let (code, stderr) = stopped(&args, &[], folder.path());
        assert_eq!(code, Some(1), "{stderr}");
        assert!(
            stderr.contains(&format!("error: cannot listen on {addr}: {message}")),
            "{stderr}"
        );
        assert!(
            stderr.contains("caused by: "),
            "the system's words too: {stderr}"
        );
    }
}

#[test]
fn the_start_log_says_which_guides_are_served_and_counts_them_as_healthz() {
    let (folder, database) = support::scratch("g.db");
    support::guide_copy(&folder.path().join("guides"), "my-lock");
    // No --guides: the bundled guides, though ./guides holds another.
    let bundled = support::Server::start(&database, &[], folder.path());
    let log = bundled.log();
    assert!(
        log.contains("serving 2 guides (bundled; 3 translations); open http://127.0.0.1:"),
        "{log}"
    );
    assert!(
        log.contains(
            "./guides is not served: these are the guides bundled in the binary; \
             pass --guides guides to serve that folder"
        ),
        "{log}"
    );
    let health = get(bundled.port, "/healthz", "test").expect("an answer");
    assert!(health.body.contains(r#""guides":2"#), "{}", health.body);
    bundled.stop();
    let local = support::Server::start(&database, &["--guides", "guides"], folder.path());
    let log = local.log();
    assert!(
        log.contains("serving 1 guide (from guides/; 0 translations)"),
        "{log}"
    );
    assert!(!log.contains("is not served"), "{log}");
    local.stop();
}
