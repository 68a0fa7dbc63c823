// The limit read as a constant, which goes away with the limit.
pub const LONGEST_NAME: u64 = api::NewPet::NAME_MAX_LENGTH as u64;
