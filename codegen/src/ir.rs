//! The intermediate representation: every decision about the Rust shape of the API, made.
//!
//! Types live in an arena indexed by [`TypeId`] and refer to each other by id, so cycles need no
//! special handling until emission boxes them. Every named thing carries its wire name (what goes
//! over HTTP) beside its Rust name (what users type).

use std::collections::{BTreeMap, BTreeSet};

pub(crate) use crate::docs::Docs;

/// Index of a type in [`Ir::types`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct TypeId(pub(crate) usize);

/// The lowered document.
#[derive(Debug, Default)]
pub(crate) struct Ir {
    /// The API's title as the spec writes it, for the manifest's `description` and the client's
    /// name (never rustdoc: [`docs`](Self::docs) holds it sanitised).
    pub(crate) title: String,
    /// The crate's documentation: the spec's title, its description, and the version of the spec.
    pub(crate) docs: Docs,
    /// The first server of the document, an example of a base URL in the docs.
    pub(crate) server: Option<String>,
    /// The security schemes a client can fill in: those the document's `security` names first,
    /// in its order, then the others in the order of `components.securitySchemes`.
    pub(crate) security: Vec<SecurityScheme>,
    pub(crate) types: Vec<TypeDef>,
    pub(crate) operations: Vec<Operation>,
    /// The bodies operations' errors share, each Rust type once, with the error object each
    /// holds (decided by `lower/transport.rs`).
    pub(crate) error_bodies: Vec<ErrorBody>,
    /// Which cargo feature compiles each operation and type, decided by `lower/features.rs`.
    pub(crate) features: Features,
    /// The client's resources, in name order, with the names the registry gave them.
    pub(crate) resources: Vec<Resource>,
    /// The prefix of the environment variables `Client::from_env` reads (`ANTHROPIC`).
    pub(crate) env_prefix: String,
}

/// Cargo features per resource: which features there are, and which compile each operation and
/// type (decided by `lower/features.rs`; `emit/features.rs` writes them as `cfg`s).
#[derive(Debug, Clone, Default)]
pub(crate) struct Features {
    /// Every feature with how many operations it holds, by name.
    pub(crate) operations_by_feature: BTreeMap<String, usize>,
    /// The feature of each operation, by index into [`Ir::operations`].
    pub(crate) of_operation: Vec<String>,
    /// The one feature that compiles each emitted type: the feature whose operations reach it,
    /// or the [`FeatureGroup`] of the several that do. A type every feature reaches is not
    /// listed: it always compiles.
    pub(crate) of_type: BTreeMap<TypeId, String>,
    /// The one feature that compiles each shared error body's impl, by index into
    /// [`Ir::error_bodies`] (the features of its operations, as for a type); `None`: always.
    pub(crate) of_error_body: Vec<Option<String>>,
    /// The internal features that stand for a set of several features, in name order (numbered),
    /// so that code several resources reach is gated by one `cfg` line.
    pub(crate) groups: Vec<FeatureGroup>,
}

/// An internal feature that each of its members turns on in the manifest: code that compiles
/// with any of them is gated by it alone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FeatureGroup {
    /// `_shared_<n>`.
    pub(crate) name: String,
    /// Two or more resource features (or `unreferenced_schemas`), never every one.
    pub(crate) members: BTreeSet<String>,
}

/// A resource of the client: one feature's operations as the methods of one type, reached by
/// an accessor of `Client` (`client.deployments()`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Resource {
    /// The feature whose operations these are, which compiles the resource.
    pub(crate) feature: String,
    /// The method of `Client` that hands out the resource.
    pub(crate) accessor: String,
    /// The resource's type in `client`.
    pub(crate) type_name: String,
    /// In name order.
    pub(crate) methods: Vec<ClientMethod>,
}

/// One operation as a method of its resource.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ClientMethod {
    pub(crate) name: String,
    /// By index into [`Ir::operations`].
    pub(crate) operation: usize,
    /// The setter of the returned `Call` (`list().limit(10)`) of each optional query parameter,
    /// by the parameter's member in the query struct.
    pub(crate) query_setters: BTreeMap<String, String>,
}

/// The body every documented error of some operations has (their `type Error`), once per Rust
/// type: what the runtime's `ErrorBody` is implemented for, so that a caller's `api_error()`
/// hands out the error object rather than the envelope around it. (An operation whose errors
/// differ in body has an enum by status, which is its own object; one whose errors have no body,
/// or that documents none, has `()` or `Infallible`, which the runtime covers.)
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ErrorBody {
    /// The body's type with every alias followed, so two names of one Rust type are one entry.
    pub(crate) ty: TypeRef,
    /// When the body is an envelope, the field (by index into its struct's fields) that holds
    /// the error object; otherwise the body is its own object.
    pub(crate) envelope: Option<usize>,
    /// The operations whose error type it is, by index into [`Ir::operations`]: the impl
    /// compiles with them.
    pub(crate) operations: Vec<usize>,
}

impl Ir {
    /// Whether a type has exactly one value (a closed one-value enum), so a field of it can
    /// default and a builder fills it in.
    pub(crate) fn is_constant(&self, ty: &TypeRef) -> bool {
        matches!(ty, TypeRef::Named(id) if matches!(&self.get(*id).kind, TypeKind::Enum(e) if e.variants.len() == 1 && !e.open))
    }

    pub(crate) fn get(&self, id: TypeId) -> &TypeDef {
        &self.types[id.0]
    }

    /// The same type with every alias followed, inside lists, maps and `null`able slots too: one
    /// spelling per Rust type. An alias that leads back to itself (an error reported elsewhere)
    /// is left where the walk has taken as many steps as there are types.
    pub(crate) fn without_aliases(&self, ty: &TypeRef) -> TypeRef {
        self.without_aliases_within(ty, &mut self.types.len())
    }

