//! `cargo xtask corpus`: the generator on real public specs, each crate checked with warnings
//! denied.
//!
//! Every spec under `tests/reference/corpus/` (and the full official document) is generated into
//! a standalone crate under `target/corpus/`, then `cargo check`ed with `-D warnings`, all crates
//! building into one target directory (the nested builds' shared one, [`crate::cargo`]) so their
//! dependencies are built once. Each spec's count of parts typed as `serde_json::Value` is pinned
//! in [`PINNED_UNTYPED`]: it may go down, never up.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::Context as _;

use crate::bench::timing::median;

/// The most parts of each spec that may be typed as `serde_json::Value` (by file name). Lower a
/// pin when the generator improves; never raise one.
pub const PINNED_UNTYPED: &[(&str, usize)] = &[
    ("adyen-checkout-v71.json", 0),
    (crate::OFFICIAL_DOCUMENT_NAME, 0),
    ("asana.yaml", 0),
    ("mistral.yaml", 2),
    ("pagerduty-rest.json", 1),
    ("plaid-2020-09-14.yml", 0),
];

/// What generating and checking one spec gave.
#[derive(Debug, Clone)]
pub struct SpecFigures {
    /// The spec's file name.
    pub name: String,
    /// Operations and component schemas in the document.
    pub operations: usize,
    pub schemas: usize,
    /// Load to formatted files.
    pub generation: Duration,
    /// Lines of the generated files.
    pub lines: usize,
    /// Warnings that a part is typed as `serde_json::Value`.
    pub untyped: usize,
    /// The same by reason, in the order of the reasons, without those with none.
    pub untyped_reasons: Vec<(codegen::Untyped, usize)>,
    /// The other warnings of the generator.
    pub other_warnings: usize,
    /// How many operations page by each style (from `Generated::pagination`).
    pub paging: std::collections::BTreeMap<&'static str, usize>,
    /// `cargo check` of the crate alone (dependencies already checked), with warnings denied:
    /// its time and the peak resident set of its slowest process, or why it failed.
    pub check: Option<Result<Check, String>>,
    /// The same with only one resource's feature on (the one with the most operations), named.
    pub one_feature: Option<(String, Result<Check, String>)>,
}

/// One passing `cargo check`.
#[derive(Debug, Clone, Copy)]
pub struct Check {
    pub time: Duration,
    /// KiB, when the platform reports it.
    pub peak_kib: Option<u64>,
}

/// Which specs to run, and whether to check the crates.
#[derive(Debug, Clone)]
pub struct Options {
    /// The specs; [`default_specs`] when run from the command line.
    pub specs: Vec<PathBuf>,
    /// Run `cargo check` on each crate (else only generate).
    pub check: bool,
    /// Where the crates go.
    pub scratch: PathBuf,
    /// Whether each crate is checked again even when cargo has it fresh, so that its time is a
    /// real check's (the bench, `cargo xtask corpus`). The test command leaves it off: a crate
    /// cargo has fresh passed its last check with warnings denied, so only what changed is
    /// checked again.
    pub recheck: bool,
    /// How many times each crate is checked (at least once): its figures are the median time
    /// and the median peak of the checks, so that one run slowed by a busy machine does not make
    /// them. The bench checks its large crates three times; the corpus command and the tests once.
    pub check_runs: usize,
    /// The target directory they build into: [`crate::cargo::nested_target_dir`] but in tests
    /// of this module.
    pub target: PathBuf,
}

/// The corpus under `tests/reference/corpus/` and the full official document, by file name.
pub fn default_specs(root: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let corpus = root.join("tests/reference/corpus");
    let mut specs: Vec<PathBuf> = std::fs::read_dir(&corpus)
        .with_context(|| format!("cannot list `{}`", corpus.display()))?
        .map(|entry| entry.map(|entry| entry.path()))
        .collect::<Result<_, _>>()?;
    specs.retain(|path| {
        path.extension().and_then(|ext| ext.to_str()).is_some_and(|ext| matches!(ext, "json" | "yaml" | "yml"))
    });
    specs.push(root.join(crate::OFFICIAL_DOCUMENT));
    specs.sort_by_key(|path| file_name(path));
    Ok(specs)
}

