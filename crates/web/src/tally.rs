//! Counts written on every request without contention. An `AtomicU64`
//! that every core adds to moves its cache line from core to core on each
//! add; a [`Tally`] gives each thread a slot of its own (a cache line
//! apart), and a read adds the slots up. Reads are rare (a scrape of
//! `/metrics`, the dashboard), adds are per request.

use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::Duration;

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

/// How long things took, by bucket: a histogram whose every bucket and
/// sum is a [`Tally`], so recording from many cores at once writes to no
/// shared cache line.
#[derive(Debug)]
pub(crate) struct Durations {
    /// The upper bounds of the buckets, in seconds, rising.
    bounds: &'static [f64],
    /// Samples in each bucket (not cumulative): at most its bound and more
    /// than the one before; the last one is past every bound.
    buckets: Box<[Tally]>,
    /// Every sample, summed, in nanoseconds.
    nanos: Tally,
}

impl Durations {
    /// An empty histogram with buckets up to each of `bounds` (seconds,
    /// rising) and one past them.
    pub(crate) fn new(bounds: &'static [f64]) -> Self {
        Self {
            bounds,
            buckets: (0..=bounds.len()).map(|_| Tally::default()).collect(),
            nanos: Tally::default(),
        }
    }

    /// Counts one sample.
    pub(crate) fn record(&self, took: Duration) {
        let seconds = took.as_secs_f64();
        let bucket = (self.bounds.iter())
            .position(|&bound| seconds <= bound)
            .unwrap_or(self.bounds.len());
        self.buckets[bucket].add(1);
        self.nanos
            .add(u64::try_from(took.as_nanos()).unwrap_or(u64::MAX));
    }

    /// Each bound (none: past every bound) with the samples at most that
    /// long, so far.
    pub(crate) fn cumulative(&self) -> impl Iterator<Item = (Option<f64>, u64)> + '_ {
        let bounds = self.bounds.iter().copied().map(Some).chain([None]);
        let counts = self.buckets.iter().scan(0, |total: &mut u64, bucket| {
            *total = total.wrapping_add(bucket.get());
            Some(*total)
        });
        bounds.zip(counts)
    }

    /// Every sample, summed, in seconds.
    pub(crate) fn sum_seconds(&self) -> f64 {
        Duration::from_nanos(self.nanos.get()).as_secs_f64()
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

    #[test]
    fn durations_fall_in_the_first_bucket_they_fit_and_count_on_in_the_later_ones() {
        let durations = Durations::new(&[0.001, 0.01]);
        for micros in [500, 1_000, 5_000, 20_000] {
            durations.record(Duration::from_micros(micros));
        }
        let buckets: Vec<_> = durations.cumulative().collect();
        assert_eq!(
            buckets,
            [(Some(0.001), 2), (Some(0.01), 3), (None, 4)],
            "a sample at a bound is in its bucket"
        );
        assert!((durations.sum_seconds() - 0.0265).abs() < 1e-12);
    }
}
