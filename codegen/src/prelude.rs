//! Shortens the standard library's paths the emitters write (`::core::option::Option`) to the
//! names the prelude already gives every module (`Option`), before the tokens are parsed and
//! printed.
//!
//! The emitters write every standard item by its full path: a spec may name a type `Option`
//! or `Default`, and a full path means the same whatever the module holds. Written out, those
//! paths were about one token in eight of a large crate, and the main reason a signature or a
//! field type did not fit on one line. So the formatter puts the prelude's name in their place
//! wherever that name means the same: a crate that defines an item of that name anywhere (a
//! type, an operation, a client resource) keeps every path to it whole. The runtime, re-exported
//! by glob into the generated modules, defines none of these names (a test reads its files).

use std::collections::BTreeSet;

use proc_macro2::{Group, Spacing, TokenStream, TokenTree};

/// The prelude's names and where the standard library defines them (`option::Option`), and the
/// variants a path may go on to (`Option::Some`), which the prelude names too.
const PRELUDE: &[(&str, &str, &[&str])] = &[
    ("option", "Option", &["Some", "None"]),
    ("result", "Result", &["Ok", "Err"]),
    ("string", "String", &[]),
    ("string", "ToString", &[]),
    ("vec", "Vec", &[]),
    ("boxed", "Box", &[]),
    ("borrow", "ToOwned", &[]),
    ("default", "Default", &[]),
    ("clone", "Clone", &[]),
    ("marker", "Copy", &[]),
    ("marker", "Send", &[]),
    ("marker", "Sync", &[]),
    ("cmp", "PartialEq", &[]),
    ("cmp", "Eq", &[]),
    ("cmp", "PartialOrd", &[]),
    ("cmp", "Ord", &[]),
    ("convert", "Into", &[]),
    ("convert", "From", &[]),
    ("convert", "AsRef", &[]),
    ("convert", "TryFrom", &[]),
    ("convert", "TryInto", &[]),
    ("iter", "Iterator", &[]),
    ("iter", "IntoIterator", &[]),
    ("iter", "FromIterator", &[]),
    ("iter", "Extend", &[]),
];

/// The crates a standard path starts from.
const ROOTS: &[&str] = &["core", "std", "alloc"];

/// The prelude names a crate may use in place of their paths: those it defines no item of.
#[derive(Debug, Clone, Default)]
pub(crate) struct Prelude {
    usable: BTreeSet<&'static str>,
}

impl Prelude {
    /// The prelude of a crate whose own items (in any module) are named `defined`.
    pub(crate) fn without<'a>(defined: impl IntoIterator<Item = &'a str>) -> Self {
        let defined: BTreeSet<&str> = defined.into_iter().collect();
        let usable = PRELUDE
            .iter()
            .filter(|(_, name, variants)| !defined.contains(name) && !variants.iter().any(|v| defined.contains(v)))
            .map(|(_, name, _)| *name)
            .collect();
        Self { usable }
    }

    /// `tokens` with each full path to a usable prelude item (`::core::option::Option`, also
    /// `::std::…`) replaced by its name, and a variant after it (`Option::Some`) by the
    /// variant's. A path that goes on from another (`a::core::…`, `<T as X>::core::…`) or that a
    /// `use` imports is left.
    pub(crate) fn shorten(&self, tokens: TokenStream) -> TokenStream {
        if self.usable.is_empty() {
            return tokens;
        }
        // Owned, so each group's stream is taken without copying it (a stream still shared
        // with its group would be copied whole, every name's text with it).
        let mut trees: Vec<Option<TokenTree>> = tokens.into_iter().map(Some).collect();
        let mut out: Vec<TokenTree> = Vec::with_capacity(trees.len());
        let mut at = 0;
        while at < trees.len() {
            if let Some((replacement, length)) = self.standard_path(&trees[at..], &out) {
                out.push(replacement);
                at += length;
                continue;
            }
            let Some(tree) = trees[at].take() else { break };
            out.push(match tree {
                TokenTree::Group(group) => {
                    let (delimiter, span, stream) = (group.delimiter(), group.span(), group.stream());
                    drop(group);
                    let mut shortened = Group::new(delimiter, self.shorten(stream));
                    shortened.set_span(span);
                    TokenTree::Group(shortened)
                }
                other => other,
            });
            at += 1;
        }
        out.into_iter().collect()
    }

    /// The prelude name `trees` starts with a full path to, and how many tokens the path takes;
    /// `before` is what came before it.
    fn standard_path(&self, trees: &[Option<TokenTree>], before: &[TokenTree]) -> Option<(TokenTree, usize)> {
        if !starts_a_path(before) {
            return None;
        }
        // `::a::b::c` is, for each name, `::` (a joint `:` and a `:`) then the name.
        let segment = |index: usize| -> Option<&proc_macro2::Ident> {
            let base = index * 3;
            let tree = |index: usize| trees.get(index).and_then(Option::as_ref);
            match (tree(base), tree(base + 1), tree(base + 2)) {
                (Some(TokenTree::Punct(first)), Some(TokenTree::Punct(second)), Some(TokenTree::Ident(name)))
                    if first.as_char() == ':' && first.spacing() == Spacing::Joint && second.as_char() == ':' =>
                {
                    Some(name)
                }
                _ => None,
            }
        };
        let root = segment(0)?;
        if !ROOTS.iter().any(|known| root == known) {
            return None;
        }
        let (module, last) = (segment(1)?, segment(2)?);
        let (_, name, variants) =
            PRELUDE.iter().find(|(m, n, _)| module == m && last == n && self.usable.contains(n))?;
        let span = last.span();
        if let Some(variant) = segment(3).and_then(|variant| variants.iter().find(|known| variant == *known)) {
            return Some((TokenTree::Ident(proc_macro2::Ident::new(variant, span)), 12));
        }
        Some((TokenTree::Ident(proc_macro2::Ident::new(name, span)), 9))
    }
}

