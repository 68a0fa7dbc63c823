//! Choosing the member of a union without a tag property: an exact rule over the JSON value.
//!
//! The generator runs this same file on sample values of every member before it emits a union
//! (a member that the rule would not choose for its own samples makes the union untyped, with a
//! warning), so a union that is emitted is one whose members the rule tells apart.
//!
//! The rule, in order:
//! 1. **Kind.** A member reads values of one JSON kind. An integer member reads integral numbers
//!    (an `i64` or `u64`); a number member reads any number, but an integral one goes to an
//!    integer member when the union has one.
//! 2. **Strings.** A member with enum values reads only those values, and comes before a member
//!    that reads any string.
//! 3. **Arrays.** A member whose items are of one kind reads an array whose every item is of that
//!    kind; an empty array, which every array member reads the same, goes to the first array
//!    member.
//! 4. **Objects.** The candidates are the members whose required properties are all present,
//!    whose one-value properties (also one level down, `configuration.type`), where present, hold
//!    their value, whose properties of one JSON kind, where present and not `null`, hold a value
//!    of that kind, and which declare at least
//!    one of the object's properties (when it has any: a shape nobody declares is no member's,
//!    though an open object schema would allow it). Of several, those for which
//!    the object has a property that no other candidate declares; of several still, the one that
//!    declares the most of the object's properties. Two or more left is an ambiguity, reported
//!    with their names; none is a value no member reads.

use serde_json::{Map, Value};

/// The JSON kind a member reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Boolean,
    Integer,
    Number,
    String,
    Array,
    Object,
}

/// What a member looks like, as far as choosing goes. Only the fields of its kind matter.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Shape<'a> {
    /// The member's name, for messages.
    pub(crate) name: &'a str,
    pub(crate) kind: Kind,
    /// A string member's enum values; empty when it reads any string.
    pub(crate) values: &'a [&'a str],
    /// An array member's item kind, when its items have one.
    pub(crate) items: Option<Kind>,
    /// An object member's required properties.
    pub(crate) required: &'a [&'a str],
    /// Every property an object member declares.
    pub(crate) declared: &'a [&'a str],
    /// An object member's properties that allow one string value, with that value.
    pub(crate) constants: &'a [(&'a str, &'a str)],
    /// The same one level down: a property of an object property, with its one value.
    pub(crate) nested_constants: &'a [(&'a str, &'a str, &'a str)],
    /// An object member's properties whose values have one JSON kind, with that kind.
    pub(crate) kinds: &'a [(&'a str, Kind)],
}

/// Why no member was chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Unchosen {
    /// No member reads the value; `found` says what it is.
    NoMember { found: &'static str },
    /// Several members read it equally well.
    Ambiguous { candidates: Vec<String> },
}

impl core::fmt::Display for Unchosen {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            Self::NoMember { found } => write!(f, "no member of the union reads {found}"),
            Self::Ambiguous { candidates } => {
                write!(f, "the value fits several members of the union equally: {}", candidates.join(", "))
            }
        }
    }
}

/// The index of the member of `shapes` that reads `value`, by the rule of this module.
pub(crate) fn choose(shapes: &[Shape<'_>], value: &Value) -> Result<usize, Unchosen> {
    let of_kind = |kind: Kind| shapes.iter().enumerate().filter(move |(_, shape)| shape.kind == kind);
    let first = |kind: Kind| of_kind(kind).map(|(index, _)| index).next();
    let none = || Unchosen::NoMember { found: describe(value) };
    match value {
        Value::Null => Err(none()),
        Value::Bool(_) => first(Kind::Boolean).ok_or_else(none),
        Value::Number(number) => {
            let integral = number.is_i64() || number.is_u64();
            integral.then(|| first(Kind::Integer)).flatten().or_else(|| first(Kind::Number)).ok_or_else(none)
        }
        Value::String(text) => of_kind(Kind::String)
            .find(|(_, shape)| shape.values.contains(&text.as_str()))
            .or_else(|| of_kind(Kind::String).find(|(_, shape)| shape.values.is_empty()))
            .map(|(index, _)| index)
            .ok_or_else(none),
        Value::Array(items) => of_kind(Kind::Array)
            .find(|(_, shape)| shape.items.is_none_or(|kind| items.iter().all(|item| is_kind(item, kind))))
            .map(|(index, _)| index)
            .ok_or_else(none),
        Value::Object(object) => choose_object(shapes, object).ok_or_else(none)?,
    }
}

fn choose_object(shapes: &[Shape<'_>], object: &Map<String, Value>) -> Option<Result<usize, Unchosen>> {
    let mut candidates: Vec<usize> = shapes
        .iter()
        .enumerate()
        .filter(|(_, shape)| shape.kind == Kind::Object)
        .filter(|(_, shape)| shape.required.iter().all(|property| object.contains_key(*property)))
        .filter(|(_, shape)| {
            shape
                .constants
                .iter()
                .all(|(property, constant)| object.get(*property).is_none_or(|value| value.as_str() == Some(*constant)))
        })
        .filter(|(_, shape)| {
            shape.nested_constants.iter().all(|(outer, inner, constant)| {
                object
                    .get(*outer)
                    .and_then(|value| value.get(*inner))
                    .is_none_or(|value| value.as_str() == Some(*constant))
            })
        })
        .filter(|(_, shape)| {
            shape.kinds.iter().all(|(property, kind)| {
                object.get(*property).is_none_or(|value| value.is_null() || is_kind(value, *kind))
            })
        })
        .filter(|(_, shape)| object.is_empty() || object.keys().any(|key| shape.declared.contains(&key.as_str())))
        .map(|(index, _)| index)
        .collect();
    if candidates.len() > 1 {
        let unique: Vec<usize> = candidates
            .iter()
            .copied()
            .filter(|candidate| {
                object.keys().any(|key| {
                    shapes[*candidate].declared.contains(&key.as_str())
                        && candidates
                            .iter()
                            .filter(|other| *other != candidate)
                            .all(|other| !shapes[*other].declared.contains(&key.as_str()))
                })
            })
            .collect();
        if !unique.is_empty() {
            candidates = unique;
        }
    }
    if candidates.len() > 1 {
        let covered =
            |index: &usize| object.keys().filter(|key| shapes[*index].declared.contains(&key.as_str())).count();
        let most = candidates.iter().map(covered).max().unwrap_or_default();
        candidates.retain(|index| covered(index) == most);
    }
    match candidates.as_slice() {
        [] => None,
        [only] => Some(Ok(*only)),
        several => Some(Err(Unchosen::Ambiguous {
            candidates: several.iter().map(|index| shapes[*index].name.to_owned()).collect(),
        })),
    }
}

fn is_kind(value: &Value, kind: Kind) -> bool {
    match (value, kind) {
        (Value::Bool(_), Kind::Boolean)
        | (Value::Number(_), Kind::Number)
        | (Value::String(_), Kind::String)
        | (Value::Array(_), Kind::Array)
        | (Value::Object(_), Kind::Object) => true,
        (Value::Number(number), Kind::Integer) => number.is_i64() || number.is_u64(),
        _ => false,
    }
}

fn describe(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "this string",
        Value::Array(_) => "this array",
        Value::Object(_) => "this object",
    }
}
