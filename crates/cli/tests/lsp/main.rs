//! `unstuck lsp` driven through stdio as an editor drives it: initialize,
//! didOpen, didChange, requests, shutdown. Every feature, on the shipped
//! guides and on broken fixtures, with positions in UTF-16.

mod client;
mod neovim;

use client::{Client, position, uri};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

/// A guides folder in a temporary directory, with the given files.
fn folder(files: &[(&str, &str)]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("a temp folder");
    let guides = dir.path().canonicalize().expect("canonical").join("guides");
    for (name, text) in files {
        let path = guides.join(name);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("mkdir");
        std::fs::write(&path, text).expect("write");
    }
    (dir, guides)
}

fn shipped(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../guides")
        .join(name);
    std::fs::read_to_string(path).expect("a shipped guide")
}

/// A guide opened in an editor as the only guide of a fresh guides folder.
struct Opened {
    _dir: tempfile::TempDir,
    client: Client,
    text: String,
    path: PathBuf,
    file: String,
}

/// A broken fixture, opened as `guide.md`.
fn open_broken(name: &str) -> Opened {
    open_only("guide.md", broken(name))
}

/// `text`, opened as the guide `name`.
fn open_only(name: &str, text: String) -> Opened {
    let (_dir, guides) = folder(&[(name, &text)]);
    let path = guides.join(name);
    let file = uri(&path);
    let mut client = Client::start(&guides);
    client.open(&file, &text);
    Opened {
        _dir,
        client,
        text,
        path,
        file,
    }
}

fn broken(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../core/tests/fixtures/broken")
        .join(name);
    std::fs::read_to_string(path).expect("a broken fixture")
}

/// What `unstuck check --format json` says about a file, as the protocol
/// would show it: code, message with hint, range.
fn checked(path: &Path) -> Vec<Value> {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_unstuck"))
        .args(["check", "--format", "json"])
        .arg(path)
        .output()
        .expect("check runs");
    let records: Vec<Value> = serde_json::from_slice(&output.stdout).expect("JSON");
    records
        .iter()
        .map(|r| {
            let message = match r["hint"].as_str() {
                Some(hint) => format!("{}\nhelp: {hint}", r["message"].as_str().unwrap_or("")),
                None => r["message"].as_str().unwrap_or("").to_owned(),
            };
            let at = |end: &str| {
                json!({
                    "line": r[end]["line"].as_u64().unwrap_or(0) - 1,
                    "character": r[end]["column"].as_u64().unwrap_or(0) - 1,
                })
            };
            json!({ "code": r["code"], "message": message, "range": { "start": at("start"), "end": at("end") } })
        })
        .collect()
}

fn shown(diagnostics: &[Value]) -> Vec<Value> {
    diagnostics
        .iter()
        .map(|d| json!({ "code": d["code"], "message": d["message"], "range": d["range"] }))
        .collect()
}

#[test]
fn diagnostics_are_those_of_check_and_clear_when_fixed() {
    for fixture in [
        "unknown-target--answer.md",
        "duplicate-id.md",
        "undeclared-fact.md",
        "unknown-block-kind--typo.md",
    ] {
        let Opened {
            _dir,
            mut client,
            path,
            file,
            ..
        } = open_broken(fixture);
        let diagnostics = client.diagnostics(&file);
        assert!(!diagnostics.is_empty(), "{fixture}");
        assert_eq!(shown(&diagnostics), checked(&path), "{fixture}");
        client.shutdown();
    }
    let Opened {
        _dir,
        mut client,
        text,
        file,
        ..
    } = open_broken("unknown-target--answer.md");
    assert_eq!(client.diagnostics(&file).len(), 1);
    client.change(&file, 2, &text.replace("→ fixd", "→ fixe"));
    client.change(&file, 3, &text.replace("→ fixd", "→ fixed"));
    assert_eq!(
        client.diagnostics(&file),
        Vec::<Value>::new(),
        "cleared once fixed"
    );
    client.shutdown();
}

