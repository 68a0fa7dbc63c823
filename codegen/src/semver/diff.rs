//! Two [`Surface`]s compared item by item into [`Change`]s, each classified by the rules of the
//! module documentation (`semver/mod.rs`), which this file is the one implementation of.

use std::collections::{BTreeMap, BTreeSet};

use super::surface::{
    FieldItem, Limit, LimitValue, OperationItem, RequestPart, Shape, Side, Surface, TypeItem, Variant,
};
use super::{Change, Class, Spec};
use crate::Pointer;
use crate::ir::Holder;

/// Every change from `old` to `new`, in a fixed order: types, operations, client methods,
/// features, each by path.
pub(super) fn diff(old: &Surface, new: &Surface) -> Vec<Change> {
    let mut changes = Changes::default();
    types(old, new, &mut changes);
    for (path, (old_op, new_op)) in pair(&old.operations, &new.operations) {
        match (old_op, new_op) {
            (Some(old_op), Some(new_op)) => operation(&path, old_op, new_op, &mut changes),
            (None, Some(added)) => changes.push(
                Class::Additive,
                &path,
                format!("is added (`{}`)", added.route),
                (Spec::New, &added.pointer),
            ),
            (Some(removed), None) => changes.push(
                Class::Breaking,
                &path,
                format!("is removed (`{}`)", removed.route),
                (Spec::Old, &removed.pointer),
            ),
            (None, None) => {}
        }
    }
    for (method, (old_at, new_at)) in pair(&old.methods, &new.methods) {
        match (old_at, new_at) {
            (None, Some(at)) => changes.push(Class::Additive, &method, "is added", (Spec::New, at)),
            (Some(at), None) => changes.push(Class::Breaking, &method, "is removed", (Spec::Old, at)),
            _ => {}
        }
    }
    for (feature, (old_at, new_at)) in pair(&old.features, &new.features) {
        let item = format!("cargo feature `{feature}`");
        match (old_at, new_at) {
            (None, Some(at)) => changes.push(Class::Additive, &item, "is added (on by default)", (Spec::New, at)),
            (Some(at), None) => changes.push(
                Class::Breaking,
                &item,
                "is removed: a dependency that names it no longer resolves",
                (Spec::Old, at),
            ),
            _ => {}
        }
    }
    changes.0
}

#[derive(Default)]
struct Changes(Vec<Change>);

impl Changes {
    fn push(&mut self, class: Class, item: &str, what: impl Into<String>, at: (Spec, &Pointer)) {
        self.add(class, item, what, at);
    }

    /// [`push`](Self::push), handing back the change for a hint.
    fn add(
        &mut self,
        class: Class,
        item: &str,
        what: impl Into<String>,
        (spec, pointer): (Spec, &Pointer),
    ) -> &mut Change {
        self.0.push(Change {
            class,
            item: item.to_owned(),
            change: what.into(),
            spec,
            pointer: pointer.clone(),
            hint: None,
        });
        let last = self.0.len() - 1;
        &mut self.0[last]
    }
}

/// The keys of two maps in order, each with its value on either side.
fn pair<'a, V>(
    old: &'a BTreeMap<String, V>,
    new: &'a BTreeMap<String, V>,
) -> BTreeMap<String, (Option<&'a V>, Option<&'a V>)> {
    let mut paired: BTreeMap<String, (Option<&V>, Option<&V>)> = BTreeMap::new();
    for (key, value) in old {
        paired.entry(key.clone()).or_default().0 = Some(value);
    }
    for (key, value) in new {
        paired.entry(key.clone()).or_default().1 = Some(value);
    }
    paired
}

