//! The generated crate passes `cargo clippy -- -D warnings` and `cargo doc` with
//! `RUSTDOCFLAGS="-D warnings"`: every description in the spec must survive as documentation.
//!
//! Both run in a target directory of their own, so they never wait on the lock of the build that
//! runs this test. It is not the nested builds' shared one: `generated/` builds here as a member
//! of this workspace, with its profile, so no dependency would be shared.

fn cargo(args: &[&str], rustdocflags: Option<&str>) -> Result<(), String> {
    let root = tests::workspace_root();
    // The runner of every nested build: flags of the outer build (coverage, say) and the
    // variables cargo sets for this test do not leak into this one.
    let mut command = xtask::cargo::in_dir(&root, &xtask::cargo::nested_target_dir().with_file_name("generated-lints"));
    command.args(args);
    if let Some(flags) = rustdocflags {
        command.env("RUSTDOCFLAGS", flags);
    }
    let output = command.output().map_err(|error| format!("cannot run cargo: {error}"))?;
    if output.status.success() {
        Ok(())
    } else {
        Err(format!(
            "`cargo {}` failed:\n{}{}",
            args.join(" "),
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        ))
    }
}

#[test]
fn generated_crate_passes_clippy_and_rustdoc_with_warnings_denied() {
    let clippy = cargo(&["clippy", "--quiet", "--package", "generated", "--", "--deny", "warnings"], None);
    let doc = cargo(&["doc", "--quiet", "--no-deps", "--package", "generated"], Some("-D warnings"));
    let failures: Vec<String> = [clippy, doc].into_iter().filter_map(Result::err).collect();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
