//! Helpers shared by the workspace tests in `tests/tests/`: where things are, how fixtures are
//! laid out, and how a spec is read as plain JSON.
//!
//! The helpers return `Result<_, String>` rather than panicking, so each test decides how to fail
//! and says so in its own words.

pub mod fidelity;

use std::{
    fs,
    path::{Path, PathBuf},
};

/// The command that re-blesses the fixture snapshots; it is also the `@generated` header of
/// every `expected.rs`, so a reader of a snapshot knows how it was made.
pub const UPDATE_FIXTURES_COMMAND: &str = "UPDATE_EXPECT=1 cargo test -p tests --test fixtures";

/// The environment variable that switches the snapshot tests from checking to re-blessing.
pub const UPDATE_ENV: &str = "UPDATE_EXPECT";

/// The workspace root: the parent of this crate's manifest directory.
#[must_use]
pub fn workspace_root() -> PathBuf {
    xtask::workspace_root()
}

/// `spec/deployments.yaml`.
#[must_use]
pub fn spec_path() -> PathBuf {
    workspace_root().join(xtask::codegen::DEFAULT_SPEC)
}

/// `generated/src/`.
#[must_use]
pub fn generated_src_dir() -> PathBuf {
    workspace_root().join(xtask::codegen::DEFAULT_OUT).join("src")
}

/// `tests/reference/`: the official documents and reference pages the tests read, vendored
/// (see its `PROVENANCE.md`), so the repository passes its tests wherever it is cloned.
#[must_use]
pub fn reference_dir() -> PathBuf {
    workspace_root().join("tests").join("reference")
}

/// `tests/fixtures/`: one directory per snapshot case.
#[must_use]
pub fn fixtures_dir() -> PathBuf {
    workspace_root().join("tests").join("fixtures")
}

/// `tests/compile/`: the cargo project that compiles every single-file snapshot, each as a test
/// crate of its own (`tests/compile/tests/<case>.rs`, kept in sync by the fixture test).
#[must_use]
pub fn compile_dir() -> PathBuf {
    workspace_root().join("tests").join("compile")
}

/// `tests/compile/tests/`: the wrappers, one per single-file case.
#[must_use]
pub fn wrappers_dir() -> PathBuf {
    compile_dir().join("tests")
}

/// The generator settings every fixture snapshot is made with.
#[must_use]
pub fn fixture_config() -> codegen::Config {
    codegen::Config::default().with_regenerate_command(UPDATE_FIXTURES_COMMAND)
}

/// Whether the snapshot tests should re-bless instead of compare (`UPDATE_EXPECT=1`).
#[must_use]
pub fn updating_snapshots() -> bool {
    std::env::var_os(UPDATE_ENV).is_some_and(|value| !value.is_empty() && value != "0")
}

/// The runtime's sources as a single-file snapshot reaches them: `expected.rs` sits in
/// `tests/fixtures/<case>/`, three levels below the workspace root.
pub const RUNTIME_FROM_SNAPSHOT: &str = "../../../codegen/runtime/src";

/// What a case pins: the generator's output for its spec, in one of two shapes.
#[derive(Debug, Clone)]
pub enum Snapshot {
    /// `expected.rs`: the modules as one file ([`codegen::Generated::snapshot_file`]), the
    /// runtime read from `codegen/runtime/src/`. Compiled as a test crate of the project in
    /// `tests/compile/`.
    File(PathBuf),
    /// `crate/`: the whole crate ([`codegen::Generated::standalone_crate`]), manifest, cargo
    /// features, client and runtime copies included, as a user gets it. Compiled as that crate,
    /// with its default features and with one resource's feature alone. A case is this shape
    /// when its directory holds `crate/` (create it empty to add one).
    Crate(PathBuf),
}

/// One snapshot case: `tests/fixtures/<name>/` with a spec and the committed expected output.
#[derive(Debug, Clone)]
pub struct Fixture {
    /// The directory name, kebab-case, saying what the case exercises.
    pub name: String,
    /// `spec.yaml` or `spec.json` in the case directory.
    pub spec: PathBuf,
    /// The committed output (possibly not written yet).
    pub snapshot: Snapshot,
}

impl Fixture {
    /// The wrapper's file name in [`wrappers_dir`], `<name>.rs`: cargo names the test crate
    /// after it.
    #[must_use]
    pub fn wrapper_file_name(&self) -> String {
        format!("{}.rs", self.name)
    }

