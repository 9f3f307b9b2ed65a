//! `unstuck build`: the guides as a static site, for any static host or
//! straight from disk.
//!
//! Rendering is `unstuck_web::static_site`'s; this command compiles the
//! guides (stopping on errors, with `unstuck check`'s diagnostics), skips
//! the guides whose pages are already there, writes the others on every
//! core, deletes the files of guides that changed or went away, and keeps a
//! record of what it wrote in `.unstuck-build.json` in the output folder
//! (`record`). Every file is written and deleted through
//! [`OutputFolder`]: inside the output folder, never through a link.

mod record;

use crate::Outcome;
use crate::library::{self, GuideSet};
use crate::output_folder::OutputFolder;
use anyhow::{Context, bail};
use indicatif::{ProgressBar, ProgressStyle};
use record::{Built, Record};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;
use unstuck_core::Guide;
use unstuck_web::static_site::{self, ServerAddress};

/// Build a static site of every guide: works from any static host and from
/// disk (file://), with JavaScript or without, and offline once visited.
///
/// Unchanged guides are not rebuilt; the same guides always give the same
/// bytes. A guide with errors stops the build.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The folder of guides [default: `guides` if there is one, else the
    /// guides bundled in this binary].
    #[arg(long, value_name = "DIR")]
    guides: Option<PathBuf>,
    /// Where to write the site (created if needed).
    #[arg(long, value_name = "DIR", default_value = "site")]
    out: PathBuf,
    /// The running `unstuck serve` the pages' "Was this helpful?" forms
    /// post to and whose contact page "get help" outcomes link to, e.g.
    /// `https://guides.example.com` (start it with `--allow-origin` naming
    /// where this site is published). Without it, the pages have no form.
    #[arg(long, value_name = "URL", value_parser = |text: &str| ServerAddress::parse(text))]
    server: Option<ServerAddress>,
}

pub(crate) fn run(args: Args) -> anyhow::Result<Outcome> {
    let started = Instant::now();
    let folder = args.guides.clone().or_else(|| {
        let default = PathBuf::from(library::DEFAULT_GUIDES);
        default.is_dir().then_some(default)
    });
    check_out(&args.out, folder.as_deref())?;
    let sets = library::load_all_translated(folder.as_deref())?;
    std::fs::create_dir_all(&args.out)
        .with_context(|| format!("cannot create the output folder `{}`", args.out.display()))?;
    let out = &OutputFolder::new(&args.out);
    let previous = Record::read(out);
    // Pages built for another server (or none) are built again.
    let server = args.server.as_ref();
    let tool = format!(
        "{} {}",
        tool_fingerprint(),
        server.map_or("", ServerAddress::as_str)
    );
    let unchanged = |set: &&GuideSet| {
        let built = previous.guides.get(set.guide.id.as_str());
        previous.tool == tool
            && built.is_some_and(|built| {
                built.version == version(set) && built.files.iter().all(|f| out.is_file(f))
            })
    };
    let (skipped, to_build): (Vec<&GuideSet>, Vec<&GuideSet>) = sets.iter().partition(unchanged);
    let built = render_all(&to_build, out, server)?;

    let mut record = Record {
        tool,
        guides: BTreeMap::new(),
    };
    for set in skipped {
        let id = set.guide.id.as_str();
        record
            .guides
            .insert(id.to_owned(), previous.guides[id].clone());
    }
    let pages: usize = built.iter().map(|(_, b)| b.files.len()).sum();
    record.guides.extend(built);
    remove_stale(out, &previous, &record)?;

    let mut shared = static_site::shared_files();
    let editions = sets.iter().flat_map(GuideSet::editions);
    shared.extend(static_site::catalogs(editions));
    for file in &shared {
        out.write_if_changed(&file.path, &file.bytes)?;
    }
    record.write(out)?;
    crate::output::errln!(
        "built {} into `{}` in {:.2} s ({} rendered, {pages} files written; {} unchanged)",
        crate::output::plural(sets.len(), "guide"),
        args.out.display(),
        started.elapsed().as_secs_f64(),
        to_build.len(),
        sets.len() - to_build.len(),
    )?;
    Ok(Outcome::Success)
}

