//! The spec's own part of the client: its server, a `ClientBuilder` method per security scheme,
//! `Client::from_env`, and a method per operation, grouped by resource
//! (`client.deployments().create(body)`). The rest of the client is the runtime's
//! (`codegen/runtime/src/client/`).
//!
//! Every name it writes (resource types and accessors, methods, the setters of a `Call`, the
//! credentials' builder methods and environment variables) was decided by the name registry
//! (`lower/client.rs`).

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::quote;

use super::features::gate;
use crate::docs::code_span;
use crate::ident::ident;
use crate::ir::{
    ApiKeyLocation, ClientMethod, CredentialKind, Docs, Holder, Ir, Lifecycle, Operation, Resource, SecurityScheme,
    TypeKind,
};
use crate::prelude::{CLONE, COPY, ERR, INTO, NULLABLE, RESULT, SOME, STRING};

/// The items of the `client` module after the runtime's re-exports.
pub(super) fn emit_client(ir: &Ir) -> TokenStream {
    let base_url = ir.server.clone().unwrap_or_default();
    let base_url_doc = if ir.server.is_some() {
        " The spec's first server: where [`Client::builder`] sends requests unless told otherwise.".to_owned()
    } else {
        " The spec names no server: set the base URL with [`ClientBuilder::base_url`].".to_owned()
    };
    let base_url_variable = format!("{}_BASE_URL", ir.env_prefix);
    let credentials = credentials(ir);
    let builder_methods = credentials.iter().map(|credential| &credential.method);
    let from_env = from_env(&credentials, &base_url_variable);
    let (accessors, resources): (Vec<TokenStream>, Vec<TokenStream>) =
        ir.resources.iter().map(|resource| emit_resource(ir, resource)).unzip();
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

            #from_env
        }

        impl ClientBuilder {
            #(#builder_methods)*
        }

        #(#accessors)*
        #(#resources)*
    }
}

/// `Client::from_env`: the base URL from `base_url_variable` when it is set, and each
/// credential from its variables; fails when a spec with credentials finds none of them.
fn from_env(credentials: &[CredentialMethod], base_url_variable: &str) -> TokenStream {
    let reads = credentials.iter().map(|credential| &credential.from_env);
    let variables: Vec<&str> =
        credentials.iter().flat_map(|credential| credential.variables.iter().map(String::as_str)).collect();
    let check_found = (!credentials.is_empty()).then(|| {
        quote! {
            if !found {
                return #ERR(ClientError::MissingCredentials {
                    variables: ::std::vec![#(#variables),*],
                });
            }
        }
    });
    let found_declaration = (!credentials.is_empty()).then(|| quote! { let mut found = false; });
    let mut doc = format!(
        " A client configured from the environment: the base URL from `{base_url_variable}` when it is set (else [`DEFAULT_BASE_URL`])"
    );
    if variables.is_empty() {
        doc.push('.');
    } else {
        let listed: Vec<String> = variables.iter().map(|variable| format!("`{variable}`")).collect();
        doc.push_str(", and the credentials from ");
        doc.push_str(&listed.join(", "));
        doc.push_str(", as the official SDKs read them. Fails if none of those is set.");
    }
    quote! {
        #[doc = #doc]
        pub fn from_env() -> #RESULT<Self, ClientError> {
            let mut builder = Self::builder();
            if let #SOME(base_url) = env_variable(BASE_URL_VARIABLE) {
                builder = builder.base_url(base_url);
            }
            #found_declaration
            #(#reads)*
            #check_found
            builder.build()
        }
    }
}

/// A resource's accessor on `Client`; and its type with a method per operation, and the setters
/// of those methods' calls. Both behind the resource's feature.
fn emit_resource(ir: &Ir, resource: &Resource) -> (TokenStream, TokenStream) {
    let accessor = ident(&resource.accessor);
    let name = ident(&resource.type_name);
    let accessor_doc = format!(" The operations of the `{}` resource.", resource.feature);
    let doc = format!(" The operations of the `{}` resource: `client.{}()`.", resource.feature, resource.accessor);
    let mut methods = Vec::new();
    let mut setters = Vec::new();
    for method in &resource.methods {
        let Some(operation) = ir.operations.get(method.operation) else { continue };
        let (tokens, call_setters) = emit_method(ir, method, operation);
        methods.push(tokens);
        setters.extend(call_setters);
    }
    let feature = &resource.feature;
    let cfg = quote! { #[cfg(feature = #feature)] };
    let items = gate(
        quote! {
            #[doc = #doc]
            #[derive(::core::fmt::Debug, #CLONE, #COPY)]
            pub struct #name<'c> {
                client: &'c Client,
            }
            impl<'c> #name<'c> {
                #(#methods)*
            }
            #(#setters)*
        },
        Some(&cfg),
    );
    let accessor = gate(
        quote! {
            impl Client {
                #[doc = #accessor_doc]
                #[must_use]
                pub fn #accessor(&self) -> #name<'_> {
                    #name { client: self }
                }
            }
        },
        Some(&cfg),
    );
    (accessor, items)
}

