//! Reading an `OpenAPI` document: YAML or JSON text → `serde_json::Value` → `openapiv3::OpenAPI`.
//!
//! Overlays, if any, are applied to the raw value first, so they see the document as it is
//! written. The raw value is then normalised (3.1 into the 3.0 model, references hoisted) and then read into
//! the typed `openapiv3` model, which is what lowering reads. Public with the `stages` feature
//! only.
#![cfg_attr(not(feature = "stages"), allow(unreachable_pub, reason = "public only with the `stages` feature"))]

use std::path::Path;

use crate::overlay::Overlaid;
use crate::{Diagnostic, Diagnostics, Overlay, Pointer};

/// A loaded `OpenAPI` document.
#[derive(Debug, Clone)]
pub struct Document {
    /// The document in the `OpenAPI` 3.0 model.
    pub api: openapiv3::OpenAPI,
    /// The parts of the document a `$ref` points into (a schema inside another schema, a
    /// parameter's schema), each moved to a component of its own before the document was read as
    /// `OpenAPI`: the component's JSON pointer → where the part is written in the document.
    pub moved: std::collections::BTreeMap<Pointer, Pointer>,
    /// What reading the document found worth saying (what a 3.1 document had that is not
    /// generated, say); reported with the generator's own findings.
    pub notes: Diagnostics,
    /// What the overlays moved and wrote, so that findings about the document are shown where
    /// their nodes are written ([`Document::place`]).
    pub overlaid: Overlaid,
}

impl Document {
    /// `diagnostic`, a finding about this document, placed where its node is written in the
    /// document's text, or said to be an overlay's (see [`Overlaid`]).
    #[must_use]
    pub fn place(&self, diagnostic: Diagnostic) -> Diagnostic {
        self.overlaid.place(diagnostic)
    }
}

/// Reads and parses the document at `path`, with `overlays` applied in order (see [`load_str`]).
pub fn load_path(path: &Path, overlays: &[Overlay]) -> Result<Document, Diagnostics> {
    let origin = path.display().to_string();
    match std::fs::read_to_string(path) {
        Ok(text) => load_str(&text, &origin, overlays),
        Err(error) => Err(single(Diagnostic::error(Pointer::root(), format!("cannot read `{origin}`: {error}")))),
    }
}

/// Parses a document from text. `origin` names it in messages; a name ending in `.json` is
/// parsed as JSON, anything else as YAML (of which JSON is a subset, but JSON's own parser gives
/// better messages for JSON).
///
/// `overlays` are applied in order to the raw value, before anything reads it, so an overlay's
/// targets are written against the document as its author wrote it, and the generator reads the
/// result. An error of an overlay (an update that does not fit its target) stops loading; its
/// warnings are among the notes.
pub fn load_str(text: &str, origin: &str, overlays: &[Overlay]) -> Result<Document, Diagnostics> {
    let mut raw = parse_text(text, origin)?;
    let mut notes = Diagnostics::default();
    let mut overlaid = Overlaid::default();
    for overlay in overlays {
        overlay.apply_tracked(&mut raw, &mut overlaid, &mut notes);
    }
    if notes.has_errors() {
        return Err(notes.finish());
    }
    let placed = |diagnostics: Diagnostics| diagnostics.items().iter().map(|d| overlaid.place(d.clone())).collect();
    let version = raw.get("openapi").and_then(serde_json::Value::as_str).unwrap_or_default().to_owned();
    if let Some(info) = raw.get_mut("info").and_then(serde_json::Value::as_object_mut)
        && !info.contains_key("version")
    {
        info.insert("version".to_owned(), serde_json::Value::from(""));
        notes.push(
            Diagnostic::warning(Pointer::from_tokens(["info"]), "`info` has no `version`, which OpenAPI requires")
                .with_hint("add the API's version; generated documentation leaves it out meanwhile"),
        );
    }
    if version.starts_with("3.1.") {
        crate::normalize::normalize_31(&mut raw, &mut notes);
    } else if !version.starts_with("3.0.") {
        let found = if version.is_empty() { "no `openapi` field".to_owned() } else { format!("`{version}`") };
        return Err(placed(single(
            Diagnostic::error(Pointer::from_tokens(["openapi"]), format!("unsupported OpenAPI version: {found}"))
                .with_hint("this generator reads OpenAPI 3.0.x and 3.1.x documents"),
        )));
    }
    let moved = crate::references::hoist_references(&mut raw);
    let api = serde_path_to_error::deserialize::<_, openapiv3::OpenAPI>(raw).map_err(|error| {
        let pointer = pointer_of(error.path());
        placed(single(
            Diagnostic::error(pointer, format!("not a valid OpenAPI 3.0 document: {}", error.inner()))
                .with_hint("compare the node with the OpenAPI 3.0.3 specification"),
        ))
    })?;
    Ok(Document { api, moved, notes, overlaid })
}

