//! Validation: every limit in `spec/` is checked before a request leaves, with every violation,
//! its path, rule, limit and actual value.
//!
//! Most cases are generated from the spec itself: [`boundary_cases`] walks each request root
//! (the create and update bodies, the two list queries) together with a maximal valid instance,
//! and for every constraint keyword it meets makes one value at the limit (which must pass) and
//! one just past it (which must fail with exactly that rule at exactly that path). A second walk
//! collects every constraint keyword reachable from a request in the spec; each must have been
//! exercised, so a new limit in the spec cannot go untested or unchecked.

use std::collections::BTreeSet;

use generated::validate::{Rule, Validate, Violation};
use serde::de::DeserializeOwned;
use serde_json::{Map, Value, json};

/// The constraint keywords a request-side schema can state, and our vendor extensions.
const KEYWORDS: &[&str] = &[
    "minLength",
    "maxLength",
    "pattern",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
    "minItems",
    "maxItems",
    "uniqueItems",
    "minProperties",
    "maxProperties",
    "x-propertyNames",
    "format",
    "x-item-rules",
    "x-mutually-exclusive",
];

/// Formats that are only documentation (the type already enforces them), not checks.
const TYPED_FORMATS: &[&str] = &["date-time", "int32", "int64"];

fn spec() -> Value {
    tests::read_document(&tests::spec_path()).expect("spec/deployments.yaml reads")
}

fn violations<T: DeserializeOwned + Validate>(instance: &Value) -> Result<Vec<Violation>, String> {
    let typed: T =
        serde_json::from_value(instance.clone()).map_err(|error| format!("does not deserialise: {error}"))?;
    Ok(typed.validate().err().map(generated::validate::ValidationErrors::into_violations).unwrap_or_default())
}

/// Validates `instance` as the request root named `root`.
fn violations_of(root: &str, instance: &Value) -> Result<Vec<Violation>, String> {
    match root {
        "CreateDeploymentParams" => violations::<generated::CreateDeploymentParams>(instance),
        "UpdateDeploymentParams" => violations::<generated::UpdateDeploymentParams>(instance),
        "BetaListDeploymentsQuery" => violations::<generated::operations::BetaListDeploymentsQuery>(instance),
        "BetaListDeploymentRunsQuery" => violations::<generated::operations::BetaListDeploymentRunsQuery>(instance),
        // Every operation on one deployment holds the same path struct.
        "BetaGetDeploymentPath"
        | "BetaUpdateDeploymentPath"
        | "BetaArchiveDeploymentPath"
        | "BetaPauseDeploymentPath"
        | "BetaUnpauseDeploymentPath"
        | "BetaRunDeploymentNowPath" => violations::<generated::operations::BetaArchiveDeploymentPath>(instance),
        "BetaGetDeploymentRunPath" => violations::<generated::operations::BetaGetDeploymentRunPath>(instance),
        other => Err(format!("no request root `{other}` in this test: add it to `violations_of`")),
    }
}

fn named_example<'a>(spec: &'a Value, path: &str, method: &str, name: &str) -> &'a Value {
    &spec["paths"][path][method]["requestBody"]["content"]["application/json"]["examples"][name]["value"]
}

/// The request roots with a valid, maximal instance each.
fn roots(spec: &Value) -> Vec<(&'static str, Value, Value)> {
    let list_deployments = operation_parameter_schema(spec, "/v1/deployments", "get", "query");
    let list_runs = operation_parameter_schema(spec, "/v1/deployment_runs", "get", "query");
    let deployment = "/v1/deployments/{deployment_id}";
    let path_roots = [
        ("BetaGetDeploymentPath", deployment.to_owned(), "get"),
        ("BetaUpdateDeploymentPath", deployment.to_owned(), "post"),
        ("BetaArchiveDeploymentPath", format!("{deployment}/archive"), "post"),
        ("BetaPauseDeploymentPath", format!("{deployment}/pause"), "post"),
        ("BetaUnpauseDeploymentPath", format!("{deployment}/unpause"), "post"),
        ("BetaRunDeploymentNowPath", format!("{deployment}/run"), "post"),
        ("BetaGetDeploymentRunPath", "/v1/deployment_runs/{deployment_run_id}".to_owned(), "get"),
    ]
    .map(|(root, path, method)| {
        let instance = if root == "BetaGetDeploymentRunPath" {
            json!({"deployment_run_id": "drun_011CZkZcDH3vPqd7xnEfwTai"})
        } else {
            json!({"deployment_id": "depl_011CZkZcDH3vPqd7xnEfwTai"})
        };
        (root, operation_parameter_schema(spec, &path, method, "path"), instance)
    });
    let mut roots = vec![
        (
            "CreateDeploymentParams",
            json!({"$ref": "#/components/schemas/CreateDeploymentParams"}),
            named_example(spec, "/v1/deployments", "post", "maximal").clone(),
        ),
        (
            "UpdateDeploymentParams",
            json!({"$ref": "#/components/schemas/UpdateDeploymentParams"}),
            named_example(spec, "/v1/deployments/{deployment_id}", "post", "maximal").clone(),
        ),
        (
            "BetaListDeploymentsQuery",
            list_deployments,
            json!({"limit": 20, "page": "page_MjAyNS0wNS0xNFQwMDowMDowMFo=", "agent_id": "agent_1", "status": "active",
                   "created_at[gte]": "2026-03-15T10:00:00Z", "created_at[lte]": "2026-03-16T10:00:00Z"}),
        ),
        (
            "BetaListDeploymentRunsQuery",
            list_runs,
            json!({"limit": 20, "page": "page_x", "deployment_id": "depl_1", "trigger_type": "manual", "has_error": false,
                   "created_at[gt]": "2026-03-15T10:00:00Z", "created_at[lt]": "2026-03-16T10:00:00Z"}),
        ),
    ];
    roots.extend(path_roots);
    roots
}

