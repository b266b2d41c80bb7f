//! The Poisson arrival process with a piecewise-constant rate. It holds only its next
//! arrival (gaps exponential, or Erlang-k behind a round robin); when a draw would cross the end of a piece, the draw restarts at that end
//! with the next piece's rate, which is exact because exponential gaps are memoryless.

use super::dist::{Sampler, to_ns};
use super::events::key;
use super::plan::Schedule;
use super::queue::EventQueue;

#[derive(Clone, Debug)]
pub(crate) struct ArrivalProcess {
    schedule: Schedule,
    piece: usize,
    /// The next arrival's event key (slot 0); `u128::MAX` when no arrival is left.
    pub(crate) next_key: u128,
}

impl ArrivalProcess {
    pub(crate) fn new(schedule: Schedule, sampler: &mut Sampler, queue: &mut EventQueue) -> Self {
        let mut process = Self { schedule, piece: 0, next_key: u128::MAX };
        process.advance(0, sampler, queue);
        process
    }

    pub(crate) fn node(&self) -> usize {
        self.schedule.node
    }

    /// A gap in units of the mean: exponential, or the mean of k exponentials.
    #[inline(always)]
    fn gap(&self, sampler: &mut Sampler) -> f64 {
        let k = self.schedule.erlang_k;
        if k <= 1 {
            return sampler.exp1();
        }
        (0..k).map(|_| sampler.exp1()).sum::<f64>() / f64::from(k)
    }

    /// Draws the arrival after one at `from_ns`. Loops at most once per piece.
    #[inline(always)]
    pub(crate) fn advance(&mut self, from_ns: u64, sampler: &mut Sampler, queue: &mut EventQueue) {
        let mut t = from_ns;
        // The common case first: exponential gaps, and the piece goes on.
        if self.schedule.erlang_k <= 1
            && let Some(piece) = self.schedule.pieces.get(self.piece)
            && t < piece.end_ns
            && let Some(mean_gap_ns) = piece.mean_gap_ns
        {
            let next = t.saturating_add(to_ns(mean_gap_ns * sampler.exp1()));
            if next < piece.end_ns {
                self.next_key = key(next, queue.next_seq(), 0);
                return;
            }
            t = t.max(piece.end_ns);
            self.piece += 1;
        }
        self.advance_from(t, sampler, queue);
    }

    /// The general case of [`ArrivalProcess::advance`].
    #[inline(never)]
    fn advance_from(&mut self, from_ns: u64, sampler: &mut Sampler, queue: &mut EventQueue) {
        let mut t = from_ns;
        while let Some(piece) = self.schedule.pieces.get(self.piece) {
            if t < piece.end_ns
                && let Some(mean_gap_ns) = piece.mean_gap_ns
            {
                let next = t.saturating_add(to_ns(mean_gap_ns * self.gap(sampler)));
                if next < piece.end_ns {
                    self.next_key = key(next, queue.next_seq(), 0);
                    return;
                }
            }
            t = t.max(piece.end_ns);
            self.piece += 1;
        }
        self.next_key = u128::MAX;
    }
}
