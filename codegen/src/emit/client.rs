//! The spec's own part of the client: its server, a `ClientBuilder` method per security scheme,
//! `Client::from_env`, and a method per operation, grouped by resource
//! (`client.deployments().create(body)`). The rest of the client is the runtime's
//! (`codegen/runtime/src/client/`).
//!
//! A resource is an operation's cargo feature (its first tag, or the first path segment that
//! names something), so a resource's methods compile exactly when its operations do. A method
//! is named from the operation's HTTP method and the path below the resource
//! (`GET /deployments` → `list`, `GET /deployments/{id}` → `retrieve`,
//! `POST /deployments/{id}/archive` → `archive`); `x-rust-method` on the operation names it
//! instead, and names that would collide within a resource fall back to the request type's name
//! in snake case.

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::quote;

use super::features::{Features, feature_name, gate};
use super::qualified_type_tokens;
use crate::docs::code_span;
use crate::ident::{self, ident};
use crate::ir::{ApiKeyLocation, CredentialKind, Docs, Holder, Ir, Method, Operation, TypeKind};

/// The items of the `client` module after the runtime's re-exports.
pub(super) fn emit_client(ir: &Ir, features: &Features) -> TokenStream {
    let base_url = ir.server.clone().unwrap_or_default();
    let base_url_doc = if ir.server.is_some() {
        " The spec's first server: where [`Client::builder`] sends requests unless told otherwise.".to_owned()
    } else {
        " The spec names no server: set the base URL with [`ClientBuilder::base_url`].".to_owned()
    };
    let prefix = env_prefix(ir);
    let base_url_variable = format!("{prefix}_BASE_URL");
    let credentials = credentials(ir, &prefix);
    let builder_methods = credentials.iter().map(|credential| &credential.method);
    let from_env_reads = credentials.iter().map(|credential| &credential.from_env);
    let variables: Vec<&str> =
        credentials.iter().flat_map(|credential| credential.variables.iter().map(String::as_str)).collect();
    let check_found = (!credentials.is_empty()).then(|| {
        quote! {
            if !found {
                return ::core::result::Result::Err(ClientError::MissingCredentials {
                    variables: ::std::vec![#(#variables),*],
                });
            }
        }
    });
    let found_declaration = (!credentials.is_empty()).then(|| quote! { let mut found = false; });
    let mut from_env_doc = format!(
        " A client configured from the environment: the base URL from `{base_url_variable}` when it is set (else [`DEFAULT_BASE_URL`])"
    );
    if variables.is_empty() {
        from_env_doc.push('.');
    } else {
        let listed: Vec<String> = variables.iter().map(|variable| format!("`{variable}`")).collect();
        from_env_doc.push_str(", and the credentials from ");
        from_env_doc.push_str(&listed.join(", "));
        from_env_doc.push_str(", as the official SDKs read them. Fails if none of those is set.");
    }

    let resources = resources(ir, features);
    let accessors = resources.iter().map(|resource| {
        let accessor = ident(&resource.accessor);
        let name = ident(&resource.type_name);
        let doc = format!(" The operations of the `{}` resource.", resource.feature);
        gate(
            quote! {
                impl Client {
                    #[doc = #doc]
                    #[must_use]
                    pub fn #accessor(&self) -> #name<'_> {
                        #name { client: self }
                    }
                }
            },
            Some(&cfg(&resource.feature)),
        )
    });
    let resource_items = resources.iter().map(|resource| {
        let name = ident(&resource.type_name);
        let doc = format!(" The operations of the `{}` resource: `client.{}()`.", resource.feature, resource.accessor);
        let (methods, setters): (Vec<TokenStream>, Vec<Option<TokenStream>>) =
            resource.methods.iter().map(|method| emit_method(ir, &method.name, method.operation)).unzip();
        let setters = setters.into_iter().flatten();
        gate(
            quote! {
                #[doc = #doc]
                #[derive(::core::fmt::Debug, ::core::clone::Clone, ::core::marker::Copy)]
                pub struct #name<'c> {
                    client: &'c Client,
                }
                impl<'c> #name<'c> {
                    #(#methods)*
                }
                #(#setters)*
            },
            Some(&cfg(&resource.feature)),
        )
    });

    quote! {
        #[doc = #base_url_doc]
        pub const DEFAULT_BASE_URL: &str = #base_url;

        /// The environment variable [`Client::from_env`] reads the base URL from.
        pub const BASE_URL_VARIABLE: &str = #base_url_variable;

        impl Client {
            /// Settings for a client of the API at [`DEFAULT_BASE_URL`], to add credentials to.
            pub fn builder() -> ClientBuilder {
                ClientBuilder::new(DEFAULT_BASE_URL)
            }

            #[doc = #from_env_doc]
            pub fn from_env() -> ::core::result::Result<Self, ClientError> {
                let mut builder = Self::builder();
                if let ::core::option::Option::Some(base_url) = env_variable(BASE_URL_VARIABLE) {
                    builder = builder.base_url(base_url);
                }
                #found_declaration
                #(#from_env_reads)*
                #check_found
                builder.build()
            }
        }

        impl ClientBuilder {
            #(#builder_methods)*
        }

        #(#accessors)*
        #(#resource_items)*
    }
}

