//! Forward compatibility: a union variant or enum value the server adds after this crate was
//! generated still deserialises on the response side, lands in the `Unknown`/`Other` catch-all
//! (never in a known variant), and serialises back byte-for-byte the same JSON.

use generated::types::{
    Deployment, DeploymentInitialEvent, DeploymentPausedReason, DeploymentPausedReasonError, DeploymentRun,
    DeploymentStatus, RunError, SessionResourceConfig, TriggerContext,
};
use serde::{Serialize, de::DeserializeOwned};
use serde_json::{Value, json};

/// A valid `Deployment` as the server sends it (the spec's own example), to be altered per test.
fn deployment() -> Value {
    json!({
        "type": "deployment",
        "id": "depl_011CZkZcDH3vPqd7xnEfwTai",
        "name": "Daily order report",
        "description": "Compiles yesterday's orders into a report every weekday morning.",
        "agent": {"type": "agent", "id": "agent_011CZkYpogX7uDKUyvBTophP", "version": 1},
        "environment_id": "env_011CZkZ9X2dpNyB7HsEFoRfW",
        "vault_ids": ["vlt_011CZkZDLs7fYzm1hXNPeRjv"],
        "initial_events": [
            {
                "type": "user.message",
                "content": [{"type": "text", "text": "Compile yesterday's orders into report.md."}]
            }
        ],
        "resources": [],
        "metadata": {},
        "schedule": null,
        "status": "active",
        "paused_reason": null,
        "created_at": "2026-03-15T10:00:00Z",
        "updated_at": "2026-03-15T10:00:00Z",
        "archived_at": null
    })
}

/// A valid `DeploymentRun`, to be altered per test.
fn deployment_run() -> Value {
    json!({
        "type": "deployment_run",
        "id": "drun_01abc124",
        "deployment_id": "depl_01xyz",
        "trigger_context": {"type": "schedule", "scheduled_at": "2026-05-09T00:00:00Z"},
        "session_id": null,
        "error": {"type": "environment_archived_error", "message": "environment `env_01abc` is archived"},
        "agent": {"type": "agent", "id": "agent_01ghi789", "version": 3},
        "created_at": "2026-05-09T00:00:01Z"
    })
}

/// Parses `json` as `T`, asserts it serialises back to the same JSON, and returns the value.
fn parse_unchanged<T: DeserializeOwned + Serialize + std::fmt::Debug>(json: &Value) -> T {
    let parsed: T = serde_json::from_value(json.clone())
        .unwrap_or_else(|error| panic!("{json} does not deserialise as `{}`: {error}", std::any::type_name::<T>()));
    let back = serde_json::to_value(&parsed).unwrap_or_else(|error| panic!("{parsed:?} does not serialise: {error}"));
    assert_eq!(back, *json, "re-serialising {parsed:?} changed the JSON");
    parsed
}

#[test]
fn an_unknown_paused_reason_is_kept() {
    let raw = json!({"type": "brand_new_reason", "x": 1});
    let mut json = deployment();
    json["status"] = json!("paused");
    json["paused_reason"] = raw.clone();
    let parsed: Deployment = parse_unchanged(&json);
    match parsed.paused_reason {
        Some(DeploymentPausedReason::Unknown(kept)) => {
            assert_eq!(kept, raw, "the unknown variant must keep the raw JSON");
        }
        other => panic!("expected `DeploymentPausedReason::Unknown`, got {other:?}"),
    }
}

#[test]
fn an_unknown_initial_event_is_kept() {
    let raw = json!({"type": "agent.thought", "foo": [1]});
    let mut json = deployment();
    json["initial_events"] = json!([json["initial_events"][0].clone(), raw.clone()]);
    let parsed: Deployment = parse_unchanged(&json);
    assert!(
        matches!(parsed.initial_events.first(), Some(DeploymentInitialEvent::UserMessage(_))),
        "a known event must stay known: {:?}",
        parsed.initial_events,
    );
    match parsed.initial_events.get(1) {
        Some(DeploymentInitialEvent::Unknown(kept)) => {
            assert_eq!(*kept, raw, "the unknown variant must keep the raw JSON");
        }
        other => panic!("expected `DeploymentInitialEvent::Unknown`, got {other:?}"),
    }
}

#[test]
fn an_unknown_status_is_kept() {
    let mut json = deployment();
    json["status"] = json!("hibernating");
    let parsed: Deployment = parse_unchanged(&json);
    match &parsed.status {
        DeploymentStatus::Other(value) => assert_eq!(value, "hibernating"),
        other => panic!("expected `DeploymentStatus::Other`, got {other:?}"),
    }
}

#[test]
fn known_values_never_land_in_the_catch_all() {
    let status: DeploymentStatus = parse_unchanged(&json!("paused"));
    assert!(!matches!(status, DeploymentStatus::Other(_)), "`paused` is a known status, got {status:?}");
    let reason: DeploymentPausedReason = parse_unchanged(&json!({"type": "manual"}));
    assert!(!matches!(reason, DeploymentPausedReason::Unknown(_)), "`manual` is a known reason, got {reason:?}");
}

#[test]
fn unknown_values_nested_in_known_variants_are_kept() {
    let mut json = deployment();
    json["status"] = json!("paused");
    json["paused_reason"] =
        json!({"type": "error", "error": {"type": "quota_exhausted_error", "detail": {"quota": 3}}});
    json["resources"] = json!([{"type": "bucket", "bucket_id": "bkt_1"}]);
    let parsed: Deployment = parse_unchanged(&json);
    match &parsed.paused_reason {
        Some(DeploymentPausedReason::Error(reason)) => {
            assert!(matches!(reason.error, DeploymentPausedReasonError::Unknown(_)), "got {:?}", reason.error);
        }
        other => panic!("expected `DeploymentPausedReason::Error`, got {other:?}"),
    }
    assert!(matches!(parsed.resources.as_slice(), [SessionResourceConfig::Unknown(_)]), "got {:?}", parsed.resources);
}

#[test]
fn unknown_run_triggers_and_errors_are_kept() {
    let mut json = deployment_run();
    json["trigger_context"] = json!({"type": "webhook", "hook_id": "hk_1"});
    json["error"] = json!({"type": "cosmic_ray_error", "message": "a bit flipped"});
    let parsed: DeploymentRun = parse_unchanged(&json);
    assert!(matches!(parsed.trigger_context, TriggerContext::Unknown(_)), "got {:?}", parsed.trigger_context);
    assert!(
        matches!(parsed.outcome(), Ok(generated::DeploymentRunOutcome::Error(RunError::Unknown(_)))),
        "got {:?}",
        parsed.outcome()
    );
}