    fn without_aliases_within(&self, ty: &TypeRef, steps: &mut usize) -> TypeRef {
        match ty {
            TypeRef::Named(id) => match &self.get(*id).kind {
                TypeKind::Alias(inner) if *steps > 0 => {
                    *steps -= 1;
                    self.without_aliases_within(inner, steps)
                }
                _ => ty.clone(),
            },
            TypeRef::Array(inner) => TypeRef::Array(Box::new(self.without_aliases_within(inner, steps))),
            TypeRef::Map(inner) => TypeRef::Map(Box::new(self.without_aliases_within(inner, steps))),
            TypeRef::Nullable(inner) => TypeRef::Nullable(Box::new(self.without_aliases_within(inner, steps))),
            TypeRef::String
            | TypeRef::I32
            | TypeRef::I64
            | TypeRef::F64
            | TypeRef::Bool
            | TypeRef::Timestamp
            | TypeRef::Json
            | TypeRef::File
            | TypeRef::Binary => ty.clone(),
        }
    }

    /// Every name the crate's own items take, in any module: its types, its operations' request
    /// types and their enums, and client resources. (Builders end in `Builder`; enum variants and
    /// fields live inside their types and shadow nothing.)
    pub(crate) fn defined_names(&self) -> impl Iterator<Item = &str> {
        let types = self.types.iter().map(|def| def.rust_name.as_str());
        let operations = self.operations.iter().flat_map(|operation| {
            let names = &operation.names;
            [Some(&names.request), names.success.as_ref(), names.error.as_ref(), names.content_type.as_ref()]
                .into_iter()
                .flatten()
                .map(String::as_str)
        });
        let resources = self.resources.iter().map(|resource| resource.type_name.as_str());
        types.chain(operations).chain(resources)
    }

    /// The types worth emitting: every component schema and operation type, and what they use. An
    /// inline one-value enum that only described a tag the union now writes is left out.
    pub(crate) fn emitted_types(&self) -> BTreeSet<TypeId> {
        let mut stack: Vec<TypeId> =
            (0..self.types.len()).map(TypeId).filter(|id| self.get(*id).is_component()).collect();
        for operation in &self.operations {
            operation.for_each_request_type(&mut |id, _| stack.push(id));
            operation.for_each_response_type(&mut |id, _| stack.push(id));
        }
        let mut seen = BTreeSet::new();
        while let Some(id) = stack.pop() {
            if seen.insert(id) {
                self.get(id).kind.for_each_child(&mut |child, _| stack.push(child));
            }
        }
        seen
    }

    /// The types in the order they are emitted: by Rust name (unique), so the output does not
    /// depend on the order of the document's maps.
    pub(crate) fn types_by_name(&self) -> Vec<(TypeId, &TypeDef)> {
        let mut types: Vec<(TypeId, &TypeDef)> =
            self.types.iter().enumerate().map(|(index, def)| (TypeId(index), def)).collect();
        types.sort_by(|(_, a), (_, b)| a.rust_name.cmp(&b.rust_name));
        types
    }
}

impl Operation {
    /// The type an argument of its `new` takes (before `impl Into`), and how the request stores
    /// it; `None` only for an argument the operation does not hold, which lowering never makes.
    pub(crate) fn argument_type<'a>(&'a self, ir: &'a Ir, argument: &Argument) -> Option<(&'a TypeRef, Storage)> {
        match argument.fills {
            Fills::Parameter { part, field } => {
                let (_, id) = self.parameter_structs().find(|(location, _)| *location == part)?;
                let TypeKind::Struct(s) = &ir.get(id).kind else { return None };
                s.fields.get(field).map(|field| (&field.ty, field.storage))
            }
            Fills::Body => self.request_body.as_ref().map(|body| (body, Storage::Inline)),
        }
    }

    /// Its successes and its errors. `default` is the error of every status the operation does
    /// not name, and also its success when it documents no 2xx response (the `bool`).
    pub(crate) fn response_sides(&self) -> (Vec<&Response>, Vec<&Response>, bool) {
        let (mut successes, errors): (Vec<&Response>, Vec<&Response>) =
            self.responses.iter().partition(|response| response.status.is_success());
        let default = errors.iter().copied().find(|response| response.status == Status::Default);
        let default_is_success = successes.is_empty() && default.is_some();
        successes.extend(default.filter(|_| default_is_success));
        (successes, errors, default_is_success)
    }

    /// Its parameter structs, each with the location of its parameters: path, query, headers.
    pub(crate) fn parameter_structs(&self) -> impl Iterator<Item = (ParameterLocation, TypeId)> + use<> {
        [
            (ParameterLocation::Path, self.path_parameters),
            (ParameterLocation::Query, self.query),
            (ParameterLocation::Header, self.headers),
        ]
        .into_iter()
        .filter_map(|(location, id)| Some((location, id?)))
    }

    /// The types the operation sends (parameters, query struct, body).
    pub(crate) fn for_each_request_type(&self, visit: &mut dyn FnMut(TypeId, bool)) {
        self.parameters.iter().for_each(|p| p.ty.visit_named(true, visit));
        for parameters in [self.query, self.path_parameters, self.headers].into_iter().flatten() {
            visit(parameters, true);
        }
        if let Some(body) = &self.request_body {
            body.visit_named(true, visit);
        }
    }

    /// Makes every type the operation sends or receives the one `replace` gives for it.
    pub(crate) fn replace_types(&mut self, replace: &dyn Fn(TypeId) -> TypeId) {
        self.parameters.iter_mut().for_each(|parameter| parameter.ty.replace_named(replace));
        for parameters in [&mut self.query, &mut self.path_parameters, &mut self.headers].into_iter().flatten() {
            *parameters = replace(*parameters);
        }
        if let Some(body) = &mut self.request_body {
            body.replace_named(replace);
        }
        self.responses
            .iter_mut()
            .filter_map(|response| response.body.as_mut())
            .for_each(|body| body.replace_named(replace));
    }

    /// The types the operation receives (every response body).
    pub(crate) fn for_each_response_type(&self, visit: &mut dyn FnMut(TypeId, bool)) {
        self.responses.iter().filter_map(|r| r.body.as_ref()).for_each(|body| body.visit_named(true, visit));
    }
}

/// Which side of the wire a type travels on; decides whether unions and enums stay open.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Usage {
    /// Reachable from a request body or parameter.
    pub(crate) request: bool,
    /// Reachable from a response body: the server may send values this spec does not list.
    pub(crate) response: bool,
}

