//! `unstuck translate extract [GUIDE…]` and `unstuck translate update LANG`:
//! the templates of the guides' texts (`guides/po/ID.pot`) and each
//! language's PO files (`guides/po/LANG/ID.po`), kept up to date the way
//! `msgmerge` does. `docs/translation.md` has the workflow.

use crate::Outcome;
use crate::guides_folder::{GuidesFolder, Unreadable};
use crate::library::{self, GuideFile, Printer};
use crate::output::errln;
use crate::output_folder::OutputFolder;
use crate::translations::PO_FOLDER;
use anyhow::{Context, bail};
use std::path::{Path, PathBuf};
use unstuck_core::Source;
use unstuck_core::translate::{Catalog, merge, start, templates};

/// Translate guides: write the texts to translate, update a language's files.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    #[command(subcommand)]
    command: Command,
    /// The guides folder: templates and translations live in its `po/` folder.
    #[arg(long, global = true, env = "UNSTUCK_GUIDES", default_value = library::DEFAULT_GUIDES)]
    guides: PathBuf,
}

#[derive(Debug, clap::Subcommand)]
enum Command {
    /// Write each guide's texts to translate as `po/ID.pot` (a shared
    /// file's as `po/<its path>.pot`).
    Extract {
        /// Guide files or ids; every guide of the folder when none is given.
        #[arg(value_name = "GUIDE")]
        references: Vec<String>,
    },
    /// Merge the templates into `po/LANG/*.po`: changed texts turn fuzzy,
    /// new ones are added empty, removed ones are kept as obsolete.
    Update {
        /// The language, as a tag (`de`, `ar`, `pt-BR`).
        lang: String,
        /// Only these templates (a guide's id, or a shared file's path
        /// without `.md`); every template in `po/` when none is given.
        #[arg(value_name = "TEMPLATE")]
        only: Vec<String>,
    },
}

pub(crate) fn run(args: Args) -> anyhow::Result<Outcome> {
    let folder = GuidesFolder::new(&args.guides);
    match args.command {
        Command::Extract { references } => extract(&folder, &references),
        Command::Update { lang, only } => update(&folder, &lang, &only),
    }
}

fn extract(folder: &GuidesFolder, references: &[String]) -> anyhow::Result<Outcome> {
    let files = if references.is_empty() {
        (library::expand(&[folder.path().to_owned()])?.iter())
            .map(|found| found.load())
            .collect::<anyhow::Result<Vec<_>>>()?
    } else {
        (references.iter())
            .map(|reference| library::find(reference, folder.path()))
            .collect::<anyhow::Result<Vec<_>>>()?
    };
    let printer = Printer::stderr();
    let out = OutputFolder::new(folder.path());
    let mut broken = Vec::new();
    for file in &files {
        let Some(guide) = &file.compiled.guide else {
            for diagnostic in &file.compiled.diagnostics {
                printer.print(file, diagnostic)?;
            }
            broken.push(file.name());
            continue;
        };
        let names = relative_names(folder, file)?;
        let source = Source::new(&names[0], &file.text).with_included(
            (file.included.iter().zip(&names[1..]))
                .map(|((start, _), name)| (*start, name.as_str())),
        );
        for template in templates(guide, &source) {
            let stem = match template.file == names[0] {
                true => guide.id.to_string(),
                false => template.file.trim_end_matches(".md").to_owned(),
            };
            write(
                &out,
                &format!("{PO_FOLDER}/{stem}.pot"),
                &template.catalog.write(),
            )?;
        }
    }
    if !broken.is_empty() {
        bail!(
            "{} guide(s) have errors, so their texts were not extracted: {}",
            broken.len(),
            broken.join(", ")
        );
    }
    Ok(Outcome::Success)
}

/// The guide's file and each shared file's, relative to the guides folder,
/// as templates' references name them.
fn relative_names(folder: &GuidesFolder, file: &GuideFile) -> anyhow::Result<Vec<String>> {
    let relative = |path: &Path| {
        folder
            .relative(path)
            .map(|inside| inside.to_string_lossy().replace('\\', "/"))
            .with_context(|| {
                format!(
                    "`{}` is not inside the guides folder `{}`; give `--guides`",
                    path.display(),
                    folder.path().display()
                )
            })
    };
    std::iter::once(relative(&file.path))
        .chain(
            file.included
                .iter()
                .map(|(_, path)| relative(Path::new(path))),
        )
        .collect()
}

