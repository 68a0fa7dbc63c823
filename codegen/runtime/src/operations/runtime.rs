//! The endpoint runtime every generated crate with operations carries: the `Operation` and
//! `Paginated` traits, request and response errors, the reader each operation's `parse_response`
//! uses, and the encoder its `to_http_request` uses.
//!
//! Copied verbatim into the generated crate as `operations/runtime.rs`; the generated
//! `operations` module re-exports it.

use core::fmt;

use crate::validate::{Validate, ValidationErrors};
/// One operation of the API: how its request becomes an [`http::Request`] and how an
/// [`http::Response`] becomes its typed result. Works with any HTTP client.
pub trait Operation: Validate {
    /// What a successful (2xx) response holds: the body every documented success has,
    /// or an enum by status when they differ.
    type Response: fmt::Debug;
    /// What an error response holds: the body every documented error has (the error
    /// envelope), or an enum by status when they differ.
    type Error: fmt::Debug + 'static;
    /// The HTTP method.
    const METHOD: http::Method;
    /// The path template, with `{name}` for each path parameter.
    const PATH_TEMPLATE: &'static str;
    /// The request to send: validated first (nothing is built from an invalid request),
    /// then encoded, with `base_url` (the API's server, such as `https://api.example.com`) in front.
    fn to_http_request(&self, base_url: &str) -> Result<http::Request<Vec<u8>>, RequestError>;
    /// The typed result of a response to this operation, read by its status: each status
    /// the spec documents as its body; a status it does not document as
    /// [`ResponseError::Undocumented`] (an error status first tries the error envelope).
    /// What the spec's schemas accept is read as sent, never rejected for a rule they
    /// cannot state.
    fn parse_response<B: AsRef<[u8]>>(
        response: http::Response<B>,
    ) -> Result<Self::Response, ResponseError<Self::Error>>;
}
/// An operation whose responses are pages, each pointing at the next.
pub trait Paginated: Operation + Clone + Sized {
    /// The request for the page after `page`, or `None` if `page` is the last one.
    fn next_request(&self, page: &Self::Response) -> Option<Self>;
    /// Every page, fetched one after another by `send` (any transport: it receives each
    /// request and returns its page). Stops after the last page or the first error.
    fn pages<F, E>(self, send: F) -> Pages<Self, F>
    where
        F: FnMut(&Self) -> Result<Self::Response, E>,
    {
        Pages { next: Some(self), send }
    }
}
/// The pages of a [`Paginated`] operation, as an iterator.
#[derive(Debug)]
pub struct Pages<O, F> {
    next: Option<O>,
    send: F,
}
impl<O, F, E> Iterator for Pages<O, F>
where
    O: Paginated,
    F: FnMut(&O) -> Result<O::Response, E>,
{
    type Item = Result<O::Response, E>;
    fn next(&mut self) -> Option<Self::Item> {
        let request = self.next.take()?;
        match (self.send)(&request) {
            Ok(page) => {
                self.next = request.next_request(&page);
                Some(Ok(page))
            }
            Err(error) => Some(Err(error)),
        }
    }
}
/// Why no request was built.
#[derive(Debug)]
#[non_exhaustive]
pub enum RequestError {
    /// The request breaks limits of the API (every violation is listed); nothing was built.
    Invalid(ValidationErrors),
    /// The base URL and the encoded path, query and headers do not form a request.
    Http(http::Error),
    /// A body, query or header value could not be encoded as JSON.
    Encode(serde_json::Error),
}
impl fmt::Display for RequestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Invalid(errors) => write!(f, "invalid request: {errors}"),
            Self::Http(error) => {
                write!(f, "cannot build the HTTP request: {error}")
            }
            Self::Encode(error) => {
                write!(f, "cannot encode the request: {error}")
            }
        }
    }
}
impl std::error::Error for RequestError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Invalid(errors) => Some(errors),
            Self::Http(error) => Some(error),
            Self::Encode(error) => Some(error),
        }
    }
}
/// Why a response did not give the operation's result.
#[derive(Debug)]
#[non_exhaustive]
pub enum ResponseError<E> {
    /// The API answered with an error status and an error body of the spec's type.
    Api {
        /// The HTTP status.
        status: http::StatusCode,
        /// The `request-id` response header, for support requests.
        request_id: Option<String>,
        /// The error body.
        error: E,
    },
    /// The body is not what the spec says a response with this status holds.
    Decode {
        /// The HTTP status.
        status: http::StatusCode,
        /// The `request-id` response header.
        request_id: Option<String>,
        /// Why the body did not decode.
        error: serde_json::Error,
        /// The body as received.
        body: Vec<u8>,
    },
    /// A status the spec does not document for this operation, as received.
    Undocumented {
        /// The HTTP status.
        status: http::StatusCode,
        /// The response headers.
        headers: http::HeaderMap,
        /// The body as received.
        body: Vec<u8>,
    },
}
impl<E> ResponseError<E> {
    /// The HTTP status of the response.
    #[must_use]
    pub fn status(&self) -> http::StatusCode {
        match self {
            Self::Api { status, .. } | Self::Decode { status, .. } | Self::Undocumented { status, .. } => *status,
        }
    }
    /// The `request-id` header of the response, if it had one.
    #[must_use]
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Self::Api { request_id, .. } | Self::Decode { request_id, .. } => request_id.as_deref(),
            Self::Undocumented { headers, .. } => headers.get("request-id").and_then(|value| value.to_str().ok()),
        }
    }
}
impl<E: fmt::Debug> fmt::Display for ResponseError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let request_id = self.request_id().map(|id| format!(" (request-id {id})")).unwrap_or_default();
        match self {
            Self::Api { status, error, .. } => {
                write!(f, "the API answered {status}{request_id}: {error:?}")
            }
            Self::Decode { status, error, .. } => {
                write!(f, "the response ({status}{request_id}) is not what the spec describes: {error}")
            }
            Self::Undocumented { status, body, .. } => {
                write!(
                    f,
                    "the API answered {status}{request_id}, which the spec does not document for this operation ({} bytes of body)",
                    body.len()
                )
            }
        }
    }
}
impl<E: fmt::Debug> std::error::Error for ResponseError<E> {}
/// A response on its way to an operation's typed result: each operation's
/// `parse_response` picks, by status, which of these reads it.
pub(crate) struct Received<B>(pub(crate) http::Response<B>);
#[allow(dead_code, reason = "each operation uses what its responses need; a spec may need less than all")]
impl<B: AsRef<[u8]>> Received<B> {
    pub(crate) fn status(&self) -> u16 {
        self.0.status().as_u16()
    }
    fn request_id(&self) -> Option<String> {
        self.0.headers().get("request-id").and_then(|value| value.to_str().ok()).map(ToOwned::to_owned)
    }
    /// The body as `T`; an empty body reads as `null`, which is what a response without
    /// content decodes from.
    fn decode<T: serde::de::DeserializeOwned, E>(&self) -> Result<T, ResponseError<E>> {
        let body = self.0.body().as_ref();
        let json: &[u8] = if body.is_empty() { b"null" } else { body };
        serde_json::from_slice(json).map_err(|error| ResponseError::Decode {
            status: self.0.status(),
            request_id: self.request_id(),
            error,
            body: body.to_vec(),
        })
    }
    /// A documented success with a body.
    pub(crate) fn success<T: serde::de::DeserializeOwned, R, E>(
        self,
        wrap: impl FnOnce(T) -> R,
    ) -> Result<R, ResponseError<E>> {
        self.decode().map(wrap)
    }
    /// A documented error with a body.
    pub(crate) fn failure<T: serde::de::DeserializeOwned, R, E>(
        self,
        wrap: impl FnOnce(T) -> E,
    ) -> Result<R, ResponseError<E>> {
        let error = wrap(self.decode()?);
        self.failed(error)
    }
    /// A documented error, read as `error`.
    pub(crate) fn failed<R, E>(self, error: E) -> Result<R, ResponseError<E>> {
        let status = self.0.status();
        Err(ResponseError::Api { status, request_id: self.request_id(), error })
    }
    /// A status the spec does not document: its headers and raw body.
    pub(crate) fn undocumented<R, E>(self) -> Result<R, ResponseError<E>> {
        let (parts, body) = self.0.into_parts();
        Err(ResponseError::Undocumented { status: parts.status, headers: parts.headers, body: body.as_ref().to_vec() })
    }
    /// An error status the spec does not document: the error envelope every documented
    /// error shares, if that is what the body holds; else the raw response.
    pub(crate) fn envelope<R, E: serde::de::DeserializeOwned>(self) -> Result<R, ResponseError<E>> {
        if !self.0.status().is_success()
            && let Ok(error) = serde_json::from_slice::<E>(self.0.body().as_ref())
        {
            return self.failed(error);
        }
        self.undocumented()
    }
}
/// Percent-encodes everything but RFC 3986's unreserved characters.
fn encode_into(value: &str, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 0x0F)]));
        }
    }
}
/// A JSON scalar as a parameter value: strings as they are, numbers and booleans as JSON
/// writes them (`true`, `20`); `null` is no value.
fn scalar(value: &serde_json::Value) -> Option<String> {
    match value {
        serde_json::Value::String(text) => Some(text.clone()),
        serde_json::Value::Bool(_) | serde_json::Value::Number(_) => Some(value.to_string()),
        _ => None,
    }
}
/// The fields of a parameter struct, by wire name, as JSON (so `jiff::Timestamp` is
/// RFC 3339 and enums are their wire values).
#[allow(dead_code, reason = "an API whose operations take no parameters never calls it")]
pub(crate) fn parameters<T: serde::Serialize>(
    value: &T,
) -> Result<serde_json::Map<String, serde_json::Value>, RequestError> {
    match serde_json::to_value(value).map_err(RequestError::Encode)? {
        serde_json::Value::Object(fields) => Ok(fields),
        _ => Ok(serde_json::Map::new()),
    }
}
/// Encoding state of one request.
#[derive(Debug, Default)]
pub(crate) struct Encoder {
    path: String,
    query: String,
    headers: Vec<(&'static str, String)>,
}
#[allow(dead_code, reason = "an API without query or header parameters leaves some of it unused")]
impl Encoder {
    /// Appends the path template with each `{name}` replaced by its value, encoded as one
    /// path segment (a `/` in a value cannot reach another resource).
    pub(crate) fn path(&mut self, template: &str, values: &serde_json::Map<String, serde_json::Value>) {
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            self.path.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let close = after.find('}').unwrap_or(after.len());
            let value = values.get(&after[..close]).and_then(scalar).unwrap_or_default();
            encode_into(&value, &mut self.path);
            rest = after.get(close + 1..).unwrap_or_default();
        }
        self.path.push_str(rest);
    }
    /// Appends `name=value`, both encoded.
    pub(crate) fn query_pair(&mut self, name: &str, value: &str) {
        self.query.push(if self.query.is_empty() { '?' } else { '&' });
        encode_into(name, &mut self.query);
        self.query.push('=');
        encode_into(value, &mut self.query);
    }
    /// Appends every set field of a query struct; a list repeats its name.
    pub(crate) fn query(&mut self, values: &serde_json::Map<String, serde_json::Value>) {
        for (name, value) in values {
            match value {
                serde_json::Value::Array(items) => {
                    for item in items.iter().filter_map(scalar) {
                        self.query_pair(name, &item);
                    }
                }
                other => {
                    if let Some(text) = scalar(other) {
                        self.query_pair(name, &text);
                    }
                }
            }
        }
    }
    /// Sets a header from a field: a list is comma-joined (`style: simple`); `default`
    /// stands in for an unset field; `required` is added to a list once.
    pub(crate) fn header(
        &mut self,
        name: &'static str,
        value: Option<&serde_json::Value>,
        default: Option<&str>,
        required: Option<&str>,
    ) {
        let mut items: Vec<String> = match value {
            Some(serde_json::Value::Array(items)) => items.iter().filter_map(scalar).collect(),
            Some(other) => scalar(other).into_iter().collect(),
            None => Vec::new(),
        };
        let missing = required.filter(|required| !items.iter().any(|item| item == required));
        if let Some(required) = missing {
            items.push(ToOwned::to_owned(required));
        }
        if items.is_empty() {
            items.extend(default.map(ToOwned::to_owned));
        }
        if !items.is_empty() {
            self.headers.push((name, items.join(",")));
        }
    }
    pub(crate) fn finish(
        self,
        method: http::Method,
        base_url: &str,
        body: Option<Vec<u8>>,
    ) -> Result<http::Request<Vec<u8>>, RequestError> {
        let uri = format!("{}{}{}", base_url.trim_end_matches('/'), self.path, self.query);
        let mut request = http::Request::builder().method(method).uri(uri).header("accept", "application/json");
        if body.is_some() {
            request = request.header("content-type", "application/json");
        }
        for (name, value) in self.headers {
            request = request.header(name, value);
        }
        request.body(body.unwrap_or_default()).map_err(RequestError::Http)
    }
}
