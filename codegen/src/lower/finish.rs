//! Whole-IR decisions: usage (request or response side), which union members leave their tag
//! to the union, which enums and unions stay open, which choices a struct holds
//! ([`decide_sides`]), and, once identical types are one (`identical.rs`), which references are
//! boxed ([`decide_storage`]).

use std::collections::BTreeSet;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::docs::code_span;
use crate::ir::{Docs, Ir, Placement, Storage, TypeId, TypeKind, TypeRef};

/// Everything a type shows that depends on where it is used: its sides of the wire, where its
/// choices and tag fields are held, and whether it is open. Run before identical types are made
/// one (`identical.rs` compares what this decides).
pub(super) fn decide_sides(ir: &mut Ir) {
    resolve_variant_aliases(ir);
    mark_usage(ir);
    place_choices(ir);
    hand_tags_to_unions(ir);
    decide_openness(ir);
}

/// Which references are boxed, over the types as they are once identical ones are one (a shared
/// type may close a cycle), and the checks of rules that read other types.
pub(super) fn decide_storage(ir: &mut Ir, diagnostics: &mut Diagnostics) {
    box_cycles(ir, diagnostics);
    check_item_rules(ir, diagnostics);
}

/// `x-item-rules` reads the tags of an array's items: the items must be a tagged union that
/// has every tag the rules name.
fn check_item_rules(ir: &Ir, diagnostics: &mut Diagnostics) {
    for def in &ir.types {
        let TypeKind::Struct(s) = &def.kind else { continue };
        for field in &s.fields {
            if field.constraints.item_rules.is_empty() {
                continue;
            }
            let pointer = def.pointer.join("properties").join(&field.wire_name).join("x-item-rules");
            let union = match &field.ty {
                TypeRef::Array(items) => match &**items {
                    TypeRef::Named(id) => match &ir.get(*id).kind {
                        // The rules name string tags (and the emitted check reads them as text).
                        TypeKind::TaggedUnion(union) if !union.is_integer_tagged() => Some(union),
                        _ => None,
                    },
                    _ => None,
                },
                _ => None,
            };
            let Some(union) = union else {
                diagnostics.push(
                    Diagnostic::error(&pointer, "`x-item-rules` needs an array of a discriminated union").with_hint(
                        "the rules name items by their tag; give the array's items a `oneOf` with a discriminator",
                    ),
                );
                continue;
            };
            for rule in &field.constraints.item_rules {
                for tag in std::iter::once(&rule.tag).chain(&rule.after) {
                    if !union.variants.iter().any(|v| v.tag_value == *tag || v.aliases.contains(tag)) {
                        diagnostics.push(
                            Diagnostic::error(
                                &pointer,
                                format!("`x-item-rules` names the tag `{tag}`, which no member of the items has"),
                            )
                            .with_hint(format!(
                                "the members' tags are: {}",
                                union
                                    .variants
                                    .iter()
                                    .map(|v| format!("`{}`", v.tag_value))
                                    .collect::<Vec<_>>()
                                    .join(", ")
                            )),
                        );
                    }
                }
            }
        }
    }
}

/// A tagged union's members are structs; a member named through an alias points at the struct.
fn resolve_variant_aliases(ir: &mut Ir) {
    for index in 0..ir.types.len() {
        let TypeKind::TaggedUnion(def) = &ir.types[index].kind else { continue };
        let targets: Vec<TypeId> = def.variants.iter().map(|v| follow_aliases(ir, v.ty)).collect();
        if let TypeKind::TaggedUnion(def) = &mut ir.types[index].kind {
            for (variant, target) in def.variants.iter_mut().zip(targets) {
                variant.ty = target;
            }
        }
    }
}

fn follow_aliases(ir: &Ir, mut id: TypeId) -> TypeId {
    let mut seen = BTreeSet::new();
    while let TypeKind::Alias(TypeRef::Named(next)) = &ir.get(id).kind {
        if !seen.insert(id) {
            break;
        }
        id = *next;
    }
    id
}

