// The query parameters, which have nothing a caller must set: `Default` and field assignment
// (the struct is `#[non_exhaustive]`), and the operation through its `new`.
pub fn first_ten() -> api::operations::ListPetsQuery {
    let mut query = api::operations::ListPetsQuery::default();
    query.limit = Some(10);
    query
}

pub fn list() -> api::operations::ListPets {
    let mut list = api::operations::ListPets::new();
    list.query.limit = Some(10);
    list
}
