//! The standard library's prelude items in emitted code: written by their prelude names
//! (`Option`, `Clone`) wherever those mean the same, in full (`::core::option::Option`) in a crate
//! that defines an item of that name.
//!
//! A spec may name a type `Option` or `Default`, and in the module that defines it the prelude's
//! name then means the spec's type. So the emitters never write a prelude name themselves: they
//! interpolate one of this module's constants (`#OPTION<#ty>`, `#SOME(value)`), which writes the
//! name alone when the crate defines no item of that name (a type, an operation, a client
//! resource; for `Option` and `Result`, nor one named like their variants `Some`, `None`, `Ok`,
//! `Err`), and the full path otherwise. Written in full
//! everywhere and shortened afterwards, as they were, those paths were about one token in eight
//! of a large crate and the pass shortening them an eighth of formatting's time.
//!
//! Which names a crate may write short is a fact of the whole crate, known before any module is
//! emitted; the emitters read it from the thread that emits a module ([`Prelude::enter`]) rather
//! than from a parameter through every emitting function. Outside such a scope (an emitter's
//! unit test) every path is written in full, which is correct in any crate. The runtime,
//! re-exported by glob into the generated modules, defines none of these names (a test reads its
//! files).
//!
//! The runtime's own items the emitters name most (`crate::object::Required`,
//! `crate::nullable::Nullable`, about one token in ten of a large crate written in full) go the
//! same way ([`RuntimeName`]): written by their names, which the module then imports
//! (`use crate::object::{Object, Required};`, [`RuntimeImports`]: exactly the names its code
//! wrote), unless the crate defines an item of that name, where the path stays whole.

use std::cell::Cell;
use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::{Ident, Punct, Spacing, Span, TokenStream};
use quote::{ToTokens, TokenStreamExt as _, quote};

/// The prelude's items the emitters use: the crate they are in (`core` or, for what needs an
/// allocator, `std`), their module and name, and the variants a path may go on to
/// (`Option::Some`), which the prelude names too.
const PRELUDE: &[(&str, &str, &str, &[&str])] = &[
    ("core", "option", "Option", &["Some", "None"]),
    ("core", "result", "Result", &["Ok", "Err"]),
    ("std", "string", "String", &[]),
    ("std", "vec", "Vec", &[]),
    ("std", "boxed", "Box", &[]),
    ("std", "borrow", "ToOwned", &[]),
    ("core", "default", "Default", &[]),
    ("core", "clone", "Clone", &[]),
    ("core", "marker", "Copy", &[]),
    ("core", "cmp", "PartialEq", &[]),
    ("core", "cmp", "Eq", &[]),
    ("core", "cmp", "PartialOrd", &[]),
    ("core", "cmp", "Ord", &[]),
    ("core", "convert", "Into", &[]),
    ("core", "convert", "From", &[]),
    ("core", "convert", "AsRef", &[]),
    ("core", "convert", "TryFrom", &[]),
    ("core", "iter", "IntoIterator", &[]),
];

/// An item of [`PRELUDE`] (by its position there), or one of its variants, as emitted code
/// writes it: interpolated into `quote!` as `#OPTION`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PreludeName {
    item: usize,
    variant: Option<&'static str>,
}

impl PreludeName {
    const fn item(item: usize) -> Self {
        Self { item, variant: None }
    }

    const fn variant(item: usize, variant: &'static str) -> Self {
        Self { item, variant: Some(variant) }
    }
}

