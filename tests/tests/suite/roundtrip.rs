//! Round trips: every example in `spec/deployments.yaml`, and the response examples of the two
//! seed reference pages, deserialise into the generated types and serialise back to equal JSON,
//! and keep the limits and rules the spec documents (`validate`). Examples marked `x-invalid`
//! break such a rule: they must still decode and round-trip (they are legal payloads), and
//! `validate` must report the rule they break.
//!
//! A second pass adds a field no schema declares to every object of every example: a type keeps
//! it and writes it back unchanged, or (a request-only type whose schema forbids other
//! properties) rejects it by name; it is never dropped.
//!
//! Examples are found by walking the document the way the `OpenAPI` format defines it (schemas
//! and their properties, parameters, request bodies, responses, media types), so each example is
//! checked against the type its position implies. A second, structure-blind scan counts every `example`
//! and `examples` entry in the file; the two must agree, so an example in a place the walk does
//! not know fails the test instead of going unchecked. So does an example whose schema has no
//! entry in [`named_types!`].

use std::{any::type_name, collections::BTreeSet, fs, path::Path};

use codegen::Pointer;
use generated::validate::Validate;
use serde::{Serialize, de::DeserializeOwned};
use serde_json::{Map, Value};

/// The spec has 100-odd examples; far fewer checked means the walk lost track of them.
const MIN_SPEC_EXAMPLES: usize = 80;

/// Maps a component schema name to its generated type (`generated::<UpperCamelCase>`) and
/// round-trips through it. Only schemas that some example resolves to need an entry; an example
/// resolving to a schema without one fails with a message saying what to add.
///
/// `"Member" => Union::Variant` is for a struct that only ever appears inside tagged unions: the
/// generator hands its tag property to the union, so the struct alone cannot read or write the
/// tagged JSON of its own example; a union holding it can, and must pick exactly that variant.
macro_rules! named_types {
    (@one $value:ident, $rust:ident) => {
        roundtrip_checked::<generated::$rust>($value, type_name::<generated::$rust>(), |_| true)
    };
    (@one $value:ident, $rust:ident :: $variant:ident) => {
        roundtrip_checked::<generated::$rust>($value, stringify!($rust::$variant), |typed| {
            matches!(typed, generated::$rust::$variant(_))
        })
    };
    ($($schema:literal => $rust:ident $(:: $variant:ident)?,)*) => {
        fn roundtrip_named(schema: &str, value: &Value) -> Result<(), String> {
            match schema {
                $($schema => named_types!(@one value, $rust $(:: $variant)?),)*
                _ => Err(format!(
                    "no round-trip entry for schema `{schema}`: add `\"{schema}\" => <its generated type>,` \
                     to `named_types!` in tests/tests/suite/roundtrip.rs"
                )),
            }
        }
    };
}

named_types! {
    "AgentReference" => AgentReference,
    "BranchCheckout" => RepositoryCheckout::Branch,
    "CreateDeploymentParams" => CreateDeploymentParams,
    "CronSchedule" => Schedule::Cron,
    "CronScheduleParams" => ScheduleParams::Cron,
    "Currency" => Currency,
    "Deployment" => Deployment,
    "DeploymentInitialEvent" => DeploymentInitialEvent,
    "DeploymentPausedReason" => DeploymentPausedReason,
    "DeploymentRun" => DeploymentRun,
    "DeploymentStatus" => DeploymentStatus,
    "ErrorResponse" => ErrorResponse,
    "FileResourceParams" => SessionResourceParams::File,
    "FileRubricParams" => RubricParams::File,
    "GitHubRepositoryResourceParams" => SessionResourceParams::GithubRepository,
    "ListDeploymentRunsData" => ListDeploymentRunsData,
    "ListDeploymentsData" => ListDeploymentsData,
    "MonetaryAmount" => MonetaryAmount,
    "RubricParams" => RubricParams,
    "Schedule" => Schedule,
    "SessionResourceConfig" => SessionResourceConfig,
    "SessionResourceParams" => SessionResourceParams,
    "TextBlock" => UserContentBlock::Text,
    "TextRubricParams" => RubricParams::Text,
    "UpdateDeploymentParams" => UpdateDeploymentParams,
    "UserContentBlock" => UserContentBlock,
    "UserDefineOutcomeEventParams" => DeploymentInitialEventParams::UserDefineOutcome,
    "UserMessageEventParams" => DeploymentInitialEventParams::UserMessage,
}

