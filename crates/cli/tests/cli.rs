//! The `unstuck` binary as a user runs it: exit codes, output, bad input.

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `unstuck` run from the repository root, so `guides/` is found.
fn unstuck() -> Command {
    let mut command = Command::cargo_bin("unstuck").expect("the binary");
    command
        .current_dir(root())
        .env_remove("UNSTUCK_GUIDES")
        .env("NO_COLOR", "1");
    command
}

/// Runs the command and returns its stdout, failing unless it exits 0.
fn success(command: &mut Command) -> String {
    let output = command.assert().success().get_output().clone();
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

/// Runs the command and parses its stdout as JSON, failing unless it exits 0.
fn json(command: &mut Command) -> serde_json::Value {
    serde_json::from_str(&success(command)).expect("JSON on stdout")
}

/// Asserts that `text` contains `needle`, showing all of `text` otherwise.
fn assert_contains(text: &str, needle: &str) {
    assert!(text.contains(needle), "expected {needle:?} in:\n{text}");
}

fn fixture(name: &str) -> PathBuf {
    root().join("crates/core/tests/fixtures/broken").join(name)
}

#[test]
fn check_passes_on_the_shipped_guides() {
    unstuck()
        .args(["check", "guides/"])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "ar: 100 % translated\n\
             de: 100 % translated\n\
             checked 2 guides and 3 translations: 0 errors, 0 warnings",
        ));
    // With no path, `check` reads `guides/`.
    unstuck().arg("check").assert().success();
}

#[test]
fn check_reports_errors_compiler_style_and_exits_1() {
    let output = unstuck()
        .args([
            "check",
            "crates/core/tests/fixtures/broken/unknown-target--answer.md",
        ])
        .assert()
        .code(1)
        .get_output()
        .clone();
    let stderr = String::from_utf8(output.stderr).expect("utf-8");
    assert_contains(&stderr, "error[unknown-target]");
    assert_contains(&stderr, "unknown-target--answer.md:17:9");
    assert_contains(&stderr, "^^^^ unknown id");
    assert_contains(&stderr, "help: did you mean `fixed`?");
    assert_contains(&stderr, "checked 1 guide: 1 error, 0 warnings");
}

#[test]
fn check_prints_json_for_tools() {
    let output = unstuck()
        .args(["check", "--format", "json"])
        .arg(fixture("cycle.md"))
        .assert()
        .code(1)
        .get_output()
        .clone();
    let records: serde_json::Value =
        serde_json::from_slice(&output.stdout).expect("JSON on stdout");
    assert_eq!(records[0]["code"], "cycle");
    assert_eq!(records[0]["severity"], "error");
    assert_eq!(records[0]["start"]["line"], 24);
    assert_eq!(records[0]["start"]["column"], 9);
}

#[test]
fn warnings_pass_unless_denied() {
    let file = fixture("unused-section.md");
    unstuck().arg("check").arg(&file).assert().success();
    unstuck()
        .args(["check", "--deny-warnings"])
        .arg(&file)
        .assert()
        .code(1);
}

#[test]
fn two_guides_with_one_id_are_refused() {
    let folder = tempfile::tempdir().expect("a temp folder");
    let guide = std::fs::read_to_string(root().join("guides/smart-lock.md")).expect("the guide");
    std::fs::write(folder.path().join("a.md"), &guide).expect("write");
    std::fs::write(folder.path().join("b.md"), &guide).expect("write");
    unstuck()
        .arg("check")
        .arg(folder.path())
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "error[duplicate-guide]: the guide id `smart-lock` is also used by",
        ));
}

#[test]
fn check_without_a_guides_folder_says_where_to_run_it() {
    let folder = tempfile::tempdir().expect("a temp folder");
    unstuck()
        .arg("check")
        .current_dir(folder.path())
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "there is no `guides` folder here: run `unstuck check` where your guides are",
        ))
        .stderr(predicate::str::contains("checked").not());
}

#[test]
fn walk_reports_the_outcome_as_json() {
    let report = json(unstuck().args([
        "walk",
        "smart-lock",
        "keypad-lights=no",
        "battery-fixed=yes",
        "--json",
    ]));
    assert_eq!(report["outcome"], "unlocked");
    assert_eq!(report["next_question"], serde_json::Value::Null);
    assert_eq!(report["path"][1]["question"], "battery-fixed");
    assert_eq!(report["ignored"], serde_json::json!([]));
    assert!(report["summary"]["facts"].is_array());
}

