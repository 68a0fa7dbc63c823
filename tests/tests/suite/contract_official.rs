//! Contract tests against the official OpenAPI document
//! (`tests/reference/official/openapi-deployments-subset.json`): the same ten operations as
//! `contract.rs`, minimal and full, sent to Steady serving the official document instead of
//! `spec/`. Every request must be valid there too, and every response Steady generates from the
//! official schemas must decode: whatever the official schema accepts is something the server may
//! legally send. Each request is sent with several seeds, so Steady generates a different payload
//! each time.
//!
//! Where `spec/` differs from the official document on purpose, the official document is the
//! looser one, so these checks still hold:
//! - `spec/` states as schema keywords the limits the reference gives only in prose (`maxItems:
//!   50` on `initial_events`, among others); the official document states fewer, so it accepts
//!   every request `spec/` accepts.
//! - `spec/` adds the optional `anthropic-workspace-id` header from the later HTTP reference; the
//!   official document does not list it, and a header it does not list is not an error.
//! - `spec/` states rules JSON Schema cannot (`x-exactly-one-of` on a run, `x-item-rules`); the
//!   official document cannot, and its generated runs often set both `session_id` and `error`.
//!   Those must decode all the same, and the rule is reported by the check a caller may run
//!   (`DeploymentRun::outcome`, `Validate::validate`), never by decoding.
//! - The official paths carry `?beta=true` in their keys; `spec/` states it as a required
//!   one-value query parameter, which the stubs always send, so the same URLs match.

use std::collections::BTreeMap;

use generated::operations::Operation;

use crate::mock_server::MockServer;
use crate::mock_server::operations::{VisitOperation, each_operation};

/// The seeds each request is sent with; every seed is a different generated payload.
const SEEDS: std::ops::RangeInclusive<u64> = 1..=4;

/// Sends every request with each seed and decodes every answer.
struct DecodeEach<'a> {
    server: &'a MockServer,
    failures: Vec<String>,
    /// Decoded responses by operation (the label before the comma).
    decoded: BTreeMap<String, usize>,
    /// Response bodies in which a run has both `session_id` and `error` set.
    runs_breaking_the_documented_rule: usize,
}

impl VisitOperation for DecodeEach<'_> {
    fn operation<O: Operation>(&mut self, label: &str, operation: &O) {
        for seed in SEEDS {
            let label = format!("{label} (seed {seed})");
            let response = match self.server.exchange(&label, operation, Some(seed)) {
                Ok(response) => response,
                Err(error) => {
                    self.failures.push(error);
                    continue;
                }
            };
            let body: serde_json::Value = serde_json::from_slice(response.body()).unwrap_or_default();
            self.runs_breaking_the_documented_rule += runs_with_both(&body);
            match O::parse_response(response) {
                Ok(_) => {
                    let operation = label.split(',').next().unwrap_or_default().to_owned();
                    *self.decoded.entry(operation).or_default() += 1;
                }
                Err(error) => self.failures.push(format!("{label}: {error}\nbody: {body}")),
            }
        }
    }
}

/// How many runs in a response body (a run, or a page of them) set both `session_id` and `error`.
fn runs_with_both(body: &serde_json::Value) -> usize {
    let both = |run: &serde_json::Value| {
        run["type"] == "deployment_run" && !run["session_id"].is_null() && !run["error"].is_null()
    };
    match body.get("data").and_then(serde_json::Value::as_array) {
        Some(items) => items.iter().filter(|run| both(run)).count(),
        None => usize::from(both(body)),
    }
}

#[test]
fn every_response_the_official_document_allows_decodes() {
    let document = tests::reference_dir().join("official/openapi-deployments-subset.json");
    let server = MockServer::start(&document);
    let mut each = DecodeEach {
        server: &server,
        failures: Vec::new(),
        decoded: BTreeMap::new(),
        runs_breaking_the_documented_rule: 0,
    };
    each_operation(&mut each);
    assert!(
        each.failures.is_empty(),
        "{} response(s) from the official document failed:\n{}\n\nmock server log:\n{}",
        each.failures.len(),
        each.failures.join("\n\n"),
        server.log_text()
    );
    let operations =
        ["create", "list", "retrieve", "update", "archive", "pause", "unpause", "run", "list runs", "retrieve run"];
    for operation in operations {
        assert!(each.decoded.get(operation).is_some_and(|count| *count > 0), "no `{operation}` response decoded");
    }
    let total: usize = each.decoded.values().sum();
    assert!(total >= 50, "only {total} responses decoded: {:?}", each.decoded);
    // The class of payload this test exists for: the official schema lets a run hold both.
    assert!(
        each.runs_breaking_the_documented_rule > 0,
        "no generated run set both `session_id` and `error`; the test no longer covers them"
    );
}