fn types(old: &Surface, new: &Surface, changes: &mut Changes) {
    // A rename is a removal and an addition; the hint pairs them when the shapes match. Each
    // side's shapes are written once, so a large spec's many changes stay a lookup each.
    let by_shape = |one: &BTreeMap<String, TypeItem>, other: &BTreeMap<String, TypeItem>| {
        let mut shapes: BTreeMap<String, String> = BTreeMap::new();
        for (path, item) in one.iter().filter(|(path, _)| !other.contains_key(*path)) {
            shapes.entry(signature(&item.shape)).or_insert_with(|| path.clone());
        }
        shapes
    };
    let (removed, added) = (by_shape(&old.types, &new.types), by_shape(&new.types, &old.types));
    let same_shape = |item: &TypeItem, others: &BTreeMap<String, String>| others.get(&signature(&item.shape)).cloned();
    for (path, (old_item, new_item)) in pair(&old.types, &new.types) {
        match (old_item, new_item) {
            (Some(old_item), Some(new_item)) => type_change(&path, old_item, new_item, changes),
            (None, Some(item)) => {
                let change = changes.add(
                    Class::Additive,
                    &path,
                    format!("({}) is added", item.shape.describe()),
                    (Spec::New, &item.pointer),
                );
                if let Some(was) = same_shape(item, &removed) {
                    change.hint = Some(format!("it has the shape of the removed `{was}`: a rename?"));
                }
            }
            (Some(item), None) => {
                let change = changes.add(
                    Class::Breaking,
                    &path,
                    format!("({}) is removed", item.shape.describe()),
                    (Spec::Old, &item.pointer),
                );
                if let Some(now) = same_shape(item, &added) {
                    change.hint =
                        Some(format!("the added `{now}` has its shape: a rename? code that names it must follow"));
                }
            }
            (None, None) => {}
        }
    }
}

/// What code using a type sees of its shape, without where it comes from: equal for a renamed
/// type with the same fields or variants.
fn signature(shape: &Shape) -> String {
    match shape {
        Shape::Struct(fields) => {
            let fields: Vec<String> = fields.iter().map(|f| format!("{}: {}", f.rust_name, f.rust_type())).collect();
            format!("struct {{ {} }}", fields.join(", "))
        }
        Shape::Enum { what, variants, catch_all } => {
            let variants: Vec<String> =
                variants.iter().map(|v| format!("{}={}{:?}", v.key, v.rust_name, v.holds)).collect();
            format!("{what} {{ {} }} {catch_all:?}", variants.join(", "))
        }
        Shape::Alias(target) => format!("= {target}"),
    }
}

fn type_change(path: &str, old: &TypeItem, new: &TypeItem, changes: &mut Changes) {
    let at_new = (Spec::New, &new.pointer);
    match (&old.shape, &new.shape) {
        (Shape::Struct(old_fields), Shape::Struct(new_fields)) => {
            exhaustiveness(path, old.non_exhaustive, new.non_exhaustive, at_new, changes);
            fields(path, old_fields, new_fields, (old, new), changes);
        }
        (
            Shape::Enum { what: old_what, variants: old_variants, catch_all: old_catch_all },
            Shape::Enum { what: new_what, variants: new_variants, catch_all: new_catch_all },
        ) if old_what == new_what => {
            // Open on both sides: `#[non_exhaustive]` before and after, so every `match` outside
            // the crate already has a `_` arm and a new variant breaks none of them.
            let open_throughout = if old_catch_all.is_some() { *new_catch_all } else { None };
            variants(
                path,
                old_variants,
                new_variants,
                open_throughout,
                (&old.variants_pointer, &new.variants_pointer),
                changes,
            );
            match (old_catch_all, new_catch_all) {
                (None, Some(catch_all)) => {
                    changes.push(
                        Class::Breaking,
                        path,
                        format!(
                            "is now open: it gains the variant `{catch_all}`, which an exhaustive `match` must name"
                        ),
                        at_new,
                    );
                }
                (Some(catch_all), None) => {
                    changes.push(
                        Class::Breaking,
                        path,
                        format!("is now closed: its variant `{catch_all}` is removed"),
                        at_new,
                    );
                }
                _ => {}
            }
        }
        (Shape::Alias(old_target), Shape::Alias(new_target)) if old_target != new_target => {
            changes.push(
                Class::Breaking,
                path,
                format!("now names another type ({old_target} -> {new_target})"),
                at_new,
            );
        }
        (Shape::Alias(_), Shape::Alias(_)) => {}
        (old_shape, new_shape) => {
            changes.push(
                Class::Breaking,
                path,
                format!("is now a {} (was a {})", new_shape.describe(), old_shape.describe()),
                at_new,
            );
        }
    }
    gate(path, old.features.as_ref(), new.features.as_ref(), at_new, changes);
    match (old.default, new.default) {
        (false, true) => changes.push(Class::Additive, path, "now implements `Default`", at_new),
        (true, false) => changes.push(Class::Breaking, path, "no longer implements `Default`", at_new),
        _ => {}
    }
    match (&old.builder, &new.builder) {
        (None, Some(builder)) => {
            changes.push(Class::Additive, &format!("builders::{builder}"), "is added", at_new);
        }
        (Some(builder), None) => {
            changes.push(Class::Breaking, &format!("builders::{builder}"), "is removed", (Spec::Old, &old.pointer));
        }
        _ => {}
    }
}

