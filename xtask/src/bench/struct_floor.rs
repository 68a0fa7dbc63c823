//! The floor under a large crate's check: the same crate with its structs made free to check,
//! so the bench can say how much of the check the structs' code is, and how far below the
//! crate's check any other code for them could go.
//!
//! Every struct of the spec must implement `Clone`, `PartialEq`, `Debug`, `Serialize`,
//! `Deserialize` and `Validate`: that is the crate's API, and the orphan rule leaves no way to
//! give a crate's structs a foreign trait with fewer than one impl each. The floor crate keeps
//! six impls per struct and nothing else of its structs' code: the five `impl_object!` writes,
//! each with an empty body (`loop {}`), and an empty `Validate` in place of the one the struct's
//! `Object` table gave, which it drops (its `NAMES`, `Fields`, `assemble` and `parts`). Every
//! declaration, doc, enum, union, builder, operation and the client stay as generated. It checks
//! but can do nothing with its structs: a bound on what any code for the structs could save, not
//! on what changing the rest could.
//!
//! The floor is made by editing the generated text, so it refuses files not laid out as the
//! generator writes them rather than measure a crate that is not the floor.

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

/// Writes into `floor_dir` the floor crate of the generated crate that `write_crate` wrote in
/// `crate_dir`, its package named after `floor_dir` so the two are checked apart; how many
/// `Object` tables it dropped.
pub fn write(crate_dir: &Path, floor_dir: &Path) -> anyhow::Result<usize> {
    let mut files = crate::corpus::read_crate(crate_dir)?;
    let tables_dropped = make_floor(&mut files)?;
    let manifest = files.get_mut("Cargo.toml").context("the crate has no manifest")?;
    let (name, floor_name) = (crate::corpus::file_name(crate_dir), crate::corpus::file_name(floor_dir));
    *manifest = crate::corpus::renamed_package(manifest, &name, &floor_name)
        .with_context(|| format!("the manifest in `{}`", crate_dir.display()))?;
    crate::corpus::write_crate(floor_dir, &files)?;
    Ok(tables_dropped)
}

/// The floor's edits, made in the crate's files (by path from the crate's root); how many
/// `Object` tables it dropped.
fn make_floor(files: &mut BTreeMap<String, String>) -> anyhow::Result<usize> {
    let runtime = files.get_mut("src/object/runtime.rs").context("the crate has no `object` runtime")?;
    let start = runtime.find("macro_rules! impl_object {").context("the `object` runtime has no `impl_object!`")?;
    let length = runtime[start..].find("\n}\n").context("`impl_object!` does not end")? + "\n}".len();
    runtime.replace_range(start..start + length, FLOOR_IMPL_OBJECT);

    let mut tables_dropped = 0;
    for (path, text) in files.iter_mut() {
        // The runtime's own files hold no struct of the spec.
        if Path::new(path).extension().is_none_or(|extension| extension != "rs") || path.ends_with("/runtime.rs") {
            continue;
        }
        let (floor, dropped) = drop_tables(text).with_context(|| format!("in `{path}`"))?;
        *text = floor;
        tables_dropped += dropped;
    }
    anyhow::ensure!(tables_dropped > 0, "the crate has no `impl Object for …` block to drop");

    // What only the tables used (the runtime's names imported, the limits' checks) is unused
    // now, which the check's denied warnings would stop at.
    let lib = files.get_mut("src/lib.rs").context("the crate has no `lib.rs`")?;
    let after_leading_comments =
        lib.lines().take_while(|line| line.starts_with("//") || line.is_empty()).map(|line| line.len() + 1).sum();
    lib.insert_str(
        after_leading_comments,
        "#![allow(dead_code, unused_imports, reason = \"the floor drops the tables that used them\")]\n",
    );
    Ok(tables_dropped)
}

/// A module without its structs' `Object` impls (and the attributes above each), with an empty
/// `Validate` impl after each `impl_object!`, under the same attributes, in place of the one the
/// table gave; and how many impls it dropped.
fn drop_tables(module: &str) -> anyhow::Result<(String, usize)> {
    let lines: Vec<&str> = module.lines().collect();
    let mut out: Vec<String> = Vec::with_capacity(lines.len());
    let (mut dropped, mut validates) = (0, 0);
    let mut at = 0;
    while let Some(line) = lines.get(at) {
        if line.starts_with("impl Object for ") && line.ends_with(" {") {
            out.truncate(out.len() - attributes_above(&out, out.len())?);
            let end = lines[at..].iter().position(|line| *line == "}");
            at += end.with_context(|| format!("`{line}` (line {}) does not end", at + 1))? + 1;
            dropped += 1;
            continue;
        }
        out.push((*line).to_owned());
        if let Some(call) = line.strip_prefix("impl_object!(") {
            let name = call.split([',', ')']).next().unwrap_or_default();
            anyhow::ensure!(
                !name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || c == '_'),
                "`{line}` (line {}) does not name a struct on its line",
                at + 1
            );
            let last = out.len() - 1;
            let above = out[last - attributes_above(&out, last)?..last].to_vec();
            out.extend(above);
            out.push(format!("impl crate::validate::Validate for {name} {{}}"));
            validates += 1;
        }
        at += 1;
    }
    anyhow::ensure!(validates == dropped, "{dropped} `Object` tables but {validates} `impl_object!` calls");
    let mut text = out.join("\n");
    text.push('\n');
    Ok((text, dropped))
}

