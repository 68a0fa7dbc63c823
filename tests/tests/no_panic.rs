//! No panics, ever: the generator meets valid and invalid documents, generated and mutated,
//! and always answers with code or with diagnostics. Every document it accepts gives files that
//! parse as Rust, and a sample of them (drawn with a fixed seed) is compiled, which must pass
//! without a warning.
//!
//! Two sources of documents: OpenAPI-shaped documents built from a recursive schema strategy
//! (objects, arrays, maps, enums, unions with and without tags, `allOf`, `$ref`s to components
//! that may or may not exist, nullability, formats and limits), and the project's real specs
//! (`spec/` and every fixture) with random mutations (nodes replaced, deleted, or swapped for
//! another node of the same document). The case count is bounded for the test command; set
//! `PROPTEST_CASES` (say 10000) to run longer.

use codegen::Pointer;
use proptest::prelude::*;
use serde_json::{Map, Value, json};

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|cases| cases.parse().ok()).unwrap_or(48);
    ProptestConfig { cases, failure_persistence: None, ..ProptestConfig::default() }
}

/// Runs the whole generator; fails the property on a panic (proptest catches it and shrinks), or
/// if an accepted document gives a file that is not Rust.
fn generates_or_reports(text: &str, origin: &str) -> Result<(), TestCaseError> {
    match codegen::generate_from_str(text, origin, &codegen::Config::default()) {
        Ok(generated) => {
            let files = generated.crate_files().map_err(|bug| {
                TestCaseError::fail(format!("an accepted document gives code that does not parse: {bug}"))
            })?;
            for (path, contents) in files {
                syn::parse_file(&contents)
                    .map_err(|error| TestCaseError::fail(format!("`{path}` is not Rust: {error}")))?;
            }
            Ok(())
        }
        Err(diagnostics) => {
            prop_assert!(diagnostics.has_errors(), "a failure must carry at least one error");
            for item in diagnostics.items() {
                prop_assert!(!item.message.is_empty());
                prop_assert_eq!(Pointer::parse(item.pointer.as_str()), Some(item.pointer.clone()));
            }
            Ok(())
        }
    }
}

const NAMES: &[&str] =
    &["Pet", "pet", "Owner", "type", "self", "2fa-enabled", "user.message", "Missing", "Node", "created_at[gte]"];

fn name() -> impl Strategy<Value = String> {
    prop_oneof![proptest::sample::select(NAMES).prop_map(str::to_owned), "[a-zA-Z_][a-zA-Z0-9_.\\-\\[\\] ]{0,12}"]
}

