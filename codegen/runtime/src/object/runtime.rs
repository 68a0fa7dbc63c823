//! Reading and writing the spec's objects: the fields a server adds are kept, and the one
//! generic reader and writer that every generated struct's `Serialize` and `Deserialize` call.
//!
//! The impls (`Serialize`, `Deserialize`, and `Clone`, `PartialEq` and `Debug` too) are not
//! derived, and not written out per struct either; `Validate` is one blanket impl over the
//! table, for every struct. A struct implements
//! [`Object`], a table: its fields' wire names, a tuple type that gives each field's type and
//! presence, and two functions that move the values in and out. `deserialize` and `serialize`
//! do the rest for every struct: one loop over the object's entries, each key read
//! borrowed through [`Key`] and looked up among the names, the value read straight into its
//! field's slot, and whatever the struct does not declare handed to its [`Rest`] (kept in
//! [`ExtraFields`], a typed map, refused or ignored) in the same pass. A derive writes a field
//! enum, a visitor and the match arms again for every struct; on a large spec that is most of
//! the crate's compile time, and this runtime is type checked once.
//!
//! The table and its parts are `#[doc(hidden)]`: they are how the crate's own code reads and
//! writes objects, so a type's page in the docs shows its fields and traits, not its `Object`
//! impl; only [`ExtraFields`] is for users (re-exported at the generated crate's root).
//!
//! Copied verbatim into every generated crate as `object/runtime.rs`; the generated `object`
//! module re-exports it.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{DeserializeOwned, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserializer, Serialize, Serializer};

use crate::nullable::Nullable;
use crate::validate::{Validate, Validator};

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
#[doc(hidden)]
#[derive(Debug)]
pub struct Key<'de>(pub(crate) Cow<'de, str>);

impl Key<'_> {
    /// The key.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The key, owned (copied only if it was borrowed).
    #[must_use]
    pub fn into_owned(self) -> String {
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

/// A struct the spec declares, as the `object` runtime reads and writes it: its fields' wire
/// names, their presence and types (a tuple of [`Fields`]), and what becomes of the keys it
/// does not declare. Every generated struct (but one holding a choice) implements it, and its
/// `Serialize` and `Deserialize` impls are one call each, to this module's `serialize` and
/// `deserialize`.
///
/// This is a table, not code: the struct names each field in `NAMES`, gives its type and
/// presence in `Fields`, and moves the values in and out in `assemble` and `parts`. The reading
/// loop, the key lookup and every field's read, check and write are generic code here, type
/// checked once for the whole crate, where a derive (or a macro) would write them out again for
/// each struct and field.
#[doc(hidden)]
pub trait Object: Sized {
    /// The wire names of the declared fields, in the order of `Fields`.
    const NAMES: &'static [&'static str];
    /// The declared fields' Rust names (without `r#`), in the order of `Fields`, as `Debug`
    /// prints them: the wire names unless the struct says otherwise, which only a struct whose
    /// names differ does.
    const MEMBERS: &'static [&'static str] = Self::NAMES;
    /// The member that keeps the rest, as `Debug` prints it: the rest's own ([`Rest::MEMBER`])
    /// unless the struct names it otherwise.
    const REST_MEMBER: Option<&'static str> = <Self::Rest as Rest>::MEMBER;
    /// The declared fields: a tuple of [`Required`], [`Optional`], [`RequiredNullable`] and
    /// [`OptionalNullable`] (nested tuples past twelve).
    type Fields: Wire;
    /// What the struct does with a key it does not declare: [`ExtraFields`], a typed map of
    /// additional properties, [`Reject`] or [`Ignore`].
    type Rest: Rest;
    /// The struct from its fields' values (in the shape of `Fields`) and the rest.
    fn assemble(fields: Values<Self>, rest: Self::Rest) -> Self;
    /// The struct's fields, borrowed in the shape of `Fields`, and its rest.
    fn parts(&self) -> (Refs<'_, Self>, &Self::Rest);
    /// Records the violations of the spec's limits in the struct's fields: its [`Validate`]
    /// impl. None unless the struct or a type it holds sets a limit, which most structs of a
    /// large spec do not.
    fn validate_fields(&self, validator: &mut Validator) {
        let _ = validator;
    }
}

