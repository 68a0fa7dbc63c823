//! `cargo xtask`: the project's automation entry point (see the alias in `.cargo/config.toml`).
//!
//! Arguments are parsed by hand to keep this crate's dependencies to a minimum; all the work is
//! done by the `xtask` library, which the workspace tests share.

use std::{env, ffi::OsString, path::PathBuf, process::ExitCode};

use xtask::codegen;

// The same allocator as the `openapi-crategen` binary, so the bench measures what users run.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const USAGE: &str = "\
usage: cargo xtask codegen [--check] [--strict] [--spec PATH] [--overlay FILE]... [--out DIR [--crate-name NAME]] [--against OLD-SPEC ...]
       cargo xtask bench [--smoke] [--only SECTION] [--samples N] [--compile-runs N] [--out FILE]
       cargo xtask corpus [--no-check]

`codegen` generates the Rust crate `generated/` from the OpenAPI document `spec/deployments.yaml`,
or a crate of its own from any OpenAPI 3.0 or 3.1 document: the command line of the
`openapi-crategen` binary (`cargo install --path codegen/cli`) with this workspace's defaults.
`cargo xtask codegen --help` explains its flags and exit codes.

`bench` measures, in a release build (it rebuilds itself in release if need be), generation time
and peak memory for spec/, the full official document and two large public specs (GitHub's and
Stripe's, in tests/reference/public/), the run time of the generated types, the compile time of
the generated crate, and the check time and memory of the large specs' crates, each beside its
floor or target, and writes BENCHMARKS.md.

bench options:
  --smoke       one sample of everything and no BENCHMARKS.md (unless --out): proves it runs
  --only SECTION
                run one section (generation, runtime, compile, large-crates) and print it;
                BENCHMARKS.md is not written (unless --out)
  --samples N   timing samples per figure, the figure being their median (default 11)
  --compile-runs N
                cold builds per compile figure (default 3)
  --out FILE    write the report here instead of BENCHMARKS.md

`corpus` generates a crate from every real public spec in tests/reference/corpus/ and the full
official document, runs `cargo check` on each with warnings denied (one shared target directory
under target/corpus/), and prints per spec: operations, schemas, generation time, lines, parts typed
as `serde_json::Value` (against the pinned most), other warnings, check time and peak memory.
  --no-check    generate and count only

exit status of corpus: 0 when every crate checks and no untyped count exceeds its pin, 1 otherwise,
2 when it could not run.

exit status of bench: 0 when it ran (missed targets are reported, not failed), 2 when it could not";

/// Exit status when nothing could be compared or written: a bad spec, an I/O error, bad usage.
const EXIT_FAILURE: u8 = 2;

fn main() -> ExitCode {
    let args: Vec<OsString> = env::args_os().skip(1).collect();
    let command = match parse(&args) {
        Ok(command) => command,
        Err(message) => {
            eprintln!("error: {message}\n\n{USAGE}");
            return ExitCode::from(EXIT_FAILURE);
        }
    };
    match command {
        Command::Help => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        Command::Codegen(args) => ::openapi_crategen::run(&args, &codegen::front_end()),
        Command::Bench(options) => run_bench(&options, &args),
        Command::Corpus { check } => run_corpus(check),
        Command::BenchMemory(task, path) => match xtask::bench::memory::run_task(task, &path) {
            Ok(peak) => {
                println!("peak-rss-kib {}", peak.map_or_else(|| "unknown".to_owned(), |kib| kib.to_string()));
                ExitCode::SUCCESS
            }
            Err(error) => report_failure(&error),
        },
    }
}

enum Command {
    Help,
    Codegen(Vec<OsString>),
    Bench(BenchOptions),
    /// `corpus`, and whether to check the crates.
    Corpus {
        check: bool,
    },
    /// The child process of a peak-memory figure (not in the usage: only `bench` runs it).
    BenchMemory(xtask::bench::memory::Task, PathBuf),
}

struct BenchOptions {
    smoke: bool,
    only: Option<xtask::bench::SectionKind>,
    samples: Option<usize>,
    compile_runs: Option<usize>,
    out: Option<PathBuf>,
}

fn parse(args: &[OsString]) -> Result<Command, String> {
    let Some((task, rest)) = args.split_first() else {
        return Err("no task given".to_owned());
    };
    match task.to_str() {
        Some("codegen") => Ok(Command::Codegen(rest.to_vec())),
        Some("bench") => parse_bench(rest),
        Some("corpus") => match rest.iter().map(|arg| arg.to_str()).collect::<Vec<_>>().as_slice() {
            [] => Ok(Command::Corpus { check: true }),
            [Some("--no-check")] => Ok(Command::Corpus { check: false }),
            [Some("-h" | "--help")] => Ok(Command::Help),
            _ => Err("`corpus` takes only `--no-check`".to_owned()),
        },
        Some(xtask::bench::memory::SUBCOMMAND) => {
            let task = rest.first().and_then(|task| task.to_str()).and_then(xtask::bench::memory::Task::from_name);
            match (task, rest.get(1), rest.len()) {
                (Some(task), Some(path), 2) => Ok(Command::BenchMemory(task, PathBuf::from(path))),
                _ => Err(format!("`{}` takes a task and a path", xtask::bench::memory::SUBCOMMAND)),
            }
        }
        Some("-h" | "--help" | "help") => Ok(Command::Help),
        _ => Err(format!("unknown task `{}`", task.to_string_lossy())),
    }
}

/// `--flag=value` or `--flag value`: the value, or an error naming the flag.
fn flag_value(
    flag: &str,
    inline_value: Option<OsString>,
    rest: &mut std::slice::Iter<'_, OsString>,
) -> Result<OsString, String> {
    let value = match inline_value {
        Some(value) => value,
        None => rest.next().cloned().ok_or_else(|| format!("`{flag}` needs a value"))?,
    };
    if value.is_empty() {
        return Err(format!("`{flag}` needs a non-empty value"));
    }
    Ok(value)
}

/// `--flag=value` split at `=`; other arguments whole.
fn split_flag(arg: &OsString) -> (String, Option<OsString>) {
    let text = arg.to_string_lossy();
    match text.split_once('=') {
        Some((flag, value)) if flag.starts_with("--") => (flag.to_owned(), Some(OsString::from(value))),
        _ => (text.into_owned(), None),
    }
}

fn parse_bench(args: &[OsString]) -> Result<Command, String> {
    let mut options = BenchOptions { smoke: false, only: None, samples: None, compile_runs: None, out: None };
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        let (flag, inline_value) = split_flag(arg);
        match flag.as_str() {
            "-h" | "--help" => return Ok(Command::Help),
            "--smoke" if inline_value.is_none() => options.smoke = true,
            "--only" => {
                let value = flag_value(&flag, inline_value, &mut rest)?;
                let kind = value.to_str().and_then(xtask::bench::SectionKind::from_name).ok_or_else(|| {
                    let names: Vec<&str> = xtask::bench::SectionKind::ALL.iter().map(|(name, _)| *name).collect();
                    format!("`--only` takes one of {}", names.join(", "))
                })?;
                if options.only.replace(kind).is_some() {
                    return Err("`--only` given twice".to_owned());
                }
            }
            "--samples" | "--compile-runs" => {
                let value = flag_value(&flag, inline_value, &mut rest)?;
                let count = value
                    .to_str()
                    .and_then(|text| text.parse::<usize>().ok())
                    .filter(|count| *count > 0)
                    .ok_or_else(|| format!("`{flag}` needs a positive whole number"))?;
                let slot = if flag == "--samples" { &mut options.samples } else { &mut options.compile_runs };
                if slot.replace(count).is_some() {
                    return Err(format!("`{flag}` given twice"));
                }
            }
            "--out" => {
                let value = flag_value(&flag, inline_value, &mut rest)?;
                if options.out.replace(PathBuf::from(value)).is_some() {
                    return Err("`--out` given twice".to_owned());
                }
            }
            _ => return Err(format!("unexpected argument `{flag}`")),
        }
    }
    Ok(Command::Bench(options))
}