/// A schema: leaves are primitives and `$ref`s (to components that may not exist); inner nodes
/// are objects, arrays, maps, unions and `allOf`s. Keywords are mixed in, valid or not.
fn schema() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(json!({"type": "string"})),
        Just(json!({"type": "string", "format": "date-time"})),
        Just(json!({"type": "string", "format": "cron", "minLength": 1})),
        Just(json!({"type": "string", "pattern": "^[a-z]+(?=x)$"})),
        Just(json!({"type": "integer", "format": "int32", "minimum": 1, "maximum": 20})),
        Just(json!({"type": "number", "multipleOf": 0.5, "exclusiveMinimum": true, "minimum": 0})),
        Just(json!({"type": "boolean"})),
        Just(json!({})),
        Just(json!({"nullable": true})),
        Just(json!({"type": "null"})),
        Just(json!({"not": {"type": "string"}})),
        proptest::collection::vec(name(), 0..4).prop_map(|values| json!({"type": "string", "enum": values})),
        proptest::sample::select(NAMES).prop_map(|target| json!({"$ref": format!("#/components/schemas/{target}")})),
        // References into parts of other schemas, which may or may not be there.
        (
            proptest::sample::select(NAMES),
            proptest::sample::select(&["properties/id", "items", "allOf/0", "oneOf/1", "additionalProperties"][..])
        )
            .prop_map(|(target, part)| json!({"$ref": format!("#/components/schemas/{target}/{part}")})),
        Just(json!({"type": "string", "format": "binary"})),
        Just(json!({"type": "string", "enum": [true, 3, null]})),
        any::<i64>().prop_map(|n| json!({"type": "integer", "maximum": n})),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            (proptest::collection::vec((name(), inner.clone()), 0..5), proptest::collection::vec(name(), 0..3), any::<bool>())
                .prop_map(|(properties, required, closed)| {
                    let properties: Map<String, Value> = properties.into_iter().collect();
                    json!({"type": "object", "properties": properties, "required": required, "additionalProperties": !closed})
                }),
            (inner.clone(), 0u64..3).prop_map(|(items, min)| json!({"type": "array", "items": items, "minItems": min, "maxItems": 2})),
            inner.clone().prop_map(|values| json!({"type": "object", "additionalProperties": values, "maxProperties": 3, "x-propertyNames": {"maxLength": 4}})),
            proptest::collection::vec(inner.clone(), 0..4).prop_map(|members| json!({"oneOf": members})),
            proptest::collection::vec(inner.clone(), 0..4).prop_map(|members| json!({"anyOf": members, "nullable": true})),
            proptest::collection::vec(inner.clone(), 0..3).prop_map(|parts| json!({"allOf": parts})),
            proptest::collection::vec(name(), 1..4).prop_map(|tags| {
                let members: Vec<Value> = tags
                    .iter()
                    .map(|tag| json!({"type": "object", "required": ["type"], "properties": {"type": {"type": "string", "enum": [tag]}}}))
                    .collect();
                json!({"oneOf": members, "discriminator": {"propertyName": "type"}})
            }),
        ]
    })
}

/// The media types a request body is offered in, and a response answered in.
const REQUEST_MEDIA: &[&[&str]] = &[
    &["application/json"],
    &["application/x-www-form-urlencoded"],
    &["multipart/form-data"],
    &["application/octet-stream"],
    &["text/plain"],
    &["application/json", "application/x-www-form-urlencoded"],
];
const RESPONSE_MEDIA: &[&[&str]] = &[
    &["application/json"],
    &["text/event-stream"],
    &["application/pdf"],
    &["text/plain"],
    &["application/json", "text/event-stream"],
];
/// A query parameter's `style` and `explode`.
const QUERY_STYLES: &[(&str, bool)] =
    &[("form", true), ("form", false), ("spaceDelimited", false), ("pipeDelimited", false), ("deepObject", true)];

fn document() -> impl Strategy<Value = (Value, bool)> {
    let operation =
        (name(), schema(), schema(), schema(), 0..REQUEST_MEDIA.len(), 0..RESPONSE_MEDIA.len(), 0..QUERY_STYLES.len());
    (proptest::collection::vec((name(), schema()), 0..6), proptest::collection::vec(operation, 0..4), any::<bool>())
        .prop_map(|(components, operations, version_31)| {
            let schemas: Map<String, Value> = components.into_iter().collect();
            let mut paths = Map::new();
            for (index, (id, request, response, filter, request_media, response_media, style)) in operations.into_iter().enumerate() {
                let content = |media: &[&str], schema: &Value| -> Map<String, Value> {
                    media.iter().map(|name| ((*name).to_owned(), json!({"schema": schema}))).collect()
                };
                let (style, explode) = QUERY_STYLES[style];
                paths.insert(
                    format!("/things/{index}/{{id}}"),
                    json!({"post": {
                        "operationId": id,
                        "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}},
                                       {"name": "limit", "in": "query", "schema": {"type": "integer", "maximum": 10}},
                                       {"name": "filter", "in": "query", "style": style, "explode": explode, "schema": filter}],
                        "requestBody": {"content": content(REQUEST_MEDIA[request_media], &request)},
                        "responses": {"200": {"description": "ok", "content": content(RESPONSE_MEDIA[response_media], &response)}}
                    }}),
                );
            }
            let version = if version_31 { "3.1.0" } else { "3.0.3" };
            (json!({"openapi": version, "info": {"title": "t", "version": "1"}, "paths": paths, "components": {"schemas": schemas}}), version_31)
        })
}