#[test]
fn navigation_on_the_shipped_guide() {
    let text = shipped("smart-lock.md");
    let Opened {
        _dir,
        mut client,
        text,
        file,
        ..
    } = open_only("smart-lock.md", text);
    assert_eq!(client.diagnostics(&file), Vec::<Value>::new());
    let at = |needle: &str, n: usize| json!({ "textDocument": { "uri": file }, "position": position(&text, needle, n, 1) });
    // After `→ `: the arrow is one UTF-16 unit.
    let at2 = |needle: &str| json!({ "textDocument": { "uri": file }, "position": position(&text, needle, 0, 2) });

    // An answer's target, `Section:` links and triage entries lead to the definition.
    let definition = client.request("textDocument/definition", at2("→ key-works"));
    assert_eq!(
        definition["result"]["range"]["start"],
        position(&text, "key-works .question", 0, 0)
    );
    let definition = client.request("textDocument/definition", at("#check-battery)", 0));
    assert_eq!(
        definition["result"]["range"]["start"],
        position(&text, "check-battery .section", 0, 0)
    );

    // References from the definition: every use, and the definition when asked.
    let mut params = at("#check-battery .section", 0);
    params["context"] = json!({ "includeDeclaration": false });
    let references = client.request("textDocument/references", params.clone());
    let uses = text.matches("#check-battery)").count();
    assert_eq!(references["result"].as_array().map(Vec::len), Some(uses));
    params["context"] = json!({ "includeDeclaration": true });
    let references = client.request("textDocument/references", params);
    assert_eq!(
        references["result"].as_array().map(Vec::len),
        Some(uses + 1)
    );

    // Hover: kind and title; a question's answers.
    let hover = client.request("textDocument/hover", at2("→ key-works"));
    let value = hover["result"]["contents"]["value"]
        .as_str()
        .unwrap_or_default();
    assert!(
        value.contains("**question** `key-works`: Does the physical key work?"),
        "{value}"
    );
    assert!(value.contains("Yes → repair-worked"), "{value}");

    // The outline: one symbol per block.
    let symbols = client.request(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": file } }),
    );
    let names: Vec<&str> = symbols["result"]
        .as_array()
        .expect("symbols")
        .iter()
        .filter_map(|s| s["name"].as_str())
        .collect();
    assert_eq!(
        names.len(),
        text.lines().filter(|l| l.starts_with("## ")).count()
    );
    assert!(names.contains(&"Check battery"), "{names:?}");
    client.shutdown();
}

#[test]
fn rename_changes_every_reference_and_nothing_else() {
    let text = shipped("smart-lock.md");
    let Opened {
        _dir,
        mut client,
        text,
        file,
        ..
    } = open_only("smart-lock.md", text);
    client.diagnostics(&file);
    // From a use, not the definition.
    let params = json!({
        "textDocument": { "uri": file },
        "position": position(&text, "(#check-battery)", 0, 3),
        "newName": "battery-check",
    });
    let prepared = client.request("textDocument/prepareRename", params.clone());
    assert_eq!(
        prepared["result"]["start"],
        position(&text, "(#check-battery)", 0, 2)
    );
    let renamed = client.request("textDocument/rename", params.clone());
    let edits = renamed["result"]["changes"][&file]
        .as_array()
        .expect("edits")
        .clone();
    assert_eq!(edits.len(), text.matches("check-battery").count());
    let note = client.wait(|m| m["method"] == "window/showMessage");
    assert!(
        note["params"]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("saved answers")
    );
    // Applied, the guide still compiles: nothing else changed.
    let renamed = apply(&text, &edits);
    assert_eq!(renamed, text.replace("check-battery", "battery-check"));
    client.change(&file, 2, &renamed);
    assert_eq!(client.diagnostics(&file), Vec::<Value>::new());

    // Refused: an invalid id, a taken id.
    let mut refused = params.clone();
    refused["position"] = position(&renamed, "{#battery-check", 0, 2);
    refused["newName"] = json!("Battery Check");
    let answer = client.request("textDocument/rename", refused.clone());
    assert!(
        answer["error"]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("not a valid id"),
        "{answer}"
    );
    refused["newName"] = json!("key-override");
    let answer = client.request("textDocument/rename", refused);
    assert!(
        answer["error"]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("already the id of a section"),
        "{answer}"
    );
    client.shutdown();
}