/// The JSON of a document's text (an `OpenAPI` document or an overlay), or its syntax error with
/// line and column.
pub(crate) fn parse_text(text: &str, origin: &str) -> Result<serde_json::Value, Diagnostics> {
    if Path::new(origin).extension().is_some_and(|ext| ext.eq_ignore_ascii_case("json")) {
        serde_json::from_str(text).map_err(|error| {
            single(
                Diagnostic::error(Pointer::root(), {
                    let message = error.to_string();
                    let position = format!(" at line {} column {}", error.line(), error.column());
                    let message = message.strip_suffix(&position).unwrap_or(&message).to_owned();
                    format!(
                        "malformed JSON in `{origin}` at line {}, column {}: {message}",
                        error.line(),
                        error.column()
                    )
                })
                .at(error.line(), error.column()),
            )
        })
    } else {
        parse_yaml::<serde_json::Value>(text).map_err(|error| {
            let first_line =
                error.to_string().lines().next().unwrap_or_default().trim_start_matches("error: ").to_owned();
            let diagnostic = Diagnostic::error(Pointer::root(), format!("malformed YAML in `{origin}`: {first_line}"));
            single(match error.location() {
                Some(location) => diagnostic.at(
                    usize::try_from(location.line()).unwrap_or(usize::MAX),
                    usize::try_from(location.column()).unwrap_or(usize::MAX),
                ),
                None => diagnostic,
            })
        })
    }
}

/// Parses YAML as `OpenAPI` reads it: under the YAML 1.2 core schema, where only `true` and
/// `false` (in any case) are booleans, so keys and values such as `n`, `y`, `yes`, `no`, `on` and
/// `off` stay strings, and a leading `0` does not make a number octal (`010` is ten): `n: 1`,
/// `y: off` reads as `{"n": 1, "y": "off"}` (see this module's tests).
///
/// # Errors
/// When the text is not YAML, or does not fit `T`.
pub fn parse_yaml<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, serde_saphyr::Error> {
    let mut options = serde_saphyr::Options::default();
    options.strict_booleans = true;
    options.legacy_octal_numbers = false;
    serde_saphyr::from_str_with_options(text, options)
}

fn single(diagnostic: Diagnostic) -> Diagnostics {
    let mut diagnostics = Diagnostics::default();
    diagnostics.push(diagnostic);
    diagnostics
}

fn pointer_of(path: &serde_path_to_error::Path) -> Pointer {
    let mut pointer = Pointer::root();
    for segment in path {
        match segment {
            serde_path_to_error::Segment::Seq { index } => pointer.push(index),
            serde_path_to_error::Segment::Map { key } => pointer.push(key),
            serde_path_to_error::Segment::Enum { variant } => pointer.push(variant),
            serde_path_to_error::Segment::Unknown => {}
        }
    }
    pointer
}

#[cfg(test)]
mod tests {
    #[test]
    fn yaml_is_read_under_the_core_schema() {
        let value: serde_json::Value =
            super::parse_yaml("n: 1\ny: off\nyes: [no, on, y, n, Yes, NO]\nmax: 010\nt: [true, False]\n")
                .expect("YAML");
        let words = ["no", "on", "y", "n", "Yes", "NO"];
        assert_eq!(value["n"], serde_json::json!(1));
        assert_eq!(value["y"], serde_json::json!("off"));
        assert_eq!(value["yes"], serde_json::json!(words));
        assert_eq!(value["t"], serde_json::json!([true, false]));
        // Not octal eight: ten (the parser reads a leading zero as a decimal float).
        assert_eq!(value["max"].as_f64(), Some(10.0));
    }
}
