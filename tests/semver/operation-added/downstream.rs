// Everything the old crate offered for listing, used as it was.
pub fn list(limit: i64) -> api::operations::ListPets {
    api::operations::ListPets::builder().limit(limit).build()
}

pub fn status(status: &api::Status) -> &str {
    status.as_str()
}
