//! IR → tokens: the crate's modules (types, validation, operations, builders, the client), each
//! emitted on its own from the IR, with the runtime parts each needs.
//!
//! Every path to a type outside the generated crate is written in full (`::serde::Serialize`),
//! so a user type cannot shadow it; the prelude's items (`Option`, `Clone`) and the runtime's
//! most named ones (`Required`, `Nullable`) are interpolated (`#OPTION`, `#REQUIRED`), which
//! writes them short (a runtime name then imported by the module) unless the crate defines an
//! item of their name (see [`crate::prelude`]).

mod builders;
mod client;
mod enums;
pub(crate) mod features;
mod int_enums;
mod operations;
mod paging;
mod responses;
mod runtime;
mod structs;
mod unions;
mod validate;

/// Whether a struct derives `Default`, which the semver report reads as part of its API.
pub(crate) use structs::derives_default;

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::quote;

use crate::ident::ident;
use crate::ir::{Docs, Ir, Storage, TypeDef, TypeId, TypeKind, TypeModule, TypeRef, Walk};
use crate::prelude::{BOX, OPTION, Prelude, RuntimeImports, STRING, VEC};
use runtime::Part;

/// The optional dependencies of a generated crate.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Dependencies {
    pub(crate) jiff: Jiff,
    /// `regex`, for `pattern` limits.
    pub(crate) regex: bool,
    /// The client's optional dependencies (`reqwest`, `tokio`, …).
    pub(crate) client: bool,
}

impl Dependencies {
    /// What either of two parts of the code needs.
    fn union(self, other: Self) -> Self {
        Self { jiff: self.jiff.max(other.jiff), regex: self.regex || other.regex, client: self.client || other.client }
    }
}

/// How much of `jiff` the code uses; each level covers the ones before it, so of two parts of the
/// code the larger need decides.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Jiff {
    #[default]
    Unused,
    /// Timestamps.
    Used,
    /// The time zone check (`format: iana-timezone`), with `jiff`'s bundled time zone database.
    WithTimeZoneDatabase,
}

/// One module of a generated crate; each is emitted on its own, so the modules of a crate can be
/// emitted and formatted on several threads at once (token streams cannot cross threads).
#[derive(Debug, Clone, Copy)]
pub(crate) enum ModuleKind {
    Nullable,
    Types,
    Operations,
    Builders,
    Validate,
    /// Only when some emitted type is a tagged union.
    Tagged,
    /// Only when some emitted union is read by the rule for unions without a tag.
    Untagged,
    /// Server-sent events, which the operations runtime reads event-stream responses with.
    Events,
    /// `ExtraFields` and the shared pieces of the structs' serde impls; only when some emitted
    /// type is a struct.
    Object,
    /// What the string enums' `as_str`, `From` and serde impls share; only when some emitted type
    /// is a string enum.
    Enums,
    /// The HTTP client, behind the `client` feature; only for a crate with operations, and not
    /// in a single file (which has no manifest to turn it on).
    Client,
    /// A module with fixed items, so tests can hand the formatter code that does not parse.
    #[cfg(test)]
    Fixed(fn() -> TokenStream),
}

/// What is decided about a crate before any module is emitted: which modules it has, its root
/// documentation and the types worth emitting. It holds no tokens, so threads can share it.
#[derive(Debug)]
pub(crate) struct Plan {
    pub(crate) ir: std::sync::Arc<Ir>,
    emitted: BTreeSet<TypeId>,
    /// Which cargo feature compiles each operation and type.
    pub(crate) features: features::Features,
    pub(crate) root_doc: Docs,
    /// In the order of the crate's `mod` declarations.
    pub(crate) modules: Vec<ModuleKind>,
    /// The prelude's and the runtime's names the emitted code may write short.
    prelude: Prelude,
}

/// One module of generated code, before formatting.
#[derive(Debug, Clone)]
#[cfg_attr(not(feature = "stages"), allow(unreachable_pub, reason = "public only with the `stages` feature"))]
pub struct GeneratedModule {
    /// The module's name, also its file name (`types` → `types.rs`).
    pub name: String,
    /// The module's `//!` documentation.
    pub doc: String,
    /// The module's inner attributes (`#![allow(…)]`), which come before its items.
    pub inner_attributes: TokenStream,
    /// The module's items.
    pub tokens: TokenStream,
    /// Who may name the module.
    pub visibility: ModuleVisibility,
    /// Support code the module holds as private child modules, each copied verbatim from the
    /// generator's runtime crate (`codegen/runtime/`); the module's own items re-export it.
    pub runtime: Vec<RuntimeFile>,
}

