//! The runtime emitted into a generated crate with tagged unions: reading a tagged object in one
//! pass.
//!
//! Servers write the tag first, so the union reads the tag, picks the member and lets the member
//! read the rest of the same object straight from the input. Only entries that come before the
//! tag are buffered (as `serde_json::Value`), and only a member this version of the spec does not
//! know is collected into a `serde_json::Value` whole. The alternative, reading every union into
//! a `serde_json::Value` first and then into the member, parses each object twice.

use proc_macro2::TokenStream;
use quote::quote;

/// Which parts of the runtime the crate's unions use.
#[derive(Debug, Default, Clone, Copy)]
pub(super) struct Uses {
    /// Any tagged union at all.
    pub(super) any: bool,
    /// A member that left its tag to the union.
    pub(super) member_without_tag: bool,
    /// A member that declares the tag itself.
    pub(super) member_with_tag: bool,
    /// An open union, which keeps unknown members.
    pub(super) unknown: bool,
}

pub(super) fn runtime(uses: Uses) -> TokenStream {
    let member_with_tag = uses.member_with_tag.then(|| {
        quote! {
            /// Reads a member that declares the tag property itself, so the tag is passed on.
            pub(crate) fn member_with_tag<T: ::serde::Deserialize<'de>, U: TaggedUnion>(
                mut self,
                union: &str,
                tag: &str,
            ) -> ::core::result::Result<T, A::Error> {
                self.before.push((U::TAG.into(), ::serde_json::Value::String(tag.into())));
                self.member(union, tag)
            }
        }
    });
    let unknown = uses.unknown.then(|| {
        quote! {
            /// The whole object as sent, for a member this version of the spec does not know.
            pub(crate) fn unknown<U: TaggedUnion>(mut self, tag: &str) -> ::core::result::Result<::serde_json::Value, A::Error> {
                let mut object: ::serde_json::Map<::std::string::String, ::serde_json::Value> = self.before.into_iter().collect();
                object.insert(U::TAG.into(), ::serde_json::Value::String(tag.into()));
                while let ::core::option::Option::Some((key, value)) = self.rest.next_entry::<::std::string::String, ::serde_json::Value>()? {
                    object.insert(key, value);
                }
                ::core::result::Result::Ok(::serde_json::Value::Object(object))
            }
        }
    });
    // `member_with_tag` reads through `member`, so `member` is there whenever either is used.
    let member_visibility = uses.member_without_tag.then(|| quote! { pub(crate) });
    quote! {
        use ::serde::de::{DeserializeSeed, Error as _, MapAccess, Visitor};

        /// A union whose members are told apart by one property of the object, its tag.
        pub(crate) trait TaggedUnion: ::core::marker::Sized {
            /// The property that holds the tag.
            const TAG: &'static str;
            /// What the union reads, for "invalid type" errors.
            const EXPECTING: &'static str;

            /// Reads the member that `tag` names from the rest of the object.
            fn member<'de, A: MapAccess<'de>>(tag: &str, object: Object<'de, A>) -> ::core::result::Result<Self, A::Error>;

            /// The union for JSON that has no tag: `Unknown` when the union is open, an error
            /// when it is closed.
            fn untagged<E: ::serde::de::Error>(value: ::serde_json::Value) -> ::core::result::Result<Self, E>;
        }

        /// Deserialises a tagged union in one pass over its object.
        pub(crate) fn deserialize<'de, D: ::serde::Deserializer<'de>, U: TaggedUnion>(
            deserializer: D,
        ) -> ::core::result::Result<U, D::Error> {
            deserializer.deserialize_any(UnionVisitor(::core::marker::PhantomData))
        }

        /// A tagged object once its tag is read: the entries that came before the tag, and the
        /// input that holds the rest.
        pub(crate) struct Object<'de, A: MapAccess<'de>> {
            before: ::std::vec::Vec<(::std::string::String, ::serde_json::Value)>,
            rest: A,
            marker: ::core::marker::PhantomData<&'de ()>,
        }

        impl<'de, A: MapAccess<'de>> Object<'de, A> {
            /// Reads the member from every entry but the tag (the member left its tag to the
            /// union); `union` and `tag` name it in errors.
            #member_visibility fn member<T: ::serde::Deserialize<'de>>(self, union: &str, tag: &str) -> ::core::result::Result<T, A::Error> {
                let entries = Entries { before: self.before.into_iter(), pending: ::core::option::Option::None, rest: self.rest };
                T::deserialize(::serde::de::value::MapAccessDeserializer::new(entries)).map_err(|error| member_error(&error, union, tag))
            }

            #member_with_tag
            #unknown
        }

        /// "invalid `image` member of `UserContentBlock`: ...". serde_json ends an error with its
        /// position and adds the position again to the error made from it, so one is dropped.
        fn member_error<E: ::serde::de::Error>(error: &E, union: &str, tag: &str) -> E {
            let message = ::std::string::ToString::to_string(error);
            let message = without_position(&message);
            E::custom(::core::format_args!("invalid `{tag}` member of `{union}`: {message}"))
        }

        fn without_position(message: &str) -> &str {
            let digits = |text: &str| !text.is_empty() && text.bytes().all(|byte| byte.is_ascii_digit());
            if let ::core::option::Option::Some(index) = message.rfind(" at line ")
                && let ::core::option::Option::Some((line, column)) = message[index + " at line ".len()..].split_once(" column ")
                && digits(line)
                && digits(column)
            {
                return &message[..index];
            }
            message
        }

        /// The entries before the tag, then the rest of the input, as one map.
        struct Entries<A> {
            before: ::std::vec::IntoIter<(::std::string::String, ::serde_json::Value)>,
            pending: ::core::option::Option<::serde_json::Value>,
            rest: A,
        }

        impl<'de, A: MapAccess<'de>> MapAccess<'de> for Entries<A> {
            type Error = A::Error;

            fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> ::core::result::Result<::core::option::Option<K::Value>, A::Error> {
                match self.before.next() {
                    ::core::option::Option::Some((key, value)) => {
                        self.pending = ::core::option::Option::Some(value);
                        seed.deserialize(::serde::de::IntoDeserializer::<A::Error>::into_deserializer(key)).map(::core::option::Option::Some)
                    }
                    ::core::option::Option::None => self.rest.next_key_seed(seed),
                }
            }

            fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> ::core::result::Result<V::Value, A::Error> {
                match self.pending.take() {
                    ::core::option::Option::Some(value) => seed.deserialize(value).map_err(A::Error::custom),
                    ::core::option::Option::None => self.rest.next_value_seed(seed),
                }
            }

            fn size_hint(&self) -> ::core::option::Option<usize> {
                self.rest.size_hint().map(|rest| rest + self.before.len())
            }
        }

        struct UnionVisitor<U>(::core::marker::PhantomData<U>);

        impl<'de, U: TaggedUnion> Visitor<'de> for UnionVisitor<U> {
            type Value = U;

            fn expecting(&self, formatter: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                formatter.write_str(U::EXPECTING)
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> ::core::result::Result<U, A::Error> {
                let mut before = ::std::vec::Vec::new();
                while let ::core::option::Option::Some(key) = map.next_key_seed(KeySeed(U::TAG))? {
                    match key {
                        Key::Tag => match map.next_value_seed(TagSeed)? {
                            Tag::Text(tag) => {
                                let object = Object { before, rest: map, marker: ::core::marker::PhantomData };
                                return U::member(&tag, object);
                            }
                            // A tag that is not a string names no member: the object is untagged.
                            Tag::Other(value) => before.push((U::TAG.into(), value)),
                        },
                        Key::Other(key) => before.push((key, map.next_value()?)),
                    }
                }
                U::untagged(::serde_json::Value::Object(before.into_iter().collect()))
            }

            fn visit_seq<A: ::serde::de::SeqAccess<'de>>(self, seq: A) -> ::core::result::Result<U, A::Error> {
                U::untagged(::serde::Deserialize::deserialize(::serde::de::value::SeqAccessDeserializer::new(seq))?)
            }

            fn visit_str<E: ::serde::de::Error>(self, value: &str) -> ::core::result::Result<U, E> {
                U::untagged(::serde_json::Value::String(value.into()))
            }

            fn visit_bool<E: ::serde::de::Error>(self, value: bool) -> ::core::result::Result<U, E> {
                U::untagged(::serde_json::Value::Bool(value))
            }

            fn visit_i64<E: ::serde::de::Error>(self, value: i64) -> ::core::result::Result<U, E> {
                U::untagged(::serde_json::Value::from(value))
            }

            fn visit_u64<E: ::serde::de::Error>(self, value: u64) -> ::core::result::Result<U, E> {
                U::untagged(::serde_json::Value::from(value))
            }

            fn visit_f64<E: ::serde::de::Error>(self, value: f64) -> ::core::result::Result<U, E> {
                U::untagged(::serde_json::Value::from(value))
            }

            fn visit_unit<E: ::serde::de::Error>(self) -> ::core::result::Result<U, E> {
                U::untagged(::serde_json::Value::Null)
            }
        }

        /// A key of a tagged object: the tag, or another key (kept, since it is buffered).
        enum Key {
            Tag,
            Other(::std::string::String),
        }

        struct KeySeed(&'static str);

        impl<'de> DeserializeSeed<'de> for KeySeed {
            type Value = Key;

            fn deserialize<D: ::serde::Deserializer<'de>>(self, deserializer: D) -> ::core::result::Result<Key, D::Error> {
                deserializer.deserialize_str(self)
            }
        }

        impl Visitor<'_> for KeySeed {
            type Value = Key;

            fn expecting(&self, formatter: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                formatter.write_str("a property name")
            }

            fn visit_str<E: ::serde::de::Error>(self, key: &str) -> ::core::result::Result<Key, E> {
                ::core::result::Result::Ok(if key == self.0 { Key::Tag } else { Key::Other(key.into()) })
            }

            fn visit_string<E: ::serde::de::Error>(self, key: ::std::string::String) -> ::core::result::Result<Key, E> {
                ::core::result::Result::Ok(if key == self.0 { Key::Tag } else { Key::Other(key) })
            }
        }

        /// The value of the tag property: text, borrowed from the input when it can be, or
        /// anything else, which names no member.
        enum Tag<'de> {
            Text(::std::borrow::Cow<'de, str>),
            Other(::serde_json::Value),
        }

        struct TagSeed;

        impl<'de> DeserializeSeed<'de> for TagSeed {
            type Value = Tag<'de>;

            fn deserialize<D: ::serde::Deserializer<'de>>(self, deserializer: D) -> ::core::result::Result<Tag<'de>, D::Error> {
                deserializer.deserialize_any(self)
            }
        }

        impl<'de> Visitor<'de> for TagSeed {
            type Value = Tag<'de>;

            fn expecting(&self, formatter: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                formatter.write_str("a tag")
            }

            fn visit_borrowed_str<E: ::serde::de::Error>(self, tag: &'de str) -> ::core::result::Result<Tag<'de>, E> {
                ::core::result::Result::Ok(Tag::Text(::std::borrow::Cow::Borrowed(tag)))
            }

            fn visit_str<E: ::serde::de::Error>(self, tag: &str) -> ::core::result::Result<Tag<'de>, E> {
                ::core::result::Result::Ok(Tag::Text(::std::borrow::Cow::Owned(tag.into())))
            }

            fn visit_map<A: MapAccess<'de>>(self, map: A) -> ::core::result::Result<Tag<'de>, A::Error> {
                ::serde::Deserialize::deserialize(::serde::de::value::MapAccessDeserializer::new(map)).map(Tag::Other)
            }

            fn visit_seq<A: ::serde::de::SeqAccess<'de>>(self, seq: A) -> ::core::result::Result<Tag<'de>, A::Error> {
                ::serde::Deserialize::deserialize(::serde::de::value::SeqAccessDeserializer::new(seq)).map(Tag::Other)
            }

            fn visit_bool<E: ::serde::de::Error>(self, value: bool) -> ::core::result::Result<Tag<'de>, E> {
                ::core::result::Result::Ok(Tag::Other(::serde_json::Value::Bool(value)))
            }

            fn visit_i64<E: ::serde::de::Error>(self, value: i64) -> ::core::result::Result<Tag<'de>, E> {
                ::core::result::Result::Ok(Tag::Other(::serde_json::Value::from(value)))
            }

            fn visit_u64<E: ::serde::de::Error>(self, value: u64) -> ::core::result::Result<Tag<'de>, E> {
                ::core::result::Result::Ok(Tag::Other(::serde_json::Value::from(value)))
            }

            fn visit_f64<E: ::serde::de::Error>(self, value: f64) -> ::core::result::Result<Tag<'de>, E> {
                ::core::result::Result::Ok(Tag::Other(::serde_json::Value::from(value)))
            }

            fn visit_unit<E: ::serde::de::Error>(self) -> ::core::result::Result<Tag<'de>, E> {
                ::core::result::Result::Ok(Tag::Other(::serde_json::Value::Null))
            }
        }
    }
}
