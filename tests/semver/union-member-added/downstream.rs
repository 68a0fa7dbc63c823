// A match on an open tagged union, which is `#[non_exhaustive]`: it names `Unknown` and has the
// `_` arm the attribute asks for, so a member the spec adds is read by that arm.
pub fn describe(tag: &api::Tag) -> String {
    match tag {
        api::Tag::Color(tag) => tag.color.clone(),
        api::Tag::Size(tag) => tag.size.to_string(),
        api::Tag::Unknown(value) => value.to_string(),
        _ => "a member of a newer spec".to_owned(),
    }
}
