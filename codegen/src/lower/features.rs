//! Cargo features per resource: each operation belongs to one feature, and a type compiles when
//! a feature whose operations reach it is on, so a user who needs one resource of a large API
//! compiles only that resource's operations and the types they reach. Decided here, with the
//! other names (`lower/names.rs` calls [`decide`]); `emit/features.rs` writes the `cfg`s.
//!
//! An operation's feature is its first tag, in snake case (`Custom fields` → `custom_fields`).
//! Tags that do not split the operations (none, or one tag on every operation, as some specs
//! have) say nothing, so then every operation goes by the first segment of its path that names
//! something: not a version (`v1`, `2020-09-14`), not `api`, not a parameter (`/v1/messages/…`
//! → `messages`). Types that no operation reaches (schemas kept for their own sake, webhook
//! payloads) belong to [`UNREFERENCED`]. Every feature is on by default.

use std::collections::{BTreeMap, BTreeSet};

use crate::ir::{Features, Ir, Operation, TypeId};

/// The feature of the types no operation reaches.
pub(crate) const UNREFERENCED: &str = "unreferenced_schemas";

/// The feature of the HTTP client, on by default beside the resources' features.
pub(crate) const CLIENT: &str = "client";

/// Names a resource's feature may not take: Cargo's own, and the crate's other features.
const RESERVED: &[&str] = &["default", UNREFERENCED, CLIENT];

/// The features of the crate whose emitted types are `emitted`.
pub(super) fn decide(ir: &Ir, emitted: &BTreeSet<TypeId>) -> Features {
    if ir.operations.is_empty() {
        return Features::default();
    }
    let first_tags: BTreeSet<Option<&String>> = ir.operations.iter().map(|op| op.tags.first()).collect();
    let tags_split = first_tags.len() > 1;
    let of_operation: Vec<String> = ir
        .operations
        .iter()
        .map(|operation| {
            let name = match operation.tags.first() {
                Some(tag) if tags_split => feature_name(tag),
                _ => path_feature(operation),
            };
            if RESERVED.contains(&name.as_str()) { format!("{name}_resource") } else { name }
        })
        .collect();
    let mut operations_by_feature: BTreeMap<String, usize> = BTreeMap::new();
    for feature in &of_operation {
        *operations_by_feature.entry(feature.clone()).or_default() += 1;
    }

    let mut reached: BTreeMap<TypeId, BTreeSet<String>> = BTreeMap::new();
    for (operation, feature) in ir.operations.iter().zip(&of_operation) {
        let mut roots = Vec::new();
        operation.for_each_request_type(&mut |id, _| roots.push(id));
        operation.for_each_response_type(&mut |id, _| roots.push(id));
        reach(ir, &mut reached, feature, roots);
    }
    // What no operation reaches, and the types it reaches in turn (which operations may reach
    // too).
    let unreferenced: Vec<TypeId> = emitted.iter().copied().filter(|id| !reached.contains_key(id)).collect();
    if !unreferenced.is_empty() {
        operations_by_feature.insert(UNREFERENCED.to_owned(), 0);
        reach(ir, &mut reached, UNREFERENCED, unreferenced);
    }
    let every: BTreeSet<String> = operations_by_feature.keys().cloned().collect();
    let of_type = emitted
        .iter()
        .filter_map(|id| {
            let features = reached.get(id).cloned().unwrap_or_default();
            (features != every).then_some((*id, features))
        })
        .collect();
    Features { operations_by_feature, of_operation, of_type }
}

/// Marks `roots` and every type they reach as compiled by `feature`.
fn reach(ir: &Ir, reached: &mut BTreeMap<TypeId, BTreeSet<String>>, feature: &str, mut stack: Vec<TypeId>) {
    while let Some(id) = stack.pop() {
        if reached.entry(id).or_default().insert(feature.to_owned()) {
            ir.get(id).kind.for_each_child(&mut |child, _| stack.push(child));
        }
    }
}

/// A tag or path segment as a feature name: lower case, runs of anything but letters and digits
/// as one `_`.
pub(super) fn feature_name(text: &str) -> String {
    let mut name = String::new();
    let mut last_was_letter = false;
    let mut previous_lower = false;
    for character in text.chars() {
        if character.is_ascii_alphanumeric() {
            // `DeploymentRuns` → `deployment_runs`.
            if character.is_ascii_uppercase() && previous_lower {
                name.push('_');
            }
            previous_lower = character.is_ascii_lowercase() || character.is_ascii_digit();
            name.push(character.to_ascii_lowercase());
            last_was_letter = true;
        } else {
            if last_was_letter {
                name.push('_');
            }
            last_was_letter = false;
            previous_lower = false;
        }
    }
    let name = name.trim_end_matches('_').to_owned();
    if name.is_empty() { "other".to_owned() } else { name }
}

