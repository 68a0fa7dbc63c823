//! Forward compatibility: a union variant or enum value the server adds after this crate was
//! generated still deserialises on the response side, lands in the `Unknown`/`Other` catch-all
//! (never in a known variant), and serialises back byte-for-byte the same JSON; a field it adds is
//! kept on the object, readable by name, and written back.

use generated::{
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

#[test]
fn fields_the_spec_does_not_declare_are_kept_in_order_and_read_by_name() {
    let mut value = deployment();
    value["zeta_added"] = json!({"nested": [1, 2]});
    value["alpha_added"] = json!("second");
    value["agent"]["pinned"] = json!(true);
    let text = serde_json::to_string(&value).expect("JSON");
    let read: Deployment = serde_json::from_str(&text).expect("a deployment with new fields");
    assert_eq!(read.extra("zeta_added"), Some(&json!({"nested": [1, 2]})));
    assert_eq!(read.extra("alpha_added"), Some(&json!("second")));
    assert_eq!(read.extra("name"), None, "a declared field is not an extra one");
    assert_eq!(read.agent.extra("pinned"), Some(&json!(true)));
    // In the order of the text read (whether `Value` kept insertion order or sorted the keys).
    let mut in_text = ["alpha_added", "zeta_added"];
    in_text.sort_by_key(|name| text.find(&format!("\"{name}\"")));
    assert_eq!(read.extra_fields.iter().map(|(name, _)| name).collect::<Vec<_>>(), in_text);
    assert_eq!(serde_json::to_value(&read).expect("serialises"), value);

    // In the order the server wrote them, after the declared fields.
    let reordered = text.replacen('{', r#"{"first_added": 1, "second_added": 2,"#, 1);
    let read: Deployment = serde_json::from_str(&reordered).expect("reads");
    let written = serde_json::to_string(&read).expect("serialises");
    let first = written.find("\"first_added\"").expect("kept");
    let second = written.find("\"second_added\"").expect("kept");
    assert!(first < second && written.find("\"archived_at\"").is_some_and(|declared| declared < first), "{written}");
}
