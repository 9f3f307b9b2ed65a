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

/// The first link a state's page offers that leads outside the reachable
/// states, if any: answering, acknowledging a caution, or going back to any
/// earlier step. A static site has a file for each reachable state only.
pub(crate) fn link_outside_reachable(guide: &Guide) -> Option<String> {
    use unstuck_core::engine::{self, Position};
    let states = engine::reachable(guide, 100_000);
    let known: std::collections::HashSet<_> = states.iter().collect();
    for state in &states {
        let walk = engine::walk(guide, state);
        let mut targets: Vec<_> = (0..=walk.path.len())
            .map(|step| engine::rewind(guide, state, &walk, step))
            .collect();
        match walk.position {
            Position::Question {
                caution: Some(section),
                ..
            } => {
                let mut next = state.clone();
                next.acknowledge(section);
                targets.push(next);
            }
            Position::Question { question, .. } => {
                for answer in 0..guide.questions[question].answers.len() {
                    let mut next = state.clone();
                    next.set_answer(question, answer);
                    targets.push(next);
                }
            }
            Position::Outcome(_) => {}
        }
        if let Some(missing) = targets.iter().find(|t| !known.contains(t)) {
            return Some(format!("{state:?} links to {missing:?}"));
        }
    }
    None
}
