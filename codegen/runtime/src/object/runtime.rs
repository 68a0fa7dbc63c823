//! Reading and writing the spec's objects: the fields a server adds are kept, and the pieces the
//! generated `Serialize` and `Deserialize` impls of every struct share.
//!
//! The impls are not derived: each struct is one `impl_object!` invocation that lists its
//! fields. A derive emits, per struct, a field enum with its own visitor, a sequence visitor no
//! JSON object needs, and (for `flatten`) a second path that buffers the whole object. Here a
//! struct's visitor is one loop that matches the key and reads the value into its slot; keys are
//! read borrowed through [`Key`], and everything the struct does not declare goes to
//! [`ExtraFields`] (or to the struct's typed map of additional properties) in the same pass.
//!
//! Copied verbatim into every generated crate as `object/runtime.rs`; the generated `object`
//! module re-exports it.

use std::borrow::Cow;
use std::fmt;

use serde::ser::SerializeMap;

/// The fields of an object that its schema does not declare, kept as the server sent them, in
/// the order it sent them, and written back unchanged.
///
/// A server adds fields before the spec catches up; keeping them means a value read and written
/// again (a proxy, a cache, a round trip through storage) loses nothing, and a caller can read a
/// new field by name before the bindings are regenerated.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ExtraFields(Vec<(String, serde_json::Value)>);

impl ExtraFields {
    /// An empty set of fields.
    #[must_use]
    pub const fn new() -> Self {
        Self(Vec::new())
    }

    /// The value of the field `name`, if the object had it.
    #[must_use]
    pub fn get(&self, name: &str) -> Option<&serde_json::Value> {
        self.0.iter().find(|(key, _)| key == name).map(|(_, value)| value)
    }

    /// Sets the field `name`: a field already there keeps its place, a new one goes last.
    /// Returns the value it replaces.
    pub fn insert(&mut self, name: impl Into<String>, value: serde_json::Value) -> Option<serde_json::Value> {
        let name = name.into();
        if let Some((_, slot)) = self.0.iter_mut().find(|(key, _)| *key == name) {
            return Some(std::mem::replace(slot, value));
        }
        self.0.push((name, value));
        None
    }

    /// Removes the field `name`, returning its value.
    pub fn remove(&mut self, name: &str) -> Option<serde_json::Value> {
        let index = self.0.iter().position(|(key, _)| key == name)?;
        Some(self.0.remove(index).1)
    }

    /// The fields, in the order they were read (or inserted).
    #[must_use]
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (&str, &serde_json::Value)> {
        self.0.iter().map(|(key, value)| (key.as_str(), value))
    }

    /// How many fields there are.
    #[must_use]
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are none, as for a value whose every field the spec declares.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Writes every field into `map`, after the declared ones.
    #[allow(dead_code, reason = "only crates with a type the server sends call it")]
    pub(crate) fn write<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
        for (key, value) in &self.0 {
            map.serialize_entry(key, value)?;
        }
        Ok(())
    }
}

impl<K: Into<String>> FromIterator<(K, serde_json::Value)> for ExtraFields {
    fn from_iter<I: IntoIterator<Item = (K, serde_json::Value)>>(fields: I) -> Self {
        let mut extra = Self::new();
        for (name, value) in fields {
            extra.insert(name, value);
        }
        extra
    }
}

/// An object's key, borrowed from the input when the input allows it (`serde_json` does for
/// keys without escapes), so matching a key against the declared fields allocates nothing.
#[derive(Debug)]
#[allow(dead_code, reason = "a crate whose only structs hold a choice reads no key through it")]
pub(crate) struct Key<'de>(pub(crate) Cow<'de, str>);

#[allow(dead_code, reason = "a crate without structs that keep what they do not declare never owns a key")]
impl Key<'_> {
    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }

    pub(crate) fn into_owned(self) -> String {
        self.0.into_owned()
    }
}

