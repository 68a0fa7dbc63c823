//! `cargo xtask bench`: how fast the generator is, and how cheap to compile and fast to run its
//! output is, each figure beside a floor measured in the same run.
//!
//! Figures are medians of repeated samples in one process ([`timing`]); peak memory comes from
//! child processes ([`memory`]); compile times from cold `cargo` runs in scratch crates
//! ([`compile`]). The smoke mode runs everything once, so the test command proves the benchmark
//! still works without paying for its numbers.

pub mod compile;
pub mod generation;
pub mod halves;
pub mod memory;
pub mod page;
pub mod runtime;
pub mod struct_floor;
pub mod timing;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::Context as _;
use timing::{Sampling, show};

use crate::OFFICIAL_DOCUMENT;

/// The corpus spec whose generated crate the compile targets are set for, relative to the
/// workspace root: 329 operations and 2,275 schemas.
pub const LARGE_CORPUS_SPEC: &str = "tests/reference/corpus/plaid-2020-09-14.yml";

/// What a large generated crate must meet (issue 23): crate-alone `cargo check` time and peak
/// memory, with every feature and with only its largest resource feature, and its size.
#[derive(Debug, Clone, Copy)]
pub struct CrateTargets {
    /// The most lines it may have, where a bound is set.
    pub lines: Option<usize>,
    /// The longest `cargo check` of the crate alone.
    pub check: Duration,
    /// The most memory that check may take (KiB).
    pub peak_kib: u64,
    /// The longest check with only the resource feature that has the most operations.
    pub one_feature: Option<Duration>,
}

/// A large document users bring, vendored under `tests/reference/` (its provenance in
/// `tests/reference/PROVENANCE.md`), with the targets set for its crate and its generation.
#[derive(Debug, Clone, Copy)]
pub struct LargeSpec {
    /// Relative to the workspace root.
    pub path: &'static str,
    /// What its crate must meet.
    pub crate_targets: CrateTargets,
    /// The fastest peer generator's time on the same API on this machine (issue 23's table),
    /// which generating it must not exceed; `None` where no peer was measured.
    pub fastest_peer_generation: Option<Duration>,
}

const GB_IN_KIB: u64 = 1_000_000_000 / 1024;

/// The large specs whose crates the bench checks, each with the targets issue 23 set for it.
/// Peers' figures come from the issue (measured on this machine's kind, idle): GitHub's
/// description generated in 6.6 s by the faster peer, the payments API (Stripe's, 4.2 MB as they
/// measured it; the copy here is the same API minified) in 3.7 s, whose crate the fastest peer
/// checks in 80.8 s, so ours must in 0.6 × 80.8 s.
pub const LARGE_SPECS: &[LargeSpec] = &[
    LargeSpec {
        path: LARGE_CORPUS_SPEC,
        crate_targets: CrateTargets {
            lines: None,
            check: Duration::from_secs(8),
            peak_kib: GB_IN_KIB,
            one_feature: Some(Duration::from_secs(3)),
        },
        fastest_peer_generation: None,
    },
    LargeSpec {
        path: "tests/reference/public/api.github.com.json",
        crate_targets: CrateTargets {
            lines: Some(450_000),
            check: Duration::from_secs(60),
            peak_kib: GB_IN_KIB * 5 / 2,
            one_feature: Some(Duration::from_secs(6)),
        },
        fastest_peer_generation: Some(Duration::from_millis(6_600)),
    },
    LargeSpec {
        path: "tests/reference/public/stripe.com.json",
        crate_targets: CrateTargets {
            lines: Some(350_000),
            check: Duration::from_millis(48_480),
            peak_kib: GB_IN_KIB * 2,
            one_feature: None,
        },
        fastest_peer_generation: Some(Duration::from_millis(3_700)),
    },
];

/// The full official document's generation may take at most this many times parsing it.
const OFFICIAL_GENERATION_TARGET: f64 = 25.0;

/// The real spec pair of the semver report (`tests/semver/deployments/`), relative to the
/// workspace root: the released Deployments subset, and a newer copy with six edits.
const SEMVER_PAIR: (&str, &str) =
    ("tests/reference/official/openapi-deployments-subset.json", "tests/semver/deployments/next.json");

/// Generating with `--against` may take at most this many times generating alone (issue 25).
const COMPARISON_TARGET: f64 = 2.2;

/// Checks of each large crate, whose medians the bench shows: on a shared 2-core machine one
/// check of Plaid's crate took anywhere from 10.5 s to 13.2 s.
const LARGE_CRATE_CHECKS: usize = 3;

/// Generation samples of each public spec: one takes seconds, and their spread is small.
const PUBLIC_SPEC_SAMPLES: usize = 3;

/// The entry of [`LARGE_SPECS`] whose file is called `name`.
fn large_spec(name: &str) -> Option<&'static LargeSpec> {
    LARGE_SPECS.iter().find(|spec| Path::new(spec.path).file_name().is_some_and(|file| *file == *name))
}