fn cfg(feature: &str) -> TokenStream {
    quote! { #[cfg(feature = #feature)] }
}

/// The prefix of the environment variables `from_env` reads: the name of the first server's
/// host without its top-level domain and subdomains (`https://api.anthropic.com` → `ANTHROPIC`),
/// as official SDKs name theirs; else the spec's title; else `API`.
fn env_prefix(ir: &Ir) -> String {
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

/// One security scheme as a `ClientBuilder` method and the code of `from_env` that fills it.
struct CredentialMethod {
    method: TokenStream,
    from_env: TokenStream,
    variables: Vec<String>,
}

fn credentials(ir: &Ir, prefix: &str) -> Vec<CredentialMethod> {
    let mut seen: BTreeMap<&'static str, usize> = BTreeMap::new();
    ir.security
        .iter()
        .map(|scheme| {
            let (kind, variable_suffix) = match &scheme.credential {
                CredentialKind::ApiKey { .. } => ("api_key", "API_KEY"),
                CredentialKind::Bearer => ("bearer_token", "AUTH_TOKEN"),
                CredentialKind::Basic => ("basic_auth", "USERNAME"),
            };
            // The first scheme of a kind gets the plain name; later ones are told apart by
            // their scheme's name.
            let count = seen.entry(kind).or_default();
            *count += 1;
            let scheme_part = ident::snake_case(&scheme.name);
            let (method_name, variable_stem) = if *count == 1 {
                (kind.to_owned(), prefix.to_owned())
            } else {
                (format!("{scheme_part}_{kind}"), format!("{prefix}_{}", scheme_part.to_ascii_uppercase()))
            };
            let method = ident(&method_name);
            let scheme_name = &scheme.name;
            match &scheme.credential {
                CredentialKind::ApiKey { location, name } => {
                    let (credential, where_) = match location {
                        ApiKeyLocation::Header => {
                            let header = name.to_ascii_lowercase();
                            (
                                quote! { Credential::Header { name: ::http::HeaderName::from_static(#header), value: key.into() } },
                                format!("the {} header", code_span(&header)),
                            )
                        }
                        ApiKeyLocation::Query => (
                            quote! { Credential::Query { name: ::std::string::String::from(#name), value: key.into() } },
                            format!("the {} query parameter", code_span(name)),
                        ),
                        ApiKeyLocation::Cookie => (
                            quote! { Credential::Cookie { name: ::std::string::String::from(#name), value: key.into() } },
                            format!("the {} cookie", code_span(name)),
                        ),
                    };
                    let doc = format!(" The API key of the security scheme {}, sent in {where_}.", code_span(scheme_name));
                    one_secret(&method, &doc, &ident("key"), &credential, format!("{variable_stem}_{variable_suffix}"))
                }
                CredentialKind::Bearer => {
                    let doc = format!(
                        " The token of the security scheme {}, sent as `Authorization: Bearer <token>`.",
                        code_span(scheme_name)
                    );
                    let credential = quote! { Credential::Bearer(token.into()) };
                    one_secret(&method, &doc, &ident("token"), &credential, format!("{variable_stem}_{variable_suffix}"))
                }
                CredentialKind::Basic => {
                    let doc = format!(
                        " The user and password of the security scheme {}, sent as `Authorization: Basic …`.",
                        code_span(scheme_name)
                    );
                    let user = format!("{variable_stem}_USERNAME");
                    let password = format!("{variable_stem}_PASSWORD");
                    CredentialMethod {
                        method: quote! {
                            #[doc = #doc]
                            pub fn #method(self, username: impl ::core::convert::Into<::std::string::String>, password: impl ::core::convert::Into<Secret>) -> Self {
                                self.credential(Credential::Basic { username: username.into(), password: password.into() })
                            }
                        },
                        from_env: quote! {
                            if let (::core::option::Option::Some(username), ::core::option::Option::Some(password)) = (env_variable(#user), env_variable(#password)) {
                                builder = builder.#method(username, password);
                                found = true;
                            }
                        },
                        variables: vec![user, password],
                    }
                }
            }
        })
        .collect()
}

/// A `ClientBuilder` method that takes one secret as `parameter` and sends `credential` (which
/// reads it), and the code of `from_env` that fills it from `variable`.
fn one_secret(
    method: &proc_macro2::Ident,
    doc: &str,
    parameter: &proc_macro2::Ident,
    credential: &TokenStream,
    variable: String,
) -> CredentialMethod {
    CredentialMethod {
        method: quote! {
            #[doc = #doc]
            pub fn #method(self, #parameter: impl ::core::convert::Into<Secret>) -> Self {
                self.credential(#credential)
            }
        },
        from_env: quote! {
            if let ::core::option::Option::Some(#parameter) = env_variable(#variable) {
                builder = builder.#method(#parameter);
                found = true;
            }
        },
        variables: vec![variable],
    }
}

/// A resource: a feature's operations as the methods of one type.
struct Resource<'a> {
    feature: String,
    accessor: String,
    type_name: String,
    methods: Vec<ResourceMethod<'a>>,
}

struct ResourceMethod<'a> {
    name: String,
    operation: &'a Operation,
}

/// Names `Client` has of its own, which an accessor may not take.
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

fn resources<'a>(ir: &'a Ir, features: &Features) -> Vec<Resource<'a>> {
    let mut by_feature: BTreeMap<String, Vec<&Operation>> = BTreeMap::new();
    for (index, operation) in ir.operations.iter().enumerate() {
        if let Some(feature) = features.operation_feature(index) {
            by_feature.entry(feature.to_owned()).or_default().push(operation);
        }
    }
    by_feature
        .into_iter()
        .map(|(feature, operations)| {
            let mut accessor = ident::field_name(&feature);
            if CLIENT_METHODS.contains(&ident::unraw(&accessor)) {
                accessor.push_str("_resource");
            }
            let mut type_name = ident::type_name(&feature);
            if CLIENT_TYPES.contains(&type_name.as_str()) {
                type_name.push_str("Resource");
            }
            let methods = method_names(&feature, &operations);
            Resource { feature, accessor, type_name, methods }
        })
        .collect()
}

/// The methods of one resource, named; a name two operations would share goes to neither.
fn method_names<'a>(feature: &str, operations: &[&'a Operation]) -> Vec<ResourceMethod<'a>> {
    let proposed: Vec<String> = operations
        .iter()
        .map(|operation| operation.client_method.clone().unwrap_or_else(|| method_name(feature, operation)))
        .collect();
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for name in &proposed {
        *counts.entry(name.as_str()).or_default() += 1;
    }
    let mut methods: Vec<ResourceMethod<'a>> = operations
        .iter()
        .zip(&proposed)
        .map(|(operation, name)| {
            let name =
                if counts[name.as_str()] == 1 { name.clone() } else { ident::snake_case(&operation.names.request) };
            ResourceMethod { name: ident::field_name(&name), operation }
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

/// One method: the operation's parameters as arguments (path parameters one by one, the
/// query's required parameters one by one, headers with a required field, the body), and a
/// `Call` of its request type; with the inherent methods of that `Call` that set the query's
/// optional parameters (`list().limit(10)`), when the query is made of plain parameters.
fn emit_method(ir: &Ir, name: &str, operation: &Operation) -> (TokenStream, Option<TokenStream>) {
    let method = ident(name);
    let request = ident(&operation.names.request);
    let mut arguments = Vec::new();
    let mut argument_names: Vec<String> = vec!["headers".to_owned(), "body".to_owned(), "content_type".to_owned()];
    let mut conversions = Vec::new();
    let mut fields = Vec::new();
    if let Some(id) = operation.path_parameters {
        let ty = ident(&ir.get(id).rust_name);
        if let Some(each) = path_arguments(ir, id) {
            let values = each.iter().map(|(member, _)| quote! { #member: #member.into() });
            arguments.extend(each.iter().map(|(member, ty)| quote! { #member: impl ::core::convert::Into<#ty> }));
            argument_names.extend(each.iter().map(|(member, _)| ident::unraw(&member.to_string()).to_owned()));
            fields.push(quote! { path: crate::types::#ty { #(#values),* } });
        } else {
            arguments.push(quote! { path: crate::types::#ty });
            argument_names.push("path".to_owned());
            fields.push(quote! { path });
        }
    }
    let mut setters = None;
    if let Some(id) = operation.query {
        let ty = ident(&ir.get(id).rust_name);
        if let Some(query) = query_parameters(ir, id, &argument_names) {
            let mut inits = Vec::new();
            for parameter in &query.required {
                let member = ident(&parameter.field.rust_name);
                let (input, convert) =
                    super::builders::setter_conversion(ir, &parameter.field.ty, parameter.field.boxed);
                arguments.push(quote! { #member: #input });
                conversions.push(quote! { let #member = { let value = #member; #convert }; });
                inits.push(quote! { #member });
            }
            for field in &query.filled {
                let member = ident(&field.rust_name);
                inits.push(quote! { #member: ::core::default::Default::default() });
            }
            fields.push(quote! { query: crate::types::#ty { #(#inits),* } });
            setters = (!query.optional.is_empty()).then(|| {
                let each = query.optional.iter().map(|parameter| query_setter(ir, parameter));
                quote! {
                    impl Call<crate::operations::#request> {
                        #(#each)*
                    }
                }
            });
        } else {
            arguments.push(quote! { query: crate::types::#ty });
            fields.push(quote! { query });
        }
    }
    if let Some(id) = operation.headers {
        let ty = ident(&ir.get(id).rust_name);
        if defaults(ir, id) {
            fields.push(quote! { headers: ::core::default::Default::default() });
        } else {
            arguments.push(quote! { headers: crate::types::#ty });
            fields.push(quote! { headers });
        }
    }
    if let Some(body) = &operation.request_body {
        let ty = qualified_type_tokens(ir, body);
        arguments.push(quote! { body: #ty });
        fields.push(quote! { body });
    }
    if operation.request_media.len() > 1 {
        let ty = ident(&operation.names.content_type);
        arguments.push(quote! { content_type: crate::operations::#ty });
        fields.push(quote! { content_type });
    }
    let route = code_span(&format!("{} {}", operation.method.as_str(), operation.path));
    let sends = Docs::generated(&format!(
        "{route}: sends [`{request}`](crate::operations::{request}).",
        request = operation.names.request,
    ));
    let mut docs = operation.summary.clone().unwrap_or_default().then(&sends);
    if setters.is_some() {
        docs = docs.then(&Docs::generated("The query's optional parameters are methods of the returned call."));
    }
    let docs = docs.outer();
    let method = quote! {
        #docs
        pub fn #method(&self, #(#arguments),*) -> Call<crate::operations::#request> {
            #(#conversions)*
            self.client.call(crate::operations::#request { #(#fields),* })
        }
    };
    (method, setters)
}

/// Names a `Call` has of its own (`codegen/runtime/src/client/runtime.rs`), which a query
/// parameter's setter may not take.
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

/// A query's parameters as a method takes them: the required ones as arguments, the optional
/// ones as setters of the call (each with the setter's name), and one-value constants filled
/// in; `None` when the query is not just plain parameters (a held choice, extra properties), or
/// a required one is named like another argument, so the query struct is the argument instead.
struct QueryParameters<'a> {
    required: Vec<QueryParameter<'a>>,
    optional: Vec<QueryParameter<'a>>,
    filled: Vec<&'a crate::ir::Field>,
}

struct QueryParameter<'a> {
    field: &'a crate::ir::Field,
    setter: String,
}

fn query_parameters<'a>(ir: &'a Ir, id: crate::ir::TypeId, arguments: &[String]) -> Option<QueryParameters<'a>> {
    let def = ir.get(id);
    let TypeKind::Struct(s) = &def.kind else { return None };
    if super::structs::extra_fields_member(def, s).is_some()
        || s.additional.is_some()
        || s.choices.iter().any(|choice| choice.held)
        || s.fields.iter().any(|field| !field.is_declared())
    {
        return None;
    }
    let mut query = QueryParameters { required: Vec::new(), optional: Vec::new(), filled: Vec::new() };
    for field in &s.fields {
        let member = ident::unraw(&field.rust_name).to_owned();
        match field.presence().holder() {
            Holder::Plain if ir.is_constant(&field.ty) => query.filled.push(field),
            Holder::Plain if arguments.contains(&member) => return None,
            Holder::Plain => query.required.push(QueryParameter { field, setter: member }),
            Holder::Option | Holder::Nullable if field.required => return None,
            Holder::Option | Holder::Nullable => {
                query.filled.push(field);
                let mut setter = member;
                while CALL_METHODS.contains(&setter.as_str())
                    || s.fields
                        .iter()
                        .any(|other| ident::unraw(&other.rust_name) == setter && !std::ptr::eq(other, field))
                {
                    setter.push_str("_param");
                }
                query.optional.push(QueryParameter { field, setter });
            }
        }
    }
    Some(query)
}

/// `call.limit(10)`: sets one optional query parameter of the call's request.
fn query_setter(ir: &Ir, parameter: &QueryParameter<'_>) -> TokenStream {
    let field = parameter.field;
    // The setter is named as Rust reads it (`type`); a keyword is spelled raw.
    let setter = ident(&ident::sanitize(&parameter.setter));
    let member = ident(&field.rust_name);
    let (input, convert) = super::builders::setter_conversion(ir, &field.ty, field.boxed);
    let value = if field.presence().holder() == Holder::Nullable {
        quote! { crate::nullable::Nullable::Value(#convert) }
    } else {
        quote! { ::core::option::Option::Some(#convert) }
    };
    let sets = Docs::generated(&format!("Sets the {} query parameter.", code_span(&field.wire_name)));
    let docs = sets.then(&field.docs.clone().unwrap_or_default()).outer();
    let deprecated = field.deprecated.then(|| quote! { #[deprecated] });
    quote! {
        #docs
        #deprecated
        pub fn #setter(self, value: #input) -> Self {
            self.map(|operation| operation.query.#member = #value)
        }
    }
}

/// The path parameters as `(member, type)` arguments, when the struct is just them (each
/// required, none boxed, nothing else to fill, none named like another argument).
fn path_arguments(ir: &Ir, id: crate::ir::TypeId) -> Option<Vec<(proc_macro2::Ident, TokenStream)>> {
    let def = ir.get(id);
    let TypeKind::Struct(s) = &def.kind else { return None };
    if super::structs::extra_fields_member(def, s).is_some() || s.choices.iter().any(|choice| choice.held) {
        return None;
    }
    // A parameter named like another argument (`body`, `query`) would take its name.
    s.fields
        .iter()
        .map(|field| {
            let usable = field.is_declared()
                && field.presence().holder() == Holder::Plain
                && !field.boxed
                && !["query", "headers", "body", "content_type", "self_"].contains(&ident::unraw(&field.rust_name));
            usable.then(|| (ident(&field.rust_name), qualified_type_tokens(ir, &field.ty)))
        })
        .collect()
}

/// Whether a parameter struct has `Default` (no field a caller must set).
fn defaults(ir: &Ir, id: crate::ir::TypeId) -> bool {
    match &ir.get(id).kind {
        TypeKind::Struct(s) => super::structs::derives_default(ir, s),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    /// A shop with two resources by tag, an action, a sub-collection, a collision, an override,
    /// a path parameter that is not a string, and one scheme of each kind.
    const SPEC: &str = r"
openapi: 3.0.3
info: {title: Shop, version: '1'}
servers: [{url: 'https://api.shop.example.co:8443/v2'}]
security: [{bearer: []}]
paths:
  /v2/orders:
    get: {operationId: ListOrders, tags: [Orders], responses: {'200': {description: ok}}}
    post: {operationId: CreateOrder, tags: [Orders], responses: {'200': {description: ok}}}
  /v2/orders/{order_id}:
    parameters: [{name: order_id, in: path, required: true, schema: {type: integer, format: int64}}]
    get: {operationId: GetOrder, tags: [Orders], responses: {'200': {description: ok}}}
    patch: {operationId: PatchOrder, tags: [Orders], responses: {'200': {description: ok}}}
    put: {operationId: ReplaceOrder, tags: [Orders], responses: {'200': {description: ok}}}
    delete: {operationId: DeleteOrder, tags: [Orders], responses: {'204': {description: gone}}}
  /v2/orders/{order_id}/cancel:
    parameters: [{name: order_id, in: path, required: true, schema: {type: integer, format: int64}}]
    post: {operationId: CancelOrder, tags: [Orders], responses: {'200': {description: ok}}}
  /v2/orders/{order_id}/items:
    parameters: [{name: order_id, in: path, required: true, schema: {type: integer, format: int64}}]
    get:
      operationId: ListOrderItems
      tags: [Orders]
      x-rust-method: items_of
      parameters: [{name: X-Tenant, in: header, required: true, schema: {type: string}}]
      responses: {'200': {description: ok}}
  /v2/refunds:
    get: {operationId: ListRefunds, tags: [Refunds], responses: {'200': {description: ok}}}
components:
  securitySchemes:
    key: {type: apiKey, in: query, name: api_key}
    other_key: {type: apiKey, in: header, name: X-Other-Key}
    basic: {type: http, scheme: basic}
    bearer: {type: http, scheme: Bearer}
    digest: {type: http, scheme: digest}
";

    fn client_file(spec: &str) -> String {
        let generated = crate::generate_from_str(spec, "shop.yaml", &crate::Config::default()).expect("generates");
        generated.crate_files().expect("formats").remove("client.rs").expect("a client module")
    }

    /// The names of the methods of the resource type `resource`, in order.
    fn methods(client: &str, resource: &str) -> Vec<String> {
        let start =
            client.find(&format!("impl<'c> {resource}<'c> {{")).unwrap_or_else(|| panic!("{resource} in {client}"));
        let body = &client[start..];
        let end = body.find("\n}\n").unwrap_or(body.len());
        body[..end]
            .lines()
            .filter_map(|line| line.trim().strip_prefix("pub fn "))
            .map(|rest| rest.split('(').next().unwrap_or_default().to_owned())
            .collect()
    }

    #[test]
    fn methods_are_named_from_the_http_method_and_the_path_below_the_resource() {
        let client = client_file(SPEC);
        // PATCH and PUT on the same path would both be `update`: neither takes the name.
        assert_eq!(
            methods(&client, "Orders"),
            ["cancel", "create", "delete", "items_of", "list", "patch_order", "replace_order", "retrieve"]
        );
        assert_eq!(methods(&client, "Refunds"), ["list"]);
        assert!(client.contains("pub fn orders(&self) -> Orders<'_>"), "{client}");
        // A path parameter that is not a string is taken as its own type; a header the caller
        // must set makes the header struct an argument.
        assert!(client.contains("order_id: impl ::core::convert::Into<i64>"), "{client}");
        assert!(client.contains("headers: crate::types::ListOrderItemsHeaders"), "{client}");
    }

    #[test]
    fn each_security_scheme_is_a_builder_method_and_from_env_reads_each() {
        let client = client_file(SPEC);
        for method in ["pub fn bearer_token(", "pub fn api_key(", "pub fn other_key_api_key(", "pub fn basic_auth("] {
            assert!(client.contains(method), "{method} in {client}");
        }
        // `digest` has no credential of its own, which a warning says; the document's
        // `security` puts bearer first.
        assert!(!client.contains("digest"), "{client}");
        let generated = crate::generate_from_str(SPEC, "shop.yaml", &crate::Config::default()).expect("generates");
        assert!(
            generated.warnings().iter().any(|warning| warning.pointer == "/components/securitySchemes/digest"
                && warning.message.contains("HTTP authentication `digest`")),
            "{:?}",
            generated.warnings()
        );
        assert!(client.find("bearer_token(").lt(&client.find("pub fn api_key(")), "{client}");
        // Named after the server's host, without its subdomain, port and top-level domain.
        for variable in [
            "\"EXAMPLE_AUTH_TOKEN\"",
            "\"EXAMPLE_API_KEY\"",
            "\"EXAMPLE_OTHER_KEY_API_KEY\"",
            "\"EXAMPLE_USERNAME\"",
            "\"EXAMPLE_BASE_URL\"",
        ] {
            assert!(client.contains(variable), "{variable} in {client}");
        }
        assert!(client.contains("pub const DEFAULT_BASE_URL: &str = \"https://api.shop.example.co:8443/v2\";"));
    }

    #[test]
    fn an_api_key_header_that_is_not_a_header_name_is_left_out_with_a_warning() {
        let spec = SPEC.replace("name: X-Other-Key", "name: 'X Other Key'");
        let generated = crate::generate_from_str(&spec, "shop.yaml", &crate::Config::default()).expect("generates");
        assert!(
            generated.warnings().iter().any(|warning| warning.pointer == "/components/securitySchemes/other_key"
                && warning.message.contains("`X Other Key` is not a header name")),
            "{:?}",
            generated.warnings()
        );
        let client = generated.crate_files().expect("formats").remove("client.rs").expect("a client");
        assert!(!client.contains("other_key_api_key"), "{client}");
    }

    #[test]
    fn the_prefix_comes_from_the_title_without_a_usable_host() {
        let spec = SPEC.replace("servers: [{url: 'https://api.shop.example.co:8443/v2'}]", "servers: [{url: /v2}]");
        let client = client_file(&spec);
        assert!(client.contains("\"SHOP_BASE_URL\""), "{client}");
        let spec = SPEC.replace("https://api.shop.example.co:8443/v2", "http://localhost:8080");
        assert!(client_file(&spec).contains("\"SHOP_BASE_URL\""));
    }

    /// Every method the runtime's `Call` has, read from the runtime's source: a setter named like
    /// one would define it twice.
    #[test]
    fn the_names_a_call_has_of_its_own_are_every_method_of_call_in_the_runtime() {
        let runtime: syn::File =
            syn::parse_str(include_str!("../../runtime/src/client/runtime.rs")).expect("the runtime parses");
        let mut methods: Vec<String> = runtime
            .items
            .iter()
            .filter_map(|item| match item {
                syn::Item::Impl(block) => Some(block),
                _ => None,
            })
            .filter(|block| {
                let syn::Type::Path(self_type) = &*block.self_ty else { return false };
                self_type.path.segments.last().is_some_and(|segment| segment.ident == "Call")
            })
            .flat_map(|block| &block.items)
            .filter_map(|item| match item {
                syn::ImplItem::Fn(method) => Some(method.sig.ident.to_string()),
                _ => None,
            })
            .collect();
        methods.sort();
        let mut listed: Vec<String> = super::CALL_METHODS.iter().map(|name| (*name).to_owned()).collect();
        listed.sort();
        assert_eq!(listed, methods);
    }

    #[test]
    fn an_optional_query_parameter_named_like_a_keyword_gets_a_raw_setter() {
        let spec = SPEC.replace(
            "get: {operationId: ListRefunds, tags: [Refunds], responses: {'200': {description: ok}}}",
            "get:
      operationId: ListRefunds
      tags: [Refunds]
      parameters: [{name: type, in: query, schema: {type: string}}]
      responses: {'200': {description: ok}}",
        );
        let client = client_file(&spec);
        assert!(client.contains("pub fn r#type("), "{client}");
    }

    #[test]
    fn a_resource_named_like_an_item_of_the_client_is_renamed() {
        let spec = SPEC.replace("tags: [Refunds]", "tags: [Response]").replace("tags: [Orders]", "tags: [Call]");
        let client = client_file(&spec);
        assert!(client.contains("pub struct ResponseResource<'c>"), "{client}");
        assert!(client.contains("pub fn call_resource(&self) -> CallResource<'_>"), "{client}");
    }

    #[test]
    fn a_malformed_x_rust_method_is_an_error_at_its_pointer() {
        let spec = SPEC.replace("x-rust-method: items_of", "x-rust-method: Items-Of");
        let error = crate::generate_from_str(&spec, "shop.yaml", &crate::Config::default()).expect_err("rejected");
        let shown = error.to_string();
        assert!(shown.contains("/paths/~1v2~1orders~1{order_id}~1items/get/x-rust-method"), "{shown}");
        assert!(shown.contains("snake case"), "{shown}");
    }

    #[test]
    fn a_single_file_has_no_client() {
        let generated = crate::generate_from_str(SPEC, "shop.yaml", &crate::Config::default()).expect("generates");
        assert!(!generated.single_file().expect("formats").contains("mod client"));
    }

    #[test]
    fn a_path_parameter_named_like_another_argument_comes_as_the_path_struct() {
        let spec = r"
openapi: 3.0.3
info: {title: Notes, version: '1'}
paths:
  /notes/{body}:
    parameters: [{name: body, in: path, required: true, schema: {type: string}}]
    put:
      operationId: PutNote
      requestBody: {content: {application/json: {schema: {type: object, properties: {text: {type: string}}}}}}
      responses: {'204': {description: done}}
";
        let client = client_file(spec);
        assert!(client.contains("path: crate::types::PutNotePath,"), "{client}");
        assert!(client.contains("body: crate::types::PutNoteBody"), "{client}");
    }

    #[test]
    fn required_query_parameters_are_arguments_and_optional_ones_methods_of_the_call() {
        let spec = r"
openapi: 3.0.3
info: {title: Notes, version: '1'}
paths:
  /notes:
    get:
      operationId: ListNotes
      parameters:
        - {name: folder, in: query, required: true, schema: {type: string}}
        - {name: limit, in: query, schema: {type: integer}, description: At most this many.}
        - {name: timeout, in: query, schema: {type: integer}}
        - {name: tags, in: query, schema: {type: array, items: {type: string}}}
      responses: {'200': {description: ok}}
  /notes/{id}:
    parameters: [{name: id, in: path, required: true, schema: {type: string}}]
    get:
      operationId: GetNote
      parameters: [{name: id, in: query, required: true, schema: {type: string}}]
      responses: {'200': {description: ok}}
  /tags:
    get:
      operationId: ListTags
      parameters: [{name: prefix, in: query, schema: {type: string}}]
      responses: {'200': {description: ok}}
";
        // One line per item, whatever prettyplease wraps.
        let client =
            client_file(spec).split_whitespace().collect::<Vec<_>>().join(" ").replace("( ", "(").replace(", )", ")");
        assert!(
            client.contains("pub fn list(&self, folder: impl ::core::convert::Into<::std::string::String>)"),
            "{client}"
        );
        assert!(client.contains("impl Call<crate::operations::ListNotes> {"), "{client}");
        for setter in ["pub fn limit(self", "pub fn timeout_param(self", "pub fn tags(self"] {
            assert!(client.contains(setter), "{setter} in {client}");
        }
        assert!(client.contains("/// At most this many."), "{client}");
        // Without a required parameter, no argument at all.
        assert!(client.contains("pub fn list(&self) -> Call<crate::operations::ListTags>"), "{client}");
        // A required query parameter named like a path parameter: the query struct is the argument.
        assert!(client.contains("query: crate::types::GetNoteQuery"), "{client}");
    }
}
