//! `OpenAPI` → IR: naming, union detection, nullability, usage and recursion.
//!
//! Lowering runs in three passes. The first reserves an id and a Rust name for every component
//! schema, in document order, so names never depend on which schema happens to be reached first
//! and inline types can never take a component's name. The second lowers component schemas and
//! operations; decisions that need to look at other schemas (is this union tagged? by what?) read
//! the `OpenAPI` model, never half-built IR. The third works on the whole IR: [`finish`] decides
//! which side of the wire each type travels on, which union members leave their tag to the union
//! and which types stay open; then [`identical`] makes identical schemas one type, wherever they
//! are written, and the identical parameter structs of several operations one type; then
//! [`finish`] decides which references must be boxed to break cycles; then [`transport`] decides
//! what a client reads off the operations (error envelopes, list headers), and [`facts`] what
//! emitters read of the whole IR (which types check anything).

mod client;
mod constraints;
mod facts;
pub(crate) mod features;
mod finish;
mod identical;
mod names;
mod paging;

pub(crate) use names::builder_type_name;
mod schema;
mod transport;
mod untagged;

use std::collections::{BTreeMap, BTreeSet};

use indexmap::IndexMap;
use openapiv3::{OpenAPI, Parameter as OaParameter, ParameterSchemaOrContent, ReferenceOr, Schema};

use crate::Pointer;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::ident;
use crate::ir::{
    Access, Docs, Encoding, Field, Ir, Lifecycle, Media, Method, Operation, Paging, Parameter, ParameterLocation,
    Placement, Presence, Purpose, QueryStyle, Response, Status, Storage, StructDef, TypeDef, TypeId, TypeKind,
    TypeModule, TypeRef, Usage, media_essence,
};
use crate::load::Document;
use schema::Lowered;

/// The IR of `spec` (YAML), which must lower without an error: what the lowering modules' tests
/// read their decisions from.
#[cfg(test)]
pub(crate) fn lowered(spec: &str) -> Ir {
    let document = crate::load::load_str(spec, "spec.yaml", &[]).expect("loads");
    let (ir, diagnostics) = lower(&document, &crate::Config::default());
    assert!(!diagnostics.has_errors(), "{diagnostics}");
    ir
}

/// Lowers a loaded document; the diagnostics hold every problem found, errors and warnings
/// (`config` says whether the mistakes lowering can read past are errors).
pub(crate) fn lower(document: &Document, config: &crate::Config) -> (Ir, Diagnostics) {
    let mut lowerer = Lowerer::new(&document.api, &document.moved, config.strict());
    lowerer.ir.title.clone_from(&document.api.info.title);
    lowerer.ir.docs = crate_docs(&document.api.info);
    lowerer.ir.server = document.api.servers.first().map(|server| server.url.clone());
    lowerer.ir.security = security_schemes(&document.api, &mut lowerer.diagnostics);
    lowerer.lower_components();
    lowerer.lower_operations();
    let Lowerer { mut ir, types, mut diagnostics, .. } = lowerer;
    ir.types = types.into_iter().map(|draft| draft.into_type_def(&mut diagnostics)).collect();
    // Emitted in name order, not in the order of the `paths` map; ids that map to one Rust name
    // (`type`, `Type`) are ordered by the id, then where they sit, so map order never matters.
    ir.operations.sort_by(|a, b| {
        (ident::type_name(&a.operation_id), &a.operation_id, &a.pointer).cmp(&(
            ident::type_name(&b.operation_id),
            &b.operation_id,
            &b.pointer,
        ))
    });
    finish::decide_sides(&mut ir);
    identical::share_schemas(&mut ir);
    identical::share_parameter_structs(&mut ir);
    finish::decide_storage(&mut ir, &mut diagnostics);
    transport::decide(&mut ir);
    paging::decide(&mut ir, &document.api, &mut diagnostics);
    facts::decide(&mut ir);
    // Names are only worth deciding for a document that generates; an error (such as the same
    // `operationId` twice) already says what collides.
    if !diagnostics.has_errors() {
        names::assign(&mut ir, &mut diagnostics);
    }
    (ir, diagnostics)
}

/// The crate's documentation: the spec's title, its description, and the version of the spec it
/// was generated from.
fn crate_docs(info: &openapiv3::Info) -> Docs {
    let title = Docs::from_spec(&info.title).unwrap_or_default();
    let description = info.description.as_deref().and_then(Docs::from_spec).unwrap_or_default();
    let version =
        Docs::generated(&format!("Generated from version {} of the spec.", crate::docs::code_span(&info.version)));
    title.then(&description).then(&version)
}

/// The security schemes a client can send a credential for, those the document's `security`
/// names first (in its order), then the rest in the order of the components. A scheme the client
/// cannot fill in (given by reference, an `http` scheme other than `bearer` or `basic`, or a name
/// `security` uses without declaring it) is left out with a warning: a caller can still send such
/// a credential as a default header.
fn security_schemes(api: &openapiv3::OpenAPI, diagnostics: &mut Diagnostics) -> Vec<crate::ir::SecurityScheme> {
    use crate::ir::{ApiKeyLocation, CredentialKind, SecurityScheme};
    let declared = api.components.as_ref().map(|components| &components.security_schemes);
    let named: Vec<&String> = api.security.iter().flatten().flat_map(|requirement| requirement.keys()).collect();
    let mut order: Vec<&String> = Vec::new();
    for name in named.into_iter().chain(declared.into_iter().flat_map(|schemes| schemes.keys())) {
        if !order.contains(&name) {
            order.push(name);
        }
    }
    let mut schemes = Vec::new();
    for name in order {
        let pointer = Pointer::from_tokens(["components", "securitySchemes", name]);
        let left_out = |why: &str| {
            Diagnostic::warning(
                &pointer,
                format!("the client has no credential for the security scheme `{name}`: {why}"),
            )
            .with_hint("send the credential with `ClientBuilder::default_header`")
        };
        let credential = match declared.and_then(|schemes| schemes.get(name)) {
            None => {
                diagnostics.push(Diagnostic::warning(
                    Pointer::from_tokens(["security"]),
                    format!("`security` names the undeclared security scheme `{name}`"),
                ));
                continue;
            }
            Some(ReferenceOr::Reference { .. }) => {
                diagnostics.push(left_out("it is given by reference"));
                continue;
            }
            Some(ReferenceOr::Item(openapiv3::SecurityScheme::APIKey {
                location: openapiv3::APIKeyLocation::Header,
                name,
                ..
            })) if !is_header_name(name) => {
                diagnostics.push(left_out(&format!("`{name}` is not a header name")));
                continue;
            }
            Some(ReferenceOr::Item(openapiv3::SecurityScheme::APIKey { location, name, .. })) => {
                CredentialKind::ApiKey {
                    location: match location {
                        openapiv3::APIKeyLocation::Header => ApiKeyLocation::Header,
                        openapiv3::APIKeyLocation::Query => ApiKeyLocation::Query,
                        openapiv3::APIKeyLocation::Cookie => ApiKeyLocation::Cookie,
                    },
                    name: name.clone(),
                }
            }
            Some(ReferenceOr::Item(openapiv3::SecurityScheme::HTTP { scheme, .. })) => {
                if scheme.eq_ignore_ascii_case("bearer") {
                    CredentialKind::Bearer
                } else if scheme.eq_ignore_ascii_case("basic") {
                    CredentialKind::Basic
                } else {
                    diagnostics
                        .push(left_out(&format!("HTTP authentication `{scheme}` is neither `bearer` nor `basic`")));
                    continue;
                }
            }
            Some(ReferenceOr::Item(
                openapiv3::SecurityScheme::OAuth2 { .. } | openapiv3::SecurityScheme::OpenIDConnect { .. },
            )) => CredentialKind::Bearer,
        };
        schemes.push(SecurityScheme { name: name.clone(), credential, names: crate::ir::CredentialNames::default() });
    }
    schemes
}

