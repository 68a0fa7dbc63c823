//! Generation time, stage by stage, against the floor of parsing the same bytes.

use std::path::Path;
use std::time::Duration;

use anyhow::Context as _;

use super::timing::{Sampling, median, timed};

/// What one input costs to generate from, and what merely parsing it costs.
#[derive(Debug, Clone)]
pub struct GenerationFigures {
    /// The input, as shown to people.
    pub input: String,
    /// Its size in bytes.
    pub bytes: usize,
    /// Text → `serde_json::Value` → (3.1 normalised) → `openapiv3::OpenAPI`.
    pub load: Duration,
    /// `openapiv3::OpenAPI` → IR.
    pub lower: Duration,
    /// IR → token streams, every module on one thread.
    pub emit: Duration,
    /// The `syn` half of formatting on one thread: the modules' token streams parsed into syntax
    /// trees.
    pub format_parse: Duration,
    /// The `prettyplease` half on one thread: the syntax trees printed.
    pub format_print: Duration,
    /// IR → formatted files as the generator does it: each module emitted and formatted on a
    /// thread of its own.
    pub emit_and_format: Duration,
    /// Load, lower, then emit and format in parallel (the median of the sums, not the sum of the
    /// medians).
    pub total: Duration,
    /// The same stages with every module emitted and formatted on one thread, as before the
    /// modules were split over threads.
    pub total_one_thread: Duration,
    /// The floor: the same bytes into `serde_json::Value` (for YAML, through the loader's YAML
    /// parser).
    pub parse_value: Duration,
    /// The same bytes into `openapiv3::OpenAPI`, for a 3.0 input (a 3.1 input does not fit it).
    pub parse_openapiv3: Option<Duration>,
    /// Lines of the formatted files.
    pub lines: usize,
}

/// Measures generating from the document at `path`.
pub fn measure(path: &Path, shown: &str, sampling: &Sampling) -> anyhow::Result<GenerationFigures> {
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read `{shown}`"))?;
    let json = is_json(path);
    let config = codegen::Config::default();

    let mut stages: [Vec<Duration>; 8] = Default::default();
    // The floor is timed in the same loop, one parse after each generation, so that a slow spell
    // of the machine (or the allocator's state after a generation) falls on both alike: timed on
    // its own after every sample, it moved by a third from one run of the bench to the next.
    let mut floor_samples = Vec::new();
    let mut lines = 0;
    // The version the document declares (the loaded document is already normalised to 3.0).
    let version_30 = parse_as::<serde_json::Value>(&text, json)?["openapi"]
        .as_str()
        .is_some_and(|version| version.starts_with("3.0."));
    for _ in 0..sampling.samples.max(1) {
        let (document, load) = timed(|| codegen::load::load_str(&text, shown, &[]));
        let document = document.map_err(|diagnostics| anyhow::anyhow!("`{shown}` does not load:\n{diagnostics}"))?;
        let (lowered, lower) = timed(|| codegen::lower_document(&document, &config));
        let lowered = lowered.map_err(|diagnostics| anyhow::anyhow!("`{shown}` does not generate:\n{diagnostics}"))?;
        let (generated, plan) = timed(|| lowered.emit(&config));
        let (files, emit_and_format) = timed(|| generated.crate_files());
        let files = files.map_err(|bug| anyhow::anyhow!("`{shown}` does not format:\n{bug}"))?;
        lines = files.values().map(|file| file.lines().count()).sum();
        // The same work on one thread, stage by stage: emit, then the two halves of formatting.
        let (modules, emit) = timed(|| generated.modules());
        let tokens: Vec<_> = modules.into_iter().map(|module| module.tokens).collect();
        let (parsed, parse) = timed(|| tokens.into_iter().map(syn::parse2::<syn::File>).collect::<Result<Vec<_>, _>>());
        let parsed = parsed.context("a generated module does not parse")?;
        let (_, print) = timed(|| parsed.iter().map(|file| prettyplease::unparse(file).len()).sum::<usize>());
        let total = load + lower + plan + emit_and_format;
        let total_one_thread = load + lower + plan + emit + parse + print;
        let (_, floor) = timed(|| parse_as::<serde_json::Value>(&text, json).is_ok());
        floor_samples.push(floor);
        let durations = [load, lower, emit, parse, print, emit_and_format, total, total_one_thread];
        for (samples, duration) in stages.iter_mut().zip(durations) {
            samples.push(duration);
        }
    }
    let [load, lower, emit, format_parse, format_print, emit_and_format, total, total_one_thread] =
        stages.map(|mut samples| median(&mut samples));

    let parse_value = median(&mut floor_samples);
    // A 3.1 document does not fit `openapiv3`'s 3.0 model, so it has no such floor; a parse that
    // fails would time the failure, so it must succeed to count.
    let parse_openapiv3 = if version_30 {
        parse_as::<openapiv3::OpenAPI>(&text, json).context("the 3.0 document does not read as `openapiv3`")?;
        Some(sampling.per_call(|| parse_as::<openapiv3::OpenAPI>(&text, json).is_ok()))
    } else {
        None
    };
    Ok(GenerationFigures {
        input: shown.to_owned(),
        bytes: text.len(),
        load,
        lower,
        emit,
        format_parse,
        format_print,
        emit_and_format,
        total,
        total_one_thread,
        parse_value,
        parse_openapiv3,
        lines,
    })
}

