//! The name registry: every Rust name the generated crate defines beside the types (operations,
//! their enums by status, builders, and the runtime's own items), decided in one place, so two
//! that would collide are found here and resolved deterministically, with a warning naming both.
//!
//! The names of the `types` module are unique already (`Lowerer::new_type` registers each as it
//! is made). An operation's parameter structs live in `operations` and are named here, beside
//! the operations' own names (`CreatePetQuery`; a struct every operation holds by its location
//! alone: `Headers`). What is named after a type or an operation is not unique by itself: an
//! operation `listPets` wants `ListPetsError` for its enum of errors, which an operation
//! `listPetsError` already is.
//! Names are claimed module by module, in an order that does not depend on the document's map
//! order: the runtime's items first, then types by name, then operations by name. A later claim
//! that is taken gets a suffix saying what it is (`Request`, `Body`, `Parameters`), then a
//! number.
//!
//! The other names are decided here too, once the operations are named: the member that keeps a
//! struct's undeclared fields, the arguments of each request's `new`, the cargo features
//! (`features.rs`) and the client's resources, methods and query setters (`client.rs`).
//! Emitters read every name from the IR.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use crate::Pointer;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::ident;
use crate::ir::{
    Argument, Fills, Ir, Operation, OperationNames, ParameterLocation, Presence, Purpose, TypeId, TypeKind,
    bodies_differ,
};

/// The names one module defines, each with what claimed it.
struct Module {
    claimed: BTreeMap<String, Holder>,
}

/// What holds a name.
#[derive(Debug, Clone)]
enum Holder {
    /// The runtime's code in the module.
    Runtime,
    /// What the document writes at this pointer.
    At(Pointer),
}

impl fmt::Display for Holder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Runtime => f.write_str("the runtime"),
            Self::At(pointer) => write!(f, "`{pointer}`"),
        }
    }
}

impl Module {
    /// A module whose runtime defines `reserved`.
    fn with_runtime(reserved: &[&str]) -> Self {
        Self { claimed: reserved.iter().map(|name| ((*name).to_owned(), Holder::Runtime)).collect() }
    }

    /// Claims `wanted` for what sits at `pointer`, or the first free name made from it with
    /// `suffix` and then a number; a name that had to change is reported.
    fn claim(
        &mut self,
        wanted: &str,
        shown: impl Fn(&str) -> String,
        suffix: &str,
        pointer: &Pointer,
        diagnostics: &mut Diagnostics,
    ) -> String {
        let holder = match self.claimed.entry(shown(wanted)) {
            std::collections::btree_map::Entry::Vacant(slot) => {
                slot.insert(Holder::At(pointer.clone()));
                return wanted.to_owned();
            }
            std::collections::btree_map::Entry::Occupied(taken) => taken.get().clone(),
        };
        let mut name = format!("{wanted}{suffix}");
        let mut counter = 2;
        while self.claimed.contains_key(&shown(&name)) {
            name = format!("{wanted}{suffix}{counter}");
            counter += 1;
        }
        self.claimed.insert(shown(&name), Holder::At(pointer.clone()));
        diagnostics.push(
            Diagnostic::warning(pointer, format!("`{}` is taken by {holder}", shown(wanted)))
                .with_hint(format!("this one is named `{}`; rename one of them in the spec to choose", shown(&name))),
        );
        name
    }
}

/// Whether a struct gets a builder: request-side, not a parameter struct (its operation's
/// builder sets those fields), and with something a caller must set, which the builder checks:
/// a required field (not of one value) or a held choice. Structs are `#[non_exhaustive]`
/// ([`crate::ir::STRUCTS_NON_EXHAUSTIVE`]), so outside the crate such a struct is built by its
/// builder alone; one with nothing to set is `Default`, and `Default` plus field assignment
/// builds it without a builder to compile. (A builder leaves undeclared properties empty; they
/// are set on the value it builds.)
pub(crate) fn has_builder(ir: &Ir, def: &crate::ir::TypeDef) -> bool {
    let TypeKind::Struct(s) = &def.kind else { return false };
    def.usage.request
        && !matches!(def.purpose, Purpose::Parameters(_))
        && (s.choices.iter().any(|c| c.held)
            || s.fields
                .iter()
                .any(|field| field.is_declared() && field.presence.is_required() && !ir.is_constant(&field.ty)))
}