#[test]
fn walk_accepts_a_guide_file_path_and_reports_ignored_answers() {
    let report = json(unstuck().args([
        "walk",
        "guides/smart-lock.md",
        "keypad-lights=yes",
        "battery-fixed=no",
        "--json",
    ]));
    assert_eq!(report["next_question"], "bolt-stuck");
    assert_eq!(report["ignored"][0]["question"], "battery-fixed");
}

#[test]
fn walk_text_shows_the_path_and_the_summary() {
    insta::assert_snapshot!(success(unstuck().args([
        "walk",
        "smart-lock",
        "keypad-lights=yes",
        "bolt-stuck=no",
        "repair-worked=no",
    ])));
}

#[test]
fn walk_refuses_unknown_questions_and_answers_with_exit_2() {
    unstuck()
        .args(["walk", "smart-lock", "keypad=no"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "`keypad` is not a question of this guide; questions: keypad-lights, battery-fixed,",
        ));
    unstuck()
        .args(["walk", "smart-lock", "keypad-lights=maybe"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("answers: yes, no"));
    unstuck()
        .args(["walk", "smart-lock", "keypad-lights"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("write QUESTION=ANSWER"));
}

#[test]
fn walk_can_start_at_a_triage_entry_and_acknowledge_a_caution() {
    let report = json(unstuck().args([
        "walk",
        "smart-lock",
        "--from",
        "repair-worked",
        "repair-worked=no",
        "--json",
    ]));
    assert_eq!(report["caution"], "factory-reset");
    let report = json(unstuck().args([
        "walk",
        "smart-lock",
        "--from",
        "repair-worked",
        "repair-worked=no",
        "--ack",
        "factory-reset",
        "--json",
    ]));
    assert_eq!(report["caution"], serde_json::Value::Null);
}

#[test]
fn run_walks_to_an_outcome_from_piped_answers() {
    insta::assert_snapshot!(success(
        unstuck()
            .args(["run", "smart-lock"])
            .write_stdin("no\n2\nno\nn\n")
    ));
}

#[test]
fn run_changes_an_earlier_answer_and_says_what_changed() {
    let stdout = success(
        unstuck()
            .args(["run", "smart-lock"])
            // No, no, no: at the alignment question. Change answer 1 to yes
            // (two answers fall off the path), then back to no (they return).
            .write_stdin("2\n2\n2\nchange 1\n1\nchange 1\n2\n2\n"),
    );
    assert_contains(
        &stdout,
        "No longer applies: \"Did replacing the battery fix it?\", \"Does the physical key work?\".",
    );
    assert_contains(
        &stdout,
        "Earlier answers apply again: \"Did replacing the battery fix it?\", \"Does the physical key work?\".",
    );
    assert_contains(&stdout, "*** Get help: Call a locksmith ***");
    // Re-asked, the first question is still step 1, as on the page.
    assert_eq!(
        stdout
            .matches("Step 1: Does the keypad light or does the app connect?")
            .count(),
        3,
        "asked first, then twice by `change 1`:\n{stdout}"
    );
}

#[test]
fn run_asks_to_acknowledge_a_caution_and_goes_back() {
    let stdout = success(
        unstuck()
            .args(["run", "smart-lock", "--from", "repair-worked"])
            .write_stdin("2\nyes\nback\n2\nok\n1\n"),
    );
    assert_contains(&stdout, "Caution: A factory reset erases every PIN code");
    // `yes` at the caution: shown again with what it takes, not "the numbers shown".
    assert!(!stdout.contains("numbers shown"), "{stdout}");
    assert_eq!(
        stdout
            .matches("Type `ok` to show this step, or `back`.")
            .count(),
        3,
        "{stdout}"
    );
    assert_contains(&stdout, "*** Fixed: Lock unlocked ***");
    assert_contains(&stdout, "The physical key works as a backup.");
}

#[test]
fn run_exits_1_when_input_ends_before_an_outcome() {
    unstuck()
        .args(["run", "smart-lock"])
        .write_stdin("2\n")
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "Input ended before the guide reached an outcome.",
        ));
}

