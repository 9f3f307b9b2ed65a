//! Hand-offs to the support desk with real receivers started by the tests:
//! a webhook that is down, then fails, then takes them; a server killed
//! between accepting a hand-off and delivering it; two servers on one
//! database; and email through a real SMTP server (Debian's
//! `python3-aiosmtpd`, which `scripts/test` installs).

mod support;

use hmac::{Hmac, KeyInit, Mac};
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use support::{Server, free_port, metric, request, shared_database};

const SECRET: &str = "a-shared-secret-of-the-desk-0123";

/// The state of the smart-lock guide that ends in "Call a locksmith".
const TO_LOCKSMITH: &str =
    "keypad-lights%3Dno%26battery-fixed%3Dno%26key-works%3Dno%26alignment-fixed%3Dno";

/// One request the receiver got, and what it answered.
#[derive(Debug, Clone)]
struct Received {
    headers: HashMap<String, String>,
    body: String,
    status: u16,
}

/// What the receiver answers to its `n`th request (from 0): a status, or
/// nothing at all (it holds the connection without answering).
type Script = dyn Fn(usize) -> Option<u16> + Send + Sync;

/// An HTTP receiver on 127.0.0.1 that records every request.
struct Receiver {
    log: Arc<Mutex<Vec<Received>>>,
}