/// The features that compile an item, narrowed: code built with only a feature it lost no longer
/// finds it.
fn gate(
    path: &str,
    old: Option<&BTreeSet<String>>,
    new: Option<&BTreeSet<String>>,
    at: (Spec, &Pointer),
    changes: &mut Changes,
) {
    let shown = |features: Option<&BTreeSet<String>>| match features {
        None => "always".to_owned(),
        Some(features) => features.iter().map(|feature| format!("`{feature}`")).collect::<Vec<_>>().join(", "),
    };
    let narrowed = match (old, new) {
        (_, None) => false,
        (None, Some(_)) => true,
        (Some(old), Some(new)) => !old.is_subset(new),
    };
    // Compiled by more features: no build that compiled loses it.
    if !narrowed {
        return;
    }
    changes.push(
        Class::Breaking,
        path,
        format!("is now compiled only by the features {} (was {})", shown(new), shown(old)),
        at,
    );
}

/// A struct (or request type) that becomes `#[non_exhaustive]` breaks every struct literal of it
/// outside the crate (the Cargo book's `attr-adding-non-exhaustive`); one that stops being so
/// only allows them. The generator makes every struct `#[non_exhaustive]`, so two of its
/// surfaces never differ here; the rule is written out for the day one kind of struct is not.
fn exhaustiveness(path: &str, old: bool, new: bool, at: (Spec, &Pointer), changes: &mut Changes) {
    match (old, new) {
        (false, true) => changes.push(
            Class::Breaking,
            path,
            "is now `#[non_exhaustive]`: a struct literal of it outside the crate no longer compiles",
            at,
        ),
        (true, false) => changes.push(
            Class::Additive,
            path,
            "is no longer `#[non_exhaustive]`: code outside the crate may now build it with a struct literal",
            at,
        ),
        _ => {}
    }
}

