//! The ASN registry from an Excel workbook (`.xlsx`, also `.xls`, `.xlsb`,
//! `.ods`), with the same columns and checks as the CSV loader.
//!
//! The sheet used is the first one whose top rows hold a `nip` column (else
//! the first sheet); diagnostics carry the sheet's row numbers as Excel shows
//! them. A NIP typed into a numeric cell has already lost its last digits
//! (Excel keeps 15 significant digits), so such a row is rejected with a
//! message saying to format the column as Text.

use std::path::Path;

use calamine::{open_workbook_auto, Data, Range, Reader};
use netra_core::AsnRecord;

use crate::diagnostic::{IngestError, Loaded};
use crate::registry::{Cell, RegistryOptions, Row, Table};

/// Loads the registry from the workbook at `path` with default options.
pub fn read_registry_xlsx(path: &Path) -> Result<Loaded<AsnRecord>, IngestError> {
    read_registry_xlsx_with(path, &RegistryOptions::default())
}

/// Loads the registry from the workbook at `path`.
pub fn read_registry_xlsx_with(
    path: &Path,
    options: &RegistryOptions,
) -> Result<Loaded<AsnRecord>, IngestError> {
    let file = path.display().to_string();
    if let Err(source) = std::fs::metadata(path) {
        return Err(IngestError::Open {
            path: path.to_owned(),
            source,
        });
    }
    let workbook_err = |message: String| IngestError::Workbook {
        file: file.clone(),
        message,
    };
    let mut workbook = open_workbook_auto(path)
        .map_err(|e| workbook_err(format!("cannot open the workbook: {e}")))?;
    let names = workbook.sheet_names();
    if names.is_empty() {
        return Err(workbook_err("the workbook has no sheets".to_owned()));
    }
    let mut chosen: Option<(String, Range<Data>)> = None;
    for name in &names {
        let Ok(range) = workbook.worksheet_range(name) else {
            continue;
        };
        let has_nip = range.rows().take(10).any(|r| {
            r.iter()
                .any(|c| matches!(c, Data::String(s) if s.trim().eq_ignore_ascii_case("nip")))
        });
        if has_nip {
            chosen = Some((name.clone(), range));
            break;
        }
        if chosen.is_none() {
            chosen = Some((name.clone(), range));
        }
    }
    let Some((sheet, range)) = chosen else {
        return Err(workbook_err(
            "no sheet of the workbook could be read".to_owned(),
        ));
    };
    let label = if names.len() > 1 {
        format!("{file}[{sheet}]")
    } else {
        file.clone()
    };
    let mut table = Table::new(&label, ',', options);
    let first_row = range.start().map_or(0, |(r, _)| r as usize);
    let first_col = range.start().map_or(0, |(_, c)| c as usize);
    for (i, cells) in range.rows().enumerate() {
        let line = first_row + i + 1;
        // Columns left of the used range are empty; keep positions stable.
        let mut row: Vec<Cell> = vec![Cell::Text(String::new()); first_col];
        row.extend(cells.iter().map(cell));
        table.row(Row {
            line,
            end_line: line,
            cells: row,
        });
    }
    Ok(table.finish())
}

fn cell(data: &Data) -> Cell {
    match data {
        Data::Empty => Cell::Text(String::new()),
        Data::String(s) => Cell::Text(s.clone()),
        #[allow(
            clippy::cast_precision_loss,
            reason = "the loss is what the message reports"
        )]
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Text(b.to_string()),
        Data::DateTime(_) | Data::DateTimeIso(_) | Data::DurationIso(_) => {
            Cell::Other("holds a date or time, not text".to_owned())
        }
        Data::Error(e) => Cell::Other(format!("holds an Excel error ({e})")),
    }
}
