//! An HTTP client over the endpoint stubs: each request is built by its operation's
//! `to_http_request` and read by its `parse_response`, as with any other transport; this adds
//! what a production service needs around them: credentials, default headers, timeouts,
//! retries with backoff, raw responses, pages and event streams as `Stream`s, and one error
//! type that keeps the status, the `request-id` and the raw body.
//!
//! Copied verbatim into every generated crate with a client as `client/runtime.rs`; the
//! generated `client` module adds the spec's own parts (its server, its credentials, a method
//! per operation, grouped by resource).

use std::fmt;
use std::future::{Future, IntoFuture};
use std::pin::Pin;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use bytes::Bytes;
use futures_util::stream;
use http::{HeaderMap, HeaderName, HeaderValue, StatusCode};

/// The stream traits a caller walks pages and events with (`while let Some(item) =
/// stream.next().await`), re-exported so that needs no dependency of its own.
pub use futures_util::stream::{BoxStream, Stream, StreamExt, TryStreamExt};

use super::retry::{RetryPolicy, jitter, should_retry};
use crate::events::{EventError, Events};
use crate::operations::{
    ErrorBody, ErrorLine, Listing, Operation, Paginated, RequestError, ResponseError, Streaming, request_id,
};
use crate::validate::ValidationErrors;

/// How long one attempt of a request may take, from sending it to the last byte of the
/// response (to the first byte, for an event stream), unless the client or the request says
/// otherwise: 10 minutes, as the official SDKs allow.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(600);

/// How many times a request that failed in a way that may pass is sent again, unless the
/// client or the call says otherwise: 2, as the official SDKs do.
pub const DEFAULT_MAX_RETRIES: u32 = 2;

/// The header that tells the server which attempt a request is (`0` for the first), named as
/// the official SDKs name it.
pub const RETRY_COUNT_HEADER: &str = "x-stainless-retry-count";

/// A credential's secret part. It is never shown: `Debug` prints `[redacted]`, and the header
/// it becomes is marked sensitive, so `reqwest` and `http` leave it out of their `Debug` too.
#[derive(Clone)]
pub struct Secret(Arc<str>);

