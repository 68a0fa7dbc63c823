//! The generator one stage at a time (load, lower, emit, format), public with the `stages`
//! feature for callers that measure the stages (`cargo xtask bench`) or start from a loaded
//! document (`cargo xtask corpus`); everyone else calls [`crate::generate_from_path`] or
//! [`crate::generate_from_str`], which run the same stages.
#![cfg_attr(not(feature = "stages"), allow(unreachable_pub, reason = "public only with the `stages` feature"))]

use crate::{Config, Diagnostic, Diagnostics, Generated};

/// Generates Rust code from an already loaded document (the `stages` feature).
pub fn generate_document(document: &crate::load::Document, config: &Config) -> Result<Generated, Diagnostics> {
    Ok(lower_document(document, config)?.emit(config))
}

/// The second stage alone: lowers a loaded document into the intermediate representation,
/// collecting every finding (`config` says whether the mistakes it can read past are errors). With `load::load_str` before it, [`Lowered::emit`] after it and
/// [`Generated::crate_files`] (formatting) last, it is [`generate_from_str`](crate::generate_from_str) one stage at a time,
/// for callers that measure the stages (`cargo xtask bench`; the `stages` feature).
pub fn lower_document(document: &crate::load::Document, config: &Config) -> Result<Lowered, Diagnostics> {
    let (ir, mut diagnostics) = crate::lower::lower(document, config);
    for note in document.notes.items() {
        diagnostics.push(note.clone());
    }
    let diagnostics: Diagnostics = diagnostics.items().iter().map(|d| document.place(d.clone())).collect();
    let diagnostics = diagnostics.finish();
    if diagnostics.has_errors() {
        return Err(diagnostics);
    }
    Ok(Lowered { ir: std::sync::Arc::new(ir), warnings: diagnostics.items().to_vec() })
}

/// A document lowered into the intermediate representation, ready to emit.
#[derive(Debug)]
pub struct Lowered {
    ir: std::sync::Arc<crate::ir::Ir>,
    warnings: Vec<Diagnostic>,
}

impl Lowered {
    /// The third stage: decides the crate's modules. Each is emitted (as token streams) and
    /// formatted when [`Generated::crate_files`] or another output is asked for, several modules
    /// at once on a pool of threads.
    #[must_use]
    pub fn emit(&self, config: &Config) -> Generated {
        Generated::new(crate::emit::Plan::new(std::sync::Arc::clone(&self.ir)), config, self.warnings.clone())
    }
}
