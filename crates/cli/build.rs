//! Bundles the guides in `guides/` into the binary, so `unstuck serve`
//! serves them from anywhere: the guides, the shared files they include,
//! and their translations (`po/LANG/*.po`).

use std::fmt::Write;
use std::path::Path;

fn main() {
    let guides = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../guides");
    println!("cargo::rerun-if-changed={}", guides.display());
    // Guides and the shared files they include (`_shared/…`), recursively.
    let mut files = Vec::new();
    let mut folders = vec![guides.clone()];
    while let Some(folder) = folders.pop() {
        println!("cargo::rerun-if-changed={}", folder.display());
        for path in std::fs::read_dir(&folder)
            .into_iter()
            .flatten()
            .filter_map(Result::ok)
            .map(|entry| entry.path())
        {
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "md" || e == "po") {
                files.push(path);
            }
        }
    }
    files.sort();
    let mut code = String::from(
        "/// The guides and translations shipped inside the binary: (path in `guides/`, text).\npub(crate) const BUNDLED: &[(&str, &str)] = &[\n",
    );
    for path in &files {
        println!("cargo::rerun-if-changed={}", path.display());
        let name = path
            .strip_prefix(&guides)
            .unwrap_or(path)
            .to_string_lossy()
            .replace('\\', "/");
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