impl Secret {
    /// The secret itself, for the one place that sends it.
    #[must_use]
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl<T: Into<String>> From<T> for Secret {
    fn from(secret: T) -> Self {
        Self(Arc::from(secret.into()))
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

/// How a request proves who sends it: one of the spec's security schemes, filled in. The
/// generated `ClientBuilder` has a method for each scheme of the spec, which makes these.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum Credential {
    /// An API key in a header (`x-api-key: <key>`).
    Header {
        /// The header's name.
        name: HeaderName,
        /// The key.
        value: Secret,
    },
    /// An API key as a query parameter (`?api_key=<key>`).
    Query {
        /// The parameter's name.
        name: String,
        /// The key.
        value: Secret,
    },
    /// An API key in a cookie (`Cookie: session=<key>`).
    Cookie {
        /// The cookie's name.
        name: String,
        /// The key.
        value: Secret,
    },
    /// `Authorization: Bearer <token>`.
    Bearer(Secret),
    /// `Authorization: Basic <base64 of user:password>`.
    Basic {
        /// The user name.
        username: String,
        /// The password.
        password: Secret,
    },
}

impl Credential {
    /// What the credential adds to every request, made once when the client is built.
    fn prepare(&self, into: &mut Prepared) -> Result<(), http::Error> {
        let sensitive = |text: &str| -> Result<HeaderValue, http::Error> {
            let mut value = HeaderValue::try_from(text)?;
            value.set_sensitive(true);
            Ok(value)
        };
        match self {
            Self::Header { name, value } => {
                into.headers.insert(name.clone(), sensitive(value.expose())?);
            }
            Self::Query { name, value } => into.query.push((name.clone(), value.clone())),
            Self::Cookie { name, value } => {
                into.headers.append(http::header::COOKIE, sensitive(&format!("{name}={}", value.expose()))?);
            }
            Self::Bearer(token) => {
                into.headers.insert(http::header::AUTHORIZATION, sensitive(&format!("Bearer {}", token.expose()))?);
            }
            Self::Basic { username, password } => {
                use base64::Engine as _;
                let pair =
                    base64::engine::general_purpose::STANDARD.encode(format!("{username}:{}", password.expose()));
                into.headers.insert(http::header::AUTHORIZATION, sensitive(&format!("Basic {pair}"))?);
            }
        }
        Ok(())
    }
}

/// The credentials as they go on the wire: sensitive headers, and query parameters.
#[derive(Debug, Default)]
struct Prepared {
    headers: HeaderMap,
    query: Vec<(String, Secret)>,
}

/// Settings of a [`Client`]; `Client::builder()` starts one with the spec's server.
///
/// Each method sets one setting of its own, so the order of the calls matters only for the
/// same method called twice: the last value wins, except that `default_header` and `credential`
/// add one each (a later credential replacing an earlier one of the same header).
#[derive(Debug, Clone)]
#[must_use]
pub struct ClientBuilder {
    base_url: String,
    credentials: Vec<Credential>,
    headers: HeaderMap,
    timeout: Duration,
    max_retries: u32,
    backoff: RetryPolicy,
    retry_count_header: Option<HeaderName>,
    http: Option<reqwest::Client>,
}

impl ClientBuilder {
    /// Settings that send requests to `base_url` (`https://api.example.com`), without
    /// credentials, with the default timeout and retries.
    pub fn new(base_url: impl Into<String>) -> Self {
        Self {
            base_url: base_url.into(),
            credentials: Vec::new(),
            headers: HeaderMap::new(),
            timeout: DEFAULT_TIMEOUT,
            max_retries: DEFAULT_MAX_RETRIES,
            backoff: RetryPolicy::default(),
            retry_count_header: Some(HeaderName::from_static(RETRY_COUNT_HEADER)),
            http: None,
        }
    }

    /// Where requests go: the API's root, in front of every operation's path.
    pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
        self.base_url = base_url.into();
        self
    }

    /// Sends `credential` with every request (after any set before it).
    pub fn credential(mut self, credential: Credential) -> Self {
        self.credentials.push(credential);
        self
    }

    /// Sends this header with every request, unless the operation, a credential or the call
    /// sets the same header. A header an operation sends as a list (`anthropic-beta`) is not
    /// replaced but added to: this value joins the operation's.
    pub fn default_header(mut self, name: HeaderName, value: HeaderValue) -> Self {
        self.headers.append(name, value);
        self
    }

    /// How long one attempt may take ([`DEFAULT_TIMEOUT`] unless set).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// How many times a request that failed in a way that may pass is sent again
    /// ([`DEFAULT_MAX_RETRIES`] unless set; 0 sends each request once).
    pub fn max_retries(mut self, max_retries: u32) -> Self {
        self.max_retries = max_retries;
        self
    }

    /// The backoff between attempts when the server names no wait (tests shorten it); how many
    /// attempts are made is [`max_retries`](Self::max_retries), which this leaves as it is.
    pub fn retry_policy(mut self, backoff: RetryPolicy) -> Self {
        self.backoff = backoff;
        self
    }

    /// The header that numbers each attempt ([`RETRY_COUNT_HEADER`] unless set); `None` sends
    /// none.
    pub fn retry_count_header(mut self, name: Option<HeaderName>) -> Self {
        self.retry_count_header = name;
        self
    }

    /// The `reqwest` client to send with, for settings this builder does not have (proxies,
    /// connection pools, certificates). Its own timeout, if it has one, applies as well. Building
    /// one needs a rustls crypto provider installed first: [`install_crypto_provider`], or the
    /// application's own.
    pub fn http_client(mut self, http: reqwest::Client) -> Self {
        self.http = Some(http);
        self
    }

    /// The client.
    ///
    /// TLS is rustls with the process's default crypto provider: the application's, if it
    /// installed one (`rustls::crypto::CryptoProvider::install_default`), else ring, which this
    /// installs as the default on first use. (Not aws-lc-rs, reqwest's own default, which
    /// compiles a large C library into every build.)
    pub fn build(self) -> Result<Client, ClientError> {
        let http = if let Some(http) = self.http {
            http
        } else {
            install_crypto_provider();
            reqwest::Client::builder()
                .user_agent(concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION")))
                .build()
                .map_err(|error| ClientError::Http(error.without_url()))?
        };
        let base_url = self.base_url.trim_end_matches('/').to_owned();
        reqwest::Url::parse(&base_url).map_err(|error| ClientError::BaseUrl { base_url: base_url.clone(), error })?;
        let mut prepared = Prepared::default();
        for credential in &self.credentials {
            credential.prepare(&mut prepared).map_err(ClientError::Credential)?;
        }
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                base_url,
                credentials: self.credentials,
                prepared,
                headers: self.headers,
                timeout: self.timeout,
                max_retries: self.max_retries,
                backoff: self.backoff,
                retry_count_header: self.retry_count_header,
            }),
        })
    }
}