/// Whether `name` is an HTTP header name (RFC 9110's `token`), which the client's
/// `HeaderName::from_static` requires.
fn is_header_name(name: &str) -> bool {
    !name.is_empty() && name.bytes().all(|byte| byte.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&byte))
}

/// The variables of a path template (`/certs/{certificate_id}` → `certificate_id`), in order,
/// each once.
fn template_variables(path: &str) -> Vec<&str> {
    let mut variables = Vec::new();
    for name in path.split('{').skip(1).filter_map(|rest| rest.split_once('}').map(|(name, _)| name)) {
        if !variables.contains(&name) {
            variables.push(name);
        }
    }
    variables
}

/// The parameter a path template variable no parameter declares is read as: a required string,
/// named after the variable as any parameter is.
fn undeclared_path_parameter(name: &str) -> Parameter {
    let docs = Docs::generated(&format!(
        "The {} of the path, which the spec declares no parameter for.",
        crate::docs::code_span(&format!("{{{name}}}"))
    ));
    Parameter {
        name: name.to_owned(),
        location: ParameterLocation::Path,
        required: true,
        docs: Some(docs),
        default: None,
        lifecycle: Lifecycle::Current,
        constraints: crate::ir::Constraints::default(),
        ty: TypeRef::String,
        constant: None,
        required_value: None,
        list: false,
        paging: Paging::Unpaged,
        style: QueryStyle::Form,
    }
}

/// A schema as it appears in the document: a `$ref` or an inline schema.
#[derive(Clone, Copy)]
pub(crate) enum SchemaRef<'a> {
    Ref(&'a str),
    Inline(&'a Schema),
}

impl<'a> From<&'a ReferenceOr<Schema>> for SchemaRef<'a> {
    fn from(value: &'a ReferenceOr<Schema>) -> Self {
        match value {
            ReferenceOr::Reference { reference } => Self::Ref(reference),
            ReferenceOr::Item(schema) => Self::Inline(schema),
        }
    }
}

impl<'a> From<&'a ReferenceOr<Box<Schema>>> for SchemaRef<'a> {
    fn from(value: &'a ReferenceOr<Box<Schema>>) -> Self {
        match value {
            ReferenceOr::Reference { reference } => Self::Ref(reference),
            ReferenceOr::Item(schema) => Self::Inline(schema),
        }
    }
}

/// A type while lowering makes it: its kind is decided after its members are lowered (they are
/// named after it, and may refer back to it), so it starts empty. Only lowering sees it; the IR
/// gets a [`TypeDef`] with its kind decided.
pub(crate) struct DraftType {
    pub(crate) rust_name: String,
    pub(crate) pointer: Pointer,
    purpose: Purpose,
    pub(crate) docs: Option<Docs>,
    deprecated: bool,
    kind: Option<TypeKind>,
}

impl DraftType {
    /// The IR's type. Every type lowering reserves is given its kind before lowering ends; one
    /// left without (a bug of the generator) is reported as an error, not a panic, and stands
    /// for untyped JSON so that the ids of the others stay valid.
    fn into_type_def(self, diagnostics: &mut Diagnostics) -> TypeDef {
        let Self { rust_name, pointer, purpose, docs, deprecated, kind } = self;
        let kind = kind.unwrap_or_else(|| {
            diagnostics.push(
                Diagnostic::error(&pointer, format!("internal error: the type `{rust_name}` was never lowered"))
                    .with_hint("this is a bug of the generator; please report it with the schema"),
            );
            TypeKind::Alias(TypeRef::Json)
        });
        TypeDef {
            rust_name,
            pointer,
            purpose,
            builder: None,
            docs,
            deprecated,
            usage: Usage::default(),
            kind,
            has_checks: false,
        }
    }
}

pub(crate) struct Lowerer<'a> {
    pub(crate) api: &'a OpenAPI,
    /// Components the loader made of parts a `$ref` points into → where each is written.
    moved: &'a BTreeMap<Pointer, Pointer>,
    /// Everything but the types, which are [`types`](Self::types) until lowering ends.
    pub(crate) ir: Ir,
    /// The types made so far, indexed by [`TypeId`].
    pub(crate) types: Vec<DraftType>,
    /// Component schema name → its type.
    pub(crate) components: BTreeMap<String, TypeId>,
    /// Rust type names already given out in the `types` module.
    pub(crate) taken: BTreeSet<String>,
    pub(crate) diagnostics: Diagnostics,
    /// Whether a mistake whose intent is plain is an error rather than read past
    /// ([`crate::Config::strict`]).
    strict: bool,
}

/// Where an operation is written: its path, the path item around it, and their pointers.
struct OperationSite<'a, 'p> {
    path: &'a str,
    item: &'a openapiv3::PathItem,
    item_pointer: &'p Pointer,
    pointer: &'p Pointer,
}

impl<'a> Lowerer<'a> {
    /// `x-rust-method` of an operation: a snake-case name, or an error saying what it must be.
    fn client_method(&mut self, operation: &openapiv3::Operation, pointer: &Pointer) -> Option<String> {
        let value = operation.extensions.get("x-rust-method")?;
        let name = value.as_str().filter(|name| {
            let mut chars = name.chars();
            chars.next().is_some_and(|first| first.is_ascii_lowercase())
                && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        });
        if name.is_none() {
            self.diagnostics.push(
                Diagnostic::error(pointer.join("x-rust-method"), "malformed vendor extension")
                    .with_hint("expected the name of a method in snake case, such as `list_runs`"),
            );
        }
        name.map(str::to_owned)
    }

    fn new(api: &'a OpenAPI, moved: &'a BTreeMap<Pointer, Pointer>, strict: bool) -> Self {
        Self {
            strict,
            api,
            moved,
            ir: Ir::default(),
            types: Vec::new(),
            components: BTreeMap::new(),
            taken: BTreeSet::new(),
            diagnostics: Diagnostics::default(),
        }
    }

