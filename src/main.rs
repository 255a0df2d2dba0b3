//! The `goalsheet` binary: all the work is in the library (`goalsheet::cli`).

/// mimalloc, not the system allocator: a review or check makes millions of small texts, and
/// glibc's per-thread arenas keep what one thread frees from another (the review builds on
/// two), which raised the peak memory.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    std::process::ExitCode::from(goalsheet::cli::main_with_args(std::env::args_os()))
}
