//! The Overlay Specification's own examples, applied as the generator applies them: each
//! overlay is the specification's text, vendored under `tests/reference/overlay/` (see
//! `tests/reference/PROVENANCE.md`); the documents are small ones written for each example, and
//! the results are compared exactly, key order included. The 1.1.0 text's traits example comes
//! with its document and its result, both official.

use codegen::Overlay;
use serde_json::Value;

fn yaml(text: &str) -> Value {
    codegen::load::parse_yaml(text).expect("YAML")
}

fn example(path: &str) -> Overlay {
    Overlay::from_path(&tests::reference_dir().join("overlay").join(path))
        .unwrap_or_else(|errors| panic!("`{path}` is refused:\n{errors}"))
}

/// Applies the example at `path` to `document`; the result, with no finding, must be `expected`
/// (as text, so the order of keys counts).
fn applies(path: &str, document: &str, expected: &str) {
    let mut document = yaml(document);
    let warnings = example(path).apply(&mut document).unwrap_or_else(|errors| panic!("`{path}` fails:\n{errors}"));
    assert!(warnings.is_empty(), "`{path}`:\n{warnings}");
    let shown = |value: &Value| serde_json::to_string_pretty(value).expect("JSON");
    assert_eq!(shown(&document), shown(&yaml(expected)), "`{path}`");
}

const RESPONSES: &str = "responses: {'200': {description: OK}}";

#[test]
fn the_structured_example_merges_into_the_whole_document() {
    applies(
        "1.0.0/structured.yaml",
        &format!(
            "openapi: 3.0.3
info: {{title: Pets, version: '1'}}
paths:
  /:
    get: {{{RESPONSES}}}
  /pets:
    get: {{summary: List pets, {RESPONSES}}}
"
        ),
        // New keys go after the node's own; `summary` of `/pets` is replaced where it was; the
        // example's empty `components` and `tags` are nulls, inserted as such.
        &format!(
            "openapi: 3.0.3
info: {{title: Pets, version: '1', x-overlay-applied: structured-overlay}}
paths:
  /:
    get: {{{RESPONSES}, summary: Retrieve the root resource, x-rate-limit: 100}}
    summary: The root resource
  /pets:
    get: {{summary: Retrieve a list of pets, {RESPONSES}, x-rate-limit: 100}}
components: null
tags: null
"
        ),
    );
}

#[test]
fn the_targeted_example_changes_what_each_action_selects() {
    applies(
        "1.0.0/targeted.yaml",
        &format!(
            "paths:
  /foo:
    get: {{description: Old, {RESPONSES}}}
  /bar:
    get: {{{RESPONSES}}}
"
        ),
        &format!(
            "paths:
  /foo:
    get: {{description: This is the new description, {RESPONSES}}}
  /bar:
    get: {{{RESPONSES}, description: This is the updated description}}
    post: {{description: This is an updated description of a child object, x-safe: false}}
"
        ),
    );
}

#[test]
fn the_wildcard_example_updates_every_node_a_filter_selects() {
    applies(
        "1.0.0/wildcard.yaml",
        "paths:
  /a:
    get:
      parameters: [{name: filter, in: query}, {name: filter, in: header}]
  /b:
    get:
      parameters: [{name: filter, in: query, schema: {type: string}}]
  /c:
    post: {}
",
        // An object merges into an object: the `schema` that was there keeps its `type`.
        "paths:
  /a:
    get:
      parameters: [{name: filter, in: query, schema: {$ref: /components/schemas/filterSchema}}, {name: filter, in: header}]
      x-safe: true
  /b:
    get:
      parameters: [{name: filter, in: query, schema: {type: string, $ref: /components/schemas/filterSchema}}]
      x-safe: true
  /c:
    post: {}
",
    );
}

#[test]
fn the_array_examples_append_to_and_remove_from_every_selected_array() {
    let document = "paths:
  /a:
    get:
      parameters: [{name: dummy, in: query}, {name: id, in: path}, {name: dummy, in: header}]
  /b:
    get:
      parameters: []
";
    applies(
        "1.0.0/array-add.yaml",
        document,
        "paths:
  /a:
    get:
      parameters: [{name: dummy, in: query}, {name: id, in: path}, {name: dummy, in: header}, {name: newParam, in: query}]
  /b:
    get:
      parameters: [{name: newParam, in: query}]
",
    );
    applies(
        "1.0.0/array-remove.yaml",
        document,
        "paths:
  /a:
    get:
      parameters: [{name: id, in: path}]
  /b:
    get:
      parameters: []
",
    );
}

/// The 1.1.0 text's traits example, with its own document and result.
#[test]
fn the_traits_example_of_1_1_gives_the_result_the_specification_shows() {
    let read =
        |path: &str| std::fs::read_to_string(tests::reference_dir().join("overlay").join(path)).expect("vendored");
    applies("1.1.0/traits.yaml", &read("1.1.0/traits-openapi.yaml"), &read("1.1.0/traits-result.yaml"));
}

/// The 1.0.0 text's traits example is not RFC 9535 JSONPath (`x-oai-traits` holds `-`, which a
/// shorthand name may not: `['x-oai-traits']` is the bracketed form), which the Overlay
/// Specification requires and 1.1.0 corrected: it is refused at its target, as any invalid one.
#[test]
fn the_traits_example_of_1_0_is_refused_at_its_target() {
    let path = tests::reference_dir().join("overlay/1.0.0/traits.yaml");
    let errors = Overlay::from_path(&path).expect_err("not RFC 9535");
    let [error] = errors.items() else { panic!("one error: {errors}") };
    assert_eq!(error.pointer.as_str(), "/actions/0/target");
    assert_eq!(error.document.as_deref(), Some(path.display().to_string().as_str()));
    assert!(
        error.message.starts_with("`$.paths.*.get[?@.x-oai-traits.paged]` is not a JSONPath expression"),
        "{error}"
    );
}
