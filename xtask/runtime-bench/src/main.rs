//! The run-time half of `cargo xtask bench`: times the generated types against
//! `serde_json::Value` on the same bytes and prints the figures as JSON for `xtask` to report.
//!
//! A binary of its own because it depends on the generated crate, which `xtask` must not (see
//! `xtask::bench::runtime`). Arguments: the spec, the number of samples, and the shortest sample
//! in nanoseconds.

use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Context as _;
use generated::{CreateDeploymentParams, ListDeploymentsData, Validate};
use serde_json::Value;
use xtask::bench::page;
use xtask::bench::runtime::{Codec, PAGE_SIZE, RuntimeFigures};
use xtask::bench::timing::Sampling;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let sampling = match args.as_slice() {
        [_, samples, min_sample] => samples
            .parse()
            .ok()
            .zip(min_sample.parse().ok())
            .map(|(samples, nanos)| Sampling { samples, min_sample: Duration::from_nanos(nanos) }),
        _ => None,
    };
    let Some(sampling) = sampling else {
        eprintln!("usage: runtime-bench <spec> <samples> <shortest sample in nanoseconds>");
        return ExitCode::from(2);
    };
    match measure(Path::new(&args[0]), &sampling).and_then(|figures| Ok(serde_json::to_string(&figures)?)) {
        Ok(json) => {
            println!("{json}");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("runtime-bench: {error:#}");
            ExitCode::FAILURE
        }
    }
}

/// Measures the generated types; `spec` supplies the maximal request and the unions the page
/// must cover.
fn measure(spec: &Path, sampling: &Sampling) -> anyhow::Result<RuntimeFigures> {
    let spec_text = std::fs::read_to_string(spec).with_context(|| format!("cannot read `{}`", spec.display()))?;
    let spec: Value = serde_saphyr::from_str(&spec_text).context("the spec is not YAML")?;

    let page = page::deployments_page(PAGE_SIZE);
    let missing = page::missing_union_members(&spec, "ListDeploymentsData", &page);
    anyhow::ensure!(
        missing.is_empty(),
        "the benchmark page lacks union members the spec defines (add them to xtask/src/bench/page.rs):\n  {}",
        missing.join("\n  ")
    );
    let page = codec::<ListDeploymentsData>(&page, "the list page", sampling)?;

    let request = &spec["paths"]["/v1/deployments"]["post"]["requestBody"]["content"]["application/json"]["examples"]["maximal"]
        ["value"];
    anyhow::ensure!(request.is_object(), "the spec has no `maximal` example of the create request");
    let typed: CreateDeploymentParams = serde_json::from_value(request.clone())?;
    typed.validate().map_err(|errors| anyhow::anyhow!("the maximal create request is not valid:\n{errors}"))?;
    let validate = sampling.per_call(|| typed.validate().is_ok());
    let request = codec::<CreateDeploymentParams>(request, "the maximal create request", sampling)?;
    Ok(RuntimeFigures { page, request, validate })
}

/// Times `value` as bytes, typed as `T` and as `serde_json::Value`, after checking that the
/// typed form keeps all of it.
fn codec<T: serde::de::DeserializeOwned + serde::Serialize>(
    value: &Value,
    what: &str,
    sampling: &Sampling,
) -> anyhow::Result<Codec> {
    let bytes = serde_json::to_vec(value)?;
    let typed: T = serde_json::from_slice(&bytes).with_context(|| format!("{what} does not deserialise"))?;
    anyhow::ensure!(
        serde_json::to_value(&typed)? == *value,
        "{what} does not re-serialise unchanged, so timing it would compare different work"
    );
    let parsed: Value = serde_json::from_slice(&bytes)?;
    Ok(Codec {
        bytes: bytes.len(),
        deserialize_typed: sampling.per_call(|| serde_json::from_slice::<T>(&bytes).is_ok()),
        deserialize_value: sampling.per_call(|| serde_json::from_slice::<Value>(&bytes).is_ok()),
        serialize_typed: sampling.per_call(|| serde_json::to_vec(&typed).map(|out| out.len())),
        serialize_value: sampling.per_call(|| serde_json::to_vec(&parsed).map(|out| out.len())),
    })
}
