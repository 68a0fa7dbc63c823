//! The states of a builder's required field: `Missing` until its setter makes it `Set<T>`.
//!
//! Copied verbatim into every generated crate with builders as `builders/runtime.rs`; the
//! generated `builders` module re-exports it.

/// A required field that is not set yet.
#[derive(Debug, Clone, Copy, Default)]
pub struct Missing;

/// A required field that is set.
#[derive(Debug, Clone)]
pub struct Set<T>(pub(crate) T);
