//! Cargo on the scratch crates that the bench, the corpus and the workspace tests generate: one
//! way to run it, one way to force a real check, and one target directory they all build into.
//!
//! Every nested build of the test command (the corpus crates and their doctests, the compile
//! rows of the bench's smoke run, the sample of `no_panic`, the lints of the generated crate)
//! goes to [`nested_target_dir`], so a dependency such as `reqwest` or `serde` is compiled once
//! per cold run rather than once per scratch directory. For that the builds must agree on what
//! cargo fingerprints: [`in_dir`] clears the flags an outer build may have set and turns
//! incremental compilation off, and warnings are denied on the checked crate alone
//! ([`DENY_WARNINGS`], passed to rustc after `--`), never through `RUSTFLAGS`, which would give
//! every dependency a fingerprint of its own.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Arguments for `cargo rustc … --` that deny warnings in the one crate being compiled.
pub const DENY_WARNINGS: &[&str] = &["-D", "warnings"];

/// The target directory every nested build shares: `nested/` in the workspace's target
/// directory (`CARGO_TARGET_DIR` when set, else `target/` at the root). A directory apart from
/// the outer build's, so a nested cargo never waits on the lock of the build that runs it. (A
/// `build.target-dir` set in a cargo config file is not read: the nested builds then go under
/// `target/` at the root.)
#[must_use]
pub fn nested_target_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .filter(|dir| !dir.is_empty())
        // Relative to where cargo was started, as cargo reads it.
        .map_or_else(|| crate::workspace_root().join("target"), |dir| std::path::absolute(&dir).unwrap_or(dir.into()));
    target.join("nested")
}

/// `cargo` (the one running the tests, else the one on the path) in the crate or workspace
/// `dir`, building into `target`: not incremental, as a dependency is built (a check is then the
/// same work each time, and no incremental caches pile up), with no `RUSTFLAGS` of an outer
/// build, so every nested build fingerprints dependencies alike, and without the variables cargo
/// sets for the test or program that runs it ([`is_set_by_cargo_for_a_crate`]).
#[must_use]
pub fn in_dir(dir: &Path, target: &Path) -> Command {
    let mut command = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    command
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .env("CARGO_INCREMENTAL", "0")
        .env_remove("RUSTFLAGS")
        .env_remove("CARGO_ENCODED_RUSTFLAGS")
        .env_remove("RUSTDOCFLAGS")
        .env_remove("CARGO_ENCODED_RUSTDOCFLAGS");
    without_the_outer_crate_s_variables(&mut command);
    command
}

/// Removes from `command` the variables cargo set for the test or program that runs it
/// ([`is_set_by_cargo_for_a_crate`]), for a cargo run in the workspace itself (the bench's
/// `runtime-bench`): build scripts that read one (`ring`'s) would run again, and everything
/// above them be rebuilt, once there and once more in the next plain `cargo test`.
pub fn without_the_outer_crate_s_variables(command: &mut Command) {
    for (name, _) in std::env::vars_os() {
        if name.to_str().is_some_and(is_set_by_cargo_for_a_crate) {
            command.env_remove(name);
        }
    }
}

/// Whether cargo sets the variable `name` for a crate it compiles or a test it runs
/// (`CARGO_PKG_NAME`, `CARGO_MANIFEST_DIR`, …). Inherited by a nested cargo, they make every
/// crate that reads one (the generated client's user agent reads `CARGO_PKG_NAME`) stale on
/// every run: cargo compares the value the crate was compiled with against its own environment,
/// where the outer test's package name is.
#[must_use]
pub fn is_set_by_cargo_for_a_crate(name: &str) -> bool {
    const PREFIXES: &[&str] = &["CARGO_PKG_", "CARGO_MANIFEST_", "CARGO_CRATE_", "CARGO_BIN_"];
    const NAMES: &[&str] = &["CARGO_PRIMARY_PACKAGE", "CARGO_TARGET_TMPDIR", "CARGO_RUSTC_CURRENT_DIR"];
    PREFIXES.iter().any(|prefix| name.starts_with(prefix)) || NAMES.contains(&name)
}

/// Rewrites the crate's `src/lib.rs` as it is, so cargo compiles the crate again even when an
/// earlier run left it fresh: what follows is a real check of the crate alone.
pub fn force_recheck(dir: &Path) -> anyhow::Result<()> {
    let lib = dir.join("src/lib.rs");
    std::fs::write(&lib, std::fs::read(&lib)?)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_builds_clear_the_outer_flags_and_incremental_compilation() {
        let command = in_dir(Path::new("/crate"), Path::new("/shared"));
        let envs: Vec<(String, Option<String>)> = command
            .get_envs()
            .map(|(key, value)| {
                (key.to_string_lossy().into_owned(), value.map(|value| value.to_string_lossy().into_owned()))
            })
            .collect();
        for (key, value) in [
            ("CARGO_TARGET_DIR", Some("/shared")),
            ("CARGO_INCREMENTAL", Some("0")),
            ("RUSTFLAGS", None),
            ("CARGO_ENCODED_RUSTFLAGS", None),
        ] {
            let expected = (key.to_owned(), value.map(str::to_owned));
            assert!(envs.contains(&expected), "{expected:?} not in {envs:?}");
        }
        assert_eq!(command.get_current_dir(), Some(Path::new("/crate")));
        // Cargo sets these for this very test; the nested cargo must not see them.
        for name in ["CARGO_PKG_NAME", "CARGO_MANIFEST_DIR"] {
            assert!(std::env::var_os(name).is_some(), "{name} is not set for unit tests");
            assert!(envs.contains(&(name.to_owned(), None)), "{name} reaches the nested cargo: {envs:?}");
        }
    }

    #[test]
    fn the_variables_cargo_sets_for_a_crate_are_told_from_the_user_s() {
        for name in ["CARGO_PKG_NAME", "CARGO_PKG_VERSION_MAJOR", "CARGO_MANIFEST_DIR", "CARGO_BIN_EXE_xtask"] {
            assert!(is_set_by_cargo_for_a_crate(name), "{name}");
        }
        for name in ["CARGO_HOME", "CARGO_TARGET_DIR", "CARGO_NET_OFFLINE", "CARGO", "PATH"] {
            assert!(!is_set_by_cargo_for_a_crate(name), "{name}");
        }
    }

    #[test]
    fn the_nested_target_directory_sits_in_the_workspace_s_target_directory() {
        let nested = nested_target_dir();
        assert_eq!(nested.file_name().and_then(|name| name.to_str()), Some("nested"));
        assert!(nested.is_absolute(), "{}", nested.display());
    }

    #[test]
    fn a_forced_recheck_keeps_the_file_as_it_was_and_moves_its_time() {
        let dir = std::env::temp_dir().join(format!("xtask-force-recheck-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("src")).expect("a scratch directory");
        let lib = dir.join("src/lib.rs");
        std::fs::write(&lib, "//! A crate.\n").expect("a scratch file");
        let old = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1);
        std::fs::File::options().write(true).open(&lib).and_then(|file| file.set_modified(old)).expect("set mtime");
        force_recheck(&dir).expect("the file is rewritten");
        let modified = std::fs::metadata(&lib).and_then(|meta| meta.modified()).expect("an mtime");
        assert!(modified > old, "the time did not move");
        assert_eq!(std::fs::read_to_string(&lib).expect("the file"), "//! A crate.\n");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
