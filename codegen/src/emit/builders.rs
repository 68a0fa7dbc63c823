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
//! structs are `#[non_exhaustive]`, so outside the crate it is how they are built. An operation
//! does not: its request's `new` takes what it cannot be sent without as arguments
//! (`emit/operations.rs`), as the client's method does. Measured on GitHub's spec, the typestate
//! builders of its 1,223 operations were 127,000 of the crate's 502,000 lines; their `new`
//! functions are about 17,000.

use std::collections::BTreeSet;

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::maybe_boxed;
use crate::ident::{self, ident};
use crate::ir::{Choice, Docs, Field, Holder, Ir, Presence, Storage, TypeKind, TypeRef};
use crate::prelude::{BOX, DEFAULT, EXTRA_FIELDS, INTO, INTO_ITERATOR, NONE, NULLABLE, OPTION, SOME, STRING};

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
            module: def.module().name(),
            fields: s.fields.iter().filter(|f| f.is_declared()).collect(),
            extra,
            choices,
            additional: s.additional.is_some(),
        };
        items.push(super::features::gate(emit_builder(ir, &built, &mut markers), features.of_type(id).as_ref()));
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

/// What a builder builds: a struct of the spec, described by its fields.
struct Built<'a> {
    /// The type built (`CreatePet`).
    name: &'a str,
    /// The name the registry gave the builder to be named from (`CreatePet` gives
    /// `CreatePetBuilder`).
    builder_base: &'a str,
    /// The built type as the `builders` module names it.
    path: TokenStream,
    /// The module the built type is in.
    module: &'static str,
    /// The fields a caller sets.
    fields: Vec<&'a Field>,
    /// The member that keeps the struct's extra fields, if it has one.
    extra: Option<Ident>,
    /// The choices it holds, each a required slot.
    choices: Vec<&'a Choice>,
    /// It has `additional_properties`, left empty, to be filled on the value built.
    additional: bool,
}