/// Deserialises `value` as `T`, serialises it back, and compares the two as JSON.
fn roundtrip<T: DeserializeOwned + Serialize>(value: &Value) -> Result<(), String> {
    roundtrip_as::<T>(value, type_name::<T>(), |_| true).map(drop)
}

/// What a generated type's `validate` says of an example that decoded and round-tripped; the
/// start of the error for an example that breaks a documented rule.
const BREAKS_A_RULE: &str = "decodes and round-trips, but `validate` reports";

/// [`roundtrip_as`] for a generated type, then its `validate`: an example must also keep the
/// limits and rules the spec documents.
fn roundtrip_checked<T: DeserializeOwned + Serialize + Validate>(
    value: &Value,
    expected: &str,
    is_expected: impl Fn(&T) -> bool,
) -> Result<(), String> {
    let typed = roundtrip_as::<T>(value, expected, is_expected)?;
    typed.validate().map_err(|errors| format!("{BREAKS_A_RULE} {errors}"))
}

/// [`roundtrip`], also requiring the parsed value to be `expected` (a union variant): a member's
/// example that lands in another variant, or in `Unknown`, was not understood. Returns the value.
fn roundtrip_as<T: DeserializeOwned + Serialize>(
    value: &Value,
    expected: &str,
    is_expected: impl Fn(&T) -> bool,
) -> Result<T, String> {
    let name = type_name::<T>();
    let typed: T = serde_path_to_error::deserialize(value.clone())
        .map_err(|error| format!("does not deserialise as `{name}`: {} (at `{}`)", error.inner(), error.path()))?;
    let back = serde_json::to_value(&typed).map_err(|error| format!("`{name}` does not serialise: {error}"))?;
    if !is_expected(&typed) {
        return Err(format!("deserialises as `{name}`, but not as `{expected}`: {back}"));
    }
    let mut differences = Vec::new();
    json_differences(value, &back, &Pointer::root(), &mut differences);
    if differences.is_empty() {
        Ok(typed)
    } else {
        Err(format!("`{name}` re-serialises differently:\n    {}", differences.join("\n    ")))
    }
}

/// Every place where `actual` differs from `expected`, by JSON pointer. Numbers compare by value,
/// as JSON does (`1` and `1.0` are the same number); object key order never matters.
fn json_differences(expected: &Value, actual: &Value, pointer: &Pointer, out: &mut Vec<String>) {
    let at = if pointer.is_root() { "/" } else { pointer.as_str() };
    match (expected, actual) {
        (Value::Object(expected), Value::Object(actual)) => {
            for (key, value) in expected {
                let child = pointer.join(key);
                match actual.get(key) {
                    Some(other) => json_differences(value, other, &child, out),
                    None => out.push(format!("{}: dropped (was {value})", child.as_str())),
                }
            }
            for (key, value) in actual {
                if !expected.contains_key(key) {
                    out.push(format!("{}: added ({value})", pointer.join(key).as_str()));
                }
            }
        }
        (Value::Array(expected), Value::Array(actual)) if expected.len() == actual.len() => {
            for (index, (value, other)) in expected.iter().zip(actual).enumerate() {
                json_differences(value, other, &pointer.join(index), out);
            }
        }
        (Value::Number(expected), Value::Number(actual)) if expected.as_f64() == actual.as_f64() => {}
        _ if expected == actual => {}
        _ => out.push(format!("{at}: was {expected}, became {actual}")),
    }
}

