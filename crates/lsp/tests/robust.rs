//! Any text, half-typed, never crashes the server: random snippets inserted
//! at random places of a shipped guide, and every request kind sent at
//! random positions (past line ends and the end of the text too), each
//! answered with a result or an error response.

use lsp_server::{Connection, Message, Notification, Request, RequestId};
use proptest::prelude::*;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::time::Duration;

const GUIDE: &str = include_str!("../../../guides/smart-lock.md");
const SHARED: &str = "## Shared step {#shared-step .section}\n\n- Do it.\n\nGood: Done. Proceed to [Verification](#verification).\n";

/// Snippets an author types half-way: the starts of every construct.
const SNIPPETS: &[&str] = &[
    "→ ",
    "-> ",
    "](#",
    "[x](#",
    "{#",
    "{.",
    "{#id .",
    "}",
    "{",
    "#",
    "Section: ",
    "Fills: ",
    "Fills: a, ",
    "- [",
    "- [pro, ",
    "## ",
    "\n## [S](_shared/step.md) {.include}\n",
    "+++",
    "\n",
    "\r\n",
    "😀",
    "é—",
    "- Yes → ",
    "start = \"",
    "\u{0}",
    "\\[",
    "`",
    "<b>",
    "```\n",
    "# ",
    "### ",
    "check-battery",
    "-",
];

/// Shared files from memory.
struct Memory;

impl unstuck_lsp::Disk for Memory {
    fn read_included(&self, _guide: &Path, include: &str) -> Result<String, String> {
        match include {
            "_shared/step.md" => Ok(SHARED.to_owned()),
            _ => Err("there is no such file".to_owned()),
        }
    }

    fn read_guide(&self, _path: &Path) -> Result<String, String> {
        Ok(GUIDE.to_owned())
    }

    fn role(&self, path: &Path) -> unstuck_lsp::Role {
        if path.starts_with("/guides/_shared") {
            unstuck_lsp::Role::Shared
        } else {
            unstuck_lsp::Role::Guide
        }
    }

    fn guides_near(&self, _file: &Path) -> Vec<PathBuf> {
        vec![PathBuf::from("/guides/smart-lock.md")]
    }
}

const METHODS: &[&str] = &[
    "textDocument/definition",
    "textDocument/references",
    "textDocument/prepareRename",
    "textDocument/rename",
    "textDocument/completion",
    "textDocument/hover",
    "textDocument/documentSymbol",
    "textDocument/codeAction",
];

fn params(method: &str, uri: &str, line: u32, character: u32) -> Value {
    let position = json!({ "line": line, "character": character });
    let document = json!({ "uri": uri });
    match method {
        "textDocument/documentSymbol" => json!({ "textDocument": document }),
        "textDocument/codeAction" => json!({
            "textDocument": document,
            "range": { "start": { "line": line.saturating_sub(3), "character": 0 }, "end": position },
            "context": { "diagnostics": [] },
        }),
        "textDocument/references" => json!({
            "textDocument": document, "position": position, "context": { "includeDeclaration": true },
        }),
        "textDocument/rename" => {
            json!({ "textDocument": document, "position": position, "newName": "renamed-id" })
        }
        _ => json!({ "textDocument": document, "position": position }),
    }
}

/// Inserts `snippet` at about `fraction` of the text, on a character boundary.
fn insert(text: &mut String, fraction: f64, snippet: &str) {
    let mut at = ((text.len() as f64) * fraction) as usize;
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    text.insert_str(at, snippet);
}

/// Waits for the response to request `id`, skipping notifications.
fn answer(client: &Connection, id: i32) -> Result<(), TestCaseError> {
    loop {
        match client.receiver.recv_timeout(Duration::from_secs(20)) {
            Ok(Message::Response(response)) if response.id == RequestId::from(id) => {
                let failed = (response.response_result.err())
                    .filter(|e| e.code == lsp_server::ErrorCode::InternalError as i32);
                return match failed {
                    Some(error) => Err(TestCaseError::fail(error.message)),
                    None => Ok(()),
                };
            }
            Ok(_) => {}
            Err(error) => {
                return Err(TestCaseError::fail(format!(
                    "no answer to request {id}: {error}"
                )));
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn random_edits_and_requests_never_crash_the_server(
        steps in prop::collection::vec(
            (0.0..1.0f64, 0..SNIPPETS.len(), 0..METHODS.len(), 0u32..260, 0u32..90),
            1..12,
        ),
        shared_open in any::<bool>(),
    ) {
        let (server, client) = Connection::memory();
        let running = std::thread::spawn(move || unstuck_lsp::serve(&server, Box::new(Memory)));
        let send = |message: Message| client.sender.send(message).map_err(|e| TestCaseError::fail(e.to_string()));
        send(Request::new(0.into(), "initialize".into(), json!({ "capabilities": {} })).into())?;
        answer(&client, 0)?;
        send(Notification::new("initialized".into(), json!({})).into())?;
        let (uri, path_text) = if shared_open {
            ("file:///guides/_shared/step.md", SHARED)
        } else {
            ("file:///guides/smart-lock.md", GUIDE)
        };
        let mut text = path_text.to_owned();
        if shared_open {
            // The guide that includes the shared file is open too.
            let mut guide = GUIDE.to_owned();
            insert(&mut guide, 0.9, "\n## [S](_shared/step.md) {.include}\n");
            send(Notification::new("textDocument/didOpen".into(), json!({
                "textDocument": { "uri": "file:///guides/smart-lock.md", "languageId": "markdown", "version": 1, "text": guide },
            })).into())?;
        }
        send(Notification::new("textDocument/didOpen".into(), json!({
            "textDocument": { "uri": uri, "languageId": "markdown", "version": 1, "text": text },
        })).into())?;
        for (n, (fraction, snippet, method, line, character)) in steps.into_iter().enumerate() {
            // Even steps send the whole text; odd ones an insertion at a
            // random position, as editors do (the server's text then differs
            // from ours until the next whole text).
            let change = if n % 2 == 0 {
                insert(&mut text, fraction, SNIPPETS[snippet]);
                json!({ "text": text })
            } else {
                let at = json!({ "line": line / 2, "character": character });
                json!({ "range": { "start": at, "end": at }, "text": SNIPPETS[snippet] })
            };
            send(Notification::new("textDocument/didChange".into(), json!({
                "textDocument": { "uri": uri, "version": n + 2 }, "contentChanges": [change],
            })).into())?;
            let id = i32::try_from(n).unwrap_or(0) + 1;
            let method = METHODS[method];
            send(Request::new(id.into(), method.into(), params(method, uri, line, character)).into())?;
            answer(&client, id)?;
        }
        send(Request::new(999.into(), "shutdown".into(), Value::Null).into())?;
        answer(&client, 999)?;
        send(Notification::new("exit".into(), Value::Null).into())?;
        let stopped = running.join().map_err(|_| TestCaseError::fail("the server panicked"))?;
        prop_assert!(stopped.is_ok(), "{stopped:?}");
    }
}
