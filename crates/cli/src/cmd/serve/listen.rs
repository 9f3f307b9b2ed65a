//! Where `serve` listens: `--addr` read as `IP:PORT` (or `localhost:PORT`),
//! and why it could not listen there, with what to do.

use std::io;
use std::net::{Ipv4Addr, SocketAddr};

/// Reads `--addr`: `IP:PORT` (`[::1]:8080` for IPv6), or `localhost:PORT`,
/// which is `127.0.0.1:PORT`; anything else is refused with what to give.
pub(crate) fn parse_address(text: &str) -> Result<SocketAddr, String> {
    let text = text.trim();
    if let Ok(address) = text.parse() {
        return Ok(address);
    }
    if let Some(port) = text
        .split_once(':')
        .filter(|(host, _)| host.eq_ignore_ascii_case("localhost"))
        .and_then(|(_, port)| port.parse::<u16>().ok())
    {
        return Ok(SocketAddr::from((Ipv4Addr::LOCALHOST, port)));
    }
    // The examples keep the port the text seems to mean.
    let port = (text.rsplit(':').next())
        .and_then(|port| port.parse::<u16>().ok())
        .unwrap_or(8080);
    Err(format!(
        "`{text}` is not an address to listen on: give IP:PORT, like 127.0.0.1:{port} \
         (this machine only) or 0.0.0.0:{port} (every interface)"
    ))
}

/// What went wrong when the socket at `address` could not be bound:
/// "cannot listen on ADDRESS", and what to do when the error says.
pub(crate) fn cannot_listen(address: SocketAddr, error: &io::Error) -> String {
    let hint = match error.kind() {
        io::ErrorKind::AddrInUse => {
            "another process listens there: stop it or choose another --addr"
        }
        io::ErrorKind::PermissionDenied if address.port() < 1024 => {
            "ports below 1024 need privileges: choose a port from 1024 up, like 8080, behind \
             a reverse proxy on 80 and 443, or give the binary the right to bind low ports \
             (`setcap cap_net_bind_service=+ep unstuck`)"
        }
        io::ErrorKind::AddrNotAvailable => {
            "this machine has no such address: use 127.0.0.1 (this machine only) or 0.0.0.0 \
             (every interface)"
        }
        _ => return format!("cannot listen on {address}"),
    };
    format!("cannot listen on {address}: {hint}")
}

#[cfg(test)]
mod tests {
    use super::{cannot_listen, parse_address};
    use std::io::{Error, ErrorKind};

    #[test]
    fn addresses_are_ip_and_port_or_localhost_and_port() {
        let read = |text: &str| parse_address(text).map(|address| address.to_string());
        assert_eq!(read("127.0.0.1:8080").as_deref(), Ok("127.0.0.1:8080"));
        assert_eq!(read("[::1]:8080").as_deref(), Ok("[::1]:8080"));
        assert_eq!(read("localhost:9000").as_deref(), Ok("127.0.0.1:9000"));
        assert_eq!(read("LocalHost:9000").as_deref(), Ok("127.0.0.1:9000"));
        let refused = |text: &str| parse_address(text).err().unwrap_or_default();
        assert_eq!(
            refused("8080"),
            "`8080` is not an address to listen on: give IP:PORT, like 127.0.0.1:8080 \
             (this machine only) or 0.0.0.0:8080 (every interface)"
        );
        assert!(refused("127.0.0.1").contains("like 127.0.0.1:8080"));
        assert!(refused("example.com:443").contains("like 127.0.0.1:443"));
        assert!(refused("localhost").contains("give IP:PORT"));
        assert!(refused("localhost:99999").contains("give IP:PORT"));
    }

    #[test]
    fn a_socket_that_cannot_be_bound_says_what_to_do() {
        let message = |address: &str, kind: ErrorKind| {
            let address = parse_address(address).unwrap_or_else(|e| panic!("{e}"));
            cannot_listen(address, &Error::from(kind))
        };
        assert_eq!(
            message("127.0.0.1:8080", ErrorKind::AddrInUse),
            "cannot listen on 127.0.0.1:8080: another process listens there: stop it or \
             choose another --addr"
        );
        assert!(
            message("0.0.0.0:80", ErrorKind::PermissionDenied)
                .starts_with("cannot listen on 0.0.0.0:80: ports below 1024 need privileges")
        );
        assert_eq!(
            message("0.0.0.0:8080", ErrorKind::PermissionDenied),
            "cannot listen on 0.0.0.0:8080"
        );
        assert!(
            message("192.0.2.1:8080", ErrorKind::AddrNotAvailable)
                .contains("this machine has no such address")
        );
    }
}
