//! Writing and deleting the files of a built site inside its output folder,
//! and never outside it: every path is relative and made of plain names
//! (no `..`, no root), and no link is followed, neither a linked folder on
//! the way nor a linked file at the end.

use anyhow::{Context, bail};
use std::io::Read;
use std::path::{Component, Path, PathBuf};

/// The folder a site is built into.
#[derive(Debug, Clone)]
pub(crate) struct OutputFolder {
    root: PathBuf,
}

/// What is at a path inside the folder, links not followed.
enum Entry {
    /// Nothing.
    Missing,
    /// A regular file of this many bytes.
    File(u64),
    /// A real folder.
    Folder,
    /// A link, a device or anything else the build does not write.
    Other,
}

impl OutputFolder {
    /// The output folder `root` (which may itself be a link: the user chose it).
    pub(crate) fn new(root: &Path) -> Self {
        Self {
            root: root.to_owned(),
        }
    }

    /// The folder as the user named it.
    pub(crate) fn root(&self) -> &Path {
        &self.root
    }

    /// Writes `bytes` at `relative`, creating folders on the way. Refuses a
    /// path that is not plain, or that has a link on the way or at the end.
    pub(crate) fn write(&self, relative: &str, bytes: &[u8]) -> anyhow::Result<()> {
        let path = self.prepare(relative)?;
        std::fs::write(&path, bytes).with_context(|| format!("cannot write `{}`", path.display()))
    }

    /// [`OutputFolder::write`], unless the file already holds these bytes,
    /// so that it keeps its date (and caches) when nothing changed.
    pub(crate) fn write_if_changed(&self, relative: &str, bytes: &[u8]) -> anyhow::Result<()> {
        let path = self.prepare(relative)?;
        if matches!(entry(&path), Entry::File(len) if len == bytes.len() as u64)
            && std::fs::read(&path).is_ok_and(|old| old == bytes)
        {
            return Ok(());
        }
        std::fs::write(&path, bytes).with_context(|| format!("cannot write `{}`", path.display()))
    }

    /// Whether `relative` is a regular file of the folder (links not followed).
    pub(crate) fn is_file(&self, relative: &str) -> bool {
        self.existing(relative)
            .is_some_and(|path| matches!(entry(&path), Entry::File(_)))
    }

    /// The bytes of the regular file at `relative`, at most `limit` of them;
    /// `None` if there is none (a link is not followed).
    pub(crate) fn read(&self, relative: &str, limit: u64) -> anyhow::Result<Option<Vec<u8>>> {
        let Some(path) = self.existing(relative) else {
            return Ok(None);
        };
        match entry(&path) {
            Entry::Missing => return Ok(None),
            Entry::File(_) => {}
            Entry::Folder | Entry::Other => bail!("`{}` is not a regular file", path.display()),
        }
        let file = std::fs::File::open(&path)
            .with_context(|| format!("cannot read `{}`", path.display()))?;
        let mut bytes = Vec::new();
        file.take(limit + 1)
            .read_to_end(&mut bytes)
            .with_context(|| format!("cannot read `{}`", path.display()))?;
        if bytes.len() as u64 > limit {
            bail!("`{}` is larger than {limit} bytes", path.display());
        }
        Ok(Some(bytes))
    }

    /// Deletes the file (or the link itself) at `relative`. Does nothing if
    /// there is none, if the path is not plain, or if a link or anything
    /// but a real folder is on the way: then it is not the build's file.
    pub(crate) fn remove_file(&self, relative: &str) -> anyhow::Result<()> {
        let Some(path) = self.existing(relative) else {
            return Ok(());
        };
        if matches!(entry(&path), Entry::Missing | Entry::Folder) {
            return Ok(());
        }
        match std::fs::remove_file(&path) {
            Err(error) if error.kind() != std::io::ErrorKind::NotFound => {
                Err(error).with_context(|| format!("cannot delete `{}`", path.display()))
            }
            _ => Ok(()),
        }
    }

    /// The path of `relative`, if it is plain and every folder on the way
    /// is a real folder (no link).
    fn existing(&self, relative: &str) -> Option<PathBuf> {
        let names = plain_names(relative)?;
        let (last, folders) = names.split_last()?;
        let mut path = self.root.clone();
        for name in folders {
            path.push(name);
            if !matches!(entry(&path), Entry::Folder) {
                return None;
            }
        }
        Some(path.join(last))
    }

    /// The path of `relative`, ready to be written: folders on the way
    /// created, none of them and not the file a link.
    fn prepare(&self, relative: &str) -> anyhow::Result<PathBuf> {
        let Some(names) = plain_names(relative) else {
            bail!("`{relative}` is not a path inside the output folder");
        };
        let mut path = self.root.clone();
        for (index, name) in names.iter().enumerate() {
            path.push(name);
            let last = index + 1 == names.len();
            match entry(&path) {
                // Another guide's writer may be creating the same folder.
                Entry::Missing if !last => match std::fs::create_dir(&path) {
                    Err(error)
                        if error.kind() == std::io::ErrorKind::AlreadyExists
                            && matches!(entry(&path), Entry::Folder) => {}
                    created => {
                        created.with_context(|| format!("cannot create `{}`", path.display()))?
                    }
                },
                Entry::Folder if !last => {}
                Entry::Missing | Entry::File(_) if last => {}
                Entry::Other => bail!(
                    "`{}` is a link or a special file; the build writes only real files and \
                     folders inside its output folder, never through a link: remove it, or \
                     choose another --out",
                    path.display()
                ),
                _ => bail!(
                    "`{}` is in the way of a file of the site; move it, or choose another --out",
                    path.display()
                ),
            }
        }
        Ok(path)
    }
}

/// What is at `path`, links not followed.
fn entry(path: &Path) -> Entry {
    match std::fs::symlink_metadata(path) {
        Err(_) => Entry::Missing,
        Ok(metadata) if metadata.file_type().is_file() => Entry::File(metadata.len()),
        Ok(metadata) if metadata.file_type().is_dir() => Entry::Folder,
        Ok(_) => Entry::Other,
    }
}

/// The names of a relative `/`-separated path, if each is one plain name.
pub(crate) fn plain_names(relative: &str) -> Option<Vec<&str>> {
    let names: Vec<&str> = relative.split('/').collect();
    let plain = |name: &&str| {
        let mut components = Path::new(name).components();
        matches!(components.next(), Some(Component::Normal(n)) if n == *name)
            && components.next().is_none()
    };
    names.iter().all(plain).then_some(names)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_relative_paths_have_names() {
        assert_eq!(
            plain_names("guides/lock/index.html"),
            Some(vec!["guides", "lock", "index.html"])
        );
        for outside in [
            "",
            "/etc/passwd",
            "../x",
            "guides/../../x",
            "guides/./x",
            "guides//x",
            "guides/x/",
            ".",
            "..",
        ] {
            assert_eq!(plain_names(outside), None, "{outside:?}");
        }
    }
}