/// Whether the loader reads the document at `path` as JSON (else as YAML).
#[must_use]
pub fn is_json(path: &Path) -> bool {
    path.extension().is_some_and(|ext| ext.eq_ignore_ascii_case("json"))
}

/// Parses document text with the parser the loader uses for it: `serde_json` for JSON, the YAML
/// parser for anything else.
pub fn parse_as<T: serde::de::DeserializeOwned>(text: &str, json: bool) -> anyhow::Result<T> {
    Ok(if json { serde_json::from_str(text)? } else { codegen::load::parse_yaml(text)? })
}

/// What `--against` adds to a run: generating the crate from `new` (every file formatted), alone
/// and then with `old` loaded and lowered beside it and the two public APIs compared, as the
/// command line does it. The comparison's time is the median of the sums, not the sum of medians.
#[derive(Debug, Clone, Copy)]
pub struct ComparisonFigures {
    /// Generating from `new` alone.
    pub generate: Duration,
    /// The same, plus `old` loaded and lowered and the report made.
    pub generate_and_compare: Duration,
    /// How many changes the report lists (so the row shows that it compared something).
    pub changes: usize,
}

/// Measures `--against old` on top of generating from `new`.
pub fn measure_comparison(old: &Path, new: &Path, sampling: &Sampling) -> anyhow::Result<ComparisonFigures> {
    let read = |path: &Path| {
        std::fs::read_to_string(path).with_context(|| format!("cannot read `{}`", crate::display_path(path)))
    };
    let (old_text, new_text) = (read(old)?, read(new)?);
    let config = codegen::Config::default();
    let generate = |text: &str, origin: &str| {
        codegen::generate_from_str(text, origin, &config)
            .map_err(|diagnostics| anyhow::anyhow!("`{origin}` does not generate:\n{diagnostics}"))
    };
    let (mut alone, mut compared) = (Vec::new(), Vec::new());
    let mut changes = 0;
    for _ in 0..sampling.samples.max(1) {
        let (files, generate_time) = timed(|| {
            generate(&new_text, "new").and_then(|generated| {
                generated.crate_files().map_err(|bug| anyhow::anyhow!("{bug}"))?;
                Ok(generated)
            })
        });
        let generated = files?;
        let (report, compare_time) = timed(|| generate(&old_text, "old").map(|old| generated.api_changes_since(&old)));
        changes = report?.changes().len();
        alone.push(generate_time);
        compared.push(generate_time + compare_time);
    }
    Ok(ComparisonFigures { generate: median(&mut alone), generate_and_compare: median(&mut compared), changes })
}
