//! Run time of the generated types against `serde_json::Value` on the same bytes: a list page of
//! 100 deployments and the maximal create request, both ways, and `validate()` on the request;
//! one request through the generated client against the same request through `reqwest`; and
//! string enums read and written through their tables against the same enums written out value
//! by value, as the generator wrote them before (the fixture `string-enum-tables`).
//!
//! The timing itself runs in `xtask/runtime-bench`, a binary of its own that depends on the
//! generated crate: `xtask` must not, or a spec change that renames a type would stop
//! `cargo xtask codegen` from building, and so the crate from being regenerated.

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use anyhow::Context as _;
use serde::{Deserialize, Serialize};

use super::timing::Sampling;

/// Deployments on the benchmark's list page.
pub const PAGE_SIZE: usize = 100;

/// Timings of one document, typed and as `serde_json::Value`.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
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

/// One request through the generated client against the same request made with `reqwest`
/// alone, to the same local server.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub struct ClientOverhead {
    /// `client.deployments().retrieve(id).await`: built, validated, sent, read and decoded.
    pub client: Duration,
    /// The same GET with the same headers through a bare `reqwest::Client`, its body decoded
    /// into the same type: the floor.
    pub bare: Duration,
}

/// Values in each array of enum values the enum rows read and write.
pub const ENUM_VALUES: usize = 1_000;

/// One enum, read from and written to a JSON array of [`ENUM_VALUES`] of its values (every
/// value in turn, in an order that jumps about the enum), through its table and as the floor:
/// the same enum written out value by value (a derive with a `rename` per variant for a closed
/// enum, a `match` per direction for an open one), as the generator wrote it before.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub struct EnumCodec {
    /// How many values the enum lists.
    pub listed: usize,
    /// Bytes → the table-driven enum.
    pub read: Duration,
    /// Bytes → the enum written out: the floor.
    pub read_floor: Duration,
    /// The table-driven enum → bytes.
    pub write: Duration,
    /// The enum written out → bytes: the floor.
    pub write_floor: Duration,
}

/// The enum rows: a large and a small enum, each closed and open.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub struct EnumFigures {
    /// Merchant categories, only ever sent.
    pub large_closed: EnumCodec,
    /// Merchant categories, received.
    pub large_open: EnumCodec,
    /// Three values, only ever sent.
    pub small_closed: EnumCodec,
    /// Three values, received.
    pub small_open: EnumCodec,
}

/// What the generated types cost at run time.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub struct RuntimeFigures {
    /// The list page.
    pub page: Codec,
    /// The maximal create request.
    pub request: Codec,
    /// `validate()` on the maximal create request.
    pub validate: Duration,
    /// The client's own cost per request.
    pub client: ClientOverhead,
    /// String enums through their tables.
    pub enums: EnumFigures,
}

/// Measures the generated types in `xtask/runtime-bench` (built as this binary is, debug or
/// release); `spec` supplies the maximal request and the unions the page must cover.
pub fn measure(spec: &Path, sampling: &Sampling) -> anyhow::Result<RuntimeFigures> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut command = Command::new(cargo);
    crate::cargo::without_the_outer_crate_s_variables(&mut command);
    command.args(["run", "--quiet", "--package", "runtime-bench"]);
    if !cfg!(debug_assertions) {
        command.arg("--release");
    }
    let output = command
        .arg("--")
        .arg(spec)
        .arg(sampling.samples.to_string())
        .arg(sampling.min_sample.as_nanos().to_string())
        .current_dir(crate::workspace_root())
        .output()
        .context("cannot run `cargo run -p runtime-bench`")?;
    anyhow::ensure!(
        output.status.success(),
        "`runtime-bench` failed ({}):\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).context("`runtime-bench` printed no figures")
}
