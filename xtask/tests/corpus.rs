//! `cargo xtask corpus` in the test command: every real public spec of the corpus, and the full
//! official document, generates a crate that `cargo check`s with warnings denied, and none has
//! more parts typed as `serde_json::Value` than its pin.

#[test]
fn every_corpus_spec_generates_a_crate_that_checks_without_a_warning() {
    let root = xtask::workspace_root();
    let specs = xtask::corpus::default_specs(&root).expect("the corpus is vendored under tests/reference/corpus/");
    assert!(specs.len() >= 6, "the corpus lost specs: {specs:?}");
    let options = xtask::corpus::Options {
        specs,
        check: true,
        // Apart from `cargo xtask corpus`'s own directory, so the two never write one crate at once.
        scratch: std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("corpus"),
    };
    let rows = xtask::corpus::run(&options, &mut |what| eprintln!("corpus: {what}")).expect("the corpus runs");
    eprintln!("{}", xtask::corpus::table(&rows));
    let failures = xtask::corpus::failures(&rows);
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn a_pin_is_an_upper_bound_and_every_spec_needs_one() {
    let row = |name: &str, untyped| xtask::corpus::SpecFigures {
        name: name.to_owned(),
        operations: 0,
        schemas: 0,
        generation: std::time::Duration::ZERO,
        lines: 0,
        untyped,
        other_warnings: 0,
        check: None,
        one_feature: None,
    };
    let (name, pinned) = xtask::corpus::PINNED_UNTYPED[0];
    assert!(xtask::corpus::failures(&[row(name, pinned)]).is_empty());
    assert!(pinned == 0 || xtask::corpus::failures(&[row(name, pinned - 1)]).is_empty());
    assert_eq!(xtask::corpus::failures(&[row(name, pinned + 1)]).len(), 1, "one more than pinned fails");
    assert_eq!(xtask::corpus::failures(&[row("unknown.yaml", 0)]).len(), 1, "a spec without a pin fails");
    let one_feature_fails = xtask::corpus::SpecFigures {
        one_feature: Some(("pets".to_owned(), Err("error[E0425]".to_owned()))),
        ..row(name, pinned)
    };
    assert_eq!(xtask::corpus::failures(&[one_feature_fails]).len(), 1, "a crate that fails with one feature fails");
}
