//! A build-time `OpenAPI` → Rust code generator.
//!
//! The pipeline has four stages: load (YAML or JSON into the `OpenAPI` 3.0 model, 3.1 rewritten
//! into it), lower (into an intermediate representation where every type, name and fact is
//! decided), emit (token streams, one module per concern) and format (`prettyplease`). The API
//! is what a `build.rs` needs: [`generate_from_path`] or [`generate_from_str`], then the files of
//! [`Generated`] (a crate's `src/`, a standalone crate, or one file) and its warnings; errors are
//! [`Diagnostics`], every problem of the document at once.
//!
//! Nothing here writes files: the command line (the `openapi-crategen` package, which
//! `cargo xtask codegen` shares) and other callers decide where the output goes. A `build.rs`
//! that writes the bindings as one file for `include!`:
//!
//! ```
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let spec = "openapi: 3.0.3
//! info: {title: Pets, version: '1'}
//! paths: {}
//! components:
//!   schemas:
//!     Pet: {type: object, required: [name], properties: {name: {type: string, maxLength: 64}}}
//! ";
//! let generated = codegen::generate_from_str(spec, "pets.yaml", &codegen::Config::default())?;
//! for warning in generated.warnings() {
//!     println!("cargo::warning={warning}");
//! }
//! // In a build script: `std::env::var("OUT_DIR")?`, and in `src/lib.rs`:
//! // `mod pets { include!(concat!(env!("OUT_DIR"), "/pets.rs")); }`
//! let out_dir = std::env::temp_dir().join(format!("codegen-doc-{}", std::process::id()));
//! std::fs::create_dir_all(&out_dir)?;
//! let code = generated.single_file()?;
//! assert!(code.contains("pub struct Pet"));
//! std::fs::write(out_dir.join("pets.rs"), code)?;
//! # std::fs::remove_dir_all(&out_dir)?;
//! # Ok(())
//! # }
//! ```

#![deny(missing_docs)]

mod diagnostics;
mod docs;
mod emit;
mod ident;
mod ir;
#[cfg(feature = "stages")]
pub mod load;
#[cfg(not(feature = "stages"))]
mod load;
mod lower;
mod manifest;
mod normalize;
mod output;
mod overlay;
mod pointer;
mod prelude;
mod references;
pub mod semver;
mod stages;

use std::path::Path;

pub use diagnostics::{Category, Diagnostic, Diagnostics, Severity, Untyped};
pub use emit::RuntimeFile;
#[cfg(feature = "stages")]
pub use emit::{GeneratedModule, ModuleVisibility};
pub use output::{Generated, is_generated};
#[cfg(feature = "stages")]
pub use overlay::Overlaid;
pub use overlay::Overlay;
pub use pointer::Pointer;
#[cfg(feature = "stages")]
pub use stages::{Lowered, generate_document, lower_document};

/// The cargo feature of the types no operation reaches (see [`Generated::features`]).
pub const UNREFERENCED_FEATURE: &str = lower::features::UNREFERENCED;

/// Settings of one generator run. New settings may be added without a breaking change, so it is
/// built from [`Config::default`] and its `with_…` methods:
///
/// ```
/// let config = codegen::Config::default().with_regenerate_command("make bindings");
/// assert_eq!(config.regenerate_command(), "make bindings");
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Config {
    regenerate_command: String,
    strict: bool,
    overlays: Vec<Overlay>,
}

impl Default for Config {
    fn default() -> Self {
        Self { regenerate_command: "cargo xtask codegen".to_owned(), strict: false, overlays: Vec::new() }
    }
}

impl Config {
    /// The command that regenerates the output, named in the `@generated` header of every file
    /// (`cargo xtask codegen` by default).
    #[must_use]
    pub fn with_regenerate_command(mut self, command: impl Into<String>) -> Self {
        self.regenerate_command = command.into();
        self
    }

    /// The command named in the `@generated` header of every file.
    #[must_use]
    pub fn regenerate_command(&self) -> &str {
        &self.regenerate_command
    }

    /// Whether mistakes of the document that the generator would otherwise correct, because its
    /// intent is plain, are errors instead of warnings ([`Category::Recovered`]; off by default):
    /// for maintainers who would rather fix their spec than ship a crate read past its mistakes.
    ///
    /// ```
    /// let spec = "openapi: 3.0.3
    /// info: {title: Pets, version: '1'}
    /// paths:
    ///   /pets/{petId}:
    ///     get:
    ///       operationId: getPet
    ///       responses: {'204': {description: gone}}
    /// ";
    /// // `{petId}` has no declared parameter: read as a required string, with a warning.
    /// let generated = codegen::generate_from_str(spec, "pets.yaml", &codegen::Config::default())?;
    /// assert_eq!(generated.warnings()[0].category, codegen::Category::Recovered);
    /// // Strict, the same document does not generate.
    /// let strict = codegen::Config::default().with_strict(true);
    /// assert!(codegen::generate_from_str(spec, "pets.yaml", &strict).is_err());
    /// # Ok::<(), codegen::Diagnostics>(())
    /// ```
    #[must_use]
    pub fn with_strict(mut self, strict: bool) -> Self {
        self.strict = strict;
        self
    }

    /// Whether recoverable mistakes of the document are errors (see [`Config::with_strict`]).
    #[must_use]
    pub fn strict(&self) -> bool {
        self.strict
    }

    /// One more overlay, applied to the document after those added before it (each sees the
    /// result of the ones before), before the generator reads it.
    #[must_use]
    pub fn with_overlay(mut self, overlay: Overlay) -> Self {
        self.overlays.push(overlay);
        self
    }

    /// The overlays applied to the document, in order.
    #[must_use]
    pub fn overlays(&self) -> &[Overlay] {
        &self.overlays
    }
}

/// Generates Rust code from the `OpenAPI` document (YAML or JSON) at `path`.
///
/// All findings are collected before returning: on error, [`Diagnostics`] lists every problem in
/// the document at once; on success, [`Generated::warnings`] lists what was typed imprecisely.
pub fn generate_from_path(path: &Path, config: &Config) -> Result<Generated, Diagnostics> {
    let document = load::load_path(path, &config.overlays)?;
    stages::generate_document(&document, config)
}

/// Generates Rust code from an `OpenAPI` document given as text; `origin` names it in messages
/// and decides the format (`.json` is read as JSON, anything else as YAML, which JSON also is).
pub fn generate_from_str(text: &str, origin: &str, config: &Config) -> Result<Generated, Diagnostics> {
    let document = load::load_str(text, origin, &config.overlays)?;
    stages::generate_document(&document, config)
}
