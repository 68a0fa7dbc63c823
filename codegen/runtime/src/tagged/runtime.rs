//! Reading a tagged union in one pass: the runtime every generated crate with tagged unions
//! carries.
//!
//! Servers write the tag first, so the union reads the tag, picks the member and lets the member
//! read the rest of the same object straight from the input. Only entries that come before the
//! tag are buffered (as `serde_json::Value`), and only a member this version of the spec does not
//! know is collected into a `serde_json::Value` whole. The alternative, reading every union into
//! a `serde_json::Value` first and then into the member, parses each object twice.
//!
//! Copied verbatim into the generated crate as `tagged/runtime.rs`; the generated unions
//! implement [`TaggedUnion`] and deserialise through [`deserialize`].

use core::fmt;
use core::marker::PhantomData;
use std::borrow::Cow;

use serde::de::{DeserializeSeed, Error as _, MapAccess, Visitor};

/// A union whose members are told apart by one property of the object, its tag.
pub(crate) trait TaggedUnion: Sized {
    /// The property that holds the tag.
    const TAG: &'static str;
    /// What the union reads, for "invalid type" errors.
    const EXPECTING: &'static str;
    /// Whether the tag is an integer on the wire (`"type": 2`), handed to [`member`](Self::member)
    /// as its decimal digits; otherwise it is a string. A tag of the other kind names no member.
    const INTEGER_TAG: bool = false;

    /// Reads the member that `tag` names from the rest of the object.
    fn member<'de, A: MapAccess<'de>>(tag: &str, object: TaggedObject<'de, A>) -> Result<Self, A::Error>;

    /// The union for JSON that has no tag: `Unknown` when the union is open, an error
    /// when it is closed.
    fn untagged<E: serde::de::Error>(value: serde_json::Value) -> Result<Self, E>;
}

/// Deserialises a tagged union in one pass over its object.
pub(crate) fn deserialize<'de, D: serde::Deserializer<'de>, U: TaggedUnion>(deserializer: D) -> Result<U, D::Error> {
    deserializer.deserialize_any(UnionVisitor(PhantomData))
}

/// A tagged object once its tag is read: the entries that came before the tag, and the
/// input that holds the rest.
pub(crate) struct TaggedObject<'de, A: MapAccess<'de>> {
    before: Vec<(String, serde_json::Value)>,
    rest: A,
    marker: PhantomData<&'de ()>,
}

impl<'de, A: MapAccess<'de>> TaggedObject<'de, A> {
    /// Reads the member from every entry but the tag (the member left its tag to the
    /// union); `union` and `tag` name it in errors.
    #[allow(dead_code, reason = "unions whose members all declare their own tag read through `member_with_tag`")]
    pub(crate) fn member<T: serde::Deserialize<'de>>(self, union: &str, tag: &str) -> Result<T, A::Error> {
        let entries = Entries { before: self.before.into_iter(), pending: None, rest: self.rest };
        T::deserialize(serde::de::value::MapAccessDeserializer::new(entries))
            .map_err(|error| member_error(&error, union, tag))
    }

    /// Reads a member that declares the tag property itself, so the tag is passed on.
    #[allow(dead_code, reason = "only unions with a member that declares its own tag call it")]
    pub(crate) fn member_with_tag<T: serde::Deserialize<'de>, U: TaggedUnion>(
        mut self,
        union: &str,
        tag: &str,
    ) -> Result<T, A::Error> {
        self.before.push((U::TAG.into(), tag_value::<U>(tag)));
        self.member(union, tag)
    }

    /// The whole object as sent, for a member this version of the spec does not know.
    #[allow(dead_code, reason = "only open unions (those the server sends) call it")]
    pub(crate) fn unknown<U: TaggedUnion>(mut self, tag: &str) -> Result<serde_json::Value, A::Error> {
        let mut object: serde_json::Map<String, serde_json::Value> = self.before.into_iter().collect();
        object.insert(U::TAG.into(), tag_value::<U>(tag));
        while let Some((key, value)) = self.rest.next_entry::<String, serde_json::Value>()? {
            object.insert(key, value);
        }
        Ok(serde_json::Value::Object(object))
    }
}

/// The tag as it was sent: the number an integer tag's digits spell, or the text.
fn tag_value<U: TaggedUnion>(tag: &str) -> serde_json::Value {
    match tag.parse::<i64>() {
        Ok(number) if U::INTEGER_TAG => serde_json::Value::from(number),
        _ => serde_json::Value::String(tag.into()),
    }
}

/// "invalid `image` member of `UserContentBlock`: ...". `serde_json` ends an error with its
/// position and adds the position again to the error made from it, so one is dropped.
fn member_error<E: serde::de::Error>(error: &E, union: &str, tag: &str) -> E {
    let message = ToString::to_string(error);
    let message = without_position(&message);
    E::custom(format_args!("invalid `{tag}` member of `{union}`: {message}"))
}

fn without_position(message: &str) -> &str {
    let digits = |text: &str| !text.is_empty() && text.bytes().all(|byte| byte.is_ascii_digit());
    if let Some(index) = message.rfind(" at line ")
        && let Some((line, column)) = message[index + " at line ".len()..].split_once(" column ")
        && digits(line)
        && digits(column)
    {
        return &message[..index];
    }
    message
}

