//! The ASN registry loader: `nip,name,position,unit,accounts` from CSV (or
//! an Excel workbook, see [`crate::xlsx`]), validated row by row.
//!
//! Hazards and what the loader does with them:
//!
//! | input | handling |
//! |---|---|
//! | header | names matched case-insensitively, in any order; Indonesian names (`nama`, `jabatan`, `unit kerja`, `akun`, …) recognised; title rows above the header skipped with a warning; missing required columns (`nip`, `name`, `unit`) named, and then nothing is loaded; a missing `position` or `accounts` column is a warning; unknown columns ignored with a warning |
//! | separator | `,`, `;` (Excel in the Indonesian locale), tab or `\|`, detected from the header |
//! | UTF-8 byte-order mark | stripped; UTF-16 and invalid UTF-8 reported |
//! | a row with too many or too few fields | skipped, with a hint to quote values containing the separator (`"Budi Santoso, S.Kom."`) |
//! | a `"` never closed | the row that swallowed the following lines is reported with the lines it spans |
//! | invalid NIP | row skipped with the [`NipError`]: which date, digit or serial is wrong |
//! | NIP as a spreadsheet number (`1.98501E+17`, `198.503.122.010.011.000`, `…002.0`, a numeric Excel cell) | row skipped with a message that the digits are lost and the column must be Text |
//! | empty name or unit | row skipped |
//! | bad account entry (no platform, unknown platform listing the allowed ones, a URL, a handle with spaces) | that entry dropped and named; the rest of the row is loaded |
//! | duplicate NIP | the first row kept; later ones reported with the first's line |
//! | an account declared by two different NIPs | **removed from all of them** and reported on each row: attributing an activity to the wrong civil servant is the worst error netra can make, and the registry does not say which claim is right |
//! | blank rows (`;;;;` too) | ignored |
//!
//! The registry is read whole before it is used: an I/O error part-way is
//! fatal ([`IngestError::Read`]), because a half-read registry could miss the
//! second claim on an account and attribute it to the first claimant.

use std::fmt::Write as _;
use std::fs::File;
use std::io::{Cursor, Read};
use std::path::Path;

use chrono::NaiveDate;
use netra_core::{AccountRef, AsnRecord, Nip, NipError, Registry, RegistryIssue};

use crate::diagnostic::{Diagnostic, DiagnosticSink, IngestError, Loaded, DEFAULT_MAX_DIAGNOSTICS};

/// Options of a registry load.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegistryOptions {
    /// When set, NIPs whose birth date or appointment lies after this date
    /// are rejected (pass today's date; the loader reads no clock).
    pub as_of: Option<NaiveDate>,
    /// Most diagnostics kept; the rest are counted.
    pub max_diagnostics: usize,
}

impl Default for RegistryOptions {
    fn default() -> Self {
        RegistryOptions {
            as_of: None,
            max_diagnostics: DEFAULT_MAX_DIAGNOSTICS,
        }
    }
}

/// Loads the registry at `path`: an Excel workbook (detected by content) or CSV.
///
/// The items are the records after the registry rules (unique NIPs, no
/// shared accounts) were applied, so `Registry::build(loaded.items)` reports
/// no further issues.
pub fn load_registry(path: &Path) -> Result<Loaded<AsnRecord>, IngestError> {
    load_registry_with(path, &RegistryOptions::default())
}

/// [`load_registry`] with options.
pub fn load_registry_with(
    path: &Path,
    options: &RegistryOptions,
) -> Result<Loaded<AsnRecord>, IngestError> {
    let mut file = File::open(path).map_err(|source| IngestError::Open {
        path: path.to_owned(),
        source,
    })?;
    let name = path.display().to_string();
    let mut magic = [0u8; 4];
    let n = read_up_to(&mut file, &mut magic).map_err(|source| IngestError::Read {
        file: name.clone(),
        source,
    })?;
    if magic[..n].starts_with(b"PK\x03\x04") {
        drop(file);
        return crate::xlsx::read_registry_xlsx_with(path, options);
    }
    let reader = Cursor::new(magic[..n].to_vec()).chain(file);
    read_registry_csv_with(reader, &name, options)
}

fn read_up_to(r: &mut impl Read, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match r.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(n)
}

