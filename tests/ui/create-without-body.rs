use generated::operations::BetaCreateDeployment;

fn main() {
    let _ = BetaCreateDeployment::new();
}
