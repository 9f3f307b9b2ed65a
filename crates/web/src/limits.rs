//! Per-client limits, kept in memory only: how often a client may do
//! something (send feedback, have its visits recorded), and how many
//! analytics sessions it may start in a day. A client is its address.

use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use std::collections::HashMap;
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::Mutex;

/// A rate per client: a burst of `n`, refilled evenly over a minute.
pub(crate) struct PerMinute(DefaultKeyedRateLimiter<IpAddr>);

impl PerMinute {
    /// At most `n` a minute per client.
    pub(crate) fn new(n: NonZeroU32) -> Self {
        Self(RateLimiter::keyed(Quota::per_minute(n)))
    }

    /// Whether `client` may act now; if so, the act is counted.
    pub(crate) fn allows(&self, client: IpAddr) -> bool {
        self.0.check_key(&client).is_ok()
    }

    /// Forgets clients that have not acted lately.
    pub(crate) fn forget_idle(&self) {
        self.0.retain_recent();
    }
}

/// The most clients whose sessions of the day are tracked; past it, new
/// clients get no session until the next day (memory stays bounded).
const MAX_CLIENTS: usize = 100_000;

/// At most so many distinct analytics sessions per client and day.
pub(crate) struct DailySessions {
    cap: usize,
    clients: Mutex<HashMap<IpAddr, ClientDay>>,
}

/// The sessions one client has on one day.
struct ClientDay {
    day: i64,
    sessions: Vec<String>,
}

impl DailySessions {
    /// At most `cap` sessions per client and day.
    pub(crate) fn new(cap: NonZeroU32) -> Self {
        Self {
            cap: cap.get() as usize,
            clients: Mutex::new(HashMap::new()),
        }
    }

    /// Whether `client` may have `session` on `day`: one it already has,
    /// or a new one under the cap (which is then counted).
    pub(crate) fn admits(&self, client: IpAddr, day: i64, session: &str) -> bool {
        let mut clients = match self.clients.lock() {
            Ok(clients) => clients,
            Err(poisoned) => poisoned.into_inner(),
        };
        if clients.len() >= MAX_CLIENTS && !clients.contains_key(&client) {
            return false;
        }
        let today = clients.entry(client).or_insert_with(|| ClientDay {
            day,
            sessions: Vec::new(),
        });
        if today.day != day {
            today.day = day;
            today.sessions.clear();
        }
        if today.sessions.iter().any(|known| known == session) {
            return true;
        }
        if today.sessions.len() >= self.cap {
            return false;
        }
        today.sessions.push(session.to_owned());
        true
    }

    /// Forgets the clients last seen before `day`.
    pub(crate) fn forget_before(&self, day: i64) {
        let mut clients = match self.clients.lock() {
            Ok(clients) => clients,
            Err(poisoned) => poisoned.into_inner(),
        };
        clients.retain(|_, client| client.day >= day);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_client_gets_so_many_sessions_a_day_and_more_the_next_day() {
        let sessions = DailySessions::new(NonZeroU32::new(2).expect("non-zero"));
        let client = IpAddr::from([10, 0, 0, 1]);
        assert!(sessions.admits(client, 1, "a"));
        assert!(sessions.admits(client, 1, "b"));
        assert!(sessions.admits(client, 1, "a"), "a known session goes on");
        assert!(!sessions.admits(client, 1, "c"));
        assert!(sessions.admits(IpAddr::from([10, 0, 0, 2]), 1, "c"));
        assert!(sessions.admits(client, 2, "c"), "a new day");
    }
}
