//! Writing to the terminal without panicking. `println!` and `eprintln!`
//! panic when a stream is closed (`unstuck check guides 2>&1 | head -3`);
//! these return the error instead, and `main` ends a command whose reader
//! went away quietly, with success. And counts in words.

/// `println!` that returns a failed write as an [`std::io::Error`].
macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        writeln!(std::io::stdout(), $($arg)*)
    }};
}

/// `eprintln!` that returns a failed write as an [`std::io::Error`].
macro_rules! errln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        writeln!(std::io::stderr(), $($arg)*)
    }};
}

pub(crate) use {errln, outln};

/// `1 guide`, `2 guides`, `0 guides`.
pub(crate) fn plural(count: usize, word: &str) -> String {
    if count == 1 {
        format!("1 {word}")
    } else {
        format!("{count} {word}s")
    }
}
