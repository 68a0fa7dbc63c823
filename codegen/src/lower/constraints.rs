//! Reading the limits a schema states (JSON Schema validation keywords and our vendor
//! extensions) into [`Constraints`], where the validation emitter finds them.

use openapiv3::{AdditionalProperties, ReferenceOr, Schema, SchemaKind, Type, VariantOrUnknownOrEmpty};

use super::{Lowerer, SchemaRef};
use crate::Pointer;
use crate::diagnostics::Diagnostic;
use crate::docs::code_span;
use crate::ir::{Bound, CheckedFormat, Constraints, ItemRule, Number};

/// How deep `items`/`additionalProperties` chains are followed (a loop through `$ref`s).
const MAX_DEPTH: usize = 16;

impl<'a> Lowerer<'a> {
    /// The limits the schema states on its own value; a named object, union or enum checks its
    /// own parts, so only strings, numbers, arrays and maps carry limits to their use site.
    pub(crate) fn constraints_of(&mut self, schema: SchemaRef<'a>, pointer: &Pointer, depth: usize) -> Constraints {
        if depth > MAX_DEPTH {
            return Constraints::default();
        }
        let (schema, pointer) = match schema {
            SchemaRef::Inline(schema) => (schema, pointer.clone()),
            SchemaRef::Ref(reference) => match self.component_of(reference, pointer) {
                Some((name, schema)) => (schema, Pointer::from_tokens(["components", "schemas", name])),
                None => return Constraints::default(),
            },
        };
        let mut constraints = Constraints::default();
        match &schema.schema_kind {
            SchemaKind::Type(Type::String(string)) => {
                constraints.min_length = string.min_length.map(to_u64);
                constraints.max_length = string.max_length.map(to_u64);
                constraints.pattern = self.checked_pattern(string.pattern.as_deref(), &pointer);
                if let VariantOrUnknownOrEmpty::Unknown(format) = &string.format {
                    constraints.format = CheckedFormat::from_keyword(format);
                }
            }
            SchemaKind::Type(Type::Integer(integer)) => {
                constraints.minimum = integer
                    .minimum
                    .map(|value| Bound { value: Number::Integer(value), exclusive: integer.exclusive_minimum });
                constraints.maximum = integer
                    .maximum
                    .map(|value| Bound { value: Number::Integer(value), exclusive: integer.exclusive_maximum });
                constraints.multiple_of = integer.multiple_of.map(Number::Integer);
            }
            SchemaKind::Type(Type::Number(number)) => {
                constraints.minimum = number
                    .minimum
                    .map(|value| Bound { value: Number::Float(value), exclusive: number.exclusive_minimum });
                constraints.maximum = number
                    .maximum
                    .map(|value| Bound { value: Number::Float(value), exclusive: number.exclusive_maximum });
                constraints.multiple_of = number.multiple_of.map(Number::Float);
            }
            SchemaKind::Type(Type::Array(array)) => {
                constraints.min_items = array.min_items.map(to_u64);
                constraints.max_items = array.max_items.map(to_u64);
                constraints.unique_items = array.unique_items;
                if let Some(items) = &array.items {
                    let items = self.constraints_of(boxed(items), &pointer.join("items"), depth + 1);
                    constraints.items = (!items.is_empty()).then(|| Box::new(items));
                }
                constraints.item_rules = self.item_rules(schema, &pointer);
            }
            SchemaKind::Type(Type::Object(object)) => {
                if object.properties.is_empty() {
                    constraints.min_properties = object.min_properties.map(to_u64);
                    constraints.max_properties = object.max_properties.map(to_u64);
                    if let Some(AdditionalProperties::Schema(values)) = &object.additional_properties {
                        let values_pointer = pointer.join("additionalProperties");
                        let values = self.constraints_of(SchemaRef::from(&**values), &values_pointer, depth + 1);
                        constraints.values = (!values.is_empty()).then(|| Box::new(values));
                    }
                    constraints.keys = self.key_constraints(schema, &pointer).map(Box::new);
                } else if object.min_properties.is_some() || object.max_properties.is_some() {
                    self.diagnostics.push(
                        Diagnostic::warning(
                            &pointer,
                            "`minProperties`/`maxProperties` on an object with named properties is not checked",
                        )
                        .with_hint("the limit is only enforced on maps (`additionalProperties` without `properties`)"),
                    );
                }
            }
            // A part that only describes another (`allOf: [$ref, {maxLength: 8}]`) states the
            // string limits without a `type`.
            SchemaKind::Any(any) if any.properties.is_empty() && any.items.is_none() => {
                constraints.min_length = any.min_length.map(to_u64);
                constraints.max_length = any.max_length.map(to_u64);
                constraints.pattern = self.checked_pattern(any.pattern.as_deref(), &pointer);
            }
            SchemaKind::AllOf { all_of } if all_of.len() == 1 => {
                return self.constraints_of(SchemaRef::from(&all_of[0]), &pointer.join("allOf").join(0), depth + 1);
            }
            _ => {}
        }
        constraints
    }

