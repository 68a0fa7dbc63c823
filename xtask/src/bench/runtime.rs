//! Run time of the generated types against `serde_json::Value` on the same bytes: a list page of
//! 100 deployments and the maximal create request, both ways, and `validate()` on the request.

use std::path::Path;
use std::time::Duration;

use anyhow::Context as _;
use generated::{CreateDeploymentParams, ListDeploymentsData, Validate};
use serde_json::Value;

use super::page;
use super::timing::Sampling;

/// Deployments on the benchmark's list page.
pub const PAGE_SIZE: usize = 100;

/// Timings of one document, typed and as `serde_json::Value`.
#[derive(Debug, Clone, Copy)]
pub struct Codec {
    /// Its size in bytes.
    pub bytes: usize,
    /// Bytes → the generated type.
    pub deserialize_typed: Duration,
    /// Bytes → `serde_json::Value`: the floor.
    pub deserialize_value: Duration,
    /// The generated type → bytes.
    pub serialize_typed: Duration,
    /// `serde_json::Value` → bytes: the floor.
    pub serialize_value: Duration,
}

/// What the generated types cost at run time.
#[derive(Debug, Clone, Copy)]
pub struct RuntimeFigures {
    /// The list page.
    pub page: Codec,
    /// The maximal create request.
    pub request: Codec,
    /// `validate()` on the maximal create request.
    pub validate: Duration,
}

/// Measures the generated types; `spec` supplies the maximal request and the unions the page
/// must cover.
pub fn measure(spec: &Path, sampling: &Sampling) -> anyhow::Result<RuntimeFigures> {
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

    let request = &spec["paths"]["/v1/deployments"]["post"]["requestBody"]["content"]["application/json"]["examples"]
        ["maximal"]["value"];
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
