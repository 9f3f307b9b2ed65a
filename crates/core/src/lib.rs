//! The pure core of Unstuck: the guide format, the compiled model, the
//! checks and the engine. No I/O, no async, no web types: every adapter
//! (command line, web server, storage) builds on this crate.
//!
//! ```text
//! source text ──syntax──▶ draft ──check──▶ Guide ──engine──▶ Walk, Summary
//!                    └──────── Vec<Diagnostic> ────────┘
//! ```
//!
//! [`compile`] turns a guide's text into a [`Guide`] and [`Diagnostic`]s;
//! [`engine::walk`] finds where a [`engine::Session`] stands.

pub mod advise;
pub mod check;
pub mod diagnostic;
pub mod engine;
pub mod graph;
pub mod index;
pub mod link;
pub mod model;
pub mod source;
mod syntax;
pub mod translate;

pub use check::{
    Combined, Compiled, MAX_GUIDE_BYTES, compile, compile_bytes, compile_with, too_large,
};
pub use diagnostic::{Code, Diagnostic, Severity};
pub use index::Index;
pub use model::Guide;
pub use source::Source;

/// The JSON Schema of the exported guide model (`unstuck export`).
pub fn guide_schema() -> schemars::Schema {
    schemars::schema_for!(Guide)
}
