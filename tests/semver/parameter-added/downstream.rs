// The query parameters built with a struct literal.
pub fn first_ten() -> api::operations::ListPetsQuery {
    api::operations::ListPetsQuery { limit: Some(10) }
}