/// Reads a registry CSV from `reader`; `file` names it in diagnostics.
pub fn read_registry_csv<R: Read>(reader: R, file: &str) -> Result<Loaded<AsnRecord>, IngestError> {
    read_registry_csv_with(reader, file, &RegistryOptions::default())
}

/// How many rows at the top are searched for the header row.
const HEADER_SEARCH_LINES: usize = 10;

/// [`read_registry_csv`] with options.
///
/// The input is read whole before any row is used (see the module doc).
pub fn read_registry_csv_with<R: Read>(
    mut reader: R,
    file: &str,
    options: &RegistryOptions,
) -> Result<Loaded<AsnRecord>, IngestError> {
    let mut bytes = Vec::new();
    reader
        .read_to_end(&mut bytes)
        .map_err(|source| IngestError::Read {
            file: file.to_owned(),
            source,
        })?;
    let one_problem = |message: &str| {
        Ok(Loaded {
            diagnostics: vec![Diagnostic::error(file, 0, message)],
            ..Loaded::default()
        })
    };
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return one_problem(
            "the file is UTF-16 text (Excel's \"Unicode Text\"); save it as \"CSV UTF-8\" or load \
             the .xlsx workbook itself",
        );
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return one_problem(
            "the file is an Excel workbook (.xlsx), not CSV; load it as a workbook or save it as \
             \"CSV UTF-8\"",
        );
    }
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    if text.iter().all(u8::is_ascii_whitespace) {
        return one_problem(
            "the file is empty: expected a header row nip,name,position,unit,accounts",
        );
    }
    let head_end = text
        .iter()
        .enumerate()
        .filter(|(_, &b)| b == b'\n')
        .nth(HEADER_SEARCH_LINES - 1)
        .map_or(text.len(), |(i, _)| i);
    let delimiter = sniff_delimiter(&text[..head_end]);
    let mut csv = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text);
    let mut table = Table::new(file, char::from(delimiter), options);
    let mut lines = LineCounter::new(text);
    let mut record = csv::ByteRecord::new();
    loop {
        match csv.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                // The csv crate's own line numbers miscount blank lines and
                // CRLF; count from the byte offset instead.
                let offset = record.position().map_or(0, csv::Position::byte);
                let line = lines.record_line(usize::try_from(offset).unwrap_or(usize::MAX));
                let data = record.as_slice();
                let data = data.strip_suffix(b"\n").unwrap_or(data);
                #[allow(clippy::naive_bytecount, reason = "rows are short; not worth a crate")]
                let newlines = data.iter().filter(|&&b| b == b'\n').count();
                let cells = record.iter().map(decode_cell).collect();
                table.row(Row {
                    line,
                    end_line: line + newlines,
                    cells,
                });
            }
            Err(e) => {
                let line = table.last_line + 1;
                table.problem(line, format!("cannot read this row: {e}"));
            }
        }
    }
    Ok(table.finish())
}

/// Line numbers from byte offsets that only grow.
struct LineCounter<'a> {
    text: &'a [u8],
    pos: usize,
    line: usize,
}

impl<'a> LineCounter<'a> {
    fn new(text: &'a [u8]) -> Self {
        LineCounter {
            text,
            pos: 0,
            line: 1,
        }
    }

    /// The line a record read from `offset` starts on: the csv reader's
    /// offset is before the blank lines it skipped.
    fn record_line(&mut self, offset: usize) -> usize {
        let mut start = offset.min(self.text.len());
        while start < self.text.len() && matches!(self.text[start], b'\r' | b'\n') {
            start += 1;
        }
        if start >= self.pos {
            #[allow(
                clippy::naive_bytecount,
                reason = "one pass over the file; not worth a crate"
            )]
            let n = self.text[self.pos..start]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            self.line += n;
            self.pos = start;
        }
        self.line
    }
}

/// The separator whose split of the first lines yields the most known column names.
fn sniff_delimiter(head: &[u8]) -> u8 {
    let candidates = [b',', b';', b'\t', b'|'];
    let mut best = (0usize, 0usize, b',');
    for line in head.split(|&b| b == b'\n') {
        let text = String::from_utf8_lossy(line);
        for &d in &candidates {
            let fields = split_quoted(&text, char::from(d));
            let known = fields
                .iter()
                .filter(|f| Column::from_header(f).is_some())
                .count();
            let score = (known, fields.len());
            if score > (best.0, best.1) {
                best = (known, fields.len(), d);
            }
        }
    }
    best.2
}