/// Every struct's `Validate`, from its table: one impl for all of them, where an impl per struct
/// (most of them empty) cost a large crate's `cargo check` a quarter of a millisecond each.
impl<T: Object> Validate for T {
    fn validate_into(&self, validator: &mut Validator) {
        self.validate_fields(validator);
    }
}

/// The values of a struct's declared fields, in the shape of its `Fields`: what `assemble` takes.
/// A name of its own keeps each generated `assemble` signature on one line.
#[doc(hidden)]
pub type Values<T> = <<T as Object>::Fields as Fields>::Values;

/// A struct's declared fields, borrowed in the shape of its `Fields`: what `parts` gives.
#[doc(hidden)]
pub type Refs<'a, T> = <<T as Object>::Fields as Fields>::Refs<'a>;

/// The shape of one declared field, or of a tuple of them: the types its values take. No bounds
/// on the fields' types, so the compiler works out a struct's `Values` and `Refs` (in its
/// `assemble` and `parts`) without proving that each type can be read and written: [`Wire`]
/// says that once per struct.
#[doc(hidden)]
pub trait Fields {
    /// How many fields: 1 for a field, the sum for a tuple.
    const COUNT: usize;
    /// The members' types, in the shape of the tuple.
    type Values;
    /// The members, borrowed.
    type Refs<'a>
    where
        Self: 'a;
    /// What reading fills in: `None` (or absent) until the key is read.
    type Slots: Default;
}

/// How the fields go on the wire: each is read into its slot, completed (a missing required
/// field is an error naming it) and written.
#[doc(hidden)]
pub trait Wire: Fields {
    /// Reads the value of field `index` (counted from this tuple's first field) into its slot.
    fn read<'de, A: serde::de::MapAccess<'de>>(
        slots: &mut Self::Slots,
        index: usize,
        map: &mut A,
    ) -> Result<(), A::Error>;
    /// The values from the slots; `names` starts with this tuple's first field.
    fn finish<E: serde::de::Error>(slots: Self::Slots, names: &'static [&'static str]) -> Result<Self::Values, E>;
    /// Writes every field that is not left out; `names` starts with this tuple's first field.
    fn write<M: SerializeMap>(
        values: Self::Refs<'_>,
        names: &'static [&'static str],
        map: &mut M,
    ) -> Result<(), M::Error>;
}

/// What the struct's `Clone`, `PartialEq` and `Debug` do with its fields, generic here as the
/// wire is: each field's value cloned, compared or printed under its member's name. A derive
/// writes a body of one call per field for each trait of each struct, which the compiler type
/// checks and borrow checks again for every struct; measured on Plaid's crate (1,730 structs),
/// those bodies were a quarter of its `cargo check`.
#[doc(hidden)]
pub trait Members: Fields {
    /// The values, cloned from the borrowed fields.
    fn cloned(refs: Self::Refs<'_>) -> Self::Values;
    /// Whether every field of `a` equals the same field of `b`.
    fn equal(a: Self::Refs<'_>, b: Self::Refs<'_>) -> bool;
    /// Adds each field to `out`; `members` starts with this tuple's first field.
    fn debug(refs: Self::Refs<'_>, members: &'static [&'static str], out: &mut fmt::DebugStruct<'_, '_>);
}

/// A field always there: absent is serde's "missing field" error.
#[doc(hidden)]
#[derive(Debug)]
pub struct Required<T>(PhantomData<T>);
/// A field that may be absent (`None`, left out when written); `null` also reads as `None`.
#[doc(hidden)]
#[derive(Debug)]
pub struct Optional<T>(PhantomData<T>);
/// A field always written, as `null` for `None`; absent also reads as `None`, as serde reads a
/// missing `Option`.
#[doc(hidden)]
#[derive(Debug)]
pub struct RequiredNullable<T>(PhantomData<T>);
/// A field that may be absent or `null` and says which ([`Nullable`]); left out when absent.
#[doc(hidden)]
#[derive(Debug)]
pub struct OptionalNullable<T>(PhantomData<T>);

/// The name of the first field of a tuple: its position in the struct's `NAMES` is the same as
/// the field's in `Fields`, which `deserialize` checks at compile time.
fn first(names: &'static [&'static str]) -> &'static str {
    names.first().copied().unwrap_or("?")
}

/// `Fields` for a single field whose member is `$value` and whose slot is `$slot`.
macro_rules! field_shape {
    ($marker:ident, $value:ty, $slot:ty) => {
        impl<T> Fields for $marker<T> {
            const COUNT: usize = 1;
            type Values = $value;
            type Refs<'a>
                = &'a $value
            where
                T: 'a;
            type Slots = $slot;
        }
    };
}

field_shape!(Required, T, Option<T>);
field_shape!(Optional, Option<T>, Option<T>);
field_shape!(RequiredNullable, Option<T>, Option<T>);
field_shape!(OptionalNullable, Nullable<T>, Nullable<T>);

/// `Members` for one field whose value is `$value`: as a derive would clone, compare and print it.
macro_rules! field_members {
    ($marker:ident, $value:ty) => {
        impl<T> Members for $marker<T>
        where
            $value: Clone + PartialEq + fmt::Debug,
        {
            fn cloned(refs: &$value) -> $value {
                refs.clone()
            }
            fn equal(a: &$value, b: &$value) -> bool {
                a == b
            }
            fn debug(refs: &$value, members: &'static [&'static str], out: &mut fmt::DebugStruct<'_, '_>) {
                out.field(first(members), refs);
            }
        }
    };
}

