//! What an operation's responses decode into: one type for its successes and one for its errors,
//! each the body every such status shares or an enum by status, and the `parse_response` that
//! reads a response by its status.
//!
//! `default` covers every status the operation does not name: it is the error of any other
//! status, and also the success when the operation documents no 2xx response. A status nothing
//! covers gives the generated `ResponseError::Undocumented`, with its headers and raw body; for an
//! error status, the body every documented error shares (the envelope) is tried first. A
//! documented error whose body is not its type is `Undocumented` too (the runtime's `failure`),
//! never a decode error.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};

use super::qualified_type_tokens;
use crate::ident::{self, ident};
use crate::ir::{
    ByMediaDef, Docs, Encoding, ErrorBody, Holder, Ir, Media, Operation, Response, Status, TypeDef, TypeKind, TypeRef,
    media_essence,
};
use crate::prelude::{AS_REF, CLONE, OK, OPTION, PARTIAL_EQ, RESULT, SOME};

/// The response side of one operation's `Operation` impl.
pub(super) struct ResponseTypes {
    /// `type Response`.
    pub(super) success: TokenStream,
    /// `type Error`.
    pub(super) error: TokenStream,
    /// The enums by status, if either side needs one.
    pub(super) items: TokenStream,
    /// `fn parse_response`.
    pub(super) parse: TokenStream,
}

/// Successes or errors.
#[derive(Clone, Copy, PartialEq)]
enum Side {
    Success,
    Error,
}

/// How one side's statuses are typed.
enum Shape<'a> {
    /// Every status has this body (or none).
    Shared(Option<&'a TypeRef>),
    /// An enum with one variant per status.
    ByStatus(Ident),
}

pub(super) fn response_types(ir: &Ir, operation: &Operation) -> ResponseTypes {
    let operation_name = operation.names.request.as_str();
    let (successes, errors, default_is_success) = operation.response_sides();
    let default = errors.iter().copied().find(|response| response.status == Status::Default);

    let success_shape = shape(&successes, operation.names.success.as_deref());
    let error_shape = shape(&errors, operation.names.error.as_deref());
    let success = side_type(ir, &success_shape, quote! { () });
    // With no error documented, no response is an API error: every other status is undocumented.
    let no_error = if errors.is_empty() {
        quote! { ::core::convert::Infallible }
    } else {
        quote! { () }
    };
    let error = side_type(ir, &error_shape, no_error);

    let mut items = TokenStream::new();
    for (shape, responses, side) in [(&success_shape, &successes, Side::Success), (&error_shape, &errors, Side::Error)]
    {
        if let Shape::ByStatus(name) = shape {
            items.extend(status_enum(ir, name, responses, side, operation_name));
        }
    }

    // Arms in the order they must be tried: codes before the ranges that hold them.
    let mut arms: Vec<(TokenStream, Handler)> = Vec::new();
    let mut undocumented_successes = None;
    for response in successes.iter().filter(|r| r.status != Status::Default) {
        arms.push((pattern(response.status), Handler::new(ir, &success_shape, response, Side::Success)));
    }
    if let Some(default) = default.filter(|_| default_is_success) {
        arms.push((quote! { 200..=299 }, Handler::new(ir, &success_shape, default, Side::Success)));
    } else if !successes.iter().any(|r| r.status == Status::Range(2)) {
        // A success the spec does not document has no type to read it as.
        undocumented_successes = Some(quote! { 200..=299 => received.undocumented(), });
    }
    let mut error_arms: Vec<(TokenStream, Handler)> = Vec::new();
    for response in errors.iter().filter(|r| r.status != Status::Default) {
        error_arms.push((pattern(response.status), Handler::new(ir, &error_shape, response, Side::Error)));
    }
    let fallback = match (default, &error_shape) {
        (Some(default), _) => Handler::new(ir, &error_shape, default, Side::Error).tokens(),
        // The shared envelope is tried as JSON, so only a JSON one.
        (None, Shape::Shared(Some(_)))
            if errors.iter().all(|r| Read::of(ir, r).is_none_or(|read| read == Read::Json)) =>
        {
            quote! { received.envelope() }
        }
        (None, _) => {
            // The catch-all arm says the same for every status.
            undocumented_successes = None;
            quote! { received.undocumented() }
        }
    };
    let has_ranges = undocumented_successes.is_some()
        || operation.responses.iter().any(|r| matches!(r.status, Status::Range(_)))
        || default_is_success;
    let allow_overlap = has_ranges.then(|| {
        quote! { #[allow(clippy::match_overlapping_arm, reason = "a status code comes before the range that holds it")] }
    });
    let success_arms = merge_arms(arms);
    let error_arms = merge_arms(error_arms);
    let parse = quote! {
        #allow_overlap
        fn parse_response<B: #AS_REF<[u8]>>(
            response: ::http::Response<B>,
        ) -> #RESULT<Self::Response, ResponseError<Self::Error>> {
            let received = Received(response);
            match received.status() {
                #(#success_arms)*
                #undocumented_successes
                #(#error_arms)*
                _ => #fallback,
            }
        }
    };
    ResponseTypes { success, error, items, parse }
}

