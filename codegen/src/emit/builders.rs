//! Builders whose required fields are checked by the compiler: a builder has one type parameter
//! per required field, `Missing` until its setter turns it into `Set<T>`. `build()` bounds each
//! by the runtime's `IsSet<Built, Field>` and the field's setter by `IsUnset<Built, Field>`, whose
//! `#[diagnostic::on_unimplemented]` messages print the type built and the field's marker, so
//! the compiler says which field is missing (or set twice) instead of a bare trait bound.
//!
//! The per-field machinery is the runtime's, written once (`builders/runtime.rs`). What a crate
//! adds per field is a marker type in `builders::fields`, named as the field's setter, one per
//! name however many builders have a field of that name. Measured on GitHub's spec: before,
//! each builder had a module of two traits per required field, each trait with its own message
//! (crate 957,077 lines, `builders.rs` 215,452, of which 69,596 were those modules); with the
//! shared traits and markers shared by name, 898,789 and 157,117 (Stripe's: 680,280 and 126,482
//! before, 650,677 and 96,832 after). Markers declared per builder, in a module of each, were
//! measured too (911,265 and 169,594; Stripe's 657,078 and 103,234) and print worse: the
//! compiler prints a type by its bare name only when no other public item of the build has that
//! name, so `name`, declared by hundreds of builders, would always be printed with its path
//! (`generated::builders::create_pet_builder_fields::name`). Shared by name, a marker is
//! printed bare unless a crate of the build also has an item of that name.
//!
//! Every request-side struct with something to set gets one (`lower/names.rs::has_builder`):
//! structs are `#[non_exhaustive]`, so outside the crate it is how they are built. So does every
//! operation (its path, query and header parameters as setters, and `body`).

use std::collections::BTreeSet;

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::maybe_boxed;
use crate::ident::{self, ident};
use crate::ir::{Choice, Docs, Field, Holder, Ir, Operation, ParameterLocation, Presence, Storage, TypeKind, TypeRef};

pub(super) fn emit_builders(
    ir: &Ir,
    emitted: &std::collections::BTreeSet<crate::ir::TypeId>,
    features: &super::features::Features,
) -> TokenStream {
    // `Missing`, `Set<T>`, `IsSet` and `IsUnset` are the runtime's (`builders/runtime.rs`).
    let mut items = Vec::new();
    let mut markers = BTreeSet::new();
    for (id, def) in ir.types_by_name() {
        // The name registry gave a builder to every emitted type that gets one.
        let (Some(base), TypeKind::Struct(s)) = (&def.builder, &def.kind) else { continue };
        if !emitted.contains(&id) {
            continue;
        }
        let extra = s.extra_fields.as_deref().map(ident);
        let choices = s.choices.iter().filter(|choice| choice.held).collect();
        let built = Built {
            name: &def.rust_name,
            builder_base: base,
            path: super::type_path(def),
            fields: s.fields.iter().filter(|f| f.is_declared()).map(|field| (field, Place::Direct)).collect(),
            assembly: Assembly::Struct { extra, choices, additional: s.additional.is_some() },
        };
        items.push(super::features::gate(emit_builder(ir, &built, &mut markers), features.of_type(id).as_ref()));
    }
    for (index, operation) in ir.operations.iter().enumerate() {
        let builder = emit_operation_builder(ir, operation, &mut markers);
        items.push(super::features::gate(builder, features.of_operation(index).as_ref()));
    }
    let fields = emit_field_markers(&markers);
    quote! {
        pub use self::runtime::*;
        #fields
        #(#items)*
    }
}

/// The `fields` module: one marker type per name of a required field, named as its setter, for
/// the bounds of every builder with a field of that name. Never built, only printed: the
/// runtime's messages show a marker as the field's name. Ungated, since a marker is one line,
/// and in a public module an unused one costs no warning. Not `#[doc(hidden)]`: the compiler
/// prints a hidden item by its full path, never by its bare name.
fn emit_field_markers(markers: &BTreeSet<Ident>) -> TokenStream {
    if markers.is_empty() {
        return TokenStream::new();
    }
    let markers = markers.iter();
    quote! {
        /// The builders' required fields, one type per field name, by which the compiler's
        /// messages name a field not set or set twice. Never built: nothing here is for use.
        #[allow(
            non_camel_case_types,
            missing_debug_implementations,
            reason = "a marker is printed as its field's name, which is its setter's, and has no value to debug"
        )]
        pub mod fields {
            #(pub enum #markers {})*
        }
    }
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
    assembly: Assembly<'a>,
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
enum Assembly<'a> {
    /// A model type, with the member that keeps its extra fields if it has one, the choices it
    /// holds (each a required slot) and whether it has `additional_properties` (left empty, to
    /// be filled on the value built).
    Struct { extra: Option<Ident>, choices: Vec<&'a Choice>, additional: bool },
    Operation {
        /// The parameter structs, each with its type.
        parts: Vec<(ParameterLocation, TokenStream)>,
        /// The body's type, a required slot of its own.
        body: Option<TokenStream>,
        /// The request has a `content_type`, which starts as the spec's preferred media type.
        content_type: bool,
    },
}

