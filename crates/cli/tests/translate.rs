//! Translations as translators and authors use them: `translate extract`
//! → translate → change the guide → `translate update`, files that GNU
//! `msgfmt --check` accepts, `check`'s diagnostics and coverage (snapshot),
//! and `walk`/`run --lang`.

use assert_cmd::Command;
use std::path::{Path, PathBuf};
use unstuck_core::translate::Catalog;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A folder with `guides/` holding the named files of the repository
/// (paths relative to its root, each kept under its file name).
fn folder_with(files: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temp folder");
    std::fs::create_dir(dir.path().join("guides")).expect("mkdir");
    for file in files {
        let name = Path::new(file).file_name().expect("a file name");
        std::fs::copy(root().join(file), dir.path().join("guides").join(name)).expect("copy");
    }
    dir
}

/// `unstuck` run in `dir`.
fn unstuck(dir: &Path) -> Command {
    let mut command = Command::cargo_bin("unstuck").expect("the binary");
    command
        .current_dir(dir)
        .env_remove("UNSTUCK_GUIDES")
        .env("NO_COLOR", "1");
    command
}

/// The command's stdout, failing unless it exits 0.
fn stdout_of(command: &mut Command) -> String {
    let output = command.assert().success().get_output().clone();
    String::from_utf8(output.stdout).expect("UTF-8")
}

/// The command's stderr, failing unless it exits with `code`.
fn stderr_with_code(command: &mut Command, code: i32) -> String {
    let output = command.assert().code(code).get_output().clone();
    String::from_utf8(output.stderr).expect("UTF-8")
}

/// `unstuck walk smart-lock --lang LANG ANSWERS…` in `dir`: what it prints.
fn walk_in(dir: &Path, lang: &str, answers: &[&str]) -> String {
    stdout_of(
        unstuck(dir)
            .args(["walk", "smart-lock", "--lang", lang])
            .args(answers),
    )
}

/// The command's stderr, failing unless it exits 0.
fn stderr_of(command: &mut Command) -> String {
    let output = command.assert().success().get_output().clone();
    String::from_utf8(output.stderr).expect("UTF-8")
}

fn assert_contains(text: &str, needle: &str) {
    assert!(text.contains(needle), "expected {needle:?} in:\n{text}");
}

/// GNU `msgfmt --check` accepts the file; a PO file (not a template)
/// without a single warning. Skipped without gettext, unless `CI` is set.
fn msgfmt_accepts(path: &Path) {
    let Ok(output) = std::process::Command::new("msgfmt")
        .args(["--check", "-o", "/dev/null"])
        .arg(path)
        .output()
    else {
        assert!(
            std::env::var_os("CI").is_none(),
            "msgfmt (gettext) is not installed"
        );
        eprintln!("skipped: msgfmt (gettext) is not installed");
        return;
    };
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{}: {stderr}", path.display());
    if path.extension().is_some_and(|e| e == "po") {
        assert!(stderr.is_empty(), "{}: {stderr}", path.display());
    }
}

fn read_catalog(path: &Path) -> Catalog {
    let text = std::fs::read_to_string(path).expect("a PO file");
    Catalog::parse(&text).expect("a valid PO file")
}

