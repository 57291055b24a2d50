//! Records of a JSON export file, each with the line it starts on.
//!
//! Exports are one big JSON document (an array of records, or an object
//! holding such arrays). Parsing the whole document at once would lose the
//! position of each record and, on one bad byte or a truncated download,
//! every record. Instead a small structural scanner finds where each value
//! starts and ends (strings and nesting only, no validation), and each record
//! is parsed on its own by `serde_json`: a broken record is reported at its
//! line and skipped, a truncated file keeps the records before the cut.

use serde_json::Value;

/// Why the scanner stopped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ScanError {
    /// The input ends inside a value.
    Truncated,
    /// Something else than the expected structure at this byte offset.
    Unexpected {
        offset: usize,
        expected: &'static str,
    },
}

/// A JSON document held in memory with its line starts.
pub(crate) struct Doc<'a> {
    pub(crate) bytes: &'a [u8],
    line_starts: Vec<usize>,
}

/// One value found by the scanner: where it starts and its bytes.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Slice<'a> {
    pub(crate) offset: usize,
    pub(crate) bytes: &'a [u8],
}

impl<'a> Doc<'a> {
    pub(crate) fn new(bytes: &'a [u8]) -> Doc<'a> {
        let mut line_starts = vec![0];
        line_starts.extend(
            bytes
                .iter()
                .enumerate()
                .filter(|(_, &b)| b == b'\n')
                .map(|(i, _)| i + 1),
        );
        Doc { bytes, line_starts }
    }

    /// 1-based line of a byte offset.
    pub(crate) fn line(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&s| s <= offset)
    }

    /// 1-based (line, column) of a byte offset.
    pub(crate) fn position(&self, offset: usize) -> (usize, usize) {
        let line = self.line(offset);
        let start = self.line_starts[line - 1];
        (line, offset - start + 1)
    }

    /// Offset of the first non-blank byte at or after `pos` (a UTF-8
    /// byte-order mark at the start counts as blank).
    pub(crate) fn skip_ws(&self, mut pos: usize) -> usize {
        if pos == 0 && self.bytes.starts_with(b"\xEF\xBB\xBF") {
            pos = 3;
        }
        while pos < self.bytes.len() && matches!(self.bytes[pos], b' ' | b'\t' | b'\n' | b'\r') {
            pos += 1;
        }
        pos
    }

    /// The end (exclusive) of the value starting at `pos`.
    pub(crate) fn skip_value(&self, pos: usize) -> Result<usize, ScanError> {
        let b = self.bytes;
        match b.get(pos) {
            None => Err(ScanError::Truncated),
            Some(b'"') => self.skip_string(pos),
            Some(b'{' | b'[') => {
                let mut depth = 0usize;
                let mut i = pos;
                while i < b.len() {
                    match b[i] {
                        b'"' => {
                            i = self.skip_string(i)?;
                            continue;
                        }
                        b'{' | b'[' => depth += 1,
                        b'}' | b']' => {
                            depth -= 1;
                            if depth == 0 {
                                return Ok(i + 1);
                            }
                        }
                        _ => {}
                    }
                    i += 1;
                }
                Err(ScanError::Truncated)
            }
            Some(_) => {
                let mut i = pos;
                while i < b.len()
                    && !matches!(b[i], b',' | b']' | b'}' | b' ' | b'\t' | b'\n' | b'\r')
                {
                    i += 1;
                }
                if i == pos {
                    Err(ScanError::Unexpected {
                        offset: pos,
                        expected: "a value",
                    })
                } else {
                    Ok(i)
                }
            }
        }
    }

    fn skip_string(&self, pos: usize) -> Result<usize, ScanError> {
        let b = self.bytes;
        let mut i = pos + 1;
        while i < b.len() {
            match b[i] {
                b'\\' => i += 2,
                b'"' => return Ok(i + 1),
                _ => i += 1,
            }
        }
        Err(ScanError::Truncated)
    }

