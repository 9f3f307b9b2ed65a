//! What the server reads from disk, given by its caller: the command line
//! reads guide and shared files only inside the guides folder, the same
//! way `unstuck check` does, and tests give files from memory.

use std::path::{Path, PathBuf};

/// The files around the open buffers.
pub trait Disk: Send {
    /// The text of the shared file that the guide at `guide` includes as
    /// `include` (a path relative to the guide's folder), or why it cannot
    /// be read: the same answer `unstuck check` gets.
    fn read_included(&self, guide: &Path, include: &str) -> Result<String, String>;

    /// The text of the guide file at `path`.
    fn read_guide(&self, path: &Path) -> Result<String, String>;

    /// What the file at `path` is: a guide, a shared part, or neither.
    fn role(&self, path: &Path) -> Role;

    /// The guide files (not shared parts) of the guides folder that holds
    /// `file`: where to look for the guides that include a shared file.
    fn guides_near(&self, file: &Path) -> Vec<PathBuf>;
}

/// What a Markdown file is to the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A guide of the guides folder.
    Guide,
    /// A shared part (a name starting with `_`), read through the guides
    /// that include it.
    Shared,
    /// Outside the guides folder: compiled as a guide only if it starts
    /// with front matter (so a README gets no diagnostics).
    Other,
}

/// `path` with `.` and `folder/..` taken out, without touching the disk.
pub fn normalise(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir if out.file_name().is_some() => {
                out.pop();
            }
            part => out.push(part),
        }
    }
    out
}