/// Applies protocol edits to a text (edits do not overlap).
fn apply(text: &str, edits: &[Value]) -> String {
    let offset = |p: &Value| {
        let line = p["line"].as_u64().unwrap_or(0) as usize;
        let character = p["character"].as_u64().unwrap_or(0) as usize;
        let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
        let mut units = 0;
        for (at, c) in text[start..].char_indices() {
            if units >= character {
                return start + at;
            }
            units += c.len_utf16();
        }
        text.len()
    };
    let mut spans: Vec<(usize, usize, &str)> = edits
        .iter()
        .map(|e| {
            (
                offset(&e["range"]["start"]),
                offset(&e["range"]["end"]),
                e["newText"].as_str().unwrap_or(""),
            )
        })
        .collect();
    spans.sort_by_key(|s| std::cmp::Reverse(s.0));
    let mut out = text.to_owned();
    for (start, end, new) in spans {
        out.replace_range(start..end, new);
    }
    out
}

#[test]
fn completion_offers_ids_of_the_right_kind_with_titles() {
    let text = shipped("smart-lock.md");
    let Opened {
        _dir,
        mut client,
        text,
        file,
        ..
    } = open_only("smart-lock.md", text);
    client.diagnostics(&file);
    let typed = text.replace("- No → key-works", "- No → key");
    client.change(&file, 2, &typed);
    let labels = |answer: &Value| -> Vec<(String, String)> {
        answer["result"]["items"]
            .as_array()
            .expect("items")
            .iter()
            .map(|i| {
                (
                    i["label"].as_str().unwrap_or("").to_owned(),
                    i["detail"].as_str().unwrap_or("").to_owned(),
                )
            })
            .collect()
    };
    let answer = client.request("textDocument/completion", json!({
        "textDocument": { "uri": file }, "position": position(&typed, "- No → key\n", 0, "- No → key".chars().count()),
    }));
    let items = labels(&answer);
    assert!(
        items.contains(&(
            "key-works".to_owned(),
            "question: Does the physical key work?".to_owned()
        )),
        "{items:?}"
    );
    assert!(items.iter().all(|(l, _)| l.contains("key")), "{items:?}");
    let everything = client.request("textDocument/completion", json!({
        "textDocument": { "uri": file }, "position": position(&typed, "- No → key\n", 0, "- No → ".chars().count()),
    }));
    let everything = labels(&everything);
    assert!(
        everything.iter().any(|(l, _)| l == "locksmith"),
        "outcomes too"
    );
    assert!(
        !everything.iter().any(|(l, _)| l == "check-battery"),
        "no sections after an arrow"
    );
    let range = &answer["result"]["items"][0]["textEdit"]["range"];
    assert_eq!(
        range["start"],
        position(&typed, "key\n", 0, 0),
        "replaces what is typed"
    );

    let section = client.request("textDocument/completion", json!({
        "textDocument": { "uri": file }, "position": position(&typed, "Section: [Check battery](#", 0, "Section: [Check battery](#".len()),
    }));
    assert!(labels(&section).iter().any(|(l, _)| l == "check-battery"));
    let kinds = client.request("textDocument/completion", json!({
        "textDocument": { "uri": file }, "position": position(&typed, "{#check-battery .", 0, "{#check-battery .".len()),
    }));
    assert!(labels(&kinds).iter().any(|(l, _)| l == "question"));
    client.shutdown();
}

