//! Per-client limits, kept in memory only: how often a client may do
//! something (send feedback, have its visits recorded), how many analytics
//! sessions it may start in a day, and how many wrong admin tokens it may
//! send before it is shut out for a while. A client is its address.

use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use std::collections::HashMap;
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::Mutex;
use std::time::{Duration, Instant};

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

/// How long wrong admin tokens count against a client.
const LOGIN_WINDOW: Duration = Duration::from_secs(60);

/// Wrong admin tokens per client. Unlike a rate, it shuts a client out:
/// once it has sent `limit` wrong tokens in a minute, every attempt from it
/// is refused until that minute is over, even with the right token, so a
/// guesser learns nothing from trying on.
pub(crate) struct FailedLogins {
    limit: u32,
    clients: Mutex<HashMap<IpAddr, Strikes>>,
}

/// A client's wrong tokens since `since`.
struct Strikes {
    since: Instant,
    count: u32,
}

impl FailedLogins {
    /// At most `limit` wrong tokens per client a minute.
    pub(crate) fn new(limit: NonZeroU32) -> Self {
        Self {
            limit: limit.get(),
            clients: Mutex::new(HashMap::new()),
        }
    }

    fn clients(&self) -> std::sync::MutexGuard<'_, HashMap<IpAddr, Strikes>> {
        match self.clients.lock() {
            Ok(clients) => clients,
            Err(poisoned) => poisoned.into_inner(),
        }
    }

    /// Whether `client` is shut out now.
    pub(crate) fn shuts_out(&self, client: IpAddr) -> bool {
        self.clients().get(&client).is_some_and(|strikes| {
            strikes.since.elapsed() < LOGIN_WINDOW && strikes.count >= self.limit
        })
    }

    /// Counts a wrong token from `client`; returns its wrong tokens in the
    /// current minute.
    pub(crate) fn fail(&self, client: IpAddr) -> u32 {
        let mut clients = self.clients();
        let strikes = clients.entry(client).or_insert(Strikes {
            since: Instant::now(),
            count: 0,
        });
        if strikes.since.elapsed() >= LOGIN_WINDOW {
            *strikes = Strikes {
                since: Instant::now(),
                count: 0,
            };
        }
        strikes.count += 1;
        strikes.count
    }

    /// Forgets clients whose minute is over.
    pub(crate) fn forget_idle(&self) {
        self.clients()
            .retain(|_, strikes| strikes.since.elapsed() < LOGIN_WINDOW);
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