field_members!(Required, T);
field_members!(Optional, Option<T>);
field_members!(RequiredNullable, Option<T>);
field_members!(OptionalNullable, Nullable<T>);

impl<T: DeserializeOwned + Serialize> Wire for Required<T> {
    fn read<'de, A: serde::de::MapAccess<'de>>(slot: &mut Option<T>, _: usize, map: &mut A) -> Result<(), A::Error> {
        *slot = Some(map.next_value()?);
        Ok(())
    }
    fn finish<E: serde::de::Error>(slot: Option<T>, names: &'static [&'static str]) -> Result<T, E> {
        slot.ok_or_else(|| E::missing_field(first(names)))
    }
    fn write<M: SerializeMap>(value: &T, names: &'static [&'static str], map: &mut M) -> Result<(), M::Error> {
        map.serialize_entry(first(names), value)
    }
}

/// `Wire` for a field that may be absent: its slot is its member (absent leaves the member's
/// default, `None` or `Absent`), and `$write` writes the member `$value` under `$name`.
macro_rules! wire_may_be_absent {
    ($marker:ident, $member:ty, |$value:ident, $name:ident, $map:ident| $write:expr) => {
        impl<T: DeserializeOwned + Serialize> Wire for $marker<T> {
            fn read<'de, A: serde::de::MapAccess<'de>>(
                slot: &mut $member,
                _: usize,
                map: &mut A,
            ) -> Result<(), A::Error> {
                *slot = map.next_value()?;
                Ok(())
            }
            fn finish<E: serde::de::Error>(slot: $member, _: &'static [&'static str]) -> Result<$member, E> {
                Ok(slot)
            }
            fn write<M: SerializeMap>(
                $value: &$member,
                names: &'static [&'static str],
                $map: &mut M,
            ) -> Result<(), M::Error> {
                let $name = first(names);
                $write
            }
        }
    };
}

wire_may_be_absent!(Optional, Option<T>, |value, name, map| match value {
    Some(value) => map.serialize_entry(name, value),
    None => Ok(()),
});
wire_may_be_absent!(RequiredNullable, Option<T>, |value, name, map| map.serialize_entry(name, value));
wire_may_be_absent!(OptionalNullable, Nullable<T>, |value, name, map| if value.is_absent() {
    Ok(())
} else {
    map.serialize_entry(name, value)
});