fn emit_operation_builder(ir: &Ir, operation: &Operation, markers: &mut BTreeSet<Ident>) -> TokenStream {
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
    emit_builder(ir, &built, markers)
}

/// A required slot of a builder: a required field, or an operation's body. Its type parameter
/// is `Missing` until its setter makes it `Set<T>`; its member's name is also its setter's and
/// its marker's in `fields`.
struct Slot {
    member: Ident,
    state: Ident,
    ty: TokenStream,
    setter_input: TokenStream,
    convert: TokenStream,
    docs: Docs,
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
    /// The type built, as the `builders` module names it: the first parameter of the bounds.
    target: TokenStream,
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
                    member,
                    state: ident::composed(&format!("{camel}State")),
                    ty,
                    setter_input,
                    convert,
                    docs,
                });
            } else {
                optional.push(OptionalField { field, member, ty, setter_input, convert, docs });
            }
        }
        if let Assembly::Struct { choices, .. } = &built.assembly {
            for choice in choices {
                let ty = field_value_type(ir, &TypeRef::Named(choice.ty));
                slots.push(Slot {
                    member: ident(&choice.rust_name),
                    state: ident::composed(&format!("{}State", ident::upper_camel_case(&choice.rust_name))),
                    setter_input: quote! { impl ::core::convert::Into<#ty> },
                    ty,
                    convert: quote! { ::core::convert::Into::into(value) },
                    docs: choice.docs.clone().unwrap_or_default(),
                });
            }
        }
        if let Assembly::Operation { body: Some(body_ty), .. } = &built.assembly {
            slots.push(Slot {
                member: format_ident!("body"),
                state: format_ident!("BodyState"),
                ty: body_ty.clone(),
                setter_input: quote! { impl ::core::convert::Into<#body_ty> },
                convert: quote! { ::core::convert::Into::into(value) },
                docs: Docs::generated("The request body."),
            });
        }
        Self {
            name: ident::composed(&crate::lower::builder_type_name(built.builder_base)),
            target: built.path.clone(),
            slots,
            optional,
        }
    }

    /// The setter of the slot at `position`: it takes the builder with that slot unset and
    /// gives it back with the slot `Set`, every other member moved over.
    fn slot_setter(&self, position: usize) -> TokenStream {
        let Slot { member, setter_input, convert, docs, state, .. } = &self.slots[position];
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
        let (builder, target) = (&self.name, &self.target);
        quote! {
            #docs
            pub fn #member(self, value: #setter_input) -> #builder<#(#after),*>
            where
                #state: IsUnset<#target, fields::#member>,
            {
                #builder { #(#moves)* #(#keep)* }
            }
        }
    }

    /// The value of a field in `build()`: from its slot, as stored if optional, its one value
    /// if constant.
    fn field_value(&self, member: &Ident) -> TokenStream {
        if self.slots.iter().any(|slot| &slot.member == member) {
            quote! { self.#member.value() }
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
            Assembly::Struct { extra, choices, additional } => {
                let assigns = assigns(Place::Direct);
                let choices = choices.iter().map(|choice| {
                    let member = ident(&choice.rust_name);
                    quote! { #member: self.#member.value(), }
                });
                let additional =
                    additional.then(|| quote! { additional_properties: ::core::default::Default::default(), });
                let extra = extra.as_ref().map(|extra| quote! { #extra: crate::object::ExtraFields::new(), });
                quote! { #target { #(#assigns)* #(#choices)* #additional #extra } }
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

/// A builder: its struct, the built type's `builder()`, its setters and `build()`; the markers
/// of its required fields go to `markers`.
fn emit_builder(ir: &Ir, built: &Built<'_>, markers: &mut BTreeSet<Ident>) -> TokenStream {
    let builder = Builder::new(ir, built);
    markers.extend(builder.slots.iter().map(|slot| slot.member.clone()));
    let Built { name, path: target, .. } = built;
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
    let bounds = builder.slots.iter().map(|Slot { state, member, ty, .. }| {
        quote! { #state: IsSet<#target, fields::#member, Value = #ty>, }
    });
    let build_value = builder.build_value(built);
    let module = if matches!(built.assembly, Assembly::Struct { .. }) { "types" } else { "operations" };
    let doc =
        format!(" Builds a [`{name}`](crate::{module}::{name}); `build()` compiles once every required field is set.");
    let builder_doc = format!(" A builder of `{name}`: each type parameter says whether a required field is set.");
    let state_decls = states.iter().map(|state| quote! { #state = Missing });
    let slot_decls = builder.slots.iter().map(|Slot { member, state, .. }| quote! { #member: #state, });
    quote! {
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

#[cfg(test)]
mod tests {
    /// Two request bodies and an operation, each with a required `name` (a body, then the
    /// operation's path parameter and body).
    const SPEC: &str = r"
openapi: 3.0.3
info: { title: Shop, version: '1' }
paths:
  /pets/{name}:
    put:
      operationId: renamePet
      parameters:
        - { name: name, in: path, required: true, schema: { type: string } }
      requestBody:
        required: true
        content:
          application/json: { schema: { $ref: '#/components/schemas/NewPet' } }
      responses: { '204': { description: renamed } }
  /owners:
    post:
      operationId: createOwner
      requestBody:
        required: true
        content:
          application/json: { schema: { $ref: '#/components/schemas/NewOwner' } }
      responses: { '204': { description: created } }
components:
  schemas:
    NewPet:
      type: object
      required: [name, kind]
      properties: { name: { type: string }, kind: { type: string }, age: { type: integer } }
    NewOwner:
      type: object
      required: [name]
      properties: { name: { type: string } }
";

    #[test]
    fn required_fields_share_one_marker_per_name_and_the_runtime_traits() {
        let generated = crate::generate_from_str(SPEC, "shop.yaml", &crate::Config::default()).expect("generates");
        let builders = &generated.crate_files().expect("formats")["builders.rs"];
        let fields_module = builders.find("pub mod fields {").expect("a module of markers");
        let markers: Vec<&str> =
            builders[fields_module..].lines().skip(1).take_while(|line| line.trim() != "}").map(str::trim).collect();
        // `name` is required in three builders, `body` in two: one marker each. `age` is
        // optional and has none.
        assert_eq!(markers, ["pub enum body {}", "pub enum kind {}", "pub enum name {}"]);
        // Builders write bounds on the runtime's traits, not traits of their own.
        assert!(!builders.contains("pub trait"), "{builders}");
        assert!(!builders.contains("on_unimplemented"), "{builders}");
        assert!(builders.contains("IsUnset<crate::types::NewOwner, fields::name>"), "{builders}");
        assert!(builders.contains("IsUnset<crate::operations::RenamePet, fields::name>"), "{builders}");
    }

    /// Structs are `#[non_exhaustive]`, so a request-side one with something to set has a
    /// builder even when it holds a choice or typed undeclared properties, which `build()`
    /// leaves empty for the caller to fill on the value.
    #[test]
    fn structs_holding_a_choice_or_undeclared_properties_have_builders() {
        let spec = r"
openapi: 3.0.3
info: { title: Shop, version: '1' }
paths:
  /labels:
    post:
      operationId: label
      requestBody:
        required: true
        content:
          application/json: { schema: { $ref: '#/components/schemas/Label' } }
      responses: { '204': { description: labelled } }
components:
  schemas:
    Label:
      type: object
      required: [name]
      properties: { name: { type: string }, notify: { $ref: '#/components/schemas/Notification' } }
      additionalProperties: { type: string }
    Notification:
      type: object
      x-exactly-one-of: { name: target, properties: [email, webhook] }
      properties: { email: { type: string, nullable: true }, webhook: { type: string, nullable: true } }
";
        let generated = crate::generate_from_str(spec, "shop.yaml", &crate::Config::default()).expect("generates");
        let files = generated.crate_files().expect("formats");
        let builders = &files["builders.rs"];
        assert!(builders.contains("impl crate::types::Label {"), "{builders}");
        assert!(builders.contains("additional_properties: ::core::default::Default::default(),"), "{builders}");
        // The choice is a required slot, named as the choice.
        assert!(builders.contains("impl crate::types::Notification {"), "{builders}");
        assert!(builders.contains("IsUnset<crate::types::Notification, fields::target>"), "{builders}");
        assert!(builders.contains("target: self.target.value(),"), "{builders}");
        assert!(files["types.rs"].matches("#[non_exhaustive]\npub struct").count() >= 2, "{}", files["types.rs"]);
    }
}
