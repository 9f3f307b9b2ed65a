//! Guides in other languages, as gettext PO files that every translator's
//! tool opens.
//!
//! Structure lives only in the source guide: a catalog supplies text for
//! its parts, each message keyed by a context that names the part and the
//! field (`#check-battery/goal`), never ids, targets or order.
//!
//! - [`templates`]: a compiled guide's texts as POT templates, one per
//!   source file (`guides/po/ID.pot`).
//! - [`Catalog`]: PO files read with positions and written as GNU gettext
//!   writes them.
//! - [`merge`] and [`start`]: a language's PO file brought up to date with
//!   its template, `msgmerge`'s way.
//! - [`translate`]: the guide in the catalog's language, with diagnostics
//!   (`unknown-message`, `link-mismatch`, `mark-mismatch`, …) and its
//!   [`Coverage`].
//!
//! `docs/translation.md` describes the workflow for translators.

mod apply;
mod checks;
mod extract;
mod header;
mod merge;
mod po;
mod texts;

pub use apply::{Coverage, Translated, translate};
pub use extract::{Template, templates};
pub use header::plural_forms;
pub use merge::{merge, start};
pub use po::{Catalog, Message};
