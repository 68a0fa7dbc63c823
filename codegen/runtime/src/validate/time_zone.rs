//! The IANA time zone check of the validation runtime (`format: iana-timezone`), a part of its own
//! because it needs `jiff`'s time zone database: a generated crate carries it, and depends on the
//! database, only when its spec has such a format.
//!
//! Copied verbatim into the generated crate as `validate/time_zone.rs`.

use super::runtime::{Rule, Validator, excerpt};

impl Validator {
    /// Records a violation unless `value` names a time zone of the IANA database.
    pub fn time_zone(&mut self, value: &str) {
        if jiff::tz::TimeZone::get(value).is_err() {
            self.report(
                Rule::Format,
                "IANA time zone",
                format!("{} is not in the IANA time zone database", excerpt(value)),
            );
        }
    }
}
