//! The benchmark's response: a list page of deployments with every union member the spec
//! defines, a member each union does not know yet, and fields no schema declares (as a newer
//! server sends them), checked against the spec itself.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Value, json};

/// What a union member is recorded as when the spec does not define it.
const UNKNOWN: &str = "(unknown)";

/// A page of `count` deployments, as the list endpoint returns it. Deployment `i` takes the
/// `i`-th member of each rotation, so a page of 100 holds every member several times over.
#[must_use]
pub fn deployments_page(count: usize) -> Value {
    let data: Vec<Value> = (0..count).map(deployment).collect();
    json!({ "data": data, "next_page": "page_MjAyNi0wMy0xNVQxMDowMDowMFo=" })
}

fn deployment(i: usize) -> Value {
    let (status, paused_reason) = status(i);
    let mut deployment = json!({
        "type": "deployment",
        "id": format!("depl_011CZkZcDH3vPqd7xnE{i:05}"),
        "name": format!("Daily order report {i}"),
        "description": if i % 3 == 1 { Value::Null } else { json!("Compiles yesterday's orders into a report every weekday morning.") },
        "agent": {"type": "agent", "id": "agent_011CZkYpogX7uDKUyvBTophP", "version": 1 + i % 4},
        "environment_id": "env_011CZkZ9X2dpNyB7HsEFoRfW",
        "vault_ids": if i.is_multiple_of(2) { json!(["vlt_011CZkZDLs7fYzm1hXNPeRjv"]) } else { json!([]) },
        "initial_events": initial_events(i),
        "resources": resources(i),
        "metadata": if i.is_multiple_of(2) { json!({"team": "finance", "tier": "gold", "region": format!("r{i}")}) } else { json!({}) },
        "schedule": schedule(i),
        "status": status,
        "paused_reason": paused_reason,
        "created_at": "2026-03-15T10:00:00Z",
        "updated_at": "2026-03-16T16:00:09.123456Z",
        "archived_at": if i % 10 == 9 { json!("2026-03-20T08:30:00Z") } else { Value::Null }
    });
    if let (Some(budget), Some(object)) = (budget(i), deployment.as_object_mut()) {
        object.insert("budget".to_owned(), budget);
    }
    add_unknown_fields(&mut deployment, i);
    deployment
}

/// The events a deployment starts its sessions with: a user message with one block of each kind
/// in turn (some unknown to the spec), and now and then an outcome, a system message or a tool
/// result.
fn initial_events(i: usize) -> Vec<Value> {
    let extra_blocks = [
        json!({"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="}}),
        json!({"type": "image", "source": {"type": "url", "url": format!("https://example.com/screenshots/{i}.png")}}),
        json!({"type": "image", "source": {"type": "file", "file_id": format!("file_011CNha8iCJcU1wXNR6q{i:04}")}}),
        json!({"type": "document", "source": {"type": "base64", "media_type": "application/pdf", "data": "JVBERi0xLjQKJcfsj6IKNSAwIG9iago8PC9MZW5ndGggNiAwIFI+PgpzdHJlYW0K"}, "title": "Contract", "context": "Signed copy."}),
        json!({"type": "document", "source": {"type": "text", "media_type": "text/plain", "data": "Orders are exported at 01:00 UTC; late orders arrive by 03:00."}, "title": null, "context": null}),
        json!({"type": "document", "source": {"type": "url", "url": "https://example.com/runbooks/orders.pdf"}}),
        json!({"type": "document", "source": {"type": "file", "file_id": "file_011CNha8iCJcU1wXNR6q4V8x"}, "title": "Runbook"}),
        json!({"type": "redacted"}),
        json!({"type": "audio", "source": {"type": "url", "url": "https://example.com/briefing.mp3"}}),
        json!({"type": "image", "source": {"type": "s3", "bucket": "screenshots", "key": format!("{i}.png")}}),
        json!({"type": "document", "source": {"type": "gdrive", "file": "1AbCdEf"}, "title": "Plan"}),
    ];
    let mut initial_events = vec![json!({
        "type": "user.message",
        "content": [
            {"type": "text", "text": format!("Compile yesterday's orders for region {i} into report.md and flag anything unusual.")},
            extra_blocks[i % extra_blocks.len()].clone(),
        ]
    })];
    if i.is_multiple_of(3) {
        let rubric = match i % 9 {
            0 => {
                json!({"type": "text", "content": "The report lists every order, totals match the ledger, and anomalies are explained."})
            }
            3 => json!({"type": "file", "file_id": "file_011CNha8iCJcU1wXNR6q4V8y"}),
            _ => json!({"type": "checklist", "items": ["totals", "anomalies"]}),
        };
        initial_events.push(json!({
            "type": "user.define_outcome",
            "description": "A report that finance can sign off without edits.",
            "rubric": rubric,
            "max_iterations": if i.is_multiple_of(2) { json!(3) } else { Value::Null }
        }));
    }
    if i % 4 == 1 {
        initial_events
            .push(json!({"type": "system.message", "content": [{"type": "text", "text": "Prefer small commits."}]}));
    }
    if i % 4 == 2 {
        initial_events
            .push(json!({"type": "system.message", "content": [{"type": "notice", "text": "Maintenance tonight."}]}));
    }
    if i % 25 == 24 {
        initial_events.push(json!({"type": "user.tool_result", "tool_use_id": "toolu_01", "content": []}));
    }
    initial_events
}

