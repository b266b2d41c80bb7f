//! Accumulators behind the report: counts, exact time integrals (server-nanoseconds
//! busy, request-nanoseconds present) kept in integers, the latency histogram and batch
//! means for the precision of the mean. All restart at the end of warm-up.
//!
//! An integral of a count n(t) from `t0` is kept as `base` with integral = base + n x now:
//! each +1 at time t subtracts t from `base` and each -1 adds it, so a change costs one
//! addition instead of a multiplication by the time since the last change. The arithmetic
//! wraps, which is exact because the integral itself fits.

use super::histogram::Histogram;

/// Batches of the measured window, by departure time, for the batch-means estimate.
pub(crate) const BATCHES: usize = 20;

/// Per station.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct StationAcc {
    /// Busy server-nanoseconds = `busy_base` + busy x now (wrapping).
    busy_base: u128,
    /// Request-nanoseconds present = `present_base` + present x now (wrapping).
    present_base: u128,
    pub(crate) in_flight_start: u64,
    pub(crate) arrived: u64,
    pub(crate) completed: u64,
    pub(crate) dropped: u64,
    /// Arrivals that found every server busy and waited.
    pub(crate) waited: u64,
    pub(crate) sojourn_ns: u128,
    pub(crate) peak_present: u64,
}

impl StationAcc {
    /// A server starts serving at `now_ns`.
    #[inline(always)]
    pub(crate) fn start_service(&mut self, now_ns: u64) {
        self.busy_base = self.busy_base.wrapping_sub(u128::from(now_ns));
    }

    /// A server stops serving at `now_ns`.
    #[inline(always)]
    pub(crate) fn end_service(&mut self, now_ns: u64) {
        self.busy_base = self.busy_base.wrapping_add(u128::from(now_ns));
    }

    /// A request is accepted at `now_ns`.
    #[inline(always)]
    pub(crate) fn enter(&mut self, now_ns: u64) {
        self.present_base = self.present_base.wrapping_sub(u128::from(now_ns));
    }

    /// A request leaves at `now_ns`.
    #[inline(always)]
    pub(crate) fn leave(&mut self, now_ns: u64) {
        self.present_base = self.present_base.wrapping_add(u128::from(now_ns));
    }

    /// The integrals since the restart, at `now_ns`, with `busy` and `present` now.
    pub(crate) fn areas_at(&self, now_ns: u64, busy: u64, present: u64) -> (u128, u128) {
        let now = u128::from(now_ns);
        (self.busy_base.wrapping_add(u128::from(busy) * now), self.present_base.wrapping_add(u128::from(present) * now))
    }

    /// Measurement starts at `at_ns` with `busy` and `present`: every count and integral
    /// is zero.
    pub(crate) fn restart(&mut self, at_ns: u64, busy: u64, present: u64) {
        let at = u128::from(at_ns);
        *self = Self {
            busy_base: 0u128.wrapping_sub(u128::from(busy) * at),
            present_base: 0u128.wrapping_sub(u128::from(present) * at),
            in_flight_start: present,
            peak_present: present,
            ..Self::default()
        };
    }
}

/// End to end.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct NetworkAcc {
    pub(crate) present: u64,
    /// Request-nanoseconds present = `present_base` + present x now (wrapping).
    present_base: u128,
    pub(crate) in_flight_start: u64,
    pub(crate) arrived: u64,
    pub(crate) completed: u64,
    pub(crate) dropped: u64,
    pub(crate) latency: Histogram,
    pub(crate) latency_sum_ns: u128,
    pub(crate) latency_max_ns: u64,
    pub(crate) batches: BatchMeans,
}

impl Default for NetworkAcc {
    fn default() -> Self {
        Self {
            present: 0,
            present_base: 0,
            in_flight_start: 0,
            arrived: 0,
            completed: 0,
            dropped: 0,
            latency: Histogram::default(),
            latency_sum_ns: 0,
            latency_max_ns: 0,
            batches: BatchMeans::new(0, u64::MAX),
        }
    }
}

