//! Overlays: the OpenAPI Initiative's Overlay Specification 1.0, the standard way to fix a spec
//! one does not own without forking it.
//!
//! An overlay is a YAML or JSON document (`overlay: 1.0.0`, `info`, an optional `extends`, and
//! `actions`), each action a JSONPath `target` (RFC 9535, evaluated by `serde_json_path`) with
//! either an `update` merged into every node it selects or `remove: true`. Actions are applied in
//! order, each to the result of the one before, and overlays in the order they are given, to the
//! document's JSON before anything else reads it: before 3.1 is normalised and references are
//! hoisted, so an overlay sees the document as its author wrote it.
//!
//! The merge follows the rules the specification states, in the words of 1.1's clarification of
//! the same behaviour: a property only the update has is inserted, objects merge recursively,
//! arrays are concatenated, a primitive replaces a primitive, and any other pair is an error.
//! A target array takes an update that is not an array as one item appended. 1.0 asks targets
//! to be objects or arrays; a primitive target is taken as 1.1 does (replaced by a primitive,
//! or removed), since refusing it would help nobody.
//!
//! Findings point into the overlay ([`Diagnostic::document`]): `#/actions/3/target` of the file.
//! A target that selects nothing is a warning: the specification makes it an action that
//! "succeeds without changing the target document", but it is almost always an overlay written
//! for another version of the document. Where the overlay moved or wrote nodes, [`Overlaid`]
//! says so, so a finding of the generator about the document is shown where the node is
//! written, or said to be the overlay's.

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::{Map, Value};
use serde_json_path::JsonPath;

use crate::{Diagnostic, Diagnostics, Pointer};

/// The versions read: 1.0.x (a patch version changes no behaviour).
const VERSION_PREFIX: &str = "1.0.";

/// An overlay document, read and checked: every target is a JSONPath expression and every action
/// does something.
///
/// ```
/// let overlay = codegen::Overlay::from_str(
///     "overlay: 1.0.0
/// info: {title: Fix the parameter, version: '1'}
/// actions:
///   - target: $.paths['/certificates/{certificate_id}'].get.parameters[?@.name == 'cert_id']
///     update: {name: certificate_id}
/// ",
///     "fix.yaml",
/// )?;
/// let config = codegen::Config::default().with_overlay(overlay);
/// # let _ = config;
/// # Ok::<(), codegen::Diagnostics>(())
/// ```
#[derive(Debug, Clone)]
pub struct Overlay {
    origin: String,
    actions: Vec<Action>,
    /// What reading found that does not stop the overlay (an unknown field, an `update` beside
    /// `remove: true`), reported with the generator's findings.
    warnings: Vec<Diagnostic>,
}

#[derive(Debug, Clone)]
struct Action {
    /// Where the action is in the overlay: `/actions/3`.
    pointer: Pointer,
    /// The expression as written, for messages.
    target_text: String,
    target: JsonPath,
    change: Change,
}

#[derive(Debug, Clone)]
enum Change {
    Update(Value),
    Remove,
}

/// What applying overlays did that a finding about the document must know: which nodes were
/// written by an overlay and which array items moved, in the order it happened.
#[derive(Debug, Clone, Default)]
#[cfg_attr(not(feature = "stages"), allow(unreachable_pub, reason = "public only with the `stages` feature"))]
pub struct Overlaid {
    edits: Vec<Edit>,
}

#[derive(Debug, Clone)]
enum Edit {
    /// The node at `at` (and all it holds) is the overlay's: inserted, appended or replaced.
    Wrote { at: Pointer, overlay: String, action: Pointer },
    /// The item `index` of the array at `array` was removed, so the items after it moved down.
    RemovedItem { array: Pointer, index: usize },
}