#[derive(Debug)]
pub(crate) struct TypeDef {
    pub(crate) rust_name: String,
    /// Where the schema this type comes from is written.
    pub(crate) pointer: crate::Pointer,
    /// What the type is for.
    pub(crate) purpose: Purpose,
    /// The name its builder is made from (`CreatePet` gives `CreatePetBuilder`), if it has
    /// one; decided by the name registry (`lower/names.rs`).
    pub(crate) builder: Option<String>,
    pub(crate) docs: Option<Docs>,
    pub(crate) deprecated: bool,
    pub(crate) usage: Usage,
    pub(crate) kind: TypeKind,
    /// Whether its `validate` can find anything: it holds a limit or a rule somewhere inside
    /// (decided by `lower/facts.rs`). Code that holds a type without checks skips calling it.
    pub(crate) has_checks: bool,
}

/// Whether the responses of one side (successes or errors) differ in body, so they need an enum
/// by status rather than one type.
pub(crate) fn bodies_differ(responses: &[&Response]) -> bool {
    responses.split_first().is_some_and(|(first, rest)| rest.iter().any(|r| r.body != first.body))
}

impl TypeDef {
    /// Whether the type is a schema of `components/schemas` (not one found inline).
    pub(crate) fn is_component(&self) -> bool {
        self.purpose == Purpose::Component
    }

    /// The module the type is defined in, and whose namespace its name is unique in
    /// ([`Purpose::module`]).
    pub(crate) fn module(&self) -> TypeModule {
        self.purpose.module()
    }
}

impl Purpose {
    /// The module a type made for this is defined in: an operation's parameter structs live
    /// with the operations, every other type in `types`.
    pub(crate) fn module(self) -> TypeModule {
        match self {
            Self::Parameters(_) => TypeModule::Operations,
            Self::Component | Self::Inline | Self::Choice => TypeModule::Types,
        }
    }
}

/// The generated module a type is defined in ([`TypeDef::module`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum TypeModule {
    /// `types`: the spec's schemas and what is made of them.
    Types,
    /// `operations`: beside the request types that hold them.
    Operations,
}

impl TypeModule {
    /// The module's name in the crate (`crate::types`).
    pub(crate) fn name(self) -> &'static str {
        match self {
            Self::Types => "types",
            Self::Operations => "operations",
        }
    }
}

/// What a type is for, decided where it is made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Purpose {
    /// A schema of `components/schemas`.
    Component,
    /// A schema written inline, named after where it sits.
    Inline,
    /// The parameters of one location of an operation, as one struct.
    Parameters(ParameterLocation),
    /// The enum of an `x-exactly-one-of` choice.
    Choice,
}

/// How a query parameter is written (OpenAPI's `style` and `explode`); the runtime's
/// `QueryStyle` has one variant of each name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum QueryStyle {
    /// `form`, exploded: the default.
    #[default]
    Form,
    /// `form` with `explode: false`.
    FormJoined,
    SpaceDelimited,
    PipeDelimited,
    DeepObject,
}

/// Where a parameter goes in a request. (Cookie parameters are reported and not lowered.)
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum ParameterLocation {
    Path,
    Query,
    Header,
}

impl ParameterLocation {
    /// The field of an operation's request type that holds these parameters.
    pub(crate) fn request_field(self) -> &'static str {
        match self {
            Self::Path => "path",
            Self::Query => "query",
            Self::Header => "headers",
        }
    }

    /// What the name of a struct of these parameters ends in (`CreatePetQuery`), and the whole
    /// name of one every operation holds (`Headers`).
    pub(crate) fn struct_suffix(self) -> &'static str {
        match self {
            Self::Path => "Path",
            Self::Query => "Query",
            Self::Header => "Headers",
        }
    }

    /// As the spec writes it (`in: query`).
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Self::Path => "path",
            Self::Query => "query",
            Self::Header => "header",
        }
    }
}

/// The HTTP method of an operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Method {
    Get,
    Put,
    Post,
    Delete,
    Options,
    Head,
    Patch,
    Trace,
}

impl Method {
    /// As `http::Method` names its constant, and as documentation writes it: `GET`.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Self::Get => "GET",
            Self::Put => "PUT",
            Self::Post => "POST",
            Self::Delete => "DELETE",
            Self::Options => "OPTIONS",
            Self::Head => "HEAD",
            Self::Patch => "PATCH",
            Self::Trace => "TRACE",
        }
    }

    /// The method of a path item's key (`get`), if it is one.
    pub(crate) fn from_key(key: &str) -> Option<Self> {
        Some(match key {
            "get" => Self::Get,
            "put" => Self::Put,
            "post" => Self::Post,
            "delete" => Self::Delete,
            "options" => Self::Options,
            "head" => Self::Head,
            "patch" => Self::Patch,
            "trace" => Self::Trace,
            _ => return None,
        })
    }
}

#[derive(Debug, PartialEq)]
pub(crate) enum TypeKind {
    Struct(StructDef),
    Enum(EnumDef),
    TaggedUnion(TaggedUnionDef),
    KindUnion(KindUnionDef),
    /// A named schema that is just another type (`pub type Name = ...;`).
    Alias(TypeRef),
    /// Exactly one of several fields of a struct (see [`Choice`]).
    Choice(ChoiceDef),
    /// A response body documented in several media types with different bodies (JSON, or an
    /// event stream): one variant per media type, read by the response's `content-type`.
    ByMedia(ByMediaDef),
}

#[derive(Debug, PartialEq)]
pub(crate) struct ByMediaDef {
    /// The preferred media type first: what a response without a known `content-type` is
    /// read as.
    pub(crate) variants: Vec<MediaVariant>,
}

#[derive(Debug, PartialEq)]
pub(crate) struct MediaVariant {
    pub(crate) rust_name: String,
    pub(crate) ty: TypeRef,
    pub(crate) media: Media,
}

#[derive(Debug, PartialEq)]
pub(crate) struct ChoiceDef {
    pub(crate) variants: Vec<ChoiceVariant>,
    /// The enum borrows from its struct (`Outcome<'a>`), which keeps the fields: see [`Choice::held`].
    pub(crate) view: bool,
}

/// One side of a choice: a field that is set when the others are `null`.
#[derive(Debug, PartialEq)]
pub(crate) struct ChoiceVariant {
    pub(crate) wire_name: String,
    pub(crate) rust_name: String,
    pub(crate) ty: TypeRef,
    pub(crate) constraints: Constraints,
    pub(crate) docs: Option<Docs>,
    pub(crate) storage: Storage,
}