/// An operation's parameters of one location as one object schema (what the generator makes of
/// them).
fn operation_parameter_schema(spec: &Value, path: &str, method: &str, location: &str) -> Value {
    let operation = &spec["paths"][path][method];
    let mut properties = Map::new();
    for parameter in operation["parameters"].as_array().into_iter().flatten() {
        let parameter = resolve(spec, parameter).0;
        if parameter["in"] == location {
            let name = parameter["name"].as_str().unwrap_or_default().to_owned();
            properties.insert(name, parameter["schema"].clone());
        }
    }
    let mut schema = json!({"type": "object", "properties": properties});
    if let Some(exclusive) = operation.get("x-mutually-exclusive").filter(|_| location == "query") {
        schema["x-mutually-exclusive"] = exclusive.clone();
    }
    let pointer = codegen::Pointer::from_tokens(["paths", path, method, "parameters"]);
    schema["x-pointer"] = Value::from(pointer.as_str());
    schema
}

/// Follows `$ref` and single-part `allOf`; returns the schema and the pointer it lives at.
fn resolve<'a>(spec: &'a Value, schema: &'a Value) -> (&'a Value, Option<String>) {
    let mut current = schema;
    let mut pointer = schema.get("x-pointer").and_then(Value::as_str).map(str::to_owned);
    for _ in 0..16 {
        if let Some(reference) = current.get("$ref").and_then(Value::as_str) {
            let target = reference.trim_start_matches('#');
            current = spec.pointer(target).unwrap_or(&Value::Null);
            pointer = Some(target.to_owned());
        } else if let Some([only]) = current.get("allOf").and_then(Value::as_array).map(Vec::as_slice) {
            pointer = pointer.map(|p| format!("{p}/allOf/0"));
            current = only;
        } else {
            break;
        }
    }
    (current, pointer)
}

/// A step into a JSON instance.
#[derive(Clone, Debug)]
enum Step {
    Key(String),
    Index(usize),
}

/// The path as violations spell it: `initial_events[3].rubric.content`, `metadata["team"]`.
fn display_path(steps: &[Step], map_keys: &BTreeSet<usize>) -> String {
    let mut out = String::new();
    for (position, step) in steps.iter().enumerate() {
        match step {
            Step::Key(key) if map_keys.contains(&position) => {
                out.push('[');
                out.push_str(&Value::from(key.as_str()).to_string());
                out.push(']');
            }
            Step::Key(key) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(key);
            }
            Step::Index(index) => {
                out.push('[');
                out.push_str(&index.to_string());
                out.push(']');
            }
        }
    }
    out
}

fn value_at<'a>(instance: &'a mut Value, steps: &[Step]) -> &'a mut Value {
    steps.iter().fold(instance, |value, step| match step {
        Step::Key(key) => &mut value[key.as_str()],
        Step::Index(index) => &mut value[*index],
    })
}

