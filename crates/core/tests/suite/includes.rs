//! Shared files: a guide includes `##` blocks from another file, in place,
//! and problems inside a shared file are reported at its own lines.

use std::path::Path;
use unstuck_core::{Code, Combined, Compiled, Source, compile_with};

const FOLDER: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/includes");

/// Compiles a fixture, reading shared files relative to its folder.
fn compile_fixture(name: &str) -> (Compiled, Combined) {
    let text = std::fs::read_to_string(Path::new(FOLDER).join(name)).expect("a fixture");
    compile_with(&text, &mut |include| {
        std::fs::read_to_string(Path::new(FOLDER).join(include)).map_err(|e| e.to_string())
    })
}

fn rendered(name: &str, compiled: &Compiled, combined: &Combined) -> String {
    let source = Source::new(name, &combined.text).with_included(
        combined
            .included
            .iter()
            .map(|(path, start)| (*start, path.as_str())),
    );
    (compiled.diagnostics.iter())
        .map(|d| d.render(&source, false))
        .collect::<Vec<_>>()
        .join("\n\n")
}

#[test]
fn an_included_section_takes_the_place_of_its_include_heading() {
    let (compiled, combined) = compile_fixture("lock.md");
    assert!(
        compiled.diagnostics.is_empty(),
        "{}",
        rendered("lock.md", &compiled, &combined)
    );
    let guide = compiled.guide.expect("compiles");
    let sections: Vec<&str> = guide.sections.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(sections, ["check-power", "power-cycle"]);
    let shared = guide.section("power-cycle").expect("the shared section");
    assert_eq!(shared.actions.len(), 2);
    assert_eq!(
        shared.goal.as_ref().map(|g| g.plain()).as_deref(),
        Some("Clear a stuck state by restarting the device.")
    );
    assert_eq!(
        combined.included,
        [("_shared/power-cycle.md".to_owned(), combined.included[0].1)]
    );
}

#[test]
fn the_version_changes_when_a_shared_file_does() {
    let text = std::fs::read_to_string(Path::new(FOLDER).join("lock.md")).expect("fixture");
    let shared =
        std::fs::read_to_string(Path::new(FOLDER).join("_shared/power-cycle.md")).expect("fixture");
    let version = |shared: &str| {
        let (compiled, _) = compile_with(&text, &mut |_| Ok(shared.to_owned()));
        compiled.guide.expect("compiles").version
    };
    assert_ne!(
        version(&shared),
        version(&shared.replace("30 seconds", "a minute"))
    );
}

#[test]
fn problems_in_a_shared_file_are_reported_at_its_own_lines() {
    let (compiled, combined) = compile_fixture("broken.md");
    let codes: Vec<Code> = compiled.diagnostics.iter().map(|d| d.code).collect();
    assert!(
        codes.contains(&Code::UnexpectedContent) && codes.contains(&Code::UnknownTarget),
        "{codes:?}"
    );
    insta::assert_snapshot!(rendered("broken.md", &compiled, &combined));
}

#[test]
fn a_guide_compiled_without_its_folder_says_it_cannot_read_the_shared_file() {
    let text = std::fs::read_to_string(Path::new(FOLDER).join("lock.md")).expect("fixture");
    let compiled = unstuck_core::compile(&text);
    let missing = compiled
        .diagnostics
        .iter()
        .find(|d| d.code == Code::IncludeNotFound)
        .expect("an include-not-found diagnostic");
    assert!(
        missing.message.contains("`_shared/power-cycle.md`"),
        "{}",
        missing.message
    );
    assert!(compiled.guide.is_none());
}

#[test]
fn an_include_heading_without_a_link_says_it_names_no_file() {
    let text = std::fs::read_to_string(Path::new(FOLDER).join("lock.md")).expect("fixture");
    let text = text.replace(
        "## [Power-cycle the device](_shared/power-cycle.md) {.include}",
        "## Power-cycle the device {.include}",
    );
    let (compiled, _) = compile_with(&text, &mut |_| unreachable!("no file is named"));
    let missing = compiled
        .diagnostics
        .iter()
        .find(|d| d.message == "this include does not name a file")
        .expect("the missing link is reported");
    assert_eq!(missing.code, Code::MissingPart);
}