/// Generates (and checks) every spec, one after another; `progress` hears each step.
pub fn run(options: &Options, progress: &mut dyn FnMut(&str)) -> anyhow::Result<Vec<SpecFigures>> {
    std::fs::create_dir_all(&options.scratch)?;
    let mut rows = Vec::new();
    for spec in &options.specs {
        let name = file_name(spec);
        progress(&format!("generate {name}"));
        let started = Instant::now();
        let document = codegen::load::load_path(spec, &[])
            .map_err(|problems| anyhow::anyhow!("`{name}` does not load:\n{problems}"))?;
        let generated = codegen::generate_document(
            &document,
            &codegen::Config::default().with_regenerate_command("cargo xtask corpus"),
        )
        .map_err(|problems| anyhow::anyhow!("`{name}` does not generate:\n{problems}"))?;
        let crate_name = crate_name(&name);
        let files = generated.standalone_crate(&crate_name).map_err(|bug| anyhow::anyhow!("`{name}`: {bug}"))?;
        let generation = started.elapsed();
        let dir = options.scratch.join(&crate_name);
        write_crate(&dir, &files)?;
        let untyped_reasons = untyped_reasons(generated.warnings());
        let untyped = untyped_reasons.iter().map(|(_, count)| count).sum();
        let operations =
            document.api.paths.paths.values().map(|item| item.as_item().map_or(0, |item| item.iter().count())).sum();
        let schemas = document.api.components.as_ref().map_or(0, |components| components.schemas.len());
        let target = &options.target;
        let checked = options.check.then(|| {
            progress(&format!("check {name}"));
            check_median(&dir, target, None, options).map_err(|error| format!("{error:#}"))
        });
        let largest_feature = generated
            .features()
            .iter()
            .filter(|(feature, _)| *feature != codegen::UNREFERENCED_FEATURE)
            .max_by_key(|(feature, operations)| (**operations, std::cmp::Reverse((*feature).clone())))
            .map(|(feature, _)| feature.clone());
        let one_feature = largest_feature.filter(|_| options.check).map(|feature| {
            progress(&format!("check {name} with only `{feature}`"));
            let checked = check_median(&dir, target, Some(&feature), options).map_err(|error| format!("{error:#}"));
            (feature, checked)
        });
        rows.push(SpecFigures {
            name,
            operations,
            schemas,
            generation,
            lines: files.values().map(|file| file.lines().count()).sum(),
            untyped,
            untyped_reasons,
            other_warnings: generated.warnings().len() - untyped,
            paging: generated.pagination().into_iter().fold(
                std::collections::BTreeMap::new(),
                |mut styles, (_, style)| {
                    *styles.entry(style).or_default() += 1;
                    styles
                },
            ),
            check: checked,
            one_feature,
        });
    }
    Ok(rows)
}

/// How many warnings say a part is typed as `serde_json::Value`, by reason.
#[must_use]
pub fn untyped_reasons(warnings: &[codegen::Diagnostic]) -> Vec<(codegen::Untyped, usize)> {
    let mut counts = std::collections::BTreeMap::new();
    for warning in warnings {
        if let codegen::Category::Untyped(reason) = warning.category {
            *counts.entry(reason).or_insert(0) += 1;
        }
    }
    counts.into_iter().collect()
}

/// The table of untyped parts by reason `cargo xtask corpus` prints below the main one: each
/// reason, its count over all specs, and the specs it comes from.
#[must_use]
pub fn reason_table(rows: &[SpecFigures]) -> String {
    let mut by_reason: std::collections::BTreeMap<codegen::Untyped, Vec<(&str, usize)>> =
        std::collections::BTreeMap::new();
    for row in rows {
        for (reason, count) in &row.untyped_reasons {
            by_reason.entry(*reason).or_default().push((&row.name, *count));
        }
    }
    let mut out = String::from("| typed as `serde_json::Value` because | parts | specs |\n|---|---:|---|\n");
    for (reason, specs) in &by_reason {
        let total: usize = specs.iter().map(|(_, count)| count).sum();
        let specs: Vec<String> = specs.iter().map(|(name, count)| format!("{name} ({count})")).collect();
        let _ = writeln!(out, "| {} | {total} | {} |", reason.label(), specs.join(", "));
    }
    let total: usize = rows.iter().map(|row| row.untyped).sum();
    let _ = writeln!(out, "| **total** | {total} | |");
    out
}

