//! Every broken-guide fixture produces its diagnostic, rendered as a
//! compiler would (snapshot), and every diagnostic code has a fixture.

use std::collections::BTreeSet;
use std::path::Path;
use unstuck_core::{Code, Source, compile, compile_bytes, compile_with};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/broken");

/// The code a fixture must produce: its file name up to `--`.
fn expected_code(path: &Path) -> String {
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .expect("a fixture name");
    stem.split("--").next().unwrap_or(stem).to_owned()
}

fn render_all(path: &Path) -> (Vec<Code>, String) {
    let bytes = std::fs::read(path).expect("a readable fixture");
    // Shared files are read next to the fixture, as `unstuck` does.
    let (compiled, text) = match std::str::from_utf8(&bytes) {
        Ok(text) => {
            let (compiled, combined) = compile_with(text, &mut |include| {
                std::fs::read_to_string(Path::new(FIXTURES).join(include))
                    .map_err(|e| e.kind().to_string())
            });
            (compiled, combined.text)
        }
        Err(_) => (
            compile_bytes(&bytes),
            String::from_utf8_lossy(&bytes).into_owned(),
        ),
    };
    let name = format!("{}", path.file_name().expect("a name").to_string_lossy());
    let source = Source::new(&name, &text);
    let rendered = compiled
        .diagnostics
        .iter()
        .map(|d| d.render(&source, false))
        .collect::<Vec<_>>()
        .join("\n\n");
    (
        compiled.diagnostics.iter().map(|d| d.code).collect(),
        rendered,
    )
}

#[test]
fn each_broken_fixture_reports_its_diagnostic() {
    insta::glob!(FIXTURES, "*.md", |path| {
        let (codes, rendered) = render_all(path);
        let expected = expected_code(path);
        assert!(
            codes.iter().any(|c| c.as_str() == expected),
            "{} should report `{expected}`, got {codes:?}:\n{rendered}",
            path.display()
        );
        insta::assert_snapshot!(rendered);
    });
}

#[test]
fn every_code_has_a_fixture_or_a_test() {
    let mut covered: BTreeSet<String> = std::fs::read_dir(FIXTURES)
        .expect("the fixtures folder")
        .map(|entry| expected_code(&entry.expect("an entry").path()))
        .collect();
    // Translations' fixtures are PO files (see `translate.rs`).
    let translations = Path::new(FIXTURES).join("../translations");
    covered.extend(
        std::fs::read_dir(translations)
            .expect("the translation fixtures")
            .map(|entry| entry.expect("an entry").path())
            .filter(|path| path.extension().is_some_and(|e| e == "po"))
            .map(|path| expected_code(&path)),
    );
    // Tested elsewhere: a too-large file below, a duplicate guide id and an
    // unused translation file in the CLI suite.
    covered.extend(["file-too-large", "duplicate-guide", "unused-translation"].map(String::from));
    let missing: Vec<&str> = Code::ALL
        .iter()
        .map(|c| c.as_str())
        .filter(|c| !covered.contains(*c))
        .collect();
    assert!(missing.is_empty(), "codes without a fixture: {missing:?}");
}

#[test]
fn code_names_match_their_json_form() {
    for code in Code::ALL {
        let json = serde_json::to_value(code).expect("a code serialises");
        assert_eq!(json, code.as_str());
    }
}

#[test]
fn too_large_a_file_is_refused_before_parsing() {
    let big = vec![b'a'; unstuck_core::MAX_GUIDE_BYTES + 1];
    let compiled = compile_bytes(&big);
    assert!(compiled.guide.is_none());
    let [diagnostic] = compiled.diagnostics.as_slice() else {
        panic!("one diagnostic expected, got {:?}", compiled.diagnostics)
    };
    assert_eq!(diagnostic.code, Code::FileTooLarge);
    insta::assert_snapshot!(diagnostic.render(&Source::new("huge.md", ""), false));
}

#[test]
fn the_shipped_guides_are_clean() {
    let folder = concat!(env!("CARGO_MANIFEST_DIR"), "/../../guides");
    for entry in std::fs::read_dir(folder).expect("the guides folder") {
        let path = entry.expect("an entry").path();
        if path.extension().is_none_or(|e| e != "md") {
            continue; // The translations (`po/`) are checked in `translate.rs`.
        }
        let text = std::fs::read_to_string(&path).expect("a readable guide");
        let compiled = compile(&text);
        assert!(
            compiled.diagnostics.is_empty(),
            "{} has diagnostics: {:#?}",
            path.display(),
            compiled.diagnostics
        );
    }
}

#[test]
fn a_diagnostic_gives_line_and_column_in_json() {
    let text = "+++\nid = \"x\"\n+++\n\n# T\n\nS.\n\n## Q {#q .question}\n\n- Yes → nowhere\n- No → end\n\n## End {#end .outcome .resolved}\n";
    let compiled = compile(text);
    let unknown = compiled
        .diagnostics
        .iter()
        .find(|d| d.code == Code::UnknownTarget)
        .expect("an unknown target");
    let record = serde_json::to_value(unknown.to_record(&Source::new("x.md", text))).expect("json");
    assert_eq!(record["start"]["line"], 11);
    assert_eq!(record["start"]["column"], 9);
    assert_eq!(record["code"], "unknown-target");
    assert_eq!(record["severity"], "error");
}
