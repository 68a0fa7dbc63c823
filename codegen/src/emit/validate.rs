//! IR constraints → `pub const` limits on their owner types and the code that checks them: a
//! `Validate` impl, or for a struct read through its `Object` table (which has the runtime's one
//! `Validate` for every struct) an inherent `validate_limits` that its table calls. Requests are
//! checked before they are sent; a received value is never checked while it is read, but its
//! caller may check it.

use std::collections::BTreeSet;

use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};

use crate::docs::code_span;
use crate::ident::{self, ident};
use crate::ir::{
    Bound, CheckedFormat, ChoiceDef, Constraints, Field, Holder, Ir, Number, ObjectRule, StructDef, TypeDef, TypeId,
    TypeKind, TypeRef,
};
use crate::prelude::{NONE, NULLABLE, OPTION, SOME, VEC};

/// What the validation module needs beyond the runtime.
pub(super) struct Validation {
    pub(super) tokens: TokenStream,
    pub(super) uses_time_zones: bool,
    /// A `pattern` limit, compiled with `regex`.
    pub(super) uses_patterns: bool,
}

pub(super) fn emit_validation(
    ir: &Ir,
    emitted_types: &BTreeSet<TypeId>,
    features: &super::features::Features,
) -> Validation {
    let mut emitter = Emitter { ir, statics: Vec::new(), uses_time_zones: false };
    let mut items = Vec::new();
    for (id, def) in ir.types_by_name() {
        if !emitted_types.contains(&id) {
            continue;
        }
        items.push(super::features::gate(emitter.emit_type(def), features.of_type(id).as_ref()));
    }
    let statics = &emitter.statics;
    Validation {
        uses_time_zones: emitter.uses_time_zones,
        uses_patterns: !statics.is_empty(),
        tokens: quote! { #(#statics)* #(#items)* },
    }
}

/// Whether a field is present and not `null`, as code reading it from `self`.
fn presence(field: &Field) -> TokenStream {
    let member = ident(&field.rust_name);
    match field.presence.holder() {
        Holder::Plain => quote! { true },
        Holder::Nullable => quote! { ::core::matches!(self.#member, #NULLABLE::Value(_)) },
        Holder::Option => quote! { self.#member.is_some() },
    }
}

struct Emitter<'a> {
    ir: &'a Ir,
    /// Compiled patterns, one `static` each, built once on first use.
    statics: Vec<TokenStream>,
    uses_time_zones: bool,
}

/// A `pub const` limit on the owner type.
struct Limit {
    name: Ident,
    ty: TokenStream,
    value: TokenStream,
    doc: String,
}

impl Emitter<'_> {
    fn emit_type(&mut self, def: &TypeDef) -> TokenStream {
        if matches!(&def.kind, TypeKind::Alias(_) | TypeKind::Choice(ChoiceDef { view: true, .. })) {
            // An alias names another type, which has its own impl; a view borrows fields its
            // struct checks.
            return TokenStream::new();
        }
        // Qualified: a spec type named `Rule` or `Validator` must not meet the runtime's.
        let name = super::type_path(def);
        let mut limits = Vec::new();
        let body = match &def.kind {
            TypeKind::Struct(s) => self.struct_checks(s, &mut limits),
            TypeKind::TaggedUnion(u) => {
                let arms: Vec<(TokenStream, TokenStream)> = u
                    .variants
                    .iter()
                    .filter(|v| self.ir.get(v.ty).has_checks)
                    .map(|v| {
                        let variant = ident(&v.rust_name);
                        (quote! { Self::#variant(value) }, quote! { value.validate_into(validator); })
                    })
                    .collect();
                match_arms(&arms, u.variants.len() + usize::from(u.open))
            }
            TypeKind::KindUnion(u) => {
                let variants = u.variants.iter().map(|variant| VariantCheck {
                    rust_name: &variant.rust_name,
                    prefix: ident::snake_case(&variant.rust_name).to_uppercase(),
                    label: format!("`{}` given as {}", def.rust_name, variant.kind.describe()),
                    ty: &variant.ty,
                    constraints: &variant.constraints,
                    wire_name: None,
                });
                let arms = self.variant_arms(variants, &mut limits);
                match_arms(&arms, u.variants.len() + usize::from(u.open))
            }
            TypeKind::Choice(c) => {
                let variants = c.variants.iter().map(|variant| VariantCheck {
                    rust_name: &variant.rust_name,
                    prefix: ident::snake_case(&variant.wire_name).to_uppercase(),
                    label: code_span(&variant.wire_name),
                    ty: &variant.ty,
                    constraints: &variant.constraints,
                    wire_name: Some(&variant.wire_name),
                });
                let arms = self.variant_arms(variants, &mut limits);
                match_arms(&arms, c.variants.len())
            }
            TypeKind::ByMedia(m) => {
                let no_constraints = Constraints::default();
                let variants = m.variants.iter().map(|variant| VariantCheck {
                    rust_name: &variant.rust_name,
                    prefix: ident::snake_case(&variant.rust_name).to_uppercase(),
                    label: format!("`{}` as {}", def.rust_name, code_span(&variant.media.name)),
                    ty: &variant.ty,
                    constraints: &no_constraints,
                    wire_name: None,
                });
                let arms = self.variant_arms(variants, &mut limits);
                match_arms(&arms, m.variants.len())
            }
            TypeKind::Alias(_) | TypeKind::Enum(_) => TokenStream::new(),
        };
        match &def.kind {
            TypeKind::Struct(s) if !s.holds_choice() => object_checks(def, &name, &limits, &body),
            _ => validate_impl(&name, &limits, &body),
        }
    }

    /// The checks of a struct: its fields, the choices it holds, and the rules between fields.
    fn struct_checks(&mut self, s: &StructDef, limits: &mut Vec<Limit>) -> TokenStream {
        let fields = s.fields.iter().filter(|f| f.is_declared()).map(|field| self.check_field(field, limits));
        let fields: Vec<TokenStream> = fields.collect();
        // A choice's variants add their own field name to the path.
        let choices = s.choices.iter().filter(|c| c.held && self.ir.get(c.ty).has_checks).map(|choice| {
            let member = ident(&choice.rust_name);
            quote! { Validate::validate_into(&self.#member, validator); }
        });
        let fields: Vec<TokenStream> = fields.into_iter().chain(choices).collect();
        // Each entry: a field's wire name and whether it is present.
        let entries = |indices: &[usize]| -> Vec<TokenStream> {
            indices
                .iter()
                .map(|&index| {
                    let field = &s.fields[index];
                    let wire = &field.wire_name;
                    let present = presence(field);
                    quote! { (#wire, #present) }
                })
                .collect()
        };
        let rules = s.rules.iter().map(|rule| match rule {
            ObjectRule::MutuallyExclusive(indices) => {
                let entries = entries(indices);
                quote! { validator.mutually_exclusive(&[#(#entries),*]); }
            }
        });
        // A choice the struct does not hold is a rule over its fields.
        let exactly_one = s.choices.iter().filter(|c| !c.held).map(|choice| {
            let entries = entries(&choice.fields);
            quote! { validator.exactly_one_of(&[#(#entries),*]); }
        });
        quote! { #(#fields)* #(#rules)* #(#exactly_one)* }
    }

    /// A `match` arm for each variant of a union, choice or body by media type that checks
    /// anything; a choice's variant checks its value at its field's name.
    fn variant_arms<'v>(
        &mut self,
        variants: impl Iterator<Item = VariantCheck<'v>>,
        limits: &mut Vec<Limit>,
    ) -> Vec<(TokenStream, TokenStream)> {
        let mut arms = Vec::new();
        for variant in variants {
            let names = (variant.prefix.as_str(), variant.label.as_str());
            let check = self.check_value(variant.ty, variant.constraints, &quote! { value }, names, limits);
            if check.is_empty() {
                continue;
            }
            let name = ident(variant.rust_name);
            let check = match variant.wire_name {
                Some(wire) => quote! { validator.at_field(#wire, |validator| { #check }); },
                None => check,
            };
            arms.push((quote! { Self::#name(value) }, check));
        }
        arms
    }

    fn check_field(&mut self, field: &Field, limits: &mut Vec<Limit>) -> TokenStream {
        let prefix = ident::snake_case(&field.wire_name).to_uppercase();
        let label = code_span(&field.wire_name);
        let check = self.check_value(&field.ty, &field.constraints, &quote! { value }, (&prefix, &label), limits);
        if check.is_empty() {
            return check;
        }
        let member = ident(&field.rust_name);
        let wire = &field.wire_name;
        let at_field = quote! { validator.at_field(#wire, |validator| { #check }); };
        match field.presence.holder() {
            Holder::Plain => quote! { let value = &self.#member; #at_field },
            Holder::Nullable => quote! { if let #NULLABLE::Value(value) = &self.#member { #at_field } },
            Holder::Option => quote! { if let #SOME(value) = &self.#member { #at_field } },
        }
    }

    /// Checks for `value` (an expression of type `&T`), adding the limits they use to `limits`.
    ///
    /// `prefix` starts the names of the limits (`INITIAL_EVENTS`); `label` says what the value is
    /// in their documentation (`` `initial_events` ``, ``each item of `vault_ids` ``).
    fn check_value(
        &mut self,
        ty: &TypeRef,
        c: &Constraints,
        value: &TokenStream,
        (prefix, label): (&str, &str),
        limits: &mut Vec<Limit>,
    ) -> TokenStream {
        // A named alias (`Slug: {type: string, maxLength: 32}`) is checked as what it names, with
        // the limits its schema states, which lowering carried to this use site.
        if let TypeRef::Named(id) = ty
            && let TypeKind::Alias(target) = &self.ir.get(*id).kind
        {
            return self.check_value(target, c, value, (prefix, label), limits);
        }
        let mut limits = Limits { list: limits, prefix, label };
        let checks = match ty {
            TypeRef::String => self.check_string(c, value, &mut limits),
            TypeRef::I32 | TypeRef::I64 | TypeRef::F64 => check_number(ty, c, value, &mut limits),
            TypeRef::Named(id) if self.ir.get(*id).has_checks => {
                vec![quote! { #value.validate_into(validator); }]
            }
            TypeRef::Array(inner) => self.check_array(inner, c, value, &mut limits),
            TypeRef::Map(inner) => self.check_map(inner, c, value, &mut limits),
            TypeRef::Nullable(inner) => {
                let inner_check = self.check_value(inner, c, &quote! { inner }, (prefix, label), limits.list);
                (!inner_check.is_empty())
                    .then(|| quote! { if let #SOME(inner) = #value { #inner_check } })
                    .into_iter()
                    .collect()
            }
            TypeRef::Named(_)
            | TypeRef::Bool
            | TypeRef::Timestamp
            | TypeRef::Json
            | TypeRef::File
            | TypeRef::Binary => Vec::new(),
        };
        quote! { #(#checks)* }
    }

    fn check_string(&mut self, c: &Constraints, value: &TokenStream, limits: &mut Limits<'_>) -> Vec<TokenStream> {
        let mut checks = Vec::new();
        if let Some((min, max)) = limits.count_pair((c.min_length, c.max_length), "characters", "Length") {
            checks.push(quote! { validator.length(#value, #min, #max); });
        }
        if let Some(pattern) = &c.pattern {
            let doc = format!("The pattern {} must match (`pattern`).", limits.label);
            let constant = limits.declare("PATTERN", quote! { &str }, quote! { #pattern }, doc);
            let compiled = self.pattern_static(pattern);
            checks.push(quote! {
                if (*#compiled).as_ref().is_some_and(|pattern| !pattern.is_match(#value)) {
                    validator.report(Rule::Pattern, #constant, ::serde_json::Value::from(#value.as_str()));
                }
            });
        }
        match c.format {
            Some(CheckedFormat::Cron) => checks.push(quote! { validator.cron(#value); }),
            Some(CheckedFormat::IanaTimeZone) => {
                self.uses_time_zones = true;
                checks.push(quote! { validator.time_zone(#value); });
            }
            None => {}
        }
        checks
    }

    fn check_array(
        &mut self,
        inner: &TypeRef,
        c: &Constraints,
        value: &TokenStream,
        limits: &mut Limits<'_>,
    ) -> Vec<TokenStream> {
        let mut checks = Vec::new();
        if let Some((min, max)) = limits.count_pair((c.min_items, c.max_items), "items", "Items") {
            checks.push(quote! { validator.items(#value.len(), #min, #max); });
        }
        if c.unique_items {
            checks.push(quote! { validator.unique(#value); });
        }
        if !c.item_rules.is_empty() {
            checks.push(self.item_rules(inner, &c.item_rules, value));
        }
        let item_constraints = c.items.as_deref().cloned().unwrap_or_default();
        let names = (format!("{}_ITEM", limits.prefix), format!("each item of {}", limits.label));
        let item_check =
            self.check_value(inner, &item_constraints, &quote! { item }, (&names.0, &names.1), limits.list);
        if !item_check.is_empty() {
            checks.push(quote! {
                for (index, item) in #value.iter().enumerate() {
                    validator.at_index(index, |validator| { #item_check });
                }
            });
        }
        checks
    }

    /// `x-item-rules`: the items' tags, read once, then each rule over them.
    fn item_rules(&self, items: &TypeRef, rules: &[crate::ir::ItemRule], value: &TokenStream) -> TokenStream {
        let open =
            matches!(items, TypeRef::Named(id) if matches!(&self.ir.get(*id).kind, TypeKind::TaggedUnion(u) if u.open));
        let tag = if open {
            quote! { item.tag() }
        } else {
            quote! { #SOME(item.tag()) }
        };
        let rules = rules.iter().map(|rule| {
            let tag = &rule.tag;
            let max_count = rule.max_count.map_or_else(none, |n| {
                let n = usize_literal(n);
                quote! { #SOME(#n) }
            });
            let only_last = rule.only_last;
            let after = &rule.after;
            quote! { validator.item_rule(&tags, &ItemRule { tag: #tag, max_count: #max_count, only_last: #only_last, after: &[#(#after),*] }); }
        });
        quote! {
            let tags: #VEC<#OPTION<&str>> = #value.iter().map(|item| #tag).collect();
            #(#rules)*
        }
    }

    fn check_map(
        &mut self,
        inner: &TypeRef,
        c: &Constraints,
        value: &TokenStream,
        limits: &mut Limits<'_>,
    ) -> Vec<TokenStream> {
        let mut checks = Vec::new();
        if let Some((min, max)) = limits.count_pair((c.min_properties, c.max_properties), "entries", "Properties") {
            checks.push(quote! { validator.entries(#value.len(), #min, #max); });
        }
        if let Some(keys) = &c.keys {
            checks.extend(self.check_keys(keys, value, limits));
        }
        let value_constraints = c.values.as_deref().cloned().unwrap_or_default();
        let names = (format!("{}_VALUE", limits.prefix), format!("each value of {}", limits.label));
        let value_check =
            self.check_value(inner, &value_constraints, &quote! { item }, (&names.0, &names.1), limits.list);
        if !value_check.is_empty() {
            checks.push(quote! {
                for (key, item) in #value {
                    validator.at_key(key, |validator| { #value_check });
                }
            });
        }
        checks
    }

    /// The limits of a map's keys (`x-propertyNames`): their length and pattern.
    fn check_keys(&mut self, keys: &Constraints, value: &TokenStream, limits: &mut Limits<'_>) -> Vec<TokenStream> {
        let mut checks = Vec::new();
        let label = limits.label;
        if keys.min_length.is_some() || keys.max_length.is_some() {
            let min_doc = format!("Fewest characters a key of {label} may have (`x-propertyNames`).");
            let min = limits.count(keys.min_length, "KEY_MIN_LENGTH", min_doc);
            let max_doc = format!("Most characters a key of {label} may have (`x-propertyNames`).");
            let max = limits.count(keys.max_length, "KEY_MAX_LENGTH", max_doc);
            checks.push(quote! {
                for key in #value.keys() {
                    validator.key_length(key, #min, #max);
                }
            });
        }
        if let Some(pattern) = &keys.pattern {
            let doc = format!("The pattern every key of {label} must match (`x-propertyNames`).");
            let constant = limits.declare("KEY_PATTERN", quote! { &str }, quote! { #pattern }, doc);
            let compiled = self.pattern_static(pattern);
            checks.push(quote! {
                if let #SOME(pattern) = &*#compiled {
                    for key in #value.keys().filter(|key| !pattern.is_match(key)) {
                        validator.at_key(key, |validator| validator.report(Rule::KeyPattern, #constant, ::serde_json::Value::from(key.as_str())));
                    }
                }
            });
        }
        checks
    }

    /// A `static` compiling `pattern` once, on first use. The generator checked the pattern, so
    /// compiling cannot fail; if it did, the check would be skipped rather than panic.
    fn pattern_static(&mut self, pattern: &str) -> Ident {
        let name = format_ident!("PATTERN_{}", self.statics.len());
        self.statics.push(quote! {
            static #name: ::std::sync::LazyLock<#OPTION<::regex::Regex>> =
                ::std::sync::LazyLock::new(|| ::regex::Regex::new(#pattern).ok());
        });
        name
    }
}

/// A `match` on `self` over the variants that have checks; `if let` when only one does.
fn match_arms(arms: &[(TokenStream, TokenStream)], variants: usize) -> TokenStream {
    match arms {
        [] => TokenStream::new(),
        [(pattern, body)] if variants > 1 => quote! { if let #pattern = self { #body } },
        _ => {
            let arms = arms.iter().map(|(pattern, body)| quote! { #pattern => { #body } });
            let rest = (arms.len() < variants).then(|| quote! { _ => {} });
            quote! { match self { #(#arms)* #rest } }
        }
    }
}

/// One variant of a union, a choice or a body by media type, as its checks need it.
struct VariantCheck<'v> {
    rust_name: &'v str,
    /// What the names of its limits start with.
    prefix: String,
    /// What its limits' documentation calls it.
    label: String,
    ty: &'v TypeRef,
    constraints: &'v Constraints,
    /// A choice's variant is a field of the wire object, checked at its name.
    wire_name: Option<&'v str>,
}

/// The `impl Validate` of a type, and its limits as `pub const`s of the type.
fn validate_impl(name: &TokenStream, limits: &[Limit], body: &TokenStream) -> TokenStream {
    let consts = limit_consts(limits);
    let inherent = (!limits.is_empty()).then(|| quote! { impl #name { #(#consts)* } });
    // Nothing to check: the trait's empty `validate_into`, so the crate holds no body for it
    // (most types of a large spec set no limit).
    let method = (!body.is_empty()).then(|| {
        quote! {
            fn validate_into(&self, validator: &mut Validator) {
                #body
            }
        }
    });
    quote! {
        #inherent
        impl Validate for #name {
            #method
        }
    }
}

/// A struct read through its `Object` table has the runtime's `Validate` (one impl for every
/// struct), which calls its table's `validate_fields`; that calls the checks here, an inherent
/// method beside the limits, when the IR says the struct has any ([`TypeDef::has_checks`], which
/// the struct's emitter reads too). The checks stay in this module, where the patterns' statics
/// and the runtime's names are.
fn object_checks(def: &TypeDef, name: &TokenStream, limits: &[Limit], body: &TokenStream) -> TokenStream {
    debug_assert!(
        def.has_checks || body.is_empty(),
        "`{}` checks something that the IR says it does not: its checks would never run",
        def.rust_name
    );
    let consts = limit_consts(limits);
    let method = def.has_checks.then(|| {
        let body = if body.is_empty() {
            quote! { let _ = validator; }
        } else {
            body.clone()
        };
        quote! {
            pub(crate) fn validate_limits(&self, validator: &mut Validator) {
                #body
            }
        }
    });
    if consts.is_empty() && method.is_none() {
        return TokenStream::new();
    }
    quote! { impl #name { #(#consts)* #method } }
}

/// The limits as `pub const`s, each with its documentation.
fn limit_consts(limits: &[Limit]) -> Vec<TokenStream> {
    limits
        .iter()
        .map(|limit| {
            let Limit { name, ty, value, doc } = limit;
            let doc = format!(" {doc}");
            quote! { #[doc = #doc] pub const #name: #ty = #value; }
        })
        .collect()
}

/// The limits of one value as they are declared: named from `prefix`, documented with `label`.
struct Limits<'l> {
    list: &'l mut Vec<Limit>,
    prefix: &'l str,
    label: &'l str,
}

impl Limits<'_> {
    /// Declares `Self::<PREFIX>_<SUFFIX>` and returns the path to it.
    fn declare(&mut self, suffix: &str, ty: TokenStream, value: TokenStream, doc: String) -> TokenStream {
        let name = ident::composed(&format!("{}_{suffix}", self.prefix));
        self.list.push(Limit { name: name.clone(), ty, value, doc });
        quote! { Self::#name }
    }

    /// `Some(Self::<PREFIX>_<SUFFIX>)` or `None`, for an optional count limit, declaring the
    /// constant.
    fn count(&mut self, value: Option<u64>, suffix: &str, doc: String) -> TokenStream {
        value.map_or_else(none, |n| {
            let constant = self.declare(suffix, quote! { usize }, usize_literal(n), doc);
            quote! { #SOME(#constant) }
        })
    }

    /// The `(min, max)` arguments of a count check, declaring both limits; `None` when the
    /// schema states neither. `what` counts (`characters`), `name` its keywords (`Length`).
    fn count_pair(
        &mut self,
        (min, max): (Option<u64>, Option<u64>),
        what: &str,
        name: &str,
    ) -> Option<(TokenStream, TokenStream)> {
        if min.is_none() && max.is_none() {
            return None;
        }
        let snake = name.to_uppercase();
        let label = self.label;
        let min_doc = format!("Fewest {what} {label} may have (`min{name}`).");
        let max_doc = format!("Most {what} {label} may have (`max{name}`).");
        Some((self.count(min, &format!("MIN_{snake}"), min_doc), self.count(max, &format!("MAX_{snake}"), max_doc)))
    }
}

/// The bounds of a number (`minimum`, `maximum`, exclusive or not) and `multipleOf`.
fn check_number(ty: &TypeRef, c: &Constraints, value: &TokenStream, limits: &mut Limits<'_>) -> Vec<TokenStream> {
    let mut checks = Vec::new();
    let float = *ty == TypeRef::F64;
    let number_ty = if float {
        quote! { f64 }
    } else {
        quote! { i64 }
    };
    let as_number = if *ty == TypeRef::I32 {
        quote! { i64::from(*#value) }
    } else {
        quote! { *#value }
    };
    let label = limits.label;
    for (bound, suffix, method, what) in
        [(c.minimum, "MINIMUM", quote! { minimum }, "Lowest"), (c.maximum, "MAXIMUM", quote! { maximum }, "Highest")]
    {
        if let Some(Bound { value: bound, exclusive }) = bound {
            let suffix = if exclusive { format!("EXCLUSIVE_{suffix}") } else { suffix.to_owned() };
            let keyword = if exclusive { "bound, excluded" } else { "bound, included" };
            let doc = format!("{what} {keyword}, of {label}.");
            let constant = limits.declare(&suffix, number_ty.clone(), number_literal(bound, float), doc);
            checks.push(quote! { validator.#method(#as_number, #constant, #exclusive); });
        }
    }
    if let Some(factor) = c.multiple_of {
        let doc = format!("{label} must be a multiple of this (`multipleOf`).");
        let constant = limits.declare("MULTIPLE_OF", number_ty, number_literal(factor, float), doc);
        let method = if float {
            quote! { multiple_of_number }
        } else {
            quote! { multiple_of_integer }
        };
        checks.push(quote! { validator.#method(#as_number, #constant); });
    }
    checks
}

fn none() -> TokenStream {
    quote! { #NONE }
}

fn usize_literal(value: u64) -> TokenStream {
    let literal = Literal::u64_unsuffixed(value);
    quote! { #literal }
}

fn number_literal(value: Number, float: bool) -> TokenStream {
    #[allow(
        clippy::cast_precision_loss,
        reason = "an integer bound on a float field: the same comparison JSON Schema makes"
    )]
    let literal = match (value, float) {
        (Number::Integer(n), false) => Literal::i64_unsuffixed(n),
        (Number::Integer(n), true) => Literal::f64_unsuffixed(n as f64),
        (Number::Float(f), true) => Literal::f64_unsuffixed(f),
        #[allow(
            clippy::cast_possible_truncation,
            reason = "a float bound on an integer field is rejected by the loader"
        )]
        (Number::Float(f), false) => Literal::i64_unsuffixed(f as i64),
    };
    quote! { #literal }
}