/// The pinned untyped count of a spec, if it has one.
#[must_use]
pub fn pinned_untyped(name: &str) -> Option<usize> {
    PINNED_UNTYPED.iter().find(|(pinned, _)| *pinned == name).map(|(_, count)| *count)
}

/// What is wrong with a run: a crate that does not check, or more untyped parts than pinned.
#[must_use]
pub fn failures(rows: &[SpecFigures]) -> Vec<String> {
    let mut failures = Vec::new();
    for row in rows {
        if let Some(Err(why)) = &row.check {
            failures.push(format!("`{}`: the generated crate does not check with warnings denied:\n{why}", row.name));
        }
        if let Some((feature, Err(why))) = &row.one_feature {
            failures.push(format!(
                "`{}`: the generated crate with only the `{feature}` feature does not check with warnings denied:\n{why}",
                row.name
            ));
        }
        match pinned_untyped(&row.name) {
            Some(pinned) if row.untyped > pinned => failures.push(format!(
                "`{}`: {} parts typed as `serde_json::Value`, more than the {pinned} pinned",
                row.name, row.untyped
            )),
            None => failures.push(format!("`{}` has no pinned untyped count in `xtask/src/corpus.rs`", row.name)),
            Some(_) => {}
        }
    }
    failures
}

/// The table `cargo xtask corpus` prints.
#[must_use]
pub fn table(rows: &[SpecFigures]) -> String {
    let mut out = String::from(
        "| spec | operations | schemas | generation | lines | untyped (pinned) | other warnings | paged operations | `cargo check -D warnings` | peak memory | one feature only |\n\
         |---|---:|---:|---:|---:|---:|---:|---|---|---:|---|\n",
    );
    let shown = |check: Option<&Result<Check, String>>| match check {
        None => ("not run".to_owned(), String::new()),
        Some(Ok(check)) => (
            format!("passes, {:.1} s", check.time.as_secs_f64()),
            check.peak_kib.map_or_else(String::new, crate::bench::memory::show_kib),
        ),
        Some(Err(_)) => ("**fails**".to_owned(), String::new()),
    };
    for row in rows {
        let (check, peak) = shown(row.check.as_ref());
        let one_feature = match &row.one_feature {
            None => "not run".to_owned(),
            Some((feature, checked)) => {
                let (outcome, peak) = shown(Some(checked));
                format!("`{feature}`: {outcome}{}", if peak.is_empty() { String::new() } else { format!(", {peak}") })
            }
        };
        let pinned = pinned_untyped(&row.name).map_or_else(|| "none".to_owned(), |count| count.to_string());
        let paging = if row.paging.is_empty() {
            "none".to_owned()
        } else {
            row.paging.iter().map(|(style, count)| format!("{style} {count}")).collect::<Vec<_>>().join(", ")
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {:.2} s | {} | {} ({pinned}) | {} | {paging} | {check} | {peak} | {one_feature} |",
            row.name,
            row.operations,
            row.schemas,
            row.generation.as_secs_f64(),
            row.lines,
            row.untyped,
            row.other_warnings,
        );
    }
    out
}

