//! What the generator says about bad input, pinned: one bad spec per file under
//! `tests/diagnostics/`, each with the exact report beside it (`<case>.stderr`), in the style of
//! the compiler's UI tests.
//!
//! The report is what a user would read: on failure, the `Diagnostics` as displayed; on success,
//! the warnings, one after the other, followed by the same count line (`0 error(s), N
//! warning(s)`). The count line therefore pins whether a case must fail or must generate with
//! warnings. Every case must produce at least one finding: a bad spec that is silently accepted
//! is a failure too.
//!
//! Specs are read with the file name as their origin (never the absolute path), so messages such
//! as ``malformed YAML in `bad.yaml` `` are the same on every machine.
//!
//! `UPDATE_EXPECT=1 cargo test -p tests --test suite diagnostics_ui::` rewrites the `.stderr`
//! files (and deletes those whose spec is gone); review the diff before committing it.

use std::{
    collections::BTreeMap,
    fs,
    panic::{self, AssertUnwindSafe},
    path::{Path, PathBuf},
};

use codegen::{Config, Diagnostics, Severity};

/// The suite must keep covering the generator's diagnostics; fewer cases than this means some
/// were lost.
const MIN_CASES: usize = 12;

const BLESS_COMMAND: &str = "UPDATE_EXPECT=1 cargo test -p tests --test suite diagnostics_ui::";

/// `tests/diagnostics/`.
fn cases_dir() -> PathBuf {
    tests::workspace_root().join("tests").join("diagnostics")
}

/// One case: a spec and the `.stderr` beside it.
struct Case {
    /// The spec's file name without its extension.
    name: String,
    spec: PathBuf,
    stderr: PathBuf,
}

impl Case {
    fn spec_file_name(&self) -> String {
        file_name(&self.spec)
    }
}

fn file_name(path: &Path) -> String {
    path.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default()
}

/// The cases, sorted by name, and the `.stderr` files without a spec. A stray file of another
/// kind, or two specs with one name, is a layout problem.
fn cases() -> Result<(Vec<Case>, Vec<PathBuf>), String> {
    let dir = cases_dir();
    let entries = fs::read_dir(&dir).map_err(|error| format!("cannot list `{}`: {error}", dir.display()))?;
    let mut specs: BTreeMap<String, Vec<PathBuf>> = BTreeMap::new();
    let mut stderrs: BTreeMap<String, PathBuf> = BTreeMap::new();
    let mut problems = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|error| format!("cannot list `{}`: {error}", dir.display()))?;
        let path = entry.path();
        let shown = format!("tests/diagnostics/{}", file_name(&path));
        let (Some(stem), Some(extension)) = (path.file_stem(), path.extension()) else {
            problems.push(format!("`{shown}` is neither a spec (`.yaml`, `.yml`, `.json`) nor a `.stderr`"));
            continue;
        };
        let stem = stem.to_string_lossy().into_owned();
        if !path.is_file() {
            problems.push(format!("`{shown}` is not a file"));
            continue;
        }
        match extension.to_string_lossy().as_ref() {
            "yaml" | "yml" | "json" => specs.entry(stem).or_default().push(path),
            "stderr" => {
                stderrs.insert(stem, path);
            }
            _ => problems.push(format!("`{shown}` is neither a spec (`.yaml`, `.yml`, `.json`) nor a `.stderr`")),
        }
    }
    let mut cases = Vec::new();
    for (name, mut paths) in specs {
        paths.sort();
        if paths.len() > 1 {
            let names: Vec<String> = paths.iter().map(|p| format!("`{}`", file_name(p))).collect();
            problems.push(format!("case `{name}` has several specs ({}); keep one", names.join(", ")));
            continue;
        }
        let stderr = stderrs.remove(&name).unwrap_or_else(|| dir.join(format!("{name}.stderr")));
        cases.push(Case { name, spec: paths.remove(0), stderr });
    }
    if !problems.is_empty() {
        return Err(problems.join("\n"));
    }
    Ok((cases, stderrs.into_values().collect()))
}

/// The report a user reads for `result`, ending with the count line.
fn report(result: &Result<codegen::Generated, Diagnostics>) -> String {
    match result {
        Err(diagnostics) => diagnostics.to_string(),
        Ok(generated) => {
            let mut lines: Vec<String> = generated.warnings().iter().map(ToString::to_string).collect();
            lines.push(format!("0 error(s), {} warning(s)", generated.warnings().len()));
            lines.join("\n")
        }
    }
}