    /// `x-propertyNames: {minLength, maxLength, pattern}`: what every key of a map must satisfy.
    fn key_constraints(&mut self, schema: &Schema, pointer: &Pointer) -> Option<Constraints> {
        if let Some(serde_json::Value::Array(keywords)) = schema.schema_data.extensions.get("x-propertyNames-unchecked")
        {
            let keywords: Vec<String> =
                keywords.iter().filter_map(serde_json::Value::as_str).map(|keyword| format!("`{keyword}`")).collect();
            self.diagnostics.push(
                Diagnostic::warning(
                    pointer.join("propertyNames"),
                    format!("`propertyNames` keywords {} are not checked", keywords.join(", ")),
                )
                .with_hint("`validate()` checks the `minLength`, `maxLength` and `pattern` of a map's keys; the keys are typed as strings"),
            );
        }
        let value = schema.schema_data.extensions.get("x-propertyNames")?;
        let pointer = pointer.join("x-propertyNames");
        let mut keys = Constraints::default();
        let Some(object) = value.as_object() else {
            self.bad_extension(&pointer, "an object such as `{maxLength: 64}`");
            return None;
        };
        for (keyword, limit) in object {
            match (keyword.as_str(), limit) {
                ("minLength", serde_json::Value::Number(n)) if n.as_u64().is_some() => keys.min_length = n.as_u64(),
                ("maxLength", serde_json::Value::Number(n)) if n.as_u64().is_some() => keys.max_length = n.as_u64(),
                ("pattern", serde_json::Value::String(pattern)) => {
                    keys.pattern = self.checked_pattern(Some(pattern), &pointer);
                }
                _ => self.bad_extension(
                    &pointer.join(keyword),
                    "`minLength`, `maxLength` (non-negative integers) or `pattern` (a string)",
                ),
            }
        }
        Some(keys)
    }

    /// `x-item-rules`: rules over the sequence of an array's tagged items.
    fn item_rules(&mut self, schema: &Schema, pointer: &Pointer) -> Vec<ItemRule> {
        let Some(value) = schema.schema_data.extensions.get("x-item-rules") else { return Vec::new() };
        let pointer = pointer.join("x-item-rules");
        let Some(list) = value.as_array() else {
            self.bad_extension(&pointer, "a list of rules such as `[{tag: system.message, maxCount: 1}]`");
            return Vec::new();
        };
        let mut rules = Vec::new();
        for (index, rule) in list.iter().enumerate() {
            let rule_pointer = pointer.join(index);
            let parsed = rule.as_object().and_then(|rule| {
                let tag = rule.get("tag")?.as_str()?.to_owned();
                let max_count = match rule.get("maxCount") {
                    None => None,
                    Some(count) => Some(count.as_u64()?),
                };
                let only_last = match rule.get("onlyLast") {
                    None => false,
                    Some(flag) => flag.as_bool()?,
                };
                let after = match rule.get("after") {
                    None => Vec::new(),
                    Some(tags) => {
                        tags.as_array()?.iter().map(|t| t.as_str().map(str::to_owned)).collect::<Option<_>>()?
                    }
                };
                let known = ["tag", "maxCount", "onlyLast", "after"];
                rule.keys().all(|key| known.contains(&key.as_str())).then_some(ItemRule {
                    tag,
                    max_count,
                    only_last,
                    after,
                })
            });
            match parsed {
                Some(rule) => rules.push(rule),
                None => self.bad_extension(
                    &rule_pointer,
                    "`{tag: string, maxCount?: integer, onlyLast?: boolean, after?: [string]}`",
                ),
            }
        }
        rules
    }

