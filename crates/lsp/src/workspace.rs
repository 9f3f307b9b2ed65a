//! The open buffers and the guides compiled from them: a buffer overrides
//! its file on disk, and a shared file is compiled through the guides that
//! include it.

use crate::analysis::Analysis;
use crate::disk::{Disk, Role};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Open buffers and compiled guides.
pub(crate) struct Workspace {
    disk: Box<dyn Disk>,
    /// The text of each open buffer, by path.
    pub(crate) open: HashMap<PathBuf, String>,
    /// Each compiled guide, by its path.
    analyses: HashMap<PathBuf, Analysis>,
}

impl Workspace {
    /// No buffers open yet.
    pub(crate) fn new(disk: Box<dyn Disk>) -> Self {
        Self {
            disk,
            open: HashMap::new(),
            analyses: HashMap::new(),
        }
    }

    /// Compiles again what the file at `path` is part of: the guide
    /// itself, or every guide that includes the shared file. Returns the
    /// files whose diagnostics may have changed.
    pub(crate) fn analyse(&mut self, path: &Path) -> Vec<PathBuf> {
        let front_matter = (self.open.get(path)).is_some_and(|t| {
            t.trim_start_matches('\u{feff}')
                .trim_start()
                .starts_with("+++")
        });
        let guides: Vec<PathBuf> = match self.disk.role(path) {
            Role::Shared => {
                let mut including: Vec<PathBuf> = (self.analyses.values())
                    .filter(|a| a.holds(path))
                    .map(|a| a.guide.clone())
                    .collect();
                if including.is_empty() {
                    including = self.disk.guides_near(path);
                }
                including
            }
            Role::Other if !front_matter => Vec::new(),
            Role::Guide | Role::Other => vec![path.to_owned()],
        };
        let mut touched = vec![path.to_owned()];
        for guide in guides {
            let text = match self.open.get(&guide) {
                Some(text) => text.clone(),
                None => match self.disk.read_guide(&guide) {
                    Ok(text) => text,
                    Err(_) => continue,
                },
            };
            let analysis = Analysis::new(&guide, &text, &self.open, self.disk.as_ref());
            // A guide on disk only matters for the shared files it includes.
            if !self.open.contains_key(&guide) && !analysis.holds(path) {
                continue;
            }
            touched.extend(analysis.files().map(|(p, _)| p.to_owned()));
            if let Some(old) = self.analyses.get(&guide) {
                touched.extend(old.files().map(|(p, _)| p.to_owned()));
            }
            self.analyses.insert(guide, analysis);
        }
        touched.sort();
        touched.dedup();
        touched
    }

    /// Forgets a closed buffer (and its guide, unless a shared file it
    /// includes is still open).
    pub(crate) fn close(&mut self, path: &Path) {
        self.open.remove(path);
        let open = &self.open;
        self.analyses
            .retain(|guide, a| open.contains_key(guide) || open.keys().any(|p| a.holds(p)));
    }

    /// The compiled guide that the file at `path` is part of.
    pub(crate) fn analysis(&self, path: &Path) -> Option<&Analysis> {
        self.analyses
            .get(path)
            .or_else(|| self.analyses.values().find(|a| a.holds(path)))
    }

    /// Every compiled guide that the file at `path` is part of.
    pub(crate) fn analyses_of(&self, path: &Path) -> Vec<&Analysis> {
        self.analyses.values().filter(|a| a.holds(path)).collect()
    }

    /// The text of the file at `path`: its buffer, or as compiled.
    pub(crate) fn text(&self, path: &Path) -> Option<String> {
        if let Some(text) = self.open.get(path) {
            return Some(text.clone());
        }
        let analysis = self.analysis(path)?;
        let text = analysis.files().find(|(p, _)| *p == path)?.1;
        Some(text.to_owned())
    }
}
