//! The public API of a generated crate, read from its IR without emitting it: every item a
//! downstream crate can name (types with their fields, variants and limits, operations with
//! their request fields and response types, client methods, cargo features), keyed by the path a
//! user writes, each with the JSON pointer of the spec node it comes from. Two surfaces are
//! compared by `diff.rs`; this file only reads what lowering decided, the same facts the
//! emitters print.

use std::collections::{BTreeMap, BTreeSet};

use crate::Pointer;
use crate::ident;
use crate::ir::{
    Bound, Constraints, Field, Holder, Ir, Number, Operation, Presence, Purpose, Storage, StructDef, TypeDef, TypeKind,
    TypeModule, TypeRef, media_essence,
};

/// Everything of a generated crate's public API that a spec change can change.
#[derive(Debug, Default)]
pub(super) struct Surface {
    /// By path (`Deployment`, `operations::BetaListDeploymentsQuery`).
    pub(super) types: BTreeMap<String, TypeItem>,
    /// By request type (`operations::BetaCreateDeployment`).
    pub(super) operations: BTreeMap<String, OperationItem>,
    /// The resources' cargo features (internal `_shared_<n>` groups are nobody's API).
    pub(super) features: BTreeMap<String, Pointer>,
    /// Methods of the client (`client::Deployments::list`, `client::ClientBuilder::bearer_token`)
    /// and of the calls they return (`….list().limit`), each with where it comes from.
    pub(super) methods: BTreeMap<String, Pointer>,
}

#[derive(Debug)]
pub(super) struct TypeItem {
    pub(super) pointer: Pointer,
    /// Where its variants are listed (an enum's `enum`), or the type's own pointer.
    pub(super) variants_pointer: Pointer,
    pub(super) shape: Shape,
    /// Its typestate builder (`builders::CreateDeploymentParamsBuilder`), if it has one.
    pub(super) builder: Option<String>,
    /// What sets its required fields outside the crate: its builder, or for a parameter struct
    /// the `new` of the (first) operation that holds it.
    pub(super) built_by: Option<BuiltBy>,
    /// A struct that is `#[non_exhaustive]` ([`crate::ir::STRUCTS_NON_EXHAUSTIVE`]): no struct
    /// literal of it compiles outside the crate. `false` for the other kinds, whose openness is
    /// their catch-all variant.
    pub(super) non_exhaustive: bool,
    /// A struct that implements `Default` (one without a field a caller must set).
    pub(super) default: bool,
    /// The resource features any of which compiles it (all of them for a type that is not
    /// gated); `None` in a crate without features.
    pub(super) features: Option<BTreeSet<String>>,
}

/// What a type is, as far as code that uses it can tell.
#[derive(Debug, PartialEq)]
pub(super) enum Shape {
    Struct(Vec<FieldItem>),
    /// An enum of values, a union, a choice or a body by media type: variants a `match` names.
    Enum {
        /// What it is, for messages (`enum`, `tagged union`).
        what: &'static str,
        variants: Vec<Variant>,
        /// The variant that keeps what the spec does not list (`Other`, `Unknown`), if any.
        catch_all: Option<&'static str>,
    },
    Alias(String),
}

impl Shape {
    pub(super) fn describe(&self) -> &'static str {
        match self {
            Self::Struct(_) => "struct",
            Self::Enum { what, .. } => what,
            Self::Alias(_) => "type alias",
        }
    }
}

/// A variant, keyed by what the spec writes (an enum value, a tag value, a media type), or by
/// its Rust name when the spec names nothing.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Variant {
    pub(super) key: String,
    pub(super) rust_name: String,
    /// The type it holds, if it holds one.
    pub(super) holds: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub(super) struct FieldItem {
    pub(super) rust_name: String,
    /// The property's name on the wire: the same field under another name is another payload.
    pub(super) wire_name: String,
    /// The Rust type of the value, without what holds it (`Schedule`).
    pub(super) value_type: String,
    pub(super) presence: Presence,
    pub(super) limits: Vec<Limit>,
    /// Where the property is written (`…/properties/schedule`); for a parameter struct, the
    /// operation's parameters.
    pub(super) pointer: Pointer,
    /// The object's `required` list, where requiredness is decided.
    pub(super) required_pointer: Pointer,
    /// A field of a parameter struct: [`pointer`](Self::pointer) is the operation's parameter
    /// list, not the property, so its limits' keywords are not below it.
    pub(super) parameter: bool,
    /// A builder must set it before `build()` compiles: a required field not of one value, or a
    /// held choice (not the member that keeps the rest of the object, which `build()` leaves
    /// empty).
    pub(super) must_set: bool,
}