/// Splits one line at `d` outside double quotes (good enough to sniff).
fn split_quoted(line: &str, d: char) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut quoted = false;
    for c in line.trim_end_matches(['\r', '\n']).chars() {
        if c == '"' {
            quoted = !quoted;
        } else if c == d && !quoted {
            out.push(String::new());
        } else if let Some(last) = out.last_mut() {
            last.push(c);
        }
    }
    out
}

fn decode_cell(bytes: &[u8]) -> Cell {
    match std::str::from_utf8(bytes) {
        Ok(s) => Cell::Text(s.to_owned()),
        Err(e) => Cell::Other(format!(
            "is not valid UTF-8 (byte 0x{:02X}); save the file as \"CSV UTF-8\"",
            bytes[e.valid_up_to()]
        )),
    }
}

/// One cell of a registry table.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cell {
    Text(String),
    /// A numeric spreadsheet cell.
    Number(f64),
    /// A cell that cannot be text; the string says why ("is an Excel error `#N/A`").
    Other(String),
}

impl Cell {
    fn is_blank(&self) -> bool {
        matches!(self, Cell::Text(s) if s.trim().is_empty())
    }
}

/// One row of a registry table with the line (or sheet row) it starts on.
pub(crate) struct Row {
    pub(crate) line: usize,
    pub(crate) end_line: usize,
    pub(crate) cells: Vec<Cell>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Nip,
    Name,
    Position,
    Unit,
    Accounts,
}

impl Column {
    const ALL: [Column; 5] = [
        Column::Nip,
        Column::Name,
        Column::Position,
        Column::Unit,
        Column::Accounts,
    ];

    fn as_str(self) -> &'static str {
        match self {
            Column::Nip => "nip",
            Column::Name => "name",
            Column::Position => "position",
            Column::Unit => "unit",
            Column::Accounts => "accounts",
        }
    }

    fn required(self) -> bool {
        matches!(self, Column::Nip | Column::Name | Column::Unit)
    }

    /// The column a header cell names, in English or Indonesian.
    fn from_header(cell: &str) -> Option<Column> {
        let norm: String = cell
            .trim()
            .trim_start_matches('\u{feff}')
            .to_lowercase()
            .chars()
            .map(|c| if matches!(c, '_' | '-' | '.') { ' ' } else { c })
            .collect();
        let norm = norm.split_whitespace().collect::<Vec<_>>().join(" ");
        Some(match norm.as_str() {
            "nip" | "nip baru" | "nomor induk pegawai" => Column::Nip,
            "name" | "nama" | "nama lengkap" | "nama pegawai" => Column::Name,
            "position" | "jabatan" | "nama jabatan" => Column::Position,
            "unit" | "unit kerja" | "satuan kerja" | "satker" | "opd" | "skpd"
            | "unit organisasi" => Column::Unit,
            "accounts" | "account" | "akun" | "akun media sosial" | "akun medsos"
            | "media sosial" => Column::Accounts,
            _ => return None,
        })
    }
}

/// Where each column is.
struct Columns {
    index: [Option<usize>; 5],
    width: usize,
}

impl Columns {
    fn get(&self, c: Column) -> Option<usize> {
        self.index[c as usize]
    }
}

enum HeaderState {
    /// Rows seen so far, still looking for the header.
    Searching(Vec<Row>),
    Found(Columns),
    /// The header was unusable; the rest is not read.
    Failed,
}

/// Validates the rows of a registry table; shared by the CSV and XLSX readers.
pub(crate) struct Table {
    file: String,
    delimiter: char,
    as_of: Option<NaiveDate>,
    max_diagnostics: usize,
    header: HeaderState,
    records: Vec<AsnRecord>,
    lines: Vec<usize>,
    diagnostics: Vec<Diagnostic>,
    skipped: usize,
    pub(crate) last_line: usize,
}

impl Table {
    pub(crate) fn new(file: &str, delimiter: char, options: &RegistryOptions) -> Table {
        Table {
            file: file.to_owned(),
            delimiter,
            as_of: options.as_of,
            max_diagnostics: options.max_diagnostics,
            header: HeaderState::Searching(Vec::new()),
            records: Vec::new(),
            lines: Vec::new(),
            diagnostics: Vec::new(),
            skipped: 0,
            last_line: 0,
        }
    }

