//! A minimal editor side of the protocol: `unstuck lsp` spawned, messages
//! framed with `Content-Length`, answers awaited with a time limit.

use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

/// How long any answer may take before the test fails.
const PATIENCE: Duration = Duration::from_secs(20);

/// A running server and the messages it sent that nobody read yet.
pub(crate) struct Client {
    child: Child,
    stdin: ChildStdin,
    incoming: Receiver<Value>,
    unread: Vec<Value>,
    next_id: i64,
}

impl Client {
    /// Starts `unstuck lsp --guides <guides>` and initialises it.
    pub(crate) fn start(guides: &Path) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_unstuck"))
            .args(["lsp", "--guides"])
            .arg(guides)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("unstuck lsp starts");
        let stdin = child.stdin.take().expect("stdin");
        let stdout = child.stdout.take().expect("stdout");
        let (sender, incoming) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(message) = read_message(&mut reader) {
                if sender.send(message).is_err() {
                    break;
                }
            }
        });
        let mut client = Client {
            child,
            stdin,
            incoming,
            unread: Vec::new(),
            next_id: 1,
        };
        let answer = client.request(
            "initialize",
            json!({ "processId": null, "rootUri": null, "capabilities": {} }),
        );
        assert!(answer["result"]["capabilities"]["renameProvider"].is_object());
        client.notify("initialized", json!({}));
        client
    }

    fn send(&mut self, message: &Value) {
        let body = message.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("send");
        self.stdin.flush().expect("flush");
    }

    /// Sends a notification.
    pub(crate) fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    /// Sends a request and waits for its response (`result` or `error`).
    pub(crate) fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        self.wait(|m| m["id"] == json!(id) && m.get("method").is_none())
    }

    /// The next message that `wanted` accepts; others stay unread.
    pub(crate) fn wait(&mut self, wanted: impl Fn(&Value) -> bool) -> Value {
        if let Some(at) = self.unread.iter().position(&wanted) {
            return self.unread.remove(at);
        }
        loop {
            let message = self
                .incoming
                .recv_timeout(PATIENCE)
                .expect("the server answers in time");
            if wanted(&message) {
                return message;
            }
            self.unread.push(message);
        }
    }

    /// The next diagnostics published for `uri`.
    pub(crate) fn diagnostics(&mut self, uri: &str) -> Vec<Value> {
        let message = self.wait(|m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
        });
        message["params"]["diagnostics"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    /// The code actions offered for `range` of `uri`, given its diagnostics.
    pub(crate) fn code_actions(
        &mut self,
        uri: &str,
        range: &Value,
        diagnostics: &[Value],
    ) -> Vec<Value> {
        let reply = self.request(
            "textDocument/codeAction",
            json!({ "textDocument": { "uri": uri }, "range": range, "context": { "diagnostics": diagnostics } }),
        );
        reply["result"].as_array().cloned().expect("code actions")
    }

    /// The code action titled `title` among `actions`.
    pub(crate) fn action<'a>(actions: &'a [Value], title: &str) -> &'a Value {
        (actions.iter())
            .find(|action| action["title"] == title)
            .unwrap_or_else(|| panic!("no action {title:?} in {actions:#?}"))
    }

    /// Opens a document with its text.
    pub(crate) fn open(&mut self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri, "languageId": "markdown", "version": 1, "text": text } }),
        );
    }

    /// Replaces a document's whole text.
    pub(crate) fn change(&mut self, uri: &str, version: i32, text: &str) {
        self.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": uri, "version": version }, "contentChanges": [{ "text": text }] }),
        );
    }

    /// Shuts the server down and waits for it to exit with success.
    pub(crate) fn shutdown(mut self) {
        let answer = self.request("shutdown", Value::Null);
        assert!(answer.get("error").is_none(), "{answer}");
        self.notify("exit", Value::Null);
        let status = self.child.wait().expect("the server exits");
        assert!(status.success(), "{status}");
    }
}

fn read_message(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(value) = line.strip_prefix("Content-Length: ") {
            length = value.parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

/// The `file://` URI of a path (test paths need no escaping).
pub(crate) fn uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

/// The position of the `n`th (0-based) occurrence of `needle` in `text`,
/// plus `shift` characters, in UTF-16 units as the protocol counts them.
pub(crate) fn position(text: &str, needle: &str, n: usize, shift: usize) -> Value {
    let at = text
        .match_indices(needle)
        .nth(n)
        .map(|(i, _)| i)
        .expect("the needle is in the text");
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line = text[..at].matches('\n').count();
    let character = text[line_start..at].encode_utf16().count() + shift;
    json!({ "line": line, "character": character })
}