impl FieldItem {
    /// The field's whole Rust type (`Option<Schedule>`).
    pub(super) fn rust_type(&self) -> String {
        match self.presence.holder() {
            Holder::Plain => self.value_type.clone(),
            Holder::Option => format!("Option<{}>", self.value_type),
            Holder::Nullable => format!("Nullable<{}>", self.value_type),
        }
    }
}

/// One limit of a value, as `validate` checks it and a `pub const` of its type declares it.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Limit {
    /// The keyword's path below the property (`maxLength`, `items/maxLength`).
    pub(super) keyword: String,
    /// The name of the `pub const` that declares it (`NAME_MAX_LENGTH`), if one does.
    pub(super) constant: Option<String>,
    pub(super) value: LimitValue,
}

/// How a limit constrains values, which says whether a new value narrows or widens it.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum LimitValue {
    /// Values below it are rejected (`minLength`, `minimum`): raising it narrows. The flag is
    /// whether the bound itself is excluded.
    Lower(f64, bool, String),
    /// Values above it are rejected (`maxLength`, `maximum`): lowering it narrows.
    Upper(f64, bool, String),
    /// Values must match it (`pattern`, `multipleOf`, a checked format, `uniqueItems`): any other
    /// value may reject what it accepted.
    Exact(String),
}

impl LimitValue {
    pub(super) fn shown(&self) -> &str {
        match self {
            Self::Lower(_, _, shown) | Self::Upper(_, _, shown) | Self::Exact(shown) => shown,
        }
    }
}

#[derive(Debug)]
pub(super) struct OperationItem {
    pub(super) pointer: Pointer,
    /// `POST /v1/deployments`.
    pub(super) route: String,
    /// The request type's fields (`path`, `query`, `headers`, `body`) with their types; the
    /// `content_type` field is the media types' concern.
    pub(super) fields: Vec<RequestPart>,
    /// The arguments of the request's `new` (and of its client method), each with its type.
    pub(super) arguments: Vec<(String, String)>,
    /// The request type is `#[non_exhaustive]` ([`crate::ir::STRUCTS_NON_EXHAUSTIVE`]).
    pub(super) non_exhaustive: bool,
    /// The media types the body may be sent as, essences, the default first.
    pub(super) request_media: Vec<String>,
    /// The enum `content_type` chooses with, when there are several.
    pub(super) content_type: Option<String>,
    /// The resource feature that compiles it.
    pub(super) feature: Option<String>,
    pub(super) success: Side,
    pub(super) error: Side,
}

/// What code outside the crate sets a struct's required fields through.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum BuiltBy {
    /// Its typestate builder (`CreateDeploymentParamsBuilder`), whose `build()` compiles once
    /// each is set.
    Builder(String),
    /// An operation's `new` (`operations::CreateDeployment::new`), which takes each required
    /// parameter as an argument.
    Constructor(String),
}

impl BuiltBy {
    /// The item, as code names it.
    pub(super) fn path(&self) -> String {
        match self {
            Self::Builder(builder) => format!("builders::{builder}"),
            Self::Constructor(constructor) => constructor.clone(),
        }
    }

    /// What a required field added to the struct asks of it.
    pub(super) fn must_set(&self) -> String {
        match self {
            Self::Builder(builder) => format!("`builders::{builder}` must set it before `build()` compiles"),
            Self::Constructor(constructor) => format!("`{constructor}` takes it as a new argument"),
        }
    }
}

/// A field of an operation's request type: a parameter struct or the body.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct RequestPart {
    /// `path`, `query`, `headers` or `body`.
    pub(super) member: String,
    pub(super) rust_type: String,
    /// The request's `new` takes something of it as an argument: the body, or a parameter
    /// struct's required parameters not of one value.
    pub(super) must_set: bool,
}

