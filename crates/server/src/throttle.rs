//! Slows down guessing of join codes. Each client address may get a few codes wrong; after
//! that it must wait before its next try, twice as long after each further mistake. Across
//! all addresses, only so many codes are checked per minute. A code is 8 characters from 32,
//! so at the overall limit one live code takes years to guess, and it expires in days.
//!
//! Addresses are what the server sees: behind carrier-grade NAT many phones share one, so the
//! free mistakes are generous and a success never counts against an address.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The limits; tests shorten them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ThrottleLimits {
    /// Wrong codes an address may send before it has to wait.
    pub free_mistakes: u32,
    /// The first wait; each further mistake doubles it.
    pub first_wait: Duration,
    pub longest_wait: Duration,
    /// Codes checked per minute from all addresses together.
    pub checks_per_minute: u32,
    /// An address with no mistake for this long is forgotten.
    pub forget_after: Duration,
    /// Addresses remembered at most; beyond it, new addresses wait for the overall limit.
    pub max_clients: usize,
}

impl Default for ThrottleLimits {
    fn default() -> ThrottleLimits {
        ThrottleLimits {
            free_mistakes: 10,
            first_wait: Duration::from_secs(2),
            longest_wait: Duration::from_secs(15 * 60),
            checks_per_minute: 600,
            forget_after: Duration::from_secs(3600),
            max_clients: 100_000,
        }
    }
}

#[derive(Debug)]
struct Client {
    mistakes: u32,
    wait_until: Option<Instant>,
    last_mistake: Instant,
}

#[derive(Debug)]
struct State {
    clients: HashMap<IpAddr, Client>,
    minute_started: Instant,
    checks_this_minute: u32,
}

#[derive(Debug)]
pub struct EnrollThrottle {
    limits: ThrottleLimits,
    state: Mutex<State>,
}

/// IPv6 clients get a /64 each, so one client cannot dodge the limit by changing address.
pub(crate) fn client_key(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V4(_) => ip,
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => {
                let mut octets = v6.octets();
                octets[8..].fill(0);
                IpAddr::from(octets)
            }
        },
    }
}

impl EnrollThrottle {
    pub fn new(limits: ThrottleLimits) -> EnrollThrottle {
        EnrollThrottle {
            limits,
            state: Mutex::new(State { clients: HashMap::new(), minute_started: Instant::now(), checks_this_minute: 0 }),
        }
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Whether a code from `ip` may be checked now; if not, how long to wait. An admitted
    /// attempt counts as a mistake until [`EnrollThrottle::refund`] says it succeeded, so that
    /// many guesses sent at once are counted before any of them is answered.
    pub fn admit(&self, ip: IpAddr) -> Result<(), Duration> {
        let now = Instant::now();
        let limits = self.limits;
        let mut state = self.state();
        let key = client_key(ip);
        if let Some(until) = state.clients.get(&key).and_then(|c| c.wait_until).filter(|until| *until > now) {
            return Err(until - now);
        }
        let minute = Duration::from_secs(60);
        if now.duration_since(state.minute_started) >= minute {
            state.minute_started = now;
            state.checks_this_minute = 0;
        }
        if state.checks_this_minute >= limits.checks_per_minute {
            return Err(minute.saturating_sub(now.duration_since(state.minute_started)));
        }
        if state.clients.len() >= limits.max_clients {
            state.clients.retain(|_, c| now.duration_since(c.last_mistake) < limits.forget_after);
        }
        if state.clients.len() >= limits.max_clients && !state.clients.contains_key(&key) {
            // Too many addresses to remember: only the overall limit holds them back.
            state.checks_this_minute += 1;
            return Ok(());
        }
        state.checks_this_minute += 1;
        let client = state.clients.entry(key).or_insert(Client { mistakes: 0, wait_until: None, last_mistake: now });
        if now.duration_since(client.last_mistake) >= limits.forget_after {
            client.mistakes = 0;
        }
        client.mistakes = client.mistakes.saturating_add(1);
        client.last_mistake = now;
        if let Some(over) = client.mistakes.checked_sub(limits.free_mistakes) {
            let wait = limits.first_wait.saturating_mul(2u32.saturating_pow(over.min(20))).min(limits.longest_wait);
            client.wait_until = Some(now + wait);
        }
        Ok(())
    }

    /// The attempt admitted for `ip` enrolled a device: it was no mistake.
    pub fn refund(&self, ip: IpAddr) {
        let mut state = self.state();
        if let Some(client) = state.clients.get_mut(&client_key(ip)) {
            client.mistakes = client.mistakes.saturating_sub(1);
            if client.mistakes < self.limits.free_mistakes {
                client.wait_until = None;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits() -> ThrottleLimits {
        ThrottleLimits {
            free_mistakes: 3,
            first_wait: Duration::from_secs(10),
            longest_wait: Duration::from_secs(35),
            checks_per_minute: 100,
            forget_after: Duration::from_secs(3600),
            max_clients: 10,
        }
    }

    #[test]
    fn mistakes_make_an_address_wait_longer_and_longer() {
        let throttle = EnrollThrottle::new(limits());
        let guesser: IpAddr = "10.0.0.1".parse().expect("ip");
        let neighbour: IpAddr = "10.0.0.2".parse().expect("ip");
        for _ in 0..2 {
            assert!(throttle.admit(guesser).is_ok(), "a few mistakes are free");
        }
        assert!(throttle.admit(guesser).is_ok());
        throttle.refund(guesser);
        assert!(throttle.admit(guesser).is_ok(), "a success is no mistake");
        let first = throttle.admit(guesser).expect_err("then it waits");
        assert!(first > Duration::from_secs(5) && first <= Duration::from_secs(10), "{first:?}");
        assert!(throttle.admit(neighbour).is_ok(), "another address is not affected");
    }

    #[test]
    fn each_further_mistake_doubles_the_wait_up_to_a_limit() {
        let throttle = EnrollThrottle::new(ThrottleLimits { free_mistakes: 1, ..limits() });
        let guesser: IpAddr = "10.0.0.1".parse().expect("ip");
        let now = Instant::now();
        let mut waits = Vec::new();
        for _ in 0..4 {
            // What the wait would be after each further mistake, without sleeping through it.
            throttle.state().clients.entry(guesser).and_modify(|c| c.wait_until = None);
            assert!(throttle.admit(guesser).is_ok());
            let until = throttle.state().clients[&guesser].wait_until.expect("waits");
            waits.push((until - now).as_secs_f64().round() as u64);
        }
        assert_eq!(waits, [10, 20, 35, 35]);
    }

    #[test]
    fn only_so_many_codes_are_checked_per_minute_overall() {
        let throttle = EnrollThrottle::new(ThrottleLimits { checks_per_minute: 5, ..limits() });
        let admitted = (1..=20u8).filter(|i| throttle.admit(IpAddr::from([10, 0, 1, *i])).is_ok()).count();
        assert_eq!(admitted, 5);
    }

    #[test]
    fn an_ipv6_client_is_its_slash_64() {
        let a: IpAddr = "2001:db8:1:2::1".parse().expect("ip");
        let b: IpAddr = "2001:db8:1:2:ffff::9".parse().expect("ip");
        assert_eq!(client_key(a), client_key(b));
        let mapped: IpAddr = "::ffff:10.0.0.1".parse().expect("ip");
        assert_eq!(client_key(mapped), "10.0.0.1".parse::<IpAddr>().expect("ip"));
    }
}
