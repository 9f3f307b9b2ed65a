//! `unstuck lsp`: the language server for guides, over standard input and
//! output (see `docs/editors.md`). Files on disk are read the way `check`
//! reads them: only inside the guides folder.

use crate::Outcome;
use crate::guides_folder::GuidesFolder;
use crate::library;
use std::path::{Path, PathBuf};
use unstuck_lsp::Role;

/// Serve guides to an editor: diagnostics, go to definition, rename, completion.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The guides folder: shared files are read only inside it (a guide
    /// outside it reads only inside its own folder, as `check` does).
    #[arg(long, default_value = library::DEFAULT_GUIDES)]
    guides: PathBuf,
}

pub(crate) fn run(args: Args) -> anyhow::Result<Outcome> {
    // As editors name files: absolute, links followed where the folder exists.
    let guides = (args.guides.canonicalize()).or_else(|_| std::path::absolute(&args.guides))?;
    unstuck_lsp::serve_stdio(Box::new(Folder { guides }))?;
    Ok(Outcome::Success)
}

/// The guides folder, read as `unstuck check` reads it.
struct Folder {
    guides: PathBuf,
}

impl unstuck_lsp::Disk for Folder {
    fn read_included(&self, guide: &Path, include: &str) -> Result<String, String> {
        let folder = GuidesFolder::of_file(guide, &self.guides);
        let own_folder = guide.parent().unwrap_or(Path::new(""));
        library::read_text(&folder, &own_folder.join(include))
    }

    fn read_guide(&self, path: &Path) -> Result<String, String> {
        library::read_text(&GuidesFolder::of_file(path, &self.guides), path)
    }

    fn role(&self, path: &Path) -> Role {
        match path.strip_prefix(&self.guides) {
            Ok(inside) if library::is_shared(inside) => Role::Shared,
            Ok(_) => Role::Guide,
            Err(_) => Role::Other,
        }
    }

    fn guides_near(&self, file: &Path) -> Vec<PathBuf> {
        if !file.starts_with(&self.guides) {
            return Vec::new();
        }
        library::guide_files_in(&self.guides).unwrap_or_default()
    }
}
