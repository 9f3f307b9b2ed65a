//! Finding guide files, compiling them and reporting their diagnostics.

use crate::guides_folder::{GuidesFolder, Unreadable};
use crate::translations::{self, PoFiles, TranslationFile};
use anyhow::{Context, bail};
use std::collections::HashMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use unstuck_core::{
    Code, Compiled, Diagnostic, Guide, Source, compile_bytes, compile_with, too_large,
};

/// The folder guides are looked up in by id, unless `--guides` says otherwise.
pub(crate) const DEFAULT_GUIDES: &str = "guides";

mod bundled {
    include!(concat!(env!("OUT_DIR"), "/bundled.rs"));
}

/// The guides shipped inside the binary, compiled (with the shared files
/// and translations shipped with them).
pub(crate) fn bundled() -> Vec<GuideFile> {
    let files = bundled::BUNDLED;
    let po_files = translations::Bundled { files };
    files
        .iter()
        .filter(|(name, _)| name.ends_with(".md") && !is_shared(Path::new(name)))
        .map(|(name, text)| {
            let folder = Path::new(name).parent().unwrap_or(Path::new(""));
            compiled(
                PathBuf::from(format!("(bundled) {name}")),
                text,
                (folder, &po_files),
                |include| {
                    let wanted = unstuck_lsp::normalise(&folder.join(include));
                    files
                        .iter()
                        .find(|(name, _)| unstuck_lsp::normalise(Path::new(name)) == wanted)
                        .map(|(_, text)| (*text).to_owned())
                        .ok_or_else(|| "no such file is bundled".to_owned())
                },
            )
        })
        .collect()
}

/// Whether a path is a shared part rather than a guide: a file or folder
/// whose name starts with `_` (`_shared/power-cycle.md`).
pub(crate) fn is_shared(path: &Path) -> bool {
    path.components()
        .any(|part| part.as_os_str().to_string_lossy().starts_with('_'))
}

/// Compiles a guide's text, reading the shared files it includes with `read`
/// (given the path as the guide wrote it), and its translations from
/// `po_files` (given the guide's folder relative to the guides folder).
fn compiled(
    path: PathBuf,
    text: &str,
    (relative_folder, po_files): (&Path, &dyn PoFiles),
    mut read: impl FnMut(&str) -> Result<String, String>,
) -> GuideFile {
    let folder = path.parent().map(Path::to_owned).unwrap_or_default();
    let (compiled, combined) = compile_with(text, &mut read);
    let translations = match &compiled.guide {
        Some(guide) => {
            let shared: Vec<String> = (combined.included.iter())
                .map(|(include, _)| translations::shared_path(relative_folder, include))
                .collect();
            translations::load(guide, &shared, po_files)
        }
        None => Vec::new(),
    };
    GuideFile {
        included: (combined.included.into_iter())
            .map(|(include, start)| (start, folder.join(include).display().to_string()))
            .collect(),
        path,
        text: combined.text,
        compiled,
        translations,
    }
}

/// A guide file as read and compiled.
pub(crate) struct GuideFile {
    /// The path as the user would recognise it.
    pub(crate) path: PathBuf,
    /// The text, with any invalid UTF-8 replaced, for showing diagnostics;
    /// followed by the shared files the guide includes.
    pub(crate) text: String,
    /// Where each included shared file starts in `text`, and its path.
    pub(crate) included: Vec<(usize, String)>,
    /// The compiled guide and its diagnostics.
    pub(crate) compiled: Compiled,
    /// Its translations (none when it has errors), in language order.
    pub(crate) translations: Vec<TranslationFile>,
}

impl GuideFile {
    /// The path as text, for diagnostics.
    pub(crate) fn name(&self) -> String {
        self.path.display().to_string()
    }

    /// The text for rendering diagnostics, reported under `name`.
    pub(crate) fn source<'a>(&'a self, name: &'a str) -> Source<'a> {
        Source::new(name, &self.text).with_included(
            self.included
                .iter()
                .map(|(start, path)| (*start, path.as_str())),
        )
    }
}

