//! The contract tests' requests: every one of the ten operations with its minimal and its full
//! set of parameters, built once here and sent by each contract test to its own server.

#![allow(
    clippy::default_trait_access,
    reason = "`headers: Default::default()` reads as \"no extra headers\" in the many request literals here"
)]

use generated::operations::{
    BetaArchiveDeployment, BetaArchiveDeploymentPath, BetaCreateDeployment, BetaGetDeployment, BetaGetDeploymentRun,
    BetaGetDeploymentRunPath, BetaListDeploymentRuns, BetaListDeploymentRunsQuery, BetaListDeployments,
    BetaListDeploymentsQuery, BetaPauseDeployment, BetaRunDeploymentNow, BetaUnpauseDeployment, BetaUpdateDeployment,
    Headers, Operation,
};
use generated::{
    AgentUnionParams, AnthropicBeta, CreateDeploymentParams, DeploymentInitialEventParams, DeploymentStatus, TextBlock,
    TriggerType, UpdateDeploymentParams, UserContentBlock, UserMessageEventParams,
};
use serde_json::Value;

/// What a contract test does with each request: send it, and judge what comes back.
pub(crate) trait VisitOperation {
    /// One request; `label` names the operation and the parameter set (`"create, full"`).
    fn operation<O: Operation>(&mut self, label: &str, operation: &O);
}

fn spec_example(path: &str, name: &str) -> Value {
    let spec = tests::read_document(&tests::spec_path()).expect("the spec reads");
    spec["paths"][path]["post"]["requestBody"]["content"]["application/json"]["examples"][name]["value"].clone()
}

pub(crate) fn minimal_create() -> CreateDeploymentParams {
    CreateDeploymentParams {
        name: "Daily order report".into(),
        agent: AgentUnionParams::from("agent_011CZkYpogX7uDKUyvBTophP"),
        environment_id: "env_011CZkZ9X2dpNyB7HsEFoRfW".into(),
        initial_events: vec![DeploymentInitialEventParams::UserMessage(UserMessageEventParams {
            content: vec![UserContentBlock::Text(TextBlock::from("Compile yesterday's orders."))],
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
    () => {
        Headers {
            anthropic_version: Some("2023-06-01".into()),
            anthropic_beta: Some(vec![AnthropicBeta::MessageBatches20240924, AnthropicBeta::FilesApi20250414]),
            anthropic_workspace_id: Some(WORKSPACE.into()),
        }
    };
}

/// Hands every request of the contract tests to `visit`, in a fixed order: each operation with
/// its minimal parameters, then with all of them (and a few variants in between).
pub(crate) fn each_operation(visit: &mut impl VisitOperation) {
    let create_full: CreateDeploymentParams =
        serde_json::from_value(spec_example("/v1/deployments", "maximal")).expect("the maximal create example");
    let mut update_full: UpdateDeploymentParams =
        serde_json::from_value(spec_example("/v1/deployments/{deployment_id}", "maximal"))
            .expect("the maximal update example");
    // Steady reads OpenAPI 3.0's `nullable` beside `allOf: [$ref]` strictly (the `null` must also
    // match the referenced union), so `"budget": null`, which the API documents as "clear", is
    // not something it can check; the full update sends a value instead.
    update_full.budget = create_full.budget.clone();
    let path = |id: &str| BetaArchiveDeploymentPath { deployment_id: id.into() };

    visit.operation("create, minimal", &BetaCreateDeployment { headers: Default::default(), body: minimal_create() });
    visit.operation("create, full", &BetaCreateDeployment { headers: all_headers!(), body: create_full });
    visit.operation("list, minimal", &BetaListDeployments { query: Default::default(), headers: Default::default() });
    let list_full = BetaListDeploymentsQuery {
        limit: Some(100),
        page: Some("page_MjAyNS0wNS0xNFQwMDowMDowMFo=".into()),
        agent_id: Some("agent_011CZkYpogX7uDKUyvBTophP".into()),
        status: Some(DeploymentStatus::Paused),
        created_at_gte: Some("2026-03-01T00:00:00Z".parse().expect("a timestamp")),
        created_at_lte: Some("2026-03-31T23:59:59.5Z".parse().expect("a timestamp")),
        include_archived: None,
    };
    visit.operation("list, full", &BetaListDeployments { query: list_full, headers: all_headers!() });
    let list_archived = BetaListDeploymentsQuery { include_archived: Some(true), ..Default::default() };
    visit.operation("list, archived", &BetaListDeployments { query: list_archived, headers: Default::default() });
    visit.operation("retrieve, minimal", &BetaGetDeployment { path: path(DEPLOYMENT), headers: Default::default() });
    visit.operation("retrieve, full", &BetaGetDeployment { path: path(DEPLOYMENT), headers: all_headers!() });
    let update_path = || BetaArchiveDeploymentPath { deployment_id: DEPLOYMENT.into() };
    visit.operation(
        "update, minimal",
        &BetaUpdateDeployment {
            path: update_path(),
            headers: Default::default(),
            body: UpdateDeploymentParams::default(),
        },
    );
    visit.operation(
        "update, full",
        &BetaUpdateDeployment { path: update_path(), headers: all_headers!(), body: update_full },
    );
    let archive = || BetaArchiveDeploymentPath { deployment_id: DEPLOYMENT.into() };
    visit.operation("archive, minimal", &BetaArchiveDeployment { path: archive(), headers: Default::default() });
    visit.operation("archive, full", &BetaArchiveDeployment { path: archive(), headers: all_headers!() });
    let pause = || BetaArchiveDeploymentPath { deployment_id: DEPLOYMENT.into() };
    visit.operation("pause, minimal", &BetaPauseDeployment { path: pause(), headers: Default::default() });
    visit.operation("pause, full", &BetaPauseDeployment { path: pause(), headers: all_headers!() });
    let unpause = || BetaArchiveDeploymentPath { deployment_id: DEPLOYMENT.into() };
    visit.operation("unpause, minimal", &BetaUnpauseDeployment { path: unpause(), headers: Default::default() });
    visit.operation("unpause, full", &BetaUnpauseDeployment { path: unpause(), headers: all_headers!() });
    let run = || BetaArchiveDeploymentPath { deployment_id: DEPLOYMENT.into() };
    visit.operation("run, minimal", &BetaRunDeploymentNow { path: run(), headers: Default::default() });
    visit.operation("run, full", &BetaRunDeploymentNow { path: run(), headers: all_headers!() });
    visit.operation(
        "list runs, minimal",
        &BetaListDeploymentRuns { query: Default::default(), headers: Default::default() },
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
    visit.operation("list runs, full", &BetaListDeploymentRuns { query: runs_full, headers: all_headers!() });
    let run_path = || BetaGetDeploymentRunPath { deployment_run_id: "drun_011CZkZxQ5mN8pLrT2vW4yAb".into() };
    visit.operation("retrieve run, minimal", &BetaGetDeploymentRun { path: run_path(), headers: Default::default() });
    visit.operation("retrieve run, full", &BetaGetDeploymentRun { path: run_path(), headers: all_headers!() });
}
