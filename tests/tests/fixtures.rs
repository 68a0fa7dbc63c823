//! Fixture snapshots: each small spec under `tests/fixtures/<case>/` generates exactly its
//! committed snapshot, and every snapshot compiles with warnings denied.
//!
//! "Did not drift" and "still compiles" are one test, so a snapshot can never be blessed without
//! being compiled. `UPDATE_EXPECT=1 cargo test -p tests --test fixtures` re-blesses: it rewrites
//! the snapshots and their wrappers (`tests/compile/tests/<case>.rs`, deleting wrappers of removed
//! cases) through the same write path as `cargo xtask codegen`, then compiles them.
//!
//! A single-file snapshot (`expected.rs`) holds the case's own modules; the runtime files they
//! declare are read from `codegen/runtime/src/`, the very files the generator copies into a
//! crate, so the runtime is not pinned 29 times over. All of them compile in one `cargo test` of
//! the project in `tests/compile/`, each as a test crate of its own (the generated code names
//! its items by `crate::` paths), which also runs each case's `check.rs`. A crate snapshot
//! (`crate/`) is built as the crate it is, with its default features (the client among them)
//! and with one resource's feature alone. Every build shares the workspace's target directory
//! and lock file, so the dependencies are compiled once for all of them.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use tests::{Fixture, Snapshot};
use xtask::codegen::{Drift, Mode, ensure_file_contents, sync_files};

/// The fixtures must keep covering the generator's features; fewer cases than this means some
/// were lost, not that the generator got simpler.
const MIN_CASES: usize = 8;

/// The lints every snapshot compiles under: the workspace's rustc lints, with warnings denied
/// (the wrappers of single files say the same as crate attributes).
const DENIED: &[&str] =
    &["-D", "warnings", "-D", "missing_debug_implementations", "-D", "unreachable_pub", "-D", "rust_2018_idioms"];

