//! Reading and writing the spec's string enums: one generic reader and writer for every enum,
//! driven by the one table each enum lists its values in.
//!
//! A generated enum declares its variants (with their docs) and one private `const fn listed`:
//! a `match` from a position (declaration order) to the variant there and its wire name, one
//! row per value. [`closed_enum!`] or [`open_enum!`] then gives it [`Enum`], `as_str`,
//! `Display`, `Serialize` and `Deserialize` (and, for an open enum, `From<&str>` and
//! `From<String>`), each a call into this module. Before, every enum wrote each value again
//! in `as_str`, in its reader (a derive's visitor, or two `From` matches) and in a `serde`
//! attribute: about seven lines a value, on specs with enums of 300 values.
//!
//! Why a `match` of rows and not a `const` slice of `(Self, &str)` pairs: an open enum is not
//! `Copy` (its `Other` holds a `String`), so a variant read off a slice would be cloned, and the
//! derived `Clone` of a 300-variant enum is a jump through a 300-way switch, which made reading
//! such an enum 40 % slower than the `match` on its text it replaces. The compiler turns a
//! `match` from an integer to constants into lookup tables (no branch per row), so building the
//! variant at a position costs a load, for closed and open enums alike; in a `const fn` it also
//! keeps a closed enum's `as_str` a `const fn`.
//!
//! Positions both ways:
//! - text → variant: an enum of at most [`LINEAR`] values compares the text with each wire
//!   name in turn ([`Signature`]: length, first and last eight bytes, then the middle in line);
//!   a larger one hashes it into an open-addressing table of its names ([`Lookup`]), built from
//!   `listed` the first time the enum is read. The `match` on a string it replaces is compiled
//!   to a jump on the length, then comparisons with constants in the code; against it (`cargo
//!   xtask bench`, the enum rows) a closed enum reads in about 0.9 of its time, small or large,
//!   a small open one in 0.75, and an open one of 295 values in about 0.98. The lookup hands
//!   back a position, not the variant (see [`looked_up`]): handing back an open enum's 24-byte
//!   variant through memory cost that one 1.1.
//! - variant → text: a closed enum is fieldless, so its position is its discriminant
//!   (`*self as usize`). An open enum's listed variants are read off their discriminant too,
//!   through [`core::mem::discriminant`] (see [`position`]).
//!
//! Copied verbatim into every generated crate with a string enum as `enums/runtime.rs`; the
//! generated `enums` module re-exports it.

use std::fmt;
use std::hash::{Hash as _, Hasher};
use std::marker::PhantomData;

use serde::de::Visitor;

/// A string enum of the spec, as this module reads and writes it. Implemented by
/// [`closed_enum!`] and [`open_enum!`], from the enum's own `listed`.
#[doc(hidden)]
pub trait Enum: Sized + 'static {
    /// What "invalid type" errors say was expected: "a `Name` value".
    const EXPECTING: &'static str;
    /// The listed variant at `index` (declaration order, from 0) and its wire name; `None` past
    /// the last.
    fn listed(index: usize) -> Option<(Self, &'static str)>;
    /// Where `self` is among the listed variants; `None` for an open enum's `Other`.
    fn index(&self) -> Option<usize>;
    /// The enum's [`Lookup`], built on first use (each enum keeps its own in a `static`).
    fn lookup() -> &'static Lookup;
}

/// An open enum: a value it does not list is kept in its `Other(String)` variant, which never
/// holds a listed value.
#[doc(hidden)]
pub trait OpenEnum: Enum {
    /// `Self::Other(text)`, for a text that is not listed.
    fn unlisted(text: String) -> Self;
}

/// The wire names of the listed variants, in declaration order.
fn wire_names<T: Enum>() -> impl Iterator<Item = &'static str> {
    (0..).map_while(|index| T::listed(index).map(|(_, wire)| wire))
}

/// Enums of at most this many values are read by comparing the text with each name in turn:
/// as fast as hashing it, and nothing to build.
const LINEAR: usize = 8;

/// Where each wire name of an enum of more than [`LINEAR`] values is, found by hashing the text
/// read: an open-addressing table (linear probing) of the names, each with
/// its position in `listed` and the high half of its hash, so that a probe compares the text with
/// a name only when the two hash alike. The names are copied out of `listed` so that a probe
/// compares the text with data: given `listed` itself, the compiler specialises the comparison
/// for each of its rows and jumps to one, a jump the processor cannot predict. It hands back
/// the name's position; the caller calls `listed` once, for the variant there.
#[doc(hidden)]
#[derive(Debug)]
pub struct Lookup {
    slots: Box<[Option<Slot>]>,
}

