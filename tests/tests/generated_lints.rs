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
    assert_docs_show_no_plumbing();
}

/// What the crate's own code uses to read and write objects (`Object`, its `Fields` and `Wire`)
/// is hidden: a type's page shows its fields, constructors and traits, and the index lists none
/// of them. No builder has traits of its own any more (`…_builder` modules): the bounds of every
/// `build()` are the runtime's `IsSet` and `IsUnset`, documented, with the markers of
/// `builders::fields`, which cannot be hidden since rustc prints a hidden type by its full path.
fn assert_docs_show_no_plumbing() {
    let docs = tests::workspace_root().join("target/generated-lints/doc/generated");
    let all = std::fs::read_to_string(docs.join("all.html")).expect("rustdoc wrote all.html");
    for hidden in ["object/trait.Object.html", "object/trait.Wire.html", "_builder/trait."] {
        assert!(!all.contains(hidden), "the docs list `{hidden}`");
    }
    let page = std::fs::read_to_string(docs.join("struct.Deployment.html")).expect("a type at the crate root");
    for hidden in ["impl-Object-for", "impl-Fields-for", "impl-Wire-for"] {
        assert!(!page.contains(hidden), "`Deployment`'s page shows `{hidden}`");
    }
    // A struct's `Validate` is the runtime's blanket impl over its (hidden) table, listed
    // among the blanket implementations.
    assert!(page.contains("impl-Validate-for-T"), "the page lists the traits users call");
}
