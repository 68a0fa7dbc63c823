//! Fidelity of an OpenAPI document of ours to the official one, operation by operation: the same
//! rules as the shared `spec-fidelity.py` tool, in Rust, so the test command needs no Python.
//!
//! Operations are matched by method and path (a `?beta=true` suffix on the official path keys is
//! ignored). For each operation the parameters, the request body and the 2xx response are walked
//! side by side: object properties, required sets, nullability, enum and const values, union
//! members (matched by their discriminator value), map values and array items, and the limits
//! the official document states (`minLength`, `maxLength`, `minItems`, `maxItems`, `minimum`,
//! `maximum`). Ours may be stricter (a limit the official one states only in prose); it may not
//! be looser or different. Reads OpenAPI 3.0 and 3.1 as JSON values.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value};

const LIMITS: [&str; 6] = ["minLength", "maxLength", "minItems", "maxItems", "minimum", "maximum"];
const METHODS: [&str; 8] = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];
/// Transport headers the stubs set themselves.
const TRANSPORT_HEADERS: [&str; 3] = ["anthropic-beta", "anthropic-version", "x-api-key"];

/// One difference: where (`POST /v1/deployments body.name`) and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Difference {
    pub path: String,
    pub difference: String,
}

impl std::fmt::Display for Difference {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.difference)
    }
}

/// Every way `ours` differs from `official`, and the number of operations of each.
#[must_use]
pub fn compare(official: &Value, ours: &Value) -> (Vec<Difference>, usize, usize) {
    let mut compare = Compare { a: official, b: ours, differences: Vec::new(), seen: BTreeSet::new() };
    let (operations_a, operations_b) = (operations(official), operations(ours));
    for ((method, path), (op_a, shared_a)) in &operations_a {
        let label = format!("{method} {path}");
        let Some((op_b, shared_b)) = operations_b.get(&(method.clone(), path.clone())) else {
            compare.say(&label, "operation missing in ours");
            continue;
        };
        let params_a = parameters(official, shared_a, op_a);
        let params_b = parameters(ours, shared_b, op_b);
        for ((location, name), parameter) in &params_a {
            if location == "header" && TRANSPORT_HEADERS.contains(&name.to_lowercase().as_str()) {
                continue;
            }
            let at = format!("{label} {location} `{name}`");
            match params_b.get(&(location.clone(), name.clone())) {
                None => compare.say(&at, "parameter missing in ours"),
                Some(theirs) => compare.schema(&at, field(parameter, "schema"), field(theirs, "schema")),
            }
        }
        for (what, missing, find) in [
            ("body", "request body missing in ours", body_schema as fn(&Value, &Value) -> Option<Value>),
            ("response", "2xx response body missing in ours", ok_schema),
        ] {
            if let Some(schema_a) = find(official, op_a) {
                match find(ours, op_b) {
                    None => compare.say(&format!("{label} {what}"), missing),
                    Some(schema_b) => compare.schema(&format!("{label} {what}"), &schema_a, &schema_b),
                }
            }
        }
    }
    for (method, path) in operations_b.keys().filter(|key| !operations_a.contains_key(*key)) {
        compare.say(&format!("{method} {path}"), "operation not in the official document");
    }
    (compare.differences, operations_a.len(), operations_b.len())
}

static EMPTY: Value = Value::Null;

fn field<'a>(value: &'a Value, key: &str) -> &'a Value {
    value.get(key).unwrap_or(&EMPTY)
}

fn empty_object() -> Value {
    Value::Object(Map::new())
}

/// `(METHOD, path)` → (the operation, its path item's parameters).
fn operations(document: &Value) -> BTreeMap<(String, String), (Value, Vec<Value>)> {
    let mut out = BTreeMap::new();
    if let Some(paths) = document.get("paths").and_then(Value::as_object) {
        for (raw_path, item) in paths {
            let path = raw_path.split('?').next().unwrap_or_default().to_owned();
            let shared = item.get("parameters").and_then(Value::as_array).cloned().unwrap_or_default();
            for method in METHODS {
                if let Some(operation) = item.get(method) {
                    out.insert((method.to_uppercase(), path.clone()), (operation.clone(), shared.clone()));
                }
            }
        }
    }
    out
}

fn parameters(document: &Value, shared: &[Value], operation: &Value) -> BTreeMap<(String, String), Value> {
    let own = operation.get("parameters").and_then(Value::as_array).cloned().unwrap_or_default();
    shared
        .iter()
        .chain(&own)
        .map(|parameter| resolve(document, parameter, &[]).0)
        .map(|p| {
            let key = (
                p.get("in").and_then(Value::as_str).unwrap_or_default().to_owned(),
                p.get("name").and_then(Value::as_str).unwrap_or_default().to_owned(),
            );
            (key, p)
        })
        .collect()
}