#[test]
fn extract_translate_change_update_round_trip() {
    let dir = folder_with(&["guides/smart-lock.md"]);
    let guides = dir.path().join("guides");
    let pot = guides.join("po/smart-lock.pot");
    let po = guides.join("po/de/smart-lock.po");
    let wrote = stderr_of(unstuck(dir.path()).args(["translate", "extract"]));
    assert_contains(&wrote, "wrote guides/po/smart-lock.pot");
    msgfmt_accepts(&pot);
    stderr_of(unstuck(dir.path()).args(["translate", "update", "de"]));
    msgfmt_accepts(&po);
    let fresh = read_catalog(&po);
    assert_eq!(fresh.header_field("Language"), Some("de"));
    assert_eq!(
        fresh.header_field("Plural-Forms"),
        Some("nplurals=2; plural=(n != 1);")
    );
    assert!(fresh.messages.iter().all(|m| m.translation.is_empty()));

    // The translator translates everything.
    let mut translated = fresh.clone();
    for message in &mut translated.messages {
        message.translation = format!("{} (de)", message.id);
    }
    std::fs::write(&po, translated.write()).expect("write");
    let checked = stderr_of(unstuck(dir.path()).arg("check"));
    assert_contains(&checked, "de: 100 % translated\nchecked 1 guide");
    assert_contains(
        &checked,
        "checked 1 guide and 1 translation: 0 errors, 0 warnings",
    );

    // The author changes a text, adds one and removes one.
    let guide = guides.join("smart-lock.md");
    let text = std::fs::read_to_string(&guide).expect("the guide");
    let changed = text
        .replace(
            "- The physical key works as a backup.",
            "- The physical key still works.\n- The door closes.",
        )
        .replace(
            "Misaligned strike plate or binding door can jam the bolt.",
            "A misaligned strike plate can jam the bolt.",
        );
    std::fs::write(&guide, changed).expect("write");
    // Before the update, `check` already sees the stale entries.
    let stale = stderr_of(unstuck(dir.path()).arg("check"));
    assert_contains(&stale, "warning[outdated-translation]");
    stderr_of(unstuck(dir.path()).args(["translate", "extract", "smart-lock"]));
    stderr_of(unstuck(dir.path()).args(["translate", "update", "de"]));
    msgfmt_accepts(&po);
    let merged = read_catalog(&po);
    let find = |context: &str| {
        (merged.messages.iter())
            .find(|m| m.context.as_deref() == Some(context) && !m.obsolete)
            .unwrap_or_else(|| panic!("no {context}"))
    };
    let help = find("#alignment-fixed/help");
    assert!(help.is_fuzzy());
    assert_eq!(
        help.previous.as_deref(),
        Some("Misaligned strike plate or binding door can jam the bolt.")
    );
    assert_eq!(
        help.translation,
        "Misaligned strike plate or binding door can jam the bolt. (de)"
    );
    let fourth = find("#verification/items/4");
    assert!(fourth.is_fuzzy(), "{fourth:?}");
    let new = find("#verification/items/5");
    assert!(new.translation.is_empty() && !new.is_fuzzy());
    let written = std::fs::read_to_string(&po).expect("the PO file");
    assert_contains(
        &written,
        "#| msgid \"Misaligned strike plate or binding door can jam the bolt.\"",
    );

    let checked = stderr_of(unstuck(dir.path()).arg("check"));
    assert_contains(&checked, "warning[fuzzy-translation]");
    assert_contains(&checked, "warning[missing-translation]");
    assert_contains(
        &checked,
        "smart-lock, de: 97 % translated, 2 fuzzy, 1 untranslated\n",
    );

    // The walk shows the translation, and the source text where it is fuzzy.
    let walk = walk_in(dir.path(), "de", &["keypad-lights=yes", "bolt-stuck=yes"]);
    assert_contains(&walk, "Fix a smart lock that will not open (de)");
    assert_contains(&walk, "Did adjusting alignment fix it? (de)");
}

#[test]
fn an_obsolete_text_is_kept_and_a_removed_text_needs_no_translation() {
    let dir = folder_with(&["crates/core/tests/fixtures/translations/guide.md"]);
    let guides = dir.path().join("guides");
    std::fs::create_dir_all(guides.join("po/de")).expect("mkdir");
    std::fs::copy(
        root().join("crates/core/tests/fixtures/translations/good/kettle.po"),
        guides.join("po/de/kettle.po"),
    )
    .expect("copy");
    let guide = guides.join("guide.md");
    let text = std::fs::read_to_string(&guide).expect("the guide");
    std::fs::write(
        &guide,
        text.replace("Goal: Make sure the kettle gets power.\n\n", ""),
    )
    .expect("write");
    stderr_of(unstuck(dir.path()).args(["translate", "extract"]));
    stderr_of(unstuck(dir.path()).args(["translate", "update", "de"]));
    let po = guides.join("po/de/kettle.po");
    msgfmt_accepts(&po);
    let written = std::fs::read_to_string(&po).expect("the PO file");
    assert_contains(
        &written,
        "#~ msgctxt \"#check-power/goal\"\n#~ msgid \"Make sure the kettle gets power.\"\n#~ msgstr \"Stellen Sie sicher",
    );
    let checked = stderr_of(unstuck(dir.path()).arg("check"));
    assert_contains(
        &checked,
        "checked 1 guide and 1 translation: 0 errors, 0 warnings",
    );
}

