//! The semver report (`codegen::semver`), pinned: one spec pair per rule under
//! `tests/semver/<case>/` (`old.yaml`, `new.yaml`, and the report the command line prints for
//! them, `expected.txt`), and a real pair, `tests/semver/deployments/`: the vendored official
//! Deployments subset against `next.json`, a copy of it with the edits [`DEPLOYMENTS_EDITS`]
//! lists; and real history, `tests/semver/github/`: GitHub's REST description as
//! `@octokit/openapi` 22.0.0 and 23.0.2 published it (both under `tests/reference/public/`).
//!
//! A case may hold `downstream.rs`: code written against the crate of `old.yaml`, which must
//! compile against it, and must compile against the crate of `new.yaml` exactly when the report
//! finds nothing breaking. That proves the classification on real compilers rather than on
//! its own word. It depends on the crate with every resource feature on (the new crate's own
//! against the new crate), or with those its first line names (`// features: pets`).
//!
//! `UPDATE_EXPECT=1 cargo test -p tests --test suite semver::` rewrites the `expected.txt` files;
//! review the diff before committing it.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use codegen::semver::{Class, Report, Spec};
use codegen::{Config, Generated, Pointer};
use openapi_crategen::SourceIndex;

const BLESS_COMMAND: &str = "UPDATE_EXPECT=1 cargo test -p tests --test suite semver::";

/// Fewer cases than this means some rule lost its pair.
const MIN_CASES: usize = 25;

fn cases_dir() -> PathBuf {
    tests::workspace_root().join("tests").join("semver")
}

/// A spec pair: the old and the new document, and where its report is pinned.
struct Pair {
    name: String,
    old: PathBuf,
    new: PathBuf,
    dir: PathBuf,
}

fn pairs() -> Vec<Pair> {
    let mut pairs: Vec<Pair> = fs::read_dir(cases_dir())
        .expect("tests/semver/ lists")
        .flatten()
        .map(|entry| entry.path())
        .filter(|dir| dir.is_dir())
        .map(|dir| {
            let name = dir.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default();
            let reference = tests::reference_dir();
            let (old, new) = match name.as_str() {
                "deployments" => {
                    (reference.join("official").join("openapi-deployments-subset.json"), dir.join("next.json"))
                }
                // Real history: two published releases of GitHub's description, vendored.
                "github" => (
                    reference.join("public").join("api.github.com-22.0.0.json"),
                    reference.join("public").join("api.github.com.json"),
                ),
                _ => (dir.join("old.yaml"), dir.join("new.yaml")),
            };
            Pair { name, old, new, dir }
        })
        .collect();
    pairs.sort_by(|a, b| a.name.cmp(&b.name));
    pairs
}

fn generate(path: &Path) -> Generated {
    codegen::generate_from_path(path, &Config::default())
        .unwrap_or_else(|diagnostics| panic!("`{}` generates:\n{diagnostics}", path.display()))
}

/// The report as the command line prints it, lines found in each document's text.
fn rendered(report: &Report, old: &Path, new: &Path) -> String {
    let index = |path: &Path| SourceIndex::new(&fs::read_to_string(path).expect("readable"));
    let (old_index, new_index) = (index(old), index(new));
    let line = |spec: Spec, pointer: &Pointer| {
        let index = if spec == Spec::Old { &old_index } else { &new_index };
        index.locate(pointer).map(|position| position.line)
    };
    report.render_text(&line, None)
}

#[test]
fn every_spec_pair_gets_exactly_its_pinned_report() {
    let updating = tests::updating_snapshots();
    let pairs = pairs();
    assert!(pairs.len() >= MIN_CASES, "only {} pairs under tests/semver/, expected {MIN_CASES}", pairs.len());
    let mut failures = Vec::new();
    for pair in &pairs {
        let report = generate(&pair.new).api_changes_since(&generate(&pair.old));
        if report.changes().is_empty() {
            failures.push(format!("{}: the pair changes nothing; every case must report something", pair.name));
        }
        let actual = rendered(&report, &pair.old, &pair.new);
        let expected_path = pair.dir.join("expected.txt");
        let expected = fs::read_to_string(&expected_path).ok();
        if expected.as_deref() == Some(actual.as_str()) {
            continue;
        }
        if updating {
            fs::write(&expected_path, &actual).expect("writable");
            eprintln!("updated tests/semver/{}/expected.txt", pair.name);
            continue;
        }
        failures.push(format!(
            "{}: the report differs from its expected.txt:\n{}",
            pair.name,
            tests::unified_diff(expected.as_deref().unwrap_or(""), &actual, "expected.txt", "actual report")
        ));
    }
    assert!(
        failures.is_empty(),
        "{}\n\nif the new reports are right, run `{BLESS_COMMAND}` and review the diff",
        failures.join("\n\n")
    );
}

