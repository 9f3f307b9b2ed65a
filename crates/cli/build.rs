//! Bundles the guides in `guides/` into the binary, so `unstuck serve`
//! serves them from anywhere.

use std::fmt::Write;
use std::path::Path;

fn main() {
    let guides = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../guides");
    println!("cargo::rerun-if-changed={}", guides.display());
    let mut files: Vec<_> = std::fs::read_dir(&guides)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|entry| entry.path())
                .filter(|path| path.extension().is_some_and(|e| e == "md"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    let mut code = String::from(
        "/// The guides shipped inside the binary: (file name, text).\npub(crate) const BUNDLED: &[(&str, &str)] = &[\n",
    );
    for path in &files {
        println!("cargo::rerun-if-changed={}", path.display());
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        let _ = writeln!(
            code,
            "    ({name:?}, include_str!({:?})),",
            path.display().to_string()
        );
    }
    code.push_str("];\n");
    let out = Path::new(&std::env::var("OUT_DIR").unwrap_or_default()).join("bundled.rs");
    if let Err(error) = std::fs::write(&out, code) {
        panic!("cannot write {}: {error}", out.display());
    }
}
