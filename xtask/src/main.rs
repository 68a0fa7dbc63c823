//! `cargo xtask`: the project's automation entry point (see the alias in `.cargo/config.toml`).
//!
//! Arguments are parsed by hand to keep this crate's dependencies to a minimum; all the work is
//! done by the `xtask` library, which the workspace tests share.

use std::{
    env,
    ffi::OsString,
    path::{Path, PathBuf},
    process::ExitCode,
};

use xtask::codegen::{self, Mode, Paths};

const USAGE: &str = "\
usage: cargo xtask codegen [--check] [--spec PATH] [--out DIR [--crate-name NAME]]

Generates the Rust crate `generated/` from the OpenAPI document `spec/deployments.yaml`, or a
crate of its own from any OpenAPI 3.0 or 3.1 document.

options:
  --check       change nothing; print a unified diff for every file that differs, is missing
                or is an orphan, and fail if there is any
  --spec PATH   read this OpenAPI document (YAML or JSON) instead of spec/deployments.yaml
  --out DIR     write the crate's files into DIR/src/ instead of generated/src/
  --crate-name NAME
                also write DIR/Cargo.toml: a standalone crate called NAME, with exactly the
                dependencies the generated code uses
  -h, --help    print this message

exit status: 0 when up to date (or updated), 1 when --check found drift,
             2 when the spec cannot be generated from, a file operation fails, or usage is wrong";

/// Exit status of `--check` when a file differs.
const EXIT_DRIFT: u8 = 1;
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
        Command::Codegen(options) => run_codegen(&options),
    }
}

enum Command {
    Help,
    Codegen(CodegenOptions),
}

struct CodegenOptions {
    mode: Mode,
    spec: Option<PathBuf>,
    out: Option<PathBuf>,
    crate_name: Option<String>,
}

fn parse(args: &[OsString]) -> Result<Command, String> {
    let Some((task, rest)) = args.split_first() else {
        return Err("no task given".to_owned());
    };
    match task.to_str() {
        Some("codegen") => {}
        Some("-h" | "--help" | "help") => return Ok(Command::Help),
        _ => return Err(format!("unknown task `{}`", task.to_string_lossy())),
    }
    let mut options = CodegenOptions { mode: Mode::Write, spec: None, out: None, crate_name: None };
    let mut rest = rest.iter();
    while let Some(arg) = rest.next() {
        let text = arg.to_string_lossy();
        // `--flag=value` and `--flag value` are both accepted, as most CLIs do.
        let (flag, inline_value) = match text.split_once('=') {
            Some((flag, value)) if flag.starts_with("--") => (flag.to_owned(), Some(OsString::from(value))),
            _ => (text.into_owned(), None),
        };
        match flag.as_str() {
            "-h" | "--help" => return Ok(Command::Help),
            "--check" if inline_value.is_none() => options.mode = Mode::Check,
            "--spec" | "--out" => {
                let value = match inline_value {
                    Some(value) => value,
                    None => rest.next().cloned().ok_or_else(|| format!("`{flag}` needs a value"))?,
                };
                if value.is_empty() {
                    return Err(format!("`{flag}` needs a non-empty value"));
                }
                let slot = if flag == "--spec" { &mut options.spec } else { &mut options.out };
                if slot.replace(PathBuf::from(value)).is_some() {
                    return Err(format!("`{flag}` given twice"));
                }
            }
            "--crate-name" => {
                let value = match inline_value {
                    Some(value) => value,
                    None => rest.next().cloned().ok_or("`--crate-name` needs a value")?,
                };
                let name = value.to_string_lossy().into_owned();
                let valid = name.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
                    && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
                if !valid {
                    return Err(format!(
                        "`{name}` is not a crate name (letters, digits, `-` and `_`, starting with a letter)"
                    ));
                }
                if options.crate_name.replace(name).is_some() {
                    return Err("`--crate-name` given twice".to_owned());
                }
            }
            _ => return Err(format!("unexpected argument `{flag}`")),
        }
    }
    if options.crate_name.is_some() && options.out.is_none() {
        return Err("`--crate-name` needs `--out DIR`: the crate's directory".to_owned());
    }
    Ok(Command::Codegen(options))
}