impl Overlay {
    /// Reads the overlay at `path`; it is named in findings as the path is written.
    pub fn from_path(path: &Path) -> Result<Self, Diagnostics> {
        let origin = path.display().to_string();
        match std::fs::read_to_string(path) {
            Ok(text) => Self::from_str(&text, &origin),
            Err(error) => Err(Diagnostics::from_iter([Diagnostic::error(
                Pointer::root(),
                format!("cannot read the overlay `{origin}`: {error}"),
            )
            .in_document(&origin)])),
        }
    }

    /// Reads an overlay from text. `origin` names it in findings and decides the format as for a
    /// spec (`.json` is read as JSON, anything else as YAML).
    #[allow(clippy::should_implement_trait, reason = "it needs the origin, which `FromStr` has no room for")]
    pub fn from_str(text: &str, origin: &str) -> Result<Self, Diagnostics> {
        let value = crate::load::parse_text(text, origin)
            .map_err(|errors| errors.items().iter().map(|error| error.clone().in_document(origin)).collect())?;
        let mut reader = Reader { origin, findings: Diagnostics::default() };
        let actions = reader.overlay(&value);
        if reader.findings.has_errors() {
            return Err(reader.findings.finish());
        }
        Ok(Self { origin: origin.to_owned(), actions, warnings: reader.findings.finish().items().to_vec() })
    }

    /// The name the overlay was read under, which its findings carry in
    /// [`Diagnostic::document`].
    #[must_use]
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// Applies the overlay's actions in order to `document` (a whole `OpenAPI` document, or any
    /// JSON), as the generator does before reading it. On success, the warnings (a target that
    /// selects nothing); on failure, every error (an update that does not fit what it targets).
    pub fn apply(&self, document: &mut Value) -> Result<Diagnostics, Diagnostics> {
        let mut findings = Diagnostics::default();
        self.apply_tracked(document, &mut Overlaid::default(), &mut findings);
        let findings = findings.finish();
        if findings.has_errors() { Err(findings) } else { Ok(findings) }
    }

    /// [`Overlay::apply`], recording what moved and what was written into `overlaid`.
    pub(crate) fn apply_tracked(&self, document: &mut Value, overlaid: &mut Overlaid, findings: &mut Diagnostics) {
        for warning in &self.warnings {
            findings.push(warning.clone());
        }
        for action in &self.actions {
            // Each selected node once (a query may select one twice: `$.a[0,0]`), in document
            // order with indices compared as numbers, whatever order the query names them in.
            let located: BTreeSet<Vec<Step>> = action
                .target
                .query_located(document)
                .iter()
                .map(|node| {
                    node.location()
                        .iter()
                        .map(|element| match element {
                            serde_json_path::PathElement::Name(name) => Step::Name((*name).to_owned()),
                            serde_json_path::PathElement::Index(index) => Step::Index(*index),
                        })
                        .collect()
                })
                .collect();
            let at: Vec<Pointer> = located.iter().map(Pointer::from_tokens).collect();
            if at.is_empty() {
                findings.push(
                    self.finding(Diagnostic::warning(
                        action.pointer.join("target"),
                        format!("`{}` selects nothing in the document: the action changes nothing", action.target_text),
                    ))
                    .with_hint(
                        "the document may have changed since the overlay was written: fix the target, or remove the action",
                    ),
                );
                continue;
            }
            match &action.change {
                Change::Update(update) => {
                    for target in &at {
                        let Some(node) = document.pointer_mut(target.as_str()) else { continue };
                        let mut merge =
                            Merge { overlay: self, action, overlaid: &mut *overlaid, findings: &mut *findings };
                        match (node, update) {
                            (Value::Array(items), update) if !update.is_array() => {
                                merge.wrote(&target.join(items.len()));
                                items.push(update.clone());
                            }
                            (node, update) => merge.merge(node, update, target, &action.pointer.join("update")),
                        }
                    }
                }
                Change::Remove => {
                    // The last first, so that removing an item does not move another selected
                    // one out of its place (and a node goes before the one that holds it).
                    for target in at.iter().rev() {
                        self.remove(document, target, action, overlaid, findings);
                    }
                }
            }
        }
    }

