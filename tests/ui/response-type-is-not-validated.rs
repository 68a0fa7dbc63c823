use generated::{Deployment, Validate};

fn check(deployment: &Deployment) {
    let _ = deployment.validate();
}

fn main() {}
