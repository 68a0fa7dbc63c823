//! Types that differ in nothing but where they were written, made one type.
//!
//! A schema written inline is a type of its own, named after where it sits; a spec that writes
//! the same schema in several places (a 295-value enum of merchant categories in 18, a
//! `visibility` enum on every repository body) would otherwise define it once per place. And
//! every operation gets a struct per parameter location, named after it; an API whose
//! operations all take the same headers (`anthropic-version`, `anthropic-beta`, …) would
//! define one identical struct per operation. Two types are the same when everything the
//! generated code shows of them is equal ([`same_type`]):
//!
//! - their kind, compared whole: a struct's fields (wire and Rust names, types, presence,
//!   limits, defaults, docs, access, deprecation, whether the struct or its union writes
//!   each), its map of other properties, its rules, its choices and whether it rejects
//!   unknown fields; an enum's values with their Rust names and whether it is open (so an enum
//!   the server sends, open, is never one with an enum only sent, closed); a union's tag,
//!   members (with their docs) and openness; an alias's target. The types they refer to are
//!   compared by id, so two structs are the same once the types they hold are;
//! - what the type is for: a schema (a component's or one written inline), an operation's
//!   parameters of one location, or an `x-exactly-one-of` choice;
//! - whether it is deprecated;
//! - for a struct, the sides of the wire it travels on, which decide its builder (sent) and its
//!   member for undeclared fields (received). An enum's or union's side shows only as its
//!   openness, compared with its kind; a shared one travels on every side its places did.
//!
//! Their own docs are not compared: an inline schema's description is its field's docs too,
//! where it stays, and a parameter struct's only names its operation. A type that differs by
//! one value, one limit or one word of a field's docs stays its own type.
//!
//! Schemas are shared after lowering has decided their sides and openness (an enum's openness
//! depends on them) and before references are boxed (a shared type may close a cycle its places
//! did not). Only types some operation or component reaches are compared, with the one-value
//! enums of the tags unions write. Which of a group is kept does not depend on the document's
//! map order:
//!
//! - schemas: a component schema first (users named it: an inline schema identical to one
//!   refers to it, while two identical components both stay, each with its name), then the
//!   place that comes first in JSON pointer order (`#/components/...` before `#/paths/...`),
//!   keeping the name it has today, the others referring to it; a tag only its union writes
//!   comes last, as its name is shown nowhere. Types that hold shared types are
//!   compared again once those are rewritten, until nothing changes, so identical objects
//!   holding identical inline enums become one too. A cycle of references always passes
//!   through a component (a `$ref` names one), which is compared by id, so recursive schemas
//!   need nothing more. An `x-exactly-one-of` choice is its struct's own (its docs name the
//!   struct), so it is never shared, and neither is a struct holding one. A shared schema
//!   whose places describe it differently says so instead of quoting one. Names were given
//!   while lowering and are not given again: a numbered name (`…Response2`) whose first was
//!   shared away keeps its number, as the types inside it are named after it;
//! - parameter structs: the first by operation name (lowering sorts the operations), after
//!   the schemas (so two structs whose parameters had equal but separately written inline
//!   schemas are one); what the kept struct is called is the name registry's decision
//!   (`names.rs`), and its docs say which operations hold it.
//!
//! The types that are not kept stay in the arena, unreachable and so never emitted; nothing
//! names them (builders, features and the client are named later, from what is reached).

use std::collections::{BTreeMap, BTreeSet};

use crate::docs::code_span;
use crate::ir::{Docs, Ir, Placement, Purpose, TypeDef, TypeId, TypeKind};