/// One side of an operation's responses: its `type Response` or `type Error`.
#[derive(Debug, PartialEq)]
pub(super) struct Side {
    /// The associated type as code names it.
    pub(super) rust_type: String,
    /// Whether it is an enum by status, whose variants are the statuses.
    pub(super) by_status: bool,
    /// Each documented status with the body it is read as and its media type.
    pub(super) statuses: BTreeMap<String, (String, Option<String>)>,
}

impl Surface {
    pub(super) fn of(ir: &Ir) -> Self {
        let mut surface = Self::default();
        let every_feature: BTreeSet<String> = ir.features.operations_by_feature.keys().cloned().collect();
        for id in ir.emitted_types() {
            let def = ir.get(id);
            let mut item = type_item(ir, def);
            // A group stands for its members, which is what a user turns on; an ungated type is
            // compiled by every feature (a build with no resource on is not a use to keep
            // compiling: it has no operation).
            item.features = match ir.features.of_type.get(&id) {
                Some(gate) => Some(
                    ir.features
                        .groups
                        .iter()
                        .find(|group| &group.name == gate)
                        .map_or_else(|| BTreeSet::from([gate.clone()]), |group| group.members.clone()),
                ),
                None if every_feature.is_empty() => None,
                None => Some(every_feature.clone()),
            };
            surface.types.insert(type_path(def), item);
        }
        for operation in &ir.operations {
            let constructor = BuiltBy::Constructor(format!("operations::{}::new", operation.names.request));
            for (_, id) in operation.parameter_structs() {
                if let Some(item) = surface.types.get_mut(&type_path(ir.get(id))) {
                    item.built_by.get_or_insert_with(|| constructor.clone());
                }
            }
            surface
                .operations
                .insert(format!("operations::{}", operation.names.request), operation_item(ir, operation));
        }
        let first_operation_of = |feature: &str| {
            ir.features.of_operation.iter().position(|f| f == feature).and_then(|index| ir.operations.get(index))
        };
        for feature in ir.features.operations_by_feature.keys() {
            let pointer = first_operation_of(feature).map(|operation| operation.pointer.clone()).unwrap_or_default();
            surface.features.insert(feature.clone(), pointer);
        }
        for resource in &ir.resources {
            let resource_pointer = first_operation_of(&resource.feature).map(|o| o.pointer.clone()).unwrap_or_default();
            surface.methods.insert(format!("client::Client::{}", resource.accessor), resource_pointer);
            for method in &resource.methods {
                let Some(operation) = ir.operations.get(method.operation) else { continue };
                let path = format!("client::{}::{}", resource.type_name, method.name);
                for setter in method.query_setters.values() {
                    surface.methods.insert(format!("{path}().{setter}"), operation.pointer.join("parameters"));
                }
                surface.methods.insert(path, operation.pointer.clone());
            }
        }
        for scheme in &ir.security {
            let pointer = Pointer::from_tokens(["components", "securitySchemes", scheme.name.as_str()]);
            surface.methods.insert(format!("client::ClientBuilder::{}", scheme.names.method), pointer);
        }
        surface
    }
}

/// The path a user names a type by: the spec's types are re-exported at the crate root
/// (`Deployment`), parameter structs live in `operations` (`operations::ListPetsQuery`).
pub(super) fn type_path(def: &TypeDef) -> String {
    match def.module() {
        TypeModule::Types => def.rust_name.clone(),
        TypeModule::Operations => format!("operations::{}", def.rust_name),
    }
}