fn json_schema_of(document: &Value, owner: &Value) -> Option<Value> {
    let owner = resolve(document, owner, &[]).0;
    owner.get("content")?.get("application/json")?.get("schema").cloned()
}

fn body_schema(document: &Value, operation: &Value) -> Option<Value> {
    json_schema_of(document, operation.get("requestBody").unwrap_or(&empty_object()))
}

fn ok_schema(document: &Value, operation: &Value) -> Option<Value> {
    let responses = operation.get("responses")?.as_object()?;
    let mut codes: Vec<&String> = responses.keys().collect();
    codes.sort();
    let code = codes.into_iter().find(|code| code.starts_with('2'))?;
    json_schema_of(document, &responses[code])
}

/// Follows local `$ref`s (siblings override the target) and merges `allOf`; returns the schema
/// and the chain of references followed.
fn resolve(document: &Value, schema: &Value, seen: &[String]) -> (Value, Vec<String>) {
    let mut chain = seen.to_vec();
    let mut schema = schema.clone();
    while let Some(reference) = schema.get("$ref").and_then(Value::as_str).map(str::to_owned) {
        if chain.contains(&reference) {
            break;
        }
        chain.push(reference.clone());
        let target = document.pointer(reference.trim_start_matches('#')).unwrap_or(&EMPTY);
        let mut merged = target.as_object().cloned().unwrap_or_default();
        if let Some(object) = schema.as_object() {
            for (key, value) in object.iter().filter(|(key, _)| *key != "$ref") {
                merged.insert(key.clone(), value.clone());
            }
        }
        schema = Value::Object(merged);
    }
    if let Some(parts) = schema.get("allOf").and_then(Value::as_array).cloned() {
        let mut merged: Map<String, Value> = schema
            .as_object()
            .into_iter()
            .flatten()
            .filter(|(k, _)| *k != "allOf")
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        let mut properties = merged.get("properties").and_then(Value::as_object).cloned().unwrap_or_default();
        let mut required = merged.get("required").and_then(Value::as_array).cloned().unwrap_or_default();
        for part in &parts {
            let (part, _) = resolve(document, part, &chain);
            if let Some(more) = part.get("properties").and_then(Value::as_object) {
                properties.extend(more.iter().map(|(k, v)| (k.clone(), v.clone())));
            }
            required.extend(part.get("required").and_then(Value::as_array).cloned().unwrap_or_default());
            for (key, value) in part.as_object().into_iter().flatten() {
                if key != "properties" && key != "required" {
                    merged.entry(key.clone()).or_insert_with(|| value.clone());
                }
            }
        }
        let has_properties = !properties.is_empty();
        merged.insert("properties".to_owned(), Value::Object(properties));
        merged.insert("required".to_owned(), Value::Array(required));
        if has_properties && !merged.contains_key("type") {
            merged.insert("type".to_owned(), Value::from("object"));
        }
        schema = Value::Object(merged);
    }
    (if schema.is_object() { schema } else { empty_object() }, chain)
}

/// The schema without its `null` alternative, and whether it had one.
fn strip_null(document: &Value, schema: &Value) -> (Value, bool) {
    let (mut schema, _) = resolve(document, schema, &[]);
    let mut nullable = schema.get("nullable").and_then(Value::as_bool).unwrap_or(false);
    if let Some(types) = schema.get("type").and_then(Value::as_array).cloned()
        && types.iter().any(|t| t == "null")
    {
        let rest: Vec<Value> = types.into_iter().filter(|t| t != "null").collect();
        schema["type"] = if rest.len() == 1 { rest[0].clone() } else { Value::Array(rest) };
        nullable = true;
    }
    for key in ["anyOf", "oneOf"] {
        let Some(members) = schema.get(key).and_then(Value::as_array).cloned().filter(|m| !m.is_empty()) else {
            continue;
        };
        let non_null: Vec<Value> = members
            .iter()
            .filter(|m| resolve(document, m, &[]).0.get("type") != Some(&Value::from("null")))
            .cloned()
            .collect();
        if non_null.len() < members.len() {
            nullable = true;
            if non_null.len() == 1 {
                let description = schema.get("description").cloned();
                let (mut inner, _) = resolve(document, &non_null[0], &[]);
                if let Some(description) = description {
                    inner["description"] = description;
                }
                schema = inner;
            } else {
                schema[key] = Value::Array(non_null);
            }
        }
    }
    (schema, nullable)
}

/// The one value of a member's tag property (`const`, or a one-value `enum`).
fn tag_of(document: &Value, member: &Value) -> Option<Value> {
    let (member, _) = resolve(document, member, &[]);
    let property = member.get("properties")?.get("type")?;
    let (property, _) = resolve(document, property, &[]);
    if let Some(value) = property.get("const") {
        return Some(value.clone());
    }
    match property.get("enum").and_then(Value::as_array) {
        Some(values) if values.len() == 1 => Some(values[0].clone()),
        _ => None,
    }
}