/// What to measure and how hard.
#[derive(Debug, Clone)]
pub struct Options {
    /// Timing samples per figure.
    pub sampling: Sampling,
    /// Cold builds per compile figure.
    pub compile_runs: usize,
    /// The spec the project generates from.
    pub spec: PathBuf,
    /// A large document to generate from as well (the full official API), if present.
    pub large_document: Option<PathBuf>,
    /// Why there is no large document, for the report.
    pub large_document_missing: Option<String>,
    /// Where the scratch crates of the compile benchmark go.
    pub scratch: PathBuf,
    /// Where the compile rows build: cold, or (the smoke run) into a shared target directory.
    pub builds: compile::Builds,
    /// Specs whose generated crates are checked alone, with all features and with one: the full
    /// official document and [`LARGE_SPECS`]; none in the smoke run.
    pub large_crates: Vec<PathBuf>,
    /// The public specs of [`LARGE_SPECS`] that are generated too, beside the peers' times;
    /// none in the smoke run.
    pub public_specs: Vec<PathBuf>,
    /// The `xtask` binary, run as the child processes that measure peak memory.
    pub xtask_binary: PathBuf,
    /// Whether the cold compile rows build the crate with its `client` feature (its default) and
    /// measure what that feature costs; without it, they build the resources alone. The smoke
    /// run leaves it out: each cold run would build reqwest's TLS stack from scratch again.
    pub compile_client: bool,
    /// Run only this section (`--only`); every section when `None`.
    pub only: Option<SectionKind>,
}

/// The sections of the report, as `--only` names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SectionKind {
    Generation,
    Runtime,
    Compile,
    LargeCrates,
}

impl SectionKind {
    /// Every section with its name on the command line.
    pub const ALL: [(&'static str, Self); 4] = [
        ("generation", Self::Generation),
        ("runtime", Self::Runtime),
        ("compile", Self::Compile),
        ("large-crates", Self::LargeCrates),
    ];

    /// The section called `name` on the command line.
    #[must_use]
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.iter().find(|(known, _)| *known == name).map(|(_, kind)| *kind)
    }
}

impl Options {
    /// The project's inputs and places, with `sampling` and `compile_runs` as given.
    #[must_use]
    pub fn for_workspace(sampling: Sampling, compile_runs: usize, xtask_binary: PathBuf) -> Self {
        let root = crate::workspace_root();
        let large = crate::resolve(&root, Path::new(OFFICIAL_DOCUMENT));
        let found = large.is_file();
        Self {
            sampling,
            compile_runs,
            spec: root.join(crate::codegen::DEFAULT_SPEC),
            large_document: found.then_some(large),
            large_document_missing: (!found).then(|| format!("`{OFFICIAL_DOCUMENT}` was not found in the workspace")),
            scratch: root.join("target/bench"),
            builds: compile::Builds::Cold,
            large_crates: std::iter::once(OFFICIAL_DOCUMENT)
                .chain(LARGE_SPECS.iter().map(|spec| spec.path))
                .map(|path| crate::resolve(&root, Path::new(path)))
                .filter(|path| path.is_file())
                .collect(),
            public_specs: LARGE_SPECS
                .iter()
                .filter(|spec| spec.fastest_peer_generation.is_some())
                .map(|spec| crate::resolve(&root, Path::new(spec.path)))
                .filter(|path| path.is_file())
                .collect(),
            xtask_binary,
            compile_client: true,
            only: None,
        }
    }
}

/// A figure beside its floor, with the target their ratio must meet.
#[derive(Debug, Clone)]
pub struct Row {
    /// What was measured.
    pub measure: String,
    /// The figure, as people read it.
    pub figure: String,
    /// What it is compared with; empty when nothing.
    pub floor: String,
    /// The floor's figure.
    pub floor_figure: String,
    /// figure ÷ floor.
    pub ratio: Option<f64>,
    /// The bound the ratio must stay within, if the issue sets one.
    pub target: Option<Target>,
}

/// An upper bound on a ratio.
#[derive(Debug, Clone, Copy)]
pub struct Target {
    /// The largest ratio that meets it.
    pub max_ratio: f64,
}

impl Target {
    /// Whether `ratio` meets the target.
    #[must_use]
    pub fn met_by(self, ratio: f64) -> bool {
        ratio <= self.max_ratio
    }
}

/// One table of the report.
#[derive(Debug, Clone)]
pub struct Section {
    /// Its heading.
    pub title: String,
    /// What it measures and how, in a sentence or two.
    pub about: String,
    /// Its rows.
    pub rows: Vec<Row>,
}

/// Everything one run measured.
#[derive(Debug, Clone)]
pub struct Report {
    /// The tables.
    pub sections: Vec<Section>,
}

impl Report {
    /// Targets that were missed, as `"measure: ratio (target)"` lines.
    #[must_use]
    pub fn missed_targets(&self) -> Vec<String> {
        self.rows()
            .filter_map(|row| match (row.ratio, row.target) {
                (Some(ratio), Some(target)) if !target.met_by(ratio) => {
                    Some(format!("{}: {ratio:.2}x (target ≤ {:.2}x)", row.measure, target.max_ratio))
                }
                _ => None,
            })
            .collect()
    }

    fn rows(&self) -> impl Iterator<Item = &Row> {
        self.sections.iter().flat_map(|section| &section.rows)
    }

