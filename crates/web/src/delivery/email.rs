//! The email destination: a plain-text message per hand-off and address,
//! sent through the SMTP server of `--smtp` (STARTTLS or TLS, with the
//! URL's user and password), so any help desk that turns email into
//! tickets receives it. The message id is made from the hand-off's
//! idempotency key, so a desk that sees a message twice can tell; replies
//! go to the person when they gave an email address.
//!
//! The URL: `smtps://user:pass@host:465` is TLS from the start;
//! `smtp://user:pass@host:587` upgrades with STARTTLS and refuses to go on
//! without it (`?tls=opportunistic` goes on in the clear when the server
//! offers no STARTTLS; `?tls=none` never encrypts, for a relay on the same
//! machine). The password is never shown or logged.

use super::Sent;
use crate::handoff::payload::Payload;
use lettre::message::header::ContentType;
use lettre::message::{Mailbox, Message};
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use std::time::Duration;
use thiserror::Error;

/// An SMTP URL or address that cannot be used.
#[derive(Debug, Error)]
pub enum SmtpError {
    /// The URL cannot be read or names no SMTP server.
    #[error(
        "`{0}` is not an SMTP URL: use smtps://USER:PASSWORD@HOST:465 (TLS) or smtp://USER:PASSWORD@HOST:587 (STARTTLS){1}"
    )]
    BadUrl(String, String),
    /// An address is not one.
    #[error("`{0}` is not an email address (like support@example.com)")]
    BadAddress(String),
    /// No sender address: the SMTP user is not one and none was given.
    #[error(
        "hand-off emails need a sender: the --smtp user is not an email address, so give --handoff-email-from ADDRESS"
    )]
    NoSender,
}

/// An SMTP server to send hand-offs through, and the sender's address.
#[derive(Clone)]
pub struct Smtp {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    /// The URL without its password, for messages.
    shown: String,
}

impl std::fmt::Debug for Smtp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Smtp")
            .field("url", &self.shown)
            .finish_non_exhaustive()
    }
}

impl Smtp {
    /// The server of `url`, sending as `from` (or as the URL's user when it
    /// is an email address), each attempt within `timeout`.
    pub fn new(url: &str, from: Option<&str>, timeout: Duration) -> Result<Self, SmtpError> {
        let shown = without_password(url);
        let bad = |why: &str| SmtpError::BadUrl(shown.clone(), why.to_owned());
        let (scheme, rest) = url.split_once("://").ok_or_else(|| bad(""))?;
        if !matches!(scheme, "smtp" | "smtps") {
            return Err(bad(""));
        }
        let (place, query) = rest.split_once('?').unwrap_or((rest, ""));
        let mut pairs: Vec<&str> = query.split('&').filter(|p| !p.is_empty()).collect();
        let tls = pairs
            .iter()
            .find_map(|pair| pair.strip_prefix("tls="))
            .map(str::to_owned);
        match (scheme, tls.as_deref()) {
            ("smtp", None) => pairs.push("tls=required"),
            ("smtp", Some("none")) => pairs.retain(|pair| !pair.starts_with("tls=")),
            ("smtp", Some("required" | "opportunistic")) | ("smtps", None) => {}
            _ => return Err(bad("; tls= takes required, opportunistic or none")),
        }
        let url = if pairs.is_empty() {
            format!("{scheme}://{place}")
        } else {
            format!("{scheme}://{place}?{}", pairs.join("&"))
        };
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(&url)
            .map_err(|error| bad(&format!(" ({error})")))?
            .timeout(Some(timeout))
            .build();
        let user = place
            .rsplit_once('@')
            .map(|(credentials, _)| credentials.split(':').next().unwrap_or(""))
            .unwrap_or("");
        let user = percent_encoding::percent_decode_str(user).decode_utf8_lossy();
        let from = match from {
            Some(from) => from
                .parse::<Mailbox>()
                .map_err(|_| SmtpError::BadAddress(from.to_owned()))?,
            None => user.parse::<Mailbox>().map_err(|_| SmtpError::NoSender)?,
        };
        Ok(Self {
            transport,
            from,
            shown,
        })
    }

    /// Sends the hand-off `payload` to `address`.
    pub(super) async fn send(&self, address: &str, payload: &Payload) -> Sent {
        let Ok(to) = address.parse::<Mailbox>() else {
            return Sent::Permanent("the address is not an email address".to_owned());
        };
        let mut message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(payload.email_subject())
            .message_id(Some(format!(
                "<{}.{}@unstuck.invalid>",
                payload.idempotency_key,
                payload.reference.to_ascii_lowercase()
            )))
            .header(ContentType::TEXT_PLAIN);
        if let Ok(person) = payload.contact.email.parse::<Mailbox>() {
            message = message.reply_to(person);
        }
        let message = match message.body(payload.email_body()) {
            Ok(message) => message,
            Err(error) => return Sent::Permanent(format!("cannot write the message: {error}")),
        };
        match self.transport.send(message).await {
            Ok(_) => Sent::Delivered,
            Err(error) if error.is_permanent() => {
                Sent::Permanent(format!("the mail server refused it: {error}"))
            }
            Err(error) => Sent::Transient(format!("the mail server did not take it: {error}")),
        }
    }
}

/// Checks an address hand-offs are sent to.
pub(super) fn check_address(address: &str) -> Result<(), SmtpError> {
    address
        .parse::<Mailbox>()
        .map(|_| ())
        .map_err(|_| SmtpError::BadAddress(address.to_owned()))
}

/// `url` with its password replaced by `***`.
fn without_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return "(not a URL)".to_owned();
    };
    match rest.rsplit_once('@') {
        Some((credentials, place)) => match credentials.split_once(':') {
            Some((user, _)) => format!("{scheme}://{user}:***@{place}"),
            None => url.to_owned(),
        },
        None => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TIMEOUT: Duration = Duration::from_secs(5);

    #[test]
    fn smtp_urls_say_how_to_encrypt_and_never_show_the_password() {
        for url in [
            "smtps://desk%40example.com:s3cret@mail.example.com:465",
            "smtp://desk@example.com:s3cret@mail.example.com:587",
            "smtp://desk@example.com:s3cret@mail.example.com?tls=opportunistic",
            "smtp://127.0.0.1:2525?tls=none",
        ] {
            let from = (!url.contains("desk")).then_some("unstuck@example.com");
            let smtp = Smtp::new(url, from, TIMEOUT).expect(url);
            assert!(!format!("{smtp:?}").contains("s3cret"), "{smtp:?}");
        }
        let smtp = Smtp::new(
            "smtps://desk%40example.com:s3cret@mail.example.com",
            None,
            TIMEOUT,
        )
        .expect("a URL");
        assert_eq!(smtp.from.email.to_string(), "desk@example.com");
        for url in [
            "http://mail.example.com",
            "mail.example.com",
            "smtp://user:s3cret@mail.example.com?tls=sometimes",
        ] {
            let error = Smtp::new(url, Some("a@example.com"), TIMEOUT)
                .expect_err(url)
                .to_string();
            assert!(!error.contains("s3cret"), "{error}");
            assert!(error.contains("smtps://USER:PASSWORD@HOST:465"), "{error}");
        }
        assert!(matches!(
            Smtp::new("smtp://relay:s3cret@mail.example.com", None, TIMEOUT),
            Err(SmtpError::NoSender)
        ));
    }
}