/// Renders and writes the guides' files on every core, with a progress bar
/// on a terminal.
fn render_all(
    guides: &[&GuideSet],
    out: &OutputFolder,
    server: Option<&ServerAddress>,
) -> anyhow::Result<Vec<(String, Built)>> {
    let progress = ProgressBar::new(guides.len() as u64);
    progress.set_style(
        ProgressStyle::with_template("{bar:30} {pos}/{len} guides  {elapsed} {msg}")
            .context("progress bar template")?,
    );
    let built = crate::parallel::map(guides, |guide| {
        let built =
            build_guide(guide, out, server).map(|built| (guide.guide.id.to_string(), built));
        progress.inc(1);
        built
    });
    progress.finish_and_clear();
    built.into_iter().collect()
}

/// Writes the pages of a guide and of its translations, their forms
/// posting to `server`.
fn build_guide(
    set: &GuideSet,
    out: &OutputFolder,
    server: Option<&ServerAddress>,
) -> anyhow::Result<Built> {
    let editions: Vec<&Guide> = set.editions().collect();
    let files: Vec<static_site::SiteFile> = (editions.iter())
        .flat_map(|guide| static_site::guide_files(guide, &editions, server))
        .collect();
    for file in &files {
        out.write(&file.path, &file.bytes)?;
    }
    Ok(Built {
        version: version(set),
        files: files.into_iter().map(|file| file.path).collect(),
    })
}

/// The version of a guide's pages: its own and its translations'.
fn version(set: &GuideSet) -> String {
    let versions: Vec<&str> = set.editions().map(|guide| guide.version.as_str()).collect();
    versions.join("+")
}

/// Deletes the files the last build wrote that this one did not: the page
/// of a guide that is gone. Files the build never wrote are left alone, and nothing outside
/// the output folder or through a link is touched, whatever the record says.
fn remove_stale(out: &OutputFolder, previous: &Record, current: &Record) -> anyhow::Result<()> {
    for (id, built) in &previous.guides {
        let kept: std::collections::HashSet<&str> = current
            .guides
            .get(id)
            .map(|b| b.files.iter().map(String::as_str).collect())
            .unwrap_or_default();
        for file in built.files.iter().filter(|f| !kept.contains(f.as_str())) {
            out.remove_file(file)?;
        }
    }
    Ok(())
}

/// What identifies this `unstuck`: its version and its executable's size
/// and date, so a rebuilt binary (whose pages may differ) rebuilds all.
fn tool_fingerprint() -> String {
    let executable = std::env::current_exe()
        .and_then(std::fs::metadata)
        .map(|m| {
            let modified = m
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos());
            format!("{}-{modified}", m.len())
        })
        .unwrap_or_default();
    format!("{} {executable}", env!("CARGO_PKG_VERSION"))
}

