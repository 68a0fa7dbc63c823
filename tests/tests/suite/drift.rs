//! Drift: the committed `generated/` crate is exactly what the generator makes of `spec/`.
//!
//! The comparison is `cargo xtask codegen --check`'s own (`xtask::codegen::drifts`), so this test
//! and the command can never disagree about what counts as drift: a changed, missing or orphan
//! file under `generated/src/`.

#[test]
fn generated_crate_matches_the_spec() {
    let spec = tests::spec_path();
    let src_dir = tests::generated_src_dir();
    let drifts = xtask::codegen::drifts(&spec, &src_dir, &codegen::Config::default())
        .unwrap_or_else(|error| panic!("cannot compare generated/ with the spec: {error:?}"));
    let report: Vec<String> = drifts.iter().map(ToString::to_string).collect();
    assert!(
        drifts.is_empty(),
        "{} file(s) in generated/src/ differ from what spec/deployments.yaml generates:\n\n{}\n\
         run `cargo xtask codegen` to update generated/",
        drifts.len(),
        report.join("\n"),
    );
}

/// The features `cfg` names must exist in `generated/Cargo.toml` (else rustc warns of unexpected
/// `cfg`s and the feature cannot be turned on): its `[features]` table is exactly the one the
/// generator writes into a standalone crate's manifest: every resource and `client`, all on by
/// default, `client` turning on its optional dependencies (which cargo requires the manifest to
/// declare as such).
#[test]
fn generated_manifest_declares_the_features() {
    let generated = xtask::codegen::generate(&tests::spec_path(), &codegen::Config::default())
        .unwrap_or_else(|error| panic!("cannot generate: {error:?}"));
    assert!(!generated.features().is_empty(), "the spec's operations give features");
    let standalone = generated.standalone_crate("generated").unwrap_or_else(|error| panic!("cannot render: {error:?}"));
    let manifest_path = tests::workspace_root().join("generated/Cargo.toml");
    let manifest = std::fs::read_to_string(&manifest_path).expect("generated/Cargo.toml");
    let table = |manifest: &str| -> Vec<String> {
        manifest
            .lines()
            .skip_while(|line| line.trim() != "[features]")
            .skip(1)
            .take_while(|line| !line.starts_with('['))
            .map(str::trim)
            .filter(|line| !line.is_empty() && !line.starts_with('#'))
            .map(str::to_owned)
            .collect()
    };
    let wanted = table(&standalone["Cargo.toml"]);
    assert!(wanted.iter().any(|line| line.starts_with("client = [")), "{wanted:?}");
    assert_eq!(table(&manifest), wanted, "generated/Cargo.toml's [features] table differs from the generator's");
}

/// `cargo fmt` in a generated crate formats `lib.rs` (its modules are `#[rustfmt::skip]`), so
/// `lib.rs` must already be what rustfmt writes, at this workspace's width and at rustfmt's
/// default: else a maintainer's `cargo fmt --all` turns into drift.
#[test]
fn rustfmt_leaves_the_generated_lib_rs_as_the_generator_wrote_it() {
    let lib = tests::generated_src_dir().join("lib.rs");
    for width in ["120", "100"] {
        let checked = std::process::Command::new("rustfmt")
            .args(["--edition", "2024", "--check", "--config"])
            .arg(format!("max_width={width}"))
            .arg(&lib)
            .output()
            .expect("rustfmt runs (it comes with the toolchain, as cargo fmt does)");
        assert!(
            checked.status.success(),
            "rustfmt (max_width {width}) would change generated/src/lib.rs:\n{}",
            String::from_utf8_lossy(&checked.stdout)
        );
    }
}