/// One type for the whole side when every status has the same body; else an enum by status
/// (named by the registry).
/// A side's shape: the enum by status the registry named for it, if any (its bodies differ),
/// else the body every status shares.
fn shape<'a>(responses: &[&'a Response], enum_name: Option<&str>) -> Shape<'a> {
    match enum_name {
        Some(name) => Shape::ByStatus(ident(name)),
        None => Shape::Shared(responses.first().and_then(|response| response.body.as_ref())),
    }
}

fn side_type(ir: &Ir, shape: &Shape<'_>, nothing: TokenStream) -> TokenStream {
    match shape {
        Shape::Shared(Some(body)) => qualified_type_tokens(ir, body),
        Shape::Shared(None) => nothing,
        Shape::ByStatus(name) => quote! { #name },
    }
}

/// The `match` pattern of a status (`default` is the `_` arm, never a pattern).
fn pattern(status: Status) -> TokenStream {
    match status {
        Status::Code(code) => {
            let code = Literal::u16_unsuffixed(code);
            quote! { #code }
        }
        Status::Range(digit) => {
            let low = Literal::u16_unsuffixed(digit * 100);
            let high = Literal::u16_unsuffixed(digit * 100 + 99);
            quote! { #low..=#high }
        }
        Status::Default => quote! { _ },
    }
}

/// How a response with a given status becomes the operation's result.
#[derive(PartialEq)]
struct Handler {
    side: Side,
    /// The enum and its variant, for a side typed by status.
    variant: Option<(Ident, Ident)>,
    /// How the body is read, if there is one.
    body: Option<Read>,
}

/// How a body is read, by its media type.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Read {
    Json,
    Text,
    Binary,
    /// An event stream, whole: `true` when the type describes the whole event.
    Events(bool),
    /// One of several media types, by the response's `content-type`: the body's type (a
    /// `ByMedia` enum), and each variant with its media type and how it is read. The first is
    /// also what a response of another media type is read as.
    ByMedia(Ident, Vec<(Ident, String, Read)>),
}

impl Read {
    fn of(ir: &Ir, response: &Response) -> Option<Self> {
        let body = response.body.as_ref()?;
        if let TypeRef::Named(id) = body
            && let TypeKind::ByMedia(by_media) = &ir.get(*id).kind
        {
            let variants = by_media
                .variants
                .iter()
                .map(|variant| {
                    (
                        ident(&variant.rust_name),
                        media_essence(&variant.media.name),
                        Self::of_media(Some(&variant.media)),
                    )
                })
                .collect();
            return Some(Self::ByMedia(ident(&ir.get(*id).rust_name), variants));
        }
        Some(Self::of_media(response.media.as_ref()))
    }

    fn of_media(media: Option<&Media>) -> Self {
        match media.map(|media| (media.encoding, media.whole_events)) {
            Some((Encoding::Text, _)) => Self::Text,
            Some((Encoding::Binary, _)) => Self::Binary,
            Some((Encoding::EventStream, whole)) => Self::Events(whole),
            Some((Encoding::Json | Encoding::Form | Encoding::Multipart, _)) | None => Self::Json,
        }
    }

    /// The call that reads a body this way and hands it to `wrap` (a path or a closure).
    fn call(&self, side: Side, wrap: &TokenStream) -> TokenStream {
        match (side, self) {
            (Side::Success, Self::Json) => quote! { received.success(#wrap) },
            (Side::Success, Self::Text) => quote! { received.success_text(#wrap) },
            (Side::Success, Self::Binary) => quote! { received.success_binary(#wrap) },
            (Side::Success, Self::Events(whole)) => quote! { received.success_events(#whole, #wrap) },
            (Side::Error, Self::Json) => quote! { received.failure(#wrap) },
            (Side::Error, Self::Text) => quote! { received.failure_text(#wrap) },
            (Side::Error, Self::Events(whole)) => quote! { received.failure_events(#whole, #wrap) },
            (Side::Error, Self::Binary) => quote! { received.failure_binary(#wrap) },
            (_, Self::ByMedia(name, variants)) => {
                let read = |(variant, _, read): &(Ident, String, Read)| {
                    read.call(side, &quote! { |body| #wrap(crate::types::#name::#variant(body)) })
                };
                let preferred = variants.first().map(read);
                let others = variants.iter().skip(1).map(|entry| {
                    let media_type = &entry.1;
                    let call = read(entry);
                    quote! { #SOME(#media_type) => #call, }
                });
                quote! {
                    match received.media_type().as_deref() {
                        #(#others)*
                        _ => #preferred,
                    }
                }
            }
        }
    }
}

impl Handler {
    fn new(ir: &Ir, shape: &Shape<'_>, response: &Response, side: Side) -> Self {
        let variant = match shape {
            Shape::Shared(_) => None,
            Shape::ByStatus(name) => Some((name.clone(), variant_name(response.status))),
        };
        Self { side, variant, body: Read::of(ir, response) }
    }

    fn tokens(&self) -> TokenStream {
        let variant = self.variant.as_ref().map(|(name, variant)| quote! { #name::#variant });
        let wrap = variant.clone().unwrap_or_else(|| quote! { ::core::convert::identity });
        let value = variant.unwrap_or_else(|| quote! { () });
        match (self.side, &self.body) {
            (side, Some(read)) => read.call(side, &wrap),
            (Side::Success, None) => quote! { #OK(#value) },
            (Side::Error, None) => quote! { received.failed(#value) },
        }
    }
}

/// A response body documented in several media types: an enum with a variant per media type,
/// which the operation's `parse_response` fills by the response's `content-type`.
pub(super) fn emit_by_media(ir: &Ir, def: &TypeDef, by_media: &ByMediaDef, attributes: &TokenStream) -> TokenStream {
    let name = ident(&def.rust_name);
    let variants = by_media.variants.iter().enumerate().map(|(index, variant)| {
        let variant_name = ident(&variant.rust_name);
        let ty = super::type_tokens(ir, &variant.ty);
        let fallback = if index == 0 { " (and a response of a media type the spec does not name)" } else { "" };
        let doc = format!(" The body as {}{fallback}.", crate::docs::code_span(&variant.media.name));
        quote! { #[doc = #doc] #variant_name(#ty), }
    });
    quote! {
        #attributes
        #[derive(::core::fmt::Debug, #CLONE, #PARTIAL_EQ)]
        pub enum #name {
            #(#variants)*
        }
    }
}

/// Neighbouring arms with the same handler become one arm with an or-pattern, so an operation
/// whose errors share one envelope has one error arm, not one per status.
fn merge_arms(arms: Vec<(TokenStream, Handler)>) -> Vec<TokenStream> {
    let mut merged: Vec<(Vec<TokenStream>, Handler)> = Vec::new();
    for (pattern, handler) in arms {
        match merged.last_mut() {
            Some((patterns, last)) if *last == handler => patterns.push(pattern),
            _ => merged.push((vec![pattern], handler)),
        }
    }
    merged
        .into_iter()
        .map(|(patterns, handler)| {
            let handler = handler.tokens();
            quote! { #(#patterns)|* => #handler, }
        })
        .collect()
}

/// The variant of an enum by status: the status's reason phrase (`NotFound`), or for a range or
/// `default`, what the range is.
fn variant_name(status: Status) -> Ident {
    match status {
        Status::Code(code) => match http::StatusCode::from_u16(code).ok().and_then(|s| s.canonical_reason()) {
            Some(reason) => ident(&ident::type_name(reason)),
            None => format_ident!("Status{}", code),
        },
        Status::Range(1) => format_ident!("Informational"),
        Status::Range(2) => format_ident!("Success"),
        Status::Range(3) => format_ident!("Redirection"),
        Status::Range(4) => format_ident!("ClientError"),
        Status::Range(5) => format_ident!("ServerError"),
        Status::Range(digit) => format_ident!("Status{}XX", digit),
        Status::Default => format_ident!("Default"),
    }
}

fn status_enum(ir: &Ir, name: &Ident, responses: &[&Response], side: Side, operation_name: &str) -> TokenStream {
    let variants = responses.iter().map(|response| {
        let variant = variant_name(response.status);
        let status = match (response.status, side) {
            (Status::Default, Side::Success) => "any 2xx status, which the spec leaves to `default`".to_owned(),
            (Status::Default, Side::Error) => "any other status (`default`)".to_owned(),
            (status, _) => format!("`{status}`"),
        };
        let docs = Docs::generated(&format!("The response for {status}."));
        let docs = docs.then(&response.description.clone().unwrap_or_default()).outer();
        let body = response.body.as_ref().map(|body| {
            let body = qualified_type_tokens(ir, body);
            quote! { (#body) }
        });
        quote! { #docs #variant #body, }
    });
    let docs = match side {
        Side::Success => format!("What a successful response to [`{operation_name}`] holds, by status."),
        Side::Error => format!(
            "What an error response to [`{operation_name}`] holds, by status ([`ResponseError::Api`]); a status\nthe spec does not document, or a body that is not the documented error, is\n[`ResponseError::Undocumented`]."
        ),
    };
    let docs = Docs::generated(&docs).outer();
    // Errors that differ by status are matched by status: the enum is its own error object.
    let error_body = (side == Side::Error).then(|| own_object(&quote! { #name }));
    quote! {
        #docs
        #[derive(::core::fmt::Debug, #CLONE, #PARTIAL_EQ)]
        #[allow(clippy::large_enum_variant, reason = "each variant is a body of the spec; boxing them would change the API")]
        pub enum #name {
            #(#variants)*
        }
        #error_body
    }
}

/// `ErrorBody` for a body every error of some operations shares: an envelope hands out the
/// field that holds its error object (as the IR decided), any other body itself.
pub(super) fn error_body_impl(ir: &Ir, body: &ErrorBody) -> TokenStream {
    let ty = qualified_type_tokens(ir, &body.ty);
    let envelope = match (&body.ty, body.envelope) {
        (TypeRef::Named(id), Some(index)) => match &ir.get(*id).kind {
            TypeKind::Struct(def) => def.fields.get(index),
            _ => None,
        },
        _ => None,
    };
    let Some(field) = envelope else { return own_object(&ty) };
    let object = qualified_type_tokens(ir, &field.ty);
    let member = ident(&field.rust_name);
    let read = match field.presence.holder() {
        Holder::Plain => quote! { #SOME(&self.#member) },
        Holder::Option => quote! { self.#member.as_ref() },
        Holder::Nullable => quote! { self.#member.as_value() },
    };
    quote! {
        impl ErrorBody for #ty {
            type Object = #object;
            fn object(&self) -> #OPTION<&Self::Object> {
                #read
            }
        }
    }
}

/// `ErrorBody` for an error type that is its own error object.
fn own_object(ty: &TokenStream) -> TokenStream {
    quote! {
        impl ErrorBody for #ty {
            type Object = Self;
            fn object(&self) -> #OPTION<&Self> {
                #SOME(self)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    /// Two resources: one whose errors share an envelope, one whose errors differ by status,
    /// and a list header.
    const SPEC: &str = r"
openapi: 3.0.3
info: {title: Shop, version: '1'}
paths:
  /orders:
    get:
      operationId: ListOrders
      tags: [Orders]
      parameters:
        - {name: Shop-Beta, in: header, schema: {type: array, items: {type: string}}, x-required-value: beta-1}
      responses:
        '200': {description: ok}
        '404': {description: gone, content: {application/json: {schema: {$ref: '#/components/schemas/Envelope'}}}}
  /refunds:
    get:
      operationId: ListRefunds
      tags: [Refunds]
      responses:
        '200': {description: ok}
        '400': {description: bad, content: {application/json: {schema: {$ref: '#/components/schemas/Envelope'}}}}
        '404': {description: gone, content: {text/plain: {schema: {type: string}}}}
components:
  schemas:
    Envelope:
      type: object
      required: [error]
      properties:
        error: {type: object, required: [message], properties: {message: {type: string}}}
        request_id: {type: string}
";

    /// A crate's file, with its white space removed, so the tests read tokens, not layout.
    fn tokens_of(files: &std::collections::BTreeMap<String, String>, file: &str) -> String {
        files[file].split_whitespace().collect()
    }

    fn squeezed(code: &str) -> String {
        code.split_whitespace().collect()
    }

    #[test]
    fn an_envelope_hands_out_its_error_and_other_error_types_themselves() {
        let generated = crate::generate_from_str(SPEC, "shop.yaml", &crate::Config::default()).expect("generates");
        let files = generated.crate_files().expect("formats");
        let operations = tokens_of(&files, "operations.rs");
        // Only `ListOrders` shares the envelope as its one error body: its impl compiles with
        // that operation's feature.
        let envelope = squeezed(
            r#"#[cfg(feature = "orders")]
            impl ErrorBody for crate::types::Envelope {
                type Object = crate::types::EnvelopeError;
                fn object(&self) -> Option<&Self::Object> {
                    Some(&self.error)
                }
            }"#,
        );
        assert!(operations.contains(&envelope), "{}", files["operations.rs"]);
        let by_status = squeezed(
            "impl ErrorBody for ListRefundsError {
                type Object = Self;
                fn object(&self) -> Option<&Self> {
                    Some(self)
                }
            }",
        );
        assert!(operations.contains(&by_status), "{}", files["operations.rs"]);
        assert!(operations.contains(&squeezed(r#"const LIST_HEADERS: &'static [&'static str] = &["shop-beta"];"#)));
        assert_eq!(operations.matches("constLIST_HEADERS").count(), 1, "{}", files["operations.rs"]);
        // The crates of the API's types, for callers.
        let root = tokens_of(&files, "lib.rs");
        assert!(root.contains("pubuse::http;"), "{}", files["lib.rs"]);
        assert!(root.contains(&squeezed(r#"#[cfg(feature = "client")] pub use ::reqwest;"#)), "{}", files["lib.rs"]);
        let single = generated.single_file().expect("formats");
        assert!(single.contains("pub use ::http;") && !single.contains("reqwest"), "{single}");
    }

    #[test]
    fn an_error_body_s_impl_compiles_exactly_when_its_type_does() {
        let both = SPEC.replace(
            "'404': {description: gone, content: {text/plain: {schema: {type: string}}}}",
            "'404': {description: gone, content: {application/json: {schema: {$ref: '#/components/schemas/Envelope'}}}}",
        );
        let impl_line = |spec: &str| {
            let generated = crate::generate_from_str(spec, "shop.yaml", &crate::Config::default()).expect("generates");
            let operations = generated.crate_files().expect("formats").remove("operations.rs").expect("operations");
            let at = operations.find("impl ErrorBody for crate::types::Envelope").expect("the impl");
            operations[..at].lines().last().unwrap_or_default().trim().to_owned()
        };
        // Every operation's error: the type always compiles, and so does its impl.
        assert_eq!(impl_line(&both), "}");
        // With a schema no operation reaches, a feature of its own compiles the types it
        // reaches: the envelope then compiles with the operations' features only, as its impl.
        let unreferenced = both.replace(
            "components:\n  schemas:\n",
            "components:\n  schemas:\n    Log: {type: object, properties: {last: {$ref: '#/components/schemas/Envelope'}}}\n",
        );
        assert_ne!(unreferenced, both);
        // Both operations' features, as their group.
        assert_eq!(impl_line(&unreferenced), r#"#[cfg(feature = "_shared_1")]"#);
    }
}
