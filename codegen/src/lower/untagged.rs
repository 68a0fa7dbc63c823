//! Whether the rule for unions without a tag tells a union's members apart, decided by running
//! that rule: the runtime's own file is compiled into the generator too, so what the generator
//! checks and what a generated crate does are one piece of code.

use serde_json::{Map, Value};

use crate::ir::{JsonKind, MemberShape};

#[path = "../../runtime/src/untagged/runtime.rs"]
#[allow(dead_code, reason = "the generator only calls `choose`; the rest is for generated crates")]
mod rule;

/// `Ok` when the rule chooses each member for a value with every property it declares (or of its
/// kind, enum values and item kind); otherwise which member's value it reads as what.
pub(super) fn tells_apart(names: &[String], members: &[(JsonKind, &MemberShape)]) -> Result<(), String> {
    let values: Vec<Vec<&str>> =
        members.iter().map(|(_, shape)| shape.values.iter().map(String::as_str).collect()).collect();
    let required: Vec<Vec<&str>> =
        members.iter().map(|(_, shape)| shape.required.iter().map(String::as_str).collect()).collect();
    let declared: Vec<Vec<&str>> =
        members.iter().map(|(_, shape)| shape.declared.iter().map(String::as_str).collect()).collect();
    let constants: Vec<Vec<(&str, &str)>> = members
        .iter()
        .map(|(_, shape)| shape.constants.iter().map(|(name, value)| (name.as_str(), value.as_str())).collect())
        .collect();
    let nested_constants: Vec<Vec<(&str, &str, &str)>> = members
        .iter()
        .map(|(_, shape)| {
            shape
                .nested_constants
                .iter()
                .map(|(outer, inner, value)| (outer.as_str(), inner.as_str(), value.as_str()))
                .collect()
        })
        .collect();
    let kinds: Vec<Vec<(&str, rule::Kind)>> = members
        .iter()
        .map(|(_, shape)| shape.kinds.iter().map(|(name, kind)| (name.as_str(), runtime_kind(*kind))).collect())
        .collect();
    let shapes: Vec<rule::Shape<'_>> = members
        .iter()
        .enumerate()
        .map(|(index, (kind, shape))| rule::Shape {
            name: &names[index],
            kind: runtime_kind(*kind),
            values: &values[index],
            items: shape.items.map(runtime_kind),
            required: &required[index],
            declared: &declared[index],
            constants: &constants[index],
            nested_constants: &nested_constants[index],
            kinds: &kinds[index],
        })
        .collect();
    let unused_string = unused_string(members);
    for (index, (kind, shape)) in members.iter().enumerate() {
        for sample in samples(*kind, shape, &unused_string) {
            match rule::choose(&shapes, &sample) {
                Ok(chosen) if chosen == index => {}
                Ok(chosen) => {
                    return Err(format!("a value of `{}` ({sample}) reads as `{}`", names[index], names[chosen]));
                }
                Err(why) => return Err(format!("for a value of `{}` ({sample}), {why}", names[index])),
            }
        }
    }
    Ok(())
}

/// Values a member reads: each enum value, an item of its item kind, an object with every
/// property it declares (one-value properties holding their value, also one level down; a
/// property of one kind holding a value of that kind).
fn samples(kind: JsonKind, shape: &MemberShape, unused_string: &str) -> Vec<Value> {
    match kind {
        JsonKind::Boolean => vec![Value::Bool(true)],
        JsonKind::Integer => vec![Value::from(1)],
        JsonKind::Number => vec![Value::from(0.5)],
        JsonKind::String if shape.values.is_empty() => vec![Value::from(unused_string)],
        JsonKind::String => shape.values.iter().map(|value| Value::from(value.as_str())).collect(),
        JsonKind::Array => {
            let item = shape.items.map(|kind| samples(kind, &MemberShape::default(), unused_string).swap_remove(0));
            vec![Value::Array(item.into_iter().collect())]
        }
        JsonKind::Object => {
            let object: Map<String, Value> = shape
                .declared
                .iter()
                .map(|name| {
                    let constant = shape.constants.iter().find(|(property, _)| property == name);
                    let nested: Map<String, Value> = shape
                        .nested_constants
                        .iter()
                        .filter(|(outer, ..)| outer == name)
                        .map(|(_, inner, value)| (inner.clone(), Value::from(value.as_str())))
                        .collect();
                    let kind = shape.kinds.iter().find(|(property, _)| property == name).map(|(_, kind)| *kind);
                    let value = match (constant, kind) {
                        (Some((_, value)), _) => Value::from(value.as_str()),
                        (None, _) if !nested.is_empty() => Value::Object(nested),
                        (None, Some(kind)) => samples(kind, &MemberShape::default(), unused_string).swap_remove(0),
                        (None, None) => Value::Null,
                    };
                    (name.clone(), value)
                })
                .collect();
            vec![Value::Object(object)]
        }
    }
}