#[test]
fn positions_count_utf16_units_after_non_ascii_text() {
    let text =
        shipped("smart-lock.md").replace("- No → key-works", "- Nein 😀 é — ✓ {#no} → key-works");
    let Opened {
        _dir,
        mut client,
        text,
        file,
        ..
    } = open_only("smart-lock.md", text);
    assert_eq!(client.diagnostics(&file), Vec::<Value>::new());
    let at = position(&text, "→ key-works", 0, 3);
    let definition = client.request(
        "textDocument/definition",
        json!({ "textDocument": { "uri": file }, "position": at }),
    );
    assert_eq!(
        definition["result"]["range"]["start"],
        position(&text, "key-works .question", 0, 0)
    );
    let mut params = json!({ "textDocument": { "uri": file }, "position": position(&text, "{#key-works", 0, 2), "context": { "includeDeclaration": false } });
    let references = client.request("textDocument/references", params.clone());
    let emoji_line = position(&text, "→ key-works", 0, 2);
    assert!(
        references["result"]
            .as_array()
            .expect("refs")
            .iter()
            .any(|r| r["range"]["start"] == emoji_line),
        "{references}"
    );
    // An edit by range, as editors send them: columns in UTF-16 after the emoji.
    let typo = position(&text, "→ key-works", 0, 10);
    let end = position(&text, "→ key-works", 0, 11);
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": file, "version": 2 },
            "contentChanges": [{ "range": { "start": typo, "end": end }, "text": "" }],
        }),
    );
    let diagnostics = client.diagnostics(&file);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    assert_eq!(diagnostics[0]["code"], "unknown-target");
    assert_eq!(diagnostics[0]["range"]["start"], emoji_line);
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": file, "version": 3 },
            "contentChanges": [{ "range": { "start": typo, "end": typo }, "text": "s" }],
        }),
    );
    assert_eq!(client.diagnostics(&file), Vec::<Value>::new());
    params["newName"] = json!("key-turns-ok");
    let renamed = client.request("textDocument/rename", params);
    let edits = renamed["result"]["changes"][&file]
        .as_array()
        .expect("edits")
        .clone();
    assert_eq!(
        apply(&text, &edits),
        text.replace("key-works", "key-turns-ok")
    );
    client.shutdown();
}

const SHARED: &str = "## Power-cycle the device {#power-cycle .section}\n\n- Unplug it.\n\nGood: It works. Proceed to [Verification](#verificaton).\n";

#[test]
fn shared_files_show_their_own_problems_and_are_navigable() {
    let text = shipped("smart-lock.md")
        .replace(
            "## Power-cycle and re-pair {#power-cycle .section}",
            "## Power-cycle and re-pair {#re-pair .section}",
        )
        .replace(
            "## When to get help",
            "## [Power-cycle](_shared/power-cycle.md) {.include}\n\n## When to get help",
        );
    let (_dir, guides) = folder(&[("smart-lock.md", &text), ("_shared/power-cycle.md", SHARED)]);
    let guide = uri(&guides.join("smart-lock.md"));
    let shared = uri(&guides.join("_shared/power-cycle.md"));
    let mut client = Client::start(&guides);
    client.open(&shared, SHARED);
    let diagnostics = client.diagnostics(&shared);
    let codes: Vec<&str> = diagnostics
        .iter()
        .filter_map(|d| d["code"].as_str())
        .collect();
    assert!(codes.contains(&"unknown-target"), "{diagnostics:?}");
    let typo = diagnostics
        .iter()
        .find(|d| d["code"] == "unknown-target")
        .expect("the typo");
    assert_eq!(
        typo["range"]["start"],
        position(SHARED, "verificaton", 0, 0),
        "at the shared file's own line"
    );

    // The quick fix, then the diagnostic is gone.
    let actions = client.code_actions(&shared, &typo["range"], &[]);
    let fix = Client::action(&actions, "Change to `verification`");
    let fixed = apply(
        SHARED,
        fix["edit"]["changes"][&shared].as_array().expect("edits"),
    );
    client.change(&shared, 2, &fixed);
    assert!(
        client
            .diagnostics(&shared)
            .iter()
            .all(|d| d["code"] != "unknown-target")
    );

    // From the guide: the include leads to the shared file, a use of its id into it.
    client.open(&guide, &text);
    client.diagnostics(&guide);
    let include = client.request("textDocument/definition", json!({
        "textDocument": { "uri": guide }, "position": position(&text, "_shared/power-cycle.md", 0, 2),
    }));
    assert_eq!(include["result"]["uri"], json!(shared));
    let definition = client.request(
        "textDocument/definition",
        json!({
            "textDocument": { "uri": guide }, "position": position(&text, "#power-cycle)", 0, 1),
        }),
    );
    assert_eq!(
        definition["result"]["uri"],
        json!(shared),
        "the guide's link leads into the shared file"
    );
    assert_eq!(
        definition["result"]["range"]["start"],
        position(&fixed, "power-cycle .section", 0, 0)
    );

    // Renamed from the shared file: the guide's uses change too.
    let renamed = client.request("textDocument/rename", json!({
        "textDocument": { "uri": shared }, "position": position(&fixed, "power-cycle .section", 0, 1), "newName": "restart",
    }));
    let changes = &renamed["result"]["changes"];
    let in_guide = changes[&guide].as_array().expect("edits in the guide");
    assert_eq!(in_guide.len(), text.matches("(#power-cycle)").count());
    assert_eq!(
        apply(
            &fixed,
            changes[&shared]
                .as_array()
                .expect("edits in the shared file")
        ),
        fixed.replace("power-cycle", "restart")
    );
    client.shutdown();
}

