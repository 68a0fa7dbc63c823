//! Misuse of the generated API that must not compile, one mistake per file under `tests/ui/`,
//! each with the compiler's message pinned beside it (`.stderr`). Re-bless with
//! `TRYBUILD=overwrite cargo test -p tests --test ui` and read the diff.

#[test]
fn ui() {
    trybuild::TestCases::new().compile_fail("ui/*.rs");
}
