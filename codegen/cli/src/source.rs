//! Where a JSON pointer is in the document's text, so a diagnostic can show the line itself.
//!
//! The text is walked once with the YAML parser `serde-saphyr` itself builds on (JSON is read by
//! it too: JSON is YAML's flow style), recording where every mapping key and sequence item
//! starts. A pointer that names nothing in the text (a node the loader made, such as a 3.1
//! rewrite) is placed at its nearest ancestor that does.

use std::collections::BTreeMap;

use codegen::Pointer;
use granit_parser::{Event, Parser};

/// A place in the text: 1-based line and column, and the byte offset of its start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    /// The line, from 1.
    pub line: usize,
    /// The column, in characters, from 1.
    pub column: usize,
    /// The byte offset of the node's first character.
    pub offset: usize,
}

/// The position of every node of a document that the text spells out, by JSON pointer.
#[derive(Debug, Default)]
pub struct SourceIndex {
    positions: BTreeMap<Pointer, Position>,
}

/// One open collection while walking: its pointer, and what comes next in it.
enum Open {
    /// A mapping; `key` is the key whose value comes next, if one was read.
    Mapping { pointer: Pointer, key: Option<String> },
    /// A sequence; the index of the next item.
    Sequence { pointer: Pointer, next: usize },
}

impl SourceIndex {
    /// Indexes `text`; a text the parser cannot read gives an empty index (its syntax error is
    /// reported with its own line and column).
    #[must_use]
    pub fn new(text: &str) -> Self {
        let mut index = Self::default();
        let mut stack: Vec<Open> = Vec::new();
        for event in Parser::new_from_str(text) {
            let Ok((event, span)) = event else { break };
            let marker = span.start;
            let position = Position {
                line: marker.line(),
                column: marker.col() + 1,
                offset: marker.byte_offset().unwrap_or_else(|| byte_offset(text, marker.index())),
            };
            // Where the node this event starts sits, if it is a value (not a mapping key).
            let mut value_pointer = None;
            match stack.last_mut() {
                Some(Open::Mapping { pointer, key }) => match (key.take(), &event) {
                    (None, Event::Scalar(name, ..)) => {
                        // A key: the value it names is found at the key.
                        index.positions.entry(pointer.join(name)).or_insert(position);
                        *key = Some(name.to_string());
                    }
                    (Some(name), _) => value_pointer = Some(pointer.join(name)),
                    (None, _) => {}
                },
                Some(Open::Sequence { pointer, next }) => {
                    if !matches!(event, Event::SequenceEnd) {
                        let item = pointer.join(*next);
                        index.positions.entry(item.clone()).or_insert(position);
                        value_pointer = Some(item);
                        *next += 1;
                    }
                }
                None => value_pointer = Some(Pointer::root()),
            }
            match event {
                Event::MappingStart(..) => {
                    stack.push(Open::Mapping { pointer: value_pointer.unwrap_or_default(), key: None });
                }
                Event::SequenceStart(..) => {
                    stack.push(Open::Sequence { pointer: value_pointer.unwrap_or_default(), next: 0 });
                }
                Event::MappingEnd | Event::SequenceEnd => {
                    stack.pop();
                }
                _ => {}
            }
        }
        index
    }

    /// Where `pointer` is, or its nearest ancestor the text spells out.
    #[must_use]
    pub fn locate(&self, pointer: &Pointer) -> Option<Position> {
        let mut pointer = pointer.clone();
        loop {
            if let Some(position) = self.positions.get(&pointer) {
                return Some(*position);
            }
            pointer = pointer.parent()?;
        }
    }
}

/// The byte offset of the `chars`-th character.
fn byte_offset(text: &str, chars: usize) -> usize {
    text.char_indices().nth(chars).map_or(text.len(), |(offset, _)| offset)
}

/// The byte offset of a 1-based line and column.
#[must_use]
pub(super) fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let line_start: usize = text.split_inclusive('\n').take(line.saturating_sub(1)).map(str::len).sum();
    let line_text = text[line_start.min(text.len())..].lines().next().unwrap_or_default();
    line_start + line_text.char_indices().nth(column.saturating_sub(1)).map_or(line_text.len(), |(offset, _)| offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pointer(escaped: &str) -> Pointer {
        Pointer::parse(escaped).expect("a pointer")
    }

    const YAML: &str = "openapi: 3.0.3\npaths:\n  /pets:\n    get:\n      tags: [a, b]\n      operationId: listPets\n";

    #[test]
    fn yaml_keys_and_items_are_found_with_escaped_pointers() {
        let index = SourceIndex::new(YAML);
        let at = |escaped: &str| index.locate(&pointer(escaped)).map(|p| (p.line, p.column));
        assert_eq!(at("/paths/~1pets/get/operationId"), Some((6, 7)));
        assert_eq!(at("/paths/~1pets/get/tags/1"), Some((5, 17)));
        // A node the text does not spell out is shown at its nearest ancestor.
        assert_eq!(at("/paths/~1pets/get/responses/200"), Some((4, 5)));
        assert_eq!(&YAML[index.locate(&pointer("/paths")).expect("found").offset..][..5], "paths");
    }

    #[test]
    fn json_is_indexed_too() {
        let json = "{\n  \"components\": {\n    \"schemas\": {\"Pet\": {\"type\": \"object\"}}\n  }\n}";
        let index = SourceIndex::new(json);
        let position = index.locate(&pointer("/components/schemas/Pet/type")).expect("found");
        assert_eq!((position.line, position.column), (3, 25));
    }

    /// A key with `/` and `~` in it (every path has a `/`) is escaped once, the same way, where
    /// the generator names a node and where the command line looks for it: the diagnostic is
    /// shown at the node itself, not at an ancestor.
    #[test]
    fn pointers_with_escaped_keys_are_the_same_from_every_route() {
        let text = "openapi: 3.0.3
info: {title: T, version: '1'}
paths:
  /a~b/c:
    get:
      responses: {'204': {description: none}}
components:
  schemas:
    Thing:
      type: object
      properties:
        x/y~z: {type: string, pattern: '(?=a)b'}
";
        let generated = codegen::generate_from_str(text, "api.yaml", &codegen::Config::default()).expect("generates");
        let index = SourceIndex::new(text);
        let found = |tokens: &[&str]| {
            let expected = Pointer::from_tokens(tokens);
            let diagnostic = generated
                .warnings()
                .iter()
                .find(|warning| warning.pointer == expected)
                .unwrap_or_else(|| panic!("a warning at {expected}: {:?}", generated.warnings()));
            index.locate(&diagnostic.pointer).map(|p| (p.line, p.column))
        };
        assert_eq!(found(&["paths", "/a~b/c", "get"]), Some((5, 5)));
        assert_eq!(found(&["components", "schemas", "Thing", "properties", "x/y~z", "pattern"]), Some((12, 31)));

        // The loader names the node serde could not read by the same pointer.
        let malformed = text.replace("    Thing:\n", "    a/b~c: 5\n    Thing:\n");
        let errors =
            codegen::generate_from_str(&malformed, "api.yaml", &codegen::Config::default()).expect_err("fails to load");
        let error = errors.items().first().expect("one error");
        assert_eq!(error.pointer, Pointer::from_tokens(["components", "schemas", "a/b~c"]));
        let position = SourceIndex::new(&malformed).locate(&error.pointer).expect("found");
        assert_eq!((position.line, position.column), (9, 5));
    }

    #[test]
    fn offsets_of_lines_and_columns() {
        assert_eq!(offset_of("ab\ncdé\nf", 2, 3), 5);
        assert_eq!(offset_of("ab\ncd", 9, 1), 5);
    }
}
