//! A guide's translations: `po/LANG/ID.po` in its guides folder, and
//! `po/LANG/<shared file>.po` for each shared file it includes (read only
//! inside the guides folder, or from the bundled files), checked and
//! applied by the core (`unstuck_core::translate`).

use std::path::{Path, PathBuf};
use unstuck_core::translate::{Catalog, Translated, translate};
use unstuck_core::{Diagnostic, Guide, Source};

/// The folder of templates and translations, inside the guides folder.
pub(crate) const PO_FOLDER: &str = "po";

/// One language's translation of a guide, as read and checked.
pub(crate) struct TranslationFile {
    /// The language, as its folder is named (`de`).
    pub(crate) lang: String,
    /// The guide's PO file, as the user would recognise its path.
    pub(crate) name: String,
    /// Its text, followed by the PO files of the guide's shared files.
    pub(crate) text: String,
    /// Where each shared file's PO file starts in `text`, and its path.
    pub(crate) included: Vec<(usize, String)>,
    /// Problems of the files: a broken file's, or the translation's.
    pub(crate) diagnostics: Vec<Diagnostic>,
    /// The translated guide, when every file could be read.
    pub(crate) translated: Option<Translated>,
}

impl TranslationFile {
    /// The text for rendering diagnostics.
    pub(crate) fn source(&self) -> Source<'_> {
        Source::new(&self.name, &self.text)
            .with_included((self.included.iter()).map(|(start, path)| (*start, path.as_str())))
    }

    /// The guide in this language, if it has no errors.
    pub(crate) fn guide(&self) -> Option<&Guide> {
        match &self.translated {
            Some(translated) if !self.diagnostics.iter().any(Diagnostic::is_error) => {
                Some(&translated.guide)
            }
            _ => None,
        }
    }
}

/// Where a guide's translations are read from.
pub(crate) trait PoFiles {
    /// The languages that have a folder under `po/`, in name order.
    fn languages(&self) -> Vec<String>;
    /// The text of the file at `path` (relative to the guides folder, e.g.
    /// `po/de/smart-lock.po`): `None` when there is none, an error when
    /// it cannot be read.
    fn read(&self, path: &str) -> Result<Option<String>, String>;
    /// How a path relative to the guides folder is shown to the user.
    fn shown(&self, path: &str) -> String;
}

/// Every translation of `guide`, whose shared files are `shared` (paths
/// relative to the guides folder, as included): one per language that
/// has the guide's own PO file.
pub(crate) fn load(guide: &Guide, shared: &[String], files: &dyn PoFiles) -> Vec<TranslationFile> {
    (files.languages().into_iter())
        .filter_map(|lang| load_language(guide, shared, files, lang))
        .collect()
}

fn load_language(
    guide: &Guide,
    shared: &[String],
    files: &dyn PoFiles,
    lang: String,
) -> Option<TranslationFile> {
    let own = format!("{PO_FOLDER}/{lang}/{}.po", guide.id);
    let mut file = TranslationFile {
        name: files.shown(&own),
        lang,
        text: String::new(),
        included: Vec::new(),
        diagnostics: Vec::new(),
        translated: None,
    };
    let mut catalog: Option<Catalog> = None;
    let paths = std::iter::once(own.clone()).chain(shared.iter().map(|path| {
        let stem = path.strip_suffix(".md").unwrap_or(path);
        format!("{PO_FOLDER}/{}/{stem}.po", file.lang)
    }));
    let mut broken = false;
    for (index, path) in paths.enumerate() {
        let text = match files.read(&path) {
            Ok(Some(text)) => text,
            Ok(None) if index == 0 => return None,
            Ok(None) => continue,
            Err(why) => {
                let at = file.text.len();
                if index > 0 {
                    file.included.push((at, files.shown(&path)));
                }
                file.diagnostics
                    .push(unreadable(at, &files.shown(&path), &why));
                broken = true;
                continue;
            }
        };
        let start = if index == 0 {
            0
        } else {
            file.text.push('\n');
            file.included.push((file.text.len(), files.shown(&path)));
            file.text.len()
        };
        file.text.push_str(&text);
        match Catalog::parse_at(&text, start) {
            Ok(read) => match &mut catalog {
                Some(catalog) => catalog.messages.extend(read.messages),
                None => catalog = Some(read),
            },
            Err(diagnostic) => {
                file.diagnostics.push(diagnostic);
                broken = true;
            }
        }
    }
    if !broken {
        let translated = translate(guide, &catalog.unwrap_or_default(), &file.lang);
        file.diagnostics
            .extend(translated.diagnostics.iter().cloned());
        file.translated = Some(translated);
    }
    Some(file)
}

/// A PO file that exists but cannot be read, as an `invalid-po` error.
fn unreadable(at: usize, name: &str, why: &str) -> Diagnostic {
    Diagnostic::error(
        unstuck_core::Code::InvalidPo,
        at..at,
        format!("cannot read `{name}`: {why}"),
    )
    .with_label("this file")
    .with_hint("translations are UTF-8 text files inside the guides folder")
}

/// The PO files of a guides folder on disk.
pub(crate) struct Disk<'a> {
    /// The guides folder.
    pub(crate) folder: &'a crate::guides_folder::GuidesFolder,
}