/// One generated case: a value at the limit, and one past it that must break `rule` at `path`.
struct Case {
    root: &'static str,
    location: (String, &'static str),
    steps: Vec<Step>,
    path: String,
    rule: Rule,
    at_limit: Value,
    past_limit: Value,
}

struct Walker<'a> {
    spec: &'a Value,
    root: &'static str,
    cases: Vec<Case>,
    exercised: BTreeSet<(String, &'static str)>,
}

/// Where a case's limit is: the schema's pointer and the keyword.
fn at(pointer: &str, keyword: &'static str) -> (String, &'static str) {
    (pointer.to_owned(), keyword)
}

/// `n` copies of a character whose UTF-8 form is two bytes: a check that counts bytes fails.
fn text(n: u64) -> Value {
    Value::from("é".repeat(usize::try_from(n).expect("a length fits usize")))
}

impl Walker<'_> {
    fn case(
        &mut self,
        location: &(String, &'static str),
        steps: &[Step],
        map_keys: &BTreeSet<usize>,
        rule: Rule,
        at: Value,
        past: Value,
    ) {
        self.exercised.insert(location.clone());
        self.cases.push(Case {
            root: self.root,
            location: location.clone(),
            steps: steps.to_vec(),
            path: display_path(steps, map_keys),
            rule,
            at_limit: at,
            past_limit: past,
        });
    }

    fn walk(
        &mut self,
        schema: &Value,
        pointer: &str,
        instance: &Value,
        steps: &mut Vec<Step>,
        map_keys: &mut BTreeSet<usize>,
    ) {
        let (schema, resolved) = resolve(self.spec, schema);
        let pointer = resolved.unwrap_or_else(|| pointer.to_owned());
        if instance.is_null() {
            return;
        }
        if let Some(members) = schema.get("oneOf").and_then(Value::as_array) {
            // The member this instance is: by its `type` tag, or by JSON kind.
            for (index, member) in members.iter().enumerate() {
                let (member_schema, _) = resolve(self.spec, member);
                let tag = member_schema.pointer("/properties/type/enum/0");
                let fits = match (instance, tag) {
                    (Value::Object(object), Some(tag)) => object.get("type") == Some(tag),
                    (Value::String(_), None) => member_schema["type"] == "string",
                    (Value::Object(_), None) => member_schema["type"] == "object",
                    _ => false,
                };
                if fits {
                    self.walk(member, &format!("{pointer}/oneOf/{index}"), instance, steps, map_keys);
                    return;
                }
            }
            panic!("{}: no member of `{pointer}` fits {instance}", self.root);
        }
        match instance {
            Value::Object(object) if schema.get("properties").is_some() => {
                self.walk_object(schema, &pointer, instance, object, steps, map_keys);
            }
            Value::Object(object) => self.walk_map(schema, &pointer, object, steps, map_keys),
            Value::Array(items) => self.walk_array(schema, &pointer, instance, items, steps, map_keys),
            Value::String(_) => self.walk_string(schema, &pointer, steps, map_keys),
            Value::Number(_) => self.walk_number(schema, &pointer, steps, map_keys),
            _ => {}
        }
    }

    /// An object of declared properties: its rule over them, then each property it holds.
    fn walk_object(
        &mut self,
        schema: &Value,
        pointer: &str,
        instance: &Value,
        object: &serde_json::Map<String, Value>,
        steps: &mut Vec<Step>,
        map_keys: &mut BTreeSet<usize>,
    ) {
        if let Some(names) = schema.get("x-mutually-exclusive").and_then(Value::as_array) {
            // Set all of them: the one rule they break together.
            let mut past = instance.clone();
            for name in names.iter().filter_map(Value::as_str) {
                if past.get(name).is_none() {
                    past[name] = if name == "include_archived" { json!(true) } else { json!("active") };
                }
            }
            self.case(
                &at(pointer, "x-mutually-exclusive"),
                steps,
                map_keys,
                Rule::MutuallyExclusive,
                instance.clone(),
                past,
            );
        }
        let properties = schema["properties"].as_object().cloned().unwrap_or_default();
        for (name, property) in &properties {
            if let Some(value) = object.get(name) {
                steps.push(Step::Key(name.clone()));
                let property_pointer = format!("{pointer}/properties/{name}");
                self.walk(property, &property_pointer, value, steps, map_keys);
                steps.pop();
            }
        }
    }

    /// A map: its size and key limits, then its values (through the first that is not `null`).
    fn walk_map(
        &mut self,
        schema: &Value,
        pointer: &str,
        object: &serde_json::Map<String, Value>,
        steps: &mut Vec<Step>,
        map_keys: &mut BTreeSet<usize>,
    ) {
        let first = object.values().next().cloned().unwrap_or(json!("v"));
        if let Some(max) = schema.get("maxProperties").and_then(Value::as_u64) {
            let entries = |n: u64| Value::Object((0..n).map(|i| (format!("k{i}"), first.clone())).collect());
            self.case(
                &at(pointer, "maxProperties"),
                steps,
                map_keys,
                Rule::MaxProperties,
                entries(max),
                entries(max + 1),
            );
        }
        if let Some(max) = schema.pointer("/x-propertyNames/maxLength").and_then(Value::as_u64) {
            let key = |n: u64| text(n).as_str().unwrap_or_default().to_owned();
            let mut map_steps = steps.clone();
            map_steps.push(Step::Key(key(max + 1)));
            let mut keyed = map_keys.clone();
            keyed.insert(steps.len());
            let location = at(pointer, "x-propertyNames");
            self.exercised.insert(location.clone());
            self.cases.push(Case {
                root: self.root,
                location,
                steps: steps.clone(),
                path: display_path(&map_steps, &keyed),
                rule: Rule::KeyMaxLength,
                at_limit: json!({ key(max): first.clone() }),
                past_limit: json!({ key(max + 1): first.clone() }),
            });
        }
        if let (Some(values), Some((key, value))) =
            (schema.get("additionalProperties"), object.iter().find(|(_, v)| !v.is_null()))
        {
            steps.push(Step::Key(key.clone()));
            map_keys.insert(steps.len() - 1);
            self.walk(values, &format!("{pointer}/additionalProperties"), value, steps, map_keys);
            map_keys.remove(&(steps.len() - 1));
            steps.pop();
        }
    }

    /// An array: its length limits and item rules, then each item.
    fn walk_array(
        &mut self,
        schema: &Value,
        pointer: &str,
        instance: &Value,
        items: &[Value],
        steps: &mut Vec<Step>,
        map_keys: &mut BTreeSet<usize>,
    ) {
        let first = items.first().cloned().expect("a maximal instance has an item in every array");
        let copies = |n: u64| Value::Array(vec![first.clone(); usize::try_from(n).expect("fits")]);
        if let Some(min) = schema.get("minItems").and_then(Value::as_u64).filter(|min| *min > 0) {
            self.case(&at(pointer, "minItems"), steps, map_keys, Rule::MinItems, copies(min), copies(min - 1));
        }
        if let Some(max) = schema.get("maxItems").and_then(Value::as_u64) {
            self.case(&at(pointer, "maxItems"), steps, map_keys, Rule::MaxItems, copies(max), copies(max + 1));
        }
        if schema.get("x-item-rules").is_some() {
            // The maximal instance ends with its one system message, right after a user
            // message; moving it to the front breaks `onlyLast` at `[0]`.
            let mut past = instance.clone();
            let moved = past.as_array_mut().and_then(Vec::pop).expect("the last event");
            past.as_array_mut().expect("an array").insert(0, moved);
            let mut first_steps = steps.clone();
            first_steps.push(Step::Index(0));
            let location = at(pointer, "x-item-rules");
            self.exercised.insert(location.clone());
            self.cases.push(Case {
                root: self.root,
                location,
                steps: steps.clone(),
                path: display_path(&first_steps, map_keys),
                rule: Rule::OnlyLast,
                at_limit: instance.clone(),
                past_limit: past,
            });
        }
        for (index, item) in items.iter().enumerate() {
            steps.push(Step::Index(index));
            self.walk(&schema["items"], &format!("{pointer}/items"), item, steps, map_keys);
            steps.pop();
        }
    }

    /// A string: its length limits and checked format.
    fn walk_string(&mut self, schema: &Value, pointer: &str, steps: &[Step], map_keys: &BTreeSet<usize>) {
        if let Some(min) = schema.get("minLength").and_then(Value::as_u64).filter(|min| *min > 0) {
            self.case(&at(pointer, "minLength"), steps, map_keys, Rule::MinLength, text(min), text(min - 1));
        }
        if let Some(max) = schema.get("maxLength").and_then(Value::as_u64) {
            self.case(&at(pointer, "maxLength"), steps, map_keys, Rule::MaxLength, text(max), text(max + 1));
        }
        match schema.get("format").and_then(Value::as_str) {
            Some("cron") => {
                self.case(
                    &at(pointer, "format"),
                    steps,
                    map_keys,
                    Rule::Format,
                    json!("0 9 * * 1-5"),
                    json!("0 0 9 * * 1-5"),
                );
            }
            Some("iana-timezone") => {
                self.case(
                    &at(pointer, "format"),
                    steps,
                    map_keys,
                    Rule::Format,
                    json!("America/Los_Angeles"),
                    json!("Mars/Olympus"),
                );
            }
            _ => {}
        }
    }

    /// A number: its bounds.
    fn walk_number(&mut self, schema: &Value, pointer: &str, steps: &[Step], map_keys: &BTreeSet<usize>) {
        if let Some(min) = schema.get("minimum").and_then(Value::as_i64) {
            self.case(&at(pointer, "minimum"), steps, map_keys, Rule::Minimum, json!(min), json!(min - 1));
        }
        if let Some(max) = schema.get("maximum").and_then(Value::as_i64) {
            self.case(&at(pointer, "maximum"), steps, map_keys, Rule::Maximum, json!(max), json!(max + 1));
        }
    }
}

fn boundary_cases(spec: &Value) -> (Vec<Case>, BTreeSet<(String, &'static str)>) {
    let mut cases = Vec::new();
    let mut exercised = BTreeSet::new();
    for (root, schema, instance) in roots(spec) {
        let mut walker = Walker { spec, root, cases: Vec::new(), exercised: BTreeSet::new() };
        walker.walk(&schema, "", &instance, &mut Vec::new(), &mut BTreeSet::new());
        let base = violations_of(root, &instance).expect("the maximal instance deserialises");
        assert!(base.is_empty(), "the maximal `{root}` instance is not valid: {base:?}");
        for case in &mut walker.cases {
            case.root = root;
        }
        cases.extend(walker.cases);
        exercised.extend(walker.exercised);
    }
    (cases, exercised)
}

fn instance_of(spec: &Value, root: &str) -> Value {
    roots(spec).into_iter().find(|(name, _, _)| *name == root).map(|(_, _, instance)| instance).expect("a known root")
}

#[test]
fn every_constraint_passes_at_its_limit_and_fails_just_past_it() {
    let spec = spec();
    let (cases, _) = boundary_cases(&spec);
    assert!(cases.len() >= 100, "only {} boundary cases were generated from the spec", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        let mut at_limit = instance_of(&spec, case.root);
        *value_at(&mut at_limit, &case.steps) = case.at_limit.clone();
        let mut past_limit = instance_of(&spec, case.root);
        *value_at(&mut past_limit, &case.steps) = case.past_limit.clone();
        let label = format!("{} `{}` {} ({})", case.root, case.path, case.rule.keyword(), case.location.0);
        let (at, past) = match (violations_of(case.root, &at_limit), violations_of(case.root, &past_limit)) {
            (Ok(at), Ok(past)) => (at, past),
            (at, past) => {
                failures.push(format!("{label}: {:?} / {:?}", at.err(), past.err()));
                continue;
            }
        };
        if let Some(wrong) = at.iter().find(|v| v.path == case.path && v.rule == case.rule) {
            failures.push(format!("{label}: rejected at the limit: {wrong}"));
        }
        let new: Vec<&Violation> = past.iter().filter(|v| !at.contains(v)).collect();
        let expected = new.iter().filter(|v| v.path == case.path && v.rule == case.rule).count();
        // A value past one limit may break another rule of the same value (a 257-character cron
        // string is not a cron expression either), and item rules break together (moving the
        // system message first also breaks `after`); nothing else may change.
        let elsewhere = new.iter().filter(|v| v.path != case.path && case.rule != Rule::OnlyLast).count();
        if expected != 1 || elsewhere != 0 {
            let found: Vec<String> = new.iter().map(ToString::to_string).collect();
            failures.push(format!("{label}: expected exactly this violation just past the limit, found {found:?}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} boundary cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
    eprintln!("{} boundary cases generated from spec/deployments.yaml passed", cases.len());
}

/// Every constraint keyword reachable from a request in the spec, with where it is stated.
fn constraint_locations(spec: &Value) -> BTreeSet<(String, String)> {
    fn walk(
        spec: &Value,
        schema: &Value,
        pointer: &str,
        seen: &mut BTreeSet<String>,
        out: &mut BTreeSet<(String, String)>,
    ) {
        let (schema, resolved) = resolve(spec, schema);
        let pointer = resolved.unwrap_or_else(|| pointer.to_owned());
        if !seen.insert(pointer.clone()) {
            return;
        }
        for keyword in KEYWORDS {
            let Some(value) = schema.get(*keyword) else { continue };
            let is_check = *keyword != "format" || value.as_str().is_some_and(|f| !TYPED_FORMATS.contains(&f));
            if is_check && value != &Value::Bool(false) {
                out.insert((pointer.clone(), (*keyword).to_owned()));
            }
        }
        for (key, child) in [("items", &schema["items"]), ("additionalProperties", &schema["additionalProperties"])] {
            if child.is_object() {
                walk(spec, child, &format!("{pointer}/{key}"), seen, out);
            }
        }
        for (name, property) in schema["properties"].as_object().into_iter().flatten() {
            walk(spec, property, &format!("{pointer}/properties/{name}"), seen, out);
        }
        for keyword in ["oneOf", "anyOf", "allOf"] {
            for (index, member) in schema[keyword].as_array().into_iter().flatten().enumerate() {
                walk(spec, member, &format!("{pointer}/{keyword}/{index}"), seen, out);
            }
        }
    }
    let mut out = BTreeSet::new();
    let mut seen = BTreeSet::new();
    for (_, schema, _) in roots(spec) {
        walk(spec, &schema, "", &mut seen, &mut out);
    }
    out
}

#[test]
fn every_constraint_in_the_spec_has_a_generated_check_that_was_exercised() {
    let spec = spec();
    let (_, exercised) = boundary_cases(&spec);
    let exercised: BTreeSet<(String, String)> = exercised.into_iter().map(|(p, k)| (p, k.to_owned())).collect();
    let all = constraint_locations(&spec);
    assert!(all.len() >= 40, "only {} constraint keywords found on the request side of the spec", all.len());
    let missing: Vec<String> = all.difference(&exercised).map(|(p, k)| format!("{k} at #{p}")).collect();
    eprintln!("{} request-side constraint keywords in spec/deployments.yaml, all exercised", all.len());
    assert!(
        missing.is_empty(),
        "constraints in spec/ that no boundary case exercised (extend the maximal examples, or teach the walker the \
         keyword and the generator its check):\n{}",
        missing.join("\n")
    );
}

/// The request of the issue: six problems, six violations, each with its path.
#[test]
fn a_request_with_six_problems_reports_six_violations_with_their_paths() {
    let mut request = named_example(&spec(), "/v1/deployments", "post", "maximal").clone();
    let events = request["initial_events"].as_array_mut().expect("events");
    events.truncate(2);
    events[1]["rubric"] = json!({"type": "text", "content": "r".repeat(262_145)});
    events[1]["max_iterations"] = json!(21);
    let filler = events[0].clone();
    events.resize(51, filler);
    request["metadata"] = json!({ "k".repeat(65): "v" });
    request["schedule"] = json!({"type": "cron", "expression": "0 0 9 * * 1-5", "timezone": "Mars/Olympus"});
    let request: generated::CreateDeploymentParams = serde_json::from_value(request).expect("deserialises");
    let errors = request.validate().expect_err("six violations");
    let found: Vec<(&str, Rule)> = errors.violations().iter().map(|v| (v.path.as_str(), v.rule)).collect();
    let long_key = format!("metadata[\"{}\"]", "k".repeat(65));
    assert_eq!(
        found,
        [
            ("initial_events", Rule::MaxItems),
            ("initial_events[1].rubric.content", Rule::MaxLength),
            ("initial_events[1].max_iterations", Rule::Maximum),
            (long_key.as_str(), Rule::KeyMaxLength),
            ("schedule.expression", Rule::Format),
            ("schedule.timezone", Rule::Format),
        ]
    );
    let violation = &errors.violations()[0];
    assert_eq!((violation.limit.as_str(), violation.actual.as_str()), ("50", "51"));
    assert_eq!(
        errors.to_string(),
        format!(
            "6 violations of the API's limits:\n  \
             - initial_events: must have at most 50 items, has 51\n  \
             - initial_events[1].rubric.content: must be at most 262144 characters long, is 262145\n  \
             - initial_events[1].max_iterations: must be at most 20, is 21\n  \
             - {long_key}: key must be at most 64 characters long, is 65\n  \
             - schedule.expression: must be a valid cron expression: `0 0 9 * * 1-5` has 6 fields, expected 5 \
             (minute hour day-of-month month day-of-week)\n  \
             - schedule.timezone: must be a valid IANA time zone: `Mars/Olympus` is not in the IANA time zone database"
        )
    );
    let error: &dyn std::error::Error = &errors;
    assert!(error.source().is_none());
}

#[test]
fn limits_are_constants_on_the_types_that_own_them() {
    assert_eq!(generated::CreateDeploymentParams::INITIAL_EVENTS_MAX_ITEMS, 50);
    assert_eq!(generated::CreateDeploymentParams::INITIAL_EVENTS_MIN_ITEMS, 1);
    assert_eq!(generated::CreateDeploymentParams::RESOURCES_MAX_ITEMS, 500);
    assert_eq!(generated::CreateDeploymentParams::VAULT_IDS_MAX_ITEMS, 50);
    assert_eq!(generated::CreateDeploymentParams::METADATA_MAX_PROPERTIES, 16);
    assert_eq!(generated::CreateDeploymentParams::METADATA_KEY_MAX_LENGTH, 64);
    assert_eq!(generated::CreateDeploymentParams::METADATA_VALUE_MAX_LENGTH, 512);
    assert_eq!(generated::UserDefineOutcomeEventParams::MAX_ITERATIONS_MAXIMUM, 20);
    assert_eq!(generated::TextRubricParams::CONTENT_MAX_LENGTH, 262_144);
    assert_eq!(generated::AgentParams::VERSION_MINIMUM, 1);
    assert_eq!(generated::operations::BetaListDeploymentsQuery::LIMIT_MAXIMUM, 100);
    assert_eq!(generated::operations::BetaListDeploymentRunsQuery::LIMIT_MAXIMUM, 1000);
}

#[test]
fn lengths_count_characters_not_bytes() {
    let mut text = generated::TextRubricParams::builder().content("é".repeat(262_144)).build();
    assert_eq!(text.content.len(), 524_288);
    assert!(text.validate().is_ok());
    text.content.push('é');
    assert_eq!(text.validate().expect_err("too long").violations()[0].actual, "262145");
}

#[test]
fn cron_expressions_are_five_posix_fields() {
    let accepted =
        ["0 9 * * 1-5", "*/15 * * * *", "0 0 1,15 * 0", "5 4 * * 7", "0-59/5 0-23 1-31 1-12 0-7", "  30 8 * * *  "];
    let rejected = [
        ("0 0 9 * * 1-5", "has 6 fields, expected 5"),
        ("0 9 * *", "has 4 fields, expected 5"),
        ("@daily", "shortcuts such as `@daily` are not supported"),
        ("0 9 L * *", "`L` is extended cron syntax"),
        ("0 9 15W * *", "`W` is extended cron syntax"),
        ("0 9 * * 1#2", "`#` is extended cron syntax"),
        ("0 9 ? * 1", "`?` is extended cron syntax"),
        ("60 9 * * *", "minute field `60`: 60 is out of range 0-59"),
        ("0 24 * * *", "hour field `24`: 24 is out of range 0-23"),
        ("0 9 0 * *", "day-of-month field `0`: 0 is out of range 1-31"),
        ("0 9 * 13 *", "month field `13`: 13 is out of range 1-12"),
        ("0 9 * * 8", "day-of-week field `8`: 8 is out of range 0-7"),
        ("0 9 * * 5-1", "range 5-1 runs backwards"),
        ("*/0 9 * * *", "a step must be at least 1"),
        ("0 9 * * MON", "`MON` is not a number"),
        ("0,,5 9 * * *", "a list item is empty"),
    ];
    let check = |expression: &str| {
        let schedule = generated::CronScheduleParams::builder().expression(expression).timezone("UTC").build();
        schedule.validate().err().map(|errors| errors.violations()[0].actual.clone())
    };
    for expression in accepted {
        assert_eq!(check(expression), None, "`{expression}` should be accepted");
    }
    for (expression, problem) in rejected {
        let found = check(expression).unwrap_or_else(|| panic!("`{expression}` should be rejected"));
        assert!(found.contains(problem), "`{expression}`: expected `{problem}`, found `{found}`");
    }
}

#[test]
fn time_zones_come_from_the_iana_database() {
    for zone in ["UTC", "America/Los_Angeles", "Europe/Berlin", "Asia/Kolkata", "America/Argentina/Buenos_Aires"] {
        let schedule = generated::CronScheduleParams::builder().expression("0 9 * * *").timezone(zone).build();
        assert!(schedule.validate().is_ok(), "`{zone}` should be accepted");
    }
    for zone in ["Mars/Olympus", "America/Springfield", "", "PST8PDT/extra"] {
        let schedule = generated::CronScheduleParams::builder().expression("0 9 * * *").timezone(zone).build();
        assert!(schedule.validate().is_err(), "`{zone}` should be rejected");
    }
}

fn event_tags(request: &Value) -> Vec<String> {
    request["initial_events"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|e| e["type"].as_str().unwrap_or_default().to_owned())
        .collect()
}

#[test]
fn a_system_message_is_at_most_one_final_event_right_after_a_user_message() {
    let base = named_example(&spec(), "/v1/deployments", "post", "maximal").clone();
    assert_eq!(event_tags(&base).last().map(String::as_str), Some("system.message"));
    let check = |events: Vec<Value>| {
        let mut request = base.clone();
        request["initial_events"] = Value::Array(events);
        let request: generated::CreateDeploymentParams = serde_json::from_value(request).expect("deserialises");
        request.validate().err().map(|e| e.violations().iter().map(|v| (v.path.clone(), v.rule)).collect::<Vec<_>>())
    };
    let events = base["initial_events"].as_array().expect("events").clone();
    let user = events[0].clone();
    let outcome = events[1].clone();
    let system = events.last().expect("a system message").clone();
    let path = |i: usize| format!("initial_events[{i}]");
    assert_eq!(check(vec![user.clone(), system.clone()]), None);
    assert_eq!(check(vec![user.clone()]), None);
    assert_eq!(
        check(vec![user.clone(), system.clone(), system.clone()]),
        Some(vec![("initial_events".to_owned(), Rule::MaxCount), (path(1), Rule::OnlyLast), (path(2), Rule::After),])
    );
    assert_eq!(check(vec![user.clone(), outcome.clone(), system.clone()]), Some(vec![(path(2), Rule::After)]));
    assert_eq!(
        check(vec![system.clone(), user.clone()]),
        Some(vec![(path(0), Rule::OnlyLast), (path(0), Rule::After)])
    );
    let message = {
        let request: generated::CreateDeploymentParams = serde_json::from_value({
            let mut request = base.clone();
            request["initial_events"] = json!([outcome, system]);
            request
        })
        .expect("deserialises");
        request.validate().expect_err("after a define_outcome").to_string()
    };
    assert!(
        message.contains(
            "initial_events[1]: a `system.message` item must come right after `user.message`, but it follows `user.define_outcome`"
        ),
        "{message}"
    );
}

#[test]
fn listing_deployments_by_status_and_including_archived_cannot_be_combined() {
    let mut query = generated::operations::BetaListDeploymentsQuery::default();
    query.status = Some(generated::DeploymentStatus::Active);
    query.include_archived = Some(true);
    let errors = query.validate().expect_err("mutually exclusive");
    assert_eq!(
        errors.to_string(),
        "1 violation of the API's limits:\n  - (the value): at most one of `status`, `include_archived` may be set, but \
         `status` and `include_archived` are set"
    );
    let mut query = generated::operations::BetaListDeploymentsQuery::default();
    query.include_archived = Some(true);
    query.limit = Some(100);
    assert!(query.validate().is_ok());
}

#[test]
fn many_violations_are_all_reported_in_field_order() {
    let mut request = generated::UpdateDeploymentParams::default();
    request.name = Some(String::new());
    request.description = generated::Nullable::Value("d".repeat(2049));
    request.environment_id = Some("e".repeat(129));
    request.vault_ids = generated::Nullable::Value(vec!["v".to_owned(); 51]);
    request.initial_events = Some(Vec::new());
    request.metadata = generated::Nullable::Value((0..17).map(|i| (format!("k{i}"), Some("v".repeat(513)))).collect());
    let errors = request.validate().expect_err("many violations");
    let found: Vec<String> = errors.violations().iter().map(|v| format!("{} {}", v.path, v.rule.keyword())).collect();
    let mut expected = vec![
        "name minLength".to_owned(),
        "description maxLength".to_owned(),
        "environment_id maxLength".to_owned(),
        "vault_ids maxItems".to_owned(),
        "initial_events minItems".to_owned(),
        "metadata maxProperties".to_owned(),
    ];
    // Map entries come in key order (the map is a `BTreeMap`).
    let mut keys: Vec<String> = (0..17).map(|i| format!("k{i}")).collect();
    keys.sort();
    expected.extend(keys.iter().map(|k| format!("metadata[\"{k}\"] maxLength")));
    assert_eq!(found, expected);
    assert_eq!(request.validate(), Err(errors), "the same request gives the same report");
}

#[test]
fn response_types_are_never_rejected_for_limits_and_their_caller_may_check_them() {
    // `Deployment` is only ever received: it reads values past any limit or rule, and
    // `validate` is a check its caller may run, which finds the ones it states.
    let spec = spec();
    let mut deployment =
        spec["paths"]["/v1/deployments"]["post"]["responses"]["200"]["content"]["application/json"]["examples"]
            .as_object()
            .and_then(|examples| examples.values().next())
            .map(|example| example["value"].clone())
            .expect("a create response example");
    deployment["name"] = Value::from("n".repeat(10_000));
    deployment["metadata"] = Value::Object((0..40).map(|i| (format!("k{i}"), Value::from("v"))).collect());
    deployment["schedule"]["expression"] = Value::from("");
    deployment["schedule"]["timezone"] = Value::from("");
    let read: generated::Deployment = serde_json::from_value(deployment).expect("read as sent");
    let found: Vec<(String, Rule)> =
        read.validate().expect_err("broken limits").violations().iter().map(|v| (v.path.clone(), v.rule)).collect();
    let expected = [("schedule.expression", Rule::MinLength), ("schedule.timezone", Rule::MinLength)];
    assert_eq!(found, expected.map(|(path, rule)| (path.to_owned(), rule)));
}

#[test]
fn a_deployment_run_is_read_whatever_it_holds_and_outcome_checks_the_rule() {
    let base = json!({
        "type": "deployment_run", "id": "drun_1", "deployment_id": "depl_1",
        "trigger_context": {"type": "manual"},
        "agent": {"type": "agent", "id": "agent_1", "version": 1},
        "created_at": "2026-03-15T10:00:00Z"
    });
    let with = |session: Value, error: Value| {
        let mut run = base.clone();
        run["session_id"] = session;
        run["error"] = error;
        run
    };
    let success = with(json!("sesn_1"), Value::Null);
    let run: generated::DeploymentRun = serde_json::from_value(success.clone()).expect("a success");
    assert_eq!(run.outcome(), Ok(generated::DeploymentRunOutcome::SessionId(&"sesn_1".to_owned())));
    assert!(run.validate().is_ok());
    assert_eq!(serde_json::to_value(&run).expect("serialises"), success);

    let failure = with(Value::Null, json!({"type": "session_rate_limited_error", "message": "slow down"}));
    let run: generated::DeploymentRun = serde_json::from_value(failure.clone()).expect("a failure");
    assert!(matches!(
        run.outcome(),
        Ok(generated::DeploymentRunOutcome::Error(generated::RunError::SessionRateLimitedError(_)))
    ));
    assert_eq!(serde_json::to_value(&run).expect("serialises"), failure);

    // Both or neither: the official schema allows it, so it is read (and written back as read);
    // the documented rule is reported by the check, never by decoding.
    for (session, error, count) in
        [(json!("sesn_1"), json!({"type": "unknown_error", "message": "m"}), 2), (Value::Null, Value::Null, 0)]
    {
        let sent = with(session, error);
        let run = serde_json::from_value::<generated::DeploymentRun>(sent.clone()).expect("read as sent");
        assert_eq!(serde_json::to_value(&run).expect("serialises"), sent);
        let violation = run.outcome().expect_err("not exactly one");
        assert_eq!(violation.rule, Rule::ExactlyOneOf);
        let message = format!("(the value): exactly one of `session_id`, `error` must be non-null, but {count} are");
        assert_eq!(violation.to_string(), message);
        let errors = run.validate().expect_err("the same rule");
        assert_eq!(errors.violations(), [violation]);
    }
    // A missing field counts as `null`, as the other nullable fields do.
    let run = serde_json::from_value::<generated::DeploymentRun>(base).expect("read as sent");
    assert!(run.outcome().expect_err("neither").to_string().contains("but 0 are"));
}

#[test]
fn an_empty_path_parameter_is_rejected_before_any_request_is_built() {
    // A path struct is built by its operation's `new`, which does not validate.
    let path = generated::operations::BetaArchiveDeployment::new("").path;
    assert_eq!(
        path.validate().expect_err("empty").to_string(),
        "1 violation of the API's limits:\n  - deployment_id: must be at least 1 character long, is 0"
    );
    let run = generated::operations::BetaGetDeploymentRun::new("drun_1").path;
    assert!(run.validate().is_ok());
}

#[test]
fn paths_spell_multi_digit_indexes_and_escape_keys_as_json() {
    let mut request = named_example(&spec(), "/v1/deployments", "post", "maximal").clone();
    let resources = request["resources"].as_array_mut().expect("resources");
    let file = json!({"type": "file", "file_id": "file_011CNha8iCJcU1wXNR6q4V8w"});
    resources.resize(124, file);
    resources[10]["file_id"] = json!("");
    resources[123]["file_id"] = json!("");
    let quoted_key = format!("q\"{}\\", "k".repeat(63));
    request["metadata"] = json!({ quoted_key.clone(): "v", "tab\tkey": "v".repeat(513) });
    let request: generated::CreateDeploymentParams = serde_json::from_value(request).expect("deserialises");
    let errors = request.validate().expect_err("four violations");
    let paths: Vec<&str> = errors.violations().iter().map(|v| v.path.as_str()).collect();
    let escaped_key = format!("metadata[{}]", serde_json::to_string(&quoted_key).expect("a string"));
    assert_eq!(
        paths,
        ["resources[10].file_id", "resources[123].file_id", escaped_key.as_str(), r#"metadata["tab\tkey"]"#]
    );
}
