//! The support code a generated crate carries: the files of `codegen/runtime/`, which is a crate
//! of its own (compiled, linted and unit-tested there), copied verbatim. A crate carries only the
//! parts it uses; each part says what it needs from the manifest.

use super::RuntimeFile;

/// One file of the runtime.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Part {
    /// `Nullable<T>`.
    Nullable,
    /// `Validate`, `Violation`, `Validator` and the checks.
    Validate,
    /// The IANA time zone check (needs `jiff`'s time zone database).
    TimeZones,
    /// `Operation`, `Paginated`, the errors, `Received` and `Encoder`.
    Operations,
    /// The `Link` header's next page, for operations that page by links.
    Links,
    /// `Missing` and `Set<T>`, the states of a builder's required field.
    Builders,
    /// Reading tagged unions in one pass.
    Tagged,
    /// Choosing the member of a union without a tag.
    Untagged,
    /// Server-sent events: the decoder and typed events.
    Events,
    /// `ExtraFields`, and the `Object` tables and generic reader and writer of every struct.
    Object,
    /// The `Enum` tables and generic reader and writer of every string enum.
    Enums,
    /// The HTTP client: `Client`, `Call`, `Error`, streams.
    Client,
    /// When the client retries, and how long it waits.
    ClientRetry,
}

impl Part {
    /// The file, as the module of the generated crate that holds it declares it.
    pub(crate) fn file(self) -> RuntimeFile {
        let (module, source) = match self {
            Self::Nullable => ("runtime", include_str!("../../runtime/src/nullable/runtime.rs")),
            Self::Validate => ("runtime", include_str!("../../runtime/src/validate/runtime.rs")),
            Self::TimeZones => ("time_zone", include_str!("../../runtime/src/validate/time_zone.rs")),
            Self::Operations => ("runtime", include_str!("../../runtime/src/operations/runtime.rs")),
            Self::Links => ("links", include_str!("../../runtime/src/operations/links.rs")),
            Self::Builders => ("runtime", include_str!("../../runtime/src/builders/runtime.rs")),
            Self::Tagged => ("runtime", include_str!("../../runtime/src/tagged/runtime.rs")),
            Self::Untagged => ("runtime", include_str!("../../runtime/src/untagged/runtime.rs")),
            Self::Events => ("runtime", include_str!("../../runtime/src/events/runtime.rs")),
            Self::Object => ("runtime", include_str!("../../runtime/src/object/runtime.rs")),
            Self::Enums => ("runtime", include_str!("../../runtime/src/enums/runtime.rs")),
            Self::Client => ("runtime", include_str!("../../runtime/src/client/runtime.rs")),
            Self::ClientRetry => ("retry", include_str!("../../runtime/src/client/retry.rs")),
        };
        RuntimeFile { module, source }
    }
}