/// What an added field does to code outside the crate, by the Cargo book's semver chapter:
/// a field a builder must set breaks `build()` (the builder's type parameter for it starts
/// `Missing`); any other field breaks only struct literals (`struct-add-public-field-when-no-private`),
/// which a `#[non_exhaustive]` struct has none of outside the crate.
fn field_added(field: &FieldItem, (old, new): (&TypeItem, &TypeItem)) -> (Class, String, Option<String>) {
    let rust_type = field.rust_type();
    // Code written against the old crate could build the struct with a literal.
    let literals = !old.non_exhaustive;
    if field.must_set {
        if let Some(built_by) = &new.built_by {
            let also = if literals { ", and struct literals must set it" } else { "" };
            return (Class::Breaking, format!("is added, required ({rust_type}): {}{also}", built_by.must_set()), None);
        }
        if literals {
            return (
                Class::Breaking,
                format!("is added, required ({rust_type}): struct literals must set it"),
                Some("the struct is not `#[non_exhaustive]`".to_owned()),
            );
        }
        // No builder: the struct is never sent, so outside the crate it is only read.
        return (
            Class::Additive,
            format!(
                "is added, required ({rust_type}): the struct is `#[non_exhaustive]` and has no builder, so code \
                 outside the crate only reads it"
            ),
            None,
        );
    }
    let ways: Vec<String> = new
        .built_by
        .iter()
        .map(|built_by| format!("`{}`", built_by.path()))
        .chain(new.default.then(|| "`Default`".to_owned()))
        .collect();
    if literals {
        let hint = if ways.is_empty() {
            "the struct is not `#[non_exhaustive]`".to_owned()
        } else {
            format!(
                "code that builds the struct through {} is unaffected; the struct is not `#[non_exhaustive]`",
                ways.join(" or ")
            )
        };
        return (
            Class::Breaking,
            format!("is added ({rust_type}): a struct literal that does not name it no longer compiles"),
            Some(hint),
        );
    }
    let built = if ways.is_empty() {
        "code outside the crate only reads it".to_owned()
    } else {
        format!("code outside the crate builds it only through {}, where the field starts unset", ways.join(" or "))
    };
    (Class::Additive, format!("is added ({rust_type}): the struct is `#[non_exhaustive]`, so {built}"), None)
}

fn fields(path: &str, old: &[FieldItem], new: &[FieldItem], types: (&TypeItem, &TypeItem), changes: &mut Changes) {
    let by_name = |fields: &[FieldItem]| -> BTreeMap<String, FieldItem> {
        fields.iter().map(|field| (field.rust_name.clone(), field.clone())).collect()
    };
    let (old_map, new_map) = (by_name(old), by_name(new));
    let removed: Vec<&FieldItem> = old.iter().filter(|f| !new_map.contains_key(&f.rust_name)).collect();
    let added: Vec<&FieldItem> = new.iter().filter(|f| !old_map.contains_key(&f.rust_name)).collect();
    // Fields in the new declaration order, then the removed ones in the old order.
    for field in new.iter().chain(removed.iter().copied()) {
        let item = format!("{path} field `{}`", field.rust_name);
        match (old_map.get(&field.rust_name), new_map.get(&field.rust_name)) {
            (Some(before), Some(after)) => field_change(&item, before, after, changes),
            (None, Some(added_field)) => {
                let (class, what, hint) = field_added(added_field, types);
                let change = changes.add(class, &item, what, (Spec::New, &added_field.pointer));
                change.hint = hint;
                if let Some(was) = removed.iter().find(|f| f.rust_type() == added_field.rust_type()) {
                    change.hint = Some(format!("it has the type of the removed field `{}`: a rename?", was.rust_name));
                }
            }
            (Some(removed_field), None) => {
                let change = changes.add(
                    Class::Breaking,
                    &item,
                    format!("is removed (was {})", removed_field.rust_type()),
                    (Spec::Old, &removed_field.pointer),
                );
                if let Some(now) = added.iter().find(|f| f.rust_type() == removed_field.rust_type()) {
                    change.hint = Some(format!("the added field `{}` has its type: a rename?", now.rust_name));
                }
            }
            (None, None) => {}
        }
    }
}