pub(crate) const OPTION: PreludeName = PreludeName::item(0);
pub(crate) const SOME: PreludeName = PreludeName::variant(0, "Some");
pub(crate) const NONE: PreludeName = PreludeName::variant(0, "None");
pub(crate) const RESULT: PreludeName = PreludeName::item(1);
pub(crate) const OK: PreludeName = PreludeName::variant(1, "Ok");
pub(crate) const ERR: PreludeName = PreludeName::variant(1, "Err");
pub(crate) const STRING: PreludeName = PreludeName::item(2);
pub(crate) const VEC: PreludeName = PreludeName::item(3);
pub(crate) const BOX: PreludeName = PreludeName::item(4);
pub(crate) const TO_OWNED: PreludeName = PreludeName::item(5);
pub(crate) const DEFAULT: PreludeName = PreludeName::item(6);
pub(crate) const CLONE: PreludeName = PreludeName::item(7);
pub(crate) const COPY: PreludeName = PreludeName::item(8);
pub(crate) const PARTIAL_EQ: PreludeName = PreludeName::item(9);
pub(crate) const EQ: PreludeName = PreludeName::item(10);
pub(crate) const PARTIAL_ORD: PreludeName = PreludeName::item(11);
pub(crate) const ORD: PreludeName = PreludeName::item(12);
pub(crate) const INTO: PreludeName = PreludeName::item(13);
pub(crate) const FROM: PreludeName = PreludeName::item(14);
pub(crate) const AS_REF: PreludeName = PreludeName::item(15);
pub(crate) const TRY_FROM: PreludeName = PreludeName::item(16);
pub(crate) const INTO_ITERATOR: PreludeName = PreludeName::item(17);

impl ToTokens for PreludeName {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        let (root, module, name, _) = PRELUDE[self.item];
        let span = Span::call_site();
        if USABLE.with(Cell::get) & (1 << self.item) == 0 {
            for segment in [root, module, name] {
                tokens.append(Punct::new(':', Spacing::Joint));
                tokens.append(Punct::new(':', Spacing::Alone));
                tokens.append(Ident::new(segment, span));
            }
            if let Some(variant) = self.variant {
                tokens.append(Punct::new(':', Spacing::Joint));
                tokens.append(Punct::new(':', Spacing::Alone));
                tokens.append(Ident::new(variant, span));
            }
        } else {
            tokens.append(Ident::new(self.variant.unwrap_or(name), span));
        }
    }
}

/// The runtime's items the emitters name by [`RuntimeName`]: the generated module that holds
/// each, and its name. Names are unique across the table (a test checks), so a module importing
/// several never imports two items of one name.
const RUNTIME: &[(&str, &str)] = &[
    ("object", "Object"),
    ("object", "Required"),
    ("object", "Optional"),
    ("object", "RequiredNullable"),
    ("object", "OptionalNullable"),
    ("object", "Values"),
    ("object", "Refs"),
    ("object", "ExtraFields"),
    ("object", "Reject"),
    ("object", "Ignore"),
    ("object", "impl_object"),
    ("nullable", "Nullable"),
    ("validate", "Validator"),
    ("validate", "Violation"),
    ("enums", "open_enum"),
    ("enums", "closed_enum"),
    ("tagged", "TaggedUnion"),
    ("untagged", "Shape"),
    ("untagged", "Kind"),
];

/// An item of the generated crate's runtime (by its position in [`RUNTIME`]), as emitted code
/// writes it: interpolated into `quote!` as `#REQUIRED`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RuntimeName {
    item: usize,
}

