//! The floor under a large crate's check: the same crate with what its model structs cost made
//! free, so the bench can say how far the crate is from the least any design that keeps the
//! generated API could take.
//!
//! Every struct of the spec must implement `Clone`, `PartialEq`, `Debug`, `Serialize`,
//! `Deserialize` and `Validate`: that is the crate's API, and the orphan rule leaves no way to
//! give a crate's structs a foreign trait with fewer than one impl each. The floor crate keeps
//! those impls, and every declaration, doc and other module as generated, but gives the five
//! impls `impl_object!` writes for each struct (the model's and the operations') an empty body
//! (`loop {}`), and drops the `Object` table of each struct of `types` (its `NAMES`, `Fields`,
//! `assemble` and `parts`), which only those bodies and the limits' checks read: a crate that
//! checks but can do nothing with its model structs. No way of reading and writing the
//! structs checks faster than not doing it, so the floor's check bounds every design that keeps
//! the crate's structs and their traits.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::Context as _;

/// The `impl_object!` of the floor: the runtime's impls, each with an empty body.
const FLOOR_IMPL_OBJECT: &str = r"macro_rules! impl_object {
    ($name:ident) => {
        $crate::object::impl_object!($name, without Debug);
        impl ::core::fmt::Debug for $name {
            fn fmt(&self, _: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                loop {}
            }
        }
    };
    ($name:ident, without Debug) => {
        impl ::core::clone::Clone for $name {
            fn clone(&self) -> Self {
                loop {}
            }
        }
        impl ::core::cmp::PartialEq for $name {
            fn eq(&self, _: &Self) -> bool {
                loop {}
            }
        }
        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, _: S) -> ::core::result::Result<S::Ok, S::Error> {
                loop {}
            }
        }
        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(_: D) -> ::core::result::Result<Self, D::Error> {
                loop {}
            }
        }
    };
}";

/// How much of the generated crate the floor changed: tables dropped and macros replaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FloorEdits {
    /// `Object` impls of `types` dropped (each struct given an empty `Validate` instead).
    pub tables_dropped: usize,
}

/// Writes into `floor_dir` the floor crate of the generated crate in `crate_dir` (written by
/// `cargo xtask corpus` or the bench), named after `floor_dir` so the two check apart; what it
/// changed.
pub fn write(crate_dir: &Path, floor_dir: &Path) -> anyhow::Result<FloorEdits> {
    let mut files = BTreeMap::from([("Cargo.toml".to_owned(), read(&crate_dir.join("Cargo.toml"))?)]);
    for file in crate::corpus::walk(&crate_dir.join("src"))? {
        let relative = file.strip_prefix(crate_dir)?.to_string_lossy().replace('\\', "/");
        files.insert(relative, read(&file)?);
    }
    let edits = make_floor(&mut files)?;
    let name = crate::corpus::file_name;
    let manifest = files.get_mut("Cargo.toml").context("the crate has no manifest")?;
    // `write_crate` adds the `[workspace]` table the crate was written with.
    let without_workspace = manifest.trim_end().strip_suffix("[workspace]").unwrap_or(manifest).to_owned();
    let (from, to) = (format!("name = \"{}\"", name(crate_dir)), format!("name = \"{}\"", name(floor_dir)));
    anyhow::ensure!(without_workspace.contains(&from), "the manifest in `{}` has no `{from}`", crate_dir.display());
    *manifest = without_workspace.replacen(&from, &to, 1);
    crate::corpus::write_crate(floor_dir, &files)?;
    Ok(edits)
}

fn read(path: &Path) -> anyhow::Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("cannot read `{}`", path.display()))
}

/// The floor's edits, made in the crate's files (by path from the crate's root): fails if the
/// files are not laid out as the generator writes them, rather than measure a crate that is not
/// the floor.
fn make_floor(files: &mut BTreeMap<String, String>) -> anyhow::Result<FloorEdits> {
    let runtime = files.get_mut("src/object/runtime.rs").context("the crate has no `object` runtime")?;
    let start = runtime.find("macro_rules! impl_object {").context("the `object` runtime has no `impl_object!`")?;
    let length = runtime[start..].find("\n}\n").context("`impl_object!` does not end")? + "\n}".len();
    runtime.replace_range(start..start + length, FLOOR_IMPL_OBJECT);

    let types = files.get_mut("src/types.rs").context("the crate has no `types.rs` (a module split in parts?)")?;
    let (floor, tables_dropped) = drop_tables(types);
    anyhow::ensure!(tables_dropped > 0, "`types.rs` has no `impl Object for …` block to drop");
    *types = floor;

    // What only the tables used (the runtime's names imported, the limits' checks) is unused
    // now, which the check's denied warnings would stop at.
    let lib = files.get_mut("src/lib.rs").context("the crate has no `lib.rs`")?;
    let first_item =
        lib.lines().take_while(|line| line.starts_with("//") || line.is_empty()).map(|line| line.len() + 1).sum();
    lib.insert_str(
        first_item,
        "#![allow(dead_code, unused_imports, reason = \"the floor drops the tables that used them\")]\n",
    );
    Ok(FloorEdits { tables_dropped })
}