/// `cargo check` of the crate in `dir` with warnings denied (with its default features, or with
/// only `feature`), after its dependencies were checked through an empty crate with the same
/// manifest, so the figure is the crate's alone: its time and the peak resident set of the
/// largest process it ran (the compiler's, on the crate). Not incremental, as a dependency is
/// built. With `recheck`, the crate is checked even when cargo has it fresh, so the time is a
/// real check's; without, a fresh crate's check is cargo finding it so.
pub fn check(dir: &Path, target: &Path, feature: Option<&str>, recheck: bool) -> anyhow::Result<Check> {
    let dependencies = dir.with_file_name(format!("{}-dependencies", file_name(dir)));
    write_if_changed(&dependencies.join("src/lib.rs"), "//! Only the dependencies.\n")?;
    // A name of its own: two packages of one name in one target directory share fingerprints,
    // and the crate would then pass for checked once its empty stand-in is.
    let manifest = std::fs::read_to_string(dir.join("Cargo.toml"))?;
    let name = file_name(dir);
    let renamed = renamed_package(&manifest, &name, &format!("{name}-dependencies"))
        .with_context(|| format!("the manifest of `{}`", dir.display()))?;
    write_if_changed(&dependencies.join("Cargo.toml"), &renamed)?;
    write_if_changed(&dependencies.join("Cargo.lock"), &std::fs::read_to_string(dir.join("Cargo.lock"))?)?;
    cargo_check(&dependencies, target, None)?;
    if recheck {
        crate::cargo::force_recheck(dir)?;
    }
    let started = Instant::now();
    let peak_kib = cargo_check(dir, target, feature)?;
    Ok(Check { time: started.elapsed(), peak_kib })
}

/// `manifest` with its package `name` renamed `to`: a crate written beside another, which
/// must not share its fingerprints in a target directory.
pub(crate) fn renamed_package(manifest: &str, name: &str, to: &str) -> anyhow::Result<String> {
    let (from, to) = (format!("name = \"{name}\""), format!("name = \"{to}\""));
    anyhow::ensure!(manifest.contains(&from), "it does not name the package `{name}`");
    Ok(manifest.replacen(&from, &to, 1))
}

/// The median time and the median peak of `checks` (runs of one check).
pub(crate) fn median_check(checks: &[Check]) -> Check {
    let mut times: Vec<Duration> = checks.iter().map(|check| check.time).collect();
    let mut peaks: Vec<u64> = checks.iter().filter_map(|check| check.peak_kib).collect();
    let peak_kib = (!peaks.is_empty()).then(|| median(&mut peaks));
    Check { time: median(&mut times), peak_kib }
}

/// [`check`] as many times as `options` asks (every run after the first a real check, whatever
/// `options.recheck` says): the median time and the median peak.
pub(crate) fn check_median(
    dir: &Path,
    target: &Path,
    feature: Option<&str>,
    options: &Options,
) -> anyhow::Result<Check> {
    let checks = (0..options.check_runs.max(1))
        .map(|run| check(dir, target, feature, options.recheck || run > 0))
        .collect::<anyhow::Result<Vec<_>>>()?;
    Ok(median_check(&checks))
}

/// One top-level pass of the compiler, as `-Ztime-passes` reports it.
#[derive(Debug, Clone, PartialEq)]
pub struct Pass {
    /// The pass's name in rustc (`expand_crate`, `type_check_crate`, …).
    pub name: String,
    /// How long it took.
    pub time: Duration,
    /// The compiler's resident set when it ended, in MB.
    pub resident_mb: u64,
}

/// The passes of rustc that a check of a large generated crate spends its time in, as
/// `-Ztime-passes` names them, with the words the bench shows them under.
pub const PROFILED_PASSES: &[(&str, &str)] = &[
    ("expand_crate", "macro expansion"),
    ("late_resolve_crate", "name resolution"),
    ("type_check_crate", "type checking"),
    ("coherence_checking", "of which coherence (impls)"),
    ("MIR_borrow_checking", "MIR building and borrow checking"),
    ("generate_crate_metadata", "metadata"),
    ("total", "total, in the compiler"),
];

