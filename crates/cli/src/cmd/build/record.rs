//! The record of a build, kept in the output folder: which `unstuck` built
//! which version of each guide, and the files it wrote, so that the next
//! build can skip unchanged guides and delete what is stale. Anyone may
//! have edited the folder, so a record is believed only if every file it
//! lists is one a build writes (`guides/ID.html`, or a translation's
//! `LANG/guides/ID.html`); otherwise it is ignored
//! with a warning, and every guide is rebuilt, which is always correct.

use crate::output_folder::{OutputFolder, plain_names};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use unstuck_core::model::{is_language_tag, is_valid_id};

/// The record's file name in the output folder.
const RECORD: &str = ".unstuck-build.json";

/// More than any real record: one is read no further.
const MAX_RECORD_BYTES: u64 = 1 << 30;

/// What a build wrote.
#[derive(Debug, Default, Serialize, Deserialize)]
pub(super) struct Record {
    /// Which `unstuck` wrote the pages: a different one rebuilds them all.
    pub(super) tool: String,
    /// Per guide id: the guide version built and the files written.
    pub(super) guides: BTreeMap<String, Built>,
}

/// One guide's part of a build.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct Built {
    /// The guide's version.
    pub(super) version: String,
    /// The files written, relative to the output folder.
    pub(super) files: Vec<String>,
}

impl Record {
    /// The last build's record in `out`: empty if there is none, and empty
    /// with one warning on stderr if it cannot be read or believed.
    pub(super) fn read(out: &OutputFolder) -> Record {
        let believed = out
            .read(RECORD, MAX_RECORD_BYTES)
            .map_err(|error| format!("{error:#}"))
            .and_then(|bytes| bytes.map_or_else(|| Ok(Record::default()), |b| Record::parse(&b)));
        believed.unwrap_or_else(|why| {
            // A warning nobody can read does not stop the build.
            let _ = crate::output::errln!(
                "warning: ignored the build record `{}`: {why}; every guide is rebuilt",
                out.root().join(RECORD).display()
            );
            Record::default()
        })
    }

    /// The record in `bytes`, if it is one and lists only files a build writes.
    pub(super) fn parse(bytes: &[u8]) -> Result<Record, String> {
        let record: Record = serde_json::from_slice(bytes)
            .map_err(|error| format!("it is not a build record ({error})"))?;
        for (id, built) in &record.guides {
            if let Some(file) = built.files.iter().find(|file| !is_guide_file(id, file)) {
                return Err(format!(
                    "it lists `{file}` for the guide `{id}`, which is not a file a build writes \
                     (`guides/ID.html`, inside the output folder)"
                ));
            }
        }
        Ok(record)
    }

    /// Writes the record into `out`.
    pub(super) fn write(&self, out: &OutputFolder) -> anyhow::Result<()> {
        let json = serde_json::to_vec(self)?;
        out.write(RECORD, &json)
    }
}

/// Whether a build writes `file` for the guide `id`: `guides/ID.html`, or
/// `LANG/guides/ID.html` for a translation, with a well-formed id and
/// language tag.
fn is_guide_file(id: &str, file: &str) -> bool {
    let page = |name: &str| name.strip_suffix(".html") == Some(id);
    is_valid_id(id)
        && match plain_names(file).as_deref() {
            Some(["guides", name]) => page(name),
            Some([lang, "guides", name]) => is_language_tag(lang) && page(name),
            _ => false,
        }
}