    /// The report as Markdown tables.
    #[must_use]
    pub fn markdown(&self) -> String {
        let mut text = String::new();
        for section in &self.sections {
            let _ = write!(text, "## {}\n\n{}\n\n", section.title, section.about);
            text.push_str(
                "| measure | figure | floor | floor figure | ratio | target |\n|---|---:|---|---:|---:|---|\n",
            );
            for row in &section.rows {
                let ratio = row.ratio.map(|ratio| format!("{ratio:.2}x")).unwrap_or_default();
                let target = match (row.ratio, row.target) {
                    (Some(ratio), Some(target)) => {
                        let verdict = if target.met_by(ratio) { "met" } else { "**missed**" };
                        format!("≤ {:.2}x: {verdict}", target.max_ratio)
                    }
                    _ => String::new(),
                };
                let _ = writeln!(
                    text,
                    "| {} | {} | {} | {} | {ratio} | {target} |",
                    row.measure, row.figure, row.floor, row.floor_figure
                );
            }
            text.push('\n');
        }
        text
    }
}

/// Generation of `spec/`, the large document and the public specs: each stage against parsing
/// the same bytes, peak memory, and for the public specs the fastest peer's time.
fn generation_section(options: &Options, progress: &mut dyn FnMut(&str)) -> anyhow::Result<Section> {
    let mut inputs = vec![options.spec.clone()];
    inputs.extend(options.large_document.clone());
    inputs.extend(options.public_specs.iter().cloned());
    let mut rows = Vec::new();
    for input in &inputs {
        let large = options.large_document.as_deref() == Some(input.as_path());
        // The large document sits beside the workspace: shown as the relative path that finds it.
        let shown = if large { OFFICIAL_DOCUMENT.to_owned() } else { crate::display_path(input) };
        let peer = input
            .file_name()
            .and_then(|name| large_spec(&name.to_string_lossy()))
            .and_then(|spec| spec.fastest_peer_generation);
        let sampling = if peer.is_some() {
            Sampling { samples: options.sampling.samples.min(PUBLIC_SPEC_SAMPLES), ..options.sampling }
        } else {
            options.sampling
        };
        progress(&format!("generation: {shown}"));
        let figures = generation::measure(input, &shown, &sampling)?;
        rows.extend(generation_rows(&figures, large.then_some(OFFICIAL_GENERATION_TARGET)));
        if let Some(peer) = peer {
            rows.push(row(
                format!("`{shown}`: **total**"),
                figures.total,
                "the fastest peer generator (issue 23)",
                peer,
                Some(1.0),
            ));
        }
        progress(&format!("peak memory: {shown}"));
        rows.extend(memory_rows(options, input, &shown)?);
    }
    let root = crate::workspace_root();
    let (old, new) = (root.join(SEMVER_PAIR.0), root.join(SEMVER_PAIR.1));
    progress("generation with --against");
    let comparison = generation::measure_comparison(&old, &new, &options.sampling)?;
    rows.push(row(
        format!(
            "`--against`: generate `{}` and compare it with `{}` ({} changes)",
            SEMVER_PAIR.1, SEMVER_PAIR.0, comparison.changes
        ),
        comparison.generate_and_compare,
        "generate it alone",
        comparison.generate,
        Some(COMPARISON_TARGET),
    ));
    let mut about = String::from(
        "Median time per stage of generating a crate (load: text → `serde_json::Value` → `openapiv3`; lower: → IR; \
                emit and format: → tokens → `syn` → `prettyplease` → files, the modules shared out to a pool of threads, as \
                the generator does it; the same on one thread, stage by stage, for comparison), against parsing the same bytes into \
                `serde_json::Value` (YAML through the loader's own parser), timed once after each sample of the \
                generation, so that the two meet the machine alike. Peak memory is the peak resident set of a \
                process that does only that, beside one that parses the bytes and one that does nothing. The public \
                specs (medians of at most three runs each) are also set beside the time the fastest peer generator \
                took on the same API on this machine's kind, as issue 23 measured it. The `--against` row is the \
                semver report's cost: the crate generated from the newer spec of the real pair, with the released \
                spec loaded and lowered beside it and the two public APIs compared, against generating it alone.",
    );
    if let Some(missing) = &options.large_document_missing {
        let _ = write!(about, " The large input is left out: {missing}.");
    }
    Ok(Section { title: "Generation".to_owned(), about, rows })
}

/// Runs every benchmark; `progress` hears what is being measured as it starts.
pub fn run(options: &Options, progress: &mut dyn FnMut(&str)) -> anyhow::Result<Report> {
    let wanted = |kind: SectionKind| options.only.is_none_or(|only| only == kind);
    let mut sections = Vec::new();
    if wanted(SectionKind::Generation) {
        sections.push(generation_section(options, progress)?);
    }
    if wanted(SectionKind::Runtime) {
        sections.push(runtime_section(options, progress)?);
    }
    if wanted(SectionKind::Compile) {
        sections.push(compile_section(options, progress)?);
    }
    if wanted(SectionKind::LargeCrates) && !options.large_crates.is_empty() {
        sections.push(large_crates_section(options, progress)?);
    }
    Ok(Report { sections })
}

