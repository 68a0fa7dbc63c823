//! Integer enums (`oneOf` of titled integer `const`s): an enum named by the titles whose wire
//! form is the number. Open ones keep an unlisted number in `Other(i64)`; closed ones reject it.
//!
//! Apart from `enums.rs` because nothing of the string enums' text handling applies: the value is
//! an `i64`, read with serde's own integer reader and written with `serialize_i64`.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use crate::ident::ident;
use crate::ir::{EnumDef, TypeDef};
use crate::prelude::{CLONE, COPY, DEFAULT, EQ, ERR, FROM, OK, ORD, PARTIAL_EQ, PARTIAL_ORD, RESULT, TRY_FROM};

pub(super) fn emit_integer_enum(def: &TypeDef, e: &EnumDef, attributes: &TokenStream) -> TokenStream {
    let name = ident(&def.rust_name);
    let listed: Vec<_> = e.variants.iter().filter_map(|v| Some((v, v.integer?))).collect();
    let variants: Vec<_> = listed.iter().map(|(v, _)| ident(&v.rust_name)).collect();
    let values: Vec<Literal> = listed.iter().map(|(_, value)| Literal::i64_unsuffixed(*value)).collect();
    let docs: Vec<TokenStream> = listed.iter().map(|(v, _)| super::enums::variant_docs(v)).collect();
    let expecting = format!("a `{}` value", def.rust_name);
    let derives = quote! {
        ::core::fmt::Debug, #CLONE, #COPY, #PARTIAL_EQ, #EQ,
        ::core::hash::Hash, #PARTIAL_ORD, #ORD
    };
    let common = quote! {
        impl ::core::fmt::Display for #name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                ::core::fmt::Display::fmt(&self.value(), f)
            }
        }

        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> #RESULT<S::Ok, S::Error> {
                serializer.serialize_i64(self.value())
            }
        }
    };
    if !e.open {
        let default = (e.variants.len() == 1).then(|| quote! { #DEFAULT, });
        let default_attr = (e.variants.len() == 1).then(|| quote! { #[default] });
        // `quote!` binds what a repetition interpolates with `let`, which cannot shadow a constant.
        let ok = OK;
        return quote! {
            #attributes
            #[derive(#derives, #default)]
            pub enum #name {
                #( #docs #default_attr #variants, )*
            }

            impl #name {
                /// The value as it appears on the wire.
                #[must_use]
                pub const fn value(self) -> i64 {
                    match self { #( Self::#variants => #values, )* }
                }
            }

            impl #TRY_FROM<i64> for #name {
                type Error = i64;

                /// The variant of a listed value; an unlisted one is handed back.
                fn try_from(value: i64) -> #RESULT<Self, i64> {
                    match value {
                        #( #values => #ok(Self::#variants), )*
                        other => #ERR(other),
                    }
                }
            }

            #common

            impl<'de> ::serde::Deserialize<'de> for #name {
                fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> #RESULT<Self, D::Error> {
                    let value = <i64 as ::serde::Deserialize>::deserialize(deserializer)?;
                    <Self as #TRY_FROM<i64>>::try_from(value).map_err(|other| {
                        <D::Error as ::serde::de::Error>::invalid_value(::serde::de::Unexpected::Signed(other), &#expecting)
                    })
                }
            }
        };
    }
    let non_exhaustive = super::unions::non_exhaustive();
    quote! {
        #attributes
        #[derive(#derives)]
        #non_exhaustive
        pub enum #name {
            #( #docs #variants, )*
            /// A value this version of the spec does not list, kept as sent. Never holds a listed
            /// value: those always become their own variant.
            Other(i64),
        }

        impl #name {
            /// The value as it appears on the wire.
            #[must_use]
            pub const fn value(self) -> i64 {
                match self {
                    #( Self::#variants => #values, )*
                    Self::Other(value) => value,
                }
            }
        }

        impl #FROM<i64> for #name {
            fn from(value: i64) -> Self {
                match value {
                    #( #values => Self::#variants, )*
                    other => Self::Other(other),
                }
            }
        }

        #common

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> #RESULT<Self, D::Error> {
                <i64 as ::serde::Deserialize>::deserialize(deserializer).map(Self::from)
            }
        }
    }
}