/// Problems with the result itself, independent of the pinned text: a bad spec must produce a
/// finding, an `Err` must hold an error, and an `Ok` must hold only warnings.
fn result_problems(result: &Result<codegen::Generated, Diagnostics>) -> Option<String> {
    let problem = match result {
        Err(diagnostics) if !diagnostics.has_errors() => "generation failed without any error",
        Ok(generated) if generated.warnings().is_empty() => {
            "the spec was accepted without any finding; every case here must be reported"
        }
        Ok(generated) if generated.warnings().iter().any(|d| d.severity == Severity::Error) => {
            "generation succeeded, but its warnings include an error"
        }
        Err(_) | Ok(_) => return None,
    };
    Some(problem.to_owned())
}

/// Runs one entry point, turning a panic into a failure message.
fn run(
    generate: impl FnOnce() -> Result<codegen::Generated, Diagnostics>,
) -> Result<Result<codegen::Generated, Diagnostics>, String> {
    panic::catch_unwind(AssertUnwindSafe(generate)).map_err(|payload| {
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a non-string payload".to_owned());
        format!("the generator panicked: {message}")
    })
}

#[test]
fn every_bad_spec_gets_exactly_its_pinned_report() {
    let updating = tests::updating_snapshots();
    let (cases, orphans) = cases().unwrap_or_else(|problems| panic!("bad layout of tests/diagnostics/:\n{problems}"));
    assert!(
        cases.len() >= MIN_CASES,
        "only {} cases found under tests/diagnostics/, expected at least {MIN_CASES}",
        cases.len()
    );

    let mut failures = Vec::new();
    for orphan in &orphans {
        let shown = format!("tests/diagnostics/{}", file_name(orphan));
        if updating {
            fs::remove_file(orphan).unwrap_or_else(|error| panic!("cannot delete `{shown}`: {error}"));
            eprintln!("deleted `{shown}`: its spec is gone");
        } else {
            failures.push(format!("`{shown}` has no spec beside it; delete it, or restore the spec"));
        }
    }

    let config = Config::default();
    for case in &cases {
        let spec_name = case.spec_file_name();
        let shown = format!("tests/diagnostics/{spec_name}");
        let text = match fs::read_to_string(&case.spec) {
            Ok(text) => text,
            Err(error) => {
                failures.push(format!("{shown}: cannot read: {error}"));
                continue;
            }
        };
        let result = match run(|| codegen::generate_from_str(&text, &spec_name, &config)) {
            Ok(result) => result,
            Err(panicked) => {
                failures.push(format!("{shown}: {panicked}"));
                continue;
            }
        };
        if let Some(problem) = result_problems(&result) {
            failures.push(format!("{shown}: {problem}"));
        }
        let actual = format!("{}\n", report(&result));

        // The path entry point must say the same, except that it names the file by its path.
        match run(|| codegen::generate_from_path(&case.spec, &config)) {
            Err(panicked) => failures.push(format!("{shown}: `generate_from_path`: {panicked}")),
            Ok(from_path) => {
                let from_path =
                    format!("{}\n", report(&from_path)).replace(&case.spec.display().to_string(), &spec_name);
                if from_path != actual {
                    failures.push(format!(
                        "{shown}: `generate_from_path` and `generate_from_str` disagree:\n{}",
                        tests::unified_diff(&actual, &from_path, "generate_from_str", "generate_from_path"),
                    ));
                }
            }
        }

        let stderr_name = format!("tests/diagnostics/{}.stderr", case.name);
        let expected = fs::read_to_string(&case.stderr).ok().map(|text| text.replace("\r\n", "\n"));
        if expected.as_deref() == Some(actual.as_str()) {
            continue;
        }
        if updating {
            fs::write(&case.stderr, &actual).unwrap_or_else(|error| panic!("cannot write `{stderr_name}`: {error}"));
            let verb = if expected.is_some() { "updated" } else { "created" };
            eprintln!("{verb} `{stderr_name}`");
            continue;
        }
        match expected {
            None => failures.push(format!("{shown}: `{stderr_name}` is missing; the report is:\n{actual}")),
            Some(expected) => failures.push(format!(
                "{shown}: the report differs from `{stderr_name}`:\n{}",
                tests::unified_diff(&expected, &actual, &stderr_name, "actual report"),
            )),
        }
    }

    assert!(
        failures.is_empty(),
        "{} diagnostics case problem(s):\n\n{}\n\nif the new reports are right, run `{BLESS_COMMAND}` and review the diff",
        failures.len(),
        failures.join("\n\n"),
    );
}
