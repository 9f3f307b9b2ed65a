//! Reading the files of guides, which may come from anyone: only regular
//! files inside the guides folder (after following links), and never more
//! bytes than a guide may hold, whatever the file system says its size is.

use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};
use unstuck_core::MAX_GUIDE_BYTES;

/// The folder guides were found in: the only place their files, and the
/// shared files they include, are read from.
#[derive(Debug, Clone)]
pub(crate) struct GuidesFolder {
    /// The folder as the user named it, for messages.
    shown: PathBuf,
    /// The folder with every link followed; `None` if it does not exist,
    /// and then nothing is inside it.
    real: Option<PathBuf>,
}

/// Why a file of a guide was not read. Says which, never what the file holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Unreadable {
    /// Nothing is at that path.
    Missing,
    /// The path, once links are followed, leads out of the guides folder.
    Outside(PathBuf),
    /// A folder, device, pipe or socket.
    NotAFile,
    /// Over [`MAX_GUIDE_BYTES`]: at least this many bytes.
    TooLarge(u64),
    /// The file system refused (permissions, I/O).
    Failed(std::io::ErrorKind),
}

impl fmt::Display for Unreadable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Unreadable::Missing => f.write_str("there is no such file"),
            Unreadable::Outside(folder) => write!(
                f,
                "it is outside the guides folder `{}` (links followed); \
                 guides may only use files inside their folder",
                folder.display()
            ),
            Unreadable::NotAFile => {
                f.write_str("it is not a regular file (a folder, device or pipe)")
            }
            Unreadable::TooLarge(_) => write!(
                f,
                "it is larger than a guide may be ({} MiB)",
                MAX_GUIDE_BYTES / (1024 * 1024)
            ),
            Unreadable::Failed(kind) => write!(f, "it cannot be read ({kind})"),
        }
    }
}

impl GuidesFolder {
    /// The folder `folder`.
    pub(crate) fn new(folder: &Path) -> Self {
        Self {
            shown: folder.to_owned(),
            real: folder.canonicalize().ok(),
        }
    }

    /// The guides folder of a file given on its own: `guides` if the file
    /// is inside it (so that `../_shared/…` works from a subfolder), else
    /// the file's own folder.
    pub(crate) fn of_file(file: &Path, guides: &Path) -> Self {
        let guides = Self::new(guides);
        let inside = |root: &PathBuf| file.canonicalize().is_ok_and(|f| f.starts_with(root));
        if guides.real.as_ref().is_some_and(inside) {
            return guides;
        }
        match file.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => Self::new(parent),
            _ => Self::new(Path::new(".")),
        }
    }

    /// The folder as the user named it.
    pub(crate) fn path(&self) -> &Path {
        &self.shown
    }

    /// Where `path` stands inside this folder (links followed), if it does.
    pub(crate) fn relative(&self, path: &Path) -> Option<PathBuf> {
        let real = path.canonicalize().ok()?;
        Some(real.strip_prefix(self.real.as_ref()?).ok()?.to_owned())
    }

    /// The bytes of the file at `path`, if it is a regular file inside
    /// this folder (after following links) of at most [`MAX_GUIDE_BYTES`].
    pub(crate) fn read(&self, path: &Path) -> Result<Vec<u8>, Unreadable> {
        self.read_at_most(path, MAX_GUIDE_BYTES as u64)
    }

    fn read_at_most(&self, path: &Path, limit: u64) -> Result<Vec<u8>, Unreadable> {
        let real = path.canonicalize().map_err(failed)?;
        if !self
            .real
            .as_ref()
            .is_some_and(|root| real.starts_with(root))
        {
            return Err(Unreadable::Outside(self.shown.clone()));
        }
        // Checked before opening: opening a pipe waits for a writer.
        let metadata = std::fs::metadata(&real).map_err(failed)?;
        if !metadata.is_file() {
            return Err(Unreadable::NotAFile);
        }
        if metadata.len() > limit {
            return Err(Unreadable::TooLarge(metadata.len()));
        }
        let file = std::fs::File::open(&real).map_err(failed)?;
        if !file.metadata().map_err(failed)?.is_file() {
            return Err(Unreadable::NotAFile); // Swapped since it was looked at.
        }
        // Bounded even when the size said is wrong.
        let mut bytes = Vec::with_capacity(usize::try_from(metadata.len()).unwrap_or(0));
        file.take(limit + 1)
            .read_to_end(&mut bytes)
            .map_err(failed)?;
        if bytes.len() as u64 > limit {
            return Err(Unreadable::TooLarge(bytes.len() as u64));
        }
        Ok(bytes)
    }
}

fn failed(error: std::io::Error) -> Unreadable {
    match error.kind() {
        std::io::ErrorKind::NotFound => Unreadable::Missing,
        kind => Unreadable::Failed(kind),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_over_the_limit_is_refused() {
        let dir = tempfile::tempdir().expect("a temp folder");
        let path = dir.path().join("guide.md");
        std::fs::write(&path, "12345").expect("write");
        let folder = GuidesFolder::new(dir.path());
        assert_eq!(folder.read_at_most(&path, 5), Ok(b"12345".to_vec()));
        assert_eq!(folder.read_at_most(&path, 4), Err(Unreadable::TooLarge(5)));
    }

    #[test]
    fn folders_and_missing_files_and_a_missing_folder_say_so() {
        let dir = tempfile::tempdir().expect("a temp folder");
        std::fs::create_dir(dir.path().join("_shared")).expect("mkdir");
        let folder = GuidesFolder::new(dir.path());
        assert_eq!(
            folder.read(&dir.path().join("_shared")),
            Err(Unreadable::NotAFile)
        );
        assert_eq!(
            folder.read(&dir.path().join("nothing.md")),
            Err(Unreadable::Missing)
        );
        std::fs::write(dir.path().join("guide.md"), "x").expect("write");
        let gone = GuidesFolder::new(&dir.path().join("gone"));
        assert!(matches!(
            gone.read(&dir.path().join("guide.md")),
            Err(Unreadable::Outside(_))
        ));
    }
}
