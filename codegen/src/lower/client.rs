//! The names of the client's own items, decided with the other names (`lower/names.rs` calls
//! [`resources`] and [`env_prefix`]): a type per resource and the accessor of `Client` that
//! hands it out, a method per operation, the setters of a `Call` for a query's optional
//! parameters, and the prefix of the environment variables `Client::from_env` reads.
//!
//! A resource is an operation's cargo feature (its first tag, or the first path segment that
//! names something), so a resource's methods compile exactly when its operations do. A method
//! is named from the operation's HTTP method and the path below the resource
//! (`GET /deployments` → `list`, `GET /deployments/{id}` → `retrieve`,
//! `POST /deployments/{id}/archive` → `archive`); `x-rust-method` on the operation names it
//! instead, and names that would collide within a resource fall back to the request type's name
//! in snake case. Names the runtime's `Client`, client module and `Call` define are reserved.

use std::collections::BTreeMap;

use super::features::feature_name;
use crate::ident;
use crate::ir::{ClientMethod, CredentialKind, CredentialNames, Ir, Method, Operation, Resource, TypeKind};

/// Names `Client` has of its own (`codegen/runtime/src/client/runtime.rs`), which an accessor
/// may not take.
const CLIENT_METHODS: &[&str] = &["builder", "from_env", "call", "base_url", "clone", "fmt"];

/// Names the client module has of its own, which a resource type may not take.
const CLIENT_TYPES: &[&str] = &[
    "Client",
    "ClientBuilder",
    "ClientError",
    "Call",
    "Credential",
    "Error",
    "Response",
    "RetryPolicy",
    "Secret",
    "Stream",
    "BoxStream",
];

/// Names a `Call` has of its own (`codegen/runtime/src/client/runtime.rs`; a test reads that file
/// and checks every method of `Call` is here), which a query parameter's setter may not take.
const CALL_METHODS: &[&str] = &[
    "operation",
    "map",
    "timeout",
    "max_retries",
    "header",
    "query",
    "with_response",
    "pages",
    "items",
    "events",
    "into_future",
];

/// The client's resources, one per feature that holds operations, in feature order. Reads the
/// features ([`Ir::features`]) and the operations' request names, so it runs after both.
pub(super) fn resources(ir: &Ir) -> Vec<Resource> {
    let mut by_feature: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (index, feature) in ir.features.of_operation.iter().enumerate() {
        by_feature.entry(feature.as_str()).or_default().push(index);
    }
    by_feature
        .into_iter()
        .map(|(feature, operations)| {
            let mut accessor = ident::field_name(feature);
            if CLIENT_METHODS.contains(&ident::unraw(&accessor)) {
                accessor.push_str("_resource");
            }
            let mut type_name = ident::type_name(feature);
            if CLIENT_TYPES.contains(&type_name.as_str()) {
                type_name.push_str("Resource");
            }
            let methods = methods(ir, feature, &operations);
            Resource { feature: feature.to_owned(), accessor, type_name, methods }
        })
        .collect()
}

/// The methods of one resource, by name; a name two operations would share goes to neither.
fn methods(ir: &Ir, feature: &str, operations: &[usize]) -> Vec<ClientMethod> {
    let proposed: Vec<String> = operations
        .iter()
        .map(|&index| {
            let operation = &ir.operations[index];
            operation.client_method.clone().unwrap_or_else(|| method_name(feature, operation))
        })
        .collect();
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for name in &proposed {
        *counts.entry(name.as_str()).or_default() += 1;
    }
    let mut methods: Vec<ClientMethod> = operations
        .iter()
        .zip(&proposed)
        .map(|(&index, name)| {
            let operation = &ir.operations[index];
            let name =
                if counts[name.as_str()] == 1 { name.clone() } else { ident::snake_case(&operation.names.request) };
            ClientMethod {
                name: ident::field_name(&name),
                operation: index,
                query_setters: query_setters(ir, operation),
            }
        })
        .collect();
    methods.sort_by(|a, b| a.name.cmp(&b.name));
    methods
}

