//! The generated client against a local server that injects faults (`wiremock`, and a bare TCP
//! server for what wiremock cannot do: drop a connection halfway through a response).
//!
//! Retries wait for real here, so every test shortens the backoff through the client's
//! `RetryPolicy` (milliseconds, not seconds); the waits a server asks for (`retry-after-ms`)
//! are kept short too. Every test is bounded: a client timeout, and tokio's own test timeout
//! through `tokio::time::timeout` where a test waits on a server.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use generated::client::{Client, Error, RetryPolicy, StreamExt};
use generated::http::{HeaderName, HeaderValue};
use generated::{CreateDeploymentParams, ErrorResponseError, UserMessageEventParams};
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use wiremock::matchers::{header, method, path, query_param};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

const DEPLOYMENT: &str = "depl_011CZkZcDH3vPqd7xnEfwTai";

/// The `official` example of a response in the spec.
fn example(path: &str, method: &str, name: &str) -> Value {
    let spec = tests::read_document(&tests::spec_path()).expect("the spec reads");
    let value =
        spec["paths"][path][method]["responses"]["200"]["content"]["application/json"]["examples"][name]["value"]
            .clone();
    assert!(!value.is_null(), "the spec has the example {path} {method} {name}");
    value
}

fn deployment() -> Value {
    example("/v1/deployments/{deployment_id}", "get", "official")
}

/// The API's error envelope.
fn error_body(kind: &str) -> Value {
    json!({"type": "error", "error": {"type": kind, "message": "try again"}, "request_id": "req_1"})
}

/// Waits short enough for a test: 20 ms doubling to at most 80 ms.
fn quick_retries() -> RetryPolicy {
    RetryPolicy { initial_delay: Duration::from_millis(20), max_delay: Duration::from_millis(80) }
}

fn client(base_url: &str) -> Client {
    Client::builder()
        .base_url(base_url)
        .api_key("sk-test-secret")
        .retry_policy(quick_retries())
        .timeout(Duration::from_secs(10))
        .build()
        .expect("a client")
}

/// The `x-stainless-retry-count` of every request the server received, in order.
async fn retry_counts(server: &MockServer) -> Vec<String> {
    let requests = server.received_requests().await.expect("wiremock records requests");
    requests
        .iter()
        .map(|request| {
            request.headers.get("x-stainless-retry-count").and_then(|v| v.to_str().ok()).unwrap_or("none").to_owned()
        })
        .collect()
}

/// Compiles only for what `tokio::spawn` accepts.
fn spawnable<T: Send + 'static>(_: &T) {}

/// Answers each request with the next response of a list, the last one for any after it.
struct Sequence(Vec<ResponseTemplate>, AtomicUsize);

impl Respond for Sequence {
    fn respond(&self, _: &Request) -> ResponseTemplate {
        let at = self.1.fetch_add(1, Ordering::SeqCst).min(self.0.len() - 1);
        self.0[at].clone()
    }
}

fn sequence(responses: Vec<ResponseTemplate>) -> Sequence {
    Sequence(responses, AtomicUsize::new(0))
}

/// `GET` of the deployment answered by `responses` in turn, expected `times` times.
async fn serve_retrieve(server: &MockServer, responses: Vec<ResponseTemplate>, times: u64) {
    Mock::given(method("GET"))
        .and(path(format!("/v1/deployments/{DEPLOYMENT}")))
        .respond_with(sequence(responses))
        .expect(times)
        .mount(server)
        .await;
}

#[tokio::test]
async fn a_429_with_retry_after_ms_is_retried_once_after_that_wait() {
    let server = MockServer::start().await;
    serve_retrieve(
        &server,
        vec![
            ResponseTemplate::new(429)
                .insert_header("retry-after-ms", "300")
                .set_body_json(error_body("rate_limit_error")),
            ResponseTemplate::new(200).set_body_json(deployment()),
        ],
        2,
    )
    .await;
    let client = client(&server.uri());
    let started = Instant::now();
    let deployment = client.deployments().retrieve(DEPLOYMENT).await.expect("the retry succeeds");
    let waited = started.elapsed();
    assert_eq!(deployment.id, DEPLOYMENT);
    // The server's 300 ms, not the policy's 20 ms backoff.
    assert!(waited >= Duration::from_millis(300), "waited {waited:?}");
    assert!(waited < Duration::from_secs(3), "waited {waited:?}");
    assert_eq!(retry_counts(&server).await, ["0", "1"]);
}

