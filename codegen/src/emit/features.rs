//! Cargo features as the generated code states them: the `cfg` of each operation and type, the
//! lints a partial build relaxes, the crate documentation's list and the manifest's `[features]`
//! table, all read from the features lowering decided ([`Features`], `lower/features.rs`).

use std::fmt::Write as _;

use proc_macro2::{Delimiter, TokenStream, TokenTree};
use quote::quote;

pub(crate) use crate::ir::Features;
use crate::ir::TypeId;
use crate::lower::features::{CLIENT, UNREFERENCED};

impl Features {
    /// Whether the crate has features at all (a spec with operations).
    pub(crate) fn any(&self) -> bool {
        !self.operations_by_feature.is_empty()
    }

    /// `#[cfg(...)]` for a type, unless every feature compiles it.
    pub(crate) fn of_type(&self, id: TypeId) -> Option<TokenStream> {
        self.of_type.get(&id).map(|feature| cfg(feature))
    }

    /// `#[cfg(...)]` for the operation at `index`.
    pub(crate) fn of_operation(&self, index: usize) -> Option<TokenStream> {
        self.of_operation.get(index).map(|feature| cfg(feature))
    }

    /// `#[cfg(...)]` for the impl of the shared error body at `index` (into `Ir::error_bodies`),
    /// unless every feature compiles one of its operations.
    pub(crate) fn of_error_body(&self, index: usize) -> Option<TokenStream> {
        self.of_error_body.get(index).and_then(Option::as_ref).map(|feature| cfg(feature))
    }