#[test]
fn export_prints_the_model_and_its_schema() {
    let model = json(unstuck().args(["export", "smart-lock"]));
    assert_eq!(model["id"], "smart-lock");
    assert_eq!(model["questions"][0]["id"], "keypad-lights");
    let schema = json(unstuck().args(["export", "--schema"]));
    assert_eq!(schema["title"], "Guide");
}

fn advise_fixture() -> PathBuf {
    root().join("crates/core/tests/fixtures/advise/remote.md")
}

#[test]
fn advise_prints_the_expected_time_and_the_cheaper_order() {
    let text = success(unstuck().arg("advise").arg(advise_fixture()));
    assert_contains(
        &text,
        "from the start: 35.6 min on average today; 32.0 min with the proposed order",
    );
    assert_contains(
        &text,
        "proposed: reset-fixed → batteries-fixed — saves 3.6 min per session",
    );
    assert_contains(&text, "not yet sure");
    let advice = json(unstuck().arg("advise").arg(advise_fixture()).arg("--json"));
    assert_eq!(advice["expected_time"], 35.6);
    assert_eq!(advice["chains"][0]["proposed_order"][0], "reset-fixed");
    assert_eq!(advice["chains"][0]["steps"][1]["question"], "reset-fixed");
    assert_eq!(
        advice["chains"][0]["service_call_after"],
        serde_json::Value::Null
    );
    assert_eq!(advice["questions"][0]["answers"][0]["count"], 0);
    let schema = json(unstuck().args(["advise", "--schema", "x"]));
    assert_eq!(schema["title"], "Advice");
}

#[test]
fn advise_says_plainly_what_it_cannot_do() {
    // No time given anywhere: said, and counted as 0.
    let text = success(unstuck().args(["advise", "smart-lock"]).arg("--json"));
    let advice: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    assert_eq!(advice["sessions"], 0);
    assert_eq!(advice["untimed"].as_array().map(Vec::len), Some(7));
    let garage = success(unstuck().args(["advise", "garage-door"]));
    assert_contains(&garage, "no time given (counted as 0)");
    assert_contains(&garage, "today's order is already the cheapest on average");
    // A guide with no fix attempts: nothing to reorder, said plainly.
    let folder = tempfile::tempdir().expect("a temp folder");
    let plain = std::fs::read_to_string(advise_fixture())
        .expect("the fixture")
        .replace("- Yes (20%) → fixed", "- Yes (20%) → shop")
        .replace("- No → shop", "- No → fixed");
    std::fs::write(folder.path().join("plain.md"), plain).expect("written");
    let text = success(unstuck().arg("advise").arg(folder.path().join("plain.md")));
    assert_contains(&text, "no chain of fix attempts to reorder");
    // Broken shares: the guide's diagnostics, not advice.
    unstuck()
        .arg("advise")
        .arg(fixture("invalid-share.md"))
        .assert()
        .failure()
        .stderr(predicate::str::contains("error[invalid-share]"));
    // A guide without times: said, rather than a page of zeros.
    unstuck()
        .args(["advise", "smart-lock"])
        .env_remove("UNSTUCK_GUIDES")
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "note: no question of `smart-lock` has a time",
        ));
    // An empty database: a note, and the author's numbers.
    let folder = tempfile::tempdir().expect("a temp folder");
    let url = format!(
        "sqlite://{}?mode=rwc",
        folder.path().join("empty.db").display()
    );
    unstuck()
        .arg("advise")
        .arg(advise_fixture())
        .args(["--database", &url])
        .assert()
        .success()
        .stderr(predicate::str::contains("no recorded sessions of `remote`"))
        .stdout(predicate::str::contains("from the author's numbers alone"));
}

