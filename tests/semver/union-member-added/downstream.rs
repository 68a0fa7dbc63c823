// An exhaustive match on an open tagged union.
pub fn describe(tag: &api::Tag) -> String {
    match tag {
        api::Tag::Color(tag) => tag.color.clone(),
        api::Tag::Size(tag) => tag.size.to_string(),
        api::Tag::Unknown(value) => value.to_string(),
    }
}