    fn remove(
        &self,
        document: &mut Value,
        target: &Pointer,
        action: &Action,
        overlaid: &mut Overlaid,
        findings: &mut Diagnostics,
    ) {
        let (Some(parent), Some(last)) = (target.parent(), target.tokens().last().map(std::borrow::Cow::into_owned))
        else {
            findings.push(
                self.finding(
                    Diagnostic::error(action.pointer.join("target"), "the action removes the whole document")
                        .with_hint("select the nodes to remove, not the document (`$`)"),
                ),
            );
            return;
        };
        match document.pointer_mut(parent.as_str()) {
            Some(Value::Object(members)) => {
                members.shift_remove(&last);
            }
            Some(Value::Array(items)) => {
                if let Some(index) = last.parse::<usize>().ok().filter(|index| *index < items.len()) {
                    items.remove(index);
                    overlaid.edits.push(Edit::RemovedItem { array: parent, index });
                }
            }
            // A node already removed with its parent by this action.
            _ => {}
        }
    }

    /// `diagnostic`, placed in this overlay.
    fn finding(&self, diagnostic: Diagnostic) -> Diagnostic {
        diagnostic.in_document(&self.origin)
    }
}

/// One step of a selected node's normalized path, ordered as the document is: items by index.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Step {
    Name(String),
    Index(usize),
}

impl std::fmt::Display for Step {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Name(name) => f.write_str(name),
            Self::Index(index) => write!(f, "{index}"),
        }
    }
}

/// One update being merged into one selected node.
struct Merge<'a> {
    overlay: &'a Overlay,
    action: &'a Action,
    overlaid: &'a mut Overlaid,
    findings: &'a mut Diagnostics,
}

impl Merge<'_> {
    /// Merges `update` (at `from` in the overlay) into `node` (at `at` in the document).
    fn merge(&mut self, node: &mut Value, update: &Value, at: &Pointer, from: &Pointer) {
        match (node, update) {
            (Value::Object(members), Value::Object(updates)) => {
                for (key, value) in updates {
                    if let Some(member) = members.get_mut(key) {
                        self.merge(member, value, &at.join(key), &from.join(key));
                    } else {
                        self.wrote(&at.join(key));
                        members.insert(key.clone(), value.clone());
                    }
                }
            }
            (Value::Array(items), Value::Array(more)) => {
                for item in more {
                    self.wrote(&at.join(items.len()));
                    items.push(item.clone());
                }
            }
            (node, update) if is_primitive(node) && is_primitive(update) => {
                if node != update {
                    self.wrote(at);
                    node.clone_from(update);
                }
            }
            (node, update) => self.findings.push(
                self.overlay
                    .finding(Diagnostic::error(
                        from.clone(),
                        format!("cannot merge {} into {}, `{at}` in the document", kind(update), kind(node)),
                    ))
                    .with_hint(
                        "an overlay merges objects into objects and arrays into arrays, and replaces only primitives: \
                         to replace the node, remove it in one action and add it in the next",
                    ),
            ),
        }
    }

    fn wrote(&mut self, at: &Pointer) {
        self.overlaid.edits.push(Edit::Wrote {
            at: at.clone(),
            overlay: self.overlay.origin.clone(),
            action: self.action.pointer.clone(),
        });
    }
}

fn is_primitive(value: &Value) -> bool {
    !(value.is_object() || value.is_array())
}

/// A value's JSON kind, as messages name it.
fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

