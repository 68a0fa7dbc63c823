//! `Nullable<T>`: a field that may be absent, `null`, or hold a value.
//!
//! Copied verbatim into every generated crate as `nullable/runtime.rs`; the generated `nullable`
//! module re-exports it.

/// A field that may be absent, explicitly `null`, or hold a value.
///
/// Optional nullable fields use this instead of `Option<T>` because the API gives the
/// three states different meanings: in an update request, an absent field keeps the
/// current value and `null` clears it. Deserialising keeps the difference too, so a
/// value re-serialises exactly as it was received.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Nullable<T> {
    /// Not sent; on an update, the current value is kept.
    #[default]
    Absent,
    /// Sent as `null`; on an update, the value is cleared.
    Null,
    /// Sent with this value.
    Value(T),
}
impl<T> Nullable<T> {
    /// Whether the field is absent (and so is not serialised).
    #[must_use]
    pub const fn is_absent(&self) -> bool {
        matches!(self, Self::Absent)
    }
    /// Whether the field is explicitly `null`.
    #[must_use]
    pub const fn is_null(&self) -> bool {
        matches!(self, Self::Null)
    }
    /// The value, if there is one; absent and `null` both give `None`.
    #[must_use]
    pub fn value(self) -> Option<T> {
        match self {
            Self::Value(value) => Some(value),
            Self::Absent | Self::Null => None,
        }
    }
    /// A reference to the value, if there is one.
    #[must_use]
    pub const fn as_value(&self) -> Option<&T> {
        match self {
            Self::Value(value) => Some(value),
            Self::Absent | Self::Null => None,
        }
    }
    /// The same state, borrowing the value.
    #[must_use]
    pub const fn as_ref(&self) -> Nullable<&T> {
        match self {
            Self::Absent => Nullable::Absent,
            Self::Null => Nullable::Null,
            Self::Value(value) => Nullable::Value(value),
        }
    }
    /// The same state with the value transformed.
    #[must_use]
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Nullable<U> {
        match self {
            Self::Absent => Nullable::Absent,
            Self::Null => Nullable::Null,
            Self::Value(value) => Nullable::Value(f(value)),
        }
    }
}
impl<T> From<T> for Nullable<T> {
    fn from(value: T) -> Self {
        Self::Value(value)
    }
}
impl<T: serde::Serialize> serde::Serialize for Nullable<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Value(value) => serializer.serialize_some(value),
            Self::Absent | Self::Null => serializer.serialize_none(),
        }
    }
}
impl<'de, T: serde::Deserialize<'de>> serde::Deserialize<'de> for Nullable<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value: Option<T> = serde::Deserialize::deserialize(deserializer)?;
        Ok(value.map_or(Self::Null, Self::Value))
    }
}
