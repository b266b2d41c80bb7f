//! The pending service completions: a calendar queue (Brown, "Calendar queues", CACM
//! 31(10), 1988) over integer time, which hands events out in exactly the order of their
//! keys, (time, sequence number), as a heap would, for a few instructions per event
//! whatever the number pending.
//!
//! Time is cut into buckets of 2^`shift` nanoseconds. The events of the current bucket
//! (and any earlier one) are in `due`, sorted; those of the next `ring` buckets hang in
//! one unsorted list per bucket, threaded through `nodes` by request slot (a request has
//! at most one pending completion, so its slot names its event); the few further out wait
//! in a heap. Scheduling into a future bucket is a push onto its list; when `due` runs
//! out, the next non-empty bucket (found in a bitmap) is sorted into it. Every bucket of
//! the ring is later than every event in `due`, so the order is exact. The bucket width
//! and the ring's length follow the run: every [`ADAPT_EVERY`] events the queue measures
//! the simulated time between events and the number pending, and rebuilds itself if
//! either is far from what it was sized for (a function of the run alone, so
//! deterministic).

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use super::events::{key, slot_of, time_of};

/// Marks the end of a bucket's list.
const NIL: u32 = u32::MAX;
/// Events taken between two looks at the bucket width.
const ADAPT_EVERY: u32 = 4_096;
/// Aim for about this many events per bucket (log2).
const PER_BUCKET_LOG2: u32 = 2;
/// The fewest buckets in the ring.
const MIN_RING: usize = 256;
/// The first bucket width (log2 of nanoseconds), until the first measurement.
const FIRST_SHIFT: u32 = 16;

#[derive(Clone, Copy, Debug, Default)]
struct Node {
    key: u128,
    next: u32,
}

#[derive(Clone, Debug)]
pub(crate) struct EventQueue {
    next_seq: u64,
    /// log2 of a bucket's width in nanoseconds.
    shift: u32,
    /// The current bucket: every event of this bucket or an earlier one is in `due`.
    current: u64,
    /// Events of buckets up to `current`, latest first (the next one is last).
    due: Vec<u128>,
    /// Per bucket of the ring (bucket number modulo its length): its first node, or NIL.
    heads: Box<[u32]>,
    /// One bit per bucket of the ring: it has events.
    occupied: Box<[u64]>,
    /// Per request slot: its pending event in a bucket's list, and the next in the list.
    nodes: Vec<Node>,
    /// Events too far ahead for the ring.
    far: BinaryHeap<Reverse<u128>>,
    len: usize,
    /// Events taken until the next look at the bucket width, and the time of the look.
    until_adapt: u32,
    adapted_at_ns: u64,
    /// The time of the last event taken.
    last_ns: u64,
}

impl Default for EventQueue {
    fn default() -> Self {
        Self {
            next_seq: 0,
            shift: FIRST_SHIFT,
            current: 0,
            due: Vec::new(),
            heads: vec![NIL; MIN_RING].into(),
            occupied: vec![0; MIN_RING / 64].into(),
            nodes: Vec::new(),
            far: BinaryHeap::new(),
            len: 0,
            until_adapt: ADAPT_EVERY,
            adapted_at_ns: 0,
            last_ns: 0,
        }
    }
}

impl EventQueue {
    #[inline(always)]
    pub(crate) fn next_seq(&mut self) -> u64 {
        let seq = self.next_seq;
        self.next_seq += 1;
        seq
    }

    /// Schedules the completion of the request in `slot` at `time_ns`. The request must
    /// have no other pending completion.
    #[inline(always)]
    pub(crate) fn schedule(&mut self, time_ns: u64, slot: u32) {
        let seq = self.next_seq();
        self.len += 1;
        self.place(key(time_ns, seq, slot));
    }

    /// The earliest pending completion's key; `u128::MAX` when there is none.
    #[inline(always)]
    pub(crate) fn peek(&mut self) -> u128 {
        match self.due.last() {
            Some(&key) => key,
            None => self.refill(),
        }
    }

