//! The support code every generated crate carries, as real Rust.
//!
//! Each module here mirrors the generated crate's layout: the files under `src/<module>/` are
//! copied verbatim (by `codegen`, through `include_str!`) into a generated crate's
//! `src/<module>/`, and the generated `<module>.rs` declares and re-exports them exactly as this
//! file does. So the same paths (`crate::validate::Validator`, `crate::nullable::Nullable`)
//! resolve in both places, and a runtime file compiles, is linted and is unit-tested here before
//! any crate carries it. A generated crate carries only the parts it uses: `tagged` only with
//! tagged unions, `untagged` only with unions read by its rule, `enums` only with string enums,
//! `object` only with structs, `validate/time_zone.rs` only with `format: iana-timezone`.
//!
//! This file and `tests/` are not copied.

// Items the generated code calls are `pub(crate)`: here only the unit tests call them.
#![allow(dead_code, reason = "the crate-visible items are for the generated code, which lives elsewhere")]

pub mod nullable {
    //! `Nullable<T>`: a field that may be absent, `null`, or hold a value.
    mod runtime;
    pub use self::runtime::*;
}

pub mod validate {
    //! The `Validate` trait, violations, and the checks the generated code calls.
    mod runtime;
    mod time_zone;
    pub use self::runtime::*;
}

pub mod operations {
    //! The `Operation` and `Paginated` traits, their errors, and the encoder and reader the
    //! generated operations use.
    mod links;
    mod runtime;
    pub use self::runtime::*;
    // The generated operations call it as `links::next_link_parameter`; here only the tests do.
    #[cfg(test)]
    pub(crate) use self::links::next_link_parameter;
}

pub mod builders {
    //! The states of a builder's required fields, and the two checks every field shares.
    mod runtime;
    pub use self::runtime::*;
}

pub(crate) mod tagged {
    //! Reading tagged unions in one pass.
    mod runtime;
    #[cfg_attr(not(test), allow(unused_imports, reason = "the generated unions use it; here only the tests do"))]
    pub(crate) use self::runtime::*;
}

pub mod events {
    //! Server-sent events, sans IO: bytes in, as they arrive, typed events out.
    mod runtime;
    pub use self::runtime::*;
}

pub mod object {
    //! The fields a server adds, kept, and what the structs' serde impls share.
    mod runtime;
    pub use self::runtime::*;
}

pub mod enums {
    //! What the string enums' `as_str`, `From` and serde impls share.
    mod runtime;
    pub use self::runtime::*;
}

pub(crate) mod untagged {
    //! Choosing the member of a union without a tag property.
    mod runtime;
    #[cfg_attr(not(test), allow(unused_imports, reason = "the generated unions use it; here only the tests do"))]
    pub(crate) use self::runtime::*;
}

pub mod client {
    //! The asynchronous HTTP client over the operations: credentials, retries, timeouts,
    //! pages and event streams.
    mod retry;
    mod runtime;
    pub use self::retry::*;
    pub use self::runtime::*;
}

#[cfg(test)]
mod tests;
