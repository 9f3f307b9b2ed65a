//! `unstuck serve` as an operator runs it: starts with no flags but an
//! address and a database, answers, and stops cleanly on SIGTERM.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|addr| addr.port())
        .expect("a free port")
}

/// A plain HTTP/1.1 GET; returns the status line and the body.
fn get(port: u16, path: &str) -> Option<(String, String)> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut reply = String::new();
    stream.read_to_string(&mut reply).ok()?;
    let status = reply.lines().next()?.to_owned();
    let body = reply
        .split_once("\r\n\r\n")
        .map(|(_, body)| body.to_owned())?;
    Some((status, body))
}

#[test]
fn serve_answers_with_the_bundled_guides_and_stops_on_sigterm() {
    let folder = tempfile::tempdir().expect("a temp folder");
    let port = free_port();
    let mut server = Command::new(env!("CARGO_BIN_EXE_unstuck"))
        .args(["serve", "--addr", &format!("127.0.0.1:{port}")])
        .env(
            "DATABASE_URL",
            format!("sqlite://{}?mode=rwc", folder.path().join("u.db").display()),
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
        if let Some(reply) = get(port, "/healthz") {
            break reply;
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "the server did not answer"
        );
        std::thread::sleep(Duration::from_millis(100));
    };
    assert_eq!(health.0, "HTTP/1.1 200 OK");
    assert!(health.1.contains(r#""guides":2"#), "{}", health.1);
    assert!(health.1.contains(r#""database":"ok""#), "{}", health.1);
    let page = get(port, "/guides/smart-lock?keypad-lights=no").expect("a page");
    assert_eq!(page.0, "HTTP/1.1 200 OK");
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