/// Every node of a document, by JSON pointer.
fn pointers(value: &Value, at: &Pointer, out: &mut Vec<Pointer>) {
    out.push(at.clone());
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                pointers(child, &at.join(key), out);
            }
        }
        Value::Array(items) => {
            for (index, child) in items.iter().enumerate() {
                pointers(child, &at.join(index), out);
            }
        }
        _ => {}
    }
}

#[derive(Debug, Clone)]
enum Mutation {
    Replace(usize, Value),
    Delete(usize),
    CopyOver(usize, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let scalar = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_filter("JSON numbers are finite", |f| f.is_finite()).prop_map(Value::from),
        name().prop_map(Value::from),
        Just(json!([])),
        Just(json!({})),
        Just(json!({"$ref": "#/components/schemas/Nowhere"})),
        Just(json!({"$ref": "other.yaml#/Thing"})),
        Just(json!(["string", "null"])),
    ];
    prop_oneof![
        (any::<usize>(), scalar).prop_map(|(at, value)| Mutation::Replace(at, value)),
        any::<usize>().prop_map(Mutation::Delete),
        (any::<usize>(), any::<usize>()).prop_map(|(from, to)| Mutation::CopyOver(from, to)),
    ]
}

fn apply(document: &mut Value, mutation: &Mutation) {
    let mut all = Vec::new();
    pointers(document, &Pointer::root(), &mut all);
    let pick = |index: usize| all[index % all.len()].clone();
    match mutation {
        Mutation::Replace(at, value) => {
            if let Some(node) = document.pointer_mut(pick(*at).as_str()) {
                *node = value.clone();
            }
        }
        Mutation::Delete(at) => {
            let pointer = pick(*at);
            if let (Some(parent), Some(key)) = (pointer.parent(), pointer.tokens().last()) {
                match document.pointer_mut(parent.as_str()) {
                    Some(Value::Object(map)) => {
                        map.shift_remove(key.as_ref());
                    }
                    Some(Value::Array(items)) => {
                        if let Ok(index) = key.parse::<usize>()
                            && index < items.len()
                        {
                            items.remove(index);
                        }
                    }
                    _ => {}
                }
            }
        }
        Mutation::CopyOver(from, to) => {
            if let Some(copy) = document.pointer(pick(*from).as_str()).cloned()
                && let Some(node) = document.pointer_mut(pick(*to).as_str())
            {
                *node = copy;
            }
        }
    }
}

fn real_specs() -> Vec<(String, Value)> {
    let mut specs = vec![tests::spec_path()];
    specs.extend(tests::fixtures().unwrap_or_else(|error| panic!("{error}")).into_iter().map(|fixture| fixture.spec));
    specs
        .into_iter()
        .map(|path| (xtask::display_path(&path), tests::read_document(&path).unwrap_or_else(|error| panic!("{error}"))))
        .collect()
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn generated_documents_give_code_or_diagnostics((document, _) in document()) {
        generates_or_reports(&document.to_string(), "generated.json")?;
    }

    #[test]
    fn mutated_real_specs_give_code_or_diagnostics(spec in any::<usize>(), mutations in proptest::collection::vec(mutation(), 1..6)) {
        let specs = real_specs();
        let (name, mut document) = specs[spec % specs.len()].clone();
        for mutation in &mutations {
            apply(&mut document, mutation);
        }
        generates_or_reports(&document.to_string(), &format!("{name}.json"))?;
    }

    #[test]
    fn arbitrary_text_gives_diagnostics(text in "\\PC{0,200}") {
        generates_or_reports(&text, "arbitrary.yaml")?;
    }
}

/// How many accepted documents of each source the compile check builds (`PROPTEST_COMPILE_SAMPLE`
/// to change it): enough to meet most constructs, few enough for the test command.
fn compile_sample_size() -> usize {
    std::env::var("PROPTEST_COMPILE_SAMPLE").ok().and_then(|size| size.parse().ok()).unwrap_or(12)
}

