//! The events' keys and the requests they concern. An event is a packed 128-bit key,
//! time (64 bits) | sequence number (40 bits) | request slot (24 bits): comparing keys
//! compares (time, sequence number), sequence numbers are unique and handed out in
//! scheduling order, so events come out in a total order fixed by the run alone (the
//! pending ones wait in [`super::queue::EventQueue`]). A request's data lives in a slot
//! from its arrival into the network until it leaves, so the queue moves 16-byte keys only.

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
    /// The request waiting behind it at its station, or [`NONE`].
    pub(crate) behind: u32,
}

/// Marks the end of a station's waiting line.
pub(crate) const NONE: u32 = u32::MAX;

/// The requests in the network, by slot.
#[derive(Clone, Debug, Default)]
pub(crate) struct Requests {
    slots: Vec<Request>,
    free: Vec<u32>,
}

impl Requests {
    /// Stores a new request; `None` when [`MAX_IN_SYSTEM`] are already present.
    #[inline(always)]
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

    #[inline(always)]
    pub(crate) fn get(&self, slot: u32) -> Option<&Request> {
        self.slots.get(slot as usize)
    }

    #[inline(always)]
    pub(crate) fn get_mut(&mut self, slot: u32) -> Option<&mut Request> {
        self.slots.get_mut(slot as usize)
    }

    #[inline(always)]
    pub(crate) fn remove(&mut self, slot: u32) {
        self.free.push(slot);
    }
}

/// The key of an event at `time_ns` with sequence number `seq` for the request in `slot`.
#[inline(always)]
pub(crate) fn key(time_ns: u64, seq: u64, slot: u32) -> u128 {
    (u128::from(time_ns) << 64) | u128::from((seq << SLOT_BITS) | u64::from(slot))
}

#[inline(always)]
pub(crate) fn time_of(key: u128) -> u64 {
    (key >> 64) as u64
}

#[inline(always)]
pub(crate) fn slot_of(key: u128) -> u32 {
    (key as u64 & SLOT_MASK) as u32
}