fn update(folder: &GuidesFolder, lang: &str, only: &[String]) -> anyhow::Result<Outcome> {
    if !unstuck_core::model::is_language_tag(lang) {
        bail!(
            "`{lang}` is not a language tag; write it as `de`, `ar` or `pt-BR` \
             (lowercase language, then optional subtags)"
        );
    }
    let po = folder.path().join(PO_FOLDER);
    let mut found = templates_in(&po)?;
    if found.is_empty() {
        bail!(
            "no templates in `{}`; write them first with `unstuck translate extract`",
            po.display()
        );
    }
    if !only.is_empty() {
        let name = |path: &PathBuf| path.with_extension("").to_string_lossy().replace('\\', "/");
        if let Some(unknown) = only
            .iter()
            .find(|wanted| !found.iter().any(|f| name(f) == **wanted))
        {
            let names: Vec<String> = found.iter().map(name).collect();
            bail!(
                "no template `{unknown}` in `{}`; templates: {}",
                po.display(),
                names.join(", ")
            );
        }
        found.retain(|path| only.contains(&name(path)));
    }
    let date = now();
    let out = OutputFolder::new(folder.path());
    let mut failed = false;
    for relative in found {
        let template_path = po.join(&relative);
        let template = read_catalog(folder, &template_path)?
            .with_context(|| format!("`{}` went missing", template_path.display()))?;
        let path = po.join(lang).join(relative.with_extension("po"));
        let inside = format!(
            "{PO_FOLDER}/{lang}/{}",
            relative
                .with_extension("po")
                .to_string_lossy()
                .replace('\\', "/")
        );
        match read_catalog(folder, &path) {
            Ok(Some(old)) => write(&out, &inside, &merge(&template, &old).write())?,
            Ok(None) => write(&out, &inside, &start(&template, lang, &date).write())?,
            Err(error) => {
                errln!("error: {error:#}\n")?;
                failed = true;
            }
        }
    }
    Ok(if failed {
        Outcome::Exit(1)
    } else {
        Outcome::Success
    })
}

/// The `.pot` files under `po`, relative to it, in name order; language
/// folders hold `.po` files only.
fn templates_in(po: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    let mut folders = vec![po.to_owned()];
    while let Some(folder) = folders.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries {
            let entry = entry.with_context(|| format!("cannot list `{}`", folder.display()))?;
            // Links are not followed: a loop of them would never end.
            let kind = entry.file_type().ok();
            let path = entry.path();
            if kind.is_some_and(|kind| kind.is_dir()) {
                folders.push(path);
            } else if kind.is_none_or(|kind| kind.is_symlink()) {
                continue;
            } else if path.extension().is_some_and(|e| e == "pot")
                && let Ok(relative) = path.strip_prefix(po)
            {
                found.push(relative.to_owned());
            }
        }
    }
    found.sort();
    Ok(found)
}

/// The catalog at `path` inside the guides folder; `None` when there is no
/// file. A broken file is an error that shows where.
fn read_catalog(folder: &GuidesFolder, path: &Path) -> anyhow::Result<Option<Catalog>> {
    let bytes = match folder.read(path) {
        Ok(bytes) => bytes,
        Err(Unreadable::Missing) => return Ok(None),
        Err(why) => bail!("cannot read `{}`: {why}", path.display()),
    };
    let text = String::from_utf8(bytes)
        .map_err(|_| anyhow::anyhow!("`{}` is not UTF-8 text", path.display()))?;
    match Catalog::parse(&text) {
        Ok(catalog) => Ok(Some(catalog)),
        Err(diagnostic) => {
            let name = path.display().to_string();
            bail!(
                "{}\n`{name}` is not a valid PO file; fix it, then update again",
                diagnostic.render(&Source::new(&name, &text), false)
            )
        }
    }
}

/// Writes `text` at `relative` in the guides folder unless it holds it
/// already, and says so. Only inside the folder and never through a link:
/// a guides folder from outside may hold links anywhere.
fn write(folder: &OutputFolder, relative: &str, text: &str) -> anyhow::Result<()> {
    let path = folder.root().join(relative);
    // Anything but a regular file of the same bytes (a link, a folder, a
    // bigger file) is not "unchanged": writing then says what is wrong.
    let old = folder.read(relative, text.len() as u64).ok().flatten();
    if old.as_deref() == Some(text.as_bytes()) {
        errln!("unchanged {}", path.display())?;
        return Ok(());
    }
    folder.write(relative, text.as_bytes())?;
    errln!("wrote {}", path.display())?;
    Ok(())
}

/// The current time as gettext dates files: `2026-11-30 10:05+0000` (UTC).
fn now() -> String {
    po_date(&humantime::format_rfc3339_seconds(std::time::SystemTime::now()).to_string())
}

/// An RFC 3339 time in UTC (`2026-11-30T10:05:09Z`) as gettext writes
/// dates (`2026-11-30 10:05+0000`).
fn po_date(rfc3339: &str) -> String {
    let (date, time) = rfc3339.split_once('T').unwrap_or((rfc3339, ""));
    format!("{date} {}+0000", time.get(..5).unwrap_or("00:00"))
}

#[cfg(test)]
mod tests {
    use super::po_date;

    #[test]
    fn times_become_gettext_dates() {
        assert_eq!(po_date("2026-11-30T10:05:09Z"), "2026-11-30 10:05+0000");
        assert_eq!(po_date("2000-02-29T00:00:00Z"), "2000-02-29 00:00+0000");
    }
}
