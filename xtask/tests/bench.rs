//! `cargo xtask bench` cannot rot: its smoke mode (one sample of everything) runs in the test
//! command, and the page it times is checked against the spec's unions.

use std::process::Command;

use serde_json::Value;
use xtask::bench::page;

#[test]
fn the_smoke_run_measures_every_figure_and_writes_the_report() {
    let out = std::env::temp_dir().join(format!("benchmarks-smoke-{}.md", std::process::id()));
    let output = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(["bench", "--smoke", "--out"])
        .arg(&out)
        .output()
        .expect("the xtask binary runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "`cargo xtask bench --smoke` failed:\n{stderr}");
    let report = std::fs::read_to_string(&out).expect("the smoke run writes its report");
    let _ = std::fs::remove_file(&out);
    for expected in [
        "- **Command:** `cargo xtask bench --smoke --out",
        "- **Machine:** ",
        "## Generation",
        "`spec/deployments.yaml`: load",
        "`spec/deployments.yaml`: lower",
        "`spec/deployments.yaml`: emit",
        "`spec/deployments.yaml`: format",
        "`spec/deployments.yaml`: **total**",
        "parse into `openapiv3::OpenAPI`",
        "`spec/deployments.yaml`: peak memory",
        "`--against`: generate `tests/semver/deployments/next.json`",
        "## Run time of the generated types",
        "list page: deserialise",
        "list page: serialise",
        "create request: deserialise",
        "create request: serialise",
        "create request: `validate()`",
        "client: one request (`deployments().retrieve`), local server",
        "## Compiling the generated crate",
        "cold `cargo check`",
        "cold `cargo build`",
        "`cargo check` of the crate alone",
        "lines of code",
    ] {
        assert!(report.contains(expected), "the report lacks `{expected}`:\n{report}");
    }
    // Every row with a target says whether it was met.
    for line in report.lines().filter(|line| line.starts_with('|') && line.contains("≤ ")) {
        assert!(line.contains(": met |") || line.contains(": **missed** |"), "no verdict in `{line}`");
    }
}

#[test]
fn only_one_section_runs_with_only_and_an_unknown_section_is_refused() {
    let out = std::env::temp_dir().join(format!("benchmarks-only-{}.md", std::process::id()));
    let output = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(["bench", "--smoke", "--only", "generation", "--out"])
        .arg(&out)
        .output()
        .expect("the xtask binary runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let report = std::fs::read_to_string(&out).expect("the run writes its report where --out says");
    let _ = std::fs::remove_file(&out);
    assert!(report.contains("## Generation"), "{report}");
    assert!(!report.contains("## Run time") && !report.contains("## Compiling"), "{report}");

    let output =
        Command::new(env!("CARGO_BIN_EXE_xtask")).args(["bench", "--only", "everything"]).output().expect("runs");
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("`--only` takes one of generation, runtime, compile, large-crates"), "{stderr}");
}

fn spec() -> Value {
    let path = xtask::workspace_root().join("spec/deployments.yaml");
    codegen::load::parse_yaml(&std::fs::read_to_string(path).expect("the spec")).expect("YAML")
}

#[test]
fn the_page_holds_every_union_member_of_the_spec_and_an_unknown_one_of_each_union() {
    let page = page::deployments_page(xtask::bench::runtime::PAGE_SIZE);
    assert_eq!(page::missing_union_members(&spec(), "ListDeploymentsData", &page), Vec::<String>::new());
    assert_eq!(page["data"].as_array().map(Vec::len), Some(100));
}

/// Turns every redacted block into a text block and every unknown paused reason into a manual
/// pause, so the page lacks two members.
fn drop_two_members(value: &mut Value) {
    match value {
        Value::Object(object) => {
            match object.get("type").and_then(Value::as_str) {
                Some("redacted") => {
                    object.insert("type".to_owned(), "text".into());
                    object.insert("text".to_owned(), "hidden".into());
                }
                Some("maintenance_window") => {
                    object.clear();
                    object.insert("type".to_owned(), "manual".into());
                }
                _ => {}
            }
            object.values_mut().for_each(drop_two_members);
        }
        Value::Array(items) => items.iter_mut().for_each(drop_two_members),
        _ => {}
    }
}

#[test]
fn a_page_without_a_member_is_caught() {
    let mut page = page::deployments_page(xtask::bench::runtime::PAGE_SIZE);
    drop_two_members(&mut page);
    assert_eq!(
        page::missing_union_members(&spec(), "ListDeploymentsData", &page),
        ["DeploymentPausedReason: (unknown)", "UserContentBlock: redacted"]
    );
}
