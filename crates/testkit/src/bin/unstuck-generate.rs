//! Prints a generated guide, for benchmarks: `unstuck-generate tree 10000`
//! or `unstuck-generate chain 100000`.

use std::io::Write;
use unstuck_testkit::Shape;

fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let shape = match args.as_slice() {
        [kind, n] => match (kind.as_str(), n.parse::<usize>()) {
            ("tree", Ok(n)) if n > 0 => Shape::tree(n),
            ("chain", Ok(n)) if n > 0 => Shape::chain(n),
            _ => return usage(),
        },
        _ => return usage(),
    };
    match std::io::stdout()
        .lock()
        .write_all(shape.source().as_bytes())
    {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            std::process::ExitCode::FAILURE
        }
    }
}

fn usage() -> std::process::ExitCode {
    eprintln!("usage: unstuck-generate tree|chain QUESTIONS");
    std::process::ExitCode::from(2)
}