/// One file of support code, copied verbatim into a generated crate as the child module
/// `module` of the module that holds it (`validate/runtime.rs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuntimeFile {
    /// The child module's name, also its file name.
    pub module: &'static str,
    /// The file's source.
    pub source: &'static str,
}

/// Who may name a module of the generated crate. Each item has one documented path: the model
/// types and `Nullable` at the crate root, everything else in the public module it belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(not(feature = "stages"), allow(unreachable_pub, reason = "public only with the `stages` feature"))]
pub enum ModuleVisibility {
    /// `pub mod`: part of the crate's API (`operations`, `validate`, `builders`, `client`).
    Public,
    /// `#[doc(hidden)] pub mod`: plumbing the generated code names (the structs' serde tables),
    /// public only because a public item's signature or a user's code expanded from it may reach
    /// it; what users need of it is re-exported at the root.
    Hidden,
    /// `mod`: its public items are re-exported at the crate root (`types`, `nullable`), or it is
    /// the generated code's alone (`tagged`).
    Private,
}

impl ModuleVisibility {
    /// The attributes and visibility of the module's declaration.
    pub(crate) fn tokens(self) -> TokenStream {
        match self {
            Self::Public => quote! { pub },
            Self::Hidden => quote! { #[doc(hidden)] pub },
            Self::Private => TokenStream::new(),
        }
    }
}

/// A module that is one part of the runtime and nothing else, re-exporting it.
struct RuntimeOnly {
    name: &'static str,
    doc: &'static str,
    visibility: ModuleVisibility,
    /// Re-exported to the crate only (`pub(crate) use`): the generated code's alone.
    crate_only: bool,
    part: Part,
}

impl RuntimeOnly {
    fn module(
        &self,
        module: impl Fn(&str, &str, TokenStream, ModuleVisibility, &[Part]) -> GeneratedModule,
    ) -> GeneratedModule {
        let reexport = if self.crate_only {
            quote! { pub(crate) use self::runtime::*; }
        } else {
            quote! { pub use self::runtime::*; }
        };
        module(self.name, self.doc, reexport, self.visibility, &[self.part])
    }
}

const NULLABLE: RuntimeOnly = RuntimeOnly {
    name: "nullable",
    doc: "`Nullable<T>`: a field that may be absent, `null`, or hold a value.",
    visibility: ModuleVisibility::Private,
    crate_only: false,
    part: Part::Nullable,
};

const TAGGED: RuntimeOnly = RuntimeOnly {
    name: "tagged",
    doc: "Reading tagged unions in one pass: the tag, then the member from the rest of the same object.",
    visibility: ModuleVisibility::Private,
    crate_only: true,
    part: Part::Tagged,
};

const EVENTS: RuntimeOnly = RuntimeOnly {
    name: "events",
    doc: "Server-sent events, sans IO: bytes in, as they arrive, typed events out. Operations that answer\n`text/event-stream` read their responses with it; a client that streams feeds it chunk by chunk.",
    visibility: ModuleVisibility::Public,
    crate_only: false,
    part: Part::Events,
};

const OBJECT: RuntimeOnly = RuntimeOnly {
    name: "object",
    doc: "The fields a server adds, kept (`ExtraFields`), and what the structs' `Serialize` and\n`Deserialize` impls share.",
    visibility: ModuleVisibility::Hidden,
    crate_only: false,
    part: Part::Object,
};

const ENUMS: RuntimeOnly = RuntimeOnly {
    name: "enums",
    doc: "What the string enums' `as_str`, `Display`, `From` and serde impls share: one generic reader and\nwriter, driven by each enum's table of values.",
    visibility: ModuleVisibility::Hidden,
    crate_only: false,
    part: Part::Enums,
};

const UNTAGGED: RuntimeOnly = RuntimeOnly {
    name: "untagged",
    doc: "Choosing the member of a union without a tag property, by an exact rule over the JSON value.",
    visibility: ModuleVisibility::Private,
    crate_only: true,
    part: Part::Untagged,
};

/// One emitted module and what its code needs from the manifest.
pub(crate) struct EmittedModule {
    pub(crate) module: GeneratedModule,
    pub(crate) dependencies: Dependencies,
    /// The runtime items the part's code names short, which the module must import: not in
    /// the tokens of a part ([`Plan::emit_module_part`]), since the parts of a module import
    /// once, what all of them need; [`Plan::emit_module`] puts them in front of a whole
    /// module's tokens and leaves this empty.
    pub(crate) imports: RuntimeImports,
}

/// One of the contiguous parts a module's items are split into, so that the parts of one large
/// module are emitted and formatted on several threads at once: the files of its parts, one after
/// another, are the file of the whole (prettyplease prints a file's items one by one, each ending
/// its own lines). The first part holds the module's header: its docs, inner attributes and child
/// modules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Shard {
    /// Which part, from 0.
    pub(crate) index: usize,
    /// How many parts the module has.
    pub(crate) count: usize,
}

