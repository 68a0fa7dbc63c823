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
use crate::ir::{Docs, Field, Holder, Ir, Operation, ParameterLocation, Presence, Storage, TypeKind, TypeRef};

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
        let extra = s.extra_fields.as_deref().map(ident);
        let built = Built {
            name: &def.rust_name,
            builder_base: base,
            path: super::type_path(def),
            fields: s.fields.iter().filter(|f| f.is_declared()).map(|field| (field, Place::Direct)).collect(),
            assembly: Assembly::Struct { extra },
        };
        items.push(super::features::gate(emit_builder(ir, &built), features.of_type(id).as_ref()));
    }
    for (index, operation) in ir.operations.iter().enumerate() {
        items.push(super::features::gate(emit_operation_builder(ir, operation), features.of_operation(index).as_ref()));
    }
    quote! { #(#items)* }
}

/// What a builder builds, described by its fields: a struct of the spec, or an operation's
/// request (whose fields are those of its parameter structs, and its body).
struct Built<'a> {
    /// The type built (`CreatePet`).
    name: &'a str,
    /// The name the registry gave the builder to be named from (`CreatePet` gives
    /// `CreatePetBuilder` and the module `create_pet_builder`).
    builder_base: &'a str,
    /// The built type as the `builders` module names it.
    path: TokenStream,
    /// The fields a caller sets, each with where `build()` puts it.
    fields: Vec<(&'a Field, Place)>,
    assembly: Assembly,
}

/// Where a builder field goes in the value `build()` makes.
#[derive(Clone, Copy, PartialEq)]
enum Place {
    /// A field of the target struct.
    Direct,
    /// A field of one of an operation's parts (`path`, `query`, `headers`).
    Part(ParameterLocation),
}

/// How `build()` assembles the value beyond its fields.
enum Assembly {
    /// A model type, with the member that keeps its extra fields if it has one.
    Struct { extra: Option<Ident> },
    Operation {
        /// The parameter structs, each with its type.
        parts: Vec<(ParameterLocation, TokenStream)>,
        /// The body's type, a required slot of its own.
        body: Option<TokenStream>,
        /// The request has a `content_type`, which starts as the spec's preferred media type.
        content_type: bool,
    },
}

fn emit_operation_builder(ir: &Ir, operation: &Operation) -> TokenStream {
    let target = ident(&operation.names.request);
    let mut fields = Vec::new();
    let mut parts = Vec::new();
    for (part, id) in operation.parameter_structs() {
        let TypeKind::Struct(s) = &ir.get(id).kind else { continue };
        parts.push((part, super::type_path(ir.get(id))));
        fields.extend(s.fields.iter().filter(|f| f.is_declared()).map(|field| (field, Place::Part(part))));
    }
    let body = operation.request_body.as_ref().map(|body| super::qualified_type_tokens(ir, body));
    let built = Built {
        name: &operation.names.request,
        builder_base: &operation.names.builder,
        path: quote! { crate::operations::#target },
        fields,
        assembly: Assembly::Operation { parts, body, content_type: operation.names.content_type.is_some() },
    };
    emit_builder(ir, &built)
}

/// A required slot of a builder: a required field, or an operation's body. Its type parameter
/// is `Missing` until its setter makes it `Set<T>`.
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

/// An optional field of a builder, stored as the struct stores it.
struct OptionalField<'a> {
    field: &'a Field,
    member: Ident,
    ty: TokenStream,
    setter_input: TokenStream,
    convert: TokenStream,
    docs: Docs,
}

/// The members of a builder and the names it is made of.
struct Builder<'a> {
    /// The builder's type (`CreatePetBuilder`).
    name: Ident,
    /// The module of its traits (`create_pet_builder`).
    traits_module: Ident,
    slots: Vec<Slot>,
    optional: Vec<OptionalField<'a>>,
}