    pub(crate) fn problem(&mut self, line: usize, message: String) {
        self.diagnostics
            .push(Diagnostic::error(&self.file, line, message));
    }

    fn warning(&mut self, line: usize, message: String) {
        self.diagnostics
            .push(Diagnostic::warning(&self.file, line, message));
    }

    pub(crate) fn row(&mut self, row: Row) {
        self.last_line = row.end_line;
        if row.cells.iter().all(Cell::is_blank) {
            return;
        }
        match &mut self.header {
            HeaderState::Failed => {}
            HeaderState::Found(_) => self.data_row(&row),
            HeaderState::Searching(rows) => {
                rows.push(row);
                if rows.len() >= HEADER_SEARCH_LINES {
                    self.choose_header();
                }
            }
        }
    }

    /// Picks the header among the first rows: the one naming most known columns.
    fn choose_header(&mut self) {
        let HeaderState::Searching(rows) = std::mem::replace(&mut self.header, HeaderState::Failed)
        else {
            return;
        };
        let Some(first) = rows.first() else {
            return;
        };
        let known = |r: &Row| {
            r.cells
                .iter()
                .filter(|c| matches!(c, Cell::Text(t) if Column::from_header(t).is_some()))
                .count()
        };
        let mut best = 0;
        for (i, r) in rows.iter().enumerate() {
            if known(r) > known(&rows[best]) {
                best = i;
            }
        }
        let header_line = rows[best].line;
        if best > 0 {
            let last = rows[best - 1].end_line;
            let message = if last == first.line {
                format!("line {last} above the header (line {header_line}) ignored")
            } else {
                format!(
                    "lines {}-{last} above the header (line {header_line}) ignored",
                    first.line
                )
            };
            self.warning(first.line, message);
        }
        match self.columns(&rows[best]) {
            Some(columns) => {
                self.header = HeaderState::Found(columns);
                for r in &rows[best + 1..] {
                    self.data_row(r);
                }
            }
            None => self.header = HeaderState::Failed,
        }
    }

    fn columns(&mut self, header: &Row) -> Option<Columns> {
        let line = header.line;
        let texts: Vec<String> = header
            .cells
            .iter()
            .map(|c| match c {
                Cell::Text(t) => t.trim().to_owned(),
                Cell::Number(n) => n.to_string(),
                Cell::Other(_) => String::new(),
            })
            .collect();
        let mut index: [Option<usize>; 5] = [None; 5];
        let mut unknown = Vec::new();
        for (i, t) in texts.iter().enumerate() {
            if t.is_empty() {
                continue;
            }
            match Column::from_header(t) {
                Some(c) => {
                    if let Some(first) = index[c as usize] {
                        self.problem(
                            line,
                            format!(
                                "column `{}` appears twice in the header (columns {} and {}); \
                                 nothing loaded",
                                c.as_str(),
                                first + 1,
                                i + 1
                            ),
                        );
                        return None;
                    }
                    index[c as usize] = Some(i);
                }
                None => unknown.push(format!("`{t}`")),
            }
        }
        let missing: Vec<&str> = Column::ALL
            .iter()
            .filter(|c| c.required() && index[**c as usize].is_none())
            .map(|c| c.as_str())
            .collect();
        if !missing.is_empty() {
            let looks_like_data = texts.iter().any(|t| Nip::parse(t).is_ok());
            let message = if looks_like_data {
                format!(
                    "the first row is data, not a header: add the header row \
                     nip{d}name{d}position{d}unit{d}accounts; nothing loaded",
                    d = self.delimiter
                )
            } else {
                format!(
                    "missing column{} {} in the header ({}); expected nip, name, position, unit, \
                     accounts in any order (Indonesian names such as nama, jabatan, unit kerja, \
                     akun also work); nothing loaded",
                    if missing.len() > 1 { "s" } else { "" },
                    missing
                        .iter()
                        .map(|m| format!("`{m}`"))
                        .collect::<Vec<_>>()
                        .join(", "),
                    texts.join(&self.delimiter.to_string())
                )
            };
            self.problem(line, message);
            return None;
        }
        if index[Column::Accounts as usize].is_none() {
            self.warning(
                line,
                "no `accounts` column: no declared accounts loaded".to_owned(),
            );
        }
        if index[Column::Position as usize].is_none() {
            self.warning(
                line,
                "no `position` column: positions left empty".to_owned(),
            );
        }
        if !unknown.is_empty() {
            self.warning(
                line,
                format!(
                    "column{} {} ignored",
                    if unknown.len() > 1 { "s" } else { "" },
                    unknown.join(", ")
                ),
            );
        }
        Some(Columns {
            index,
            width: texts.len(),
        })
    }