/// How many of the lines directly above `lines[end]` are attributes (`#[…]`): the floor moves
/// or copies an item's attributes with it, or a dropped item's `cfg` would gate the next one.
/// The generator writes each attribute on one line (a feature gate names one feature); a line
/// that ends one begun above is refused.
fn attributes_above(lines: &[String], end: usize) -> anyhow::Result<usize> {
    let count = lines[..end].iter().rev().take_while(|line| line.starts_with("#[")).count();
    let above = lines[..end - count].last();
    anyhow::ensure!(
        !above.is_some_and(|line| line.ends_with(")]") && !line.trim_start().starts_with("//")),
        "an attribute spans lines above line {}",
        end + 1
    );
    Ok(count)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TYPES: &str = "// @generated\n\n//! Types.\nuse crate::object::{Object, Required};\n#[cfg(feature = \"a\")]\n/// A pet.\npub struct Pet {\n    pub name: String,\n}\n#[cfg(feature = \"a\")]\nimpl Object for Pet {\n    const NAMES: &'static [&'static str] = &[\"name\"];\n    type Fields = (Required<String>,);\n}\n#[cfg(feature = \"a\")]\nimpl_object!(Pet);\nimpl Object for Owner {\n}\nimpl_object!(Owner, without Debug);\n";

    #[test]
    fn the_tables_go_and_each_struct_keeps_its_validate_under_its_own_attributes() {
        let (floor, dropped) = drop_tables(TYPES).expect("floor");
        assert_eq!(dropped, 2);
        assert_eq!(
            floor,
            "// @generated\n\n//! Types.\nuse crate::object::{Object, Required};\n#[cfg(feature = \"a\")]\n/// A pet.\npub struct Pet {\n    pub name: String,\n}\n#[cfg(feature = \"a\")]\nimpl_object!(Pet);\n#[cfg(feature = \"a\")]\nimpl crate::validate::Validate for Pet {}\nimpl_object!(Owner, without Debug);\nimpl crate::validate::Validate for Owner {}\n"
        );
    }

    #[test]
    fn text_not_laid_out_as_generated_is_refused() {
        let unended = drop_tables("impl Object for Pet {\n    type Rest = Ignore;\n").expect_err("no end");
        assert!(format!("{unended:#}").contains("does not end"), "{unended:#}");
        let wrapped = drop_tables("impl Object for Pet {\n}\nimpl_object!(\n    Pet\n);\n").expect_err("wrapped");
        assert!(format!("{wrapped:#}").contains("does not name a struct on its line"), "{wrapped:#}");
        let unmatched = drop_tables("impl Object for Pet {\n}\n").expect_err("no impl_object!");
        assert!(format!("{unmatched:#}").contains("1 `Object` tables but 0"), "{unmatched:#}");
        let spanning = drop_tables("#[cfg(\n    feature = \"a\")]\nimpl Object for Pet {\n}\nimpl_object!(Pet);\n")
            .expect_err("attribute on two lines");
        assert!(format!("{spanning:#}").contains("an attribute spans lines"), "{spanning:#}");

        let mut files = BTreeMap::from([("src/types.rs".to_owned(), TYPES.to_owned())]);
        let missing = make_floor(&mut files).expect_err("no object runtime");
        assert!(missing.to_string().contains("no `object` runtime"), "{missing}");
        files.insert("src/object/runtime.rs".to_owned(), "macro_rules! impl_object {\n    () => {};\n}\n".to_owned());
        files.insert("src/types.rs".to_owned(), "pub struct Pet;\n".to_owned());
        let nothing = make_floor(&mut files).expect_err("no table");
        assert!(nothing.to_string().contains("no `impl Object for"), "{nothing}");
    }

    /// The floor of this workspace's own generated crate: every table of every module dropped,
    /// each struct given its `Validate` under its own feature gate, the runtime's macro replaced.
    #[test]
    fn the_generated_crate_s_floor_drops_every_table() {
        let root = crate::workspace_root().join("generated");
        let mut files = crate::corpus::read_sources(&root).expect("the generated crate");
        let tables: usize = files.values().map(|text| text.matches("\nimpl Object for ").count()).sum();
        let calls: usize = files.values().map(|text| text.matches("\nimpl_object!(").count()).sum();
        assert!(tables > 50 && tables == calls, "{tables} tables, {calls} calls");
        assert_eq!(make_floor(&mut files).expect("floor"), tables);
        for (path, text) in &files {
            assert!(!text.contains("impl Object for "), "{path} keeps a table");
            let lines: Vec<&str> = text.lines().collect();
            let gates = |lines: &[&str]| lines.iter().rev().take_while(|line| line.starts_with("#[")).count();
            for (at, line) in
                lines.iter().enumerate().filter(|(_, line)| line.starts_with("impl crate::validate::Validate for "))
            {
                let call = lines[..at].iter().rposition(|line| line.starts_with("impl_object!(")).expect("a call");
                let (copied, original) = (gates(&lines[..at]), gates(&lines[..call]));
                assert_eq!(lines[at - copied..at], lines[call - original..call], "{path}: {line}");
            }
        }
        let runtime = &files["src/object/runtime.rs"];
        assert!(runtime.contains(FLOOR_IMPL_OBJECT) && !runtime.contains("$crate::object::clone(self)"));
        assert!(files["src/lib.rs"].contains("#![allow(dead_code, unused_imports"));
    }
}