/// The builder of what `base` names: `CreatePetBuilder`.
pub(crate) fn builder_type_name(base: &str) -> String {
    ident::composed_type_name(&format!("{base}Builder"))
}

/// Decides every name the crate defines beside the types' own, in the IR: builders, operations
/// and their enums, the members that keep extra fields, the cargo features and the client's.
pub(super) fn assign(ir: &mut Ir, diagnostics: &mut Diagnostics) {
    let emitted = ir.emitted_types();
    let mut builders = Module::with_runtime(&["Missing", "Set", "IsSet", "IsUnset", "fields"]);
    assign_type_builders(ir, &emitted, &mut builders, diagnostics);
    assign_operations(ir, diagnostics);
    assign_extra_fields(ir);
    ir.features = super::features::decide(ir, &emitted);
    ir.resources = super::client::resources(ir);
    ir.env_prefix = super::client::env_prefix(ir);
    super::client::assign_credentials(ir);
}

/// The builders of the types that have one, claimed in type name order.
fn assign_type_builders(ir: &mut Ir, emitted: &BTreeSet<TypeId>, builders: &mut Module, diagnostics: &mut Diagnostics) {
    let mut with_builders: Vec<usize> = (0..ir.types.len())
        .filter(|index| emitted.contains(&TypeId(*index)) && has_builder(ir, &ir.types[*index]))
        .collect();
    with_builders.sort_by(|a, b| ir.types[*a].rust_name.cmp(&ir.types[*b].rust_name));
    for index in with_builders {
        let def = &ir.types[index];
        let base = builders.claim(&def.rust_name, builder_type_name, "Type", &def.pointer, diagnostics);
        ir.types[index].builder = Some(base);
    }
}

/// The names of each operation ([`OperationNames`]), claimed in the order of the operations'
/// names: first every operation's own, then what is named after each.
fn assign_operations(ir: &mut Ir, diagnostics: &mut Diagnostics) {
    // The runtime's items, which each module re-exports (`operations/runtime.rs`,
    // `builders/runtime.rs`), and what the generated code imports there.
    let mut operations = Module::with_runtime(&[
        "Operation",
        "Paginated",
        "Pages",
        "RequestError",
        "ResponseError",
        "ErrorBody",
        "Received",
        "Encoder",
        "Validate",
        "QueryStyle",
        "Body",
        "Binary",
        "FilePart",
        "Multipart",
    ]);
    let mut order: Vec<usize> = (0..ir.operations.len()).collect();
    // Ids that map to one name (`type`, `Type`, `type_`) claim it in the order of the ids
    // themselves, so which one keeps the plain name does not depend on the document's order.
    order.sort_by_key(|index| {
        let operation = &ir.operations[*index];
        (ident::type_name(&operation.operation_id), operation.operation_id.clone(), operation.pointer.clone())
    });
    let same = |name: &str| name.to_owned();
    let mut named_parameters = BTreeSet::new();
    // Operations' own names first: what is named after an operation yields to another's name.
    let requests: Vec<String> = order
        .iter()
        .map(|&index| {
            let operation = &ir.operations[index];
            let wanted = ident::type_name(&operation.operation_id);
            operations.claim(&wanted, same, "Request", &operation.pointer, diagnostics)
        })
        .collect();
    for (&index, request) in order.iter().zip(requests) {
        let operation = &ir.operations[index];
        let pointer = operation.pointer.clone();
        let (successes, errors, _) = operation.response_sides();
        let (success_enum, error_enum) = (bodies_differ(&successes), bodies_differ(&errors));
        // The enum by status of one side (`CreatePetSuccess`), when its bodies differ.
        let mut status_enum = |needed: bool, side: &str| {
            let wanted = ident::composed_type_name(&format!("{request}{side}"));
            needed.then(|| operations.claim(&wanted, same, "Body", &pointer, diagnostics))
        };
        let success = status_enum(success_enum, "Success");
        let error = status_enum(error_enum, "Error");
        let content_type = status_enum(operation.request_media.len() > 1, "ContentType");
        let parameter_structs: Vec<(ParameterLocation, TypeId)> = operation.parameter_structs().collect();
        for (location, id) in parameter_structs {
            // A struct several operations share is named at its first holder's turn.
            if !named_parameters.insert(id) {
                continue;
            }
            let wanted = parameter_struct_name(ir, id, location, &request);
            let pointer = ir.get(id).pointer.clone();
            ir.types[id.0].rust_name = operations.claim(&wanted, same, "Parameters", &pointer, diagnostics);
        }
        let arguments = arguments(ir, &ir.operations[index]);
        ir.operations[index].names = OperationNames { request, arguments, success, error, content_type };
    }
}

