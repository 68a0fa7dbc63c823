use generated::operations::BetaPauseDeployment;

fn main() {
    let _ = BetaPauseDeployment::builder().deployment_id("depl_1").deployment_id("depl_2").build();
}
