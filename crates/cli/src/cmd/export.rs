//! `unstuck export GUIDE`: the compiled model as JSON.

use crate::Outcome;
use crate::library;
use std::path::PathBuf;

/// Print a guide's compiled model as JSON, or the model's JSON Schema.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// A guide file, or the id of a guide in the guides folder.
    #[arg(required_unless_present = "schema")]
    guide: Option<String>,
    /// Print the JSON Schema of the model instead (`docs/guide.schema.json`).
    #[arg(long, conflicts_with = "guide")]
    schema: bool,
    /// The folder guides are looked up in by id.
    #[arg(long, env = "UNSTUCK_GUIDES", default_value = library::DEFAULT_GUIDES)]
    guides: PathBuf,
    /// Export the guide's translation into this language (`po/LANG/ID.po`).
    #[arg(long, value_name = "LANG", conflicts_with = "schema")]
    lang: Option<String>,
}

pub(crate) fn run(args: Args) -> anyhow::Result<Outcome> {
    let json = match args.guide {
        Some(reference) => serde_json::to_string_pretty(&library::open_in(
            &reference,
            &args.guides,
            args.lang.as_deref(),
        )?)?,
        None => serde_json::to_string_pretty(&unstuck_core::guide_schema())?,
    };
    use std::io::Write;
    writeln!(std::io::stdout().lock(), "{json}")?;
    Ok(Outcome::Success)
}