/// Why a client was not made.
#[derive(Debug)]
#[non_exhaustive]
pub enum ClientError {
    /// The base URL is not a URL.
    BaseUrl {
        /// The base URL given.
        base_url: String,
        /// Why it is not one.
        error: url::ParseError,
    },
    /// The HTTP client could not start (its TLS configuration, say).
    Http(reqwest::Error),
    /// A credential cannot be sent: it has a character no header value may hold (such as a
    /// line break). The error does not show the credential.
    Credential(http::Error),
    /// `from_env` found no credential in the environment: none of these variables is set.
    MissingCredentials {
        /// The variables it read.
        variables: Vec<&'static str>,
    },
}

impl fmt::Display for ClientError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::BaseUrl { base_url, error } => write!(f, "the base URL `{base_url}` is not a URL: {error}"),
            Self::Http(error) => write!(f, "the HTTP client could not start: {error}"),
            Self::Credential(error) => write!(f, "a credential cannot be sent in a header: {error}"),
            Self::MissingCredentials { variables } => {
                write!(f, "no credentials: set one of the environment variables {}", variables.join(", "))
            }
        }
    }
}

impl std::error::Error for ClientError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::BaseUrl { error, .. } => Some(error),
            Self::Http(error) => Some(error),
            Self::Credential(error) => Some(error),
            Self::MissingCredentials { .. } => None,
        }
    }
}

/// An asynchronous client of the API, over `reqwest` and tokio. Cloning it is cheap (the
/// clones share one connection pool), so make one and pass it around.
///
/// Each operation is a method of its resource (`client.deployments().create(…)`); any
/// operation's request value can also be sent as it is with [`Client::call`].
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    http: reqwest::Client,
    base_url: String,
    credentials: Vec<Credential>,
    prepared: Prepared,
    headers: HeaderMap,
    timeout: Duration,
    max_retries: u32,
    backoff: RetryPolicy,
    retry_count_header: Option<HeaderName>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let inner = &*self.inner;
        f.debug_struct("Client")
            .field("base_url", &inner.base_url)
            .field("credentials", &inner.credentials)
            .field("timeout", &inner.timeout)
            .field("max_retries", &inner.max_retries)
            .field("backoff", &inner.backoff)
            .finish_non_exhaustive()
    }
}

impl Client {
    /// The URL requests go to, without a trailing `/`.
    #[must_use]
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    /// A call of `operation` (any operation's request value), to be awaited for its typed
    /// result, or adjusted first (`.timeout(…)`, `.header(…)`), or walked as pages or events.
    pub fn call<O: Operation>(&self, operation: O) -> Call<O> {
        Call { client: self.clone(), operation, options: RequestOptions::default() }
    }
}

/// What one call changes of its client's settings.
#[derive(Debug, Clone, Default)]
struct RequestOptions {
    timeout: Option<Duration>,
    max_retries: Option<u32>,
    headers: HeaderMap,
    query: Vec<(String, String)>,
}

/// One call of an operation, not yet sent, holding its own handle on the client (so a call, and
/// the streams it gives, can move to another task): `.await` it for the typed result, or
/// [`with_response`](Self::with_response) for the status and headers with it. Paginated
/// operations have [`pages`](Self::pages) and [`items`](Self::items), streaming ones
/// [`events`](Self::events).
#[derive(Debug)]
#[must_use = "a call does nothing until it is awaited or walked"]
pub struct Call<O> {
    client: Client,
    operation: O,
    options: RequestOptions,
}

impl<O: Operation> Call<O> {
    /// The request value this call sends.
    pub fn operation(&self) -> &O {
        &self.operation
    }

    /// Changes the request value before it is sent (a parameter the method does not take).
    pub fn map(mut self, change: impl FnOnce(&mut O)) -> Self {
        change(&mut self.operation);
        self
    }

