//! A variable set to nothing counts as unset.
//!
//! Environment files hold placeholders (`UNSTUCK_ADMIN_TOKEN=`), and clap
//! reads such a variable as an empty value, which a token, a secret, a URL
//! or an address then refuses (or, worse, takes: an empty analytics secret
//! is one every server knows). A flag whose variable is empty or only
//! spaces reads no variable at all, so it is absent or has its default,
//! exactly as when the variable is not set.

use clap::Command;
use std::ffi::OsStr;

/// `command` and its subcommands with no variable read where it is blank.
pub(crate) fn blank_variables_unset(command: Command) -> Command {
    command
        .mut_args(|arg| match arg.get_env() {
            Some(name) if is_blank(name) => arg.env(None),
            _ => arg,
        })
        .mut_subcommands(blank_variables_unset)
}

/// Whether the variable `name` is set to nothing but (perhaps) spaces.
fn is_blank(name: &OsStr) -> bool {
    std::env::var_os(name).is_some_and(|value| value.to_str().is_some_and(|v| v.trim().is_empty()))
}
