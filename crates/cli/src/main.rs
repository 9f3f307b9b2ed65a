//! `unstuck`: check, walk, run, export, serve and build troubleshooting guides.
//!
//! One file per subcommand in `cmd/`; `environment.rs` reads a variable
//! set to nothing as unset; `library.rs` finds and compiles
//! guides, reading only inside their folder (`guides_folder.rs`);
//! `output_folder.rs` writes a built site only inside its folder;
//! `parallel.rs` spreads work over the cores; `terminal.rs` prints guide
//! parts as plain text. This binary is the only place that uses `anyhow`,
//! prints error chains and picks exit codes.

mod cmd;
mod environment;
mod guides_folder;
mod library;
mod output;
mod output_folder;
mod parallel;
mod terminal;
mod translations;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use std::process::ExitCode;

/// Interactive troubleshooting guides, from plain text files.
#[derive(Debug, Parser)]
#[command(name = "unstuck", version, about, long_about = None, max_term_width = 100)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check guides and report every problem, compiler-style.
    Check(cmd::check::Args),
    /// Print a guide's compiled model as JSON (or the model's JSON Schema).
    Export(cmd::export::Args),
    /// Walk a guide with the given answers and print where it leads.
    Walk(cmd::walk::Args),
    /// Walk a guide interactively in the terminal (works with piped input).
    Run(cmd::run::Args),
    /// Print a guide's decision graph as Mermaid or Graphviz DOT.
    Graph(cmd::graph::Args),
    /// Serve the guides on the web (pages work without JavaScript).
    Serve(Box<cmd::serve::Args>),
    /// Build a static site of the guides (any static host, or from disk).
    Build(cmd::build::Args),
    /// Print the figures: sessions, resolution, funnel, answers, helpfulness.
    Stats(cmd::stats::Args),
    /// Delete events, feedback and finished hand-offs older than a span (e.g. --older-than 90d).
    Prune(cmd::prune::Args),
    /// Serve guides to an editor (Language Server Protocol over stdio).
    Lsp(cmd::lsp::Args),
    /// How long a guide costs on average, and the cheaper order of its fix attempts.
    Advise(cmd::advise::Args),
    /// Translate guides: write the texts to translate, update a language's PO files.
    Translate(cmd::translate::Args),
}

/// How a command ended, beyond plain success.
#[derive(Debug)]
pub(crate) enum Outcome {
    /// Exit 0.
    Success,
    /// Exit with this code; the command already said why.
    Exit(u8),
}

fn main() -> ExitCode {
    let mut command = environment::blank_variables_unset(Cli::command());
    let parsed = command
        .try_get_matches_from_mut(std::env::args_os())
        .and_then(|matches| Cli::from_arg_matches(&matches).map_err(|e| e.format(&mut command)));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(error) => {
            // Help, version or a usage error; a closed stream is no reason to panic.
            let _ = error.print();
            return ExitCode::from(u8::try_from(error.exit_code()).unwrap_or(2));
        }
    };
    let result = match cli.command {
        Command::Check(args) => cmd::check::run(args),
        Command::Export(args) => cmd::export::run(args),
        Command::Walk(args) => cmd::walk::run(args),
        Command::Run(args) => cmd::run::run(args),
        Command::Graph(args) => cmd::graph::run(args),
        Command::Serve(args) => cmd::serve::run(*args),
        Command::Build(args) => cmd::build::run(args),
        Command::Stats(args) => cmd::stats::run(args),
        Command::Prune(args) => cmd::prune::run(args),
        Command::Lsp(args) => cmd::lsp::run(args),
        Command::Advise(args) => cmd::advise::run(args),
        Command::Translate(args) => cmd::translate::run(args),
    };
    match result {
        Ok(Outcome::Success) => ExitCode::SUCCESS,
        Ok(Outcome::Exit(code)) => ExitCode::from(code),
        Err(error) if is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            // Nothing more can be said if stderr is closed too.
            let _ = output::errln!("error: {error}");
            for cause in error.chain().skip(1) {
                let _ = output::errln!("  caused by: {cause}");
            }
            ExitCode::FAILURE
        }
    }
}

/// A closed stdout or stderr (`unstuck export x | head`) is not an error.
fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        let kind = match cause.downcast_ref::<serde_json::Error>() {
            Some(json) => json.io_error_kind(),
            None => cause
                .downcast_ref::<std::io::Error>()
                .map(std::io::Error::kind),
        };
        kind == Some(std::io::ErrorKind::BrokenPipe)
    })
}