/// Where `cargo check` of the crate generated from `spec` (already written by [`run`] with
/// `options`; with its default features, or with only `feature`) spends its time: the check
/// again, as [`check`] runs it, with rustc's `-Ztime-passes` (allowed on a stable compiler by
/// `RUSTC_BOOTSTRAP`, for this measurement only), and the passes of [`PROFILED_PASSES`] it
/// reports.
///
/// In a target directory of its own (`time-passes/` in the options' one): dependencies whose
/// build scripts read `RUSTC_BOOTSTRAP` (`proc-macro2`, and so everything that derives) would
/// otherwise be built again here, and once more by the next check without it.
pub fn profile_check(options: &Options, spec: &Path, feature: Option<&str>) -> anyhow::Result<Vec<Pass>> {
    let dir = crate_dir(&options.scratch, spec);
    crate::cargo::force_recheck(&dir)?;
    let mut command = crate::cargo::in_dir(&dir, &options.target.join("time-passes"));
    command.args(["rustc", "--quiet", "--lib", "--profile", "check"]);
    if let Some(feature) = feature {
        command.args(["--no-default-features", "--features", feature]);
    }
    let output = command
        .arg("--")
        .args(crate::cargo::DENY_WARNINGS)
        .arg("-Ztime-passes")
        .env("RUSTC_BOOTSTRAP", "1")
        .output()
        .with_context(|| format!("cannot run `cargo rustc` in `{}`", dir.display()))?;
    let stderr = String::from_utf8_lossy(&output.stderr);
    anyhow::ensure!(output.status.success(), "`cargo rustc -- -Ztime-passes` failed:\n{stderr}");
    let passes = time_passes(&stderr);
    anyhow::ensure!(!passes.is_empty(), "rustc reported no passes:\n{stderr}");
    Ok(passes)
}

/// The passes of [`PROFILED_PASSES`] in `-Ztime-passes` output (`time:   1.202; rss:   43MB ->
/// 533MB ( +490MB)\texpand_crate`), in that order; a pass reported more than once counts once,
/// its first report.
#[must_use]
pub fn time_passes(report: &str) -> Vec<Pass> {
    let mut passes = Vec::new();
    for (name, _) in PROFILED_PASSES {
        let found = report.lines().find_map(|line| {
            let (figures, pass) = line.strip_prefix("time:")?.split_once('\t')?;
            if pass.trim() != *name {
                return None;
            }
            let (seconds, resident) = figures.split_once(';')?;
            let seconds: f64 = seconds.trim().parse().ok()?;
            let after = resident.split("->").nth(1)?.split_whitespace().next()?.strip_suffix("MB")?;
            Some(Pass {
                name: (*name).to_owned(),
                time: Duration::from_secs_f64(seconds),
                resident_mb: after.parse().ok()?,
            })
        });
        passes.extend(found);
    }
    passes
}

/// Where [`run`] writes the crate generated from `spec` under `scratch`.
#[must_use]
pub fn crate_dir(scratch: &Path, spec: &Path) -> PathBuf {
    scratch.join(crate_name(&file_name(spec)))
}

/// What `cargo test --doc` of a generated crate ran.
#[derive(Debug, Clone, Copy)]
pub struct Doctests {
    /// How many doctests passed (all of them: a failure is an error).
    pub passed: usize,
    /// The whole command: building the crate and what it needs (its doctests link to it), then
    /// compiling and running each doctest.
    pub time: Duration,
}

/// `cargo test --doc` of the crate in `dir`, building into `target` as the checks do, so the
/// text a spec puts in the crate's docs is shown not to be compiled as Rust (or, if it is, to
/// pass). Offline: the crate's lock file is the workspace's.
pub fn doctest(dir: &Path, target: &Path) -> anyhow::Result<Doctests> {
    let started = Instant::now();
    let output = crate::cargo::in_dir(dir, target)
        .args(["test", "--doc", "--quiet", "--offline"])
        .output()
        .with_context(|| format!("cannot run `cargo test --doc` in `{}`", dir.display()))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    anyhow::ensure!(output.status.success(), "`cargo test --doc` failed in `{}`:\n{stdout}\n{stderr}", dir.display());
    // rustdoc's summary: `test result: ok. 3 passed; 0 failed; …`.
    let passed = stdout
        .lines()
        .find_map(|line| line.strip_prefix("test result: ok. ")?.split_whitespace().next()?.parse().ok())
        .with_context(|| format!("`cargo test --doc` reported no result:\n{stdout}"))?;
    Ok(Doctests { passed, time: started.elapsed() })
}

