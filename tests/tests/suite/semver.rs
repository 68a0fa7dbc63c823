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
//! The GitHub pair is proven function by function: `tests/semver/github/downstream/lib.rs` holds
//! a function per change of its report (breaking ones and others, in a few small resources),
//! each marked with the change's line, and against the new crate exactly the functions whose
//! change is breaking must fail. Only the resources it names are checked, so the two
//! 500,000-line crates cost seconds.
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

/// Writes a file of a scratch workspace unless it already holds `contents`: a crate the last run
/// left as it is now keeps its modification times, so cargo finds it fresh and does not check
/// it again (a generated crate of GitHub's description takes seconds to check).
fn write_if_changed(path: &Path, contents: &str) {
    if fs::read_to_string(path).is_ok_and(|old| old == contents) {
        return;
    }
    fs::create_dir_all(path.parent().expect("a parent")).expect("a scratch directory");
    fs::write(path, contents).expect("a scratch directory");
}

/// A generated crate as a member of the scratch workspace: its files, and the features that turn
/// on everything in it but the client (whose dependencies the check does not need).
fn write_generated(workspace: &Path, name: &str, generated: &Generated) -> Vec<String> {
    for (path, contents) in generated.standalone_crate(name).expect("formats") {
        write_if_changed(&workspace.join(name).join(path), &contents);
    }
    generated.features().keys().cloned().collect()
}

/// The features downstream code names on its first line (`// features: pets, stores`), if it
/// names any.
fn named_features(code: &str) -> Option<Vec<String>> {
    let list = code.lines().next()?.strip_prefix("// features:")?;
    Some(list.split(',').map(str::trim).filter(|feature| !feature.is_empty()).map(str::to_owned).collect())
}

/// A downstream crate `name` in the scratch workspace: `code` as its `src/lib.rs`, depending on
/// the generated crate `api` under that name, with only `features` on.
fn write_downstream(workspace: &Path, name: &str, api: &str, features: &[String], code: &str) {
    let features: Vec<String> = features.iter().map(|feature| format!("\"{feature}\"")).collect();
    let manifest = format!(
        "[package]\nname = \"{name}\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
         [dependencies]\napi = {{ package = \"{api}\", path = \"../{api}\", default-features = false, features = [{}] }}\n",
        features.join(", ")
    );
    write_if_changed(&workspace.join(name).join("Cargo.toml"), &manifest);
    write_if_changed(&workspace.join(name).join("src/lib.rs"), code);
}

/// The scratch workspace's manifest, listing `members`, and the repository's lock file: the
/// check runs offline, on the dependencies the test command has already fetched. A member
/// directory of an earlier run that is no longer listed is left alone: cargo does not read it.
fn write_workspace(workspace: &Path, members: &[String]) {
    let quoted: Vec<String> = members.iter().map(|member| format!("\"{member}\"")).collect();
    let manifest = format!("[workspace]\nresolver = \"3\"\nmembers = [{}]\n", quoted.join(", "));
    write_if_changed(&workspace.join("Cargo.toml"), &manifest);
    let lock = fs::read_to_string(tests::workspace_root().join("Cargo.lock")).expect("the lock file");
    write_if_changed(&workspace.join("Cargo.lock"), &lock);
}

/// An error rustc reported: its text, and the line its primary span starts on when that is in
/// the crate's `src/lib.rs` (downstream code is that one file).
struct CompileError {
    rendered: String,
    lib_line: Option<u64>,
}

/// `cargo check` of the `packages` of the scratch workspace, and the errors of each crate, by
/// name. (Only those packages, not `--workspace`: cargo unifies the features of a package across
/// what one run builds, so building a generated crate as a member would turn on its default
/// features for the downstream crate that chose fewer.) Problems are pushed to `problems` when
/// cargo fails without a compiler error to show for it.
fn check_downstream(
    workspace: &Path,
    packages: &[&str],
    problems: &mut Vec<String>,
) -> BTreeMap<String, Vec<CompileError>> {
    let mut command = xtask::cargo::in_dir(workspace, &xtask::cargo::nested_target_dir());
    command.args(["check", "--keep-going", "--offline", "--quiet", "--message-format", "json"]);
    for package in packages {
        command.args(["--package", package]);
    }
    let output = command.output().expect("cargo runs");
    let mut failed: BTreeMap<String, Vec<CompileError>> = BTreeMap::new();
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        let Ok(message) = serde_json::from_str::<serde_json::Value>(line) else { continue };
        if message["reason"] != "compiler-message" || message["message"]["level"] != "error" {
            continue;
        }
        let target = message["target"]["name"].as_str().unwrap_or_default().to_owned();
        let rendered = message["message"]["rendered"].as_str().unwrap_or_default().to_owned();
        let lib_line = message["message"]["spans"].as_array().and_then(|spans| {
            let primary = spans.iter().find(|span| span["is_primary"] == true)?;
            let in_lib = primary["file_name"].as_str()?.ends_with("src/lib.rs");
            if in_lib { primary["line_start"].as_u64() } else { None }
        });
        failed.entry(target).or_default().push(CompileError { rendered, lib_line });
    }
    if !output.status.success() && failed.is_empty() {
        problems.push(format!("cargo check failed:\n{}", String::from_utf8_lossy(&output.stderr)));
    }
    failed
}

/// The texts of `errors`, one after another.
fn rendered_errors<'a>(errors: impl IntoIterator<Item = &'a CompileError>) -> String {
    errors.into_iter().map(|error| error.rendered.as_str()).collect::<Vec<_>>().join("\n")
}

