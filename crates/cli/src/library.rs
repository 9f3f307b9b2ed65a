//! Finding guide files, compiling them and reporting their diagnostics.

use anyhow::{Context, bail};
use std::collections::HashMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use unstuck_core::{
    Code, Compiled, Diagnostic, Guide, MAX_GUIDE_BYTES, Source, compile_bytes, too_large,
};

/// The folder guides are looked up in by id, unless `--guides` says otherwise.
pub(crate) const DEFAULT_GUIDES: &str = "guides";

mod bundled {
    include!(concat!(env!("OUT_DIR"), "/bundled.rs"));
}

/// The guides shipped inside the binary, compiled.
pub(crate) fn bundled() -> Vec<GuideFile> {
    bundled::BUNDLED
        .iter()
        .map(|(name, text)| GuideFile {
            path: PathBuf::from(format!("(bundled) {name}")),
            text: (*text).to_owned(),
            compiled: unstuck_core::compile(text),
        })
        .collect()
}

/// A guide file as read and compiled.
pub(crate) struct GuideFile {
    /// The path as the user would recognise it.
    pub(crate) path: PathBuf,
    /// The text, with any invalid UTF-8 replaced, for showing diagnostics.
    pub(crate) text: String,
    /// The compiled guide and its diagnostics.
    pub(crate) compiled: Compiled,
}

impl GuideFile {
    /// The path as text, for diagnostics.
    pub(crate) fn name(&self) -> String {
        self.path.display().to_string()
    }
}

/// Reads and compiles one file. Only I/O failures are errors; problems in
/// the guide are diagnostics.
pub(crate) fn load(path: &Path) -> anyhow::Result<GuideFile> {
    let metadata =
        std::fs::metadata(path).with_context(|| format!("cannot read `{}`", path.display()))?;
    if metadata.is_dir() {
        bail!(
            "`{}` is a folder; give a guide file, or use `unstuck check {}`",
            path.display(),
            path.display()
        );
    }
    if metadata.len() > MAX_GUIDE_BYTES as u64 {
        return Ok(GuideFile {
            path: path.to_owned(),
            text: String::new(),
            compiled: Compiled {
                guide: None,
                diagnostics: vec![too_large(metadata.len())],
            },
        });
    }
    let bytes = std::fs::read(path).with_context(|| format!("cannot read `{}`", path.display()))?;
    let compiled = compile_bytes(&bytes);
    Ok(GuideFile {
        path: path.to_owned(),
        text: String::from_utf8_lossy(&bytes).into_owned(),
        compiled,
    })
}

/// The guide files named by `paths`: files as given, folders searched for
/// `*.md` files (recursively, in name order).
pub(crate) fn expand(paths: &[PathBuf]) -> anyhow::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            let before = files.len();
            let mut folders = vec![path.clone()];
            while let Some(folder) = folders.pop() {
                let entries = std::fs::read_dir(&folder)
                    .with_context(|| format!("cannot list `{}`", folder.display()))?;
                for entry in entries {
                    let entry =
                        entry.with_context(|| format!("cannot list `{}`", folder.display()))?;
                    let path = entry.path();
                    if path.is_dir() {
                        folders.push(path);
                    } else if path.extension().is_some_and(|e| e == "md") {
                        files.push(path);
                    }
                }
            }
            files[before..].sort();
            if files.len() == before {
                bail!("`{}` holds no guides (no `.md` files)", path.display());
            }
        } else {
            files.push(path.clone());
        }
    }
    Ok(files)
}

/// Finds a guide by path, or by id in the guides folder.
pub(crate) fn find(reference: &str, guides: &Path) -> anyhow::Result<GuideFile> {
    let as_path = Path::new(reference);
    if as_path.exists() {
        return load(as_path);
    }
    let by_name = guides.join(format!("{reference}.md"));
    if by_name.is_file() {
        let file = load(&by_name)?;
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
        for path in expand(&[guides.to_owned()])? {
            let file = load(&path)?;
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

/// Every guide of a folder (or the bundled ones), compiled. Prints the
/// diagnostics; fails if any guide has errors, so a server never starts
/// with a broken guide.
pub(crate) fn load_all(folder: Option<&Path>) -> anyhow::Result<Vec<Guide>> {
    let loaded = load_folder(folder)?;
    if !loaded.broken.is_empty() {
        bail!(
            "{} guide(s) have errors: {}; fix them first (`unstuck check`)",
            loaded.broken.len(),
            loaded.broken.join(", ")
        );
    }
    Ok(loaded.guides)
}

/// The guides of a folder as compiled, with what is wrong with them.
pub(crate) struct Loaded {
    /// The guides that compiled.
    pub(crate) guides: Vec<Guide>,
    /// The files that did not.
    pub(crate) broken: Vec<String>,
    /// Every diagnostic, rendered as the terminal shows it (no colour).
    pub(crate) report: String,
}

/// Compiles every guide of a folder (or the bundled ones) and prints the
/// diagnostics; never fails on a broken guide, only on I/O.
pub(crate) fn load_folder(folder: Option<&Path>) -> anyhow::Result<Loaded> {
    let mut files = match folder {
        Some(folder) => crate::parallel::map(&expand(&[folder.to_owned()])?, |path| load(path))
            .into_iter()
            .collect::<anyhow::Result<Vec<_>>>()?,
        None => bundled(),
    };
    check_unique_ids(&mut files);
    let printer = Printer::stderr();
    let mut loaded = Loaded {
        guides: Vec::new(),
        broken: Vec::new(),
        report: String::new(),
    };
    for file in files {
        let name = file.name();
        for diagnostic in &file.compiled.diagnostics {
            printer.print(&file, diagnostic);
            loaded
                .report
                .push_str(&diagnostic.render(&Source::new(&name, &file.text), false));
            loaded.report.push_str("\n\n");
        }
        match file.compiled.guide {
            Some(guide) => loaded.guides.push(guide),
            None => loaded.broken.push(name),
        }
    }
    Ok(loaded)
}

/// Finds and compiles a guide; prints its diagnostics and fails if it has errors.
pub(crate) fn open(reference: &str, guides: &Path) -> anyhow::Result<Guide> {
    let file = find(reference, guides)?;
    let printer = Printer::stderr();
    for diagnostic in &file.compiled.diagnostics {
        printer.print(&file, diagnostic);
    }
    match file.compiled.guide {
        Some(guide) => Ok(guide),
        None => bail!(
            "`{}` has errors; fix them first (`unstuck check {}`)",
            file.name(),
            file.name()
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

    pub(crate) fn print(&self, file: &GuideFile, diagnostic: &Diagnostic) {
        let name = file.name();
        let source = Source::new(&name, &file.text);
        eprintln!("{}\n", diagnostic.render(&source, self.styled));
    }
}
