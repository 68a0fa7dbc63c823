//! Fixture snapshots: each small spec under `tests/fixtures/<case>/` generates exactly its
//! committed `expected.rs`, and every `expected.rs` compiles with warnings denied.
//!
//! "Did not drift" and "still compiles" are one test, so a snapshot can never be blessed without
//! being compiled. `UPDATE_EXPECT=1 cargo test -p tests --test fixtures` re-blesses: it rewrites
//! the snapshots and their trybuild wrappers (`tests/compile/<case>.rs`, deleting wrappers of
//! removed cases) through the same write path as `cargo xtask codegen`, then compiles them.

use std::collections::BTreeMap;

use xtask::codegen::{Mode, ensure_file_contents, sync_files};

/// The fixtures must keep covering the generator's features; fewer cases than this means some
/// were lost, not that the generator got simpler.
const MIN_CASES: usize = 8;

#[test]
fn fixtures_match_their_snapshots_and_compile() {
    let mode = if tests::updating_snapshots() { Mode::Write } else { Mode::Check };
    let fixtures = tests::fixtures().unwrap_or_else(|problems| panic!("bad fixture layout:\n{problems}"));
    assert!(
        fixtures.len() >= MIN_CASES,
        "only {} fixture cases found under tests/fixtures/, expected at least {MIN_CASES}",
        fixtures.len()
    );

    let mut failures = Vec::new();
    let mut changes = Vec::new();
    for fixture in &fixtures {
        let source = xtask::display_path(&fixture.spec);
        match codegen::generate_from_path(&fixture.spec, &tests::fixture_config()) {
            Err(diagnostics) => failures.push(format!("{source}: the generator rejected the spec:\n{diagnostics}")),
            Ok(generated) => match generated.single_file() {
                Err(bug) => failures.push(format!("{source}: {bug}")),
                Ok(single_file) => match ensure_file_contents(&fixture.expected, &single_file, &source, mode) {
                    Ok(None) => {}
                    Ok(Some(drift)) => changes.push(drift),
                    Err(error) => failures.push(format!("{error:#}")),
                },
            },
        }
    }
    // The wrappers are derived from the case names alone; syncing the whole directory also
    // catches a wrapper left behind by a removed case.
    let wrappers: BTreeMap<String, String> =
        fixtures.iter().map(|fixture| (fixture.wrapper_file_name(), fixture.wrapper_contents())).collect();
    match sync_files(&wrappers, &tests::compile_dir(), "tests/fixtures/", mode) {
        Ok(drifts) => changes.extend(drifts),
        Err(error) => failures.push(format!("{error:#}")),
    }

    match mode {
        Mode::Write => {
            for change in &changes {
                eprintln!("{}", change.summary(Mode::Write));
            }
        }
        Mode::Check => failures.extend(changes.iter().map(ToString::to_string)),
    }
    assert!(
        failures.is_empty(),
        "{} fixture problem(s):\n\n{}\nif the new output is right, run `{}` and review the diff",
        failures.len(),
        failures.join("\n"),
        tests::UPDATE_FIXTURES_COMMAND,
    );

    // Only snapshots known to be current get here, so a compile error is about the generator's
    // output, not about a stale snapshot.
    let cases = trybuild::TestCases::new();
    for fixture in &fixtures {
        // Relative to this crate's directory, as trybuild prefers: shorter names in its report.
        cases.pass(format!("compile/{}", fixture.wrapper_file_name()));
    }
}