fn type_item(ir: &Ir, def: &TypeDef) -> TypeItem {
    let shape = match &def.kind {
        TypeKind::Struct(s) => Shape::Struct(struct_fields(ir, def, s)),
        TypeKind::Enum(e) => Shape::Enum {
            what: "enum",
            variants: e
                .variants
                .iter()
                .map(|v| Variant { key: v.wire.clone(), rust_name: v.rust_name.clone(), holds: None })
                .collect(),
            catch_all: e.open.then_some("Other"),
        },
        TypeKind::TaggedUnion(u) => Shape::Enum {
            what: "tagged union",
            variants: u
                .variants
                .iter()
                .map(|v| Variant {
                    key: v.tag_value.clone(),
                    rust_name: v.rust_name.clone(),
                    holds: Some(boxed(ir.get(v.ty).rust_name.clone(), v.storage)),
                })
                .collect(),
            catch_all: u.open.then_some("Unknown"),
        },
        TypeKind::KindUnion(u) => Shape::Enum {
            what: "union",
            variants: u
                .variants
                .iter()
                .map(|v| Variant {
                    key: v.rust_name.clone(),
                    rust_name: v.rust_name.clone(),
                    holds: Some(boxed(shown(ir, &v.ty), v.storage)),
                })
                .collect(),
            catch_all: u.open.then_some("Unknown"),
        },
        TypeKind::Choice(c) => Shape::Enum {
            what: "choice",
            variants: c
                .variants
                .iter()
                .map(|v| Variant {
                    key: v.wire_name.clone(),
                    rust_name: v.rust_name.clone(),
                    holds: Some(boxed(shown(ir, &v.ty), v.storage)),
                })
                .collect(),
            catch_all: None,
        },
        TypeKind::ByMedia(m) => Shape::Enum {
            what: "body by media type",
            variants: m
                .variants
                .iter()
                .map(|v| Variant {
                    key: media_essence(&v.media.name),
                    rust_name: v.rust_name.clone(),
                    holds: Some(shown(ir, &v.ty)),
                })
                .collect(),
            catch_all: None,
        },
        TypeKind::Alias(target) => Shape::Alias(shown(ir, target)),
    };
    let variants_pointer = match &def.kind {
        TypeKind::Enum(_) => def.pointer.join("enum"),
        _ => def.pointer.clone(),
    };
    let builder = def.builder.as_ref().map(|name| format!("{name}Builder"));
    TypeItem {
        pointer: def.pointer.clone(),
        variants_pointer,
        non_exhaustive: matches!(shape, Shape::Struct(_)) && crate::ir::STRUCTS_NON_EXHAUSTIVE,
        shape,
        built_by: builder.clone().map(BuiltBy::Builder),
        builder,
        default: matches!(&def.kind, TypeKind::Struct(s) if crate::emit::derives_default(ir, s)),
        features: None,
    }
}

/// A struct's public fields: those it declares, its held choices, and the member that keeps the
/// rest of the object.
fn struct_fields(ir: &Ir, def: &TypeDef, s: &StructDef) -> Vec<FieldItem> {
    // A parameter struct's fields are the operation's parameters, which the IR keeps no
    // index of: they are shown at the list.
    let parameters = matches!(def.purpose, Purpose::Parameters(_));
    let declared = s.fields.iter().filter(|field| field.is_declared()).map(|field| {
        let pointer =
            if parameters { def.pointer.clone() } else { def.pointer.join("properties").join(&field.wire_name) };
        FieldItem {
            rust_name: field.rust_name.clone(),
            wire_name: field.wire_name.clone(),
            value_type: boxed(shown(ir, &field.ty), field.storage),
            presence: field.presence,
            limits: limits(&field.constraints, &constant_prefix(&field.wire_name)),
            required_pointer: if parameters { def.pointer.clone() } else { def.pointer.join("required") },
            pointer,
            parameter: parameters,
            must_set: must_set(ir, field),
        }
    });
    let held_choices = s.choices.iter().filter(|choice| choice.held).map(|choice| FieldItem {
        rust_name: choice.rust_name.clone(),
        wire_name: choice.rust_name.clone(),
        value_type: ir.get(choice.ty).rust_name.clone(),
        presence: Presence::Required,
        limits: Vec::new(),
        pointer: def.pointer.join("x-exactly-one-of"),
        required_pointer: def.pointer.join("x-exactly-one-of"),
        parameter: false,
        must_set: true,
    });
    let rest = match (&s.additional, &s.extra_fields) {
        (Some(values), _) => Some(("additional_properties", format!("BTreeMap<String, {}>", shown(ir, values)))),
        (None, Some(member)) => Some((member.as_str(), "ExtraFields".to_owned())),
        (None, None) => None,
    };
    let rest = rest.map(|(member, value_type)| FieldItem {
        rust_name: member.to_owned(),
        wire_name: member.to_owned(),
        value_type,
        presence: Presence::Required,
        limits: Vec::new(),
        pointer: def.pointer.join("additionalProperties"),
        required_pointer: def.pointer.join("additionalProperties"),
        parameter: false,
        must_set: false,
    });
    declared.chain(held_choices).chain(rest).collect()
}