    /// For the crate root, once: every lint stays but `dead_code` and `unused_imports`, which are
    /// off while some feature is off, since shared code (a runtime helper, a pattern, an import)
    /// may then have no user left.
    pub(crate) fn partial_build_allow(&self) -> Option<TokenStream> {
        if !self.any() {
            return None;
        }
        let every = self.operations_by_feature.keys().map(|feature| quote! { feature = #feature });
        Some(quote! {
            #![cfg_attr(
                not(all(#(#every),*)),
                allow(dead_code, unused_imports, reason = "a feature off leaves shared code unused")
            )]
        })
    }

    /// The features as Markdown, for the crate's documentation.
    pub(crate) fn docs(&self) -> Option<String> {
        if !self.any() {
            return None;
        }
        let mut text = "# Cargo features\n\nOne feature per resource, all on by default. With `default-features = false` and one of them on, \
                        only that resource's operations and the types they reach are compiled.\n\n"
            .to_owned();
        if !self.groups.is_empty() {
            text.push_str(
                "The `_shared_` features are internal: a resource turns on those of the code it shares with other \
                 resources.\n\n",
            );
        }
        text.push_str(
            "- `client`: the asynchronous HTTP client (`reqwest` with rustls, and tokio); without it the crate is the \
             sans-IO stubs alone, for any HTTP stack.\n",
        );
        for (feature, operations) in &self.operations_by_feature {
            text.push_str("- `");
            text.push_str(feature);
            if feature == UNREFERENCED {
                text.push_str("`: the schemas no operation reaches.");
            } else {
                let plural = if *operations == 1 { "" } else { "s" };
                let _ = write!(text, "`: {operations} operation{plural}.");
            }
            text.push('\n');
        }
        Some(text)
    }

    /// The `[features]` table of the crate's manifest.
    pub(crate) fn manifest_table(&self) -> Option<String> {
        if !self.any() {
            return None;
        }
        let all: Vec<String> = std::iter::once(CLIENT)
            .chain(self.operations_by_feature.keys().map(String::as_str))
            .map(|feature| format!("\"{feature}\""))
            .collect();
        let mut table = format!("[features]\ndefault = [{}]\n", all.join(", "));
        let client_dependencies: Vec<String> =
            crate::manifest::client_dependencies().map(|name| format!("\"dep:{name}\"")).collect();
        let _ = writeln!(table, "{CLIENT} = [{}]", client_dependencies.join(", "));
        for feature in self.operations_by_feature.keys() {
            let groups: Vec<String> = self
                .groups
                .iter()
                .filter(|group| group.members.contains(feature))
                .map(|group| format!("\"{}\"", group.name))
                .collect();
            let _ = writeln!(table, "{feature} = [{}]", groups.join(", "));
        }
        for group in &self.groups {
            let _ = writeln!(table, "{} = []", group.name);
        }
        Some(table)
    }
}

/// `#[cfg(feature = "a")]`: one line, whatever the item, since several features that compile
/// it are one group feature (`lower/features.rs`).
fn cfg(feature: &str) -> TokenStream {
    quote! { #[cfg(feature = #feature)] }
}

/// `tokens` (whole items) with `cfg` on each item; unchanged when there is no `cfg`.
///
/// The items are found by walking the top-level token trees, not by parsing with `syn` (which
/// tripled the time to emit a large crate): an item is its attributes, then everything up to the
/// `;` that ends a `const`, `static`, `type` or `use`, or up to the first brace group (or `;`) of
/// anything else, as the emitters write them.
pub(crate) fn gate(tokens: TokenStream, cfg: Option<&TokenStream>) -> TokenStream {
    let Some(cfg) = cfg else { return tokens };
    let mut out = TokenStream::new();
    let mut item: Vec<TokenTree> = Vec::new();
    let mut ends_at_semicolon: Option<bool> = None;
    let mut trees = tokens.into_iter().peekable();
    while let Some(tree) = trees.next() {
        let mut ends = false;
        match &tree {
            TokenTree::Punct(punct) if punct.as_char() == '#' && ends_at_semicolon.is_none() => {
                // An attribute: `#` and its bracket group belong to the item that follows.
                item.push(tree);
                if let Some(group) = trees.next() {
                    item.push(group);
                }
                continue;
            }
            TokenTree::Ident(word) if ends_at_semicolon.is_none() => {
                let word = word.to_string();
                if !matches!(word.as_str(), "pub" | "unsafe" | "async" | "extern" | "crate") {
                    ends_at_semicolon = Some(matches!(word.as_str(), "const" | "static" | "type" | "use"));
                }
            }
            TokenTree::Punct(punct) if punct.as_char() == ';' => ends = ends_at_semicolon.is_some(),
            TokenTree::Group(group) if group.delimiter() == Delimiter::Brace => {
                ends = ends_at_semicolon == Some(false)
                    && !matches!(trees.peek(), Some(TokenTree::Punct(next)) if next.as_char() == ';');
            }
            _ => {}
        }
        item.push(tree);
        if ends {
            out.extend(cfg.clone());
            out.extend(item.drain(..));
            ends_at_semicolon = None;
        }
    }
    if !item.is_empty() {
        out.extend(cfg.clone());
        out.extend(item);
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::lower::features::tests::SPEC;

    #[test]
    fn operations_go_by_tag_and_types_by_the_features_that_reach_them() {
        let generated = crate::generate_from_str(SPEC, "shop.yaml", &crate::Config::default()).expect("generates");
        let features: Vec<(&str, usize)> =
            generated.features().iter().map(|(name, count)| (name.as_str(), *count)).collect();
        // Untagged goes by path: past the version, and `default` is Cargo's, so it is renamed.
        assert_eq!(
            features,
            [("default_resource", 1), ("orders", 1), ("refund_requests", 1), ("unreferenced_schemas", 0)]
        );
        let types = &generated.crate_files().expect("formats")["types.rs"];
        let gate_of = |item: &str| {
            let at = types.find(item).unwrap_or_else(|| panic!("{item} in {types}"));
            types[..at].rfind("#[cfg(").map(|start| types[start..].lines().next().unwrap_or_default().to_owned())
        };
        // Several features compile `Order` and `Money`: each goes by its group, one line.
        assert_eq!(gate_of("pub struct Order {").as_deref(), Some(r#"#[cfg(feature = "_shared_2")]"#));
        assert_eq!(gate_of("pub struct Money {").as_deref(), Some(r#"#[cfg(feature = "_shared_1")]"#));
        assert_eq!(gate_of("pub struct Refund {").as_deref(), Some(r#"#[cfg(feature = "refund_requests")]"#));
        assert_eq!(gate_of("pub struct Webhook {").as_deref(), Some(r#"#[cfg(feature = "unreferenced_schemas")]"#));
        // Every `cfg` of every file is one line: one feature, never a list.
        for (path, text) in &generated.crate_files().expect("formats") {
            for line in text.lines().filter(|line| line.contains("#[cfg(")) {
                let line = line.trim();
                assert!(line.starts_with("#[cfg(feature = \"") && line.ends_with("\")]"), "{path}: {line}");
            }
        }
        let manifest = &generated.standalone_crate("shop").expect("a crate")["Cargo.toml"];
        assert!(manifest.contains(
            "[features]\ndefault = [\"client\", \"default_resource\", \"orders\", \"refund_requests\", \"unreferenced_schemas\"]\nclient = [\"dep:base64\""
        ));
        // Each resource turns on the groups it belongs to; the groups turn on nothing.
        assert!(manifest.contains(
            "\ndefault_resource = []\norders = [\"_shared_1\", \"_shared_2\"]\nrefund_requests = [\"_shared_1\"]\n\
             unreferenced_schemas = [\"_shared_1\", \"_shared_2\"]\n_shared_1 = []\n_shared_2 = []\n"
        ));
        // The documented list is the resources'; the groups are named as internal only.
        let docs = &generated.crate_files().expect("formats")["lib.rs"];
        assert!(docs.contains("The `_shared_` features are internal"), "{docs}");
        assert!(!docs.contains("- `_shared_"), "{docs}");
        assert!(manifest.contains("reqwest = { version = \"0.13\", default-features = false, features = [\"rustls-no-provider\", \"stream\"], optional = true }"));
        assert!(manifest.contains("rustls = { version = \"0.23\", default-features = false, features = [\"ring\", \"std\", \"tls12\"], optional = true }"));
        // A single file has no manifest, so nothing in it is behind a feature.
        assert!(!generated.single_file().expect("formats").contains("feature ="));
    }

    #[test]
    fn every_kind_of_item_gets_the_cfg() {
        let items = quote::quote! {
            #[doc = " A."] pub struct A { pub x: u8 }
            pub struct B(pub u8);
            pub(crate) struct C;
            impl<'de> Trait<'de> for A where A: Sized { fn f() {} }
            const D: Shape = Shape { name: "d" };
            static E: [&str; 1] = ["e"];
            pub type F = A;
            pub use self::runtime::*;
            pub enum G { H }
            pub fn i() -> u8 { 1 }
            pub mod j { pub struct K; }
            crate::object::impl_object!(A);
            other!(b);
        };
        let cfg = quote::quote! { #[cfg(feature = "x")] };
        let gated = super::gate(items, Some(&cfg)).to_string();
        let expected = [
            "# [cfg (feature = \"x\")] # [doc = \" A.\"] pub struct A { pub x : u8 }",
            "# [cfg (feature = \"x\")] pub struct B (pub u8) ;",
            "# [cfg (feature = \"x\")] pub (crate) struct C ;",
            "# [cfg (feature = \"x\")] impl < 'de > Trait < 'de > for A where A : Sized { fn f () { } }",
            "# [cfg (feature = \"x\")] const D : Shape = Shape { name : \"d\" } ;",
            "# [cfg (feature = \"x\")] static E : [& str ; 1] = [\"e\"] ;",
            "# [cfg (feature = \"x\")] pub type F = A ;",
            "# [cfg (feature = \"x\")] pub use self :: runtime :: * ;",
            "# [cfg (feature = \"x\")] pub enum G { H }",
            "# [cfg (feature = \"x\")] pub fn i () -> u8 { 1 }",
            "# [cfg (feature = \"x\")] pub mod j { pub struct K ; }",
            "# [cfg (feature = \"x\")] crate :: object :: impl_object ! (A) ;",
            "# [cfg (feature = \"x\")] other ! (b) ;",
        ]
        .join(" ");
        assert_eq!(gated, expected);
        let untouched = quote::quote! { pub struct A; };
        assert_eq!(super::gate(untouched.clone(), None).to_string(), untouched.to_string());
    }
}
