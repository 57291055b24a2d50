//! Splits a byte stream into lines with bounded memory.
//!
//! Lines are bytes (not `String`), so invalid UTF-8 is one bad line rather
//! than a stopped reader. A line longer than the limit is not buffered: its
//! bytes are counted and discarded up to the next `\n`.

use std::io::{self, BufRead, BufReader, Read};

/// What [`LineReader::next_line`] read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RawLine {
    /// The line's bytes, without the `\n` (a `\r` before it is kept), are in the buffer.
    Bytes,
    /// The line was longer than the limit; this many bytes were discarded.
    /// The buffer holds its first bytes (at most [`PREFIX_BYTES`]).
    TooLong { bytes: u64 },
}

/// How much of a too-long line is kept, to say what it looked like.
pub(crate) const PREFIX_BYTES: usize = 64;

pub(crate) struct LineReader<R> {
    inner: BufReader<R>,
    max: usize,
    number: usize,
    done: bool,
}

impl<R: Read> LineReader<R> {
    pub(crate) fn new(reader: R, max_line_bytes: usize) -> Self {
        LineReader {
            inner: BufReader::with_capacity(64 * 1024, reader),
            max: max_line_bytes,
            number: 0,
            done: false,
        }
    }

    /// The number of the last line returned (1-based; 0 before the first).
    pub(crate) fn number(&self) -> usize {
        self.number
    }

    /// Reads the next line into `buf`; `None` at the end. After an error the reader is done.
    pub(crate) fn next_line(&mut self, buf: &mut Vec<u8>) -> Option<io::Result<RawLine>> {
        if self.done {
            return None;
        }
        buf.clear();
        let mut total: u64 = 0;
        let mut too_long = false;
        let mut saw_any = false;
        loop {
            let available = match self.inner.fill_buf() {
                Ok(b) => b,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    self.done = true;
                    return Some(Err(e));
                }
            };
            if available.is_empty() {
                self.done = true;
                if !saw_any {
                    return None;
                }
                break;
            }
            saw_any = true;
            let (chunk, found_newline) = match available.iter().position(|&b| b == b'\n') {
                Some(i) => (&available[..i], true),
                None => (available, false),
            };
            let len = chunk.len();
            total += len as u64;
            if !too_long {
                if buf.len() + len <= self.max {
                    buf.extend_from_slice(chunk);
                } else {
                    too_long = true;
                    let keep = PREFIX_BYTES.saturating_sub(buf.len()).min(len);
                    buf.extend_from_slice(&chunk[..keep]);
                    buf.truncate(PREFIX_BYTES);
                }
            }
            self.inner.consume(len + usize::from(found_newline));
            if found_newline {
                break;
            }
        }
        self.number += 1;
        if too_long {
            Some(Ok(RawLine::TooLong { bytes: total }))
        } else {
            Some(Ok(RawLine::Bytes))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collect(input: &[u8], max: usize) -> Vec<String> {
        let mut r = LineReader::new(input, max);
        let mut out = Vec::new();
        let mut buf = Vec::new();
        while let Some(line) = r.next_line(&mut buf) {
            let text = String::from_utf8_lossy(&buf);
            out.push(match line.unwrap() {
                RawLine::Bytes => format!("{}:{text}", r.number()),
                RawLine::TooLong { bytes } => format!("{}:<{bytes}:{text}>", r.number()),
            });
        }
        out
    }

    #[test]
    fn splits_lines_and_keeps_the_last_line_without_newline() {
        assert_eq!(collect(b"a\nbb\r\n\nc", 10), ["1:a", "2:bb\r", "3:", "4:c"]);
        assert_eq!(collect(b"a\n", 10), ["1:a"]);
        assert!(collect(b"", 10).is_empty());
    }

    #[test]
    fn long_lines_are_counted_not_buffered() {
        let mut input = vec![b'x'; 100_000];
        input.extend_from_slice(b"\nok\n");
        input.extend(vec![b'y'; 11]);
        let x64 = "x".repeat(64);
        assert_eq!(
            collect(&input, 10),
            [
                format!("1:<100000:{x64}>"),
                "2:ok".into(),
                "3:<11:yyyyyyyyyyy>".into()
            ]
        );
        assert_eq!(collect(b"0123456789\n", 10), ["1:0123456789"]);
    }
}