    fn lower_components(&mut self) {
        let Some(components) = &self.api.components else { return };
        let mut by_rust_name: BTreeMap<String, String> = BTreeMap::new();
        for name in components.schemas.keys() {
            let pointer = Pointer::from_tokens(["components", "schemas", name]);
            // A part moved to a component is reported where the document writes it.
            let pointer = self.moved.get(&pointer).cloned().unwrap_or(pointer);
            let rust_name = ident::type_name(name);
            if let Some(first) = by_rust_name.get(&rust_name) {
                self.diagnostics.push(
                    Diagnostic::warning(
                        &pointer,
                        format!("schemas `{first}` and `{name}` both become the type `{rust_name}`"),
                    )
                    .with_hint("the second one gets a numbered name; rename one of them in the spec"),
                );
            } else {
                by_rust_name.insert(rust_name.clone(), name.clone());
            }
            let id = self.reserve_type(&rust_name, pointer, Purpose::Component);
            self.components.insert(name.clone(), id);
        }
        for (name, schema) in &components.schemas {
            let id = self.components[name];
            let pointer = self.types[id.0].pointer.clone();
            let rust_name = self.types[id.0].rust_name.clone();
            let lowered = self.lower_schema(SchemaRef::from(schema), &pointer, &rust_name, Some(id));
            let draft = &mut self.types[id.0];
            if draft.kind.is_none() {
                // The schema names another type (or a primitive): a type alias keeps its name.
                let ty = if lowered.nullable { TypeRef::Nullable(Box::new(lowered.ty)) } else { lowered.ty };
                draft.kind = Some(TypeKind::Alias(ty));
                if draft.docs.is_none() {
                    draft.docs = lowered.docs;
                }
            }
        }
    }

    /// A new type in the arena with a name no other type has.
    pub(crate) fn new_type(&mut self, name: &str, pointer: Pointer, purpose: Purpose, kind: TypeKind) -> TypeId {
        let id = self.reserve_type(name, pointer, purpose);
        self.set_kind(id, kind);
        id
    }

    /// Decides the kind of a type [reserved](Self::reserve_type) before its members were lowered.
    pub(crate) fn set_kind(&mut self, id: TypeId, kind: TypeKind) {
        self.types[id.0].kind = Some(kind);
    }

    /// A new type in the arena with a name no other type has, its kind to be decided once its
    /// members are lowered.
    pub(crate) fn reserve_type(&mut self, name: &str, pointer: Pointer, purpose: Purpose) -> TypeId {
        let name = &ident::composed_type_name(name);
        let mut rust_name = name.to_owned();
        // `taken` is the `types` module's namespace. A type of another module (an operation's
        // parameter struct) holds the name it wants until the name registry claims one in its
        // module, beside the operations' own names.
        if purpose.module() == TypeModule::Types {
            let mut counter = 2;
            while !self.taken.insert(rust_name.clone()) {
                rust_name = format!("{name}{counter}");
                counter += 1;
            }
        }
        let id = TypeId(self.types.len());
        self.types.push(DraftType { rust_name, pointer, purpose, docs: None, deprecated: false, kind: None });
        id
    }

    /// The component a `$ref` names, or a diagnostic saying why it cannot be followed. A
    /// component that is itself a `$ref` is followed to the schema at the end of the chain.
    pub(crate) fn component_of(&mut self, reference: &str, pointer: &Pointer) -> Option<(&'a str, &'a Schema)> {
        let mut chain: Vec<&str> = Vec::new();
        let mut current = reference;
        loop {
            let path = component_path(current, "schemas");
            let found = match path.as_deref() {
                Some([name]) => self.api.components.as_ref().and_then(|c| c.schemas.get_key_value(name.as_str())),
                _ => None,
            };
            let Some((name, schema)) = found.map(|(key, schema)| (key.as_str(), schema)) else {
                let hint = if let Some(path) = path.filter(|path| !path.is_empty()) {
                    format!("`components/schemas` has no entry `{}`", path.join("/"))
                } else if current.starts_with('#') {
                    "nothing in the document is at this JSON pointer".to_owned()
                } else {
                    "external references are not followed: bundle the document into one file first".to_owned()
                };
                self.diagnostics
                    .push(Diagnostic::error(pointer, format!("cannot resolve `$ref: {current}`")).with_hint(hint));
                return None;
            };
            match schema {
                ReferenceOr::Item(schema) => return Some((name, schema)),
                ReferenceOr::Reference { reference: next } => {
                    chain.push(name);
                    if chain.len() > 64
                        || component_path(next, "schemas")
                            .is_some_and(|path| matches!(path.as_slice(), [next] if chain.contains(&next.as_str())))
                    {
                        let names: Vec<String> = chain.iter().map(|n| format!("`{n}`")).collect();
                        let why = match names.as_slice() {
                            [only] => format!("{only} refers to itself"),
                            _ => format!("{} refer to each other", names.join(" → ")),
                        };
                        self.diagnostics.push(
                            Diagnostic::error(pointer, format!("`$ref: {reference}` never reaches a schema: {why}"))
                                .with_hint("end the chain of `$ref`s at a schema"),
                        );
                        return None;
                    }
                    current = next;
                }
            }
        }
    }

    fn lower_operations(&mut self) {
        let api = self.api;
        let mut seen_ids: BTreeMap<String, Pointer> = BTreeMap::new();
        for (path, item) in &api.paths.paths {
            let item_pointer = Pointer::from_tokens(["paths", path]);
            let ReferenceOr::Item(item) = item else {
                self.diagnostics.push(
                    Diagnostic::error(&item_pointer, "path items given by `$ref` are not supported")
                        .with_hint("inline the path item"),
                );
                continue;
            };
            for (key, operation) in item.iter() {
                // `iter` yields only the eight method keys.
                let Some(method) = Method::from_key(key) else { continue };
                let op_pointer = item_pointer.join(key);
                let operation_id = self.operation_id(operation, path, key, &op_pointer, &mut seen_ids);
                let site = OperationSite { path, item, item_pointer: &item_pointer, pointer: &op_pointer };
                let lowered = self.lower_operation(operation, operation_id, method, &site);
                self.ir.operations.push(lowered);
            }
        }
    }