    /// How long each attempt of this call may take.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.options.timeout = Some(timeout);
        self
    }

    /// How many times this call is sent again after a failure that may pass.
    pub fn max_retries(mut self, max_retries: u32) -> Self {
        self.options.max_retries = Some(max_retries);
        self
    }

    /// Sends one more header with this call, over the client's defaults, the operation's own
    /// headers and the credentials of the same name. A header the operation sends as a
    /// comma-separated list ([`Operation::LIST_HEADERS`], such as a beta header) is added to
    /// instead: `.header(name, "files-api-2025-04-14".parse()?)` sends that value beside the
    /// operation's and the client's, each once.
    pub fn header(mut self, name: HeaderName, value: HeaderValue) -> Self {
        if O::LIST_HEADERS.contains(&name.as_str()) {
            self.options.headers.append(name, value);
        } else {
            self.options.headers.insert(name, value);
        }
        self
    }

    /// Adds a query parameter the spec does not list (for a feature newer than the bindings).
    pub fn query(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.options.query.push((name.into(), value.into()));
        self
    }

    /// Sends the call; the typed result with the response's status and headers.
    pub async fn with_response(self) -> Result<Response<O::Response>, Error<O::Error>> {
        let received = self.client.send(&self.operation, &self.options, whole).await?;
        received.parse::<O>()
    }
}

impl<O> IntoFuture for Call<O>
where
    O: Operation + Send + Sync + 'static,
    O::Response: Send,
    O::Error: Send,
{
    type Output = Result<O::Response, Error<O::Error>>;
    type IntoFuture = Pin<Box<dyn Future<Output = Self::Output> + Send>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move { self.with_response().await.map(|response| response.body) })
    }
}

impl<O> Call<O>
where
    O: Paginated + Send + Sync + 'static,
    O::Response: Send,
    O::Error: Send,
{
    /// Every page, fetched one after another as the stream is read, from this call's request
    /// to the last page. An error ends the stream after it is yielded.
    pub fn pages(self) -> BoxStream<'static, Result<O::Response, Error<O::Error>>> {
        let Self { client, operation, options } = self;
        stream::unfold(Some(operation), move |next| {
            let (client, options) = (client.clone(), options.clone());
            async move {
                let operation = next?;
                match client.send(&operation, &options, whole).await.and_then(Received::parse::<O>) {
                    Ok(page) => {
                        let next = operation.next_request(&page.body, &page.headers);
                        Some((Ok(page.body), next))
                    }
                    Err(error) => Some((Err(error), None)),
                }
            }
        })
        .boxed()
    }

    /// Every item of every page, in order, pages fetched as the stream is read.
    pub fn items(self) -> BoxStream<'static, Result<O::Item, Error<O::Error>>>
    where
        O: Listing,
        O::Item: Send + 'static,
    {
        self.pages()
            .flat_map(|page| match page {
                Ok(page) => stream::iter(O::into_items(page).into_iter().map(Ok)).left_stream(),
                Err(error) => stream::once(std::future::ready(Err(error))).right_stream(),
            })
            .boxed()
    }
}

impl<O> Call<O>
where
    O: Streaming + Send + Sync + 'static,
    O::Response: Send,
    O::Error: Send,
    O::Event: Send + 'static,
{
    /// The events of the response, each decoded as it arrives. The request is retried as any
    /// other until the response starts; an error response, or an event that does not decode,
    /// is the stream's last item.
    pub fn events(self) -> BoxStream<'static, Result<O::Event, Error<O::Error>>> {
        let Self { client, operation, options } = self;
        let start = async move { client.send(&operation, &options, streamed).await?.into_events::<O>().await };
        stream::once(start)
            .flat_map(|started| match started {
                Ok(events) => events.left_stream(),
                Err(error) => stream::once(std::future::ready(Err(error))).right_stream(),
            })
            .boxed()
    }
}

/// A typed result with the response it came in.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Response<T> {
    /// The HTTP status.
    pub status: StatusCode,
    /// The response headers.
    pub headers: HeaderMap,
    /// The typed body.
    pub body: T,
}

impl<T> Response<T> {
    /// The `request-id` header, for support requests.
    #[must_use]
    pub fn request_id(&self) -> Option<&str> {
        request_id(&self.headers)
    }
}

/// Makes ring the process's rustls crypto provider unless one is installed already (by the
/// application, or by an earlier client): reqwest is built without a provider of its own and
/// reads the process default.
pub fn install_crypto_provider() {
    if rustls::crypto::CryptoProvider::get_default().is_none() {
        // Another thread may install one in between: either provider does, so its error is moot.
        let _ = rustls::crypto::ring::default_provider().install_default();
    }
}

