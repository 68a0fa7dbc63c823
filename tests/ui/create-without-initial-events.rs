use generated::CreateDeploymentParams;

fn main() {
    let _ = CreateDeploymentParams::builder()
        .name("Daily order report")
        .agent("agent_011CZkYpogX7uDKUyvBTophP")
        .environment_id("env_011CZkZ9X2dpNyB7HsEFoRfW")
        .build();
}
