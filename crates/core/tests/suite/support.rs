//! Helpers shared by the test modules.

use unstuck_core::{Guide, compile};

/// The smart-lock guide shipped in `guides/`.
pub(crate) const SMART_LOCK: &str = include_str!("../../../../guides/smart-lock.md");

/// Compiles a guide that must compile, showing the diagnostics otherwise.
pub(crate) fn guide(text: &str) -> Guide {
    let compiled = compile(text);
    let errors: Vec<_> = compiled
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .collect();
    assert!(errors.is_empty(), "unexpected errors: {errors:#?}");
    compiled.guide.expect("a guide without errors")
}

/// The smart-lock guide, compiled.
pub(crate) fn smart_lock() -> Guide {
    guide(SMART_LOCK)
}