/// What an example at some position must be, as far as this test can tell from the schema there.
#[derive(Debug, Clone)]
enum Shape {
    /// A component schema: round-trips through its generated type.
    Named(String),
    /// `null`, or the inner shape.
    Nullable(Box<Shape>),
    /// `format: date-time`: round-trips through `jiff::Timestamp`, the generated field type.
    Timestamp,
    String,
    Integer,
    Number,
    Boolean,
    /// An inline string enum (the generated type has no name to reach it by): one of these.
    StringEnum(Vec<String>),
    Array(Box<Shape>),
    /// `additionalProperties`: an object whose every value has this shape.
    Map(Box<Shape>),
    /// No constraint: the generated type is `serde_json::Value`, which round-trips anything.
    Any,
    /// A schema this test cannot map to a generated type; an example here fails, with the reason.
    Unsupported(String),
}

/// The shape a (non-component) schema node gives its examples.
fn shape_of(schema: &Value) -> Shape {
    let Some(object) = schema.as_object() else {
        return Shape::Any;
    };
    let inner = bare_shape_of(object);
    if object.get("nullable").and_then(Value::as_bool) == Some(true) { Shape::Nullable(Box::new(inner)) } else { inner }
}

fn bare_shape_of(object: &Map<String, Value>) -> Shape {
    if let Some(reference) = object.get("$ref").and_then(Value::as_str) {
        return match reference.strip_prefix("#/components/schemas/") {
            Some(name) if !name.contains('/') => Shape::Named(name.to_owned()),
            _ => Shape::Unsupported(format!("`$ref: {reference}` is not a component schema")),
        };
    }
    // `allOf: [$ref]` is how OpenAPI 3.0 puts a description or `nullable` beside a reference.
    if let Some(members) = object.get("allOf").and_then(Value::as_array) {
        return match members.as_slice() {
            [single] => bare_shape_of(single.as_object().unwrap_or(&Map::new())),
            _ => Shape::Unsupported("an inline `allOf` of several schemas has no nameable type".to_owned()),
        };
    }
    for composite in ["oneOf", "anyOf"] {
        if object.contains_key(composite) {
            return Shape::Unsupported(format!("an inline `{composite}` has no nameable type; make it a component"));
        }
    }
    let format = object.get("format").and_then(Value::as_str);
    match object.get("type").and_then(Value::as_str) {
        Some("string") if format == Some("date-time") => Shape::Timestamp,
        Some("string") => match object.get("enum").and_then(Value::as_array) {
            Some(values) => Shape::StringEnum(values.iter().filter_map(Value::as_str).map(str::to_owned).collect()),
            None => Shape::String,
        },
        Some("integer") => Shape::Integer,
        Some("number") => Shape::Number,
        Some("boolean") => Shape::Boolean,
        Some("array") => Shape::Array(Box::new(object.get("items").map_or(Shape::Any, shape_of))),
        Some("object") | None if object.contains_key("properties") => {
            Shape::Unsupported("an inline object schema: its generated name is not predictable here".to_owned())
        }
        Some("object") => match object.get("additionalProperties") {
            Some(Value::Object(values)) => Shape::Map(Box::new(shape_of(&Value::Object(values.clone())))),
            _ => Shape::Map(Box::new(Shape::Any)),
        },
        None => Shape::Any,
        Some(other) => Shape::Unsupported(format!("unknown schema type `{other}`")),
    }
}