pub(crate) const OBJECT: RuntimeName = RuntimeName { item: 0 };
pub(crate) const REQUIRED: RuntimeName = RuntimeName { item: 1 };
pub(crate) const OPTIONAL: RuntimeName = RuntimeName { item: 2 };
pub(crate) const REQUIRED_NULLABLE: RuntimeName = RuntimeName { item: 3 };
pub(crate) const OPTIONAL_NULLABLE: RuntimeName = RuntimeName { item: 4 };
pub(crate) const VALUES: RuntimeName = RuntimeName { item: 5 };
pub(crate) const REFS: RuntimeName = RuntimeName { item: 6 };
pub(crate) const EXTRA_FIELDS: RuntimeName = RuntimeName { item: 7 };
pub(crate) const REJECT: RuntimeName = RuntimeName { item: 8 };
pub(crate) const IGNORE: RuntimeName = RuntimeName { item: 9 };
pub(crate) const IMPL_OBJECT: RuntimeName = RuntimeName { item: 10 };
pub(crate) const NULLABLE: RuntimeName = RuntimeName { item: 11 };
pub(crate) const VALIDATOR: RuntimeName = RuntimeName { item: 12 };
pub(crate) const VIOLATION: RuntimeName = RuntimeName { item: 13 };
pub(crate) const OPEN_ENUM: RuntimeName = RuntimeName { item: 14 };
pub(crate) const CLOSED_ENUM: RuntimeName = RuntimeName { item: 15 };
pub(crate) const TAGGED_UNION: RuntimeName = RuntimeName { item: 16 };
pub(crate) const SHAPE: RuntimeName = RuntimeName { item: 17 };
pub(crate) const KIND: RuntimeName = RuntimeName { item: 18 };

// A bit of a `u32` per item of each table.
const _: () = assert!(PRELUDE.len() <= 32 && RUNTIME.len() <= 32, "a table has outgrown its bit mask");

thread_local! {
    /// The items of [`PRELUDE`] (a bit each) that the crate this thread is emitting may write
    /// short; none outside [`Prelude::enter`].
    static USABLE: Cell<u32> = const { Cell::new(0) };
    /// The same for [`RUNTIME`].
    static RUNTIME_USABLE: Cell<u32> = const { Cell::new(0) };
    /// The items of [`RUNTIME`] written short since the scope was entered: what the module
    /// being emitted imports.
    static RUNTIME_USED: Cell<u32> = const { Cell::new(0) };
}

impl ToTokens for RuntimeName {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        let (module, name) = RUNTIME[self.item];
        let span = Span::call_site();
        let bit = 1 << self.item;
        if RUNTIME_USABLE.with(Cell::get) & bit == 0 {
            tokens.append(Ident::new("crate", span));
            for segment in [module, name] {
                tokens.append(Punct::new(':', Spacing::Joint));
                tokens.append(Punct::new(':', Spacing::Alone));
                tokens.append(Ident::new(segment, span));
            }
        } else {
            RUNTIME_USED.with(|used| used.set(used.get() | bit));
            tokens.append(Ident::new(name, span));
        }
    }
}

/// The runtime items a module's code wrote by their names, which it must import.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct RuntimeImports {
    used: u32,
}

impl RuntimeImports {
    /// The items either part of a module imports.
    #[must_use]
    pub(crate) fn union(self, other: Self) -> Self {
        Self { used: self.used | other.used }
    }

    /// The `use` items: one per runtime module, in the order of the modules' names, each
    /// listing its items in the order of theirs.
    pub(crate) fn items(self) -> TokenStream {
        let mut by_module: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
        for (item, (module, name)) in RUNTIME.iter().enumerate() {
            if self.used & (1 << item) != 0 {
                by_module.entry(module).or_default().insert(name);
            }
        }
        let mut tokens = TokenStream::new();
        for (module, names) in by_module {
            let module = Ident::new(module, Span::call_site());
            let names: Vec<Ident> = names.into_iter().map(|name| Ident::new(name, Span::call_site())).collect();
            tokens.extend(match names.as_slice() {
                [name] => quote! { use crate::#module::#name; },
                names => quote! { use crate::#module::{#(#names),*}; },
            });
        }
        tokens
    }
}

/// The prelude's and the runtime's names a crate may write short: those it defines no item of.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Prelude {
    usable: u32,
    runtime_usable: u32,
}

impl Prelude {
    /// The prelude of a crate whose own items (in any module) are named `defined`.
    pub(crate) fn without<'a>(defined: impl IntoIterator<Item = &'a str>) -> Self {
        let defined: BTreeSet<&str> = defined.into_iter().collect();
        let usable = PRELUDE
            .iter()
            .enumerate()
            .filter(|(_, (_, _, name, variants))| {
                !defined.contains(name) && !variants.iter().any(|variant| defined.contains(variant))
            })
            .fold(0, |usable, (index, _)| usable | (1 << index));
        let runtime_usable = RUNTIME
            .iter()
            .enumerate()
            .filter(|(_, (_, name))| !defined.contains(name))
            .fold(0, |usable, (index, _)| usable | (1 << index));
        Self { usable, runtime_usable }
    }