impl TypeKind {
    /// The types this type refers to, each with whether it is stored inline (not behind a `Vec`
    /// or map). A struct's field that its union writes as the tag is not a reference.
    pub(crate) fn for_each_child(&self, visit: &mut dyn FnMut(TypeId, bool)) {
        match self {
            Self::Struct(def) => {
                for field in def.fields.iter().filter(|f| f.is_declared()) {
                    field.ty.visit_named(true, visit);
                }
                for choice in &def.choices {
                    visit(choice.ty, true);
                }
                if let Some(additional) = &def.additional {
                    additional.visit_named(false, visit);
                }
            }
            Self::Choice(def) => def.variants.iter().for_each(|v| v.ty.visit_named(true, visit)),
            Self::TaggedUnion(def) => def.variants.iter().for_each(|v| visit(v.ty, true)),
            Self::KindUnion(def) => def.variants.iter().for_each(|v| v.ty.visit_named(true, visit)),
            Self::ByMedia(def) => def.variants.iter().for_each(|v| v.ty.visit_named(true, visit)),
            Self::Alias(ty) => ty.visit_named(true, visit),
            Self::Enum(_) => {}
        }
    }

    /// Makes every type this type refers to (a tag field's too) the one `replace` gives for it.
    pub(crate) fn replace_children(&mut self, replace: &dyn Fn(TypeId) -> TypeId) {
        match self {
            Self::Struct(def) => {
                def.fields.iter_mut().for_each(|field| field.ty.replace_named(replace));
                def.choices.iter_mut().for_each(|choice| choice.ty = replace(choice.ty));
                if let Some(additional) = &mut def.additional {
                    additional.replace_named(replace);
                }
            }
            Self::Choice(def) => def.variants.iter_mut().for_each(|v| v.ty.replace_named(replace)),
            Self::TaggedUnion(def) => def.variants.iter_mut().for_each(|v| v.ty = replace(v.ty)),
            Self::KindUnion(def) => def.variants.iter_mut().for_each(|v| v.ty.replace_named(replace)),
            Self::ByMedia(def) => def.variants.iter_mut().for_each(|v| v.ty.replace_named(replace)),
            Self::Alias(ty) => ty.replace_named(replace),
            Self::Enum(_) => {}
        }
    }
}

/// Whether the crate's structs with named fields (the types of `types`, the parameter structs and
/// each operation's request type in `operations`) are `#[non_exhaustive]`: they all are, so code
/// outside the crate builds one through its builder (`X::builder()…build()`, the request-side
/// structs with something to set; `lower/names.rs` gives one to every such struct), as
/// `Default` plus field assignment (a struct with nothing to set), through the client's methods,
/// or by reading it from a response, never by a struct literal, and destructures it with `..`.
/// By the Cargo book's semver chapter, a public field added to a struct without private fields
/// is major (`struct-add-public-field-when-no-private`), and `#[non_exhaustive]` is the
/// mitigation it names; so a field the spec adds is an addition, unless a builder must set it.
/// Read by the emitters, which print the attribute, and by the semver surface, which classifies
/// by it, so the two cannot disagree. Within the crate, struct literals keep working.
pub(crate) const STRUCTS_NON_EXHAUSTIVE: bool = true;

/// The methods a generated struct may have besides a choice's reader, which takes its name from
/// the spec: `builder` (its builder), `extra` (a field it keeps undeclared), `validate_limits`
/// (its checks, which its `Validate` calls) and `Validate`'s own. A reader of the same name
/// would not compile beside them, or would shadow `Validate`'s method for every caller, the
/// generated checks too, so lowering refuses a choice named like one.
pub(crate) const STRUCT_METHODS: &[&str] = &["builder", "extra", "validate", "validate_into", "validate_limits"];

/// Equal when two structs are the same type in every respect the generated code shows (their
/// fields with names, types, presence, limits, defaults and docs; their rules), so one can stand
/// for the other (`lower/identical.rs`).
#[derive(Debug, PartialEq)]
pub(crate) struct StructDef {
    pub(crate) fields: Vec<Field>,
    /// Values of properties the schema does not name (`additionalProperties` beside `properties`).
    pub(crate) additional: Option<TypeRef>,
    /// `additionalProperties: false`: reject unknown fields (only on types the server never sends).
    pub(crate) closed: bool,
    /// Rules that relate fields to each other (`x-mutually-exclusive`).
    pub(crate) rules: Vec<ObjectRule>,
    /// Fields of which exactly one is set (`x-exactly-one-of`).
    pub(crate) choices: Vec<Choice>,
    /// The member that keeps the fields the struct does not declare, when it keeps them;
    /// decided by the name registry (`lower/names.rs`).
    pub(crate) extra_fields: Option<String>,
}

impl StructDef {
    /// Whether the struct holds a choice as an enum field: it is then read and written by
    /// serde's derives (`flatten` hands the object to the choice), and every other struct
    /// through its `object::Object` table, which also gives it `Validate`.
    pub(crate) fn holds_choice(&self) -> bool {
        self.choices.iter().any(|choice| choice.held)
    }
}

/// Several nullable fields of which exactly one is non-null, with an enum type
/// (`TypeKind::Choice`) naming which one.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Choice {
    /// The Rust field that holds the choice, or the method that reads it (`outcome`).
    pub(crate) rust_name: String,
    /// The enum type.
    pub(crate) ty: TypeId,
    pub(crate) docs: Option<Docs>,
    /// The fields of the choice, by index into the struct's fields.
    pub(crate) fields: Vec<usize>,
    /// The struct holds the choice as one enum field instead of the fields, so a value holding
    /// both or neither cannot be built. Only for types the server never sends: what the server
    /// sends must decode even when it breaks the rule, so a received type keeps the fields and
    /// offers the choice as a method that checks the rule.
    pub(crate) held: bool,
}

/// A rule over several fields of one object, from a vendor extension.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum ObjectRule {
    /// At most one of these fields (by index) may be present and not `null`.
    MutuallyExclusive(Vec<usize>),
}

