//! The run-time half of `cargo xtask bench`: times the generated types against
//! `serde_json::Value` on the same bytes, the generated client against a bare `reqwest` call to
//! the same local server, and the enums of the fixture `string-enum-tables` (this package's
//! library) against the same enums written out value by value (`floor.rs`), and prints the
//! figures as JSON for `xtask` to report.
//!
//! A binary of its own because it depends on the generated crate, which `xtask` must not (see
//! `xtask::bench::runtime`). Arguments: the spec, the number of samples, and the shortest sample
//! in nanoseconds.

mod floor;

use std::io::{Read as _, Write as _};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Context as _;
use generated::client::Client;
use generated::validate::Validate;
use generated::{CreateDeploymentParams, Deployment, ListDeploymentsData};
use runtime_bench::enums::Enum;
use serde_json::Value;
use xtask::bench::page;
use xtask::bench::runtime::{ClientOverhead, Codec, ENUM_VALUES, EnumCodec, EnumFigures, PAGE_SIZE, RuntimeFigures};
use xtask::bench::timing::Sampling;

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    // `--enums`: the enum rows alone, to measure a change to the enums without the rest.
    let enums_only = args.first().is_some_and(|arg| arg == "--enums");
    if enums_only {
        args.remove(0);
    }
    let sampling = match args.as_slice() {
        [_, samples, min_sample] => samples
            .parse()
            .ok()
            .zip(min_sample.parse().ok())
            .map(|(samples, nanos)| Sampling { samples, min_sample: Duration::from_nanos(nanos) }),
        _ => None,
    };
    let Some(sampling) = sampling else {
        eprintln!("usage: runtime-bench [--enums] <spec> <samples> <shortest sample in nanoseconds>");
        return ExitCode::from(2);
    };
    let json = if enums_only {
        enum_figures(&sampling).and_then(|figures| Ok(serde_json::to_string(&figures)?))
    } else {
        measure(Path::new(&args[0]), &sampling).and_then(|figures| Ok(serde_json::to_string(&figures)?))
    };
    match json {
        Ok(json) => {
            println!("{json}");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("runtime-bench: {error:#}");
            ExitCode::FAILURE
        }
    }
}

/// Measures the generated types; `spec` supplies the maximal request and the unions the page
/// must cover.
fn measure(spec: &Path, sampling: &Sampling) -> anyhow::Result<RuntimeFigures> {
    let spec_text = std::fs::read_to_string(spec).with_context(|| format!("cannot read `{}`", spec.display()))?;
    let spec: Value = serde_saphyr::from_str(&spec_text).context("the spec is not YAML")?;

    let page = page::deployments_page(PAGE_SIZE);
    let missing = page::missing_union_members(&spec, "ListDeploymentsData", &page);
    anyhow::ensure!(
        missing.is_empty(),
        "the benchmark page lacks union members the spec defines (add them to xtask/src/bench/page.rs):\n  {}",
        missing.join("\n  ")
    );
    let page = codec::<ListDeploymentsData>(&page, "the list page", sampling)?;

    let request = &spec["paths"]["/v1/deployments"]["post"]["requestBody"]["content"]["application/json"]["examples"]["maximal"]
        ["value"];
    anyhow::ensure!(request.is_object(), "the spec has no `maximal` example of the create request");
    let typed: CreateDeploymentParams = serde_json::from_value(request.clone())?;
    typed.validate().map_err(|errors| anyhow::anyhow!("the maximal create request is not valid:\n{errors}"))?;
    let validate = sampling.per_call(|| typed.validate().is_ok());
    let request = codec::<CreateDeploymentParams>(request, "the maximal create request", sampling)?;
    let deployment = &page::deployments_page(1)["data"][0];
    let client = client_overhead(deployment, sampling)?;
    let enums = enum_figures(sampling)?;
    Ok(RuntimeFigures { page, request, validate, client, enums })
}

/// The enum rows: each enum of the fixture `string-enum-tables` against the same enum written out.
fn enum_figures(sampling: &Sampling) -> anyhow::Result<EnumFigures> {
    Ok(EnumFigures {
        large_closed: enum_codec::<runtime_bench::CategoryParam, floor::CategoryParam>(sampling)?,
        large_open: enum_codec::<runtime_bench::Category, floor::Category>(sampling)?,
        small_closed: enum_codec::<runtime_bench::Speed, floor::Speed>(sampling)?,
        small_open: enum_codec::<runtime_bench::Status, floor::Status>(sampling)?,
    })
}

/// Times `Table`, a generated enum, against `Floor`, the same enum written out, reading and
/// writing a JSON array of [`ENUM_VALUES`] of its values, after checking that both list the
/// same values in the same order and read and write the array unchanged.
fn enum_codec<Table, Floor>(sampling: &Sampling) -> anyhow::Result<EnumCodec>
where
    Table: Enum + serde::de::DeserializeOwned + serde::Serialize,
    Floor: floor::WrittenOut + serde::de::DeserializeOwned + serde::Serialize,
{
    // A prime above any enum's size: stepping by it visits every value, far from the last.
    const STRIDE: usize = 7_919;
    let listed: Vec<&str> = (0..).map_while(Table::listed).map(|(_, wire)| wire).collect();
    anyhow::ensure!(listed == Floor::WIRES, "the written-out enum lists other values than the generated one");
    let values: Vec<&str> = (0..ENUM_VALUES).map(|at| listed[at * STRIDE % listed.len()]).collect();
    let bytes = serde_json::to_vec(&values)?;
    let table: Vec<Table> = serde_json::from_slice(&bytes).context("the generated enum does not read its values")?;
    let floor: Vec<Floor> = serde_json::from_slice(&bytes).context("the written-out enum does not read its values")?;
    anyhow::ensure!(
        serde_json::to_vec(&table)? == bytes && serde_json::to_vec(&floor)? == bytes,
        "the enums do not write the values they read"
    );
    let (read, read_floor) = sampling.alternating(
        || serde_json::from_slice::<Vec<Table>>(&bytes).map(|read| read.len()),
        || serde_json::from_slice::<Vec<Floor>>(&bytes).map(|read| read.len()),
    );
    let (write, write_floor) = sampling.alternating(
        || serde_json::to_vec(&table).map(|out| out.len()),
        || serde_json::to_vec(&floor).map(|out| out.len()),
    );
    Ok(EnumCodec { listed: listed.len(), read, read_floor, write, write_floor })
}