    /// The operation's `operationId`, or one made from its method and path with a warning; the
    /// same id twice is an error.
    fn operation_id(
        &mut self,
        operation: &openapiv3::Operation,
        path: &str,
        key: &str,
        op_pointer: &Pointer,
        seen_ids: &mut BTreeMap<String, Pointer>,
    ) -> String {
        let operation_id = if let Some(id) = &operation.operation_id {
            id.clone()
        } else {
            let derived = ident::upper_camel_case(&format!("{key} {path}"));
            self.diagnostics.push(
                Diagnostic::warning(op_pointer, "operation has no `operationId`")
                    .with_hint(format!("named `{derived}` from its method and path; add an `operationId`")),
            );
            derived
        };
        // Only the same id twice is an error (the specification requires ids to be unique, and
        // a caller could not tell the two apart); ids that differ only in spelling (`type`,
        // `Type`, `type_`) are distinct operations, which the name registry names apart.
        if let Some(first) = seen_ids.insert(operation_id.clone(), op_pointer.clone()) {
            self.diagnostics.push(
                Diagnostic::error(op_pointer, format!("duplicate `operationId` `{operation_id}`")).with_hint(format!(
                    "the same `operationId` is used at `{}`; operation ids must be unique",
                    first.as_str()
                )),
            );
        }
        operation_id
    }

    fn lower_operation(
        &mut self,
        operation: &'a openapiv3::Operation,
        operation_id: String,
        method: Method,
        site: &OperationSite<'a, '_>,
    ) -> Operation {
        let op_pointer = site.pointer;
        let hint = ident::type_name(&operation_id);
        if !operation.callbacks.is_empty() {
            self.diagnostics.push(
                Diagnostic::warning(op_pointer.join("callbacks"), "callbacks are not generated")
                    .with_hint("a callback is a request the API sends to you; the stubs cover requests you send"),
            );
        }
        let mut parameters = self.operation_parameters(operation, site, &hint);
        self.reconcile_path_template(site.path, &mut parameters, op_pointer);
        let query = self.parameter_struct(&parameters, ParameterLocation::Query, operation, op_pointer, &hint);
        let path_parameters = self.parameter_struct(&parameters, ParameterLocation::Path, operation, op_pointer, &hint);
        let headers = self.parameter_struct(&parameters, ParameterLocation::Header, operation, op_pointer, &hint);
        let (request_body, request_media) = operation
            .request_body
            .as_ref()
            .and_then(|body| {
                let body_pointer = op_pointer.join("requestBody");
                let body = self.resolve_component(body, "requestBodies", &body_pointer, |c| &c.request_bodies)?;
                self.lower_content(&body.content, &body_pointer, &format!("{hint}Body"), Side::Request)
            })
            .map_or((None, Vec::new()), |(ty, media)| (Some(ty), media));
        let responses = self.responses(&operation.responses, op_pointer, &hint);
        let client_method = self.client_method(operation, op_pointer);
        Operation {
            operation_id,
            pointer: op_pointer.to_owned(),
            names: crate::ir::OperationNames::default(),
            method,
            path: site.path.to_owned(),
            parameters,
            query,
            path_parameters,
            headers,
            summary: operation.summary.as_deref().and_then(Docs::from_spec),
            description: operation.description.as_deref().and_then(Docs::from_spec),
            tags: operation.tags.clone(),
            client_method,
            request_body,
            request_media,
            responses,
            body_validates: false,
            pagination: None,
        }
    }

    /// The parameters of the path item and of the operation; an operation-level parameter
    /// overrides a path-level one of the same name and location.
    fn operation_parameters(
        &mut self,
        operation: &'a openapiv3::Operation,
        site: &OperationSite<'a, '_>,
        hint: &str,
    ) -> Vec<Parameter> {
        let item = site.item;
        let mut parameters = Vec::new();
        let declared =
            item.parameters.iter().map(|p| (p, "parameters")).chain(operation.parameters.iter().map(|p| (p, "")));
        for (index, (parameter, level)) in declared.enumerate() {
            let base = if level.is_empty() { site.pointer } else { site.item_pointer };
            let position = if level.is_empty() { index - item.parameters.len() } else { index };
            let param_pointer = base.join("parameters").join(position);
            if let Some(parameter) = self.lower_parameter(parameter, &param_pointer, hint) {
                parameters.retain(|p: &Parameter| !(p.name == parameter.name && p.location == parameter.location));
                parameters.push(parameter);
            }
        }
        parameters
    }

    /// Every documented response, in status order (codes, then ranges, then `default`, whatever
    /// the map's order).
    fn responses(&mut self, documented: &'a openapiv3::Responses, op_pointer: &Pointer, hint: &str) -> Vec<Response> {
        let mut responses = Vec::new();
        let listed = documented.responses.iter().map(|(code, r)| {
            let status = match code {
                openapiv3::StatusCode::Code(code) => Status::Code(*code),
                openapiv3::StatusCode::Range(digit) => Status::Range(*digit),
            };
            (status, r)
        });
        for (status, response) in listed.chain(documented.default.iter().map(|r| (Status::Default, r))) {
            let response_pointer = op_pointer.join("responses").join(status);
            let Some(response) = self.resolve_component(response, "responses", &response_pointer, |c| &c.responses)
            else {
                continue;
            };
            let suffix = if status.is_success() { "Response".to_owned() } else { format!("Response{status}") };
            let lowered =
                self.lower_content(&response.content, &response_pointer, &format!("{hint}{suffix}"), Side::Response);
            let (body, media) = lowered.map_or((None, None), |(ty, mut media)| (Some(ty), media.drain(..).next()));
            responses.push(Response { status, body, media, description: Docs::from_spec(&response.description) });
        }
        responses.sort_by_key(|response| response.status.order());
        responses
    }