/// The arguments of an operation's `new`: each required parameter that has a choice (a
/// one-value one is filled in), path, query, then headers, each in its struct's order, then the
/// body. A parameter is named as its member, or `{member}_{part}` when an earlier argument (or
/// `body`) has that name already, since members are unique only within their struct (a raw
/// member, `r#type`, loses nothing: the suffixed name is no keyword).
fn arguments(ir: &Ir, operation: &Operation) -> Vec<Argument> {
    let mut arguments: Vec<Argument> = Vec::new();
    let body = operation.request_body.as_ref().map(|_| "body");
    for (part, id) in operation.parameter_structs() {
        let TypeKind::Struct(s) = &ir.get(id).kind else { continue };
        for (field, declared) in s.fields.iter().enumerate() {
            if !declared.is_declared() || declared.presence != Presence::Required || ir.is_constant(&declared.ty) {
                continue;
            }
            let member = ident::unraw(&declared.rust_name);
            let taken = |name: &str| {
                body == Some(name) || arguments.iter().any(|argument| ident::unraw(&argument.name) == name)
            };
            let mut name = declared.rust_name.clone();
            if taken(member) {
                name = format!("{member}_{}", part.request_field());
                while taken(&name) {
                    name.push('_');
                }
            }
            arguments.push(Argument { name, fills: Fills::Parameter { part, field } });
        }
    }
    if body.is_some() {
        arguments.push(Argument { name: "body".to_owned(), fills: Fills::Body });
    }
    arguments
}

/// The name a parameter struct wants in `operations`: its location's (`Path`, `Query`,
/// `Headers`) when every operation of the document holds it, there being several; otherwise
/// the operation's name with the location's (`CreatePetQuery`), the first holder's by name
/// when several share it.
fn parameter_struct_name(ir: &Ir, id: TypeId, location: ParameterLocation, request: &str) -> String {
    let suffix = location.struct_suffix();
    if super::identical::held_by_every_operation(ir, id) {
        suffix.to_owned()
    } else {
        ident::composed_type_name(&format!("{request}{suffix}"))
    }
}

/// The member that keeps the fields a struct does not declare, when it keeps them: on every type
/// the server sends, unless its typed map of additional properties takes them or it holds a
/// choice (whose own impl reads the object). A type only ever sent has none, so building one is
/// not burdened with it: it rejects a field its schema forbids and ignores any other. Named
/// `extra_fields`, with underscores added while a declared field has that name.
fn assign_extra_fields(ir: &mut Ir) {
    for def in &mut ir.types {
        let keeps_extra = def.usage.response;
        let TypeKind::Struct(s) = &mut def.kind else { continue };
        if !keeps_extra || s.additional.is_some() || s.choices.iter().any(|choice| choice.held) {
            continue;
        }
        let mut member = "extra_fields".to_owned();
        while s.fields.iter().any(|field| ident::unraw(&field.rust_name) == member) {
            member.push('_');
        }
        s.extra_fields = Some(member);
    }
}

#[cfg(test)]
mod tests {
    use crate::lower::lowered;
    use std::fmt::Write as _;

    /// Three distinct ids that are one name in Rust, in the order `paths` lists them.
    fn spec(paths: &[(&str, &str)]) -> String {
        let mut text = "openapi: 3.0.3\ninfo: {title: Kinds, version: '1'}\npaths:\n".to_owned();
        for (path, id) in paths {
            let _ = write!(
                text,
                "  {path}:\n    get:\n      operationId: {id}\n      responses: {{'200': {{description: ok}}}}\n"
            );
        }
        text
    }

