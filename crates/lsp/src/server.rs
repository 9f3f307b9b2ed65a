//! The protocol loop: buffers opened and changed, diagnostics published
//! after a quiet moment, requests answered (an error response, never a
//! crash, whatever the text).

use crate::features::{self, Failure, diagnostics};
use crate::workspace::Workspace;
use crate::{Disk, Error};
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidCloseTextDocument, DidOpenTextDocument, DidSaveTextDocument,
    Notification as _, PublishDiagnostics, ShowMessage,
};
use lsp_types::request::{
    CodeActionRequest, Completion, DocumentSymbolRequest, GotoDefinition, HoverRequest,
    PrepareRenameRequest, References, Rename, Request as _,
};
use lsp_types::{MessageType, PublishDiagnosticsParams, ShowMessageParams};
use serde_json::Value;
use std::collections::HashMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// How long a buffer stays unchanged before its diagnostics are published.
pub const QUIET: Duration = Duration::from_millis(150);

/// What the server offers, as sent in answer to `initialize`.
fn capabilities() -> lsp_types::ServerCapabilities {
    use lsp_types::*;
    ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Kind(TextDocumentSyncKind::FULL)),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        rename_provider: Some(OneOf::Right(RenameOptions {
            prepare_provider: Some(true),
            work_done_progress_options: WorkDoneProgressOptions::default(),
        })),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(["#", ".", "[", " ", ",", "\""].map(str::to_owned).to_vec()),
            ..CompletionOptions::default()
        }),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        document_symbol_provider: Some(OneOf::Left(true)),
        code_action_provider: Some(CodeActionProviderCapability::Simple(true)),
        position_encoding: Some(PositionEncodingKind::UTF16),
        ..ServerCapabilities::default()
    }
}

/// Serves one editor on `connection` until it shuts down or goes away.
pub fn serve(connection: &Connection, disk: Box<dyn Disk>) -> Result<(), Error> {
    let capabilities = serde_json::to_value(capabilities())?;
    connection.initialize(capabilities)?;
    let mut server = Server {
        workspace: Workspace::new(disk),
        due: HashMap::new(),
        outbox: Vec::new(),
    };
    loop {
        let message = match server.next_due() {
            Some(due) => {
                let wait = due.saturating_duration_since(Instant::now());
                match connection.receiver.recv_timeout(wait) {
                    Ok(message) => message,
                    Err(crossbeam_channel::RecvTimeoutError::Timeout) => {
                        server.publish_due(Instant::now());
                        server.flush(connection)?;
                        continue;
                    }
                    Err(crossbeam_channel::RecvTimeoutError::Disconnected) => return Ok(()),
                }
            }
            None => match connection.receiver.recv() {
                Ok(message) => message,
                Err(_) => return Ok(()),
            },
        };
        match message {
            Message::Request(request) => {
                if connection.handle_shutdown(&request)? {
                    return Ok(());
                }
                let response = server.request(request);
                server.outbox.push(response.into());
            }
            Message::Notification(notification) => server.notification(notification),
            Message::Response(_) => {}
        }
        server.flush(connection)?;
    }
}

/// The state of one session with an editor.
pub(crate) struct Server {
    pub(crate) workspace: Workspace,
    /// Buffers changed, and when their diagnostics are due.
    due: HashMap<PathBuf, Instant>,
    /// Messages to send.
    outbox: Vec<Message>,
}

impl Server {
    fn next_due(&self) -> Option<Instant> {
        self.due.values().min().copied()
    }

    fn flush(&mut self, connection: &Connection) -> Result<(), Error> {
        for message in self.outbox.drain(..) {
            connection
                .sender
                .send(message)
                .map_err(|_| Error::Disconnected)?;
        }
        Ok(())
    }

    /// Compiles the buffers due by `now` and publishes their diagnostics.
    fn publish_due(&mut self, now: Instant) {
        let due: Vec<PathBuf> = (self.due.iter())
            .filter(|(_, at)| **at <= now)
            .map(|(path, _)| path.clone())
            .collect();
        for path in due {
            self.due.remove(&path);
            self.analyse(&path);
        }
    }

    /// Compiles what `path` is part of and publishes the diagnostics of
    /// every open file it touches (empty ones clear what was shown).
    fn analyse(&mut self, path: &std::path::Path) {
        for touched in self.workspace.analyse(path) {
            if !self.workspace.open.contains_key(&touched) {
                continue;
            }
            let Some(uri) = crate::uri::from_path(&touched) else {
                continue;
            };
            let diagnostics =
                diagnostics::of_file(&touched, self.workspace.analyses_of(&touched).into_iter());
            self.notify::<PublishDiagnostics>(PublishDiagnosticsParams {
                uri,
                diagnostics,
                version: None,
            });
        }
    }

    fn notify<N: lsp_types::notification::Notification>(&mut self, params: N::Params) {
        self.outbox
            .push(Notification::new(N::METHOD.to_owned(), params).into());
    }

