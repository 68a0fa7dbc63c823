//! `openapi-to-rust`: the generator as a command anyone can install (`cargo install --path
//! codegen`). The same command line as `cargo xtask codegen` in this repository, which calls the
//! same code (`codegen::cli`); see `--help`.

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().skip(1).collect();
    codegen::cli::run(&args, &codegen::cli::FrontEnd::binary())
}