/// The run time of the generated types against `serde_json::Value`.
fn runtime_section(options: &Options, progress: &mut dyn FnMut(&str)) -> anyhow::Result<Section> {
    progress("run time of the generated types");
    let runtime = runtime::measure(&options.spec, &options.sampling)?;
    Ok(Section {
        title: "Run time of the generated types".to_owned(),
        about: format!(
            "Median time per call, against `serde_json::Value` on the same bytes: a list page of {} deployments with every \
             union member of the spec, an unknown member of each union and fields no schema declares, all kept ({} bytes), \
             and the spec's maximal create \
             request ({} bytes). `validate()` is compared with serialising the same request. The client's row is one \
             request at a time to a local keep-alive server that answers with one deployment: the generated client \
             (validation, encoding, headers, credentials, retry bookkeeping, typed decoding) against the same GET with \
             the same headers sent bare through the `reqwest::Client` the generated client sends with (one connection, \
             so both meet the same server thread), decoded into the same type. The enum rows read and write a JSON \
             array of {} values of one enum of the fixture `string-enum-tables` (every value in turn, in an order that \
             jumps about the enum) through the enum's table, against the same enum written out value by value as the \
             generator wrote it before (a derive with a `rename` per variant when closed, a `match` per direction when \
             open), the two timed in alternate batches.",
            runtime::PAGE_SIZE,
            runtime.page.bytes,
            runtime.request.bytes,
            runtime::ENUM_VALUES,
        ),
        rows: runtime_rows(&runtime),
    })
}

/// The compile time of the generated crate against an empty crate with its dependencies.
fn compile_section(options: &Options, progress: &mut dyn FnMut(&str)) -> anyhow::Result<Section> {
    progress("compile time of the generated crate");
    let compile = compile::measure(&compile::Plan {
        spec: &options.spec,
        scratch: &options.scratch,
        builds: &options.builds,
        runs: options.compile_runs,
        client: options.compile_client,
    })?;
    Ok(Section {
        title: "Compiling the generated crate".to_owned(),
        about: format!(
            "The crate generated from `{}` as a standalone crate ({} lines; dependencies: {}), against an empty crate \
             with the same manifest and lock file: median of {} cold runs from an empty target directory, then the crate \
             alone with its dependencies already checked. {}",
            crate::display_path(&options.spec),
            compile.lines,
            compile.dependencies.join(", "),
            options.compile_runs.max(1),
            if options.compile_client {
                "Both are built with their default features, the `client` (reqwest, rustls, tokio) among them; the \
                 last rows are the same crates without it, and what the feature adds to a cold check."
            } else {
                "Both are built without the `client` feature (this run leaves it out)."
            }
        ),
        rows: compile_rows(&compile),
    })
}

/// The crate-alone checks of the large specs' crates, against their targets.
fn large_crates_section(options: &Options, progress: &mut dyn FnMut(&str)) -> anyhow::Result<Section> {
    {
        progress("compiling large generated crates");
        let corpus_options = crate::corpus::Options {
            specs: options.large_crates.clone(),
            check: true,
            scratch: options.scratch.join("large-crates"),
            target: crate::cargo::nested_target_dir(),
            recheck: true,
            check_runs: LARGE_CRATE_CHECKS,
        };
        let figures = crate::corpus::run(&corpus_options, &mut |what| progress(what))?;
        let mut rows = large_crate_rows(&figures)?;
        let judged = Path::new(LARGE_CORPUS_SPEC);
        if let Some(spec) = figures.iter().find(|spec| judged.file_name().is_some_and(|name| *name == *spec.name)) {
            let crate_dir = crate::corpus::crate_dir(&corpus_options.scratch, judged);
            progress("the large corpus crate's floor");
            rows.extend(floor_rows(spec, &crate_dir, &corpus_options)?);
            progress("the large corpus crate in two halves at once");
            rows.extend(halves_rows(&spec.name, &crate_dir, &corpus_options)?);
            progress("where the check of the large corpus crate goes");
            rows.extend(profile_rows(&crate::corpus::profile_check(&corpus_options, judged, None)));
        }
        Ok(Section {
            title: "Compiling large generated crates".to_owned(),
            about: format!(
                "`cargo check` of the crate generated from each spec alone (its dependencies checked first, not \
                 incremental, warnings denied, as `cargo xtask corpus` does it): its time and the peak resident set of \
                 the compiler, the medians of {LARGE_CRATE_CHECKS} checks, with every feature on and with only the resource feature that has the most operations. \
                 The targets are issue 23's, for `{LARGE_CORPUS_SPEC}` and the two public specs (GitHub's and \
                 Stripe's, vendored under `tests/reference/public/`). For `{LARGE_CORPUS_SPEC}`, the same check \
                 of its floor (`xtask/src/bench/struct_floor.rs`): the crate with every struct's `Clone`, \
                 `PartialEq`, `Debug`, `Serialize` and `Deserialize` given an empty body, an empty `Validate` and \
                 no `Object` table, a crate that can do nothing with its structs, below which no code for the \
                 structs takes the check (the rest of the crate as generated); then its resource features in two \
                 halves of about as much code, each half with the client, the two checked at once in target \
                 directories of their own, and the shared types and the client alone \
                 (`xtask/src/bench/halves.rs`): the least and the most a crate generated as crates checked side \
                 by side would take (the halves alone have no chain of crates to wait on; after the shared types, \
                 each checks them again). The last rows are where that check goes: the same check again under \
                 rustc's `-Ztime-passes` (so a little slower), each top-level pass beside the \
                 compiler's whole time, with the compiler's resident set when the pass ended (coherence is part of \
                 type checking)."
            ),
            rows,
        })
    }
}