/// Where `tests/semver/deployments/next.json` differs from the vendored subset, node by node: a
/// status enum gains `failed`, the create request's `name` is limited to 128 characters instead
/// of 256 and gains an optional `labels`, the update request's `name` becomes required, the runs
/// listing loses its `has_error` parameter, and a `resume` operation is added, shaped like
/// `unpause`.
const DEPLOYMENTS_EDITS: &[&str] = &[
    "/components/schemas/BetaManagedAgentsCreateDeploymentParams/properties/labels",
    "/components/schemas/BetaManagedAgentsCreateDeploymentParams/properties/name/maxLength",
    "/components/schemas/BetaManagedAgentsDeploymentStatus/enum/2",
    "/components/schemas/BetaManagedAgentsUpdateDeploymentParams/required",
    "/paths/~1v1~1deployment_runs?beta=true/get/parameters/7",
    "/paths/~1v1~1deployments~1{deployment_id}~1resume?beta=true",
];

/// The pointers of the smallest nodes where two documents differ (a node on one side only is one
/// difference, however large).
fn differences(old: &serde_json::Value, new: &serde_json::Value, at: &Pointer, found: &mut Vec<String>) {
    use serde_json::Value;
    match (old, new) {
        (Value::Object(old_map), Value::Object(new_map)) => {
            let keys: std::collections::BTreeSet<&String> = old_map.keys().chain(new_map.keys()).collect();
            for key in keys {
                match (old_map.get(key), new_map.get(key)) {
                    (Some(a), Some(b)) => differences(a, b, &at.join(key), found),
                    _ => found.push(at.join(key).as_str().to_owned()),
                }
            }
        }
        (Value::Array(old_items), Value::Array(new_items)) if old_items.len() != new_items.len() => {
            // One item inserted or removed is that item, not every item after it.
            let (longer, shorter) =
                if old_items.len() > new_items.len() { (old_items, new_items) } else { (new_items, old_items) };
            let common = longer.iter().zip(shorter).take_while(|(a, b)| a == b).count();
            if longer.len() == shorter.len() + 1 && longer[common + 1..] == shorter[common..] {
                found.push(at.join(common).as_str().to_owned());
            } else {
                found.push(at.as_str().to_owned());
            }
        }
        (Value::Array(old_items), Value::Array(new_items)) => {
            for index in 0..old_items.len() {
                match (old_items.get(index), new_items.get(index)) {
                    (Some(a), Some(b)) => differences(a, b, &at.join(index), found),
                    _ => found.push(at.join(index).as_str().to_owned()),
                }
            }
        }
        _ if old != new => found.push(at.as_str().to_owned()),
        _ => {}
    }
}

#[test]
fn the_real_pair_differs_from_the_vendored_subset_by_the_listed_edits_only() {
    let pair = pairs().into_iter().find(|pair| pair.name == "deployments").expect("tests/semver/deployments/");
    let read = |path: &Path| tests::read_document(path).unwrap_or_else(|error| panic!("{error}"));
    let mut found = Vec::new();
    differences(&read(&pair.old), &read(&pair.new), &Pointer::root(), &mut found);
    found.sort();
    let mut expected: Vec<String> = DEPLOYMENTS_EDITS.iter().map(|edit| (*edit).to_owned()).collect();
    expected.sort();
    assert_eq!(found, expected);
}

/// The cases with code written against their old crate.
fn downstream_cases() -> Vec<(Pair, String)> {
    pairs()
        .into_iter()
        .filter_map(|pair| {
            let code = fs::read_to_string(pair.dir.join("downstream.rs")).ok()?;
            Some((pair, code))
        })
        .collect()
}

/// A generated crate as a member of the scratch workspace: its files, and the features that turn
/// on everything in it but the client (whose dependencies the check does not need).
fn write_generated(workspace: &Path, name: &str, generated: &Generated) -> Vec<String> {
    let files = generated.standalone_crate(name).expect("formats");
    for (path, contents) in files {
        let path = workspace.join(name).join(path);
        fs::create_dir_all(path.parent().expect("a parent")).expect("a scratch directory");
        fs::write(path, contents).expect("a scratch directory");
    }
    generated.features().keys().cloned().collect()
}

