use generated::operations::BetaGetDeploymentRun;

// An operation's request type is `#[non_exhaustive]` too: its builder (or the client) builds it,
// even from the parts of another request.
fn main() {
    let built = BetaGetDeploymentRun::builder().deployment_run_id("drun_1").build();
    let _ = BetaGetDeploymentRun { path: built.path, headers: built.headers };
}