/// Checks one example value against a shape.
fn check(value: &Value, shape: &Shape) -> Result<(), String> {
    match shape {
        Shape::Named(name) => roundtrip_named(name, value),
        Shape::Nullable(_) if value.is_null() => Ok(()),
        Shape::Nullable(inner) => check(value, inner),
        Shape::Timestamp => roundtrip::<jiff::Timestamp>(value),
        Shape::String => roundtrip::<String>(value),
        Shape::Integer => roundtrip::<i64>(value),
        Shape::Number => roundtrip::<f64>(value),
        Shape::Boolean => roundtrip::<bool>(value),
        Shape::StringEnum(values) => match value.as_str() {
            Some(text) if values.iter().any(|known| known == text) => Ok(()),
            _ => Err(format!("{value} is not one of the enum's values {values:?}")),
        },
        Shape::Array(items) => {
            let elements = value.as_array().ok_or_else(|| format!("expected an array, found {value}"))?;
            elements
                .iter()
                .enumerate()
                .try_for_each(|(index, element)| check(element, items).map_err(|error| format!("[{index}]: {error}")))
        }
        Shape::Map(values) => {
            let entries = value.as_object().ok_or_else(|| format!("expected an object, found {value}"))?;
            entries
                .iter()
                .try_for_each(|(key, entry)| check(entry, values).map_err(|error| format!("[{key:?}]: {error}")))
        }
        Shape::Any => Ok(()),
        Shape::Unsupported(reason) => Err(format!("cannot check this example: {reason}")),
    }
}

/// Stands in for an absent schema.
static NULL: Value = Value::Null;

const METHODS: [&str; 8] = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/// The field the second pass adds to every object; no schema of the spec declares it.
const ADDED_FIELD: &str = "x_added_by_a_newer_server";

/// `value` with [`ADDED_FIELD`] added to every object in it, at any depth. Its value is a string,
/// so a map of strings (`metadata`) takes it as one more entry, as it would from a server.
fn with_added_fields(value: &Value) -> Value {
    match value {
        Value::Object(object) => {
            let mut copy: Map<String, Value> =
                object.iter().map(|(key, value)| (key.clone(), with_added_fields(value))).collect();
            copy.insert(ADDED_FIELD.to_owned(), Value::from("kept as sent"));
            Value::Object(copy)
        }
        Value::Array(items) => Value::Array(items.iter().map(with_added_fields).collect()),
        other => other.clone(),
    }
}

/// Walks an `OpenAPI` document, checking each example against the shape its position implies.
struct Walker<'a> {
    document: &'a Value,
    /// JSON pointers of every example checked, passed or not.
    visited: BTreeSet<Pointer>,
    failures: Vec<String>,
    /// Examples marked `x-invalid` that decoded, and whose check reported their stated reason.
    rejected: usize,
    /// The second pass: each example gets [`ADDED_FIELD`] in every object.
    adding_fields: bool,
    /// In the second pass, the examples a request-only type refused because of the added field.
    refused_added_field: usize,
}

impl<'a> Walker<'a> {
    fn new(document: &'a Value) -> Self {
        Self {
            document,
            visited: BTreeSet::new(),
            failures: Vec::new(),
            rejected: 0,
            adding_fields: false,
            refused_added_field: 0,
        }
    }

    /// A walker for the second pass.
    fn adding_fields(document: &'a Value) -> Self {
        Self { adding_fields: true, ..Self::new(document) }
    }

    /// Checks `value` against `shape`, in the second pass with the added field everywhere; an
    /// error that only says the added field was refused counts as a refusal.
    fn check(&mut self, value: &Value, shape: &Shape) -> Result<(), String> {
        if !self.adding_fields {
            return check(value, shape);
        }
        match check(&with_added_fields(value), shape) {
            Err(error) if error.contains(&format!("unknown field `{ADDED_FIELD}`")) => {
                self.refused_added_field += 1;
                Ok(())
            }
            outcome => outcome,
        }
    }

    fn example(&mut self, pointer: Pointer, value: &Value, shape: &Shape) {
        if let Err(error) = self.check(value, shape) {
            self.failures.push(format!("{pointer}: {error}"));
        }
        self.visited.insert(pointer);
    }

