//! A build-time `OpenAPI` → Rust code generator.
//!
//! The pipeline has four stages, each in its own module:
//!
//! 1. [`load`](crate::load): read YAML or JSON into an `openapiv3::OpenAPI` document;
//! 2. `lower`: turn schemas and operations into the intermediate representation (`ir`), where
//!    every type has an id, a wire name and a Rust name, and unions, nullability and recursion
//!    are already decided;
//! 3. `emit`: turn the IR into token streams with `quote!`, one module per concern;
//! 4. [`Generated`]: format the tokens with `prettyplease`, as a crate's `src/` files or as one
//!    self-contained file.
//!
//! Nothing here writes files: the command line (the `openapi-crategen` package, which
//! `cargo xtask codegen` shares) and other callers (a `build.rs`) decide where the output goes.
//!
//! ```no_run
//! let generated = codegen::generate_from_path(
//!     std::path::Path::new("spec/deployments.yaml"),
//!     &codegen::Config::default(),
//! )?;
//! for (path, contents) in generated.crate_files()? {
//!     println!("{path}: {} bytes", contents.len());
//! }
//! # Ok::<(), codegen::Diagnostics>(())
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
mod pointer;
mod references;
mod stages;

use std::path::Path;

pub use diagnostics::{Category, Diagnostic, Diagnostics, Severity};
#[cfg(feature = "stages")]
pub use emit::GeneratedModule;
pub use emit::RuntimeFile;
pub use output::{Generated, is_generated};
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
}

impl Default for Config {
    fn default() -> Self {
        Self { regenerate_command: "cargo xtask codegen".to_owned() }
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
}

/// Generates Rust code from the `OpenAPI` document (YAML or JSON) at `path`.
///
/// All findings are collected before returning: on error, [`Diagnostics`] lists every problem in
/// the document at once; on success, [`Generated::warnings`] lists what was typed imprecisely.
pub fn generate_from_path(path: &Path, config: &Config) -> Result<Generated, Diagnostics> {
    let document = load::load_path(path)?;
    stages::generate_document(&document, config)
}

/// Generates Rust code from an `OpenAPI` document given as text; `origin` names it in messages
/// and decides the format (`.json` is read as JSON, anything else as YAML, which JSON also is).
pub fn generate_from_str(text: &str, origin: &str, config: &Config) -> Result<Generated, Diagnostics> {
    let document = load::load_str(text, origin)?;
    stages::generate_document(&document, config)
}