    #[test]
    fn distinct_operation_ids_that_map_to_one_name_are_named_apart_whatever_the_order() {
        let forward = spec(&[("/a", "type"), ("/b", "Type"), ("/c", "type_")]);
        let generated = crate::generate_from_str(&forward, "kinds.yaml", &crate::Config::default()).expect("generates");
        let operations = generated.crate_files().expect("formats").remove("operations.rs").expect("operations");
        // `Type` sorts before `type` and `type_`, so it keeps the plain name.
        for (id, name) in [("Type", "Type"), ("type", "TypeRequest"), ("type_", "TypeRequest2")] {
            assert!(operations.contains(&format!("pub struct {name} {{")), "{id} → {name} in:\n{operations}");
        }
        let warnings: Vec<String> = generated.warnings().iter().map(ToString::to_string).collect();
        let taken: Vec<&String> = warnings.iter().filter(|warning| warning.contains("`Type` is taken by")).collect();
        assert_eq!(taken.len(), 2, "{warnings:#?}");
        assert!(taken.iter().any(|warning| warning.contains("/paths/~1a/get") && warning.contains("`TypeRequest`")));
        assert!(taken.iter().any(|warning| warning.contains("/paths/~1c/get") && warning.contains("`TypeRequest2`")));

        let backward = spec(&[("/c", "type_"), ("/b", "Type"), ("/a", "type")]);
        let again = crate::generate_from_str(&backward, "kinds.yaml", &crate::Config::default()).expect("generates");
        assert_eq!(again.crate_files().expect("formats"), generated.crate_files().expect("formats"));
    }

    #[test]
    fn the_same_operation_id_twice_is_an_error() {
        let text = spec(&[("/a", "type"), ("/b", "type")]);
        let error = crate::generate_from_str(&text, "kinds.yaml", &crate::Config::default()).expect_err("rejected");
        assert!(error.to_string().contains("duplicate `operationId` `type`"), "{error}");
    }

    fn extra_fields_of(ir: &crate::ir::Ir, name: &str) -> Option<String> {
        let def = ir.types.iter().find(|def| def.rust_name == name).unwrap_or_else(|| panic!("{name}"));
        let crate::ir::TypeKind::Struct(s) = &def.kind else { panic!("{name} is a struct") };
        s.extra_fields.clone()
    }

    #[test]
    fn the_extra_fields_member_is_on_what_the_server_sends_and_steps_past_declared_fields() {
        let spec = r"
openapi: 3.0.3
info: {title: Kinds, version: '1'}
paths:
  /pets:
    post:
      operationId: CreatePet
      requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/NewPet'}}}}
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Pet'}}}}
        '201': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Plain'}}}}
        '202': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Tagged'}}}}
components:
  schemas:
    NewPet: {type: object, properties: {name: {type: string}}}
    Pet: {type: object, properties: {extra_fields: {type: string}}}
    Plain: {type: object, properties: {name: {type: string}}}
    Tagged: {type: object, properties: {name: {type: string}}, additionalProperties: {type: string}}
";
        let ir = lowered(spec);
        assert_eq!(extra_fields_of(&ir, "Pet").as_deref(), Some("extra_fields_"));
        assert_eq!(extra_fields_of(&ir, "Plain").as_deref(), Some("extra_fields"));
        // Only sent: no member to burden building one with; typed extra properties take them.
        assert_eq!(extra_fields_of(&ir, "NewPet"), None);
        assert_eq!(extra_fields_of(&ir, "Tagged"), None);
    }

    #[test]
    fn an_operation_names_its_enums_only_when_it_has_them() {
        let spec = r"
openapi: 3.0.3
info: {title: Kinds, version: '1'}
paths:
  /a:
    post:
      operationId: Differ
      requestBody:
        content:
          application/json: {schema: {type: string}}
          text/plain: {schema: {type: string}}
      responses:
        '200': {description: ok, content: {application/json: {schema: {type: string}}}}
        '201': {description: ok, content: {application/json: {schema: {type: integer}}}}
        '400': {description: bad, content: {application/json: {schema: {type: string}}}}
        '404': {description: gone}
  /b:
    post:
      operationId: Same
      requestBody: {content: {application/json: {schema: {type: string}}}}
      responses:
        '200': {description: ok, content: {application/json: {schema: {type: string}}}}
        '201': {description: ok, content: {application/json: {schema: {type: string}}}}
        '400': {description: bad}
";
        let ir = lowered(spec);
        let names = |id: &str| {
            let operation = ir.operations.iter().find(|operation| operation.operation_id == id).expect("operation");
            let names = &operation.names;
            (names.success.as_deref(), names.error.as_deref(), names.content_type.as_deref())
        };
        assert_eq!(names("Differ"), (Some("DifferSuccess"), Some("DifferError"), Some("DifferContentType")));
        assert_eq!(names("Same"), (None, None, None));
    }
}
