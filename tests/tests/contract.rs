//! Contract tests: requests built by the generated stubs are checked by an OpenAPI mock server
//! that nobody here wrote. Steady (`@stdy/cli`, the server the official SDKs test against) runs
//! `spec/deployments.yaml` on 127.0.0.1; every one of the ten operations is sent with its minimal
//! and with its full set of parameters, Steady's request validation must find nothing, and its
//! responses must decode into the generated types. A deliberately invalid request must be
//! rejected, which shows the check is live.
//!
//! The server is installed by `tests/mock-server/install.sh` (pinned, from the npm registry)
//! when it is missing, started by [`MockServer::start`], and stopped when the guard drops, also
//! when a check panics; every wait is bounded.

#![allow(
    clippy::default_trait_access,
    reason = "`headers: Default::default()` reads as \"no extra headers\" in the many request literals here"
)]

use std::io::Read as _;
use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use generated::operations::{
    BetaArchiveDeployment, BetaCreateDeployment, BetaGetDeployment, BetaGetDeploymentRun, BetaListDeploymentRuns,
    BetaListDeployments, BetaPauseDeployment, BetaRunDeploymentNow, BetaUnpauseDeployment, BetaUpdateDeployment,
    Operation, Paginated,
};
use generated::types::{
    AgentUnionParams, AnthropicBeta, BetaArchiveDeploymentHeaders, BetaArchiveDeploymentPath,
    BetaCreateDeploymentHeaders, BetaGetDeploymentHeaders, BetaGetDeploymentPath, BetaGetDeploymentRunHeaders,
    BetaGetDeploymentRunPath, BetaListDeploymentRunsHeaders, BetaListDeploymentRunsQuery, BetaListDeploymentsHeaders,
    BetaListDeploymentsQuery, BetaPauseDeploymentHeaders, BetaPauseDeploymentPath, BetaRunDeploymentNowHeaders,
    BetaRunDeploymentNowPath, BetaUnpauseDeploymentHeaders, BetaUnpauseDeploymentPath, BetaUpdateDeploymentHeaders,
    BetaUpdateDeploymentPath, CreateDeploymentParams, DeploymentInitialEventParams, DeploymentStatus, TextBlock,
    TriggerType, UpdateDeploymentParams, UserContentBlock, UserMessageEventParams,
};
use serde_json::Value;

/// How long the server may take to start, and any one request to answer.
const STARTUP: Duration = Duration::from_secs(60);
const REQUEST: Duration = Duration::from_secs(20);

struct MockServer {
    child: Child,
    base_url: String,
    log: PathBuf,
}

impl MockServer {
    fn start() -> Self {
        let directory = tests::workspace_root().join("tests").join("mock-server");
        let install = Command::new("bash").arg(directory.join("install.sh")).status();
        assert!(
            install.is_ok_and(|status| status.success()),
            "tests/mock-server/install.sh could not install the mock server (it needs Node.js and npm)"
        );
        // The platform binary itself, not the Node launcher, so stopping the child stops the server.
        let native = directory.join("node_modules/@stdy/cli-linux-x64/bin/steady");
        let program = if native.is_file() { native } else { directory.join("node_modules/.bin/steady") };
        let port =
            TcpListener::bind("127.0.0.1:0").and_then(|listener| listener.local_addr()).expect("a free port").port();
        let log = tests::workspace_root().join("target").join(format!("steady-{port}.log"));
        let log_file = std::fs::File::create(&log).expect("a log file under target/");
        let child = Command::new(program)
            .args(["--host", "127.0.0.1", "-p", &port.to_string(), "--log-level", "details", "--no-color"])
            .arg(tests::spec_path())
            .stdin(Stdio::null())
            .stdout(log_file.try_clone().expect("the log file"))
            .stderr(log_file)
            .spawn()
            .expect("the mock server starts");
        let mut server = Self { child, base_url: format!("http://127.0.0.1:{port}"), log };
        server.wait_until_ready();
        server
    }