/// A required slot of a builder: a required field or a held choice. Its type parameter
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
        for field in &built.fields {
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
        for choice in &built.choices {
            let ty = field_value_type(ir, &TypeRef::Named(choice.ty));
            slots.push(Slot {
                member: ident(&choice.rust_name),
                state: ident::composed(&format!("{}State", ident::upper_camel_case(&choice.rust_name))),
                setter_input: quote! { impl #INTO<#ty> },
                ty,
                convert: quote! { value.into() },
                docs: choice.docs.clone().unwrap_or_default(),
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
            quote! { #DEFAULT::default() }
        }
    }

    /// The body of `build()`.
    fn build_value(&self, built: &Built<'_>) -> TokenStream {
        let target = &built.path;
        let assigns = built.fields.iter().map(|field| {
            let member = ident(&field.rust_name);
            let value = self.field_value(&member);
            quote! { #member: #value, }
        });
        let choices = built.choices.iter().map(|choice| {
            let member = ident(&choice.rust_name);
            quote! { #member: self.#member.value(), }
        });
        let additional = built.additional.then(|| quote! { additional_properties: #DEFAULT::default(), });
        let extra = built.extra.as_ref().map(|extra| quote! { #extra: #EXTRA_FIELDS::new(), });
        quote! { #target { #(#assigns)* #(#choices)* #additional #extra } }
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
        quote! { #member: #DEFAULT::default(), }
    });
    let slot_setters = (0..builder.slots.len()).map(|position| builder.slot_setter(position));
    let optional_setters = builder.optional.iter().map(optional_setter);
    let bounds = builder.slots.iter().map(|Slot { state, member, ty, .. }| {
        quote! { #state: IsSet<#target, fields::#member, Value = #ty>, }
    });
    let build_value = builder.build_value(built);
    let module = built.module;
    let doc =
        format!(" Builds a [`{name}`](crate::{module}::{name}); `build()` compiles once every required field is set.");
    let builder_doc = format!(" A builder of `{name}`: each type parameter says whether a required field is set.");
    let state_decls = states.iter().map(|state| quote! { #state = Missing });
    let slot_decls = builder.slots.iter().map(|Slot { member, state, .. }| quote! { #member: #state, });
    let shown = builder_name.to_string();
    // `Debug` prints the builder's name alone, and there is no `Clone`: derived, the two wrote
    // a body per field bounded by every state, half the builders' cost in a large crate's check
    // (Plaid's: 0.5 s and 44 MB of the compiler's 11 s), for values a caller has just written.
    quote! {
        #[doc = #builder_doc]
        #[must_use = "a builder does nothing until `build()`"]
        pub struct #builder_name<#(#state_decls),*> {
            #(#slot_decls)*
            #(#optional_decls)*
        }

        impl<#(#states),*> ::core::fmt::Debug for #builder_name<#(#states),*> {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.debug_struct(#shown).finish_non_exhaustive()
            }
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
        quote! { #NULLABLE::Value(#convert) }
    } else {
        quote! { #SOME(#convert) }
    };
    let clear = field.presence.is_nullable().then(|| {
        // `clear_2fa_enabled`, not `clear__2fa_enabled`: the guard underscore of a leading
        // digit is not needed after `clear_`.
        let clear = format_ident!("clear_{}", ident::unraw(&member.to_string()).trim_start_matches('_'));
        let value = if holder == Holder::Nullable {
            quote! { #NULLABLE::Null }
        } else {
            quote! { #NONE }
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
        quote! { #NULLABLE<#value_ty> }
    } else {
        quote! { #OPTION<#value_ty> }
    }
}

/// The Rust type of a field's value, as the `builders` module names it.
fn field_value_type(ir: &Ir, ty: &TypeRef) -> TokenStream {
    super::qualified_type_tokens(ir, ty)
}

/// What a setter takes and how it turns that into the stored value: `impl Into<T>` for single
/// values (so `&str` fills a `String`, a member fills its union), any iterable of those for
/// lists, and of key-value pairs for maps. The conversion reads a variable `value`.
pub(super) fn setter_conversion(ir: &Ir, ty: &TypeRef, storage: Storage) -> (TokenStream, TokenStream) {
    conversion(ir, ty, storage, &format_ident!("value"))
}

/// [`setter_conversion`] of the variable `value`.
pub(super) fn conversion(ir: &Ir, ty: &TypeRef, storage: Storage, value: &Ident) -> (TokenStream, TokenStream) {
    let (input, convert) = match ty {
        TypeRef::Array(inner) => {
            let inner = field_value_type(ir, inner);
            (
                quote! { impl #INTO_ITERATOR<Item = impl #INTO<#inner>> },
                quote! { #value.into_iter().map(#INTO::into).collect() },
            )
        }
        TypeRef::Map(inner) => {
            let inner = field_value_type(ir, inner);
            (
                quote! { impl #INTO_ITERATOR<Item = (impl #INTO<#STRING>, impl #INTO<#inner>)> },
                quote! { #value.into_iter().map(|(key, value)| (key.into(), value.into())).collect() },
            )
        }
        other => {
            let ty = field_value_type(ir, other);
            (quote! { impl #INTO<#ty> }, quote! { #value.into() })
        }
    };
    match storage {
        Storage::Inline => (input, convert),
        Storage::Boxed => (input, quote! { #BOX::new(#convert) }),
    }
}

#[cfg(test)]
mod tests {
    /// Two request bodies, each with a required `name`, and operations that send them (one
    /// with a path parameter `name` too).
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
        // `name` is required in both builders: one marker. `age` is optional and has none; the
        // operations have no builder (their requests' `new` takes `name` and `body`).
        assert_eq!(markers, ["pub enum kind {}", "pub enum name {}"]);
        // Builders write bounds on the runtime's traits, not traits of their own.
        assert!(!builders.contains("pub trait"), "{builders}");
        assert!(!builders.contains("on_unimplemented"), "{builders}");
        assert!(builders.contains("IsUnset<crate::types::NewOwner, fields::name>"), "{builders}");
        assert!(!builders.contains("crate::operations::RenamePet"), "{builders}");
        let operations = &generated.crate_files().expect("formats")["operations.rs"];
        assert!(
            operations.contains("pub fn new(name: impl Into<String>, body: impl Into<crate::types::NewPet>) -> Self {"),
            "{operations}"
        );
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
        assert!(builders.contains("additional_properties: Default::default(),"), "{builders}");
        // The choice is a required slot, named as the choice.
        assert!(builders.contains("impl crate::types::Notification {"), "{builders}");
        assert!(builders.contains("IsUnset<crate::types::Notification, fields::target>"), "{builders}");
        assert!(builders.contains("target: self.target.value(),"), "{builders}");
        assert!(files["types.rs"].matches("#[non_exhaustive]\npub struct").count() >= 2, "{}", files["types.rs"]);
    }
}
