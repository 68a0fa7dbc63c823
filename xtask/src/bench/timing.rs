//! Timing: the median of repeated samples, each sample long enough for the clock to resolve it.

use std::hint::black_box;
use std::time::{Duration, Instant};

/// How many samples a figure is the median of, and how long one sample runs at least.
#[derive(Debug, Clone, Copy)]
pub struct Sampling {
    /// Samples per figure; the figure is their median.
    pub samples: usize,
    /// A sample repeats the measured call until it has run this long, so calls of a few
    /// microseconds are timed over many calls rather than one.
    pub min_sample: Duration,
}

impl Sampling {
    /// One sample of one call: the smoke mode, which proves the benchmark runs, not how fast.
    #[must_use]
    pub const fn once() -> Self {
        Self { samples: 1, min_sample: Duration::ZERO }
    }

    /// The median time of one call of `call`, after one call to warm caches up.
    pub fn per_call<T>(&self, mut call: impl FnMut() -> T) -> Duration {
        let start = Instant::now();
        black_box(call());
        let once = start.elapsed().max(Duration::from_nanos(1));
        let repeat = if once >= self.min_sample {
            1
        } else {
            u32::try_from(self.min_sample.as_nanos() / once.as_nanos()).unwrap_or(u32::MAX).saturating_add(1)
        };
        let mut samples: Vec<Duration> = (0..self.samples.max(1))
            .map(|_| {
                let start = Instant::now();
                for _ in 0..repeat {
                    black_box(call());
                }
                start.elapsed() / repeat
            })
            .collect();
        median(&mut samples)
    }

    /// The median times of one call of `a` and of `b`, timed in alternate batches (twice
    /// `samples` of each), so that a slow spell of the machine falls on both alike: for figures
    /// compared with each other.
    pub fn alternating<A, B>(&self, mut a: impl FnMut() -> A, mut b: impl FnMut() -> B) -> (Duration, Duration) {
        black_box(a());
        // The quickest of three calls, so one slow call does not make the batches short.
        let once = (0..3).map(|_| time_calls(1, &mut b)).min().unwrap_or_default().max(Duration::from_nanos(1));
        let calls = u32::try_from(self.min_sample.as_nanos() / once.as_nanos()).unwrap_or(u32::MAX).max(1);
        let mut by_a = Vec::new();
        let mut by_b = Vec::new();
        for _ in 0..self.samples.max(1) * 2 {
            by_a.push(time_calls(calls, &mut a));
            by_b.push(time_calls(calls, &mut b));
        }
        (median(&mut by_a), median(&mut by_b))
    }
}

/// The time per call of `calls` calls of `call`.
fn time_calls<T>(calls: u32, mut call: impl FnMut() -> T) -> Duration {
    let started = Instant::now();
    for _ in 0..calls {
        black_box(call());
    }
    started.elapsed() / calls
}

/// The median of `samples` (the upper one of an even count); zero for none.
pub fn median<T: Ord + Copy + Default>(samples: &mut [T]) -> T {
    samples.sort_unstable();
    samples.get(samples.len() / 2).copied().unwrap_or_default()
}

/// A duration as people read it: `412 µs`, `37.2 ms`, `2.41 s`.
#[must_use]
pub fn show(duration: Duration) -> String {
    let micros = duration.as_secs_f64() * 1e6;
    if micros < 1.0 {
        format!("{} ns", duration.as_nanos())
    } else if micros < 1_000.0 {
        format!("{micros:.1} µs")
    } else if micros < 1_000_000.0 {
        format!("{:.1} ms", micros / 1_000.0)
    } else {
        format!("{:.2} s", micros / 1_000_000.0)
    }
}

/// Runs `work` once and returns its result with how long it took.
pub fn timed<T>(work: impl FnOnce() -> T) -> (T, Duration) {
    let start = Instant::now();
    let result = work();
    (result, start.elapsed())
}
