//! Writes generated guides, for benchmarks: `unstuck-generate tree 10000`
//! or `unstuck-generate chain 100000` (also `dag`, `three-way`) print one
//! guide of that many questions; `unstuck-generate guides 1000 DIR` writes 1,000 small guides
//! (seven questions in a tree, like the shipped ones) into DIR.

use std::io::Write;
use std::path::Path;
use unstuck_testkit::Shape;

fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.as_slice() {
        [kind, n] => match (kind.as_str(), n.parse::<usize>()) {
            ("tree", Ok(n)) if n > 0 => print(&Shape::tree(n)),
            ("chain", Ok(n)) if n > 0 => print(&Shape::chain(n)),
            ("dag", Ok(n)) if n > 0 => print(&Shape::dag(n)),
            ("three-way", Ok(n)) if n > 0 => print(&Shape::three_way(n)),
            _ => return usage(),
        },
        [kind, n, folder] if kind == "guides" => match n.parse::<usize>() {
            Ok(n) => write_guides(n, Path::new(folder)),
            Err(_) => return usage(),
        },
        _ => return usage(),
    };
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            std::process::ExitCode::FAILURE
        }
    }
}

fn print(shape: &Shape) -> std::io::Result<()> {
    std::io::stdout()
        .lock()
        .write_all(shape.source().as_bytes())
}

/// `g00001.md`, `g00002.md`…: each a seven-question tree with its own id.
fn write_guides(count: usize, folder: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(folder)?;
    let shape = Shape::tree(7);
    for n in 1..=count {
        let id = format!("g{n:05}");
        let text = shape.guide(&id, &format!("Generated guide {n}"));
        std::fs::write(folder.join(format!("{id}.md")), text)?;
    }
    Ok(())
}

fn usage() -> std::process::ExitCode {
    eprintln!(
        "usage: unstuck-generate tree|chain|dag|three-way QUESTIONS\n       unstuck-generate guides COUNT DIR"
    );
    std::process::ExitCode::from(2)
}
