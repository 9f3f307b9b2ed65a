//! `unstuck graph GUIDE --format mermaid|dot|svg`: the decision graph.

use crate::Outcome;
use crate::library;
use clap::ValueEnum;
use std::io::Write;
use std::path::PathBuf;

/// Print a guide's decision graph: questions, answers on the edges, outcomes.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// A guide file, or the id of a guide in the guides folder.
    guide: String,
    /// The graph language.
    #[arg(long, value_enum, default_value_t = Format::Mermaid)]
    format: Format,
    /// The folder guides are looked up in by id.
    #[arg(long, env = "UNSTUCK_GUIDES", default_value = library::DEFAULT_GUIDES)]
    guides: PathBuf,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Format {
    /// A Mermaid flowchart (renders on GitHub and in many editors).
    Mermaid,
    /// Graphviz DOT (`unstuck graph g --format dot | dot -Tsvg`).
    Dot,
    /// An SVG picture, laid out by Unstuck itself (no Graphviz needed).
    Svg,
}

pub(crate) fn run(args: Args) -> anyhow::Result<Outcome> {
    let guide = library::open(&args.guide, &args.guides)?;
    let text = match args.format {
        Format::Mermaid => unstuck_core::graph::mermaid(&guide),
        Format::Dot => unstuck_core::graph::dot(&guide),
        Format::Svg => unstuck_core::graph::svg(&guide),
    };
    std::io::stdout().lock().write_all(text.as_bytes())?;
    Ok(Outcome::Success)
}