    /// Makes this the prelude of what this thread emits until the scope is dropped, with no
    /// runtime name written yet.
    pub(crate) fn enter(self) -> PreludeScope {
        PreludeScope {
            previous: (
                USABLE.with(|usable| usable.replace(self.usable)),
                RUNTIME_USABLE.with(|usable| usable.replace(self.runtime_usable)),
                RUNTIME_USED.with(|used| used.replace(0)),
            ),
            _thread: std::marker::PhantomData,
        }
    }
}

/// While alive, the emitters on this thread write the names of one crate; dropped, the thread's
/// previous state is back.
#[derive(Debug)]
#[must_use = "the prelude holds only while the scope lives"]
pub(crate) struct PreludeScope {
    previous: (u32, u32, u32),
    /// Not `Send`: dropped on another thread, the scope would restore that thread's state.
    _thread: std::marker::PhantomData<*const ()>,
}

impl PreludeScope {
    /// The runtime items written by their names since the scope was entered. A method of the
    /// scope, though it reads the thread's state: outside one, there is nothing to read.
    #[allow(clippy::unused_self, reason = "asking the scope is what makes the answer mean something")]
    pub(crate) fn imports(&self) -> RuntimeImports {
        RuntimeImports { used: RUNTIME_USED.with(Cell::get) }
    }
}

impl Drop for PreludeScope {
    fn drop(&mut self) {
        let (usable, runtime_usable, used) = self.previous;
        USABLE.with(|cell| cell.set(usable));
        RUNTIME_USABLE.with(|cell| cell.set(runtime_usable));
        RUNTIME_USED.with(|cell| cell.set(used));
    }
}

#[cfg(test)]
mod tests {
    use quote::quote;

    use super::{
        AS_REF, BOX, CLONE, COPY, DEFAULT, EQ, ERR, FROM, INTO, INTO_ITERATOR, NONE, NULLABLE, OK, OPTION, ORD,
        PARTIAL_EQ, PARTIAL_ORD, PRELUDE, Prelude, PreludeName, REQUIRED, RESULT, RUNTIME, SOME, STRING, TO_OWNED,
        TRY_FROM, VALUES, VEC,
    };

    const ALL: &[PreludeName] = &[
        OPTION,
        SOME,
        NONE,
        RESULT,
        OK,
        ERR,
        STRING,
        VEC,
        BOX,
        TO_OWNED,
        DEFAULT,
        CLONE,
        COPY,
        PARTIAL_EQ,
        EQ,
        PARTIAL_ORD,
        ORD,
        INTO,
        FROM,
        AS_REF,
        TRY_FROM,
        INTO_ITERATOR,
    ];