    fn lower_parameter(
        &mut self,
        parameter: &'a ReferenceOr<OaParameter>,
        pointer: &Pointer,
        hint: &str,
    ) -> Option<Parameter> {
        let parameter = self.resolve_component(parameter, "parameters", pointer, |c| &c.parameters)?;
        if let OaParameter::Cookie { parameter_data, .. } = parameter {
            self.diagnostics.push(
                Diagnostic::warning(
                    pointer,
                    format!("cookie parameter `{}` is not sent by the stubs", parameter_data.name),
                )
                .with_hint("set the `cookie` header on the `http::Request` yourself"),
            );
            return None;
        }
        let (data, location) = match parameter {
            OaParameter::Query { parameter_data, .. } => (parameter_data, ParameterLocation::Query),
            OaParameter::Header { parameter_data, .. } => (parameter_data, ParameterLocation::Header),
            OaParameter::Path { parameter_data, .. } => (parameter_data, ParameterLocation::Path),
            // Reported and skipped above.
            OaParameter::Cookie { .. } => return None,
        };
        let required_value =
            data.extensions.get("x-required-value").and_then(serde_json::Value::as_str).map(str::to_owned);
        let lowered = match &data.format {
            ParameterSchemaOrContent::Schema(schema) => {
                let schema_pointer = pointer.join("schema");
                // A required parameter with one allowed value is a constant the stub always
                // sends (`beta=true`): not a field anybody sets.
                let constant =
                    if data.required { self.single_value(SchemaRef::from(schema), &schema_pointer) } else { None };
                if let Some(constant) = constant {
                    {
                        return Some(Parameter {
                            name: data.name.clone(),
                            location,
                            required: true,
                            docs: data.description.as_deref().and_then(Docs::from_spec),
                            default: None,
                            lifecycle: Lifecycle::Current,
                            constraints: crate::ir::Constraints::default(),
                            ty: TypeRef::String,
                            constant: Some(constant),
                            required_value,
                            list: false,
                            paging: Paging::Unpaged,
                            style: QueryStyle::Form,
                        });
                    }
                }
                let name = format!("{hint}{}", ident::type_name(&data.name));
                self.lower_schema(SchemaRef::from(schema), &schema_pointer, &name, None)
            }
            ParameterSchemaOrContent::Content(_) => {
                self.diagnostics.push(
                    Diagnostic::warning(pointer, format!("parameter `{}` is described by `content`", data.name))
                        .with_hint("typed as any JSON value; describe it with `schema` to get a precise type"),
                );
                Lowered::plain(TypeRef::Json)
            }
        };
        let style = match parameter {
            OaParameter::Query { style, .. } => query_style(style, data.explode),
            _ => QueryStyle::Form,
        };
        if location == ParameterLocation::Path && !data.required {
            let message = format!("path parameter `{}` is not marked `required: true`", data.name);
            self.diagnostics.push(if self.strict {
                Diagnostic::error(pointer, message)
                    .with_hint("add `required: true`: OpenAPI requires it of path parameters")
            } else {
                Diagnostic::recovered(pointer, message).with_hint("OpenAPI requires it; it is treated as required")
            });
        }
        Some(Parameter {
            name: data.name.clone(),
            location,
            required: data.required || location == ParameterLocation::Path,
            docs: data.description.as_deref().and_then(Docs::from_spec).or(lowered.docs),
            default: lowered.default,
            lifecycle: Lifecycle::from_deprecated(data.deprecated.unwrap_or(false) || lowered.deprecated),
            constraints: lowered.constraints,
            ty: lowered.ty,
            constant: None,
            required_value,
            list: false,
            paging: if stainless_pagination(&data.format) == Some("next_cursor_param") {
                Paging::Cursor
            } else {
                Paging::Unpaged
            },
            style,
        })
    }

    /// Every `{name}` of the path template has a path parameter, and every path parameter a
    /// place in the template: otherwise the stub would build a URL for another resource. Where
    /// they disagree, the template is what the server routes by, so it decides (unless strict,
    /// when each disagreement is an error):
    /// - a declared path parameter the template does not name, when it is the only one and
    ///   exactly one template variable is undeclared, is that variable misspelt (`cert_id` for
    ///   `{certificate_id}`): it is sent under the template's name, with its own schema and docs;
    /// - any other such parameter has no place in the URL and is dropped (which of several
    ///   undeclared variables it meant is not plain);
    /// - a template variable no parameter declares is a required string parameter.
    fn reconcile_path_template(&mut self, path: &str, parameters: &mut Vec<Parameter>, pointer: &Pointer) {
        let variables = template_variables(path);
        let is_declared =
            |name: &str| parameters.iter().any(|p| p.location == ParameterLocation::Path && p.name == name);
        let undeclared: Vec<&str> = variables.iter().copied().filter(|name| !is_declared(name)).collect();
        let stray: Vec<usize> = (0..parameters.len())
            .filter(|&index| {
                let parameter = &parameters[index];
                parameter.location == ParameterLocation::Path && !variables.contains(&parameter.name.as_str())
            })
            .collect();
        let no_place = |name: &str| format!("path parameter `{name}` has no `{{{name}}}` in the path `{path}`");
        let undeclared_message =
            |name: &str| format!("the path names `{{{name}}}`, but no path parameter is called `{name}`");
        let declare_hint = "declare the parameter with `in: path`, or fix its name";
        let place_hint = "put it in the path template, or make it a query parameter";
        if self.strict {
            for name in &undeclared {
                self.diagnostics.push(Diagnostic::error(pointer, undeclared_message(name)).with_hint(declare_hint));
            }
            for &index in &stray {
                let message = no_place(&parameters[index].name);
                self.diagnostics.push(Diagnostic::error(pointer, message).with_hint(place_hint));
            }
            return;
        }
        if let ([variable], [index]) = (undeclared.as_slice(), stray.as_slice()) {
            let parameter = &mut parameters[*index];
            self.diagnostics.push(Diagnostic::recovered(pointer, no_place(&parameter.name)).with_hint(format!(
                "paired with `{{{variable}}}`, the one variable of the path no parameter declares, and sent as \
                 `{variable}`; rename the parameter `{variable}` if that is what it is"
            )));
            (*variable).clone_into(&mut parameter.name);
            return;
        }
        let why = if undeclared.is_empty() {
            "dropped, as the path has no place for it"
        } else {
            "dropped, as pairing it with one of the path's undeclared variables would be a guess"
        };
        for &index in stray.iter().rev() {
            let parameter = parameters.remove(index);
            self.diagnostics.push(
                Diagnostic::recovered(pointer, no_place(&parameter.name)).with_hint(format!("{why}; {place_hint}")),
            );
        }
        for name in undeclared {
            self.diagnostics.push(
                Diagnostic::recovered(pointer, undeclared_message(name))
                    .with_hint(format!("read as a required string path parameter; {declare_hint}")),
            );
            parameters.push(undeclared_path_parameter(name));
        }
    }

    /// The parameters of one location (`query`, `path`) of an operation as one struct
    /// (`ListDeploymentsQuery`, `GetDeploymentPath`), so their limits, and the rules between them
    /// (`x-mutually-exclusive` on the operation, for the query), have an owner that validates.
    fn parameter_struct(
        &mut self,
        parameters: &[Parameter],
        location: ParameterLocation,
        operation: &openapiv3::Operation,
        pointer: &Pointer,
        hint: &str,
    ) -> Option<TypeId> {
        let mut taken = BTreeSet::new();
        let mut fields = Vec::new();
        for parameter in parameters.iter().filter(|p| p.location == location && p.constant.is_none()) {
            let parameter_pointer = pointer.join("parameters").join(&parameter.name);
            let rust_name = self.unique_member_name(
                &mut taken,
                &ident::field_name(&parameter.name),
                &parameter_pointer,
                &parameter.name,
            );
            let mut constraints = parameter.constraints.clone();
            if location == ParameterLocation::Path
                && parameter.ty == TypeRef::String
                && constraints.min_length.unwrap_or(0) == 0
            {
                // An empty path parameter addresses another resource (`/v1/deployments//pause`):
                // it is never valid, whether the spec says so or not (the official SDKs agree).
                constraints.min_length = Some(1);
            }
            fields.push(Field {
                wire_name: parameter.name.clone(),
                rust_name,
                ty: parameter.ty.clone(),
                constraints,
                presence: Presence::new(parameter.required, false),
                docs: parameter.docs.clone(),
                default: parameter.default.clone(),
                access: Access::ReadWrite,
                lifecycle: parameter.lifecycle,
                storage: Storage::Inline,
                placement: Placement::Struct,
                paging: Paging::Unpaged,
            });
        }
        if fields.is_empty() {
            return None;
        }
        let rules = if location == ParameterLocation::Query {
            self.mutually_exclusive(operation.extensions.get("x-mutually-exclusive"), pointer, &fields)
        } else {
            None
        };
        let kind = TypeKind::Struct(StructDef {
            fields,
            additional: None,
            closed: true,
            rules: rules.into_iter().collect(),
            choices: Vec::new(),
            extra_fields: None,
        });
        let purpose = Purpose::Parameters(location);
        let wanted = format!("{hint}{}", location.struct_suffix());
        let id = self.new_type(&wanted, pointer.join("parameters"), purpose, kind);
        self.types[id.0].docs = Some(Docs::generated(&format!(
            "The {} parameters of {}.",
            location.as_str(),
            crate::docs::code_span(operation.operation_id.as_deref().unwrap_or(hint))
        )));
        Some(id)
    }