#[test]
fn check_reports_a_translation_with_problems() {
    let dir = folder_with(&["crates/core/tests/fixtures/translations/guide.md"]);
    let guides = dir.path().join("guides");
    std::fs::create_dir_all(guides.join("po/de")).expect("mkdir");
    let good = std::fs::read_to_string(
        root().join("crates/core/tests/fixtures/translations/good/kettle.po"),
    )
    .expect("the fixture");
    let broken =
        good.replace(
            "Weiter mit [Überprüfung](#verification).",
            "Weiter mit [Überprüfung](#get-help).",
        )
        .replace("msgstr \"Mit Kabel\"", "msgstr \"\"")
        .replace("#: guide.md:28\n", "#: guide.md:28\n#, fuzzy\n")
        .replace(
            "msgstr \"Das Wasser kocht.\"",
            "msgstr \"Das Wasser <em>kocht</em>.\"",
        ) + "\nmsgctxt \"#descale/title\"\nmsgid \"Descale\"\nmsgstr \"Entkalken\"\n";
    std::fs::write(guides.join("po/de/kettle.po"), broken).expect("write");
    let stderr = stderr_with_code(unstuck(dir.path()).arg("check"), 1);
    insta::assert_snapshot!(stderr);
    // A server does not start with a broken translation, as with a broken guide.
    let stderr = stderr_with_code(
        unstuck(dir.path()).args(["serve", "--addr", "127.0.0.1:1", "--guides", "guides"]),
        1,
    );
    assert_contains(
        &stderr,
        "1 translation(s) have errors: guides/po/de/kettle.po",
    );
    // `--lang` refuses the broken translation; without it the guide works.
    unstuck(dir.path())
        .args(["walk", "kettle", "--lang", "de"])
        .assert()
        .failure();
    unstuck(dir.path())
        .args(["walk", "kettle"])
        .assert()
        .success();
    // JSON records name the PO file, line and column.
    let output = unstuck(dir.path())
        .args(["check", "--format", "json"])
        .assert()
        .code(1)
        .get_output()
        .clone();
    let records: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let link = (records.as_array().expect("an array").iter())
        .find(|r| r["code"] == "link-mismatch")
        .expect("the link mismatch");
    assert_eq!(link["file"], "guides/po/de/kettle.po");
    assert_eq!(link["start"]["line"], 67);
}

#[test]
fn check_names_a_translation_file_that_translates_no_guide() {
    let dir = folder_with(&["guides/smart-lock.md"]);
    stderr_of(unstuck(dir.path()).args(["translate", "extract"]));
    stderr_of(unstuck(dir.path()).args(["translate", "update", "de"]));
    let po = dir.path().join("guides/po/de");
    let fresh = stderr_of(unstuck(dir.path()).args(["check", "guides"]));
    assert_eq!(
        fresh.matches("warning[missing-translation]").count(),
        1,
        "a new language's empty texts make one warning: {fresh}"
    );
    assert_contains(
        &fresh,
        "131 texts are not translated yet (`smart-lock/title`,",
    );
    std::fs::rename(po.join("smart-lock.po"), po.join("smart-lok.po")).expect("rename");
    let checked = stderr_of(unstuck(dir.path()).args(["check", "guides"]));
    assert_contains(
        &checked,
        "warning[unused-translation]: `guides/po/de/smart-lok.po` translates no guide of this folder into `de`",
    );
    assert_contains(&checked, "checked 1 guide: 0 errors, 1 warning");
    // A file-level warning shows where, not an empty line of text.
    assert_contains(&checked, "--> guides/po/de/smart-lok.po\n = help:");
}

#[test]
fn check_names_a_language_folder_that_is_not_a_language_tag() {
    let dir = folder_with(&["guides/smart-lock.md"]);
    stderr_of(unstuck(dir.path()).args(["translate", "extract"]));
    stderr_of(unstuck(dir.path()).args(["translate", "update", "de"]));
    let po = dir.path().join("guides/po");
    std::fs::rename(po.join("de"), po.join("de_DE")).expect("rename");
    let checked = stderr_of(unstuck(dir.path()).args(["check", "guides"]));
    assert_contains(
        &checked,
        "warning[unused-translation]: `guides/po/de_DE` is not named by a language tag, so nothing in it is read",
    );
    assert_contains(&checked, "rename it `de-DE`");
    assert_contains(&checked, "checked 1 guide: 0 errors, 1 warning");
}

#[cfg(unix)]
#[test]
fn a_language_folder_linked_outside_the_guides_folder_is_not_read() {
    let dir = folder_with(&["guides/smart-lock.md"]);
    let outside = tempfile::tempdir().expect("a temp folder");
    std::fs::write(outside.path().join("smart-lock.po"), "secret\n").expect("write");
    std::fs::create_dir(dir.path().join("guides/po")).expect("mkdir");
    std::os::unix::fs::symlink(outside.path(), dir.path().join("guides/po/de")).expect("link");
    let stderr = stderr_with_code(unstuck(dir.path()).arg("check"), 1);
    assert_contains(
        &stderr,
        "error[invalid-po]: cannot read `guides/po/de/smart-lock.po`: it is outside the guides folder",
    );
    assert!(!stderr.contains("secret"), "{stderr}");
}

#[test]
fn update_refuses_a_language_that_is_not_a_tag() {
    let dir = folder_with(&["guides/smart-lock.md"]);
    stderr_of(unstuck(dir.path()).args(["translate", "extract"]));
    let output = unstuck(dir.path())
        .args(["translate", "update", "../x"])
        .assert()
        .failure()
        .get_output()
        .clone();
    assert_contains(
        &String::from_utf8_lossy(&output.stderr),
        "is not a language tag",
    );
    assert!(!dir.path().join("guides/x.po").exists() && !dir.path().join("x").exists());
}