    fn document(&mut self) {
        let document = self.document;
        let components = &document["components"];
        for (name, schema) in entries(&components["schemas"]) {
            let pointer = Pointer::from_tokens(["components", "schemas"]).join(name);
            let shape = if schema.get("nullable").and_then(Value::as_bool) == Some(true) {
                Shape::Nullable(Box::new(Shape::Named(name.clone())))
            } else {
                Shape::Named(name.clone())
            };
            self.schema(&pointer, schema, Some(shape));
        }
        for (name, parameter) in entries(&components["parameters"]) {
            self.parameter(&Pointer::from_tokens(["components", "parameters"]).join(name), parameter);
        }
        for (name, header) in entries(&components["headers"]) {
            self.parameter(&Pointer::from_tokens(["components", "headers"]).join(name), header);
        }
        for (name, body) in entries(&components["requestBodies"]) {
            self.request_body(&Pointer::from_tokens(["components", "requestBodies"]).join(name), body);
        }
        for (name, response) in entries(&components["responses"]) {
            self.response(&Pointer::from_tokens(["components", "responses"]).join(name), response);
        }
        for (path, item) in entries(&document["paths"]) {
            self.path_item(&Pointer::from_tokens(["paths"]).join(path), item);
        }
    }

    fn path_item(&mut self, pointer: &Pointer, item: &'a Value) {
        self.parameters(pointer, item);
        for method in METHODS {
            let Some(operation) = item.get(method) else { continue };
            let pointer = pointer.join(method);
            self.parameters(&pointer, operation);
            if let Some(body) = operation.get("requestBody") {
                self.request_body(&pointer.join("requestBody"), body);
            }
            for (status, response) in entries(&operation["responses"]) {
                self.response(&pointer.join("responses").join(status), response);
            }
            for (name, callback) in entries(&operation["callbacks"]) {
                let callback_pointer = pointer.join("callbacks").join(name);
                for (expression, callback_item) in entries(callback) {
                    self.path_item(&callback_pointer.join(expression), callback_item);
                }
            }
        }
    }

    fn parameters(&mut self, pointer: &Pointer, owner: &'a Value) {
        if let Some(parameters) = owner.get("parameters").and_then(Value::as_array) {
            for (index, parameter) in parameters.iter().enumerate() {
                self.parameter(&pointer.join("parameters").join(index), parameter);
            }
        }
    }

    /// A parameter or a header: `schema` with `example`/`examples`, or `content`.
    /// References are skipped: the component they point to is walked once, on its own.
    fn parameter(&mut self, pointer: &Pointer, parameter: &'a Value) {
        if parameter.get("$ref").is_some() {
            return;
        }
        let schema = parameter.get("schema").unwrap_or(&NULL);
        self.examples_of(pointer, parameter, &shape_of(schema));
        if !schema.is_null() {
            self.schema(&pointer.join("schema"), schema, None);
        }
        self.content(pointer, parameter);
    }

    fn request_body(&mut self, pointer: &Pointer, body: &'a Value) {
        if body.get("$ref").is_none() {
            self.content(pointer, body);
        }
    }

    fn response(&mut self, pointer: &Pointer, response: &'a Value) {
        if response.get("$ref").is_some() {
            return;
        }
        self.content(pointer, response);
        for (name, header) in entries(&response["headers"]) {
            self.parameter(&pointer.join("headers").join(name), header);
        }
    }

    fn content(&mut self, pointer: &Pointer, owner: &'a Value) {
        for (media_type, media) in entries(&owner["content"]) {
            let pointer = pointer.join("content").join(media_type);
            let schema = media.get("schema").unwrap_or(&NULL);
            self.examples_of(&pointer, media, &shape_of(schema));
            if !schema.is_null() {
                self.schema(&pointer.join("schema"), schema, None);
            }
        }
    }