    /// The body of a request or response: its type and the media types it travels as, the
    /// preferred first (JSON, then forms, multipart, event streams, text, bytes; by name within
    /// each). Another media type whose body has the same type is one more way to send it (a
    /// request chooses with `content_type`); one with another type is reported. A response is
    /// read as its preferred media type, the one the request asks for.
    fn lower_content(
        &mut self,
        content: &'a IndexMap<String, openapiv3::MediaType>,
        pointer: &Pointer,
        hint: &str,
        side: Side,
    ) -> Option<(TypeRef, Vec<Media>)> {
        let mut entries: Vec<(&'a String, &'a openapiv3::MediaType, Encoding)> =
            content.iter().map(|(name, media)| (name, media, encoding_of(name))).collect();
        entries
            .sort_by_key(|(name, _, encoding)| (*encoding, media_essence(name) != "application/json", name.as_str()));
        let mut chosen: Option<(TypeRef, Vec<Media>)> = None;
        // A response's other media types with other bodies, each read by `content-type`.
        let mut alternatives: Vec<(TypeRef, Media)> = Vec::new();
        for (name, media, encoding) in entries {
            let media_pointer = pointer.join("content").join(name);
            let Some(ty) = self.body_type(media, encoding, &media_pointer, hint) else { continue };
            let whole_events = encoding == Encoding::EventStream && self.declares_data(media, &media_pointer);
            let part_types = media
                .encoding
                .iter()
                .filter_map(|(property, encoding)| Some((property.clone(), encoding.content_type.clone()?)))
                .collect();
            let this = Media { name: name.clone(), encoding, part_types, whole_events };
            match &mut chosen {
                None => chosen = Some((ty, vec![this])),
                Some((chosen_ty, media)) if *chosen_ty == ty && side == Side::Request => media.push(this),
                Some(_) if side == Side::Response => alternatives.push((ty, this)),
                Some((_, media)) => {
                    let used = &media[0].name;
                    self.diagnostics.push(
                        Diagnostic::warning(media_pointer, format!("media type `{name}` is not generated"))
                            .with_hint(format!("its body differs from the one of `{used}`, which the stub sends")),
                    );
                }
            }
        }
        let (ty, media) = chosen?;
        if alternatives.is_empty() {
            return Some((ty, media));
        }
        // Several bodies by media type: one enum, read by the response's `content-type`.
        let mut variants = Vec::new();
        let mut taken = BTreeSet::new();
        for (ty, media) in std::iter::once((ty, media.into_iter().next()?)).chain(alternatives) {
            let base = ident::type_name(&media_essence(&media.name));
            let mut rust_name = base.clone();
            let mut counter = 2;
            while !taken.insert(rust_name.clone()) {
                rust_name = format!("{base}{counter}");
                counter += 1;
            }
            variants.push(crate::ir::MediaVariant { rust_name, ty, media });
        }
        let preferred = variants[0].media.clone();
        let kind = TypeKind::ByMedia(crate::ir::ByMediaDef { variants });
        let id = self.new_type(hint, pointer.join("content"), Purpose::Inline, kind);
        self.types[id.0].docs =
            Some(Docs::generated("The response's body, by the media type the server answered with."));
        Some((TypeRef::Named(id), vec![preferred]))
    }

    /// The type of a body of one media type: the schema's for JSON, forms and multipart; a
    /// list of the schema's type for an event stream; a string for text; bytes otherwise.
    fn body_type(
        &mut self,
        media: &'a openapiv3::MediaType,
        encoding: Encoding,
        media_pointer: &Pointer,
        hint: &str,
    ) -> Option<TypeRef> {
        let schema_pointer = media_pointer.join("schema");
        let lowered = |lowerer: &mut Self, schema| {
            let lowered = lowerer.lower_schema(SchemaRef::from(schema), &schema_pointer, hint, None);
            if lowered.nullable { TypeRef::Nullable(Box::new(lowered.ty)) } else { lowered.ty }
        };
        match encoding {
            Encoding::Json => media.schema.as_ref().map(|schema| lowered(self, schema)),
            Encoding::Form | Encoding::Multipart => Some(
                media.schema.as_ref().map_or(TypeRef::Map(Box::new(TypeRef::Json)), |schema| lowered(self, schema)),
            ),
            Encoding::EventStream => {
                let event = media.schema.as_ref().map_or(TypeRef::Json, |schema| lowered(self, schema));
                Some(TypeRef::Array(Box::new(event)))
            }
            Encoding::Text => Some(TypeRef::String),
            Encoding::Binary => Some(TypeRef::Binary),
        }
    }

    /// Whether an event stream's schema describes the whole event (it declares `data`).
    fn declares_data(&mut self, media: &'a openapiv3::MediaType, media_pointer: &Pointer) -> bool {
        let Some(schema) = media.schema.as_ref() else { return false };
        self.declares_property(SchemaRef::from(schema), &media_pointer.join("schema"), "data")
    }

    /// Follows a `$ref` into one of the `components` maps other than schemas.
    fn resolve_component<T>(
        &mut self,
        value: &'a ReferenceOr<T>,
        section: &str,
        pointer: &Pointer,
        map: impl Fn(&'a openapiv3::Components) -> &'a IndexMap<String, ReferenceOr<T>>,
    ) -> Option<&'a T> {
        let mut current = value;
        for _ in 0..32 {
            match current {
                ReferenceOr::Item(item) => return Some(item),
                ReferenceOr::Reference { reference } => {
                    let target = match component_path(reference, section).as_deref() {
                        Some([name]) => self.api.components.as_ref().and_then(|c| map(c).get(name.as_str())),
                        _ => None,
                    };
                    if let Some(next) = target {
                        current = next;
                    } else {
                        self.diagnostics.push(
                            Diagnostic::error(pointer, format!("cannot resolve `$ref: {reference}`"))
                                .with_hint(format!("point it at an entry of `components/{section}`")),
                        );
                        return None;
                    }
                }
            }
        }
        self.diagnostics.push(Diagnostic::error(pointer, "`$ref` chain is too long or loops"));
        None
    }
}

