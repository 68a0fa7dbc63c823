//! Project automation, as a library so the workspace tests run exactly the code `cargo xtask` runs.
//!
//! The binary (`src/main.rs`) only parses arguments and prints; everything that reads, compares,
//! writes or measures lives here, in [`codegen`] and [`bench`].

pub mod bench;
pub mod cargo;
pub mod codegen;
pub mod corpus;

use std::path::{Path, PathBuf};

/// The full official API document, relative to the workspace root: the largest input of the
/// corpus and of the generation benchmark, kept beside the repository's own spec.
pub const OFFICIAL_DOCUMENT: &str = "tests/reference/official/anthropic-openapi-full-2026-08-22.json";

/// The file name of [`OFFICIAL_DOCUMENT`], as the corpus pins it.
pub const OFFICIAL_DOCUMENT_NAME: &str = file_name_of(OFFICIAL_DOCUMENT);

/// The part of a `/`-separated path after its last `/` (the whole path when it has none).
const fn file_name_of(path: &str) -> &str {
    let bytes = path.as_bytes();
    let mut start = bytes.len();
    while start > 0 && bytes[start - 1] != b'/' {
        start -= 1;
    }
    match std::str::from_utf8(bytes.split_at(start).1) {
        Ok(name) => name,
        Err(_) => path,
    }
}

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

#[cfg(test)]
mod tests {
    #[test]
    fn the_official_document_s_name_is_the_last_part_of_its_path() {
        assert_eq!(super::OFFICIAL_DOCUMENT_NAME, "anthropic-openapi-full-2026-08-22.json");
        assert_eq!(super::file_name_of("plain.json"), "plain.json");
        assert_eq!(super::file_name_of("a/b/"), "");
    }
}