    fn wait_until_ready(&mut self) {
        let started = Instant::now();
        let agent = agent();
        while started.elapsed() < STARTUP {
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!("the mock server exited with {status}:\n{}", self.log_text());
            }
            let health =
                http::Request::get(format!("{}/_x-steady/health", self.base_url)).body(Vec::new()).expect("a request");
            if agent.run(health).is_ok_and(|response| response.status().is_success()) {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("the mock server did not answer within {STARTUP:?}:\n{}", self.log_text());
    }

    fn log_text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// Sends a request; returns the response with its body read.
    fn send(request: http::Request<Vec<u8>>) -> Result<http::Response<Vec<u8>>, String> {
        let response = agent().run(request).map_err(|error| format!("the request failed: {error}"))?;
        let (parts, mut body) = response.into_parts();
        let mut bytes = Vec::new();
        body.as_reader().read_to_end(&mut bytes).map_err(|error| format!("cannot read the response: {error}"))?;
        Ok(http::Response::from_parts(parts, bytes))
    }

    /// Builds, sends and decodes one operation; fails unless the mock found the request valid
    /// and its response decodes into the operation's type.
    fn check<O: Operation>(&self, label: &str, operation: &O) -> Result<O::Response, String> {
        let request = operation.to_http_request(&self.base_url).map_err(|error| format!("{label}: {error}"))?;
        let described = format!("{} {}", request.method(), request.uri());
        let response = Self::send(request).map_err(|error| format!("{label}: {error}"))?;
        let problems: Vec<String> = response
            .headers()
            .iter()
            .filter(|(name, _)| name.as_str().starts_with("x-steady-error-") && name.as_str().ends_with("-message"))
            .map(|(_, value)| value.to_str().unwrap_or_default().to_owned())
            .collect();
        let valid = response.headers().get("x-steady-request-valid").is_some_and(|value| value == "true");
        if !valid || !problems.is_empty() {
            return Err(format!("{label}: the mock server rejected `{described}`: {problems:?}"));
        }
        O::parse_response(response).map_err(|error| format!("{label}: `{described}`: {error}"))
    }
}

impl Drop for MockServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder().http_status_as_error(false).timeout_global(Some(REQUEST)).build().into()
}

fn spec_example(path: &str, name: &str) -> Value {
    let spec = tests::read_document(&tests::spec_path()).expect("the spec reads");
    spec["paths"][path]["post"]["requestBody"]["content"]["application/json"]["examples"][name]["value"].clone()
}

fn minimal_create() -> CreateDeploymentParams {
    CreateDeploymentParams {
        name: "Daily order report".into(),
        agent: AgentUnionParams::from("agent_011CZkYpogX7uDKUyvBTophP"),
        environment_id: "env_011CZkZ9X2dpNyB7HsEFoRfW".into(),
        initial_events: vec![DeploymentInitialEventParams::UserMessage(UserMessageEventParams {
            content: vec![UserContentBlock::Text(TextBlock { text: "Compile yesterday's orders.".into() })],
        })],
        description: generated::Nullable::Absent,
        metadata: None,
        resources: None,
        schedule: generated::Nullable::Absent,
        vault_ids: None,
        budget: generated::Nullable::Absent,
    }
}

const DEPLOYMENT: &str = "depl_011CZkZcDH3vPqd7xnEfwTai";
const WORKSPACE: &str = "wrkspc_011CZkZaBF1tNoB5wlCeusgy";

/// Every header a caller can set: the stub still adds `managed-agents-2026-04-01`.
macro_rules! all_headers {
    ($headers:ident) => {
        $headers {
            anthropic_version: Some("2023-06-01".into()),
            anthropic_beta: Some(vec![AnthropicBeta::MessageBatches20240924, AnthropicBeta::FilesApi20250414]),
            anthropic_workspace_id: Some(WORKSPACE.into()),
        }
    };
}

