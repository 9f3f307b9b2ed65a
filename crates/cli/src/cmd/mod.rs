//! One module per subcommand, each with its `Args` and `run`.

pub(crate) mod advise;
pub(crate) mod build;
pub(crate) mod check;
pub(crate) mod export;
pub(crate) mod graph;
pub(crate) mod lsp;
pub(crate) mod prune;
pub(crate) mod run;
pub(crate) mod serve;
pub(crate) mod stats;
pub(crate) mod translate;
pub(crate) mod walk;
