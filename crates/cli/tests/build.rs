//! `unstuck build` as an author runs it: reproducible, incremental, quiet
//! when piped, and stopped by a broken guide.

use assert_cmd::Command;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn unstuck(dir: &Path) -> Command {
    let mut command = Command::cargo_bin("unstuck").expect("the binary");
    command.current_dir(dir).env("NO_COLOR", "1");
    command
}

/// A folder with a copy of the shipped guides in `guides/`.
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::create_dir(dir.path().join("guides")).expect("guides folder");
    for name in ["smart-lock.md", "garage-door.md"] {
        std::fs::copy(
            root().join("guides").join(name),
            dir.path().join("guides").join(name),
        )
        .expect("copy a guide");
    }
    dir
}

/// Builds `guides/` into `out` and returns stderr.
fn build(dir: &Path, out: &str) -> String {
    let output = unstuck(dir)
        .args(["build", "--out", out])
        .assert()
        .success()
        .get_output()
        .clone();
    String::from_utf8(output.stderr).expect("UTF-8")
}

/// Runs `unstuck ARGS…` in `dir` and returns stderr, failing unless it fails.
fn failing(dir: &Path, args: &[&str]) -> String {
    let output = unstuck(dir)
        .args(args)
        .assert()
        .failure()
        .get_output()
        .clone();
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Every file of a folder (but the build record), by relative path.
fn files(folder: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut found = BTreeMap::new();
    let mut folders = vec![folder.to_owned()];
    while let Some(current) = folders.pop() {
        for entry in std::fs::read_dir(&current).expect("list") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                folders.push(path);
            } else if !path.ends_with(".unstuck-build.json") {
                let name = path.strip_prefix(folder).expect("inside");
                found.insert(
                    name.to_string_lossy().replace('\\', "/"),
                    std::fs::read(&path).expect("read"),
                );
            }
        }
    }
    found
}

#[test]
fn two_builds_of_the_same_guides_are_identical_byte_for_byte() {
    let dir = project();
    build(dir.path(), "one");
    build(dir.path(), "two");
    let (one, two) = (
        files(&dir.path().join("one")),
        files(&dir.path().join("two")),
    );
    assert!(one.contains_key("index.html") && one.contains_key("sw.js"));
    assert!(one.contains_key("guides/smart-lock.html"));
    assert_eq!(
        one.keys().collect::<Vec<_>>(),
        two.keys().collect::<Vec<_>>()
    );
    for (name, bytes) in &one {
        assert!(&two[name] == bytes, "{name} differs between builds");
    }
}

#[test]
fn only_changed_guides_are_rebuilt_and_files_of_removed_guides_go() {
    let dir = project();
    let out = dir.path().join("site");
    let first = build(dir.path(), "site");
    assert!(first.contains("2 rendered"), "{first}");
    // Something of the author's own in the output folder is left alone.
    std::fs::write(out.join("CNAME"), "guides.example").expect("write");
    let garage = out.join("guides/garage-door.html");
    let garage_date = std::fs::metadata(&garage)
        .and_then(|m| m.modified())
        .expect("date");

    let again = build(dir.path(), "site");
    assert!(
        again.contains("0 rendered") && again.contains("2 unchanged"),
        "{again}"
    );

    // Edit one guide: only it is rebuilt, and its pages show the edit.
    let guide = dir.path().join("guides/smart-lock.md");
    let text = std::fs::read_to_string(&guide).expect("read");
    let page = out.join("guides/smart-lock.html");
    let has = |anchor: &str| {
        let html = std::fs::read_to_string(&page).expect("the page");
        html.contains(&format!("id=\"{anchor}\""))
    };
    assert!(has("q_battery-fixed"));
    std::fs::write(
        &guide,
        text.replace(
            "Did replacing the battery fix it?",
            "Did fresh batteries fix it?",
        )
        .replace("battery-fixed", "batteries-fixed"),
    )
    .expect("write");
    let edited = build(dir.path(), "site");
    assert!(
        edited.contains("1 rendered") && edited.contains("1 unchanged"),
        "{edited}"
    );
    let pages = files(&out);
    assert!(
        pages
            .iter()
            .any(|(name, bytes)| name == "guides/smart-lock.html"
                && String::from_utf8_lossy(bytes).contains("Did fresh batteries fix it?"))
    );
    // The step of the renamed question goes; its new one is there.
    assert!(!has("q_battery-fixed") && has("q_batteries-fixed"));
    let garage_after = std::fs::metadata(&garage)
        .and_then(|m| m.modified())
        .expect("date");
    assert_eq!(
        garage_date, garage_after,
        "the unchanged guide was rewritten"
    );

    // Remove a guide: its page goes, the catalog forgets it.
    std::fs::remove_file(dir.path().join("guides/garage-door.md")).expect("remove");
    build(dir.path(), "site");
    assert!(!garage.exists());
    let catalog = std::fs::read_to_string(out.join("index.html")).expect("catalog");
    assert!(!catalog.contains("garage-door") && catalog.contains("guides/smart-lock.html"));
    assert!(out.join("CNAME").is_file());

    // A deleted page is noticed and the guide rebuilt.
    std::fs::remove_file(&page).expect("remove");
    let repaired = build(dir.path(), "site");
    assert!(repaired.contains("1 rendered"), "{repaired}");
    assert!(page.is_file());
}