/// Makes every schema identical to a component's or to one written earlier (see the module's
/// docs) that one, rewriting every reference to it.
pub(super) fn share_schemas(ir: &mut Ir) {
    let shown = ir.emitted_types();
    let tags = tags_unions_write(ir, &shown);
    // Every schema made another so far, with the one it is now.
    let mut shared: BTreeMap<TypeId, TypeId> = BTreeMap::new();
    loop {
        let mut candidates: Vec<TypeId> = shown
            .union(&tags)
            .copied()
            .filter(|id| {
                !shared.contains_key(id) && matches!(ir.get(*id).purpose, Purpose::Component | Purpose::Inline)
            })
            .collect();
        // A tag only its union writes is kept last: its name is shown nowhere.
        let order = |id: &TypeId| {
            let def = ir.get(*id);
            (!def.is_component(), !shown.contains(id), &def.pointer, &def.rust_name)
        };
        candidates.sort_by(|a, b| order(a).cmp(&order(b)));
        let replacements = identical_to_earlier(ir, &candidates, |def| !def.is_component());
        if replacements.is_empty() {
            break;
        }
        replace_everywhere(ir, &replacements);
        for kept in shared.values_mut() {
            if let Some(now) = replacements.get(kept) {
                *kept = *now;
            }
        }
        shared.extend(replacements);
    }
    let mut places: BTreeMap<TypeId, Vec<TypeId>> = BTreeMap::new();
    for (place, kept) in shared {
        places.entry(kept).or_default().push(place);
    }
    for (kept, others) in places {
        document_shared_schema(ir, kept, &others, &shown);
    }
}

/// The types of the tag fields the unions of `shown` types write, which the code does not show
/// but which two union members must share to be the same. (What lowering made and then left,
/// such as the members of a union it typed as JSON, is not compared at all: it would lend its
/// name to a place that is used.)
fn tags_unions_write(ir: &Ir, shown: &BTreeSet<TypeId>) -> BTreeSet<TypeId> {
    let mut tags = BTreeSet::new();
    for id in shown {
        if let TypeKind::Struct(def) = &ir.get(*id).kind {
            for field in def.fields.iter().filter(|field| field.placement == Placement::UnionTag) {
                field.ty.visit_named(true, &mut |tag, _| {
                    tags.insert(tag);
                });
            }
        }
    }
    tags
}

/// Makes every reference to a replaced type (in the types and the operations) one to its
/// replacement.
fn replace_everywhere(ir: &mut Ir, replacements: &BTreeMap<TypeId, TypeId>) {
    let replace = |id: TypeId| replacements.get(&id).copied().unwrap_or(id);
    for def in &mut ir.types {
        def.kind.replace_children(&replace);
    }
    for operation in &mut ir.operations {
        operation.replace_types(&replace);
    }
}

/// What a shared schema is, from all its places: it travels on every side one of them did, and
/// an inline one whose places describe it differently says it is written in several places
/// rather than quoting one (each place's description stays on the field that holds it). A
/// component keeps its own docs, and a tag only its union writes has no say in them.
fn document_shared_schema(ir: &mut Ir, kept: TypeId, others: &[TypeId], shown: &BTreeSet<TypeId>) {
    for other in others {
        let usage = ir.get(*other).usage;
        let kept_usage = &mut ir.types[kept.0].usage;
        kept_usage.request |= usage.request;
        kept_usage.response |= usage.response;
    }
    let def = ir.get(kept);
    let places: Vec<&TypeDef> = std::iter::once(kept)
        .chain(others.iter().copied())
        .filter(|id| shown.contains(id))
        .map(|id| ir.get(id))
        .collect();
    if def.is_component() || places.iter().all(|place| place.docs == places[0].docs) {
        return;
    }
    let docs = Docs::generated(&format!(
        "The same schema, written in {} places of the spec with different descriptions: each \
         place's is on what holds it there.",
        places.len()
    ));
    ir.types[kept.0].docs = Some(docs);
}

/// Makes the parameter structs that are identical to another operation's that one, and says in
/// the shared struct's docs which operations hold it.
pub(super) fn share_parameter_structs(ir: &mut Ir) {
    let candidates: Vec<TypeId> =
        ir.operations.iter().flat_map(|operation| operation.parameter_structs().map(|(_, id)| id)).collect();
    let replacements = identical_to_earlier(ir, &candidates, |_| true);
    if replacements.is_empty() {
        return;
    }
    for operation in &mut ir.operations {
        for slot in [&mut operation.path_parameters, &mut operation.query, &mut operation.headers] {
            if let Some(kept) = slot.and_then(|id| replacements.get(&id)) {
                *slot = Some(*kept);
            }
        }
    }
    let kept: BTreeSet<TypeId> = replacements.values().copied().collect();
    for id in kept {
        document_shared(ir, id);
    }
}

/// The operations that hold a parameter struct, by index into [`Ir::operations`].
fn operations_holding(ir: &Ir, id: TypeId) -> Vec<usize> {
    (0..ir.operations.len())
        .filter(|index| ir.operations[*index].parameter_structs().any(|(_, held)| held == id))
        .collect()
}

