//! The fixture `string-enum-tables` (`tests/fixtures/string-enum-tables/expected.rs`, the code
//! the generator writes for it, re-blessed with the other fixtures), compiled here so that the
//! enum rows of `cargo xtask bench` time the generated enums themselves. A library of its own
//! because the generated code names its items by `crate::` paths.

// Generated code is held to the generated crate's lints (`clippy::all`), not to the workspace's
// pedantic ones; and a single file declares its modules inline, with both outer and inner docs.
#![allow(clippy::pedantic, clippy::mixed_attributes_style, reason = "generated code, as a single file")]

include!("../../../tests/fixtures/string-enum-tables/expected.rs");