/// The entries before the tag, then the rest of the input, as one map.
struct Entries<A> {
    before: std::vec::IntoIter<(String, serde_json::Value)>,
    pending: Option<serde_json::Value>,
    rest: A,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Entries<A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, A::Error> {
        match self.before.next() {
            Some((key, value)) => {
                self.pending = Some(value);
                seed.deserialize(serde::de::IntoDeserializer::<A::Error>::into_deserializer(key)).map(Some)
            }
            None => self.rest.next_key_seed(seed),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        match self.pending.take() {
            Some(value) => seed.deserialize(value).map_err(A::Error::custom),
            None => self.rest.next_value_seed(seed),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        self.rest.size_hint().map(|rest| rest + self.before.len())
    }
}

struct UnionVisitor<U>(PhantomData<U>);

impl<'de, U: TaggedUnion> Visitor<'de> for UnionVisitor<U> {
    type Value = U;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(U::EXPECTING)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<U, A::Error> {
        let mut before = Vec::new();
        while let Some(key) = map.next_key_seed(KeySeed(U::TAG))? {
            match key {
                Key::Tag => match map.next_value_seed(TagSeed)? {
                    Tag::Text(tag) if !U::INTEGER_TAG => {
                        let object = TaggedObject { before, rest: map, marker: PhantomData };
                        return U::member(&tag, object);
                    }
                    Tag::Integer(tag) if U::INTEGER_TAG => {
                        let object = TaggedObject { before, rest: map, marker: PhantomData };
                        return U::member(&tag.to_string(), object);
                    }
                    // A tag of another kind names no member: the object is untagged.
                    Tag::Text(tag) => before.push((U::TAG.into(), serde_json::Value::String(tag.into_owned()))),
                    Tag::Integer(tag) => before.push((U::TAG.into(), serde_json::Value::from(tag))),
                    Tag::Other(value) => before.push((U::TAG.into(), value)),
                },
                Key::Other(key) => before.push((key, map.next_value()?)),
            }
        }
        U::untagged(serde_json::Value::Object(before.into_iter().collect()))
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, seq: A) -> Result<U, A::Error> {
        U::untagged(serde::Deserialize::deserialize(serde::de::value::SeqAccessDeserializer::new(seq))?)
    }

    fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<U, E> {
        U::untagged(serde_json::Value::String(value.into()))
    }

    fn visit_bool<E: serde::de::Error>(self, value: bool) -> Result<U, E> {
        U::untagged(serde_json::Value::Bool(value))
    }

    fn visit_i64<E: serde::de::Error>(self, value: i64) -> Result<U, E> {
        U::untagged(serde_json::Value::from(value))
    }

    fn visit_u64<E: serde::de::Error>(self, value: u64) -> Result<U, E> {
        U::untagged(serde_json::Value::from(value))
    }

    fn visit_f64<E: serde::de::Error>(self, value: f64) -> Result<U, E> {
        U::untagged(serde_json::Value::from(value))
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<U, E> {
        U::untagged(serde_json::Value::Null)
    }
}

/// A key of a tagged object: the tag, or another key (kept, since it is buffered).
enum Key {
    Tag,
    Other(String),
}

struct KeySeed(&'static str);

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Key;

    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<Key, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl Visitor<'_> for KeySeed {
    type Value = Key;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("a property name")
    }

    fn visit_str<E: serde::de::Error>(self, key: &str) -> Result<Key, E> {
        Ok(if key == self.0 { Key::Tag } else { Key::Other(key.into()) })
    }

    fn visit_string<E: serde::de::Error>(self, key: String) -> Result<Key, E> {
        Ok(if key == self.0 { Key::Tag } else { Key::Other(key) })
    }
}

/// The value of the tag property: text, borrowed from the input when it can be, an integer,
/// or anything else, which names no member.
enum Tag<'de> {
    Text(Cow<'de, str>),
    Integer(i64),
    Other(serde_json::Value),
}

struct TagSeed;

impl<'de> DeserializeSeed<'de> for TagSeed {
    type Value = Tag<'de>;

    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<Tag<'de>, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for TagSeed {
    type Value = Tag<'de>;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("a tag")
    }

    fn visit_borrowed_str<E: serde::de::Error>(self, tag: &'de str) -> Result<Tag<'de>, E> {
        Ok(Tag::Text(Cow::Borrowed(tag)))
    }

    fn visit_str<E: serde::de::Error>(self, tag: &str) -> Result<Tag<'de>, E> {
        Ok(Tag::Text(Cow::Owned(tag.into())))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Tag<'de>, A::Error> {
        serde::Deserialize::deserialize(serde::de::value::MapAccessDeserializer::new(map)).map(Tag::Other)
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, seq: A) -> Result<Tag<'de>, A::Error> {
        serde::Deserialize::deserialize(serde::de::value::SeqAccessDeserializer::new(seq)).map(Tag::Other)
    }

    fn visit_bool<E: serde::de::Error>(self, value: bool) -> Result<Tag<'de>, E> {
        Ok(Tag::Other(serde_json::Value::Bool(value)))
    }

    fn visit_i64<E: serde::de::Error>(self, value: i64) -> Result<Tag<'de>, E> {
        Ok(Tag::Integer(value))
    }

    fn visit_u64<E: serde::de::Error>(self, value: u64) -> Result<Tag<'de>, E> {
        Ok(i64::try_from(value).map_or_else(|_| Tag::Other(serde_json::Value::from(value)), Tag::Integer))
    }

    fn visit_f64<E: serde::de::Error>(self, value: f64) -> Result<Tag<'de>, E> {
        Ok(Tag::Other(serde_json::Value::from(value)))
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<Tag<'de>, E> {
        Ok(Tag::Other(serde_json::Value::Null))
    }
}