fn field_change(item: &str, old: &FieldItem, new: &FieldItem, changes: &mut Changes) {
    let (before, after) = (old.rust_type(), new.rust_type());
    if old.value_type != new.value_type {
        changes.push(Class::Breaking, item, format!("changes type ({before} -> {after})"), (Spec::New, &new.pointer));
    } else if old.presence != new.presence {
        let required = (old.presence.is_required(), new.presence.is_required());
        let nullable = (old.presence.is_nullable(), new.presence.is_nullable());
        let mut facts = Vec::new();
        if required.0 != required.1 {
            facts.push(if required.1 { "required" } else { "optional" });
        }
        if nullable.0 != nullable.1 {
            facts.push(if nullable.1 { "nullable" } else { "not nullable" });
        }
        let now = facts.join(" and ");
        let pointer = if required.0 == required.1 { &new.pointer } else { &new.required_pointer };
        if old.presence.holder() == new.presence.holder() {
            // `Option<T>` either way: absent and `null` trade places on the wire.
            let what = if matches!(new.presence.holder(), Holder::Option) && new.presence.is_required() {
                "`None` is now sent as `null` rather than left out"
            } else {
                "`None` is now left out rather than sent as `null`"
            };
            changes.push(Class::Warning, item, format!("is now {now} (still {after}): {what}"), (Spec::New, pointer));
        } else {
            changes.push(Class::Breaking, item, format!("is now {now} ({before} -> {after})"), (Spec::New, pointer));
        }
    }
    if old.wire_name != new.wire_name {
        changes.push(
            Class::Warning,
            item,
            format!("is now read and written as `{}` (was `{}`)", new.wire_name, old.wire_name),
            (Spec::New, &new.pointer),
        );
    }
    limits(item, old, new, changes);
}

fn limits(item: &str, old: &FieldItem, new: &FieldItem, changes: &mut Changes) {
    let keyed = |limits: &[Limit]| -> BTreeMap<String, Limit> {
        limits.iter().map(|limit| (limit.keyword.clone(), limit.clone())).collect()
    };
    let (old_limits, new_limits) = (keyed(&old.limits), keyed(&new.limits));
    let at = |field: &FieldItem, keyword: &str| {
        if field.parameter { field.pointer.clone() } else { field.pointer.join(keyword) }
    };
    for (keyword, (before, after)) in pair(&old_limits, &new_limits) {
        let at_new = (Spec::New, &at(new, &keyword));
        match (before, after) {
            (Some(before), Some(after)) if before.value != after.value => {
                let (class, verdict) = if narrows(&before.value, &after.value) {
                    (Class::Warning, "narrowed: `validate` may reject values it accepted")
                } else {
                    (Class::None, "widened")
                };
                changes.push(
                    class,
                    item,
                    format!("limit `{keyword}` {verdict} ({} -> {})", before.value.shown(), after.value.shown()),
                    at_new,
                );
            }
            (None, Some(after)) => {
                changes.push(
                    Class::Warning,
                    item,
                    format!(
                        "gains limit `{keyword}` {}: `validate` may reject values it accepted",
                        after.value.shown()
                    ),
                    at_new,
                );
                if let Some(constant) = &after.constant {
                    changes.push(Class::Additive, item, format!("limit constant `{constant}` is added"), at_new);
                }
            }
            (Some(before), None) => {
                let at_old = (Spec::Old, &at(old, &keyword));
                changes.push(
                    Class::None,
                    item,
                    format!("limit `{keyword}` {} is removed (widened)", before.value.shown()),
                    at_old,
                );
                if let Some(constant) = &before.constant {
                    changes.push(Class::Breaking, item, format!("limit constant `{constant}` is removed"), at_old);
                }
            }
            _ => {}
        }
    }
}

/// Whether a limit's new value may reject a value its old one accepted.
fn narrows(old: &LimitValue, new: &LimitValue) -> bool {
    use std::cmp::Ordering;
    // `Greater` when the new bound keeps more values out than the old one.
    let tighter = |raised: Ordering, (before_exclusive, after_exclusive): (bool, bool)| match raised {
        Ordering::Greater => true,
        Ordering::Equal => after_exclusive && !before_exclusive,
        Ordering::Less => false,
    };
    match (old, new) {
        (LimitValue::Lower(before, before_exclusive, _), LimitValue::Lower(after, after_exclusive, _)) => {
            tighter(after.total_cmp(before), (*before_exclusive, *after_exclusive))
        }
        (LimitValue::Upper(before, before_exclusive, _), LimitValue::Upper(after, after_exclusive, _)) => {
            tighter(before.total_cmp(after), (*before_exclusive, *after_exclusive))
        }
        _ => old != new,
    }
}