#[tokio::test]
async fn a_503_every_time_gives_up_after_three_attempts_with_the_last_error() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(format!("/v1/deployments/{DEPLOYMENT}/pause")))
        .respond_with(
            ResponseTemplate::new(503)
                .insert_header("request-id", "req_503")
                .set_body_json(error_body("overloaded_error")),
        )
        .expect(3)
        .mount(&server)
        .await;
    let client = client(&server.uri());
    let started = Instant::now();
    let error = client.deployments().pause(DEPLOYMENT).await.expect_err("every attempt fails");
    let waited = started.elapsed();
    assert_eq!(error.status().map(|status| status.as_u16()), Some(503));
    assert_eq!(error.request_id(), Some("req_503"));
    let Error::Api { error: envelope, body, attempts, .. } = &error else {
        panic!("expected the API's error, got {error:?}")
    };
    assert_eq!(*attempts, 3);
    assert!(error.to_string().contains("(after 3 attempts)"), "{error}");
    assert!(format!("{envelope:?}").contains("OverloadedError"), "{envelope:?}");
    assert_eq!(serde_json::from_slice::<Value>(body).expect("the raw body is JSON"), error_body("overloaded_error"));
    assert_eq!(retry_counts(&server).await, ["0", "1", "2"]);
    // Two backoffs: 20 ms and 40 ms, each shortened by at most a quarter.
    assert!(waited >= Duration::from_millis(45), "waited {waited:?}");
}

#[tokio::test]
async fn x_should_retry_false_stops_a_retry_of_a_500() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(format!("/v1/deployments/{DEPLOYMENT}")))
        .respond_with(
            ResponseTemplate::new(500).insert_header("x-should-retry", "false").set_body_json(error_body("api_error")),
        )
        .expect(1)
        .mount(&server)
        .await;
    let error = client(&server.uri()).deployments().retrieve(DEPLOYMENT).await.expect_err("a 500");
    assert_eq!(error.status().map(|status| status.as_u16()), Some(500));
}

#[tokio::test]
async fn x_should_retry_true_retries_a_status_that_is_not_retried_otherwise() {
    let server = MockServer::start().await;
    serve_retrieve(
        &server,
        vec![
            ResponseTemplate::new(400)
                .insert_header("x-should-retry", "true")
                .set_body_json(error_body("invalid_request_error")),
            ResponseTemplate::new(200).set_body_json(deployment()),
        ],
        2,
    )
    .await;
    client(&server.uri()).deployments().retrieve(DEPLOYMENT).await.expect("the retry succeeds");
}

#[tokio::test]
async fn a_success_is_never_retried_whatever_x_should_retry_says() {
    // A create sent twice creates twice: a success is the answer, whatever its headers say.
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/deployments"))
        .respond_with(ResponseTemplate::new(200).insert_header("x-should-retry", "true").set_body_json(deployment()))
        .expect(1)
        .mount(&server)
        .await;
    let body = CreateDeploymentParams::builder()
        .name("Daily order report")
        .agent("agent_011CZkYpogX7uDKUyvBTophP")
        .environment_id("env_011CZkZ9X2dpNyB7HsEFoRfW")
        .initial_events([UserMessageEventParams::builder().content(["Compile yesterday's orders."]).build()])
        .build();
    let created = client(&server.uri()).deployments().create(body).await.expect("the one answer is the result");
    assert_eq!(created.id, DEPLOYMENT);
    assert_eq!(retry_counts(&server).await, ["0"]);
}