impl<'de> serde::Deserialize<'de> for Key<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> serde::de::Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a field name")
            }
            fn visit_borrowed_str<E: serde::de::Error>(self, key: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(key)))
            }
            fn visit_str<E: serde::de::Error>(self, key: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(key.to_owned())))
            }
            fn visit_string<E: serde::de::Error>(self, key: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(key)))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

/// Deserialises an open string enum from its text: what every generated open enum's
/// `Deserialize` calls (its `From` impls map a listed value to its variant and anything else to
/// `Other`), so no enum carries a visitor of its own. `expecting` names it in "invalid type"
/// errors.
#[allow(dead_code, reason = "only crates with an open string enum call it")]
pub(crate) fn deserialize_text<'de, D, T>(deserializer: D, expecting: &'static str) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: for<'a> From<&'a str> + From<String>,
{
    struct TextVisitor<T>(&'static str, std::marker::PhantomData<T>);
    impl<T: for<'a> From<&'a str> + From<String>> serde::de::Visitor<'_> for TextVisitor<T> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(self.0)
        }
        fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<T, E> {
            Ok(T::from(value))
        }
        fn visit_string<E: serde::de::Error>(self, value: String) -> Result<T, E> {
            Ok(T::from(value))
        }
    }
    deserializer.deserialize_str(TextVisitor(expecting, std::marker::PhantomData))
}

/// The value of a required field, or serde's "missing field" error naming it.
#[allow(dead_code, reason = "only crates with a required field call it")]
pub(crate) fn required<T, E: serde::de::Error>(slot: Option<T>, field: &'static str) -> Result<T, E> {
    slot.ok_or_else(|| E::missing_field(field))
}

/// Writes an optional field only when it is set.
#[allow(dead_code, reason = "only crates with an optional field call it")]
pub(crate) fn write_optional<M: SerializeMap, T: serde::Serialize>(
    map: &mut M,
    field: &'static str,
    value: Option<&T>,
) -> Result<(), M::Error> {
    match value {
        Some(value) => map.serialize_entry(field, value),
        None => Ok(()),
    }
}