fn variants(
    path: &str,
    old: &[Variant],
    new: &[Variant],
    catch_all: Option<&str>,
    (old_pointer, pointer): (&Pointer, &Pointer),
    changes: &mut Changes,
) {
    let keyed = |variants: &[Variant]| -> BTreeMap<String, Variant> {
        variants.iter().map(|variant| (variant.key.clone(), variant.clone())).collect()
    };
    let (old_map, new_map) = (keyed(old), keyed(new));
    let removed: Vec<&Variant> = old.iter().filter(|v| !new_map.contains_key(&v.key)).collect();
    let holds = |variant: &Variant| variant.holds.as_ref().map(|ty| format!(", holding {ty}")).unwrap_or_default();
    for variant in new.iter().chain(removed.iter().copied()) {
        let item = format!("{path} variant `{}`", variant.rust_name);
        match (old_map.get(&variant.key), new_map.get(&variant.key)) {
            (Some(before), Some(after)) => {
                if before.rust_name != after.rust_name {
                    changes.push(
                        Class::Breaking,
                        &format!("{path} variant `{}`", before.rust_name),
                        format!("is renamed `{}` (for `{}`)", after.rust_name, after.key),
                        (Spec::New, pointer),
                    );
                } else if before.holds != after.holds {
                    changes.push(
                        Class::Breaking,
                        &item,
                        format!(
                            "changes what it holds ({} -> {})",
                            before.holds.as_deref().unwrap_or("nothing"),
                            after.holds.as_deref().unwrap_or("nothing")
                        ),
                        (Spec::New, pointer),
                    );
                }
            }
            (None, Some(added)) => {
                if let Some(catch_all) = catch_all {
                    changes.push(
                        Class::Additive,
                        &item,
                        format!(
                            "is added (`{}`{}): the value was read as `{catch_all}` before; the type is \
                             `#[non_exhaustive]`, so every `match` on it already has a `_` arm",
                            added.key,
                            holds(added)
                        ),
                        (Spec::New, pointer),
                    );
                } else {
                    let change = changes.add(
                        Class::Breaking,
                        &item,
                        format!("is added (`{}`{}): an exhaustive `match` no longer compiles", added.key, holds(added)),
                        (Spec::New, pointer),
                    );
                    change.hint = Some(
                        "the type is closed (it has no `Other` or `Unknown`), so it is not `#[non_exhaustive]`; a \
                         `match` with a `_` arm is unaffected"
                            .to_owned(),
                    );
                }
            }
            (Some(removed_variant), None) => {
                let change = changes.add(
                    Class::Breaking,
                    &item,
                    format!("is removed (`{}`{})", removed_variant.key, holds(removed_variant)),
                    (Spec::Old, old_pointer),
                );
                if let Some(now) = new
                    .iter()
                    .find(|v| !old_map.contains_key(&v.key) && v.holds == removed_variant.holds && v.holds.is_some())
                {
                    change.hint = Some(format!("the added variant `{}` holds the same type: a rename?", now.rust_name));
                }
            }
            (None, None) => {}
        }
    }
}

