//! The contract tests' requests: every one of the ten operations with its minimal and its full
//! set of parameters, built once here and sent by each contract test to its own server.

use generated::operations::{
    BetaArchiveDeployment, BetaCreateDeployment, BetaGetDeployment, BetaGetDeploymentRun, BetaListDeploymentRuns,
    BetaListDeployments, BetaPauseDeployment, BetaRunDeploymentNow, BetaUnpauseDeployment, BetaUpdateDeployment,
    Operation,
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

/// An operation's builder with every header a caller can set: the stub still adds
/// `managed-agents-2026-04-01`.
macro_rules! all_headers {
    ($builder:expr) => {
        $builder
            .anthropic_version("2023-06-01")
            .anthropic_beta([AnthropicBeta::MessageBatches20240924, AnthropicBeta::FilesApi20250414])
            .anthropic_workspace_id(WORKSPACE)
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
    visit.operation("create, minimal", &BetaCreateDeployment::builder().body(minimal_create()).build());
    visit.operation("create, full", &all_headers!(BetaCreateDeployment::builder().body(create_full)).build());
    visit.operation("list, minimal", &BetaListDeployments::builder().build());
    let list_full = BetaListDeployments::builder()
        .limit(100)
        .page("page_MjAyNS0wNS0xNFQwMDowMDowMFo=")
        .agent_id("agent_011CZkYpogX7uDKUyvBTophP")
        .status(DeploymentStatus::Paused)
        .created_at_gte("2026-03-01T00:00:00Z".parse::<jiff::Timestamp>().expect("a timestamp"))
        .created_at_lte("2026-03-31T23:59:59.5Z".parse::<jiff::Timestamp>().expect("a timestamp"));
    visit.operation("list, full", &all_headers!(list_full).build());
    visit.operation("list, archived", &BetaListDeployments::builder().include_archived(true).build());
    visit.operation("retrieve, minimal", &BetaGetDeployment::builder().deployment_id(DEPLOYMENT).build());
    visit.operation("retrieve, full", &all_headers!(BetaGetDeployment::builder().deployment_id(DEPLOYMENT)).build());
    let update = || BetaUpdateDeployment::builder().deployment_id(DEPLOYMENT);
    visit.operation("update, minimal", &update().body(UpdateDeploymentParams::default()).build());
    visit.operation("update, full", &all_headers!(update().body(update_full)).build());
    let archive = || BetaArchiveDeployment::builder().deployment_id(DEPLOYMENT);
    visit.operation("archive, minimal", &archive().build());
    visit.operation("archive, full", &all_headers!(archive()).build());
    let pause = || BetaPauseDeployment::builder().deployment_id(DEPLOYMENT);
    visit.operation("pause, minimal", &pause().build());
    visit.operation("pause, full", &all_headers!(pause()).build());
    let unpause = || BetaUnpauseDeployment::builder().deployment_id(DEPLOYMENT);
    visit.operation("unpause, minimal", &unpause().build());
    visit.operation("unpause, full", &all_headers!(unpause()).build());
    let run = || BetaRunDeploymentNow::builder().deployment_id(DEPLOYMENT);
    visit.operation("run, minimal", &run().build());
    visit.operation("run, full", &all_headers!(run()).build());
    visit.operation("list runs, minimal", &BetaListDeploymentRuns::builder().build());
    let runs_full = BetaListDeploymentRuns::builder()
        .limit(1000)
        .page("page_MjAyNS0wNS0xNFQwMDowMDowMFo=")
        .deployment_id(DEPLOYMENT)
        .trigger_type(TriggerType::Schedule)
        .has_error(false)
        .created_at_gt("2026-03-01T00:00:00Z".parse::<jiff::Timestamp>().expect("a timestamp"))
        .created_at_gte("2026-03-01T00:00:00Z".parse::<jiff::Timestamp>().expect("a timestamp"))
        .created_at_lt("2026-04-01T00:00:00Z".parse::<jiff::Timestamp>().expect("a timestamp"))
        .created_at_lte("2026-04-01T00:00:00Z".parse::<jiff::Timestamp>().expect("a timestamp"));
    visit.operation("list runs, full", &all_headers!(runs_full).build());
    let run_get = || BetaGetDeploymentRun::builder().deployment_run_id("drun_011CZkZxQ5mN8pLrT2vW4yAb");
    visit.operation("retrieve run, minimal", &run_get().build());
    visit.operation("retrieve run, full", &all_headers!(run_get()).build());
}
