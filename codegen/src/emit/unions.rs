//! Unions: tagged by a property (with an `Unknown` fallback on the response side), or told
//! apart by JSON kind (a string or an object).
//!
//! Both report a precise error (which member, what went wrong inside it) instead of serde's "data
//! did not match any variant". Tagged unions read their object in one pass (the runtime's
//! `tagged` part); kind unions, and unions read by the runtime's `untagged` rule, go through
//! `serde_json::Value`.

use std::collections::BTreeSet;

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::{escape_format, maybe_boxed, type_tokens};
use crate::docs::code_span;
use crate::ident::ident;
use crate::ir::{
    Docs, Ir, JsonKind, KindUnionDef, Placement, Storage, TaggedUnionDef, TaggedVariant, TypeDef, TypeKind, TypeRef,
};
use crate::prelude::{
    BOX, CLONE, ERR, FROM, KIND, NONE, OK, OPTION, PARTIAL_EQ, RESULT, SHAPE, SOME, STRING, TAGGED_UNION, TO_OWNED,
};

/// Whether the member struct left the tag to the union (see `hand_tags_to_unions`).
fn tag_stripped(ir: &Ir, u: &TaggedUnionDef, variant: &TaggedVariant) -> bool {
    match &ir.get(variant.ty).kind {
        TypeKind::Struct(s) => s.fields.iter().any(|f| f.placement == Placement::UnionTag && f.wire_name == u.tag),
        _ => false,
    }
}

pub(super) fn emit_tagged_union(ir: &Ir, def: &TypeDef, u: &TaggedUnionDef, attributes: &TokenStream) -> TokenStream {
    let name = ident(&def.rust_name);
    let tag = &u.tag;
    let declarations = u.variants.iter().map(|variant| {
        let variant_name = ident(&variant.rust_name);
        let ty = maybe_boxed(type_tokens(ir, &TypeRef::Named(variant.ty)), variant.storage);
        let tag_docs = match variant.tag_integer {
            Some(value) => Docs::generated(&code_span(&format!("{tag}: {value}"))),
            None => Docs::generated(&code_span(&format!("{tag}: \"{}\"", variant.tag_value))),
        };
        let docs = variant.docs.clone().unwrap_or_default().then(&tag_docs).outer();
        quote! { #docs #variant_name(#ty), }
    });
    let unknown = u.open.then(|| {
        quote! {
            /// A member this version of the spec does not know, kept as sent: it re-serialises
            /// unchanged.
            Unknown(::serde_json::Value),
        }
    });
    let tag_method = tag_method(u);
    let serialize = tagged_serialize(ir, u, &name);
    let tagged = tagged_union_impl(ir, def, u, &name);
    let from_impls = from_impls(
        &name,
        u.variants.iter().map(|v| (ident(&v.rust_name), type_tokens(ir, &TypeRef::Named(v.ty)), v.storage)),
    );
    let from_text = from_text(ir, u, &name);
    let non_exhaustive = u.open.then(non_exhaustive);
    quote! {
        #attributes
        #[derive(::core::fmt::Debug, #CLONE, #PARTIAL_EQ)]
        #non_exhaustive
        pub enum #name {
            #(#declarations)*
            #unknown
        }

        impl #name {
            #tag_method
        }

        #serialize
        #tagged
        #from_impls
        #from_text
    }
}

/// `tag()`: the value of the tag property, which an unknown member may lack.
fn tag_method(u: &TaggedUnionDef) -> TokenStream {
    if u.is_integer_tagged() {
        return integer_tag_method(u);
    }
    let tag = &u.tag;
    let tag_values: Vec<&str> = u.variants.iter().map(|v| v.tag_value.as_str()).collect();
    let variant_names: Vec<_> = u.variants.iter().map(|v| ident(&v.rust_name)).collect();
    let tag_doc = format!(" The value of the {} property that tells the members apart.", code_span(tag));
    // `quote!` binds what a repetition interpolates with `let`, which cannot shadow a constant.
    let some = SOME;
    if u.open {
        quote! {
            #[doc = #tag_doc]
            #[must_use]
            pub fn tag(&self) -> #OPTION<&str> {
                match self {
                    #( Self::#variant_names(_) => #some(#tag_values), )*
                    Self::Unknown(value) => value.get(#tag).and_then(::serde_json::Value::as_str),
                }
            }
        }
    } else {
        quote! {
            #[doc = #tag_doc]
            #[must_use]
            pub const fn tag(&self) -> &'static str {
                match self { #( Self::#variant_names(_) => #tag_values, )* }
            }
        }
    }
}

