//! `spec/` stays faithful to the official document (`tests/reference/official/`): the fidelity
//! comparison (`tests::fidelity`, the rules of the shared `spec-fidelity.py` tool, in Rust) finds
//! no difference between them, and finds each kind of difference it is for when one is made.

use serde_json::{Value, json};
use tests::fidelity::compare;

fn documents() -> (Value, Value) {
    let official = tests::read_document(&tests::reference_dir().join("official/openapi-deployments-subset.json"))
        .unwrap_or_else(|error| panic!("{error}"));
    let ours = tests::read_document(&tests::spec_path()).unwrap_or_else(|error| panic!("{error}"));
    (official, ours)
}

#[test]
fn spec_matches_the_official_document() {
    let (official, ours) = documents();
    let (differences, official_operations, our_operations) = compare(&official, &ours);
    let report: Vec<String> = differences.iter().map(ToString::to_string).collect();
    assert!(
        differences.is_empty(),
        "{} difference(s) from the official document (fix the spec, or explain each one in it):\n{}",
        differences.len(),
        report.join("\n")
    );
    assert_eq!((official_operations, our_operations), (10, 10));
}

#[test]
fn the_comparison_finds_each_kind_of_difference() {
    let (official, ours) = documents();
    let mut changed = ours.clone();
    let schemas = &mut changed["components"]["schemas"];
    schemas["Deployment"]["properties"].as_object_mut().expect("properties").remove("name");
    schemas["Deployment"]["properties"]["description"]["nullable"] = json!(false);
    schemas["DeploymentRun"]["properties"]["extra"] = json!({"type": "string"});
    schemas["DeploymentStatus"]["enum"] = json!(["active"]);
    changed["paths"].as_object_mut().expect("paths").remove("/v1/deployment_runs");
    let (differences, _, _) = compare(&official, &changed);
    let found: Vec<String> = differences.iter().map(ToString::to_string).collect();
    for expected in [
        "GET /v1/deployments response.data[].name: missing in ours",
        "GET /v1/deployments response.data[].description: nullable: official True, ours False",
        "response.extra: not in the official document",
        "GET /v1/deployments query `status`: enum: official [\"active\", \"paused\"], ours [\"active\"]",
        "GET /v1/deployment_runs: operation missing in ours",
    ] {
        assert!(found.iter().any(|line| line.contains(expected)), "`{expected}` not found in:\n{}", found.join("\n"));
    }
}
