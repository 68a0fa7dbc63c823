//! Builders whose required fields are checked by the compiler: a builder has one type parameter
//! per required field, `Missing` until its setter turns it into `Set<T>`. `build()` needs every
//! one set and each setter needs its own unset; both bounds are traits with
//! `#[diagnostic::on_unimplemented]` messages that name the field, so the compiler says which
//! field is missing (or set twice) instead of a bare trait bound.
//!
//! Every request-side struct gets one, and so does every operation (its path, query and header
//! parameters as setters, and `body`).

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::maybe_boxed;
use crate::ident::{self, ident};
use crate::ir::{Docs, Field, Holder, Ir, Operation, ParameterLocation, Presence, TypeDef, TypeKind, TypeRef};

/// Where a builder field goes in the value `build()` makes.
#[derive(Clone)]
enum Place {
    /// A field of the target struct.
    Direct,
    /// A field of one of an operation's parts (`path`, `query`, `headers`).
    Part(ParameterLocation),
}

struct BuilderField<'a> {
    field: &'a Field,
    place: Place,
}

pub(super) fn emit_builders(
    ir: &Ir,
    emitted: &std::collections::BTreeSet<crate::ir::TypeId>,
    features: &super::features::Features,
) -> TokenStream {
    // `Missing` and `Set<T>` are the runtime's (`builders/runtime.rs`).
    let mut items = vec![quote! { pub use self::runtime::*; }];
    for (id, def) in ir.types_by_name() {
        // The name registry gave a builder to every emitted type that gets one.
        let (Some(base), TypeKind::Struct(s)) = (&def.builder, &def.kind) else { continue };
        if !emitted.contains(&id) {
            continue;
        }
        let fields: Vec<BuilderField<'_>> = s
            .fields
            .iter()
            .filter(|f| f.is_declared())
            .map(|field| BuilderField { field, place: Place::Direct })
            .collect();
        let target = ident(&def.rust_name);
        let names = (def.rust_name.as_str(), base.as_str());
        let extra = s.extra_fields.as_deref().map(ident);
        let builder = emit_builder(ir, names, &quote! { crate::types::#target }, &fields, &Target::Struct(extra), def);
        items.push(super::features::gate(builder, features.of_type(id).as_ref()));
    }
    for (index, operation) in ir.operations.iter().enumerate() {
        items.push(super::features::gate(emit_operation_builder(ir, operation), features.of_operation(index).as_ref()));
    }
    quote! { #(#items)* }
}

/// A required slot of a builder: a required field, or an operation's body.
struct Slot {
    label: String,
    member: Ident,
    state: Ident,
    ty: TokenStream,
    setter_input: TokenStream,
    convert: TokenStream,
    docs: Docs,
    is_set: Ident,
    is_unset: Ident,
}

/// What `build()` assembles.
enum Target<'a> {
    /// A model type, with the member that keeps its extra fields if it has one.
    Struct(Option<Ident>),
    Operation {
        parts: Vec<(ParameterLocation, TokenStream)>,
        body: Option<TokenStream>,
        fields: &'a [BuilderField<'a>],
        /// The request has a `content_type`, which starts as the spec's preferred media type.
        content_type: bool,
    },
}

fn emit_operation_builder(ir: &Ir, operation: &Operation) -> TokenStream {
    let name = operation.names.request.clone();
    let target = ident(&name);
    let mut fields = Vec::new();
    let mut parts = Vec::new();
    for (part, id) in [
        (ParameterLocation::Path, operation.path_parameters),
        (ParameterLocation::Query, operation.query),
        (ParameterLocation::Header, operation.headers),
    ] {
        let Some(id) = id else { continue };
        let TypeKind::Struct(s) = &ir.get(id).kind else { continue };
        let ty = ident(&ir.get(id).rust_name);
        parts.push((part, quote! { crate::types::#ty }));
        fields.extend(
            s.fields.iter().filter(|f| f.is_declared()).map(|field| BuilderField { field, place: Place::Part(part) }),
        );
    }
    let body = operation.request_body.as_ref().map(|body| super::qualified_type_tokens(ir, body));
    let fake = TypeDef {
        rust_name: name.clone(),
        pointer: String::new(),
        purpose: crate::ir::Purpose::Inline,
        builder: None,
        docs: None,
        deprecated: false,
        usage: crate::ir::Usage { request: true, response: false },
        kind: TypeKind::Pending,
    };
    let target_path = quote! { crate::operations::#target };
    let names = (name.as_str(), operation.names.builder.as_str());
    let content_type = operation.names.content_type.is_some();
    emit_builder(
        ir,
        names,
        &target_path,
        &fields,
        &Target::Operation { parts, body, fields: &fields, content_type },
        &fake,
    )
}

#[allow(clippy::too_many_lines, reason = "one builder, in the order its parts are declared")]
/// `names`: the type the builder builds, and the name the registry gave its builder to be
/// named from (`CreatePet` gives `CreatePetBuilder` and the module `create_pet_builder`).
fn emit_builder(
    ir: &Ir,
    (name, builder_base): (&str, &str),
    target: &TokenStream,
    fields: &[BuilderField<'_>],
    kind: &Target<'_>,
    def: &TypeDef,
) -> TokenStream {
    let builder = ident::composed(&crate::lower::builder_type_name(builder_base));
    let traits_module = ident::composed(&format!("{}_builder", ident::snake_case(builder_base)));
    let body_ty = match kind {
        Target::Operation { body: Some(body), .. } => Some(body.clone()),
        _ => None,
    };
    let mut slots = Vec::new();
    let mut optional = Vec::new();
    for builder_field in fields {
        let field = builder_field.field;
        let required = field.presence() == Presence::Required;
        if required && ir.is_constant(&field.ty) {
            // A one-value field (`type: agent`) has nothing to choose: `build()` fills it in.
            continue;
        }
        let value_ty = maybe_boxed(field_value_type(ir, &field.ty), field.boxed);
        let (input, convert) = setter_conversion(ir, &field.ty, field.boxed);
        let docs = field.docs.clone().unwrap_or_default();
        let member = ident(&field.rust_name);
        if required {
            let camel = ident::upper_camel_case(&field.wire_name);
            slots.push(Slot {
                label: field.wire_name.clone(),
                member,
                state: ident::composed(&format!("{camel}State")),
                ty: value_ty,
                setter_input: input,
                convert,
                docs,
                is_set: ident::composed(&format!("{camel}IsSet")),
                is_unset: ident::composed(&format!("{camel}IsUnset")),
            });
        } else {
            optional.push((builder_field, member, value_ty, input, convert, docs));
        }
    }
    if let Some(body_ty) = &body_ty {
        slots.push(Slot {
            label: "body".to_owned(),
            member: format_ident!("body"),
            state: format_ident!("BodyState"),
            ty: body_ty.clone(),
            setter_input: quote! { impl ::core::convert::Into<#body_ty> },
            convert: quote! { ::core::convert::Into::into(value) },
            docs: Docs::generated("The request body."),
            is_set: format_ident!("BodyIsSet"),
            is_unset: format_ident!("BodyIsUnset"),
        });
    }
    let states: Vec<&Ident> = slots.iter().map(|s| &s.state).collect();
    let missing_states = slots.iter().map(|_| quote! { Missing });

    let traits = slots.iter().map(|slot| {
        let Slot { is_set, is_unset, ty, label, .. } = slot;
        let missing = format!("`{name}` is missing its required `{label}`");
        let missing_label = format!("`{label}` is not set");
        let missing_note = format!("call `.{}(...)` before `.build()`", ident::unraw(&slot.member.to_string()));
        let twice = format!("`{label}` of `{name}` is already set");
        let twice_label = format!("`{label}` was set before");
        quote! {
            #[diagnostic::on_unimplemented(message = #missing, label = #missing_label, note = #missing_note)]
            pub trait #is_set {
                /// The value set.
                fn value(self) -> #ty;
            }
            impl #is_set for super::Set<#ty> {
                fn value(self) -> #ty {
                    self.0
                }
            }
            #[diagnostic::on_unimplemented(message = #twice, label = #twice_label)]
            pub trait #is_unset {}
            impl #is_unset for super::Missing {}
        }
    });

    let slot_members = slots.iter().map(|s| &s.member);
    let optional_members: Vec<&Ident> = optional.iter().map(|(_, member, ..)| member).collect();
    let optional_decls = optional.iter().map(|(builder_field, member, ty, ..)| {
        let stored = stored_type(builder_field.field, ty);
        quote! { #member: #stored, }
    });
    let optional_defaults =
        optional.iter().map(|(_, member, ..)| quote! { #member: ::core::default::Default::default(), });

    let slot_setters = slots.iter().enumerate().map(|(position, slot)| {
        let Slot { member, setter_input, convert, docs, is_unset, state, .. } = slot;
        let docs = docs.outer();
        let after: Vec<TokenStream> = slots
            .iter()
            .enumerate()
            .map(|(other, s)| {
                if other == position {
                    let ty = &s.ty;
                    quote! { Set<#ty> }
                } else {
                    let state = &s.state;
                    quote! { #state }
                }
            })
            .collect();
        let moves = slots.iter().enumerate().map(|(other, s)| {
            let m = &s.member;
            if other == position {
                quote! { #m: Set(#convert), }
            } else {
                quote! { #m: self.#m, }
            }
        });
        let keep = optional_members.iter().map(|m| quote! { #m: self.#m, });
        quote! {
            #docs
            pub fn #member(self, value: #setter_input) -> #builder<#(#after),*>
            where
                #state: #traits_module::#is_unset,
            {
                #builder { #(#moves)* #(#keep)* }
            }
        }
    });
    let optional_setters = optional.iter().map(|(builder_field, member, _, input, convert, docs)| {
        let field = builder_field.field;
        let docs = docs.outer();
        let holder = field.presence().holder();
        let assign = if holder == Holder::Nullable {
            quote! { crate::nullable::Nullable::Value(#convert) }
        } else {
            quote! { ::core::option::Option::Some(#convert) }
        };
        let clear = (field.nullable).then(|| {
            // `clear_2fa_enabled`, not `clear__2fa_enabled`: the guard underscore of a leading
            // digit is not needed after `clear_`.
            let clear = format_ident!("clear_{}", ident::unraw(&member.to_string()).trim_start_matches('_'));
            let value = if holder == Holder::Nullable {
                quote! { crate::nullable::Nullable::Null }
            } else {
                quote! { ::core::option::Option::None }
            };
            let doc = format!(" Sends {} as `null`.", crate::docs::code_span(&field.wire_name));
            quote! {
                #[doc = #doc]
                pub fn #clear(mut self) -> Self {
                    self.#member = #value;
                    self
                }
            }
        });
        quote! {
            #docs
            pub fn #member(mut self, value: #input) -> Self {
                self.#member = #assign;
                self
            }
            #clear
        }
    });

    let bounds = slots.iter().map(|Slot { state, is_set, .. }| quote! { #state: #traits_module::#is_set, });
    let value_of = |member: &Ident, is_required_slot: bool| -> TokenStream {
        if is_required_slot {
            let slot = slots.iter().find(|s| &s.member == member).expect("a slot");
            let is_set = &slot.is_set;
            quote! { #traits_module::#is_set::value(self.#member) }
        } else {
            quote! { self.#member }
        }
    };
    let is_slot = |member: &Ident| slots.iter().any(|s| &s.member == member);
    let build_value = match kind {
        Target::Struct(extra) => {
            let assigns = fields.iter().map(|bf| {
                let member = ident(&bf.field.rust_name);
                let is_optional = optional_members.contains(&&member);
                let value = if is_slot(&member) || is_optional {
                    value_of(&member, is_slot(&member))
                } else {
                    quote! { ::core::default::Default::default() }
                };
                quote! { #member: #value, }
            });
            let extra = extra.as_ref().map(|extra| quote! { #extra: crate::object::ExtraFields::new(), });
            quote! { #target { #(#assigns)* #extra } }
        }
        Target::Operation { parts, body, fields: op_fields, content_type } => {
            let parts = parts.iter().map(|(part, ty)| {
                let part_ident = ident(part.request_field());
                let assigns =
                    op_fields.iter().filter(|bf| matches!(bf.place, Place::Part(p) if p == *part)).map(|bf| {
                        let member = ident(&bf.field.rust_name);
                        let value = value_of(&member, is_slot(&member));
                        quote! { #member: #value, }
                    });
                quote! { #part_ident: #ty { #(#assigns)* }, }
            });
            let body = body.as_ref().map(|_| {
                let value = value_of(&format_ident!("body"), true);
                quote! { body: #value, }
            });
            let content_type = content_type.then(|| quote! { content_type: ::core::default::Default::default(), });
            quote! { #target { #(#parts)* #body #content_type } }
        }
    };
    let doc = format!(
        " Builds a [`{name}`](crate::{}::{name}); `build()` compiles once every required field is set.",
        if matches!(kind, Target::Struct(_)) { "types" } else { "operations" }
    );
    let builder_doc = format!(" A builder of `{name}`: each type parameter says whether a required field is set.");
    let module_doc =
        format!(" The compile-time checks of [`{builder}`]: one trait per required field, with messages naming it.");
    let state_decls = states.iter().map(|state| quote! { #state = Missing });
    let slot_decls = slots.iter().map(|s| {
        let m = &s.member;
        let st = &s.state;
        quote! { #m: #st, }
    });
    let _ = def;
    quote! {
        #[doc = #module_doc]
        pub mod #traits_module {
            #(#traits)*
        }

        #[doc = #builder_doc]
        #[derive(::core::fmt::Debug, ::core::clone::Clone)]
        #[must_use = "a builder does nothing until `build()`"]
        pub struct #builder<#(#state_decls),*> {
            #(#slot_decls)*
            #(#optional_decls)*
        }

        impl #target {
            #[doc = #doc]
            pub fn builder() -> #builder {
                #builder { #(#slot_members: #missing_states,)* #(#optional_defaults)* }
            }
        }

        impl<#(#states),*> #builder<#(#states),*> {
            #(#slot_setters)*
            #(#optional_setters)*

            /// The value, once every required field is set.
            #[must_use]
            pub fn build(self) -> #target
            where
                #(#bounds)*
            {
                #build_value
            }
        }
    }
}

/// How an optional field is stored in the builder: as it is in the struct.
fn stored_type(field: &Field, value_ty: &TokenStream) -> TokenStream {
    if field.presence().holder() == Holder::Nullable {
        quote! { crate::nullable::Nullable<#value_ty> }
    } else {
        quote! { ::core::option::Option<#value_ty> }
    }
}

/// The Rust type of a field's value, as the `builders` module names it.
fn field_value_type(ir: &Ir, ty: &TypeRef) -> TokenStream {
    super::qualified_type_tokens(ir, ty)
}

/// What a setter takes and how it turns that into the stored value: `impl Into<T>` for single
/// values (so `&str` fills a `String`, a member fills its union), any iterable of those for
/// lists, and of key-value pairs for maps.
pub(super) fn setter_conversion(ir: &Ir, ty: &TypeRef, boxed: bool) -> (TokenStream, TokenStream) {
    let (input, convert) = match ty {
        TypeRef::Array(inner) => {
            let inner = field_value_type(ir, inner);
            (
                quote! { impl ::core::iter::IntoIterator<Item = impl ::core::convert::Into<#inner>> },
                quote! { value.into_iter().map(::core::convert::Into::into).collect() },
            )
        }
        TypeRef::Map(inner) => {
            let inner = field_value_type(ir, inner);
            (
                quote! { impl ::core::iter::IntoIterator<Item = (impl ::core::convert::Into<::std::string::String>, impl ::core::convert::Into<#inner>)> },
                quote! { value.into_iter().map(|(key, value)| (key.into(), value.into())).collect() },
            )
        }
        other => {
            let ty = field_value_type(ir, other);
            (quote! { impl ::core::convert::Into<#ty> }, quote! { ::core::convert::Into::into(value) })
        }
    };
    if boxed { (input, quote! { ::std::boxed::Box::new(#convert) }) } else { (input, convert) }
}