fn mark_usage(ir: &mut Ir) {
    let mut request = Vec::new();
    let mut response = Vec::new();
    for operation in &ir.operations {
        operation.for_each_request_type(&mut |id, _| request.push(id));
        operation.for_each_response_type(&mut |id, _| response.push(id));
    }
    for (roots, is_response) in [(request, false), (response, true)] {
        let mut seen = BTreeSet::new();
        let mut stack = roots;
        while let Some(id) = stack.pop() {
            if !seen.insert(id) {
                continue;
            }
            let usage = &mut ir.types[id.0].usage;
            if is_response {
                usage.response = true;
            } else {
                usage.request = true;
            }
            ir.types[id.0].kind.for_each_child(&mut |child, _| stack.push(child));
        }
    }
}

/// What the server sends must decode even when it breaks a rule JSON Schema cannot state, so a
/// struct it sends keeps the fields of an `x-exactly-one-of` choice and offers the choice as a
/// method that checks the rule (and `validate` reports it). Only a struct the server never sends
/// holds the choice as one enum field, so a request breaking the rule cannot be built.
fn place_choices(ir: &mut Ir) {
    for index in 0..ir.types.len() {
        if !ir.types[index].usage.response {
            continue;
        }
        let owner = ir.types[index].rust_name.clone();
        let TypeKind::Struct(def) = &mut ir.types[index].kind else { continue };
        let mut views = Vec::new();
        for choice in &mut def.choices {
            choice.held = false;
            for &field in &choice.fields {
                def.fields[field].placement = Placement::Struct;
            }
            let listed: Vec<String> = choice.fields.iter().map(|&f| code_span(&def.fields[f].wire_name)).collect();
            views.push((choice.ty, choice.rust_name.clone(), listed.join(", ")));
        }
        for (ty, method, listed) in views {
            let choice = &mut ir.types[ty.0];
            if let TypeKind::Choice(choice_def) = &mut choice.kind {
                choice_def.view = true;
            }
            choice.docs = Some(Docs::generated(&format!(
                "Which of {listed} is set. The spec says exactly one is; `{owner}::{method}` checks it."
            )));
        }
    }
}

/// A struct that is only ever a member of tagged unions on the same property leaves that
/// property to the union: users write `Event::UserMessage(UserMessage { content })`, not a
/// redundant tag. Structs also used on their own keep the property as a one-value enum.
fn hand_tags_to_unions(ir: &mut Ir) {
    let mut direct_uses = BTreeSet::new();
    let mut tags_by_member: Vec<(TypeId, String)> = Vec::new();
    for def in &ir.types {
        match &def.kind {
            TypeKind::TaggedUnion(union) => {
                for variant in &union.variants {
                    tags_by_member.push((variant.ty, union.tag.clone()));
                }
            }
            kind => kind.for_each_child(&mut |child, _| {
                direct_uses.insert(child);
            }),
        }
    }
    for operation in &ir.operations {
        let mut record = |id: TypeId, _| {
            direct_uses.insert(id);
        };
        operation.for_each_request_type(&mut record);
        operation.for_each_response_type(&mut record);
    }
    for (member, tag) in &tags_by_member {
        let same_tag_everywhere = tags_by_member.iter().filter(|(m, _)| m == member).all(|(_, t)| t == tag);
        if direct_uses.contains(member) || !same_tag_everywhere {
            continue;
        }
        let tag_enum_is_single_valued = |ty: &TypeRef, ir: &Ir| match ty {
            TypeRef::Named(id) => {
                // An integer tag stays with its member: the union writes tags as strings.
                matches!(&ir.get(*id).kind, TypeKind::Enum(e) if e.variants.len() == 1 && !e.open_in_spec && !e.is_integer())
            }
            _ => false,
        };
        let field_index = match &ir.get(*member).kind {
            // Required or not, the union always writes the tag: leaving an optional one in the
            // struct would let a member be sent without it, which no reader could place. A field a
            // held choice took stays the choice's: a field has one place.
            TypeKind::Struct(def) => def.fields.iter().position(|f| {
                f.is_declared()
                    && f.wire_name == *tag
                    && !f.presence.is_nullable()
                    && tag_enum_is_single_valued(&f.ty, ir)
            }),
            _ => None,
        };
        if let (Some(index), TypeKind::Struct(def)) = (field_index, &mut ir.types[member.0].kind) {
            def.fields[index].placement = Placement::UnionTag;
        }
    }
}