/// Refuses an output folder that is a file (or would be inside one), or
/// that holds the guides themselves.
fn check_out(out: &Path, guides: Option<&Path>) -> anyhow::Result<()> {
    // `--out notes.txt`, or `--out notes.txt/site`: no folder can be made there.
    if let Some(file) = (out.ancestors()).find(|path| path.exists() && !path.is_dir()) {
        bail!(
            "`{}` is a file, not a folder: name a folder for the site with --out",
            file.display()
        );
    }
    if let Some(guides) = guides
        && let (Ok(out), Ok(guides)) = (out.canonicalize(), guides.canonicalize())
        && (guides.starts_with(&out))
    {
        bail!(
            "the output folder `{}` holds the guides; choose another with --out",
            out.display()
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::BTreeMap;

    /// Parts of hostile paths: plain names, the build's own, `..` and worse.
    const PARTS: &[&str] = &[
        "guides",
        "lock",
        "linked",
        "index.html",
        "precious.txt",
        "..",
        ".",
        "",
        "link.html",
        "lock.html",
        "linked.html",
    ];

    /// A path a record might list: `/`-joined parts, maybe made absolute
    /// (to the folder outside, filled in per case as `{outside}`).
    fn paths() -> impl Strategy<Value = String> {
        (
            any::<bool>(),
            prop::collection::vec(prop::sample::select(PARTS), 1..6),
        )
            .prop_map(|(absolute, parts)| {
                let joined = parts.join("/");
                if absolute {
                    format!("{{outside}}/{joined}")
                } else {
                    joined
                }
            })
    }

    /// Guide ids a record might list.
    fn ids() -> impl Strategy<Value = String> {
        prop::sample::select(vec!["lock", "linked", "gone", "..", "guides", ""])
            .prop_map(str::to_owned)
    }

    /// Every file and link under `folder` with its bytes (linked folders
    /// are not entered).
    fn snapshot(folder: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
        let mut found = BTreeMap::new();
        let mut folders = vec![folder.to_owned()];
        while let Some(current) = folders.pop() {
            for entry in std::fs::read_dir(&current).expect("list") {
                let entry = entry.expect("entry");
                let kind = entry.file_type().expect("type");
                if kind.is_dir() {
                    folders.push(entry.path());
                } else {
                    let bytes = std::fs::read(entry.path()).unwrap_or_default();
                    found.insert(entry.path(), bytes);
                }
            }
        }
        found
    }

    /// An output folder with a build's files, a linked folder and a linked
    /// file that point outside, beside files that are not the build's.
    fn layout(root: &Path) -> (PathBuf, PathBuf) {
        let out = root.join("site");
        let outside = root.join("outside");
        for folder in [out.join("guides/lock"), outside.join("guides/lock")] {
            std::fs::create_dir_all(folder).expect("folders");
        }
        for file in ["index.html", "precious.txt", "guides/lock/index.html"] {
            std::fs::write(outside.join(file), "not the build's").expect("write");
        }
        std::fs::write(root.join("precious.txt"), "not the build's").expect("write");
        std::fs::write(out.join("guides/lock/index.html"), "the build's").expect("write");
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(&outside, out.join("guides/linked")).expect("link");
            std::os::unix::fs::symlink(
                outside.join("index.html"),
                out.join("guides/lock/link.html"),
            )
            .expect("link");
            std::os::unix::fs::symlink(outside.join("index.html"), out.join("guides/linked.html"))
                .expect("link");
        }
        (out, outside)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(
            std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(128)
        ))]

        /// Whatever the record lists, the build deletes and writes nothing
        /// outside its output folder: not beside it, not through a link.
        #[test]
        fn the_build_never_touches_files_outside_its_output_folder(
            listed in prop::collection::btree_map(ids(), prop::collection::vec(paths(), 0..4), 0..4),
        ) {
            let root = tempfile::tempdir().expect("a temp folder");
            let (out, outside) = layout(root.path());
            let outside_text = outside.display().to_string();
            let guides = listed
                .into_iter()
                .map(|(id, files)| {
                    let files = files.iter().map(|f| f.replace("{outside}", &outside_text)).collect();
                    (id, Built { version: "1".to_owned(), files })
                })
                .collect();
            let hostile = Record { tool: String::new(), guides };
            let before = snapshot(root.path());
            let folder = OutputFolder::new(&out);

            // Read from disk, as a build does: believed only if harmless.
            std::fs::write(out.join(".unstuck-build.json"), serde_json::to_vec(&hostile).expect("JSON"))
                .expect("write");
            let believed = Record::read(&folder);
            remove_stale(&folder, &believed, &Record::default()).expect("clean-up");
            // And unchecked, straight to the clean-up and the writer.
            remove_stale(&folder, &hostile, &Record::default()).expect("clean-up");
            for file in hostile.guides.values().flat_map(|b| &b.files) {
                let _ = folder.write(file, b"written");
            }

            let after = snapshot(root.path());
            for (path, bytes) in &before {
                if !path.starts_with(&out) {
                    prop_assert_eq!(after.get(path), Some(bytes), "{} changed", path.display());
                }
            }
            for path in after.keys() {
                prop_assert!(
                    path.starts_with(&out) || before.contains_key(path),
                    "{} was written outside", path.display()
                );
            }
        }
    }
}