#[test]
fn the_bundled_guides_carry_their_translations() {
    // No `guides/` folder here: the guides and translations inside the binary.
    let dir = tempfile::tempdir().expect("a temp folder");
    let walk = walk_in(dir.path(), "ar", &["keypad-lights=no"]);
    assert_contains(&walk, "إصلاح قفل ذكي لا ينفتح");
    assert_contains(&walk, "هل حلّ استبدال البطاريات المشكلة؟");
    let exported = stdout_of(unstuck(dir.path()).args(["export", "smart-lock", "--lang", "de"]));
    let exported: serde_json::Value = serde_json::from_str(&exported).expect("JSON");
    assert_eq!(exported["lang"], "de");
    assert_eq!(exported["questions"][0]["id"], "keypad-lights");
    assert_eq!(exported["questions"][0]["answers"][0]["label"], "Ja");
    let run = unstuck(dir.path())
        .args(["run", "garage-door", "--lang", "de"])
        .write_stdin("quit\n")
        .assert()
        .get_output()
        .stdout
        .clone();
    assert_contains(
        &String::from_utf8(run).expect("UTF-8"),
        "Ein Garagentor reparieren, das nicht schließt",
    );
}

#[test]
fn run_speaks_the_translations_language_all_the_way_to_the_summary() {
    let dir = tempfile::tempdir().expect("a temp folder");
    let run = unstuck(dir.path())
        .args(["run", "smart-lock", "--lang", "de"])
        .write_stdin("2\n2\n2\n2\n")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let run = String::from_utf8(run).expect("UTF-8");
    for words in [
        "Geben Sie die Nummer oder die Worte einer Antwort ein",
        "Schritt 2: Hat der Batteriewechsel das Problem behoben?",
        "Bisher:",
        "Ziel: ",
        "*** Hilfe holen: ",
        "Zusammenfassung für den Support: Ein Smart Lock reparieren",
        "Ihre Antworten:",
    ] {
        assert_contains(&run, words);
    }
}

#[test]
fn extract_and_update_never_write_through_a_link() {
    let dir = folder_with(&["guides/smart-lock.md"]);
    let outside = tempfile::tempdir().expect("a temp folder");
    let victim = outside.path().join("victim.txt");
    std::fs::write(&victim, "precious\n").expect("write");
    std::fs::create_dir(dir.path().join("guides/po")).expect("mkdir");
    let po = dir.path().join("guides/po");
    std::os::unix::fs::symlink(&victim, po.join("smart-lock.pot")).expect("link");
    let stderr = stderr_with_code(unstuck(dir.path()).args(["translate", "extract"]), 1);
    assert_contains(&stderr, "smart-lock.pot");
    assert_eq!(
        std::fs::read_to_string(&victim).expect("read"),
        "precious\n"
    );

    // With a real template: a language folder, or a file, linked outside.
    std::fs::remove_file(po.join("smart-lock.pot")).expect("unlink");
    stderr_of(unstuck(dir.path()).args(["translate", "extract"]));
    std::os::unix::fs::symlink(outside.path(), po.join("es")).expect("link");
    std::fs::create_dir(po.join("fr")).expect("mkdir");
    std::os::unix::fs::symlink(
        outside.path().join("dangling.po"),
        po.join("fr/smart-lock.po"),
    )
    .expect("link");
    for lang in ["es", "fr"] {
        unstuck(dir.path())
            .args(["translate", "update", lang])
            .assert()
            .failure();
    }
    let written: Vec<_> = std::fs::read_dir(outside.path()).expect("list").collect();
    assert_eq!(written.len(), 1, "only the victim is outside: {written:?}");
}

#[test]
fn a_loop_of_links_under_po_ends_at_once() {
    let dir = folder_with(&["guides/smart-lock.md"]);
    stderr_of(unstuck(dir.path()).args(["translate", "extract"]));
    let de = dir.path().join("guides/po/de");
    std::fs::create_dir(&de).expect("mkdir");
    for name in ["a", "b", "c"] {
        std::os::unix::fs::symlink(".", de.join(name)).expect("link");
        std::os::unix::fs::symlink(".", dir.path().join("guides/po").join(name)).expect("link");
    }
    let timeout = std::time::Duration::from_secs(60);
    unstuck(dir.path())
        .arg("check")
        .timeout(timeout)
        .assert()
        .success();
    unstuck(dir.path())
        .args(["translate", "update", "de"])
        .timeout(timeout)
        .assert()
        .success();
}