/// Limits a schema puts on a value, as the validation emitter needs them.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Constraints {
    /// In characters (Unicode scalar values), as JSON Schema counts them.
    pub(crate) min_length: Option<u64>,
    pub(crate) max_length: Option<u64>,
    pub(crate) pattern: Option<String>,
    pub(crate) minimum: Option<Bound>,
    pub(crate) maximum: Option<Bound>,
    pub(crate) multiple_of: Option<Number>,
    pub(crate) min_items: Option<u64>,
    pub(crate) max_items: Option<u64>,
    pub(crate) unique_items: bool,
    pub(crate) min_properties: Option<u64>,
    pub(crate) max_properties: Option<u64>,
    /// A string format with a validator (`cron`, `iana-timezone`).
    pub(crate) format: Option<CheckedFormat>,
    /// Limits on every key of a map (`x-propertyNames`).
    pub(crate) keys: Option<Box<Constraints>>,
    /// Limits on every item of an array.
    pub(crate) items: Option<Box<Constraints>>,
    /// Limits on every value of a map.
    pub(crate) values: Option<Box<Constraints>>,
    /// Rules over the sequence of an array's items (`x-item-rules`).
    pub(crate) item_rules: Vec<ItemRule>,
}

impl Constraints {
    pub(crate) fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

/// A numeric limit and whether the limit itself is excluded.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Bound {
    pub(crate) value: Number,
    pub(crate) exclusive: bool,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Number {
    Integer(i64),
    Float(f64),
}

/// String formats the generated code checks, beyond their type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CheckedFormat {
    /// A 5-field POSIX cron expression.
    Cron,
    /// A time zone name of the IANA database.
    IanaTimeZone,
}

impl CheckedFormat {
    pub(crate) fn from_keyword(format: &str) -> Option<Self> {
        match format {
            "cron" => Some(Self::Cron),
            "iana-timezone" => Some(Self::IanaTimeZone),
            _ => None,
        }
    }
}

/// A rule over the items of an array of tagged-union values, keyed by the members' tags.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ItemRule {
    /// The tag value the rule is about (`system.message`).
    pub(crate) tag: String,
    pub(crate) max_count: Option<u64>,
    /// Such an item may only be the last one.
    pub(crate) only_last: bool,
    /// The item right before such an item must have one of these tags.
    pub(crate) after: Vec<String>,
}

#[derive(Debug, PartialEq)]
pub(crate) struct Field {
    pub(crate) wire_name: String,
    pub(crate) rust_name: String,
    pub(crate) ty: TypeRef,
    /// Limits on the value where it is used (named types check their own inside).
    pub(crate) constraints: Constraints,
    pub(crate) presence: Presence,
    pub(crate) docs: Option<Docs>,
    pub(crate) default: Option<serde_json::Value>,
    pub(crate) access: Access,
    pub(crate) lifecycle: Lifecycle,
    pub(crate) storage: Storage,
    /// What holds the value: the struct, or the union or choice that takes the field's place.
    pub(crate) placement: Placement,
    pub(crate) paging: Paging,
}

/// Which code holds a field's value; a field has one. A choice claims its fields as the object is
/// lowered, and `lower/finish.rs` gives them back to a struct the server sends, then hands a
/// union's tag only to a field its struct still declares: a field the choice holds never becomes
/// a tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Placement {
    /// The struct declares the field itself.
    Struct,
    /// The union that holds this struct puts the field on the wire itself, as its tag.
    UnionTag,
    /// The field is one side of an `x-exactly-one-of` choice that the struct holds as an enum
    /// field ([`Choice::held`]), so the enum holds it.
    Choice,
}

/// Who may see a value: OpenAPI's `writeOnly` marks a secret the client sends and the server
/// never returns (a password), which the generated `Debug` does not print.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Access {
    ReadWrite,
    WriteOnly,
}

impl Access {
    pub(crate) fn from_write_only(write_only: bool) -> Self {
        if write_only { Self::WriteOnly } else { Self::ReadWrite }
    }
}

/// Whether the spec still recommends a field or parameter (`deprecated: true`), which the
/// generated code marks `#[deprecated]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lifecycle {
    Current,
    Deprecated,
}

impl Lifecycle {
    pub(crate) fn from_deprecated(deprecated: bool) -> Self {
        if deprecated { Self::Deprecated } else { Self::Current }
    }
}

/// How a value is stored inside the type that holds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Storage {
    /// In place.
    Inline,
    /// Behind a `Box`, because the value's type contains the type that holds it: without it a
    /// recursive type would have infinite size (decided by `lower/finish.rs`).
    Boxed,
}

/// What a field or query parameter is to pagination by Stainless's
/// `x-stainless-pagination-property`, which `lower/paging.rs` reads first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Paging {
    /// Nothing.
    Unpaged,
    /// A page's field that holds the cursor of the next page (`next_cursor_field`), or the query
    /// parameter that takes it (`next_cursor_param`).
    Cursor,
}

/// How a field is present on the wire (required or optional, nullable or not), decided once as
/// the object is lowered ([`Presence::new`]); every emitter reads the field's Rust type from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Presence {
    /// Always there, never `null`: `T`.
    Required,
    /// Always there, maybe `null`: `Option<T>`, written as `null` when `None`.
    RequiredNullable,
    /// Maybe absent, never `null`: `Option<T>`, left out when `None`.
    Optional,
    /// Maybe absent, maybe `null`, maybe a value, each meaning something: `Nullable<T>`.
    OptionalNullable,
}

/// What holds a field's value in Rust.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Holder {
    /// The value itself.
    Plain,
    /// `Option<T>`.
    Option,
    /// `Nullable<T>`.
    Nullable,
}

impl Presence {
    /// What holds the value.
    pub(crate) fn holder(self) -> Holder {
        match self {
            Self::Required => Holder::Plain,
            Self::RequiredNullable | Self::Optional => Holder::Option,
            Self::OptionalNullable => Holder::Nullable,
        }
    }
}

impl Presence {
    /// From the schema's two facts: whether the object requires the property, and whether its
    /// value may be `null`.
    pub(crate) fn new(required: bool, nullable: bool) -> Self {
        match (required, nullable) {
            (true, false) => Self::Required,
            (true, true) => Self::RequiredNullable,
            (false, false) => Self::Optional,
            (false, true) => Self::OptionalNullable,
        }
    }

    /// Whether the value is always on the wire (maybe as `null`).
    pub(crate) fn is_required(self) -> bool {
        matches!(self, Self::Required | Self::RequiredNullable)
    }

