//! A latency histogram over whole nanoseconds with log-spaced buckets: exact below 256 ns,
//! then 256 buckets per power of two, so a bucket is at most 1/256 (0.39 %) of its
//! values wide and a percentile read from its middle is within 0.2 %. Indexing is integer
//! arithmetic only (the position of the top bit and the next eight bits), with no
//! logarithm, so recording costs a few instructions.

/// log2 of the buckets per power of two.
const SUB_BITS: u32 = 8;
const SUB: u64 = 1 << SUB_BITS;
/// Enough buckets for every `u64`.
const BUCKETS: usize = ((64 - SUB_BITS as usize) * SUB as usize) + SUB as usize;

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Histogram {
    counts: Vec<u64>,
    total: u64,
}

impl Default for Histogram {
    fn default() -> Self {
        Self { counts: vec![0; BUCKETS], total: 0 }
    }
}

impl Histogram {
    #[inline(always)]
    pub(crate) fn record(&mut self, ns: u64) {
        if let Some(count) = self.counts.get_mut(bucket_of(ns)) {
            *count += 1;
            self.total += 1;
        }
    }

    pub(crate) fn clear(&mut self) {
        self.counts.fill(0);
        self.total = 0;
    }

    pub(crate) fn total(&self) -> u64 {
        self.total
    }

    /// The value at quantile `q` (0 < q <= 1): the middle of the bucket that holds the
    /// ceil(q x n)-th smallest value. `None` when empty.
    pub(crate) fn quantile_ns(&self, q: f64) -> Option<f64> {
        if self.total == 0 {
            return None;
        }
        let rank = ((q * self.total as f64).ceil() as u64).clamp(1, self.total);
        let mut seen = 0;
        for (index, &count) in self.counts.iter().enumerate() {
            seen += count;
            if seen >= rank {
                return Some(middle_of(index));
            }
        }
        None
    }
}

/// A histogram frozen for drawing values from: the non-empty buckets with their
/// cumulative counts. A draw picks a bucket by rank, then a point uniformly within it.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Empirical {
    /// (cumulative count up to and including the bucket, its lowest value, its width).
    buckets: Vec<(u64, f64, f64)>,
    total: u64,
}

impl Empirical {
    pub(crate) fn new(histogram: &Histogram) -> Self {
        let mut buckets = Vec::new();
        let mut seen = 0;
        for (index, &count) in histogram.counts.iter().enumerate() {
            if count > 0 {
                seen += count;
                let (low, width) = span_of(index);
                buckets.push((seen, low, width));
            }
        }
        Self { buckets, total: seen }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.total == 0
    }

    /// A value in nanoseconds for two uniform numbers on [0, 1); 0 when empty.
    pub(crate) fn draw_ns(&self, u: f64, v: f64) -> f64 {
        let rank = ((u * self.total as f64) as u64).min(self.total.saturating_sub(1));
        let at = self.buckets.partition_point(|&(cumulative, _, _)| cumulative <= rank);
        self.buckets.get(at).map_or(0.0, |&(_, low, width)| low + v * width)
    }
}

/// The lowest whole nanosecond a bucket holds and how many it spans.
fn span_of(index: usize) -> (f64, f64) {
    let index = index as u64;
    if index < SUB {
        return (index as f64, 1.0);
    }
    let shift = index / SUB - 1;
    ((((index - shift * SUB) << shift) as f64), (1u64 << shift) as f64)
}

#[inline(always)]
fn bucket_of(ns: u64) -> usize {
    if ns < SUB {
        return ns as usize;
    }
    let shift = (63 - ns.leading_zeros()) - SUB_BITS;
    // ns >> shift has its top bit at SUB_BITS: it lies in [SUB, 2 SUB).
    (u64::from(shift) * SUB + (ns >> shift)) as usize
}

/// The middle of the whole nanoseconds a bucket holds.
fn middle_of(index: usize) -> f64 {
    let index = index as u64;
    if index < SUB {
        return index as f64;
    }
    let shift = index / SUB - 1;
    let low = (index - shift * SUB) << shift;
    let width = 1u64 << shift;
    low as f64 + (width - 1) as f64 / 2.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_are_contiguous_and_narrow() {
        for ns in [0, 1, 255, 256, 511, 512, 513, 1_000, 123_456_789, u64::MAX / 3, u64::MAX] {
            let index = bucket_of(ns);
            assert!(index < BUCKETS, "{ns}");
            let middle = middle_of(index);
            assert!((middle - ns as f64).abs() <= ns as f64 / 512.0 + 0.5, "{ns} -> {middle}");
        }
        for ns in 0..5_000u64 {
            assert!(bucket_of(ns + 1) - bucket_of(ns) <= 1, "{ns}");
        }
    }

    #[test]
    fn draws_follow_the_recorded_distribution() {
        let mut histogram = Histogram::default();
        for ns in [10, 10, 10, 1_000_000] {
            histogram.record(ns);
        }
        let empirical = Empirical::new(&histogram);
        assert_eq!(empirical.draw_ns(0.0, 0.5), 10.5);
        assert_eq!(empirical.draw_ns(0.74, 0.0), 10.0);
        let big = empirical.draw_ns(0.76, 0.5);
        assert!((big - 1_000_000.0).abs() < 1_000_000.0 / 256.0, "{big}");
        assert_eq!(Empirical::new(&Histogram::default()).draw_ns(0.3, 0.3), 0.0);
    }

    #[test]
    fn quantiles_come_from_ranks() {
        let mut histogram = Histogram::default();
        for ns in 1..=100 {
            histogram.record(ns);
        }
        assert_eq!(histogram.quantile_ns(0.5), Some(50.0));
        assert_eq!(histogram.quantile_ns(0.99), Some(99.0));
        assert_eq!(histogram.quantile_ns(1.0), Some(100.0));
        histogram.clear();
        assert_eq!(histogram.quantile_ns(0.5), None);
    }
}
