//! Facts of the whole IR that emitters read rather than work out: which types' `validate` can
//! find anything, and which request bodies have a `Validate` impl to call. Each needs every type
//! decided (a type checks something if anything it holds does), so they are computed once, after
//! [`finish`](super::finish) and [`transport`](super::transport), and stored on the IR's nodes.

use crate::ir::{Ir, TypeKind, TypeRef};

pub(super) fn decide(ir: &mut Ir) {
    mark_types_with_checks(ir);
    mark_validated_bodies(ir);
}

/// Sets [`TypeDef::has_checks`](crate::ir::TypeDef::has_checks): a type whose `validate` can
/// find anything holds a limit or a rule somewhere inside. Holding such a type counts too, so
/// the marks spread to a fixed point (cycles included: a type is marked once).
fn mark_types_with_checks(ir: &mut Ir) {
    loop {
        let newly: Vec<usize> =
            (0..ir.types.len()).filter(|index| !ir.types[*index].has_checks && has_checks(ir, *index)).collect();
        if newly.is_empty() {
            return;
        }
        for index in newly {
            ir.types[index].has_checks = true;
        }
    }
}

/// Whether the type at `index` checks something itself or holds a type already known to.
fn has_checks(ir: &Ir, index: usize) -> bool {
    let checked = |id: &crate::ir::TypeId| ir.get(*id).has_checks;
    let refers_to_checked = |ty: &TypeRef| {
        let mut found = false;
        ty.visit_named(true, &mut |id, _| found |= checked(&id));
        found
    };
    match &ir.types[index].kind {
        TypeKind::Struct(s) => {
            !s.rules.is_empty()
                || s.choices.iter().any(|c| !c.held || checked(&c.ty))
                || s.fields.iter().any(|f| f.is_declared() && (!f.constraints.is_empty() || refers_to_checked(&f.ty)))
        }
        // A view borrows fields its struct checks itself.
        TypeKind::Choice(c) => {
            !c.view && c.variants.iter().any(|v| !v.constraints.is_empty() || refers_to_checked(&v.ty))
        }
        TypeKind::ByMedia(m) => m.variants.iter().any(|v| refers_to_checked(&v.ty)),
        TypeKind::TaggedUnion(u) => u.variants.iter().any(|v| checked(&v.ty)),
        TypeKind::KindUnion(u) => u.variants.iter().any(|v| !v.constraints.is_empty() || refers_to_checked(&v.ty)),
        TypeKind::Alias(ty) => refers_to_checked(ty),
        TypeKind::Enum(_) => false,
    }
}

/// Sets [`Operation::body_validates`](crate::ir::Operation::body_validates): every named type
/// implements `Validate` but an alias to what is not named (`serde_json::Value`, a list), which
/// has no impl of its own.
fn mark_validated_bodies(ir: &mut Ir) {
    let validates: Vec<bool> = ir
        .operations
        .iter()
        .map(|operation| operation.request_body.as_ref().is_some_and(|body| implements_validate(ir, body)))
        .collect();
    for (operation, validates) in ir.operations.iter_mut().zip(validates) {
        operation.body_validates = validates;
    }
}

fn implements_validate(ir: &Ir, ty: &TypeRef) -> bool {
    let mut ty = ty;
    // Aliases chain at most as long as there are types; a loop is an error reported elsewhere.
    for _ in 0..=ir.types.len() {
        let TypeRef::Named(id) = ty else { return false };
        match &ir.get(*id).kind {
            TypeKind::Alias(inner) => ty = inner,
            _ => return true,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use crate::ir::Ir;
    use crate::lower::lowered;

    fn has_checks(ir: &Ir, name: &str) -> bool {
        ir.types.iter().find(|def| def.rust_name == name).unwrap_or_else(|| panic!("no type `{name}`")).has_checks
    }

    #[test]
    fn a_type_checks_what_it_holds_anywhere_inside() {
        let ir = lowered(
            r"
openapi: 3.0.3
info: {title: Checks, version: '1'}
paths: {}
components:
  schemas:
    Limited: {type: object, properties: {name: {type: string, maxLength: 3}}}
    Holder: {type: object, properties: {inner: {$ref: '#/components/schemas/Limited'}}}
    ListOfHolders: {type: array, items: {$ref: '#/components/schemas/Holder'}}
    Union:
      oneOf: [{$ref: '#/components/schemas/Holder'}, {type: integer}]
    Free: {type: object, properties: {name: {type: string}, next: {$ref: '#/components/schemas/Free'}}}
    Looped: {type: object, properties: {next: {$ref: '#/components/schemas/Looped'}, n: {type: integer, minimum: 1}}}
    Colour: {type: string, enum: [red, green]}
",
        );
        for checked in ["Limited", "Holder", "ListOfHolders", "Union", "Looped"] {
            assert!(has_checks(&ir, checked), "`{checked}` holds a limit");
        }
        for free in ["Free", "Colour"] {
            assert!(!has_checks(&ir, free), "`{free}` holds no limit");
        }
    }

    #[test]
    fn a_body_validates_unless_it_is_an_alias_of_an_unnamed_type() {
        let ir = lowered(
            r"
openapi: 3.0.3
info: {title: Bodies, version: '1'}
paths:
  /named:
    post:
      operationId: Named
      requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/Alias'}}}}
      responses: {'204': {description: done}}
  /list:
    post:
      operationId: List
      requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/Strings'}}}}
      responses: {'204': {description: done}}
  /none:
    post:
      operationId: None
      responses: {'204': {description: done}}
components:
  schemas:
    Pet: {type: object, properties: {name: {type: string}}}
    Alias: {$ref: '#/components/schemas/Pet'}
    Strings: {type: array, items: {type: string}}
",
        );
        let validates = |id: &str| {
            ir.operations.iter().find(|operation| operation.operation_id == id).expect("the operation").body_validates
        };
        assert!(validates("Named"), "an alias of a struct has the struct's impl");
        assert!(!validates("List"), "an alias of a list has no impl of its own");
        assert!(!validates("None"), "no body, nothing to validate");
    }
}