#[test]
fn advise_diff_applies_with_git_and_the_patched_guide_passes_check() {
    let original = std::fs::read_to_string(advise_fixture()).expect("the fixture");
    let implicit = original.replace("start = \"batteries-fixed\"\n", "");
    for text in [original.as_str(), implicit.as_str()] {
        let folder = tempfile::tempdir().expect("a temp folder");
        std::fs::write(folder.path().join("remote.md"), text).expect("written");
        let git = |args: &[&str]| {
            std::process::Command::new("git")
                .args(args)
                .current_dir(folder.path())
                .output()
                .expect("git runs")
        };
        assert!(git(&["init", "-q"]).status.success());
        let diff =
            success(
                unstuck()
                    .current_dir(folder.path())
                    .args(["advise", "remote.md", "--diff"]),
            );
        assert_contains(&diff, "--- a/remote.md\n+++ b/remote.md\n");
        assert_contains(&diff, "-- No → shop\n+- No → batteries-fixed\n");
        assert_eq!(
            diff.lines()
                .filter(|l| l.starts_with('-') && !l.starts_with("---"))
                .count(),
            if text == original { 3 } else { 2 }
        );
        std::fs::write(folder.path().join("p.diff"), &diff).expect("written");
        let applied = git(&["apply", "p.diff"]);
        assert!(
            applied.status.success(),
            "{}\n{diff}",
            String::from_utf8_lossy(&applied.stderr)
        );
        unstuck()
            .current_dir(folder.path())
            .args(["check", "remote.md"])
            .assert()
            .success();
        let advice =
            json(
                unstuck()
                    .current_dir(folder.path())
                    .args(["advise", "remote.md", "--json"]),
            );
        assert_eq!(advice["chains"][0]["order"][0], "reset-fixed");
    }
}

#[test]
fn graph_prints_mermaid_dot_and_svg() {
    insta::assert_snapshot!("mermaid", success(unstuck().args(["graph", "smart-lock"])));
    insta::assert_snapshot!(
        "dot",
        success(unstuck().args(["graph", "smart-lock", "--format", "dot"]))
    );
    let svg = success(unstuck().args(["graph", "smart-lock", "--format", "svg"]));
    assert!(
        svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""),
        "{svg}"
    );
    assert_contains(
        &svg,
        r#"role="img" aria-labelledby="graph-title graph-desc""#,
    );
    assert_contains(
        &svg,
        "<title id=\"graph-title\">Decision tree: Fix a smart lock that will not open</title>",
    );
    for text in [
        "Does the physical key work?",
        "✓ Lock unlocked",
        "! Call a locksmith",
        ">Yes<",
        ">No<",
    ] {
        assert_contains(&svg, text);
    }
    insta::assert_snapshot!("svg", svg);
}

