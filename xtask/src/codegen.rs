//! `cargo xtask codegen`: the generator's command line (the `openapi-crategen` package, the same
//! code as its installable binary) with this workspace's defaults, and the comparison the drift
//! test uses. Paths are shown relative to the workspace root.

use std::collections::BTreeMap;
use std::path::Path;

use ::openapi_crategen::files::Files;
pub use ::openapi_crategen::files::{Drift, DriftKind, Mode, unified_diff};
use anyhow::{Context, Result};

use crate::{display_path, workspace_root};

/// The spec `cargo xtask codegen` reads when not told otherwise, relative to the workspace root.
pub const DEFAULT_SPEC: &str = "spec/deployments.yaml";

/// The crate `cargo xtask codegen` writes when not told otherwise, relative to the workspace root.
pub const DEFAULT_OUT: &str = "generated";

/// The command line as `cargo xtask codegen`: `spec/deployments.yaml` into `generated/` unless
/// told otherwise, paths shown from the workspace root.
#[must_use]
pub fn front_end() -> ::openapi_crategen::FrontEnd {
    let root = workspace_root();
    ::openapi_crategen::FrontEnd {
        program: "cargo xtask codegen".to_owned(),
        default_spec: Some(root.join(DEFAULT_SPEC)),
        default_out: Some(root.join(DEFAULT_OUT)),
        defaults_help: format!("by default, {DEFAULT_SPEC} into {DEFAULT_OUT}/"),
        root,
    }
}

/// Runs the generator on `spec`. A generator failure is returned as an error whose cause is the
/// generator's [`codegen::Diagnostics`] (find it with `downcast_ref`), so callers can tell a bad
/// spec from a failed file operation.
pub fn generate(spec: &Path, config: &::codegen::Config) -> Result<::codegen::Generated> {
    ::codegen::generate_from_path(spec, config)
        .map_err(anyhow::Error::new)
        .with_context(|| format!("cannot generate code from `{}`", display_path(spec)))
}

/// Everything under `src_dir` that differs from what the generator makes of `spec`, without
/// changing anything: the comparison `cargo xtask codegen --check` and the drift test both use.
pub fn drifts(spec: &Path, src_dir: &Path, config: &::codegen::Config) -> Result<Vec<Drift>> {
    let files = generate(spec, config)?
        .crate_files()
        .map_err(anyhow::Error::new)
        .with_context(|| format!("cannot generate code from `{}`", display_path(spec)))?;
    sync_files(&files, src_dir, &display_path(spec), Mode::Check)
}

/// [`Files::sync`] with paths shown from the workspace root.
pub fn sync_files(files: &BTreeMap<String, String>, dir: &Path, source: &str, mode: Mode) -> Result<Vec<Drift>> {
    Files { base: &workspace_root(), source, mode, force: false }.sync(files, dir)
}

/// [`Files::ensure`] with paths shown from the workspace root.
pub fn ensure_file_contents(path: &Path, contents: &str, source: &str, mode: Mode) -> Result<Option<Drift>> {
    Files { base: &workspace_root(), source, mode, force: false }.ensure(path, contents)
}