/// Reads and compiles one guide file of `folder`, and the shared files it
/// includes from that folder. Only unreadable files are errors; problems
/// in the guide are diagnostics.
pub(crate) fn load(path: &Path, folder: &GuidesFolder) -> anyhow::Result<GuideFile> {
    if path.is_dir() {
        bail!(
            "`{}` is a folder; give a guide file, or use `unstuck check {}`",
            path.display(),
            path.display()
        );
    }
    let bytes = match folder.read(path) {
        Ok(bytes) => bytes,
        Err(Unreadable::TooLarge(len)) => {
            return Ok(GuideFile {
                path: path.to_owned(),
                text: String::new(),
                included: Vec::new(),
                compiled: Compiled {
                    guide: None,
                    diagnostics: vec![too_large(len)],
                },
                translations: Vec::new(),
            });
        }
        Err(why) => bail!("cannot read `{}`: {why}", path.display()),
    };
    let Ok(text) = std::str::from_utf8(&bytes) else {
        return Ok(GuideFile {
            path: path.to_owned(),
            text: String::from_utf8_lossy(&bytes).into_owned(),
            included: Vec::new(),
            compiled: compile_bytes(&bytes),
            translations: Vec::new(),
        });
    };
    let own_folder = path.parent().map(Path::to_owned).unwrap_or_default();
    let relative_folder = folder
        .relative(path)
        .and_then(|inside| inside.parent().map(Path::to_owned))
        .unwrap_or_default();
    let po_files = translations::Disk { folder };
    Ok(compiled(
        path.to_owned(),
        text,
        (&relative_folder, &po_files),
        |include| read_text(folder, &own_folder.join(include)),
    ))
}

/// The text of a file inside `folder`, or why it cannot be read (as an
/// `include-not-found` diagnostic says it).
pub(crate) fn read_text(folder: &GuidesFolder, path: &Path) -> Result<String, String> {
    let bytes = folder.read(path).map_err(|why| why.to_string())?;
    String::from_utf8(bytes).map_err(|_| "it is not UTF-8 text".to_owned())
}

/// A guide file to load, and the folder it may read from.
pub(crate) struct GuidePath {
    /// The guide file.
    pub(crate) path: PathBuf,
    /// The only folder it may read from (see [`expand`]).
    pub(crate) folder: GuidesFolder,
}

impl GuidePath {
    /// Reads and compiles the guide (see [`load`]).
    pub(crate) fn load(&self) -> anyhow::Result<GuideFile> {
        load(&self.path, &self.folder)
    }
}

/// The guide files named by `paths`: files as given, folders searched for
/// `*.md` files (recursively, in name order). A folder is the guides folder
/// of the files found in it; for a file given on its own, see
/// [`GuidesFolder::of_file`] (with the default `guides` folder).
pub(crate) fn expand(paths: &[PathBuf]) -> anyhow::Result<Vec<GuidePath>> {
    let mut found = Vec::new();
    for path in paths {
        if path.is_dir() {
            let folder = GuidesFolder::new(path);
            let files = guide_files_in(path)?;
            if files.is_empty() {
                bail!("`{}` holds no guides (no `.md` files)", path.display());
            }
            found.extend(files.into_iter().map(|path| GuidePath {
                path,
                folder: folder.clone(),
            }));
        } else {
            found.push(GuidePath {
                path: path.clone(),
                folder: GuidesFolder::of_file(path, Path::new(DEFAULT_GUIDES)),
            });
        }
    }
    Ok(found)
}

/// The `*.md` files under `root` that are not shared parts, in name order,
/// looked for in real folders only (a linked folder is not entered).
pub(crate) fn guide_files_in(root: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    let mut folders = vec![root.to_owned()];
    while let Some(folder) = folders.pop() {
        let entries = std::fs::read_dir(&folder)
            .with_context(|| format!("cannot list `{}`", folder.display()))?;
        for entry in entries {
            let entry = entry.with_context(|| format!("cannot list `{}`", folder.display()))?;
            let path = entry.path();
            if is_shared(path.strip_prefix(&folder).unwrap_or(&path)) {
                continue; // A shared part, included by guides.
            } else if entry.file_type().is_ok_and(|kind| kind.is_dir()) {
                // Only real folders: a linked one may loop, or lead outside.
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "md") {
                files.push(path);
            }
        }
    }
    files.sort();
    Ok(files)
}