fn run_codegen(options: &CodegenOptions) -> ExitCode {
    let defaults = Paths::default_for_workspace();
    // Relative paths are taken from the current directory, as for any command-line tool.
    let current_dir = env::current_dir().unwrap_or_default();
    let paths = Paths {
        spec: options.spec.as_ref().map_or(defaults.spec, |spec| xtask::resolve(&current_dir, spec)),
        out: options.out.as_ref().map_or(defaults.out, |out| xtask::resolve(&current_dir, out)),
    };
    let config = ::codegen::Config { regenerate_command: regenerate_command(options, &paths) };
    let spec_shown = xtask::display_path(&paths.spec);
    let out_shown = xtask::display_path(&paths.out);

    let generated = match codegen::generate(&paths.spec, &config) {
        Ok(generated) => generated,
        Err(error) => return report_failure(&error),
    };
    for warning in generated.warnings() {
        eprintln!("{warning}\n  = in `{spec_shown}`");
    }
    let mut drifts = match codegen::sync_files(&generated.crate_files(), &paths.src_dir(), &spec_shown, options.mode) {
        Ok(drifts) => drifts,
        Err(error) => return report_failure(&error),
    };
    if let Some(name) = &options.crate_name {
        // Only the manifest: the rest of the crate's directory (a lock file, `target/`) is the
        // user's, so it is not checked for orphans.
        let manifest = generated.standalone_crate(name).remove("Cargo.toml").unwrap_or_default();
        match codegen::ensure_file_contents(&paths.out.join("Cargo.toml"), &manifest, &spec_shown, options.mode) {
            Ok(drift) => drifts.extend(drift),
            Err(error) => return report_failure(&error),
        }
    }

    if drifts.is_empty() {
        println!("{out_shown}/ is up to date");
        return ExitCode::SUCCESS;
    }
    match options.mode {
        Mode::Write => {
            for drift in &drifts {
                println!("{}", drift.summary(Mode::Write));
            }
            println!("{} file(s) changed in {out_shown}/", drifts.len());
            ExitCode::SUCCESS
        }
        Mode::Check => {
            for drift in &drifts {
                println!("{drift}");
            }
            println!("{} file(s) in {out_shown}/ differ from what `{spec_shown}` generates", drifts.len());
            println!("run `{}` to update {out_shown}/", config.regenerate_command);
            ExitCode::from(EXIT_DRIFT)
        }
    }
}

/// The command written into every file's `@generated` header: the default command when run on
/// the defaults, otherwise with the overriding flags, paths shown relative to the workspace root
/// when inside it so the header does not depend on where the repository is checked out.
fn regenerate_command(options: &CodegenOptions, paths: &Paths) -> String {
    let flags = [("--spec", &options.spec, &paths.spec), ("--out", &options.out, &paths.out)];
    let overrides = flags.into_iter().filter_map(|(flag, given, resolved)| {
        given.as_ref().map(|given| format!(" {flag} {}", shown(given, resolved)))
    });
    let crate_name = options.crate_name.as_ref().map(|name| format!(" --crate-name {name}")).unwrap_or_default();
    format!("cargo xtask codegen{}{crate_name}", overrides.collect::<String>())
}

/// A path for the header: relative to the workspace root when it resolves inside it, otherwise
/// exactly as the user typed it.
fn shown(given: &Path, resolved: &Path) -> String {
    let relative = xtask::display_path(resolved);
    if Path::new(&relative).is_absolute() { given.display().to_string() } else { relative }
}

fn report_failure(error: &anyhow::Error) -> ExitCode {
    eprintln!("error: {error}");
    for cause in error.chain().skip(1) {
        eprintln!("{cause}");
    }
    ExitCode::from(EXIT_FAILURE)
}