/// `Fields` and `Wire` for a tuple of them: field `index` is found by counting past each
/// element's fields, which the compiler folds into a jump once the element counts are known.
macro_rules! tuple_fields {
    ($($element:ident $slot:ident $value:ident),*) => {
        impl<$($element: Fields),*> Fields for ($($element,)*) {
            const COUNT: usize = 0 $(+ $element::COUNT)*;
            type Values = ($($element::Values,)*);
            type Refs<'a>
                = ($($element::Refs<'a>,)*)
            where
                Self: 'a;
            type Slots = ($($element::Slots,)*);
        }
        impl<$($element: Wire),*> Wire for ($($element,)*) {
            #[allow(unused_variables, unused_mut, unused_assignments, reason = "the empty tuple reads nothing")]
            fn read<'de, A: serde::de::MapAccess<'de>>(slots: &mut Self::Slots, index: usize, map: &mut A) -> Result<(), A::Error> {
                let ($($slot,)*) = slots;
                let mut index = index;
                $(
                    if index < $element::COUNT {
                        return $element::read($slot, index, map);
                    }
                    index -= $element::COUNT;
                )*
                Ok(())
            }
            #[allow(unused_variables, unused_mut, unused_assignments, reason = "the empty tuple has no names")]
            fn finish<E: serde::de::Error>(slots: Self::Slots, names: &'static [&'static str]) -> Result<Self::Values, E> {
                let ($($slot,)*) = slots;
                let mut names = names;
                $(
                    let $value = $element::finish($slot, names)?;
                    names = names.get($element::COUNT..).unwrap_or_default();
                )*
                Ok(($($value,)*))
            }
            #[allow(unused_variables, unused_mut, unused_assignments, reason = "the empty tuple writes nothing")]
            fn write<M: SerializeMap>(values: Self::Refs<'_>, names: &'static [&'static str], map: &mut M) -> Result<(), M::Error> {
                let ($($value,)*) = values;
                let mut names = names;
                $(
                    $element::write($value, names, map)?;
                    names = names.get($element::COUNT..).unwrap_or_default();
                )*
                Ok(())
            }
        }
        impl<$($element: Members),*> Members for ($($element,)*) {
            #[allow(clippy::unused_unit, reason = "the empty tuple's values are `()`")]
            fn cloned(refs: Self::Refs<'_>) -> Self::Values {
                let ($($value,)*) = refs;
                ($($element::cloned($value),)*)
            }
            #[allow(unused_variables, reason = "the empty tuple compares nothing")]
            fn equal(a: Self::Refs<'_>, b: Self::Refs<'_>) -> bool {
                let ($($value,)*) = a;
                let ($($slot,)*) = b;
                true $(&& $element::equal($value, $slot))*
            }
            #[allow(unused_variables, unused_mut, unused_assignments, reason = "the empty tuple prints nothing")]
            fn debug(refs: Self::Refs<'_>, members: &'static [&'static str], out: &mut fmt::DebugStruct<'_, '_>) {
                let ($($value,)*) = refs;
                let mut members = members;
                $(
                    $element::debug($value, members, out);
                    members = members.get($element::COUNT..).unwrap_or_default();
                )*
            }
        }
    };
}

tuple_fields!();
tuple_fields!(F0 s0 v0);
tuple_fields!(F0 s0 v0, F1 s1 v1);
tuple_fields!(F0 s0 v0, F1 s1 v1, F2 s2 v2);
tuple_fields!(F0 s0 v0, F1 s1 v1, F2 s2 v2, F3 s3 v3);
tuple_fields!(F0 s0 v0, F1 s1 v1, F2 s2 v2, F3 s3 v3, F4 s4 v4);
tuple_fields!(F0 s0 v0, F1 s1 v1, F2 s2 v2, F3 s3 v3, F4 s4 v4, F5 s5 v5);
tuple_fields!(F0 s0 v0, F1 s1 v1, F2 s2 v2, F3 s3 v3, F4 s4 v4, F5 s5 v5, F6 s6 v6);
tuple_fields!(F0 s0 v0, F1 s1 v1, F2 s2 v2, F3 s3 v3, F4 s4 v4, F5 s5 v5, F6 s6 v6, F7 s7 v7);
tuple_fields!(F0 s0 v0, F1 s1 v1, F2 s2 v2, F3 s3 v3, F4 s4 v4, F5 s5 v5, F6 s6 v6, F7 s7 v7, F8 s8 v8);
tuple_fields!(F0 s0 v0, F1 s1 v1, F2 s2 v2, F3 s3 v3, F4 s4 v4, F5 s5 v5, F6 s6 v6, F7 s7 v7, F8 s8 v8, F9 s9 v9);
tuple_fields!(F0 s0 v0, F1 s1 v1, F2 s2 v2, F3 s3 v3, F4 s4 v4, F5 s5 v5, F6 s6 v6, F7 s7 v7, F8 s8 v8, F9 s9 v9, F10 s10 v10);
tuple_fields!(F0 s0 v0, F1 s1 v1, F2 s2 v2, F3 s3 v3, F4 s4 v4, F5 s5 v5, F6 s6 v6, F7 s7 v7, F8 s8 v8, F9 s9 v9, F10 s10 v10, F11 s11 v11);

/// What a struct does with the keys it does not declare.
#[doc(hidden)]
pub trait Rest: Default + Clone + PartialEq + fmt::Debug {
    /// The member a struct keeps it in, as the generator names it when nothing collides; `None`
    /// when nothing is kept.
    const MEMBER: Option<&'static str>;
    /// Takes the value of `key`, which no field has (`names` are the fields'), or refuses it.
    fn read<'de, A: serde::de::MapAccess<'de>>(
        &mut self,
        key: Key<'de>,
        names: &'static [&'static str],
        map: &mut A,
    ) -> Result<(), A::Error>;
    /// Writes what was kept, after the declared fields.
    fn write<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error>;
}

/// The rest of a struct the server sends: kept in order.
impl Rest for ExtraFields {
    const MEMBER: Option<&'static str> = Some("extra_fields");
    fn read<'de, A: serde::de::MapAccess<'de>>(
        &mut self,
        key: Key<'de>,
        _: &'static [&'static str],
        map: &mut A,
    ) -> Result<(), A::Error> {
        self.insert(key.into_owned(), map.next_value()?);
        Ok(())
    }
    fn write<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
        self.0.iter().try_for_each(|(key, value)| map.serialize_entry(key, value))
    }
}

