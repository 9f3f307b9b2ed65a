//! `unstuck check [PATH…]`: compile guides and report every problem.

use crate::Outcome;
use crate::guides_folder::GuidesFolder;
use crate::library::{self, GuideFile, Printer};
use crate::output::errln;
use crate::translations;
use clap::ValueEnum;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;
use unstuck_core::translate::Coverage;
use unstuck_core::{Diagnostic, Severity, Source};

/// Check guides and report every problem, compiler-style.
///
/// Exits 0 when there are no errors (warnings allowed), 1 when there are.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// Guide files or folders of guides.
    #[arg(default_value = library::DEFAULT_GUIDES)]
    paths: Vec<PathBuf>,
    /// How to print diagnostics.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Treat warnings as errors.
    #[arg(long)]
    deny_warnings: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Format {
    /// Compiler-style text on stderr.
    Human,
    /// A JSON array of diagnostics on stdout.
    Json,
}

pub(crate) fn run(args: Args) -> anyhow::Result<Outcome> {
    let default = [PathBuf::from(library::DEFAULT_GUIDES)];
    anyhow::ensure!(
        args.paths != default || default[0].exists(),
        "there is no `{}` folder here: run `unstuck check` where your guides are, \
         or name guide files or folders (`unstuck check path/to/guides`)",
        library::DEFAULT_GUIDES
    );
    let mut files = Vec::new();
    let mut unreadable = Vec::new();
    for found in library::expand(&args.paths)? {
        match found.load() {
            Ok(file) => files.push(file),
            Err(error) => unreadable.push((found.path, format!("{error:#}"))),
        }
    }
    library::check_unique_ids(&mut files);
    // Translation files no guide uses, when whole folders were checked and
    // every guide compiled (a broken guide's translations are not read).
    let mut unused = Vec::new();
    if unreadable.is_empty() && files.iter().all(|f| f.compiled.guide.is_some()) {
        for folder in args.paths.iter().filter(|path| path.is_dir()) {
            unused.extend(translations::unused(&GuidesFolder::new(folder), &files));
        }
    }
    let count = |severity| {
        let translations = files.iter().flat_map(|f| &f.translations);
        (files.iter().flat_map(|f| &f.compiled.diagnostics))
            .chain(translations.flat_map(|t| &t.diagnostics))
            .filter(|d| d.severity == severity)
            .count()
    };
    let errors = count(Severity::Error) + unreadable.len();
    let warnings = count(Severity::Warning) + unused.len();
    match args.format {
        Format::Human => print_human(&files, &unreadable, &unused, errors, warnings)?,
        Format::Json => print_json(&files, &unreadable, &unused)?,
    }
    let failed = errors > 0 || (args.deny_warnings && warnings > 0);
    Ok(if failed {
        Outcome::Exit(1)
    } else {
        Outcome::Success
    })
}

fn print_human(
    files: &[GuideFile],
    unreadable: &[(PathBuf, String)],
    unused: &[(String, Diagnostic)],
    errors: usize,
    warnings: usize,
) -> std::io::Result<()> {
    let printer = Printer::stderr();
    for (_, message) in unreadable {
        errln!("error: {message}\n")?;
    }
    for file in files {
        for diagnostic in &file.compiled.diagnostics {
            printer.print(file, diagnostic)?;
        }
        for translation in &file.translations {
            let source = translation.source();
            for diagnostic in &translation.diagnostics {
                printer.print_in(&source, diagnostic)?;
            }
        }
    }
    for (name, diagnostic) in unused {
        printer.print_in(&Source::new(name, ""), diagnostic)?;
    }
    // Each language's coverage, and each translation that is not complete.
    let mut languages: BTreeMap<&str, Coverage> = BTreeMap::new();
    let mut translations = 0;
    for file in files {
        let id = (file.compiled.guide.as_ref()).map_or("", |g| g.id.as_str());
        for translation in &file.translations {
            translations += 1;
            let Some(translated) = &translation.translated else {
                errln!("{id}, {}: the file cannot be read", translation.lang)?;
                continue;
            };
            let coverage = &translated.coverage;
            if !coverage.is_complete() {
                errln!("{id}, {coverage}")?;
            }
            (languages.entry(&translation.lang))
                .and_modify(|total| total.add(coverage))
                .or_insert_with(|| coverage.clone());
        }
    }
    for coverage in languages.values() {
        errln!("{coverage}")?;
    }
    let guides = files.len() + unreadable.len();
    let translations = match translations {
        0 => String::new(),
        n => format!(" and {n} translation{}", plural(n)),
    };
    errln!(
        "checked {guides} guide{}{translations}: {errors} error{}, {warnings} warning{}",
        plural(guides),
        plural(errors),
        plural(warnings)
    )
}

fn print_json(
    files: &[GuideFile],
    unreadable: &[(PathBuf, String)],
    unused: &[(String, Diagnostic)],
) -> anyhow::Result<()> {
    let mut records = Vec::new();
    for (path, message) in unreadable {
        records.push(serde_json::json!({
            "file": path.display().to_string(),
            "severity": "error",
            "code": "unreadable",
            "message": message,
        }));
    }
    for file in files {
        let name = file.name();
        let source = file.source(&name);
        for diagnostic in &file.compiled.diagnostics {
            records.push(serde_json::to_value(diagnostic.to_record(&source))?);
        }
        for translation in &file.translations {
            let source = translation.source();
            for diagnostic in &translation.diagnostics {
                records.push(serde_json::to_value(diagnostic.to_record(&source))?);
            }
        }
    }
    for (name, diagnostic) in unused {
        records.push(serde_json::to_value(
            diagnostic.to_record(&Source::new(name, "")),
        )?);
    }
    let mut stdout = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut stdout, &records)?;
    writeln!(stdout)?;
    Ok(())
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