/// A method's name from its HTTP method and the path below its resource.
fn method_name(feature: &str, operation: &Operation) -> String {
    let segments: Vec<&str> = operation.path.split('/').filter(|segment| !segment.is_empty()).collect();
    // Below the resource's own segment, if the path has one; else below the path's start.
    let start = segments.iter().position(|segment| feature_name(segment) == feature).map_or(0, |at| at + 1);
    let below = &segments[start.min(segments.len())..];
    let is_parameter = |segment: &&str| segment.starts_with('{');
    let literals: Vec<String> =
        below.iter().filter(|segment| !is_parameter(segment)).map(|s| feature_name(s)).collect();
    let ends_in_parameter = segments.last().is_some_and(is_parameter);
    let verb = match (operation.method, ends_in_parameter) {
        (Method::Get, false) => "list",
        (Method::Get, true) => "retrieve",
        (Method::Post, false) => "create",
        (Method::Post | Method::Put | Method::Patch, true) | (Method::Put | Method::Patch, false) => "update",
        (Method::Delete, _) => "delete",
        (Method::Head, _) => "head",
        (Method::Options, _) => "options",
        (Method::Trace, _) => "trace",
    };
    let tail = literals.join("_");
    match (tail.is_empty(), operation.method, ends_in_parameter) {
        (true, _, _) => verb.to_owned(),
        // An action or a sub-collection named by the last segment: `POST …/{id}/archive` →
        // `archive`, `GET …/{id}/runs` → `runs`.
        (false, Method::Post | Method::Get, false) => tail,
        (false, _, _) => format!("{verb}_{tail}"),
    }
}

/// The setter of each optional query parameter of the operation (`call.limit(10)`), by its
/// member: the member's own name (raw where it is a keyword: `r#type`), with `_param` added while
/// it is a method of `Call` or the member of another parameter (a suffixed name is no keyword).
fn query_setters(ir: &Ir, operation: &Operation) -> BTreeMap<String, String> {
    let Some(id) = operation.query else { return BTreeMap::new() };
    let TypeKind::Struct(query) = &ir.get(id).kind else { return BTreeMap::new() };
    let members: Vec<&str> = query.fields.iter().map(|field| ident::unraw(&field.rust_name)).collect();
    query
        .fields
        .iter()
        .enumerate()
        .filter(|(_, field)| !field.presence.is_required())
        .map(|(index, field)| {
            let mut setter = field.rust_name.clone();
            while CALL_METHODS.contains(&ident::unraw(&setter))
                || members.iter().enumerate().any(|(other, member)| other != index && *member == ident::unraw(&setter))
            {
                setter = format!("{}_param", ident::unraw(&setter));
            }
            (field.rust_name.clone(), setter)
        })
        .collect()
}

/// The prefix of the environment variables `from_env` reads: the name of the first server's
/// host without its top-level domain and subdomains (`https://api.anthropic.com` → `ANTHROPIC`),
/// as official SDKs name theirs; else the spec's title; else `API`.
pub(super) fn env_prefix(ir: &Ir) -> String {
    let host = ir.server.as_deref().and_then(|server| {
        let rest = server.split_once("://")?.1;
        let host = rest.split(['/', ':', '?']).next()?;
        let labels: Vec<&str> = host.split('.').filter(|label| !label.is_empty()).collect();
        // The label before the top-level domain; a bare host (`localhost`) or an address has none.
        (labels.len() >= 2 && !labels.iter().all(|label| label.chars().all(|c| c.is_ascii_digit())))
            .then(|| labels[labels.len() - 2])
    });
    let name = host.map(feature_name).or_else(|| Some(feature_name(&ir.title)).filter(|name| name != "other"));
    name.map_or_else(|| "API".to_owned(), |name| name.to_ascii_uppercase())
}

/// The `ClientBuilder` method and environment variables of each security scheme: the first
/// scheme of a kind gets the kind's plain names (`api_key`, `{PREFIX}_API_KEY`), later ones are
/// told apart by their scheme's name (`other_key_api_key`, `{PREFIX}_OTHER_KEY_API_KEY`).
pub(super) fn assign_credentials(ir: &mut Ir) {
    let mut seen: BTreeMap<&'static str, usize> = BTreeMap::new();
    for scheme in &mut ir.security {
        let (kind, variable_suffixes): (&'static str, &[&str]) = match &scheme.credential {
            CredentialKind::ApiKey { .. } => ("api_key", &["API_KEY"]),
            CredentialKind::Bearer => ("bearer_token", &["AUTH_TOKEN"]),
            CredentialKind::Basic => ("basic_auth", &["USERNAME", "PASSWORD"]),
        };
        let count = seen.entry(kind).or_default();
        *count += 1;
        let scheme_part = ident::snake_case(&scheme.name);
        let (method, stem) = if *count == 1 {
            (kind.to_owned(), ir.env_prefix.clone())
        } else {
            (format!("{scheme_part}_{kind}"), format!("{}_{}", ir.env_prefix, scheme_part.to_ascii_uppercase()))
        };
        let variables = variable_suffixes.iter().map(|suffix| format!("{stem}_{suffix}")).collect();
        scheme.names = CredentialNames { method, variables };
    }
}

