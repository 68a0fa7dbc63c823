//! OpenAPI 3.1 → the 3.0 model: one IR, one generator, whichever version the document is.
//!
//! A 3.1 document is rewritten as plain JSON before `openapiv3` reads it, with the same meaning
//! in 3.0 terms: `const: x` becomes `enum: [x]`; `type: [T, "null"]` and `anyOf`/`oneOf` with a
//! `{type: "null"}` member become `nullable: true`; a schema's `examples` array gives its
//! `example`; a `$ref` with sibling keywords becomes `allOf: [{$ref}]` beside them (3.0 ignores
//! siblings); numeric `exclusiveMinimum`/`exclusiveMaximum` become a bound with the boolean form;
//! `propertyNames` becomes our `x-propertyNames`. Webhooks are not generated (a warning says so).

use serde_json::{Map, Value};

use crate::Pointer;
use crate::diagnostics::{Diagnostic, Diagnostics};

/// Rewrites a 3.1 document in place into its 3.0 equivalent.
pub(crate) fn normalize_31(document: &mut Value, diagnostics: &mut Diagnostics) {
    let Some(root) = document.as_object_mut() else { return };
    root.insert("openapi".to_owned(), Value::from("3.0.3"));
    if let Some(webhooks) = root.remove("webhooks") {
        let count = webhooks.as_object().map_or(0, Map::len);
        diagnostics.push(
            Diagnostic::warning(Pointer::from_tokens(["webhooks"]), format!("{count} webhook(s) not generated"))
                .with_hint(
                    "webhooks describe requests the API sends; the generated crate covers the requests it receives",
                ),
        );
    }
    root.remove("jsonSchemaDialect");
    root.entry("paths").or_insert_with(|| Value::Object(Map::new()));
    if let Some(components) = root.get_mut("components").and_then(Value::as_object_mut) {
        components.remove("pathItems");
    }
    walk_document(document, None);
}

/// Finds the schemas of a document: `components/schemas`, and every `schema` of a parameter,
/// header or media type wherever it sits. `section` is the top-level key `value` sits under
/// (`None` for the document itself).
fn walk_document(value: &mut Value, section: Option<&str>) {
    let Some(object) = value.as_object_mut() else {
        if let Some(items) = value.as_array_mut() {
            for item in items {
                walk_document(item, section);
            }
        }
        return;
    };
    for (key, child) in object.iter_mut() {
        if key == "schema" {
            normalize_schema(child);
        } else if key == "schemas" && section == Some("components") {
            if let Some(schemas) = child.as_object_mut() {
                schemas.values_mut().for_each(normalize_schema);
            }
        } else {
            walk_document(child, Some(section.unwrap_or(key)));
        }
    }
}

fn is_null_type(schema: &Value) -> bool {
    schema.get("type").and_then(Value::as_str) == Some("null") && schema.as_object().is_some_and(|o| o.len() <= 2)
}

/// Rewrites one schema and, recursively, its subschemas.
fn normalize_schema(schema: &mut Value) {
    let Some(object) = schema.as_object_mut() else { return };
    move_ref_with_siblings(object);
    if let Some(constant) = object.remove("const") {
        object.entry("enum").or_insert_with(|| Value::Array(vec![constant]));
    }
    split_type_array(object);
    drop_null_members(object);
    if let Some(Value::Array(examples)) = object.remove("examples")
        && let Some(first) = examples.into_iter().next()
    {
        object.entry("example").or_insert(first);
    }
    for (exclusive, bound) in [("exclusiveMinimum", "minimum"), ("exclusiveMaximum", "maximum")] {
        if let Some(Value::Number(limit)) = object.get(exclusive).cloned() {
            object.insert(bound.to_owned(), Value::Number(limit));
            object.insert(exclusive.to_owned(), Value::Bool(true));
        }
    }
    rewrite_property_names(object);
    normalize_subschemas(object);
}

/// `$ref` with siblings: 3.0 would ignore the siblings, so the reference moves into `allOf`.
fn move_ref_with_siblings(object: &mut Map<String, Value>) {
    if object.len() > 1
        && let Some(reference) = object.remove("$ref")
    {
        let mut wrapped = Map::new();
        wrapped.insert("$ref".to_owned(), reference);
        let mut parts = vec![Value::Object(wrapped)];
        if let Some(Value::Array(existing)) = object.remove("allOf") {
            parts.extend(existing);
        }
        object.insert("allOf".to_owned(), Value::Array(parts));
    }
}

/// A type array: `null` in it is `nullable`; one other type is the type; several are an
/// `anyOf` of one type each.
fn split_type_array(object: &mut Map<String, Value>) {
    let Some(Value::Array(types)) = object.get("type").cloned() else { return };
    let non_null: Vec<Value> = types.iter().filter(|t| t.as_str() != Some("null")).cloned().collect();
    if non_null.len() < types.len() {
        object.insert("nullable".to_owned(), Value::Bool(true));
    }
    match non_null.as_slice() {
        [] => {
            object.remove("type");
        }
        [only] => {
            object.insert("type".to_owned(), only.clone());
        }
        several => {
            object.remove("type");
            if !object.contains_key("anyOf") && !object.contains_key("oneOf") {
                let members = several.iter().map(|t| serde_json::json!({ "type": t })).collect();
                object.insert("anyOf".to_owned(), Value::Array(members));
            }
        }
    }
}

