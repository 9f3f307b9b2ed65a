//! Running `unstuck serve` as a real process and talking to it over HTTP.

#![allow(dead_code)] // Each test binary uses its own part of this module.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A free TCP port on 127.0.0.1.
pub(crate) fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|addr| addr.port())
        .expect("a free port")
}

/// A fresh folder, and the URL of an SQLite database named `name` in it.
pub(crate) fn scratch(name: &str) -> (tempfile::TempDir, String) {
    let folder = tempfile::tempdir().expect("a temp folder");
    let database = format!("sqlite://{}?mode=rwc", folder.path().join(name).display());
    (folder, database)
}

/// A reply: the status code and the body.
#[derive(Debug)]
pub(crate) struct Reply {
    pub(crate) status: u16,
    pub(crate) body: String,
}

/// One HTTP/1.1 request; `None` when the server does not answer.
pub(crate) fn request(
    port: u16,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> Option<Reply> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .ok()?;
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).ok()?;
    stream.write_all(body.as_bytes()).ok()?;
    let mut reply = Vec::new();
    stream.read_to_end(&mut reply).ok()?;
    let reply = String::from_utf8_lossy(&reply).into_owned();
    let status = reply.split(' ').nth(1)?.parse().ok()?;
    let body = reply
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_owned())
        .unwrap_or_default();
    Some(Reply { status, body })
}

pub(crate) fn get(port: u16, path: &str, user_agent: &str) -> Option<Reply> {
    request(port, "GET", path, &[("User-Agent", user_agent)], "")
}

/// A counter or gauge of the server's open `/metrics`.
pub(crate) fn metric(port: u16, name: &str) -> Option<f64> {
    let metrics = get(port, "/metrics", "probe")?.body;
    let line = metrics.lines().find(|l| {
        l.strip_prefix(name)
            .is_some_and(|rest| rest.starts_with(' '))
    })?;
    line.rsplit(' ').next()?.parse().ok()
}

/// Sends the feedback form as a browser would.
pub(crate) fn post_feedback(port: u16, guide: &str, form: &str, user_agent: &str) -> Option<Reply> {
    let headers = [
        ("Content-Type", "application/x-www-form-urlencoded"),
        ("Sec-Fetch-Site", "same-origin"),
        ("User-Agent", user_agent),
    ];
    request(
        port,
        "POST",
        &format!("/guides/{guide}/feedback"),
        &headers,
        form,
    )
}

/// `unstuck serve` running on a port.
pub(crate) struct Server {
    pub(crate) port: u16,
    child: Child,
    log: PathBuf,
}

impl Server {
    /// Starts the server and waits until it answers; what it logs goes to
    /// a file in `folder`.
    pub(crate) fn start(database: &str, extra: &[&str], folder: &Path) -> Server {
        Server::start_with_variables(database, extra, &[], folder)
    }

    /// Starts the server as `start` does, with these environment variables.
    pub(crate) fn start_with_variables(
        database: &str,
        extra: &[&str],
        variables: &[(&str, &str)],
        folder: &Path,
    ) -> Server {
        let port = free_port();
        let log = folder.join(format!("serve-{port}.log"));
        let log_file = std::fs::File::create(&log).expect("a log file");
        let child = Command::new(env!("CARGO_BIN_EXE_unstuck"))
            .args([
                "serve",
                "--addr",
                &format!("127.0.0.1:{port}"),
                "--database",
                database,
            ])
            .args(extra)
            .env_remove("UNSTUCK_GUIDES")
            .env_remove("DATABASE_URL")
            .envs(variables.iter().copied())
            .current_dir(folder)
            .stdout(Stdio::null())
            .stderr(log_file)
            .spawn()
            .expect("the server starts");
        let server = Server { port, child, log };
        let started = Instant::now();
        while get(port, "/api/guides", "probe").is_none() {
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "the server did not answer"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        server
    }

    /// Stops it as an operator would (SIGTERM) and waits; it must exit cleanly.
    pub(crate) fn stop(mut self) {
        signal(&self.child, "TERM");
        let status = self.child.wait().expect("the server exits");
        assert!(status.success(), "exit status {status}");
    }

    /// What it has logged so far.
    pub(crate) fn log(&self) -> String {
        std::fs::read_to_string(&self.log).expect("the server's log")
    }

    /// Kills it without warning (SIGKILL).
    pub(crate) fn kill(mut self) {
        signal(&self.child, "KILL");
        let _ = self.child.wait();
    }
}

/// A test that fails before it stops its server does not leave it running.
impl Drop for Server {
    fn drop(&mut self) {
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

fn signal(child: &Child, name: &str) {
    let sent = Command::new("kill")
        .args([&format!("-{name}"), &child.id().to_string()])
        .status()
        .expect("kill");
    assert!(sent.success());
}

/// A copy of the smart-lock guide under a new id, so figures of this test
/// are its own even on a database other tests share.
pub(crate) fn guide_copy(folder: &Path, id: &str) {
    copy_guide("../../guides/smart-lock.md", "smart-lock", folder, id);
}

/// A copy in `folder` of the guide `source` (relative to this crate, its
/// id `source_id`) under the id `id`.
pub(crate) fn copy_guide(source: &str, source_id: &str, folder: &Path, id: &str) {
    let guide = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(source))
        .expect("the guide");
    std::fs::create_dir_all(folder).expect("mkdir");
    std::fs::write(
        folder.join(format!("{id}.md")),
        guide.replace(&format!("id = \"{source_id}\""), &format!("id = \"{id}\"")),
    )
    .expect("write");
}

/// The `unstuck stats --json` figures of one guide.
pub(crate) fn stats(database: &str, guide: &str) -> serde_json::Value {
    let output = Command::new(env!("CARGO_BIN_EXE_unstuck"))
        .args(["stats", "--json", "--database", database, "--guide", guide])
        .output()
        .expect("stats runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let all: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    all[0].clone()
}

/// A unique suffix for names in a shared database.
pub(crate) fn unique() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    format!("{:x}{:x}", std::process::id(), nanos % 0xffff_ffff)
}

/// The database the tests share: PostgreSQL when the test command started
/// one, else an SQLite file in `folder` (every server opens the same file).
pub(crate) fn shared_database(folder: &Path) -> String {
    std::env::var("UNSTUCK_TEST_POSTGRES")
        .unwrap_or_else(|_| format!("sqlite://{}?mode=rwc", folder.join("shared.db").display()))
}