#[test]
fn every_operation_passes_the_mock_servers_validation_and_its_responses_decode() {
    let server = MockServer::start();
    let mut failures = Vec::new();
    let mut record = |result: Result<(), String>| {
        if let Err(error) = result {
            failures.push(error);
        }
    };
    let create_full: CreateDeploymentParams =
        serde_json::from_value(spec_example("/v1/deployments", "maximal")).expect("the maximal create example");
    let mut update_full: UpdateDeploymentParams =
        serde_json::from_value(spec_example("/v1/deployments/{deployment_id}", "maximal"))
            .expect("the maximal update example");
    // Steady reads OpenAPI 3.0's `nullable` beside `allOf: [$ref]` strictly (the `null` must also
    // match the referenced union), so `"budget": null`, which the API documents as "clear", is
    // not something it can check; the full update sends a value instead.
    update_full.budget = create_full.budget.clone();
    let path = |id: &str| BetaGetDeploymentPath { deployment_id: id.into() };

    record(
        server
            .check("create, minimal", &BetaCreateDeployment { headers: Default::default(), body: minimal_create() })
            .map(drop),
    );
    record(
        server
            .check(
                "create, full",
                &BetaCreateDeployment { headers: all_headers!(BetaCreateDeploymentHeaders), body: create_full },
            )
            .map(drop),
    );
    record(
        server
            .check("list, minimal", &BetaListDeployments { query: Default::default(), headers: Default::default() })
            .map(drop),
    );
    let list_full = BetaListDeploymentsQuery {
        limit: Some(100),
        page: Some("page_MjAyNS0wNS0xNFQwMDowMDowMFo=".into()),
        agent_id: Some("agent_011CZkYpogX7uDKUyvBTophP".into()),
        status: Some(DeploymentStatus::Paused),
        created_at_gte: Some("2026-03-01T00:00:00Z".parse().expect("a timestamp")),
        created_at_lte: Some("2026-03-31T23:59:59.5Z".parse().expect("a timestamp")),
        include_archived: None,
    };
    record(
        server
            .check(
                "list, full",
                &BetaListDeployments { query: list_full, headers: all_headers!(BetaListDeploymentsHeaders) },
            )
            .map(drop),
    );
    let list_archived = BetaListDeploymentsQuery { include_archived: Some(true), ..Default::default() };
    record(
        server
            .check("list, archived", &BetaListDeployments { query: list_archived, headers: Default::default() })
            .map(drop),
    );
    record(
        server
            .check("retrieve, minimal", &BetaGetDeployment { path: path(DEPLOYMENT), headers: Default::default() })
            .map(drop),
    );
    record(
        server
            .check(
                "retrieve, full",
                &BetaGetDeployment { path: path(DEPLOYMENT), headers: all_headers!(BetaGetDeploymentHeaders) },
            )
            .map(drop),
    );
    let update_path = || BetaUpdateDeploymentPath { deployment_id: DEPLOYMENT.into() };
    record(
        server
            .check(
                "update, minimal",
                &BetaUpdateDeployment {
                    path: update_path(),
                    headers: Default::default(),
                    body: UpdateDeploymentParams::default(),
                },
            )
            .map(drop),
    );
    record(
        server
            .check(
                "update, full",
                &BetaUpdateDeployment {
                    path: update_path(),
                    headers: all_headers!(BetaUpdateDeploymentHeaders),
                    body: update_full,
                },
            )
            .map(drop),
    );
    let archive = || BetaArchiveDeploymentPath { deployment_id: DEPLOYMENT.into() };
    record(
        server
            .check("archive, minimal", &BetaArchiveDeployment { path: archive(), headers: Default::default() })
            .map(drop),
    );
    record(
        server
            .check(
                "archive, full",
                &BetaArchiveDeployment { path: archive(), headers: all_headers!(BetaArchiveDeploymentHeaders) },
            )
            .map(drop),
    );
    let pause = || BetaPauseDeploymentPath { deployment_id: DEPLOYMENT.into() };
    record(
        server.check("pause, minimal", &BetaPauseDeployment { path: pause(), headers: Default::default() }).map(drop),
    );
    record(
        server
            .check(
                "pause, full",
                &BetaPauseDeployment { path: pause(), headers: all_headers!(BetaPauseDeploymentHeaders) },
            )
            .map(drop),
    );
    let unpause = || BetaUnpauseDeploymentPath { deployment_id: DEPLOYMENT.into() };
    record(
        server
            .check("unpause, minimal", &BetaUnpauseDeployment { path: unpause(), headers: Default::default() })
            .map(drop),
    );
    record(
        server
            .check(
                "unpause, full",
                &BetaUnpauseDeployment { path: unpause(), headers: all_headers!(BetaUnpauseDeploymentHeaders) },
            )
            .map(drop),
    );
    let run = || BetaRunDeploymentNowPath { deployment_id: DEPLOYMENT.into() };
    record(server.check("run, minimal", &BetaRunDeploymentNow { path: run(), headers: Default::default() }).map(drop));
    record(
        server
            .check(
                "run, full",
                &BetaRunDeploymentNow { path: run(), headers: all_headers!(BetaRunDeploymentNowHeaders) },
            )
            .map(drop),
    );
    record(
        server
            .check(
                "list runs, minimal",
                &BetaListDeploymentRuns { query: Default::default(), headers: Default::default() },
            )
            .map(drop),
    );
    let runs_full = BetaListDeploymentRunsQuery {
        limit: Some(1000),
        page: Some("page_MjAyNS0wNS0xNFQwMDowMDowMFo=".into()),
        deployment_id: Some(DEPLOYMENT.into()),
        trigger_type: Some(TriggerType::Schedule),
        has_error: Some(false),
        created_at_gt: Some("2026-03-01T00:00:00Z".parse().expect("a timestamp")),
        created_at_gte: Some("2026-03-01T00:00:00Z".parse().expect("a timestamp")),
        created_at_lt: Some("2026-04-01T00:00:00Z".parse().expect("a timestamp")),
        created_at_lte: Some("2026-04-01T00:00:00Z".parse().expect("a timestamp")),
    };
    record(
        server
            .check(
                "list runs, full",
                &BetaListDeploymentRuns { query: runs_full, headers: all_headers!(BetaListDeploymentRunsHeaders) },
            )
            .map(drop),
    );
    let run_path = || BetaGetDeploymentRunPath { deployment_run_id: "drun_011CZkZxQ5mN8pLrT2vW4yAb".into() };
    record(
        server
            .check("retrieve run, minimal", &BetaGetDeploymentRun { path: run_path(), headers: Default::default() })
            .map(drop),
    );
    record(
        server
            .check(
                "retrieve run, full",
                &BetaGetDeploymentRun { path: run_path(), headers: all_headers!(BetaGetDeploymentRunHeaders) },
            )
            .map(drop),
    );

    // Pagination through a transport the test supplies: the second request carries the first
    // page's cursor, and every page decodes.
    let mut sent = Vec::new();
    let first = BetaListDeployments { query: Default::default(), headers: Default::default() };
    let pages: Vec<_> = first
        .pages(|request| {
            sent.push(request.query.page.clone());
            server.check("list page", request)
        })
        .take(3)
        .collect();
    match pages.as_slice() {
        [Ok(first_page), Ok(_), Ok(_)] => {
            let cursor = first_page.next_page.as_value().cloned();
            assert_eq!(
                sent,
                [None, cursor.clone(), cursor],
                "each request after the first carries the cursor it was given"
            );
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
    let server = MockServer::start();
    // Built by the stub, then broken past what `validate` would allow: the body lacks every
    // required field. The stub itself refuses to build such a request; this proves the mock checks.
    let valid = BetaCreateDeployment { headers: Default::default(), body: minimal_create() };
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
