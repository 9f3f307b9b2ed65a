//! Guide files are untrusted input: what the checker accepts as text must
//! stay text in the model, so that no renderer can find a link in it that
//! the checker never saw.

use crate::support::{SMART_LOCK, guide};
use unstuck_core::{Code, compile};

/// The smart-lock guide with `from` replaced by `to`, once.
fn smart_lock_with(from: &str, to: &str) -> String {
    assert!(SMART_LOCK.contains(from), "the guide has {from:?}");
    SMART_LOCK.replacen(from, to, 1)
}

#[test]
fn an_escaped_bracket_keeps_its_backslash_in_every_kind_of_text() {
    let smuggled = r"\[click](javascript:alert(1))";
    let text = smart_lock_with(
        "- Use the physical key that came with the lock. It bypasses the electronics.",
        &format!("- {smuggled}"),
    )
    .replacen(
        "## Check battery {#check-battery .section}",
        &format!("## {smuggled} {{#check-battery .section}}"),
        1,
    )
    .replacen(
        "- Fresh batteries (AA or AAA—check your model)",
        r"- \![t](https://tracker.example/p.png)",
        1,
    );
    let guide = guide(&text);
    let action = &guide.section("key-override").expect("section").actions[0];
    assert_eq!(action.markdown(), smuggled);
    let title = &guide.section("check-battery").expect("section").title;
    assert_eq!(title.markdown(), smuggled);
    let need = &guide.needs.as_ref().expect("needs").items[0];
    assert_eq!(need.markdown(), r"\![t](https://tracker.example/p.png)");
}

#[test]
fn a_link_to_a_script_or_a_file_is_refused() {
    for link in [
        "[click](javascript:alert(1))",
        "[click](JavaScript:alert(1))",
        "[click](&#106;avascript:alert(1))",
        "[click](data:text/html,x)",
        "[click](../../etc/passwd)",
        "<javascript:alert(1)>",
    ] {
        let text = smart_lock_with(
            "- Use the physical key that came with the lock. It bypasses the electronics.",
            &format!("- Use the key. {link}"),
        );
        let compiled = compile(&text);
        assert!(compiled.guide.is_none(), "{link} compiled");
        assert!(
            (compiled.diagnostics.iter()).any(|d| d.code == Code::UnknownTarget),
            "{link}: {:#?}",
            compiled.diagnostics
        );
    }
}
