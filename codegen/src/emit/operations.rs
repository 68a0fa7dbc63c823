//! One request type per operation: its parameter structs and body, how it becomes an
//! `http::Request`, what its responses decode into, and how to get the next page.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::qualified_type_tokens;
use crate::docs::code_span;
use crate::ident::{self, ident};
use crate::ir::{
    Docs, Encoding, Fills, Holder, Ir, Media, Operation, Parameter, ParameterLocation, QueryStyle, TypeKind, TypeRef,
};
use crate::prelude::{CLONE, COPY, DEFAULT, EQ, NONE, PARTIAL_EQ, RESULT, SOME, VALIDATOR, VEC};

pub(super) fn emit_operations(ir: &Ir, features: &super::features::Features) -> TokenStream {
    // Each parameter struct right after the first operation that holds it, under the features
    // that reach it (a struct several operations share compiles with any of them).
    let mut emitted_parameters = std::collections::BTreeSet::new();
    let operations = ir.operations.iter().enumerate().map(|(index, operation)| {
        let request = super::features::gate(emit_operation(ir, operation), features.of_operation(index).as_ref());
        let parameters: Vec<TokenStream> = operation
            .parameter_structs()
            .filter(|(_, id)| emitted_parameters.insert(*id))
            .map(|(_, id)| super::features::gate(super::emit_type(ir, ir.get(id)), features.of_type(id).as_ref()))
            .collect();
        quote! { #request #(#parameters)* }
    });
    // Each shared error body's `ErrorBody`, compiled with the operations whose error it is.
    let error_bodies = ir.error_bodies.iter().enumerate().map(|(index, body)| {
        super::features::gate(super::responses::error_body_impl(ir, body), features.of_error_body(index).as_ref())
    });
    quote! { #(#operations)* #(#error_bodies)* }
}

fn emit_operation(ir: &Ir, operation: &Operation) -> TokenStream {
    let name = ident(&operation.names.request);
    let method = ident(operation.method.as_str());
    let template = &operation.path;
    let route = Docs::generated(&code_span(&format!("{} {}", operation.method.as_str(), operation.path)));
    let docs = operation.summary.clone().unwrap_or_default().then(&route);
    let docs = docs.then(&operation.description.clone().unwrap_or_default()).outer();
    let RequestFields { fields, checks, parts, content_types } = request_fields(ir, operation);
    let non_exhaustive = crate::ir::STRUCTS_NON_EXHAUSTIVE.then(super::unions::non_exhaustive);
    // A request that takes no argument is its `Default` too (each part is then its own default),
    // as Rust's guidelines ask of a `new()` without one.
    let default = operation.names.arguments.is_empty().then(|| quote! { #DEFAULT, });
    let encode = encode_parameters(operation, &parts);
    let body = encode_request_body(ir, operation);
    let super::responses::ResponseTypes { success: response_ty, error: error_ty, items: response_items, parse } =
        super::responses::response_types(ir, operation);
    let validator = if checks.is_empty() {
        quote! { _validator }
    } else {
        quote! { validator }
    };
    let pagination = operation.pagination.as_ref().map(|pagination| super::paging::pagination(ir, pagination, &name));
    let streaming = streaming(ir, operation, &name);
    let accept = accept(ir, operation).map(|media_types| quote! { encoder.accept(#media_types); });
    let constructor = constructor(ir, operation);
    let lists: Vec<String> = operation.parameters.iter().filter(|p| p.list).map(|p| p.name.to_lowercase()).collect();
    let list_headers =
        (!lists.is_empty()).then(|| quote! { const LIST_HEADERS: &'static [&'static str] = &[#(#lists),*]; });
    quote! {
        #docs
        #[derive(::core::fmt::Debug, #CLONE, #PARTIAL_EQ, #default)]
        #non_exhaustive
        pub struct #name {
            #(#fields)*
        }

        #constructor

        impl Validate for #name {
            fn validate_into(&self, #validator: &mut #VALIDATOR) {
                #(#checks)*
            }
        }

        impl Operation for #name {
            type Response = #response_ty;
            type Error = #error_ty;
            const METHOD: ::http::Method = ::http::Method::#method;
            const PATH_TEMPLATE: &'static str = #template;
            #list_headers

            fn to_http_request(&self, base_url: &str) -> #RESULT<::http::Request<#VEC<u8>>, RequestError> {
                Validate::validate(self).map_err(RequestError::Invalid)?;
                let mut encoder = Encoder::default();
                #encode
                #accept
                encoder.finish(Self::METHOD, base_url, #body)
            }

            #parse
        }

        #response_items
        #pagination
        #streaming
        #content_types
    }
}

/// An operation's arguments ([`crate::ir::OperationNames::arguments`]) as a function takes them,
/// and how it turns them into its fields.
pub(super) struct Arguments {
    /// `name: impl Into<T>`, in order.
    pub(super) parameters: Vec<TokenStream>,
    /// The names, in order.
    pub(super) names: Vec<Ident>,
    /// The request type's fields (`path: …Path { … }`, `body`), filled from the arguments.
    fields: Vec<TokenStream>,
}

pub(super) fn arguments(ir: &Ir, operation: &Operation) -> Arguments {
    let mut parameters = Vec::new();
    let mut names = Vec::new();
    let mut converted = Vec::new();
    for argument in &operation.names.arguments {
        let name = ident(&argument.name);
        let Some((ty, storage)) = operation.argument_type(ir, argument) else { continue };
        let (input, convert) = super::builders::conversion(ir, ty, storage, &name);
        parameters.push(quote! { #name: #input });
        converted.push((argument.fills, convert));
        names.push(name);
    }
    let value_of = |wanted: Fills| converted.iter().find(|(fills, _)| *fills == wanted).map(|(_, value)| value);
    let mut fields = Vec::new();
    for (part, id) in operation.parameter_structs() {
        let member = ident(part.request_field());
        let def = ir.get(id);
        let TypeKind::Struct(s) = &def.kind else { continue };
        let filled: Vec<TokenStream> = s
            .fields
            .iter()
            .enumerate()
            .filter(|(_, field)| field.is_declared())
            .map(|(index, field)| {
                let field_member = ident(&field.rust_name);
                let value = value_of(Fills::Parameter { part, field: index })
                    .cloned()
                    .unwrap_or_else(|| quote! { #DEFAULT::default() });
                quote! { #field_member: #value }
            })
            .collect();
        let takes_argument = operation
            .names
            .arguments
            .iter()
            .any(|argument| matches!(argument.fills, Fills::Parameter { part: taken, .. } if taken == part));
        // A part no argument fills is its default, when it has one: one line, not one a field.
        if !takes_argument && super::structs::derives_default(ir, s) {
            fields.push(quote! { #member: #DEFAULT::default() });
        } else {
            let ty = super::type_path(def);
            fields.push(quote! { #member: #ty { #(#filled),* } });
        }
    }
    if let Some(body) = value_of(Fills::Body) {
        fields.push(quote! { body: #body });
    }
    if operation.names.content_type.is_some() {
        fields.push(quote! { content_type: #DEFAULT::default() });
    }
    Arguments { parameters, names, fields }
}

/// `new`: the request from what it cannot be sent without, its optional parameters unset and
/// its body sent as the spec's preferred media type.
fn constructor(ir: &Ir, operation: &Operation) -> TokenStream {
    let name = ident(&operation.names.request);
    let Arguments { parameters, fields, .. } = arguments(ir, operation);
    let what = if operation.names.arguments.is_empty() {
        "The request."
    } else {
        "The request with what it cannot be sent without."
    };
    let optional = (operation.query.is_some() || operation.headers.is_some())
        .then(|| Docs::generated("Its optional parameters start unset: set them through its fields."));
    let docs = Docs::generated(what).then(&optional.unwrap_or_default()).outer();
    quote! {
        impl #name {
            #docs
            #[must_use]
            pub fn new(#(#parameters),*) -> Self {
                Self { #(#fields),* }
            }
        }
    }
}

/// The fields of a request type, what its `validate` checks, and its `content_type` enum.
struct RequestFields {
    fields: Vec<TokenStream>,
    checks: Vec<TokenStream>,
    /// The parameter structs the request holds, each with its field.
    parts: Vec<(ParameterLocation, Ident)>,
    content_types: Option<TokenStream>,
}

/// The parts of the request, each a field of the request type: its parameter structs, its
/// body, and the media type the body is sent as when it may be sent as several.
fn request_fields(ir: &Ir, operation: &Operation) -> RequestFields {
    let mut fields = Vec::new();
    let mut checks = Vec::new();
    let mut parts = Vec::new();
    for (location, id) in operation.parameter_structs() {
        let what = match location {
            ParameterLocation::Path => "The path parameters.",
            ParameterLocation::Query => "The query parameters.",
            ParameterLocation::Header => "The header parameters; the stub adds the ones every request needs.",
        };
        let member = ident(location.request_field());
        let ty = super::type_path(ir.get(id));
        let doc = format!(" {what}");
        fields.push(quote! { #[doc = #doc] pub #member: #ty, });
        checks.push(quote! { Validate::validate_into(&self.#member, validator); });
        parts.push((location, member));
    }
    if let Some(body) = &operation.request_body {
        let body_ty = qualified_type_tokens(ir, body);
        fields.push(quote! { #[doc = " The request body."] pub body: #body_ty, });
        if operation.body_validates {
            checks.push(quote! { Validate::validate_into(&self.body, validator); });
        }
    }
    let content_types = operation.names.content_type.as_deref().map(|name| {
        let name = ident(name);
        fields.push(quote! {
            /// The media type the body is sent as.
            pub content_type: #name,
        });
        content_type_enum(&name, &operation.request_media)
    });
    RequestFields { fields, checks, parts, content_types }
}

/// The statements of `to_http_request` that put the parameters in the request: the path, the
/// query (constant parameters first, then the struct, with each parameter's style) and the
/// headers (likewise).
fn encode_parameters(operation: &Operation, parts: &[(ParameterLocation, Ident)]) -> TokenStream {
    let member_of = |wanted: ParameterLocation| parts.iter().find(|(location, _)| *location == wanted).map(|(_, m)| m);
    let path_values = member_of(ParameterLocation::Path)
        .map_or_else(|| quote! { ::serde_json::Map::new() }, |member| quote! { parameters(&self.#member)? });
    let constants = operation.parameters.iter().filter_map(|p| p.constant.as_ref().map(|value| (p, value)));
    let constant_query = constants.clone().filter(|(p, _)| p.location == ParameterLocation::Query).map(|(p, value)| {
        let name = &p.name;
        quote! { encoder.query_pair(#name, #value); }
    });
    let constant_headers = constants.filter(|(p, _)| p.location == ParameterLocation::Header).map(|(p, value)| {
        let name = p.name.to_lowercase();
        quote! { encoder.header(#name, #NONE, #SOME(#value), #NONE); }
    });
    let query = member_of(ParameterLocation::Query).map(|member| {
        let styled = operation.parameters.iter().filter(|p| p.location == ParameterLocation::Query).filter_map(|p| {
            let style = match p.style {
                QueryStyle::Form => return None,
                QueryStyle::FormJoined => quote! { FormJoined },
                QueryStyle::SpaceDelimited => quote! { SpaceDelimited },
                QueryStyle::PipeDelimited => quote! { PipeDelimited },
                QueryStyle::DeepObject => quote! { DeepObject },
            };
            let name = &p.name;
            Some(quote! { (#name, QueryStyle::#style) })
        });
        quote! { encoder.query(&parameters(&self.#member)?, &[#(#styled),*]); }
    });
    let headers = member_of(ParameterLocation::Header).map(|member| {
        let each =
            operation.parameters.iter().filter(|p| p.location == ParameterLocation::Header && p.constant.is_none());
        let each = each.map(header_call);
        quote! {
            let headers = parameters(&self.#member)?;
            #(#each)*
        }
    });
    quote! {
        encoder.path(Self::PATH_TEMPLATE, &#path_values);
        #(#constant_query)*
        #query
        #(#constant_headers)*
        #headers
    }
}

/// The encoded body, an `Option`: in its one media type, or in the one `content_type` chooses
/// (several media types have the enum the registry named).
fn encode_request_body(ir: &Ir, operation: &Operation) -> TokenStream {
    match (operation.request_body.as_ref(), operation.names.content_type.as_deref(), operation.request_media.as_slice())
    {
        (Some(ty), None, [only]) => {
            let encoded = encode_body(ir, ty, only);
            quote! { #SOME(#encoded) }
        }
        (Some(ty), Some(name), several) => {
            let name = ident(name);
            let arms = several.iter().map(|media| {
                let variant = media_variant(media);
                let encoded = encode_body(ir, ty, media);
                quote! { #name::#variant => #encoded, }
            });
            quote! { #SOME(match self.content_type { #(#arms)* }) }
        }
        _ => quote! { #NONE },
    }
}

/// The `accept` header of a request whose successes are not (only) JSON: their media types,
/// JSON ones included, in status order, each once.
fn accept(ir: &Ir, operation: &Operation) -> Option<String> {
    let (successes, _, _) = operation.response_sides();
    let mut media: Vec<&Media> = Vec::new();
    for response in &successes {
        let by_media = match response.body.as_ref() {
            Some(TypeRef::Named(id)) => match &ir.get(*id).kind {
                TypeKind::ByMedia(by_media) => Some(by_media),
                _ => None,
            },
            _ => None,
        };
        match by_media {
            Some(by_media) => media.extend(by_media.variants.iter().map(|variant| &variant.media)),
            None => media.extend(response.media.as_ref()),
        }
    }
    let mut media_types: Vec<&str> = Vec::new();
    for name in media.iter().map(|media| media.name.as_str()) {
        if !media_types.contains(&name) {
            media_types.push(name);
        }
    }
    let only_json = media.iter().all(|media| media.encoding == Encoding::Json);
    (!only_json).then(|| media_types.join(", "))
}

/// The variant of a media type in a request's content type enum (`application/json` →
/// `ApplicationJson`).
fn media_variant(media: &Media) -> Ident {
    ident(&ident::type_name(&crate::ir::media_essence(&media.name)))
}

/// `{Request}ContentType`: the media types a body may be sent as, the spec's preferred one the
/// default.
fn content_type_enum(name: &Ident, media: &[Media]) -> TokenStream {
    let variants = media.iter().enumerate().map(|(index, media)| {
        let variant = media_variant(media);
        let doc = format!(" {}", code_span(&media.name));
        let default = (index == 0).then(|| quote! { #[default] });
        quote! { #[doc = #doc] #default #variant, }
    });
    let doc = format!(
        " The media types the body of [`{}`] may be sent as.",
        name.to_string().trim_end_matches("ContentType")
    );
    quote! {
        #[doc = #doc]
        #[derive(::core::fmt::Debug, #CLONE, #COPY, #PARTIAL_EQ, #EQ, #DEFAULT)]
        pub enum #name {
            #(#variants)*
        }
    }
}

/// The request body encoded as one media type: a `Body` expression.
fn encode_body(ir: &Ir, ty: &TypeRef, media: &Media) -> TokenStream {
    // A media range (`*/*`, `image/*`) names no media type to send.
    let media_type = if media.name.contains('*') { "application/octet-stream" } else { media.name.as_str() };
    match media.encoding {
        Encoding::Json => quote! { Body::json(&self.body)? },
        Encoding::Form => quote! { Body::form(&self.body)? },
        Encoding::Multipart => multipart_body(ir, ty, media),
        Encoding::Text if *ty == TypeRef::String => quote! { Body::text(&self.body, #media_type) },
        Encoding::Binary if *ty == TypeRef::Binary => quote! { Body::binary(&self.body, #media_type) },
        // The same body sent as another kind of media type: its JSON text.
        Encoding::Text | Encoding::Binary | Encoding::EventStream => {
            quote! { Body::text(&::serde_json::to_string(&self.body).map_err(RequestError::Encode)?, #media_type) }
        }
    }
}

/// A `multipart/form-data` body: one part per property of the body's struct (a file part for
/// each `format: binary` one, with the media type the spec's `encoding` gives, if any), or one
/// per field of its JSON when it is not a struct.
fn multipart_body(ir: &Ir, ty: &TypeRef, media: &Media) -> TokenStream {
    let part_type = |wire: &str| {
        media
            .part_types
            .iter()
            .find(|(property, _)| property == wire)
            .map_or_else(|| quote! { #NONE }, |(_, content_type)| quote! { #SOME(#content_type) })
    };
    let fields = match ty {
        TypeRef::Named(id) => match &ir.get(*id).kind {
            TypeKind::Struct(s) if s.additional.is_none() => Some(&s.fields),
            _ => None,
        },
        _ => None,
    };
    let Some(fields) = fields else {
        return quote! {{
            let mut multipart = Multipart::default();
            if let ::serde_json::Value::Object(fields) = ::serde_json::to_value(&self.body).map_err(RequestError::Encode)? {
                for (name, value) in &fields {
                    multipart.value(name, value, #NONE)?;
                }
            }
            multipart.finish()
        }};
    };
    let parts = fields.iter().filter(|field| field.is_declared()).map(|field| {
        let member = ident(&field.rust_name);
        let wire = &field.wire_name;
        let content_type = part_type(wire);
        let present = match field.presence.holder() {
            Holder::Plain => quote! { #SOME(&self.body.#member) },
            Holder::Option => quote! { self.body.#member.as_ref() },
            Holder::Nullable => quote! { self.body.#member.as_value() },
        };
        match &field.ty {
            TypeRef::File => quote! {
                if let #SOME(file) = #present {
                    multipart.file(#wire, file, #content_type);
                }
            },
            TypeRef::Array(item) if **item == TypeRef::File => quote! {
                for file in #present.into_iter().flatten() {
                    multipart.file(#wire, file, #content_type);
                }
            },
            _ => quote! { multipart.value(#wire, &self.body.#member, #content_type)?; },
        }
    });
    quote! {{
        let mut multipart = Multipart::default();
        #(#parts)*
        multipart.finish()
    }}
}

fn header_call(parameter: &Parameter) -> TokenStream {
    let wire = &parameter.name;
    let name = parameter.name.to_lowercase();
    let default = parameter
        .default
        .as_ref()
        .and_then(serde_json::Value::as_str)
        .map_or_else(|| quote! { #NONE }, |value| quote! { #SOME(#value) });
    let required =
        parameter.required_value.as_deref().map_or_else(|| quote! { #NONE }, |value| quote! { #SOME(#value) });
    quote! { encoder.header(#name, headers.get(#wire), #default, #required); }
}

/// `Streaming` for an operation whose one success is an event stream (its response type is the
/// list of its events).
fn streaming(ir: &Ir, operation: &Operation, name: &proc_macro2::Ident) -> Option<TokenStream> {
    let mut successes = operation.responses.iter().filter(|r| r.status.is_success());
    let success = successes.next()?;
    if successes.next().is_some() {
        return None;
    }
    let media = success.media.as_ref().filter(|media| media.encoding == Encoding::EventStream)?;
    let Some(TypeRef::Array(event)) = &success.body else { return None };
    let event = super::qualified_type_tokens(ir, event);
    let whole = media.whole_events;
    Some(quote! {
        impl Streaming for #name {
            type Event = #event;
            const WHOLE_EVENT: bool = #whole;
            fn into_events(response: Self::Response) -> #VEC<Self::Event> {
                response
            }
        }
    })
}

#[cfg(test)]
mod tests {
    /// The schema `Kind` and the request type `Kind` of the operation `kind`, whose query holds
    /// a `Kind`; the operation `kindQuery` has the name the query struct wants.
    const NAMESAKES: &str = r"
openapi: 3.0.3
info: {title: Namesakes, version: '1'}
paths:
  /kinds:
    get:
      operationId: kind
      parameters: [{name: kind, in: query, schema: {$ref: '#/components/schemas/Kind'}}]
      responses: {'204': {description: ok}}
  /kinds/query:
    get:
      operationId: kindQuery
      responses: {'204': {description: ok}}
components:
  schemas:
    Kind: {type: string, enum: [a, b]}
";

    #[test]
    fn parameter_structs_are_emitted_in_operations_naming_every_field_type_by_its_path() {
        let generated =
            crate::generate_from_str(NAMESAKES, "namesakes.yaml", &crate::Config::default()).expect("generates");
        let mut files = generated.crate_files().expect("formats");
        let operations = files.remove("operations.rs").expect("operations");
        let types = files.remove("types.rs").expect("types");
        // `Kind` alone is the request type here: the field names the schema by its path.
        let compact: String = operations.split_whitespace().collect();
        assert!(compact.contains("pubstructKindQueryParameters{"), "{operations}");
        assert!(compact.contains("pubkind:Option<crate::types::Kind>,"), "{operations}");
        assert!(compact.contains("pubquery:crate::operations::KindQueryParameters,"), "{operations}");
        assert!(compact.contains("implObjectforKindQueryParameters{"), "{operations}");
        assert!(compact.contains("usecrate::object::{") && compact.contains("Object,"), "{operations}");
        assert!(!types.contains("KindQuery"), "{types}");
        let warnings: Vec<String> = generated.warnings().iter().map(ToString::to_string).collect();
        assert!(
            warnings.iter().any(|warning| warning.contains("`KindQuery` is taken by")
                && warning.contains("`KindQueryParameters`")),
            "{warnings:#?}"
        );
    }
}