fn union_members(schema: &Value) -> Option<&Vec<Value>> {
    schema.get("oneOf").or_else(|| schema.get("anyOf")).and_then(Value::as_array).filter(|m| !m.is_empty())
}

/// The members of a union, with members that are unions themselves spliced in.
fn flatten(document: &Value, schema: &Value) -> Vec<Value> {
    let mut out = Vec::new();
    for member in union_members(schema).into_iter().flatten() {
        let (resolved, _) = resolve(document, member, &[]);
        if union_members(&resolved).is_some() && resolved.get("properties").is_none() {
            out.extend(flatten(document, &resolved));
        } else if resolved.get("type") != Some(&Value::from("null")) {
            out.push(member.clone());
        }
    }
    out
}

fn kind(schema: &Value) -> String {
    if union_members(schema).is_some() {
        return "union".to_owned();
    }
    match schema.get("type") {
        Some(Value::String(t)) if t == "object" => object_kind(schema),
        None if schema.get("properties").is_some() => object_kind(schema),
        Some(Value::Array(types)) => {
            let mut names: Vec<&str> = types.iter().filter_map(Value::as_str).collect();
            names.sort_unstable();
            names.join("|")
        }
        Some(Value::String(t)) => t.clone(),
        _ => "any".to_owned(),
    }
}

fn object_kind(schema: &Value) -> String {
    let no_properties = schema.get("properties").and_then(Value::as_object).is_none_or(Map::is_empty);
    if no_properties && schema.get("additionalProperties").is_some_and(Value::is_object) {
        "map".to_owned()
    } else {
        "object".to_owned()
    }
}

fn sorted_strings(values: &[Value]) -> Vec<String> {
    let mut out: Vec<String> = values.iter().map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned)).collect();
    out.sort();
    out
}

struct Compare<'a> {
    a: &'a Value,
    b: &'a Value,
    differences: Vec<Difference>,
    /// Pairs of named schemas already compared: each is compared once, which also ends
    /// recursion through cycles.
    seen: BTreeSet<(Vec<String>, Vec<String>)>,
}