    /// Whether the value may be `null` on the wire.
    pub(crate) fn is_nullable(self) -> bool {
        matches!(self, Self::RequiredNullable | Self::OptionalNullable)
    }
}

impl Field {
    /// Whether the struct declares this field itself (not its union, not a choice).
    pub(crate) fn is_declared(&self) -> bool {
        self.placement == Placement::Struct
    }
}

#[derive(Debug, PartialEq)]
pub(crate) struct EnumDef {
    pub(crate) variants: Vec<EnumVariant>,
    /// Open enums keep values the spec does not list in an `Other(String)` variant.
    pub(crate) open: bool,
    /// The spec says the value can be anything (`anyOf: [string, enum]`): open on both sides.
    pub(crate) open_in_spec: bool,
}

impl EnumDef {
    /// Whether the values are integers on the wire (the variants hold them), not strings.
    pub(crate) fn is_integer(&self) -> bool {
        self.variants.iter().any(|variant| variant.integer.is_some())
    }
}

#[derive(Debug, PartialEq)]
pub(crate) struct EnumVariant {
    /// The value as text: a string enum's value, or an integer enum's decimal digits (for docs
    /// and messages).
    pub(crate) wire: String,
    pub(crate) rust_name: String,
    /// `Some` in an integer enum, whose variants all have it: the value on the wire. Integer
    /// enums are written `oneOf: [{const: 1, title: Text}, …]` (3.1's way to name enum values).
    pub(crate) integer: Option<i64>,
    /// What the spec says of this one value (its `const` schema's description).
    pub(crate) docs: Option<Docs>,
}

#[derive(Debug, PartialEq)]
pub(crate) struct TaggedUnionDef {
    /// The wire name of the property that tells the members apart.
    pub(crate) tag: String,
    pub(crate) variants: Vec<TaggedVariant>,
    /// Keeps members this spec does not know in an `Unknown(serde_json::Value)` variant.
    pub(crate) open: bool,
}

impl TaggedUnionDef {
    /// Whether the tag is an integer on the wire (`"type": 2`), not a string.
    pub(crate) fn is_integer_tagged(&self) -> bool {
        self.variants.iter().any(|variant| variant.tag_integer.is_some())
    }
}

#[derive(Debug, PartialEq)]
pub(crate) struct TaggedVariant {
    /// The tag's value as text: a string tag's value, or an integer tag's decimal digits.
    pub(crate) tag_value: String,
    /// `Some` in a union whose tag is an integer, whose variants all have it: the value on the
    /// wire (a member's `type: integer, enum: [2]`, also when narrowed by `allOf`).
    pub(crate) tag_integer: Option<i64>,
    /// Other tag values the member accepts (its tag property allows several); such a member keeps
    /// the property, so the value read is the value written.
    pub(crate) aliases: Vec<String>,
    pub(crate) rust_name: String,
    /// A struct (after following aliases).
    pub(crate) ty: TypeId,
    pub(crate) docs: Option<Docs>,
    pub(crate) storage: Storage,
}

/// A union without a tag property. Its members have different JSON kinds (a string or an
/// object, say), or, when [`by_rule`](Self::by_rule), are told apart by the exact rule of the
/// runtime's `untagged` module, from the [`MemberShape`] of each.
#[derive(Debug, PartialEq)]
pub(crate) struct KindUnionDef {
    pub(crate) variants: Vec<KindVariant>,
    /// Members share a JSON kind: the value is read by the rule, not by its kind alone.
    pub(crate) by_rule: bool,
    /// A value the rule gives no member is kept as `Unknown` (response side, for a union read by
    /// the rule).
    pub(crate) open: bool,
}

#[derive(Debug, PartialEq)]
pub(crate) struct KindVariant {
    pub(crate) kind: JsonKind,
    pub(crate) rust_name: String,
    pub(crate) ty: TypeRef,
    pub(crate) constraints: Constraints,
    pub(crate) storage: Storage,
    /// What sets the member apart from others of its kind.
    pub(crate) shape: MemberShape,
}

/// What the rule reads of a union member beside its JSON kind (the runtime's `Shape`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct MemberShape {
    /// A string member's enum values; empty when it reads any string.
    pub(crate) values: Vec<String>,
    /// An array member's item kind, when its items have one.
    pub(crate) items: Option<JsonKind>,
    /// An object member's required properties.
    pub(crate) required: Vec<String>,
    /// Every property an object member declares.
    pub(crate) declared: Vec<String>,
    /// An object member's properties that allow one string value, with that value.
    pub(crate) constants: Vec<(String, String)>,
    /// The same one level down: (property, its property, the one value).
    pub(crate) nested_constants: Vec<(String, String, String)>,
    /// An object member's properties whose values have one JSON kind, with that kind.
    pub(crate) kinds: Vec<(String, JsonKind)>,
}

/// What a JSON value is, as far as telling union members apart goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum JsonKind {
    Boolean,
    Integer,
    Number,
    String,
    Array,
    Object,
}

impl JsonKind {
    pub(crate) fn describe(self) -> &'static str {
        match self {
            Self::Boolean => "a boolean",
            Self::Integer => "an integer",
            Self::Number => "a number",
            Self::String => "a string",
            Self::Array => "an array",
            Self::Object => "an object",
        }
    }
}

/// How a value is typed where it is used.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum TypeRef {
    String,
    I32,
    I64,
    F64,
    Bool,
    Timestamp,
    /// Any JSON value.
    Json,
    Named(TypeId),
    Array(Box<TypeRef>),
    Map(Box<TypeRef>),
    /// A value that may be `null` where `null` is a value of its own (array items, map values).
    Nullable(Box<TypeRef>),
    /// `type: string, format: binary`: a file's bytes (`FilePart`, a part of a multipart body).
    File,
    /// A body of bytes with its media type (`Binary`: `application/octet-stream`, `image/png`).
    Binary,
}

impl TypeRef {
    /// Whether the type is, or holds in a list, map or `null`able slot, a timestamp.
    pub(crate) fn holds_timestamp(&self) -> bool {
        match self {
            Self::Timestamp => true,
            Self::Array(inner) | Self::Map(inner) | Self::Nullable(inner) => inner.holds_timestamp(),
            Self::String
            | Self::I32
            | Self::I64
            | Self::F64
            | Self::Bool
            | Self::Json
            | Self::Named(_)
            | Self::File
            | Self::Binary => false,
        }
    }