    fn sample() -> String {
        quote! {
            #[derive(#CLONE, #DEFAULT)]
            pub struct A { pub b: #OPTION<#VEC<#STRING>> }
            fn f(value: impl #INTO<#STRING>) -> #RESULT<u8, ()> {
                let _ = #SOME(1);
                match #CLONE::clone(&1) { 1 => #OK(1), _ => #ERR(()) }
            }
        }
        .to_string()
    }

    #[test]
    fn a_crate_that_defines_none_of_the_names_writes_them_short() {
        let _scope = Prelude::without(["Options", "Some_"]).enter();
        assert_eq!(
            sample(),
            quote! {
                #[derive(Clone, Default)]
                pub struct A { pub b: Option<Vec<String>> }
                fn f(value: impl Into<String>) -> Result<u8, ()> {
                    let _ = Some(1);
                    match Clone::clone(&1) { 1 => Ok(1), _ => Err(()) }
                }
            }
            .to_string()
        );
    }

    #[test]
    fn outside_a_crate_every_name_is_written_in_full() {
        assert_eq!(
            sample(),
            quote! {
                #[derive(::core::clone::Clone, ::core::default::Default)]
                pub struct A { pub b: ::core::option::Option<::std::vec::Vec<::std::string::String>> }
                fn f(value: impl ::core::convert::Into<::std::string::String>) -> ::core::result::Result<u8, ()> {
                    let _ = ::core::option::Option::Some(1);
                    match ::core::clone::Clone::clone(&1) {
                        1 => ::core::result::Result::Ok(1),
                        _ => ::core::result::Result::Err(())
                    }
                }
            }
            .to_string()
        );
    }

    #[test]
    fn a_name_the_crate_defines_is_written_in_full() {
        // A spec with a type `Option` (or a variant-like `None`) keeps `Option`'s paths whole,
        // `Some` among them, and only those.
        let kept = quote! { ::core::option::Option<String> ::core::option::Option::Some }.to_string();
        for defined in ["Option", "None"] {
            let _scope = Prelude::without([defined]).enter();
            assert_eq!(quote! { #OPTION<#STRING> #SOME }.to_string(), kept, "a crate defining `{defined}`");
        }
    }

    #[test]
    fn a_scope_ends_where_it_is_dropped() {
        let outer = Prelude::without([]).enter();
        {
            let _inner = Prelude::without(["Vec"]).enter();
            assert_eq!(quote! { #VEC #OPTION }.to_string(), quote! { ::std::vec::Vec Option }.to_string());
        }
        assert_eq!(quote! { #VEC }.to_string(), "Vec");
        drop(outer);
        assert_eq!(quote! { #VEC }.to_string(), quote! { ::std::vec::Vec }.to_string());
    }

    /// Each name writes, in full, a path that exists: its item, or a variant the item has.
    #[test]
    fn every_name_is_an_item_of_the_prelude_or_a_variant_of_one() {
        for name in ALL {
            let (root, module, item, variants) = PRELUDE[name.item];
            assert!(["core", "std"].contains(&root), "{item}");
            assert!(!module.is_empty());
            if let Some(variant) = name.variant {
                assert!(variants.contains(&variant), "`{variant}` is not a variant of `{item}`");
            }
        }
        let items: std::collections::BTreeSet<usize> =
            ALL.iter().filter(|name| name.variant.is_none()).map(|name| name.item).collect();
        assert_eq!(items.len(), PRELUDE.len(), "an item of `PRELUDE` without its constant");
    }

    #[test]
    fn runtime_names_written_short_are_imported() {
        let scope = Prelude::without([]).enter();
        assert_eq!(
            quote! { #REQUIRED<#NULLABLE<u8>> #REQUIRED }.to_string(),
            quote! { Required<Nullable<u8>> Required }.to_string()
        );
        assert_eq!(
            scope.imports().items().to_string(),
            quote! { use crate::nullable::Nullable; use crate::object::Required; }.to_string()
        );
        // Two parts of one module import what either wrote, once.
        let first = scope.imports();
        drop(scope);
        let scope = Prelude::without([]).enter();
        assert_eq!(scope.imports().items().to_string(), "", "a scope starts with nothing written");
        let _ = quote! { #VALUES #REQUIRED };
        assert_eq!(
            first.union(scope.imports()).items().to_string(),
            quote! { use crate::nullable::Nullable; use crate::object::{Required, Values}; }.to_string()
        );
    }

    #[test]
    fn a_runtime_name_the_crate_defines_keeps_its_path_and_is_not_imported() {
        let scope = Prelude::without(["Required"]).enter();
        assert_eq!(
            quote! { #REQUIRED<#NULLABLE<u8>> }.to_string(),
            quote! { crate::object::Required<Nullable<u8>> }.to_string()
        );
        assert_eq!(scope.imports().items().to_string(), quote! { use crate::nullable::Nullable; }.to_string());
        drop(scope);
        assert_eq!(quote! { #NULLABLE }.to_string(), quote! { crate::nullable::Nullable }.to_string());
    }

    /// Every item of the runtime's files (`codegen/runtime/src/<module>/*.rs`, its tests left
    /// out): the module it is copied into, the file, and the item's name.
    fn runtime_items() -> Vec<(String, std::path::PathBuf, String)> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("runtime/src");
        let mut items = Vec::new();
        for module in std::fs::read_dir(&root).expect("the runtime's directory") {
            let module = module.expect("an entry").path();
            if !module.is_dir() {
                continue;
            }
            let module_name = module.file_name().and_then(|name| name.to_str()).expect("a module name").to_owned();
            for file in std::fs::read_dir(&module).expect("a module's directory") {
                let file = file.expect("an entry").path();
                let parsed = syn::parse_file(&std::fs::read_to_string(&file).expect("a file")).expect("valid Rust");
                for item in &parsed.items {
                    let name = match item {
                        syn::Item::Struct(item) => item.ident.to_string(),
                        syn::Item::Enum(item) => item.ident.to_string(),
                        syn::Item::Trait(item) => item.ident.to_string(),
                        syn::Item::Type(item) => item.ident.to_string(),
                        syn::Item::Fn(item) => item.sig.ident.to_string(),
                        syn::Item::Const(item) => item.ident.to_string(),
                        syn::Item::Static(item) => item.ident.to_string(),
                        syn::Item::Mod(item) => item.ident.to_string(),
                        syn::Item::Macro(item) => match &item.ident {
                            Some(ident) => ident.to_string(),
                            None => continue,
                        },
                        _ => continue,
                    };
                    items.push((module_name.clone(), file.clone(), name));
                }
            }
        }
        items
    }

    /// A module imports each name once, whichever runtime modules its names come from; and each
    /// name is an item (or a macro) of the runtime module the table says.
    #[test]
    fn runtime_names_are_unique_and_defined_where_the_table_says() {
        let names: std::collections::BTreeSet<&str> = RUNTIME.iter().map(|(_, name)| *name).collect();
        assert_eq!(names.len(), RUNTIME.len(), "two runtime items of one name");
        let items = runtime_items();
        for (module, name) in RUNTIME {
            assert!(
                items.iter().any(|(owner, _, item)| owner == module && item == name),
                "the runtime module `{module}` defines no `{name}`"
            );
        }
    }

    /// A module imports a runtime name where the runtime of another module, glob-imported
    /// there, could define one too: the import would silently win over the glob. So a name of
    /// [`RUNTIME`] is defined by the runtime module the table names and by no other.
    #[test]
    fn runtime_names_are_defined_by_their_own_module_alone() {
        for (module, file, name) in runtime_items() {
            if let Some((owner, _)) = RUNTIME.iter().find(|(_, runtime)| *runtime == name) {
                assert_eq!(*owner, module, "{} defines `{name}`, which the table gives to `{owner}`", file.display());
            }
        }
    }

    /// The runtime is re-exported by glob into the generated modules, where its names would
    /// shadow the prelude's: it must define none of them.
    #[test]
    fn the_runtime_defines_no_prelude_name() {
        let items = runtime_items();
        for (_, file, name) in &items {
            let shadows = PRELUDE
                .iter()
                .any(|(_, _, prelude, variants)| name == prelude || variants.iter().any(|variant| name == variant));
            assert!(!shadows, "{} defines `{name}`, a name of the prelude", file.display());
        }
        assert!(items.len() > 100, "only {} items read", items.len());
    }
}
