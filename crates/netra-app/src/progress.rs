//! Progress of long work, shown on a terminal and silent otherwise.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// A progress reporter handed to long use cases.
#[derive(Debug, Clone)]
pub struct Progress {
    visible: bool,
}

impl Progress {
    /// Draws bars on stderr when it is a terminal.
    pub fn terminal() -> Progress {
        Progress { visible: true }
    }

    /// Draws nothing (tests, scripts, `--quiet`).
    pub fn hidden() -> Progress {
        Progress { visible: false }
    }

    /// A bar for `len` steps of `what`.
    pub fn bar(&self, len: u64, what: &str) -> ProgressBar {
        let bar = ProgressBar::with_draw_target(
            Some(len),
            if self.visible {
                ProgressDrawTarget::stderr()
            } else {
                ProgressDrawTarget::hidden()
            },
        );
        bar.set_style(
            ProgressStyle::with_template("{msg:>12} [{bar:30}] {pos}/{len} ({per_sec}, {eta})")
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> "),
        );
        bar.set_message(what.to_string());
        bar
    }
}