    /// Makes every named type it mentions the one `replace` gives for it.
    pub(crate) fn replace_named(&mut self, replace: &dyn Fn(TypeId) -> TypeId) {
        match self {
            Self::Named(id) => *id = replace(*id),
            Self::Array(inner) | Self::Map(inner) | Self::Nullable(inner) => inner.replace_named(replace),
            Self::String
            | Self::I32
            | Self::I64
            | Self::F64
            | Self::Bool
            | Self::Timestamp
            | Self::Json
            | Self::File
            | Self::Binary => {}
        }
    }

    /// The named types this type mentions, and whether each is stored inline (not behind a
    /// `Vec` or map, which already give indirection).
    pub(crate) fn visit_named(&self, inline: bool, visit: &mut dyn FnMut(TypeId, bool)) {
        match self {
            Self::Named(id) => visit(*id, inline),
            Self::Array(inner) | Self::Map(inner) => inner.visit_named(false, visit),
            Self::Nullable(inner) => inner.visit_named(inline, visit),
            Self::String
            | Self::I32
            | Self::I64
            | Self::F64
            | Self::Bool
            | Self::Timestamp
            | Self::Json
            | Self::File
            | Self::Binary => {}
        }
    }
}

#[derive(Debug)]
#[allow(clippy::struct_field_names, reason = "`operation_id` is the OpenAPI keyword's name")]
pub(crate) struct Operation {
    pub(crate) operation_id: String,
    /// Where the operation is written (`/paths/~1pets/post`).
    pub(crate) pointer: crate::Pointer,
    /// The Rust names of the operation and what is named after it, decided by the name registry.
    pub(crate) names: OperationNames,
    pub(crate) method: Method,
    pub(crate) path: String,
    pub(crate) parameters: Vec<Parameter>,
    /// The query parameters as one struct, if there are any.
    pub(crate) query: Option<TypeId>,
    /// The path parameters as one struct, if there are any.
    pub(crate) path_parameters: Option<TypeId>,
    /// The header parameters as one struct, if there are any.
    pub(crate) headers: Option<TypeId>,
    pub(crate) summary: Option<Docs>,
    pub(crate) description: Option<Docs>,
    /// The operation's `tags`, in the document's order.
    pub(crate) tags: Vec<String>,
    /// `x-rust-method`: the name of the operation's method on its resource in the client,
    /// instead of the one made from its method and path.
    pub(crate) client_method: Option<String>,
    pub(crate) request_body: Option<TypeRef>,
    /// The media types the body may be sent as, the default first; more than one gives the
    /// request a `content_type` to choose with.
    pub(crate) request_media: Vec<Media>,
    /// Every documented response, in status order (codes, then ranges, then `default`).
    pub(crate) responses: Vec<Response>,
    /// Whether the request body's type implements `Validate`, so the request checks it
    /// (decided by `lower/facts.rs`).
    pub(crate) body_validates: bool,
    /// How its responses page, if they do (decided by `lower/paging.rs`).
    pub(crate) pagination: Option<Pagination>,
}

/// How an operation walks from one page to the next: which list of the page is its items, and
/// what in the page (or its headers) makes the next request. Decided by `lower/paging.rs` from
/// the operation's `x-pagination`, Stainless's markers, or the shape of its query and page.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Pagination {
    /// The page's items, if it has one list of them.
    pub(crate) items: Option<PageItems>,
    pub(crate) walk: Walk,
}

/// Where a page holds its items.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PageItems {
    /// The page's field that holds them; `None` when the page is the list itself.
    pub(crate) field: Option<Step>,
    /// One item.
    pub(crate) item: TypeRef,
}

/// One field on the way to a value, with what holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Step {
    /// The field's Rust name.
    pub(crate) member: String,
    pub(crate) holder: Holder,
}

/// A query parameter the walk reads or sets: its field in the query struct.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct QueryField {
    /// Its wire name.
    pub(crate) name: String,
    pub(crate) field: Step,
    /// The spec's `default`, when it is an integer: the value the server takes when the field is
    /// unset.
    pub(crate) default: Option<i64>,
    /// Its type: `String` (a cursor), `I32` or `I64`.
    pub(crate) ty: TypeRef,
}

/// A value of a page, at the end of a path of fields, with its type.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PageValue {
    pub(crate) steps: Vec<Step>,
    pub(crate) ty: TypeRef,
}

/// How the next request is made from a page.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Walk {
    /// The page names the next page's cursor (`next_cursor`, `next_page.offset`); the walk sets
    /// `parameter` to it, and ends on a page without one.
    Cursor { next: Vec<Step>, parameter: QueryField },
    /// The page says whether more follow (`has_more`); the next starts after the last item's
    /// `id`, which the walk sets `parameter` to.
    AfterLastItem { has_more: Vec<Step>, id: Step, parameter: QueryField },
    /// The next request starts `offset` items further on, by the number of items of this page.
    Offset { offset: QueryField, limit: Option<QueryField>, ends: PageEnds },
    /// The next request asks for the next page number.
    Page { page: QueryField, size: Option<QueryField>, ends: PageEnds },
    /// The response's `Link` header (RFC 8288) names the next page's URL, whose `parameter`
    /// the walk sets.
    Link { parameter: QueryField },
}

impl Walk {
    /// The shape's name, as `cargo xtask corpus` counts them.
    pub(crate) fn style(&self) -> &'static str {
        match self {
            Self::Cursor { .. } => "cursor",
            Self::AfterLastItem { .. } => "after last item",
            Self::Offset { .. } => "offset",
            Self::Page { .. } => "page",
            Self::Link { .. } => "link",
        }
    }
}

/// What in an offset or numbered page tells the walk that it was the last, besides having no
/// items. With none of them, a page with fewer items than asked for is the last.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct PageEnds {
    /// A boolean that is `false` on the last page (`has_more`, `more`).
    pub(crate) more: Option<Vec<Step>>,
    /// The number of items of every page (`total`).
    pub(crate) total: Option<PageValue>,
    /// The number of pages (`total_pages`).
    pub(crate) pages: Option<PageValue>,
}