    fn data_row(&mut self, row: &Row) {
        let HeaderState::Found(columns) = &self.header else {
            return;
        };
        match check_row(columns, row, self.delimiter, self.as_of) {
            RowOutcome::Skipped(message) => {
                self.skipped += 1;
                self.problem(row.line, message);
            }
            RowOutcome::Loaded(record, account_problems) => {
                for p in account_problems {
                    self.problem(
                        row.line,
                        format!("{p}; that entry skipped, the rest of the row loaded"),
                    );
                }
                self.records.push(record);
                self.lines.push(row.line);
            }
        }
    }

    /// Applies the registry rules and returns what was loaded.
    pub(crate) fn finish(mut self) -> Loaded<AsnRecord> {
        if matches!(self.header, HeaderState::Searching(_)) {
            let empty = matches!(&self.header, HeaderState::Searching(rows) if rows.is_empty());
            if empty {
                self.problem(
                    0,
                    "no rows: expected a header row nip,name,position,unit,accounts".to_owned(),
                );
            } else {
                self.choose_header();
            }
        }
        let records = std::mem::take(&mut self.records);
        let originals = records.clone();
        let (registry, issues) = Registry::build(records);
        for issue in issues {
            match issue {
                RegistryIssue::DuplicateNip {
                    nip,
                    first,
                    duplicate,
                } => {
                    let same = originals[first] == originals[duplicate];
                    let message = format!(
                        "duplicate NIP {nip}, first at line {} ({}); the first row is kept, this \
                         row skipped",
                        self.lines[first],
                        if same {
                            "same data"
                        } else {
                            "different data: check which is right"
                        }
                    );
                    self.skipped += 1;
                    self.problem(self.lines[duplicate], message);
                }
                RegistryIssue::SharedAccount { account, holders } => {
                    for &(me, _) in &holders {
                        let others: Vec<String> = holders
                            .iter()
                            .filter(|(i, _)| *i != me)
                            .map(|(i, nip)| format!("NIP {nip} (line {})", self.lines[*i]))
                            .collect();
                        let message = format!(
                            "account `{account}` is also declared by {}; it is removed from {} so \
                             that no activity is attributed to the wrong person: correct the \
                             registry and load it again",
                            others.join(", "),
                            if holders.len() == 2 {
                                "both rows"
                            } else {
                                "all of them"
                            }
                        );
                        self.problem(self.lines[me], message);
                    }
                }
            }
        }
        self.diagnostics.sort_by_key(|d| d.line);
        let mut sink = DiagnosticSink::new(self.max_diagnostics);
        for d in self.diagnostics {
            sink.push(d);
        }
        let (diagnostics, omitted_diagnostics) = sink.finish(&self.file);
        Loaded {
            items: registry.records().to_vec(),
            diagnostics,
            omitted_diagnostics,
            skipped: self.skipped,
        }
    }
}

enum RowOutcome {
    Skipped(String),
    /// The record and the problems of the account entries dropped from it.
    Loaded(AsnRecord, Vec<String>),
}

/// The cell of column `c` as text (empty when the column is absent); `None`
/// when the cell cannot be text, with the problem pushed to `problems`.
fn cell_text(
    columns: &Columns,
    row: &Row,
    c: Column,
    delimiter: char,
    problems: &mut Vec<String>,
) -> Option<String> {
    let Some(i) = columns.get(c) else {
        return Some(String::new());
    };
    match &row.cells[i] {
        Cell::Text(t) => {
            if t.contains('\n') && (c != Column::Accounts || t.contains(delimiter)) {
                problems.push(format!(
                    "`{}` runs over several lines (lines {}-{}): a `\"` is probably not closed",
                    c.as_str(),
                    row.line,
                    row.end_line
                ));
            }
            Some(t.clone())
        }
        Cell::Number(n) => Some(n.to_string()),
        Cell::Other(why) => {
            problems.push(format!("`{}` {why}", c.as_str()));
            None
        }
    }
}