/// Parsing is not compiling: a sample of the crates the generator makes of accepted documents,
/// generated and mutated (drawn with a fixed seed, so a failure reproduces), is checked by
/// `cargo check` in one batch, as members of one scratch workspace; any error or warning in a
/// generated crate fails the test.
#[test]
fn a_sample_of_the_accepted_documents_compiles_without_a_warning() {
    use proptest::strategy::ValueTree as _;
    use proptest::test_runner::TestRunner;

    let mut runner = TestRunner::deterministic();
    let specs = real_specs();
    let mut crates = Vec::new();
    let (mut generated_found, mut mutated_found) = (0, 0);
    for attempt in 0..2000 {
        if generated_found >= compile_sample_size() && mutated_found >= compile_sample_size() {
            break;
        }
        let mutate = attempt % 2 == 1;
        let text = if mutate {
            if mutated_found >= compile_sample_size() {
                continue;
            }
            let picked = any::<usize>().new_tree(&mut runner).expect("a value").current();
            let (_, mut document) = specs[picked % specs.len()].clone();
            let mutations =
                proptest::collection::vec(mutation(), 1..4).new_tree(&mut runner).expect("a value").current();
            for mutation in &mutations {
                apply(&mut document, mutation);
            }
            document.to_string()
        } else {
            if generated_found >= compile_sample_size() {
                continue;
            }
            document().new_tree(&mut runner).expect("a value").current().0.to_string()
        };
        let Ok(generated) = codegen::generate_from_str(&text, "sample.json", &codegen::Config::default()) else {
            continue;
        };
        let name = format!("sample{}", crates.len());
        let files = generated.standalone_crate(&name).expect("an accepted document formats");
        crates.push((name, files, text));
        if mutate {
            mutated_found += 1;
        } else {
            generated_found += 1;
        }
    }
    assert!(generated_found > 0 && mutated_found > 0, "no accepted document to compile");

    let workspace = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("compile-sample");
    for entry in std::fs::read_dir(&workspace).into_iter().flatten().flatten() {
        // The crates are written anew (they build into the nested builds' shared target
        // directory, so their dependencies are those the corpus and the bench built).
        let _ = std::fs::remove_dir_all(entry.path());
        let _ = std::fs::remove_file(entry.path());
    }
    let members: Vec<String> = crates.iter().map(|(name, _, _)| format!("\"{name}\"")).collect();
    let manifest = format!("[workspace]\nresolver = \"3\"\nmembers = [{}]\n", members.join(", "));
    std::fs::create_dir_all(&workspace).expect("a scratch directory");
    std::fs::write(workspace.join("Cargo.toml"), manifest).expect("a scratch directory");
    std::fs::copy(tests::workspace_root().join("Cargo.lock"), workspace.join("Cargo.lock")).expect("the lock file");
    for (name, files, text) in &crates {
        for (path, contents) in files {
            let path = workspace.join(name).join(path);
            std::fs::create_dir_all(path.parent().expect("a parent")).expect("a scratch directory");
            std::fs::write(path, contents).expect("a scratch directory");
        }
        std::fs::write(workspace.join(name).join("document.json"), text).expect("a scratch directory");
    }
    let output = xtask::cargo::in_dir(&workspace, &xtask::cargo::nested_target_dir())
        .args(["check", "--workspace", "--offline", "--quiet", "--message-format", "short"])
        .output()
        .expect("cargo runs");
    let report = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    let problems: Vec<&str> = report
        .lines()
        .filter(|line| line.contains(": warning") || line.contains(": error") || line.starts_with("error"))
        .collect();
    assert!(
        output.status.success() && problems.is_empty(),
        "{} sampled crates do not compile cleanly (each crate's document is in its folder under {}):\n{}",
        crates.len(),
        workspace.display(),
        problems.join("\n")
    );
}
