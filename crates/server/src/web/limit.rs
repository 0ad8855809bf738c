//! How many inquiries one client address may send: a few per window, so that the form stays
//! open to buyers and closed to floods. Addresses are keyed by `throttle::client_key`: IPv4
//! as it is (behind carrier-grade NAT many phones share one, hence a generous count), IPv6 by
//! its /64, so that a client cannot dodge the limit by changing address in its network.

use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::throttle::client_key;

/// Addresses remembered at most; past it, those with nothing in the window are forgotten.
const MAX_CLIENTS: usize = 50_000;

#[derive(Debug)]
pub(crate) struct AskLimiter {
    per_window: usize,
    window: Duration,
    sent: Mutex<HashMap<IpAddr, VecDeque<Instant>>>,
}

impl AskLimiter {
    pub fn new(per_window: usize, window: Duration) -> AskLimiter {
        AskLimiter { per_window, window, sent: Mutex::new(HashMap::new()) }
    }

    /// Whether `ip` may send an inquiry now; if not, how long it must wait. Only what
    /// [`AskLimiter::count`] counted holds it back: a buyer correcting a typo is not slowed.
    pub fn check(&self, ip: IpAddr) -> Result<(), Duration> {
        self.admit(ip, false)
    }

    /// Counts an inquiry sent from `ip`.
    pub fn count(&self, ip: IpAddr) {
        // Counted whatever the limit says: a check came first.
        let _ = self.admit(ip, true);
    }

    fn admit(&self, ip: IpAddr, count: bool) -> Result<(), Duration> {
        let now = Instant::now();
        let mut sent = self.sent.lock().unwrap_or_else(|p| p.into_inner());
        if sent.len() >= MAX_CLIENTS {
            sent.retain(|_, times| times.back().is_some_and(|t| now.duration_since(*t) < self.window));
        }
        let times = sent.entry(client_key(ip)).or_default();
        while times.front().is_some_and(|t| now.duration_since(*t) >= self.window) {
            times.pop_front();
        }
        if count {
            times.push_back(now);
        }
        if times.len() > self.per_window || (!count && times.len() == self.per_window) {
            let oldest = times.front().copied().unwrap_or(now);
            return Err(self.window.saturating_sub(now.duration_since(oldest)));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_few_per_window_per_address_and_ipv6_by_its_64() {
        let limiter = AskLimiter::new(2, Duration::from_secs(600));
        let a: IpAddr = "2001:db8:1:2::1".parse().expect("ip");
        let b: IpAddr = "2001:db8:1:2:ffff::9".parse().expect("ip");
        for ip in [a, b] {
            assert!(limiter.check(ip).is_ok());
            limiter.count(ip);
        }
        let wait = limiter.check(a).expect_err("the /64 has sent its two");
        assert!(wait > Duration::from_secs(590));
        assert!(limiter.check("10.0.0.1".parse().expect("ip")).is_ok());
    }
}