impl Overlaid {
    /// `diagnostic`, a finding about the document after the overlays, placed where its node is
    /// written: at the pointer the node had before an item before it was removed, or, for a node
    /// an overlay wrote, said to be that overlay's (its line in the document is then its nearest
    /// ancestor's). A finding in an overlay itself is left as it is.
    pub(crate) fn place(&self, mut diagnostic: Diagnostic) -> Diagnostic {
        if diagnostic.document.is_some() || self.edits.is_empty() {
            return diagnostic;
        }
        let mut tokens: Vec<String> = diagnostic.pointer.tokens().map(std::borrow::Cow::into_owned).collect();
        for edit in self.edits.iter().rev() {
            match edit {
                Edit::Wrote { at, overlay, action } => {
                    if starts_with(&tokens, at) {
                        let note = format!("the overlay `{overlay}` wrote this node (`{action}`)");
                        diagnostic.hint = Some(match diagnostic.hint.take() {
                            Some(hint) => format!("{hint}; {note}"),
                            None => note,
                        });
                        return diagnostic;
                    }
                }
                Edit::RemovedItem { array, index } => {
                    let depth = array.tokens().count();
                    if starts_with(&tokens, array)
                        && let Some(item) = tokens.get_mut(depth)
                        && let Ok(position) = item.parse::<usize>()
                        && position >= *index
                    {
                        *item = (position + 1).to_string();
                    }
                }
            }
        }
        diagnostic.pointer = Pointer::from_tokens(tokens);
        diagnostic
    }
}

/// Whether the node `tokens` names is `prefix` or inside it.
fn starts_with(tokens: &[String], prefix: &Pointer) -> bool {
    let mut count = 0;
    for (token, expected) in tokens.iter().zip(prefix.tokens()) {
        if *token != expected {
            return false;
        }
        count += 1;
    }
    count == prefix.tokens().count()
}

/// Reads an overlay's JSON, collecting every finding.
struct Reader<'a> {
    origin: &'a str,
    findings: Diagnostics,
}