/// Whether a parameter struct is held by every operation of the document, there being more than
/// one: it is named by its location alone (`Headers`).
pub(super) fn held_by_every_operation(ir: &Ir, id: TypeId) -> bool {
    let holders = operations_holding(ir, id).len();
    holders > 1 && holders == ir.operations.len()
}

/// The docs of a parameter struct several operations hold, naming them (or saying it is every
/// operation's).
fn document_shared(ir: &mut Ir, id: TypeId) {
    let crate::ir::Purpose::Parameters(location) = ir.get(id).purpose else { return };
    let holders = if held_by_every_operation(ir, id) {
        "every operation".to_owned()
    } else {
        let ids: Vec<String> =
            operations_holding(ir, id).into_iter().map(|index| code_span(&ir.operations[index].operation_id)).collect();
        match ids.split_last() {
            Some((last, [])) => last.clone(),
            Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
            None => return,
        }
    };
    ir.types[id.0].docs = Some(Docs::generated(&format!("The {} parameters of {holders}.", location.as_str())));
}

/// For each candidate that is the same type as an earlier one, the first such: the candidate
/// each group keeps is the first in `candidates`' order. A candidate that may not be replaced
/// (a component) and is the same as an earlier one stays, and keeps no group of its own.
fn identical_to_earlier(
    ir: &Ir,
    candidates: &[TypeId],
    replaceable: impl Fn(&TypeDef) -> bool,
) -> BTreeMap<TypeId, TypeId> {
    // Only types of one outline can be the same: each is compared with the kept ones of its
    // outline, not with every kept one (a large spec has tens of thousands).
    let mut kept: BTreeMap<Outline<'_>, Vec<TypeId>> = BTreeMap::new();
    let mut seen = BTreeSet::new();
    let mut replacements = BTreeMap::new();
    for &id in candidates {
        if !seen.insert(id) {
            continue;
        }
        let def = ir.get(id);
        let group = kept.entry(outline(def)).or_default();
        match group.iter().find(|first| same_type(ir.get(**first), def)) {
            Some(first) if replaceable(def) => {
                replacements.insert(id, *first);
            }
            Some(_) => {}
            None => group.push(id),
        }
    }
    replacements
}

/// What two types that are the same have in common, cheap to compare: their kind, and the wire
/// names of their members (fields, values, tags, media types).
type Outline<'a> = (u8, Vec<&'a str>);

fn outline(def: &TypeDef) -> Outline<'_> {
    match &def.kind {
        TypeKind::Struct(s) => (0, s.fields.iter().map(|field| field.wire_name.as_str()).collect()),
        TypeKind::Enum(e) => (1, e.variants.iter().map(|variant| variant.wire.as_str()).collect()),
        TypeKind::TaggedUnion(u) => (
            2,
            std::iter::once(u.tag.as_str())
                .chain(u.variants.iter().map(|variant| variant.tag_value.as_str()))
                .collect(),
        ),
        TypeKind::KindUnion(u) => (3, u.variants.iter().map(|variant| variant.rust_name.as_str()).collect()),
        TypeKind::Alias(_) => (4, Vec::new()),
        TypeKind::Choice(c) => (5, c.variants.iter().map(|variant| variant.wire_name.as_str()).collect()),
        TypeKind::ByMedia(m) => (6, m.variants.iter().map(|variant| variant.media.name.as_str()).collect()),
    }
}

/// Whether two types are one in everything the generated code shows of them but their own docs
/// and where they were written (see the module's docs).
fn same_type(a: &TypeDef, b: &TypeDef) -> bool {
    let same_purpose = match (a.purpose, b.purpose) {
        (Purpose::Component | Purpose::Inline, Purpose::Component | Purpose::Inline) => true,
        // A choice is its struct's own, named in its docs.
        (Purpose::Choice, _) | (_, Purpose::Choice) => false,
        (a, b) => a == b,
    };
    let same_sides = !matches!(a.kind, TypeKind::Struct(_)) || a.usage == b.usage;
    same_purpose && same_sides && a.deprecated == b.deprecated && a.kind == b.kind
}

