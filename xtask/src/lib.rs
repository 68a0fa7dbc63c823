//! Project automation, as a library so the workspace tests run exactly the code `cargo xtask` runs.
//!
//! The binary (`src/main.rs`) only parses arguments and prints; everything that reads, compares,
//! writes or measures lives here, in [`codegen`] and [`bench`].

pub mod bench;
pub mod codegen;

use std::path::{Component, Path, PathBuf};

/// The workspace root: the parent of this crate's manifest directory.
#[must_use]
pub fn workspace_root() -> PathBuf {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    // `xtask/` always sits directly under the root; should it ever not, the manifest directory is
    // still a usable anchor for relative paths, so fall back to it rather than panic.
    manifest_dir.parent().unwrap_or(manifest_dir).to_path_buf()
}

/// `path` as shown to people: relative to the workspace root when inside it, with `/` separators
/// so messages and diff headers read the same on every platform; otherwise as given.
#[must_use]
pub fn display_path(path: &Path) -> String {
    let root = workspace_root();
    match path.strip_prefix(&root) {
        Ok(relative) if !relative.as_os_str().is_empty() => {
            relative.components().map(|component| component.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
        }
        _ => path.display().to_string(),
    }
}

/// `path` made absolute against `base` and cleaned of `.` and `..` lexically, so a path typed as
/// `../spec/x.yaml` from `tests/` is shown as `spec/x.yaml`. Lexical cleaning can be wrong across
/// symlinks, but these paths are only ever the user's own, inside or beside the workspace.
#[must_use]
pub fn resolve(base: &Path, path: &Path) -> PathBuf {
    let mut resolved = PathBuf::new();
    for component in base.join(path).components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                resolved.pop();
            }
            other => resolved.push(other),
        }
    }
    resolved
}

/// `path` relative to the directory `base` (both absolute and cleaned, as [`resolve`] gives
/// them), with `/` separators: `../specs/api.json` for `/w/specs/api.json` from `/w/crate`; `.`
/// for `base` itself.
#[must_use]
pub fn relative_to(base: &Path, path: &Path) -> String {
    let base: Vec<Component<'_>> = base.components().collect();
    let path: Vec<Component<'_>> = path.components().collect();
    let common = base.iter().zip(&path).take_while(|(a, b)| a == b).count();
    let parts: Vec<String> = std::iter::repeat_n("..".to_owned(), base.len() - common)
        .chain(path[common..].iter().map(|component| component.as_os_str().to_string_lossy().into_owned()))
        .collect();
    if parts.is_empty() { ".".to_owned() } else { parts.join("/") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_climb_to_the_common_ancestor() {
        let crate_dir = Path::new("/work/crates/api");
        assert_eq!(relative_to(crate_dir, Path::new("/work/specs/api.json")), "../../specs/api.json");
        assert_eq!(relative_to(crate_dir, Path::new("/work/crates/api/openapi.yaml")), "openapi.yaml");
        assert_eq!(relative_to(crate_dir, crate_dir), ".");
        assert_eq!(relative_to(crate_dir, Path::new("/elsewhere")), "../../../elsewhere");
    }
}
