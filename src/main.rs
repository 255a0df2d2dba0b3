//! The `goalsheet` binary: all the work is in the library (`goalsheet::cli`).

/// mimalloc, not the system allocator: a review or check makes millions of small texts, where
/// glibc's malloc, free and consolidation were about a third of `check`'s time, and glibc's
/// per-thread arenas kept what one thread freed from another (the review builds on two),
/// which raised the peak memory. Built without transparent huge pages (see Cargo.toml).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    let code = goalsheet::cli::main_with_args(std::env::args_os());
    exit_now(code)
}

/// End the process with `code` once what it printed is out, without the C library's exit
/// handlers: the work is done and every file written, and mimalloc's handler would hand each
/// of its pages back to the kernel one call at a time (~0.02-0.04 s after a big review) just
/// before the kernel frees them all at once anyway.
#[cfg(unix)]
fn exit_now(code: u8) -> std::process::ExitCode {
    use std::io::Write as _;
    if std::io::stdout().flush().is_err() {
        // Left to the ordinary exit, as before.
        return std::process::ExitCode::from(code);
    }
    let _ = std::io::stderr().flush();
    // SAFETY: `_exit` ends the process at once; nothing after it runs, and the buffers that
    // matter (standard output and error) were flushed above.
    unsafe { libc::_exit(i32::from(code)) }
}

#[cfg(not(unix))]
fn exit_now(code: u8) -> std::process::ExitCode {
    std::process::ExitCode::from(code)
}
