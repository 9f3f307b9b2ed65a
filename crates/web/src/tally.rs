//! Counts written on every request without contention. An `AtomicU64`
//! that every core adds to moves its cache line from core to core on each
//! add; a [`Tally`] gives each thread a slot of its own (a cache line
//! apart), and a read adds the slots up. Reads are rare (a scrape of
//! `/metrics`, the dashboard), adds are per request.

use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

/// Slots per tally: threads past this many share slots, which stays
/// correct, only less apart.
const SLOTS: usize = 8;

/// A count that many threads add to at once.
#[derive(Debug, Default)]
pub struct Tally {
    slots: [Slot; SLOTS],
}

/// One thread's part of a tally, on a cache line (pair) of its own.
#[derive(Debug, Default)]
#[repr(align(128))]
struct Slot(AtomicU64);

impl Tally {
    /// Adds `n`.
    pub fn add(&self, n: u64) {
        self.slots[this_thread_slot()]
            .0
            .fetch_add(n, Ordering::Relaxed);
    }

    /// The count: every add that happened before this read.
    pub fn get(&self) -> u64 {
        (self.slots.iter())
            .map(|slot| slot.0.load(Ordering::Relaxed))
            .fold(0, u64::wrapping_add)
    }
}

/// The slot of the calling thread: threads take slots in turn as they
/// first count, so a runtime's worker threads each get their own.
fn this_thread_slot() -> usize {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    thread_local! {
        static SLOT: usize = NEXT.fetch_add(1, Ordering::Relaxed) % SLOTS;
    }
    SLOT.with(|slot| *slot)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adds_from_many_threads_all_count() {
        let tally = Tally::default();
        std::thread::scope(|scope| {
            for n in 1..=20 {
                let tally = &tally;
                scope.spawn(move || {
                    for _ in 0..1_000 {
                        tally.add(n);
                    }
                });
            }
        });
        assert_eq!(tally.get(), 1_000 * (1..=20).sum::<u64>());
    }
}