/// One security scheme as a `ClientBuilder` method and the code of `from_env` that fills it.
struct CredentialMethod {
    method: TokenStream,
    from_env: TokenStream,
    variables: Vec<String>,
}

/// Each security scheme's `ClientBuilder` method and its part of `from_env`, under the names
/// the registry gave them.
fn credentials(ir: &Ir) -> Vec<CredentialMethod> {
    ir.security.iter().filter_map(credential).collect()
}

fn credential(scheme: &SecurityScheme) -> Option<CredentialMethod> {
    let method = ident(&scheme.names.method);
    let scheme_name = &scheme.name;
    match (&scheme.credential, scheme.names.variables.as_slice()) {
        (CredentialKind::ApiKey { location, name }, [variable]) => {
            let (credential, where_) = match location {
                ApiKeyLocation::Header => {
                    let header = name.to_ascii_lowercase();
                    (
                        quote! { Credential::Header { name: ::http::HeaderName::from_static(#header), value: key.into() } },
                        format!("the {} header", code_span(&header)),
                    )
                }
                ApiKeyLocation::Query => (
                    quote! { Credential::Query { name: #STRING::from(#name), value: key.into() } },
                    format!("the {} query parameter", code_span(name)),
                ),
                ApiKeyLocation::Cookie => (
                    quote! { Credential::Cookie { name: #STRING::from(#name), value: key.into() } },
                    format!("the {} cookie", code_span(name)),
                ),
            };
            let doc = format!(" The API key of the security scheme {}, sent in {where_}.", code_span(scheme_name));
            Some(one_secret(&method, &doc, &ident("key"), &credential, variable))
        }
        (CredentialKind::Bearer, [variable]) => {
            let doc = format!(
                " The token of the security scheme {}, sent as `Authorization: Bearer <token>`.",
                code_span(scheme_name)
            );
            let credential = quote! { Credential::Bearer(token.into()) };
            Some(one_secret(&method, &doc, &ident("token"), &credential, variable))
        }
        (CredentialKind::Basic, [user, password]) => {
            let doc = format!(
                " The user and password of the security scheme {}, sent as `Authorization: Basic …`.",
                code_span(scheme_name)
            );
            Some(CredentialMethod {
                method: quote! {
                    #[doc = #doc]
                    pub fn #method(self, username: impl #INTO<#STRING>, password: impl #INTO<Secret>) -> Self {
                        self.credential(Credential::Basic { username: username.into(), password: password.into() })
                    }
                },
                from_env: quote! {
                    if let (#SOME(username), #SOME(password)) = (env_variable(#user), env_variable(#password)) {
                        builder = builder.#method(username, password);
                        found = true;
                    }
                },
                variables: vec![user.clone(), password.clone()],
            })
        }
        // The registry names one variable per secret, so no other pairing is made.
        _ => None,
    }
}

/// A `ClientBuilder` method that takes one secret as `parameter` and sends `credential` (which
/// reads it), and the code of `from_env` that fills it from `variable`.
fn one_secret(
    method: &proc_macro2::Ident,
    doc: &str,
    parameter: &proc_macro2::Ident,
    credential: &TokenStream,
    variable: &str,
) -> CredentialMethod {
    CredentialMethod {
        method: quote! {
            #[doc = #doc]
            pub fn #method(self, #parameter: impl #INTO<Secret>) -> Self {
                self.credential(#credential)
            }
        },
        from_env: quote! {
            if let #SOME(#parameter) = env_variable(#variable) {
                builder = builder.#method(#parameter);
                found = true;
            }
        },
        variables: vec![variable.to_owned()],
    }
}

/// One method: the operation's parameters as arguments (path parameters one by one, the
/// query's required parameters one by one, headers with a required field, the body), and a
/// `Call` of its request type; with the inherent methods of that `Call` that set the query's
/// optional parameters (`list().limit(10)`), when the query is made of plain parameters.
fn emit_method(ir: &Ir, method: &ClientMethod, operation: &Operation) -> (TokenStream, Option<TokenStream>) {
    let name = ident(&method.name);
    let request = ident(&operation.names.request);
    // The request's own arguments, forwarded to its `new`: the two take the same, so a spec change
    // changes both alike. (A body sent as another media type than the preferred one is chosen on
    // the call: `.map(|request| request.content_type = …)`.)
    let super::operations::Arguments { parameters, names, .. } = super::operations::arguments(ir, operation);
    let setters = operation.query.and_then(|id| query_setters(ir, id, method, &request));
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
        pub fn #name(&self, #(#parameters),*) -> Call<crate::operations::#request> {
            self.client.call(crate::operations::#request::new(#(#names),*))
        }
    };
    (method, setters)
}

/// The setters of the call for a query's optional parameters (an `impl` of the request's
/// `Call`), when the query is made of plain parameters.
fn query_setters(
    ir: &Ir,
    id: crate::ir::TypeId,
    method: &ClientMethod,
    request: &proc_macro2::Ident,
) -> Option<TokenStream> {
    let optional = optional_query_parameters(ir, id, &method.query_setters)?;
    (!optional.is_empty()).then(|| {
        let each = optional.iter().map(|parameter| query_setter(ir, parameter));
        quote! {
            impl Call<crate::operations::#request> {
                #(#each)*
            }
        }
    })
}

struct QueryParameter<'a> {
    field: &'a crate::ir::Field,
    setter: String,
}

/// A query's optional parameters as setters of the call, each with the setter's name (`setters`
/// are the names the registry gave them); `None` when the query is not just plain parameters (a
/// held choice, extra properties).
fn optional_query_parameters<'a>(
    ir: &'a Ir,
    id: crate::ir::TypeId,
    setters: &BTreeMap<String, String>,
) -> Option<Vec<QueryParameter<'a>>> {
    let def = ir.get(id);
    let TypeKind::Struct(s) = &def.kind else { return None };
    if s.extra_fields.is_some()
        || s.additional.is_some()
        || s.holds_choice()
        || s.fields.iter().any(|field| !field.is_declared())
    {
        return None;
    }
    let mut optional = Vec::new();
    for field in s.fields.iter().filter(|field| field.presence.holder() != Holder::Plain) {
        if field.presence.is_required() {
            return None;
        }
        let setter = setters.get(&field.rust_name)?.clone();
        optional.push(QueryParameter { field, setter });
    }
    Some(optional)
}

