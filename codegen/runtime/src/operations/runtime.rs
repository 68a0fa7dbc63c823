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
    /// envelope), or an enum by status when they differ; [`ErrorBody`] reads the error object
    /// out of it.
    type Error: fmt::Debug + ErrorBody + 'static;
    /// The HTTP method.
    const METHOD: http::Method;
    /// The path template, with `{name}` for each path parameter.
    const PATH_TEMPLATE: &'static str;
    /// The headers the operation sends as comma-separated lists (OpenAPI's `simple` style, such
    /// as a beta header that always carries a required value), in lower case: a client adds
    /// its own values of these to the operation's, instead of replacing them.
    const LIST_HEADERS: &'static [&'static str] = &[];
    /// The request to send: validated first (nothing is built from an invalid request),
    /// then encoded, with `base_url` (the API's server, such as `https://api.example.com`) in front.
    fn to_http_request(&self, base_url: &str) -> Result<http::Request<Vec<u8>>, RequestError>;
    /// The typed result of a response to this operation, read by its status: each status
    /// the spec documents as its body; a status it does not document, or an error whose body
    /// is not the documented error, as [`ResponseError::Undocumented`] (an undocumented error
    /// status first tries the error envelope).
    /// What the spec's schemas accept is read as sent, never rejected for a rule they
    /// cannot state.
    fn parse_response<B: AsRef<[u8]>>(
        response: http::Response<B>,
    ) -> Result<Self::Response, ResponseError<Self::Error>>;
}
/// An operation whose responses are pages, each pointing at the next.
pub trait Paginated: Operation + Clone + Sized {
    /// The request for the page after `page`, whose response carried `headers` (an API that
    /// pages by `Link` headers names the next page there), or `None` if `page` is the last one:
    /// it names no next page, or (for a [`Listing`]) it holds no items, whatever it names. The
    /// next request is this one with only what moves changed: every filter is kept.
    fn next_request(&self, page: &Self::Response, headers: &http::HeaderMap) -> Option<Self>;
    /// Every page, fetched one after another by `send` (any transport: it receives each
    /// request and returns its page, with the response's status and headers:
    /// `http::Response::new(page)` when the API does not page by headers). Stops after the last
    /// page or the first error.
    fn pages<F, E>(self, send: F) -> Pages<Self, F>
    where
        F: FnMut(&Self) -> Result<http::Response<Self::Response>, E>,
    {
        Pages { next: Some(self), send }
    }
}
/// A [`Paginated`] operation whose pages each hold a list of items (the page's one array field,
/// such as `data`): what lets a client walk the items across pages, not only the pages.
pub trait Listing: Paginated {
    /// One item of a page.
    type Item;
    /// The items of `page`, in order.
    fn into_items(page: Self::Response) -> Vec<Self::Item>;
}
/// An operation whose success is a stream of server-sent events (`text/event-stream`):
/// `parse_response` reads such a response whole; a client that streams decodes its events one
/// by one as they arrive, with [`Events`](crate::events::Events).
pub trait Streaming: Operation {
    /// One event of the stream.
    type Event: serde::de::DeserializeOwned;
    /// Whether [`Self::Event`] describes the whole event (`event`, `data`, `id`, `retry`)
    /// rather than the JSON of its data.
    const WHOLE_EVENT: bool;
    /// The events of a success read whole (a response the server did not stream).
    fn into_events(response: Self::Response) -> Vec<Self::Event>;
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
    F: FnMut(&O) -> Result<http::Response<O::Response>, E>,
{
    type Item = Result<O::Response, E>;
    fn next(&mut self) -> Option<Self::Item> {
        let request = self.next.take()?;
        match (self.send)(&request) {
            Ok(response) => {
                let (parts, page) = response.into_parts();
                self.next = request.next_request(&page, &parts.headers);
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
/// What an operation's error body holds for its caller: the error object. Many APIs wrap it in
/// an envelope (`{"type": "error", "error": {"type": "not_found_error", "message": "…"},
/// "request_id": "…"}`), whose object is what a caller matches on. The generator implements this
/// for every error type: for an envelope (an object whose one field besides a one-value tag and
/// a request id is a required `error` holding a struct, union or enum) the object is that
/// field; any other body (an enum by status, text, a plain object) is its own object.
pub trait ErrorBody {
    /// The error object: an envelope's `error`, or the body itself.
    type Object;
    /// The error object, if the body holds one (an envelope's `error` may be `null`).
    fn object(&self) -> Option<&Self::Object>;
}
/// The error of an operation whose errors have no body: the status says it all.
impl ErrorBody for () {
    type Object = ();
    fn object(&self) -> Option<&()> {
        Some(self)
    }
}
/// The error of an operation that documents none: every error status is undocumented.
impl ErrorBody for core::convert::Infallible {
    type Object = Self;
    fn object(&self) -> Option<&Self> {
        match *self {}
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
        /// The body as received.
        body: Vec<u8>,
    },
    /// A success's body is not what the spec says a response with this status holds. An error
    /// status never gives this: an error body that does not decode is
    /// [`Undocumented`](Self::Undocumented).
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
    /// A response the spec does not describe for this operation, as received: a status it does
    /// not document, or an error status whose body is not the documented error (an HTML page
    /// from a proxy, an empty 503), whether or not the spec documents that status.
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
            Self::Undocumented { headers, .. } => request_id(headers),
        }
    }
}
impl<E: ErrorBody> ResponseError<E> {
    /// The error object the API sent (an envelope's `error`, see [`ErrorBody`]), if the
    /// response is a documented error: `match error.api_error() { Some(Kind::NotFound(e)) => … }`.
    #[must_use]
    pub fn api_error(&self) -> Option<&E::Object> {
        match self {
            Self::Api { error, .. } => error.object(),
            _ => None,
        }
    }
}
impl<E> fmt::Display for ResponseError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Api { status, body, .. } | Self::Undocumented { status, body, .. } => {
                ErrorLine { status: *status, request_id: self.request_id(), body }.fmt(f)
            }
            Self::Decode { status, error, .. } => {
                let request_id = self.request_id().map(|id| format!(" (request-id {id})")).unwrap_or_default();
                write!(f, "the response ({status}{request_id}) is not what the spec describes: {error}")
            }
        }
    }
}
impl<E: fmt::Debug> std::error::Error for ResponseError<E> {}
/// An error response as one line, which every error's `Display` shows: its status, its
/// `request-id`, and what its body says (`409 Conflict (request-id req_1): invalid_request_error:
/// a deployment with this name exists`). The body is read the same way for every API and every
/// error type, from its JSON (see [`stated_error`]), not from the typed body, so a body the
/// spec does not describe reads as well; a body that states nothing is shown as a short excerpt.
pub(crate) struct ErrorLine<'a> {
    pub(crate) status: http::StatusCode,
    pub(crate) request_id: Option<&'a str>,
    pub(crate) body: &'a [u8],
}
impl fmt::Display for ErrorLine<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // `http` shows a status it has no reason phrase for as `599 <unknown status code>`.
        write!(f, "{}", self.status.as_u16())?;
        if let Some(reason) = self.status.canonical_reason() {
            write!(f, " {reason}")?;
        }
        if let Some(request_id) = self.request_id {
            write!(f, " (request-id {request_id})")?;
        }
        let json = serde_json::from_slice::<serde_json::Value>(self.body).ok();
        match json.as_ref().map(stated_error).unwrap_or_default() {
            (Some(kind), Some(message)) => write!(f, ": {}: {}", one_line(kind, None), one_line(message, None)),
            (Some(only), None) | (None, Some(only)) => write!(f, ": {}", one_line(only, None)),
            (None, None) => {
                let text = String::from_utf8_lossy(self.body);
                if text.trim().is_empty() {
                    f.write_str(": empty body")
                } else {
                    write!(f, ": {}", one_line(&text, Some(EXCERPT_CHARS)))
                }
            }
        }
    }
}
/// How much of a body that states no error is shown.
const EXCERPT_CHARS: usize = 200;
/// The kind and the message an error body states, as the common shapes write them: an `error`
/// object (`{"error": {"type": "not_found_error", "message": "…"}}`, as Anthropic and Stripe
/// write it, and Google with a `status` for the kind), else the body's own fields (`{"code": …,
/// "message": …}`, `{"detail": …}`, a problem's `title`); a string `error` is the kind when an
/// `error_description` says more (OAuth), else the message. A JSON string is the message.
fn stated_error(json: &serde_json::Value) -> (Option<&str>, Option<&str>) {
    const KIND: &[&str] = &["type", "code", "status"];
    const MESSAGE: &[&str] = &["message", "detail", "error_description", "description", "title", "msg"];
    /// The first of `names` that `fields` has as text.
    fn text<'a>(fields: &'a serde_json::Map<String, serde_json::Value>, names: &[&str]) -> Option<&'a str> {
        names.iter().find_map(|name| fields.get(*name)?.as_str().filter(|text| !text.trim().is_empty()))
    }
    let fields = match json {
        serde_json::Value::Object(fields) => fields,
        serde_json::Value::String(message) if !message.trim().is_empty() => return (None, Some(message)),
        _ => return (None, None),
    };
    match fields.get("error") {
        Some(serde_json::Value::Object(error)) => (text(error, KIND), text(error, MESSAGE)),
        Some(serde_json::Value::String(error)) if !error.trim().is_empty() => {
            match text(fields, &["error_description", "message", "detail"]) {
                Some(description) => (Some(error), Some(description)),
                None => (None, Some(error)),
            }
        }
        _ => (text(fields, KIND), text(fields, MESSAGE)),
    }
}
/// `text` on one line: every run of white space (line breaks included) as one space, and at
/// most `limit` characters, the cut marked with `…`.
fn one_line(text: &str, limit: Option<usize>) -> String {
    let mut line = String::new();
    for (index, word) in text.split_whitespace().enumerate() {
        if index > 0 {
            line.push(' ');
        }
        line.push_str(word);
    }
    match limit.and_then(|limit| line.char_indices().nth(limit)) {
        Some((cut, _)) => {
            line.truncate(cut);
            line.push('…');
            line
        }
        None => line,
    }
}
/// The `request-id` header of a response, which the API's support asks for: what every error
/// (and the client's `Response`) reports.
pub(crate) fn request_id(headers: &http::HeaderMap) -> Option<&str> {
    headers.get("request-id").and_then(|value| value.to_str().ok())
}
/// A response on its way to an operation's typed result: each operation's
/// `parse_response` picks, by status, which of these reads it.
pub(crate) struct Received<B>(pub(crate) http::Response<B>);
#[allow(dead_code, reason = "each operation uses what its responses need; a spec may need less than all")]
impl<B: AsRef<[u8]>> Received<B> {
    pub(crate) fn status(&self) -> u16 {
        self.0.status().as_u16()
    }
    /// The response's media type, without its parameters, in lower case
    /// (`text/event-stream; charset=utf-8` → `text/event-stream`).
    pub(crate) fn media_type(&self) -> Option<String> {
        let value = self.0.headers().get("content-type")?.to_str().ok()?;
        Some(value.split(';').next().unwrap_or_default().trim().to_ascii_lowercase())
    }
    fn request_id(&self) -> Option<String> {
        request_id(self.0.headers()).map(ToOwned::to_owned)
    }
    /// The body as `T`; an empty body reads as `null`, which is what a response without
    /// content decodes from.
    fn json<T: serde::de::DeserializeOwned>(&self) -> Result<T, serde_json::Error> {
        let body = self.0.body().as_ref();
        serde_json::from_slice(if body.is_empty() { b"null" } else { body })
    }
    /// The body of a success as `T`, or why it is not one.
    fn decode<T: serde::de::DeserializeOwned, E>(&self) -> Result<T, ResponseError<E>> {
        self.json().map_err(|error| ResponseError::Decode {
            status: self.0.status(),
            request_id: self.request_id(),
            error,
            body: self.0.body().as_ref().to_vec(),
        })
    }
    /// A documented success with a body.
    pub(crate) fn success<T: serde::de::DeserializeOwned, R, E>(
        self,
        wrap: impl FnOnce(T) -> R,
    ) -> Result<R, ResponseError<E>> {
        self.decode().map(wrap)
    }
    /// A documented success whose body is text (`text/plain`), read as UTF-8 (an invalid
    /// sequence becomes U+FFFD rather than failing the response).
    #[allow(clippy::unnecessary_wraps, reason = "every reader of a success has this signature")]
    pub(crate) fn success_text<R, E>(self, wrap: impl FnOnce(String) -> R) -> Result<R, ResponseError<E>> {
        Ok(wrap(String::from_utf8_lossy(self.0.body().as_ref()).into_owned()))
    }
    /// A documented success whose body is bytes (`application/octet-stream`, `application/pdf`,
    /// ...), with the content type the response names.
    #[allow(clippy::unnecessary_wraps, reason = "every reader of a success has this signature")]
    pub(crate) fn success_binary<R, E>(self, wrap: impl FnOnce(Binary) -> R) -> Result<R, ResponseError<E>> {
        Ok(wrap(self.binary()))
    }
    /// A documented success whose body is an event stream (`text/event-stream`), read whole:
    /// every event up to the end or to `[DONE]`. `whole`: the spec's type describes the whole
    /// event, not its data (see [`Events`](crate::events::Events)).
    pub(crate) fn success_events<T: serde::de::DeserializeOwned, R, E>(
        self,
        whole: bool,
        wrap: impl FnOnce(Vec<T>) -> R,
    ) -> Result<R, ResponseError<E>> {
        self.events(whole).map(wrap)
    }
    /// A documented error whose body is an event stream, read whole; as received if an event
    /// does not decode.
    pub(crate) fn failure_events<T: serde::de::DeserializeOwned, R, E>(
        self,
        whole: bool,
        wrap: impl FnOnce(Vec<T>) -> E,
    ) -> Result<R, ResponseError<E>> {
        match self.events::<T, E>(whole) {
            Ok(events) => self.failed(wrap(events)),
            Err(_) => self.undocumented(),
        }
    }
    fn events<T: serde::de::DeserializeOwned, E>(&self, whole: bool) -> Result<Vec<T>, ResponseError<E>> {
        let mut events = crate::events::Events::<T>::new(whole);
        let mut decoded = Vec::new();
        for event in events.push(self.0.body().as_ref()) {
            decoded.push(event.map_err(|failure| ResponseError::Decode {
                status: self.0.status(),
                request_id: self.request_id(),
                error: failure.error,
                body: self.0.body().as_ref().to_vec(),
            })?);
        }
        Ok(decoded)
    }
    /// A documented error whose body is text.
    pub(crate) fn failure_text<R, E>(self, wrap: impl FnOnce(String) -> E) -> Result<R, ResponseError<E>> {
        let error = wrap(String::from_utf8_lossy(self.0.body().as_ref()).into_owned());
        self.failed(error)
    }
    /// A documented error whose body is bytes.
    pub(crate) fn failure_binary<R, E>(self, wrap: impl FnOnce(Binary) -> E) -> Result<R, ResponseError<E>> {
        let error = wrap(self.binary());
        self.failed(error)
    }
    fn binary(&self) -> Binary {
        let content_type =
            self.0.headers().get("content-type").and_then(|value| value.to_str().ok()).map(ToOwned::to_owned);
        Binary { content_type, bytes: self.0.body().as_ref().to_vec() }
    }
    /// A documented error with a body; as received (not a decode error) if the body is not
    /// the documented error, as the error status is the answer whatever its body holds.
    pub(crate) fn failure<T: serde::de::DeserializeOwned, R, E>(
        self,
        wrap: impl FnOnce(T) -> E,
    ) -> Result<R, ResponseError<E>> {
        match self.json() {
            Ok(error) => self.failed(wrap(error)),
            Err(_) => self.undocumented(),
        }
    }
    /// A documented error, read as `error`.
    pub(crate) fn failed<R, E>(self, error: E) -> Result<R, ResponseError<E>> {
        let status = self.0.status();
        let request_id = self.request_id();
        Err(ResponseError::Api { status, request_id, error, body: self.0.body().as_ref().to_vec() })
    }
    /// A response the spec does not describe: its headers and raw body.
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
    /// The media types the response may come as, when not only JSON.
    accept: Option<&'static str>,
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
    /// Asks for responses of these media types (`application/pdf`, `text/event-stream`) rather
    /// than JSON.
    pub(crate) fn accept(&mut self, media_types: &'static str) {
        self.accept = Some(media_types);
    }
    /// Appends `name=value`, both encoded.
    pub(crate) fn query_pair(&mut self, name: &str, value: &str) {
        self.query.push(if self.query.is_empty() { '?' } else { '&' });
        encode_into(name, &mut self.query);
        self.query.push('=');
        encode_into(value, &mut self.query);
    }
    /// Appends every set field of a query struct, each in the style `styles` names for it
    /// ([`QueryStyle::Form`] when it names none).
    pub(crate) fn query(&mut self, values: &serde_json::Map<String, serde_json::Value>, styles: &[(&str, QueryStyle)]) {
        for (name, value) in values {
            let style = styles.iter().find(|(styled, _)| styled == name).map_or(QueryStyle::Form, |(_, style)| *style);
            self.styled(name, value, style);
        }
    }
    fn styled(&mut self, name: &str, value: &serde_json::Value, style: QueryStyle) {
        let separator = match style {
            QueryStyle::FormJoined => ",",
            QueryStyle::SpaceDelimited => "%20",
            QueryStyle::PipeDelimited => "%7C",
            QueryStyle::Form | QueryStyle::DeepObject => "",
        };
        match (value, style) {
            (serde_json::Value::Array(items), QueryStyle::Form) => {
                for item in items.iter().filter_map(scalar) {
                    self.query_pair(name, &item);
                }
            }
            (serde_json::Value::Object(fields), QueryStyle::Form) => {
                for (field, value) in fields {
                    for (key, text) in bracketed(field, value) {
                        self.query_pair(&key, &text);
                    }
                }
            }
            (serde_json::Value::Object(_) | serde_json::Value::Array(_), QueryStyle::DeepObject) => {
                for (key, text) in bracketed(name, value) {
                    self.query_pair(&key, &text);
                }
            }
            (serde_json::Value::Array(items), _) => {
                let items: Vec<String> = items.iter().filter_map(scalar).collect();
                self.query_joined(name, &items, separator);
            }
            (serde_json::Value::Object(fields), _) => {
                let items: Vec<String> = fields
                    .iter()
                    .filter_map(|(field, value)| scalar(value).map(|text| [field.clone(), text]))
                    .flatten()
                    .collect();
                self.query_joined(name, &items, separator);
            }
            (other, _) => {
                if let Some(text) = scalar(other) {
                    self.query_pair(name, &text);
                }
            }
        }
    }
    /// `name=a<separator>b`: each item encoded, the separator written as it is.
    fn query_joined(&mut self, name: &str, items: &[String], separator: &str) {
        self.query.push(if self.query.is_empty() { '?' } else { '&' });
        encode_into(name, &mut self.query);
        self.query.push('=');
        for (index, item) in items.iter().enumerate() {
            if index > 0 {
                self.query.push_str(separator);
            }
            encode_into(item, &mut self.query);
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
    /// The request: the URL, the headers, and the body with its content type.
    pub(crate) fn finish(
        self,
        method: http::Method,
        base_url: &str,
        body: Option<Body>,
    ) -> Result<http::Request<Vec<u8>>, RequestError> {
        let uri = format!("{}{}{}", base_url.trim_end_matches('/'), self.path, self.query);
        let accept = self.accept.unwrap_or("application/json");
        let mut request = http::Request::builder().method(method).uri(uri).header("accept", accept);
        let body = body.map(|body| {
            request = std::mem::take(&mut request).header("content-type", body.content_type);
            body.bytes
        });
        for (name, value) in self.headers {
            request = request.header(name, value);
        }
        request.body(body.unwrap_or_default()).map_err(RequestError::Http)
    }
}
/// How a query parameter is written: OpenAPI's `style` and `explode`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(dead_code, reason = "an API uses only some of the styles")]
pub(crate) enum QueryStyle {
    /// `form`, exploded (the default): `id=1&id=2`; an object's fields as parameters of their
    /// own (`status=open`), deeper values in brackets.
    Form,
    /// `form` with `explode: false`: `id=1,2`; an object as `name=key,value,key,value`.
    FormJoined,
    /// `spaceDelimited`: `id=1%202`.
    SpaceDelimited,
    /// `pipeDelimited`: `id=1%7C2`.
    PipeDelimited,
    /// `deepObject`: `filter[status]=open`, deeper values in more brackets (`filter[tags][0]=a`).
    DeepObject,
}
/// A request body, encoded, with its media type.
#[derive(Debug)]
pub(crate) struct Body {
    pub(crate) bytes: Vec<u8>,
    pub(crate) content_type: String,
}
#[allow(dead_code, reason = "an API sends only some of the media types")]
impl Body {
    /// `application/json`.
    pub(crate) fn json<T: serde::Serialize>(value: &T) -> Result<Self, RequestError> {
        Ok(Self {
            bytes: serde_json::to_vec(value).map_err(RequestError::Encode)?,
            content_type: "application/json".to_owned(),
        })
    }
    /// `application/x-www-form-urlencoded`: every field of the value as `name=value`, nested
    /// objects and arrays in brackets (`metadata[key]=v`, `items[0][price]=p`), as the large
    /// form-body APIs read them; `null` fields are left out.
    pub(crate) fn form<T: serde::Serialize>(value: &T) -> Result<Self, RequestError> {
        let mut text = String::new();
        if let serde_json::Value::Object(fields) = serde_json::to_value(value).map_err(RequestError::Encode)? {
            for (field, value) in &fields {
                for (key, item) in bracketed(field, value) {
                    if !text.is_empty() {
                        text.push('&');
                    }
                    encode_into(&key, &mut text);
                    text.push('=');
                    encode_into(&item, &mut text);
                }
            }
        }
        Ok(Self { bytes: text.into_bytes(), content_type: "application/x-www-form-urlencoded".to_owned() })
    }
    /// Bytes as they are, with their own media type or else the one the spec names
    /// (`application/octet-stream`).
    pub(crate) fn binary(binary: &Binary, content_type: &str) -> Self {
        let content_type = binary.content_type.as_deref().unwrap_or(content_type).to_owned();
        Self { bytes: binary.bytes.clone(), content_type }
    }
    /// Text as UTF-8 (`text/plain`).
    pub(crate) fn text(text: &str, content_type: &str) -> Self {
        Self { bytes: text.as_bytes().to_vec(), content_type: content_type.to_owned() }
    }
}
/// A body of bytes, in or out, with its media type (`application/octet-stream`, `image/png`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Binary {
    /// The media type: what the response said, or what the request sends (the spec's media
    /// type when this is `None`).
    pub content_type: Option<String>,
    /// The bytes.
    pub bytes: Vec<u8>,
}
/// A file sent as a part of a `multipart/form-data` body (a `format: binary` property).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FilePart {
    /// The file name the part carries (`filename="report.pdf"`), if any.
    pub file_name: Option<String>,
    /// The part's media type; `application/octet-stream` (or the spec's `encoding`) when `None`.
    pub content_type: Option<String>,
    /// The file's bytes.
    pub bytes: Vec<u8>,
}
impl FilePart {
    /// A file part of these bytes, named `file_name`.
    #[must_use]
    pub fn new(file_name: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        Self { file_name: Some(file_name.into()), content_type: None, bytes: bytes.into() }
    }
}
/// In JSON, which has no bytes, a file is its bytes as a string (read back from a string or a
/// list of byte values).
impl serde::Serialize for FilePart {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&String::from_utf8_lossy(&self.bytes))
    }
}
impl<'de> serde::Deserialize<'de> for FilePart {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(serde::Deserialize)]
        #[serde(untagged)]
        enum Bytes {
            Text(String),
            Values(Vec<u8>),
        }
        let bytes = match <Bytes as serde::Deserialize>::deserialize(deserializer)? {
            Bytes::Text(text) => text.into_bytes(),
            Bytes::Values(values) => values,
        };
        Ok(Self { file_name: None, content_type: None, bytes })
    }
}
/// A `multipart/form-data` body, part by part.
#[derive(Debug, Default)]
pub(crate) struct Multipart {
    parts: Vec<(String, Option<String>, String, Vec<u8>)>,
}
#[allow(dead_code, reason = "an API sends only some kinds of parts")]
impl Multipart {
    /// A part holding a value: text for a string, number or boolean (`text/plain`), JSON for an
    /// object or array (`application/json`), unless the spec's `encoding` names a media type.
    pub(crate) fn value<T: serde::Serialize>(
        &mut self,
        name: &str,
        value: &T,
        content_type: Option<&str>,
    ) -> Result<(), RequestError> {
        let value = serde_json::to_value(value).map_err(RequestError::Encode)?;
        let (bytes, default_type) = match &value {
            serde_json::Value::Null => return Ok(()),
            serde_json::Value::String(text) => (text.as_bytes().to_vec(), "text/plain"),
            serde_json::Value::Bool(_) | serde_json::Value::Number(_) => (value.to_string().into_bytes(), "text/plain"),
            _ => (serde_json::to_vec(&value).map_err(RequestError::Encode)?, "application/json"),
        };
        let content_type = content_type.unwrap_or(default_type).to_owned();
        self.parts.push((name.to_owned(), None, content_type, bytes));
        Ok(())
    }
    /// A file part.
    pub(crate) fn file(&mut self, name: &str, file: &FilePart, content_type: Option<&str>) {
        let content_type = file.content_type.as_deref().or(content_type).unwrap_or("application/octet-stream");
        self.parts.push((name.to_owned(), file.file_name.clone(), content_type.to_owned(), file.bytes.clone()));
    }
    /// The body: parts between a boundary no part contains.
    pub(crate) fn finish(self) -> Body {
        let mut boundary = "openapi-to-rust-boundary".to_owned();
        while self.parts.iter().any(|(.., bytes)| bytes.windows(boundary.len()).any(|w| w == boundary.as_bytes())) {
            boundary.push('x');
        }
        let mut bytes = Vec::new();
        for (name, file_name, content_type, body) in self.parts {
            bytes.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
            let file_name = file_name.map(|file_name| format!("; filename=\"{}\"", quoted(&file_name)));
            let disposition =
                format!("Content-Disposition: form-data; name=\"{}\"{}", quoted(&name), file_name.unwrap_or_default());
            bytes.extend_from_slice(format!("{disposition}\r\nContent-Type: {content_type}\r\n\r\n").as_bytes());
            bytes.extend_from_slice(&body);
            bytes.extend_from_slice(b"\r\n");
        }
        bytes.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        Body { bytes, content_type: format!("multipart/form-data; boundary={boundary}") }
    }
}
/// A name or file name inside a quoted header parameter: quotes and line breaks escaped as
/// the HTML form encoding does.
fn quoted(text: &str) -> String {
    text.replace('"', "%22").replace('\r', "%0D").replace('\n', "%0A")
}
/// Every scalar inside `value` with its key in bracket notation below `prefix`: `prefix`
/// itself for a scalar, `prefix[field]` for an object's field, `prefix[0]` for an array's item;
/// `null` gives nothing.
fn bracketed(prefix: &str, value: &serde_json::Value) -> Vec<(String, String)> {
    let mut pairs = Vec::new();
    let mut stack = vec![(prefix.to_owned(), value)];
    while let Some((key, value)) = stack.pop() {
        match value {
            serde_json::Value::Object(fields) => {
                stack.extend(fields.iter().rev().map(|(field, value)| (format!("{key}[{field}]"), value)));
            }
            serde_json::Value::Array(items) => {
                stack.extend(items.iter().enumerate().rev().map(|(index, value)| (format!("{key}[{index}]"), value)));
            }
            other => pairs.extend(scalar(other).map(|text| (key, text))),
        }
    }
    pairs
}
