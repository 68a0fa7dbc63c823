//! Whole-IR facts a client reads off the operations, decided once here so the emitters only
//! read them: which error bodies are envelopes and which field holds their error object, and
//! which headers are lists that a caller's values add to.

use crate::ir::{ErrorBody, Ir, ParameterLocation, Storage, StructDef, TypeKind, TypeRef, bodies_differ};

pub(super) fn decide(ir: &mut Ir) {
    mark_list_headers(ir);
    ir.error_bodies = error_bodies(ir);
}

/// A header parameter is a list when the spec types it as an array (sent comma-separated, in
/// OpenAPI's only header style, `simple`) or gives it an `x-required-value`, which the stubs
/// merge into the caller's values. A constant (a required header with one allowed value) is not:
/// it has one value, never the caller's.
fn mark_list_headers(ir: &mut Ir) {
    let lists: Vec<Vec<bool>> = ir
        .operations
        .iter()
        .map(|operation| {
            operation
                .parameters
                .iter()
                .map(|parameter| {
                    parameter.location == ParameterLocation::Header
                        && parameter.constant.is_none()
                        && (parameter.required_value.is_some()
                            || matches!(ir.without_aliases(&parameter.ty), TypeRef::Array(_)))
                })
                .collect()
        })
        .collect();
    for (operation, lists) in ir.operations.iter_mut().zip(lists) {
        for (parameter, list) in operation.parameters.iter_mut().zip(lists) {
            parameter.list = list;
        }
    }
}

/// The body each operation's errors share (see [`ErrorBody`]), every Rust type once, in the
/// order of the operations that first use it.
fn error_bodies(ir: &Ir) -> Vec<ErrorBody> {
    let mut bodies: Vec<ErrorBody> = Vec::new();
    for (index, operation) in ir.operations.iter().enumerate() {
        let (_, errors, _) = operation.response_sides();
        if bodies_differ(&errors) {
            continue;
        }
        let Some(body) = errors.first().and_then(|response| response.body.as_ref()) else { continue };
        let ty = ir.without_aliases(body);
        if let Some(known) = bodies.iter_mut().find(|known| known.ty == ty) {
            known.operations.push(index);
            continue;
        }
        let envelope = match &ty {
            TypeRef::Named(id) => match &ir.get(*id).kind {
                TypeKind::Struct(def) => envelope_field(ir, def),
                _ => None,
            },
            _ => None,
        };
        bodies.push(ErrorBody { ty, envelope, operations: vec![index] });
    }
    bodies
}

/// The field of an error body that holds its error object, when the body is an envelope: an
/// object whose one field besides a one-value tag (`type: "error"`) and a request id is a
/// required `error` holding a struct, a union or an enum. That is how Anthropic writes its
/// errors (`{type, error, request_id}`), and how Stripe and Google write theirs (`{error}`). A
/// body with any other field (or typed additional properties) is its own object, so that
/// `api_error()` never hides what such a field says; and an `error` that contains its own
/// envelope (boxed) is left in it.
fn envelope_field(ir: &Ir, def: &StructDef) -> Option<usize> {
    if def.additional.is_some() {
        return None;
    }
    let mut object = None;
    for (index, field) in def.fields.iter().enumerate().filter(|(_, field)| field.is_declared()) {
        if field.wire_name == "error"
            && field.presence.is_required()
            && field.storage == Storage::Inline
            && holds_object(ir, &field.ty)
        {
            object = Some(index);
        } else if !(is_tag(ir, &field.ty) || is_request_id(&field.wire_name)) {
            return None;
        }
    }
    object
}

/// A struct, a union or an enum: something a caller matches on or reads fields of.
fn holds_object(ir: &Ir, ty: &TypeRef) -> bool {
    matches!(ir.without_aliases(ty), TypeRef::Named(id) if matches!(
        ir.get(id).kind,
        TypeKind::Struct(_) | TypeKind::TaggedUnion(_) | TypeKind::KindUnion(_) | TypeKind::Enum(_)
    ))
}

/// A one-value enum, which says what the object is and nothing else.
fn is_tag(ir: &Ir, ty: &TypeRef) -> bool {
    matches!(ir.without_aliases(ty), TypeRef::Named(id) if matches!(&ir.get(id).kind, TypeKind::Enum(e) if e.variants.len() == 1))
}

/// `request_id`, `requestId`, `request-id`: what the response's `request-id` header says too.
fn is_request_id(wire_name: &str) -> bool {
    let letters: String = wire_name.chars().filter(char::is_ascii_alphanumeric).collect();
    letters.eq_ignore_ascii_case("requestid")
}

#[cfg(test)]
mod tests {
    use crate::ir::{Ir, TypeKind, TypeRef};
    use crate::lower::lowered;

    /// The Rust name of an error body's type and, for an envelope, its object's field.
    fn error_bodies(ir: &Ir) -> Vec<(String, Option<String>, Vec<String>)> {
        ir.error_bodies
            .iter()
            .map(|body| {
                let TypeRef::Named(id) = &body.ty else { return (format!("{:?}", body.ty), None, Vec::new()) };
                let def = ir.get(*id);
                let field = body.envelope.map(|index| match &def.kind {
                    TypeKind::Struct(s) => s.fields[index].wire_name.clone(),
                    _ => panic!("an envelope is a struct"),
                });
                let operations =
                    body.operations.iter().map(|index| ir.operations[*index].operation_id.clone()).collect();
                (def.rust_name.clone(), field, operations)
            })
            .collect()
    }