#[test]
fn the_build_prints_one_line_and_no_progress_bar_when_not_on_a_terminal() {
    let dir = project();
    let stderr = build(dir.path(), "site");
    assert_eq!(stderr.lines().count(), 1, "{stderr:?}");
    assert!(stderr.starts_with("built 2 guides into `site`"), "{stderr}");
    assert!(
        !stderr.contains('\r') && !stderr.contains('\u{1b}'),
        "{stderr:?}"
    );
}

#[test]
fn a_broken_guide_stops_the_build_with_the_diagnostics_of_check() {
    let dir = project();
    std::fs::copy(
        root().join("crates/core/tests/fixtures/broken/unknown-target--answer.md"),
        dir.path().join("guides/broken.md"),
    )
    .expect("copy");
    let check = failing(dir.path(), &["check", "guides"]);
    let build = failing(dir.path(), &["build", "--out", "site"]);
    let diagnostic = check.split("\n\n").next().expect("a diagnostic");
    assert!(diagnostic.contains("guides/broken.md:"), "{check}");
    assert!(
        build.contains(diagnostic),
        "build said:\n{build}\ncheck said:\n{check}"
    );
    assert!(build.contains("have errors"), "{build}");
    assert!(!dir.path().join("site/index.html").exists());
}

#[test]
fn an_output_folder_that_holds_the_guides_is_refused() {
    let dir = project();
    let stderr = failing(dir.path(), &["build", "--out", "."]);
    assert!(
        stderr.contains("holds the guides; choose another with --out"),
        "{stderr}"
    );
}

#[test]
fn an_output_folder_that_is_a_file_is_refused_before_anything_is_written() {
    let dir = project();
    std::fs::write(dir.path().join("notes.txt"), "mine").expect("write");
    for out in ["notes.txt", "notes.txt/site"] {
        let stderr = failing(dir.path(), &["build", "--out", out]);
        assert!(
            stderr.contains("`notes.txt` is a file, not a folder: name a folder for the site"),
            "{stderr}"
        );
    }
    assert_eq!(
        std::fs::read_to_string(dir.path().join("notes.txt"))
            .ok()
            .as_deref(),
        Some("mine")
    );
}

#[test]
fn shared_files_are_included_not_built_and_their_edits_rebuild_their_guides() {
    let dir = project();
    let fixtures = root().join("crates/core/tests/fixtures/includes");
    std::fs::create_dir(dir.path().join("guides/_shared")).expect("folder");
    std::fs::copy(fixtures.join("lock.md"), dir.path().join("guides/hub.md")).expect("copy");
    let shared = dir.path().join("guides/_shared/power-cycle.md");
    std::fs::copy(fixtures.join("_shared/power-cycle.md"), &shared).expect("copy");
    let first = build(dir.path(), "site");
    assert!(first.starts_with("built 3 guides"), "{first}");
    let full = dir.path().join("site/guides/hub-offline.html");
    assert!(
        std::fs::read_to_string(&full)
            .expect("page")
            .contains("Wait 30 seconds")
    );

    let text = std::fs::read_to_string(&shared).expect("read");
    std::fs::write(&shared, text.replace("30 seconds", "a full minute")).expect("write");
    let second = build(dir.path(), "site");
    assert!(
        second.contains("1 rendered") && second.contains("2 unchanged"),
        "{second}"
    );
    assert!(
        std::fs::read_to_string(&full)
            .expect("page")
            .contains("Wait a full minute")
    );

    // A problem in the shared file is reported at the shared file's line.
    std::fs::write(&shared, text.replace("#verification", "#verify")).expect("write");
    let stderr = failing(dir.path(), &["check"]);
    assert!(
        stderr.contains("--> guides/_shared/power-cycle.md:9:"),
        "{stderr}"
    );
}

/// How many files are in `folder`, at any depth.
fn count_files(folder: &Path) -> usize {
    files(folder).len()
}