/// The first segment of the operation's path that names a resource.
fn path_feature(operation: &Operation) -> String {
    let names_something = |segment: &&str| {
        let is_version = segment.strip_prefix('v').is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
            || segment.starts_with(|c: char| c.is_ascii_digit());
        !segment.is_empty() && !segment.starts_with('{') && !is_version && *segment != "api"
    };
    operation.path.split('/').find(names_something).map_or_else(|| "root".to_owned(), feature_name)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::feature_name;
    use crate::ir::{Ir, TypeId};
    use crate::lower::lowered;

    /// Two tagged operations that share a type, a third without a tag, and a schema no
    /// operation uses, which refers to one of the shared ones (the emitter's tests write out the
    /// same features).
    pub(crate) const SPEC: &str = r"
openapi: 3.0.3
info: {title: Shop, version: '1'}
paths:
  /v2/orders:
    get:
      operationId: ListOrders
      tags: [Orders]
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Order'}}}}
  /v2/refunds:
    post:
      operationId: CreateRefund
      tags: [Refund requests]
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Refund'}}}}
  /v2/default/{id}:
    get:
      operationId: GetDefault
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses:
        '204': {description: none}
components:
  schemas:
    Money: {type: object, properties: {amount: {type: integer}}}
    Order: {type: object, properties: {total: {$ref: '#/components/schemas/Money'}}}
    Refund: {type: object, properties: {amount: {$ref: '#/components/schemas/Money'}}}
    Webhook: {type: object, properties: {order: {$ref: '#/components/schemas/Order'}}}
";

    fn type_named(ir: &Ir, name: &str) -> TypeId {
        TypeId(ir.types.iter().position(|def| def.rust_name == name).unwrap_or_else(|| panic!("{name}")))
    }

    #[test]
    fn operations_go_by_tag_and_types_by_the_features_that_reach_them() {
        let ir = lowered(SPEC);
        let features: Vec<(&str, usize)> =
            ir.features.operations_by_feature.iter().map(|(name, count)| (name.as_str(), *count)).collect();
        // Untagged goes by path: past the version, and `default` is Cargo's, so it is renamed.
        assert_eq!(
            features,
            [("default_resource", 1), ("orders", 1), ("refund_requests", 1), ("unreferenced_schemas", 0)]
        );
        let of_type = |name: &str| -> Option<Vec<&str>> {
            ir.features
                .of_type
                .get(&type_named(&ir, name))
                .map(|features| features.iter().map(String::as_str).collect())
        };
        assert_eq!(of_type("Order"), Some(vec!["orders", "unreferenced_schemas"]));
        assert_eq!(of_type("Refund"), Some(vec!["refund_requests"]));
        assert_eq!(of_type("Webhook"), Some(vec!["unreferenced_schemas"]));
        // Every feature but `default_resource` reaches `Money`, so it is listed with those.
        assert_eq!(of_type("Money"), Some(vec!["orders", "refund_requests", "unreferenced_schemas"]));
    }

    #[test]
    fn one_tag_on_every_operation_says_nothing_so_paths_decide() {
        let spec = SPEC.replace("tags: [Orders]", "tags: [shop]").replace("tags: [Refund requests]", "tags: [shop]");
        let spec =
            spec.replace("      operationId: GetDefault\n", "      operationId: GetDefault\n      tags: [shop]\n");
        let ir = lowered(&spec);
        let names: Vec<&str> = ir.features.operations_by_feature.keys().map(String::as_str).collect();
        assert_eq!(names, ["default_resource", "orders", "refunds", "unreferenced_schemas"]);
    }

    #[test]
    fn names_are_snake_case() {
        assert_eq!(feature_name("Deployments"), "deployments");
        assert_eq!(feature_name("DeploymentRuns"), "deployment_runs");
        assert_eq!(feature_name("Custom fields"), "custom_fields");
        assert_eq!(feature_name("beta.workflows.executions"), "beta_workflows_executions");
        assert_eq!(feature_name("item-public_token"), "item_public_token");
        assert_eq!(feature_name("!!"), "other");
    }
}