/// The value of an environment variable, unless it is unset, empty or not Unicode: what
/// `Client::from_env` reads each variable with.
#[allow(dead_code, reason = "only a spec with a server or a security scheme reads a variable")]
pub(crate) fn env_variable(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|value| !value.is_empty())
}

/// Why a call gave no result. Every variant that had a response keeps its status, headers and
/// raw body; none holds a credential.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error<E> {
    /// The API answered with an error status and the spec's error body.
    Api {
        /// The HTTP status.
        status: StatusCode,
        /// The response headers.
        headers: HeaderMap,
        /// The typed error body.
        error: E,
        /// The body as received.
        body: Bytes,
        /// How many attempts were made (the last one answered this).
        attempts: u32,
    },
    /// The API answered with a response the spec does not describe, kept as received: a status
    /// it does not document for the operation (whose body is not the shared error envelope
    /// either), or an error status whose body is not its documented error (an HTML page from a
    /// proxy, an empty 503). Whether the spec documents the status does not change the variant.
    Status {
        /// The HTTP status.
        status: StatusCode,
        /// The response headers.
        headers: HeaderMap,
        /// The body as received.
        body: Bytes,
        /// How many attempts were made (the last one answered this).
        attempts: u32,
    },
    /// A success's body (or an event of a stream) is not what the spec says it holds. An error
    /// status never gives this: its body, whatever it is, is [`Api`](Self::Api) or
    /// [`Status`](Self::Status).
    Decode {
        /// The HTTP status.
        status: StatusCode,
        /// The response headers.
        headers: HeaderMap,
        /// Why it did not decode.
        error: serde_json::Error,
        /// What did not decode: the body, or the event's data.
        body: Bytes,
    },
    /// No attempt finished within its timeout.
    Timeout {
        /// How many attempts were made.
        attempts: u32,
    },
    /// The connection failed (refused, reset, dropped mid-response) on every attempt.
    Connection {
        /// How many attempts were made.
        attempts: u32,
        /// The last failure (without the URL, which may hold a credential).
        source: reqwest::Error,
    },
    /// The request breaks limits of the API (every violation is listed); nothing was sent.
    Invalid(ValidationErrors),
    /// The request could not be built (a value that does not encode, a URL that is not one);
    /// nothing was sent.
    Request(BoxError),
}

impl<E> Error<E> {
    /// The HTTP status, if there was a response.
    #[must_use]
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Self::Api { status, .. } | Self::Status { status, .. } | Self::Decode { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// The response headers, if there was a response.
    #[must_use]
    pub fn headers(&self) -> Option<&HeaderMap> {
        match self {
            Self::Api { headers, .. } | Self::Status { headers, .. } | Self::Decode { headers, .. } => Some(headers),
            _ => None,
        }
    }

    /// The `request-id` header of the response, for support requests.
    #[must_use]
    pub fn request_id(&self) -> Option<&str> {
        self.headers().and_then(request_id)
    }

    /// The body as received, if there was a response.
    #[must_use]
    pub fn body(&self) -> Option<&Bytes> {
        match self {
            Self::Api { body, .. } | Self::Status { body, .. } | Self::Decode { body, .. } => Some(body),
            _ => None,
        }
    }

    /// The whole error body the API sent, as the spec types it (for an envelope, with its
    /// `request_id` and any field beside the error object), if the response is a documented
    /// error.
    #[must_use]
    pub fn api_error_body(&self) -> Option<&E> {
        match self {
            Self::Api { error, .. } => Some(error),
            _ => None,
        }
    }
}

impl<E: ErrorBody> Error<E> {
    /// The error object the API sent, if the response is a documented error: the envelope's
    /// `error` where the spec wraps errors in one (see [`ErrorBody`]), so a typed error kind is
    /// one match away (`Some(ErrorKind::NotFoundError(e)) => …`);
    /// [`api_error_body`](Self::api_error_body) gives the whole envelope.
    #[must_use]
    pub fn api_error(&self) -> Option<&E::Object> {
        self.api_error_body().and_then(ErrorBody::object)
    }
}

impl<E> fmt::Display for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            // One line, read from the raw body the same way whatever the spec types it as.
            Self::Api { status, body, attempts, .. } | Self::Status { status, body, attempts, .. } => {
                ErrorLine { status: *status, request_id: self.request_id(), body }.fmt(f)?;
                f.write_str(&after(*attempts))
            }
            Self::Decode { status, error, .. } => {
                let request_id = self.request_id().map(|id| format!(" (request-id {id})")).unwrap_or_default();
                write!(f, "the response ({status}{request_id}) is not what the spec describes: {error}")
            }
            Self::Timeout { attempts } => write!(f, "no response within the timeout ({attempts} attempt(s))"),
            Self::Connection { attempts, source } => {
                write!(f, "the connection failed ({attempts} attempt(s)): {source}")
            }
            Self::Invalid(errors) => write!(f, "invalid request: {errors}"),
            Self::Request(error) => write!(f, "cannot build the request: {error}"),
        }
    }
}

