//! IR → tokens: one module of model types plus the small runtime support they need.
//!
//! Every path to a type outside the generated crate is written in full (`::serde::Serialize`,
//! `::core::option::Option`), so a user type named `Option` or `Result` cannot shadow it.

mod builders;
mod enums;
mod operations;
mod responses;
mod runtime;
mod structs;
mod unions;
mod validate;

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::quote;

use crate::ident::ident;
use crate::ir::{Ir, TypeDef, TypeId, TypeKind, TypeRef};
use crate::output::{GeneratedModule, doc_attrs};
use runtime::Part;

/// The emitted code, before formatting.
#[derive(Debug)]
pub(crate) struct Emitted {
    pub(crate) root_doc: String,
    pub(crate) root: TokenStream,
    pub(crate) modules: Vec<GeneratedModule>,
    /// What the code needs beyond `http`, `serde` and `serde_json`, as the emitters found it.
    pub(crate) dependencies: Dependencies,
}

/// The optional dependencies of a generated crate.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Dependencies {
    /// `jiff`: timestamps, or the time zone check.
    pub(crate) jiff: bool,
    /// `jiff`'s bundled time zone database, for `format: iana-timezone`.
    pub(crate) time_zone_database: bool,
    /// `regex`, for `pattern` limits.
    pub(crate) regex: bool,
}

pub(crate) fn emit(ir: &Ir) -> Emitted {
    let emitted = ir.emitted_types();
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
    let checks = validation.tokens;
    let has_tagged_unions = emitted.iter().any(|id| matches!(ir.get(*id).kind, TypeKind::TaggedUnion(_)));
    let validate_parts = std::iter::once(Part::Validate).chain(validation.uses_time_zones.then_some(Part::TimeZones));
    let operations_doc = {
        let mut doc = "Endpoint stubs: one request type per operation, with the `Operation` trait that turns it into an\n`http::Request` and an `http::Response` into its typed result or error, and pagination.".to_owned();
        if let Some(server) = &ir.server {
            doc.push_str("\n\nRequests go to a base URL such as the spec's first server, `");
            doc.push_str(server);
            doc.push_str("`.");
        }
        doc
    };
    let module = |name: &str, doc: &str, tokens: TokenStream, public: bool, parts: &[Part]| GeneratedModule {
        name: name.to_owned(),
        doc: doc.to_owned(),
        tokens,
        public,
        runtime: parts.iter().map(|part| part.file()).collect(),
    };
    let operations = operations::emit_operations(ir);
    // Only operations call `Validate`; a spec without any would leave the import unused.
    let validate_import = (!ir.operations.is_empty()).then(|| quote! { use crate::validate::Validate; });
    let mut modules = vec![
        module(
            "nullable",
            "`Nullable<T>`: a field that may be absent, `null`, or hold a value.",
            quote! { pub use self::runtime::*; },
            true,
            &[Part::Nullable],
        ),
        module("types", "Model types: one per schema of the spec, with their serde representation.", types, true, &[]),
        module(
            "operations",
            &operations_doc,
            quote! {
                pub use self::runtime::*;
                #validate_import
                #operations
            },
            true,
            &[Part::Operations],
        ),
        module(
            "builders",
            "Builders whose required fields the compiler checks: `build()` only compiles once each is set, and\nsetting one twice does not compile either.",
            builders::emit_builders(ir, &emitted),
            true,
            &[Part::Builders],
        ),
        module(
            "validate",
            "Validation: the spec's limits as `pub const`s on their types, and `Validate`, which checks a\nvalue against them and the rules the spec states (a request before it is sent, a received value\nwhen its caller asks) and reports every violation with its path.",
            quote! { pub use self::runtime::*; #checks },
            true,
            &validate_parts.collect::<Vec<_>>(),
        ),
    ];
    if has_tagged_unions {
        modules.push(module(
            "tagged",
            "Reading tagged unions in one pass: the tag, then the member from the rest of the same object.",
            quote! { pub(crate) use self::runtime::*; },
            false,
            &[Part::Tagged],
        ));
    }
    let dependencies = Dependencies {
        jiff: validation.uses_time_zones || uses_timestamps(ir, &emitted),
        time_zone_database: validation.uses_time_zones,
        regex: validation.uses_patterns,
    };
    // A spec with no schema and no operation leaves `types` empty, and its glob unused.
    let types_export = (!emitted.is_empty()).then(|| quote! { pub use types::*; });
    Emitted {
        root_doc,
        root: quote! {
            pub use nullable::Nullable;
            #types_export
            pub use validate::{Validate, ValidationErrors};
        },
        modules,
        dependencies,
    }
}

/// Whether any emitted type, or any operation's body, holds a timestamp (`jiff::Timestamp`).
fn uses_timestamps(ir: &Ir, emitted: &BTreeSet<TypeId>) -> bool {
    let bodies = ir.operations.iter().flat_map(|operation| {
        operation.request_body.iter().chain(operation.responses.iter().filter_map(|response| response.body.as_ref()))
    });
    let mut found = bodies.into_iter().any(TypeRef::holds_timestamp);
    for id in emitted {
        let def = ir.get(*id);
        let mut visit = |ty: &TypeRef| found |= ty.holds_timestamp();
        match &def.kind {
            TypeKind::Struct(s) => {
                s.fields.iter().for_each(|f| visit(&f.ty));
                s.additional.iter().for_each(&mut visit);
            }
            TypeKind::KindUnion(u) => u.variants.iter().for_each(|v| visit(&v.ty)),
            TypeKind::Choice(c) => c.variants.iter().for_each(|v| visit(&v.ty)),
            TypeKind::Alias(ty) => visit(ty),
            TypeKind::TaggedUnion(_) | TypeKind::Enum(_) | TypeKind::Pending => {}
        }
    }
    found
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
