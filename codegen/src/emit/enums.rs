//! String enums: closed ones derive serde; open ones keep unknown values in `Other` and read
//! through the `object` runtime's `deserialize_text`.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ident::ident;
use crate::ir::{EnumDef, TypeDef};

pub(super) fn emit_enum(def: &TypeDef, e: &EnumDef, attributes: &TokenStream) -> TokenStream {
    let name = ident(&def.rust_name);
    let variants: Vec<_> = e.variants.iter().map(|v| ident(&v.rust_name)).collect();
    let wires: Vec<&str> = e.variants.iter().map(|v| v.wire.as_str()).collect();
    let docs: Vec<TokenStream> =
        e.variants.iter().map(|v| crate::ir::Docs::generated(&crate::docs::code_span(&v.wire)).outer()).collect();
    if !e.open {
        let default = (e.variants.len() == 1).then(|| quote! { ::core::default::Default, });
        let default_attr = (e.variants.len() == 1).then(|| quote! { #[default] });
        return quote! {
            #attributes
            #[derive(
                ::core::fmt::Debug, ::core::clone::Clone, ::core::marker::Copy, ::core::cmp::PartialEq, ::core::cmp::Eq,
                ::core::hash::Hash, ::core::cmp::PartialOrd, ::core::cmp::Ord, #default ::serde::Serialize, ::serde::Deserialize
            )]
            pub enum #name {
                #( #docs #[serde(rename = #wires)] #default_attr #variants, )*
            }

            impl #name {
                /// The value as it appears on the wire.
                #[must_use]
                pub const fn as_str(&self) -> &'static str {
                    match self { #( Self::#variants => #wires, )* }
                }
            }

            impl ::core::fmt::Display for #name {
                fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    f.write_str(self.as_str())
                }
            }
        };
    }
    let expecting = format!("a `{}` value", def.rust_name);
    quote! {
        #attributes
        #[derive(::core::fmt::Debug, ::core::clone::Clone, ::core::cmp::PartialEq, ::core::cmp::Eq, ::core::hash::Hash, ::core::cmp::PartialOrd, ::core::cmp::Ord)]
        pub enum #name {
            #( #docs #variants, )*
            /// A value this version of the spec does not list, kept as sent. Never holds a listed
            /// value: those always become their own variant.
            Other(::std::string::String),
        }

        impl #name {
            /// The value as it appears on the wire.
            #[must_use]
            pub fn as_str(&self) -> &str {
                match self {
                    #( Self::#variants => #wires, )*
                    Self::Other(value) => value.as_str(),
                }
            }
        }

        impl ::core::fmt::Display for #name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::core::convert::From<&str> for #name {
            fn from(value: &str) -> Self {
                match value {
                    #( #wires => Self::#variants, )*
                    other => Self::Other(::std::borrow::ToOwned::to_owned(other)),
                }
            }
        }

        impl ::core::convert::From<::std::string::String> for #name {
            fn from(value: ::std::string::String) -> Self {
                match value.as_str() {
                    #( #wires => Self::#variants, )*
                    _ => Self::Other(value),
                }
            }
        }

        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                crate::object::deserialize_text(deserializer, #expecting)
            }
        }
    }
}