fn run_bench(options: &BenchOptions, args: &[OsString]) -> ExitCode {
    // Timings of a debug build say nothing about the generator: rebuild in release and hand over.
    if cfg!(debug_assertions) && !options.smoke {
        eprintln!("bench: building xtask in release mode first");
        let cargo = env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        let status = std::process::Command::new(cargo)
            .args(["run", "--release", "--quiet", "--package", "xtask", "--"])
            .args(args)
            .current_dir(xtask::workspace_root())
            .status();
        return match status {
            Ok(status) => {
                ExitCode::from(status.code().and_then(|code| u8::try_from(code).ok()).unwrap_or(EXIT_FAILURE))
            }
            Err(error) => report_failure(&anyhow::anyhow!("cannot run cargo: {error}")),
        };
    }
    let sampling = if options.smoke {
        xtask::bench::timing::Sampling::once()
    } else {
        xtask::bench::timing::Sampling {
            samples: options.samples.unwrap_or(11),
            min_sample: std::time::Duration::from_millis(50),
        }
    };
    let compile_runs = if options.smoke { 1 } else { options.compile_runs.unwrap_or(3) };
    let binary = match env::current_exe() {
        Ok(binary) => binary,
        Err(error) => return report_failure(&anyhow::anyhow!("cannot find this program's path: {error}")),
    };
    let mut bench_options = xtask::bench::Options::for_workspace(sampling, compile_runs, binary);
    bench_options.only = options.only;
    if options.smoke {
        // The smoke run proves every benchmark works; the large document only makes it slower.
        bench_options.large_document = None;
        bench_options.large_document_missing = Some("the smoke run generates from spec/ only".to_owned());
        // `cargo xtask corpus`, in the test command too, checks those crates already.
        bench_options.large_crates.clear();
        bench_options.public_specs.clear();
        // No cold builds: the compile rows build into the target directory every nested build
        // of the test command shares, so the dependencies are compiled once for all of them.
        bench_options.builds = xtask::bench::compile::Builds::Shared(xtask::cargo::nested_target_dir());
        bench_options.compile_client = false;
    }
    let report = match xtask::bench::run(&bench_options, &mut |what| eprintln!("bench: {what}")) {
        Ok(report) => report,
        Err(error) => return report_failure(&error),
    };
    print!("{}", report.markdown());
    // A partial run (the smoke run, or one section) writes only where `--out` says: BENCHMARKS.md
    // holds every section of one run.
    let whole = !options.smoke && options.only.is_none();
    let out = options.out.clone().or_else(|| whole.then(|| xtask::workspace_root().join("BENCHMARKS.md")));
    if let Some(out) = out {
        let command = std::iter::once("cargo xtask bench".to_owned())
            .chain(args.iter().skip(1).map(|arg| arg.to_string_lossy().into_owned()))
            .collect::<Vec<_>>()
            .join(" ");
        // The section measured by hand (the test command's time) is kept from the file written over.
        let previous = std::fs::read_to_string(&out).unwrap_or_default();
        let text =
            xtask::bench::benchmarks_markdown(&report, &command, &xtask::bench::machine_description(), &previous);
        if let Err(error) = std::fs::write(&out, text) {
            return report_failure(&anyhow::anyhow!("cannot write `{}`: {error}", out.display()));
        }
        println!("wrote {}", xtask::display_path(&out));
    }
    for missed in report.missed_targets() {
        println!("target missed: {missed}");
    }
    ExitCode::SUCCESS
}

fn report_failure(error: &anyhow::Error) -> ExitCode {
    eprintln!("error: {error}");
    for cause in error.chain().skip(1) {
        eprintln!("{cause}");
    }
    ExitCode::from(EXIT_FAILURE)
}

fn run_corpus(check: bool) -> ExitCode {
    let root = xtask::workspace_root();
    let specs = match xtask::corpus::default_specs(&root) {
        Ok(specs) => specs,
        Err(error) => return report_failure(&error),
    };
    let options = xtask::corpus::Options {
        specs,
        check,
        scratch: root.join("target").join("corpus"),
        target: xtask::cargo::nested_target_dir(),
        recheck: true,
        check_runs: 1,
    };
    let rows = match xtask::corpus::run(&options, &mut |what| eprintln!("corpus: {what}")) {
        Ok(rows) => rows,
        Err(error) => return report_failure(&error),
    };
    print!("{}", xtask::corpus::table(&rows));
    print!("\n{}", xtask::corpus::reason_table(&rows));
    let failures = xtask::corpus::failures(&rows);
    for failure in &failures {
        eprintln!("error: {failure}");
    }
    if failures.is_empty() { ExitCode::SUCCESS } else { ExitCode::FAILURE }
}