/// The rows of each large crate: lines, the whole crate's check and peak, and one feature's
/// check, each judged against its [`CrateTargets`] where [`LARGE_SPECS`] sets them, else shown.
fn large_crate_rows(figures: &[crate::corpus::SpecFigures]) -> anyhow::Result<Vec<Row>> {
    let mut rows = Vec::new();
    for spec in figures {
        let name = &spec.name;
        let targets = large_spec(name).map(|spec| spec.crate_targets);
        rows.push(match targets.and_then(|targets| targets.lines) {
            Some(most) => bounded(
                format!("`{name}`: lines"),
                spec.lines.to_string(),
                ratio_of(spec.lines, most),
                most.to_string(),
            ),
            None => plain(format!("`{name}`: lines"), spec.lines.to_string()),
        });
        let check = checked(spec)?;
        let measure = format!("`{name}`: `cargo check` of the crate alone");
        rows.push(match targets {
            Some(targets) => row(measure, check.time, "target", targets.check, Some(1.0)),
            None => plain(measure, show(check.time)),
        });
        if let Some(peak) = check.peak_kib {
            let measure = format!("`{name}`: peak memory of that check");
            rows.push(match targets {
                Some(targets) => bounded(
                    measure,
                    memory::show_kib(peak),
                    ratio_of(peak, targets.peak_kib),
                    memory::show_kib(targets.peak_kib),
                ),
                None => plain(measure, memory::show_kib(peak)),
            });
        }
        match &spec.one_feature {
            Some((feature, Ok(one))) => {
                let measure = format!("`{name}`: the same with only `{feature}`");
                rows.push(match targets.and_then(|targets| targets.one_feature) {
                    Some(most) => row(measure, one.time, "target", most, Some(1.0)),
                    None => plain(measure, show(one.time)),
                });
            }
            Some((feature, Err(why))) => anyhow::bail!("`{name}`'s crate with only `{feature}` does not check:\n{why}"),
            None => {}
        }
    }
    Ok(rows)
}

/// The check of `spec`'s crate, or why there is none.
fn checked(spec: &crate::corpus::SpecFigures) -> anyhow::Result<crate::corpus::Check> {
    let name = &spec.name;
    match &spec.check {
        Some(Ok(check)) => Ok(*check),
        Some(Err(why)) => anyhow::bail!("`{name}`'s crate does not check:\n{why}"),
        None => anyhow::bail!("`{name}`'s crate was not checked"),
    }
}

/// A figure judged against the most it may be (ratio ≤ 1).
fn bounded(measure: String, figure: String, ratio: f64, most: String) -> Row {
    Row {
        measure,
        figure,
        floor: "target".to_owned(),
        floor_figure: most,
        ratio: Some(ratio),
        target: Some(Target { max_ratio: 1.0 }),
    }
}

/// A peak (KiB) beside a memory target it is shown against, not judged by: a measurement of
/// another crate than the one the target is for.
fn beside(measure: String, peak_kib: u64, most_kib: u64) -> Row {
    Row {
        target: None,
        ..bounded(measure, memory::show_kib(peak_kib), ratio_of(peak_kib, most_kib), memory::show_kib(most_kib))
    }
}

/// `figure ÷ most`, for counts and sizes.
#[expect(clippy::cast_precision_loss, reason = "a ratio for people")]
fn ratio_of(figure: impl TryInto<u64>, most: impl TryInto<u64>) -> f64 {
    let (figure, most) = (figure.try_into().unwrap_or(u64::MAX), most.try_into().unwrap_or(u64::MAX));
    figure as f64 / most.max(1) as f64
}

/// The check of the large corpus crate's floor ([`struct_floor`]), as often as the crate's own,
/// beside the crate's check and its targets.
fn floor_rows(
    spec: &crate::corpus::SpecFigures,
    crate_dir: &Path,
    options: &crate::corpus::Options,
) -> anyhow::Result<Vec<Row>> {
    let name = &spec.name;
    let floor_dir = crate_dir.with_file_name(format!("{}-floor", crate::corpus::file_name(crate_dir)));
    let tables_dropped = struct_floor::write(crate_dir, &floor_dir)?;
    let floor = crate::corpus::check_median(&floor_dir, &options.target, None, options)
        .with_context(|| format!("the floor of `{name}`'s crate does not check"))?;
    let mut rows = vec![row(
        format!(
            "`{name}`: `cargo check` of the crate alone, against its floor (every struct's impls with an empty \
             body, {tables_dropped} tables dropped)"
        ),
        checked(spec)?.time,
        "the floor's check",
        floor.time,
        None,
    )];
    if let Some(targets) = large_spec(name).map(|spec| spec.crate_targets) {
        rows.push(row(format!("`{name}`: the floor's check"), floor.time, "target", targets.check, None));
        rows.extend(
            floor.peak_kib.map(|peak| beside(format!("`{name}`: the floor's peak memory"), peak, targets.peak_kib)),
        );
    }
    Ok(rows)
}

