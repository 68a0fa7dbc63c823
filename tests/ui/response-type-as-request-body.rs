use generated::operations::BetaCreateDeployment;
use generated::Deployment;

fn send_back(deployment: Deployment) {
    let _ = BetaCreateDeployment::new(deployment);
}

fn main() {}
