//! The generated crate passes `cargo clippy -- -D warnings` and `cargo doc` with
//! `RUSTDOCFLAGS="-D warnings"`: every description in the spec must survive as documentation.
//!
//! Both run in a target directory of their own, so they never wait on the lock of the build that
//! runs this test.

use std::process::Command;

fn cargo(args: &[&str], rustdocflags: Option<&str>) -> Result<(), String> {
    let root = tests::workspace_root();
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let mut command = Command::new(cargo);
    // `--target-dir` goes right after the subcommand: after `--` it would reach clippy-driver.
    let (subcommand, rest) = args.split_first().ok_or("no cargo subcommand")?;
    command
        .current_dir(&root)
        .arg(subcommand)
        .arg("--target-dir")
        .arg(root.join("target").join("generated-lints"))
        .args(rest);
    // Flags of the outer build (coverage, say) must not leak into this one.
    command.env_remove("RUSTFLAGS").env_remove("CARGO_ENCODED_RUSTFLAGS");
    match rustdocflags {
        Some(flags) => command.env("RUSTDOCFLAGS", flags),
        None => command.env_remove("RUSTDOCFLAGS"),
    };
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
/// and the builders' compile-time checks (`…_builder` modules of traits) are hidden: a type's
/// page shows its fields, constructors and traits, and the index lists none of them.
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
    assert!(page.contains("impl-Validate-for-Deployment"), "the page lists the traits users call");
}
