//! Progress of a batch on stderr: a bar on a terminal (files done / total, the file being
//! reviewed, elapsed time), one plain line per finished file otherwise (logs, CI, pipes).

use std::io::IsTerminal;
use std::sync::Mutex;
use std::time::Instant;

use indicatif::{ProgressBar, ProgressStyle};

/// Reports files starting and finishing, from any worker thread.
pub struct Progress {
    bar: Option<ProgressBar>,
    total: usize,
    done: Mutex<usize>,
    started: Instant,
}

impl Progress {
    /// A bar when stderr is a terminal, plain lines otherwise.
    pub fn new(total: usize) -> Progress {
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = ProgressBar::new(total as u64);
            let style = ProgressStyle::with_template(
                "{elapsed_precise} [{bar:30.cyan/blue}] {pos}/{len} {wide_msg}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> ");
            bar.set_style(style);
            bar.enable_steady_tick(std::time::Duration::from_millis(200));
            bar
        });
        Progress {
            bar,
            total,
            done: Mutex::new(0),
            started: Instant::now(),
        }
    }

    /// `file` is being reviewed.
    pub fn start(&self, file: &str) {
        if let Some(bar) = &self.bar {
            bar.set_message(file.to_string());
        }
    }

    /// `file` is done; `line` says how it went.
    pub fn finish(&self, file: &str, line: &str) {
        let mut done = self.done.lock().unwrap_or_else(|p| p.into_inner());
        *done += 1;
        match &self.bar {
            Some(bar) => {
                bar.inc(1);
                bar.println(format!("{file}: {line}"));
            }
            None => eprintln!(
                "[{}/{}] {:>5.1}s {file}: {line}",
                *done,
                self.total,
                self.started.elapsed().as_secs_f64()
            ),
        }
    }

    /// Remove the bar.
    pub fn end(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