/// The resources a deployment mounts: none, one or two of each kind, or one the spec does not
/// know.
fn resources(i: usize) -> Value {
    match i % 6 {
        0 => json!([]),
        1 => {
            json!([{"type": "github_repository", "url": "https://github.com/example/shop", "mount_path": "/workspace/shop", "checkout": {"type": "branch", "name": "main"}}])
        }
        2 => json!([
            {"type": "github_repository", "url": "https://github.com/example/docs", "mount_path": null, "checkout": {"type": "commit", "sha": "0123456789abcdef0123456789abcdef01234567"}},
            {"type": "file", "file_id": "file_011CNha8iCJcU1wXNR6q4V8w", "mount_path": "/mnt/session/uploads/receipt.pdf"}
        ]),
        3 => {
            json!([{"type": "memory_store", "memory_store_id": "memstore_011CZkZAbCdEfGhIjKlMnOpQ", "access": "read_only", "instructions": "Check past incidents before changing CI."}])
        }
        4 => json!([
            {"type": "memory_store", "memory_store_id": "memstore_011CZkZeF3gH7jKmNpQrStUv", "access": "read_write", "instructions": null},
            {"type": "github_repository", "url": "https://github.com/example/tags", "checkout": {"type": "tag", "name": "v1.2.0"}}
        ]),
        _ => json!([{"type": "s3_bucket", "bucket": "exports", "mount_path": "/mnt/exports"}]),
    }
}

/// When a deployment runs: on a cron schedule (with or without its run times), at an interval,
/// or never.
fn schedule(i: usize) -> Value {
    match i % 5 {
        0 | 2 => json!({
            "type": "cron", "expression": "0 9 * * 1-5", "timezone": "America/Los_Angeles",
            "last_run_at": "2026-03-16T16:00:09Z", "upcoming_runs_at": ["2026-03-17T16:00:00Z", "2026-03-18T16:00:00Z"]
        }),
        1 => json!({"type": "cron", "expression": "30 2 * * *", "timezone": "Europe/Berlin"}),
        3 => Value::Null,
        _ => json!({"type": "interval", "every": "PT6H"}),
    }
}

/// A deployment's status and why it is paused: every other deployment is paused, for each reason
/// in turn, an error of each type among them.
fn status(i: usize) -> (Value, Value) {
    let errors = [
        "environment_archived_error",
        "agent_archived_error",
        "environment_not_found_error",
        "vault_not_found_error",
        "file_not_found_error",
        "session_resource_not_found_error",
        "workspace_archived_error",
        "organization_disabled_error",
        "memory_store_archived_error",
        "skill_not_found_error",
        "vault_archived_error",
        "unknown_error",
        "self_hosted_resources_unsupported_error",
        "mcp_egress_blocked_error",
        "quota_exceeded_error",
    ];
    match i % 2 {
        0 if i % 20 == 10 => (json!("hibernating"), Value::Null),
        0 => (json!("active"), Value::Null),
        _ => match (i / 2) % 18 {
            0 => (json!("paused"), json!({"type": "manual"})),
            17 => (json!("paused"), json!({"type": "maintenance_window", "until": "2026-12-01T00:00:00Z"})),
            n => (json!("paused"), json!({"type": "error", "error": {"type": errors[(n - 1) % errors.len()]}})),
        },
    }
}

/// A deployment's budget: a cost limit, `null`, a token limit, or none at all.
fn budget(i: usize) -> Option<Value> {
    match i % 4 {
        0 => Some(json!({"type": "limit", "max_list_cost": {"currency": "USD", "amount": "2500"}})),
        1 => Some(Value::Null),
        2 => Some(json!({"type": "token_limit", "max_tokens": 1_000_000})),
        _ => None,
    }
}

/// Fields a newer server sends that the spec does not declare, on the deployment and on objects
/// inside it; the typed page must keep them all to re-serialise unchanged.
fn add_unknown_fields(deployment: &mut Value, i: usize) {
    deployment["created_by"] = json!({"type": "api_key", "id": format!("apikey_011CZkZ{i:05}")});
    deployment["revision"] = json!(i % 7);
    deployment["agent"]["name"] = json!("Order reporter");
    if let Some(event) = deployment["initial_events"].get_mut(0) {
        event["source"] = json!("deployment");
    }
}