/// `cargo check` of the library in `dir` with its warnings denied (as `cargo rustc --profile
/// check`, so the flag reaches this crate and no dependency), watching the peak memory of the
/// processes it starts.
pub(crate) fn cargo_check(dir: &Path, target: &Path, feature: Option<&str>) -> anyhow::Result<Option<u64>> {
    let mut command = crate::cargo::in_dir(dir, target);
    command.args(["rustc", "--quiet", "--lib", "--profile", "check", "--message-format=short"]);
    if let Some(feature) = feature {
        command.args(["--no-default-features", "--features", feature]);
    }
    command.arg("--").args(crate::cargo::DENY_WARNINGS);
    let child = command
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .with_context(|| format!("cannot run `cargo check` in `{}`", dir.display()))?;
    let (output, peak_kib) = crate::bench::memory::wait_watching_peak(child)?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let shown: Vec<&str> = stderr.lines().take(60).collect();
        anyhow::bail!("{}", shown.join("\n"));
    }
    Ok(peak_kib)
}

/// What [`write_crate`] adds to a crate's manifest: each crate is a workspace of its own, not a
/// member of the one around `target/`.
pub(crate) const WORKSPACE_TABLE: &str = "\n[workspace]\n";

/// The files of the crate [`write_crate`] wrote in `dir`, by path from its root: its manifest as
/// the generator wrote it (without [`WORKSPACE_TABLE`]) and its sources ([`read_sources`]).
pub(crate) fn read_crate(dir: &Path) -> anyhow::Result<std::collections::BTreeMap<String, String>> {
    let path = dir.join("Cargo.toml");
    let manifest = std::fs::read_to_string(&path).with_context(|| format!("cannot read `{}`", path.display()))?;
    let manifest = manifest
        .strip_suffix(WORKSPACE_TABLE)
        .with_context(|| format!("the manifest in `{}` was not written by `write_crate`", dir.display()))?;
    let mut files = read_sources(dir)?;
    files.insert("Cargo.toml".to_owned(), manifest.to_owned());
    Ok(files)
}

/// Every file under `src/` in the crate `dir`, by path from the crate's root (`src/lib.rs`).
pub(crate) fn read_sources(dir: &Path) -> anyhow::Result<std::collections::BTreeMap<String, String>> {
    let mut files = std::collections::BTreeMap::new();
    for file in walk(&dir.join("src"))? {
        let text = std::fs::read_to_string(&file).with_context(|| format!("cannot read `{}`", file.display()))?;
        files.insert(file.strip_prefix(dir)?.to_string_lossy().replace('\\', "/"), text);
    }
    Ok(files)
}

/// Writes the crate with the workspace's lock file, so it resolves the same dependency versions,
/// and deletes files of an earlier run that this one does not have.
pub fn write_crate(dir: &Path, files: &std::collections::BTreeMap<String, String>) -> anyhow::Result<()> {
    let src = dir.join("src");
    if src.exists() {
        for old in walk(&src)? {
            let relative = old.strip_prefix(dir)?.to_string_lossy().replace('\\', "/");
            if !files.contains_key(&relative) {
                std::fs::remove_file(&old)?;
            }
        }
    }
    let lock =
        std::fs::read_to_string(crate::workspace_root().join("Cargo.lock")).context("the workspace lock file")?;
    write_if_changed(&dir.join("Cargo.lock"), &lock)?;
    for (path, contents) in files {
        let path = dir.join(path);
        let contents =
            if path.ends_with("Cargo.toml") { format!("{contents}{WORKSPACE_TABLE}") } else { contents.clone() };
        write_if_changed(&path, &contents)?;
    }
    Ok(())
}

