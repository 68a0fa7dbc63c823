//! The contract tests' requests: every one of the ten operations with its minimal and its full
//! set of parameters, built once here and sent by each contract test to its own server.

use generated::operations::{
    BetaArchiveDeployment, BetaCreateDeployment, BetaGetDeployment, BetaGetDeploymentRun, BetaListDeploymentRuns,
    BetaListDeployments, BetaPauseDeployment, BetaRunDeploymentNow, BetaUnpauseDeployment, BetaUpdateDeployment,
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
    CreateDeploymentParams::builder()
        .name("Daily order report")
        .agent(AgentUnionParams::from("agent_011CZkYpogX7uDKUyvBTophP"))
        .environment_id("env_011CZkZ9X2dpNyB7HsEFoRfW")
        .initial_events([DeploymentInitialEventParams::UserMessage(
            UserMessageEventParams::builder()
                .content([UserContentBlock::Text(TextBlock::from("Compile yesterday's orders."))])
                .build(),
        )])
        .build()
}

const DEPLOYMENT: &str = "depl_011CZkZcDH3vPqd7xnEfwTai";
const WORKSPACE: &str = "wrkspc_011CZkZaBF1tNoB5wlCeusgy";

/// A request with every header a caller can set: the stub still adds `managed-agents-2026-04-01`.
macro_rules! all_headers {
    ($request:expr) => {{
        let mut request = $request;
        set_all_headers(&mut request.headers);
        request
    }};
}

fn set_all_headers(headers: &mut Headers) {
    headers.anthropic_version = Some("2023-06-01".to_owned());
    headers.anthropic_beta = Some(vec![AnthropicBeta::MessageBatches20240924, AnthropicBeta::FilesApi20250414]);
    headers.anthropic_workspace_id = Some(WORKSPACE.to_owned());
}

/// A timestamp of the examples.
fn at(text: &str) -> jiff::Timestamp {
    text.parse().expect("a timestamp")
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
    visit.operation("create, minimal", &BetaCreateDeployment::new(minimal_create()));
    visit.operation("create, full", &all_headers!(BetaCreateDeployment::new(create_full)));
    visit.operation("list, minimal", &BetaListDeployments::new());
    let mut list_full = BetaListDeployments::new();
    list_full.query.limit = Some(100);
    list_full.query.page = Some("page_MjAyNS0wNS0xNFQwMDowMDowMFo=".to_owned());
    list_full.query.agent_id = Some("agent_011CZkYpogX7uDKUyvBTophP".to_owned());
    list_full.query.status = Some(DeploymentStatus::Paused);
    list_full.query.created_at_gte = Some(at("2026-03-01T00:00:00Z"));
    list_full.query.created_at_lte = Some(at("2026-03-31T23:59:59.5Z"));
    visit.operation("list, full", &all_headers!(list_full));
    let mut archived = BetaListDeployments::new();
    archived.query.include_archived = Some(true);
    visit.operation("list, archived", &archived);
    visit.operation("retrieve, minimal", &BetaGetDeployment::new(DEPLOYMENT));
    visit.operation("retrieve, full", &all_headers!(BetaGetDeployment::new(DEPLOYMENT)));
    visit.operation("update, minimal", &BetaUpdateDeployment::new(DEPLOYMENT, UpdateDeploymentParams::default()));
    visit.operation("update, full", &all_headers!(BetaUpdateDeployment::new(DEPLOYMENT, update_full)));
    visit.operation("archive, minimal", &BetaArchiveDeployment::new(DEPLOYMENT));
    visit.operation("archive, full", &all_headers!(BetaArchiveDeployment::new(DEPLOYMENT)));
    visit.operation("pause, minimal", &BetaPauseDeployment::new(DEPLOYMENT));
    visit.operation("pause, full", &all_headers!(BetaPauseDeployment::new(DEPLOYMENT)));
    visit.operation("unpause, minimal", &BetaUnpauseDeployment::new(DEPLOYMENT));
    visit.operation("unpause, full", &all_headers!(BetaUnpauseDeployment::new(DEPLOYMENT)));
    visit.operation("run, minimal", &BetaRunDeploymentNow::new(DEPLOYMENT));
    visit.operation("run, full", &all_headers!(BetaRunDeploymentNow::new(DEPLOYMENT)));
    visit.operation("list runs, minimal", &BetaListDeploymentRuns::new());
    let mut runs_full = BetaListDeploymentRuns::new();
    runs_full.query.limit = Some(1000);
    runs_full.query.page = Some("page_MjAyNS0wNS0xNFQwMDowMDowMFo=".to_owned());
    runs_full.query.deployment_id = Some(DEPLOYMENT.to_owned());
    runs_full.query.trigger_type = Some(TriggerType::Schedule);
    runs_full.query.has_error = Some(false);
    runs_full.query.created_at_gt = Some(at("2026-03-01T00:00:00Z"));
    runs_full.query.created_at_gte = Some(at("2026-03-01T00:00:00Z"));
    runs_full.query.created_at_lt = Some(at("2026-04-01T00:00:00Z"));
    runs_full.query.created_at_lte = Some(at("2026-04-01T00:00:00Z"));
    visit.operation("list runs, full", &all_headers!(runs_full));
    let run = "drun_011CZkZxQ5mN8pLrT2vW4yAb";
    visit.operation("retrieve run, minimal", &BetaGetDeploymentRun::new(run));
    visit.operation("retrieve run, full", &all_headers!(BetaGetDeploymentRun::new(run)));
}