    /// Removes and returns the earliest pending completion.
    #[inline(always)]
    pub(crate) fn pop(&mut self) -> Option<u128> {
        if self.due.is_empty() {
            self.refill();
        }
        let key = self.due.pop()?;
        self.len -= 1;
        self.last_ns = time_of(key);
        self.until_adapt -= 1;
        if self.until_adapt == 0 {
            self.adapt();
        }
        Some(key)
    }

    #[inline(always)]
    fn bucket_of(&self, key: u128) -> u64 {
        time_of(key) >> self.shift
    }

    /// Puts an event where it belongs: `due`, a bucket's list or `far`.
    #[inline(always)]
    fn place(&mut self, key: u128) {
        let bucket = self.bucket_of(key);
        if bucket > self.current && bucket - self.current < self.heads.len() as u64 {
            self.push_to_bucket(bucket, key);
        } else {
            self.place_out_of_ring(bucket, key);
        }
    }

    #[inline(never)]
    fn place_out_of_ring(&mut self, bucket: u64, key: u128) {
        if bucket <= self.current {
            self.insert_due(key);
        } else {
            self.far.push(Reverse(key));
        }
    }

    #[inline(always)]
    fn push_to_bucket(&mut self, bucket: u64, key: u128) {
        let index = bucket as usize & (self.heads.len() - 1);
        let slot = slot_of(key) as usize;
        if slot >= self.nodes.len() {
            self.nodes.resize(slot + 1, Node::default());
        }
        if let (Some(head), Some(node), Some(bits)) =
            (self.heads.get_mut(index), self.nodes.get_mut(slot), self.occupied.get_mut(index / 64))
        {
            *node = Node { key, next: *head };
            *head = slot as u32;
            *bits |= 1 << (index % 64);
        }
    }

    /// Inserts into `due`, keeping it sorted latest first.
    fn insert_due(&mut self, key: u128) {
        self.due.push(key);
        sort_last_in(&mut self.due);
    }

    /// Moves the next non-empty bucket into `due` (or the earliest far events, if the
    /// ring is empty) and returns the earliest key, `u128::MAX` if none is pending.
    #[inline(never)]
    fn refill(&mut self) -> u128 {
        if self.len == 0 {
            return u128::MAX;
        }
        match self.next_occupied() {
            Some(bucket) => {
                self.current = bucket;
                self.take_bucket(bucket);
            }
            None => {
                // The ring is empty: jump to the earliest far event's bucket.
                if let Some(&Reverse(key)) = self.far.peek() {
                    self.current = self.bucket_of(key);
                }
            }
        }
        self.bring_far_in();
        self.due.last().copied().unwrap_or(u128::MAX)
    }

    /// The first bucket after `current` with events in the ring.
    fn next_occupied(&self) -> Option<u64> {
        let len = self.heads.len();
        let start = (self.current as usize).wrapping_add(1) & (len - 1);
        // A power of two, as the ring's length is.
        let words = self.occupied.len();
        // The first word from `start`'s bit on, then whole words, then the first again.
        for step in 0..=words {
            let word = (start / 64 + step) & (words - 1);
            let mut bits = self.occupied.get(word).copied().unwrap_or(0);
            if step == 0 {
                bits &= u64::MAX << (start % 64);
            }
            if bits != 0 {
                let index = word * 64 + bits.trailing_zeros() as usize;
                let ahead = index.wrapping_sub(start) & (len - 1);
                return Some(self.current + 1 + ahead as u64);
            }
        }
        None
    }

    /// Sorts the events of `bucket`'s list into `due`.
    fn take_bucket(&mut self, bucket: u64) {
        let index = bucket as usize & (self.heads.len() - 1);
        let mut slot = self.heads.get_mut(index).map_or(NIL, |head| std::mem::replace(head, NIL));
        if let Some(bits) = self.occupied.get_mut(index / 64) {
            *bits &= !(1 << (index % 64));
        }
        // A list holds at most one node per slot; the bound only guards against a bug.
        for _ in 0..self.nodes.len() {
            let Some(node) = self.nodes.get(slot as usize) else { break };
            self.due.push(node.key);
            sort_last_in(&mut self.due);
            slot = node.next;
        }
    }

