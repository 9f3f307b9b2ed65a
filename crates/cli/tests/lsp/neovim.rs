//! A real editor's LSP client: Neovim (Debian's `neovim`, 0.7 or later)
//! headless opens a guide through `unstuck lsp`, sees a diagnostic, jumps
//! to a definition and renames an id (`neovim.lua` drives it).

use std::path::Path;
use std::process::Command;

#[test]
fn neovim_sees_a_diagnostic_jumps_to_a_definition_and_renames() {
    if Command::new("nvim").arg("--version").output().is_err() {
        assert!(
            std::env::var_os("CI").is_none(),
            "nvim is missing: scripts/test installs Debian's `neovim`"
        );
        eprintln!("skipped: nvim is not installed (apt-get install neovim)");
        return;
    }
    let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../guides/smart-lock.md");
    let text = std::fs::read_to_string(shipped).expect("the shipped guide");
    // One typo for a diagnostic.
    let text = text.replacen("- No → key-works", "- No → key-work", 1);
    let (_dir, guides) = super::folder(&[("smart-lock.md", &text)]);
    let guide = guides.join("smart-lock.md");
    let out = guides.join("result.txt");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/lsp/neovim.lua");
    let status = Command::new("nvim")
        .args(["--headless", "-u", "NONE", "-i", "NONE", "-n", "-c"])
        .arg(format!("luafile {}", script.display()))
        .env("UNSTUCK_BIN", env!("CARGO_BIN_EXE_unstuck"))
        .env("UNSTUCK_GUIDES", &guides)
        .env("UNSTUCK_GUIDE", &guide)
        .env("UNSTUCK_OUT", &out)
        .env("HOME", guides.parent().expect("the temp folder"))
        .status()
        .expect("nvim runs");
    assert!(status.success(), "{status}");
    let result = std::fs::read_to_string(&out).expect("the script wrote its result");
    let lines: Vec<&str> = result.lines().collect();
    let definition = text
        .lines()
        .position(|l| l.contains("{#check-battery .section}"))
        .expect("defined")
        + 1;
    let uses = text.matches("check-battery").count();
    let typo = text
        .lines()
        .position(|l| l.contains("→ key-work"))
        .expect("the typo")
        + 1;
    for expected in [
        "diagnostics=1".to_owned(),
        "code=unknown-target".to_owned(),
        format!("diagnostic_line={typo}"),
        format!("definition_line={definition}"),
        format!("renamed={uses}"),
        "left=0".to_owned(),
    ] {
        assert!(
            lines.contains(&expected.as_str()),
            "{expected} in\n{result}"
        );
    }
}