/// A string that is no member's enum value: what a member reading any string is sampled with.
fn unused_string(members: &[(JsonKind, &MemberShape)]) -> String {
    let mut candidate = "a string".to_owned();
    while members.iter().any(|(_, shape)| shape.values.contains(&candidate)) {
        candidate.push('_');
    }
    candidate
}

fn runtime_kind(kind: JsonKind) -> rule::Kind {
    match kind {
        JsonKind::Boolean => rule::Kind::Boolean,
        JsonKind::Integer => rule::Kind::Integer,
        JsonKind::Number => rule::Kind::Number,
        JsonKind::String => rule::Kind::String,
        JsonKind::Array => rule::Kind::Array,
        JsonKind::Object => rule::Kind::Object,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn object(required: &[&str], declared: &[&str], constants: &[(&str, &str)]) -> MemberShape {
        MemberShape {
            required: required.iter().map(|s| (*s).to_owned()).collect(),
            declared: declared.iter().map(|s| (*s).to_owned()).collect(),
            constants: constants.iter().map(|(p, v)| ((*p).to_owned(), (*v).to_owned())).collect(),
            ..MemberShape::default()
        }
    }

    fn apart(members: &[(JsonKind, MemberShape)]) -> Result<(), String> {
        let names: Vec<String> = (0..members.len()).map(|index| format!("M{index}")).collect();
        let members: Vec<(JsonKind, &MemberShape)> = members.iter().map(|(kind, shape)| (*kind, shape)).collect();
        tells_apart(&names, &members)
    }

    #[test]
    fn objects_apart_by_a_property_of_their_own_or_a_constant() {
        let card = object(&["number"], &["number", "cvc"], &[]);
        let bank = object(&["iban"], &["iban", "bic"], &[]);
        assert_eq!(apart(&[(JsonKind::Object, card.clone()), (JsonKind::Object, bank)]), Ok(()));
        let a = object(&[], &["kind", "x"], &[("kind", "a")]);
        let b = object(&[], &["kind", "x"], &[("kind", "b")]);
        assert_eq!(apart(&[(JsonKind::Object, a), (JsonKind::Object, b)]), Ok(()));
        let narrower = object(&[], &["number"], &[]);
        let error = apart(&[(JsonKind::Object, narrower), (JsonKind::Object, card)]).expect_err("a subset");
        assert!(error.contains("`M0`") && error.contains("M1"), "{error}");
    }

    #[test]
    fn scalars_apart_by_kind_values_and_items() {
        let enumeration = MemberShape { values: vec!["auto".to_owned()], ..MemberShape::default() };
        let strings = MemberShape { items: Some(JsonKind::String), ..MemberShape::default() };
        let numbers = MemberShape { items: Some(JsonKind::Integer), ..MemberShape::default() };
        let members = [
            (JsonKind::String, enumeration),
            (JsonKind::String, MemberShape::default()),
            (JsonKind::Integer, MemberShape::default()),
            (JsonKind::Number, MemberShape::default()),
            (JsonKind::Array, strings),
            (JsonKind::Array, numbers.clone()),
        ];
        assert_eq!(apart(&members), Ok(()));
        // An array of anything reads every array, so one after it is never chosen.
        let error =
            apart(&[(JsonKind::Array, MemberShape::default()), (JsonKind::Array, numbers)]).expect_err("overlap");
        assert!(error.contains("reads as `M0`"), "{error}");
    }
}