fn operation_item(ir: &Ir, operation: &Operation) -> OperationItem {
    let mut fields: Vec<RequestPart> = operation
        .parameter_structs()
        .map(|(location, id)| {
            let def = ir.get(id);
            let must_set =
                matches!(&def.kind, TypeKind::Struct(s) if s.fields.iter().any(|f| f.is_declared() && must_set(ir, f)));
            RequestPart { member: location.request_field().to_owned(), rust_type: type_path(def), must_set }
        })
        .collect();
    if let Some(body) = &operation.request_body {
        fields.push(RequestPart { member: "body".to_owned(), rust_type: shown(ir, body), must_set: true });
    }
    let arguments = operation
        .names
        .arguments
        .iter()
        .map(|argument| {
            let ty = operation.argument_type(ir, argument).map(|(ty, _)| shown(ir, ty)).unwrap_or_default();
            (ident::unraw(&argument.name).to_owned(), ty)
        })
        .collect();
    let (successes, errors, _) = operation.response_sides();
    let side = |responses: &[&crate::ir::Response], enum_name: Option<&String>, none: &str| {
        let statuses: BTreeMap<String, (String, Option<String>)> = responses
            .iter()
            .map(|response| {
                let body = response.body.as_ref().map_or_else(|| "()".to_owned(), |body| shown(ir, body));
                (response.status.to_string(), (body, response.media.as_ref().map(|media| media_essence(&media.name))))
            })
            .collect();
        let rust_type = match enum_name {
            Some(name) => format!("operations::{name}"),
            None => statuses.values().next().map_or_else(|| none.to_owned(), |(body, _)| body.clone()),
        };
        Side { rust_type, by_status: enum_name.is_some(), statuses }
    };
    let no_error = if errors.is_empty() { "Infallible" } else { "()" };
    OperationItem {
        pointer: operation.pointer.clone(),
        route: format!("{} {}", operation.method.as_str(), operation.path),
        fields,
        arguments,
        non_exhaustive: crate::ir::STRUCTS_NON_EXHAUSTIVE,
        request_media: operation.request_media.iter().map(|media| media_essence(&media.name)).collect(),
        content_type: operation.names.content_type.as_ref().map(|name| format!("operations::{name}")),
        feature: None,
        success: side(&successes, operation.names.success.as_ref(), "()"),
        error: side(&errors, operation.names.error.as_ref(), no_error),
    }
}

/// Whether a builder must set the field: it is required and has more than one value (a
/// one-value field is filled in by `build()`), as `emit/builders.rs` makes its slots.
fn must_set(ir: &Ir, field: &Field) -> bool {
    // Required and nullable is not: `None` is a value (written as `null`), where it starts.
    field.presence == Presence::Required && !ir.is_constant(&field.ty)
}

/// A type as a user reads it in the docs (`Vec<Schedule>`): the paths the emitted code spells
/// out (`::std::vec::Vec`) say nothing more here.
pub(super) fn shown(ir: &Ir, ty: &TypeRef) -> String {
    match ty {
        TypeRef::String => "String".to_owned(),
        TypeRef::I32 => "i32".to_owned(),
        TypeRef::I64 => "i64".to_owned(),
        TypeRef::F64 => "f64".to_owned(),
        TypeRef::Bool => "bool".to_owned(),
        TypeRef::Timestamp => "jiff::Timestamp".to_owned(),
        TypeRef::Json => "serde_json::Value".to_owned(),
        TypeRef::File => "FilePart".to_owned(),
        TypeRef::Binary => "Binary".to_owned(),
        TypeRef::Named(id) => ir.get(*id).rust_name.clone(),
        TypeRef::Array(inner) => format!("Vec<{}>", shown(ir, inner)),
        TypeRef::Map(inner) => format!("BTreeMap<String, {}>", shown(ir, inner)),
        TypeRef::Nullable(inner) => format!("Option<{}>", shown(ir, inner)),
    }
}