#[cfg(test)]
mod tests {
    use crate::ir::{Ir, ParameterLocation, TypeId, TypeKind, TypeModule, TypeRef};
    use crate::lower::lowered;

    /// The type of the field `wire` of the struct with id `owner`.
    fn field_type(ir: &Ir, owner: TypeId, wire: &str) -> TypeId {
        let TypeKind::Struct(def) = &ir.get(owner).kind else {
            panic!("`{}` is not a struct", ir.get(owner).rust_name)
        };
        match def.fields.iter().find(|field| field.wire_name == wire).map(|field| &field.ty) {
            Some(TypeRef::Named(id)) => *id,
            other => panic!("`{wire}` of `{}` is {other:?}", ir.get(owner).rust_name),
        }
    }

    /// The type of the field `wire` of the named type.
    fn field_of(ir: &Ir, owner: &str, wire: &str) -> TypeId {
        let owner = ir.types.iter().position(|def| def.rust_name == owner).unwrap_or_else(|| panic!("no `{owner}`"));
        field_type(ir, TypeId(owner), wire)
    }

    /// The body of the first response of the operation `id`, or its request body.
    fn body(ir: &Ir, id: &str, request: bool) -> TypeId {
        let operation = ir.operations.iter().find(|operation| operation.operation_id == id).expect("operation");
        let body = if request { operation.request_body.as_ref() } else { operation.responses[0].body.as_ref() };
        match body {
            Some(TypeRef::Named(id)) => *id,
            other => panic!("the body of `{id}` is {other:?}"),
        }
    }

    const SCHEMAS: &str = r"
openapi: 3.0.3
info: {title: Shared, version: '1'}
paths:
  /pets:
    get:
      operationId: listPets
      tags: [pets]
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  status: {type: string, enum: [up, down]}
                  owner: {type: object, properties: {state: {type: string, enum: [up, down]}}}
                  more: {type: string, enum: [up, down, gone]}
                  short: {type: object, properties: {name: {type: string, maxLength: 5}}}
                  long: {type: object, properties: {name: {type: string, maxLength: 6}}}
                  again: {type: object, properties: {name: {type: string, maxLength: 5}}}
                  said: {type: object, properties: {name: {type: string, description: Said.}}}
                  told: {type: object, properties: {name: {type: string, description: Told.}}}
                  first: {type: string, enum: [x, y], description: First.}
                  second: {type: string, enum: [x, y], description: Second.}
                  same: {type: string, enum: [m, n], description: Same.}
                  alike: {type: string, enum: [m, n], description: Same.}
                  twin: {type: object, properties: {x: {type: string}}}
                  event: &event
                    oneOf:
                      - {type: object, required: [type], properties: {type: {type: string, enum: [a]}, x: {type: string}}}
                      - {type: object, required: [type], properties: {type: {type: string, enum: [b]}, y: {type: string}}}
                  happening: *event
                  letter: {type: string, enum: [a], description: A letter.}
    post:
      operationId: createPet
      tags: [pets]
      requestBody:
        content:
          application/json:
            schema: {type: object, properties: {status: {type: string, enum: [up, down]}}}
      responses: {'204': {description: done}}
  /owners:
    get:
      operationId: listOwners
      tags: [owners]
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Owner'}}}}
  /stores:
    get:
      operationId: listStores
      tags: [stores]
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Twin'}}}}
  /doubles:
    get:
      operationId: listDoubles
      tags: [stores]
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Double'}}}}
components:
  schemas:
    Owner: {type: object, properties: {state: {type: string, enum: [up, down]}}}
    Twin: {type: object, properties: {x: {type: string}}}
    Double: {type: object, properties: {x: {type: string}}}
";

    #[test]
    fn identical_inline_schemas_in_different_places_are_one_type_named_after_the_first_place() {
        let ir = lowered(SCHEMAS);
        let pets = body(&ir, "listPets", false);
        let state = field_of(&ir, "Owner", "state");
        assert_eq!(ir.get(state).rust_name, "OwnerState", "`#/components` comes before `#/paths`");
        assert_eq!(field_type(&ir, pets, "status"), state, "the enum written in another operation's response");
        // Its object, identical once its enum is the shared one, is the component itself.
        assert_eq!(ir.get(field_type(&ir, pets, "owner")).rust_name, "Owner");
        // Both resources reach the shared type, and the third does not: a group of the two.
        let feature = &ir.features.of_type[&state];
        let group = ir.features.groups.iter().find(|group| group.name == *feature).expect("a group");
        assert_eq!(group.members.iter().map(String::as_str).collect::<Vec<_>>(), ["owners", "pets"]);
        assert!(ir.get(state).usage.response && !ir.get(state).usage.request);
    }

