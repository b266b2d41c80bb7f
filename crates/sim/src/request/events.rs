//! The pending events and the requests they concern. An event is a packed 128-bit key,
//! time (64 bits) | sequence number (40 bits) | request slot (24 bits), kept in a binary
//! min-heap: comparing keys compares (time, sequence number), sequence numbers are unique
//! and handed out in scheduling order, so events come out in a total order fixed by the
//! run alone, whatever the heap's layout. A request's data lives in a slot from its
//! arrival into the network until it leaves, so the heap moves 16-byte keys only.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// Bits of a key below the sequence number, holding the request's slot.
const SLOT_BITS: u32 = 24;
const SLOT_MASK: u64 = (1 << SLOT_BITS) - 1;
/// Most requests in the network at once: the slots a key can name.
pub const MAX_IN_SYSTEM: u64 = 1 << SLOT_BITS;
/// Most events in one run: a run hands out at most two sequence numbers per event (and
/// one at the start), and they must fit the key's 40 bits.
pub const MAX_EVENTS: u64 = (1 << (64 - SLOT_BITS - 1)) - 1;

/// Marks a request whose path is not recorded.
pub(crate) const UNTRACED: u32 = u32::MAX;

/// One request in the network.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Request {
    /// When it entered the network.
    pub(crate) born_ns: u64,
    /// When it arrived at the station it is at.
    pub(crate) arrived_ns: u64,
    /// The station it is at.
    pub(crate) station: u32,
    /// Index of its recorded path, or [`UNTRACED`].
    pub(crate) trace: u32,
}

/// The requests in the network, by slot.
#[derive(Clone, Debug, Default)]
pub(crate) struct Requests {
    slots: Vec<Request>,
    free: Vec<u32>,
}

impl Requests {
    /// Stores a new request; `None` when [`MAX_IN_SYSTEM`] are already present.
    #[inline]
    pub(crate) fn insert(&mut self, request: Request) -> Option<u32> {
        if let Some(slot) = self.free.pop() {
            if let Some(place) = self.slots.get_mut(slot as usize) {
                *place = request;
            }
            return Some(slot);
        }
        let slot = self.slots.len() as u64;
        if slot >= MAX_IN_SYSTEM {
            return None;
        }
        self.slots.push(request);
        Some(slot as u32)
    }

    #[inline]
    pub(crate) fn get(&self, slot: u32) -> Option<&Request> {
        self.slots.get(slot as usize)
    }

    #[inline]
    pub(crate) fn get_mut(&mut self, slot: u32) -> Option<&mut Request> {
        self.slots.get_mut(slot as usize)
    }

    #[inline]
    pub(crate) fn remove(&mut self, slot: u32) {
        self.free.push(slot);
    }
}

/// The key of an event at `time_ns` with sequence number `seq` for the request in `slot`.
#[inline]
pub(crate) fn key(time_ns: u64, seq: u64, slot: u32) -> u128 {
    (u128::from(time_ns) << 64) | u128::from((seq << SLOT_BITS) | u64::from(slot))
}

#[inline]
pub(crate) fn time_of(key: u128) -> u64 {
    (key >> 64) as u64
}

#[inline]
pub(crate) fn slot_of(key: u128) -> u32 {
    (key as u64 & SLOT_MASK) as u32
}

/// Pending service completions. Arrivals into the network are not kept here: the
/// arrival process holds its one next arrival, with a sequence number from
/// [`EventQueue::next_seq`].
#[derive(Clone, Debug, Default)]
pub(crate) struct EventQueue {
    heap: BinaryHeap<Reverse<u128>>,
    next_seq: u64,
    /// The top has been taken but not yet removed: the next event scheduled replaces
    /// it (one sift instead of a pop and a push).
    top_taken: bool,
}

impl EventQueue {
    #[inline]
    pub(crate) fn next_seq(&mut self) -> u64 {
        let seq = self.next_seq;
        self.next_seq += 1;
        seq
    }

    /// Schedules the completion of the request in `slot` at `time_ns`.
    #[inline]
    pub(crate) fn schedule(&mut self, time_ns: u64, slot: u32) {
        let seq = self.next_seq();
        let key = Reverse(key(time_ns, seq, slot));
        if self.top_taken
            && let Some(mut top) = self.heap.peek_mut()
        {
            *top = key;
            self.top_taken = false;
        } else {
            self.heap.push(key);
        }
    }

    /// The earliest pending completion's key. Call only with no top taken.
    #[inline]
    pub(crate) fn peek(&self) -> Option<u128> {
        self.heap.peek().map(|k| k.0)
    }

    /// Takes the earliest completion; it leaves the queue at the next
    /// [`EventQueue::schedule`] or [`EventQueue::settle`].
    #[inline]
    pub(crate) fn take(&mut self) -> Option<u128> {
        let top = self.peek();
        self.top_taken = top.is_some();
        top
    }

    /// Removes a taken top that no scheduled event replaced.
    #[inline]
    pub(crate) fn settle(&mut self) {
        if self.top_taken {
            self.top_taken = false;
            self.heap.pop();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_come_out_in_time_then_sequence_order() {
        let mut queue = EventQueue::default();
        let mut state = 12_345u64;
        for slot in 0..1_000u32 {
            state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            queue.schedule((state >> 33) % 100, slot);
        }
        let mut out = Vec::new();
        while let Some(top) = queue.take() {
            queue.settle();
            out.push(top);
        }
        assert_eq!(out.len(), 1_000);
        assert!(out.windows(2).all(|w| w[0] < w[1]));
        // Equal times keep scheduling order.
        assert!(out.windows(2).filter(|w| time_of(w[0]) == time_of(w[1])).all(|w| slot_of(w[0]) < slot_of(w[1])));
    }

    #[test]
    fn a_taken_top_is_replaced_by_the_next_event() {
        let mut queue = EventQueue::default();
        queue.schedule(10, 1);
        queue.schedule(20, 2);
        assert_eq!(queue.take().map(slot_of), Some(1));
        queue.schedule(30, 3);
        queue.settle();
        let order: Vec<u32> = std::iter::from_fn(|| {
            let top = queue.take();
            queue.settle();
            top.map(slot_of)
        })
        .collect();
        assert_eq!(order, vec![2, 3]);
    }
}
