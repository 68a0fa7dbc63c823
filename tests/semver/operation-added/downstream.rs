// Everything the old crate offered for listing, used as it was.
pub fn list(limit: i64) -> api::operations::ListPets {
    let mut list = api::operations::ListPets::new();
    list.query.limit = Some(limit);
    list
}

pub fn status(status: &api::Status) -> &str {
    status.as_str()
}