/// Keywords a path may follow (`impl ::core::…`, `as`, `dyn`); any other identifier before `::`
/// is a path the `::` goes on from (`a::core::…`, `crate::…`, `self::…`), and `use` imports a
/// path, which the prelude's names cannot stand for.
const BEFORE_A_PATH: &[&str] = &[
    "as", "break", "const", "dyn", "else", "for", "if", "impl", "in", "let", "match", "mut", "ref", "return", "static",
    "unsafe", "where", "while", "move",
];

/// Whether a `::` after `before` starts a path rather than going on from one: not after a name
/// (but a keyword), nor after the `>` of a qualified path (`<T as X>::…`), though after `->` and
/// `=>`.
fn starts_a_path(before: &[TokenTree]) -> bool {
    match before.last() {
        Some(TokenTree::Ident(ident)) => BEFORE_A_PATH.iter().any(|keyword| ident == keyword),
        Some(TokenTree::Punct(punct)) if punct.as_char() == '>' => matches!(
            before.get(before.len().wrapping_sub(2)),
            Some(TokenTree::Punct(arrow)) if (arrow.as_char() == '-' || arrow.as_char() == '=') && arrow.spacing() == Spacing::Joint
        ),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use proc_macro2::TokenStream;
    use quote::quote;

    use super::{PRELUDE, Prelude};

    fn shortened(prelude: &Prelude, tokens: TokenStream) -> String {
        prelude.shorten(tokens).to_string()
    }

    #[test]
    fn full_paths_to_the_prelude_become_its_names() {
        let prelude = Prelude::without([]);
        let tokens = quote! {
            #[derive(::core::clone::Clone, ::core::default::Default)]
            pub struct A { pub b: ::core::option::Option<::std::vec::Vec<::std::string::String>> }
            fn f(value: impl ::core::convert::Into<::std::string::String>) -> ::core::option::Option<u8> {
                let _ = ::core::option::Option::Some(1);
                match 1 { _ => ::core::option::Option::None }
            }
            impl ::core::default::Default for A { fn default() -> Self { todo!() } }
        };
        assert_eq!(
            shortened(&prelude, tokens),
            quote! {
                #[derive(Clone, Default)]
                pub struct A { pub b: Option<Vec<String>> }
                fn f(value: impl Into<String>) -> Option<u8> {
                    let _ = Some(1);
                    match 1 { _ => None }
                }
                impl Default for A { fn default() -> Self { todo!() } }
            }
            .to_string()
        );
    }

    #[test]
    fn a_name_the_crate_defines_keeps_its_full_path() {
        // A spec with a type `Option` (or a variant-like `None`) keeps `Option`'s paths whole.
        let tokens = quote! { ::core::option::Option<::std::string::String> };
        let kept = quote! { ::core::option::Option<String> }.to_string();
        assert_eq!(shortened(&Prelude::without(["Option"]), tokens.clone()), kept);
        assert_eq!(shortened(&Prelude::without(["None"]), tokens), kept);
    }

    #[test]
    fn other_paths_are_left_alone() {
        let prelude = Prelude::without([]);
        for tokens in [
            // Not the standard library, not a prelude item, a path that goes on from another, an
            // import, and a qualified path's tail.
            quote! { ::serde::de::Deserialize },
            quote! { ::core::fmt::Debug },
            quote! { ::std::collections::BTreeMap<u8, u8> },
            quote! { a::core::option::Option },
            quote! { use ::core::option::Option; },
            quote! { <T as X>::core::option::Option },
        ] {
            assert_eq!(shortened(&prelude, tokens.clone()), tokens.to_string());
        }
    }

    /// The runtime is re-exported by glob into the generated modules, where its names would
    /// shadow the prelude's: it must define none of them.
    #[test]
    fn the_runtime_defines_no_prelude_name() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("runtime/src");
        let mut files = vec![root.clone()];
        let mut checked = 0;
        while let Some(path) = files.pop() {
            if path.is_dir() {
                files.extend(
                    std::fs::read_dir(&path).expect("a directory").map(|entry| entry.expect("an entry").path()),
                );
                continue;
            }
            if path.extension().is_none_or(|extension| extension != "rs") || path.ends_with("tests.rs") {
                continue;
            }
            let file = syn::parse_file(&std::fs::read_to_string(&path).expect("a file")).expect("valid Rust");
            for item in &file.items {
                let name = match item {
                    syn::Item::Struct(item) => &item.ident,
                    syn::Item::Enum(item) => &item.ident,
                    syn::Item::Trait(item) => &item.ident,
                    syn::Item::Type(item) => &item.ident,
                    syn::Item::Fn(item) => &item.sig.ident,
                    syn::Item::Const(item) => &item.ident,
                    syn::Item::Static(item) => &item.ident,
                    syn::Item::Mod(item) => &item.ident,
                    _ => continue,
                };
                let shadows =
                    PRELUDE.iter().any(|(_, prelude, variants)| name == prelude || variants.iter().any(|v| name == v));
                assert!(!shadows, "{} defines `{name}`, a name of the prelude", path.display());
                checked += 1;
            }
        }
        assert!(checked > 100, "only {checked} items read");
    }
}