/// `Serialize` and `Deserialize` for a struct, from the list of its fields: what every generated
/// struct (but one holding a choice) uses, so the generated code names each field once instead
/// of spelling out the two impls.
///
/// `Deserialize` is one loop over the object's entries: each key is read borrowed ([`Key`]) and
/// matched against the fields' names, and the value is read straight into the field's slot;
/// a key no field has is handled by `rest`. `Serialize` writes a map: the fields in order, then
/// the rest.
///
/// Each field is `member = "wire name", presence;`, where presence is one of
/// - `required`: always there; absent is serde's "missing field" error;
/// - `optional`: an `Option` left out when `None`;
/// - `nullable`: an `Option` written as `null` when `None` (read as `None` when absent, as serde
///   reads a missing `Option`);
/// - `absent_or_null`: a `Nullable`, left out when absent.
///
/// `rest` is `extra(member)` (kept in `ExtraFields`), `additional(member)` (a typed map),
/// `reject` (serde's "unknown field" error) or `ignore`.
#[allow(unused_macros, reason = "a crate whose only structs hold a choice does not use it")]
macro_rules! impl_object {
    (
        $name:ident $expecting:literal rest: $rest:ident $(($rest_member:ident))?
        { $($member:ident = $wire:literal, $presence:ident;)* }
    ) => {
        impl ::serde::Serialize for $name {
            #[allow(unused_mut, reason = "a struct without fields writes an empty map")]
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                let mut map = ::serde::Serializer::serialize_map(serializer, ::core::option::Option::None)?;
                $( $crate::object::impl_object!(@write $presence, map, $wire, self.$member); )*
                $crate::object::impl_object!(@write_rest $rest, map, self $(, $rest_member)?);
                ::serde::ser::SerializeMap::end(map)
            }
        }
        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                struct ObjectVisitor;
                impl<'de> ::serde::de::Visitor<'de> for ObjectVisitor {
                    type Value = $name;
                    fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                        f.write_str($expecting)
                    }
                    #[allow(unused_mut, reason = "a struct without fields changes no slot")]
                    fn visit_map<A: ::serde::de::MapAccess<'de>>(self, mut map: A) -> ::core::result::Result<$name, A::Error> {
                        $( let mut $member = $crate::object::impl_object!(@slot $presence); )*
                        let mut rest = $crate::object::impl_object!(@rest_slot $rest);
                        while let ::core::option::Option::Some(key) = map.next_key::<$crate::object::Key<'de>>()? {
                            match key.as_str() {
                                $( $wire => $crate::object::impl_object!(@read $presence, map, $member), )*
                                _ => $crate::object::impl_object!(@read_rest $rest, map, key, rest, [$($wire),*]),
                            }
                        }
                        ::core::result::Result::Ok($name {
                            $( $member: $crate::object::impl_object!(@finish $presence, $member, $wire), )*
                            $( $rest_member: rest, )?
                        })
                    }
                }
                ::serde::Deserializer::deserialize_map(deserializer, ObjectVisitor)
            }
        }
    };

    (@write required, $map:ident, $wire:literal, $value:expr) => {
        ::serde::ser::SerializeMap::serialize_entry(&mut $map, $wire, &$value)?
    };
    (@write nullable, $map:ident, $wire:literal, $value:expr) => {
        ::serde::ser::SerializeMap::serialize_entry(&mut $map, $wire, &$value)?
    };
    (@write optional, $map:ident, $wire:literal, $value:expr) => {
        $crate::object::write_optional(&mut $map, $wire, $value.as_ref())?
    };
    (@write absent_or_null, $map:ident, $wire:literal, $value:expr) => {
        $crate::object::write_optional(&mut $map, $wire, (!$value.is_absent()).then_some(&$value))?
    };
    (@write_rest extra, $map:ident, $self:ident, $member:ident) => {
        $self.$member.write(&mut $map)?
    };
    (@write_rest additional, $map:ident, $self:ident, $member:ident) => {
        for (key, value) in &$self.$member {
            ::serde::ser::SerializeMap::serialize_entry(&mut $map, key, value)?;
        }
    };
    (@write_rest $other:ident, $map:ident, $self:ident) => {};

    (@slot required) => { ::core::option::Option::None };
    (@slot $presence:ident) => { ::core::default::Default::default() };
    (@rest_slot extra) => { $crate::object::ExtraFields::new() };
    (@rest_slot additional) => { ::std::collections::BTreeMap::new() };
    (@rest_slot $other:ident) => { () };

    (@read required, $map:ident, $slot:ident) => { $slot = ::core::option::Option::Some($map.next_value()?) };
    (@read $presence:ident, $map:ident, $slot:ident) => { $slot = $map.next_value()? };
    (@read_rest extra, $map:ident, $key:ident, $rest:ident, $wires:tt) => {{
        $rest.insert($key.into_owned(), $map.next_value()?);
    }};
    (@read_rest additional, $map:ident, $key:ident, $rest:ident, $wires:tt) => {{
        $rest.insert($key.into_owned(), $map.next_value()?);
    }};
    (@read_rest reject, $map:ident, $key:ident, $rest:ident, [$($wire:literal),*]) => {{
        let _ = &$rest;
        return ::core::result::Result::Err(<A::Error as ::serde::de::Error>::unknown_field($key.as_str(), &[$($wire),*]));
    }};
    (@read_rest ignore, $map:ident, $key:ident, $rest:ident, $wires:tt) => {{
        let _ = &$rest;
        $map.next_value::<::serde::de::IgnoredAny>()?;
    }};

    (@finish required, $slot:ident, $wire:literal) => { $crate::object::required($slot, $wire)? };
    (@finish $presence:ident, $slot:ident, $wire:literal) => { $slot };
}
#[allow(unused_imports, reason = "a crate whose only structs hold a choice does not use it")]
pub(crate) use impl_object;