impl Receiver {
    /// Starts listening on `port`, answering by `script`.
    fn start(port: u16, script: Arc<Script>) -> Receiver {
        let listener = TcpListener::bind(("127.0.0.1", port)).expect("the receiver's port");
        let log = Arc::new(Mutex::new(Vec::new()));
        let shared = Arc::clone(&log);
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                let (log, script) = (Arc::clone(&shared), Arc::clone(&script));
                std::thread::spawn(move || {
                    let mut reader = BufReader::new(stream.try_clone().expect("a clone"));
                    let mut headers = HashMap::new();
                    let mut line = String::new();
                    while reader.read_line(&mut line).is_ok_and(|n| n > 0) && line != "\r\n" {
                        if let Some((name, value)) = line.trim_end().split_once(':') {
                            headers.insert(name.to_ascii_lowercase(), value.trim().to_owned());
                        }
                        line.clear();
                    }
                    let length = headers
                        .get("content-length")
                        .and_then(|n| n.parse().ok())
                        .unwrap_or(0);
                    let mut body = vec![0; length];
                    if reader.read_exact(&mut body).is_err() {
                        return;
                    }
                    let body = String::from_utf8_lossy(&body).into_owned();
                    let answer = {
                        let mut log = log.lock().expect("the log");
                        let answer = script(log.len());
                        log.push(Received {
                            headers,
                            body,
                            status: answer.unwrap_or(0),
                        });
                        answer
                    };
                    match answer {
                        Some(status) => {
                            let _ = write!(
                                stream,
                                "HTTP/1.1 {status} Scripted\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                            );
                        }
                        None => std::thread::sleep(Duration::from_secs(60)),
                    }
                });
            }
        });
        Receiver { log }
    }

    fn received(&self) -> Vec<Received> {
        self.log.lock().expect("the log").clone()
    }

    /// The idempotency keys of the requests answered with 2xx, once each
    /// they were taken, waiting until there are `count` or `limit` passes.
    fn wait_for_taken(&self, count: usize, limit: Duration) -> Vec<Received> {
        let started = Instant::now();
        loop {
            let taken: Vec<Received> = self
                .received()
                .into_iter()
                .filter(|r| (200..300).contains(&r.status))
                .collect();
            if taken.len() >= count || started.elapsed() > limit {
                return taken;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

/// Sends the contact form as a browser would; the reference from the page.
fn hand_off(port: u16, guide: &str, contact: &str) -> Option<String> {
    let headers = [
        ("Content-Type", "application/x-www-form-urlencoded"),
        ("Sec-Fetch-Site", "same-origin"),
    ];
    let form = format!("state={TO_LOCKSMITH}&{contact}&fact-lock-model=Acme+K2");
    let reply = request(
        port,
        "POST",
        &format!("/guides/{guide}/handoff"),
        &headers,
        &form,
    )?;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let at = reply.body.find("class=\"reference\">")? + "class=\"reference\">".len();
    Some(reply.body[at..at + 7].to_owned())
}

/// Checks what a webhook received: signed, and the fields receivers rely on.
fn check_delivery(received: &Received) -> serde_json::Value {
    let mut mac =
        <Hmac<sha2::Sha256> as KeyInit>::new_from_slice(SECRET.as_bytes()).expect("a key");
    mac.update(received.body.as_bytes());
    let expected: String = mac
        .finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(
        received.headers.get("unstuck-signature"),
        Some(&format!("sha256={expected}")),
        "signed with HMAC-SHA256 of the body"
    );
    let json: serde_json::Value = serde_json::from_str(&received.body).expect("JSON");
    assert_eq!(
        received.headers.get("idempotency-key").map(String::as_str),
        json["idempotency_key"].as_str()
    );
    json
}

fn webhook_flags(port: u16) -> Vec<String> {
    [
        "--handoff-webhook",
        &format!("http://127.0.0.1:{port}/hooks/unstuck"),
        "--handoff-secret",
        SECRET,
        "--handoff-retry-seconds",
        "1",
        "--handoff-timeout",
        "2",
    ]
    .map(str::to_owned)
    .to_vec()
}

#[test]
fn every_handoff_arrives_once_signed_through_a_receiver_that_is_down_then_fails() {
    let folder = tempfile::tempdir().expect("a temp folder");
    let database = format!("sqlite://{}?mode=rwc", folder.path().join("h.db").display());
    let hook = free_port();
    let flags = webhook_flags(hook);
    let flags: Vec<&str> = flags.iter().map(String::as_str).collect();
    let server = Server::start(&database, &flags, folder.path());
    // The receiver is down: the hand-offs are accepted all the same.
    let references: Vec<String> = (0..3)
        .map(|n| {
            hand_off(
                server.port,
                "smart-lock",
                &format!("name=Ana+{n}&email=ana{n}%40example.com"),
            )
            .expect("a reference")
        })
        .collect();
    std::thread::sleep(Duration::from_millis(1500));
    // It comes back, failing its first two answers.
    let receiver = Receiver::start(hook, Arc::new(|n| Some(if n < 2 { 503 } else { 200 })));
    let taken = receiver.wait_for_taken(3, Duration::from_secs(60));
    let mut keys: Vec<&str> = taken
        .iter()
        .map(|r| r.headers["idempotency-key"].as_str())
        .collect();
    keys.sort_unstable();
    keys.dedup();
    assert_eq!(keys.len(), 3, "each hand-off taken once: {taken:#?}");
    let mut delivered: Vec<String> = taken
        .iter()
        .map(|r| {
            check_delivery(r)["reference"]
                .as_str()
                .unwrap_or("")
                .to_owned()
        })
        .collect();
    delivered.sort();
    let mut sent = references.clone();
    sent.sort();
    assert_eq!(delivered, sent);
    let json = check_delivery(&taken[0]);
    assert_eq!(json["guide"], "smart-lock");
    assert_eq!(json["outcome"], "locksmith");
    assert_eq!(
        json["answers"][0]["question"],
        "Does the keypad light or does the app connect?"
    );
    assert_eq!(json["answers"][0]["answer"], "No");
    assert!(
        json["contact"]["email"]
            .as_str()
            .is_some_and(|e| e.ends_with("@example.com"))
    );
    let model = json["facts"]
        .as_array()
        .and_then(|facts| facts.iter().find(|f| f["id"] == "lock-model"))
        .expect("the typed fact");
    assert_eq!(model["value"], "Acme K2");
    assert!(
        receiver.received().iter().any(|r| r.status == 503),
        "it failed first"
    );
    assert_eq!(
        metric(server.port, "unstuck_handoffs_queued_total"),
        Some(3.0)
    );
    assert_eq!(
        metric(server.port, "unstuck_handoffs_delivered_total"),
        Some(3.0)
    );
    assert!(metric(server.port, "unstuck_handoff_retries_total").is_some_and(|n| n >= 2.0));
    // Nothing more arrives: delivered is done.
    std::thread::sleep(Duration::from_millis(2500));
    assert_eq!(receiver.wait_for_taken(4, Duration::ZERO).len(), 3);
    server.stop();
}

#[test]
fn a_plain_http_webhook_off_this_machine_is_warned_about_at_start() {
    let folder = tempfile::tempdir().expect("a temp folder");
    let database = format!("sqlite://{}?mode=rwc", folder.path().join("w.db").display());
    let loopback = format!("http://127.0.0.1:{}/hooks/unstuck", free_port());
    let server = Server::start(
        &database,
        &[
            "--handoff-webhook",
            "http://desk.invalid/hooks/unstuck?token=t0p-s3cret",
            "--handoff-webhook",
            &loopback,
            "--handoff-secret",
            SECRET,
        ],
        folder.path(),
    );
    let log = server.log();
    let warnings: Vec<&str> = log.lines().filter(|l| l.contains("unencrypted")).collect();
    assert_eq!(
        warnings.len(),
        1,
        "only the webhook off this machine: {log}"
    );
    assert!(warnings[0].contains("http://desk.invalid"), "{log}");
    assert!(
        warnings[0].contains("https://"),
        "it says what to do: {log}"
    );
    assert!(
        !log.contains("t0p-s3cret"),
        "the URL's token is not logged: {log}"
    );
    server.stop();
}

#[test]
fn a_handoff_accepted_before_a_kill_is_delivered_after_the_restart() {
    let folder = tempfile::tempdir().expect("a temp folder");
    let database = format!("sqlite://{}?mode=rwc", folder.path().join("k.db").display());
    let hook = free_port();
    let flags = webhook_flags(hook);
    let flags: Vec<&str> = flags.iter().map(String::as_str).collect();
    // The first request is held without an answer: the kill comes mid-delivery.
    let receiver = Receiver::start(hook, Arc::new(|n| (n > 0).then_some(200)));
    let server = Server::start(&database, &flags, folder.path());
    let reference =
        hand_off(server.port, "smart-lock", "phone=%2B44+20+7946+0958").expect("a reference");
    let started = Instant::now();
    while receiver.received().is_empty() {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "no attempt was made"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    // The desk hangs; the pages do not wait for it.
    let page = support::get(
        server.port,
        "/guides/smart-lock?keypad-lights=no",
        "someone",
    )
    .expect("a page");
    assert_eq!(page.status, 200);
    server.kill();
    let restarted = Server::start(&database, &flags, folder.path());
    let taken = receiver.wait_for_taken(1, Duration::from_secs(60));
    assert_eq!(taken.len(), 1, "{:#?}", receiver.received());
    let json = check_delivery(&taken[0]);
    assert_eq!(json["reference"], reference.as_str());
    assert_eq!(json["contact"]["phone"], "+44 20 7946 0958");
    assert_eq!(
        receiver.received()[0].headers["idempotency-key"],
        taken[0].headers["idempotency-key"],
        "the repeat carries the same idempotency key"
    );
    restarted.stop();
}

#[test]
fn two_servers_on_one_database_deliver_each_handoff_once() {
    let folder = tempfile::tempdir().expect("a temp folder");
    let database = shared_database(folder.path());
    let hook = free_port();
    let receiver = Receiver::start(hook, Arc::new(|_| Some(200)));
    let flags = webhook_flags(hook);
    let mut flags: Vec<&str> = flags.iter().map(String::as_str).collect();
    flags.extend(["--feedback-per-minute", "1000"]);
    let first = Server::start(&database, &flags, folder.path());
    let second = Server::start(&database, &flags, folder.path());
    let mut references = Vec::new();
    for n in 0..30 {
        let server = if n % 2 == 0 { &first } else { &second };
        references.push(
            hand_off(
                server.port,
                "smart-lock",
                &format!("email=p{n}%40example.com"),
            )
            .expect("a reference"),
        );
    }
    let taken = receiver.wait_for_taken(30, Duration::from_secs(60));
    // Give a duplicate time to show.
    std::thread::sleep(Duration::from_millis(2500));
    let received = receiver.received();
    let mut by_reference: HashMap<String, usize> = HashMap::new();
    for r in &received {
        *by_reference
            .entry(
                check_delivery(r)["reference"]
                    .as_str()
                    .unwrap_or("")
                    .to_owned(),
            )
            .or_default() += 1;
    }
    assert_eq!(taken.len(), 30);
    for reference in &references {
        assert_eq!(
            by_reference.get(reference),
            Some(&1),
            "{reference} in {by_reference:?}"
        );
    }
    assert_eq!(received.len(), 30, "nothing delivered twice");
    let delivered = metric(first.port, "unstuck_handoffs_delivered_total").unwrap_or(0.0)
        + metric(second.port, "unstuck_handoffs_delivered_total").unwrap_or(0.0);
    assert_eq!(delivered, 30.0);
    first.stop();
    second.stop();
}

/// Debian's aiosmtpd, writing what it receives to a mailbox folder.
struct MailServer {
    child: std::process::Child,
    port: u16,
}

impl Drop for MailServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn mail_server(maildir: &std::path::Path) -> Option<MailServer> {
    let port = free_port();
    let started = std::process::Command::new("aiosmtpd")
        .args([
            "-n",
            "-l",
            &format!("127.0.0.1:{port}"),
            "-c",
            "aiosmtpd.handlers.Mailbox",
        ])
        .arg(maildir)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    let child = match started {
        Ok(child) => child,
        Err(error) => {
            assert!(
                std::env::var_os("CI").is_none(),
                "Debian's python3-aiosmtpd is needed (scripts/test installs it): {error}"
            );
            eprintln!("skipped: aiosmtpd is not installed ({error})");
            return None;
        }
    };
    let server = MailServer { child, port };
    let started = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "aiosmtpd did not listen"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    Some(server)
}

#[test]
fn a_handoff_arrives_as_a_plain_text_email_at_every_address() {
    let folder = tempfile::tempdir().expect("a temp folder");
    let maildir = folder.path().join("mail");
    let Some(mail) = mail_server(&maildir) else {
        return;
    };
    let database = format!("sqlite://{}?mode=rwc", folder.path().join("m.db").display());
    let smtp = format!("smtp://127.0.0.1:{}?tls=none", mail.port);
    let server = Server::start(
        &database,
        &[
            "--smtp",
            &smtp,
            "--handoff-email",
            "tickets@desk.example.com",
            "--handoff-email",
            "backup@desk.example.com",
            "--handoff-email-from",
            "unstuck@example.com",
        ],
        folder.path(),
    );
    let reference = hand_off(
        server.port,
        "smart-lock",
        "name=Ana+Lima&email=ana%40example.com&note=The+door+is+the+back+one",
    )
    .expect("a reference");
    let started = Instant::now();
    let messages = loop {
        let messages: Vec<String> = std::fs::read_dir(maildir.join("new"))
            .map(|files| {
                files
                    .filter_map(|f| std::fs::read_to_string(f.ok()?.path()).ok())
                    .collect()
            })
            .unwrap_or_default();
        if messages.len() >= 2 || started.elapsed() > Duration::from_secs(30) {
            break messages;
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    server.stop();
    assert_eq!(messages.len(), 2, "one message per address");
    for message in &messages {
        assert!(
            message.contains(&format!("Subject: [{reference}] Call a locksmith")),
            "{message}"
        );
        assert!(message.contains("Content-Type: text/plain"), "{message}");
        assert!(message.contains("Reply-To: ana@example.com"), "{message}");
        assert!(message.contains("From: unstuck@example.com"), "{message}");
        assert!(message.contains("Name: Ana Lima"), "{message}");
        assert!(message.contains("The door is the back one"), "{message}");
        assert!(
            message.contains("Lock model and manufacturer: Acme K2"),
            "{message}"
        );
        assert!(
            message.contains("- Does the keypad light or does the app connect? No"),
            "{message}"
        );
    }
    assert!(
        messages
            .iter()
            .any(|m| m.contains("To: tickets@desk.example.com"))
    );
    assert!(
        messages
            .iter()
            .any(|m| m.contains("To: backup@desk.example.com"))
    );
}

const ADMIN_TOKEN: &str = "5d0b8e2f7a1c9e4b3f6d2a8c1e7b9f04";

#[test]
fn an_operator_finds_a_failed_handoff_by_reference_retries_it_and_prunes_it() {
    let folder = tempfile::tempdir().expect("a temp folder");
    let database = format!("sqlite://{}?mode=rwc", folder.path().join("a.db").display());
    let hook = free_port();
    // The desk refuses the first request for good (404): no retry by itself.
    let receiver = Receiver::start(hook, Arc::new(|n| Some(if n == 0 { 404 } else { 200 })));
    let flags = webhook_flags(hook);
    let mut flags: Vec<&str> = flags.iter().map(String::as_str).collect();
    flags.extend(["--admin-token", ADMIN_TOKEN]);
    let server = Server::start(&database, &flags, folder.path());
    let reference =
        hand_off(server.port, "smart-lock", "email=ana%40example.com").expect("a reference");
    let bearer = format!("Bearer {ADMIN_TOKEN}");
    let admin = |method: &str, path: &str| {
        let headers = [
            ("Authorization", bearer.as_str()),
            ("Sec-Fetch-Site", "same-origin"),
        ];
        request(server.port, method, path, &headers, "").expect("an answer")
    };
    let started = Instant::now();
    while metric(server.port, "unstuck_handoffs_failed_total") != Some(1.0) {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "not given up on"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    // Read out over the phone, typed in lower case without the dash.
    let typed = reference.replace('-', "").to_lowercase();
    let found = admin("GET", &format!("/admin/handoffs?reference={typed}"));
    assert_eq!(found.status, 200);
    assert!(
        found.body.contains(&format!("Hand-off {reference}")),
        "{}",
        found.body
    );
    assert!(found.body.contains("ana@example.com"));
    assert!(
        found.body.contains("answered 404 Not Found"),
        "{}",
        found.body
    );
    assert!(found.body.contains("Retry the failed deliveries"));
    let listed = admin("GET", "/admin/handoffs");
    assert!(
        listed.body.contains("1 failed (1 attempts)"),
        "{}",
        listed.body
    );
    let unknown = admin("GET", "/admin/handoffs?reference=0OO-111");
    assert!(
        unknown.body.contains("is not a reference"),
        "{}",
        unknown.body
    );
    let retried = admin("POST", &format!("/admin/handoffs/{reference}/retry"));
    assert_eq!(retried.status, 303);
    assert_eq!(receiver.wait_for_taken(1, Duration::from_secs(20)).len(), 1);
    let after = admin("GET", &format!("/admin/handoffs?reference={reference}"));
    assert!(after.body.contains("delivered"), "{}", after.body);
    server.stop();
    let pruned = std::process::Command::new(env!("CARGO_BIN_EXE_unstuck"))
        .args([
            "prune",
            "--older-than",
            "90d",
            "--handoffs-older-than=-1d",
            "--database",
            &database,
        ])
        .output()
        .expect("prune runs");
    assert_eq!(
        String::from_utf8_lossy(&pruned.stdout),
        "deleted 0 events and 0 feedback older than 90d, 1 hand-offs older than -1d\n"
    );
}
