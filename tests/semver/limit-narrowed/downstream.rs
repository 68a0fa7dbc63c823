// The limit read as a constant: it still exists, with another value.
pub const LONGEST_NAME: u64 = api::NewPet::NAME_MAX_LENGTH as u64;