#[test]
fn bad_files_give_clear_errors_not_panics() {
    let folder = tempfile::tempdir().expect("a temp folder");
    let path = |name: &str| folder.path().join(name);

    unstuck()
        .args(["check", "no-such-file.md"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("cannot read `no-such-file.md`"));
    unstuck()
        .args(["walk", "no-such-guide"])
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("no guide `no-such-guide`")
                .and(predicate::str::contains("smart-lock")),
        );

    std::fs::create_dir(path("empty-folder")).expect("mkdir");
    unstuck()
        .arg("check")
        .arg(path("empty-folder"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("holds no guides"));
    unstuck()
        .arg("walk")
        .arg(path("empty-folder"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("is a folder"));

    std::fs::write(path("latin1.md"), b"+++\nid = \"x\"\n+++\n\n# Caf\xe9\n").expect("write");
    unstuck()
        .arg("check")
        .arg(path("latin1.md"))
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("error[not-utf8]")
                .and(predicate::str::contains("latin1.md:5:6")),
        );

    std::fs::write(path("empty.md"), "").expect("write");
    unstuck()
        .arg("check")
        .arg(path("empty.md"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("error[empty-file]"));

    let big = std::fs::File::create(path("big.md")).expect("create");
    big.set_len(50 * 1024 * 1024).expect("a 50 MB file");
    unstuck()
        .arg("check")
        .arg(path("big.md"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "error[file-too-large]: this file is 52428800 bytes",
        ));
}

#[test]
fn a_100000_question_chain_checks_and_walks() {
    let folder = tempfile::tempdir().expect("a temp folder");
    let file = folder.path().join("chain.md");
    std::fs::write(&file, unstuck_testkit::Shape::chain(100_000).source()).expect("write");
    unstuck().arg("check").arg(&file).assert().success();
    let report = json(
        unstuck()
            .arg("walk")
            .arg(&file)
            .args(["q0=yes", "q1=no", "--json"]),
    );
    assert_eq!(report["outcome"], "o1");
}

/// A guides folder that includes `include` as a shared file, beside a
/// secret file outside it (`secret.env`, whose lines must never be shown).
fn guides_including(include: &str) -> (tempfile::TempDir, PathBuf) {
    let folder = tempfile::tempdir().expect("a temp folder");
    let guides = folder.path().join("guides");
    std::fs::create_dir_all(guides.join("_shared")).expect("folders");
    std::fs::write(folder.path().join("secret.env"), SECRET).expect("write");
    let lock = std::fs::read_to_string(root().join("crates/core/tests/fixtures/includes/lock.md"))
        .expect("the include fixture");
    std::fs::write(
        guides.join("lock.md"),
        lock.replace("_shared/power-cycle.md", include),
    )
    .expect("write");
    (folder, guides)
}

/// What an attacker would like a guide to show: every line is a secret.
const SECRET: &str = "ADMIN_TOKEN=admin-token-7f3a\n## DATABASE_PASSWORD=hunter2 {#db .question}\n";

/// What `check guides` prints to stderr, failing unless it fails; bounded
/// in time (a file that never ends must not hang it).
fn failed_check(guides: &Path, command: &mut Command) -> String {
    let output = command
        .arg("check")
        .arg(guides)
        .timeout(std::time::Duration::from_secs(30))
        .assert()
        .failure()
        .get_output()
        .clone();
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Asserts that `check guides` fails, names the include as outside the
/// guides folder and shows no line of the secret file.
fn assert_refused_outside(guides: &Path, include: &str) {
    let stderr = failed_check(guides, &mut unstuck());
    assert_contains(&stderr, &format!("cannot read the shared file `{include}`"));
    assert_contains(&stderr, "outside the guides folder");
    for line in SECRET.lines() {
        assert!(
            !stderr.contains(line),
            "a line of the secret file is shown:\n{stderr}"
        );
    }
    assert!(
        !stderr.contains("hunter2") && !stderr.contains("admin-token-7f3a"),
        "{stderr}"
    );
}

#[test]
fn an_include_outside_the_guides_folder_is_refused_without_showing_the_file() {
    let (folder, guides) = guides_including("../secret.env");
    assert_refused_outside(&guides, "../secret.env");

    let absolute = folder.path().join("secret.env");
    let absolute = absolute.to_str().expect("UTF-8");
    let (_other, guides) = guides_including(absolute);
    assert_refused_outside(&guides, absolute);
}

#[cfg(unix)]
#[test]
fn an_include_through_a_link_out_of_the_guides_folder_is_refused() {
    let (_folder, guides) = guides_including("_shared/power-cycle.md");
    std::os::unix::fs::symlink("../../secret.env", guides.join("_shared/power-cycle.md"))
        .expect("a link");
    assert_refused_outside(&guides, "_shared/power-cycle.md");
}

#[cfg(target_os = "linux")]
#[test]
fn the_environment_and_devices_cannot_be_included() {
    let (_folder, guides) = guides_including("/proc/self/environ");
    let stderr = failed_check(
        &guides,
        unstuck().env("UNSTUCK_TEST_SECRET", "environment-secret-42"),
    );
    assert_contains(
        &stderr,
        "`/proc/self/environ`: it is outside the guides folder",
    );
    assert!(!stderr.contains("environment-secret-42"), "{stderr}");

    // A link to a device that never ends, and a FIFO that never opens, inside the folder.
    let (_folder, guides) = guides_including("_shared/zero.md");
    std::os::unix::fs::symlink("/dev/zero", guides.join("_shared/zero.md")).expect("a link");
    let fifo = guides.join("_shared/pipe.md");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo");
    assert!(made.success());
    let lock = std::fs::read_to_string(guides.join("lock.md")).expect("read");
    std::fs::write(
        guides.join("pipe.md"),
        lock.replace("_shared/zero.md", "_shared/pipe.md")
            .replace("hub-offline", "hub-pipe"),
    )
    .expect("write");
    let stderr = failed_check(&guides, &mut unstuck());
    assert_contains(
        &stderr,
        "`_shared/zero.md`: it is outside the guides folder",
    );
    assert_contains(&stderr, "`_shared/pipe.md`: it is not a regular file");
}

#[test]
fn an_include_from_a_subfolder_may_go_up_while_it_stays_in_the_guides_folder() {
    let (_folder, guides) = guides_including("../_shared/power-cycle.md");
    std::fs::create_dir(guides.join("hubs")).expect("a subfolder");
    std::fs::rename(guides.join("lock.md"), guides.join("hubs/lock.md")).expect("move");
    std::fs::copy(
        root().join("crates/core/tests/fixtures/includes/_shared/power-cycle.md"),
        guides.join("_shared/power-cycle.md"),
    )
    .expect("copy");
    unstuck()
        .arg("check")
        .arg(&guides)
        .assert()
        .success()
        .stderr(predicate::str::contains("checked 1 guide: 0 errors"));
    // The file on its own, inside `guides/`: that is its guides folder.
    let project = guides.parent().expect("the project folder");
    unstuck()
        .current_dir(project)
        .args(["check", "guides/hubs/lock.md"])
        .assert()
        .success();
    // Elsewhere, a file on its own reads only inside its own folder.
    unstuck()
        .current_dir(&guides)
        .args(["check", "hubs/lock.md"])
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "`../_shared/power-cycle.md`: it is outside the guides folder `hubs`",
        ));
}

/// Runs `unstuck ARGS` with `stream` (`"stdout"` or `"stderr"`) going to a
/// pipe that nobody reads: its reader is gone before the command writes.
fn with_closed(stream: &str, args: &[&str], folder: &Path) -> std::process::ExitStatus {
    use std::process::{Command, Stdio};
    let mut command = Command::new(env!("CARGO_BIN_EXE_unstuck"));
    command.args(args).current_dir(folder).env("NO_COLOR", "1");
    let (stdout, stderr) = match stream {
        "stdout" => (Stdio::piped(), Stdio::null()),
        _ => (Stdio::null(), Stdio::piped()),
    };
    let mut child = command.stdout(stdout).stderr(stderr).spawn().expect("runs");
    drop(child.stdout.take());
    drop(child.stderr.take());
    child.wait().expect("exits")
}

#[test]
fn a_closed_pipe_on_either_stream_ends_quietly_with_success() {
    // A guide big enough that its output overflows any pipe's buffer: 600
    // questions, each with warnings (no question names its section).
    let folder = tempfile::tempdir().expect("a temp folder");
    let guide = unstuck_testkit::Shape::chain(600).guide("chain", "A long chain");
    let guide: String = (guide.lines())
        .filter(|line| !line.starts_with("Section: "))
        .map(|line| format!("{line}\n"))
        .collect();
    std::fs::create_dir(folder.path().join("guides")).expect("a folder");
    std::fs::write(folder.path().join("guides/chain.md"), guide).expect("written");
    for (stream, args) in [
        ("stderr", &["check", "guides"][..]),
        ("stdout", &["check", "guides", "--format", "json"][..]),
        ("stdout", &["export", "chain"][..]),
        ("stdout", &["graph", "chain", "--format", "dot"][..]),
        ("stdout", &["graph", "chain", "--format", "svg"][..]),
    ] {
        let status = with_closed(stream, args, folder.path());
        assert!(status.success(), "{args:?} with {stream} closed: {status}");
    }
}

#[test]
fn serve_refuses_a_weak_admin_token_and_says_how_strong_it_must_be() {
    let output = unstuck()
        .args(["serve", "--addr", "127.0.0.1:1", "--admin-token", "hunter2"])
        .timeout(std::time::Duration::from_secs(30))
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_contains(
        &stderr,
        "the admin token (--admin-token or UNSTUCK_ADMIN_TOKEN) is too weak",
    );
    assert_contains(&stderr, "at least 32 random ones (about 128 bits)");
    assert_contains(&stderr, "openssl rand -hex 32");
    assert!(
        !stderr.contains("hunter2"),
        "the token is never shown: {stderr}"
    );
}

#[test]
fn protecting_the_metrics_needs_an_admin_token() {
    let output = unstuck()
        .args(["serve", "--addr", "127.0.0.1:1", "--protect-metrics"])
        .env_remove("UNSTUCK_ADMIN_TOKEN")
        .timeout(std::time::Duration::from_secs(30))
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1));
    assert_contains(
        &String::from_utf8_lossy(&output.stderr),
        "--protect-metrics needs an admin token",
    );
}

