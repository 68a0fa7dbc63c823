use generated::operations::BetaUpdateDeployment;
use generated::UpdateDeploymentParams;

fn main() {
    let mut body = UpdateDeploymentParams::default();
    body.name = Some("Renamed".to_owned());
    let _ = BetaUpdateDeployment::new(body);
}