impl PoFiles for Disk<'_> {
    fn languages(&self) -> Vec<String> {
        let po = self.folder.path().join(PO_FOLDER);
        let mut languages: Vec<String> = std::fs::read_dir(po)
            .into_iter()
            .flatten()
            .filter_map(Result::ok)
            .filter(|entry| entry.path().is_dir())
            .filter_map(|entry| entry.file_name().into_string().ok())
            .filter(|name| unstuck_core::model::is_language_tag(name))
            .collect();
        languages.sort();
        languages
    }

    fn read(&self, path: &str) -> Result<Option<String>, String> {
        use crate::guides_folder::Unreadable;
        match self.folder.read(&self.folder.path().join(path)) {
            Ok(bytes) => String::from_utf8(bytes)
                .map(Some)
                .map_err(|_| "it is not UTF-8 text".to_owned()),
            Err(Unreadable::Missing) => Ok(None),
            Err(why) => Err(why.to_string()),
        }
    }

    fn shown(&self, path: &str) -> String {
        self.folder.path().join(path).display().to_string()
    }
}

/// The PO files bundled into the binary with the guides.
pub(crate) struct Bundled<'a> {
    /// The bundled files: (path in `guides/`, text).
    pub(crate) files: &'a [(&'a str, &'a str)],
}

impl PoFiles for Bundled<'_> {
    fn languages(&self) -> Vec<String> {
        let mut languages: Vec<String> = (self.files.iter())
            .filter_map(|(name, _)| name.strip_prefix(PO_FOLDER)?.strip_prefix('/'))
            .filter_map(|rest| Some(rest.split_once('/')?.0.to_owned()))
            .filter(|lang| unstuck_core::model::is_language_tag(lang))
            .collect();
        languages.sort();
        languages.dedup();
        languages
    }

    fn read(&self, path: &str) -> Result<Option<String>, String> {
        Ok((self.files.iter())
            .find(|(name, _)| *name == path)
            .map(|(_, text)| (*text).to_owned()))
    }

    fn shown(&self, path: &str) -> String {
        format!("(bundled) {path}")
    }
}

/// The path of a shared file relative to the guides folder, from the
/// folder of the guide that includes it (relative too) and the include.
pub(crate) fn shared_path(guide_folder: &Path, include: &str) -> String {
    unstuck_lsp::normalise(&guide_folder.join(include))
        .to_string_lossy()
        .replace('\\', "/")
}

/// The folders under `po/` that are not named by a language tag (`de_DE`,
/// as some tools name them): nothing in them is read, each gets an
/// `unused-translation` warning saying how to name it.
fn not_languages(folder: &crate::guides_folder::GuidesFolder) -> Vec<(String, Diagnostic)> {
    let po = folder.path().join(PO_FOLDER);
    let mut found: Vec<(String, Diagnostic)> = std::fs::read_dir(po)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_ok_and(|kind| kind.is_dir()))
        .filter_map(|entry| Some((entry.path(), entry.file_name().into_string().ok()?)))
        .filter(|(_, name)| !name.starts_with('.') && !unstuck_core::model::is_language_tag(name))
        .map(|(path, name)| {
            let tag = name.replace('_', "-");
            let rename = if unstuck_core::model::is_language_tag(&tag) {
                format!("rename it `{tag}`")
            } else {
                "rename it by its language's tag (`de`, `pt-BR`)".to_owned()
            };
            let shown = path.display().to_string();
            let diagnostic = Diagnostic::warning(
                unstuck_core::Code::UnusedTranslation,
                0..0,
                format!("`{shown}` is not named by a language tag, so nothing in it is read"),
            )
            .with_label("this folder")
            .with_hint(format!(
                "a language's folder is its tag, with `-` between parts: {rename}"
            ));
            (shown, diagnostic)
        })
        .collect();
    found.sort_by(|a, b| a.0.cmp(&b.0));
    found
}

/// The PO files under `po/LANG/` of a guides folder that no translation
/// of `files` read: each with an `unused-translation` warning. Only
/// meaningful when `files` are every guide of the folder, all compiled.
pub(crate) fn unused(
    folder: &crate::guides_folder::GuidesFolder,
    files: &[crate::library::GuideFile],
) -> Vec<(String, Diagnostic)> {
    let read: std::collections::HashSet<&str> = (files.iter().flat_map(|f| &f.translations))
        .flat_map(|t| {
            std::iter::once(t.name.as_str()).chain(t.included.iter().map(|(_, n)| n.as_str()))
        })
        .collect();
    let disk = Disk { folder };
    let mut unused = not_languages(folder);
    for lang in disk.languages() {
        // Links are not followed, the language folder's own included: a
        // loop of them would never end, and outside is not ours to list.
        let root = folder.path().join(PO_FOLDER).join(&lang);
        let is_folder = |path: &Path| std::fs::symlink_metadata(path).is_ok_and(|m| m.is_dir());
        let mut folders: Vec<PathBuf> = std::iter::once(root).filter(|r| is_folder(r)).collect();
        while let Some(current) = folders.pop() {
            let Ok(entries) = std::fs::read_dir(&current) else {
                continue;
            };
            for entry in entries.filter_map(Result::ok) {
                let (path, kind) = (entry.path(), entry.file_type().ok());
                let name = path.display().to_string();
                if kind.is_some_and(|kind| kind.is_dir()) {
                    folders.push(path);
                } else if kind.is_some_and(|kind| kind.is_file())
                    && path.extension().is_some_and(|e| e == "po")
                    && !read.contains(name.as_str())
                {
                    let diagnostic = Diagnostic::warning(
                        unstuck_core::Code::UnusedTranslation,
                        0..0,
                        format!("`{name}` translates no guide of this folder into `{lang}`"),
                    )
                    .with_label("this file")
                    .with_hint(
                        "a guide's translation is `po/LANG/ID.po`, named by the guide's id, and a \
                         shared file's `po/LANG/<its path>.po`, used with the translation of a \
                         guide that includes it; rename the file, or delete it",
                    );
                    unused.push((name, diagnostic));
                }
            }
        }
    }
    unused.sort_by(|a, b| a.0.cmp(&b.0));
    unused
}