/// Runs `unstuck serve ARGS` with these variables, which must stop it
/// before it serves: its exit code and what it said.
fn serve_stops(args: &[&str], variables: &[(&str, &str)]) -> (Option<i32>, String) {
    let output = unstuck()
        .arg("serve")
        .args(args)
        .envs(variables.iter().copied())
        .timeout(std::time::Duration::from_secs(30))
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    (output.status.code(), stderr)
}

#[test]
fn serve_says_what_an_address_to_listen_on_looks_like() {
    for (addr, example) in [
        ("8080", "like 127.0.0.1:8080"),
        ("127.0.0.1", "like 127.0.0.1:8080"),
        ("example.com:443", "like 127.0.0.1:443"),
    ] {
        let (code, stderr) = serve_stops(&["--addr", addr], &[]);
        assert_eq!(code, Some(2), "{addr}: {stderr}");
        assert_contains(
            &stderr,
            &format!("`{addr}` is not an address to listen on: give IP:PORT, {example}"),
        );
        assert_contains(&stderr, "(this machine only) or 0.0.0.0:");
    }
    // The variable is read the same way.
    let (code, stderr) = serve_stops(&[], &[("UNSTUCK_ADDR", "8080")]);
    assert_eq!(code, Some(2), "{stderr}");
    assert_contains(&stderr, "`8080` is not an address to listen on");
}

