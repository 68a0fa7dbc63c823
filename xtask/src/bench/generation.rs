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
    /// IR → token streams.
    pub emit: Duration,
    /// Token streams → formatted files (`syn` parse and `prettyplease`).
    pub format: Duration,
    /// The `syn` half of formatting: the modules' token streams parsed into syntax trees.
    pub format_parse: Duration,
    /// The `prettyplease` half: the syntax trees printed.
    pub format_print: Duration,
    /// All four stages (the median of the sums, not the sum of the medians).
    pub total: Duration,
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

    let mut stages: [Vec<Duration>; 5] = Default::default();
    let mut format_halves: [Vec<Duration>; 2] = Default::default();
    let mut lines = 0;
    // The version the document declares (the loaded document is already normalised to 3.0).
    let version_30 = parse_as::<serde_json::Value>(&text, json)?["openapi"]
        .as_str()
        .is_some_and(|version| version.starts_with("3.0."));
    for _ in 0..sampling.samples.max(1) {
        let (document, load) = timed(|| codegen::load::load_str(&text, shown));
        let document = document.map_err(|diagnostics| anyhow::anyhow!("`{shown}` does not load:\n{diagnostics}"))?;
        let (lowered, lower) = timed(|| codegen::lower_document(&document));
        let lowered = lowered.map_err(|diagnostics| anyhow::anyhow!("`{shown}` does not generate:\n{diagnostics}"))?;
        let (generated, emit) = timed(|| lowered.emit(&config));
        let (files, format) = timed(|| generated.crate_files());
        let files = files.map_err(|bug| anyhow::anyhow!("`{shown}` does not format:\n{bug}"))?;
        lines = files.values().map(|file| file.lines().count()).sum();
        // The two halves of formatting, timed apart on the same modules.
        let modules: Vec<_> = generated.modules().iter().map(|module| module.tokens.clone()).collect();
        let (parsed, parse) =
            timed(|| modules.into_iter().map(syn::parse2::<syn::File>).collect::<Result<Vec<_>, _>>());
        let parsed = parsed.context("a generated module does not parse")?;
        let (_, print) = timed(|| parsed.iter().map(|file| prettyplease::unparse(file).len()).sum::<usize>());
        format_halves[0].push(parse);
        format_halves[1].push(print);
        for (samples, duration) in stages.iter_mut().zip([load, lower, emit, format, load + lower + emit + format]) {
            samples.push(duration);
        }
    }
    let [load, lower, emit, format, total] = stages.map(|mut samples| median(&mut samples));
    let [format_parse, format_print] = format_halves.map(|mut samples| median(&mut samples));

    let parse_value = sampling.per_call(|| parse_as::<serde_json::Value>(&text, json).is_ok());
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
        format,
        format_parse,
        format_print,
        total,
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
    Ok(if json { serde_json::from_str(text)? } else { serde_saphyr::from_str(text)? })
}