    /// `example` and each of `examples` (an Example object, possibly a `$ref` to one) of a
    /// parameter, header or media type.
    fn examples_of(&mut self, pointer: &Pointer, owner: &'a Value, shape: &Shape) {
        if let Some(example) = owner.get("example") {
            self.example(pointer.join("example"), example, shape);
        }
        for (name, example) in entries(&owner["examples"]) {
            let example_pointer = pointer.join("examples").join(name);
            if let Some(reason) = example.get("x-invalid").and_then(Value::as_str) {
                self.invalid_example(example_pointer, example, shape, reason);
                continue;
            }
            match self.example_value(example) {
                Ok(value) => self.example(example_pointer, value, shape),
                Err(error) => {
                    self.failures.push(format!("{example_pointer}: {error}"));
                    self.visited.insert(example_pointer);
                }
            }
        }
    }

    /// An example the spec marks `x-invalid: <reason>` (kept verbatim from the reference, though
    /// it breaks a rule the reference documents) is still a legal payload: it must decode and
    /// round-trip, and `validate` must report the reason.
    fn invalid_example(&mut self, pointer: Pointer, example: &'a Value, shape: &Shape, reason: &str) {
        let outcome = self.example_value(example).and_then(|value| match self.check(value, shape) {
            Ok(()) => Err(format!("is marked `x-invalid` ({reason}) but `validate` found nothing")),
            Err(error) if error.contains(BREAKS_A_RULE) && error.contains(reason) => Ok(()),
            Err(error) => Err(format!("does not decode as a legal payload whose check reports `{reason}`: {error}")),
        });
        if let Err(error) = outcome {
            self.failures.push(format!("{pointer}: {error}"));
        } else {
            self.rejected += 1;
        }
        self.visited.insert(pointer);
    }

    fn example_value(&self, example: &'a Value) -> Result<&'a Value, String> {
        let example = match example.get("$ref").and_then(Value::as_str) {
            Some(reference) => reference
                .strip_prefix('#')
                .and_then(|pointer| self.document.pointer(pointer))
                .ok_or_else(|| format!("unresolvable example reference `{reference}`"))?,
            None => example,
        };
        if example.get("externalValue").is_some() {
            return Err("external example values are not checked; inline the value".to_owned());
        }
        example.get("value").ok_or_else(|| "example object without a `value`".to_owned())
    }

    /// A schema node: its own `example` (against `shape`, or the shape the node implies), then
    /// every subschema. A `$ref` node stops the walk: its target is a component, walked once.
    fn schema(&mut self, pointer: &Pointer, schema: &'a Value, shape: Option<Shape>) {
        let Some(object) = schema.as_object() else { return };
        if object.contains_key("$ref") {
            return;
        }
        if let Some(example) = object.get("example") {
            let shape = shape.unwrap_or_else(|| shape_of(schema));
            self.example(pointer.join("example"), example, &shape);
        }
        for (name, property) in entries(&schema["properties"]) {
            self.schema(&pointer.join("properties").join(name), property, None);
        }
        for single in ["items", "additionalProperties", "not"] {
            if let Some(child) = object.get(single) {
                self.schema(&pointer.join(single), child, None);
            }
        }
        for composite in ["allOf", "oneOf", "anyOf"] {
            if let Some(members) = object.get(composite).and_then(Value::as_array) {
                for (index, member) in members.iter().enumerate() {
                    self.schema(&pointer.join(composite).join(index), member, None);
                }
            }
        }
    }
}

/// The entries of a JSON object, or nothing when `value` is not one (absent, `null`).
fn entries(value: &Value) -> impl Iterator<Item = (&String, &Value)> {
    value.as_object().into_iter().flatten()
}

/// Keys whose value is a map from user-chosen names to objects: the names themselves are never
/// `OpenAPI` keywords, even when one happens to be spelled `example`.
const NAME_MAPS: [&str; 14] = [
    "paths",
    "schemas",
    "parameters",
    "headers",
    "requestBodies",
    "responses",
    "securitySchemes",
    "links",
    "callbacks",
    "properties",
    "content",
    "encoding",
    "mapping",
    "variables",
];

/// Every `example` and `examples` entry in the document, by pointer, without knowing where
/// examples may legally be: the check that the structural walk missed none. Example values,
/// defaults, enums, extensions and the reusable `components/examples` (reached through `$ref`)
/// are not searched.
fn all_examples(value: &Value, pointer: &Pointer, out: &mut BTreeSet<Pointer>) {
    match value {
        Value::Object(object) => {
            for (key, child) in object {
                let child_ptr = pointer.join(key);
                match key.as_str() {
                    // Reusable examples are checked where they are referenced.
                    "examples" if pointer == "/components" => {}
                    "example" => {
                        out.insert(child_ptr);
                    }
                    "examples" if child.is_object() => {
                        for (name, _) in entries(child) {
                            out.insert(child_ptr.join(name));
                        }
                    }
                    "default" | "enum" => {}
                    _ if key.starts_with("x-") => {}
                    _ if NAME_MAPS.contains(&key.as_str()) && child.is_object() => {
                        for (name, item) in entries(child) {
                            all_examples(item, &child_ptr.join(name), out);
                        }
                    }
                    _ => all_examples(child, &child_ptr, out),
                }
            }
        }
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                all_examples(item, &pointer.join(index), out);
            }
        }
        _ => {}
    }
}