#[tokio::test]
async fn an_error_whose_body_is_not_json_is_a_status_error_with_its_attempts_whether_documented_or_not() {
    // 503 is documented for this operation (with the error envelope), 502 is not: an HTML page
    // from a proxy and an empty body are the same kind of error either way, never `Decode`.
    for (status, body, documented) in [(503, "<html>upstream unavailable</html>", true), (502, "", false)] {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .and(path(format!("/v1/deployments/{DEPLOYMENT}")))
            .respond_with(
                ResponseTemplate::new(status)
                    .insert_header("request-id", "req_html")
                    .insert_header("content-type", "text/html")
                    .set_body_string(body),
            )
            .expect(3)
            .mount(&server)
            .await;
        let error = client(&server.uri()).deployments().retrieve(DEPLOYMENT).await.expect_err("an error status");
        let Error::Status { status: got, body: raw, attempts, .. } = &error else {
            panic!("{status} (documented: {documented}): expected a status error, got {error:?}")
        };
        assert_eq!((got.as_u16(), &raw[..], *attempts), (status, body.as_bytes(), 3), "documented: {documented}");
        assert_eq!(error.request_id(), Some("req_html"));
        assert!(error.to_string().contains("3 attempts"), "{error}");
    }
}

#[tokio::test]
async fn an_api_error_says_how_many_attempts_were_made_only_after_a_retry() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(format!("/v1/deployments/{DEPLOYMENT}")))
        .respond_with(ResponseTemplate::new(404).set_body_json(error_body("not_found_error")))
        .expect(1)
        .mount(&server)
        .await;
    let error = client(&server.uri()).deployments().retrieve(DEPLOYMENT).await.expect_err("a 404");
    assert!(matches!(error, Error::Api { attempts: 1, .. }), "{error:?}");
    assert!(!error.to_string().contains("attempt"), "{error}");
}

#[tokio::test]
async fn a_400_is_not_retried_and_keeps_its_typed_and_raw_body() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(format!("/v1/deployments/{DEPLOYMENT}")))
        .respond_with(
            ResponseTemplate::new(400)
                .insert_header("request-id", "req_400")
                .set_body_json(error_body("invalid_request_error")),
        )
        .expect(1)
        .mount(&server)
        .await;
    let error = client(&server.uri()).deployments().retrieve(DEPLOYMENT).await.expect_err("a 400");
    assert_eq!(error.request_id(), Some("req_400"));
    assert!(error.api_error().is_some(), "{error:?}");
    assert!(error.to_string().contains("req_400"), "{error}");
}

#[tokio::test]
async fn an_api_error_reads_as_one_line_and_its_kind_is_one_match_away() {
    // The official error JSON: the envelope, with the request id also in the header.
    let conflict = json!({
        "type": "error",
        "error": {"type": "invalid_request_error", "message": "A deployment with this name\nalready exists."},
        "request_id": "req_011CSHoEeqs5C35K2UUqR7Fy",
    });
    let not_found = json!({
        "type": "error",
        "error": {"type": "not_found_error", "message": "No such deployment."},
        "request_id": "req_404",
    });
    let server = MockServer::start().await;
    serve_retrieve(
        &server,
        vec![
            ResponseTemplate::new(409)
                .insert_header("request-id", "req_011CSHoEeqs5C35K2UUqR7Fy")
                .set_body_json(&conflict),
            ResponseTemplate::new(404).insert_header("request-id", "req_404").set_body_json(&not_found),
        ],
        2,
    )
    .await;
    let client = client(&server.uri());
    // A 409 is retried unless the call says otherwise.
    let error = client.deployments().retrieve(DEPLOYMENT).max_retries(0).await.expect_err("a 409");
    assert_eq!(
        error.to_string(),
        "409 Conflict (request-id req_011CSHoEeqs5C35K2UUqR7Fy): invalid_request_error: A deployment with this name already exists."
    );
    match error.api_error() {
        Some(ErrorResponseError::InvalidRequestError(invalid)) => {
            assert_eq!(invalid.message, "A deployment with this name\nalready exists.");
        }
        other => panic!("expected an invalid request error, got {other:?}"),
    }
    // The whole envelope is still there.
    let envelope = error.api_error_body().expect("the envelope");
    assert_eq!(envelope.request_id.as_deref(), Some("req_011CSHoEeqs5C35K2UUqR7Fy"));

    let error = client.deployments().retrieve(DEPLOYMENT).await.expect_err("a 404");
    assert_eq!(error.to_string(), "404 Not Found (request-id req_404): not_found_error: No such deployment.");
    assert!(matches!(error.api_error(), Some(ErrorResponseError::NotFoundError(_))), "{error:?}");
}