/// Times `client.deployments().retrieve(id)` against the same GET sent bare through the
/// `reqwest::Client` the generated client sends with (same headers, body decoded into the same
/// `Deployment`), one request at a time on one thread, against a local server that answers
/// every request with `deployment`.
fn client_overhead(deployment: &Value, sampling: &Sampling) -> anyhow::Result<ClientOverhead> {
    let id = deployment["id"].as_str().context("the page's deployment has an id")?.to_owned();
    let base_url = serve(serde_json::to_vec(deployment)?)?;
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    // One `reqwest::Client`, so one connection and one server thread for both sides. With a
    // client each, each side had a server thread of its own, and the two figures moved apart by
    // up to 4x from one day to the next (1.16x, then 0.22x) with the client unchanged: they
    // measured how fast each thread was woken, not the client.
    generated::client::install_crypto_provider();
    let http = reqwest::Client::new();
    let client =
        Client::builder().base_url(&base_url).api_key("bench-key").max_retries(0).http_client(http.clone()).build()?;
    let url = format!("{base_url}/v1/deployments/{id}?beta=true");
    let bare = || {
        runtime.block_on(async {
            let response = http
                .get(&url)
                .header("accept", "application/json")
                .header("anthropic-version", "2023-06-01")
                .header("anthropic-beta", "managed-agents-2026-04-01")
                .header("x-api-key", "bench-key")
                .send()
                .await?;
            let bytes = response.bytes().await?;
            anyhow::Ok(serde_json::from_slice::<Deployment>(&bytes)?)
        })
    };
    let typed = || runtime.block_on(async { anyhow::Ok(client.deployments().retrieve(id.as_str()).await?) });
    // Both must work, and read the same deployment, before either is timed.
    let (by_client, by_hand) = (typed()?, bare()?);
    anyhow::ensure!(by_client == by_hand, "the client and the bare call read different deployments");
    // Interleaved, batch by batch, so a slow spell of the machine (or of the server's threads)
    // falls on both sides alike; each side's figure is its median batch.
    let (client, bare) = sampling.alternating(|| typed().is_ok(), || bare().is_ok());
    Ok(ClientOverhead { client, bare })
}

/// A local HTTP/1.1 server that answers every request with `body` as JSON, keeping connections
/// open, on a thread per connection; its base URL.
fn serve(body: Vec<u8>) -> anyhow::Result<String> {
    let listener = TcpListener::bind("127.0.0.1:0")?;
    let address = listener.local_addr()?;
    let head = format!("HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n", body.len());
    let response = [head.into_bytes(), body].concat();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let response = response.clone();
            std::thread::spawn(move || answer(stream, &response));
        }
    });
    Ok(format!("http://{address}"))
}

/// Answers each request on `stream` (a GET: its head ends at a blank line) until it closes.
fn answer(mut stream: TcpStream, response: &[u8]) {
    // Without it, a small response waits on the client's delayed acknowledgement.
    let _ = stream.set_nodelay(true);
    let mut buffer = Vec::new();
    let mut chunk = [0; 4096];
    loop {
        let end = loop {
            if let Some(at) = buffer.windows(4).position(|window| window == b"\r\n\r\n") {
                break at + 4;
            }
            match stream.read(&mut chunk) {
                Ok(0) | Err(_) => return,
                Ok(read) => buffer.extend_from_slice(&chunk[..read]),
            }
        };
        buffer.drain(..end);
        if stream.write_all(response).is_err() {
            return;
        }
    }
}

/// Times `value` as bytes, typed as `T` and as `serde_json::Value`, after checking that the
/// typed form keeps all of it.
fn codec<T: serde::de::DeserializeOwned + serde::Serialize>(
    value: &Value,
    what: &str,
    sampling: &Sampling,
) -> anyhow::Result<Codec> {
    let bytes = serde_json::to_vec(value)?;
    let typed: T = serde_json::from_slice(&bytes).with_context(|| format!("{what} does not deserialise"))?;
    anyhow::ensure!(
        serde_json::to_value(&typed)? == *value,
        "{what} does not re-serialise unchanged, so timing it would compare different work"
    );
    let parsed: Value = serde_json::from_slice(&bytes)?;
    Ok(Codec {
        bytes: bytes.len(),
        deserialize_typed: sampling.per_call(|| serde_json::from_slice::<T>(&bytes).is_ok()),
        deserialize_value: sampling.per_call(|| serde_json::from_slice::<Value>(&bytes).is_ok()),
        serialize_typed: sampling.per_call(|| serde_json::to_vec(&typed).map(|out| out.len())),
        serialize_value: sampling.per_call(|| serde_json::to_vec(&parsed).map(|out| out.len())),
    })
}