#[test]
fn an_unknown_target_offers_to_create_the_question_or_outcome() {
    let Opened {
        _dir,
        mut client,
        text,
        file,
        ..
    } = open_broken("unknown-target--answer.md");
    let diagnostics = client.diagnostics(&file);
    let actions = client.code_actions(&file, &diagnostics[0]["range"], &diagnostics);
    let titles: Vec<&str> = actions.iter().filter_map(|a| a["title"].as_str()).collect();
    assert!(titles.contains(&"Change to `fixed`"), "{titles:?}");
    assert!(
        titles.contains(&"Create the missing outcome `fixd`"),
        "{titles:?}"
    );
    assert!(
        titles.contains(&"Create the missing question `fixd`"),
        "{titles:?}"
    );
    let create =
        &Client::action(&actions, "Create the missing outcome `fixd`")["edit"]["changes"][&file];
    let created = apply(&text, create.as_array().expect("edits"));
    assert!(
        created.ends_with("## Fixd {#fixd .outcome .resolved}\n"),
        "{created}"
    );
    client.change(&file, 2, &created);
    let left: Vec<Value> = client.diagnostics(&file);
    assert!(
        left.iter().all(|d| d["code"] != "unknown-target"),
        "{left:?}"
    );
    client.shutdown();
}

#[test]
fn markdown_outside_the_guides_folder_without_front_matter_is_left_alone() {
    let (dir, guides) = folder(&[("smart-lock.md", &shipped("smart-lock.md"))]);
    let readme = dir
        .path()
        .canonicalize()
        .expect("canonical")
        .join("README.md");
    let text = "# Read me\n\nNot a guide: [see](#nothing).\n";
    std::fs::write(&readme, text).expect("write");
    let mut client = Client::start(&guides);
    client.open(&uri(&readme), text);
    assert_eq!(client.diagnostics(&uri(&readme)), Vec::<Value>::new());
    let hover = client.request(
        "textDocument/hover",
        json!({
            "textDocument": { "uri": uri(&readme) }, "position": position(text, "nothing", 0, 1),
        }),
    );
    assert_eq!(hover["result"], Value::Null, "{hover}");
    // A guide there, even one saved with a byte-order mark, is checked.
    let draft = readme.with_file_name("draft.md");
    let guide = format!("\u{feff}{}", shipped("smart-lock.md")).replace("→ unlocked", "→ unlockd");
    std::fs::write(&draft, &guide).expect("write");
    client.open(&uri(&draft), &guide);
    let found = client.diagnostics(&uri(&draft));
    assert!(
        found.iter().any(|d| d["code"] == "unknown-target"),
        "{found:?}"
    );
    client.shutdown();
}

#[test]
fn a_misspelt_block_kind_is_fixed_in_one_step() {
    let Opened {
        _dir,
        mut client,
        text,
        file,
        ..
    } = open_broken("unknown-block-kind--typo.md");
    let diagnostics = client.diagnostics(&file);
    let actions = client.code_actions(&file, &diagnostics[0]["range"], &diagnostics);
    let fix = Client::action(&actions, "Change to `.section`");
    let fixed = apply(
        &text,
        fix["edit"]["changes"][&file].as_array().expect("edits"),
    );
    assert_eq!(fixed, text.replace(".sectoin", ".section"));
    client.shutdown();
}