/// How an error that came after retries says so: nothing for a first attempt.
fn after(attempts: u32) -> String {
    if attempts > 1 { format!(" (after {attempts} attempts)") } else { String::new() }
}

impl<E: fmt::Debug> std::error::Error for Error<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Decode { error, .. } => Some(error),
            Self::Connection { source, .. } => Some(source),
            Self::Invalid(errors) => Some(errors),
            Self::Request(error) => Some(&**error),
            _ => None,
        }
    }
}

impl<E> From<BoxError> for Error<E> {
    fn from(error: BoxError) -> Self {
        Self::Request(error)
    }
}

impl<E> From<RequestError> for Error<E> {
    fn from(error: RequestError) -> Self {
        match error {
            RequestError::Invalid(errors) => Self::Invalid(errors),
            other => Self::Request(Box::new(other)),
        }
    }
}

/// A response the retries are done with: its body read whole (`Bytes`) or still to come
/// (`reqwest::Response`, for an event stream), and which attempt it answered.
struct Received<B> {
    status: StatusCode,
    headers: HeaderMap,
    body: B,
    /// Attempts made, this one included.
    attempts: u32,
}

/// Why an attempt failed before its response was read.
enum Failure {
    Timeout,
    Connection(reqwest::Error),
}

impl Client {
    /// Builds `operation`'s request and sends it, retrying as the policy says; `read` reads
    /// the body of a response within the attempt's timeout (all of it, or none, for a stream).
    async fn send<O, B, R, F>(
        &self,
        operation: &O,
        options: &RequestOptions,
        read: R,
    ) -> Result<Received<B>, Error<O::Error>>
    where
        O: Operation,
        R: Fn(reqwest::Response) -> F,
        F: Future<Output = reqwest::Result<B>>,
    {
        let request = self.request(operation.to_http_request(&self.inner.base_url)?, options, O::LIST_HEADERS)?;
        let max_retries = options.max_retries.unwrap_or(self.inner.max_retries);
        let timeout = options.timeout.unwrap_or(self.inner.timeout);
        let mut retries = 0;
        loop {
            match request.try_clone() {
                Some(copy) if retries < max_retries => {
                    let outcome = self.attempt(copy, retries, timeout, &read).await;
                    let Some(delay) = self.retry_delay(&outcome, retries) else {
                        return finish(outcome, retries + 1);
                    };
                    drop(outcome);
                    tokio::time::sleep(delay).await;
                    retries += 1;
                }
                // The last attempt, or a body that cannot be replayed (a stream), which is sent
                // once whatever the policy.
                _ => return finish(self.attempt(request, retries, timeout, &read).await, retries + 1),
            }
        }
    }