    #[test]
    fn identical_unions_of_inline_members_whose_tags_the_union_writes_are_one() {
        let ir = lowered(SCHEMAS);
        let pets = body(&ir, "listPets", false);
        let event = field_type(&ir, pets, "event");
        assert!(matches!(ir.get(event).kind, TypeKind::TaggedUnion(_)));
        assert_eq!(field_type(&ir, pets, "happening"), event);
        // The member's tag enum, which the union writes, comes first by pointer but is named
        // nowhere: the constant shown in a field is the one kept.
        let letter = field_type(&ir, pets, "letter");
        assert!(ir.get(letter).rust_name.ends_with("Letter"), "{}", ir.get(letter).rust_name);
        // The tag, undescribed, has no say in the docs.
        assert_eq!(ir.get(letter).docs.as_ref().map(crate::docs::Docs::as_str), Some("A letter."));
        let TypeKind::TaggedUnion(union) = &ir.get(event).kind else { panic!("a tagged union") };
        assert_eq!(field_type(&ir, union.variants[0].ty, "type"), letter);
    }

    #[test]
    fn schemas_that_differ_in_one_value_limit_field_doc_or_side_stay_apart() {
        let ir = lowered(SCHEMAS);
        let pets = body(&ir, "listPets", false);
        let of = |wire: &str| field_type(&ir, pets, wire);
        assert_ne!(of("status"), of("more"), "one more value");
        assert_eq!(of("short"), of("again"));
        assert_ne!(of("short"), of("long"), "another limit");
        assert_ne!(of("said"), of("told"), "another field doc");
        // Sent only, the same values make a closed enum; received, an open one.
        let sent = field_type(&ir, body(&ir, "createPet", true), "status");
        assert_ne!(sent, of("status"));
        let open = |id: TypeId| matches!(&ir.get(id).kind, TypeKind::Enum(e) if e.open);
        assert!(!open(sent) && open(of("status")));
    }

    #[test]
    fn identical_components_both_stay_and_an_inline_copy_refers_to_the_first() {
        let ir = lowered(SCHEMAS);
        let pets = body(&ir, "listPets", false);
        assert_eq!(ir.get(field_type(&ir, pets, "twin")).rust_name, "Double", "first by pointer");
        let emitted: Vec<&str> = ir.emitted_types().into_iter().map(|id| ir.get(id).rust_name.as_str()).collect();
        assert!(emitted.contains(&"Twin") && emitted.contains(&"Double"), "{emitted:?}");
    }

    #[test]
    fn a_shared_schema_keeps_a_description_its_places_share_and_claims_none_of_differing_ones() {
        let ir = lowered(SCHEMAS);
        let pets = body(&ir, "listPets", false);
        let docs = |wire: &str| ir.get(field_type(&ir, pets, wire)).docs.as_ref().map(|docs| docs.as_str().to_owned());
        assert_eq!(field_type(&ir, pets, "same"), field_type(&ir, pets, "alike"));
        assert_eq!(docs("same").as_deref(), Some("Same."));
        assert_eq!(field_type(&ir, pets, "first"), field_type(&ir, pets, "second"));
        assert_eq!(
            docs("first").as_deref(),
            Some(
                "The same schema, written in 2 places of the spec with different descriptions: each place's \
                 is on what holds it there."
            )
        );
    }

    /// The name and docs of each operation's struct of `location`, by operation id.
    fn parameter_structs(ir: &Ir, location: ParameterLocation) -> Vec<(String, String, String)> {
        ir.operations
            .iter()
            .filter_map(|operation| {
                let (_, id) = operation.parameter_structs().find(|(at, _)| *at == location)?;
                let def = ir.get(id);
                let docs = def.docs.as_ref().map(|docs| docs.as_str().to_owned()).unwrap_or_default();
                Some((operation.operation_id.clone(), def.rust_name.clone(), docs))
            })
            .collect()
    }