fn check_row(
    columns: &Columns,
    row: &Row,
    delimiter: char,
    as_of: Option<NaiveDate>,
) -> RowOutcome {
    let line = row.line;
    if row.cells.len() != columns.width {
        let n = row.cells.len();
        let mut message = format!(
            "row has {n} field{}, the header has {}",
            if n == 1 { "" } else { "s" },
            columns.width
        );
        if row.cells.len() > columns.width {
            let _ = write!(
                message,
                ": a value containing `{delimiter}` must be in double quotes, e.g. \"Budi \
                 Santoso{delimiter} S.Kom.\""
            );
        }
        if row.end_line > line {
            let _ = write!(
                message,
                " (the row runs from line {line} to line {}: a `\"` is probably not closed)",
                row.end_line
            );
        }
        message.push_str("; row skipped");
        return RowOutcome::Skipped(message);
    }
    let mut problems = Vec::new();
    let mut text = |c: Column| cell_text(columns, row, c, delimiter, &mut problems);
    let nip_text = text(Column::Nip);
    let name = text(Column::Name).map(|t| squeeze(&t));
    let position = text(Column::Position).map(|t| squeeze(&t));
    let unit = text(Column::Unit).map(|t| squeeze(&t));
    let accounts_text = text(Column::Accounts).unwrap_or_default();
    let nip = nip_text.and_then(|t| {
        row_nip(
            columns.get(Column::Nip).map(|i| &row.cells[i]),
            &t,
            as_of,
            &mut problems,
        )
    });
    match name.as_deref() {
        Some("") => problems.push("name is empty".to_owned()),
        Some(n) if !n.chars().any(char::is_alphabetic) => {
            problems.push(format!("name `{n}` has no letters (columns swapped?)"));
        }
        _ => {}
    }
    if unit.as_deref() == Some("") {
        problems.push("unit is empty".to_owned());
    }
    let (accounts, account_problems) = parse_accounts(&accounts_text);
    match (nip, name, position, unit) {
        (Some(nip), Some(name), Some(position), Some(unit)) if problems.is_empty() => {
            RowOutcome::Loaded(
                AsnRecord {
                    nip,
                    name,
                    position,
                    unit,
                    accounts,
                },
                account_problems,
            )
        }
        _ => {
            problems.extend(account_problems);
            RowOutcome::Skipped(format!("{}; row skipped", problems.join("; ")))
        }
    }
}

/// The NIP of a row; its problem goes to `problems`.
fn row_nip(
    cell: Option<&Cell>,
    text: &str,
    as_of: Option<NaiveDate>,
    problems: &mut Vec<String>,
) -> Option<Nip> {
    match cell {
        Some(Cell::Number(n)) => {
            problems.push(format!(
                "the NIP cell is a number in the workbook ({n:e}), which keeps only 15 \
                 significant digits, so the NIP's last digits are lost; format the NIP column as \
                 Text and type the NIPs again"
            ));
            None
        }
        Some(Cell::Text(_)) => {
            let checked = Nip::parse(text).and_then(|nip| match as_of {
                Some(d) => nip.check_as_of(d).map(|()| nip),
                None => Ok(nip),
            });
            checked
                .map_err(|e| problems.push(nip_message(text, &e)))
                .ok()
        }
        _ => None,
    }
}

/// Account entries separated by `;`, `,`, `|` or line breaks (Alt+Enter in
/// Excel): the good ones, and the messages of the bad ones.
fn parse_accounts(text: &str) -> (Vec<AccountRef>, Vec<String>) {
    let mut accounts = Vec::new();
    let mut problems = Vec::new();
    for entry in text
        .split([';', ',', '\n', '\r', '|'])
        .map(str::trim)
        .filter(|e| !e.is_empty())
    {
        match AccountRef::parse(entry) {
            Ok(a) => accounts.push(a),
            Err(e) => problems.push(e.to_string()),
        }
    }
    (accounts, problems)
}

/// Trims and collapses inner whitespace (line breaks included).
fn squeeze(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The NIP error, prefixed with the NIP unless the error already quotes it.
fn nip_message(text: &str, e: &NipError) -> String {
    match e {
        NipError::Empty
        | NipError::ScientificNotation { .. }
        | NipError::SpreadsheetNumber { .. }
        | NipError::Separator { .. }
        | NipError::Spacing { .. } => e.to_string(),
        _ => format!("NIP `{}`: {e}", text.trim()),
    }
}