/// A name in [`Lookup`], beside what a probe checks first.
#[derive(Debug, Clone, Copy)]
struct Slot {
    name: &'static str,
    /// The high half of the name's hash.
    tag: u32,
    /// Where the name is in `listed`.
    index: u32,
}

impl Lookup {
    /// The table of `T`'s wire names.
    #[must_use]
    pub fn new<T: Enum>() -> Self {
        let count = wire_names::<T>().count();
        // Between a third and two thirds full: small enough to stay in the cache beside the
        // text being read, empty enough that a probe rarely goes past a second slot.
        let mut slots = vec![None; (count + count / 2).next_power_of_two()].into_boxed_slice();
        let mask = slots.len() - 1;
        for (index, name) in (0..).zip(wire_names::<T>()) {
            let (tag, mut at) = Signature::of(name).place(mask);
            while let Some(slot) = slots.get_mut(at) {
                if slot.is_none() {
                    *slot = Some(Slot { name, tag, index });
                    break;
                }
                at = (at + 1) & mask;
            }
        }
        Self { slots }
    }

    /// Where the listed value whose wire name is `text` is in `listed`.
    #[inline]
    fn position(&self, signature: Signature, text: &str) -> Option<usize> {
        let mask = self.slots.len() - 1;
        let (tag, mut at) = signature.place(mask);
        loop {
            let slot = (*self.slots.get(at)?)?;
            if slot.tag == tag && signature.is(slot.name, text) {
                return Some(slot.index as usize);
            }
            at = (at + 1) & mask;
        }
    }
}

/// What a wire name is compared and hashed by: its length and its first and last eight bytes
/// (four, or each byte, when shorter), read with two loads. A text of at most sixteen bytes is
/// all there, so two such texts are equal when their signatures are; longer ones are compared
/// in full once their signatures match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Signature {
    len: usize,
    first: u64,
    last: u64,
}

impl Signature {
    /// The longest text a signature holds whole.
    const WHOLE: usize = 16;

    #[inline]
    fn of(text: &str) -> Self {
        let bytes = text.as_bytes();
        let (first, last) = match (bytes.first_chunk::<8>(), bytes.last_chunk::<8>()) {
            (Some(first), Some(last)) => (u64::from_le_bytes(*first), u64::from_le_bytes(*last)),
            _ => match (bytes.first_chunk::<4>(), bytes.last_chunk::<4>()) {
                (Some(first), Some(last)) => {
                    (u64::from(u32::from_le_bytes(*first)), u64::from(u32::from_le_bytes(*last)))
                }
                _ => (bytes.iter().fold(0, |word, byte| word << 8 | u64::from(*byte)), 0),
            },
        };
        Self { len: bytes.len(), first, last }
    }

    /// Whether `wire` is `text`, whose signature this is: their signatures are equal and, for a
    /// text longer than the signature holds, so are their other bytes, compared eight at a time
    /// in line (a name is short: a call to `memcmp` would cost more than the comparison).
    #[inline]
    fn is(self, wire: &str, text: &str) -> bool {
        Self::of(wire) == self
            && (self.len <= Self::WHOLE
                || wire
                    .as_bytes()
                    .chunks_exact(8)
                    .zip(text.as_bytes().chunks_exact(8))
                    .all(|(wire, text)| wire == text))
    }

    /// Where [`Lookup`] files the text in a table of `mask + 1` slots (a power of two): the tag
    /// its slot holds (the high half of the hash) and the first slot it is looked for in (the
    /// low bits). The hash is the signature mixed: multiplied, then folded, so that the low bits
    /// depend on every bit of it.
    #[inline]
    fn place(self, mask: usize) -> (u32, usize) {
        let mixed = (self.first ^ self.last.rotate_left(29) ^ self.len as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        let hash = mixed ^ mixed >> 29;
        #[allow(clippy::cast_possible_truncation, reason = "the halves of the hash")]
        let (tag, low) = ((hash >> 32) as u32, hash as usize);
        (tag, low & mask)
    }
}

/// The listed variant whose wire name is `text`: compared with each name in turn when there
/// are at most [`LINEAR`] (known without counting them: there is no value at that position),
/// else looked up in the enum's [`Lookup`].
#[inline]
fn find<T: Enum>(text: &str) -> Option<T> {
    if T::listed(LINEAR).is_none() {
        let signature = Signature::of(text);
        return (0..).map_while(T::listed).find(|(_, wire)| signature.is(wire, text)).map(|(value, _)| value);
    }
    T::listed(looked_up::<T>(text)?).map(|(value, _)| value)
}

/// Where the listed value whose wire name is `text` is in `listed`, for an enum of more than
/// [`LINEAR`] values, looked up in its [`Lookup`].
///
/// Never inlined, so that what it hands back is a position, in registers, and the caller builds
/// the variant there in line, where it is stored once. Inlined, it made its callers (the
/// readers) too large to be inlined in turn: the variant, 24 bytes for an open enum, was then
/// written to memory word by word and read back at once as wider words, a load the processor
/// cannot forward from the stores and waits for, and an open enum of 295 values read 1.1 times
/// slower than the `match` it replaces.
#[inline(never)]
fn looked_up<T: Enum>(text: &str) -> Option<usize> {
    T::lookup().position(Signature::of(text), text)
}

/// The wire name of a listed variant; `None` for an open enum's `Other`.
#[must_use]
#[allow(dead_code, reason = "only crates with an open enum call it")]
#[inline]
pub(crate) fn wire_name<T: Enum>(value: &T) -> Option<&'static str> {
    T::listed(value.index()?).map(|(_, wire)| wire)
}