impl NetworkAcc {
    /// The integral of requests present since the restart, at `now_ns`.
    pub(crate) fn present_area_at(&self, now_ns: u64) -> u128 {
        self.present_base.wrapping_add(u128::from(self.present) * u128::from(now_ns))
    }

    #[inline(always)]
    pub(crate) fn arrive(&mut self, now_ns: u64) {
        self.present_base = self.present_base.wrapping_sub(u128::from(now_ns));
        self.arrived += 1;
        self.present += 1;
    }

    /// A request leaves, completed or dropped. Returns false if none was present, which
    /// would be a bug in the engine.
    #[inline(always)]
    fn leave(&mut self, now_ns: u64) -> bool {
        match self.present.checked_sub(1) {
            Some(present) => {
                self.present_base = self.present_base.wrapping_add(u128::from(now_ns));
                self.present = present;
                true
            }
            None => false,
        }
    }

    #[inline(always)]
    pub(crate) fn drop_one(&mut self, now_ns: u64) -> bool {
        self.dropped += 1;
        self.leave(now_ns)
    }

    #[inline(always)]
    pub(crate) fn complete(&mut self, now_ns: u64, latency_ns: u64) -> bool {
        self.completed += 1;
        self.latency.record(latency_ns);
        self.latency_sum_ns += u128::from(latency_ns);
        self.latency_max_ns = self.latency_max_ns.max(latency_ns);
        self.batches.record(now_ns, latency_ns);
        self.leave(now_ns)
    }

    /// Measurement starts at `at_ns` and is planned to end at `end_ns`.
    pub(crate) fn restart(&mut self, at_ns: u64, end_ns: u64) {
        self.present_base = 0u128.wrapping_sub(u128::from(self.present) * u128::from(at_ns));
        self.in_flight_start = self.present;
        self.arrived = 0;
        self.completed = 0;
        self.dropped = 0;
        self.latency.clear();
        self.latency_sum_ns = 0;
        self.latency_max_ns = 0;
        self.batches = BatchMeans::new(at_ns, end_ns);
    }
}

/// Mean latency per batch of the measured window (by departure time).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct BatchMeans {
    len_ns: u64,
    next_end_ns: u64,
    current: usize,
    sums_ns: [u128; BATCHES],
    counts: [u64; BATCHES],
}

impl BatchMeans {
    fn new(start_ns: u64, end_ns: u64) -> Self {
        let len_ns = (end_ns.saturating_sub(start_ns) / BATCHES as u64).max(1);
        Self {
            len_ns,
            next_end_ns: start_ns.saturating_add(len_ns),
            current: 0,
            sums_ns: [0; BATCHES],
            counts: [0; BATCHES],
        }
    }

    #[inline(always)]
    fn record(&mut self, now_ns: u64, latency_ns: u64) {
        while now_ns >= self.next_end_ns && self.current + 1 < BATCHES {
            self.current += 1;
            self.next_end_ns = self.next_end_ns.saturating_add(self.len_ns);
        }
        if let (Some(sum), Some(count)) = (self.sums_ns.get_mut(self.current), self.counts.get_mut(self.current)) {
            *sum += u128::from(latency_ns);
            *count += 1;
        }
    }

    /// The standard error of the mean latency in nanoseconds, from the spread of the
    /// batch means; `None` with fewer than two non-empty batches.
    pub(crate) fn std_error_ns(&self) -> Option<f64> {
        let means: Vec<f64> = self
            .sums_ns
            .iter()
            .zip(&self.counts)
            .filter(|(_, count)| **count > 0)
            .map(|(sum, count)| *sum as f64 / *count as f64)
            .collect();
        let k = means.len() as f64;
        if means.len() < 2 {
            return None;
        }
        let mean = means.iter().sum::<f64>() / k;
        let variance = means.iter().map(|m| (m - mean) * (m - mean)).sum::<f64>() / (k - 1.0);
        Some(libm::sqrt(variance / k))
    }
}