/// `call.limit(10)`: sets one optional query parameter of the call's request.
fn query_setter(ir: &Ir, parameter: &QueryParameter<'_>) -> TokenStream {
    let field = parameter.field;
    let setter = ident(&parameter.setter);
    let member = ident(&field.rust_name);
    let (input, convert) = super::builders::setter_conversion(ir, &field.ty, field.storage);
    let value = if field.presence.holder() == Holder::Nullable {
        quote! { #NULLABLE::Value(#convert) }
    } else {
        quote! { #SOME(#convert) }
    };
    let sets = Docs::generated(&format!("Sets the {} query parameter.", code_span(&field.wire_name)));
    let docs = sets.then(&field.docs.clone().unwrap_or_default()).outer();
    let deprecated = (field.lifecycle == Lifecycle::Deprecated).then(|| quote! { #[deprecated] });
    quote! {
        #docs
        #deprecated
        pub fn #setter(self, value: #input) -> Self {
            self.map(|operation| operation.query.#member = #value)
        }
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
    fn each_resource_has_its_accessor_and_its_methods_under_the_registry_s_names() {
        let client = client_file(SPEC);
        // The names are `lower/client.rs`'s (tested there); these are them as written.
        assert_eq!(
            methods(&client, "Orders"),
            ["cancel", "create", "delete", "items_of", "list", "patch_order", "replace_order", "retrieve"]
        );
        assert_eq!(methods(&client, "Refunds"), ["list"]);
        assert!(client.contains("pub fn orders(&self) -> Orders<'_>"), "{client}");
        // A path parameter that is not a string is taken as its own type, and so is a header the
        // caller must set; both go to the request's `new`.
        assert!(client.contains("order_id: impl Into<i64>"), "{client}");
        assert!(client.contains("x_tenant: impl Into<String>"), "{client}");
        assert!(client.contains("crate::operations::ListOrderItems::new(order_id, x_tenant)"), "{client}");
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
    fn a_path_parameter_named_like_the_body_is_told_apart_by_its_part() {
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
        assert!(client.contains("body_path: impl Into<String>"), "{client}");
        assert!(client.contains("body: impl Into<"), "{client}");
        assert!(client.contains("crate::operations::PutNote::new(body_path, body)"), "{client}");
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
        - {name: type, in: query, schema: {type: string}}
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
        assert!(client.contains("pub fn list(&self, folder: impl Into<String>)"), "{client}");
        assert!(client.contains("impl Call<crate::operations::ListNotes> {"), "{client}");
        // A keyword keeps its raw form: `.r#type("…")`.
        for setter in ["pub fn limit(self", "pub fn timeout_param(self", "pub fn tags(self", "pub fn r#type(self"] {
            assert!(client.contains(setter), "{setter} in {client}");
        }
        assert!(client.contains("/// At most this many."), "{client}");
        // Without a required parameter, no argument at all.
        assert!(client.contains("pub fn list(&self) -> Call<crate::operations::ListTags>"), "{client}");
        // A required query parameter named like a path parameter: told apart by its part.
        assert!(client.contains("crate::operations::GetNote::new(id, id_query)"), "{client}");
    }
}