fn boxed(shown: String, storage: Storage) -> String {
    match storage {
        Storage::Inline => shown,
        Storage::Boxed => format!("Box<{shown}>"),
    }
}

/// What the names of a property's `pub const` limits start with (`VAULT_IDS`), as
/// `emit/validate.rs` names them.
fn constant_prefix(wire_name: &str) -> String {
    crate::ident::snake_case(wire_name).to_uppercase()
}

/// The limits of one value and, one level down each, of its items, keys and values, in a fixed
/// order.
fn limits(c: &Constraints, prefix: &str) -> Vec<Limit> {
    let mut found = Vec::new();
    collect_limits(c, "", prefix, &mut found);
    found
}

fn collect_limits(c: &Constraints, path: &str, prefix: &str, found: &mut Vec<Limit>) {
    let mut push = |keyword: &str, suffix: Option<&str>, value: LimitValue| {
        found.push(Limit {
            keyword: format!("{path}{keyword}"),
            constant: suffix.map(|suffix| format!("{prefix}_{suffix}")),
            value,
        });
    };
    let counts = [
        (c.min_length, c.max_length, "Length", "LENGTH"),
        (c.min_items, c.max_items, "Items", "ITEMS"),
        (c.min_properties, c.max_properties, "Properties", "PROPERTIES"),
    ];
    for (min, max, keyword, suffix) in counts {
        if let Some(min) = min {
            #[allow(clippy::cast_precision_loss, reason = "only compared; counts are far below 2^52")]
            push(
                &format!("min{keyword}"),
                Some(&format!("MIN_{suffix}")),
                LimitValue::Lower(min as f64, false, min.to_string()),
            );
        }
        if let Some(max) = max {
            #[allow(clippy::cast_precision_loss, reason = "only compared; counts are far below 2^52")]
            push(
                &format!("max{keyword}"),
                Some(&format!("MAX_{suffix}")),
                LimitValue::Upper(max as f64, false, max.to_string()),
            );
        }
    }
    if let Some(bound) = c.minimum {
        let (value, shown) = number(bound);
        push("minimum", Some("MINIMUM"), LimitValue::Lower(value, bound.exclusive, shown));
    }
    if let Some(bound) = c.maximum {
        let (value, shown) = number(bound);
        push("maximum", Some("MAXIMUM"), LimitValue::Upper(value, bound.exclusive, shown));
    }
    if let Some(factor) = c.multiple_of {
        push("multipleOf", Some("MULTIPLE_OF"), LimitValue::Exact(number(Bound { value: factor, exclusive: false }).1));
    }
    if let Some(pattern) = &c.pattern {
        push("pattern", Some("PATTERN"), LimitValue::Exact(pattern.clone()));
    }
    if c.unique_items {
        push("uniqueItems", None, LimitValue::Exact("true".to_owned()));
    }
    if let Some(format) = c.format {
        push("format", None, LimitValue::Exact(format!("{format:?}").to_lowercase()));
    }
    if !c.item_rules.is_empty() {
        push("x-item-rules", None, LimitValue::Exact(format!("{:?}", c.item_rules)));
    }
    let nested = [
        (&c.items, "items/", "ITEM"),
        (&c.keys, "x-propertyNames/", "KEY"),
        (&c.values, "additionalProperties/", "VALUE"),
    ];
    for (inner, keyword, suffix) in nested {
        if let Some(inner) = inner {
            collect_limits(inner, &format!("{path}{keyword}"), &format!("{prefix}_{suffix}"), found);
        }
    }
}

/// A bound as a number to compare and as the spec writes it.
fn number(bound: Bound) -> (f64, String) {
    let shown = |value: String| if bound.exclusive { format!("{value} (exclusive)") } else { value };
    match bound.value {
        #[allow(clippy::cast_precision_loss, reason = "only compared; a bound past 2^52 is compared approximately")]
        Number::Integer(value) => (value as f64, shown(value.to_string())),
        Number::Float(value) => (value, shown(value.to_string())),
    }
}
