//! The engine: where a person stands in a guide, given their answers.
//!
//! A [`Session`] is the answers kept by question, an optional triage entry
//! and the cautions acknowledged. [`walk`] computes the position by
//! following the answers from the start (or the entry): answers on that
//! path count, the others are kept but ignored, so changing an answer back
//! restores the earlier path exactly. [`answer`] changes one answer and says
//! which questions left or joined the path. [`Summary`] is the support
//! summary built from the path; [`token`] is a compact encoding of a
//! session and [`query`] its URL form.

pub mod query;
mod report;
mod session;
mod summary;
pub mod token;
mod walk;

pub use report::{PathEntry, WalkReport};
pub use session::{Session, SessionError};
pub use summary::{Summary, SummaryAnswer, SummaryFact, SummaryLabels};
pub use walk::{Change, Position, Step, Walk, answer, reachable, walk};
