//! Lowering one schema: primitives, objects, `allOf` merges, and the three kinds of union.

use std::collections::BTreeSet;

use openapiv3::{
    AdditionalProperties, IntegerFormat, ReferenceOr, Schema, SchemaData, SchemaKind, StringFormat, Type,
    VariantOrUnknownOrEmpty,
};

use super::{Lowerer, SchemaRef};
use crate::Pointer;
use crate::diagnostics::{Diagnostic, Untyped};
use crate::ident;
use crate::ir::{
    Access, Constraints, Docs, EnumDef, EnumVariant, Field, JsonKind, KindUnionDef, KindVariant, Lifecycle,
    MemberShape, Paging, Placement, Presence, Storage, StructDef, TaggedUnionDef, TaggedVariant, TypeId, TypeKind,
    TypeRef,
};

/// What a schema lowers to where it is used.
pub(crate) struct Lowered {
    pub(crate) ty: TypeRef,
    pub(crate) nullable: bool,
    /// The schema's own description (for the field that uses it).
    pub(crate) docs: Option<Docs>,
    pub(crate) default: Option<serde_json::Value>,
    pub(crate) write_only: bool,
    pub(crate) deprecated: bool,
    /// Limits on the value where it is used.
    pub(crate) constraints: Constraints,
}

impl Lowered {
    pub(crate) fn plain(ty: TypeRef) -> Self {
        Self {
            ty,
            nullable: false,
            docs: None,
            default: None,
            write_only: false,
            deprecated: false,
            constraints: Constraints::default(),
        }
    }
}

/// An object's properties as lowering sees them, after merging `allOf` parts.
struct ObjectView<'a> {
    properties: Vec<(&'a str, SchemaRef<'a>, Pointer)>,
    required: BTreeSet<&'a str>,
    additional: Option<(&'a AdditionalProperties, Pointer)>,
}

/// How deep `allOf` and `$ref` chains are followed before giving up (a loop in the spec).
const MAX_DEPTH: usize = 32;

impl<'a> Lowerer<'a> {
    /// Lowers a schema found at `pointer`. `hint` names the type if one is created; `slot` is the
    /// reserved type of a component schema, filled in place of creating a new one.
    pub(crate) fn lower_schema(
        &mut self,
        schema: SchemaRef<'a>,
        pointer: &Pointer,
        hint: &str,
        slot: Option<TypeId>,
    ) -> Lowered {
        let schema = match schema {
            SchemaRef::Ref(reference) => {
                let Some((name, target)) = self.component_of(reference, pointer) else {
                    return Lowered::plain(TypeRef::Json);
                };
                let constraints = self.constraints_of(schema, pointer, 0);
                return Lowered {
                    nullable: target.schema_data.nullable,
                    constraints,
                    ..Lowered::plain(TypeRef::Named(self.components[name]))
                };
            }
            SchemaRef::Inline(schema) => schema,
        };
        let data = &schema.schema_data;
        let mut lowered = self.lower_kind(schema, pointer, hint, slot);
        if lowered.constraints.is_empty() {
            lowered.constraints = self.constraints_of(SchemaRef::Inline(schema), pointer, 0);
        }
        lowered.nullable |= data.nullable;
        lowered.docs = lowered.docs.or_else(|| data.description.as_deref().and_then(Docs::from_spec));
        lowered.default = lowered.default.or_else(|| data.default.clone());
        lowered.write_only |= data.write_only;
        lowered.deprecated |= data.deprecated;
        lowered
    }

    fn lower_kind(&mut self, schema: &'a Schema, pointer: &Pointer, hint: &str, slot: Option<TypeId>) -> Lowered {
        let data = &schema.schema_data;
        match &schema.schema_kind {
            SchemaKind::Type(Type::String(string)) => {
                let values: Vec<&str> = string.enumeration.iter().flatten().map(String::as_str).collect();
                let nullable = string.enumeration.iter().any(Option::is_none);
                let ty = if !values.is_empty() {
                    self.define_enum(&values, false, pointer, hint, slot, data)
                } else if matches!(string.format, VariantOrUnknownOrEmpty::Item(StringFormat::DateTime)) {
                    TypeRef::Timestamp
                } else if matches!(string.format, VariantOrUnknownOrEmpty::Item(StringFormat::Binary)) {
                    TypeRef::File
                } else {
                    TypeRef::String
                };
                Lowered { nullable, ..Lowered::plain(ty) }
            }
            SchemaKind::Type(Type::Integer(integer)) => {
                let int32 = matches!(integer.format, VariantOrUnknownOrEmpty::Item(IntegerFormat::Int32));
                Lowered::plain(if int32 { TypeRef::I32 } else { TypeRef::I64 })
            }
            SchemaKind::Type(Type::Number(_)) => Lowered::plain(TypeRef::F64),
            SchemaKind::Type(Type::Boolean(_)) => Lowered::plain(TypeRef::Bool),
            SchemaKind::Type(Type::Array(array)) => {
                Lowered::plain(TypeRef::Array(Box::new(self.lower_items(array.items.as_ref(), pointer, hint))))
            }
            SchemaKind::Type(Type::Object(_)) | SchemaKind::AllOf { .. } => {
                self.lower_object_like(schema, pointer, hint, slot)
            }
            SchemaKind::OneOf { one_of: members } | SchemaKind::AnyOf { any_of: members } => {
                let keyword = if matches!(schema.schema_kind, SchemaKind::OneOf { .. }) { "oneOf" } else { "anyOf" };
                self.lower_union(members, keyword, data, pointer, hint, slot)
            }
            SchemaKind::Not { .. } => {
                self.degrade(pointer, Untyped::Not, None);
                Lowered::plain(TypeRef::Json)
            }
            SchemaKind::Any(any) => {
                if !any.properties.is_empty() || any.additional_properties.is_some() || !any.all_of.is_empty() {
                    return self.lower_object_like(schema, pointer, hint, slot);
                }
                let strings: Vec<&str> = any.enumeration.iter().filter_map(serde_json::Value::as_str).collect();
                if !strings.is_empty() && strings.len() == any.enumeration.iter().filter(|v| !v.is_null()).count() {
                    let nullable = any.enumeration.iter().any(serde_json::Value::is_null);
                    let ty = self.define_enum(&strings, false, pointer, hint, slot, data);
                    return Lowered { nullable, ..Lowered::plain(ty) };
                }
                if let Some(lowered) = self.string_enum_of_other_values(any, data, pointer, hint, slot) {
                    return lowered;
                }
                // `const: 1` without a `type` (a member of a union of constants read alone).
                if !any.enumeration.is_empty()
                    && any.typ.as_deref().is_none_or(|typ| typ == "integer")
                    && any.enumeration.iter().all(serde_json::Value::is_i64)
                {
                    return Lowered::plain(TypeRef::I64);
                }
                let members = if any.one_of.is_empty() { &any.any_of } else { &any.one_of };
                if !members.is_empty() {
                    return self.lower_union(members, "oneOf", data, pointer, hint, slot);
                }
                if any.items.is_some() || any.typ.as_deref() == Some("array") {
                    return Lowered::plain(TypeRef::Array(Box::new(self.lower_items(
                        any.items.as_ref(),
                        pointer,
                        hint,
                    ))));
                }
                let is_empty_schema =
                    any.typ.is_none() && any.enumeration.is_empty() && any.not.is_none() && any.format.is_none();
                if !is_empty_schema {
                    self.degrade(pointer, Untyped::Keywords, None);
                }
                Lowered::plain(TypeRef::Json)
            }
        }
    }

    fn lower_items(&mut self, items: Option<&'a ReferenceOr<Box<Schema>>>, pointer: &Pointer, hint: &str) -> TypeRef {
        let Some(items) = items else { return TypeRef::Json };
        let item = self.lower_schema(SchemaRef::from(items), &pointer.join("items"), &format!("{hint}Item"), None);
        wrap_nullable(item.ty, item.nullable)
    }

    /// Records that a schema was typed as `serde_json::Value` because nothing better fits.
    fn degrade(&mut self, pointer: &Pointer, reason: Untyped, details: Option<&str>) {
        self.diagnostics.push(Diagnostic::untyped(pointer, reason, details).with_hint(
            "the value is kept as untyped JSON; describe it with `type` and `properties` for a precise type",
        ));
    }

    /// A type named after `hint` (or the component's reserved type), with the schema's docs.
    fn define(
        &mut self,
        slot: Option<TypeId>,
        pointer: &Pointer,
        hint: &str,
        data: &SchemaData,
        kind: TypeKind,
    ) -> TypeId {
        let id = self.reserve(slot, pointer, hint, data);
        self.set_kind(id, kind);
        id
    }

    /// As [`define`](Self::define), with the kind decided once the type's members, named after
    /// it, are lowered.
    fn reserve(&mut self, slot: Option<TypeId>, pointer: &Pointer, hint: &str, data: &SchemaData) -> TypeId {
        let id = slot.unwrap_or_else(|| self.reserve_type(hint, pointer.to_owned(), crate::ir::Purpose::Inline));
        let draft = &mut self.types[id.0];
        if draft.docs.is_none() {
            draft.docs = data.description.as_deref().and_then(Docs::from_spec);
        }
        draft.deprecated |= data.deprecated;
        id
    }

