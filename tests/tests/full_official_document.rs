//! The whole official API document (`shared/reference/official/anthropic-openapi-full-*.json`:
//! OpenAPI 3.1.0, 144 operations, 1,101 schemas) generates a standalone crate that compiles.
//!
//! `cargo check`, not `cargo build`: type checking is what proves the generated code right, and
//! code generation for 150,000 lines would double the time for nothing more. The crate is written
//! outside the workspace (a temporary directory) with the workspace's lock file, so it resolves
//! the same dependency versions; its build directory is kept under `target/` between runs.

use std::process::Command;

use codegen::Severity;

const DOCUMENT: &str = "anthropic-openapi-full-2026-08-22.json";

#[test]
fn the_full_official_document_generates_a_crate_that_compiles() {
    let spec = tests::reference_dir().join("official").join(DOCUMENT);
    let config =
        codegen::Config::default().with_regenerate_command("cargo test -p tests --test full_official_document");
    let generated = codegen::generate_from_path(&spec, &config).unwrap_or_else(|errors| panic!("{errors}"));

    // What could not be typed precisely is a warning with its pointer, never an error; the
    // count is pinned so that a regression (or an improvement) is noticed.
    let warnings = generated.warnings();
    assert!(warnings.iter().all(|w| w.severity == Severity::Warning && !w.message.is_empty()));
    let untyped: Vec<&str> = warnings
        .iter()
        .filter(|w| w.message.starts_with("typed as `serde_json::Value`"))
        .map(|w| w.pointer.as_str())
        .collect();
    let media_types = warnings.iter().filter(|w| w.message.starts_with("media type")).count();
    eprintln!(
        "{} warnings: {} schemas typed as JSON values, {media_types} media types not typed",
        warnings.len(),
        untyped.len()
    );
    assert_eq!(untyped.len(), 0, "schemas typed as `serde_json::Value`:\n{}", untyped.join("\n"));

    let crate_dir = std::env::temp_dir().join(format!("full-official-document-{}", std::process::id()));
    let _cleanup = RemoveOnDrop(crate_dir.clone());
    for (path, contents) in generated.standalone_crate("anthropic-full-official").expect("formats") {
        let path = crate_dir.join(path);
        std::fs::create_dir_all(path.parent().expect("a parent directory")).expect("a writable temporary directory");
        std::fs::write(&path, contents).expect("a writable temporary directory");
    }
    std::fs::copy(tests::workspace_root().join("Cargo.lock"), crate_dir.join("Cargo.lock"))
        .expect("the workspace lock file");
    // An empty workspace table: the crate is a workspace of its own, wherever the temp dir is.
    let manifest = crate_dir.join("Cargo.toml");
    let with_workspace = std::fs::read_to_string(&manifest).expect("the manifest") + "\n[workspace]\n";
    std::fs::write(&manifest, with_workspace).expect("the manifest");

    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let output = Command::new(cargo)
        .current_dir(&crate_dir)
        .args(["check", "--quiet", "--message-format=short"])
        .env("CARGO_TARGET_DIR", tests::workspace_root().join("target").join("full-official-document"))
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo runs");
    let messages = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "the generated crate does not compile:\n{messages}");
    let compiler_warnings = messages.lines().filter(|line| line.contains("warning:")).count();
    assert_eq!(compiler_warnings, 0, "the generated crate compiles with warnings:\n{messages}");
}

struct RemoveOnDrop(std::path::PathBuf);

impl Drop for RemoveOnDrop {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
