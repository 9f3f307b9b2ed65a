//! Fuzzes guide text as an attacker writes it: hostile Markdown pieces in
//! every kind of text of a real guide. Whatever compiles, no page of its
//! static site may link to or load anything but allowed addresses.
//! Run: `RUSTC_BOOTSTRAP=1 cargo fuzz run render` in `fuzz/`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use unstuck_testkit::hostile::{disallowed_addresses, guide_with, snippet};

fuzz_target!(|bytes: &[u8]| {
    let Some((&place, pieces)) = bytes.split_first() else {
        return;
    };
    let source = guide_with(&snippet(pieces), usize::from(place));
    let Some(guide) = unstuck_core::compile(&source).guide else {
        return;
    };
    let files = unstuck_web::static_site::guide_files(&guide, &[&guide], None);
    for file in files.iter().filter(|f| f.path.ends_with(".html")) {
        let found = disallowed_addresses(&String::from_utf8_lossy(&file.bytes));
        assert!(found.is_empty(), "{}: {found:?}", file.path);
    }
});