#[test]
fn downstream_code_breaks_exactly_where_the_report_says_breaking() {
    let cases = downstream_cases();
    assert!(cases.len() >= 8, "only {} cases with a downstream.rs", cases.len());
    let workspace = Path::new(env!("CARGO_TARGET_TMPDIR")).join("semver-downstream");
    let _ = fs::remove_dir_all(&workspace);
    fs::create_dir_all(&workspace).expect("a scratch directory");

    // Cases share their old document: its crate is written once.
    let mut crates: BTreeMap<String, (String, Vec<String>)> = BTreeMap::new();
    let mut members = Vec::new();
    let mut expectations = Vec::new();
    for (pair, code) in &cases {
        let old = generate(&pair.old);
        let new = generate(&pair.new);
        let breaking = new.api_changes_since(&old).changes().iter().any(|change| change.class == Class::Breaking);
        let old_text = fs::read_to_string(&pair.old).expect("readable");
        let next_old = format!("old_{}", crates.len());
        let (old_crate, old_features) = crates
            .entry(old_text)
            .or_insert_with(|| {
                members.push(next_old.clone());
                let features = write_generated(&workspace, &next_old, &old);
                (next_old, features)
            })
            .clone();
        let new_crate = format!("new_{}", pair.name.replace('-', "_"));
        let new_features = write_generated(&workspace, &new_crate, &new);
        members.push(new_crate.clone());
        // The features the downstream crate turns on: those its first line names
        // (`// features: pets`), or every feature of the crate it was written against.
        let chosen: Option<Vec<String>> = code
            .lines()
            .next()
            .and_then(|line| line.strip_prefix("// features:"))
            .map(|list| list.split(',').map(str::trim).filter(|f| !f.is_empty()).map(str::to_owned).collect());
        for (side, api, features, compiles) in
            [("old", &old_crate, &old_features, true), ("new", &new_crate, &new_features, !breaking)]
        {
            let name = format!("down_{}_{side}", pair.name.replace('-', "_"));
            let features = chosen.as_ref().unwrap_or(features);
            let features: Vec<String> = features.iter().map(|feature| format!("\"{feature}\"")).collect();
            let manifest = format!(
                "[package]\nname = \"{name}\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
                 [dependencies]\napi = {{ package = \"{api}\", path = \"../{api}\", default-features = false, features = [{}] }}\n",
                features.join(", ")
            );
            fs::create_dir_all(workspace.join(&name).join("src")).expect("a scratch directory");
            fs::write(workspace.join(&name).join("Cargo.toml"), manifest).expect("a scratch directory");
            fs::write(workspace.join(&name).join("src/lib.rs"), code).expect("a scratch directory");
            members.push(name.clone());
            expectations.push((name, pair.name.clone(), side, compiles));
        }
    }
    let quoted: Vec<String> = members.iter().map(|member| format!("\"{member}\"")).collect();
    fs::write(
        workspace.join("Cargo.toml"),
        format!("[workspace]\nresolver = \"3\"\nmembers = [{}]\n", quoted.join(", ")),
    )
    .expect("a scratch directory");
    fs::copy(tests::workspace_root().join("Cargo.lock"), workspace.join("Cargo.lock")).expect("the lock file");

    // The downstream crates only, not `--workspace`: cargo unifies the features of a package
    // across what one run builds, so building a generated crate as a member would turn on its
    // default features for the downstream crate that chose fewer.
    let mut command = xtask::cargo::in_dir(&workspace, &xtask::cargo::nested_target_dir());
    command.args(["check", "--keep-going", "--offline", "--quiet", "--message-format", "json"]);
    for (name, ..) in &expectations {
        command.args(["--package", name]);
    }
    let output = command.output().expect("cargo runs");
    // The crates whose own code has an error, by package name.
    let mut failed: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        let Ok(message) = serde_json::from_str::<serde_json::Value>(line) else { continue };
        if message["reason"] != "compiler-message" || message["message"]["level"] != "error" {
            continue;
        }
        let target = message["target"]["name"].as_str().unwrap_or_default().to_owned();
        let rendered = message["message"]["rendered"].as_str().unwrap_or_default().to_owned();
        failed.entry(target).or_default().push(rendered);
    }
    let mut problems = Vec::new();
    for member in members.iter().filter(|member| !member.starts_with("down_")) {
        if let Some(errors) = failed.get(member) {
            problems.push(format!("the generated crate `{member}` does not compile:\n{}", errors.join("\n")));
        }
    }
    for (name, case, side, compiles) in &expectations {
        match (failed.get(name), compiles) {
            (Some(errors), true) => problems.push(format!(
                "{case}: downstream.rs does not compile against the {side} crate, though the report finds nothing breaking:\n{}",
                errors.join("\n")
            )),
            (None, false) => problems.push(format!(
                "{case}: downstream.rs still compiles against the {side} crate, though the report says breaking"
            )),
            _ => {}
        }
    }
    if problems.is_empty() && !output.status.success() && failed.is_empty() {
        problems.push(format!("cargo check failed:\n{}", String::from_utf8_lossy(&output.stderr)));
    }
    assert!(problems.is_empty(), "{} (scratch workspace: {})", problems.join("\n\n"), workspace.display());
}

/// The README's CI section shows the real pair's report as the command line prints it.
#[test]
fn the_readme_shows_the_real_pairs_report() {
    let readme = fs::read_to_string(tests::workspace_root().join("README.md")).expect("README.md");
    let expected = fs::read_to_string(cases_dir().join("deployments").join("expected.txt")).expect("expected.txt");
    assert!(
        readme.contains(&expected),
        "README.md's CI section no longer shows tests/semver/deployments/expected.txt; copy it in"
    );
}