#[cfg(test)]
mod tests {
    use crate::ir::{Ir, Resource};
    use crate::lower::lowered;

    /// Two resources by tag (one named like the client's own items), an action, a
    /// sub-collection, a collision, an override, and query parameters named like `Call`'s
    /// methods and like each other.
    const SPEC: &str = r"
openapi: 3.0.3
info: {title: Shop, version: '1'}
servers: [{url: 'https://api.shop.example.co:8443/v2'}]
paths:
  /v2/orders:
    get:
      operationId: ListOrders
      tags: [Orders]
      parameters:
        - {name: limit, in: query, schema: {type: integer}}
        - {name: timeout, in: query, schema: {type: integer}}
        - {name: map, in: query, schema: {type: string}}
        - {name: map_param, in: query, schema: {type: string}}
        - {name: type, in: query, schema: {type: string}}
        - {name: operation, in: query, schema: {type: string}}
        - {name: status, in: query, required: true, schema: {type: string}}
      responses: {'200': {description: ok}}
    post: {operationId: CreateOrder, tags: [Orders], responses: {'200': {description: ok}}}
  /v2/orders/{order_id}:
    parameters: [{name: order_id, in: path, required: true, schema: {type: string}}]
    get: {operationId: GetOrder, tags: [Orders], responses: {'200': {description: ok}}}
    patch: {operationId: PatchOrder, tags: [Orders], responses: {'200': {description: ok}}}
    put: {operationId: ReplaceOrder, tags: [Orders], responses: {'200': {description: ok}}}
    delete: {operationId: DeleteOrder, tags: [Orders], responses: {'204': {description: gone}}}
  /v2/orders/{order_id}/cancel:
    parameters: [{name: order_id, in: path, required: true, schema: {type: string}}]
    post: {operationId: CancelOrder, tags: [Orders], responses: {'200': {description: ok}}}
  /v2/orders/{order_id}/items:
    parameters: [{name: order_id, in: path, required: true, schema: {type: string}}]
    get: {operationId: ListOrderItems, tags: [Orders], x-rust-method: items_of, responses: {'200': {description: ok}}}
  /v2/orders/{order_id}/lines:
    parameters: [{name: order_id, in: path, required: true, schema: {type: string}}]
    get: {operationId: ListOrderLines, tags: [Orders], responses: {'200': {description: ok}}}
  /v2/responses:
    get: {operationId: ListResponses, tags: [Response], responses: {'200': {description: ok}}}
  /v2/calls:
    get: {operationId: ListCalls, tags: [Call], responses: {'200': {description: ok}}}
";

