use generated::operations::BetaGetDeploymentRun;

// An operation's request type is `#[non_exhaustive]` too: its `new` (or the client) makes it,
// even from the parts of another request.
fn main() {
    let built = BetaGetDeploymentRun::new("drun_1");
    let _ = BetaGetDeploymentRun { path: built.path, headers: built.headers };
}