    /// A string enum whose variants are named after their values.
    fn define_enum(
        &mut self,
        values: &[&str],
        open_in_spec: bool,
        pointer: &Pointer,
        hint: &str,
        slot: Option<TypeId>,
        data: &SchemaData,
    ) -> TypeRef {
        let values = values.iter().map(|value| EnumValue::text(value)).collect();
        self.define_enum_of(values, open_in_spec, pointer, hint, slot, data)
    }

    /// An enum of `values` (the first of equal ones kept), each variant named through the
    /// identifier rules from what its value is named by, made unique.
    fn define_enum_of(
        &mut self,
        values: Vec<EnumValue>,
        open_in_spec: bool,
        pointer: &Pointer,
        hint: &str,
        slot: Option<TypeId>,
        data: &SchemaData,
    ) -> TypeRef {
        let mut taken = BTreeSet::new();
        let mut variants: Vec<EnumVariant> = Vec::new();
        for value in values {
            if variants.iter().any(|v| v.wire == value.wire) {
                continue;
            }
            let rust_name = self.unique_member_name(&mut taken, &ident::type_name(&value.name), pointer, &value.name);
            variants.push(EnumVariant { wire: value.wire, rust_name, integer: value.integer, docs: value.docs });
        }
        let kind = TypeKind::Enum(EnumDef { variants, open: open_in_spec, open_in_spec });
        TypeRef::Named(self.define(slot, pointer, hint, data, kind))
    }

