//! The `goalsheet` binary: all the work is in the library (`goalsheet::cli`).

/// mimalloc, not the system allocator: a review or check makes millions of small texts, where
/// glibc's malloc, free and consolidation were about a third of `check`'s time, and glibc's
/// per-thread arenas kept what one thread freed from another (the review builds on two),
/// which raised the peak memory. Built without transparent huge pages (see Cargo.toml).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    std::process::ExitCode::from(goalsheet::cli::main_with_args(std::env::args_os()))
}
