//! The OpenAPI mock server the contract tests run: Steady (`@stdy/cli`, the server the official
//! SDKs test against), serving one document on a free port of 127.0.0.1 for as long as a
//! [`MockServer`] lives.
//!
//! Installing is `tests/mock-server/install.sh` (pinned, from the npm registry), run at most once
//! per test process; the script itself takes a lock, so test processes and threads that start at
//! once do not run `npm ci` over each other. The server's log goes to this test target's own
//! scratch folder (`CARGO_TARGET_TMPDIR`), wherever `CARGO_TARGET_DIR` puts it. The server is
//! stopped when the guard drops, also when a check panics; every wait is bounded.

use std::io::Read as _;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

pub(crate) mod operations;

use generated::operations::Operation;

/// How long the server may take to start, and any one request to answer.
const STARTUP: Duration = Duration::from_secs(60);
const REQUEST: Duration = Duration::from_secs(20);

/// A running mock server; stopped on drop.
pub(crate) struct MockServer {
    child: Child,
    pub(crate) base_url: String,
    log: PathBuf,
}

/// Runs the install script once for this process, however many tests ask.
fn install(directory: &Path) {
    static INSTALLED: OnceLock<Result<(), String>> = OnceLock::new();
    let result = INSTALLED.get_or_init(|| {
        let output = Command::new("bash")
            .arg(directory.join("install.sh"))
            .stdin(Stdio::null())
            .output()
            .map_err(|error| format!("cannot run bash: {error}"))?;
        if output.status.success() {
            Ok(())
        } else {
            Err(format!(
                "{}\n{}{}",
                output.status,
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            ))
        }
    });
    if let Err(error) = result {
        panic!("tests/mock-server/install.sh could not install the mock server (it needs Node.js and npm): {error}");
    }
}

impl MockServer {
    /// Installs the server if needed and starts it on `document`.
    pub(crate) fn start(document: &Path) -> Self {
        let directory = tests::workspace_root().join("tests").join("mock-server");
        install(&directory);
        // The platform binary itself, not the Node launcher, so stopping the child stops the server.
        let native = directory.join("node_modules/@stdy/cli-linux-x64/bin/steady");
        let program = if native.is_file() { native } else { directory.join("node_modules/.bin/steady") };
        let port =
            TcpListener::bind("127.0.0.1:0").and_then(|listener| listener.local_addr()).expect("a free port").port();
        let log = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("steady-{port}.log"));
        let log_file = std::fs::File::create(&log)
            .unwrap_or_else(|error| panic!("cannot create the server log `{}`: {error}", log.display()));
        let child = Command::new(program)
            .args(["--host", "127.0.0.1", "-p", &port.to_string(), "--log-level", "details", "--no-color"])
            .arg(document)
            .stdin(Stdio::null())
            .stdout(log_file.try_clone().expect("the log file"))
            .stderr(log_file)
            .spawn()
            .expect("the mock server starts");
        let mut server = Self { child, base_url: format!("http://127.0.0.1:{port}"), log };
        server.wait_until_ready();
        server
    }

    fn wait_until_ready(&mut self) {
        let started = Instant::now();
        let agent = agent();
        while started.elapsed() < STARTUP {
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!("the mock server exited with {status}:\n{}", self.log_text());
            }
            let health =
                http::Request::get(format!("{}/_x-steady/health", self.base_url)).body(Vec::new()).expect("a request");
            if agent.run(health).is_ok_and(|response| response.status().is_success()) {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("the mock server did not answer within {STARTUP:?}:\n{}", self.log_text());
    }

    /// What the server logged so far, for failure messages.
    pub(crate) fn log_text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// Sends a request; returns the response with its body read.
    pub(crate) fn send(request: http::Request<Vec<u8>>) -> Result<http::Response<Vec<u8>>, String> {
        let response = agent().run(request).map_err(|error| format!("the request failed: {error}"))?;
        let (parts, mut body) = response.into_parts();
        let mut bytes = Vec::new();
        body.as_reader().read_to_end(&mut bytes).map_err(|error| format!("cannot read the response: {error}"))?;
        Ok(http::Response::from_parts(parts, bytes))
    }

    /// Builds and sends one operation; fails unless the mock found the request valid. Returns
    /// the raw response. `seed` asks the server for a different generated payload, with arrays of
    /// `seed` items (at most 4), so larger seeds also give pages of several items.
    pub(crate) fn exchange<O: Operation>(
        &self,
        label: &str,
        operation: &O,
        seed: Option<u64>,
    ) -> Result<http::Response<Vec<u8>>, String> {
        let mut request = operation.to_http_request(&self.base_url).map_err(|error| format!("{label}: {error}"))?;
        if let Some(seed) = seed {
            request.headers_mut().insert("x-steady-seed", seed.into());
            request.headers_mut().insert("x-steady-array-size", seed.clamp(1, 4).into());
        }
        let described = format!("{} {}", request.method(), request.uri());
        let response = Self::send(request).map_err(|error| format!("{label}: {error}"))?;
        let problems: Vec<String> = response
            .headers()
            .iter()
            .filter(|(name, _)| name.as_str().starts_with("x-steady-error-") && name.as_str().ends_with("-message"))
            .map(|(_, value)| value.to_str().unwrap_or_default().to_owned())
            .collect();
        let valid = response.headers().get("x-steady-request-valid").is_some_and(|value| value == "true");
        if !valid || !problems.is_empty() {
            return Err(format!("{label}: the mock server rejected `{described}`: {problems:?}"));
        }
        Ok(response)
    }
}

impl Drop for MockServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder().http_status_as_error(false).timeout_global(Some(REQUEST)).build().into()
}