    /// The pattern, if Rust's `regex` reads it the way the spec means it; otherwise a warning
    /// (ECMA-262 features such as look-around have no equivalent) and no check.
    fn checked_pattern(&mut self, pattern: Option<&str>, pointer: &Pointer) -> Option<String> {
        let pattern = pattern?;
        match regex_syntax::Parser::new().parse(pattern) {
            Ok(_) => Some(pattern.to_owned()),
            Err(error) => {
                let text = error.to_string();
                let last_line = text.lines().last().unwrap_or_default().trim();
                let first_line = last_line.strip_prefix("error: ").unwrap_or(last_line).to_owned();
                self.diagnostics.push(
                    Diagnostic::warning(pointer.join("pattern"), format!("`pattern` is not checked: {first_line}"))
                        .with_hint("use the subset of ECMA-262 that Rust's `regex` crate supports (no look-around, no backreferences)"),
                );
                None
            }
        }
    }

    pub(crate) fn bad_extension(&mut self, pointer: &Pointer, expected: &str) {
        self.diagnostics
            .push(Diagnostic::error(pointer, "malformed vendor extension").with_hint(format!("expected {expected}")));
    }
}

fn boxed(schema: &ReferenceOr<Box<Schema>>) -> SchemaRef<'_> {
    SchemaRef::from(schema)
}

fn to_u64(value: usize) -> u64 {
    u64::try_from(value).unwrap_or(u64::MAX)
}

impl Lowerer<'_> {
    /// `x-mutually-exclusive: [a, b]` on an object (or an operation's query): at most one of the
    /// named properties may be present.
    pub(crate) fn object_rules(
        &mut self,
        data: &openapiv3::SchemaData,
        pointer: &Pointer,
        fields: &[crate::ir::Field],
    ) -> Vec<crate::ir::ObjectRule> {
        self.mutually_exclusive(data.extensions.get("x-mutually-exclusive"), pointer, fields).into_iter().collect()
    }

    pub(crate) fn mutually_exclusive(
        &mut self,
        value: Option<&serde_json::Value>,
        pointer: &Pointer,
        fields: &[crate::ir::Field],
    ) -> Option<crate::ir::ObjectRule> {
        let value = value?;
        let pointer = pointer.join("x-mutually-exclusive");
        let names: Option<Vec<&str>> =
            value.as_array().and_then(|names| names.iter().map(serde_json::Value::as_str).collect());
        let Some(names) = names.filter(|names| names.len() >= 2) else {
            self.bad_extension(&pointer, "a list of at least two property names");
            return None;
        };
        let mut indices = Vec::new();
        for name in names {
            let Some(index) = fields.iter().position(|f| f.wire_name == name) else {
                self.diagnostics.push(
                    Diagnostic::error(
                        &pointer,
                        format!("`x-mutually-exclusive` names `{name}`, which is not a property here"),
                    )
                    .with_hint("list properties of this object (or parameters of this operation)"),
                );
                return None;
            };
            indices.push(index);
        }
        Some(crate::ir::ObjectRule::MutuallyExclusive(indices))
    }
}