    fn slice(&self, start: usize, end: usize) -> Slice<'a> {
        Slice {
            offset: start,
            bytes: &self.bytes[start..end],
        }
    }

    /// The items of the array starting at `pos`, and why the scan stopped
    /// early, if it did (the items before that point are returned).
    pub(crate) fn array_items(&self, pos: usize) -> (Vec<Slice<'a>>, Option<ScanError>) {
        let mut items = Vec::new();
        if self.bytes.get(pos) != Some(&b'[') {
            let error = ScanError::Unexpected {
                offset: pos,
                expected: "`[` (a JSON array)",
            };
            return (items, Some(error));
        }
        let mut i = self.skip_ws(pos + 1);
        if self.bytes.get(i) == Some(&b']') {
            return (items, None);
        }
        loop {
            let end = match self.skip_value(i) {
                Ok(e) => e,
                Err(e) => return (items, Some(e)),
            };
            items.push(self.slice(i, end));
            i = self.skip_ws(end);
            match self.bytes.get(i) {
                Some(b',') => i = self.skip_ws(i + 1),
                Some(b']') => return (items, None),
                None => return (items, Some(ScanError::Truncated)),
                Some(_) => {
                    let error = ScanError::Unexpected {
                        offset: i,
                        expected: "`,` or `]`",
                    };
                    return (items, Some(error));
                }
            }
        }
    }

    /// The members `(key, value)` of the object starting at `pos`.
    pub(crate) fn object_members(
        &self,
        pos: usize,
    ) -> (Vec<(String, Slice<'a>)>, Option<ScanError>) {
        let mut members = Vec::new();
        if self.bytes.get(pos) != Some(&b'{') {
            let error = ScanError::Unexpected {
                offset: pos,
                expected: "`{` (a JSON object)",
            };
            return (members, Some(error));
        }
        let mut i = self.skip_ws(pos + 1);
        if self.bytes.get(i) == Some(&b'}') {
            return (members, None);
        }
        loop {
            if self.bytes.get(i) != Some(&b'"') {
                let error = if i >= self.bytes.len() {
                    ScanError::Truncated
                } else {
                    ScanError::Unexpected {
                        offset: i,
                        expected: "a key in quotes",
                    }
                };
                return (members, Some(error));
            }
            let key_end = match self.skip_string(i) {
                Ok(e) => e,
                Err(e) => return (members, Some(e)),
            };
            let key: String = serde_json::from_slice(&self.bytes[i..key_end]).unwrap_or_default();
            i = self.skip_ws(key_end);
            if self.bytes.get(i) != Some(&b':') {
                let error = if i >= self.bytes.len() {
                    ScanError::Truncated
                } else {
                    ScanError::Unexpected {
                        offset: i,
                        expected: "`:`",
                    }
                };
                return (members, Some(error));
            }
            i = self.skip_ws(i + 1);
            let end = match self.skip_value(i) {
                Ok(e) => e,
                Err(e) => return (members, Some(e)),
            };
            members.push((key, self.slice(i, end)));
            i = self.skip_ws(end);
            match self.bytes.get(i) {
                Some(b',') => i = self.skip_ws(i + 1),
                Some(b'}') => return (members, None),
                None => return (members, Some(ScanError::Truncated)),
                Some(_) => {
                    let error = ScanError::Unexpected {
                        offset: i,
                        expected: "`,` or `}`",
                    };
                    return (members, Some(error));
                }
            }
        }
    }

    /// Follows `path` through nested objects from the value at `pos`; each
    /// step accepts any of its alternative keys (compared case-insensitively).
    /// Returns the offset of the value found.
    pub(crate) fn find(&self, pos: usize, path: &[&[&str]]) -> Option<usize> {
        let mut at = pos;
        for step in path {
            let (members, _) = self.object_members(at);
            let (_, value) = members
                .into_iter()
                .find(|(k, _)| step.iter().any(|s| k.eq_ignore_ascii_case(s)))?;
            at = value.offset;
        }
        Some(at)
    }

    /// Describes a scan error for a diagnostic: the line and what is wrong.
    pub(crate) fn describe(&self, error: &ScanError) -> (usize, String) {
        match error {
            ScanError::Truncated => {
                let (line, _) = self.position(self.bytes.len().saturating_sub(1));
                (
                    line,
                    "the file ends in the middle of a record (truncated download or copy?); \
                     the records before were read"
                        .to_owned(),
                )
            }
            ScanError::Unexpected { offset, expected } => {
                let (line, column) = self.position(*offset);
                let found = self.bytes[*offset..]
                    .iter()
                    .take(20)
                    .map(|&b| {
                        if b.is_ascii_graphic() || b == b' ' {
                            char::from(b)
                        } else {
                            '?'
                        }
                    })
                    .collect::<String>();
                (
                    line,
                    format!(
                        "expected {expected} at column {column}, found `{found}`; the rest of the \
                         file is not read"
                    ),
                )
            }
        }
    }

    /// Parses one record, or describes why it cannot be parsed: `(line, message)`.
    pub(crate) fn parse(&self, s: Slice<'_>) -> Result<Value, (usize, String)> {
        serde_json::from_slice(s.bytes).map_err(|e| {
            let (line, column) = self.position(s.offset);
            let line_in = line + e.line().saturating_sub(1);
            let column = if e.line() <= 1 {
                column + e.column().saturating_sub(1)
            } else {
                e.column()
            };
            let full = e.to_string();
            let reason = full
                .rfind(" at line ")
                .map_or(full.as_str(), |i| &full[..i]);
            (
                line_in,
                format!("invalid JSON at column {column}: {reason}; record skipped"),
            )
        })
    }
}