/// An open enum's `From<&str>`: the listed variant, or `Other` with a copy of the text.
#[allow(dead_code, reason = "only crates with an open enum call it")]
#[inline]
pub(crate) fn from_str<T: OpenEnum>(text: &str) -> T {
    find(text).unwrap_or_else(|| T::unlisted(text.to_owned()))
}

/// An open enum's `From<String>`: the listed variant, or `Other` with the text itself.
#[allow(dead_code, reason = "only crates with an open enum call it")]
#[inline]
pub(crate) fn from_string<T: OpenEnum>(text: String) -> T {
    find(&text).unwrap_or_else(|| T::unlisted(text))
}

/// Where a listed variant of an open enum is in `listed`, read off its discriminant.
///
/// An open enum cannot be cast to an integer (its `Other` holds a field), and matching each
/// variant is the per-value code the table replaces. Its variants are declared in the order
/// `listed` lists them, without explicit discriminants, so the discriminant of the variant at
/// position `n` is `n`; [`core::mem::discriminant`] hashes it as that integer, which
/// [`Discriminant`] keeps. Since what it hashes is not documented, the position is checked
/// against `listed`, and looked for there should the check ever fail: the answer is right
/// whatever the standard library does, and fast with what it does today.
#[allow(dead_code, reason = "only crates with an open enum call it")]
#[inline]
pub(crate) fn position<T: Enum + PartialEq>(value: &T) -> Option<usize> {
    let mut discriminant = Discriminant(None);
    std::mem::discriminant(value).hash(&mut discriminant);
    if let Some(index) = discriminant.0
        && T::listed(index).is_some_and(|(listed, _)| listed == *value)
    {
        return Some(index);
    }
    (0..).map_while(T::listed).position(|(listed, _)| listed == *value)
}

/// A [`Hasher`] that keeps the one integer a discriminant is hashed as.
#[allow(dead_code, reason = "only crates with an open enum call it")]
struct Discriminant(Option<usize>);

impl Hasher for Discriminant {
    fn finish(&self) -> u64 {
        0
    }
    fn write(&mut self, _: &[u8]) {
        self.0 = None;
    }
    fn write_isize(&mut self, value: isize) {
        self.0 = usize::try_from(value).ok();
    }
    fn write_usize(&mut self, value: usize) {
        self.0 = Some(value);
    }
}

/// `Deserialize` for a closed enum: a listed value, or an error naming the value and every
/// listed one.
#[allow(dead_code, reason = "only crates with a closed enum call it")]
pub(crate) fn deserialize_closed<'de, T: Enum, D: serde::Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
    struct ClosedVisitor<T>(PhantomData<T>);
    impl<T: Enum> Visitor<'_> for ClosedVisitor<T> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(T::EXPECTING)
        }
        #[inline]
        fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<T, E> {
            find(text).ok_or_else(|| E::custom(UnknownVariant::<T>(text, PhantomData)))
        }
    }
    deserializer.deserialize_str(ClosedVisitor(PhantomData))
}

/// `Deserialize` for an open enum: a listed value, or `Other` with the text (taken as it is
/// when the input hands it over owned).
#[allow(dead_code, reason = "only crates with an open enum call it")]
pub(crate) fn deserialize_open<'de, T: OpenEnum, D: serde::Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
    struct OpenVisitor<T>(PhantomData<T>);
    impl<T: OpenEnum> Visitor<'_> for OpenVisitor<T> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(T::EXPECTING)
        }
        #[inline]
        fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<T, E> {
            Ok(from_str(text))
        }
        #[inline]
        fn visit_string<E: serde::de::Error>(self, text: String) -> Result<T, E> {
            Ok(from_string(text))
        }
    }
    deserializer.deserialize_str(OpenVisitor(PhantomData))
}