#[tokio::test]
async fn an_error_body_that_states_no_message_still_reads_as_one_line() {
    let server = MockServer::start().await;
    serve_retrieve(
        &server,
        vec![
            // An error kind this spec does not know, without a message, for a status it does
            // not document: the envelope is read, and its kind is what there is to say.
            ResponseTemplate::new(418)
                .insert_header("request-id", "req_418")
                .set_body_json(json!({"type": "error", "error": {"type": "teapot_error"}, "request_id": null})),
            // A proxy's page: the start of it, on one line.
            ResponseTemplate::new(418).set_body_raw("<html>\n  <body>I'm a teapot</body>\n</html>\n", "text/html"),
            ResponseTemplate::new(418),
        ],
        3,
    )
    .await;
    let client = client(&server.uri());
    let unknown = client.deployments().retrieve(DEPLOYMENT).await.expect_err("a 418");
    assert_eq!(unknown.to_string(), "418 I'm a teapot (request-id req_418): teapot_error");
    assert!(matches!(unknown.api_error(), Some(ErrorResponseError::Unknown(_))), "{unknown:?}");
    let page = client.deployments().retrieve(DEPLOYMENT).await.expect_err("a 418");
    assert_eq!(page.to_string(), "418 I'm a teapot: <html> <body>I'm a teapot</body> </html>");
    assert!(page.api_error().is_none(), "{page:?}");
    let empty = client.deployments().retrieve(DEPLOYMENT).await.expect_err("a 418");
    assert_eq!(empty.to_string(), "418 I'm a teapot: empty body");
}

/// The `anthropic-beta` and `anthropic-version` headers of every request the server received.
async fn beta_and_version(server: &MockServer) -> Vec<(Vec<String>, Vec<String>)> {
    let requests = server.received_requests().await.expect("wiremock records requests");
    let values = |request: &Request, name: &str| -> Vec<String> {
        request.headers.get_all(name).iter().map(|value| value.to_str().expect("text").to_owned()).collect()
    };
    requests.iter().map(|request| (values(request, "anthropic-beta"), values(request, "anthropic-version"))).collect()
}

fn beta(value: &'static str) -> (HeaderName, HeaderValue) {
    (HeaderName::from_static("anthropic-beta"), HeaderValue::from_static(value))
}

#[tokio::test]
async fn a_caller_s_betas_are_sent_beside_the_required_one_each_once() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(format!("/v1/deployments/{DEPLOYMENT}")))
        .respond_with(ResponseTemplate::new(200).set_body_json(deployment()))
        .mount(&server)
        .await;
    let (name, files) = beta("files-api-2025-04-14");
    let plain = client(&server.uri());
    plain.deployments().retrieve(DEPLOYMENT).header(name.clone(), files.clone()).await.expect("sent");
    // The same beta twice, and the required one again: each is sent once.
    let (_, required) = beta("managed-agents-2026-04-01");
    plain
        .deployments()
        .retrieve(DEPLOYMENT)
        .header(name.clone(), files.clone())
        .header(name.clone(), files.clone())
        .header(name.clone(), required)
        .await
        .expect("sent");
    // A client's default beta adds up with the operation's and the call's too.
    let (_, counting) = beta("token-counting-2024-11-01");
    let with_default = Client::builder()
        .base_url(server.uri())
        .api_key("sk-test-secret")
        .default_header(name.clone(), counting)
        .build()
        .expect("a client");
    with_default.deployments().retrieve(DEPLOYMENT).header(name, files).await.expect("sent");
    let betas: Vec<Vec<String>> = beta_and_version(&server).await.into_iter().map(|(betas, _)| betas).collect();
    assert_eq!(
        betas,
        [
            vec!["managed-agents-2026-04-01,files-api-2025-04-14"],
            vec!["managed-agents-2026-04-01,files-api-2025-04-14"],
            vec!["token-counting-2024-11-01,managed-agents-2026-04-01,files-api-2025-04-14"],
        ]
    );
}