/// The records of a Meta (Facebook, Instagram) or similar export file: the
/// items of a top-level array, or of the first array inside a top-level
/// object (`{"comments_v2": [...]}`). Problems come back as `(line, message)`.
pub(crate) fn export_records<'a>(doc: &Doc<'a>) -> (Vec<Slice<'a>>, Option<(usize, String)>) {
    let start = doc.skip_ws(0);
    match doc.bytes.get(start) {
        None => (
            Vec::new(),
            Some((0, "the file is empty; nothing read".to_owned())),
        ),
        Some(b'[') => {
            let (items, e) = doc.array_items(start);
            (items, e.map(|e| doc.describe(&e)))
        }
        Some(b'{') => {
            let (members, e) = doc.object_members(start);
            if let Some((_, array)) = members.iter().find(|(_, v)| v.bytes.first() == Some(&b'[')) {
                let (items, e2) = doc.array_items(array.offset);
                return (items, e2.map(|e| doc.describe(&e)));
            }
            match e {
                Some(e) => (Vec::new(), Some(doc.describe(&e))),
                None => (
                    Vec::new(),
                    Some((
                        doc.line(start),
                        "the object holds no list of records; nothing read".to_owned(),
                    )),
                ),
            }
        }
        Some(_) => {
            let (line, column) = doc.position(start);
            (
                Vec::new(),
                Some((
                    line,
                    format!("expected JSON (`[` or `{{`) at column {column}; nothing read"),
                )),
            )
        }
    }
}

/// The string at `key` of an object value, if it is a string.
pub(crate) fn str_at<'v>(v: &'v Value, key: &str) -> Option<&'v str> {
    v.get(key).and_then(Value::as_str)
}

/// A number or numeric string at `key` as an integer.
pub(crate) fn int_at(v: &Value, key: &str) -> Option<i64> {
    match v.get(key)? {
        Value::Number(n) => n.as_i64().or_else(|| {
            #[allow(
                clippy::cast_possible_truncation,
                reason = "whole seconds; fractions are dropped"
            )]
            n.as_f64().map(|f| f as i64)
        }),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_with_lines_and_a_truncated_tail() {
        let text = b"[\n {\"a\": \"x]}\"},\n {\"b\": [1, {\"c\": 2}]},\n {\"d\": ";
        let doc = Doc::new(text);
        let (items, err) = doc.array_items(doc.skip_ws(0));
        assert_eq!(items.len(), 2);
        assert_eq!(doc.line(items[0].offset), 2);
        assert_eq!(doc.line(items[1].offset), 3);
        assert_eq!(err, Some(ScanError::Truncated));
        assert!(doc.parse(items[1]).is_ok());
    }

    #[test]
    fn members_and_paths() {
        let text = br#"{"Activity": {"Like List": {"ItemFavoriteList": [1, 2]}}, "x": "y"}"#;
        let doc = Doc::new(text);
        let at = doc
            .find(0, &[&["activity"], &["Like List"], &["ItemFavoriteList"]])
            .unwrap();
        assert_eq!(doc.array_items(at).0.len(), 2);
        assert!(doc.find(0, &[&["nope"]]).is_none());
    }

    #[test]
    fn a_broken_record_is_reported_at_its_line() {
        let text = b"[{\"a\":1},\n{\"a\":tru},\n{\"a\":3}]";
        let doc = Doc::new(text);
        let (items, err) = doc.array_items(0);
        assert!(err.is_none());
        assert_eq!(items.len(), 3);
        let (line, message) = doc.parse(items[1]).unwrap_err();
        assert_eq!(line, 2);
        assert!(message.contains("invalid JSON"), "{message}");
    }

    #[test]
    fn garbage_never_panics() {
        for text in [
            &b""[..],
            b"[",
            b"{",
            b"{\"a\"",
            b"{\"a\":",
            b"[1,",
            b"\"abc",
            b"[}",
            b"]",
        ] {
            let doc = Doc::new(text);
            let _ = doc.array_items(0);
            let _ = doc.object_members(0);
            let _ = doc.find(0, &[&["a"]]);
        }
    }
}
