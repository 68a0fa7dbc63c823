//! `spec/` stays faithful to the official document: `shared/tools/spec-fidelity.py` reports no
//! difference between `spec/deployments.yaml` and the official OpenAPI subset.
//!
//! The spec is handed to the tool as JSON (converted here), so the tool needs no YAML library.

use std::process::Command;

#[test]
fn spec_matches_the_official_document() {
    let spec = std::fs::read_to_string(tests::spec_path()).expect("spec/deployments.yaml is readable");
    let value: serde_json::Value = serde_saphyr::from_str(&spec).expect("spec/deployments.yaml is valid YAML");
    let json_path = std::env::temp_dir().join(format!("deployments-spec-{}.json", std::process::id()));
    std::fs::write(&json_path, serde_json::to_string(&value).expect("a JSON value serialises"))
        .expect("the temporary directory is writable");
    let shared = tests::shared_dir();
    let output = Command::new("python3")
        .arg(shared.join("tools").join("spec-fidelity.py"))
        .arg(shared.join("reference").join("official").join("openapi-deployments-subset.json"))
        .arg(&json_path)
        .output();
    let _ = std::fs::remove_file(&json_path);
    let output = output.expect("python3 runs (it is part of every machine image this project uses)");
    let report = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "spec-fidelity.py found differences (fix the spec, or explain each one in it):\n{report}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(report.contains(" 0 differences"), "unexpected report:\n{report}");
}