/// Response-side unions keep unknown members and response-side enums keep unknown values, so a
/// server that adds one does not break deserialisation. A one-value enum written inline on a
/// property (`type: {enum: [deployment]}`) is a constant, not a choice, and stays closed; a named
/// one (`Currency: {enum: [USD]}`) is a set that can grow.
fn decide_openness(ir: &mut Ir) {
    for def in &mut ir.types {
        let response = def.usage.response;
        let component = def.is_component();
        match &mut def.kind {
            TypeKind::Enum(e) => {
                let constant = e.variants.len() == 1 && !component;
                e.open = e.open_in_spec || (response && !constant);
                // `Other(String)` holds the values the spec does not list: a listed value
                // called `other` steps aside.
                if e.open {
                    let mut taken: BTreeSet<String> = e.variants.iter().map(|v| v.rust_name.clone()).collect();
                    if let Some(variant) = e.variants.iter_mut().find(|v| v.rust_name == "Other") {
                        let mut name = "Other_".to_owned();
                        while !taken.insert(name.clone()) {
                            name.push('_');
                        }
                        variant.rust_name = name;
                    }
                }
            }
            TypeKind::TaggedUnion(u) => u.open = response,
            TypeKind::KindUnion(u) => u.open = u.by_rule && response,
            _ => {}
        }
    }
}

/// Boxes every inline reference between two types of the same strongly connected component:
/// without it a recursive type would have infinite size.
fn box_cycles(ir: &mut Ir, diagnostics: &mut Diagnostics) {
    let components = strongly_connected(ir);
    for index in 0..ir.types.len() {
        let own = components[index];
        let recursive = |ty: &TypeRef| {
            let mut found = false;
            ty.visit_named(true, &mut |id, inline| found |= inline && components[id.0] == own);
            found
        };
        let storage = |in_cycle: bool| if in_cycle { Storage::Boxed } else { Storage::Inline };
        match &mut ir.types[index].kind {
            TypeKind::Struct(def) => {
                for field in &mut def.fields {
                    field.storage = storage(recursive(&field.ty));
                }
            }
            TypeKind::TaggedUnion(def) => {
                for variant in &mut def.variants {
                    variant.storage = storage(components[variant.ty.0] == own);
                }
            }
            TypeKind::KindUnion(def) => {
                for variant in &mut def.variants {
                    variant.storage = storage(recursive(&variant.ty));
                }
            }
            TypeKind::Choice(def) => {
                for variant in &mut def.variants {
                    variant.storage = storage(recursive(&variant.ty));
                }
            }
            TypeKind::Alias(ty) => {
                if recursive(ty) {
                    let def = &ir.types[index];
                    diagnostics.push(
                        Diagnostic::error(
                            &def.pointer,
                            format!("schema `{}` is defined in terms of itself", def.rust_name),
                        )
                        .with_hint(
                            "a chain of `$ref`s or single-member unions loops back; break the loop with an object",
                        ),
                    );
                }
            }
            // A body read by media type is only ever a response: nothing refers back to it.
            TypeKind::Enum(_) | TypeKind::ByMedia(_) => {}
        }
    }
}

