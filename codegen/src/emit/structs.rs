//! Object schemas → structs with serde attributes that encode required and nullable.

use proc_macro2::TokenStream;
use quote::quote;

use super::{maybe_boxed, type_tokens};
use crate::ident::{ident, unraw};
use crate::ir::{Field, Ir, StructDef, TypeDef, TypeKind, TypeRef};
use crate::output::doc_attrs;

pub(super) fn emit_struct(ir: &Ir, def: &TypeDef, s: &StructDef, attributes: &TokenStream) -> TokenStream {
    let name = ident(&def.rust_name);
    let fields: Vec<&Field> = s.fields.iter().filter(|f| !f.is_union_tag).collect();
    let redacted = fields.iter().any(|f| f.write_only);
    let debug = (!redacted).then(|| quote! { ::core::fmt::Debug, });
    let default =
        fields.iter().all(|f| !f.required || is_constant(ir, &f.ty)).then(|| quote! { ::core::default::Default, });
    // A request-only type may reject misspelt fields; a type the server sends must not, or a
    // field added by the server would break every client.
    let deny_unknown = (s.closed && !def.usage.response).then(|| quote! { #[serde(deny_unknown_fields)] });
    let field_tokens = fields.iter().map(|field| emit_field(ir, field));
    let additional = s.additional.as_ref().map(|values| {
        let values = type_tokens(ir, values);
        quote! {
            /// Properties the spec does not name, kept as sent.
            #[serde(flatten)]
            pub additional_properties: ::std::collections::BTreeMap<::std::string::String, #values>,
        }
    });
    let debug_impl = redacted.then(|| redacted_debug(def, &fields));
    quote! {
        #attributes
        #[derive(#debug ::core::clone::Clone, ::core::cmp::PartialEq, #default ::serde::Serialize, ::serde::Deserialize)]
        #deny_unknown
        pub struct #name {
            #(#field_tokens)*
            #additional
        }
        #debug_impl
    }
}

/// Whether a type has exactly one value (a one-value enum), so a field of it can default.
fn is_constant(ir: &Ir, ty: &TypeRef) -> bool {
    matches!(ty, TypeRef::Named(id) if matches!(&ir.get(*id).kind, TypeKind::Enum(e) if e.variants.len() == 1 && !e.open))
}

fn emit_field(ir: &Ir, field: &Field) -> TokenStream {
    let name = ident(&field.rust_name);
    let base = maybe_boxed(type_tokens(ir, &field.ty), field.boxed);
    let mut docs = field.docs.as_deref().and_then(crate::docs::sanitize).unwrap_or_default();
    if let Some(default) = &field.default {
        if !docs.is_empty() {
            docs.push_str("\n\n");
        }
        docs.push_str("Default: `");
        docs.push_str(&default.to_string());
        docs.push_str("`.");
    }
    let docs = doc_attrs(&docs, false);
    let rename = (unraw(&field.rust_name) != field.wire_name).then(|| {
        let wire = &field.wire_name;
        quote! { #[serde(rename = #wire)] }
    });
    let deprecated = field.deprecated.then(|| quote! { #[deprecated] });
    let (ty, serde) = match (field.required, field.nullable) {
        (true, false) => (base, None),
        (true, true) => (quote! { ::core::option::Option<#base> }, None),
        (false, false) => (
            quote! { ::core::option::Option<#base> },
            Some(quote! { #[serde(default, skip_serializing_if = "::core::option::Option::is_none")] }),
        ),
        (false, true) => (
            quote! { crate::nullable::Nullable<#base> },
            Some(quote! { #[serde(default, skip_serializing_if = "crate::nullable::Nullable::is_absent")] }),
        ),
    };
    quote! {
        #docs
        #deprecated
        #rename
        #serde
        pub #name: #ty,
    }
}

/// `Debug` that shows whether a write-only field is set but never its value.
fn redacted_debug(def: &TypeDef, fields: &[&Field]) -> TokenStream {
    let name = ident(&def.rust_name);
    let label = &def.rust_name;
    let entries = fields.iter().map(|field| {
        let member = ident(&field.rust_name);
        let wire = unraw(&field.rust_name);
        let value = match (field.write_only, field.required && !field.nullable) {
            (false, _) => quote! { &self.#member },
            (true, true) => quote! { &"<redacted>" },
            (true, false) => quote! { &self.#member.as_ref().map(|_| "<redacted>") },
        };
        quote! { .field(#wire, #value) }
    });
    quote! {
        #[allow(deprecated, reason = "`Debug` lists every field, deprecated or not")]
        impl ::core::fmt::Debug for #name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.debug_struct(#label) #(#entries)* .finish()
            }
        }
    }
}