/// The large corpus crate's resources checked in two halves at once ([`halves`]), beside its
/// targets.
fn halves_rows(name: &str, crate_dir: &Path, options: &crate::corpus::Options) -> anyhow::Result<Vec<Row>> {
    let Some(targets) = large_spec(name).map(|spec| spec.crate_targets) else {
        return Ok(Vec::new());
    };
    let halves = halves::measure(crate_dir, options).with_context(|| format!("`{name}` in two halves"))?;
    let half = |features: &str| {
        let resources: Vec<&str> = features.split(',').filter(|feature| *feature != "client").collect();
        format!("{} resources, `{}` the largest", resources.len(), resources.first().copied().unwrap_or_default())
    };
    let mut rows = vec![
        plain(format!("`{name}`: the halves"), format!("{}; {}", half(&halves.features[0]), half(&halves.features[1]))),
        row(
            format!("`{name}`: its two halves at once (each with the shared types it uses and the client)"),
            halves.both.time,
            "target",
            targets.check,
            None,
        ),
        row(
            format!("`{name}`: its shared types and the client alone, then the two halves at once"),
            halves.shared.time + halves.both.time,
            "target",
            targets.check,
            None,
        ),
    ];
    rows.extend(
        halves
            .both
            .peak_kib
            .map(|peak| beside(format!("`{name}`: the larger half's peak memory"), peak, targets.peak_kib)),
    );
    rows.extend(
        halves.peaks_sum_kib.map(|sum| plain(format!("`{name}`: the two halves' peaks added"), memory::show_kib(sum))),
    );
    Ok(rows)
}

/// The passes of the large corpus crate's check, each beside the compiler's total; one row
/// saying why when rustc could not report them (a compiler without `-Ztime-passes`).
fn profile_rows(passes: &anyhow::Result<Vec<crate::corpus::Pass>>) -> Vec<Row> {
    let name = Path::new(LARGE_CORPUS_SPEC).file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let passes = match passes {
        Ok(passes) => passes,
        Err(why) => {
            let first = format!("{why:#}").lines().next().unwrap_or_default().to_owned();
            return vec![plain(format!("`{name}`: where the check goes"), format!("not measured: {first}"))];
        }
    };
    let total = passes.iter().find(|pass| pass.name == "total").map_or(Duration::ZERO, |pass| pass.time);
    passes
        .iter()
        .filter(|pass| pass.name != "total")
        .map(|pass| {
            let shown = crate::corpus::PROFILED_PASSES
                .iter()
                .find(|(rustc, _)| *rustc == pass.name)
                .map_or(pass.name.as_str(), |(_, shown)| shown);
            row(
                format!("`{name}`: {shown} (resident after: {} MB)", pass.resident_mb),
                pass.time,
                "the compiler's whole check",
                total,
                None,
            )
        })
        .collect()
}

fn ratio(figure: Duration, floor: Duration) -> f64 {
    figure.as_secs_f64() / floor.as_secs_f64().max(f64::MIN_POSITIVE)
}

fn row(measure: String, figure: Duration, floor: &str, floor_figure: Duration, target: Option<f64>) -> Row {
    Row {
        measure,
        figure: show(figure),
        floor: floor.to_owned(),
        floor_figure: show(floor_figure),
        ratio: Some(ratio(figure, floor_figure)),
        target: target.map(|max_ratio| Target { max_ratio }),
    }
}

fn plain(measure: String, figure: String) -> Row {
    Row { measure, figure, floor: String::new(), floor_figure: String::new(), ratio: None, target: None }
}

/// The stages of one input's generation; `target` bounds the total's ratio to parsing the input.
fn generation_rows(figures: &generation::GenerationFigures, target: Option<f64>) -> Vec<Row> {
    let input = &figures.input;
    let floor = "parse into `Value`";
    let stage = |name: &str, duration| row(format!("`{input}`: {name}"), duration, floor, figures.parse_value, None);
    let mut rows = vec![
        plain(format!("`{input}`: size"), format!("{} bytes, {} lines generated", figures.bytes, figures.lines)),
        stage("load", figures.load),
        stage("lower", figures.lower),
        stage("emit and format, modules in parallel", figures.emit_and_format),
        stage("emit, one thread", figures.emit),
        stage("format, one thread: `syn` parse", figures.format_parse),
        stage("format, one thread: `prettyplease` print", figures.format_print),
        // The bound is for the large document; other inputs' ratios are shown, not judged.
        row(format!("`{input}`: **total**"), figures.total, floor, figures.parse_value, target),
        stage("total, modules on one thread", figures.total_one_thread),
    ];
    if let Some(parse_openapiv3) = figures.parse_openapiv3 {
        rows.push(row(
            format!("`{input}`: total"),
            figures.total,
            "parse into `openapiv3::OpenAPI`",
            parse_openapiv3,
            None,
        ));
    }
    rows
}

fn memory_rows(options: &Options, input: &Path, shown: &str) -> anyhow::Result<Vec<Row>> {
    use memory::{Task, measure, show_kib};
    let generate = measure(&options.xtask_binary, Task::Generate, input)?;
    let parse = measure(&options.xtask_binary, Task::ParseValue, input)?;
    let idle = measure(&options.xtask_binary, Task::Idle, input)?;
    let (Some(generate), Some(parse), Some(idle)) = (generate, parse, idle) else {
        return Ok(vec![plain(format!("`{shown}`: peak memory"), "not measured on this platform".to_owned())]);
    };
    #[expect(clippy::cast_precision_loss, reason = "a ratio for people")]
    let ratio = generate as f64 / parse.max(1) as f64;
    Ok(vec![Row {
        measure: format!("`{shown}`: peak memory (idle process: {})", show_kib(idle)),
        figure: show_kib(generate),
        floor: "parse into `Value`".to_owned(),
        floor_figure: show_kib(parse),
        ratio: Some(ratio),
        target: None,
    }])
}

