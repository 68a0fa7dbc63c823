//! Project automation, as a library so the workspace tests run exactly the code `cargo xtask` runs.
//!
//! The binary (`src/main.rs`) only parses arguments and prints; everything that reads, compares,
//! writes or measures lives here, in [`codegen`] and [`bench`].

pub mod bench;
pub mod codegen;
pub mod corpus;

use std::path::{Path, PathBuf};

/// The workspace root: the parent of this crate's manifest directory.
#[must_use]
pub fn workspace_root() -> PathBuf {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    // `xtask/` always sits directly under the root; should it ever not, the manifest directory is
    // still a usable anchor for relative paths, so fall back to it rather than panic.
    manifest_dir.parent().unwrap_or(manifest_dir).to_path_buf()
}

/// `path` as shown to people: relative to the workspace root when inside it, with `/`
/// separators; otherwise as given.
#[must_use]
pub fn display_path(path: &Path) -> String {
    ::openapi_crategen::files::display_path(&workspace_root(), path)
}

pub use ::openapi_crategen::{relative_to, resolve};
