use generated::operations::BetaUpdateDeployment;
use generated::UpdateDeploymentParams;

fn main() {
    let body = UpdateDeploymentParams { name: Some("Renamed".to_owned()), ..UpdateDeploymentParams::default() };
    let _ = BetaUpdateDeployment::new(body);
}