/// serde's message for an unknown variant, word for word (`Error::unknown_variant`, which wants
/// the names as a `'static` slice, the one thing `listed` does not hold): "unknown variant
/// `x`, expected `a`", "… `a` or `b`", "… one of `a`, `b`, `c`".
#[allow(dead_code, reason = "only crates with a closed enum call it")]
struct UnknownVariant<'a, T>(&'a str, PhantomData<T>);

impl<T: Enum> fmt::Display for UnknownVariant<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown variant `{}`, ", self.0)?;
        let count = wire_names::<T>().count();
        match count {
            0 => return f.write_str("there are no variants"),
            1 | 2 => f.write_str("expected ")?,
            _ => f.write_str("expected one of ")?,
        }
        for (at, wire) in wire_names::<T>().enumerate() {
            match at {
                0 => {}
                _ if count == 2 => f.write_str(" or ")?,
                _ => f.write_str(", ")?,
            }
            write!(f, "`{wire}`")?;
        }
        Ok(())
    }
}

/// A closed enum's [`Enum`], `as_str` (a `const fn`), `Display`, `Serialize` and `Deserialize`,
/// from its `const fn listed`. The enum is fieldless and declares its variants in the order
/// `listed` lists them, so a variant's position is its discriminant.
#[allow(unused_macros, reason = "a crate without a closed enum does not use it")]
macro_rules! closed_enum {
    ($name:ident) => {
        impl $crate::enums::Enum for $name {
            const EXPECTING: &'static str = concat!("a `", stringify!($name), "` value");
            #[inline]
            fn listed(index: usize) -> ::core::option::Option<(Self, &'static str)> {
                Self::listed(index)
            }
            #[inline]
            fn index(&self) -> ::core::option::Option<usize> {
                ::core::option::Option::Some(*self as usize)
            }
            #[inline]
            fn lookup() -> &'static $crate::enums::Lookup {
                static LOOKUP: ::std::sync::OnceLock<$crate::enums::Lookup> = ::std::sync::OnceLock::new();
                LOOKUP.get_or_init($crate::enums::Lookup::new::<Self>)
            }
        }
        impl $name {
            /// The value as it appears on the wire.
            #[must_use]
            #[inline]
            pub const fn as_str(&self) -> &'static str {
                match Self::listed(*self as usize) {
                    ::core::option::Option::Some((_, wire)) => wire,
                    // Not reached: `listed` has every variant at its discriminant.
                    ::core::option::Option::None => "",
                }
            }
        }
        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }
        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }
        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                $crate::enums::deserialize_closed(deserializer)
            }
        }
    };
}
#[allow(unused_imports, reason = "a crate without a closed enum does not use it")]
pub(crate) use closed_enum;

/// An open enum's [`Enum`] and [`OpenEnum`], `as_str`, `Display`, `From<&str>`,
/// `From<String>`, `Serialize` and `Deserialize`, from its `const fn listed`. The enum declares
/// its listed variants in the order `listed` lists them, then `Other(String)`.
#[allow(unused_macros, reason = "a crate without an open enum does not use it")]
macro_rules! open_enum {
    ($name:ident) => {
        impl $crate::enums::Enum for $name {
            const EXPECTING: &'static str = concat!("a `", stringify!($name), "` value");
            #[inline]
            fn listed(index: usize) -> ::core::option::Option<(Self, &'static str)> {
                Self::listed(index)
            }
            #[inline]
            fn index(&self) -> ::core::option::Option<usize> {
                match self {
                    Self::Other(_) => ::core::option::Option::None,
                    listed => $crate::enums::position(listed),
                }
            }
            #[inline]
            fn lookup() -> &'static $crate::enums::Lookup {
                static LOOKUP: ::std::sync::OnceLock<$crate::enums::Lookup> = ::std::sync::OnceLock::new();
                LOOKUP.get_or_init($crate::enums::Lookup::new::<Self>)
            }
        }
        impl $crate::enums::OpenEnum for $name {
            fn unlisted(text: ::std::string::String) -> Self {
                Self::Other(text)
            }
        }
        impl $name {
            /// The value as it appears on the wire.
            #[must_use]
            #[inline]
            pub fn as_str(&self) -> &str {
                match self {
                    Self::Other(text) => text,
                    listed => $crate::enums::wire_name(listed).unwrap_or_default(),
                }
            }
        }
        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }
        impl ::core::convert::From<&str> for $name {
            fn from(text: &str) -> Self {
                $crate::enums::from_str(text)
            }
        }
        impl ::core::convert::From<::std::string::String> for $name {
            fn from(text: ::std::string::String) -> Self {
                $crate::enums::from_string(text)
            }
        }
        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }
        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                $crate::enums::deserialize_open(deserializer)
            }
        }
    };
}
#[allow(unused_imports, reason = "a crate without an open enum does not use it")]
pub(crate) use open_enum;