#[test]
fn the_shipped_guides_fit_a_static_hosts_file_budget() {
    let dir = project();
    build(dir.path(), "site");
    let out = dir.path().join("site");
    // A guide is one page, whatever its steps, models and paths: 1,000
    // guides fit a 20,000-file host.
    assert_eq!(
        files(&out.join("guides")).keys().collect::<Vec<_>>(),
        ["garage-door.html", "smart-lock.html"]
    );
    // Shared by every guide: the catalog, stylesheet, script, worker, manifest.
    assert_eq!(count_files(&out), 2 + 5);
}

#[test]
fn a_guide_whose_answers_all_lead_on_builds_one_page_with_a_step_per_question() {
    // Both answers of each of 70 questions lead on: 2^70 ways through.
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::create_dir(dir.path().join("guides")).expect("guides folder");
    let shape = unstuck_testkit::Shape::braid(70);
    std::fs::write(
        dir.path().join("guides/braid.md"),
        shape.guide("braid", "Every answer leads on"),
    )
    .expect("write");
    let stderr = build(dir.path(), "site");
    assert!(stderr.contains("1 rendered"), "{stderr}");
    let out = dir.path().join("site/guides");
    assert_eq!(count_files(&out), 1);
    let page = std::fs::read_to_string(out.join("braid.html")).expect("the page");
    assert_eq!(
        page.matches("<section class=\"step-page\"").count(),
        70 + 1 + 2
    );
    every_link_leads_to_a_file(&out);
}

/// Every link of the guides' pages in `folder` leads to a file of the
/// folder or to a part of the page.
fn every_link_leads_to_a_file(folder: &Path) {
    let pages = files(folder);
    for (name, bytes) in pages.iter().filter(|(n, _)| n.ends_with(".html")) {
        let page = String::from_utf8_lossy(bytes);
        for (_, link) in unstuck_testkit::hostile::addresses(&page) {
            let link = link.as_str();
            if let Some(anchor) = link.strip_prefix('#') {
                assert!(
                    page.contains(&format!("id=\"{anchor}\"")),
                    "{name} links to {link}, which is not there"
                );
            } else if link.ends_with(".html") && !link.contains('/') {
                assert!(
                    pages.contains_key(link),
                    "{name} links to {link}, which is not there"
                );
            }
        }
    }
}

#[test]
fn an_edited_build_record_never_deletes_outside_the_output_folder() {
    let dir = project();
    build(dir.path(), "site");
    let out = dir.path().join("site");
    // Files of the team's, beside the output folder and through a link in it.
    let precious = dir.path().join("precious.txt");
    std::fs::write(&precious, "keep me").expect("write");
    let elsewhere = dir.path().join("elsewhere");
    std::fs::create_dir(&elsewhere).expect("folder");
    std::fs::write(elsewhere.join("index.html"), "keep me too").expect("write");
    #[cfg(unix)]
    std::os::unix::fs::symlink(&elsewhere, out.join("guides/linked")).expect("a link");
    let absolute = precious.to_str().expect("UTF-8").to_owned();

    let record = out.join(".unstuck-build.json");
    let mut edited: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&record).expect("the record")).expect("JSON");
    let hostile = serde_json::json!({
        "version": "0",
        "files": ["../precious.txt", absolute, "guides/gone/../../../precious.txt"],
    });
    edited["guides"]["gone"] = hostile.clone();
    edited["guides"]["smart-lock"] = hostile;
    edited["guides"]["linked"] = serde_json::json!({
        "version": "0",
        "files": ["guides/linked/index.html"],
    });
    std::fs::write(&record, edited.to_string()).expect("write");

    let stderr = build(dir.path(), "site");
    assert!(
        stderr.contains("ignored the build record") && stderr.contains("precious.txt"),
        "one warning names what the record wrongly lists:\n{stderr}"
    );
    assert!(
        stderr.contains("2 rendered"),
        "everything is rebuilt: {stderr}"
    );
    assert!(
        precious.is_file(),
        "a file beside the output folder was deleted"
    );
    assert!(
        elsewhere.join("index.html").is_file(),
        "a file through a link in the output folder was deleted"
    );
    assert!(out.join("guides/smart-lock.html").is_file());

    // A record that is not JSON at all: one warning, and a full build.
    std::fs::write(&record, "{not json").expect("write");
    let stderr = build(dir.path(), "site");
    assert!(stderr.contains("ignored the build record"), "{stderr}");
    assert!(stderr.contains("2 rendered"), "{stderr}");
}