    /// A union of one-value members that names its values (3.1's way: `oneOf: [{const: 1,
    /// title: Text}, {const: 2, title: Voice}]`, or single-value `enum`s): the enum of those
    /// values, each variant named after its member's `title` (an untitled integer after the
    /// component it refers to, or its value). Integers become an integer enum; strings, when
    /// every member has a title, a string enum with those names (other string constants are a
    /// string union, named by their values). `None` when a member is not one constant, or the
    /// constants are not all integers or all strings.
    fn named_constants(&mut self, members: &[(SchemaRef<'a>, Pointer)]) -> Option<Vec<EnumValue>> {
        let mut values = Vec::new();
        let mut all_titled = true;
        for (member, member_pointer) in members {
            let (schema, _) = self.resolve(*member, member_pointer)?;
            let constant = one_constant(schema)?;
            let title = schema.schema_data.title.clone();
            all_titled &= title.is_some();
            let name = title.or_else(|| match member {
                SchemaRef::Ref(reference) => reference.rsplit('/').next().map(str::to_owned),
                SchemaRef::Inline(_) => None,
            });
            let docs = schema.schema_data.description.as_deref().and_then(Docs::from_spec);
            let (wire, integer) = match constant {
                serde_json::Value::String(text) => (text.clone(), None),
                other => (other.to_string(), Some(other.as_i64()?)),
            };
            values.push(EnumValue { name: name.unwrap_or_else(|| wire.clone()), wire, integer, docs });
        }
        let integers = values.iter().filter(|value| value.integer.is_some()).count();
        let consistent = integers == values.len() || (integers == 0 && all_titled);
        (consistent && !values.is_empty()).then_some(values)
    }

    /// A member name unique among `taken`, with a warning when sanitising made two names equal.
    /// Numbered names are built from the plain form (`self_` → `self_2`, `Self_` → `Self2`), so
    /// they stay valid identifiers in the case convention of the original.
    pub(crate) fn unique_member_name(
        &mut self,
        taken: &mut BTreeSet<String>,
        name: &str,
        pointer: &Pointer,
        wire: &str,
    ) -> String {
        if taken.insert(name.to_owned()) {
            return name.to_owned();
        }
        let plain = ident::unraw(name).trim_end_matches('_');
        let snake = !plain.chars().any(char::is_uppercase);
        let mut counter = 2;
        let unique = loop {
            let candidate = if snake { format!("{plain}_{counter}") } else { format!("{plain}{counter}") };
            let candidate = ident::sanitize(&candidate);
            if taken.insert(candidate.clone()) {
                break candidate;
            }
            counter += 1;
        };
        self.diagnostics.push(
            Diagnostic::warning(pointer, format!("`{wire}` collides with another name once made a Rust identifier"))
                .with_hint(format!("named `{unique}` instead")),
        );
        unique
    }

    fn lower_object_like(
        &mut self,
        schema: &'a Schema,
        pointer: &Pointer,
        hint: &str,
        slot: Option<TypeId>,
    ) -> Lowered {
        let data = &schema.schema_data;
        if let SchemaKind::AllOf { all_of } = &schema.schema_kind {
            // `allOf: [$ref]` with a description or `nullable` beside it: the referenced type.
            if let [only] = all_of.as_slice() {
                let inner = self.lower_schema(SchemaRef::from(only), &pointer.join("allOf").join(0), hint, slot);
                return Lowered { docs: data.description.as_deref().and_then(Docs::from_spec).or(inner.docs), ..inner };
            }
        }
        if let Some(lowered) = self.merge_scalar_all_of(schema, pointer, hint, slot) {
            return lowered;
        }
        let errors_before = self.diagnostics.items().len();
        let Some(view) = self.object_view(SchemaRef::Inline(schema), pointer, 0) else {
            // A loop was reported as an error already; otherwise some part is not an object.
            if self.diagnostics.items().len() == errors_before {
                self.degrade(pointer, Untyped::MixedAllOf, None);
            }
            return Lowered::plain(TypeRef::Json);
        };
        if view.properties.is_empty() {
            return Lowered::plain(match view.additional {
                Some((AdditionalProperties::Any(false), _)) => {
                    let kind = TypeKind::Struct(StructDef {
                        choices: Vec::new(),
                        fields: Vec::new(),
                        additional: None,
                        closed: true,
                        rules: Vec::new(),
                        extra_fields: None,
                    });
                    TypeRef::Named(self.define(slot, pointer, hint, data, kind))
                }
                Some((AdditionalProperties::Schema(values), values_pointer)) => {
                    let value =
                        self.lower_schema(SchemaRef::from(&**values), &values_pointer, &format!("{hint}Value"), None);
                    TypeRef::Map(Box::new(wrap_nullable(value.ty, value.nullable)))
                }
                Some((AdditionalProperties::Any(true), _)) | None => TypeRef::Map(Box::new(TypeRef::Json)),
            });
        }
        // Reserve the type before lowering fields, so inline types inside are named after it.
        let id = self.reserve(slot, pointer, hint, data);
        let rust_name = self.types[id.0].rust_name.clone();
        let mut taken = BTreeSet::new();
        let mut fields = Vec::new();
        for (wire_name, property, property_pointer) in &view.properties {
            let rust_field =
                self.unique_member_name(&mut taken, &ident::field_name(wire_name), property_pointer, wire_name);
            let type_hint = format!("{rust_name}{}", ident::upper_camel_case(wire_name));
            let lowered = self.lower_schema(*property, property_pointer, &type_hint, None);
            let paging = match property {
                SchemaRef::Inline(schema) => schema
                    .schema_data
                    .extensions
                    .get("x-stainless-pagination-property")
                    .and_then(|marker| marker.get("purpose"))
                    .is_some_and(|purpose| purpose == "next_cursor_field"),
                SchemaRef::Ref(_) => false,
            };
            let paging = if paging { Paging::Cursor } else { Paging::Unpaged };
            fields.push(declared_field(wire_name, rust_field, lowered, view.required.contains(wire_name), paging));
        }
        let (additional, closed) = match view.additional {
            Some((AdditionalProperties::Schema(values), values_pointer)) => {
                let value =
                    self.lower_schema(SchemaRef::from(&**values), &values_pointer, &format!("{rust_name}Value"), None);
                (Some(wrap_nullable(value.ty, value.nullable)), false)
            }
            Some((AdditionalProperties::Any(true), _)) => (Some(TypeRef::Json), false),
            Some((AdditionalProperties::Any(false), _)) => (None, true),
            None => (None, false),
        };
        let rules = self.object_rules(data, pointer, &fields);
        let choices = self.choices(data, pointer, &rust_name, &mut fields);
        self.set_kind(
            id,
            TypeKind::Struct(StructDef { fields, additional, closed, rules, choices, extra_fields: None }),
        );
        Lowered::plain(TypeRef::Named(id))
    }

    /// `type: string` with enum values that are not strings (`enum: [true, false]`, `[4.1, 3]`):
    /// no value is both, so the type decides, and the values are read as their JSON text.
    fn string_enum_of_other_values(
        &mut self,
        any: &'a openapiv3::AnySchema,
        data: &'a SchemaData,
        pointer: &Pointer,
        hint: &str,
        slot: Option<TypeId>,
    ) -> Option<Lowered> {
        let scalar = |value: &serde_json::Value| !value.is_object() && !value.is_array();
        if any.typ.as_deref() != Some("string") || any.enumeration.is_empty() || !any.enumeration.iter().all(scalar) {
            return None;
        }
        let texts: Vec<String> = any
            .enumeration
            .iter()
            .filter(|value| !value.is_null())
            .map(|value| value.as_str().map_or_else(|| value.to_string(), str::to_owned))
            .collect();
        if texts.is_empty() {
            return None;
        }
        self.diagnostics.push(
            Diagnostic::warning(
                pointer.join("enum"),
                "the enum values of this `type: string` schema are not all strings",
            )
            .with_hint(format!(
                "read as the strings {}; quote them in the spec if that is what they are",
                texts.iter().map(|t| format!("`{t}`")).collect::<Vec<_>>().join(", ")
            )),
        );
        let values: Vec<&str> = texts.iter().map(String::as_str).collect();
        let nullable = any.enumeration.iter().any(serde_json::Value::is_null);
        let ty = self.define_enum(&values, false, pointer, hint, slot, data);
        Some(Lowered { nullable, ..Lowered::plain(ty) })
    }

    /// An `allOf` whose values are not objects (`allOf: [$ref: UserId, {type: string, description}]`,
    /// or `type: string` beside `allOf: [$ref]`): one part says what the value is, the others
    /// only describe it (a type, a description, limits). That part's type, with the outer
    /// description (or a describing part's) and, if it has none, a describing part's limits.
    /// `None` when the value is an object, or when several parts say what it is.
    fn merge_scalar_all_of(
        &mut self,
        schema: &'a Schema,
        pointer: &Pointer,
        hint: &str,
        slot: Option<TypeId>,
    ) -> Option<Lowered> {
        let parts = match &schema.schema_kind {
            SchemaKind::AllOf { all_of } => all_of,
            SchemaKind::Any(any) if any.properties.is_empty() && any.additional_properties.is_none() => &any.all_of,
            _ => return None,
        };
        if parts.len() < 2 && matches!(schema.schema_kind, SchemaKind::AllOf { .. }) {
            return None;
        }
        // The kind the parts agree on; a part that only describes (no type) has none to agree to.
        let mut kinds = BTreeSet::new();
        for (index, part) in parts.iter().enumerate() {
            if let Some(kind) = self.json_kind(SchemaRef::from(part), &pointer.join("allOf").join(index), 0) {
                kinds.insert(kind);
            }
        }
        if kinds.len() != 1 || kinds.contains(&JsonKind::Object) {
            return None;
        }
        let describing = |part: &ReferenceOr<Schema>| match part {
            ReferenceOr::Reference { .. } => false,
            ReferenceOr::Item(part) => match &part.schema_kind {
                SchemaKind::Type(Type::String(string)) => string.enumeration.is_empty(),
                SchemaKind::Type(Type::Integer(_) | Type::Number(_) | Type::Boolean(_)) => true,
                SchemaKind::Any(any) => {
                    any.properties.is_empty()
                        && any.items.is_none()
                        && any.enumeration.is_empty()
                        && any.all_of.is_empty()
                        && any.one_of.is_empty()
                        && any.any_of.is_empty()
                }
                _ => false,
            },
        };
        let saying: Vec<usize> = (0..parts.len()).filter(|index| !describing(&parts[*index])).collect();
        // An inline part that only lists values narrows a referenced one (`allOf: [$ref: Kinds,
        // {enum: [rich]}]`): the referenced type holds every value it allows.
        let narrowing = |part: &ReferenceOr<Schema>| match part {
            ReferenceOr::Reference { .. } => false,
            ReferenceOr::Item(part) => {
                one_constant(part).is_some()
                    || matches!(&part.schema_kind, SchemaKind::Any(any) if !any.enumeration.is_empty() && any.properties.is_empty() && any.all_of.is_empty() && any.one_of.is_empty() && any.any_of.is_empty())
            }
        };
        let referenced: Vec<usize> =
            saying.iter().copied().filter(|index| matches!(parts[*index], ReferenceOr::Reference { .. })).collect();
        let core = match (saying.as_slice(), referenced.as_slice()) {
            ([core], _) => *core,
            ([], _) => 0,
            (_, [core]) if saying.iter().all(|index| index == core || narrowing(&parts[*index])) => *core,
            _ => return None,
        };
        let part_pointer = |index: usize| pointer.join("allOf").join(index);
        let core_lowered = self.lower_schema(SchemaRef::from(&parts[core]), &part_pointer(core), hint, slot);
        let mut docs = schema.schema_data.description.as_deref().and_then(Docs::from_spec);
        let mut constraints = core_lowered.constraints.clone();
        let mut nullable = core_lowered.nullable || schema.schema_data.nullable;
        for (index, part) in parts.iter().enumerate().filter(|(index, _)| *index != core) {
            let ReferenceOr::Item(part_schema) = part else { continue };
            docs = docs.or_else(|| part_schema.schema_data.description.as_deref().and_then(Docs::from_spec));
            nullable |= part_schema.schema_data.nullable;
            // A narrowing part is a list of values, not limits: lowering it would define an enum.
            if !describing(part) {
                continue;
            }
            let described = self.lower_schema(SchemaRef::from(part), &part_pointer(index), hint, None);
            if constraints.is_empty() {
                constraints = described.constraints;
            }
        }
        Some(Lowered { docs: docs.or(core_lowered.docs.clone()), constraints, nullable, ..core_lowered })
    }

    /// Whether an object schema declares the property `name` (its `allOf` parts included), or,
    /// for a union, whether every member does.
    pub(crate) fn declares_property(&mut self, schema: SchemaRef<'a>, pointer: &Pointer, name: &str) -> bool {
        if let Some((resolved, resolved_pointer)) = self.resolve(schema, pointer)
            && let SchemaKind::OneOf { one_of: members } | SchemaKind::AnyOf { any_of: members } = &resolved.schema_kind
        {
            return !members.is_empty()
                && members.iter().enumerate().all(|(index, member)| {
                    let member_pointer = resolved_pointer.join("oneOf").join(index);
                    self.object_view(SchemaRef::from(member), &member_pointer, 0)
                        .is_some_and(|view| view.properties.iter().any(|(property, ..)| *property == name))
                });
        }
        self.object_view(schema, pointer, 0)
            .is_some_and(|view| view.properties.iter().any(|(property, ..)| *property == name))
    }

    /// The properties of an object schema, with `allOf` parts merged in order; `None` when the
    /// schema is not an object.
    fn object_view(&mut self, schema: SchemaRef<'a>, pointer: &Pointer, depth: usize) -> Option<ObjectView<'a>> {
        if depth > MAX_DEPTH {
            self.diagnostics.push(
                Diagnostic::error(pointer, "`allOf` loops back to a schema it is part of")
                    .with_hint("a schema cannot contain itself by `allOf`; refer to it from a property instead"),
            );
            return None;
        }
        let (schema, pointer) = self.resolve(schema, pointer)?;
        let mut view = ObjectView { properties: Vec::new(), required: BTreeSet::new(), additional: None };
        let (properties, required, additional) = match &schema.schema_kind {
            SchemaKind::Type(Type::Object(object)) => {
                (&object.properties, &object.required, &object.additional_properties)
            }
            SchemaKind::Any(any) if any.one_of.is_empty() && any.any_of.is_empty() => {
                for (index, part) in any.all_of.iter().enumerate() {
                    let part_view =
                        self.object_view(SchemaRef::from(part), &pointer.join("allOf").join(index), depth + 1)?;
                    view.merge(part_view);
                }
                (&any.properties, &any.required, &any.additional_properties)
            }
            SchemaKind::AllOf { all_of } => {
                for (index, part) in all_of.iter().enumerate() {
                    let part_view =
                        self.object_view(SchemaRef::from(part), &pointer.join("allOf").join(index), depth + 1)?;
                    view.merge(part_view);
                }
                return Some(view);
            }
            _ => return None,
        };
        let own = ObjectView {
            properties: properties
                .iter()
                .map(|(name, property)| {
                    let property_pointer = pointer.join("properties").join(name);
                    (name.as_str(), SchemaRef::from(property), property_pointer)
                })
                .collect(),
            required: required.iter().map(String::as_str).collect(),
            additional: additional.as_ref().map(|a| (a, pointer.join("additionalProperties"))),
        };
        view.merge(own);
        Some(view)
    }

    /// Follows a `$ref` to its schema, returning the schema and the pointer where it lives.
    fn resolve(&mut self, schema: SchemaRef<'a>, pointer: &Pointer) -> Option<(&'a Schema, Pointer)> {
        match schema {
            SchemaRef::Inline(schema) => Some((schema, pointer.clone())),
            SchemaRef::Ref(reference) => {
                let (name, schema) = self.component_of(reference, pointer)?;
                Some((schema, Pointer::from_tokens(["components", "schemas", name])))
            }
        }
    }

    /// The JSON kind every value of the schema has, if there is one.
    fn json_kind(&mut self, schema: SchemaRef<'a>, pointer: &Pointer, depth: usize) -> Option<JsonKind> {
        if depth > MAX_DEPTH {
            return None;
        }
        let (schema, pointer) = self.resolve(schema, pointer)?;
        match &schema.schema_kind {
            SchemaKind::Type(Type::String(_)) => Some(JsonKind::String),
            SchemaKind::Type(Type::Integer(_)) => Some(JsonKind::Integer),
            SchemaKind::Type(Type::Number(_)) => Some(JsonKind::Number),
            SchemaKind::Type(Type::Boolean(_)) => Some(JsonKind::Boolean),
            SchemaKind::Type(Type::Array(_)) => Some(JsonKind::Array),
            SchemaKind::Type(Type::Object(_)) => Some(JsonKind::Object),
            SchemaKind::AllOf { all_of } => {
                let mut kinds = BTreeSet::new();
                for (index, part) in all_of.iter().enumerate() {
                    kinds.insert(self.json_kind(SchemaRef::from(part), &pointer.join("allOf").join(index), depth + 1));
                }
                single(kinds)
            }
            SchemaKind::OneOf { one_of: members } | SchemaKind::AnyOf { any_of: members } => {
                let mut kinds = BTreeSet::new();
                for (index, member) in members.iter().enumerate() {
                    kinds.insert(self.json_kind(
                        SchemaRef::from(member),
                        &pointer.join("oneOf").join(index),
                        depth + 1,
                    ));
                }
                single(kinds)
            }
            SchemaKind::Any(any) => {
                if !any.properties.is_empty() || any.additional_properties.is_some() {
                    Some(JsonKind::Object)
                } else if !any.enumeration.is_empty() && any.enumeration.iter().all(serde_json::Value::is_string) {
                    // `const: "x"` (or `enum`) without a `type`: its values say it is a string.
                    Some(JsonKind::String)
                } else if !any.enumeration.is_empty() && any.enumeration.iter().all(serde_json::Value::is_i64) {
                    Some(JsonKind::Integer)
                } else {
                    match any.typ.as_deref() {
                        Some("string") => Some(JsonKind::String),
                        Some("object") => Some(JsonKind::Object),
                        Some("array") => Some(JsonKind::Array),
                        // `type: integer` beside a `oneOf` of constants, say.
                        Some("integer") => Some(JsonKind::Integer),
                        Some("number") => Some(JsonKind::Number),
                        Some("boolean") => Some(JsonKind::Boolean),
                        _ => None,
                    }
                }
            }
            SchemaKind::Not { .. } => None,
        }
    }

    /// The string values a tag property allows (`enum: [a, b]`), in order; none if it allows any
    /// string.
    fn tag_values(&mut self, schema: SchemaRef<'a>, pointer: &Pointer) -> Vec<String> {
        match self.allowed_values(schema, pointer, 0) {
            Some(Allowed { integer: false, values }) => values,
            _ => Vec::new(),
        }
    }

    /// The values a schema allows, when it lists them: its `enum` (or `const`), the constants of
    /// a `oneOf` of constants, and, narrowed by `allOf`, the values every part allows
    /// (`{type: integer, enum: [2], allOf: [$ref: ComponentTypes]}` allows `2`). All strings or
    /// all integers (as their decimal digits), in the order of the first list; `None` when the
    /// schema allows any value of its kind, or no value at all.
    fn allowed_values(&mut self, schema: SchemaRef<'a>, pointer: &Pointer, depth: usize) -> Option<Allowed> {
        if depth > MAX_DEPTH {
            return None;
        }
        let (schema, pointer) = self.resolve(schema, pointer)?;
        let mut lists: Vec<Allowed> = Vec::new();
        let parts = match &schema.schema_kind {
            SchemaKind::Type(Type::String(string)) => {
                lists.extend(Allowed::of(
                    &string.enumeration.iter().flatten().cloned().map(serde_json::Value::String).collect::<Vec<_>>(),
                ));
                &[][..]
            }
            SchemaKind::Type(Type::Integer(integer)) => {
                lists.extend(Allowed::of(
                    &integer.enumeration.iter().flatten().map(|v| serde_json::Value::from(*v)).collect::<Vec<_>>(),
                ));
                &[][..]
            }
            SchemaKind::OneOf { one_of: members } | SchemaKind::AnyOf { any_of: members } => {
                let mut constants = Vec::new();
                for (index, member) in members.iter().enumerate() {
                    let (member, _) = self.resolve(SchemaRef::from(member), &pointer.join("oneOf").join(index))?;
                    constants.push(one_constant(member)?);
                }
                lists.extend(Allowed::of(&constants));
                &[][..]
            }
            SchemaKind::AllOf { all_of } => &all_of[..],
            SchemaKind::Any(any) => {
                lists.extend(Allowed::of(&any.enumeration));
                &any.all_of[..]
            }
            SchemaKind::Type(_) | SchemaKind::Not { .. } => &[][..],
        };
        for (index, part) in parts.iter().enumerate() {
            if let Some(allowed) =
                self.allowed_values(SchemaRef::from(part), &pointer.join("allOf").join(index), depth + 1)
            {
                lists.push(allowed);
            }
        }
        let mut lists = lists.into_iter();
        let mut allowed = lists.next()?;
        for other in lists {
            if other.integer != allowed.integer {
                return None;
            }
            allowed.values.retain(|value| other.values.contains(value));
        }
        (!allowed.values.is_empty()).then_some(allowed)
    }

    /// The one string value a property allows (`enum: [x]`), if it allows exactly one.
    pub(crate) fn single_value(&mut self, schema: SchemaRef<'a>, pointer: &Pointer) -> Option<String> {
        let (schema, _) = self.resolve(schema, pointer)?;
        match &schema.schema_kind {
            SchemaKind::Type(Type::String(string)) => match string.enumeration.as_slice() {
                [Some(value)] => Some(value.clone()),
                _ => None,
            },
            SchemaKind::Any(any) => match any.enumeration.as_slice() {
                [serde_json::Value::String(value)] => Some(value.clone()),
                _ => None,
            },
            _ => None,
        }
    }

    fn lower_union(
        &mut self,
        members: &'a [ReferenceOr<Schema>],
        keyword: &str,
        data: &'a SchemaData,
        pointer: &Pointer,
        hint: &str,
        slot: Option<TypeId>,
    ) -> Lowered {
        // `anyOf: [X, null]` and the like only make X nullable: X keeps its own name and shape.
        let mut non_null = Vec::new();
        let mut nullable = false;
        for (index, member) in members.iter().enumerate() {
            let member_pointer = pointer.join(keyword).join(index);
            match self.resolve(SchemaRef::from(member), &member_pointer) {
                Some((schema, _)) if is_null_schema(schema) => nullable = true,
                _ => non_null.push((SchemaRef::from(member), member_pointer)),
            }
        }
        if nullable && non_null.len() == 1 {
            let (only, only_pointer) = &non_null[0];
            let inner = self.lower_schema(*only, only_pointer, hint, slot);
            return Lowered {
                nullable: true,
                docs: data.description.as_deref().and_then(Docs::from_spec).or(inner.docs),
                ..inner
            };
        }
        // Members that are unions themselves are spliced in: one level of choice in Rust.
        let mut flat: Vec<(SchemaRef<'a>, Pointer)> = Vec::new();
        self.flatten_union(members, &pointer.join(keyword), &mut flat, &mut nullable, 0);
        let mut lowered = match flat.as_slice() {
            [] => {
                self.degrade(pointer, Untyped::EmptyUnion, None);
                Lowered::plain(TypeRef::Json)
            }
            [(only, only_pointer)] => {
                // A union of one tagged member is still a union: the server may add members.
                if let Some(ty) = self.lower_tagged_union(&flat, data.discriminator.as_ref(), data, pointer, hint, slot)
                {
                    Lowered::plain(ty)
                } else {
                    let only_pointer = only_pointer.clone();
                    let inner = self.lower_schema(*only, &only_pointer, hint, slot);
                    Lowered { docs: data.description.as_deref().and_then(Docs::from_spec).or(inner.docs), ..inner }
                }
            }
            _ => self.lower_multi_union(&flat, data, pointer, hint, slot),
        };
        lowered.nullable |= nullable;
        lowered
    }

    fn flatten_union(
        &mut self,
        members: &'a [ReferenceOr<Schema>],
        pointer: &Pointer,
        out: &mut Vec<(SchemaRef<'a>, Pointer)>,
        nullable: &mut bool,
        depth: usize,
    ) {
        for (index, member) in members.iter().enumerate() {
            let member_pointer = pointer.join(index);
            let member = SchemaRef::from(member);
            let resolved = if depth < MAX_DEPTH { self.resolve(member, &member_pointer) } else { None };
            if let Some((schema, resolved_pointer)) = resolved {
                if is_null_schema(schema) {
                    *nullable = true;
                    continue;
                }
                *nullable |= schema.schema_data.nullable;
                match &schema.schema_kind {
                    SchemaKind::OneOf { one_of: inner } => {
                        self.flatten_union(inner, &resolved_pointer.join("oneOf"), out, nullable, depth + 1);
                        continue;
                    }
                    SchemaKind::AnyOf { any_of: inner } => {
                        self.flatten_union(inner, &resolved_pointer.join("anyOf"), out, nullable, depth + 1);
                        continue;
                    }
                    _ => {}
                }
            }
            out.push((member, member_pointer));
        }
    }

    fn lower_multi_union(
        &mut self,
        members: &[(SchemaRef<'a>, Pointer)],
        data: &'a SchemaData,
        pointer: &Pointer,
        hint: &str,
        slot: Option<TypeId>,
    ) -> Lowered {
        if let Some(values) = self.named_constants(members) {
            return Lowered::plain(self.define_enum_of(values, false, pointer, hint, slot, data));
        }
        let mut kinds = Vec::new();
        for (member, member_pointer) in members {
            kinds.push(self.json_kind(*member, member_pointer, 0));
        }
        if kinds.iter().all(|k| *k == Some(JsonKind::String))
            && let Some(ty) = self.lower_string_union(members, data, pointer, hint, slot)
        {
            return Lowered::plain(ty);
        }
        if kinds.iter().all(|k| *k == Some(JsonKind::Object))
            && let Some(ty) = self.lower_tagged_union(members, data.discriminator.as_ref(), data, pointer, hint, slot)
        {
            return Lowered::plain(ty);
        }
        let distinct: BTreeSet<_> = kinds.iter().copied().collect();
        if distinct.len() == kinds.len() && kinds.iter().all(Option::is_some) {
            let id = self.reserve(slot, pointer, hint, data);
            let union_name = self.types[id.0].rust_name.clone();
            let mut taken = BTreeSet::new();
            let mut variants = Vec::new();
            for ((member, member_pointer), kind) in members.iter().zip(kinds.iter().flatten()) {
                let base = match member {
                    SchemaRef::Ref(reference) => {
                        reference.rsplit('/').next().map_or_else(|| kind_name(*kind).to_owned(), ident::type_name)
                    }
                    SchemaRef::Inline(_) => kind_name(*kind).to_owned(),
                };
                let rust_name = self.unique_member_name(&mut taken, &base, member_pointer, &base);
                let lowered = self.lower_schema(*member, member_pointer, &format!("{union_name}{base}"), None);
                variants.push(KindVariant {
                    kind: *kind,
                    rust_name,
                    ty: lowered.ty,
                    constraints: lowered.constraints,
                    storage: Storage::Inline,
                    shape: MemberShape::default(),
                });
            }
            self.set_kind(id, TypeKind::KindUnion(KindUnionDef { variants, by_rule: false, open: false }));
            return Lowered::plain(TypeRef::Named(id));
        }
        if let Some(ty) = self.lower_kind_union_of_tagged_objects(members, &kinds, data, pointer, hint, slot) {
            return Lowered::plain(ty);
        }
        match self.lower_union_by_rule(members, &kinds, data, pointer, hint, slot) {
            Ok(ty) => Lowered::plain(ty),
            Err(_)
                if kinds.iter().all(|kind| *kind == Some(JsonKind::Object))
                    && let Some(ty) = self.lower_merged_objects(members, data, pointer, hint, slot) =>
            {
                Lowered::plain(ty)
            }
            Err(why) => {
                self.degrade(pointer, Untyped::IndistinctUnion, Some(&why));
                Lowered::plain(TypeRef::Json)
            }
        }
    }

    /// Objects no rule tells apart (one member's value fits another: members that are subsets of
    /// one another): one struct with every member's properties, in the order they first appear.
    /// A property is required only when every member requires it; one the members describe
    /// differently holds any of their descriptions (their union, lowered as any union is). As
    /// every struct the server sends, it keeps the fields it does not declare, so nothing a
    /// member holds is lost. The rule is said on the type's docs. `None` when a member is not an
    /// object.
    fn lower_merged_objects(
        &mut self,
        members: &[(SchemaRef<'a>, Pointer)],
        data: &'a SchemaData,
        pointer: &Pointer,
        hint: &str,
        slot: Option<TypeId>,
    ) -> Option<TypeRef> {
        let mut views = Vec::new();
        for (member, member_pointer) in members {
            views.push(self.object_view(*member, member_pointer, 0)?);
        }
        // Each property's distinct descriptions, in member order.
        let mut properties: Vec<(&'a str, Vec<(SchemaRef<'a>, Pointer)>)> = Vec::new();
        for view in &views {
            for (name, property, property_pointer) in &view.properties {
                let index = properties.iter().position(|(known, _)| known == name).unwrap_or_else(|| {
                    properties.push((name, Vec::new()));
                    properties.len() - 1
                });
                let schemas = &mut properties[index].1;
                if !schemas.iter().any(|(known, _)| same_schema(*known, *property)) {
                    schemas.push((*property, property_pointer.clone()));
                }
            }
        }
        let id = self.reserve(slot, pointer, hint, data);
        let rule = Docs::generated(
            "The members of this union overlap (a value of one is a value of another), so it is\n\
             one struct with every member's properties: a property is required only when every\n\
             member requires it, and a property the members describe differently holds any of\n\
             their types. Fields no member declares are kept.",
        );
        let draft = &mut self.types[id.0];
        draft.docs = Some(draft.docs.take().map_or_else(|| rule.clone(), |docs| docs.then(&rule)));
        let rust_name = self.types[id.0].rust_name.clone();
        let mut taken = BTreeSet::new();
        let mut fields = Vec::new();
        for (wire_name, schemas) in properties {
            let required = views.iter().all(|view| view.required.contains(wire_name));
            let (_, first_pointer) = &schemas[0];
            let rust_field =
                self.unique_member_name(&mut taken, &ident::field_name(wire_name), first_pointer, wire_name);
            let type_hint = format!("{rust_name}{}", ident::upper_camel_case(wire_name));
            let described = schemas.len();
            let schemas = self.distinct_on_the_wire(schemas);
            let lowered = match schemas.as_slice() {
                // Scalars of one kind with different limits: the kind, without the limits (a
                // value within any member's is valid).
                [(only, only_pointer)] if described > 1 => Lowered {
                    constraints: Constraints::default(),
                    ..self.lower_schema(*only, only_pointer, &type_hint, None)
                },
                [(only, only_pointer)] => self.lower_schema(*only, only_pointer, &type_hint, None),
                [(first, first_pointer), ..] => {
                    let (first_schema, _) = self.resolve(*first, first_pointer)?;
                    let mut nullable = false;
                    for (schema, schema_pointer) in &schemas {
                        nullable |= self.resolve(*schema, schema_pointer).is_some_and(|(s, _)| s.schema_data.nullable);
                    }
                    let union =
                        self.lower_multi_union(&schemas, &first_schema.schema_data, first_pointer, &type_hint, None);
                    Lowered { nullable: union.nullable || nullable, docs: None, ..union }
                }
                [] => continue,
            };
            fields.push(declared_field(wire_name, rust_field, lowered, required, Paging::Unpaged));
        }
        self.set_kind(
            id,
            TypeKind::Struct(StructDef {
                fields,
                additional: None,
                closed: false,
                rules: Vec::new(),
                choices: Vec::new(),
                extra_fields: None,
            }),
        );
        Some(TypeRef::Named(id))
    }

    /// The descriptions of one property by several members, as the members of one union: unions
    /// among them spliced in (one level), and of the scalars of one kind without listed values
    /// (an integer with different limits, a string of another format), only the first, since
    /// they are the same values on the wire.
    fn distinct_on_the_wire(&mut self, schemas: Vec<(SchemaRef<'a>, Pointer)>) -> Vec<(SchemaRef<'a>, Pointer)> {
        let mut spliced = Vec::new();
        for (schema, schema_pointer) in schemas {
            match self.resolve(schema, &schema_pointer) {
                Some((resolved, resolved_pointer)) => match &resolved.schema_kind {
                    SchemaKind::OneOf { one_of: members } | SchemaKind::AnyOf { any_of: members } => {
                        let keyword =
                            if matches!(resolved.schema_kind, SchemaKind::OneOf { .. }) { "oneOf" } else { "anyOf" };
                        for (index, member) in members.iter().enumerate() {
                            spliced.push((SchemaRef::from(member), resolved_pointer.join(keyword).join(index)));
                        }
                    }
                    _ => spliced.push((schema, schema_pointer)),
                },
                None => spliced.push((schema, schema_pointer)),
            }
        }
        let mut distinct: Vec<(SchemaRef<'a>, Pointer)> = Vec::new();
        let mut scalar_kinds = BTreeSet::new();
        for (schema, schema_pointer) in spliced {
            if distinct.iter().any(|(known, _)| same_schema(*known, schema)) {
                continue;
            }
            let kind = self.json_kind(schema, &schema_pointer, 0);
            let plain_scalar = match kind {
                Some(JsonKind::Integer | JsonKind::Number | JsonKind::Boolean) => {
                    self.allowed_values(schema, &schema_pointer, 0).is_none()
                }
                Some(JsonKind::String) => self.tag_values(schema, &schema_pointer).is_empty(),
                _ => false,
            };
            if plain_scalar && !scalar_kinds.insert(kind) {
                continue;
            }
            distinct.push((schema, schema_pointer));
        }
        distinct
    }

    /// Members that share a JSON kind, told apart by the runtime's rule for unions without a tag
    /// (`untagged`: by kind, enum values, item kind, required, unique and one-value properties).
    /// The union is made only if the rule, run here on a value of each member's full shape (every
    /// property it declares), chooses that member; otherwise the reason is returned.
    fn lower_union_by_rule(
        &mut self,
        members: &[(SchemaRef<'a>, Pointer)],
        kinds: &[Option<JsonKind>],
        data: &'a SchemaData,
        pointer: &Pointer,
        hint: &str,
        slot: Option<TypeId>,
    ) -> Result<TypeRef, String> {
        let mut chosen: Vec<(SchemaRef<'a>, &Pointer, JsonKind, MemberShape)> = Vec::new();
        let mut plain_strings = 0;
        for ((member, member_pointer), kind) in members.iter().zip(kinds) {
            let Some(kind) = *kind else {
                return Err(format!("the JSON kind of the member at `{}` is not known", member_pointer.as_str()));
            };
            let shape = self.member_shape(*member, member_pointer, kind);
            let plain_string = kind == JsonKind::String && shape.values.is_empty();
            plain_strings += usize::from(plain_string);
            // Strings without enum values (plain, or with different formats) are the same values
            // on the wire: the first of them reads them all, as a `String`.
            if plain_string && chosen.iter().any(|(_, _, k, s)| *k == JsonKind::String && s.values.is_empty()) {
                continue;
            }
            chosen.push((*member, member_pointer, kind, shape));
        }
        // Variant names, unique (`ObjectArray`, `ObjectArray2`), which messages use too.
        let mut taken = BTreeSet::new();
        let names: Vec<String> = chosen
            .iter()
            .map(|(member, _, kind, shape)| {
                let base = ident::type_name(&member_label(*member, *kind, shape));
                let mut name = base.clone();
                let mut counter = 2;
                while !taken.insert(name.clone()) {
                    name = format!("{base}{counter}");
                    counter += 1;
                }
                name
            })
            .collect();
        let shapes: Vec<(JsonKind, &MemberShape)> = chosen.iter().map(|(_, _, kind, shape)| (*kind, shape)).collect();
        super::untagged::tells_apart(&names, &shapes)?;

        let id = self.reserve(slot, pointer, hint, data);
        let union_name = self.types[id.0].rust_name.clone();
        let mut variants = Vec::new();
        for ((member, member_pointer, kind, shape), rust_name) in chosen.into_iter().zip(names) {
            let lowered = self.lower_schema(member, member_pointer, &format!("{union_name}{rust_name}"), None);
            let collapsed = kind == JsonKind::String && shape.values.is_empty() && plain_strings > 1;
            variants.push(KindVariant {
                kind,
                rust_name,
                ty: if collapsed { TypeRef::String } else { wrap_nullable(lowered.ty, lowered.nullable) },
                constraints: if collapsed { Constraints::default() } else { lowered.constraints },
                storage: Storage::Inline,
                shape,
            });
        }
        self.set_kind(id, TypeKind::KindUnion(KindUnionDef { variants, by_rule: true, open: false }));
        Ok(TypeRef::Named(id))
    }

    /// What the rule for unions without a tag reads of a member of `kind`.
    fn member_shape(&mut self, member: SchemaRef<'a>, pointer: &Pointer, kind: JsonKind) -> MemberShape {
        let mut shape = MemberShape::default();
        match kind {
            JsonKind::String => shape.values = self.tag_values(member, pointer),
            JsonKind::Array => {
                if let Some((schema, schema_pointer)) = self.resolve(member, pointer)
                    && let SchemaKind::Type(Type::Array(array)) = &schema.schema_kind
                    && let Some(items) = &array.items
                {
                    shape.items = self.json_kind(SchemaRef::from(items), &schema_pointer.join("items"), 0);
                }
            }
            JsonKind::Object => {
                if let Some(view) = self.object_view(member, pointer, 0) {
                    shape.required = view.required.iter().map(|name| (*name).to_owned()).collect();
                    for (name, property, property_pointer) in &view.properties {
                        shape.declared.push((*name).to_owned());
                        if let Some(value) = self.single_value(*property, property_pointer) {
                            shape.constants.push(((*name).to_owned(), value));
                        }
                        if let Some(kind) = self.json_kind(*property, property_pointer, 0) {
                            shape.kinds.push(((*name).to_owned(), kind));
                        }
                        // A one-value property one level down (`configuration.type`).
                        if let Some(inner) = self.object_view(*property, property_pointer, 0) {
                            for (inner_name, inner_property, inner_pointer) in &inner.properties {
                                if let Some(value) = self.single_value(*inner_property, inner_pointer) {
                                    shape.nested_constants.push(((*name).to_owned(), (*inner_name).to_owned(), value));
                                }
                            }
                        }
                    }
                }
            }
            JsonKind::Boolean | JsonKind::Integer | JsonKind::Number => {}
        }
        shape
    }

    /// A string (or other scalar) or one of several tagged objects (`"all"` or a
    /// `{type: thinking_turns, ...}`): the objects form a tagged union of their own, which is the
    /// kind union's object member.
    fn lower_kind_union_of_tagged_objects(
        &mut self,
        members: &[(SchemaRef<'a>, Pointer)],
        kinds: &[Option<JsonKind>],
        data: &'a SchemaData,
        pointer: &Pointer,
        hint: &str,
        slot: Option<TypeId>,
    ) -> Option<TypeRef> {
        let objects: Vec<(SchemaRef<'a>, Pointer)> = members
            .iter()
            .zip(kinds)
            .filter(|(_, kind)| **kind == Some(JsonKind::Object))
            .map(|(member, _)| member.clone())
            .collect();
        let others: Vec<_> = members.iter().zip(kinds).filter(|(_, kind)| **kind != Some(JsonKind::Object)).collect();
        let other_kinds: BTreeSet<_> = others.iter().map(|(_, kind)| **kind).collect();
        if objects.len() < 2 || others.is_empty() || other_kinds.len() != others.len() || other_kinds.contains(&None) {
            return None;
        }
        // The objects' own discriminator was spliced away with their union: infer the tag.
        let object_ty = self.lower_tagged_union(&objects, None, data, pointer, &format!("{hint}Object"), None)?;
        let id = self.reserve(slot, pointer, hint, data);
        let union_name = self.types[id.0].rust_name.clone();
        let mut variants = Vec::new();
        for ((member, member_pointer), kind) in others {
            let kind = kind.unwrap_or(JsonKind::String);
            let base = kind_name(kind).to_owned();
            let lowered = self.lower_schema(*member, member_pointer, &format!("{union_name}{base}"), None);
            variants.push(KindVariant {
                kind,
                rust_name: base,
                ty: lowered.ty,
                constraints: lowered.constraints,
                storage: Storage::Inline,
                shape: MemberShape::default(),
            });
        }
        variants.push(KindVariant {
            kind: JsonKind::Object,
            rust_name: "Object".to_owned(),
            ty: object_ty,
            constraints: Constraints::default(),
            storage: Storage::Inline,
            shape: MemberShape::default(),
        });
        self.set_kind(id, TypeKind::KindUnion(KindUnionDef { variants, by_rule: false, open: false }));
        Some(TypeRef::Named(id))
    }

    /// `anyOf: [string, enum]` (an open enum) or a union of string enums (their values merged).
    fn lower_string_union(
        &mut self,
        members: &[(SchemaRef<'a>, Pointer)],
        data: &'a SchemaData,
        pointer: &Pointer,
        hint: &str,
        slot: Option<TypeId>,
    ) -> Option<TypeRef> {
        let mut values = Vec::new();
        let mut open = false;
        for (member, member_pointer) in members {
            let (schema, _) = self.resolve(*member, member_pointer)?;
            match &schema.schema_kind {
                SchemaKind::Type(Type::String(string)) if string.enumeration.is_empty() => open = true,
                SchemaKind::Type(Type::String(string)) => {
                    values.extend(string.enumeration.iter().flatten().map(String::as_str));
                }
                SchemaKind::Any(any) if !any.enumeration.is_empty() => {
                    values.extend(any.enumeration.iter().filter_map(serde_json::Value::as_str));
                }
                _ => return None,
            }
        }
        if values.is_empty() {
            return Some(TypeRef::String);
        }
        Some(self.define_enum(&values, open, pointer, hint, slot, data))
    }

    /// A union of objects told apart by one property with a different constant value on each.
    fn lower_tagged_union(
        &mut self,
        members: &[(SchemaRef<'a>, Pointer)],
        explicit: Option<&'a openapiv3::Discriminator>,
        data: &'a SchemaData,
        pointer: &Pointer,
        hint: &str,
        slot: Option<TypeId>,
    ) -> Option<TypeRef> {
        let mut views = Vec::new();
        for (member, member_pointer) in members {
            views.push(self.object_view(*member, member_pointer, 0)?);
        }
        if let Some(discriminator) = explicit {
            // A mapping entry names a schema: by `$ref`, or by its bare name.
            for (value, target) in &discriminator.mapping {
                let reference = if target.starts_with('#') {
                    target.clone()
                } else {
                    Pointer::from_tokens(["components", "schemas", target]).to_reference()
                };
                let mapping_pointer = pointer.join("discriminator").join("mapping").join(value);
                let _ = self.component_of(&reference, &mapping_pointer);
            }
        }
        for tag in tag_candidates(&views, explicit) {
            let Some((values, integer)) = self.members_tag_values(&tag, members, &views, explicit) else { continue };
            let id = self.reserve(slot, pointer, hint, data);
            let variants = self.tagged_variants(id, members, values, integer);
            self.set_kind(id, TypeKind::TaggedUnion(TaggedUnionDef { tag, variants, open: false }));
            return Some(TypeRef::Named(id));
        }
        None
    }

    /// Each member's values of the property `tag` (usually one; several when the member accepts
    /// aliases), from the discriminator's mapping or the member's schema; `None` when a member
    /// has none, or one another member has too; and whether the tag is an integer.
    fn members_tag_values(
        &mut self,
        tag: &str,
        members: &[(SchemaRef<'a>, Pointer)],
        views: &[ObjectView<'a>],
        explicit: Option<&'a openapiv3::Discriminator>,
    ) -> Option<(Vec<Vec<String>>, bool)> {
        let mut values: Vec<Vec<String>> = Vec::new();
        // Whether the tag is an integer: every member's values are of one kind.
        let mut integer = None;
        for ((member, member_pointer), view) in members.iter().zip(views) {
            let from_mapping: Vec<String> = explicit
                .map(|d| {
                    let SchemaRef::Ref(reference) = member else { return Vec::new() };
                    d.mapping
                        .iter()
                        .filter(|(_, target)| *target == reference)
                        .map(|(value, _)| value.clone())
                        .collect()
                })
                .unwrap_or_default();
            let property = view.properties.iter().find(|(name, _, _)| *name == tag);
            let from_schema = match property {
                Some((_, schema, property_pointer)) => {
                    let property_pointer = property_pointer.clone();
                    self.allowed_values(*schema, &property_pointer, 0)
                }
                None => None,
            };
            let member_integer = from_schema.as_ref().is_some_and(|allowed| allowed.integer);
            if *integer.get_or_insert(member_integer) != member_integer {
                return None;
            }
            let from_schema = from_schema.map(|allowed| allowed.values).unwrap_or_default();
            let member_values = if from_mapping.is_empty() { from_schema } else { from_mapping };
            let clash = member_values.iter().any(|value| values.iter().flatten().any(|taken| taken == value));
            if member_values.is_empty() || clash {
                if explicit.is_some() {
                    self.diagnostics.push(
                        Diagnostic::warning(
                            member_pointer,
                            format!("cannot tell the value of discriminator `{tag}` for this member"),
                        )
                        .with_hint("give the property `enum` values no other member has, or list the member in `discriminator.mapping`"),
                    );
                }
                return None;
            }
            values.push(member_values);
        }
        Some((values, integer.unwrap_or(false)))
    }

    /// The variants of the tagged union `id`, one per member, named after its first tag value;
    /// with an `integer` tag, after the component the member refers to (a number names
    /// nothing), or its title.
    fn tagged_variants(
        &mut self,
        id: TypeId,
        members: &[(SchemaRef<'a>, Pointer)],
        values: Vec<Vec<String>>,
        integer: bool,
    ) -> Vec<TaggedVariant> {
        let union_name = self.types[id.0].rust_name.clone();
        let mut taken = BTreeSet::new();
        let mut variants = Vec::new();
        for ((member, member_pointer), mut member_values) in members.iter().zip(values) {
            let value = member_values.remove(0);
            let aliases = member_values;
            let tag_integer = if integer { value.parse::<i64>().ok() } else { None };
            let name = match member {
                SchemaRef::Ref(reference) if integer => reference.rsplit('/').next().unwrap_or(&value).to_owned(),
                SchemaRef::Inline(schema) if integer => {
                    schema.schema_data.title.clone().unwrap_or_else(|| value.clone())
                }
                _ => value.clone(),
            };
            let rust_name = self.unique_member_name(&mut taken, &ident::type_name(&name), member_pointer, &name);
            let lowered = self.lower_schema(*member, member_pointer, &format!("{union_name}{rust_name}"), None);
            let TypeRef::Named(member_id) = lowered.ty else {
                self.degrade(member_pointer, Untyped::NonObjectMember, None);
                continue;
            };
            let docs = self
                .resolve(*member, member_pointer)
                .and_then(|(schema, _)| schema.schema_data.description.as_deref().and_then(Docs::from_spec));
            variants.push(TaggedVariant {
                tag_value: value,
                tag_integer,
                aliases,
                rust_name,
                ty: member_id,
                docs,
                storage: Storage::Inline,
            });
        }
        variants
    }
}

/// The values a schema allows (see `allowed_values`).
struct Allowed {
    /// Integers (as their decimal digits), or strings.
    integer: bool,
    values: Vec<String>,
}

impl Allowed {
    /// A listed `enum` (its `null` aside: that is nullability), if its values are all strings or
    /// all integers.
    fn of(values: &[serde_json::Value]) -> Option<Self> {
        let values: Vec<&serde_json::Value> = values.iter().filter(|value| !value.is_null()).collect();
        if values.is_empty() {
            None
        } else if values.iter().all(|value| value.is_string()) {
            Some(Self { integer: false, values: values.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect() })
        } else if values.iter().all(|value| value.is_i64()) {
            Some(Self { integer: true, values: values.iter().map(ToString::to_string).collect() })
        } else {
            None
        }
    }
}

/// A property of an object, declared by its struct.
fn declared_field(wire_name: &str, rust_name: String, lowered: Lowered, required: bool, paging: Paging) -> Field {
    Field {
        wire_name: wire_name.to_owned(),
        rust_name,
        ty: lowered.ty,
        constraints: lowered.constraints,
        presence: Presence::new(required, lowered.nullable),
        docs: lowered.docs,
        default: lowered.default,
        access: Access::from_write_only(lowered.write_only),
        lifecycle: Lifecycle::from_deprecated(lowered.deprecated),
        storage: Storage::Inline,
        placement: Placement::Struct,
        paging,
    }
}

/// Whether two descriptions are the same: one component, or equal inline schemas.
fn same_schema(a: SchemaRef<'_>, b: SchemaRef<'_>) -> bool {
    match (a, b) {
        (SchemaRef::Ref(a), SchemaRef::Ref(b)) => a == b,
        (SchemaRef::Inline(a), SchemaRef::Inline(b)) => a == b,
        _ => false,
    }
}

/// One value of an enum being defined.
struct EnumValue {
    /// The value as text (an integer's decimal digits).
    wire: String,
    /// What the variant is named from: the value, or the title that names it.
    name: String,
    /// The value of an integer enum.
    integer: Option<i64>,
    docs: Option<Docs>,
}

impl EnumValue {
    fn text(value: &str) -> Self {
        Self { wire: value.to_owned(), name: value.to_owned(), integer: None, docs: None }
    }
}

/// The one value a schema allows (`const: x`, normalised to `enum: [x]`), if it allows exactly
/// one and says nothing else of the value's shape.
fn one_constant(schema: &Schema) -> Option<serde_json::Value> {
    match &schema.schema_kind {
        SchemaKind::Type(Type::String(string)) => match string.enumeration.as_slice() {
            [Some(value)] => Some(serde_json::Value::String(value.clone())),
            _ => None,
        },
        SchemaKind::Type(Type::Integer(integer)) => match integer.enumeration.as_slice() {
            [Some(value)] => Some(serde_json::Value::from(*value)),
            _ => None,
        },
        SchemaKind::Any(any)
            if any.properties.is_empty()
                && any.all_of.is_empty()
                && any.one_of.is_empty()
                && any.any_of.is_empty()
                && any.typ.as_deref().is_none_or(|typ| typ == "integer" || typ == "string") =>
        {
            match any.enumeration.as_slice() {
                [value @ (serde_json::Value::String(_) | serde_json::Value::Number(_))] => Some(value.clone()),
                _ => None,
            }
        }
        _ => None,
    }
}

/// The properties that may be a union's tag: the discriminator's, or those every member has
/// (`type` first, then the rest in order; with one member, only `type`).
fn tag_candidates(views: &[ObjectView<'_>], explicit: Option<&openapiv3::Discriminator>) -> Vec<String> {
    if let Some(discriminator) = explicit {
        return vec![discriminator.property_name.clone()];
    }
    let Some(first) = views.first() else { return Vec::new() };
    let mut names: Vec<String> = first.properties.iter().map(|(name, _, _)| (*name).to_owned()).collect();
    names.retain(|name| views.iter().all(|view| view.properties.iter().any(|(n, _, _)| n == name)));
    // With one member every property is "common": only `type` is taken as a tag then.
    if views.len() == 1 {
        names.retain(|name| name == "type");
    }
    names.sort_by_key(|name| name != "type");
    names
}

impl<'a> ObjectView<'a> {
    /// Adds another part's properties; a property named again keeps its first position.
    fn merge(&mut self, other: ObjectView<'a>) {
        for (name, schema, pointer) in other.properties {
            match self.properties.iter_mut().find(|(n, _, _)| *n == name) {
                Some(existing) => *existing = (name, schema, pointer),
                None => self.properties.push((name, schema, pointer)),
            }
        }
        self.required.extend(other.required);
        if other.additional.is_some() {
            self.additional = other.additional;
        }
    }
}

fn single(kinds: BTreeSet<Option<JsonKind>>) -> Option<JsonKind> {
    match kinds.into_iter().collect::<Vec<_>>().as_slice() {
        [Some(kind)] => Some(*kind),
        _ => None,
    }
}

/// A union member's name in messages and as a variant: the component it refers to, or what it
/// reads (`String`, `Enum`, the one value of a one-value enum, `IntegerArray`, `Object`).
fn member_label(member: SchemaRef<'_>, kind: JsonKind, shape: &MemberShape) -> String {
    match (member, kind, shape.values.as_slice()) {
        (SchemaRef::Ref(reference), ..) => reference.rsplit('/').next().unwrap_or(kind_name(kind)).to_owned(),
        (SchemaRef::Inline(_), JsonKind::String, [only]) => only.clone(),
        (SchemaRef::Inline(_), JsonKind::String, [_, _, ..]) => "Enum".to_owned(),
        (SchemaRef::Inline(_), JsonKind::Array, _) => match shape.items {
            Some(items) => format!("{}Array", kind_name(items)),
            None => "Array".to_owned(),
        },
        (SchemaRef::Inline(_), ..) => kind_name(kind).to_owned(),
    }
}

fn kind_name(kind: JsonKind) -> &'static str {
    match kind {
        JsonKind::Boolean => "Boolean",
        JsonKind::Integer => "Integer",
        JsonKind::Number => "Number",
        JsonKind::String => "String",
        JsonKind::Array => "Array",
        JsonKind::Object => "Object",
    }
}

/// A member that only allows `null`: `{nullable: true}` with nothing else, or `enum: [null]`.
fn is_null_schema(schema: &Schema) -> bool {
    match &schema.schema_kind {
        SchemaKind::Any(any) => {
            (any.enumeration.len() == 1 && any.enumeration[0].is_null()) || any.typ.as_deref() == Some("null")
        }
        SchemaKind::Type(Type::String(string)) => {
            !string.enumeration.is_empty() && string.enumeration.iter().all(Option::is_none)
        }
        _ => false,
    }
}

pub(crate) fn wrap_nullable(ty: TypeRef, nullable: bool) -> TypeRef {
    if nullable { TypeRef::Nullable(Box::new(ty)) } else { ty }
}

#[cfg(test)]
mod tests {
    use crate::ir::{EnumDef, Ir, Presence, TypeKind, TypeRef};
    use crate::lower::lowered;

    fn enum_named<'ir>(ir: &'ir Ir, name: &str) -> &'ir EnumDef {
        let def = ir.types.iter().find(|def| def.rust_name == name).unwrap_or_else(|| panic!("no type `{name}`"));
        let TypeKind::Enum(e) = &def.kind else { panic!("`{name}` is not an enum: {:?}", def.kind) };
        e
    }

    fn variants(e: &EnumDef) -> Vec<(&str, &str, Option<i64>)> {
        e.variants.iter().map(|v| (v.rust_name.as_str(), v.wire.as_str(), v.integer)).collect()
    }

    /// `oneOf` of titled constants: integers (3.1 `const`, or a one-value `enum`, by `$ref` too)
    /// and strings are enums named by the titles; untitled strings keep the names of their values.
    #[test]
    fn titled_constants_are_enums_named_by_their_titles() {
        let ir = lowered(
            r"
openapi: 3.1.0
info: {title: Constants, version: '1'}
paths: {}
components:
  schemas:
    Kind:
      oneOf:
        - {const: 1, title: Text Channel, description: Words.}
        - {type: integer, enum: [2], title: voice}
        - $ref: '#/components/schemas/Stage'
    Stage: {const: 13}
    Tier:
      oneOf: [{const: p, title: Premium}, {const: f, title: Free}]
    Plain:
      oneOf: [{const: a}, {const: b}]
    Mixed:
      oneOf: [{const: 1, title: One}, {const: b, title: Bee}]
",
        );
        let kind = enum_named(&ir, "Kind");
        assert!(kind.is_integer());
        assert_eq!(variants(kind), [("TextChannel", "1", Some(1)), ("Voice", "2", Some(2)), ("Stage", "13", Some(13))]);
        assert_eq!(kind.variants[0].docs.as_ref().map(crate::ir::Docs::as_str), Some("Words."));
        let tier = enum_named(&ir, "Tier");
        assert!(!tier.is_integer());
        assert_eq!(variants(tier), [("Premium", "p", None), ("Free", "f", None)]);
        assert_eq!(variants(enum_named(&ir, "Plain")), [("A", "a", None), ("B", "b", None)]);
        let mixed = ir.types.iter().find(|def| def.rust_name == "Mixed").expect("Mixed");
        assert!(!matches!(mixed.kind, TypeKind::Enum(_)), "integers and strings are not one enum");
    }

    /// A tag narrowed by `allOf` to one value (its own `enum` beside the `$ref`, or an inline
    /// `enum` part) is a known tag: integers make a union tagged by an integer, named after the
    /// members' components; the tag property keeps the referenced enum's type.
    #[test]
    fn a_tag_narrowed_by_all_of_makes_a_tagged_union() {
        let ir = lowered(
            r"
openapi: 3.1.0
info: {title: Narrowed, version: '1'}
paths: {}
components:
  schemas:
    Types:
      type: integer
      oneOf: [{const: 1, title: Row}, {const: 2, title: Button}]
    Row:
      type: object
      properties: {type: {type: integer, enum: [1], allOf: [$ref: '#/components/schemas/Types']}}
    Button:
      type: object
      properties: {type: {type: integer, enum: [2], allOf: [$ref: '#/components/schemas/Types']}}
    Part:
      oneOf: [$ref: '#/components/schemas/Row', $ref: '#/components/schemas/Button']
    Kinds: {type: string, enum: [a, b]}
    A:
      type: object
      properties: {kind: {allOf: [$ref: '#/components/schemas/Kinds', {enum: [a]}]}}
    B:
      type: object
      properties: {kind: {allOf: [$ref: '#/components/schemas/Kinds', {enum: [b]}]}}
    Either:
      oneOf: [$ref: '#/components/schemas/A', $ref: '#/components/schemas/B']
",
        );
        let union = |name: &str| {
            let def = ir.types.iter().find(|def| def.rust_name == name).expect("the union");
            let TypeKind::TaggedUnion(u) = &def.kind else { panic!("`{name}` is not tagged: {:?}", def.kind) };
            u
        };
        let part = union("Part");
        assert!(part.is_integer_tagged());
        let tags: Vec<_> = part.variants.iter().map(|v| (v.rust_name.as_str(), v.tag_integer)).collect();
        assert_eq!(tags, [("Row", Some(1)), ("Button", Some(2))]);
        let either = union("Either");
        assert!(!either.is_integer_tagged());
        let tags: Vec<_> = either.variants.iter().map(|v| (v.rust_name.as_str(), v.tag_value.as_str())).collect();
        assert_eq!(tags, [("A", "a"), ("B", "b")]);
        let row = ir.types.iter().find(|def| def.rust_name == "Row").expect("Row");
        let TypeKind::Struct(row) = &row.kind else { panic!("Row is a struct") };
        let types = ir.types.iter().position(|def| def.rust_name == "Types").expect("Types");
        assert_eq!(row.fields[0].ty, TypeRef::Named(crate::ir::TypeId(types)), "the tag keeps the enum type");
    }

    /// Objects the rule cannot tell apart are one struct: every property, required only when
    /// every member requires it, scalars of one kind with different limits as that kind without
    /// limits; a union the rule tells apart keeps its enum.
    #[test]
    fn overlapping_objects_are_one_merged_struct() {
        let ir = lowered(
            r"
openapi: 3.0.3
info: {title: Overlap, version: '1'}
paths: {}
components:
  schemas:
    Narrow:
      type: object
      required: [a, n]
      properties: {a: {type: string}, n: {type: integer, maximum: 10}}
    Wide:
      type: object
      required: [a]
      properties: {a: {type: string}, b: {type: string}, n: {type: integer, maximum: 99}}
    Overlapping:
      oneOf: [$ref: '#/components/schemas/Narrow', $ref: '#/components/schemas/Wide']
    Apart:
      oneOf: [$ref: '#/components/schemas/Narrow', {type: object, required: [z], properties: {z: {type: string}}}]
",
        );
        let def = ir.types.iter().find(|def| def.rust_name == "Overlapping").expect("Overlapping");
        let TypeKind::Struct(merged) = &def.kind else { panic!("not merged: {:?}", def.kind) };
        let fields: Vec<_> = merged
            .fields
            .iter()
            .map(|f| (f.wire_name.as_str(), f.presence, f.ty.clone(), f.constraints.is_empty()))
            .collect();
        assert_eq!(
            fields,
            [
                ("a", Presence::Required, TypeRef::String, true),
                ("n", Presence::Optional, TypeRef::I64, true),
                ("b", Presence::Optional, TypeRef::String, true),
            ]
        );
        assert!(
            def.docs.as_ref().is_some_and(|docs| docs.as_str().contains("one struct with every member's properties"))
        );
        let apart = ir.types.iter().find(|def| def.rust_name == "Apart").expect("Apart");
        assert!(matches!(apart.kind, TypeKind::KindUnion(_)), "told apart by the rule: {:?}", apart.kind);
    }
}
