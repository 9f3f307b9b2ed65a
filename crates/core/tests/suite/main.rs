//! The core's integration tests: one binary, a module per feature.
//!
//! Snapshots live in `snapshots/` beside each module; after an intended
//! change, review and accept them with `cargo insta review` (or run with
//! `INSTA_UPDATE=always`). CI never writes snapshots.

mod advise;
mod authoring;
mod diagnostics;
mod engine;
mod format;
mod geometry;
mod graph;
mod hostile;
mod includes;
mod properties;
mod support;
mod translate;