/// Finds a guide by path, or by id in the guides folder.
pub(crate) fn find(reference: &str, guides: &Path) -> anyhow::Result<GuideFile> {
    let as_path = Path::new(reference);
    if as_path.exists() {
        return load(as_path, &GuidesFolder::of_file(as_path, guides));
    }
    let by_name = guides.join(format!("{reference}.md"));
    if by_name.is_file() {
        let file = load(&by_name, &GuidesFolder::new(guides))?;
        if file
            .compiled
            .guide
            .as_ref()
            .is_none_or(|g| g.id.as_str() == reference)
        {
            return Ok(file);
        }
    }
    if guides.is_dir() {
        let mut ids = Vec::new();
        for found in expand(&[guides.to_owned()])? {
            let file = found.load()?;
            if let Some(guide) = &file.compiled.guide {
                if guide.id.as_str() == reference {
                    return Ok(file);
                }
                ids.push(guide.id.to_string());
            }
        }
        bail!(
            "no guide `{reference}`: not a file, and no guide in `{}` has that id; guides: {}",
            guides.display(),
            if ids.is_empty() {
                "none".to_owned()
            } else {
                ids.join(", ")
            }
        );
    }
    if let Some(file) = bundled().into_iter().find(|file| {
        file.compiled
            .guide
            .as_ref()
            .is_some_and(|g| g.id.as_str() == reference)
    }) {
        return Ok(file);
    }
    bail!(
        "no guide `{reference}`: not a file, no `{}` folder, and no bundled guide has that id",
        guides.display()
    )
}

/// A guide and its translations, ready to serve.
pub(crate) struct GuideSet {
    /// The guide in its source language.
    pub(crate) guide: Guide,
    /// Its translations as `(language, guide)`, in language order
    /// (`guides/po/LANG/ID.po`). Each has exactly the source's ids, targets
    /// and order, its `lang` set, and the source's text wherever a
    /// translation is missing or fuzzy.
    pub(crate) translations: Vec<(String, Guide)>,
}

impl GuideSet {
    /// The guide and its translations.
    pub(crate) fn editions(&self) -> impl Iterator<Item = &Guide> {
        std::iter::once(&self.guide).chain(self.translations.iter().map(|(_, guide)| guide))
    }

    /// The guide and its translations, as a server's library takes them.
    pub(crate) fn into_guides(self) -> impl Iterator<Item = Guide> {
        std::iter::once(self.guide).chain(self.translations.into_iter().map(|(_, guide)| guide))
    }
}

/// Every guide of a folder (or the bundled ones) with its translations,
/// compiled and checked. Prints the diagnostics; fails if any guide or
/// translation has errors, so a server never starts with a broken guide.
pub(crate) fn load_all_translated(folder: Option<&Path>) -> anyhow::Result<Vec<GuideSet>> {
    let loaded = load_folder(folder)?;
    if !loaded.broken.is_empty() {
        let (translations, guides): (Vec<&String>, Vec<&String>) =
            loaded.broken.iter().partition(|name| name.ends_with(".po"));
        let what = [(guides, "guide"), (translations, "translation")]
            .into_iter()
            .filter(|(names, _)| !names.is_empty())
            .map(|(names, kind)| {
                let names: Vec<&str> = names.iter().map(|n| n.as_str()).collect();
                format!(
                    "{} {kind}(s) have errors: {}",
                    names.len(),
                    names.join(", ")
                )
            })
            .collect::<Vec<_>>();
        bail!("{}; fix them first (`unstuck check`)", what.join("; "));
    }
    Ok((loaded.guides.into_iter().zip(loaded.translations))
        .map(|(guide, translations)| GuideSet {
            guide,
            translations,
        })
        .collect())
}

/// The guides of a folder as compiled, with what is wrong with them.
pub(crate) struct Loaded {
    /// The guides that compiled.
    pub(crate) guides: Vec<Guide>,
    /// The translations of each of `guides`, by the same index, as
    /// [`GuideSet::translations`] has them (translations with errors left out).
    pub(crate) translations: Vec<Vec<(String, Guide)>>,
    /// The files that did not.
    pub(crate) broken: Vec<String>,
    /// Every diagnostic, rendered as the terminal shows it (no colour).
    pub(crate) report: String,
}

impl Loaded {
    /// The guides that compiled and their translations, as a server's
    /// library takes them.
    pub(crate) fn into_guides(self) -> Vec<Guide> {
        (self.guides.into_iter().zip(self.translations))
            .flat_map(|(guide, translations)| {
                GuideSet {
                    guide,
                    translations,
                }
                .into_guides()
            })
            .collect()
    }
}