    /// The request to send: the operation's, with the client's default headers, the
    /// credentials and the call's own headers and query parameters. `lists` are the headers the
    /// operation sends as comma-separated lists, which add up instead.
    fn request(
        &self,
        request: http::Request<Vec<u8>>,
        options: &RequestOptions,
        lists: &[&str],
    ) -> Result<reqwest::Request, BoxError> {
        let (parts, body) = request.into_parts();
        // A list adds up: the client's values, the operation's (its required ones among them)
        // and the call's, each once, in that order.
        let joined: Vec<(HeaderName, HeaderValue)> = lists
            .iter()
            .filter_map(|name| {
                let name = HeaderName::try_from(*name).ok()?;
                let layers = [&self.inner.headers, &parts.headers, &options.headers];
                let value = join_list(layers.iter().flat_map(|headers| headers.get_all(&name)))?;
                Some((name, value))
            })
            .collect();
        let mut url = reqwest::Url::parse(&parts.uri.to_string())?;
        let credentials = &self.inner.prepared;
        if !options.query.is_empty() || !credentials.query.is_empty() {
            let mut query = url.query_pairs_mut();
            query.extend_pairs(&options.query);
            for (name, value) in &credentials.query {
                query.append_pair(name, value.expose());
            }
        }
        let mut request = reqwest::Request::new(parts.method, url);
        // Each layer replaces what the one before set under the same name: the client's
        // defaults, the operation's own headers, the credentials (cookies add up), the call's.
        let headers = request.headers_mut();
        for (name, value) in &self.inner.headers {
            headers.append(name.clone(), value.clone());
        }
        headers.extend(parts.headers);
        for (name, value) in &credentials.headers {
            if name == http::header::COOKIE {
                headers.append(name.clone(), value.clone());
            } else {
                headers.insert(name.clone(), value.clone());
            }
        }
        for (name, value) in &options.headers {
            headers.insert(name.clone(), value.clone());
        }
        for (name, value) in joined {
            headers.insert(name, value);
        }
        // A GET without a body goes without one, not with an empty one (which hyper would
        // frame and poll); a POST without one still says `content-length: 0`.
        let bodiless = matches!(*request.method(), http::Method::GET | http::Method::HEAD | http::Method::DELETE);
        if !(body.is_empty() && bodiless) {
            *request.body_mut() = Some(reqwest::Body::from(body));
        }
        Ok(request)
    }

    /// One attempt: the request, numbered, sent and its response read within `timeout`.
    async fn attempt<B, R, F>(
        &self,
        mut request: reqwest::Request,
        retries: u32,
        timeout: Duration,
        read: &R,
    ) -> Result<Received<B>, Failure>
    where
        R: Fn(reqwest::Response) -> F,
        F: Future<Output = reqwest::Result<B>>,
    {
        if let Some(name) = &self.inner.retry_count_header {
            request.headers_mut().insert(name.clone(), HeaderValue::from(retries));
        }
        let exchange = async {
            let mut response = self.inner.http.execute(request).await?;
            // Taken, not copied: the body is read without them (hyper has used what it needs).
            let (status, headers) = (response.status(), std::mem::take(response.headers_mut()));
            Ok::<_, reqwest::Error>(Received { status, headers, body: read(response).await?, attempts: retries + 1 })
        };
        match tokio::time::timeout(timeout, exchange).await {
            Ok(Ok(received)) => Ok(received),
            Ok(Err(error)) if error.is_timeout() => Err(Failure::Timeout),
            Ok(Err(error)) => Err(Failure::Connection(error.without_url())),
            Err(_elapsed) => Err(Failure::Timeout),
        }
    }

    /// How long to wait before retry number `retries`, if the outcome is worth retrying.
    fn retry_delay<B>(&self, outcome: &Result<Received<B>, Failure>, retries: u32) -> Option<Duration> {
        let policy = &self.inner.backoff;
        match outcome {
            Ok(received) => should_retry(received.status, &received.headers)
                .then(|| policy.delay(retries, &received.headers, SystemTime::now(), jitter())),
            Err(_) => Some(policy.backoff(retries, jitter())),
        }
    }
}

/// The outcome of the last attempt, as the call's.
#[allow(
    clippy::result_large_err,
    reason = "the error keeps the response whole (status, headers, body), as callers read it"
)]
fn finish<B, E>(outcome: Result<Received<B>, Failure>, attempts: u32) -> Result<Received<B>, Error<E>> {
    outcome.map_err(|failure| match failure {
        Failure::Timeout => Error::Timeout { attempts },
        Failure::Connection(source) => Error::Connection { attempts, source },
    })
}

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// The items of every value of a comma-separated list header (OpenAPI's `simple` style), each
/// once, in order, as one value; `None` when there is none.
fn join_list<'a>(values: impl IntoIterator<Item = &'a HeaderValue>) -> Option<HeaderValue> {
    let mut items: Vec<&[u8]> = Vec::new();
    for value in values {
        for item in value.as_bytes().split(|byte| *byte == b',').map(<[u8]>::trim_ascii) {
            if !item.is_empty() && !items.contains(&item) {
                items.push(item);
            }
        }
    }
    // Parts of valid values joined by a comma are a valid value.
    (!items.is_empty()).then(|| HeaderValue::from_bytes(&items.join(&b","[..])).ok()).flatten()
}