#[cfg(unix)]
#[test]
fn the_build_writes_through_no_link_out_of_the_output_folder() {
    let dir = project();
    let out = dir.path().join("site");
    let elsewhere = dir.path().join("elsewhere");
    std::fs::create_dir_all(&out).expect("folders");
    std::fs::create_dir(&elsewhere).expect("folder");
    std::fs::write(elsewhere.join("index.html"), "keep me").expect("write");
    std::os::unix::fs::symlink(&elsewhere, out.join("guides")).expect("a link");
    std::os::unix::fs::symlink(elsewhere.join("index.html"), out.join("index.html"))
        .expect("a link");
    let stderr = failing(dir.path(), &["build", "--out", "site"]);
    assert!(stderr.contains("guides` is a link"), "{stderr}");
    assert_eq!(
        std::fs::read_dir(&elsewhere).expect("list").count(),
        1,
        "nothing was written through the link"
    );
    assert_eq!(
        std::fs::read_to_string(elsewhere.join("index.html")).expect("read"),
        "keep me"
    );

    // Without the linked folder, the linked catalog stops the build.
    std::fs::remove_file(out.join("guides")).expect("remove the link");
    let stderr = failing(dir.path(), &["build", "--out", "site"]);
    assert!(stderr.contains("index.html` is a link"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(elsewhere.join("index.html")).expect("read"),
        "keep me"
    );
    assert_eq!(std::fs::read_dir(&elsewhere).expect("list").count(), 1);
}

#[test]
fn a_guide_that_includes_a_file_outside_the_guides_folder_is_not_published() {
    let dir = project();
    std::fs::write(
        dir.path().join("secret.env"),
        "ADMIN_TOKEN=admin-token-7f3a\n",
    )
    .expect("write");
    let guide = dir.path().join("guides/smart-lock.md");
    let text = std::fs::read_to_string(&guide).expect("read");
    std::fs::write(
        &guide,
        text.replacen("\n## ", "\n## [Leak](../secret.env) {.include}\n\n## ", 1),
    )
    .expect("write");
    let stderr = failing(dir.path(), &["build", "--out", "site"]);
    assert!(stderr.contains("outside the guides folder"), "{stderr}");
    assert!(!stderr.contains("admin-token-7f3a"), "{stderr}");
    assert!(!dir.path().join("site/index.html").exists());
}

#[test]
fn a_deep_guide_builds_the_same_bytes_twice_with_links_that_lead_somewhere() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::create_dir(dir.path().join("guides")).expect("guides folder");
    let shape = unstuck_testkit::Shape::chain(70);
    std::fs::write(
        dir.path().join("guides/deep.md"),
        shape.guide("deep", "A deep guide"),
    )
    .expect("write");
    unstuck(dir.path())
        .args(["check", "guides"])
        .assert()
        .success();
    build(dir.path(), "site");
    let out = dir.path().join("site");
    every_link_leads_to_a_file(&out.join("guides"));
    build(dir.path(), "again");
    assert_eq!(files(&out), files(&dir.path().join("again")));
}

#[test]
fn a_guide_id_too_long_for_a_file_name_is_refused_with_the_limit() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::create_dir(dir.path().join("guides")).expect("guides folder");
    let id = "very-long-".repeat(30);
    let id = id.trim_end_matches('-');
    std::fs::write(
        dir.path().join("guides/long.md"),
        unstuck_testkit::Shape::chain(2).guide(id, "A guide with a long id"),
    )
    .expect("write");
    let check = failing(dir.path(), &["check", "guides"]);
    assert!(check.contains("at most 100 characters"), "{check}");
    let build = failing(dir.path(), &["build", "--out", "site"]);
    assert!(build.contains("at most 100 characters"), "{build}");
    assert!(!build.contains("os error"), "{build}");
}

#[test]
fn build_server_makes_the_forms_post_there_and_a_bad_address_is_refused() {
    let dir = project();
    let page = |dir: &Path| {
        std::fs::read_to_string(dir.join("site/guides/smart-lock.html")).expect("the page")
    };
    unstuck(dir.path())
        .args([
            "build",
            "--out",
            "site",
            "--server",
            "https://guides.example.com/",
        ])
        .assert()
        .success();
    let served = page(dir.path());
    assert!(served.contains(r#"action="https://guides.example.com/guides/smart-lock/feedback""#));
    assert!(served.contains("form-action 'self' https://guides.example.com;"));
    // The same guides without a server: the pages are built again, with no form.
    build(dir.path(), "site");
    let plain = page(dir.path());
    assert!(!plain.contains("<form"));
    assert!(plain.contains("form-action 'none'"));
    for bad in [
        "guides.example.com",
        "https://guides.example.com/?lang=de",
        "https://guides.example.com/#top",
        "ftp://guides.example.com",
    ] {
        let message = failing(dir.path(), &["build", "--out", "site", "--server", bad]);
        assert!(message.contains("--server"), "{message}");
        assert!(
            message.contains("is not the address of an Unstuck server: give its http(s) address with no query or fragment"),
            "{message}"
        );
    }
    assert_eq!(page(dir.path()), plain, "a refused build writes nothing");
}
