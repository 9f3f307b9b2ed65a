//! Fuzzes the whole compiler on arbitrary bytes: it must never panic,
//! whatever the input, and a compiled guide must walk to a question or an
//! outcome. Run: `RUSTC_BOOTSTRAP=1 cargo fuzz run compile` in `fuzz/`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use unstuck_core::engine::{Position, Session, walk};

fuzz_target!(|bytes: &[u8]| {
    let compiled = unstuck_core::compile_bytes(bytes);
    if let Some(guide) = compiled.guide {
        match walk(&guide, &Session::new()).position {
            Position::Question { question, .. } => assert!(question < guide.questions.len()),
            Position::Outcome(outcome) => assert!(outcome < guide.outcomes.len()),
        }
    }
});