/// `types.rs` without its structs' `Object` impls (and the attributes above each), with an empty
/// `Validate` impl after each `impl_object!`, under the same attributes, in place of the one the
/// table gave; and how many impls it dropped.
fn drop_tables(types: &str) -> (String, usize) {
    let lines: Vec<&str> = types.lines().collect();
    let mut out: Vec<String> = Vec::with_capacity(lines.len());
    let mut dropped = 0;
    let mut at = 0;
    while let Some(line) = lines.get(at) {
        if line.starts_with("impl Object for ") && line.ends_with(" {") {
            out.truncate(out.len() - attributes_above(&out, out.len()));
            while lines.get(at).is_some_and(|line| *line != "}") {
                at += 1;
            }
            at += 1;
            dropped += 1;
            continue;
        }
        out.push((*line).to_owned());
        if let Some(name) = line.strip_prefix("impl_object!(").and_then(|rest| rest.split([',', ')']).next()) {
            let last = out.len() - 1;
            let above = out[last - attributes_above(&out, last)..last].to_vec();
            out.extend(above);
            out.push(format!("impl crate::validate::Validate for {name} {{}}"));
        }
        at += 1;
    }
    let mut text = out.join("\n");
    text.push('\n');
    (text, dropped)
}

/// How many of the lines directly above `lines[end]` are attributes (`#[…]`).
fn attributes_above(lines: &[String], end: usize) -> usize {
    lines[..end].iter().rev().take_while(|line| line.starts_with("#[")).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    const TYPES: &str = "// @generated\n\n//! Types.\nuse crate::object::{Object, Required};\n#[cfg(feature = \"a\")]\n/// A pet.\npub struct Pet {\n    pub name: String,\n}\n#[cfg(feature = \"a\")]\nimpl Object for Pet {\n    const NAMES: &'static [&'static str] = &[\"name\"];\n    type Fields = (Required<String>,);\n}\n#[cfg(feature = \"a\")]\nimpl_object!(Pet);\nimpl Object for Owner {\n}\nimpl_object!(Owner, without Debug);\n";

    #[test]
    fn the_tables_go_and_each_struct_keeps_its_validate_under_its_own_attributes() {
        let (floor, dropped) = drop_tables(TYPES);
        assert_eq!(dropped, 2);
        assert_eq!(
            floor,
            "// @generated\n\n//! Types.\nuse crate::object::{Object, Required};\n#[cfg(feature = \"a\")]\n/// A pet.\npub struct Pet {\n    pub name: String,\n}\n#[cfg(feature = \"a\")]\nimpl_object!(Pet);\n#[cfg(feature = \"a\")]\nimpl crate::validate::Validate for Pet {}\nimpl_object!(Owner, without Debug);\nimpl crate::validate::Validate for Owner {}\n"
        );
    }

    #[test]
    fn a_crate_not_laid_out_as_generated_is_refused() {
        let mut files = BTreeMap::from([("src/types.rs".to_owned(), TYPES.to_owned())]);
        let missing = make_floor(&mut files).expect_err("no object runtime");
        assert!(missing.to_string().contains("no `object` runtime"), "{missing}");
        files.insert("src/object/runtime.rs".to_owned(), "macro_rules! impl_object {\n    () => {};\n}\n".to_owned());
        files.insert("src/types.rs".to_owned(), "pub struct Pet;\n".to_owned());
        let nothing = make_floor(&mut files).expect_err("no table");
        assert!(nothing.to_string().contains("no `impl Object for"), "{nothing}");
    }

    #[test]
    fn the_floor_macro_replaces_the_runtime_s_whole() {
        let mut files = BTreeMap::from([
            ("src/types.rs".to_owned(), TYPES.to_owned()),
            (
                "src/object/runtime.rs".to_owned(),
                "fn before() {}\nmacro_rules! impl_object {\n    ($name:ident) => {\n        x!();\n    };\n}\nfn after() {}\n"
                    .to_owned(),
            ),
        ]);
        files.insert(
            "src/lib.rs".to_owned(),
            "// @generated\n\n//! The crate.\n#![deny(missing_docs)]\nmod types;\n".to_owned(),
        );
        assert_eq!(make_floor(&mut files).expect("floor"), FloorEdits { tables_dropped: 2 });
        let runtime = &files["src/object/runtime.rs"];
        assert_eq!(runtime, &format!("fn before() {{}}\n{FLOOR_IMPL_OBJECT}\nfn after() {{}}\n"));
        assert_eq!(
            files["src/lib.rs"],
            "// @generated\n\n//! The crate.\n#![allow(dead_code, unused_imports, reason = \"the floor drops the tables that used \
             them\")]\n#![deny(missing_docs)]\nmod types;\n"
        );
    }
}
