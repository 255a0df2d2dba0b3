//! The `goalsheet` binary: all the work is in the library (`goalsheet::cli`).

fn main() -> std::process::ExitCode {
    std::process::ExitCode::from(goalsheet::cli::main_with_args(std::env::args_os()))
}
