use generated::CreateDeploymentParams;

fn main() {
    let _ = CreateDeploymentParams::builder()
        .name("Daily order report")
        .name("Nightly order report")
        .agent("agent_011CZkYpogX7uDKUyvBTophP")
        .environment_id("env_011CZkZ9X2dpNyB7HsEFoRfW")
        .initial_events([generated::UserMessageEventParams::builder().content(["Run."]).build()])
        .build();
}
