//! The language server for guides (`unstuck lsp`): diagnostics as the
//! author types, exactly those of `unstuck check`; go to definition, find
//! references and rename of ids across a guide and its shared files;
//! completion, hover, outline and quick fixes.
//!
//! The language knowledge (where ids are defined and used, the outline,
//! what fits where) is [`unstuck_core::index`]; this crate holds the
//! protocol loop ([`serve`]), the open buffers, and the conversion of byte
//! spans to the protocol's UTF-16 positions. Files on disk are read through
//! a [`Disk`] the caller gives, so the command line decides what may be read.

mod analysis;
mod disk;
mod features;
mod position;
mod server;
mod uri;
mod workspace;

pub use disk::{Disk, Role, normalise};
pub use server::{QUIET, serve};

/// Why the server stopped.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The editor broke the protocol (say, no `initialize` first).
    #[error("protocol error: {0}")]
    Protocol(#[from] lsp_server::ProtocolError),
    /// A message could not be written as JSON.
    #[error("cannot encode a message: {0}")]
    Json(#[from] serde_json::Error),
    /// The editor went away.
    #[error("the editor closed the connection")]
    Disconnected,
}

/// Serves one editor over standard input and output until it exits.
pub fn serve_stdio(disk: Box<dyn Disk>) -> Result<(), Error> {
    let (connection, threads) = lsp_server::Connection::stdio();
    serve(&connection, disk)?;
    drop(connection);
    threads.join().map_err(|_| Error::Disconnected)?;
    Ok(())
}