/// Writes `contents` to `path` (and the folders it needs) unless the file holds them already:
/// unchanged files keep their times, so cargo's fingerprints stay valid between runs.
fn write_if_changed(path: &Path, contents: &str) -> anyhow::Result<()> {
    if std::fs::read_to_string(path).ok().as_deref() == Some(contents) {
        return Ok(());
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(path, contents).with_context(|| format!("cannot write `{}`", path.display()))
}

/// Every file under `dir`.
fn walk(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            files.extend(walk(&path)?);
        } else {
            files.push(path);
        }
    }
    Ok(files)
}

pub(crate) fn file_name(path: &Path) -> String {
    path.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default()
}

/// A crate name for a spec's file name (`plaid-2020-09-14.yml` → `corpus-plaid-2020-09-14`).
fn crate_name(file: &str) -> String {
    let stem = file.rsplit_once('.').map_or(file, |(stem, _)| stem);
    let cleaned: String =
        stem.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' }).collect();
    format!("corpus-{cleaned}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn modified(path: &Path) -> std::time::SystemTime {
        std::fs::metadata(path).and_then(|meta| meta.modified()).expect("an mtime")
    }

    /// A crate cargo has fresh is checked again only when asked to: the test command leaves
    /// unchanged crates alone, the bench times real checks.
    #[test]
    fn a_fresh_crate_is_checked_again_only_with_recheck() {
        let scratch = std::env::temp_dir().join(format!("xtask-corpus-recheck-{}", std::process::id()));
        let dir = scratch.join("tiny");
        let files = std::collections::BTreeMap::from([
            (
                "Cargo.toml".to_owned(),
                "[package]\nname = \"tiny\"\nversion = \"0.1.0\"\nedition = \"2024\"\n".to_owned(),
            ),
            ("src/lib.rs".to_owned(), "//! Tiny.\n".to_owned()),
        ]);
        write_crate(&dir, &files).expect("the crate is written");
        let target = scratch.join("target");
        let lib = dir.join("src/lib.rs");
        check(&dir, &target, None, false).expect("the crate checks");
        let written = modified(&lib);
        check(&dir, &target, None, false).expect("the crate checks");
        assert_eq!(modified(&lib), written, "a fresh crate was touched without recheck");
        std::thread::sleep(Duration::from_millis(20));
        check(&dir, &target, None, true).expect("the crate checks");
        assert!(modified(&lib) > written, "recheck did not force a check");
        let _ = std::fs::remove_dir_all(&scratch);
    }

    /// Untyped warnings are counted by their reason, other warnings not at all, and the table
    /// names each reason once with the specs it comes from.
    #[test]
    fn untyped_parts_are_counted_and_shown_by_reason() {
        let union = codegen::Diagnostic::untyped(codegen::Pointer::default(), codegen::Untyped::IndistinctUnion, None);
        let not = codegen::Diagnostic::untyped(codegen::Pointer::default(), codegen::Untyped::Not, None);
        let other = codegen::Diagnostic::warning(codegen::Pointer::default(), "something else");
        let reasons = untyped_reasons(&[union.clone(), other, not, union]);
        assert_eq!(reasons, [(codegen::Untyped::Not, 1), (codegen::Untyped::IndistinctUnion, 2)]);
        let row = |name: &str, untyped_reasons: Vec<(codegen::Untyped, usize)>| SpecFigures {
            name: name.to_owned(),
            operations: 0,
            schemas: 0,
            generation: Duration::ZERO,
            lines: 0,
            untyped: untyped_reasons.iter().map(|(_, count)| count).sum(),
            untyped_reasons,
            other_warnings: 0,
            paging: std::collections::BTreeMap::new(),
            check: None,
            one_feature: None,
        };
        let table =
            reason_table(&[row("a.yaml", reasons), row("b.yaml", vec![(codegen::Untyped::IndistinctUnion, 4)])]);
        assert_eq!(
            table,
            "| typed as `serde_json::Value` because | parts | specs |\n|---|---:|---|\n\
             | `not` schema | 1 | a.yaml (1) |\n\
             | union members no rule tells apart | 6 | a.yaml (2), b.yaml (4) |\n\
             | **total** | 7 | |\n"
        );
    }
}