fn runtime_rows(figures: &runtime::RuntimeFigures) -> Vec<Row> {
    let page = &figures.page;
    let request = &figures.request;
    let value = "`serde_json::Value`";
    let mut rows = vec![
        // "At least 1.5x faster than `Value`" is a typed/Value ratio of at most 1/1.5.
        row(
            "list page: deserialise".to_owned(),
            page.deserialize_typed,
            value,
            page.deserialize_value,
            Some(1.0 / 1.5),
        ),
        // "Encoding no slower than `Value`".
        row("list page: serialise".to_owned(), page.serialize_typed, value, page.serialize_value, Some(1.0)),
        row(
            "create request: deserialise".to_owned(),
            request.deserialize_typed,
            value,
            request.deserialize_value,
            None,
        ),
        row("create request: serialise".to_owned(), request.serialize_typed, value, request.serialize_value, None),
        row(
            "create request: `validate()`".to_owned(),
            figures.validate,
            "serialise it",
            request.serialize_typed,
            Some(0.25),
        ),
        row(
            "client: one request (`deployments().retrieve`), local server".to_owned(),
            figures.client.client,
            "bare `reqwest`, same request, same decoding",
            figures.client.bare,
            Some(1.1),
        ),
    ];
    let enums = &figures.enums;
    for (what, codec) in [
        ("closed", &enums.large_closed),
        ("open", &enums.large_open),
        ("closed", &enums.small_closed),
        ("open", &enums.small_open),
    ] {
        // "No slower than the enum written out" (issue 23), with 5 % for noise: on the 2-core
        // machine shared with other builds, the ratio of the two medians (alternate batches)
        // moved between runs with nothing changed, the small closed read's from 0.88x to 1.03x.
        let floor = if what == "closed" { "written out: derive" } else { "written out: `match`" };
        let size = codec.listed;
        rows.push(row(
            format!("enum of {size} values, {what}: deserialise"),
            codec.read,
            floor,
            codec.read_floor,
            Some(1.05),
        ));
        rows.push(row(
            format!("enum of {size} values, {what}: serialise"),
            codec.write,
            floor,
            codec.write_floor,
            Some(1.05),
        ));
    }
    rows
}

fn compile_rows(figures: &compile::CompileFigures) -> Vec<Row> {
    let floor = "empty crate, same dependencies";
    let mut rows = vec![
        row("cold `cargo check`".to_owned(), figures.check, floor, figures.check_floor, Some(2.0)),
        row("cold `cargo build`".to_owned(), figures.build, floor, figures.build_floor, None),
        row(
            "`cargo check` of the crate alone".to_owned(),
            figures.check_crate_alone,
            floor,
            figures.check_crate_alone_floor,
            None,
        ),
        plain("lines of code".to_owned(), figures.lines.to_string()),
    ];
    if let Some(without) = &figures.without_client {
        rows.push(row(
            "cold `cargo check`, without the `client` feature".to_owned(),
            without.check,
            "empty crate, same dependencies, without it",
            without.check_floor,
            Some(2.0),
        ));
        rows.push(row(
            "the `client` feature: cold `cargo check` with it".to_owned(),
            figures.check,
            "the same crate without it",
            without.check,
            None,
        ));
    }
    rows
}

/// The heading of the one section of BENCHMARKS.md that is measured by hand: the test command's
/// time from a fresh clone, which no benchmark run could take (it would have to run the suite
/// that runs the benchmark). `cargo xtask bench` keeps it as it finds it.
pub const TEST_COMMAND_SECTION: &str = "## The test command";

/// The [`TEST_COMMAND_SECTION`] of an earlier BENCHMARKS.md, from its heading to the next
/// section or the end, with one line break at its end; empty when there is none.
#[must_use]
pub fn test_command_section(previous: &str) -> String {
    let Some(start) = previous.lines().position(|line| line.trim_end() == TEST_COMMAND_SECTION) else {
        return String::new();
    };
    let lines: Vec<&str> = previous.lines().skip(start).collect();
    let end = lines.iter().skip(1).position(|line| line.starts_with("## ")).map_or(lines.len(), |at| at + 1);
    let mut section = lines[..end].join("\n").trim_end().to_owned();
    section.push('\n');
    section
}

/// BENCHMARKS.md: the machine, the command, the tables, and the targets missed; then the
/// test command's section of the `previous` file, kept.
#[must_use]
pub fn benchmarks_markdown(report: &Report, command: &str, machine: &str, previous: &str) -> String {
    let mut text = String::from(
        "# Benchmarks\n\nWritten by `cargo xtask bench`; do not edit by hand, but for its last section, the test \
         command's time, which is measured by hand and which the bench keeps. Each figure is the median of repeated \
         runs in one process, next to its floor measured in the same run; a ratio is figure ÷ floor.\n\n",
    );
    let _ = write!(text, "- **Command:** `{command}`\n- **Machine:** {machine}\n\n");
    let missed = report.missed_targets();
    if missed.is_empty() {
        text.push_str("Every target is met.\n\n");
    } else {
        text.push_str("Targets missed:\n\n");
        for line in &missed {
            let _ = writeln!(text, "- {line}");
        }
        text.push('\n');
    }
    text.push_str(&report.markdown());
    let kept = test_command_section(previous);
    if !kept.is_empty() {
        text.push_str(&kept);
    }
    text
}