/// The rest of a struct with typed additional properties: its map.
impl<V: DeserializeOwned + Serialize + Clone + PartialEq + fmt::Debug> Rest for BTreeMap<String, V> {
    const MEMBER: Option<&'static str> = Some("additional_properties");
    fn read<'de, A: serde::de::MapAccess<'de>>(
        &mut self,
        key: Key<'de>,
        _: &'static [&'static str],
        map: &mut A,
    ) -> Result<(), A::Error> {
        self.insert(key.into_owned(), map.next_value()?);
        Ok(())
    }
    fn write<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
        self.iter().try_for_each(|(key, value)| map.serialize_entry(key, value))
    }
}

/// The rest of a request-only struct whose schema forbids other properties: serde's "unknown
/// field" error, so a misspelt field is caught.
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Reject;

impl Rest for Reject {
    const MEMBER: Option<&'static str> = None;
    fn read<'de, A: serde::de::MapAccess<'de>>(
        &mut self,
        key: Key<'de>,
        names: &'static [&'static str],
        _: &mut A,
    ) -> Result<(), A::Error> {
        Err(serde::de::Error::unknown_field(key.as_str(), names))
    }
    fn write<M: SerializeMap>(&self, _: &mut M) -> Result<(), M::Error> {
        Ok(())
    }
}

/// The rest of any other request-only struct: read past.
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Ignore;

impl Rest for Ignore {
    const MEMBER: Option<&'static str> = None;
    fn read<'de, A: serde::de::MapAccess<'de>>(
        &mut self,
        _: Key<'de>,
        _: &'static [&'static str],
        map: &mut A,
    ) -> Result<(), A::Error> {
        map.next_value::<serde::de::IgnoredAny>().map(drop)
    }
    fn write<M: SerializeMap>(&self, _: &mut M) -> Result<(), M::Error> {
        Ok(())
    }
}

/// Where `key` is among `names`: first at `next`, since a server writes an object's fields in
/// the order its schema lists them, then anywhere.
fn position(names: &[&str], key: &str, next: usize) -> Option<usize> {
    if names.get(next).is_some_and(|name| *name == key) {
        return Some(next);
    }
    names.iter().position(|name| *name == key)
}

/// `Serialize` for an [`Object`]: a map of the fields that are not left out, then the rest.
#[allow(dead_code, reason = "only crates with a struct call it")]
pub(crate) fn serialize<T: Object, S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
    let (fields, rest) = value.parts();
    let mut map = serializer.serialize_map(None)?;
    <T::Fields as Wire>::write(fields, T::NAMES, &mut map)?;
    rest.write(&mut map)?;
    map.end()
}

