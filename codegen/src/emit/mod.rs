//! IR → tokens: one module of model types plus the small runtime support they need.
//!
//! Every path to a type outside the generated crate is written in full (`::serde::Serialize`,
//! `::core::option::Option`), so a user type named `Option` or `Result` cannot shadow it.

mod builders;
mod enums;
mod operations;
mod operations_runtime;
mod responses;
mod structs;
mod support;
mod tagged_runtime;
mod unions;
mod validate;
mod validate_runtime;

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::quote;

use crate::ident::ident;
use crate::ir::{Ir, TypeDef, TypeId, TypeKind, TypeRef};
use crate::output::{GeneratedModule, doc_attrs};

/// The emitted code, before formatting.
#[derive(Debug)]
pub(crate) struct Emitted {
    pub(crate) root_doc: String,
    pub(crate) root: TokenStream,
    pub(crate) modules: Vec<GeneratedModule>,
}

pub(crate) fn emit(ir: &Ir) -> Emitted {
    let emitted = emitted_types(ir);
    let items = ir.types_by_name().into_iter().filter(|(id, _)| emitted.contains(id)).map(|(_, def)| {
        let docs = doc_attrs(&type_docs(def), false);
        let deprecated = def.deprecated.then(|| quote! { #[deprecated] });
        let attributes = quote! { #docs #deprecated };
        match &def.kind {
            TypeKind::Struct(s) => structs::emit_struct(ir, def, s, &attributes),
            TypeKind::Enum(e) => enums::emit_enum(def, e, &attributes),
            TypeKind::TaggedUnion(u) => unions::emit_tagged_union(ir, def, u, &attributes),
            TypeKind::KindUnion(u) => unions::emit_kind_union(ir, def, u, &attributes),
            TypeKind::Choice(c) => structs::emit_choice(ir, def, c, &attributes),
            TypeKind::Alias(ty) => {
                let name = ident(&def.rust_name);
                let ty = type_tokens(ir, ty);
                quote! { #attributes pub type #name = #ty; }
            }
            TypeKind::Pending => TokenStream::new(),
        }
    });
    let types = quote! {
        #![allow(
            clippy::large_enum_variant,
            reason = "union variants mirror the spec's members; boxing them would change the public API"
        )]
        #![allow(
            clippy::enum_variant_names,
            reason = "variant names are the wire values, which often share a suffix such as `_error`"
        )]
        #(#items)*
    };
    let mut root_doc = ir.title.clone();
    if let Some(description) = ir.description.as_deref().and_then(crate::docs::sanitize) {
        root_doc.push_str("\n\n");
        root_doc.push_str(&description);
    }
    root_doc.push_str("\n\nGenerated from version `");
    root_doc.push_str(&ir.version);
    root_doc.push_str("` of the spec.");
    let validation = validate::emit_validation(ir, &emitted);
    let runtime = validate_runtime::runtime(validation.uses_time_zones);
    let checks = validation.tokens;
    let tagged_uses = unions::tagged_runtime_uses(
        ir,
        emitted.iter().filter_map(|id| match &ir.get(*id).kind {
            TypeKind::TaggedUnion(u) => Some(u),
            _ => None,
        }),
    );
    Emitted {
        root_doc,
        root: quote! {
            pub use nullable::Nullable;
            pub use types::*;
            pub use validate::{Validate, ValidationErrors};
        },
        modules: [
            GeneratedModule {
                name: "nullable".to_owned(),
                doc: "`Nullable<T>`: a field that may be absent, `null`, or hold a value.".to_owned(),
                tokens: support::nullable(),
                public: true,
            },
            GeneratedModule {
                name: "types".to_owned(),
                doc: "Model types: one per schema of the spec, with their serde representation.".to_owned(),
                tokens: types,
                public: true,
            },
            GeneratedModule {
                name: "operations".to_owned(),
                doc: "Endpoint stubs: one request type per operation, with the `Operation` trait that turns it into an\n`http::Request` and an `http::Response` into its typed result or error, and pagination.".to_owned(),
                tokens: {
                    let runtime = operations_runtime::runtime(ir.server.as_deref());
                    let operations = operations::emit_operations(ir);
                    quote! { #runtime #operations }
                },
                public: true,
            },
            GeneratedModule {
                name: "builders".to_owned(),
                doc: "Builders whose required fields the compiler checks: `build()` only compiles once each is set, and\nsetting one twice does not compile either.".to_owned(),
                tokens: builders::emit_builders(ir, &emitted),
                public: true,
            },
            GeneratedModule {
                name: "validate".to_owned(),
                doc: "Validation: the spec's limits as `pub const`s on their types, and `Validate`, which checks a\nvalue against them and the rules the spec states (a request before it is sent, a received value\nwhen its caller asks) and reports every violation with its path.".to_owned(),
                tokens: quote! { #runtime #checks },
                public: true,
            },
        ]
        .into_iter()
        .chain(tagged_uses.any.then(|| GeneratedModule {
            name: "tagged".to_owned(),
            doc: "Reading tagged unions in one pass: the tag, then the member from the rest of the same object.".to_owned(),
            tokens: tagged_runtime::runtime(tagged_uses),
            public: false,
        }))
        .collect(),
    }
}

/// The types worth emitting: every component schema and operation type, and what they use. An
/// inline one-value enum that only described a tag the union now writes is left out.
fn emitted_types(ir: &Ir) -> BTreeSet<TypeId> {
    let mut stack: Vec<TypeId> = (0..ir.types.len()).map(TypeId).filter(|id| ir.get(*id).is_component()).collect();
    for operation in &ir.operations {
        operation.for_each_request_type(&mut |id, _| stack.push(id));
        operation.for_each_response_type(&mut |id, _| stack.push(id));
    }
    let mut seen = BTreeSet::new();
    while let Some(id) = stack.pop() {
        if seen.insert(id) {
            ir.get(id).kind.for_each_child(&mut |child, _| stack.push(child));
        }
    }
    seen
}

fn type_docs(def: &TypeDef) -> String {
    def.docs.as_deref().and_then(crate::docs::sanitize).unwrap_or_default()
}

/// The Rust type for a reference, as code in the `types` module names it.
pub(crate) fn type_tokens(ir: &Ir, ty: &TypeRef) -> TokenStream {
    type_tokens_from(ir, ty, false)
}

/// The Rust type for a reference, as code in another module names it (`crate::types::Name`).
pub(crate) fn qualified_type_tokens(ir: &Ir, ty: &TypeRef) -> TokenStream {
    type_tokens_from(ir, ty, true)
}

fn type_tokens_from(ir: &Ir, ty: &TypeRef, qualified: bool) -> TokenStream {
    match ty {
        TypeRef::String => quote! { ::std::string::String },
        TypeRef::I32 => quote! { i32 },
        TypeRef::I64 => quote! { i64 },
        TypeRef::F64 => quote! { f64 },
        TypeRef::Bool => quote! { bool },
        TypeRef::Timestamp => quote! { ::jiff::Timestamp },
        TypeRef::Json => quote! { ::serde_json::Value },
        TypeRef::Named(id) => {
            let name = ident(&ir.get(*id).rust_name);
            if qualified {
                quote! { crate::types::#name }
            } else {
                quote! { #name }
            }
        }
        TypeRef::Array(inner) => {
            let inner = type_tokens_from(ir, inner, qualified);
            quote! { ::std::vec::Vec<#inner> }
        }
        TypeRef::Map(inner) => {
            let inner = type_tokens_from(ir, inner, qualified);
            quote! { ::std::collections::BTreeMap<::std::string::String, #inner> }
        }
        TypeRef::Nullable(inner) => {
            let inner = type_tokens_from(ir, inner, qualified);
            quote! { ::core::option::Option<#inner> }
        }
    }
}

/// `Box<T>` when the reference closes a cycle.
pub(crate) fn maybe_boxed(tokens: TokenStream, boxed: bool) -> TokenStream {
    if boxed {
        quote! { ::std::boxed::Box<#tokens> }
    } else {
        tokens
    }
}

/// A `format_args!` literal: braces in wire names must not read as placeholders.
pub(crate) fn escape_format(text: &str) -> String {
    text.replace('{', "{{").replace('}', "}}")
}