#[tokio::test]
async fn a_header_that_is_not_a_list_is_still_replaced_by_the_call_s() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(format!("/v1/deployments/{DEPLOYMENT}")))
        .respond_with(ResponseTemplate::new(200).set_body_json(deployment()))
        .mount(&server)
        .await;
    let version = HeaderName::from_static("anthropic-version");
    let client = Client::builder()
        .base_url(server.uri())
        .api_key("sk-test-secret")
        .default_header(version.clone(), HeaderValue::from_static("2000-01-01"))
        .build()
        .expect("a client");
    // The operation's default replaces the client's; the call's replaces both.
    client.deployments().retrieve(DEPLOYMENT).await.expect("sent");
    client
        .deployments()
        .retrieve(DEPLOYMENT)
        .header(version.clone(), HeaderValue::from_static("2024-01-01"))
        .header(version, HeaderValue::from_static("2025-01-01"))
        .await
        .expect("sent");
    let versions: Vec<Vec<String>> = beta_and_version(&server).await.into_iter().map(|(_, version)| version).collect();
    assert_eq!(versions, [vec!["2023-06-01"], vec!["2025-01-01"]]);
}

/// The crate hands out the `reqwest` it sends with, so a caller's own client needs no
/// dependency of its own (nor `http`, which the headers above came from).
#[test]
fn reqwest_is_re_exported_for_a_caller_s_own_client() {
    generated::client::install_crypto_provider();
    let http: generated::reqwest::Client = generated::reqwest::Client::builder().build().expect("a reqwest client");
    let client = Client::builder().http_client(http).build().expect("a client");
    assert_eq!(client.base_url(), generated::client::DEFAULT_BASE_URL);
}

#[tokio::test]
async fn a_connection_dropped_mid_response_is_retried() {
    // A bare server: the first connection gets half a response, then is closed.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("a port");
    let address = listener.local_addr().expect("an address");
    let connections = Arc::new(AtomicUsize::new(0));
    let counted = Arc::clone(&connections);
    let body = deployment().to_string();
    tokio::spawn(async move {
        loop {
            let Ok((mut socket, _)) = listener.accept().await else { return };
            let attempt = counted.fetch_add(1, Ordering::SeqCst);
            let body = body.clone();
            tokio::spawn(async move {
                let mut request = vec![0; 8192];
                let _ = socket.read(&mut request).await;
                let head = format!(
                    "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
                    body.len()
                );
                let _ = socket.write_all(head.as_bytes()).await;
                let sent = if attempt == 0 { &body[..body.len() / 2] } else { &body[..] };
                let _ = socket.write_all(sent.as_bytes()).await;
                let _ = socket.shutdown().await;
            });
        }
    });
    let client = client(&format!("http://{address}"));
    let deployment = client.deployments().retrieve(DEPLOYMENT).await.expect("the second attempt succeeds");
    assert_eq!(deployment.id, DEPLOYMENT);
    assert_eq!(connections.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn a_connection_refused_every_time_is_a_connection_error_after_every_attempt() {
    // A port nothing listens on: bind one, then free it.
    let address = std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("a port");
    let error = client(&format!("http://{address}")).deployments().retrieve(DEPLOYMENT).await.expect_err("refused");
    let Error::Connection { attempts, .. } = &error else { panic!("expected a connection error, got {error:?}") };
    assert_eq!(*attempts, 3);
    assert!(error.status().is_none());
}

#[tokio::test]
async fn a_response_slower_than_the_timeout_times_out_and_is_retried() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(format!("/v1/deployments/{DEPLOYMENT}")))
        .respond_with(ResponseTemplate::new(200).set_body_json(deployment()).set_delay(Duration::from_secs(5)))
        .mount(&server)
        .await;
    let client = client(&server.uri());
    let started = Instant::now();
    let error = client
        .deployments()
        .retrieve(DEPLOYMENT)
        .timeout(Duration::from_millis(150))
        .max_retries(1)
        .await
        .expect_err("too slow");
    let waited = started.elapsed();
    let Error::Timeout { attempts } = error else { panic!("expected a timeout, got {error:?}") };
    assert_eq!(attempts, 2);
    assert!(waited >= Duration::from_millis(300) && waited < Duration::from_secs(3), "waited {waited:?}");
    assert_eq!(retry_counts(&server).await, ["0", "1"]);
}

