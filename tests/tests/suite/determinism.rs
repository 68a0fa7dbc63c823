//! Determinism: the same spec gives byte-identical output, run after run.
//!
//! Random iteration order (a `HashMap` in the generator) would show up here as a difference
//! between two runs in the same process, before it shows up as flaky drift in CI.

use std::{collections::BTreeMap, path::Path};

/// How many times each spec is generated; more runs give a `HashMap`'s random order more chances
/// to show.
const RUNS: usize = 3;

/// Every output of one run: the crate files, and the single-file form under a reserved name.
fn outputs(spec: &Path, config: &codegen::Config) -> Result<BTreeMap<String, String>, String> {
    let generated = codegen::generate_from_path(spec, config).map_err(|diagnostics| {
        format!("{}: the generator rejected the spec:\n{diagnostics}", xtask::display_path(spec))
    })?;
    let mut files = generated.crate_files().expect("formats");
    files.insert("<single file>".to_owned(), generated.single_file().expect("formats"));
    Ok(files)
}

/// What differs between two runs' outputs, as diffs; empty when identical.
fn differences(spec: &Path, first: &BTreeMap<String, String>, other: &BTreeMap<String, String>) -> Vec<String> {
    let shown = xtask::display_path(spec);
    let mut found = Vec::new();
    if first.keys().ne(other.keys()) {
        found.push(format!("{shown}: the set of files changed between runs: {:?} vs {:?}", first.keys(), other.keys()));
    }
    for (name, contents) in first {
        if let Some(again) = other.get(name)
            && again != contents
        {
            let diff = tests::unified_diff(contents, again, &format!("{name} (run 1)"), &format!("{name} (later run)"));
            found.push(format!("{shown}: `{name}` changed between runs:\n{diff}"));
        }
    }
    found
}

fn check(spec: &Path, config: &codegen::Config) -> Vec<String> {
    let first = match outputs(spec, config) {
        Ok(first) => first,
        Err(message) => return vec![message],
    };
    let mut found = Vec::new();
    for _ in 1..RUNS {
        match outputs(spec, config) {
            Ok(other) => found.extend(differences(spec, &first, &other)),
            Err(message) => found.push(message),
        }
    }
    found
}

#[test]
fn the_deployments_spec_generates_identical_output_every_time() {
    let found = check(&tests::spec_path(), &codegen::Config::default());
    assert!(found.is_empty(), "the generator is not deterministic:\n{}", found.join("\n"));
}

#[test]
fn every_fixture_generates_identical_output_every_time() {
    let fixtures = tests::fixtures().unwrap_or_else(|problems| panic!("bad fixture layout:\n{problems}"));
    assert!(!fixtures.is_empty(), "no fixtures found under tests/fixtures/");
    let found: Vec<String> =
        fixtures.iter().flat_map(|fixture| check(&fixture.spec, &tests::fixture_config())).collect();
    assert!(found.is_empty(), "the generator is not deterministic:\n{}", found.join("\n"));
}

/// Reorders every map of a document by a seeded shuffle, except `properties`, whose order is
/// the order of a struct's fields and so is meaningful.
fn shuffle(value: &mut serde_json::Value, seed: &mut u64, keep_order: bool) {
    match value {
        serde_json::Value::Object(map) => {
            let mut entries: Vec<(String, serde_json::Value)> = std::mem::take(map).into_iter().collect();
            if !keep_order {
                for index in (1..entries.len()).rev() {
                    // A linear congruential generator: reproducible, and enough to reorder keys.
                    *seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
                    let other = usize::try_from(*seed >> 33).unwrap_or_default() % (index + 1);
                    entries.swap(index, other);
                }
            }
            for (key, child) in &mut entries {
                shuffle(child, seed, key == "properties");
            }
            map.extend(entries);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(|item| shuffle(item, seed, false)),
        _ => {}
    }
}

#[test]
fn the_order_of_a_documents_maps_does_not_change_the_output() {
    let mut specs = vec![tests::spec_path()];
    specs.extend(tests::fixtures().unwrap_or_else(|error| panic!("{error}")).into_iter().map(|fixture| fixture.spec));
    let config = codegen::Config::default();
    let mut failures = Vec::new();
    for spec in &specs {
        let document = tests::read_document(spec).unwrap_or_else(|error| panic!("{error}"));
        let expected = codegen::generate_from_path(spec, &config).and_then(|g| g.crate_files());
        for start in [1_u64, 7, 42] {
            let mut shuffled = document.clone();
            let mut seed = start;
            shuffle(&mut shuffled, &mut seed, false);
            assert_ne!(shuffled.to_string(), document.to_string(), "the shuffle must reorder something");
            let text = serde_json::to_string(&shuffled).expect("a JSON value serialises");
            let actual = codegen::generate_from_str(&text, "shuffled.json", &config).and_then(|g| g.crate_files());
            match (&expected, &actual) {
                (Ok(expected), Ok(actual)) => failures.extend(differences(spec, expected, actual)),
                _ => failures.push(format!("{}: generation failed for one order only", xtask::display_path(spec))),
            }
        }
    }
    assert!(failures.is_empty(), "reordering map keys changed the output:\n{}", failures.join("\n"));
}