    fn resource<'a>(ir: &'a Ir, feature: &str) -> &'a Resource {
        ir.resources.iter().find(|resource| resource.feature == feature).unwrap_or_else(|| panic!("{feature}"))
    }

    /// `(method, operation id)` of a resource, in order.
    fn methods<'a>(ir: &'a Ir, feature: &str) -> Vec<(&'a str, &'a str)> {
        resource(ir, feature)
            .methods
            .iter()
            .map(|method| (method.name.as_str(), ir.operations[method.operation].operation_id.as_str()))
            .collect()
    }

    #[test]
    fn methods_are_named_from_the_http_method_and_the_path_below_the_resource() {
        let ir = lowered(SPEC);
        // PATCH and PUT on the same path would both be `update`: neither takes the name, each
        // falls back to its request's name.
        assert_eq!(
            methods(&ir, "orders"),
            [
                ("cancel", "CancelOrder"),
                ("create", "CreateOrder"),
                ("delete", "DeleteOrder"),
                ("items_of", "ListOrderItems"),
                ("lines", "ListOrderLines"),
                ("list", "ListOrders"),
                ("patch_order", "PatchOrder"),
                ("replace_order", "ReplaceOrder"),
                ("retrieve", "GetOrder"),
            ]
        );
        let orders = resource(&ir, "orders");
        assert_eq!((orders.accessor.as_str(), orders.type_name.as_str()), ("orders", "Orders"));
    }

    #[test]
    fn a_resource_named_like_an_item_of_the_client_is_renamed() {
        let ir = lowered(SPEC);
        let response = resource(&ir, "response");
        assert_eq!((response.accessor.as_str(), response.type_name.as_str()), ("response", "ResponseResource"));
        let call = resource(&ir, "call");
        assert_eq!((call.accessor.as_str(), call.type_name.as_str()), ("call_resource", "CallResource"));
    }

    #[test]
    fn a_setter_named_like_a_method_of_call_or_another_parameter_is_told_apart() {
        let ir = lowered(SPEC);
        let list = resource(&ir, "orders").methods.iter().find(|method| method.name == "list").expect("list");
        let setters: Vec<(&str, &str)> =
            list.query_setters.iter().map(|(member, setter)| (member.as_str(), setter.as_str())).collect();
        // `map` is `Call::map`, and `map_param` is the next parameter's own name; a required
        // parameter is an argument, with no setter; a keyword stays raw.
        assert_eq!(
            setters,
            [
                ("limit", "limit"),
                ("map", "map_param_param"),
                ("map_param", "map_param"),
                ("operation", "operation_param"),
                ("r#type", "r#type"),
                ("timeout", "timeout_param")
            ]
        );
    }

    /// Every method `Call` has (read from the runtime's own source) is a name no setter takes, so
    /// a method added to the runtime cannot collide with a query parameter unseen.
    #[test]
    fn the_names_a_setter_may_not_take_are_every_method_of_call() {
        let source = include_str!("../../runtime/src/client/runtime.rs");
        let file = syn::parse_file(source).expect("the runtime parses");
        let mut methods = Vec::new();
        for item in &file.items {
            let syn::Item::Impl(block) = item else { continue };
            let syn::Type::Path(self_type) = &*block.self_ty else { continue };
            if self_type.path.segments.last().is_none_or(|segment| segment.ident != "Call") {
                continue;
            }
            for inner in &block.items {
                if let syn::ImplItem::Fn(function) = inner {
                    methods.push(function.sig.ident.to_string());
                }
            }
        }
        assert!(methods.len() >= 10, "found {methods:?}");
        let missing: Vec<&String> =
            methods.iter().filter(|method| !super::CALL_METHODS.contains(&method.as_str())).collect();
        assert!(missing.is_empty(), "`Call` methods a setter could take: {missing:?}");
    }

    #[test]
    fn the_environment_prefix_is_the_host_s_name_else_the_title_else_api() {
        assert_eq!(lowered(SPEC).env_prefix, "EXAMPLE");
        let spec = SPEC.replace("https://api.shop.example.co:8443/v2", "http://localhost:8080");
        assert_eq!(lowered(&spec).env_prefix, "SHOP");
        let spec = spec.replace("title: Shop", "title: '!!'");
        assert_eq!(lowered(&spec).env_prefix, "API");
    }

    #[test]
    fn a_second_credential_of_a_kind_is_named_after_its_scheme() {
        let spec = format!(
            "{SPEC}components:\n  securitySchemes:\n    key: {{type: apiKey, in: query, name: api_key}}\n    \
             other_key: {{type: apiKey, in: header, name: X-Other-Key}}\n    basic: {{type: http, scheme: basic}}\n"
        );
        let ir = lowered(&spec);
        let names: Vec<(&str, Vec<&str>)> = ir
            .security
            .iter()
            .map(|scheme| (scheme.names.method.as_str(), scheme.names.variables.iter().map(String::as_str).collect()))
            .collect();
        assert_eq!(
            names,
            [
                ("api_key", vec!["EXAMPLE_API_KEY"]),
                ("other_key_api_key", vec!["EXAMPLE_OTHER_KEY_API_KEY"]),
                ("basic_auth", vec!["EXAMPLE_USERNAME", "EXAMPLE_PASSWORD"]),
            ]
        );
    }
}