/// The purpose Stainless's `x-stainless-pagination-property` gives a parameter's schema
/// (`next_cursor_param`), the marker the official document uses for cursor pagination.
fn stainless_pagination(format: &ParameterSchemaOrContent) -> Option<&str> {
    let ParameterSchemaOrContent::Schema(ReferenceOr::Item(schema)) = format else { return None };
    schema.schema_data.extensions.get("x-stainless-pagination-property")?.get("purpose")?.as_str()
}

/// The style a query parameter is written in. `explode` defaults to true for `form` and to false
/// for the others, which OpenAPI defines for lists and, `deepObject`, for objects.
fn query_style(style: &openapiv3::QueryStyle, explode: Option<bool>) -> QueryStyle {
    match style {
        openapiv3::QueryStyle::Form if explode == Some(false) => QueryStyle::FormJoined,
        openapiv3::QueryStyle::Form => QueryStyle::Form,
        openapiv3::QueryStyle::SpaceDelimited => QueryStyle::SpaceDelimited,
        openapiv3::QueryStyle::PipeDelimited => QueryStyle::PipeDelimited,
        openapiv3::QueryStyle::DeepObject => QueryStyle::DeepObject,
    }
}

/// Which side of the wire a body travels on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Request,
    Response,
}

/// How a body of the media type is written.
fn encoding_of(media_type: &str) -> Encoding {
    let essence = media_essence(media_type);
    match essence.as_str() {
        "application/json" => Encoding::Json,
        "application/x-www-form-urlencoded" => Encoding::Form,
        "text/event-stream" => Encoding::EventStream,
        _ if essence.ends_with("+json") => Encoding::Json,
        _ if essence.starts_with("multipart/") => Encoding::Multipart,
        _ if essence.starts_with("text/") => Encoding::Text,
        _ => Encoding::Binary,
    }
}

/// Where in `components/{section}` a `$ref` points, as raw tokens: `["Pet"]` for
/// `#/components/schemas/Pet`, more for a reference into an entry, `None` for a reference
/// elsewhere. The `references` module has rewritten every reference it could resolve in the
/// canonical form (a pointer, not percent-encoded), so a reference is read as one here.
fn component_path(reference: &str, section: &str) -> Option<Vec<String>> {
    let pointer = Pointer::parse(reference.strip_prefix('#')?)?;
    let mut tokens = pointer.tokens();
    (tokens.next()? == "components" && tokens.next()? == section).then(|| tokens.map(String::from).collect())
}

#[cfg(test)]
mod tests {
    use crate::diagnostics::Category;
    use crate::ir::{Docs, Ir, ParameterLocation, TypeKind, TypeRef};

    /// Every text of the spec that reaches rustdoc, each holding a Rust fence.
    const SPEC: &str = r#"
openapi: 3.0.3
info:
  title: Notes <b>
  version: '1'
  description: "Crate.\n```rust\nfn main() {}\n```"
paths:
  /notes:
    get:
      operationId: ListNotes
      summary: "Lists notes.\n```rust\nfn main() {}\n```"
      description: "All of them.\n~~~rust\nfn main() {}"
      parameters:
        - {name: q, in: query, description: "Query.\n\n    let x = 1;", schema: {type: string}}
      responses:
        '200':
          description: "Notes.\n```\nfn main() {}\n```"
          content: {application/json: {schema: {$ref: '#/components/schemas/Note'}}}
components:
  schemas:
    Note:
      description: "A note.\n```rust,ignore\nfn main() {}\n```"
      type: object
      properties:
        body: {type: string, description: "The text.\n```rust\nfn main() {}"}
"#;

    fn lowered() -> Ir {
        let document = crate::load::load_str(SPEC, "notes.yaml", &[]).expect("loads");
        let (ir, diagnostics) = super::lower(&document, &crate::Config::default());
        assert!(!diagnostics.has_errors(), "{diagnostics}");
        ir
    }

    #[test]
    fn every_text_of_the_spec_reaches_the_ir_sanitised() {
        let ir = lowered();
        let text = |docs: Option<&Docs>| docs.map(Docs::as_str).unwrap_or_default().to_owned();
        let operation = &ir.operations[0];
        assert_eq!(text(operation.summary.as_ref()), "Lists notes.\n```text\nfn main() {}\n```");
        assert_eq!(text(operation.description.as_ref()), "All of them.\n~~~text\nfn main() {}\n~~~");
        assert_eq!(text(operation.parameters[0].docs.as_ref()), "Query.\n\n```text\nlet x = 1;\n```");
        assert_eq!(text(operation.responses[0].description.as_ref()), "Notes.\n```text\nfn main() {}\n```");
        assert_eq!(
            ir.docs.as_str(),
            "Notes &lt;b&gt;\n\nCrate.\n```text\nfn main() {}\n```\n\nGenerated from version `1` of the spec."
        );
        let note = ir.types.iter().find(|def| def.rust_name == "Note").expect("the schema's type");
        assert_eq!(text(note.docs.as_ref()), "A note.\n```text\nfn main() {}\n```");
        let TypeKind::Struct(def) = &note.kind else { panic!("a struct") };
        assert_eq!(text(def.fields[0].docs.as_ref()), "The text.\n```text\nfn main() {}\n```");
    }

    /// Each way a path template and its path parameters disagree, one operation each.
    const MISMATCHED_PATHS: &str = r"
openapi: 3.0.3
info: {title: Certificates, version: '1'}
paths:
  /certs/{certificate_id}:
    get:
      operationId: getCert
      responses: {'204': {description: ok}}
  /certs/{certificate_id}/revoke:
    post:
      operationId: revokeCert
      parameters:
        - {name: cert_id, in: path, required: true, description: The certificate., schema: {type: string, maxLength: 64}}
      responses: {'204': {description: ok}}
  /certs:
    get:
      operationId: listCerts
      parameters:
        - {name: cert_id, in: path, required: true, schema: {type: string}}
      responses: {'204': {description: ok}}
  /orgs/{org}/certs/{cert}:
    get:
      operationId: getOrgCert
      parameters:
        - {name: id, in: path, required: true, schema: {type: integer}}
      responses: {'204': {description: ok}}
";

    fn lowered_with(spec: &str, config: &crate::Config) -> (Ir, crate::diagnostics::Diagnostics) {
        let document = crate::load::load_str(spec, "spec.yaml", &[]).expect("loads");
        super::lower(&document, config)
    }

