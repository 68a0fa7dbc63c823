//! String enums: the variants with their docs, and one table, `listed`, from a variant's
//! position to the variant and its wire name; the runtime's `enums` module does the rest (see
//! there for why it is a `match` of rows). A closed enum is fieldless and `Copy`; an open one
//! keeps unknown values in `Other`.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use crate::ident::ident;
use crate::ir::{Docs, EnumDef, EnumVariant, TypeDef};
use crate::prelude::{
    CLONE, CLOSED_ENUM, COPY, DEFAULT, EQ, NONE, OPEN_ENUM, OPTION, ORD, PARTIAL_EQ, PARTIAL_ORD, SOME, STRING,
};

/// A variant's docs: its value as it appears on the wire, then what the spec says of it (a
/// titled constant's description), for string and integer enums alike.
pub(super) fn variant_docs(variant: &EnumVariant) -> TokenStream {
    let value = Docs::generated(&crate::docs::code_span(&variant.wire));
    match &variant.docs {
        Some(docs) => value.then(docs).outer(),
        None => value.outer(),
    }
}

pub(super) fn emit_enum(def: &TypeDef, e: &EnumDef, attributes: &TokenStream) -> TokenStream {
    let name = ident(&def.rust_name);
    let variants: Vec<_> = e.variants.iter().map(|v| ident(&v.rust_name)).collect();
    let wires = e.variants.iter().map(|v| v.wire.as_str());
    let positions = (0..e.variants.len()).map(Literal::usize_unsuffixed);
    let docs: Vec<TokenStream> = e.variants.iter().map(variant_docs).collect();
    // `listed`: the listed value at `index` and its wire name. The runtime's macros read a
    // variant's position off its discriminant, so its rows are in declaration order. (Private,
    // and documented in the runtime, which is all that calls it.) `#[inline]` because the
    // readers and writers that call it are generic, so they are compiled in the crate that reads
    // or writes the enum, which could not inline it otherwise.
    let listed = quote! {
        impl #name {
            #[inline]
            const fn listed(index: usize) -> #OPTION<(Self, &'static str)> {
                let listed = match index {
                    #( #positions => (Self::#variants, #wires), )*
                    _ => return #NONE,
                };
                #SOME(listed)
            }
        }
    };
    if !e.open {
        let default = (e.variants.len() == 1).then(|| quote! { #DEFAULT, });
        let default_attr = (e.variants.len() == 1).then(|| quote! { #[default] });
        return quote! {
            #attributes
            #[derive(
                ::core::fmt::Debug, #CLONE, #COPY, #PARTIAL_EQ, #EQ,
                ::core::hash::Hash, #PARTIAL_ORD, #ORD, #default
            )]
            pub enum #name {
                #( #docs #default_attr #variants, )*
            }

            #listed

            #CLOSED_ENUM!(#name);
        };
    }
    let non_exhaustive = super::unions::non_exhaustive();
    quote! {
        #attributes
        #[derive(::core::fmt::Debug, #CLONE, #PARTIAL_EQ, #EQ, ::core::hash::Hash, #PARTIAL_ORD, #ORD)]
        #non_exhaustive
        pub enum #name {
            #( #docs #variants, )*
            /// A value this version of the spec does not list, kept as sent. Never holds a listed
            /// value: those always become their own variant.
            Other(#STRING),
        }

        #listed

        #OPEN_ENUM!(#name);
    }
}
