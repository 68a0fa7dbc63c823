use generated::operations::BetaUpdateDeployment;
use generated::UpdateDeploymentParams;

fn main() {
    let _ = BetaUpdateDeployment::builder().body(UpdateDeploymentParams::builder().name("Renamed").build()).build();
}