impl PageEnds {
    /// Whether the page says nothing of being the last.
    pub(crate) fn is_empty(&self) -> bool {
        self.more.is_none() && self.total.is_none() && self.pages.is_none()
    }
}

/// A security scheme of the document, as a client sends its credential.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SecurityScheme {
    /// Its key in `components.securitySchemes`.
    pub(crate) name: String,
    pub(crate) credential: CredentialKind,
    /// How the client fills it in, named by the name registry.
    pub(crate) names: CredentialNames,
}

/// The names a client fills a security scheme's credential in by (decided by `lower/client.rs`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct CredentialNames {
    /// The `ClientBuilder` method that sets it (`bearer_token`).
    pub(crate) method: String,
    /// The environment variables `Client::from_env` reads it from (`ANTHROPIC_API_KEY`; a user
    /// and a password for basic authentication).
    pub(crate) variables: Vec<String>,
}

/// What a security scheme's credential is and where it goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum CredentialKind {
    /// `type: apiKey`: a key in the header, query parameter or cookie `name`.
    ApiKey { location: ApiKeyLocation, name: String },
    /// `type: http, scheme: bearer`, and OAuth 2 and `OpenID` Connect, whose access token is a
    /// bearer token.
    Bearer,
    /// `type: http, scheme: basic`.
    Basic,
}

/// Where an API key goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ApiKeyLocation {
    Header,
    Query,
    Cookie,
}

/// The Rust names an operation defines, each unique in its module.
#[derive(Debug, Default)]
pub(crate) struct OperationNames {
    /// The request type, in `operations` (`CreatePet`).
    pub(crate) request: String,
    /// The arguments of the request's `new` (and of its client method), in order.
    pub(crate) arguments: Vec<Argument>,
    /// The enum of its successes by status, in `operations`, when their bodies differ.
    pub(crate) success: Option<String>,
    /// The enum of its errors by status, in `operations`, when their bodies differ.
    pub(crate) error: Option<String>,
    /// The enum of the media types its body may be sent as, in `operations`, when it has
    /// several.
    pub(crate) content_type: Option<String>,
}

/// An argument of an operation's `new`: what a request cannot be sent without. Optional
/// parameters are not arguments: they start unset, and a caller sets them through the request's
/// fields (or a client call's setters).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Argument {
    /// Its name: the parameter's member (`deployment_id`), or `body`; unique among the
    /// operation's arguments.
    pub(crate) name: String,
    pub(crate) fills: Fills,
}

/// What an [`Argument`] fills in the request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Fills {
    /// A required parameter: the field at this index of the part's struct.
    Parameter { part: ParameterLocation, field: usize },
    /// The body.
    Body,
}

/// How a body is written on the wire, decided by its media type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Encoding {
    /// `application/json`, `*+json`.
    Json,
    /// `application/x-www-form-urlencoded`.
    Form,
    /// `multipart/*`.
    Multipart,
    /// `text/event-stream`: a list of events.
    EventStream,
    /// `text/*`: a string.
    Text,
    /// Anything else: bytes.
    Binary,
}

/// A media type without its parameters, in lower case (`Application/JSON; charset=utf-8` →
/// `application/json`): what media types are compared, and named, by.
pub(crate) fn media_essence(media_type: &str) -> String {
    media_type.split(';').next().unwrap_or_default().trim().to_ascii_lowercase()
}

/// One media type a body is sent or read as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Media {
    /// As the spec writes it (`application/json`, `image/png`).
    pub(crate) name: String,
    pub(crate) encoding: Encoding,
    /// `multipart/form-data`: the media type the spec's `encoding` gives a property's part.
    pub(crate) part_types: Vec<(String, String)>,
    /// `text/event-stream`: the spec's type describes the whole event (it declares `data`), not
    /// the JSON of its data.
    pub(crate) whole_events: bool,
}

/// One documented response of an operation.
#[derive(Debug)]
pub(crate) struct Response {
    pub(crate) status: Status,
    /// The body, if the response has one the generator types.
    pub(crate) body: Option<TypeRef>,
    /// How the body is read.
    pub(crate) media: Option<Media>,
    pub(crate) description: Option<Docs>,
}

/// The key of a response in the spec: a status code, a range of them, or `default`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Status {
    /// One status code (`404`).
    Code(u16),
    /// Every code with this first digit (`4XX` is `Range(4)`).
    Range(u16),
    /// Every status no other response of the operation names.
    Default,
}

impl Status {
    /// Whether the status (or every status of the range) is a success (2xx).
    pub(crate) fn is_success(self) -> bool {
        match self {
            Self::Code(code) => (200..300).contains(&code),
            Self::Range(digit) => digit == 2,
            Self::Default => false,
        }
    }

    /// The order responses are kept in: codes, ranges, then `default`, each by number, as the
    /// generated code matches them (a code before the range that holds it).
    pub(crate) fn order(self) -> (u8, u16) {
        match self {
            Self::Code(code) => (0, code),
            Self::Range(digit) => (1, digit),
            Self::Default => (2, 0),
        }
    }
}

impl std::fmt::Display for Status {
    /// As the spec writes it: `404`, `4XX`, `default`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Code(code) => write!(f, "{code}"),
            Self::Range(digit) => write!(f, "{digit}XX"),
            Self::Default => f.write_str("default"),
        }
    }
}

#[derive(Debug)]
pub(crate) struct Parameter {
    pub(crate) name: String,
    pub(crate) location: ParameterLocation,
    pub(crate) required: bool,
    pub(crate) docs: Option<Docs>,
    pub(crate) default: Option<serde_json::Value>,
    pub(crate) lifecycle: Lifecycle,
    pub(crate) constraints: Constraints,
    pub(crate) ty: TypeRef,
    /// A required parameter with one allowed value: always sent, never set.
    pub(crate) constant: Option<String>,
    /// `x-required-value`: a value a list parameter always carries, besides the caller's.
    pub(crate) required_value: Option<String>,
    /// A header sent as a comma-separated list (an array, in OpenAPI's `simple` style, or one
    /// with a required value): a client adds its default and per-call values to it rather than
    /// replacing it. Decided by `lower/transport.rs`.
    pub(crate) list: bool,
    /// Whether it is the query parameter that takes the next page's cursor.
    pub(crate) paging: Paging,
    /// How a query parameter is written (`Form` for the others).
    pub(crate) style: QueryStyle,
}