/// `tag()` of a union whose tag is an integer: the number.
fn integer_tag_method(u: &TaggedUnionDef) -> TokenStream {
    let tag = &u.tag;
    let (variant_names, tag_values): (Vec<_>, Vec<_>) = u
        .variants
        .iter()
        .filter_map(|v| Some((ident(&v.rust_name), proc_macro2::Literal::i64_unsuffixed(v.tag_integer?))))
        .unzip();
    let tag_doc = format!(" The value of the {} property that tells the members apart.", code_span(tag));
    // `quote!` binds what a repetition interpolates with `let`, which cannot shadow a constant.
    let some = SOME;
    if u.open {
        quote! {
            #[doc = #tag_doc]
            #[must_use]
            pub fn tag(&self) -> #OPTION<i64> {
                match self {
                    #( Self::#variant_names(_) => #some(#tag_values), )*
                    Self::Unknown(value) => value.get(#tag).and_then(::serde_json::Value::as_i64),
                }
            }
        }
    } else {
        quote! {
            #[doc = #tag_doc]
            #[must_use]
            pub const fn tag(&self) -> i64 {
                match self { #( Self::#variant_names(_) => #tag_values, )* }
            }
        }
    }
}

/// `Serialize`: members that left the tag to the union get it back through serde's internally
/// tagged representation; the others carry it themselves.
fn tagged_serialize(ir: &Ir, u: &TaggedUnionDef, name: &Ident) -> TokenStream {
    let tag = &u.tag;
    let stripped: Vec<_> = u.variants.iter().filter(|v| tag_stripped(ir, u, v)).collect();
    let shadow = (!stripped.is_empty()).then(|| {
        let entries = stripped.iter().map(|v| {
            let variant_name = ident(&v.rust_name);
            let ty = type_tokens(ir, &TypeRef::Named(v.ty));
            let value = &v.tag_value;
            quote! { #[serde(rename = #value)] #variant_name(&'a #ty), }
        });
        quote! {
            #[derive(::serde::Serialize)]
            #[serde(tag = #tag)]
            enum Tagged<'a> { #(#entries)* }
        }
    });
    let serialize_arms = u.variants.iter().map(|v| {
        let variant_name = ident(&v.rust_name);
        let value = if v.storage == Storage::Boxed { quote! { &**value } } else { quote! { value } };
        if tag_stripped(ir, u, v) {
            quote! { Self::#variant_name(value) => ::serde::Serialize::serialize(&Tagged::#variant_name(#value), serializer), }
        } else {
            quote! { Self::#variant_name(value) => ::serde::Serialize::serialize(#value, serializer), }
        }
    });
    let serialize_unknown =
        u.open.then(|| quote! { Self::Unknown(value) => ::serde::Serialize::serialize(value, serializer), });
    quote! {
        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> #RESULT<S::Ok, S::Error> {
                #shadow
                match self {
                    #(#serialize_arms)*
                    #serialize_unknown
                }
            }
        }
    }
}

/// The runtime's `TaggedUnion` (which member a tag value reads, and what a value without a
/// tag is) and the `Deserialize` that reads through it.
fn tagged_union_impl(ir: &Ir, def: &TypeDef, u: &TaggedUnionDef, name: &Ident) -> TokenStream {
    let tag = &u.tag;
    let union_name = &def.rust_name;
    let member_arms = u.variants.iter().map(|v| {
        let ty = type_tokens(ir, &TypeRef::Named(v.ty));
        let value = &v.tag_value;
        let read = if tag_stripped(ir, u, v) {
            quote! { object.member::<#ty>(#union_name, tag) }
        } else {
            quote! { object.member_with_tag::<#ty, Self>(#union_name, tag) }
        };
        let wrap = wrap_member(&v.rust_name, v.storage);
        let aliases = v.aliases.iter().map(|alias| quote! { | #alias });
        quote! { #value #(#aliases)* => #read.map(#wrap), }
    });
    let accepted = u
        .variants
        .iter()
        .flat_map(|v| std::iter::once(v.tag_value.as_str()).chain(v.aliases.iter().map(String::as_str)));
    let (other_member, untagged) = if u.open {
        (quote! { _ => object.unknown::<Self>(tag).map(Self::Unknown), }, quote! { #OK(Self::Unknown(value)) })
    } else {
        (
            quote! { other => #ERR(<A::Error as ::serde::de::Error>::unknown_variant(other, &[#(#accepted),*])), },
            quote! { #ERR(<E as ::serde::de::Error>::missing_field(#tag)) },
        )
    };
    let expecting = format!("a `{union_name}` object");
    // A closed union has no variant to keep an untagged value in.
    let untagged_value = if u.open {
        quote! { value }
    } else {
        quote! { _value }
    };
    let integer_tag = u.is_integer_tagged().then(|| quote! { const INTEGER_TAG: bool = true; });
    quote! {
        impl #TAGGED_UNION for #name {
            const TAG: &'static str = #tag;
            const EXPECTING: &'static str = #expecting;
            #integer_tag

            fn member<'de, A: ::serde::de::MapAccess<'de>>(
                tag: &str,
                object: crate::tagged::TaggedObject<'de, A>,
            ) -> #RESULT<Self, A::Error> {
                match tag {
                    #(#member_arms)*
                    #other_member
                }
            }

            fn untagged<E: ::serde::de::Error>(#untagged_value: ::serde_json::Value) -> #RESULT<Self, E> {
                #untagged
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> #RESULT<Self, D::Error> {
                crate::tagged::deserialize(deserializer)
            }
        }
    }
}

/// Text becomes the one member that is nothing but text (`UserContentBlock::Text`), if only
/// one member is.
fn from_text(ir: &Ir, u: &TaggedUnionDef, name: &Ident) -> Option<TokenStream> {
    let text_members: Vec<_> = u
        .variants
        .iter()
        .filter(|v| {
            v.storage == Storage::Inline
                && matches!(&ir.get(v.ty).kind, TypeKind::Struct(s) if super::structs::single_text_field(s).is_some())
        })
        .collect();
    let [member] = text_members.as_slice() else { return None };
    let variant = ident(&member.rust_name);
    Some(quote! {
        impl #FROM<&str> for #name {
            fn from(value: &str) -> Self {
                Self::#variant(#FROM::from(value))
            }
        }
        impl #FROM<#STRING> for #name {
            fn from(value: #STRING) -> Self {
                Self::#variant(#FROM::from(value))
            }
        }
    })
}

/// What makes a variant of a member read: the variant itself, or a closure boxing the member.
fn wrap_member(rust_name: &str, storage: Storage) -> TokenStream {
    let variant_name = ident(rust_name);
    match storage {
        Storage::Inline => quote! { Self::#variant_name },
        Storage::Boxed => quote! { |member| Self::#variant_name(#BOX::new(member)) },
    }
}

/// `Serialize` of a union whose members write themselves (and an unknown value as it came).
fn serialize_members(name: &Ident, u: &KindUnionDef, unknown: bool) -> TokenStream {
    let variant_names = u.variants.iter().map(|v| ident(&v.rust_name));
    let serialize_unknown =
        unknown.then(|| quote! { Self::Unknown(value) => ::serde::Serialize::serialize(value, serializer), });
    quote! {
        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> #RESULT<S::Ok, S::Error> {
                match self {
                    #( Self::#variant_names(value) => ::serde::Serialize::serialize(value, serializer), )*
                    #serialize_unknown
                }
            }
        }
    }
}

pub(super) fn emit_kind_union(ir: &Ir, def: &TypeDef, u: &KindUnionDef, attributes: &TokenStream) -> TokenStream {
    if u.by_rule {
        return emit_union_by_rule(ir, def, u, attributes);
    }
    let name = ident(&def.rust_name);
    let declarations = u.variants.iter().map(|variant| {
        let variant_name = ident(&variant.rust_name);
        let ty = maybe_boxed(type_tokens(ir, &variant.ty), variant.storage);
        let docs = Docs::generated(&format!("The value is {}.", variant.kind.describe())).outer();
        quote! { #docs #variant_name(#ty), }
    });
    let serialize = serialize_members(&name, u, false);
    let deserialize = kind_deserialize(ir, def, u, &name);
    let from_impls =
        from_impls(&name, u.variants.iter().map(|v| (ident(&v.rust_name), type_tokens(ir, &v.ty), v.storage)));
    let from_str = u.variants.iter().find(|v| v.kind == JsonKind::String && v.ty == TypeRef::String).map(|v| {
        let variant_name = ident(&v.rust_name);
        quote! {
            impl #FROM<&str> for #name {
                fn from(value: &str) -> Self {
                    Self::#variant_name(#TO_OWNED::to_owned(value))
                }
            }
        }
    });
    quote! {
        #attributes
        #[derive(::core::fmt::Debug, #CLONE, #PARTIAL_EQ)]
        pub enum #name {
            #(#declarations)*
        }

        #serialize
        #deserialize
        #from_impls
        #from_str
    }
}

/// `Deserialize` of a kind union: the value's JSON kind picks the member; any other kind is an
/// error listing the expected ones.
fn kind_deserialize(ir: &Ir, def: &TypeDef, u: &KindUnionDef, name: &Ident) -> TokenStream {
    let has_integer = u.variants.iter().any(|v| v.kind == JsonKind::Integer);
    let arms = u.variants.iter().map(|variant| {
        let ty = type_tokens(ir, &variant.ty);
        let pattern = match variant.kind {
            JsonKind::Boolean => quote! { ::serde_json::Value::Bool(_) },
            JsonKind::Integer => {
                quote! { ::serde_json::Value::Number(ref number) if number.is_i64() || number.is_u64() }
            }
            JsonKind::Number if has_integer => quote! { ::serde_json::Value::Number(_) },
            JsonKind::Number => quote! { ::serde_json::Value::Number(_) },
            JsonKind::String => quote! { ::serde_json::Value::String(_) },
            JsonKind::Array => quote! { ::serde_json::Value::Array(_) },
            JsonKind::Object => quote! { ::serde_json::Value::Object(_) },
        };
        let message =
            escape_format(&format!("invalid `{}` given as {}: ", def.rust_name, variant.kind.describe())) + "{error}";
        let wrap = wrap_member(&variant.rust_name, variant.storage);
        (
            variant.kind,
            quote! {
                #pattern => <#ty as ::serde::Deserialize>::deserialize(value)
                    .map(#wrap)
                    .map_err(|error| <D::Error as ::serde::de::Error>::custom(::core::format_args!(#message))),
            },
        )
    });
    // Integer patterns have a guard, so they must come before the plain number pattern.
    let mut arms: Vec<_> = arms.collect();
    arms.sort_by_key(|(kind, _)| *kind != JsonKind::Integer);
    let arms = arms.into_iter().map(|(_, arm)| arm);
    let expected = {
        let kinds: Vec<&str> = u.variants.iter().map(|v| v.kind.describe()).collect();
        match kinds.split_last() {
            Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
            _ => kinds.join(""),
        }
    };
    let mismatch =
        escape_format(&format!("invalid type for `{}`: expected {expected}, found ", def.rust_name)) + "{found}";
    quote! {
        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> #RESULT<Self, D::Error> {
                let value = <::serde_json::Value as ::serde::Deserialize>::deserialize(deserializer)?;
                match value {
                    #(#arms)*
                    other => {
                        let found = match other {
                            ::serde_json::Value::Null => "null",
                            ::serde_json::Value::Bool(_) => "a boolean",
                            ::serde_json::Value::Number(_) => "a number",
                            ::serde_json::Value::String(_) => "a string",
                            ::serde_json::Value::Array(_) => "an array",
                            ::serde_json::Value::Object(_) => "an object",
                        };
                        #ERR(<D::Error as ::serde::de::Error>::custom(::core::format_args!(#mismatch)))
                    }
                }
            }
        }
    }
}

/// A union whose members share JSON kinds: each value is buffered as `serde_json::Value`, the
/// runtime's rule (`crate::untagged::choose`) picks the member from a static table of the
/// members' shapes, and the member reads the value. A value no member fits is `Unknown` on the
/// response side, and an error naming why on the request side.
fn emit_union_by_rule(ir: &Ir, def: &TypeDef, u: &KindUnionDef, attributes: &TokenStream) -> TokenStream {
    let name = ident(&def.rust_name);
    let declarations = u.variants.iter().map(|variant| {
        let variant_name = ident(&variant.rust_name);
        let ty = maybe_boxed(type_tokens(ir, &variant.ty), variant.storage);
        let docs = member_rule(variant).outer();
        quote! { #docs #variant_name(#ty), }
    });
    let unknown = u.open.then(|| {
        quote! {
            /// A value no member fits: kept as it came, so a server that sends a new shape is still
            /// read, and written back unchanged.
            Unknown(::serde_json::Value),
        }
    });
    let shapes = u.variants.iter().map(member_shape);
    let serialize = serialize_members(&name, u, u.open);
    let deserialize = rule_deserialize(ir, def, u, &name);
    let from_impls =
        from_impls(&name, u.variants.iter().map(|v| (ident(&v.rust_name), type_tokens(ir, &v.ty), v.storage)));
    let non_exhaustive = u.open.then(non_exhaustive);
    quote! {
        #attributes
        #[derive(::core::fmt::Debug, #CLONE, #PARTIAL_EQ)]
        #non_exhaustive
        pub enum #name {
            #(#declarations)*
            #unknown
        }

        impl #name {
            /// The members' shapes, from which the rule of `crate::untagged` chooses the member
            /// that reads a value.
            const SHAPES: &'static [#SHAPE<'static>] = &[#(#shapes)*];
        }

        #serialize
        #deserialize
        #from_impls
    }
}

/// A member's entry in the table the runtime's rule reads.
fn member_shape(variant: &crate::ir::KindVariant) -> TokenStream {
    let member = &variant.rust_name;
    let kind = match variant.kind {
        JsonKind::Boolean => quote! { Boolean },
        JsonKind::Integer => quote! { Integer },
        JsonKind::Number => quote! { Number },
        JsonKind::String => quote! { String },
        JsonKind::Array => quote! { Array },
        JsonKind::Object => quote! { Object },
    };
    let shape = &variant.shape;
    let values = &shape.values;
    let items = shape.items.map_or_else(
        || quote! { #NONE },
        |kind| {
            let kind = quote::format_ident!("{}", format!("{kind:?}"));
            quote! { #SOME(#KIND::#kind) }
        },
    );
    let required = &shape.required;
    let declared = &shape.declared;
    let constants = shape.constants.iter().map(|(property, value)| quote! { (#property, #value) });
    let nested_constants =
        shape.nested_constants.iter().map(|(outer, inner, value)| quote! { (#outer, #inner, #value) });
    let kinds = shape.kinds.iter().map(|(property, kind)| {
        let kind = quote::format_ident!("{}", format!("{kind:?}"));
        quote! { (#property, #KIND::#kind) }
    });
    quote! {
        #SHAPE {
            name: #member,
            kind: #KIND::#kind,
            values: &[#(#values),*],
            items: #items,
            required: &[#(#required),*],
            declared: &[#(#declared),*],
            constants: &[#(#constants),*],
            nested_constants: &[#(#nested_constants),*],
            kinds: &[#(#kinds),*],
        },
    }
}

/// `Deserialize` of a union read by the rule: the chosen member reads the value; a value no
/// member fits is `Unknown`, or an error saying why.
fn rule_deserialize(ir: &Ir, def: &TypeDef, u: &KindUnionDef, name: &Ident) -> TokenStream {
    let label = &def.rust_name;
    let arms = u.variants.iter().enumerate().map(|(index, variant)| {
        let ty = type_tokens(ir, &variant.ty);
        let message = escape_format(&format!("invalid `{label}` as `{}`: ", variant.rust_name)) + "{error}";
        let wrap = wrap_member(&variant.rust_name, variant.storage);
        quote! {
            #OK(#index) => ::serde_json::from_value::<#ty>(value)
                .map(#wrap)
                .map_err(|error| <D::Error as ::serde::de::Error>::custom(::core::format_args!(#message))),
        }
    });
    let unchosen = escape_format(&format!("invalid `{label}`: ")) + "{why}";
    let fallback = if u.open {
        quote! { _ => #OK(Self::Unknown(value)), }
    } else {
        quote! {
            #ERR(why) => #ERR(
                <D::Error as ::serde::de::Error>::custom(::core::format_args!(#unchosen)),
            ),
            #OK(_) => #ERR(
                <D::Error as ::serde::de::Error>::custom(::core::format_args!(#unchosen, why = "no such member")),
            ),
        }
    };
    quote! {
        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> #RESULT<Self, D::Error> {
                let value = <::serde_json::Value as ::serde::Deserialize>::deserialize(deserializer)?;
                match crate::untagged::choose(Self::SHAPES, &value) {
                    #(#arms)*
                    #fallback
                }
            }
        }
    }
}

/// How the rule recognises a member, for its documentation.
fn member_rule(variant: &crate::ir::KindVariant) -> Docs {
    let quoted = |names: &[String]| names.iter().map(|name| code_span(name)).collect::<Vec<_>>().join(", ");
    let shape = &variant.shape;
    let text = match variant.kind {
        JsonKind::String if !shape.values.is_empty() => {
            format!("The value is one of the strings {}.", quoted(&shape.values))
        }
        JsonKind::Array => match shape.items {
            Some(kind) => format!("The value is an array whose items are each {}.", kind.describe()),
            None => "The value is an array.".to_owned(),
        },
        JsonKind::Object => {
            let mut conditions = Vec::new();
            if !shape.required.is_empty() {
                conditions.push(format!("has {}", quoted(&shape.required)));
            }
            for (property, value) in &shape.constants {
                conditions.push(format!("holds {} in {} where present", code_span(value), code_span(property)));
            }
            for (outer, inner, value) in &shape.nested_constants {
                conditions.push(format!(
                    "holds {} in {} where present",
                    code_span(value),
                    code_span(&format!("{outer}.{inner}"))
                ));
            }
            for (property, kind) in &shape.kinds {
                conditions.push(format!("holds {} in {} where present", kind.describe(), code_span(property)));
            }
            let condition =
                if conditions.is_empty() { String::new() } else { format!(" that {}", conditions.join(" and ")) };
            let declared = if shape.declared.is_empty() { "no property".to_owned() } else { quoted(&shape.declared) };
            format!(
                "The value is an object{condition}. It declares {declared}: among the objects that fit, a property only it declares picks it."
            )
        }
        kind => format!("The value is {}.", kind.describe()),
    };
    Docs::generated(&text)
}

/// `From<Member> for Union` for every member type that appears once (twice would be ambiguous).
fn from_impls(name: &Ident, members: impl Iterator<Item = (Ident, TokenStream, Storage)>) -> TokenStream {
    let members: Vec<_> = members.collect();
    let mut seen = BTreeSet::new();
    let duplicated: BTreeSet<String> =
        members.iter().map(|(_, ty, _)| ty.to_string()).filter(|ty| !seen.insert(ty.clone())).collect();
    let impls =
        members.iter().filter(|(_, ty, _)| !duplicated.contains(&ty.to_string())).map(|(variant, ty, storage)| {
            let value = match storage {
                Storage::Inline => quote! { value },
                Storage::Boxed => quote! { #BOX::new(value) },
            };
            quote! {
                impl #FROM<#ty> for #name {
                    fn from(value: #ty) -> Self {
                        Self::#variant(#value)
                    }
                }
            }
        });
    quote! { #(#impls)* }
}

/// `#[non_exhaustive]`, for an open enum or union (one that keeps what the spec does not list in
/// `Other` or `Unknown`): a `match` outside the crate needs a `_` arm, so a value or member the
/// spec adds later is an addition to the crate's API, not a break (what the semver report
/// classifies it as). On every struct too ([`crate::ir::STRUCTS_NON_EXHAUSTIVE`]): no struct
/// literal outside the crate, so a field the spec adds breaks none.
pub(super) fn non_exhaustive() -> TokenStream {
    quote! { #[non_exhaustive] }
}