impl Shard {
    /// The whole module as one part.
    pub(crate) const WHOLE: Self = Self { index: 0, count: 1 };

    /// Whether the item at `position` of `total` falls into this part: the parts are contiguous
    /// runs of nearly equal length, in order.
    fn holds(self, position: usize, total: usize) -> bool {
        let start = self.index * total / self.count;
        let end = (self.index + 1) * total / self.count;
        (start..end).contains(&position)
    }
}

/// The types a part of the `types` module holds at most: big enough that a part is worth a task
/// of its own, small enough that a large spec's `types` (half its lines) keeps every thread busy.
const TYPES_PER_SHARD: usize = 64;

impl Plan {
    pub(crate) fn new(ir: std::sync::Arc<Ir>) -> Self {
        let emitted = ir.emitted_types();
        let root_doc = ir.docs.clone();
        let features = ir.features.clone();
        let mut modules = vec![
            ModuleKind::Nullable,
            ModuleKind::Types,
            ModuleKind::Operations,
            ModuleKind::Builders,
            ModuleKind::Validate,
            ModuleKind::Events,
        ];
        if emitted.iter().any(|id| matches!(ir.get(*id).kind, TypeKind::Struct(_))) {
            modules.push(ModuleKind::Object);
        }
        // Integer enums are written out by `int_enums`; the table runtime is for string enums.
        if emitted.iter().any(|id| matches!(&ir.get(*id).kind, TypeKind::Enum(e) if !e.is_integer())) {
            modules.push(ModuleKind::Enums);
        }
        if !ir.operations.is_empty() {
            modules.push(ModuleKind::Client);
        }
        if emitted.iter().any(|id| matches!(ir.get(*id).kind, TypeKind::TaggedUnion(_))) {
            modules.push(ModuleKind::Tagged);
        }
        if emitted.iter().any(|id| matches!(&ir.get(*id).kind, TypeKind::KindUnion(u) if u.by_rule)) {
            modules.push(ModuleKind::Untagged);
        }
        let prelude = Prelude::without(ir.defined_names());
        Self { ir, emitted, features, root_doc, modules, prelude }
    }

    /// The same plan with nothing behind a cargo feature, for code compiled without a manifest
    /// (a single file).
    pub(crate) fn without_features(&self) -> Self {
        Self {
            ir: std::sync::Arc::clone(&self.ir),
            emitted: self.emitted.clone(),
            features: features::Features::default(),
            root_doc: self.root_doc.clone(),
            modules: self.modules.iter().copied().filter(|kind| !matches!(kind, ModuleKind::Client)).collect(),
            prelude: self.prelude,
        }
    }

    /// Every module, emitted one after another on this thread.
    pub(crate) fn emit_modules(&self) -> Vec<GeneratedModule> {
        self.modules.iter().map(|kind| self.emit_module(*kind).module).collect()
    }

    /// The crate's documentation: the spec's title and description, and its features.
    pub(crate) fn crate_doc(&self) -> Docs {
        match self.features.docs() {
            Some(features) => self.root_doc.clone().then(&Docs::generated(&features)),
            None => self.root_doc.clone(),
        }
    }

    /// A plan for the given modules alone, over an empty IR.
    #[cfg(test)]
    pub(crate) fn fixed(modules: Vec<ModuleKind>) -> Self {
        let ir = std::sync::Arc::new(Ir { title: "Title".to_owned(), ..Ir::default() });
        Self {
            ir,
            emitted: BTreeSet::new(),
            features: features::Features::default(),
            root_doc: Docs::generated("Title"),
            modules,
            prelude: Prelude::default(),
        }
    }

