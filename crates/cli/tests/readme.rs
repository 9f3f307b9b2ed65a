//! The README's `console` examples run as written, from the repository's
//! root, and must print what the README shows: they cannot drift from
//! what `unstuck` does. After an intended change, `TRYCMD=overwrite cargo
//! test --test readme` rewrites them.

#[test]
fn the_readme_examples_print_what_they_show() {
    // The only test of this binary, so changing the directory affects no other.
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    std::env::set_current_dir(&root).expect("the repository's root");
    trycmd::TestCases::new()
        .register_bin("unstuck", trycmd::cargo::cargo_bin!("unstuck"))
        .case("README.md");
}