#[test]
fn downstream_code_breaks_exactly_where_the_report_says_breaking() {
    let cases = downstream_cases();
    assert!(cases.len() >= 8, "only {} cases with a downstream.rs", cases.len());
    let workspace = Path::new(env!("CARGO_TARGET_TMPDIR")).join("semver-downstream");

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
        // The features the downstream crate turns on: those its first line names, or every
        // feature of the crate it was written against.
        let chosen = named_features(code);
        for (side, api, features, compiles) in
            [("old", &old_crate, &old_features, true), ("new", &new_crate, &new_features, !breaking)]
        {
            let name = format!("down_{}_{side}", pair.name.replace('-', "_"));
            write_downstream(&workspace, &name, api, chosen.as_ref().unwrap_or(features), code);
            members.push(name.clone());
            expectations.push((name, pair.name.clone(), side, compiles));
        }
    }
    write_workspace(&workspace, &members);

    let mut problems = Vec::new();
    let packages: Vec<&str> = expectations.iter().map(|(name, ..)| name.as_str()).collect();
    let failed = check_downstream(&workspace, &packages, &mut problems);
    for member in members.iter().filter(|member| !member.starts_with("down_")) {
        if let Some(errors) = failed.get(member) {
            problems.push(format!("the generated crate `{member}` does not compile:\n{}", rendered_errors(errors)));
        }
    }
    for (name, case, side, compiles) in &expectations {
        match (failed.get(name), compiles) {
            (Some(errors), true) => problems.push(format!(
                "{case}: downstream.rs does not compile against the {side} crate, though the report finds nothing breaking:\n{}",
                rendered_errors(errors)
            )),
            (None, false) => problems.push(format!(
                "{case}: downstream.rs still compiles against the {side} crate, though the report says breaking"
            )),
            _ => {}
        }
    }
    assert!(problems.is_empty(), "{} (scratch workspace: {})", problems.join("\n\n"), workspace.display());
}

/// What marks a function of the real pair's downstream code with the change it exercises.
const REPORT_MARK: &str = "// report: ";

/// A function of `tests/semver/github/downstream/lib.rs` and the change of the report it
/// exercises: the report's line for it up to its ` — ` (class, Rust item, what happened).
struct Exercise {
    function: String,
    change: String,
    /// The lines of `lib.rs` it spans, from its mark to the line before the next one.
    lines: std::ops::RangeInclusive<u64>,
}

/// The marked functions of downstream code, in order; an error names a mark without a function.
fn exercises(code: &str) -> Result<Vec<Exercise>, String> {
    let lines: Vec<&str> = code.lines().collect();
    let marks: Vec<(usize, &str)> = lines
        .iter()
        .enumerate()
        .filter_map(|(index, line)| Some((index, line.trim_start().strip_prefix(REPORT_MARK)?)))
        .collect();
    let mut found = Vec::new();
    for (position, &(index, change)) in marks.iter().enumerate() {
        let end = marks.get(position + 1).map_or(lines.len(), |&(next, _)| next);
        let function = lines[index + 1..end]
            .iter()
            .find_map(|line| {
                let line = line.trim_start();
                let after = line.strip_prefix("pub fn ").or_else(|| line.strip_prefix("fn "))?;
                Some(after.split(|c: char| !c.is_alphanumeric() && c != '_').next()?.to_owned())
            })
            .ok_or_else(|| format!("line {}: `{REPORT_MARK}{change}` marks no function", index + 1))?;
        let first = u64::try_from(index + 1).unwrap_or(u64::MAX);
        let last = u64::try_from(end).unwrap_or(u64::MAX);
        found.push(Exercise { function, change: change.trim().to_owned(), lines: first..=last });
    }
    Ok(found)
}

/// The line of the text report a change begins with, up to its ` — `.
fn headline(change: &codegen::semver::Change) -> String {
    format!("{}: {} {}", change.class.as_str(), change.item, change.change)
}