/// A `null` member of `anyOf`/`oneOf` is `nullable`; the one member left, if only one is, is
/// the schema (a `$ref` through `allOf`, an inline schema by its keywords).
fn drop_null_members(object: &mut Map<String, Value>) {
    for keyword in ["anyOf", "oneOf"] {
        let Some(Value::Array(members)) = object.get_mut(keyword) else { continue };
        let before = members.len();
        members.retain(|member| !is_null_type(member));
        if members.len() == before {
            continue;
        }
        object.insert("nullable".to_owned(), Value::Bool(true));
        let Some(Value::Array(members)) = object.get(keyword) else { continue };
        if let [only] = members.as_slice() {
            let only = only.clone();
            object.remove(keyword);
            if only.get("$ref").is_some() {
                object.insert("allOf".to_owned(), Value::Array(vec![only]));
            } else if let mut only @ Value::Object(_) = only {
                // Normalised before it joins: its own `const` or type array must be rewritten too.
                normalize_schema(&mut only);
                let Value::Object(member) = only else { continue };
                // The one real member's keywords join the outer schema (the outer's win).
                for (key, value) in member {
                    object.entry(key).or_insert(value);
                }
            }
        }
    }
}

/// `propertyNames`: the string limits `validate()` checks become `x-propertyNames`; the other
/// keywords are listed in `x-propertyNames-unchecked` for lowering to warn about.
fn rewrite_property_names(object: &mut Map<String, Value>) {
    let Some(names) = object.remove("propertyNames") else { return };
    // Any schema may constrain the keys; `validate()` checks the string limits among them,
    // and lowering warns about the rest (a `$ref`, an `enum`, a `format`).
    let (checked, unchecked): (Map<String, Value>, Map<String, Value>) = match names {
        Value::Object(names) => names
            .into_iter()
            .partition(|(keyword, _)| matches!(keyword.as_str(), "minLength" | "maxLength" | "pattern")),
        _ => (Map::new(), Map::new()),
    };
    if !unchecked.is_empty() {
        let keywords = unchecked.into_iter().map(|(keyword, _)| Value::String(keyword)).collect();
        object.entry("x-propertyNames-unchecked").or_insert(Value::Array(keywords));
    }
    if !checked.is_empty() {
        object.entry("x-propertyNames").or_insert(Value::Object(checked));
    }
}

fn normalize_subschemas(object: &mut Map<String, Value>) {
    for key in ["items", "additionalProperties", "not"] {
        if let Some(child) = object.get_mut(key) {
            normalize_schema(child);
        }
    }
    for key in ["properties", "patternProperties"] {
        if let Some(Value::Object(children)) = object.get_mut(key) {
            children.values_mut().for_each(normalize_schema);
        }
    }
    for key in ["allOf", "anyOf", "oneOf", "prefixItems"] {
        if let Some(Value::Array(children)) = object.get_mut(key) {
            children.iter_mut().for_each(normalize_schema);
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::normalize_schema;

    #[test]
    fn the_31_forms_become_their_30_equivalents() {
        let cases = [
            (json!({"const": "text"}), json!({"enum": ["text"]})),
            (
                json!({"type": ["string", "null"], "maxLength": 3}),
                json!({"type": "string", "nullable": true, "maxLength": 3}),
            ),
            (json!({"type": ["string", "integer"]}), json!({"anyOf": [{"type": "string"}, {"type": "integer"}]})),
            (
                json!({"anyOf": [{"$ref": "#/components/schemas/A"}, {"type": "null"}], "description": "d"}),
                json!({"allOf": [{"$ref": "#/components/schemas/A"}], "nullable": true, "description": "d"}),
            ),
            (
                json!({"anyOf": [{"type": "string", "format": "date-time"}, {"type": "null"}]}),
                json!({"type": "string", "format": "date-time", "nullable": true}),
            ),
            (
                json!({"anyOf": [{"type": "null"}, {"const": "custom", "type": "string"}], "title": "Type"}),
                json!({"title": "Type", "nullable": true, "type": "string", "enum": ["custom"]}),
            ),
            (
                json!({"$ref": "#/components/schemas/A", "description": "d"}),
                json!({"allOf": [{"$ref": "#/components/schemas/A"}], "description": "d"}),
            ),
            (
                json!({"type": "integer", "exclusiveMinimum": 0}),
                json!({"type": "integer", "minimum": 0, "exclusiveMinimum": true}),
            ),
            (json!({"type": "string", "examples": ["a", "b"]}), json!({"type": "string", "example": "a"})),
            (
                json!({"type": "object", "propertyNames": {"maxLength": 64}, "additionalProperties": {"type": ["string", "null"]}}),
                json!({"type": "object", "x-propertyNames": {"maxLength": 64}, "additionalProperties": {"type": "string", "nullable": true}}),
            ),
            (
                json!({"properties": {"kind": {"const": "a"}}, "items": {"type": ["null", "boolean"]}}),
                json!({"properties": {"kind": {"enum": ["a"]}}, "items": {"type": "boolean", "nullable": true}}),
            ),
        ];
        for (mut input, expected) in cases {
            let original = input.clone();
            normalize_schema(&mut input);
            assert_eq!(input, expected, "from {original}");
        }
    }
}