/// Reads the whole body.
async fn whole(response: reqwest::Response) -> reqwest::Result<Bytes> {
    response.bytes().await
}

/// Leaves the body to be read as it comes.
async fn streamed(response: reqwest::Response) -> reqwest::Result<reqwest::Response> {
    Ok(response)
}

impl Received<Bytes> {
    /// The operation's typed result, or its typed error, with the raw response kept.
    #[allow(
        clippy::result_large_err,
        reason = "the error keeps the response whole (status, headers, body), as callers read it"
    )]
    fn parse<O: Operation>(self) -> Result<Response<O::Response>, Error<O::Error>> {
        let Self { status, headers, body, attempts } = self;
        let mut response = http::Response::new(body.clone());
        *response.status_mut() = status;
        // What `parse_response` reads of the headers (the media type, the request id), not a
        // copy of them all: the caller gets the originals.
        for name in [http::header::CONTENT_TYPE, HeaderName::from_static("request-id")] {
            if let Some(value) = headers.get(&name) {
                response.headers_mut().insert(name, value.clone());
            }
        }
        match O::parse_response(response) {
            Ok(typed) => Ok(Response { status, headers, body: typed }),
            Err(ResponseError::Api { error, .. }) => Err(Error::Api { status, headers, error, body, attempts }),
            Err(ResponseError::Decode { error, .. }) => Err(Error::Decode { status, headers, error, body }),
            // `Undocumented`: a status the spec does not document, or an error whose body is not
            // the documented error (an HTML page from a proxy), as received.
            Err(_) => Err(Error::Status { status, headers, body, attempts }),
        }
    }
}

impl Received<reqwest::Response> {
    /// The events of a streamed success; a response that is not an event stream (an error,
    /// or a success the server sent whole) is read whole and parsed as the operation says.
    async fn into_events<O>(self) -> Result<BoxStream<'static, Result<O::Event, Error<O::Error>>>, Error<O::Error>>
    where
        O: Streaming,
        O::Event: Send + 'static,
        O::Error: Send + 'static,
    {
        let is_event_stream = self
            .headers
            .get(http::header::CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .is_some_and(|value| value.trim_start().to_ascii_lowercase().starts_with("text/event-stream"));
        if !(self.status.is_success() && is_event_stream) {
            let body = self
                .body
                .bytes()
                .await
                .map_err(|error| Error::Connection { attempts: 1, source: error.without_url() })?;
            let whole = Received { status: self.status, headers: self.headers, body, attempts: self.attempts };
            let events = O::into_events(whole.parse::<O>()?.body);
            return Ok(stream::iter(events.into_iter().map(Ok)).boxed());
        }
        let response = self.body;
        let (status, headers) = (self.status, self.headers);
        let decoder = Events::<O::Event>::new(O::WHOLE_EVENT);
        let chunks = response.bytes_stream();
        let state =
            EventState { chunks: chunks.boxed(), decoder, ready: std::collections::VecDeque::new(), done: false };
        Ok(stream::unfold(state, move |mut state| {
            let headers = headers.clone();
            async move {
                loop {
                    if let Some(event) = state.ready.pop_front() {
                        let event = event.map_err(|failure: EventError| Error::Decode {
                            status,
                            headers,
                            error: failure.error,
                            body: Bytes::from(failure.event.data),
                        });
                        if event.is_err() {
                            state.done = true;
                            state.ready.clear();
                        }
                        return Some((event, state));
                    }
                    if state.done || state.decoder.is_done() {
                        return None;
                    }
                    match state.chunks.next().await {
                        Some(Ok(chunk)) => state.ready.extend(state.decoder.push(&chunk)),
                        Some(Err(error)) => {
                            state.done = true;
                            return Some((Err(Error::Connection { attempts: 1, source: error.without_url() }), state));
                        }
                        // The end of the body ends an event still open, as a blank line would.
                        None => {
                            state.done = true;
                            state.ready.extend(state.decoder.push(b"\n\n"));
                        }
                    }
                }
            }
        })
        .boxed())
    }
}

struct EventState<T> {
    chunks: BoxStream<'static, reqwest::Result<Bytes>>,
    decoder: Events<T>,
    ready: std::collections::VecDeque<Result<T, EventError>>,
    done: bool,
}