fn operation(path: &str, old: &OperationItem, new: &OperationItem, changes: &mut Changes) {
    let at_new = (Spec::New, &new.pointer);
    if old.feature != new.feature {
        let shown = |feature: &Option<String>| feature.as_ref().map_or_else(|| "none".to_owned(), |f| format!("`{f}`"));
        changes.push(
            Class::Breaking,
            path,
            format!("is now compiled by the feature {} (was {})", shown(&new.feature), shown(&old.feature)),
            at_new,
        );
    }
    if old.route != new.route {
        changes.push(Class::Warning, path, format!("is now sent as `{}` (was `{}`)", new.route, old.route), at_new);
    }
    exhaustiveness(path, old.non_exhaustive, new.non_exhaustive, at_new, changes);
    if old.arguments != new.arguments {
        let shown = |arguments: &[(String, String)]| {
            let each: Vec<String> = arguments.iter().map(|(name, ty)| format!("{name}: {ty}")).collect();
            format!("({})", each.join(", "))
        };
        changes
            .add(
                Class::Breaking,
                &format!("{path}::new"),
                format!("takes {} (was {})", shown(&new.arguments), shown(&old.arguments)),
                (Spec::New, &new.pointer.join("parameters")),
            )
            .hint = Some(
            "the client's method takes the same arguments: the request's required parameters and its body, in order"
                .to_owned(),
        );
    }
    let keyed = |parts: &[RequestPart]| -> BTreeMap<String, RequestPart> {
        parts.iter().map(|part| (part.member.clone(), part.clone())).collect()
    };
    for (member, (before, after)) in pair(&keyed(&old.fields), &keyed(&new.fields)) {
        let item = format!("{path} field `{member}`");
        let part = if member == "body" { "requestBody" } else { "parameters" };
        match (before, after) {
            (Some(before), Some(after)) if before.rust_type != after.rust_type => {
                changes.push(
                    Class::Breaking,
                    &item,
                    format!("changes type ({} -> {})", before.rust_type, after.rust_type),
                    (Spec::New, &new.pointer.join(part)),
                );
            }
            (None, Some(after)) => {
                let (class, what, hint) = request_part_added(path, after, old.non_exhaustive);
                changes.add(class, &item, what, (Spec::New, &new.pointer.join(part))).hint = hint;
            }
            (Some(before), None) => {
                changes.push(
                    Class::Breaking,
                    &item,
                    format!("is removed (was {})", before.rust_type),
                    (Spec::Old, &old.pointer.join(part)),
                );
            }
            _ => {}
        }
    }
    request_media(path, old, new, changes);
    side(path, "Response", &old.success, &new.success, (&old.pointer, &new.pointer), changes);
    side(path, "Error", &old.error, &new.error, (&old.pointer, &new.pointer), changes);
}

/// What a field added to an operation's request type does: one the request's `new` takes an
/// argument for (a body, a parameter struct with a required parameter) breaks every call of
/// `new` (its arguments' change is reported on its own); any other breaks only struct literals,
/// which a `#[non_exhaustive]` request has none of outside the crate.
fn request_part_added(path: &str, part: &RequestPart, was_non_exhaustive: bool) -> (Class, String, Option<String>) {
    let rust_type = &part.rust_type;
    let literal = if was_non_exhaustive { "" } else { "; a struct literal of the request no longer compiles" };
    if part.must_set {
        let what = if part.member == "body" { "the body" } else { "its required parameters" };
        return (
            Class::Breaking,
            format!("is added ({rust_type}): `{path}::new` takes {what} as new arguments{literal}"),
            None,
        );
    }
    if was_non_exhaustive {
        return (
            Class::Additive,
            format!(
                "is added ({rust_type}): the request is `#[non_exhaustive]`, so code outside the crate makes it only \
                 through `{path}::new` or the client, which fill the field in"
            ),
            None,
        );
    }
    (
        Class::Breaking,
        format!("is added ({rust_type}){literal}"),
        Some(format!("code that makes the request through `{path}::new` is unaffected")),
    )
}