#[tokio::test]
async fn credentials_and_headers_are_sent_and_never_shown() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(format!("/v1/deployments/{DEPLOYMENT}")))
        .and(header("x-api-key", "sk-test-secret"))
        .and(header("anthropic-version", "2023-06-01"))
        .and(header("x-trace", "abc"))
        .and(query_param("beta", "true"))
        .and(query_param("extra", "1"))
        .respond_with(ResponseTemplate::new(200).insert_header("request-id", "req_ok").set_body_json(deployment()))
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server.uri());
    let response = client
        .deployments()
        .retrieve(DEPLOYMENT)
        .header(http::HeaderName::from_static("x-trace"), http::HeaderValue::from_static("abc"))
        .query("extra", "1")
        .with_response()
        .await
        .expect("the request matches");
    assert_eq!(response.status, http::StatusCode::OK);
    assert_eq!(response.request_id(), Some("req_ok"));
    assert_eq!(response.body.id, DEPLOYMENT);
    let shown = format!("{client:?}");
    assert!(!shown.contains("sk-test-secret") && shown.contains("[redacted]"), "{shown}");
}

#[tokio::test]
async fn a_request_that_breaks_a_limit_is_not_sent() {
    let server = MockServer::start().await;
    let error = client(&server.uri()).deployments().list().limit(1001).await.expect_err("1001 is above the maximum");
    let Error::Invalid(violations) = &error else { panic!("expected the violations, got {error:?}") };
    assert!(violations.to_string().contains("limit"), "{violations}");
    assert!(server.received_requests().await.expect("recorded").is_empty());
}

