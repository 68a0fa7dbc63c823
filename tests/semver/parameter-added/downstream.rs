// The query parameters, which have nothing a caller must set: `Default` and field assignment
// (the struct is `#[non_exhaustive]`), and the operation through its builder.
pub fn first_ten() -> api::operations::ListPetsQuery {
    let mut query = api::operations::ListPetsQuery::default();
    query.limit = Some(10);
    query
}

pub fn list() -> api::operations::ListPets {
    api::operations::ListPets::builder().limit(10).build()
}
