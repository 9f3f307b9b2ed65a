//! What authors write out of habit is read as they mean it: files saved
//! on Windows, with a byte-order mark, fields right under a list, keys in
//! bold. Each reads exactly as its plain form does.

use crate::support::{SMART_LOCK, guide};
use unstuck_core::source::LineCol;
use unstuck_core::{Guide, Source, compile};

/// The garage-door guide shipped in `guides/`: it has models and shares.
const GARAGE_DOOR: &str = include_str!("../../../../guides/garage-door.md");

/// A small guide whose texts run over several lines.
const ROUTER: &str = "+++
id = \"router\"
+++

# Fix the internet

We'll restart the router,
then call your provider.

## Restart the router {#restart .section}

Goal: Clear a stuck connection.

- Unplug the router.
- Wait two minutes for the lights.

Expect: The internet light turns green
after a minute or two.
Good: Fixed. Proceed to [Verification](#verification).
Bad: Still off. Proceed to [Call your provider](#provider).

## Did it work? {#restart-fixed .question}

Look at the internet light.

Section: restart

Pages should load again
in your browser.

- Yes → fixed
- No → provider

## Fixed {#fixed .outcome .resolved}

## Call your provider {#provider .outcome .escalate}

Their number is on the bill.

Say that you restarted the router.

## Verification {.verification}

- Pages load.
";

/// The model as `unstuck export` prints it.
fn exported(guide: &Guide) -> serde_json::Value {
    serde_json::to_value(guide).expect("the model serialises")
}

/// Where each diagnostic of `text` starts and ends, and its code.
fn positions(text: &str) -> Vec<(String, LineCol, LineCol)> {
    let source = Source::new("guide.md", text);
    (compile(text).diagnostics.iter())
        .map(|d| {
            let record = d.to_record(&source);
            (d.code.as_str().to_owned(), record.start, record.end)
        })
        .collect()
}

#[test]
fn a_guide_saved_with_windows_line_ends_compiles_to_the_same_model() {
    for text in [SMART_LOCK, GARAGE_DOOR, ROUTER] {
        let crlf = text.replace('\n', "\r\n");
        assert_eq!(exported(&guide(&crlf)), exported(&guide(text)));
    }
}

#[test]
fn problems_in_a_guide_with_windows_line_ends_are_reported_where_they_are() {
    let broken = SMART_LOCK
        .replace("- Yes → bolt-stuck", "- Yes → bolt-stuk")
        .replace("id = \"smart-lock\"", "id = \"Smart Lock\"");
    let found = positions(&broken);
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!(positions(&broken.replace('\n', "\r\n")), found);
}