/// `Client::from_env` in a child process of this test binary, with the environment given (the
/// parent's own environment is left alone: changing it is `unsafe` while other tests run).
fn from_env_in_child(variables: &[(&str, &str)]) -> String {
    // The child test's name as libtest knows it: its module path without the crate's name.
    let child = module_path!()
        .split_once("::")
        .map_or_else(|| "from_env_child".to_owned(), |(_, module)| format!("{module}::from_env_child"));
    let mut command = std::process::Command::new(std::env::current_exe().expect("the test binary"));
    command.args(["--exact", &child, "--ignored", "--nocapture"]);
    command.env_remove("ANTHROPIC_API_KEY").env_remove("ANTHROPIC_BASE_URL");
    command.envs(variables.iter().copied());
    let output = command.output().expect("the test binary runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    stdout.lines().find_map(|line| line.strip_prefix("from_env: ")).expect("the child reports").to_owned()
}

/// Run by [`from_env_in_child`] only: reports what `from_env` made of its environment.
#[test]
#[ignore = "run by from_env_reads_the_key_and_the_base_url, in a child process with its own environment"]
fn from_env_child() {
    match Client::from_env() {
        Ok(client) => println!("from_env: ok {}", client.base_url()),
        Err(error) => println!("from_env: error {error}"),
    }
}

#[test]
fn from_env_reads_the_key_and_the_base_url() {
    let missing = from_env_in_child(&[]);
    assert!(missing.starts_with("error") && missing.contains("ANTHROPIC_API_KEY"), "{missing}");
    assert_eq!(from_env_in_child(&[("ANTHROPIC_API_KEY", "sk-env")]), "ok https://api.anthropic.com");
    assert_eq!(
        from_env_in_child(&[("ANTHROPIC_API_KEY", "sk-env"), ("ANTHROPIC_BASE_URL", "http://127.0.0.1:9/")]),
        "ok http://127.0.0.1:9"
    );
}

#[tokio::test]
async fn items_walk_three_pages_lazily_and_stop_at_the_last() {
    let server = MockServer::start().await;
    let runs = example("/v1/deployment_runs", "get", "mixed");
    let run = runs["data"][0].clone();
    let page = |ids: &[&str], next: Option<&str>| {
        let data: Vec<Value> = ids
            .iter()
            .map(|id| {
                let mut run = run.clone();
                run["id"] = json!(id);
                run
            })
            .collect();
        ResponseTemplate::new(200).set_body_json(json!({"data": data, "next_page": next}))
    };
    // Mounted most specific first: wiremock answers with the first mock that matches.
    Mock::given(method("GET"))
        .and(path("/v1/deployment_runs"))
        .and(query_param("page", "p2"))
        .respond_with(page(&["r3", "r4"], Some("p3")))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v1/deployment_runs"))
        .and(query_param("page", "p3"))
        .respond_with(page(&["r5"], None))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v1/deployment_runs"))
        .and(query_param("deployment_id", DEPLOYMENT))
        .respond_with(page(&["r1", "r2"], Some("p2")))
        .expect(1)
        .mount(&server)
        .await;

    let client = client(&server.uri());
    // Optional query parameters are methods of the call: no query struct to name.
    let mut runs = client.deployment_runs().list().deployment_id(DEPLOYMENT).items();
    // The stream holds its own handle on the client: it can move to another task.
    spawnable(&runs);
    // Lazily: nothing is fetched before the stream is read.
    assert!(server.received_requests().await.expect("recorded").is_empty());
    let first = runs.next().await.expect("an item").expect("no error");
    assert_eq!(first.id, "r1");
    assert_eq!(server.received_requests().await.expect("recorded").len(), 1);
    let mut ids = vec![first.id];
    while let Some(run) = runs.next().await {
        ids.push(run.expect("no error").id);
    }
    assert_eq!(ids, ["r1", "r2", "r3", "r4", "r5"]);
    // Every page kept the filter, and each asked for the cursor it was given.
    let requests = server.received_requests().await.expect("recorded");
    assert_eq!(requests.len(), 3);
    assert!(requests.iter().all(|request| request.url.query().is_some_and(|q| q.contains(DEPLOYMENT))));
}

#[tokio::test]
async fn an_error_in_the_middle_of_a_walk_is_yielded_and_ends_it() {
    let server = MockServer::start().await;
    let list = example("/v1/deployments", "get", "official");
    let mut first = list.clone();
    first["next_page"] = json!("p2");
    Mock::given(method("GET"))
        .and(path("/v1/deployments"))
        .and(query_param("page", "p2"))
        .respond_with(ResponseTemplate::new(404).set_body_json(error_body("not_found_error")))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v1/deployments"))
        .respond_with(ResponseTemplate::new(200).set_body_json(first))
        .mount(&server)
        .await;
    let pages: Vec<_> = client(&server.uri()).deployments().list().pages().collect().await;
    assert_eq!(pages.len(), 2, "{pages:?}");
    assert!(pages[0].is_ok());
    assert_eq!(pages[1].as_ref().err().and_then(Error::status).map(|s| s.as_u16()), Some(404));
}

#[tokio::test]
async fn a_page_without_items_ends_the_walk_whatever_cursor_it_holds() {
    // The official SDKs stop there too: a server that keeps handing out cursors for empty pages
    // would otherwise be walked forever.
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/deployment_runs"))
        .and(query_param("page", "p3"))
        .respond_with(ResponseTemplate::new(200).set_body_json(example("/v1/deployment_runs", "get", "mixed")))
        .expect(0)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v1/deployment_runs"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"data": [], "next_page": "p3"})))
        .expect(2)
        .mount(&server)
        .await;
    let client = client(&server.uri());
    let items: Vec<_> = client.deployment_runs().list().items().collect().await;
    assert!(items.is_empty(), "{items:?}");
    let pages: Vec<_> = client.deployment_runs().list().pages().collect().await;
    assert_eq!(pages.len(), 1, "{pages:?}");
}