    /// `lib.rs` of a crate whose modules are `modules` (name, documentation, visibility):
    /// the crate's documentation, its lint allowances while a feature is off, a declaration per
    /// module (each file formatted by prettyplease, so `cargo fmt` must leave it alone), then the
    /// re-exports. The crate root is decided here alone; output only formats it.
    pub(crate) fn lib_rs(&self, modules: &[(&str, &str, ModuleVisibility)]) -> TokenStream {
        let crate_doc = self.crate_doc().inner();
        let partial_build_allow = self.features.partial_build_allow();
        let declarations = modules.iter().map(|(name, doc, visibility)| {
            let name = quote::format_ident!("{name}");
            let doc = Docs::generated(doc).first_paragraph().outer();
            let visibility = visibility.tokens();
            quote! { #doc #[rustfmt::skip] #visibility mod #name; }
        });
        let root = self.root();
        quote! { #crate_doc #partial_build_allow #(#declarations)* #root }
    }

    /// The items of the crate root after the module declarations (also at the end of a single
    /// file, whose modules are inline).
    pub(crate) fn root(&self) -> TokenStream {
        // A spec with no schema (and no type but parameter structs, which live in `operations`)
        // leaves `types` empty, and its glob unused.
        let types_export = self
            .emitted
            .iter()
            .any(|id| self.ir.get(*id).module() == TypeModule::Types)
            .then(|| quote! { pub use types::*; });
        // The runtime's `Nullable` and `ExtraFields` at the root, unless the spec has a type of
        // that name, which `types::*` puts there and which a root import would hide; the
        // runtime's is then reached through its module (`nullable` public, `object` hidden).
        let nullable_export = (!self.defines("Nullable")).then(|| quote! { pub use nullable::Nullable; });
        let extra_fields_export = (self.modules.iter().any(|kind| matches!(kind, ModuleKind::Object))
            && !self.defines("ExtraFields"))
        .then(|| quote! { pub use object::ExtraFields; });
        // The crates of the public API's types, so a caller names a header (`http::HeaderName`)
        // or brings a `reqwest::Client` without a dependency of its own, at the same version.
        let reqwest_export = self.modules.iter().any(|kind| matches!(kind, ModuleKind::Client)).then(|| {
            quote! {
                /// The `reqwest` crate the client sends with (`ClientBuilder::http_client`).
                #[cfg(feature = "client")]
                pub use ::reqwest;
            }
        });
        // In the order `rustfmt` sorts them, and each on a line of its own, so `cargo fmt` in
        // the generated crate (its `lib.rs` is formatted, the module files are skipped) leaves
        // the file as the generator wrote it.
        quote! {
            /// The `http` crate of the requests, responses and headers in the API.
            pub use ::http;
            #reqwest_export
            #nullable_export
            #extra_fields_export
            #types_export
        }
    }

    /// Whether the crate has an item named `name` of its own (a type, an operation's, a client
    /// resource).
    fn defines(&self, name: &str) -> bool {
        self.ir.defined_names().any(|defined| defined == name)
    }

    /// How many parts ([`Shard`]) `kind` is emitted and formatted in.
    pub(crate) fn shards(&self, kind: ModuleKind) -> usize {
        match kind {
            ModuleKind::Types => self.types_module_items().len().div_ceil(TYPES_PER_SHARD).max(1),
            _ => 1,
        }
    }

    /// The types of the `types` module, in the order they are emitted: by Rust name.
    fn types_module_items(&self) -> Vec<(TypeId, &TypeDef)> {
        let emitted = &self.emitted;
        self.ir
            .types_by_name()
            .into_iter()
            .filter(|(id, def)| emitted.contains(id) && def.module() == TypeModule::Types)
            .collect()
    }

    /// Emits one module whole, its imports first; independent of every other module, so any
    /// thread may call it.
    pub(crate) fn emit_module(&self, kind: ModuleKind) -> EmittedModule {
        let mut emitted = self.emit_module_part(kind, Shard::WHOLE);
        let mut tokens = emitted.imports.items();
        tokens.extend(std::mem::take(&mut emitted.module.tokens));
        emitted.module.tokens = tokens;
        emitted.imports = RuntimeImports::default();
        emitted
    }

    /// Emits one part of a module ([`Plan::shards`] says how many it has): the whole module's
    /// header and dependencies, with the items of that part alone.
    pub(crate) fn emit_module_part(&self, kind: ModuleKind, shard: Shard) -> EmittedModule {
        let prelude = self.prelude.enter();
        let ir = &*self.ir;
        let module = |name: &str, doc: &str, tokens: TokenStream, visibility: ModuleVisibility, parts: &[Part]| {
            GeneratedModule {
                name: name.to_owned(),
                doc: doc.to_owned(),
                inner_attributes: inner_attributes(kind),
                tokens,
                visibility,
                runtime: parts.iter().map(|part| part.file()).collect(),
            }
        };
        let mut dependencies = Dependencies::default();
        let module = match kind {
            ModuleKind::Types => {
                if uses_timestamps(ir, &self.emitted) {
                    dependencies.jiff = Jiff::Used;
                }
                module(
                    "types",
                    "Model types: one per schema of the spec, with their serde representation.",
                    self.emit_types(shard),
                    ModuleVisibility::Private,
                    &[],
                )
            }
            ModuleKind::Operations => {
                // The `Link` header reader only where an operation pages by links.
                let links = ir.operations.iter().any(|operation| {
                    operation.pagination.as_ref().is_some_and(|pagination| matches!(pagination.walk, Walk::Link { .. }))
                });
                module(
                    "operations",
                    &self.operations_doc(),
                    self.operations_code(),
                    ModuleVisibility::Public,
                    if links { &[Part::Links, Part::Operations] } else { &[Part::Operations] },
                )
            }
            ModuleKind::Builders => module(
                "builders",
                "Builders whose required fields the compiler checks: `build()` only compiles once each is set, and\nsetting one twice does not compile either.",
                builders::emit_builders(ir, &self.emitted, &self.features),
                ModuleVisibility::Public,
                &[Part::Builders],
            ),
            ModuleKind::Validate => {
                let (checks, parts, needs) = self.validate_code();
                dependencies = needs;
                module(
                    "validate",
                    "Validation: the spec's limits as `pub const`s on their types, and `Validate`, which checks a\nvalue against them and the rules the spec states (a request before it is sent, a received value\nwhen its caller asks) and reports every violation with its path.",
                    checks,
                    ModuleVisibility::Public,
                    parts,
                )
            }
            ModuleKind::Client => {
                dependencies.client = true;
                module(
                    "client",
                    "An asynchronous HTTP client of the API (the `client` feature): `Client::builder()` or\n`Client::from_env()`, then a method per operation, grouped by resource, with credentials, retries,\ntimeouts, pages and event streams. The operations' request types are the sans-IO layer beneath it.",
                    {
                        let client = client::emit_client(ir);
                        quote! { pub use self::retry::*; pub use self::runtime::*; #client }
                    },
                    ModuleVisibility::Public,
                    &[Part::ClientRetry, Part::Client],
                )
            }
            // A spec type `Nullable` is the crate root's `Nullable` (through `types::*`); the
            // runtime's is then named by its module, which must be public for that.
            ModuleKind::Nullable if self.defines("Nullable") => {
                RuntimeOnly { visibility: ModuleVisibility::Public, ..NULLABLE }.module(module)
            }
            ModuleKind::Nullable => NULLABLE.module(module),
            ModuleKind::Tagged => TAGGED.module(module),
            ModuleKind::Events => EVENTS.module(module),
            ModuleKind::Object => OBJECT.module(module),
            ModuleKind::Enums => ENUMS.module(module),
            ModuleKind::Untagged => UNTAGGED.module(module),
            #[cfg(test)]
            ModuleKind::Fixed(tokens) => module("types", "Types.", tokens(), ModuleVisibility::Public, &[]),
        };
        EmittedModule { module, dependencies, imports: prelude.imports() }
    }

    /// The `operations` module's documentation: what it holds, and the base URL requests go to.
    fn operations_doc(&self) -> String {
        let mut doc = "Endpoint stubs: one request type per operation, with the `Operation` trait that turns it into an\n`http::Request` and an `http::Response` into its typed result or error, and pagination.".to_owned();
        if let Some(server) = &self.ir.server {
            doc.push_str("\n\nRequests go to a base URL such as the spec's first server, ");
            doc.push_str(&crate::docs::code_span(server));
            doc.push('.');
        }
        doc
    }

    /// The `operations` module's code: its runtime, and a request type per operation.
    fn operations_code(&self) -> TokenStream {
        let operations = operations::emit_operations(&self.ir, &self.features);
        // Only operations call `Validate`; a spec without any would leave the import unused.
        let validate_import = (!self.ir.operations.is_empty()).then(|| quote! { use crate::validate::Validate; });
        quote! {
            pub use self::runtime::*;
            #validate_import
            #operations
        }
    }

    /// The `validate` module's code, with the runtime files and dependencies its checks need:
    /// the time zone check its own runtime file and `jiff`'s time zone database, a `pattern`
    /// limit `regex`.
    fn validate_code(&self) -> (TokenStream, &'static [Part], Dependencies) {
        let validation = validate::emit_validation(&self.ir, &self.emitted, &self.features);
        let dependencies = Dependencies {
            jiff: if validation.uses_time_zones { Jiff::WithTimeZoneDatabase } else { Jiff::Unused },
            regex: validation.uses_patterns,
            client: false,
        };
        let parts: &[Part] =
            if validation.uses_time_zones { &[Part::Validate, Part::TimeZones] } else { &[Part::Validate] };
        let checks = validation.tokens;
        (quote! { pub use self::runtime::*; #checks }, parts, dependencies)
    }

    /// The `types` module's items of one part: every emitted type that lives there, in the order
    /// of their Rust names, each under the features that reach it.
    fn emit_types(&self, shard: Shard) -> TokenStream {
        let types = self.types_module_items();
        let total = types.len();
        let items = types
            .into_iter()
            .enumerate()
            .filter(|(position, _)| shard.holds(*position, total))
            .map(|(_, (id, def))| features::gate(emit_type(&self.ir, def), self.features.of_type(id).as_ref()));
        quote! { #(#items)* }
    }

    /// What every module's code needs, merged.
    pub(crate) fn merge(modules: impl IntoIterator<Item = Dependencies>) -> Dependencies {
        modules.into_iter().fold(Dependencies::default(), Dependencies::union)
    }
}

/// One type of the spec, with its impls, in its module ([`TypeDef::module`]).
fn emit_type(ir: &Ir, def: &TypeDef) -> TokenStream {
    let docs = def.docs.as_ref().map(Docs::outer);
    let deprecated = def.deprecated.then(|| quote! { #[deprecated] });
    let attributes = quote! { #docs #deprecated };
    match &def.kind {
        TypeKind::Struct(s) => structs::emit_struct(ir, def, s, &attributes),
        TypeKind::Enum(e) if e.is_integer() => int_enums::emit_integer_enum(def, e, &attributes),
        TypeKind::Enum(e) => enums::emit_enum(def, e, &attributes),
        TypeKind::TaggedUnion(u) => unions::emit_tagged_union(ir, def, u, &attributes),
        TypeKind::KindUnion(u) => unions::emit_kind_union(ir, def, u, &attributes),
        TypeKind::Choice(c) => structs::emit_choice(ir, def, c, &attributes),
        TypeKind::ByMedia(by_media) => responses::emit_by_media(ir, def, by_media, &attributes),
        TypeKind::Alias(ty) => {
            let name = ident(&def.rust_name);
            let ty = type_tokens_in(ir, ty, def.module());
            quote! { #attributes pub type #name = #ty; }
        }
    }
}

/// The lints a module allows. The code that defines, reads, builds and checks the spec's types
/// names each of them, deprecated or not: `deprecated` would warn on every such use inside the
/// crate, while a user's own use of a deprecated item is still warned about.
fn inner_attributes(kind: ModuleKind) -> TokenStream {
    let deprecated = quote! {
        #![allow(deprecated, reason = "the crate's own code names every item of the spec, deprecated or not")]
    };
    match kind {
        ModuleKind::Types => quote! {
            #deprecated
            #![allow(
                clippy::large_enum_variant,
                reason = "union variants mirror the spec's members; boxing them would change the public API"
            )]
            #![allow(
                clippy::enum_variant_names,
                reason = "variant names are the wire values, which often share a suffix such as `_error`"
            )]
        },
        ModuleKind::Operations | ModuleKind::Builders | ModuleKind::Validate => deprecated,
        ModuleKind::Client => quote! { #![cfg(feature = "client")] #deprecated },
        ModuleKind::Nullable
        | ModuleKind::Tagged
        | ModuleKind::Untagged
        | ModuleKind::Events
        | ModuleKind::Object
        | ModuleKind::Enums => TokenStream::new(),
        #[cfg(test)]
        ModuleKind::Fixed(_) => TokenStream::new(),
    }
}

/// Whether any emitted type, or any operation's body, holds a timestamp (`jiff::Timestamp`).
fn uses_timestamps(ir: &Ir, emitted: &BTreeSet<TypeId>) -> bool {
    let bodies = ir.operations.iter().flat_map(|operation| {
        operation.request_body.iter().chain(operation.responses.iter().filter_map(|response| response.body.as_ref()))
    });
    let mut found = bodies.into_iter().any(TypeRef::holds_timestamp);
    for id in emitted {
        let def = ir.get(*id);
        let mut visit = |ty: &TypeRef| found |= ty.holds_timestamp();
        match &def.kind {
            TypeKind::Struct(s) => {
                s.fields.iter().for_each(|f| visit(&f.ty));
                s.additional.iter().for_each(&mut visit);
            }
            TypeKind::KindUnion(u) => u.variants.iter().for_each(|v| visit(&v.ty)),
            TypeKind::Choice(c) => c.variants.iter().for_each(|v| visit(&v.ty)),
            TypeKind::ByMedia(m) => m.variants.iter().for_each(|v| visit(&v.ty)),
            TypeKind::Alias(ty) => visit(ty),
            TypeKind::TaggedUnion(_) | TypeKind::Enum(_) => {}
        }
    }
    found
}

/// The path of a type of the spec from anywhere in the crate (`crate::types::Pet`,
/// `crate::operations::Headers`): the one place a type's module, decided in lowering
/// ([`TypeDef::module`]), becomes a path.
pub(crate) fn type_path(def: &TypeDef) -> TokenStream {
    let module = quote::format_ident!("{}", def.module().name());
    let name = ident(&def.rust_name);
    quote! { crate::#module::#name }
}

/// The Rust type for a reference, as code in the `types` module names it.
pub(crate) fn type_tokens(ir: &Ir, ty: &TypeRef) -> TokenStream {
    type_tokens_in(ir, ty, TypeModule::Types)
}

/// The Rust type for a reference, as code in another module names it (`crate::types::Name`).
pub(crate) fn qualified_type_tokens(ir: &Ir, ty: &TypeRef) -> TokenStream {
    type_tokens_from(ir, ty, true)
}

/// The Rust type for a reference, as code in the module `here` names it: a type of `types` by
/// its name alone in `types`, every other type by its path. In `operations` every type has its
/// path, since a schema's name alone could be an operation's there (a schema and an operation
/// both called `CreatePet`).
pub(crate) fn type_tokens_in(ir: &Ir, ty: &TypeRef, here: TypeModule) -> TokenStream {
    type_tokens_from(ir, ty, here != TypeModule::Types)
}

fn type_tokens_from(ir: &Ir, ty: &TypeRef, qualified: bool) -> TokenStream {
    match ty {
        TypeRef::String => quote! { #STRING },
        TypeRef::I32 => quote! { i32 },
        TypeRef::I64 => quote! { i64 },
        TypeRef::F64 => quote! { f64 },
        TypeRef::Bool => quote! { bool },
        TypeRef::Timestamp => quote! { ::jiff::Timestamp },
        TypeRef::Json => quote! { ::serde_json::Value },
        TypeRef::File => quote! { crate::operations::FilePart },
        TypeRef::Binary => quote! { crate::operations::Binary },
        TypeRef::Named(id) => {
            let def = ir.get(*id);
            if qualified || def.module() != TypeModule::Types {
                type_path(def)
            } else {
                let name = ident(&def.rust_name);
                quote! { #name }
            }
        }
        TypeRef::Array(inner) => {
            let inner = type_tokens_from(ir, inner, qualified);
            quote! { #VEC<#inner> }
        }
        TypeRef::Map(inner) => {
            let inner = type_tokens_from(ir, inner, qualified);
            quote! { ::std::collections::BTreeMap<#STRING, #inner> }
        }
        TypeRef::Nullable(inner) => {
            let inner = type_tokens_from(ir, inner, qualified);
            quote! { #OPTION<#inner> }
        }
    }
}

/// `Box<T>` when the reference closes a cycle.
pub(crate) fn maybe_boxed(tokens: TokenStream, storage: Storage) -> TokenStream {
    match storage {
        Storage::Inline => tokens,
        Storage::Boxed => quote! { #BOX<#tokens> },
    }
}

/// A `format_args!` literal: braces in wire names must not read as placeholders.
pub(crate) fn escape_format(text: &str) -> String {
    text.replace('{', "{{").replace('}', "}}")
}