#[test]
fn every_example_in_the_spec_round_trips() {
    let spec = tests::spec_path();
    let document = tests::read_document(&spec).unwrap_or_else(|error| panic!("{error}"));
    let mut walker = Walker::new(&document);
    walker.document();

    let mut everywhere = BTreeSet::new();
    all_examples(&document, &Pointer::root(), &mut everywhere);
    let missed: Vec<&Pointer> = everywhere.difference(&walker.visited).collect();
    assert!(
        missed.is_empty(),
        "examples in places this test does not walk (teach `Walker` about them):\n  {}",
        missed.iter().map(|pointer| pointer.as_str()).collect::<Vec<_>>().join("\n  "),
    );
    assert!(
        walker.failures.is_empty(),
        "{} of {} examples in spec/deployments.yaml do not round-trip:\n\n{}\n\n(an \"unknown field `type`\" or a \
         dropped `/type` on a union member means the generator now hands that member's tag to its union: \
         route the schema as `\"Member\" => Union::Variant` in `named_types!`)",
        walker.failures.len(),
        walker.visited.len(),
        walker.failures.join("\n\n"),
    );
    eprintln!(
        "{} examples from spec/deployments.yaml round-tripped; {} marked `x-invalid` did too, and `validate` \
         reported their reason",
        walker.visited.len() - walker.rejected,
        walker.rejected
    );
    assert!(
        walker.visited.len() >= MIN_SPEC_EXAMPLES,
        "only {} examples found in spec/deployments.yaml, expected at least {MIN_SPEC_EXAMPLES}",
        walker.visited.len(),
    );
}

#[test]
fn every_example_keeps_a_field_the_spec_does_not_declare() {
    let spec = tests::spec_path();
    let document = tests::read_document(&spec).unwrap_or_else(|error| panic!("{error}"));
    let mut walker = Walker::adding_fields(&document);
    walker.document();
    assert!(
        walker.failures.is_empty(),
        "{} of {} examples in spec/deployments.yaml lose or mangle `{ADDED_FIELD}` added to every object:\n\n{}",
        walker.failures.len(),
        walker.visited.len(),
        walker.failures.join("\n\n"),
    );
    let kept = walker.visited.len() - walker.refused_added_field;
    eprintln!(
        "{kept} examples kept `{ADDED_FIELD}` in every object through a round trip; {} were refused by a \
         request-only type that forbids other properties",
        walker.refused_added_field
    );
    // Every response example keeps it, and the spec has dozens; a pass where most examples are
    // refused means types stopped keeping what they do not declare.
    assert!(kept >= MIN_SPEC_EXAMPLES / 2, "only {kept} examples kept the added field");
}

