//! Bad input gets a diagnostic that says where (the JSON pointer) and why, never a panic.

use codegen::{Config, Severity, generate_from_str};

fn errors_of(spec: &str, origin: &str) -> Vec<String> {
    match generate_from_str(spec, origin, &Config::default()) {
        Ok(_) => panic!("the spec was accepted:\n{spec}"),
        Err(diagnostics) => diagnostics.items().iter().map(|d| format!("{} at #{}", d.message, d.pointer)).collect(),
    }
}

const HEADER: &str = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\n";

#[test]
fn malformed_yaml_names_line_and_column() {
    let errors = errors_of("openapi: 3.0.3\ninfo: [1,\n  b: }\n", "spec.yaml");
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].starts_with("malformed YAML in `spec.yaml`: line 2 column 7"), "{errors:?}");
}

#[test]
fn malformed_json_names_line_and_column() {
    let errors = errors_of("{\"openapi\": \"3.0.3\",\n \"info\": }", "spec.json");
    assert_eq!(errors, ["malformed JSON in `spec.json` at line 2, column 10: expected value at #"]);
}

#[test]
fn an_unsupported_version_is_an_error_with_a_hint() {
    let errors = errors_of("openapi: 2.0.0\ninfo: {title: t, version: '1'}\npaths: {}\n", "spec.yaml");
    assert_eq!(errors, ["unsupported OpenAPI version: `2.0.0` at #/openapi"]);
}

#[test]
fn a_node_of_the_wrong_shape_is_pointed_at() {
    let errors = errors_of(&format!("{HEADER}paths:\n  /a:\n    get:\n      responses: 7\n"), "spec.yaml");
    // openapiv3 reads `paths` through a flattened map, where serde_path_to_error loses the
    // deeper keys: the pointer names the nearest node it can, and the message names the shape.
    assert_eq!(
        errors,
        ["not a valid OpenAPI 3.0 document: invalid type: integer `7`, expected struct Responses at #/paths"]
    );
}

#[test]
fn every_unresolvable_reference_and_duplicate_operation_is_reported_at_once() {
    let spec = format!(
        "{HEADER}paths:
  /a:
    get:
      operationId: Same
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {{$ref: '#/components/schemas/Missing'}}
  /b:
    get:
      operationId: Same
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {{$ref: 'other.yaml#/Thing'}}
"
    );
    let errors = errors_of(&spec, "spec.yaml");
    assert_eq!(
        errors,
        [
            "cannot resolve `$ref: #/components/schemas/Missing` at #/paths/~1a/get/responses/200/content/application~1json/schema",
            "duplicate `operationId` `Same` at #/paths/~1b/get",
            "cannot resolve `$ref: other.yaml#/Thing` at #/paths/~1b/get/responses/200/content/application~1json/schema",
        ]
    );
}

#[test]
fn an_untypable_schema_is_a_warning_with_its_pointer_not_an_error() {
    let spec = format!(
        "{HEADER}paths: {{}}
components:
  schemas:
    Either:
      oneOf:
        - {{type: object, properties: {{a: {{type: string}}}}}}
        - {{type: object, properties: {{a: {{type: string}}, b: {{type: string}}}}}}
"
    );
    let generated = generate_from_str(&spec, "spec.yaml", &Config::default()).expect("warnings do not stop generation");
    let warnings: Vec<_> = generated.warnings().iter().map(|d| (d.severity, d.pointer.as_str())).collect();
    assert_eq!(warnings, [(Severity::Warning, "/components/schemas/Either")]);
    assert!(generated.crate_files().expect("formats")["types.rs"].contains("pub type Either = ::serde_json::Value;"));
}

#[test]
fn malformed_or_misplaced_validation_extensions_are_errors() {
    let spec = format!(
        "{HEADER}paths: {{}}
components:
  schemas:
    Params:
      type: object
      x-mutually-exclusive: [a, missing]
      properties:
        a: {{type: string}}
        names:
          type: array
          x-item-rules: [{{tag: x}}]
          items: {{type: string}}
        events:
          type: array
          x-item-rules: [{{tag: finish, after: [nope]}}, {{tag: 3}}]
          items: {{$ref: '#/components/schemas/Event'}}
    Event:
      oneOf:
        - {{type: object, required: [type], properties: {{type: {{type: string, enum: [finish]}}}}}}
        - {{type: object, required: [type], properties: {{type: {{type: string, enum: [run]}}}}}}
"
    );
    let errors = errors_of(&spec, "spec.yaml");
    assert_eq!(
        errors,
        [
            "`x-item-rules` names the tag `nope`, which no member of the items has at #/components/schemas/Params/properties/events/x-item-rules",
            "malformed vendor extension at #/components/schemas/Params/properties/events/x-item-rules/1",
            "`x-item-rules` needs an array of a discriminated union at #/components/schemas/Params/properties/names/x-item-rules",
            "`x-mutually-exclusive` names `missing`, which is not a property here at #/components/schemas/Params/x-mutually-exclusive",
        ]
    );
}

/// Found by the property tests: identifiers composed from a name that starts with a digit
/// (`{Operation}Builder`, `{FIELD}_MAX_LENGTH`) must be sanitised again, or building them panics.
#[test]
fn names_starting_with_digits_compose_into_valid_identifiers() {
    let spec = format!(
        "{HEADER}paths:
  /x/{{id}}:
    post:
      operationId: 8things
      parameters: [{{name: id, in: path, required: true, schema: {{type: string}}}}]
      requestBody:
        content:
          application/json:
            schema:
              type: object
              required: [2fa]
              properties:
                2fa: {{type: string, maxLength: 3}}
      responses:
        '200': {{description: ok}}
"
    );
    let generated = generate_from_str(&spec, "spec.yaml", &Config::default()).expect("generates");
    let files = generated.crate_files().expect("formats");
    assert!(files["builders.rs"].contains("pub struct _8thingsBuilder"), "{}", files["builders.rs"]);
    assert!(files["validate.rs"].contains("pub const _2FA_MAX_LENGTH: usize = 3;"), "{}", files["validate.rs"]);
}
