//! What authors write out of habit is read as they mean it: files saved
//! on Windows, with a byte-order mark, fields right under a list, keys in
//! bold. Each reads exactly as its plain form does.

use crate::support::{SMART_LOCK, guide};
use unstuck_core::source::LineCol;
use unstuck_core::{Guide, Source, compile_with};

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

/// The model of `text` but its version (a fingerprint of the text).
fn read_as(text: &str) -> serde_json::Value {
    let mut model = exported(&guide(text));
    model["version"] = serde_json::Value::Null;
    model
}

/// Compiles `text`, which includes the shared file `_shared.md` when it
/// asks for it.
fn compile_with_shared(text: &str, shared: &str) -> (unstuck_core::Compiled, String) {
    let (compiled, combined) = compile_with(text, &mut |_| Ok(shared.to_owned()));
    (compiled, combined.text)
}

/// Where each diagnostic of `text` starts and ends, and its code, as
/// `unstuck check` reports them.
fn positions(text: &str) -> Vec<(String, LineCol, LineCol)> {
    let (compiled, combined) = compile_with_shared(text, "");
    let source = Source::new("guide.md", &combined);
    (compiled.diagnostics.iter())
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

#[test]
fn a_byte_order_mark_is_not_part_of_the_guide() {
    const BOM: &str = "\u{feff}";
    let marked = format!("{BOM}{ROUTER}");
    assert_eq!(exported(&guide(&marked)), exported(&guide(ROUTER)));
    // Columns on the first line count from after the mark.
    let unclosed = "+++\nid = \"router\"\n\n# Fix the internet\n";
    let found = positions(unclosed);
    assert_eq!(found[0].0, "unclosed-front-matter");
    assert_eq!(found[0].1, LineCol { line: 1, column: 1 });
    assert_eq!(positions(&format!("{BOM}{unclosed}")), found);
}

#[test]
fn a_shared_file_with_a_byte_order_mark_is_read_whole() {
    let including = ROUTER.replace(
        "## Verification {.verification}\n\n- Pages load.\n",
        "## [Verification](_shared.md) {.include}\n",
    );
    let shared = "\u{feff}## Verification {.verification}\n\n- Pages load.\n";
    let (compiled, _) = compile_with_shared(&including, shared);
    assert!(
        compiled.diagnostics.is_empty(),
        "{:?}",
        compiled.diagnostics
    );
    let included = compiled.guide.expect("the guide compiles");
    assert_eq!(
        exported(&included)["verification"],
        exported(&guide(ROUTER))["verification"]
    );
}

#[test]
fn fields_right_under_a_list_are_read_as_fields() {
    let tight = ROUTER.replace("lights.\n\nExpect:", "lights.\nExpect:");
    assert_eq!(read_as(&tight), read_as(ROUTER));
    let restart = &guide(&tight).sections[0];
    assert_eq!(restart.actions.len(), 2);
    assert_eq!(
        restart.actions[1].markdown(),
        "Wait two minutes for the lights."
    );
    assert_eq!(restart.results.len(), 2);
}

#[test]
fn fields_under_answers_and_help_lists_are_read_as_fields() {
    let after_answers = ROUTER.replace("Section: restart\n\n", "").replace(
        "- No → provider\n",
        "- No → provider\nSection: restart\nTime: 5 min\n",
    );
    let mut expected = read_as(ROUTER);
    expected["questions"][0]["time"] = 5.0.into();
    assert_eq!(read_as(&after_answers), expected);
    let help = ROUTER.replace(
        "## Verification",
        "## When to get help {.get-help}\n\nCall your provider if:\n\n- The light stays red.\n\
         Warning: Do not reset the router to factory settings.\n\n## Verification",
    );
    let parts = read_as(&help)["get_help"]["parts"].clone();
    assert_eq!(parts.as_array().map(Vec::len), Some(2), "{parts:#}");
}

#[test]
fn emphasised_keys_are_read_as_keys() {
    let emphasised = [
        ("Goal:", "**Goal:**"),
        ("Expect:", "_Expect:_"),
        ("Good:", "**Good**:"),
        ("Bad:", "__Bad:__"),
        ("Section:", "*Section:*"),
    ]
    .iter()
    .fold(ROUTER.to_owned(), |text, (plain, marked)| {
        text.replace(plain, marked)
    });
    assert_eq!(read_as(&emphasised), read_as(ROUTER));
    let tight = emphasised.replace("lights.\n\n_Expect:_", "lights.\n_Expect:_");
    assert_eq!(read_as(&tight), read_as(ROUTER));
}

#[test]
fn lines_that_start_with_ordinary_words_are_text() {
    let noted = ROUTER
        .replace(
            "after a minute or two.\n",
            "after a minute or two.\nNote: it may blink first.\nGut\\: it says so in German.\n",
        )
        .replace(
            "Look at the internet light.",
            "Look at the internet light.\nTip: it is the one with a globe.",
        );
    let compiled = unstuck_core::compile(&noted);
    assert!(
        compiled.diagnostics.is_empty(),
        "{:?}",
        compiled.diagnostics
    );
    let model = read_as(&noted);
    assert_eq!(
        model["sections"][0]["expect"][0],
        "The internet light turns green\nafter a minute or two.\nNote: it may blink first.\n\
         Gut\\: it says so in German."
    );
}

#[test]
fn fields_right_under_text_are_read_as_fields() {
    let tight = ROUTER
        .replace("light.\n\nSection:", "light.\nSection:")
        .replace(
            "restarted the router.\n",
            "restarted the router.\nTime: 2 hours\n",
        );
    let mut expected = read_as(ROUTER);
    expected["outcomes"][1]["time"] = 120.0.into();
    assert_eq!(read_as(&tight), expected);
}
