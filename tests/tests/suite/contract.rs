//! Contract tests: requests built by the generated stubs are checked by an OpenAPI mock server
//! that nobody here wrote. Steady (`@stdy/cli`, the server the official SDKs test against) runs
//! `spec/deployments.yaml` on 127.0.0.1; every one of the ten operations is sent with its minimal
//! and with its full set of parameters, Steady's request validation must find nothing, and its
//! responses must decode into the generated types. A deliberately invalid request must be
//! rejected, which shows the check is live.
//!
//! The server is installed, started and stopped by [`crate::mock_server`]; `contract_official.rs` runs
//! the same operations against the official document.

use generated::operations::{BetaCreateDeployment, BetaListDeployments, Operation, Paginated};

use crate::mock_server::MockServer;
use crate::mock_server::operations::{VisitOperation, each_operation, minimal_create};

/// Checks each request: the mock must find it valid, and its response must decode.
struct CheckEach<'a> {
    server: &'a MockServer,
    failures: Vec<String>,
}

impl VisitOperation for CheckEach<'_> {
    fn operation<O: Operation>(&mut self, label: &str, operation: &O) {
        if let Err(error) = check(self.server, label, operation) {
            self.failures.push(error);
        }
    }
}

/// Builds, sends and decodes one operation; fails unless the mock found the request valid and
/// its response decodes into the operation's type.
fn check<O: Operation>(server: &MockServer, label: &str, operation: &O) -> Result<O::Response, String> {
    let response = server.exchange(label, operation, None)?;
    O::parse_response(response).map_err(|error| format!("{label}: {error}"))
}

#[test]
fn every_operation_passes_the_mock_servers_validation_and_its_responses_decode() {
    let server = MockServer::start(&tests::spec_path());
    let mut each = CheckEach { server: &server, failures: Vec::new() };
    each_operation(&mut each);
    let mut failures = each.failures;

    // Pagination through a transport the test supplies: the second request carries the first
    // page's cursor, and every page decodes. The mock answers from the spec's example, so the
    // second page names the same cursor again: the walk ends there rather than sending that
    // request a second time.
    let mut sent = Vec::new();
    let first = BetaListDeployments::new();
    let pages: Vec<_> = first
        .pages(|request| {
            sent.push(request.query.page.clone());
            check(&server, "list page", request).map(http::Response::new)
        })
        .take(3)
        .collect();
    match pages.as_slice() {
        [Ok(first_page), Ok(second_page)] => {
            let cursor = first_page.next_page.as_value().cloned();
            assert_eq!(second_page.next_page.as_value().cloned(), cursor, "the mock repeats its example's cursor");
            assert_eq!(sent, [None, cursor], "the second request carries the cursor it was given, and is not repeated");
        }
        other => failures.push(format!("pagination: {other:?}")),
    }
    assert!(
        failures.is_empty(),
        "{} contract check(s) failed:\n{}\n\nmock server log:\n{}",
        failures.len(),
        failures.join("\n"),
        server.log_text()
    );
}

#[test]
fn the_mock_server_rejects_an_invalid_request() {
    let server = MockServer::start(&tests::spec_path());
    // Built by the stub, then broken past what `validate` would allow: the body lacks every
    // required field. The stub itself refuses to build such a request; this proves the mock checks.
    let valid = BetaCreateDeployment::new(minimal_create());
    let mut request = valid.to_http_request(&server.base_url).expect("a valid request");
    *request.body_mut() = br#"{"name": ""}"#.to_vec();
    let response = MockServer::send(request).expect("an answer");
    assert_eq!(response.status(), 400, "{}", String::from_utf8_lossy(response.body()));
    assert_eq!(response.headers().get("x-steady-request-valid").and_then(|v| v.to_str().ok()), Some("false"));
    let messages: Vec<&str> = response
        .headers()
        .iter()
        .filter(|(name, _)| name.as_str().ends_with("-message"))
        .filter_map(|(_, value)| value.to_str().ok())
        .collect();
    assert!(messages.contains(&"Missing required property: agent"), "{messages:?}");
}

/// Judges one call made through the generated client: the mock found the request valid and the
/// response decoded into the operation's type.
fn judged<T, E: std::fmt::Debug>(
    label: &str,
    outcome: Result<generated::client::Response<T>, generated::client::Error<E>>,
) -> Result<(), String> {
    let headers = match &outcome {
        Ok(response) => &response.headers,
        Err(error) => error.headers().ok_or_else(|| format!("{label}: {error}"))?,
    };
    let problems: Vec<&str> = headers
        .iter()
        .filter(|(name, _)| name.as_str().starts_with("x-steady-error-") && name.as_str().ends_with("-message"))
        .filter_map(|(_, value)| value.to_str().ok())
        .collect();
    let valid = headers.get("x-steady-request-valid").is_some_and(|value| value == "true");
    if !valid || !problems.is_empty() {
        return Err(format!("{label}: the mock server rejected the request: {problems:?}"));
    }
    outcome.map(drop).map_err(|error| format!("{label}: {error}"))
}

/// The ten operations as a user of the client calls them: each resource's methods, with the
/// credential and headers the client adds, against the same mock server.
#[tokio::test]
async fn the_ten_operations_pass_through_the_client() {
    use generated::UpdateDeploymentParams;

    let server = MockServer::start(&tests::spec_path());
    let client = generated::client::Client::builder()
        .base_url(&server.base_url)
        .api_key("sk-contract")
        .max_retries(0)
        .build()
        .expect("a client");
    let deployment = "depl_011CZkZcDH3vPqd7xnEfwTai";
    let deployments = client.deployments();
    let runs = client.deployment_runs();
    let outcomes = [
        judged("create", deployments.create(minimal_create()).with_response().await),
        judged("list", deployments.list().with_response().await),
        judged("retrieve", deployments.retrieve(deployment).with_response().await),
        judged("update", deployments.update(deployment, UpdateDeploymentParams::default()).with_response().await),
        judged("archive", deployments.archive(deployment).with_response().await),
        judged("pause", deployments.pause(deployment).with_response().await),
        judged("unpause", deployments.unpause(deployment).with_response().await),
        judged("run", deployments.run(deployment).with_response().await),
        judged("list runs", runs.list().with_response().await),
        judged("retrieve run", runs.retrieve("drun_011CZkZxQ5mN8pLrT2vW4yAb").with_response().await),
    ];
    let failures: Vec<String> = outcomes.into_iter().filter_map(Result::err).collect();
    assert!(failures.is_empty(), "{}\n\nmock server log:\n{}", failures.join("\n"), server.log_text());
}