#[test]
fn fixtures_match_their_snapshots_and_compile() {
    let mode = if tests::updating_snapshots() { Mode::Write } else { Mode::Check };
    let fixtures = tests::fixtures().unwrap_or_else(|problems| panic!("bad fixture layout:\n{problems}"));
    assert!(
        fixtures.len() >= MIN_CASES,
        "only {} fixture cases found under tests/fixtures/, expected at least {MIN_CASES}",
        fixtures.len()
    );
    assert!(
        fixtures.iter().any(|fixture| matches!(fixture.snapshot, Snapshot::Crate(_))),
        "no crate-shaped case under tests/fixtures/: the client and the cargo features go untested"
    );

    let mut failures = Vec::new();
    let mut changes = Vec::new();
    // Crate cases, with the resource feature built alone.
    let mut crates: Vec<(&str, Option<String>)> = Vec::new();
    for fixture in &fixtures {
        match bless_or_check(fixture, mode) {
            Ok((drifts, one_resource)) => {
                changes.extend(drifts);
                if let Snapshot::Crate(_) = &fixture.snapshot {
                    crates.push((&fixture.name, one_resource));
                }
            }
            Err(problem) => failures.push(problem),
        }
    }
    // The wrappers are derived from the case names alone; syncing the whole directory also
    // catches a wrapper left behind by a removed case.
    let wrappers: BTreeMap<String, String> = fixtures
        .iter()
        .filter(|fixture| matches!(fixture.snapshot, Snapshot::File(_)))
        .map(|fixture| (fixture.wrapper_file_name(), fixture.wrapper_contents()))
        .collect();
    match sync_files(&wrappers, &tests::wrappers_dir(), "tests/fixtures/", mode) {
        Ok(drifts) => changes.extend(drifts),
        Err(error) => failures.push(format!("{error:#}")),
    }

    match mode {
        Mode::Write => {
            for change in &changes {
                eprintln!("{}", change.summary(Mode::Write));
            }
        }
        Mode::Check => failures.extend(changes.iter().map(ToString::to_string)),
    }
    assert!(
        failures.is_empty(),
        "{} fixture problem(s):\n\n{}\nif the new output is right, run `{}` and review the diff",
        failures.len(),
        failures.join("\n"),
        tests::UPDATE_FIXTURES_COMMAND,
    );

    // Only snapshots known to be current get here, so a compile error is about the generator's
    // output, not about a stale snapshot.
    let mut builds = vec![compile_single_files()];
    for (package, one_resource) in &crates {
        builds.push(compile_crate(package, None));
        if let Some(feature) = one_resource {
            builds.push(compile_crate(package, Some(feature)));
        }
    }
    let failures: Vec<String> = builds.into_iter().filter_map(Result::err).collect();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// Generates `fixture`'s spec and compares it with (or writes it as) the snapshot. Returns the
/// drifts and, for a crate, the first resource feature, to be built alone.
fn bless_or_check(fixture: &Fixture, mode: Mode) -> Result<(Vec<Drift>, Option<String>), String> {
    let source = xtask::display_path(&fixture.spec);
    let generated = codegen::generate_from_path(&fixture.spec, &tests::fixture_config())
        .map_err(|diagnostics| format!("{source}: the generator rejected the spec:\n{diagnostics}"))?;
    match &fixture.snapshot {
        Snapshot::File(expected) => {
            let text =
                generated.snapshot_file(tests::RUNTIME_FROM_SNAPSHOT).map_err(|bug| format!("{source}: {bug}"))?;
            let drift = ensure_file_contents(expected, &text, &source, mode).map_err(|error| format!("{error:#}"))?;
            Ok((drift.into_iter().collect(), None))
        }
        Snapshot::Crate(dir) => {
            let files = generated.standalone_crate(&fixture.name).map_err(|bug| format!("{source}: {bug}"))?;
            let drifts = sync_files(&files, dir, &source, mode).map_err(|error| format!("{error:#}"))?;
            let resource = generated.features().keys().find(|feature| feature.as_str() != "unreferenced_schemas");
            Ok((drifts, resource.cloned()))
        }
    }
}

/// One `cargo test` of `tests/compile/`: builds every single-file case as its own test crate
/// and runs each one's `check.rs`, reporting every case that fails, not only the first.
fn compile_single_files() -> Result<(), String> {
    let dir = tests::compile_dir();
    cargo_in(&dir, &["test", "--quiet", "--no-fail-fast"])
}

/// Builds the crate snapshot `package` (a case's name) in the crate snapshots' workspace, with
/// its default features, or with `--no-default-features --features <feature>`. `cargo rustc`
/// hands the denied lints to this crate alone: flags for every crate (`RUSTFLAGS`) would build
/// the dependencies apart from the workspace's.
fn compile_crate(package: &str, feature: Option<&str>) -> Result<(), String> {
    let mut arguments = vec!["rustc", "--quiet", "--lib", "--package", package];
    if let Some(feature) = feature {
        arguments.extend(["--no-default-features", "--features", feature]);
    }
    arguments.push("--");
    arguments.extend(DENIED);
    cargo_in(&tests::crate_fixtures_workspace(), &arguments)
}

/// Runs cargo in the project `dir` with the workspace's lock file (copied in, so the same
/// dependency versions resolve) and target directory (so the dependencies built for the
/// workspace are reused). The outer `cargo test` holds no lock on that directory while its
/// tests run.
fn cargo_in(dir: &Path, arguments: &[&str]) -> Result<(), String> {
    let root = tests::workspace_root();
    let lock = dir.join("Cargo.lock");
    std::fs::copy(root.join("Cargo.lock"), &lock)
        .map_err(|error| format!("cannot copy the workspace's lock file to `{}`: {error}", lock.display()))?;
    let mut command = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    command.current_dir(dir).args(arguments).env("CARGO_TARGET_DIR", target_dir(&root));
    // Flags of the outer build (coverage, say) must not leak into this one.
    command.env_remove("RUSTFLAGS").env_remove("CARGO_ENCODED_RUSTFLAGS");
    let output = command.output().map_err(|error| format!("cannot run cargo: {error}"))?;
    if output.status.success() {
        Ok(())
    } else {
        Err(format!(
            "`cargo {}` in `{}` failed:\n{}{}",
            arguments.join(" "),
            xtask::display_path(dir),
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        ))
    }
}

/// The workspace's target directory: `CARGO_TARGET_DIR` if set (relative to the workspace root,
/// where cargo is run from, not to this test's directory), else `target/`.
fn target_dir(root: &Path) -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), |dir| root.join(dir))
}

/// `tests/compile/Cargo.toml` names by hand what a generated crate without a client depends on;
/// a generator that came to need more would fail every fixture build with an unresolved import,
/// so the list is held to the generator's own manifest here instead.
#[test]
fn the_compile_project_depends_on_what_a_crate_without_client_does() {
    // Every dependency a crate without operations may need: timestamps and time zone names
    // (`jiff` with its database), and a pattern (`regex`).
    let spec = "openapi: 3.0.3\ninfo: {title: Everything, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    \
                Event:\n      type: object\n      properties:\n        at: {type: string, format: date-time}\n        \
                zone: {type: string, format: iana-timezone}\n        code: {type: string, pattern: '^[A-Z]{3}$'}\n";
    let generated = codegen::generate_from_str(spec, "everything.yaml", &tests::fixture_config()).expect("generates");
    let manifest: toml::Table =
        generated.standalone_crate("everything").expect("formats")["Cargo.toml"].parse().expect("TOML");
    let project: toml::Table = std::fs::read_to_string(tests::compile_dir().join("Cargo.toml"))
        .expect("tests/compile/Cargo.toml")
        .parse()
        .expect("TOML");
    assert_eq!(
        project["dependencies"], manifest["dependencies"],
        "tests/compile/Cargo.toml's [dependencies] must be a generated crate's (codegen/src/manifest.rs)"
    );
}