/// Real history proven on a compiler: `tests/semver/github/downstream/lib.rs` was written against
/// the crate of GitHub's description 22.0.0, a function per change of the report, marked with
/// that change's line. Against the crate of 23.0.2, the functions that fail to compile must be
/// exactly those whose change is breaking; against 22.0.0, none may fail. A mark that no line of
/// the report reads (the report changed the class, or the change is gone) fails the test too.
/// Only the resource features the code names are checked, which keeps the two 500,000-line
/// crates to seconds.
#[test]
fn github_downstream_code_fails_in_exactly_the_functions_whose_change_is_breaking() {
    let pair = pairs().into_iter().find(|pair| pair.name == "github").expect("tests/semver/github/");
    let code_path = pair.dir.join("downstream").join("lib.rs");
    let code = fs::read_to_string(&code_path).expect("tests/semver/github/downstream/lib.rs");
    let exercises = exercises(&code).unwrap_or_else(|error| panic!("{}: {error}", code_path.display()));
    let features = named_features(&code).expect("downstream/lib.rs names its features on its first line");

    let old = generate(&pair.old);
    let new = generate(&pair.new);
    let report = new.api_changes_since(&old);
    let mut problems = Vec::new();
    // Each function's change as the report classes it: whether it must break.
    let mut breaks: BTreeMap<&str, bool> = BTreeMap::new();
    for exercise in &exercises {
        if let Some(change) = report.changes().iter().find(|change| headline(change) == exercise.change) {
            breaks.insert(&exercise.function, change.class == Class::Breaking);
            continue;
        }
        let what = exercise.change.split_once(": ").map_or("", |(_, what)| what);
        let now: Vec<String> = report
            .changes()
            .iter()
            .filter(|change| format!("{} {}", change.item, change.change) == what)
            .map(headline)
            .collect();
        problems.push(if now.is_empty() {
            format!("`{}` exercises `{}`, which is no longer in the report", exercise.function, exercise.change)
        } else {
            format!(
                "`{}` exercises `{}`, but the report now reads `{}`: if that is right, check that the function \
                 fails (or compiles) accordingly and update its mark",
                exercise.function,
                exercise.change,
                now.join("`, `")
            )
        });
    }
    let breaking = breaks.values().filter(|&&breaking| breaking).count();
    assert!(
        !problems.is_empty() || (breaking >= 5 && breaks.len() - breaking >= 3),
        "downstream/lib.rs must exercise at least 5 breaking changes and 3 that are not, found {breaking} and {}",
        breaks.len() - breaking
    );

    let workspace = Path::new(env!("CARGO_TARGET_TMPDIR")).join("semver-github");
    let mut members = Vec::new();
    for (side, generated) in [("old", &old), ("new", &new)] {
        let (api, downstream) = (format!("github_{side}"), format!("down_github_{side}"));
        write_generated(&workspace, &api, generated);
        write_downstream(&workspace, &downstream, &api, &features, &code);
        members.extend([api, downstream]);
    }
    write_workspace(&workspace, &members);
    // The two checks of the crates need the memory more than anything still held here.
    drop((report, old, new));
    let failed = check_downstream(&workspace, &["down_github_old", "down_github_new"], &mut problems);
    for api in ["github_old", "github_new"] {
        if let Some(errors) = failed.get(api) {
            problems.push(format!("the generated crate `{api}` does not compile:\n{}", rendered_errors(errors)));
        }
    }

    // The errors of each side by the function they are in (`None`: outside every marked one).
    let by_function = |crate_name: &str| {
        let mut found: BTreeMap<Option<&str>, Vec<&CompileError>> = BTreeMap::new();
        for error in failed.get(crate_name).into_iter().flatten() {
            let within =
                error.lib_line.and_then(|line| exercises.iter().find(|exercise| exercise.lines.contains(&line)));
            found.entry(within.map(|exercise| exercise.function.as_str())).or_default().push(error);
        }
        found
    };
    for (function, errors) in by_function("down_github_old") {
        let code = function.map_or_else(|| "code outside the marked functions".to_owned(), |name| format!("`{name}`"));
        let errors = rendered_errors(errors);
        problems.push(format!("{code} does not compile against the old crate, which it was written for:\n{errors}"));
    }
    let new_errors = by_function("down_github_new");
    if let Some(errors) = new_errors.get(&None) {
        let errors = rendered_errors(errors.iter().copied());
        problems.push(format!("code outside the marked functions does not compile against the new crate:\n{errors}"));
    }
    for exercise in &exercises {
        let Some(&breaking) = breaks.get(exercise.function.as_str()) else { continue };
        match (new_errors.get(&Some(exercise.function.as_str())), breaking) {
            (None, true) => problems.push(format!(
                "`{}` still compiles against the new crate, though the report says `{}`",
                exercise.function, exercise.change
            )),
            (Some(errors), false) => problems.push(format!(
                "`{}` no longer compiles against the new crate, though the report says `{}`:\n{}",
                exercise.function,
                exercise.change,
                rendered_errors(errors.iter().copied())
            )),
            _ => {}
        }
    }
    assert!(
        problems.is_empty(),
        "{}\n\n(downstream code: {}; scratch workspace: {})",
        problems.join("\n\n"),
        code_path.display(),
        workspace.display()
    );
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
