use generated::CronScheduleParams;

// Structs are `#[non_exhaustive]`, so a field the spec adds breaks no caller: a request body is
// built by `CronScheduleParams::builder()`, never by a literal outside the crate.
fn main() {
    let _ = CronScheduleParams { expression: "0 9 * * 1-5".to_owned(), timezone: "UTC".to_owned() };
}