#[test]
fn lists_of_hand_off_destinations_read_alike_in_the_flag_and_the_variable() {
    let secret = ["--handoff-secret", "0123456789abcdef0123456789abcdef"];
    let smtp = [
        "--smtp",
        "smtp://127.0.0.1:1?tls=none",
        "--handoff-email-from",
        "unstuck@example.com",
    ];
    // Spaces after the commas and an empty entry are no part of an entry.
    for (needs, flag, variable, list, refused) in [
        (
            &secret[..],
            "--handoff-webhook",
            "UNSTUCK_HANDOFF_WEBHOOK",
            "https://desk.example.com/a, ,nowhere",
            "`nowhere` is not a webhook URL",
        ),
        (
            &smtp[..],
            "--handoff-email",
            "UNSTUCK_HANDOFF_EMAIL",
            "help@example.com, ,nobody",
            "`nobody` is not an email address",
        ),
    ] {
        let bare = [&["--addr", "127.0.0.1:1"][..], needs].concat();
        let by_flag = [&bare[..], &[flag, list]].concat();
        for (flags, variables) in [(by_flag, vec![]), (bare, vec![(variable, list)])] {
            let (code, stderr) = serve_stops(&flags, &variables);
            assert_eq!(code, Some(1), "{flags:?} {variables:?}: {stderr}");
            assert_contains(&stderr, refused);
        }
    }
}

#[test]
fn a_variable_set_to_nothing_counts_as_unset() {
    let webhook = ["--handoff-webhook", "https://desk.example.com/a"];
    let email = ["--handoff-email", "help@example.com"];
    let needs_token = "--protect-metrics needs an admin token";
    for (variable, blank, flags, message) in [
        (
            "UNSTUCK_ADMIN_TOKEN",
            "",
            &["--protect-metrics"][..],
            needs_token,
        ),
        (
            "UNSTUCK_ADMIN_TOKEN",
            " \t",
            &["--protect-metrics"][..],
            needs_token,
        ),
        (
            "UNSTUCK_HANDOFF_SECRET",
            "",
            &webhook[..],
            "--handoff-webhook needs a secret to sign with",
        ),
        (
            "UNSTUCK_SMTP",
            "",
            &email[..],
            "--handoff-email needs a mail server",
        ),
    ] {
        let flags = [&["--addr", "127.0.0.1:1"][..], flags].concat();
        let (code, stderr) = serve_stops(&flags, &[(variable, blank)]);
        assert_eq!(code, Some(1), "{variable}={blank:?}: {stderr}");
        assert_contains(&stderr, message);
    }
    // A token that is there but weak still stops the start.
    let (code, stderr) = serve_stops(
        &["--addr", "127.0.0.1:1"],
        &[("UNSTUCK_ADMIN_TOKEN", "hunter2")],
    );
    assert_eq!(code, Some(1), "{stderr}");
    assert_contains(&stderr, "the admin token has 7 characters");
}