    fn notification(&mut self, notification: Notification) {
        let params = notification.params;
        match notification.method.as_str() {
            DidOpenTextDocument::METHOD => {
                let Ok(params) =
                    serde_json::from_value::<lsp_types::DidOpenTextDocumentParams>(params)
                else {
                    return;
                };
                if let Some(path) = crate::uri::to_path(&params.text_document.uri) {
                    self.workspace
                        .open
                        .insert(path.clone(), params.text_document.text);
                    self.analyse(&path);
                }
            }
            DidChangeTextDocument::METHOD => {
                let Ok(params) =
                    serde_json::from_value::<lsp_types::DidChangeTextDocumentParams>(params)
                else {
                    return;
                };
                let Some(path) = crate::uri::to_path(&params.text_document.uri) else {
                    return;
                };
                let Some(text) = self.workspace.open.get_mut(&path) else {
                    return;
                };
                for change in params.content_changes {
                    apply_change(text, change);
                }
                self.due.insert(path, Instant::now() + QUIET);
            }
            DidSaveTextDocument::METHOD => {}
            DidCloseTextDocument::METHOD => {
                let Ok(params) =
                    serde_json::from_value::<lsp_types::DidCloseTextDocumentParams>(params)
                else {
                    return;
                };
                if let Some(path) = crate::uri::to_path(&params.text_document.uri) {
                    self.due.remove(&path);
                    self.workspace.close(&path);
                    self.notify::<PublishDiagnostics>(PublishDiagnosticsParams {
                        uri: params.text_document.uri,
                        diagnostics: Vec::new(),
                        version: None,
                    });
                }
            }
            _ => {}
        }
    }

    /// Answers a request; an error response when it cannot.
    pub(crate) fn request(&mut self, request: Request) -> Response {
        let id = request.id.clone();
        // Navigation needs the buffers as they are now: compile what is
        // due. Completion and symbols make do with the last compile.
        if !matches!(
            request.method.as_str(),
            Completion::METHOD | DocumentSymbolRequest::METHOD
        ) {
            self.publish_due(Instant::now() + QUIET);
        }
        // A bug must not take the author's editor session down with it.
        let answered =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.answer(request)));
        let Ok(answered) = answered else {
            return Response::new_err(
                id,
                ErrorCode::InternalError as i32,
                "the server failed on this request (a bug: please report it)".to_owned(),
            );
        };
        match answered {
            Ok(value) => Response::new_ok(id, value),
            Err(Failure::Params(error)) => {
                Response::new_err(id, ErrorCode::InvalidParams as i32, error.to_string())
            }
            // Not a guide (a README, say): nothing to say about it.
            Err(Failure::Unknown) => Response::new_ok(id, Value::Null),
            Err(Failure::Refused(message)) => {
                Response::new_err(id, ErrorCode::RequestFailed as i32, message)
            }
        }
    }

    fn answer(&mut self, request: Request) -> Result<Value, Failure> {
        let workspace = &self.workspace;
        let params = request.params;
        let value = match request.method.as_str() {
            GotoDefinition::METHOD => to_value(features::navigate::definition(
                workspace,
                from_value(params)?,
            )?),
            References::METHOD => to_value(features::navigate::references(
                workspace,
                from_value(params)?,
            )?),
            PrepareRenameRequest::METHOD => to_value(features::navigate::prepare_rename(
                workspace,
                from_value(params)?,
            )?),
            Rename::METHOD => {
                let (edit, note) = features::navigate::rename(workspace, from_value(params)?)?;
                self.notify::<ShowMessage>(ShowMessageParams {
                    typ: MessageType::INFO,
                    message: note,
                });
                to_value(edit)
            }
            Completion::METHOD => to_value(features::suggest::completion(
                workspace,
                from_value(params)?,
            )?),
            HoverRequest::METHOD => {
                to_value(features::suggest::hover(workspace, from_value(params)?)?)
            }
            DocumentSymbolRequest::METHOD => {
                to_value(features::outline::symbols(workspace, from_value(params)?)?)
            }
            CodeActionRequest::METHOD => {
                to_value(features::actions::actions(workspace, from_value(params)?)?)
            }
            _ => Value::Null,
        };
        Ok(value)
    }
}

/// Applies one change of a buffer: a range replaced (positions in UTF-16,
/// clamped into the text), or the whole text.
fn apply_change(text: &mut String, change: lsp_types::TextDocumentContentChangeEvent) {
    match change.range {
        Some(range) => {
            let lines = crate::position::Lines::new(text);
            let start = lines.offset(range.start);
            let end = lines.offset(range.end).max(start);
            text.replace_range(start..end, &change.text);
        }
        None => *text = change.text,
    }
}

fn from_value<T: serde::de::DeserializeOwned>(value: Value) -> Result<T, Failure> {
    Ok(serde_json::from_value(value)?)
}

fn to_value(value: impl serde::Serialize) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}
