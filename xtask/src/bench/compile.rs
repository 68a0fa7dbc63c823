//! What the generated crate costs downstream builds: cold `cargo check` and `cargo build`
//! against an empty crate with the same dependencies, and its lines of code.

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::Context as _;

use super::timing::{median, timed};

/// Compile times of the generated crate and of the floor.
#[derive(Debug, Clone)]
pub struct CompileFigures {
    /// Cold `cargo check` (dependencies included) of the generated crate.
    pub check: Duration,
    /// The same for the empty crate with the same dependencies.
    pub check_floor: Duration,
    /// Cold `cargo build` (dev profile) of the generated crate.
    pub build: Duration,
    /// The same for the empty crate.
    pub build_floor: Duration,
    /// `cargo check` of the generated crate alone, its dependencies already checked.
    pub check_crate_alone: Duration,
    /// The same for the empty crate: cargo's own overhead.
    pub check_crate_alone_floor: Duration,
    /// Lines of the generated crate's `src/`.
    pub lines: usize,
    /// The generated crate's dependencies, as its manifest lists them.
    pub dependencies: Vec<String>,
    /// With the figures above built with the `client` feature: the same cold checks without it.
    pub without_client: Option<WithoutClient>,
}

/// Cold `cargo check`s with the resources' features only, no `client`.
#[derive(Debug, Clone)]
pub struct WithoutClient {
    /// The generated crate.
    pub check: Duration,
    /// The empty crate with the same manifest.
    pub check_floor: Duration,
}

/// Where the compile rows build.
#[derive(Debug, Clone)]
pub enum Builds {
    /// Each crate into a target directory of its own, emptied before every cold run: the figures.
    Cold,
    /// Into this target directory, shared with the other nested builds and never emptied: the
    /// smoke run, which proves every row runs and measures nothing, so dependencies built once
    /// serve every run.
    Shared(PathBuf),
}

impl Builds {
    /// The target directory the crate in `dir` builds into.
    fn target_for(&self, dir: &Path) -> PathBuf {
        match self {
            Self::Cold => dir.join("target"),
            Self::Shared(target) => target.clone(),
        }
    }
}

/// What [`measure`] compiles, and how often.
#[derive(Debug, Clone, Copy)]
pub struct Plan<'a> {
    /// The spec the crate is generated from.
    pub spec: &'a Path,
    /// Where the generated crate and the empty one are written.
    pub scratch: &'a Path,
    /// Where they build.
    pub builds: &'a Builds,
    /// Cold builds per figure.
    pub runs: usize,
    /// Whether the main rows build with the `client` feature (and the last ones without it).
    pub client: bool,
}

