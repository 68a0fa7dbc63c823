//! The workspace tests that need no binary of their own, as modules of one test binary: each
//! test binary links the whole dependency tree (the generated crate, the generator, tokio,
//! wiremock), so one binary instead of thirteen saves a dozen links of it in every cold run.
//!
//! Run one module with a filter: `cargo test -p tests --test suite drift::`. Apart, each for a
//! reason: `fixtures` (the snapshots and their compilation), `no_panic` (property tests, tuned by
//! `PROPTEST_CASES`), `ui` (trybuild, re-blessed with `TRYBUILD=overwrite`) and
//! `generated_lints` (clippy and rustdoc of `generated/`).

mod client;
mod contract;
mod contract_official;
mod determinism;
mod diagnostics_ui;
mod drift;
mod mock_server;
mod overlay;
mod pagination;
mod roundtrip;
mod semver;
mod spec_fidelity;
mod tagged;
mod unknown;
mod usage;
mod validation;
mod workspace_shape;
