//! `unstuck build`: the guides as a static site, for any static host or
//! straight from disk.
//!
//! Rendering is `unstuck_web::static_site`'s; this command compiles the
//! guides (stopping on errors, with `unstuck check`'s diagnostics), skips
//! the guides whose pages are already there, writes the others on every
//! core, deletes the files of guides that changed or went away, and keeps a
//! record of what it wrote in `.unstuck-build.json` in the output folder.

use crate::Outcome;
use crate::library;
use anyhow::{Context, bail};
use indicatif::{ProgressBar, ProgressStyle};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;
use unstuck_core::Guide;
use unstuck_web::static_site::{self, SiteFile};

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
}

/// The record of a build, kept in the output folder.
const RECORD: &str = ".unstuck-build.json";

/// What a build wrote, so that the next one can skip and clean up.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Record {
    /// Which `unstuck` wrote the pages: a different one rebuilds them all.
    tool: String,
    /// Per guide id: the guide version built and the files written.
    guides: BTreeMap<String, Built>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Built {
    version: String,
    files: Vec<String>,
}

pub(crate) fn run(args: Args) -> anyhow::Result<Outcome> {
    let started = Instant::now();
    let folder = args.guides.clone().or_else(|| {
        let default = PathBuf::from(library::DEFAULT_GUIDES);
        default.is_dir().then_some(default)
    });
    let out = &args.out;
    check_out(out, folder.as_deref())?;
    let guides = library::load_all(folder.as_deref())?;
    std::fs::create_dir_all(out)
        .with_context(|| format!("cannot create the output folder `{}`", out.display()))?;
    let previous = read_record(out);
    let tool = tool_fingerprint();
    let unchanged = |guide: &Guide| {
        let built = previous.guides.get(guide.id.as_str());
        previous.tool == tool
            && built.is_some_and(|built| {
                built.version == guide.version && built.files.iter().all(|f| out.join(f).is_file())
            })
    };
    let (skipped, to_build): (Vec<&Guide>, Vec<&Guide>) = guides.iter().partition(|g| unchanged(g));
    let built = render_all(&to_build, out)?;

    let mut record = Record {
        tool,
        guides: BTreeMap::new(),
    };
    for guide in skipped {
        record.guides.insert(
            guide.id.to_string(),
            previous.guides[guide.id.as_str()].clone(),
        );
    }
    let pages: usize = built.iter().map(|(_, b)| b.files.len()).sum();
    record.guides.extend(built);
    remove_stale(out, &previous, &record)?;

    let mut shared = static_site::shared_files();
    shared.push(static_site::catalog(&guides));
    for file in &shared {
        write_if_changed(out, file)?;
    }
    let json = serde_json::to_string(&record).context("cannot record the build")?;
    std::fs::write(out.join(RECORD), json)
        .with_context(|| format!("cannot write `{}`", out.join(RECORD).display()))?;
    eprintln!(
        "built {} into `{}` in {:.2} s ({} rendered, {pages} files written; {} unchanged)",
        plural(guides.len(), "guide"),
        out.display(),
        started.elapsed().as_secs_f64(),
        to_build.len(),
        guides.len() - to_build.len(),
    );
    Ok(Outcome::Success)
}

/// Renders and writes the guides' files on every core, with a progress bar
/// on a terminal.
fn render_all(guides: &[&Guide], out: &Path) -> anyhow::Result<Vec<(String, Built)>> {
    let progress = ProgressBar::new(guides.len() as u64);
    progress.set_style(
        ProgressStyle::with_template("{bar:30} {pos}/{len} guides  {elapsed} {msg}")
            .context("progress bar template")?,
    );
    let built = crate::parallel::map(guides, |guide| {
        let built = build_guide(guide, out).map(|built| (guide.id.to_string(), built));
        progress.inc(1);
        built
    });
    progress.finish_and_clear();
    built.into_iter().collect()
}

fn build_guide(guide: &Guide, out: &Path) -> anyhow::Result<Built> {
    let files = static_site::guide_files(guide)?;
    let folder = out.join("guides").join(guide.id.as_str());
    std::fs::create_dir_all(&folder)
        .with_context(|| format!("cannot create `{}`", folder.display()))?;
    for file in &files {
        let path = out.join(&file.path);
        std::fs::write(&path, &file.bytes)
            .with_context(|| format!("cannot write `{}`", path.display()))?;
    }
    Ok(Built {
        version: guide.version.clone(),
        files: files.into_iter().map(|file| file.path).collect(),
    })
}

/// Deletes the files the last build wrote that this one did not: pages of
/// states a changed guide no longer has, and every file of a guide that is
/// gone. Files the build never wrote are left alone.
fn remove_stale(out: &Path, previous: &Record, current: &Record) -> anyhow::Result<()> {
    for (id, built) in &previous.guides {
        let kept: std::collections::HashSet<&str> = current
            .guides
            .get(id)
            .map(|b| b.files.iter().map(String::as_str).collect())
            .unwrap_or_default();
        for file in built.files.iter().filter(|f| !kept.contains(f.as_str())) {
            let path = out.join(file);
            match std::fs::remove_file(&path) {
                Ok(()) => {}
                Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
                Err(error) => {
                    return Err(error)
                        .with_context(|| format!("cannot delete `{}`", path.display()));
                }
            }
        }
        if kept.is_empty() {
            // Only succeeds if nothing else is in the folder, as it should.
            let _ = std::fs::remove_dir(out.join("guides").join(id));
        }
    }
    Ok(())
}

/// Writes a file unless it already holds these bytes, so that shared files
/// keep their dates (and caches) when nothing changed.
fn write_if_changed(out: &Path, file: &SiteFile) -> anyhow::Result<()> {
    let path = out.join(&file.path);
    if std::fs::read(&path).is_ok_and(|bytes| bytes == file.bytes) {
        return Ok(());
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create `{}`", parent.display()))?;
    }
    std::fs::write(&path, &file.bytes).with_context(|| format!("cannot write `{}`", path.display()))
}

/// The last build's record; an empty one if there is none or it cannot be
/// read (then everything is rebuilt, which is always correct).
fn read_record(out: &Path) -> Record {
    std::fs::read(out.join(RECORD))
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .unwrap_or_default()
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

fn plural(count: usize, word: &str) -> String {
    if count == 1 {
        format!("1 {word}")
    } else {
        format!("{count} {word}s")
    }
}

/// Refuses an output folder that holds the guides themselves.
fn check_out(out: &Path, guides: Option<&Path>) -> anyhow::Result<()> {
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
