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
//!
//! Code that several features reach (but not all, which compile it always) is gated by one
//! internal feature per distinct set of them, `_shared_<n>`, which each member turns on in the
//! manifest: one `cfg` line per item rather than a line per feature (a third of the lines of
//! large crates). The groups are numbered from 1 in the sorted order of their sets, so a name is
//! deterministic for a spec but may change with it; that is harmless, since nothing outside the
//! crate names them (they are not in its documented list, and a resource turns them on).

use std::collections::{BTreeMap, BTreeSet};

use crate::ir::{FeatureGroup, Features, Ir, Operation, TypeId};

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
    // Every emitted type is reached now (by `UNREFERENCED` at least).
    let of_type: Vec<(TypeId, &BTreeSet<String>)> =
        emitted.iter().filter_map(|id| reached.get(id).map(|features| (*id, features))).collect();
    // An error body's impl compiles with any of the operations whose error it is.
    let of_error_body: Vec<BTreeSet<String>> = ir
        .error_bodies
        .iter()
        .map(|body| body.operations.iter().filter_map(|index| of_operation.get(*index).cloned()).collect())
        .collect();
    let gates = Gates::new(
        operations_by_feature.keys().cloned().collect(),
        of_type.iter().map(|(_, features)| *features).chain(&of_error_body),
    );
    Features {
        of_type: of_type.iter().filter_map(|(id, features)| gates.of(features).map(|feature| (*id, feature))).collect(),
        of_error_body: of_error_body.iter().map(|features| gates.of(features)).collect(),
        groups: gates.into_groups(),
        operations_by_feature,
        of_operation,
    }
}

/// Sets of features as the one feature that compiles what any of them reaches.
struct Gates {
    every: BTreeSet<String>,
    /// Each set of two or more features (not `every`) that gates something, with its group's
    /// name, numbered in set order.
    groups: BTreeMap<BTreeSet<String>, String>,
}

impl Gates {
    /// The gates of a crate whose features are `every` and whose items are reached by `sets`.
    fn new<'a>(every: BTreeSet<String>, sets: impl Iterator<Item = &'a BTreeSet<String>>) -> Self {
        let grouped: BTreeSet<&BTreeSet<String>> = sets.filter(|set| set.len() > 1 && **set != every).collect();
        let groups = grouped
            .into_iter()
            .enumerate()
            .map(|(index, set)| (set.clone(), format!("_shared_{}", index + 1)))
            .collect();
        Self { every, groups }
    }

    /// The feature that compiles what `features` reach: the one feature, or their group; `None`
    /// when every feature reaches it (it always compiles).
    fn of(&self, features: &BTreeSet<String>) -> Option<String> {
        if *features == self.every {
            return None;
        }
        match features.first() {
            Some(only) if features.len() == 1 => Some(only.clone()),
            _ => self.groups.get(features).cloned(),
        }
    }

    /// The groups, in number order (which is their sets' order).
    fn into_groups(self) -> Vec<FeatureGroup> {
        self.groups.into_iter().map(|(members, name)| FeatureGroup { name, members }).collect()
    }
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
    use std::collections::BTreeSet;

    use super::{Gates, feature_name};
    use crate::ir::{FeatureGroup, Ir, TypeId};
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
        let of_type = |name: &str| ir.features.of_type.get(&type_named(&ir, name)).map(String::as_str);
        assert_eq!(of_type("Refund"), Some("refund_requests"));
        assert_eq!(of_type("Webhook"), Some("unreferenced_schemas"));
        // Every feature but `default_resource` reaches `Money`, so it goes by the group of those.
        let groups: Vec<(&str, Vec<&str>)> = ir
            .features
            .groups
            .iter()
            .map(|group| (group.name.as_str(), group.members.iter().map(String::as_str).collect()))
            .collect();
        assert_eq!(
            groups,
            [
                ("_shared_1", vec!["orders", "refund_requests", "unreferenced_schemas"]),
                ("_shared_2", vec!["orders", "unreferenced_schemas"]),
            ]
        );
        assert_eq!(of_type("Money"), Some("_shared_1"));
        assert_eq!(of_type("Order"), Some("_shared_2"));
    }

    /// Three features and five items: each distinct set of two (not all three) is one group,
    /// numbered in set order whatever order the items come in; one feature gates alone, all three
    /// not at all.
    #[test]
    fn each_set_of_several_features_is_one_group() {
        let set = |names: &[&str]| -> BTreeSet<String> { names.iter().map(|name| (*name).to_owned()).collect() };
        let items = [set(&["b", "c"]), set(&["a", "b"]), set(&["a", "b"]), set(&["a", "b", "c"]), set(&["a"])];
        let gates = Gates::new(set(&["a", "b", "c"]), items.iter());
        let of: Vec<Option<String>> = items.iter().map(|item| gates.of(item)).collect();
        let name = |text: &str| Some(text.to_owned());
        assert_eq!(of, [name("_shared_2"), name("_shared_1"), name("_shared_1"), None, name("a")]);
        let groups = gates.into_groups();
        assert_eq!(
            groups,
            [
                FeatureGroup { name: "_shared_1".to_owned(), members: set(&["a", "b"]) },
                FeatureGroup { name: "_shared_2".to_owned(), members: set(&["b", "c"]) },
            ]
        );
        // The same sets in another order name the same groups.
        let reversed = Gates::new(set(&["a", "b", "c"]), items.iter().rev());
        assert_eq!(reversed.into_groups(), groups);
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