/// Generates the crate for the plan's spec under its scratch directory, beside an empty crate
/// with the same manifest, and times its count of cold builds of each: with the default features
/// and then without the `client` feature when `client` is set, else without it only.
pub fn measure(plan: &Plan<'_>) -> anyhow::Result<CompileFigures> {
    let Plan { spec, scratch, builds, runs, client } = *plan;
    let generated = codegen::generate_from_path(spec, &codegen::Config::default())
        .map_err(|diagnostics| anyhow::anyhow!("{diagnostics}"))?;
    let files = generated.standalone_crate("deployments").map_err(|bug| anyhow::anyhow!("{bug}"))?;
    let manifest = files.get("Cargo.toml").context("the standalone crate has no manifest")?;
    // Its own workspace, so cargo does not take it for a member of the one it sits in.
    let manifest = format!("{manifest}\n[workspace]\n");
    let lock = std::fs::read_to_string(crate::workspace_root().join("Cargo.lock")).ok();

    let crate_dir = scratch.join("generated-crate");
    let floor_dir = scratch.join("empty-crate");
    for dir in [&crate_dir, &floor_dir] {
        if dir.exists() {
            std::fs::remove_dir_all(dir).with_context(|| format!("cannot clear `{}`", dir.display()))?;
        }
        std::fs::create_dir_all(dir.join("src"))?;
        // The workspace's lock file, so both crates build the dependency versions the workspace
        // tests with (cargo drops the entries they do not use).
        if let Some(lock) = &lock {
            std::fs::write(dir.join("Cargo.lock"), lock)?;
        }
    }
    for (path, contents) in &files {
        let contents = if path == "Cargo.toml" { &manifest } else { contents };
        let path = crate_dir.join(path);
        // Runtime files sit in folders of their own (`src/validate/runtime.rs`).
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(path, contents)?;
    }
    std::fs::write(floor_dir.join("Cargo.toml"), manifest.replacen("name = \"deployments\"", "name = \"empty\"", 1))?;
    std::fs::write(
        floor_dir.join("src/lib.rs"),
        "//! Empty: the generated crate's dependencies and nothing else, the compile benchmark's floor.\n",
    )?;

    // The resources' features alone: every feature of the crate but `client`.
    let resources = generated.features().keys().cloned().collect::<Vec<_>>().join(",");
    let without: Vec<&str> = vec!["--no-default-features", "--features", &resources];
    let main: &[&str] = if client { &[] } else { &without };
    let mut samples: [Vec<Duration>; 8] = Default::default();
    let cold = |dir: &Path, command: &str, arguments: &[&str]| cold(dir, builds, command, arguments);
    let again = |dir: &Path, arguments: &[&str]| again(dir, builds, arguments);
    for _ in 0..runs.max(1) {
        // The crate alone right after its cold check, while the checked dependencies are there.
        samples[0].push(cold(&crate_dir, "check", main)?);
        samples[4].push(again(&crate_dir, main)?);
        samples[1].push(cold(&floor_dir, "check", main)?);
        samples[5].push(again(&floor_dir, main)?);
        samples[2].push(cold(&crate_dir, "build", main)?);
        samples[3].push(cold(&floor_dir, "build", main)?);
        if client {
            samples[6].push(cold(&crate_dir, "check", &without)?);
            samples[7].push(cold(&floor_dir, "check", &without)?);
        }
    }
    let [
        check,
        check_floor,
        build,
        build_floor,
        check_crate_alone,
        check_crate_alone_floor,
        check_without_client,
        check_floor_without_client,
    ] = samples.map(|mut samples| median(&mut samples));
    let lines = files
        .iter()
        .filter(|(path, _)| std::path::Path::new(path).extension().is_some_and(|ext| ext == "rs"))
        .map(|(_, text)| text.lines().count())
        .sum();
    let dependencies = manifest
        .split("[dependencies]")
        .nth(1)
        .unwrap_or_default()
        .lines()
        .take_while(|line| !line.starts_with('['))
        .filter_map(|line| line.split_once(" = ").map(|(name, _)| name.to_owned()))
        .collect();
    Ok(CompileFigures {
        check,
        check_floor,
        build,
        build_floor,
        check_crate_alone,
        check_crate_alone_floor,
        lines,
        dependencies,
        without_client: client
            .then_some(WithoutClient { check: check_without_client, check_floor: check_floor_without_client }),
    })
}

/// `cargo <command> <arguments>` from an empty target directory, or (a shared one) from what is
/// there.
fn cold(dir: &Path, builds: &Builds, command: &str, arguments: &[&str]) -> anyhow::Result<Duration> {
    let target = builds.target_for(dir);
    if matches!(builds, Builds::Cold) && target.exists() {
        std::fs::remove_dir_all(&target).with_context(|| format!("cannot clear `{}`", target.display()))?;
    }
    cargo(dir, &target, command, arguments)
}

/// `cargo check` of the crate alone: its dependencies are checked already, and it is checked
/// again for real.
fn again(dir: &Path, builds: &Builds, arguments: &[&str]) -> anyhow::Result<Duration> {
    crate::cargo::force_recheck(dir)?;
    cargo(dir, &builds.target_for(dir), "check", arguments)
}

fn cargo(dir: &Path, target: &Path, command: &str, arguments: &[&str]) -> anyhow::Result<Duration> {
    let (output, elapsed) =
        timed(|| crate::cargo::in_dir(dir, target).arg(command).arg("--quiet").args(arguments).output());
    let output = output.with_context(|| format!("cannot run `cargo {command}`"))?;
    if !output.status.success() {
        anyhow::bail!(
            "`cargo {command}` failed in `{}`:\n{}",
            dir.display(),
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    Ok(elapsed)
}