/// Compiles every guide of a folder (or the bundled ones) and prints the
/// diagnostics; never fails on a broken guide, only on I/O.
pub(crate) fn load_folder(folder: Option<&Path>) -> anyhow::Result<Loaded> {
    let mut files = match folder {
        Some(folder) => crate::parallel::map(&expand(&[folder.to_owned()])?, GuidePath::load)
            .into_iter()
            .collect::<anyhow::Result<Vec<_>>>()?,
        None => bundled(),
    };
    check_unique_ids(&mut files);
    let printer = Printer::stderr();
    let mut loaded = Loaded {
        guides: Vec::new(),
        translations: Vec::new(),
        broken: Vec::new(),
        report: String::new(),
    };
    for file in files {
        let name = file.name();
        let mut report = |source: &Source<'_>, diagnostic: &Diagnostic| {
            loaded.report.push_str(&diagnostic.render(source, false));
            loaded.report.push_str("\n\n");
            printer.print_in(source, diagnostic)
        };
        for diagnostic in &file.compiled.diagnostics {
            report(&file.source(&name), diagnostic)?;
        }
        let mut translations = Vec::new();
        for translation in &file.translations {
            for diagnostic in &translation.diagnostics {
                report(&translation.source(), diagnostic)?;
            }
            match translation.guide() {
                Some(guide) => translations.push((translation.lang.clone(), guide.clone())),
                None => loaded.broken.push(translation.name.clone()),
            }
        }
        match file.compiled.guide {
            Some(guide) => {
                loaded.guides.push(guide);
                loaded.translations.push(translations);
            }
            None => loaded.broken.push(name),
        }
    }
    Ok(loaded)
}

/// Finds and compiles a guide; prints its diagnostics and fails if it has errors.
pub(crate) fn open(reference: &str, guides: &Path) -> anyhow::Result<Guide> {
    open_in(reference, guides, None)
}

/// Finds and compiles a guide, in the language `lang` when given (its
/// translation `po/LANG/ID.po`); prints the diagnostics and fails if the
/// guide or the translation has errors, or there is no such translation.
pub(crate) fn open_in(reference: &str, guides: &Path, lang: Option<&str>) -> anyhow::Result<Guide> {
    let file = find(reference, guides)?;
    let printer = Printer::stderr();
    for diagnostic in &file.compiled.diagnostics {
        printer.print(&file, diagnostic)?;
    }
    let Some(guide) = file.compiled.guide else {
        bail!(
            "`{}` has errors; fix them first (`unstuck check {}`)",
            file.name(),
            file.name()
        );
    };
    let Some(lang) = lang.filter(|lang| *lang != guide.lang) else {
        return Ok(guide);
    };
    let Some(translation) = file.translations.iter().find(|t| t.lang == lang) else {
        let languages: Vec<&str> = file.translations.iter().map(|t| t.lang.as_str()).collect();
        bail!(
            "the guide `{}` has no `{lang}` translation (no `po/{lang}/{}.po`); it is written in `{}`{}",
            guide.id,
            guide.id,
            guide.lang,
            match languages.as_slice() {
                [] => String::new(),
                some => format!(" and translated into {}", some.join(", ")),
            }
        );
    };
    let source = translation.source();
    for diagnostic in &translation.diagnostics {
        if diagnostic.is_error() {
            printer.print_in(&source, diagnostic)?;
        }
    }
    match translation.guide() {
        Some(guide) => Ok(guide.clone()),
        None => bail!(
            "`{}` has errors; fix them first (`unstuck check`)",
            translation.name
        ),
    }
}

/// Adds a diagnostic to each guide whose id an earlier file already uses.
pub(crate) fn check_unique_ids(files: &mut [GuideFile]) {
    let mut seen: HashMap<String, PathBuf> = HashMap::new();
    for file in files {
        let Some(guide) = &file.compiled.guide else {
            continue;
        };
        let id = guide.id.clone();
        match seen.get(id.as_str()) {
            Some(first) => {
                file.compiled.diagnostics.push(
                    Diagnostic::error(
                        Code::DuplicateGuide,
                        id.span(),
                        format!("the guide id `{id}` is also used by `{}`", first.display()),
                    )
                    .with_label("same id as another guide")
                    .with_hint("each guide needs its own id: it is the guide's address"),
                );
                file.compiled.guide = None;
            }
            None => {
                seen.insert(id.to_string(), file.path.clone());
            }
        }
    }
}

/// Prints diagnostics to stderr, in colour when stderr is a terminal.
pub(crate) struct Printer {
    styled: bool,
}

impl Printer {
    pub(crate) fn stderr() -> Self {
        let styled = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
        Self { styled }
    }

    pub(crate) fn print(&self, file: &GuideFile, diagnostic: &Diagnostic) -> std::io::Result<()> {
        let name = file.name();
        self.print_in(&file.source(&name), diagnostic)
    }

    /// Prints a diagnostic of `source` (a guide's, or a translation's).
    pub(crate) fn print_in(
        &self,
        source: &Source<'_>,
        diagnostic: &Diagnostic,
    ) -> std::io::Result<()> {
        crate::output::errln!("{}\n", diagnostic.render(source, self.styled))
    }
}
