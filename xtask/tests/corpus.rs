//! `cargo xtask corpus` in the test command: every real public spec of the corpus, and the full
//! official document, generates a crate that `cargo check`s with warnings denied, and none has
//! more parts typed as `serde_json::Value` than its pin. Generated crates' doctests run here too
//! (one corpus crate's, and the crate of the fixture whose docs hold every Markdown hazard): this
//! binary already builds generated crates with cargo, into the target directory every nested
//! build shares (`xtask::cargo::nested_target_dir`), so the dependencies the doctests link to
//! are built once.

use std::path::PathBuf;

/// The corpus crate whose doctests run: Mistral's, the smallest crate to build, whose descriptions
/// hold fenced blocks (with and without a language, mid-line and indented).
const DOCTESTED: &str = "mistral.yaml";

/// Apart from `cargo xtask corpus`'s own directory, so the two never write one crate at once.
fn scratch() -> PathBuf {
    std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("corpus")
}

#[test]
fn every_corpus_spec_generates_a_crate_that_checks_without_a_warning() {
    let root = xtask::workspace_root();
    let specs = xtask::corpus::default_specs(&root).expect("the corpus is vendored under tests/reference/corpus/");
    assert!(specs.len() >= 6, "the corpus lost specs: {specs:?}");
    let options = xtask::corpus::Options {
        specs: specs.clone(),
        check: true,
        scratch: scratch(),
        target: xtask::cargo::nested_target_dir(),
        // Each crate must check; how long a check takes is the bench's business.
        recheck: false,
        check_runs: 1,
    };
    let rows = xtask::corpus::run(&options, &mut |what| eprintln!("corpus: {what}")).expect("the corpus runs");
    eprintln!("{}", xtask::corpus::table(&rows));
    let failures = xtask::corpus::failures(&rows);
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));

    // What `cargo xtask bench` reports of the large crate's check, on the smallest crate here,
    // with one resource's feature: its target directory is its own, and without the client the
    // dependencies it checks there first are few.
    let smallest = rows.iter().min_by_key(|row| row.lines).expect("crates");
    let spec = specs.iter().find(|spec| spec.ends_with(&smallest.name)).expect("the spec of a row");
    let feature = smallest.one_feature.as_ref().map(|(feature, _)| feature.as_str());
    let passes = xtask::corpus::profile_check(&options, spec, feature).expect("rustc reports its passes");
    let names: Vec<&str> = passes.iter().map(|pass| pass.name.as_str()).collect();
    for expected in ["expand_crate", "type_check_crate", "MIR_borrow_checking", "total"] {
        assert!(names.contains(&expected), "{expected} missing from {names:?}");
    }
    let total = passes.iter().find(|pass| pass.name == "total").expect("a total");
    assert!(passes.iter().all(|pass| pass.time <= total.time), "{passes:?}");

    // The floor the bench checks Plaid's crate against (every struct's impls empty, no tables)
    // is a crate that checks without a warning: the bench runs it on Plaid's alone, and only in
    // its full runs.
    let dir = xtask::corpus::crate_dir(&options.scratch, spec);
    let floor = dir.with_file_name(format!("{}-floor", dir.file_name().expect("a crate dir").to_string_lossy()));
    let tables = xtask::bench::struct_floor::write(&dir, &floor).expect("the floor is written");
    assert!(tables > 0, "the smallest crate has no struct");
    xtask::corpus::check(&floor, &options.target, None, false).expect("the floor checks without a warning");

    // The spec's docs compile as no doctest in a real crate either.
    let spec = specs.iter().find(|spec| spec.ends_with(DOCTESTED)).expect("the doctested spec is in the corpus");
    let dir = xtask::corpus::crate_dir(&options.scratch, spec);
    let doctests = xtask::corpus::doctest(&dir, &options.target).expect("its doctests pass");
    eprintln!(
        "corpus: `cargo test --doc` of {DOCTESTED}: {} doctests, {:.1} s",
        doctests.passed,
        doctests.time.as_secs_f64()
    );
    assert_eq!(doctests.passed, 0, "a description of {DOCTESTED} became a doctest");
}

/// The fixture whose docs hold every Markdown hazard (fences of each kind, in the middle of a
/// line or left open, indented code, `*/`, HTML), in the summary, descriptions of the crate, the
/// operation, a parameter, a response, a schema and an enum, generates a crate (with its client,
/// whose method docs repeat the summary) whose `cargo test --doc` passes with no doctest at all.
#[test]
fn hostile_docs_generate_a_crate_without_a_doctest() {
    let spec = xtask::workspace_root().join("tests/fixtures/markdown-hazards-in-docs/spec.yaml");
    let generated = codegen::generate_from_path(&spec, &codegen::Config::default()).expect("the fixture generates");
    let files = generated.standalone_crate("hostile-docs").expect("the crate formats");
    for (file, text) in [
        ("src/client.rs", "the summary became a doctest"),
        ("src/operations.rs", "the summary became a doctest"),
        ("src/types.rs", "an enum's description became a doctest"),
        ("src/lib.rs", "the crate's description became a doctest"),
    ] {
        assert!(files[file].contains(text), "`{file}` no longer holds the hazard {text:?}");
    }
    let dir = scratch().join("hostile-docs");
    xtask::corpus::write_crate(&dir, &files).expect("the crate is written");
    let doctests = xtask::corpus::doctest(&dir, &xtask::cargo::nested_target_dir()).expect("its doctests pass");
    eprintln!("hostile docs: `cargo test --doc` in {:.1} s", doctests.time.as_secs_f64());
    assert_eq!(doctests.passed, 0, "a text of the spec became a doctest");
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
        untyped_reasons: Vec::new(),
        other_warnings: 0,
        paging: std::collections::BTreeMap::new(),
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

#[test]
fn the_passes_of_a_check_are_read_from_rustc_s_report() {
    let report = "\
time:   0.002; rss:   28MB ->   30MB (   +2MB)\tparse_crate
time:   1.202; rss:   43MB ->  533MB ( +490MB)\texpand_crate
time:   0.010; rss:  533MB ->  534MB (   +1MB)\texpand_crate
time:   7.905; rss:  890MB -> 1113MB ( +223MB)\ttype_check_crate
garbage line
time:   x.000; rss:   1MB ->    2MB (   +1MB)\tlate_resolve_crate
time:  23.074; rss:   28MB ->   91MB (  +63MB)\ttotal
";
    let passes = xtask::corpus::time_passes(report);
    let shown: Vec<(&str, u128, u64)> =
        passes.iter().map(|pass| (pass.name.as_str(), pass.time.as_millis(), pass.resident_mb)).collect();
    assert_eq!(shown, [("expand_crate", 1202, 533), ("type_check_crate", 7905, 1113), ("total", 23074, 91)]);
    let order: Vec<&str> = xtask::corpus::PROFILED_PASSES.iter().map(|(pass, _)| *pass).collect();
    assert_eq!(order.last(), Some(&"total"), "the total comes last, after the passes it holds");
}