/// The union members of `schema_name` (a component of `spec`) and everything it reaches that
/// `instance` leaves out: `"Union: member"` for each, `"Union: (unknown)"` for a union that no
/// unknown member reached. Empty when the instance covers them all.
#[must_use]
pub fn missing_union_members(spec: &Value, schema_name: &str, instance: &Value) -> Vec<String> {
    let schemas = &spec["components"]["schemas"];
    let mut expected = BTreeMap::new();
    expected_members(schemas, schema_name, &mut BTreeSet::new(), &mut expected);
    let mut seen = BTreeSet::new();
    seen_members(schemas, &json!({"$ref": format!("#/components/schemas/{schema_name}")}), "", instance, &mut seen);
    let mut missing = Vec::new();
    for (union, members) in expected {
        for member in members.iter().map(String::as_str).chain([UNKNOWN]) {
            if !seen.contains(&(union.clone(), member.to_owned())) {
                missing.push(format!("{union}: {member}"));
            }
        }
    }
    missing
}

fn component_name(reference: &str) -> &str {
    reference.rsplit('/').next().unwrap_or(reference)
}

/// The tag values of a union's members, from the one-value enum on each member's tag property.
fn member_tags<'a>(schemas: &'a Value, union: &'a Value) -> Vec<(&'a str, &'a Value)> {
    let property = union["discriminator"]["propertyName"].as_str().unwrap_or("type");
    let members = union.get("oneOf").or_else(|| union.get("anyOf")).and_then(Value::as_array);
    members
        .into_iter()
        .flatten()
        .filter_map(|member| {
            let resolved = member.get("$ref").and_then(Value::as_str).map_or(member, |r| &schemas[component_name(r)]);
            let tag = resolved["properties"][property]["enum"].as_array()?.first()?.as_str()?;
            Some((tag, resolved))
        })
        .collect()
}

fn expected_members(
    schemas: &Value,
    name: &str,
    visited: &mut BTreeSet<String>,
    expected: &mut BTreeMap<String, Vec<String>>,
) {
    if !visited.insert(name.to_owned()) {
        return;
    }
    let schema = &schemas[name];
    let tags = member_tags(schemas, schema);
    if !tags.is_empty() {
        expected.insert(name.to_owned(), tags.into_iter().map(|(tag, _)| tag.to_owned()).collect());
    }
    let mut references = Vec::new();
    collect_references(schema, &mut references);
    for reference in references {
        expected_members(schemas, component_name(&reference), visited, expected);
    }
}

fn collect_references(value: &Value, references: &mut Vec<String>) {
    match value {
        Value::Object(object) => {
            if let Some(reference) = object.get("$ref").and_then(Value::as_str) {
                references.push(reference.to_owned());
            }
            for (key, child) in object {
                // Examples are data, not schemas.
                if key != "example" && key != "examples" {
                    collect_references(child, references);
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|item| collect_references(item, references)),
        _ => {}
    }
}

/// Walks `instance` along `schema`, recording `(union, member)` for each union object met.
fn seen_members(schemas: &Value, schema: &Value, union: &str, instance: &Value, seen: &mut BTreeSet<(String, String)>) {
    if instance.is_null() {
        return;
    }
    if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
        let name = component_name(reference);
        seen_members(schemas, &schemas[name], name, instance, seen);
        return;
    }
    for member in schema.get("allOf").and_then(Value::as_array).into_iter().flatten() {
        seen_members(schemas, member, union, instance, seen);
    }
    let tags = member_tags(schemas, schema);
    if !tags.is_empty() {
        let property = schema["discriminator"]["propertyName"].as_str().unwrap_or("type");
        let tag = instance[property].as_str().unwrap_or_default();
        match tags.iter().find(|(member, _)| *member == tag) {
            Some((member, resolved)) => {
                seen.insert((union.to_owned(), (*member).to_owned()));
                seen_members(schemas, resolved, union, instance, seen);
            }
            None => {
                seen.insert((union.to_owned(), UNKNOWN.to_owned()));
            }
        }
        return;
    }
    if let (Some(properties), Some(object)) =
        (schema.get("properties").and_then(Value::as_object), instance.as_object())
    {
        for (key, value) in object {
            if let Some(property) = properties.get(key) {
                seen_members(schemas, property, union, value, seen);
            }
        }
    }
    if let (Some(items), Some(array)) = (schema.get("items"), instance.as_array()) {
        for item in array {
            seen_members(schemas, items, union, item, seen);
        }
    }
}