    /// Moves the far events that now fall within the ring (or are due) to their place.
    fn bring_far_in(&mut self) {
        let ring = self.heads.len() as u64;
        while let Some(&Reverse(key)) = self.far.peek() {
            if self.bucket_of(key).saturating_sub(self.current) >= ring {
                break;
            }
            self.far.pop();
            self.place(key);
        }
    }

    /// Resizes the buckets to the run: about 2^PER_BUCKET_LOG2 events each, and a ring
    /// of at least twice as many buckets as there are events pending.
    #[cold]
    #[inline(never)]
    fn adapt(&mut self) {
        self.until_adapt = ADAPT_EVERY;
        let gap_ns = self.last_ns.saturating_sub(self.adapted_at_ns) / u64::from(ADAPT_EVERY);
        self.adapted_at_ns = self.last_ns;
        let shift = (63 - gap_ns.max(1).leading_zeros()) + PER_BUCKET_LOG2;
        let ring = (2 * self.len).next_power_of_two().max(MIN_RING);
        let ring_len = self.heads.len();
        if shift.abs_diff(self.shift) <= 1 && ring <= 2 * ring_len && 8 * ring >= ring_len {
            return;
        }
        let mut keys = std::mem::take(&mut self.due);
        keys.extend(self.far.drain().map(|Reverse(key)| key));
        for index in 0..ring_len {
            let Some(mut slot) = self.heads.get(index).copied() else { break };
            for _ in 0..self.nodes.len() {
                let Some(node) = self.nodes.get(slot as usize) else { break };
                keys.push(node.key);
                slot = node.next;
            }
        }
        self.shift = shift;
        self.current = self.last_ns >> shift;
        self.heads = vec![NIL; ring].into();
        self.occupied = vec![0; ring / 64].into();
        for key in keys {
            self.place(key);
        }
    }
}

/// Moves the last key of `keys` back to its place, the rest being sorted latest first:
/// one step of an insertion sort, cheaper than a general sort for a bucket's few keys.
#[inline(always)]
fn sort_last_in(keys: &mut [u128]) {
    let Some((&mut key, before)) = keys.split_last_mut() else { return };
    let mut at = before.len();
    // `at` counts down from `before.len()`, so `at - 1` and `at` index `keys`.
    #[allow(clippy::indexing_slicing)]
    while at > 0 && keys[at - 1] < key {
        keys[at] = keys[at - 1];
        at -= 1;
    }
    if let Some(place) = keys.get_mut(at) {
        *place = key;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Pops everything, scheduling a follow-up for the first `follow_ups` events taken.
    fn drain(queue: &mut EventQueue, mut state: u64, mut follow_ups: u32, spread_ns: u64) -> Vec<u128> {
        let mut out = Vec::new();
        while let Some(top) = queue.pop() {
            out.push(top);
            if follow_ups > 0 {
                follow_ups -= 1;
                state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                queue.schedule(time_of(top) + (state >> 33) % spread_ns, slot_of(top));
            }
            assert_eq!(queue.peek(), queue.due.last().copied().unwrap_or(u128::MAX));
        }
        out
    }

    #[test]
    fn events_come_out_in_time_then_sequence_order() {
        for spread_ns in [1, 100, 1_000_000, 1 << 40] {
            let mut queue = EventQueue::default();
            let mut state = 12_345u64;
            for slot in 0..1_000u32 {
                state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                queue.schedule((state >> 33) % spread_ns, slot);
            }
            let out = drain(&mut queue, state, 50_000, spread_ns);
            assert_eq!(out.len(), 51_000);
            assert!(out.windows(2).all(|w| w[0] < w[1]), "spread {spread_ns}");
            assert_eq!(queue.peek(), u128::MAX);
        }
    }

    #[test]
    fn equal_times_keep_scheduling_order() {
        let mut queue = EventQueue::default();
        for slot in 0..100u32 {
            queue.schedule(7 + u64::from(slot % 3) * (1 << 30), slot);
        }
        let out: Vec<u128> = std::iter::from_fn(|| queue.pop()).collect();
        assert_eq!(out.len(), 100);
        assert!(out.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(
            out.iter().take(34).map(|&k| slot_of(k)).collect::<Vec<_>>(),
            (0..100).step_by(3).collect::<Vec<_>>()
        );
    }
}