    /// `(wire name, type, required, docs)` of each path parameter of the operation `id`.
    fn path_parameters(ir: &Ir, id: &str) -> Vec<(String, TypeRef, bool, String)> {
        let operation = ir.operations.iter().find(|operation| operation.operation_id == id).expect("the operation");
        operation
            .parameters
            .iter()
            .filter(|parameter| parameter.location == ParameterLocation::Path)
            .map(|parameter| {
                let docs = parameter.docs.as_ref().map(Docs::as_str).unwrap_or_default().to_owned();
                (parameter.name.clone(), parameter.ty.clone(), parameter.required, docs)
            })
            .collect()
    }

    /// The messages and hints of the findings at the operation `/paths/{path}/{method}`.
    fn findings_at(diagnostics: &crate::diagnostics::Diagnostics, path: &str, method: &str) -> Vec<String> {
        let pointer = crate::Pointer::from_tokens(["paths", path, method]);
        diagnostics
            .items()
            .iter()
            .filter(|finding| finding.pointer == pointer)
            .map(|finding| format!("{}: {}", finding.message, finding.hint.as_deref().unwrap_or_default()))
            .collect()
    }

    #[test]
    fn a_template_variable_no_parameter_declares_is_a_required_string() {
        let (ir, diagnostics) = lowered_with(MISMATCHED_PATHS, &crate::Config::default());
        assert!(!diagnostics.has_errors(), "{diagnostics}");
        let parameters = path_parameters(&ir, "getCert");
        assert_eq!(parameters.len(), 1);
        let (name, ty, required, docs) = &parameters[0];
        assert_eq!((name.as_str(), ty, required), ("certificate_id", &TypeRef::String, &true));
        assert!(docs.contains("`{certificate_id}`"), "{docs}");
        assert_eq!(
            findings_at(&diagnostics, "/certs/{certificate_id}", "get"),
            ["the path names `{certificate_id}`, but no path parameter is called `certificate_id`: read as a \
              required string path parameter; declare the parameter with `in: path`, or fix its name"]
        );
        assert!(diagnostics.items().iter().all(|finding| finding.category == Category::Recovered));
    }

    #[test]
    fn the_one_stray_parameter_is_paired_with_the_one_undeclared_variable() {
        let (ir, diagnostics) = lowered_with(MISMATCHED_PATHS, &crate::Config::default());
        let operation = ir.operations.iter().find(|operation| operation.operation_id == "revokeCert").expect("it");
        // The template's name on the wire, the declared schema (its limit) and docs kept.
        let [parameter] = operation.parameters.as_slice() else { panic!("one parameter") };
        assert_eq!(parameter.name, "certificate_id");
        assert_eq!(parameter.ty, TypeRef::String);
        assert_eq!(parameter.constraints.max_length, Some(64));
        assert_eq!(parameter.docs.as_ref().map(Docs::as_str), Some("The certificate."));
        assert_eq!(
            findings_at(&diagnostics, "/certs/{certificate_id}/revoke", "post"),
            ["path parameter `cert_id` has no `{cert_id}` in the path `/certs/{certificate_id}/revoke`: paired \
              with `{certificate_id}`, the one variable of the path no parameter declares, and sent as \
              `certificate_id`; rename the parameter `certificate_id` if that is what it is"]
        );
    }

    #[test]
    fn a_path_parameter_the_template_has_no_place_for_is_dropped() {
        let (ir, diagnostics) = lowered_with(MISMATCHED_PATHS, &crate::Config::default());
        assert!(path_parameters(&ir, "listCerts").is_empty());
        let operation = ir.operations.iter().find(|operation| operation.operation_id == "listCerts").expect("it");
        assert_eq!(operation.path_parameters, None);
        assert_eq!(
            findings_at(&diagnostics, "/certs", "get"),
            ["path parameter `cert_id` has no `{cert_id}` in the path `/certs`: dropped, as the path has no place \
              for it; put it in the path template, or make it a query parameter"]
        );
    }

    /// Two undeclared variables and one stray parameter: which variable it meant is a guess, so
    /// it is dropped, and both variables are strings.
    #[test]
    fn a_stray_parameter_is_not_paired_when_several_variables_are_undeclared() {
        let (ir, diagnostics) = lowered_with(MISMATCHED_PATHS, &crate::Config::default());
        let names: Vec<(String, TypeRef)> =
            path_parameters(&ir, "getOrgCert").into_iter().map(|(name, ty, ..)| (name, ty)).collect();
        assert_eq!(names, [("org".to_owned(), TypeRef::String), ("cert".to_owned(), TypeRef::String)]);
        let findings = findings_at(&diagnostics, "/orgs/{org}/certs/{cert}", "get");
        assert_eq!(findings.len(), 3, "{findings:#?}");
        assert!(
            findings.contains(
                &"path parameter `id` has no `{id}` in the path `/orgs/{org}/certs/{cert}`: dropped, as pairing it \
                  with one of the path's undeclared variables would be a guess; put it in the path template, or \
                  make it a query parameter"
                    .to_owned()
            ),
            "{findings:#?}"
        );
    }

    /// Strict, every disagreement is the error it was before recoveries, and nothing is read past.
    #[test]
    fn strict_refuses_each_disagreement() {
        let strict = crate::Config::default().with_strict(true);
        let (_, diagnostics) = lowered_with(MISMATCHED_PATHS, &strict);
        let errors: Vec<&str> = diagnostics
            .items()
            .iter()
            .filter(|finding| finding.severity == crate::Severity::Error)
            .map(|finding| finding.message.as_str())
            .collect();
        // One for `getCert`, two for `revokeCert`, one for `listCerts`, three for `getOrgCert`.
        assert_eq!(errors.len(), 7, "{diagnostics}");
        assert!(diagnostics.items().iter().all(|finding| finding.severity == crate::Severity::Error));
        let optional = MISMATCHED_PATHS.replace("required: true, description", "description");
        let (_, diagnostics) = lowered_with(&optional, &strict);
        assert!(
            diagnostics.to_string().contains(
                "error: path parameter `cert_id` is not marked `required: true`\n  --> \
                 #/paths/~1certs~1{certificate_id}~1revoke/post/parameters/0\n  = help: add `required: true`"
            ),
            "{diagnostics}"
        );
    }

    /// Lowering gives every type it reserves a kind; one left without is reported, and the IR
    /// still gets a type in its place, so no id of another type moves.
    #[test]
    fn a_type_left_without_a_kind_is_an_error_not_a_panic() {
        let draft = super::DraftType {
            rust_name: "Lost".to_owned(),
            pointer: crate::Pointer::from_tokens(["components", "schemas", "Lost"]),
            purpose: crate::ir::Purpose::Component,
            docs: None,
            deprecated: false,
            kind: None,
        };
        let mut diagnostics = crate::diagnostics::Diagnostics::default();
        let def = draft.into_type_def(&mut diagnostics);
        assert!(diagnostics.has_errors());
        assert!(diagnostics.to_string().contains("`Lost` was never lowered"), "{diagnostics}");
        assert!(matches!(def.kind, TypeKind::Alias(crate::ir::TypeRef::Json)));
    }
}