impl Compare<'_> {
    fn say(&mut self, path: &str, difference: &str) {
        self.differences.push(Difference { path: path.to_owned(), difference: difference.to_owned() });
    }

    fn schema(&mut self, path: &str, schema_a: &Value, schema_b: &Value) {
        let key = (resolve(self.a, schema_a, &[]).1, resolve(self.b, schema_b, &[]).1);
        let named = !key.0.is_empty() || !key.1.is_empty();
        if named && !self.seen.insert(key) {
            return;
        }
        let (sa, nullable_a) = strip_null(self.a, schema_a);
        let (sb, nullable_b) = strip_null(self.b, schema_b);
        if nullable_a != nullable_b {
            self.say(path, &format!("nullable: official {}, ours {}", py_bool(nullable_a), py_bool(nullable_b)));
        }
        let (kind_a, kind_b) = (kind(&sa), kind(&sb));
        if !(kind_a == "integer" && kind_b == "number" || kind_a == "any") && kind_a != kind_b {
            // A union of one member in one document is the member itself in the other.
            if let Some([only]) = union_members(&sa).map(Vec::as_slice).filter(|_| kind_a == "union") {
                return self.schema(path, &only.clone(), schema_b);
            }
            if let Some([only]) = union_members(&sb).map(Vec::as_slice).filter(|_| kind_b == "union") {
                return self.schema(path, schema_a, &only.clone());
            }
            self.say(path, &format!("kind: official {kind_a}, ours {kind_b}"));
            return;
        }
        for limit in LIMITS {
            if let Some(value) = sa.get(limit)
                && sb.get(limit) != Some(value)
            {
                let ours = sb.get(limit).map_or_else(|| "None".to_owned(), ToString::to_string);
                self.say(path, &format!("{limit}: official {value}, ours {ours}"));
            }
        }
        let enum_b = sb.get("enum").and_then(Value::as_array).cloned().unwrap_or_default();
        if let Some(enum_a) = sa.get("enum").and_then(Value::as_array) {
            let const_b = sb.get("const").cloned().or_else(|| enum_b.first().cloned());
            let single_matches = enum_a.len() == 1 && const_b.as_ref() == Some(&enum_a[0]);
            if sorted_strings(enum_a) != sorted_strings(&enum_b) && !single_matches {
                let (a, b) = (sorted_strings(enum_a), sorted_strings(&enum_b));
                self.say(path, &format!("enum: official {a:?}, ours {b:?}"));
            }
        }
        if let Some(const_a) = sa.get("const") {
            let const_b = sb.get("const").cloned().or_else(|| (enum_b.len() == 1).then(|| enum_b[0].clone()));
            if const_b.as_ref() != Some(const_a) {
                self.say(path, &format!("const: official {const_a}, ours {}", const_b.unwrap_or(Value::Null)));
            }
        }
        match kind_a.as_str() {
            "object" => self.object(path, &sa, &sb),
            "map" => self.schema(
                &format!("{path}{{}}"),
                sa.get("additionalProperties").unwrap_or(&empty_object()),
                sb.get("additionalProperties").unwrap_or(&empty_object()),
            ),
            "array" => self.schema(
                &format!("{path}[]"),
                sa.get("items").unwrap_or(&empty_object()),
                sb.get("items").unwrap_or(&empty_object()),
            ),
            "union" => self.union(path, &sa, &sb),
            _ => {}
        }
    }

    fn object(&mut self, path: &str, sa: &Value, sb: &Value) {
        let (empty_a, empty_b) = (Map::new(), Map::new());
        let properties_a = sa.get("properties").and_then(Value::as_object).unwrap_or(&empty_a);
        let properties_b = sb.get("properties").and_then(Value::as_object).unwrap_or(&empty_b);
        for name in properties_a.keys().filter(|name| !properties_b.contains_key(*name)) {
            self.say(&format!("{path}.{name}"), "missing in ours");
        }
        for name in properties_b.keys().filter(|name| !properties_a.contains_key(*name)) {
            self.say(&format!("{path}.{name}"), "not in the official document");
        }
        let required = |schema: &Value| -> BTreeSet<String> {
            schema
                .get("required")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        };
        let (required_a, required_b) = (required(sa), required(sb));
        for name in required_a.symmetric_difference(&required_b) {
            if properties_a.contains_key(name) && properties_b.contains_key(name) {
                let (a, b) = (required_a.contains(name), required_b.contains(name));
                self.say(&format!("{path}.{name}"), &format!("required: official {}, ours {}", py_bool(a), py_bool(b)));
            }
        }
        for (name, property_a) in properties_a {
            if let Some(property_b) = properties_b.get(name) {
                self.schema(&format!("{path}.{name}"), property_a, property_b);
            }
        }
    }

    fn union(&mut self, path: &str, sa: &Value, sb: &Value) {
        let (members_a, members_b) = (flatten(self.a, sa), flatten(self.b, sb));
        let tags_a: Vec<(Option<Value>, &Value)> = members_a.iter().map(|m| (tag_of(self.a, m), m)).collect();
        let tags_b: Vec<(Option<Value>, &Value)> = members_b.iter().map(|m| (tag_of(self.b, m), m)).collect();
        if tags_a.iter().chain(&tags_b).any(|(tag, _)| tag.is_none()) {
            let kinds = |document: &Value, members: &[Value]| {
                let mut kinds: Vec<String> = members.iter().map(|m| kind(&resolve(document, m, &[]).0)).collect();
                kinds.sort();
                kinds
            };
            let (kinds_a, kinds_b) = (kinds(self.a, &members_a), kinds(self.b, &members_b));
            if kinds_a != kinds_b {
                self.say(path, &format!("union members: official {kinds_a:?}, ours {kinds_b:?}"));
            }
            for member_a in &members_a {
                let member_kind = kind(&resolve(self.a, member_a, &[]).0);
                let member_tag = tag_of(self.a, member_a);
                let partner = members_b.iter().find(|member_b| {
                    kind(&resolve(self.b, member_b, &[]).0) == member_kind && tag_of(self.b, member_b) == member_tag
                });
                if let Some(member_b) = partner {
                    self.schema(&format!("{path}<{member_kind}>"), member_a, member_b);
                }
            }
            return;
        }
        let shown = |tag: &Option<Value>| {
            tag.as_ref().map_or_else(String::new, |t| t.as_str().map_or_else(|| t.to_string(), str::to_owned))
        };
        for (tag, _) in tags_a.iter().filter(|(tag, _)| !tags_b.iter().any(|(other, _)| other == tag)) {
            self.say(&format!("{path}<{}>", shown(tag)), "variant missing in ours");
        }
        for (tag, _) in tags_b.iter().filter(|(tag, _)| !tags_a.iter().any(|(other, _)| other == tag)) {
            self.say(&format!("{path}<{}>", shown(tag)), "variant not in the official document");
        }
        for (tag, member_a) in &tags_a {
            if let Some((_, member_b)) = tags_b.iter().find(|(other, _)| other == tag) {
                self.schema(&format!("{path}<{}>", shown(tag)), member_a, member_b);
            }
        }
    }
}

/// Booleans as the original tool prints them, so reports read the same.
fn py_bool(value: bool) -> &'static str {
    if value { "True" } else { "False" }
}