/// `Deserialize` for an [`Object`] named `name`: one pass over the object's entries, each key
/// read borrowed ([`Key`]) and looked up among the fields' names, its value read straight into
/// the field's slot or handed to the rest. The name is `impl_object!`'s, passed on each call
/// rather than kept in the table: a constant per struct cost a large crate's check more than
/// the argument costs a read.
#[allow(dead_code, reason = "only crates with a struct call it")]
pub(crate) fn deserialize<'de, T: Object, D: Deserializer<'de>>(
    deserializer: D,
    name: &'static str,
) -> Result<T, D::Error> {
    struct ObjectVisitor<T>(&'static str, PhantomData<T>);
    impl<'de, T: Object> Visitor<'de> for ObjectVisitor<T> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "struct {}", self.0)
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
            let mut slots = <T::Fields as Fields>::Slots::default();
            let mut rest = T::Rest::default();
            let mut next = 0;
            while let Some(key) = map.next_key::<Key<'de>>()? {
                match position(T::NAMES, key.as_str(), next) {
                    Some(index) => {
                        <T::Fields as Wire>::read(&mut slots, index, &mut map)?;
                        next = index + 1;
                    }
                    None => rest.read(key, T::NAMES, &mut map)?,
                }
            }
            Ok(T::assemble(<T::Fields as Wire>::finish(slots, T::NAMES)?, rest))
        }
    }
    const { assert!(T::NAMES.len() == <T::Fields as Fields>::COUNT, "one name per field") };
    deserializer.deserialize_map(ObjectVisitor(name, PhantomData))
}

/// `Clone` for an [`Object`]: its fields cloned and assembled again.
#[allow(dead_code, reason = "only crates with a struct call it")]
pub(crate) fn clone<T: Object>(value: &T) -> T
where
    T::Fields: Members,
{
    let (fields, rest) = value.parts();
    T::assemble(<T::Fields as Members>::cloned(fields), rest.clone())
}

/// `PartialEq` for an [`Object`]: field by field, then the rest.
#[allow(dead_code, reason = "only crates with a struct call it")]
pub(crate) fn equal<T: Object>(a: &T, b: &T) -> bool
where
    T::Fields: Members,
{
    let ((a_fields, a_rest), (b_fields, b_rest)) = (a.parts(), b.parts());
    <T::Fields as Members>::equal(a_fields, b_fields) && a_rest == b_rest
}

/// `Debug` for an [`Object`] named `name`, as `#[derive(Debug)]` prints a struct: its name, each
/// declared field under its member's name, then the member that keeps the rest.
#[allow(dead_code, reason = "only crates with a struct call it")]
pub(crate) fn debug<T: Object>(value: &T, name: &'static str, f: &mut fmt::Formatter<'_>) -> fmt::Result
where
    T::Fields: Members,
{
    let mut out = f.debug_struct(name);
    let (fields, rest) = value.parts();
    <T::Fields as Members>::debug(fields, T::MEMBERS, &mut out);
    if let Some(member) = T::REST_MEMBER {
        out.field(member, rest);
    }
    out.finish()
}

/// `Serialize`, `Deserialize`, `Clone`, `PartialEq` and (unless the struct prints itself, as one
/// with a secret does: `impl_object!(Name, without Debug)`) `Debug` for a struct that implements
/// [`Object`]: each a call into this runtime. (A blanket impl over `Object` is what the orphan
/// rule forbids.)
#[allow(unused_macros, reason = "a crate whose only structs hold a choice does not use it")]
macro_rules! impl_object {
    ($name:ident) => {
        $crate::object::impl_object!($name, without Debug);
        impl ::core::fmt::Debug for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                $crate::object::debug(self, ::core::stringify!($name), f)
            }
        }
    };
    ($name:ident, without Debug) => {
        impl ::core::clone::Clone for $name {
            fn clone(&self) -> Self {
                $crate::object::clone(self)
            }
        }
        impl ::core::cmp::PartialEq for $name {
            fn eq(&self, other: &Self) -> bool {
                $crate::object::equal(self, other)
            }
        }
        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                $crate::object::serialize(self, serializer)
            }
        }
        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                $crate::object::deserialize(deserializer, ::core::stringify!($name))
            }
        }
    };
}
#[allow(unused_imports, reason = "a crate whose only structs hold a choice does not use it")]
pub(crate) use impl_object;
