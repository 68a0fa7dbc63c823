//! Types that differ in nothing but where they were written, made one type.
//!
//! Every operation gets a struct per parameter location, named after it; an API whose operations
//! all take the same headers (`anthropic-version`, `anthropic-beta`, …) would otherwise define
//! one identical struct per operation. Two parameter structs of one location are the same type
//! when everything the generated code shows of them is equal: their fields (wire and Rust names,
//! types, presence, limits, defaults, docs, deprecation) and their rules. Their own docs are not
//! compared: they only name their operation, and a shared struct's say which operations share
//! it. A struct that differs by one parameter, one limit or one word of a field's docs stays its
//! own type.
//!
//! Which of a group is kept is decided by the operations' order (by name, as lowering sorts
//! them), so it does not depend on the document's map order; what the kept struct is called is
//! the name registry's decision (`names.rs`). Only the operations refer to a parameter struct, so
//! replacing one is rewriting their fields; the others are left in the arena, unreachable and so
//! never emitted. [`identical_to_earlier`] is written over any candidates, so schemas can be
//! compared the same way once [`same_type`] knows their kinds and the references among them are
//! rewritten too.

use std::collections::BTreeMap;

use crate::docs::code_span;
use crate::ir::{Docs, Ir, TypeDef, TypeId, TypeKind};

/// Makes the parameter structs that are identical to another operation's that one, and says in
/// the shared struct's docs which operations hold it.
pub(super) fn share_parameter_structs(ir: &mut Ir) {
    let candidates: Vec<TypeId> =
        ir.operations.iter().flat_map(|operation| operation.parameter_structs().map(|(_, id)| id)).collect();
    let replacements = identical_to_earlier(ir, &candidates);
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
    let kept: std::collections::BTreeSet<TypeId> = replacements.values().copied().collect();
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
/// each group keeps is the first in `candidates`' order.
fn identical_to_earlier(ir: &Ir, candidates: &[TypeId]) -> BTreeMap<TypeId, TypeId> {
    let mut kept: Vec<TypeId> = Vec::new();
    let mut replacements = BTreeMap::new();
    for &id in candidates {
        if kept.contains(&id) || replacements.contains_key(&id) {
            continue;
        }
        match kept.iter().find(|first| same_type(ir.get(**first), ir.get(id))) {
            Some(first) => {
                replacements.insert(id, *first);
            }
            None => kept.push(id),
        }
    }
    replacements
}

/// Whether two types are one in everything but their own docs and where they were written.
/// Only structs are compared so far; a type of any other kind is its own.
fn same_type(a: &TypeDef, b: &TypeDef) -> bool {
    let same_kind = match (&a.kind, &b.kind) {
        (TypeKind::Struct(a), TypeKind::Struct(b)) => a == b,
        _ => false,
    };
    same_kind && a.purpose == b.purpose && a.deprecated == b.deprecated
}

#[cfg(test)]
mod tests {
    use crate::ir::{Ir, ParameterLocation, TypeModule};
    use crate::lower::lowered;

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