fn request_media(path: &str, old: &OperationItem, new: &OperationItem, changes: &mut Changes) {
    if old.request_media.is_empty() || new.request_media.is_empty() {
        // A body that appears or goes is its field's change.
        return;
    }
    let content = |op: &OperationItem, media: &str| op.pointer.join("requestBody").join("content").join(media);
    for media in new.request_media.iter().filter(|media| !old.request_media.contains(media)) {
        let at = (Spec::New, &content(new, media));
        match (&old.content_type, &new.content_type) {
            (None, Some(enum_name)) => {
                // `new` starts it at the spec's preferred media type: like an optional field.
                let added =
                    RequestPart { member: "content_type".to_owned(), rust_type: enum_name.clone(), must_set: false };
                let (class, what, hint) = request_part_added(path, &added, old.non_exhaustive);
                changes
                    .add(
                        class,
                        &format!("{path} field `content_type`"),
                        format!("{what}; the body may now be sent as `{media}`"),
                        at,
                    )
                    .hint = hint;
            }
            (Some(_), Some(enum_name)) => {
                changes.push(
                    Class::Breaking,
                    enum_name,
                    format!("gains a variant for `{media}`: an exhaustive `match` no longer compiles"),
                    at,
                );
            }
            _ => {}
        }
    }
    for media in old.request_media.iter().filter(|media| !new.request_media.contains(media)) {
        let at = (Spec::Old, &content(old, media));
        match (&old.content_type, &new.content_type) {
            (Some(enum_name), None) => {
                changes.push(
                    Class::Breaking,
                    &format!("{path} field `content_type`"),
                    format!("is removed ({enum_name}): the body is no longer sent as `{media}`"),
                    at,
                );
            }
            (Some(enum_name), Some(_)) => {
                changes.push(Class::Breaking, enum_name, format!("loses its variant for `{media}`"), at);
            }
            _ => {}
        }
    }
}

fn side(path: &str, name: &str, old: &Side, new: &Side, (old_at, new_at): (&Pointer, &Pointer), changes: &mut Changes) {
    let item = format!("{path} `type {name}`");
    let responses = |at: &Pointer, status: &str| at.join("responses").join(status);
    if old.rust_type != new.rust_type {
        changes.push(
            Class::Breaking,
            &item,
            format!("changes ({} -> {})", old.rust_type, new.rust_type),
            (Spec::New, &new_at.join("responses")),
        );
        return;
    }
    for (status, (before, after)) in pair(&old.statuses, &new.statuses) {
        match (before, after) {
            (None, Some((body, _))) if new.by_status => {
                changes.push(
                    Class::Breaking,
                    &new.rust_type,
                    format!("gains a variant for status `{status}` ({body}): an exhaustive `match` no longer compiles"),
                    (Spec::New, &responses(new_at, &status)),
                );
            }
            (None, Some((body, _))) => {
                changes.push(
                    Class::Warning,
                    &item,
                    format!(
                        "status `{status}` is now documented: read as {body}, no longer `ResponseError::Undocumented`"
                    ),
                    (Spec::New, &responses(new_at, &status)),
                );
            }
            (Some(_), None) if old.by_status => {
                changes.push(
                    Class::Breaking,
                    &old.rust_type,
                    format!("loses its variant for status `{status}`"),
                    (Spec::Old, &responses(old_at, &status)),
                );
            }
            (Some(_), None) => {
                changes.push(
                    Class::Warning,
                    &item,
                    format!("status `{status}` is no longer documented: read as `ResponseError::Undocumented`"),
                    (Spec::Old, &responses(old_at, &status)),
                );
            }
            (Some((old_body, old_media)), Some((new_body, new_media))) => {
                let at = (Spec::New, &responses(new_at, &status));
                if old_body != new_body {
                    changes.push(
                        Class::Breaking,
                        &new.rust_type,
                        format!("variant for status `{status}` changes what it holds ({old_body} -> {new_body})"),
                        at,
                    );
                } else if old_media != new_media {
                    let shown = |media: &Option<String>| media.clone().unwrap_or_else(|| "nothing".to_owned());
                    changes.push(
                        Class::Warning,
                        &item,
                        format!("status `{status}` is now read as `{}` (was `{}`)", shown(new_media), shown(old_media)),
                        at,
                    );
                }
            }
            (None, None) => {}
        }
    }
}