impl Reader<'_> {
    fn error(&mut self, pointer: Pointer, message: impl Into<String>, hint: &str) {
        self.findings.push(Diagnostic::error(pointer, message).with_hint(hint).in_document(self.origin));
    }

    /// Unknown fields are warned about, not refused: the specification allows none besides
    /// extensions, but a field nobody reads changes nothing.
    fn unknown_fields(&mut self, object: &Map<String, Value>, at: &Pointer, known: &[&str]) {
        for key in object.keys().filter(|key| !key.starts_with("x-") && !known.contains(&key.as_str())) {
            self.findings.push(
                Diagnostic::warning(at.join(key), format!("unknown field `{key}` is ignored"))
                    .with_hint(format!("the fields here are {}, and extensions (`x-…`)", quoted(known)))
                    .in_document(self.origin),
            );
        }
    }

    fn overlay(&mut self, value: &Value) -> Vec<Action> {
        let root = Pointer::root();
        let Some(object) = value.as_object() else {
            self.error(root, "an overlay is an object", "an overlay has `overlay: 1.0.0`, `info` and `actions`");
            return Vec::new();
        };
        self.unknown_fields(object, &root, &["overlay", "info", "extends", "actions"]);
        match object.get("overlay") {
            None => self.error(
                root.clone(),
                "no `overlay` field: not an Overlay document",
                "an overlay starts with `overlay: 1.0.0`",
            ),
            Some(Value::String(version)) if version.starts_with(VERSION_PREFIX) => {}
            Some(version) => self.error(
                root.join("overlay"),
                format!(
                    "unsupported Overlay version: `{}`",
                    version.as_str().map_or_else(|| version.to_string(), str::to_owned)
                ),
                "this generator applies Overlay 1.0.x documents, written `overlay: 1.0.0`",
            ),
        }
        match object.get("info") {
            Some(Value::Object(info)) => {
                for field in ["title", "version"] {
                    if !info.get(field).is_some_and(Value::is_string) {
                        self.error(
                            root.join("info").join(field),
                            format!("the overlay's `info` has no `{field}` string"),
                            "`info` holds the overlay's `title` and `version`, both strings",
                        );
                    }
                }
                self.unknown_fields(info, &root.join("info"), &["title", "version", "description"]);
            }
            Some(_) => self.error(
                root.join("info"),
                "`info` is not an object",
                "`info` holds the overlay's `title` and `version`",
            ),
            None => self.error(root.clone(), "no `info` field", "`info` holds the overlay's `title` and `version`"),
        }
        if object.get("extends").is_some_and(|extends| !extends.is_string()) {
            self.error(
                root.join("extends"),
                "`extends` is not a string",
                "`extends` is the URL of the document the overlay is for",
            );
        }
        let hint = "`actions` is a list of actions, each a `target` with `update: …` or `remove: true`";
        match object.get("actions") {
            Some(Value::Array(actions)) if !actions.is_empty() => actions
                .iter()
                .enumerate()
                .filter_map(|(index, action)| self.action(action, root.join("actions").join(index)))
                .collect(),
            Some(Value::Array(_)) => {
                self.error(root.join("actions"), "the overlay has no actions", hint);
                Vec::new()
            }
            Some(_) => {
                self.error(root.join("actions"), "`actions` is not a list", hint);
                Vec::new()
            }
            None => {
                self.error(root, "no `actions` field", hint);
                Vec::new()
            }
        }
    }

    fn action(&mut self, value: &Value, at: Pointer) -> Option<Action> {
        let Some(object) = value.as_object() else {
            self.error(at, "an action is an object", "an action is a `target` with `update: …` or `remove: true`");
            return None;
        };
        self.unknown_fields(object, &at, &["target", "description", "update", "remove"]);
        if object.get("description").is_some_and(|description| !description.is_string()) {
            self.error(
                at.join("description"),
                "the action's `description` is not a string",
                "describe the action in text",
            );
        }
        let remove = match object.get("remove") {
            None => false,
            Some(Value::Bool(remove)) => *remove,
            Some(_) => {
                self.error(at.join("remove"), "`remove` is not a boolean", "write `remove: true` to remove the target");
                false
            }
        };
        let change = match (object.get("update"), remove) {
            (Some(_), true) => {
                self.findings.push(
                    Diagnostic::warning(at.join("update"), "`update` has no effect: the action removes its target")
                        .with_hint("the specification ignores `update` beside `remove: true`: remove one of them")
                        .in_document(self.origin),
                );
                Some(Change::Remove)
            }
            (None, true) => Some(Change::Remove),
            (Some(update), false) => Some(Change::Update(update.clone())),
            (None, false) => {
                self.error(
                    at.clone(),
                    "the action neither updates nor removes its target",
                    "add `update:` with what to merge into the target, or `remove: true`",
                );
                None
            }
        };
        let target = match object.get("target") {
            Some(Value::String(text)) => match JsonPath::parse(text) {
                Ok(path) => Some((text.clone(), path)),
                Err(error) => {
                    self.error(
                        at.join("target"),
                        format!(
                            "`{text}` is not a JSONPath expression: {} (at character {})",
                            error.message(),
                            error.position() + 1
                        ),
                        "a target is a JSONPath query (RFC 9535), such as `$.paths['/pets'].get`",
                    );
                    None
                }
            },
            Some(_) => {
                self.error(
                    at.join("target"),
                    "`target` is not a string",
                    "a target is a JSONPath query (RFC 9535) in a string",
                );
                None
            }
            None => {
                self.error(
                    at.clone(),
                    "the action has no `target`",
                    "a target is a JSONPath query (RFC 9535), such as `$.info`",
                );
                None
            }
        };
        let ((target_text, target), change) = (target?, change?);
        Some(Action { pointer: at, target_text, target, change })
    }
}