    /// `check.rs` in the case directory, if the case has one: statements that use the generated
    /// code, run as the body of the wrapper's test, so behaviour is tested where a compile check
    /// alone would not show it.
    #[must_use]
    pub fn check(&self) -> Option<PathBuf> {
        let check = self.spec.with_file_name("check.rs");
        check.is_file().then_some(check)
    }

    /// The wrapper of a single-file case: the snapshot included into a test crate under the same
    /// rustc lints as the `generated` crate (the workspace's, with warnings denied), so a snapshot
    /// that compiles here also compiles as a crate of its own; its one test runs `check.rs`.
    #[must_use]
    pub fn wrapper_contents(&self) -> String {
        let test = match self.check() {
            Some(_) => format!("fn check() {{\n    include!(\"../../fixtures/{}/check.rs\");\n}}\n", self.name),
            None => "fn check() {}\n".to_owned(),
        };
        format!(
            "// @generated by `{UPDATE_FIXTURES_COMMAND}`: do not edit by hand.\n\
             //! Compiles the `{name}` fixture's expected output with warnings denied.\n\
             #![forbid(unsafe_code)]\n\
             #![deny(warnings, missing_debug_implementations, unreachable_pub, rust_2018_idioms)]\n\
             \n\
             include!(\"../../fixtures/{name}/expected.rs\");\n\
             \n\
             #[test]\n\
             {test}",
            name = self.name,
        )
    }
}

/// The files directly under `tests/fixtures/` that are not cases: the workspace of the crate
/// snapshots, and the lock file the fixture test copies in.
const FIXTURE_WORKSPACE_FILES: [&str; 2] = ["Cargo.toml", "Cargo.lock"];

/// `tests/fixtures/`, as the workspace that builds the crate snapshots.
#[must_use]
pub fn crate_fixtures_workspace() -> PathBuf {
    fixtures_dir()
}

/// Every case under `tests/fixtures/`, sorted by name. A case directory must hold exactly one of
/// `spec.yaml` and `spec.json`; a stray file directly under `tests/fixtures/` (other than the
/// crate snapshots' workspace) is an error too, so a misplaced spec is noticed instead of
/// silently not tested.
pub fn fixtures() -> Result<Vec<Fixture>, String> {
    let dir = fixtures_dir();
    let entries = fs::read_dir(&dir).map_err(|error| format!("cannot list `{}`: {error}", dir.display()))?;
    let mut fixtures = Vec::new();
    let mut problems = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|error| format!("cannot list `{}`: {error}", dir.display()))?;
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if FIXTURE_WORKSPACE_FILES.contains(&name.as_str()) && path.is_file() {
            continue;
        }
        if !path.is_dir() {
            problems.push(format!("`tests/fixtures/{name}` is not a case directory"));
            continue;
        }
        let specs: Vec<PathBuf> =
            ["spec.yaml", "spec.json"].iter().map(|file| path.join(file)).filter(|spec| spec.is_file()).collect();
        let crate_dir = path.join("crate");
        let snapshot =
            if crate_dir.is_dir() { Snapshot::Crate(crate_dir) } else { Snapshot::File(path.join("expected.rs")) };
        match specs.as_slice() {
            [spec] => fixtures.push(Fixture { name, spec: spec.clone(), snapshot }),
            [] => problems.push(format!("`tests/fixtures/{name}` has neither `spec.yaml` nor `spec.json`")),
            _ => problems.push(format!("`tests/fixtures/{name}` has both `spec.yaml` and `spec.json`; keep one")),
        }
    }
    if !problems.is_empty() {
        return Err(problems.join("\n"));
    }
    fixtures.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(fixtures)
}

/// Reads a YAML or JSON document (JSON when the file name ends in `.json`) as a JSON value.
pub fn read_document(path: &Path) -> Result<serde_json::Value, String> {
    let text = fs::read_to_string(path).map_err(|error| format!("cannot read `{}`: {error}", path.display()))?;
    let is_json = path.extension().is_some_and(|extension| extension == "json");
    if is_json {
        serde_json::from_str(&text).map_err(|error| format!("`{}` is not valid JSON: {error}", path.display()))
    } else {
        codegen::load::parse_yaml(&text).map_err(|error| format!("`{}` is not valid YAML: {error}", path.display()))
    }
}

/// A unified diff of two texts, headed by the labels (the same format `cargo xtask codegen
/// --check` prints).
#[must_use]
pub fn unified_diff(old: &str, new: &str, old_label: &str, new_label: &str) -> String {
    xtask::codegen::unified_diff(old, new, old_label, new_label)
}

/// The README's Rust examples, compiled and run as doctests so they cannot go stale.
#[doc = include_str!("../../README.md")]
pub mod readme {}
