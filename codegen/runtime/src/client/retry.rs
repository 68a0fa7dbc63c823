//! When the client tries a request again, and how long it waits first: the rules the official
//! SDKs follow, as pure functions of the response's status and headers, so they are tested
//! without a network or a clock.
//!
//! Copied verbatim into every generated crate with a client as `client/retry.rs`.

use std::time::{Duration, SystemTime};

/// How long a client waits between attempts when the server does not say: the backoff. How
/// many attempts it makes is a setting of its own (`ClientBuilder::max_retries`), so that
/// neither setting undoes the other.
///
/// The defaults are the official SDKs': waits from 0.5 s doubling up to 8 s, each shortened by
/// a random factor in [0.75, 1] so that clients failing together do not retry together.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// The wait before the first retry, doubled for each one after it.
    pub initial_delay: Duration,
    /// The longest wait the doubling reaches.
    pub max_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self { initial_delay: Duration::from_millis(500), max_delay: Duration::from_secs(8) }
    }
}

/// The longest wait a server's `retry-after-ms` or `retry-after` header may ask for; a longer
/// (or a zero, or an unreadable) one is ignored in favour of the backoff.
pub const MAX_RETRY_AFTER: Duration = Duration::from_secs(60);

impl RetryPolicy {
    /// The wait before retry number `retry` (0 for the first retry) when the server names none:
    /// `initial_delay × 2^retry`, at most `max_delay`, times `1 - jitter / 4`, where `jitter` is
    /// in [0, 1).
    #[must_use]
    pub fn backoff(&self, retry: u32, jitter: f64) -> Duration {
        let doubled = self.initial_delay.saturating_mul(2_u32.saturating_pow(retry));
        doubled.min(self.max_delay).mul_f64(1.0 - jitter.clamp(0.0, 1.0) / 4.0)
    }

    /// The wait before retry number `retry` after a response with these headers: what the
    /// server asks for when it asks for a reasonable wait, else the backoff.
    #[must_use]
    pub fn delay(&self, retry: u32, headers: &http::HeaderMap, now: SystemTime, jitter: f64) -> Duration {
        retry_after(headers, now).unwrap_or_else(|| self.backoff(retry, jitter))
    }
}

/// Whether a response with this status and these headers is worth sending again. Only an
/// error status (4xx or 5xx) ever is: a success, or any other status, is never sent again,
/// whatever its headers say (a `create` retried on its `200` would create twice). Among errors,
/// the server's `x-should-retry: true` or `false` decides when present; otherwise 408 (request
/// timeout), 409 (conflict, such as a lock), 429 (rate limited) and every 5xx are retried. The
/// official SDKs read the header only for error statuses too.
#[must_use]
pub fn should_retry(status: http::StatusCode, headers: &http::HeaderMap) -> bool {
    if !(status.is_client_error() || status.is_server_error()) {
        return false;
    }
    match headers.get("x-should-retry").map(http::HeaderValue::as_bytes) {
        Some(b"true") => true,
        Some(b"false") => false,
        _ => matches!(status.as_u16(), 408 | 409 | 429) || status.is_server_error(),
    }
}

/// The wait the server asks for: `retry-after-ms` (milliseconds), else `retry-after` (seconds,
/// or an HTTP date, counted from `now`); `None` unless it is more than zero and at most
/// [`MAX_RETRY_AFTER`].
#[must_use]
pub fn retry_after(headers: &http::HeaderMap, now: SystemTime) -> Option<Duration> {
    let text = |name: &str| headers.get(name).and_then(|value| value.to_str().ok()).map(str::trim);
    let asked = if let Some(millis) = text("retry-after-ms").and_then(|text| text.parse::<f64>().ok()) {
        Duration::try_from_secs_f64(millis / 1000.0).ok()
    } else {
        let text = text("retry-after")?;
        match text.parse::<f64>() {
            Ok(seconds) => Duration::try_from_secs_f64(seconds).ok(),
            Err(_) => httpdate::parse_http_date(text).ok()?.duration_since(now).ok(),
        }
    }?;
    (!asked.is_zero() && asked <= MAX_RETRY_AFTER).then_some(asked)
}

/// A number in [0, 1) that differs from call to call, for the backoff's jitter. It needs no
/// randomness source of its own: each `RandomState` the standard library makes is keyed
/// differently, which is all a jitter needs (it is no secret).
#[must_use]
pub fn jitter() -> f64 {
    use std::hash::{BuildHasher, Hasher};
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u8(0);
    // The top 53 bits, as the mantissa of a double in [0, 1).
    #[allow(clippy::cast_precision_loss, reason = "53 bits fit a double's mantissa exactly")]
    let unit = (hasher.finish() >> 11) as f64 / (1_u64 << 53) as f64;
    unit
}
