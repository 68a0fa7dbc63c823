// An exhaustive match on an open enum: `Other` is named, there is no `_` arm.
pub fn describe(status: &api::Status) -> &str {
    match status {
        api::Status::Available => "available",
        api::Status::Sold => "sold",
        api::Status::Other(other) => other,
    }
}