/// The JSON block after the `#### Response` heading of a reference page.
fn response_example(page: &Path) -> Result<Value, String> {
    let text = fs::read_to_string(page).map_err(|error| format!("cannot read `{}`: {error}", page.display()))?;
    let after_heading = text
        .split_once("\n#### Response\n")
        .map(|(_, rest)| rest)
        .ok_or_else(|| format!("`{}` has no `#### Response` heading", page.display()))?;
    let mut lines = after_heading.lines().skip_while(|line| !line.trim_start().starts_with("```"));
    lines.next().ok_or_else(|| format!("`{}` has no code block after `#### Response`", page.display()))?;
    let json: Vec<&str> = lines.take_while(|line| !line.trim_start().starts_with("```")).collect();
    serde_json::from_str(&json.join("\n"))
        .map_err(|error| format!("the response example of `{}` is not JSON: {error}", page.display()))
}

#[test]
fn seed_page_response_examples_round_trip() {
    let seeds = tests::reference_dir().join("seeds");
    // The run page's example fills every field, so it sets both `session_id` and `error`, which
    // the same page documents as exclusive: it is read as sent, and `validate` reports the rule.
    let exclusive = Some("exactly one of `session_id`, `error` must be non-null, but 2 are");
    let pages =
        [("000_e48a1d2473df5add.txt", "Deployment", None), ("003_9c0b81ddd0e08752.txt", "DeploymentRun", exclusive)];
    let mut failures = Vec::new();
    for (page, schema, rejected_for) in pages {
        let path = seeds.join(page);
        match (response_example(&path).and_then(|value| roundtrip_named(schema, &value)), rejected_for) {
            (Ok(()), None) => {}
            (Err(error), Some(reason)) if error.contains(BREAKS_A_RULE) && error.contains(reason) => {}
            (Ok(()), Some(reason)) => {
                failures.push(format!("tests/reference/seeds/{page}: `validate` found nothing, expected `{reason}`"));
            }
            (Err(error), _) => failures.push(format!("tests/reference/seeds/{page} (as `{schema}`): {error}")),
        }
    }
    assert!(failures.is_empty(), "seed page examples do not round-trip:\n\n{}", failures.join("\n\n"));
    eprintln!("{} seed page response examples round-tripped", pages.len());
}

/// The checker itself must reject what is wrong, or a passing run proves nothing.
#[test]
fn the_checker_rejects_mismatches() {
    assert!(check(&serde_json::json!("2026-03-15T10:00:00Z"), &Shape::Timestamp).is_ok());
    assert!(check(&serde_json::json!("2026-03-15 10:00"), &Shape::Timestamp).is_err());
    assert!(check(&serde_json::json!("+00:00"), &Shape::Integer).is_err());
    assert!(check(&serde_json::json!(null), &Shape::String).is_err());
    assert!(check(&serde_json::json!(null), &Shape::Nullable(Box::new(Shape::String))).is_ok());
    assert!(check(&serde_json::json!("paused"), &Shape::StringEnum(vec!["active".to_owned()])).is_err());
    assert!(check(&serde_json::json!([1, "x"]), &Shape::Array(Box::new(Shape::Integer))).is_err());
    assert!(check(&serde_json::json!({"a": 1}), &Shape::Map(Box::new(Shape::String))).is_err());
    assert!(check(&serde_json::json!({}), &Shape::Named("NoSuchSchema".to_owned())).is_err());
    let other_member = serde_json::json!({"type": "tag", "name": "v1"});
    assert!(
        check(&other_member, &Shape::Named("BranchCheckout".to_owned())).is_err(),
        "landed in `Unknown`, not `Branch`"
    );
    let mut differences = Vec::new();
    json_differences(
        &serde_json::json!({"a": [1, 2], "b": 1}),
        &serde_json::json!({"a": [1, 3], "c": 1.0}),
        &Pointer::root(),
        &mut differences,
    );
    assert_eq!(differences, ["/a/1: was 2, became 3", "/b: dropped (was 1)", "/c: added (1.0)"]);
}