impl Lowerer<'_> {
    /// `x-exactly-one-of: {name: outcome, properties: [session_id, error]}`: the properties,
    /// each nullable or optional, of which exactly one is set. They become one field of an enum
    /// type, so a value holding both or neither cannot be built; `finish` gives them back to the
    /// struct if the server sends it (see [`crate::ir::Choice::held`]).
    pub(crate) fn choices(
        &mut self,
        data: &openapiv3::SchemaData,
        pointer: &Pointer,
        owner: &str,
        fields: &mut [crate::ir::Field],
    ) -> Vec<crate::ir::Choice> {
        let Some(value) = data.extensions.get("x-exactly-one-of") else { return Vec::new() };
        let pointer = pointer.join("x-exactly-one-of");
        let parsed = value.as_object().and_then(|object| {
            let name = object.get("name")?.as_str()?;
            let names: Option<Vec<&str>> =
                object.get("properties")?.as_array()?.iter().map(serde_json::Value::as_str).collect();
            let known = object.keys().all(|key| key == "name" || key == "properties");
            names.filter(|names| names.len() >= 2 && known).map(|names| (name, names))
        });
        let Some((name, names)) = parsed else {
            self.bad_extension(&pointer, "`{name: <field name>, properties: [<two or more properties>]}`");
            return Vec::new();
        };
        let mut variants = Vec::new();
        let mut indices = Vec::new();
        for property in names {
            let Some((index, field)) = fields
                .iter_mut()
                .enumerate()
                .find(|(_, f)| f.wire_name == property && f.placement != crate::ir::Placement::Choice)
            else {
                self.diagnostics.push(
                    Diagnostic::error(
                        &pointer,
                        format!("`x-exactly-one-of` names `{property}`, which is not a property here"),
                    )
                    .with_hint("list properties of this object, each at most once"),
                );
                return Vec::new();
            };
            if field.presence == crate::ir::Presence::Required {
                self.diagnostics.push(
                    Diagnostic::error(&pointer, format!("`x-exactly-one-of` names `{property}`, which is always set"))
                        .with_hint("the properties of a choice must be nullable or optional"),
                );
                return Vec::new();
            }
            field.placement = crate::ir::Placement::Choice;
            indices.push(index);
            variants.push(crate::ir::ChoiceVariant {
                wire_name: field.wire_name.clone(),
                rust_name: crate::ident::type_name(&field.wire_name),
                ty: field.ty.clone(),
                constraints: field.constraints.clone(),
                docs: field.docs.clone(),
                storage: crate::ir::Storage::Inline,
            });
        }
        let rust_name = crate::ident::field_name(name);
        if fields.iter().any(|f| f.is_declared() && f.rust_name == rust_name) {
            self.diagnostics.push(
                Diagnostic::error(
                    &pointer,
                    format!("`x-exactly-one-of` is named `{name}`, like a property of the object"),
                )
                .with_hint("choose a name no property has"),
            );
            return Vec::new();
        }
        if crate::ir::STRUCT_METHODS.contains(&rust_name.as_str()) {
            self.diagnostics.push(
                Diagnostic::error(
                    &pointer,
                    format!("`x-exactly-one-of` is named `{name}`, like a method every generated struct may have"),
                )
                .with_hint(format!(
                    "choose a name other than {}",
                    crate::ir::STRUCT_METHODS.iter().map(|method| code_span(method)).collect::<Vec<_>>().join(", ")
                )),
            );
            return Vec::new();
        }
        let kind = crate::ir::TypeKind::Choice(crate::ir::ChoiceDef { variants, view: false });
        let ty = self.new_type(
            &format!("{owner}{}", crate::ident::type_name(name)),
            pointer.clone(),
            crate::ir::Purpose::Choice,
            kind,
        );
        let docs = Some(crate::ir::Docs::generated(&format!(
            "Exactly one of {} is set; the others are `null` on the wire.",
            fields
                .iter()
                .filter(|f| f.placement == crate::ir::Placement::Choice)
                .map(|f| code_span(&f.wire_name))
                .collect::<Vec<_>>()
                .join(", ")
        )));
        self.types[ty.0].docs.clone_from(&docs);
        vec![crate::ir::Choice { rust_name, ty, docs, fields: indices, held: true }]
    }
}