/// `["a", "b"]` as `` `a`, `b` ``.
fn quoted(names: &[&str]) -> String {
    names.iter().map(|name| format!("`{name}`")).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn overlay(actions: &str) -> Overlay {
        Overlay::from_str(&format!("overlay: 1.0.0\ninfo: {{title: T, version: '1'}}\nactions:\n{actions}"), "o.yaml")
            .expect("an overlay")
    }

    fn errors(text: &str) -> Vec<(String, String)> {
        let errors = Overlay::from_str(text, "o.yaml").expect_err("refused");
        errors
            .items()
            .iter()
            .map(|error| {
                assert_eq!(error.document.as_deref(), Some("o.yaml"), "{error}");
                (error.pointer.as_str().to_owned(), error.message.clone())
            })
            .collect()
    }

    #[test]
    fn updates_merge_objects_concatenate_arrays_and_replace_primitives() {
        let mut document = json!({"a": {"b": 1, "c": [1], "d": {"e": "x"}}, "list": [{"n": 1}]});
        let warnings = overlay(
            "  - target: $.a\n    update: {b: 2, c: [2, 3], d: {f: y}, g: null}\n  - target: $.list\n    update: {n: 2}\n",
        )
        .apply(&mut document)
        .expect("applies");
        assert!(warnings.is_empty(), "{warnings}");
        assert_eq!(
            document,
            json!({"a": {"b": 2, "c": [1, 2, 3], "d": {"e": "x", "f": "y"}, "g": null}, "list": [{"n": 1}, {"n": 2}]})
        );
    }

    #[test]
    fn an_update_that_does_not_fit_its_target_is_an_error_at_the_update() {
        let mut document = json!({"a": {"b": {"c": 1}}});
        let errors = overlay("  - target: $.a\n    update: {b: 5}\n").apply(&mut document).expect_err("refused");
        let error = &errors.items()[0];
        assert_eq!(error.pointer.as_str(), "/actions/0/update/b");
        assert_eq!(error.message, "cannot merge a number into an object, `#/a/b` in the document");
    }

    #[test]
    fn removals_take_every_selected_node_once() {
        let mut document = json!({"tags": [{"n": "a"}, {"n": "dummy"}, {"n": "b"}, {"n": "dummy"}], "x": {"y": 1}});
        overlay("  - target: $.tags[?@.n == 'dummy']\n    remove: true\n  - target: $.x.y\n    remove: true\n")
            .apply(&mut document)
            .expect("applies");
        assert_eq!(document, json!({"tags": [{"n": "a"}, {"n": "b"}], "x": {}}));
        // Named in any order, and twice, items are removed from the last, each once.
        let mut document = json!({"list": [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]});
        overlay("  - target: $.list[2, 10, 0, 2]\n    remove: true\n").apply(&mut document).expect("applies");
        assert_eq!(document, json!({"list": [1, 3, 4, 5, 6, 7, 8, 9, 11]}));
    }

    #[test]
    fn a_target_that_selects_nothing_is_a_warning_at_the_target() {
        let mut document = json!({"a": 1});
        let warnings = overlay("  - target: $.b\n    remove: true\n").apply(&mut document).expect("applies");
        let warning = &warnings.items()[0];
        assert_eq!(warning.pointer.as_str(), "/actions/0/target");
        assert_eq!(warning.message, "`$.b` selects nothing in the document: the action changes nothing");
        assert_eq!(document, json!({"a": 1}));
    }

    #[test]
    fn a_malformed_overlay_is_refused_with_every_mistake() {
        assert_eq!(
            errors(
                "overlay: 1.1.0\ninfo: {title: T}\nactions:\n  - target: $.a\n  - target: '$[?'\n    remove: true\n  - update: {}\n"
            ),
            [
                ("/actions/0".to_owned(), "the action neither updates nor removes its target".to_owned()),
                (
                    "/actions/1/target".to_owned(),
                    "`$[?` is not a JSONPath expression: in long-hand segment, parser error (at character 4)"
                        .to_owned()
                ),
                ("/actions/2".to_owned(), "the action has no `target`".to_owned()),
                ("/info/version".to_owned(), "the overlay's `info` has no `version` string".to_owned()),
                ("/overlay".to_owned(), "unsupported Overlay version: `1.1.0`".to_owned()),
            ]
        );
        assert_eq!(
            errors("overlay: 1.0.0\ninfo: {title: T, version: '1'}\nactions: []\n")[0].1,
            "the overlay has no actions"
        );
        let syntax = Overlay::from_str("overlay: [\n", "o.yaml").expect_err("not YAML");
        assert_eq!(syntax.items()[0].document.as_deref(), Some("o.yaml"));
        assert!(syntax.items()[0].location.is_some());
    }

    #[test]
    fn an_update_beside_remove_is_ignored_with_a_warning() {
        let overlay = overlay("  - target: $.a\n    update: {b: 1}\n    remove: true\n");
        let mut document = json!({"a": {}, "c": 1});
        let warnings = overlay.apply(&mut document).expect("applies");
        assert_eq!(document, json!({"c": 1}));
        assert_eq!(warnings.items()[0].pointer.as_str(), "/actions/0/update");
    }

    /// A finding about the document after the overlay is placed where its node is written: an
    /// item after a removed one at its old index, a node the overlay wrote said to be the
    /// overlay's, and a node the overlay did not touch where it was.
    #[test]
    fn findings_about_the_document_are_placed_where_the_node_is_written() {
        let overlay =
            overlay("  - target: $.list[0]\n    remove: true\n  - target: $.list\n    update: {added: true}\n");
        let mut document = json!({"list": [{"a": 1}, {"b": 2}, {"c": 3}], "other": {}});
        let mut overlaid = Overlaid::default();
        let mut findings = Diagnostics::default();
        overlay.apply_tracked(&mut document, &mut overlaid, &mut findings);
        assert!(findings.is_empty());
        assert_eq!(document, json!({"list": [{"b": 2}, {"c": 3}, {"added": true}], "other": {}}));
        let placed = |tokens: &[&str]| overlaid.place(Diagnostic::warning(Pointer::from_tokens(tokens), "w"));
        assert_eq!(placed(&["list", "1", "c"]).pointer, Pointer::from_tokens(["list", "2", "c"]));
        assert_eq!(placed(&["other"]).pointer, Pointer::from_tokens(["other"]));
        let added = placed(&["list", "2", "added"]);
        assert_eq!(added.pointer, Pointer::from_tokens(["list", "2", "added"]));
        assert_eq!(added.hint.as_deref(), Some("the overlay `o.yaml` wrote this node (`#/actions/1`)"));
    }

    /// Through the generator: a finding about a node the overlay did not touch names the node
    /// where the spec's text has it, though an item before it was removed; a finding about a
    /// node the overlay wrote says so.
    #[test]
    fn the_generators_findings_are_placed_in_the_spec_or_said_to_be_the_overlays() {
        let spec = "openapi: 3.0.3
info: {title: T, version: '1'}
paths:
  /a/{x}/{y}:
    get:
      operationId: getA
      parameters:
        - {name: gone, in: query, schema: {type: string}}
        - {name: x, in: path, required: true, schema: {type: string}}
        - {name: y, in: path, schema: {type: string}}
      responses: {'204': {description: none}}
  /b/{z}:
    get:
      operationId: getB
      responses: {'204': {description: none}}
";
        let overlay = overlay(
            "  - target: $.paths['/a/{x}/{y}'].get.parameters[?@.name == 'gone']\n    remove: true\n  \
             - target: $.paths['/b/{z}'].get\n    update: {parameters: [{name: z, in: path, schema: {type: string}}]}\n",
        );
        let config = crate::Config::default().with_overlay(overlay);
        let generated = crate::generate_from_str(spec, "api.yaml", &config).expect("generates");
        let warnings: Vec<(String, Option<String>)> = generated
            .warnings()
            .iter()
            .filter(|warning| warning.message.ends_with("is not marked `required: true`"))
            .map(|warning| (warning.pointer.as_str().to_owned(), warning.hint.clone()))
            .collect();
        let hint = "OpenAPI requires it; it is treated as required";
        assert_eq!(
            warnings,
            [
                ("/paths/~1a~1{x}~1{y}/get/parameters/2".to_owned(), Some(hint.to_owned())),
                (
                    "/paths/~1b~1{z}/get/parameters/0".to_owned(),
                    Some(format!("{hint}; the overlay `o.yaml` wrote this node (`#/actions/1`)"))
                ),
            ]
        );
    }
}