/// Tarjan's algorithm over inline references, iteratively (specs can nest deeply); returns the
/// component index of every type.
fn strongly_connected(ir: &Ir) -> Vec<usize> {
    let count = ir.types.len();
    let edges: Vec<Vec<usize>> = ir
        .types
        .iter()
        .map(|def| {
            let mut out = Vec::new();
            def.kind.for_each_child(&mut |child, inline| {
                if inline {
                    out.push(child.0);
                }
            });
            out
        })
        .collect();
    let mut index_of = vec![usize::MAX; count];
    let mut low = vec![0; count];
    let mut on_stack = vec![false; count];
    let mut stack = Vec::new();
    let mut component = vec![usize::MAX; count];
    let mut next_index = 0;
    let mut next_component = 0;
    for root in 0..count {
        if index_of[root] != usize::MAX {
            continue;
        }
        let mut work = vec![(root, 0usize)];
        while let Some(&mut (node, ref mut edge)) = work.last_mut() {
            if *edge == 0 && index_of[node] == usize::MAX {
                index_of[node] = next_index;
                low[node] = next_index;
                next_index += 1;
                stack.push(node);
                on_stack[node] = true;
            }
            if let Some(&next) = edges[node].get(*edge) {
                *edge += 1;
                if index_of[next] == usize::MAX {
                    work.push((next, 0));
                } else if on_stack[next] {
                    low[node] = low[node].min(index_of[next]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[node]);
            }
            if low[node] == index_of[node] {
                while let Some(member) = stack.pop() {
                    on_stack[member] = false;
                    component[member] = next_component;
                    if member == node {
                        break;
                    }
                }
                next_component += 1;
            }
        }
    }
    component
}

#[cfg(test)]
mod tests {
    use crate::ir::{Ir, Placement, TypeKind};
    use crate::lower::lowered;

    /// The placement of each field of the struct `name`, by wire name.
    fn placements(ir: &Ir, name: &str) -> Vec<(String, Placement)> {
        let def = ir.types.iter().find(|def| def.rust_name == name).unwrap_or_else(|| panic!("no type `{name}`"));
        let TypeKind::Struct(s) = &def.kind else { panic!("`{name}` is not a struct") };
        s.fields.iter().map(|field| (field.wire_name.clone(), field.placement)).collect()
    }

    /// A request body: a union of `Ping` by `kind`, whose `Ping` (used nowhere else) also names
    /// `kind` in an `x-exactly-one-of` choice; and the same shapes in a response.
    const SPEC: &str = r"
openapi: 3.0.3
info: {title: Placement, version: '1'}
paths:
  /send:
    post:
      operationId: Send
      requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/Event'}}}}
      responses: {'204': {description: done}}
  /read:
    get:
      operationId: Read
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Answer'}}}}
components:
  schemas:
    Event:
      oneOf: [{$ref: '#/components/schemas/Ping'}]
      discriminator: {propertyName: kind}
    Ping:
      type: object
      properties:
        kind: {type: string, enum: [ping]}
        note: {type: string, nullable: true}
      x-exactly-one-of: {name: payload, properties: [kind, note]}
    Answer:
      oneOf: [{$ref: '#/components/schemas/Pong'}]
      discriminator: {propertyName: kind}
    Pong:
      type: object
      required: [kind]
      properties:
        kind: {type: string, enum: [pong]}
        text: {type: string, nullable: true}
        number: {type: integer, nullable: true}
      x-exactly-one-of: {name: payload, properties: [text, number]}
";

    #[test]
    fn a_field_the_choice_holds_is_never_the_unions_tag() {
        let ir = lowered(SPEC);
        assert_eq!(
            placements(&ir, "Ping"),
            [("kind".to_owned(), Placement::Choice), ("note".to_owned(), Placement::Choice)]
        );
    }

    #[test]
    fn a_struct_the_server_sends_keeps_its_choice_and_leaves_the_tag_to_its_union() {
        let ir = lowered(SPEC);
        assert_eq!(
            placements(&ir, "Pong"),
            [
                ("kind".to_owned(), Placement::UnionTag),
                ("text".to_owned(), Placement::Struct),
                ("number".to_owned(), Placement::Struct),
            ]
        );
    }
}