impl<'a> Builder<'a> {
    fn new(ir: &Ir, built: &Built<'a>) -> Self {
        let mut slots = Vec::new();
        let mut optional = Vec::new();
        for (field, _) in &built.fields {
            let required = field.presence == Presence::Required;
            if required && ir.is_constant(&field.ty) {
                // A one-value field (`type: agent`) has nothing to choose: `build()` fills it in.
                continue;
            }
            let ty = maybe_boxed(field_value_type(ir, &field.ty), field.storage);
            let (setter_input, convert) = setter_conversion(ir, &field.ty, field.storage);
            let docs = field.docs.clone().unwrap_or_default();
            let member = ident(&field.rust_name);
            if required {
                let camel = ident::upper_camel_case(&field.wire_name);
                slots.push(Slot {
                    label: field.wire_name.clone(),
                    member,
                    state: ident::composed(&format!("{camel}State")),
                    ty,
                    setter_input,
                    convert,
                    docs,
                    is_set: ident::composed(&format!("{camel}IsSet")),
                    is_unset: ident::composed(&format!("{camel}IsUnset")),
                });
            } else {
                optional.push(OptionalField { field, member, ty, setter_input, convert, docs });
            }
        }
        if let Assembly::Operation { body: Some(body_ty), .. } = &built.assembly {
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
        Self {
            name: ident::composed(&crate::lower::builder_type_name(built.builder_base)),
            traits_module: ident::composed(&format!("{}_builder", ident::snake_case(built.builder_base))),
            slots,
            optional,
        }
    }

    /// The module of traits a slot's state must implement: `IsSet` for `build()`, `IsUnset` for
    /// its setter, each with a message naming the field.
    fn traits(&self, built: &Built<'_>) -> TokenStream {
        let name = built.name;
        let traits = self.slots.iter().map(|slot| {
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
        let traits_module = &self.traits_module;
        let module_doc = format!(
            " The compile-time checks of [`{}`]: one trait per required field, with messages naming it.",
            self.name
        );
        // Public, since the builder's methods name the traits in their bounds, but hidden: a
        // reader of the docs meets the builder and its methods, and the compiler's messages name
        // the missing field.
        quote! {
            #[doc = #module_doc]
            #[doc(hidden)]
            pub mod #traits_module {
                #(#traits)*
            }
        }
    }

    /// The setter of the slot at `position`: it takes the builder with that slot unset and
    /// gives it back with the slot `Set`, every other member moved over.
    fn slot_setter(&self, position: usize) -> TokenStream {
        let Slot { member, setter_input, convert, docs, is_unset, state, .. } = &self.slots[position];
        let docs = docs.outer();
        let after = self.slots.iter().enumerate().map(|(other, slot)| {
            if other == position {
                let ty = &slot.ty;
                quote! { Set<#ty> }
            } else {
                let state = &slot.state;
                quote! { #state }
            }
        });
        let moves = self.slots.iter().enumerate().map(|(other, slot)| {
            let m = &slot.member;
            if other == position {
                quote! { #m: Set(#convert), }
            } else {
                quote! { #m: self.#m, }
            }
        });
        let keep = self.optional.iter().map(|optional| {
            let m = &optional.member;
            quote! { #m: self.#m, }
        });
        let (builder, traits_module) = (&self.name, &self.traits_module);
        quote! {
            #docs
            pub fn #member(self, value: #setter_input) -> #builder<#(#after),*>
            where
                #state: #traits_module::#is_unset,
            {
                #builder { #(#moves)* #(#keep)* }
            }
        }
    }

    /// The value of a field in `build()`: from its slot, as stored if optional, its one value
    /// if constant.
    fn field_value(&self, member: &Ident) -> TokenStream {
        let traits_module = &self.traits_module;
        if let Some(Slot { is_set, .. }) = self.slots.iter().find(|slot| &slot.member == member) {
            quote! { #traits_module::#is_set::value(self.#member) }
        } else if self.optional.iter().any(|optional| &optional.member == member) {
            quote! { self.#member }
        } else {
            quote! { ::core::default::Default::default() }
        }
    }

    /// The body of `build()`.
    fn build_value(&self, built: &Built<'_>) -> TokenStream {
        let target = &built.path;
        let assigns = |place: Place| {
            built.fields.iter().filter(move |(_, p)| *p == place).map(|(field, _)| {
                let member = ident(&field.rust_name);
                let value = self.field_value(&member);
                quote! { #member: #value, }
            })
        };
        match &built.assembly {
            Assembly::Struct { extra } => {
                let assigns = assigns(Place::Direct);
                let extra = extra.as_ref().map(|extra| quote! { #extra: crate::object::ExtraFields::new(), });
                quote! { #target { #(#assigns)* #extra } }
            }
            Assembly::Operation { parts, body, content_type } => {
                let parts = parts.iter().map(|(part, ty)| {
                    let part_ident = ident(part.request_field());
                    let assigns = assigns(Place::Part(*part));
                    quote! { #part_ident: #ty { #(#assigns)* }, }
                });
                let body = body.as_ref().map(|_| {
                    let value = self.field_value(&format_ident!("body"));
                    quote! { body: #value, }
                });
                let content_type = content_type.then(|| quote! { content_type: ::core::default::Default::default(), });
                quote! { #target { #(#parts)* #body #content_type } }
            }
        }
    }
}

/// A builder: its traits module, its struct, the built type's `builder()`, its setters and
/// `build()`.
fn emit_builder(ir: &Ir, built: &Built<'_>) -> TokenStream {
    let builder = Builder::new(ir, built);
    let Built { name, path: target, .. } = built;
    let traits = builder.traits(built);
    let builder_name = &builder.name;
    let states: Vec<&Ident> = builder.slots.iter().map(|slot| &slot.state).collect();
    let slot_members = builder.slots.iter().map(|slot| &slot.member);
    let missing_states = builder.slots.iter().map(|_| quote! { Missing });
    let optional_decls = builder.optional.iter().map(|optional| {
        let (member, stored) = (&optional.member, stored_type(optional.field, &optional.ty));
        quote! { #member: #stored, }
    });
    let optional_defaults = builder.optional.iter().map(|optional| {
        let member = &optional.member;
        quote! { #member: ::core::default::Default::default(), }
    });
    let slot_setters = (0..builder.slots.len()).map(|position| builder.slot_setter(position));
    let optional_setters = builder.optional.iter().map(optional_setter);
    let traits_module = &builder.traits_module;
    let bounds = builder.slots.iter().map(|Slot { state, is_set, .. }| quote! { #state: #traits_module::#is_set, });
    let build_value = builder.build_value(built);
    let module = if matches!(built.assembly, Assembly::Struct { .. }) { "types" } else { "operations" };
    let doc =
        format!(" Builds a [`{name}`](crate::{module}::{name}); `build()` compiles once every required field is set.");
    let builder_doc = format!(" A builder of `{name}`: each type parameter says whether a required field is set.");
    let state_decls = states.iter().map(|state| quote! { #state = Missing });
    let slot_decls = builder.slots.iter().map(|Slot { member, state, .. }| quote! { #member: #state, });
    quote! {
        #traits

        #[doc = #builder_doc]
        #[derive(::core::fmt::Debug, ::core::clone::Clone)]
        #[must_use = "a builder does nothing until `build()`"]
        pub struct #builder_name<#(#state_decls),*> {
            #(#slot_decls)*
            #(#optional_decls)*
        }

        impl #target {
            #[doc = #doc]
            pub fn builder() -> #builder_name {
                #builder_name { #(#slot_members: #missing_states,)* #(#optional_defaults)* }
            }
        }

        impl<#(#states),*> #builder_name<#(#states),*> {
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

/// The setter of an optional field, and `clear_` beside it when the field may be sent as `null`.
fn optional_setter(optional: &OptionalField<'_>) -> TokenStream {
    let OptionalField { field, member, setter_input, convert, docs, .. } = optional;
    let docs = docs.outer();
    let holder = field.presence.holder();
    let assign = if holder == Holder::Nullable {
        quote! { crate::nullable::Nullable::Value(#convert) }
    } else {
        quote! { ::core::option::Option::Some(#convert) }
    };
    let clear = field.presence.is_nullable().then(|| {
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
        pub fn #member(mut self, value: #setter_input) -> Self {
            self.#member = #assign;
            self
        }
        #clear
    }
}

/// How an optional field is stored in the builder: as it is in the struct.
fn stored_type(field: &Field, value_ty: &TokenStream) -> TokenStream {
    if field.presence.holder() == Holder::Nullable {
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
pub(super) fn setter_conversion(ir: &Ir, ty: &TypeRef, storage: Storage) -> (TokenStream, TokenStream) {
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
    match storage {
        Storage::Inline => (input, convert),
        Storage::Boxed => (input, quote! { ::std::boxed::Box::new(#convert) }),
    }
}
