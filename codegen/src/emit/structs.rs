//! Object schemas → structs, their serde impls (an `Object` table each, which the `object`
//! runtime reads and writes by: required, optional and nullable fields, and the undeclared ones
//! kept), and the enums of `x-exactly-one-of` choices.

use proc_macro2::TokenStream;
use quote::{ToTokens as _, quote};

use super::{maybe_boxed, type_tokens_in};
use crate::docs::code_span;
use crate::ident::{ident, unraw};
use crate::ir::{
    Access, ChoiceDef, Docs, Field, Holder, Ir, Lifecycle, Presence, Storage, StructDef, TypeDef, TypeKind, TypeModule,
    TypeRef,
};
use crate::prelude::{
    CLONE, COPY, DEFAULT, ERR, EXTRA_FIELDS, FROM, IGNORE, IMPL_OBJECT, NONE, NULLABLE, OBJECT, OK, OPTION, OPTIONAL,
    OPTIONAL_NULLABLE, PARTIAL_EQ, REFS, REJECT, REQUIRED, REQUIRED_NULLABLE, RESULT, SOME, STRING, TO_OWNED,
    VALIDATOR, VALUES, VIOLATION,
};

pub(super) fn emit_struct(ir: &Ir, def: &TypeDef, s: &StructDef, attributes: &TokenStream) -> TokenStream {
    let name = ident(&def.rust_name);
    let fields: Vec<&Field> = s.fields.iter().filter(|f| f.is_declared()).collect();
    let redacted = fields.iter().any(|f| f.access == Access::WriteOnly);
    let debug = (!redacted).then(|| quote! { ::core::fmt::Debug, });
    let holds_choices = s.holds_choice();
    let default = derives_default(ir, s).then(|| quote! { #DEFAULT, });
    // Serde attributes only for a derive; the `Object` table gives each field's presence.
    // Field types are named as code in the struct's own module names them: a struct of
    // `operations` names every type by its path.
    let here = def.module();
    let field_tokens: Vec<TokenStream> =
        fields.iter().map(|field| emit_field(ir, field, holds_choices, here)).collect();
    let choice_tokens = s.choices.iter().filter(|c| c.held).map(|choice| {
        let name = ident(&choice.rust_name);
        let ty = type_tokens_in(ir, &TypeRef::Named(choice.ty), here);
        let docs = choice.docs.as_ref().map(Docs::outer);
        quote! {
            #docs
            #[serde(flatten)]
            pub #name: #ty,
        }
    });
    let additional = s.additional.as_ref().map(|values| {
        let values = type_tokens_in(ir, values, here);
        let flatten = holds_choices.then(|| quote! { #[serde(flatten)] });
        quote! {
            /// Properties the spec does not name, kept as sent.
            #flatten
            pub additional_properties: ::std::collections::BTreeMap<#STRING, #values>,
        }
    });
    let debug_impl = redacted.then(|| redacted_debug(def, &fields, s));
    let choice_readers = choice_readers(ir, def, s);
    let from_text = from_text(def, s);
    let non_exhaustive = crate::ir::STRUCTS_NON_EXHAUSTIVE.then(super::unions::non_exhaustive);
    // A struct that holds a choice reads it through the choice's own impl, which `flatten`
    // hands the object to; only request-only types hold one, so none of them keeps extra fields.
    // (Serde cannot deny unknown fields beside `flatten`, so it reads past them.)
    if holds_choices {
        return quote! {
            #attributes
            #[derive(#debug #CLONE, #PARTIAL_EQ, #default ::serde::Serialize, ::serde::Deserialize)]
            #non_exhaustive
            pub struct #name {
                #(#field_tokens)*
                #(#choice_tokens)*
                #additional
            }
            #debug_impl
            #from_text
            #choice_readers
        };
    }
    let (extra, extra_reader) = extra_fields(def, s);
    let serde_impls = serde_impls(ir, def, s, &fields, redacted);
    // `Clone`, `PartialEq` and `Debug` come from the table too (`impl_object!`); only `Default`
    // is derived, its body being one line a field with nothing to check.
    let derive = default.map(|default| quote! { #[derive(#default)] });
    quote! {
        #attributes
        #derive
        #non_exhaustive
        pub struct #name {
            #(#field_tokens)*
            #additional
            #extra
        }
        #serde_impls
        #extra_reader
        #debug_impl
        #from_text
        #choice_readers
    }
}

/// `From<&str>` and `From<String>` for a struct of one text field.
fn from_text(def: &TypeDef, s: &StructDef) -> Option<TokenStream> {
    let name = ident(&def.rust_name);
    single_text_field(s).map(|field| {
        let member = ident(&field.rust_name);
        let extra = s.extra_fields.as_deref().map(|extra| {
            let extra = ident(extra);
            quote! { #extra: #EXTRA_FIELDS::new(), }
        });
        quote! {
            impl #FROM<&str> for #name {
                fn from(value: &str) -> Self {
                    Self { #member: #TO_OWNED::to_owned(value), #extra }
                }
            }
            impl #FROM<#STRING> for #name {
                fn from(value: #STRING) -> Self {
                    Self { #member: value, #extra }
                }
            }
        }
    })
}

/// The member that keeps the fields the struct does not declare, and `extra` that reads one,
/// when the registry gave the struct one.
fn extra_fields(def: &TypeDef, s: &StructDef) -> (Option<TokenStream>, Option<TokenStream>) {
    let Some(member) = s.extra_fields.as_deref().map(ident) else { return (None, None) };
    let name = ident(&def.rust_name);
    let declaration = quote! {
        /// The fields of the object that this version of the spec does not declare (those a
        /// server added), kept in order and written back unchanged; [`Self::extra`] reads one
        /// by name.
        pub #member: #EXTRA_FIELDS,
    };
    let reader = quote! {
        impl #name {
            /// A field the server sent that this version of the spec does not declare.
            #[must_use]
            pub fn extra(&self, name: &str) -> #OPTION<&::serde_json::Value> {
                self.#member.get(name)
            }
        }
    };
    (Some(declaration), Some(reader))
}

/// Whether a struct derives `Default`: it holds no choice, and no field a caller must set (a
/// required field of one value defaults to it).
pub(crate) fn derives_default(ir: &Ir, s: &StructDef) -> bool {
    !s.holds_choice()
        && s.fields.iter().filter(|f| f.is_declared()).all(|f| !f.presence.is_required() || ir.is_constant(&f.ty))
}

/// `Serialize`, `Deserialize`, `Clone`, `PartialEq` and `Debug` (but for a struct with a secret,
/// which prints itself) through the `object` runtime: the struct's `Object` table (its fields'
/// wire names, a tuple of their types and presence, what becomes of the keys it does not
/// declare) and one `impl_object!` (see the runtime for why this is neither a derive nor code
/// written out per field).
fn serde_impls(ir: &Ir, def: &TypeDef, s: &StructDef, fields: &[&Field], redacted: bool) -> TokenStream {
    let name = ident(&def.rust_name);
    let wires = fields.iter().map(|field| &field.wire_name);
    // `Debug` prints the members' names, which are the wire names' unless some differ.
    let member_names: Vec<&str> = fields.iter().map(|field| unraw(&field.rust_name)).collect();
    let members_const = fields
        .iter()
        .zip(&member_names)
        .any(|(field, member)| field.wire_name != *member)
        .then(|| quote! { const MEMBERS: &'static [&'static str] = &[#(#member_names),*]; });
    let markers: Vec<TokenStream> = fields
        .iter()
        .map(|field| {
            let ty = maybe_boxed(type_tokens_in(ir, &field.ty, def.module()), field.storage);
            let marker = match field.presence {
                Presence::Required => REQUIRED,
                Presence::RequiredNullable => REQUIRED_NULLABLE,
                Presence::Optional => OPTIONAL,
                Presence::OptionalNullable => OPTIONAL_NULLABLE,
            };
            quote! { #marker<#ty> }
        })
        .collect();
    let members: Vec<TokenStream> = fields.iter().map(|field| ident(&field.rust_name).into_token_stream()).collect();
    let borrowed: Vec<TokenStream> = members.iter().map(|member| quote! { &self.#member }).collect();
    // Each member from its place in the (nested) tuple of values, `values.1` or `values.0.3`:
    // one line per field at most, where a pattern and a struct literal would take two.
    let taken: Vec<TokenStream> = (0..members.len())
        .map(|position| {
            let indices =
                nested_position(position, members.len()).into_iter().map(proc_macro2::Literal::usize_unsuffixed);
            quote! { values #(.#indices)* }
        })
        .collect();
    let values_binding = if members.is_empty() {
        quote! { _ }
    } else {
        quote! { values }
    };
    let field_types = nest(&markers);
    let refs = nest(&borrowed);
    // A request-only type may reject misspelt fields; a type the server sends must not, or a
    // field added by the server would break every client.
    let (rest_type, rest_member) = match (&s.additional, s.extra_fields.as_deref()) {
        (Some(values), _) => {
            let values = type_tokens_in(ir, values, def.module());
            (quote! { ::std::collections::BTreeMap<#STRING, #values> }, Some(ident("additional_properties")))
        }
        (None, Some(extra)) => (quote! { #EXTRA_FIELDS }, Some(ident(extra))),
        (None, None) if s.closed => (quote! { #REJECT }, None),
        (None, None) => (quote! { #IGNORE }, None),
    };
    // The member that keeps the rest is printed under its name, which is the rest's own unless a
    // declared field took it.
    let rest_member_name = match (&s.additional, s.extra_fields.as_deref()) {
        (None, Some(extra)) if extra != "extra_fields" => {
            let extra = unraw(extra);
            Some(quote! { const REST_MEMBER: #OPTION<&'static str> = #SOME(#extra); })
        }
        _ => None,
    };
    let impls = if redacted {
        quote! { #IMPL_OBJECT!(#name, without Debug); }
    } else {
        quote! { #IMPL_OBJECT!(#name); }
    };
    let (rest_binding, rest_init, rest_ref) = match &rest_member {
        Some(member) => (quote! { #member }, Some(quote! { #member, }), quote! { &self.#member }),
        None => (quote! { _ }, None, quote! { &#rest_type }),
    };
    // Its `Validate` is the runtime's, for every struct, which calls this; the checks themselves
    // are the `validate` module's (see `emit::validate`).
    let validate_fields = def.has_checks.then(|| {
        quote! {
            fn validate_fields(&self, validator: &mut #VALIDATOR) {
                self.validate_limits(validator);
            }
        }
    });
    quote! {
        impl #OBJECT for #name {
            const NAMES: &'static [&'static str] = &[#(#wires),*];
            #members_const
            #rest_member_name
            type Fields = #field_types;
            type Rest = #rest_type;
            fn assemble(#values_binding: #VALUES<Self>, #rest_binding: Self::Rest) -> Self {
                Self { #(#members: #taken,)* #rest_init }
            }
            fn parts(&self) -> (#REFS<'_, Self>, &Self::Rest) {
                (#refs, #rest_ref)
            }
            #validate_fields
        }
        #impls
    }
}

/// The runtime implements `Fields` for tuples of up to this many elements; a struct with more
/// fields nests them, a tuple of tuples.
const TUPLE_LIMIT: usize = 12;

/// A tuple of `items` (a type or a pattern or an expression, each the same shape), nested in
/// tuples of at most [`TUPLE_LIMIT`] so the runtime's impls cover any count.
fn nest(items: &[TokenStream]) -> TokenStream {
    if items.len() <= TUPLE_LIMIT {
        return quote! { (#(#items,)*) };
    }
    let chunks: Vec<TokenStream> = items.chunks(TUPLE_LIMIT).map(nest).collect();
    nest(&chunks)
}

/// Where the item at `position` of `count` sits in the tuple [`nest`] makes of them: the tuple
/// indices from the outermost in.
fn nested_position(position: usize, count: usize) -> Vec<usize> {
    if count <= TUPLE_LIMIT {
        return vec![position];
    }
    // The chunks of TUPLE_LIMIT items are themselves nested, as `nest` does.
    let chunks = count.div_ceil(TUPLE_LIMIT);
    let mut indices = nested_position(position / TUPLE_LIMIT, chunks);
    indices.push(position % TUPLE_LIMIT);
    indices
}

/// For each choice a struct does not hold: a method that says which field is set, or how the
/// value breaks the rule (the value was read all the same).
fn choice_readers(ir: &Ir, def: &TypeDef, s: &StructDef) -> Option<TokenStream> {
    let methods: Vec<TokenStream> = s
        .choices
        .iter()
        .filter(|choice| !choice.held)
        .map(|choice| {
            let method = ident(&choice.rust_name);
            let enum_name = ident(&ir.get(choice.ty).rust_name);
            let chosen: Vec<&Field> = choice.fields.iter().map(|&index| &s.fields[index]).collect();
            let reads = chosen.iter().map(|field| {
                let member = ident(&field.rust_name);
                // A field of a choice is never `Required` (the lowering refuses it).
                let read = if field.presence.holder() == Holder::Nullable {
                    quote! { self.#member.as_value() }
                } else {
                    quote! { self.#member.as_ref() }
                };
                if field.storage == Storage::Boxed {
                    quote! { #read.map(|value| &**value) }
                } else {
                    read
                }
            });
            let TypeKind::Choice(choice_def) = &ir.get(choice.ty).kind else { return TokenStream::new() };
            let variants: Vec<_> = choice_def.variants.iter().map(|variant| ident(&variant.rust_name)).collect();
            let arms = exactly_one_arms(&enum_name, &variants);
            let presence = chosen.iter().enumerate().map(|(index, field)| {
                let wire = &field.wire_name;
                let index = proc_macro2::Literal::usize_unsuffixed(index);
                quote! { (#wire, set.#index.is_some()) }
            });
            let listed = chosen.iter().map(|f| code_span(&f.wire_name)).collect::<Vec<_>>().join(", ");
            let docs = Docs::generated(&format!(
                "Which of {listed} is set. The spec says exactly one is, but a value the server sent is read even\n\
                 when it breaks that rule: then this is the violation, as `validate` reports it."
            ))
            .outer();
            quote! {
                #docs
                pub fn #method(&self) -> #RESULT<#enum_name<'_>, #VIOLATION> {
                    let set = (#(#reads,)*);
                    match set {
                        #(#arms)*
                        _ => #ERR(#VIOLATION::exactly_one_of(&[#(#presence),*])),
                    }
                }
            }
        })
        .collect();
    if methods.is_empty() {
        return None;
    }
    let name = ident(&def.rust_name);
    Some(quote! { impl #name { #(#methods)* } })
}

/// The `match` arms over a tuple of one `Option` per variant of a choice: the tuple with only the
/// variant's slot set gives `Ok(Enum::Variant(value))`. The caller adds the arm for the rest.
fn exactly_one_arms(enum_name: &proc_macro2::Ident, variants: &[proc_macro2::Ident]) -> Vec<TokenStream> {
    (0..variants.len())
        .map(|active| {
            let pattern = (0..variants.len()).map(|index| {
                if index == active {
                    quote! { #SOME(value) }
                } else {
                    quote! { #NONE }
                }
            });
            let variant = &variants[active];
            quote! { (#(#pattern,)*) => #OK(#enum_name::#variant(value)), }
        })
        .collect()
}

/// The one field of a struct that is nothing but a required string (`TextBlock { text }`), so the
/// struct can be made from text.
pub(super) fn single_text_field(s: &StructDef) -> Option<&Field> {
    let mut declared = s.fields.iter().filter(|f| f.is_declared());
    let only = declared.next()?;
    let fits = declared.next().is_none()
        && s.choices.is_empty()
        && s.additional.is_none()
        && only.presence == Presence::Required
        && only.storage == Storage::Inline
        && only.ty == TypeRef::String;
    fits.then_some(only)
}

fn emit_field(ir: &Ir, field: &Field, derived: bool, here: TypeModule) -> TokenStream {
    let name = ident(&field.rust_name);
    let base = maybe_boxed(type_tokens_in(ir, &field.ty, here), field.storage);
    let mut docs = field.docs.clone().unwrap_or_default();
    if let Some(default) = &field.default {
        docs = docs.then(&Docs::generated(&format!("Default: {}.", code_span(&default.to_string()))));
    }
    let docs = docs.outer();
    let rename = (derived && unraw(&field.rust_name) != field.wire_name).then(|| {
        let wire = &field.wire_name;
        quote! { #[serde(rename = #wire)] }
    });
    let deprecated = (field.lifecycle == Lifecycle::Deprecated).then(|| quote! { #[deprecated] });
    let (ty, mut serde) = match field.presence {
        Presence::Required => (base, None),
        Presence::RequiredNullable => (quote! { #OPTION<#base> }, None),
        Presence::Optional => (
            quote! { #OPTION<#base> },
            Some(quote! { #[serde(default, skip_serializing_if = "::core::option::Option::is_none")] }),
        ),
        Presence::OptionalNullable => (
            quote! { #NULLABLE<#base> },
            Some(quote! { #[serde(default, skip_serializing_if = "crate::nullable::Nullable::is_absent")] }),
        ),
    };
    if !derived {
        serde = None;
    }
    quote! {
        #docs
        #deprecated
        #rename
        #serde
        pub #name: #ty,
    }
}

/// `Debug` that shows whether a write-only field is set but never its value.
fn redacted_debug(def: &TypeDef, fields: &[&Field], s: &StructDef) -> TokenStream {
    let name = ident(&def.rust_name);
    let label = &def.rust_name;
    let entries = fields.iter().map(|field| {
        let member = ident(&field.rust_name);
        let wire = unraw(&field.rust_name);
        let value = match (field.access, field.presence.holder()) {
            (Access::ReadWrite, _) => quote! { &self.#member },
            (Access::WriteOnly, Holder::Plain) => quote! { &"<redacted>" },
            (Access::WriteOnly, Holder::Option | Holder::Nullable) => {
                quote! { &self.#member.as_ref().map(|_| "<redacted>") }
            }
        };
        quote! { .field(#wire, #value) }
    });
    let choices = s.choices.iter().filter(|c| c.held).map(|choice| {
        let member = ident(&choice.rust_name);
        let label = unraw(&choice.rust_name);
        quote! { .field(#label, &self.#member) }
    });
    quote! {
        impl ::core::fmt::Debug for #name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.debug_struct(#label) #(#entries)* #(#choices)* .finish()
            }
        }
    }
}

/// An `x-exactly-one-of` choice: an enum read from, and written as, the struct's nullable fields;
/// or, for a struct that keeps the fields, an enum that borrows the one that is set.
pub(super) fn emit_choice(ir: &Ir, def: &TypeDef, c: &ChoiceDef, attributes: &TokenStream) -> TokenStream {
    let name = ident(&def.rust_name);
    if c.view {
        let declarations = c.variants.iter().map(|variant| {
            let docs = variant.docs.as_ref().map(Docs::outer);
            let variant_name = ident(&variant.rust_name);
            let ty = type_tokens_in(ir, &variant.ty, def.module());
            quote! { #docs #variant_name(&'a #ty), }
        });
        return quote! {
            #attributes
            #[derive(::core::fmt::Debug, #CLONE, #COPY, #PARTIAL_EQ)]
            pub enum #name<'a> {
                #(#declarations)*
            }
        };
    }
    let variant_names: Vec<_> = c.variants.iter().map(|v| ident(&v.rust_name)).collect();
    let wires: Vec<&str> = c.variants.iter().map(|v| v.wire_name.as_str()).collect();
    let types: Vec<TokenStream> =
        c.variants.iter().map(|v| maybe_boxed(type_tokens_in(ir, &v.ty, def.module()), v.storage)).collect();
    let declarations = c.variants.iter().zip(&types).map(|(variant, ty)| {
        let docs = variant.docs.as_ref().map(Docs::outer);
        let variant_name = ident(&variant.rust_name);
        quote! { #docs #variant_name(#ty), }
    });
    let count = c.variants.len();
    let serialize_arms = variant_names.iter().enumerate().map(|(active, variant_name)| {
        let entries = wires.iter().enumerate().map(|(index, wire)| {
            if index == active {
                quote! { map.serialize_entry(#wire, value)?; }
            } else {
                quote! { map.serialize_entry(#wire, &#NONE::<()>)?; }
            }
        });
        quote! { Self::#variant_name(value) => { #(#entries)* } }
    });
    let slots: Vec<_> = (0..count).map(|index| quote::format_ident!("value_{}", index)).collect();
    let listed = wires.iter().map(|w| format!("`{w}`")).collect::<Vec<_>>().join(", ");
    let expecting = format!("exactly one of {listed} set");
    let message =
        crate::emit::escape_format(&format!("exactly one of {listed} must be non-null, but ")) + "{count} are";
    let success_arms = exactly_one_arms(&name, &variant_names);
    // `quote!` binds what a repetition interpolates with `let`, which cannot shadow a constant.
    let (option, none) = (OPTION, NONE);
    quote! {
        #attributes
        #[derive(::core::fmt::Debug, #CLONE, #PARTIAL_EQ)]
        pub enum #name {
            #(#declarations)*
        }

        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> #RESULT<S::Ok, S::Error> {
                use ::serde::ser::SerializeMap as _;
                let mut map = serializer.serialize_map(#SOME(#count))?;
                match self {
                    #(#serialize_arms)*
                }
                map.end()
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> #RESULT<Self, D::Error> {
                struct Visitor;
                impl<'de> ::serde::de::Visitor<'de> for Visitor {
                    type Value = #name;
                    fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                        f.write_str(#expecting)
                    }
                    fn visit_map<A: ::serde::de::MapAccess<'de>>(self, mut map: A) -> #RESULT<#name, A::Error> {
                        #( let mut #slots: #option<#types> = #none; )*
                        while let #SOME(key) = map.next_key::<#STRING>()? {
                            match key.as_str() {
                                #( #wires => #slots = map.next_value()?, )*
                                _ => {
                                    map.next_value::<::serde::de::IgnoredAny>()?;
                                }
                            }
                        }
                        let count = #( usize::from(#slots.is_some()) )+*;
                        match (#(#slots,)*) {
                            #(#success_arms)*
                            _ => #ERR(<A::Error as ::serde::de::Error>::custom(::core::format_args!(#message))),
                        }
                    }
                }
                deserializer.deserialize_map(Visitor)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The element at `indices` of a tuple expression.
    fn element(mut expression: &syn::Expr, indices: &[usize]) -> String {
        for index in indices {
            let syn::Expr::Tuple(tuple) = expression else { panic!("not a tuple at {indices:?}") };
            expression = &tuple.elems[*index];
        }
        quote!(#expression).to_string()
    }

    #[test]
    fn every_position_finds_its_item_in_the_nested_tuple() {
        for count in [1, 2, TUPLE_LIMIT, TUPLE_LIMIT + 1, 40, TUPLE_LIMIT * TUPLE_LIMIT, TUPLE_LIMIT * TUPLE_LIMIT + 5]
        {
            let items: Vec<TokenStream> =
                (0..count).map(|i| proc_macro2::Literal::usize_unsuffixed(i).into_token_stream()).collect();
            let tuple: syn::Expr = syn::parse2(nest(&items)).expect("a tuple");
            for position in 0..count {
                assert_eq!(
                    element(&tuple, &nested_position(position, count)),
                    position.to_string(),
                    "{position} of {count}"
                );
            }
        }
    }
}
