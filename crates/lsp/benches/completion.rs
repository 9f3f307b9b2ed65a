//! Completion on a 5,000-question guide, through the protocol loop as an
//! editor sees it (in-process connection): right after the guide was
//! compiled, and right after an edit (the answer comes from the last
//! compile; typing never waits for one).
//! Run: `cargo bench --workspace --locked --bench completion`.

use criterion::{Criterion, criterion_group, criterion_main};
use lsp_server::{Connection, Message, Notification, Request, RequestId};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use unstuck_testkit::Shape;

const URI: &str = "file:///guides/chain.md";

/// No files on disk: the guide is all in its buffer.
struct Nothing;

impl unstuck_lsp::Disk for Nothing {
    fn read_included(&self, _: &Path, _: &str) -> Result<String, String> {
        Err("there is no such file".to_owned())
    }
    fn read_guide(&self, _: &Path) -> Result<String, String> {
        Err("there is no such file".to_owned())
    }
    fn role(&self, _: &Path) -> unstuck_lsp::Role {
        unstuck_lsp::Role::Guide
    }
    fn guides_near(&self, _: &Path) -> Vec<PathBuf> {
        Vec::new()
    }
}

/// Sends `message` and waits for the response to request `id`, if any.
fn send(client: &Connection, message: Message, id: Option<i32>) -> Option<Value> {
    client.sender.send(message).expect("the server listens");
    let id = RequestId::from(id?);
    loop {
        match client.receiver.recv().expect("the server answers") {
            Message::Response(response) if response.id == id => {
                return response.response_result.ok();
            }
            _ => {}
        }
    }
}

fn completion(c: &mut Criterion) {
    // The last answer of the chain, half-typed: `- No → q4`.
    let full = Shape::chain(5_000).source();
    let at = full.rfind("→ o1").expect("an answer to an outcome");
    let text = format!("{}→ q4{}", &full[..at], &full[at + "→ o1".len()..]);
    let line = text[..at].matches('\n').count();
    let character = text[..at].rfind('\n').map_or(at, |n| at - n - 1) + "→ q4".len();
    let (server, client) = Connection::memory();
    let running = std::thread::spawn(move || unstuck_lsp::serve(&server, Box::new(Nothing)));
    let initialize = Request::new(0.into(), "initialize".into(), json!({ "capabilities": {} }));
    send(&client, initialize.into(), Some(0));
    let notify = |method: &str, params: Value| Notification::new(method.into(), params).into();
    send(&client, notify("initialized", json!({})), None);
    let open = json!({ "textDocument": { "uri": URI, "languageId": "markdown", "version": 1, "text": text } });
    send(&client, notify("textDocument/didOpen", open), None);
    let mut id = 1;
    let mut complete = |client: &Connection| {
        id += 1;
        let params = json!({ "textDocument": { "uri": URI }, "position": { "line": line, "character": character } });
        let request = Request::new(id.into(), "textDocument/completion".into(), params);
        let items = send(client, request.into(), Some(id)).expect("items");
        assert_eq!(items["items"][0]["label"], "q4", "the typed id first");
    };
    let mut group = c.benchmark_group("completion/chain-5000");
    group.sample_size(20);
    group.bench_function("compiled", |b| b.iter(|| complete(&client)));
    let mut version = 1;
    group.bench_function("after-an-edit", |b| {
        b.iter(|| {
            version += 1;
            let change = json!({ "textDocument": { "uri": URI, "version": version }, "contentChanges": [{ "text": text }] });
            send(&client, notify("textDocument/didChange", change), None);
            complete(&client);
        })
    });
    group.finish();
    let shutdown = Request::new(999.into(), "shutdown".into(), Value::Null);
    send(&client, shutdown.into(), Some(999));
    send(&client, notify("exit", Value::Null), None);
    running.join().expect("no panic").expect("a clean stop");
}

criterion_group!(benches, completion);
criterion_main!(benches);
