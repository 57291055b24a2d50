//! What a loader tells about its input: line-numbered diagnostics, the
//! loaded items, and the fatal error for input it could not read at all.

use std::path::PathBuf;

/// How serious a [`Diagnostic`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    /// Something in the input was not loaded (a line or row skipped, an
    /// account entry dropped).
    Error,
    /// Everything was loaded, but something was ignored or assumed (an
    /// unknown field, a missing optional column).
    Warning,
}

/// A problem found at a line of an input file.
///
/// Displays as `file:line: message` (errors) or `file:line: warning: message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file name as given to the loader.
    pub file: String,
    /// 1-based line number; 0 means the whole file.
    pub line: usize,
    /// What is wrong and, where it helps, how to fix it.
    pub message: String,
    pub severity: Severity,
}

impl Diagnostic {
    /// An error at `line` (0 for the whole file).
    pub fn error(file: &str, line: usize, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            file: file.to_owned(),
            line,
            message: message.into(),
            severity: Severity::Error,
        }
    }

    /// A warning at `line` (0 for the whole file).
    pub fn warning(file: &str, line: usize, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, line, message)
        }
    }

    /// True for [`Severity::Error`].
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl std::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.severity {
            Severity::Error => write!(f, "{}:{}: {}", self.file, self.line, self.message),
            Severity::Warning => {
                write!(f, "{}:{}: warning: {}", self.file, self.line, self.message)
            }
        }
    }
}

/// The result of loading one input: the good items and what was wrong.
///
/// At most a configured number of diagnostics is kept (see
/// [`Loaded::omitted_diagnostics`]); when some were dropped, the last kept
/// diagnostic is a whole-file summary saying how many.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loaded<T> {
    /// The items that passed every check, in input order.
    pub items: Vec<T>,
    /// Problems, in input order (capped; see `omitted_diagnostics`).
    pub diagnostics: Vec<Diagnostic>,
    /// Diagnostics beyond the cap that were counted but not kept.
    pub omitted_diagnostics: usize,
    /// Lines or rows skipped (not loaded at all).
    pub skipped: usize,
}

impl<T> Default for Loaded<T> {
    fn default() -> Self {
        Loaded {
            items: Vec::new(),
            diagnostics: Vec::new(),
            omitted_diagnostics: 0,
            skipped: 0,
        }
    }
}

impl<T> Loaded<T> {
    /// True when any error (not only warnings) was reported or omitted.
    pub fn has_errors(&self) -> bool {
        self.omitted_diagnostics > 0 || self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Default cap on the diagnostics a [`Loaded`] keeps.
pub const DEFAULT_MAX_DIAGNOSTICS: usize = 1000;

/// Collects diagnostics up to a cap, counting the rest.
#[derive(Debug)]
pub(crate) struct DiagnosticSink {
    max: usize,
    kept: Vec<Diagnostic>,
    omitted: usize,
}

impl DiagnosticSink {
    pub(crate) fn new(max: usize) -> Self {
        DiagnosticSink {
            max,
            kept: Vec::new(),
            omitted: 0,
        }
    }

    pub(crate) fn push(&mut self, d: Diagnostic) {
        if self.kept.len() < self.max {
            self.kept.push(d);
        } else {
            self.omitted += 1;
        }
    }

    /// The kept diagnostics, plus a summary line when some were omitted.
    pub(crate) fn finish(mut self, file: &str) -> (Vec<Diagnostic>, usize) {
        if self.omitted > 0 {
            self.kept.push(Diagnostic::error(
                file,
                0,
                format!(
                    "{} more problems not listed (only the first {} are kept)",
                    self.omitted, self.max
                ),
            ));
        }
        (self.kept, self.omitted)
    }
}

/// A problem that stops a loader before it can report anything line by line.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error("cannot open {}: {source}", path.display())]
    Open {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{file}: cannot read: {source}")]
    Read {
        file: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{file}: {message}")]
    Workbook { file: String, message: String },
}