    /// Each operation answers its errors with one schema; the schemas differ in one way each.
    const SPEC: &str = r"
openapi: 3.0.3
info: {title: Errors, version: '1'}
paths:
  /anthropic:
    get:
      operationId: Anthropic
      parameters:
        - {name: anthropic-beta, in: header, schema: {type: array, items: {type: string}}, x-required-value: beta-1}
        - {name: anthropic-version, in: header, schema: {type: string, default: '2023-06-01'}}
        - {name: beta, in: query, required: true, schema: {type: string, enum: ['true']}}
      responses:
        '200': {description: ok}
        '404': {description: gone, content: {application/json: {schema: {$ref: '#/components/schemas/Envelope'}}}}
        '500': {description: down, content: {application/json: {schema: {$ref: '#/components/schemas/Envelope'}}}}
  /aliased:
    get:
      operationId: Aliased
      parameters:
        - {name: x-tags, in: header, schema: {$ref: '#/components/schemas/Tags'}}
        - {name: x-trace, in: header, required: true, schema: {type: string, enum: [on]}}
      responses:
        '200': {description: ok}
        default: {description: error, content: {application/json: {schema: {$ref: '#/components/schemas/AliasedEnvelope'}}}}
  /google:
    get:
      operationId: Google
      responses:
        '200': {description: ok}
        default: {description: error, content: {application/json: {schema: {$ref: '#/components/schemas/Status'}}}}
  /documented:
    get:
      operationId: Documented
      responses:
        '200': {description: ok}
        default: {description: error, content: {application/json: {schema: {$ref: '#/components/schemas/WithLink'}}}}
  /text:
    get:
      operationId: Text
      responses:
        '200': {description: ok}
        '400': {description: bad, content: {application/json: {schema: {$ref: '#/components/schemas/StringError'}}}}
  /by-status:
    get:
      operationId: ByStatus
      responses:
        '200': {description: ok}
        '400': {description: bad, content: {application/json: {schema: {$ref: '#/components/schemas/Status'}}}}
        '404': {description: gone, content: {text/plain: {schema: {type: string}}}}
components:
  schemas:
    Envelope:
      type: object
      required: [type, error, request_id]
      properties:
        type: {type: string, enum: [error]}
        error:
          oneOf: [{$ref: '#/components/schemas/NotFound'}, {$ref: '#/components/schemas/Overloaded'}]
          discriminator: {propertyName: type}
        request_id: {type: string, nullable: true}
    NotFound:
      type: object
      required: [type, message]
      properties: {type: {type: string, enum: [not_found_error]}, message: {type: string}}
    Overloaded:
      type: object
      required: [type, message]
      properties: {type: {type: string, enum: [overloaded_error]}, message: {type: string}}
    Problem: {type: object, properties: {code: {type: integer}, message: {type: string}}}
    AliasedProblem: {$ref: '#/components/schemas/Problem'}
    AliasedEnvelope: {$ref: '#/components/schemas/Status'}
    Tags: {type: array, items: {type: string}}
    Status:
      type: object
      required: [error]
      properties: {error: {$ref: '#/components/schemas/AliasedProblem'}}
    WithLink:
      type: object
      required: [error]
      properties: {error: {$ref: '#/components/schemas/Problem'}, documentation_url: {type: string}}
    StringError:
      type: object
      required: [error]
      properties: {error: {type: string}}
";

    #[test]
    fn an_error_body_is_an_envelope_when_its_one_other_field_is_a_required_error_object() {
        let ir = lowered(SPEC);
        let error = Some("error".to_owned());
        let names = |names: &[&str]| names.iter().map(|name| (*name).to_owned()).collect::<Vec<_>>();
        assert_eq!(
            error_bodies(&ir),
            [
                // An alias of an envelope is the envelope, once, for both operations; so is an
                // `error` whose type is an alias of a struct.
                ("Status".to_owned(), error.clone(), names(&["Aliased", "Google"])),
                // The tag and the request id beside `error` leave it an envelope.
                ("Envelope".to_owned(), error, names(&["Anthropic"])),
                // Another field (a link) is worth keeping: the body is its own object.
                ("WithLink".to_owned(), None, names(&["Documented"])),
                // A string `error` is no object.
                ("StringError".to_owned(), None, names(&["Text"])),
            ]
        );
        // Errors whose bodies differ by status are an enum, not a shared body.
        assert!(
            !ir.error_bodies
                .iter()
                .any(|body| body.operations.iter().any(|i| ir.operations[*i].operation_id == "ByStatus"))
        );
    }

    #[test]
    fn a_header_is_a_list_when_it_is_an_array_or_carries_a_required_value() {
        let ir = lowered(SPEC);
        let lists: Vec<(&str, bool)> = ir
            .operations
            .iter()
            .flat_map(|operation| &operation.parameters)
            .map(|parameter| (parameter.name.as_str(), parameter.list))
            .collect();
        assert_eq!(
            lists,
            [
                // An array through an alias; a constant is one value, not a list.
                ("x-tags", true),
                ("x-trace", false),
                ("anthropic-beta", true),
                ("anthropic-version", false),
                ("beta", false),
            ]
        );
    }
}