    const HEADERS: &str = r"
components:
  parameters:
    Version: {name: api-version, in: header, description: The version., schema: {type: string, default: '1'}}
    Beta: {name: beta, in: header, schema: {type: array, items: {type: string}}}
";

    fn operation(path: &str, id: &str, parameters: &str) -> String {
        format!(
            "  {path}:\n    get:\n      operationId: {id}\n      parameters: [{parameters}]\n      responses: {{'200': {{description: ok}}}}\n"
        )
    }

    fn spec(operations: &[String]) -> String {
        format!("openapi: 3.0.3\ninfo: {{title: Shared, version: '1'}}\npaths:\n{}{HEADERS}", operations.concat())
    }

    const BOTH: &str = "{$ref: '#/components/parameters/Version'}, {$ref: '#/components/parameters/Beta'}";

    #[test]
    fn identical_header_structs_of_every_operation_are_one_named_headers_in_operations() {
        let ir = lowered(&spec(&[
            operation("/b", "listPets", BOTH),
            operation("/a", "getPet", BOTH),
            operation("/c", "deletePet", BOTH),
        ]));
        let headers = parameter_structs(&ir, ParameterLocation::Header);
        assert_eq!(headers.len(), 3);
        for (id, name, docs) in &headers {
            assert_eq!(name, "Headers", "{id}");
            assert_eq!(docs, "The header parameters of every operation.", "{id}");
        }
        let held: std::collections::BTreeSet<_> =
            ir.operations.iter().filter_map(|operation| operation.headers).collect();
        assert_eq!(held.len(), 1, "one type");
        let def = ir.get(*held.first().expect("held"));
        assert_eq!(def.module(), TypeModule::Operations);
    }

    #[test]
    fn a_struct_shared_by_some_operations_takes_the_first_ones_name_and_one_that_differs_stays_its_own() {
        // The same parameters with one more word in a description: another type.
        let reworded = "{name: api-version, in: header, description: The version!, schema: {type: string, default: '1'}}, {$ref: '#/components/parameters/Beta'}";
        let ir = lowered(&spec(&[
            operation("/c", "listPets", BOTH),
            operation("/b", "getPet", BOTH),
            operation("/a", "deletePet", reworded),
        ]));
        let headers = parameter_structs(&ir, ParameterLocation::Header);
        let shared = "The header parameters of `getPet` and `listPets`.";
        assert_eq!(
            headers,
            [
                (
                    "deletePet".to_owned(),
                    "DeletePetHeaders".to_owned(),
                    "The header parameters of `deletePet`.".to_owned()
                ),
                ("getPet".to_owned(), "GetPetHeaders".to_owned(), shared.to_owned()),
                ("listPets".to_owned(), "GetPetHeaders".to_owned(), shared.to_owned()),
            ]
        );
    }

    #[test]
    fn structs_whose_parameters_have_identical_inline_schemas_are_one() {
        let state = "{name: state, in: query, schema: {type: string, enum: [open, closed]}}";
        let ir = lowered(&spec(&[operation("/a", "listPets", state), operation("/b", "listOwners", state)]));
        let query = parameter_structs(&ir, ParameterLocation::Query);
        let names: Vec<&str> = query.iter().map(|(_, name, _)| name.as_str()).collect();
        assert_eq!(names, ["Query", "Query"]);
    }

    #[test]
    fn structs_that_differ_in_presence_or_location_stay_apart() {
        let optional = "{name: id, in: query, schema: {type: string}}";
        let required = "{name: id, in: query, required: true, schema: {type: string}}";
        let in_path = "{name: id, in: path, required: true, schema: {type: string}}";
        let ir = lowered(&spec(&[
            operation("/a", "one", optional),
            operation("/b", "two", required),
            operation("/c/{id}", "three", in_path),
        ]));
        let query = parameter_structs(&ir, ParameterLocation::Query);
        let names: Vec<&str> = query.iter().map(|(_, name, _)| name.as_str()).collect();
        assert_eq!(names, ["OneQuery", "TwoQuery"]);
        let path = parameter_structs(&ir, ParameterLocation::Path);
        assert_eq!(path[0].1, "ThreePath");
        assert_eq!(
            ir.get(ir.operations.iter().find_map(|op| op.path_parameters).expect("path")).module(),
            TypeModule::Operations
        );
    }
}
