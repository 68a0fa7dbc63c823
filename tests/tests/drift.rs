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