/// The machine, as BENCHMARKS.md records it: CPU, cores, memory, OS, compiler.
#[must_use]
pub fn machine_description() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .find(|line| line.starts_with("model name"))
                .and_then(|line| line.split_once(':'))
                .map(|(_, model)| model.trim().to_owned())
        })
        .unwrap_or_else(|| std::env::consts::ARCH.to_owned());
    let cores = std::thread::available_parallelism().map_or(0, std::num::NonZero::get);
    let memory = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|info| {
            let kib: u64 = info.lines().next()?.split_whitespace().nth(1)?.parse().ok()?;
            Some(format!(", {} GiB", kib / (1024 * 1024)))
        })
        .unwrap_or_default();
    let rustc = std::process::Command::new("rustc")
        .arg("--version")
        .output()
        .ok()
        .map(|output| String::from_utf8_lossy(&output.stdout).trim().to_owned())
        .unwrap_or_default();
    format!("{cpu}, {cores} cores{memory}, {} ({}), {rustc}", std::env::consts::OS, std::env::consts::ARCH)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PREVIOUS: &str = "# Benchmarks\n\n## Generation\n\n| old | table |\n\n## The test command\n\n\
                            Measured by hand.\n\n| when | cold |\n|---|---:|\n| today | 9 min |\n\n## Later\n\nold\n";

    fn figures(name: &str, lines: usize, seconds: u64, peak_kib: u64) -> crate::corpus::SpecFigures {
        let check = crate::corpus::Check { time: Duration::from_secs(seconds), peak_kib: Some(peak_kib) };
        crate::corpus::SpecFigures {
            name: name.to_owned(),
            operations: 1,
            schemas: 1,
            generation: Duration::ZERO,
            lines,
            untyped: 0,
            untyped_reasons: Vec::new(),
            other_warnings: 0,
            paging: std::collections::BTreeMap::new(),
            check: Some(Ok(check)),
            one_feature: Some(("repos".to_owned(), Ok(check))),
        }
    }

    #[test]
    fn a_large_crate_is_judged_by_its_own_targets_and_one_without_targets_is_shown() {
        let report = Report {
            sections: vec![Section {
                title: "Large".to_owned(),
                about: String::new(),
                rows: large_crate_rows(&[
                    figures("api.github.com.json", 957_077, 50, GB_IN_KIB),
                    figures(crate::OFFICIAL_DOCUMENT_NAME, 200_000, 500, 100 * GB_IN_KIB),
                ])
                .expect("rows"),
            }],
        };
        let missed = report.missed_targets();
        // GitHub's crate is too long and its one-feature check too slow; nothing else is judged.
        assert_eq!(missed.len(), 2, "{missed:?}");
        assert!(missed[0].starts_with("`api.github.com.json`: lines: 2.13x"), "{missed:?}");
        assert!(missed[1].starts_with("`api.github.com.json`: the same with only `repos`: 8.33x"), "{missed:?}");
        let text = report.markdown();
        assert!(text.contains("| `api.github.com.json`: `cargo check` of the crate alone | 50.00 s | target | 60.00 s | 0.83x | ≤ 1.00x: met |"), "{text}");
        assert!(
            text.contains(&format!(
                "| `{}`: `cargo check` of the crate alone | 500.00 s |  |",
                crate::OFFICIAL_DOCUMENT_NAME
            )),
            "{text}"
        );
    }

    #[test]
    fn every_section_has_a_name_on_the_command_line() {
        for (name, kind) in SectionKind::ALL {
            assert_eq!(SectionKind::from_name(name), Some(kind));
        }
        assert_eq!(SectionKind::from_name("Generation"), None);
    }

    #[test]
    fn the_test_command_s_section_is_kept_up_to_the_next_section() {
        assert_eq!(
            test_command_section(PREVIOUS),
            "## The test command\n\nMeasured by hand.\n\n| when | cold |\n|---|---:|\n| today | 9 min |\n"
        );
        assert_eq!(test_command_section("# Benchmarks\n\n## Generation\n"), "");
    }

    #[test]
    fn a_new_report_keeps_the_test_command_s_section_and_drops_the_old_tables() {
        let report = Report {
            sections: vec![Section { title: "Generation".to_owned(), about: "New.".to_owned(), rows: Vec::new() }],
        };
        let text = benchmarks_markdown(&report, "cargo xtask bench", "a machine", PREVIOUS);
        assert!(text.ends_with("| today | 9 min |\n"), "{text}");
        assert!(!text.contains("| old | table |") && !text.contains("## Later"), "{text}");
        assert_eq!(text.matches(TEST_COMMAND_SECTION).count(), 1, "{text}");
        // Written anew from a file that had none, or into a fresh file, the section is absent.
        assert!(!benchmarks_markdown(&report, "cargo xtask bench", "a machine", "").contains(TEST_COMMAND_SECTION));
    }
}
