//! A small document model for netra's PDFs and its layout on A4 pages.
//!
//! A [`Doc`] is a letterhead and a list of [`Block`]s (title, headings,
//! paragraphs, label–value fields, tables, a signature block). [`Doc::layout`]
//! places them on pages (a letterhead on the first page, the office's name
//! on the others, `Halaman 1 dari 3` in every footer) and gives the
//! positioned text, which tests read; [`Layout::to_pdf`] writes the PDF with
//! the standard Helvetica fonts (see `report::winansi`).

#![allow(
    clippy::doc_markdown,
    reason = "WinAnsi is the encoding's name in the PDF standard, not code"
)]

use chrono::{DateTime, Datelike as _, Timelike as _, Utc};
use pdf_writer::{Content, Filter, Finish as _, Name, Pdf, Rect, Ref, Str, TextStr};

use super::winansi::{encode, width};

/// A4 in points.
const PAGE_W: f32 = 595.276;
const PAGE_H: f32 = 841.89;
/// Left and right margins.
const MARGIN_X: f32 = 62.0;
const TOP: f32 = 42.0;
/// Where the body must end (distance from the top).
const BODY_END: f32 = PAGE_H - 62.0;
const BODY_W: f32 = PAGE_W - 2.0 * MARGIN_X;
const BODY_SIZE: f32 = 10.0;

/// An image for the letterhead, ready to embed.
#[derive(Debug, Clone)]
pub struct Logo {
    pub width_px: u32,
    pub height_px: u32,
    pub data: LogoData,
}

/// The logo's samples as the PDF keeps them.
#[derive(Debug, Clone)]
pub enum LogoData {
    /// A JPEG file, embedded as it is.
    Jpeg { bytes: Vec<u8>, components: u8 },
    /// Decoded 8-bit samples, zlib-compressed; `alpha` the compressed soft mask.
    Flate {
        samples: Vec<u8>,
        rgb: bool,
        alpha: Option<Vec<u8>>,
    },
}

/// The first page's header.
#[derive(Debug, Clone)]
pub enum Letterhead {
    /// An office's letterhead: its government, name, address lines and logo.
    Office {
        parent: Option<String>,
        name: String,
        lines: Vec<String>,
        logo: Option<Logo>,
    },
    /// No office settings: a plain title line and a note saying how to set them.
    Plain { title: String, note: String },
}

/// One piece of a document, laid out top to bottom.
#[derive(Debug, Clone)]
pub enum Block {
    /// Centred bold title.
    Title(String),
    /// Centred line under a title.
    Subtitle(String),
    /// A section heading.
    Heading(String),
    /// A wrapped paragraph (`\n` starts a new line).
    Para(String),
    /// Small grey print.
    Small(String),
    /// Label : value rows.
    Fields(Vec<(String, String)>),
    /// A ruled table: column widths as fractions of the text width.
    Table {
        widths: Vec<f32>,
        header: Vec<String>,
        rows: Vec<Vec<String>>,
    },
    /// The signature block, on the right half, kept together and with the
    /// paragraph right before it (a letter's closing words).
    Signature {
        place_date: String,
        role: String,
        title: String,
        name: String,
        nip: Option<String>,
    },
    /// Vertical space in points.
    Gap(f32),
}

/// A document: what it is, its header, its body, its footer.
#[derive(Debug, Clone)]
pub struct Doc {
    /// The PDF's title (metadata).
    pub title: String,
    /// Who wrote it (metadata): the office.
    pub author: String,
    pub letterhead: Letterhead,
    /// The running header on pages after the first.
    pub running_head: String,
    /// Left part of each footer.
    pub footer: String,
    /// `Halaman {n} dari {m}`: the words around the numbers.
    pub page_words: (String, String),
    pub blocks: Vec<Block>,
}

/// One thing drawn on a page (coordinates in points, origin bottom left).
#[derive(Debug, Clone, PartialEq)]
pub enum Op {
    Text {
        x: f32,
        y: f32,
        size: f32,
        bold: bool,
        grey: bool,
        bytes: Vec<u8>,
    },
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        width: f32,
    },
    Fill {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
    },
    Logo {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
    },
}

/// A laid-out document.
#[derive(Debug, Clone)]
pub struct Layout {
    pub pages: Vec<Vec<Op>>,
    title: String,
    author: String,
    logo: Option<Logo>,
}

/// Breaks WinAnsi `text` into lines no wider than `max` points.
fn wrap(text: &[u8], bold: bool, size: f32, max: f32) -> Vec<Vec<u8>> {
    let mut lines = Vec::new();
    let mut line: Vec<u8> = Vec::new();
    for word in text.split(|&b| b == b' ').filter(|w| !w.is_empty()) {
        let candidate_w = if line.is_empty() {
            width(word, bold, size)
        } else {
            width(&line, bold, size) + width(b" ", bold, size) + width(word, bold, size)
        };
        if candidate_w <= max {
            if !line.is_empty() {
                line.push(b' ');
            }
            line.extend_from_slice(word);
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        // A word wider than the line (a URL, a hash): broken anywhere.
        for &b in word {
            if !line.is_empty() && width(&line, bold, size) + width(&[b], bold, size) > max {
                lines.push(std::mem::take(&mut line));
            }
            line.push(b);
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// `text` wrapped, each `\n` starting a new line.
fn wrap_text(text: &str, bold: bool, size: f32, max: f32) -> Vec<Vec<u8>> {
    text.split('\n')
        .flat_map(|p| wrap(&encode(p), bold, size, max.max(size)))
        .collect()
}

fn leading(size: f32) -> f32 {
    size * 1.32
}

/// Where the body starts on pages after the first (under the running head).
const CONTINUED_TOP: f32 = TOP + 24.0;

/// The space above a signature block.
const SIGNATURE_GAP: f32 = 10.0;

/// The signature block's width, on the right half.
const SIGNATURE_W: f32 = BODY_W * 0.48;

/// The height of a [`Block::Para`], its space after included.
fn para_height(text: &str) -> f32 {
    wrap_text(text, false, BODY_SIZE, BODY_W).len() as f32 * leading(BODY_SIZE) + 4.0
}

/// The height a [`Block::Signature`] keeps together (below its gap).
fn signature_height(title: &str) -> f32 {
    let title_lines = if title.is_empty() {
        0
    } else {
        wrap_text(title, false, BODY_SIZE, SIGNATURE_W).len()
    };
    leading(BODY_SIZE) * (4.0 + title_lines as f32) + 56.0
}

struct Cursor {
    pages: Vec<Vec<Op>>,
    /// Distance from the top of the page to the next line's top.
    y: f32,
    running_head: Vec<u8>,
}

impl Cursor {
    fn page(&mut self) -> &mut Vec<Op> {
        if self.pages.is_empty() {
            self.pages.push(Vec::new());
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        let head = self.running_head.clone();
        let y = PAGE_H - TOP - 8.0;
        self.page().push(Op::Text {
            x: MARGIN_X,
            y,
            size: 8.0,
            bold: false,
            grey: true,
            bytes: head,
        });
        self.page().push(Op::Line {
            x1: MARGIN_X,
            y1: y - 5.0,
            x2: PAGE_W - MARGIN_X,
            y2: y - 5.0,
            width: 0.5,
        });
        self.y = CONTINUED_TOP;
    }

    /// Makes room for `h` points, starting a page when they do not fit.
    fn need(&mut self, h: f32) {
        if self.y + h > BODY_END {
            self.new_page();
        }
    }

    fn text(&mut self, x: f32, bytes: Vec<u8>, size: f32, bold: bool, grey: bool) {
        let y = PAGE_H - self.y - size;
        self.page().push(Op::Text {
            x,
            y,
            size,
            bold,
            grey,
            bytes,
        });
    }

    /// One line of text at the cursor, then down one line.
    fn line(&mut self, x: f32, bytes: Vec<u8>, size: f32, bold: bool, grey: bool) {
        self.need(leading(size));
        self.text(x, bytes, size, bold, grey);
        self.y += leading(size);
    }

    fn centred(&mut self, left: f32, w: f32, text: &str, size: f32, bold: bool) {
        for l in wrap_text(text, bold, size, w) {
            let x = left + (w - width(&l, bold, size)).max(0.0) / 2.0;
            self.line(x, l, size, bold, false);
        }
    }

    fn rule(&mut self, width_pt: f32) {
        let y = PAGE_H - self.y;
        self.page().push(Op::Line {
            x1: MARGIN_X,
            y1: y,
            x2: PAGE_W - MARGIN_X,
            y2: y,
            width: width_pt,
        });
    }
}

impl Doc {
    /// Places the document on A4 pages.
    pub fn layout(&self) -> Layout {
        let mut c = Cursor {
            pages: vec![Vec::new()],
            y: TOP,
            running_head: encode(&self.running_head),
        };
        let logo = self.letterhead(&mut c);
        for (i, b) in self.blocks.iter().enumerate() {
            // A signature alone on a page signs nothing: the paragraph before
            // it moves to the next page with it when both do not fit (unless
            // together they would not fit on any page).
            if let (Block::Para(t), Some(Block::Signature { title, .. })) =
                (b, self.blocks.get(i + 1))
            {
                let h = para_height(t) + SIGNATURE_GAP + signature_height(title);
                if h <= BODY_END - CONTINUED_TOP {
                    c.need(h);
                }
            }
            block(&mut c, b);
        }
        // Footers, now that the number of pages is known.
        let total = c.pages.len();
        let footer = encode(&self.footer);
        for (i, page) in c.pages.iter_mut().enumerate() {
            let y = 36.0;
            page.push(Op::Line {
                x1: MARGIN_X,
                y1: y + 11.0,
                x2: PAGE_W - MARGIN_X,
                y2: y + 11.0,
                width: 0.4,
            });
            let number = encode(&format!(
                "{} {} {} {total}",
                self.page_words.0,
                i + 1,
                self.page_words.1
            ));
            let footer_max = BODY_W - width(&number, false, 8.0) - 12.0;
            let footer_line = wrap(&footer, false, 8.0, footer_max)
                .into_iter()
                .next()
                .unwrap_or_default();
            page.push(Op::Text {
                x: MARGIN_X,
                y,
                size: 8.0,
                bold: false,
                grey: true,
                bytes: footer_line,
            });
            page.push(Op::Text {
                x: PAGE_W - MARGIN_X - width(&number, false, 8.0),
                y,
                size: 8.0,
                bold: false,
                grey: true,
                bytes: number,
            });
        }
        Layout {
            pages: c.pages,
            title: self.title.clone(),
            author: self.author.clone(),
            logo,
        }
    }

    fn letterhead(&self, c: &mut Cursor) -> Option<Logo> {
        match &self.letterhead {
            Letterhead::Plain { title, note } => {
                c.line(MARGIN_X, encode(title), 11.0, true, false);
                for l in wrap_text(note, false, 8.0, BODY_W) {
                    c.line(MARGIN_X, l, 8.0, false, true);
                }
                c.y += 3.0;
                c.rule(1.0);
                c.y += 14.0;
                None
            }
            Letterhead::Office {
                parent,
                name,
                lines,
                logo,
            } => {
                let top = c.y;
                let logo_box = 66.0;
                let (left, w) = if logo.is_some() {
                    (MARGIN_X + logo_box + 8.0, BODY_W - 2.0 * (logo_box + 8.0))
                } else {
                    (MARGIN_X, BODY_W)
                };
                if let Some(p) = parent {
                    c.centred(left, w, &p.to_uppercase(), 12.0, false);
                }
                c.centred(left, w, &name.to_uppercase(), 14.0, true);
                for l in lines {
                    c.centred(left, w, l, 8.5, false);
                }
                if let Some(logo) = logo {
                    let (pw, ph) = (logo.width_px.max(1) as f32, logo.height_px.max(1) as f32);
                    let scale = (logo_box / pw).min(logo_box / ph);
                    let (lw, lh) = (pw * scale, ph * scale);
                    let block_h = (c.y - top).max(logo_box);
                    let y_top = top + (block_h - lh) / 2.0;
                    c.page().push(Op::Logo {
                        x: MARGIN_X + (logo_box - lw) / 2.0,
                        y: PAGE_H - y_top - lh,
                        w: lw,
                        h: lh,
                    });
                    c.y = top + block_h;
                }
                c.y += 5.0;
                c.rule(2.0);
                c.y += 2.5;
                c.rule(0.6);
                c.y += 16.0;
                logo.clone()
            }
        }
    }
}

#[allow(
    clippy::too_many_lines,
    clippy::many_single_char_names,
    reason = "one match arm per kind of block, each short; x, y, w, h are coordinates"
)]
fn block(c: &mut Cursor, b: &Block) {
    match b {
        Block::Title(t) => {
            c.need(40.0);
            c.centred(MARGIN_X, BODY_W, t, 12.5, true);
            c.y += 2.0;
        }
        Block::Subtitle(t) => {
            c.centred(MARGIN_X, BODY_W, t, 10.0, false);
            c.y += 6.0;
        }
        Block::Heading(t) => {
            // Keep a heading with at least three lines of what follows.
            c.y += 6.0;
            c.need(leading(10.5) + 3.0 * leading(BODY_SIZE));
            for l in wrap_text(t, true, 10.5, BODY_W) {
                c.line(MARGIN_X, l, 10.5, true, false);
            }
            c.y += 2.0;
        }
        Block::Para(t) => {
            for l in wrap_text(t, false, BODY_SIZE, BODY_W) {
                c.line(MARGIN_X, l, BODY_SIZE, false, false);
            }
            c.y += 4.0;
        }
        Block::Small(t) => {
            for l in wrap_text(t, false, 8.0, BODY_W) {
                c.line(MARGIN_X, l, 8.0, false, true);
            }
            c.y += 3.0;
        }
        Block::Fields(rows) => {
            let label_w = 150.0;
            let value_x = MARGIN_X + label_w + 10.0;
            let value_w = BODY_W - label_w - 10.0;
            for (label, value) in rows {
                let labels = wrap_text(label, false, BODY_SIZE, label_w);
                let values = wrap_text(value, false, BODY_SIZE, value_w);
                let n = labels.len().max(values.len());
                c.need(leading(BODY_SIZE) * (n.min(3) as f32));
                for i in 0..n {
                    c.need(leading(BODY_SIZE));
                    if let Some(l) = labels.get(i) {
                        c.text(MARGIN_X, l.clone(), BODY_SIZE, false, false);
                    }
                    if i == 0 {
                        c.text(value_x - 8.0, b":".to_vec(), BODY_SIZE, false, false);
                    }
                    if let Some(v) = values.get(i) {
                        c.text(value_x, v.clone(), BODY_SIZE, false, false);
                    }
                    c.y += leading(BODY_SIZE);
                }
            }
            c.y += 4.0;
        }
        Block::Table {
            widths,
            header,
            rows,
        } => table(c, widths, header, rows),
        Block::Signature {
            place_date,
            role,
            title,
            name,
            nip,
        } => {
            let x = MARGIN_X + BODY_W * 0.52;
            let w = SIGNATURE_W;
            let title_lines = if title.is_empty() {
                Vec::new()
            } else {
                wrap_text(title, false, BODY_SIZE, w)
            };
            c.y += SIGNATURE_GAP;
            c.need(signature_height(title));
            for t in [place_date, role].into_iter().filter(|t| !t.is_empty()) {
                for l in wrap_text(t, false, BODY_SIZE, w) {
                    c.line(x, l, BODY_SIZE, false, false);
                }
            }
            for l in title_lines {
                c.line(x, l, BODY_SIZE, false, false);
            }
            c.y += 56.0;
            let name_bytes = encode(name);
            let name_w = width(&name_bytes, true, BODY_SIZE).min(w);
            c.line(x, name_bytes, BODY_SIZE, true, false);
            let y = PAGE_H - c.y + 3.0;
            c.page().push(Op::Line {
                x1: x,
                y1: y,
                x2: x + name_w,
                y2: y,
                width: 0.5,
            });
            if let Some(n) = nip {
                c.line(x, encode(&format!("NIP {n}")), BODY_SIZE, false, false);
            }
        }
        Block::Gap(h) => c.y += h,
    }
}

const TABLE_SIZE: f32 = 8.5;
const PAD: f32 = 3.0;

#[allow(
    clippy::too_many_lines,
    clippy::many_single_char_names,
    reason = "one table, row by row; x, y, w, h are coordinates"
)]
fn table(c: &mut Cursor, widths: &[f32], header: &[String], rows: &[Vec<String>]) {
    let total: f32 = widths.iter().sum::<f32>().max(f32::EPSILON);
    let cols: Vec<f32> = widths.iter().map(|w| w / total * BODY_W).collect();
    let lh = leading(TABLE_SIZE);
    let cells = |row: &[String], bold: bool| -> Vec<Vec<Vec<u8>>> {
        cols.iter()
            .enumerate()
            .map(|(i, w)| {
                wrap_text(
                    row.get(i).map_or("", String::as_str),
                    bold,
                    TABLE_SIZE,
                    w - 2.0 * PAD,
                )
            })
            .collect()
    };
    let head = cells(header, true);
    let draw_row = |c: &mut Cursor, row: &[Vec<Vec<u8>>], bold: bool, shaded: bool| {
        let mut from = 0;
        let n = row.iter().map(Vec::len).max().unwrap_or(1);
        while from < n {
            let room = ((BODY_END - c.y - 2.0 * PAD) / lh).floor();
            let fit = if room < 1.0 {
                0
            } else {
                // room is a small positive count of lines.
                #[allow(
                    clippy::cast_possible_truncation,
                    clippy::cast_sign_loss,
                    reason = "a floored, positive line count below a page's"
                )]
                let r = room as usize;
                r.min(n - from)
            };
            if fit == 0 {
                c.new_page();
                continue;
            }
            let h = fit as f32 * lh + 2.0 * PAD;
            let top = PAGE_H - c.y;
            if shaded {
                c.page().push(Op::Fill {
                    x: MARGIN_X,
                    y: top - h,
                    w: BODY_W,
                    h,
                });
            }
            let mut x = MARGIN_X;
            for (ci, w) in cols.iter().enumerate() {
                for (li, l) in row[ci].iter().skip(from).take(fit).enumerate() {
                    let y = top - PAD - li as f32 * lh - TABLE_SIZE;
                    c.page().push(Op::Text {
                        x: x + PAD,
                        y,
                        size: TABLE_SIZE,
                        bold,
                        grey: false,
                        bytes: l.clone(),
                    });
                }
                c.page().push(Op::Line {
                    x1: x,
                    y1: top,
                    x2: x,
                    y2: top - h,
                    width: 0.4,
                });
                x += w;
            }
            let page = c.page();
            page.push(Op::Line {
                x1: MARGIN_X + BODY_W,
                y1: top,
                x2: MARGIN_X + BODY_W,
                y2: top - h,
                width: 0.4,
            });
            page.push(Op::Line {
                x1: MARGIN_X,
                y1: top,
                x2: MARGIN_X + BODY_W,
                y2: top,
                width: 0.4,
            });
            page.push(Op::Line {
                x1: MARGIN_X,
                y1: top - h,
                x2: MARGIN_X + BODY_W,
                y2: top - h,
                width: 0.4,
            });
            c.y += h;
            from += fit;
        }
    };
    let head_h = head.iter().map(Vec::len).max().unwrap_or(1) as f32 * lh + 2.0 * PAD;
    c.need(head_h + lh + 2.0 * PAD);
    draw_row(c, &head, true, true);
    for r in rows {
        let body = cells(r, false);
        let h = body.iter().map(Vec::len).max().unwrap_or(1) as f32 * lh + 2.0 * PAD;
        if c.y + h.min(4.0 * lh) > BODY_END {
            c.new_page();
            draw_row(c, &head, true, true);
        }
        draw_row(c, &body, false, false);
    }
    c.y += 8.0;
}

/// A WinAnsi byte back to its character (for reading a layout in tests and tools).
fn decode_byte(b: u8) -> char {
    super::winansi::WIN_ANSI_EXTRA
        .iter()
        .find(|(_, code)| *code == b)
        .map_or(char::from(b), |(c, _)| *c)
}

impl Layout {
    /// The text of each page, one drawn line per line, top to bottom.
    pub fn page_texts(&self) -> Vec<String> {
        self.pages
            .iter()
            .map(|ops| {
                let mut texts: Vec<(i64, i64, String)> = ops
                    .iter()
                    .filter_map(|op| match op {
                        Op::Text { x, y, bytes, .. } => Some((
                            // Round to whole points for ordering.
                            #[allow(
                                clippy::cast_possible_truncation,
                                reason = "page coordinates are a few hundred points"
                            )]
                            (-y.round() as i64),
                            #[allow(
                                clippy::cast_possible_truncation,
                                reason = "page coordinates are a few hundred points"
                            )]
                            (x.round() as i64),
                            bytes.iter().map(|&b| decode_byte(b)).collect(),
                        )),
                        _ => None,
                    })
                    .collect();
                texts.sort_by_key(|t| (t.0, t.1));
                let mut out = String::new();
                let mut last = None;
                for (y, _, t) in texts {
                    if last.is_some() && last != Some(y) {
                        out.push('\n');
                    } else if last.is_some() {
                        out.push(' ');
                    }
                    out.push_str(&t);
                    last = Some(y);
                }
                out
            })
            .collect()
    }

    /// The whole text, pages joined.
    pub fn text(&self) -> String {
        self.page_texts().join("\n")
    }

    /// The PDF file, stamped with `created`.
    pub fn to_pdf(&self, created: DateTime<Utc>) -> Vec<u8> {
        let catalog = Ref::new(1);
        let tree = Ref::new(2);
        let regular = Ref::new(3);
        let bold = Ref::new(4);
        let info = Ref::new(5);
        let image = Ref::new(6);
        let mask = Ref::new(7);
        let first_page = 8;
        let page_ref = |i: usize| Ref::new(first_page + 2 * i32::try_from(i).unwrap_or(0));
        let content_ref = |i: usize| Ref::new(first_page + 1 + 2 * i32::try_from(i).unwrap_or(0));

        let mut pdf = Pdf::new();
        pdf.catalog(catalog).pages(tree);
        pdf.pages(tree)
            .kids((0..self.pages.len()).map(page_ref))
            .count(i32::try_from(self.pages.len()).unwrap_or(i32::MAX));
        pdf.type1_font(regular)
            .base_font(Name(b"Helvetica"))
            .encoding_predefined(Name(b"WinAnsiEncoding"));
        pdf.type1_font(bold)
            .base_font(Name(b"Helvetica-Bold"))
            .encoding_predefined(Name(b"WinAnsiEncoding"));
        let date = pdf_writer::Date::new(u16::try_from(created.year()).unwrap_or(2000))
            .month(u8::try_from(created.month()).unwrap_or(1))
            .day(u8::try_from(created.day()).unwrap_or(1))
            .hour(u8::try_from(created.hour()).unwrap_or(0))
            .minute(u8::try_from(created.minute()).unwrap_or(0))
            .second(u8::try_from(created.second()).unwrap_or(0))
            .utc_offset_hour(0);
        pdf.document_info(info)
            .title(TextStr(&self.title))
            .author(TextStr(&self.author))
            .creator(TextStr("netra"))
            .producer(TextStr("netra (pdf-writer)"))
            .creation_date(date);
        if let Some(logo) = &self.logo {
            write_logo(&mut pdf, logo, image, mask);
        }
        for (i, ops) in self.pages.iter().enumerate() {
            let mut content = Content::new();
            for op in ops {
                draw(&mut content, op);
            }
            let bytes = content.finish();
            let mut page = pdf.page(page_ref(i));
            page.parent(tree)
                .media_box(Rect::new(0.0, 0.0, PAGE_W, PAGE_H))
                .contents(content_ref(i));
            let mut res = page.resources();
            res.fonts()
                .pair(Name(b"F1"), regular)
                .pair(Name(b"F2"), bold);
            if self.logo.is_some() && i == 0 {
                res.x_objects().pair(Name(b"Im1"), image);
            }
            res.finish();
            page.finish();
            pdf.stream(content_ref(i), &bytes);
        }
        pdf.finish()
    }
}

fn draw(content: &mut Content, op: &Op) {
    match op {
        Op::Text {
            x,
            y,
            size,
            bold,
            grey,
            bytes,
        } => {
            let g = if *grey { 0.35 } else { 0.0 };
            content.set_fill_gray(g);
            content
                .begin_text()
                .set_font(Name(if *bold { b"F2" } else { b"F1" }), *size)
                .next_line(*x, *y)
                .show(Str(bytes))
                .end_text();
        }
        Op::Line {
            x1,
            y1,
            x2,
            y2,
            width,
        } => {
            content
                .set_line_width(*width)
                .set_stroke_gray(0.0)
                .move_to(*x1, *y1)
                .line_to(*x2, *y2)
                .stroke();
        }
        Op::Fill { x, y, w, h } => {
            content
                .set_fill_gray(0.9)
                .rect(*x, *y, *w, *h)
                .fill_nonzero()
                .set_fill_gray(0.0);
        }
        Op::Logo { x, y, w, h } => {
            content
                .save_state()
                .transform([*w, 0.0, 0.0, *h, *x, *y])
                .x_object(Name(b"Im1"))
                .restore_state();
        }
    }
}

fn write_logo(pdf: &mut Pdf, logo: &Logo, image: Ref, mask: Ref) {
    let w = i32::try_from(logo.width_px).unwrap_or(1);
    let h = i32::try_from(logo.height_px).unwrap_or(1);
    match &logo.data {
        LogoData::Jpeg { bytes, components } => {
            let mut x = pdf.image_xobject(image, bytes);
            x.width(w).height(h).bits_per_component(8);
            x.filter(Filter::DctDecode);
            match components {
                1 => x.color_space().device_gray(),
                4 => x.color_space().device_cmyk(),
                _ => x.color_space().device_rgb(),
            }
        }
        LogoData::Flate {
            samples,
            rgb,
            alpha,
        } => {
            let mut x = pdf.image_xobject(image, samples);
            x.width(w).height(h).bits_per_component(8);
            x.filter(Filter::FlateDecode);
            if alpha.is_some() {
                x.s_mask(mask);
            }
            if *rgb {
                x.color_space().device_rgb();
            } else {
                x.color_space().device_gray();
            }
            x.finish();
            if let Some(a) = alpha {
                let mut m = pdf.image_xobject(mask, a);
                m.width(w).height(h).bits_per_component(8);
                m.filter(Filter::FlateDecode);
                m.color_space().device_gray();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(blocks: Vec<Block>) -> Doc {
        Doc {
            title: "T".into(),
            author: "A".into(),
            letterhead: Letterhead::Office {
                parent: Some("Pemerintah Kota Contoh".into()),
                name: "Kantor Contoh".into(),
                lines: vec!["Jl. Contoh 1".into()],
                logo: None,
            },
            running_head: "Kantor Contoh — Laporan".into(),
            footer: "netra".into(),
            page_words: ("Halaman".into(), "dari".into()),
            blocks,
        }
    }

    #[test]
    fn long_words_and_lines_wrap_within_the_width() {
        let lines = wrap(&encode(&"a".repeat(500)), false, 10.0, 100.0);
        assert!(lines.len() > 3);
        for l in &lines {
            assert!(width(l, false, 10.0) <= 100.0 + 0.01);
        }
        assert_eq!(wrap(b"", false, 10.0, 100.0), vec![Vec::<u8>::new()]);
        let words = wrap(b"satu dua tiga empat lima", false, 10.0, 60.0);
        assert!(words.len() >= 2, "{words:?}");
    }

    #[test]
    fn pages_are_numbered_and_long_tables_repeat_their_header() {
        let rows: Vec<Vec<String>> = (0..200)
            .map(|i| vec![i.to_string(), format!("baris {i}")])
            .collect();
        let d = doc(vec![
            Block::Title("JUDUL".into()),
            Block::Table {
                widths: vec![1.0, 3.0],
                header: vec!["No".into(), "Isi".into()],
                rows,
            },
            Block::Signature {
                place_date: "Kota Contoh, 27 November 2024".into(),
                role: "Pelapor,".into(),
                title: "Kepala Kantor".into(),
                name: "Nama".into(),
                nip: None,
            },
        ]);
        let layout = d.layout();
        let pages = layout.page_texts();
        let n = pages.len();
        assert!(n >= 4, "{n}");
        for (i, p) in pages.iter().enumerate() {
            assert!(
                p.contains(&format!("Halaman {} dari {n}", i + 1)),
                "page {i}: {p}"
            );
            assert!(p.contains("No Isi"), "header on page {i}");
        }
        assert!(pages[0].contains("PEMERINTAH KOTA CONTOH\nKANTOR CONTOH\nJl. Contoh 1"));
        assert!(pages[1].starts_with("Kantor Contoh \u{2014} Laporan"));
        assert!(layout.text().contains("199 baris 199"));
        assert!(pages[n - 1].contains("Kota Contoh, 27 November 2024"));
        let pdf = layout.to_pdf(Utc::now());
        assert!(pdf.starts_with(b"%PDF-"));
        assert!(pdf.windows(9).any(|w| w == b"Helvetica"));
    }

    #[test]
    fn the_last_paragraph_and_the_signature_share_a_page_wherever_they_fall() {
        let closing =
            "Demikian kami sampaikan. Atas perhatian dan kerja sama Saudara, kami ucapkan \
                       terima kasih.";
        let letter = |filler: f32| {
            doc(vec![
                Block::Gap(filler),
                Block::Para("Isi surat.".into()),
                Block::Para(closing.into()),
                Block::Signature {
                    place_date: String::new(),
                    role: String::new(),
                    title: "Kepala Kantor Contoh,".into(),
                    name: "Nama Penandatangan".into(),
                    nip: Some("198001012005011001".into()),
                },
            ])
            .layout()
            .page_texts()
        };
        let mut moved = 0;
        for filler in (0..700).step_by(4) {
            let pages = letter(filler as f32);
            let with_name: Vec<&String> = pages
                .iter()
                .filter(|p| p.contains("Nama Penandatangan"))
                .collect();
            assert_eq!(with_name.len(), 1, "filler {filler}");
            assert!(
                with_name[0].contains("Demikian kami sampaikan") && with_name[0].contains("NIP"),
                "filler {filler}: the signature page is\n{}",
                with_name[0]
            );
            if pages.len() == 2 && pages[0].contains("Isi surat.") {
                moved += 1;
            }
        }
        assert!(
            moved > 0,
            "some fillers leave the body on page 1 and move only the ending"
        );
        assert_eq!(letter(0.0).len(), 1, "no page break when all fits");
        // A paragraph longer than a page is not moved (it could not fit anywhere).
        let long = doc(vec![
            Block::Gap(300.0),
            Block::Para("x ".repeat(6000)),
            Block::Signature {
                place_date: String::new(),
                role: String::new(),
                title: "Kepala".into(),
                name: "Nama".into(),
                nip: None,
            },
        ])
        .layout()
        .page_texts();
        assert!(long[0].contains("x x x"), "{}", long[0]);
    }

    #[test]
    fn all_ops_stay_on_the_page() {
        let d = doc(vec![
            Block::Para("x ".repeat(3000)),
            Block::Fields(vec![("Label".into(), "v ".repeat(400))]),
            Block::Table {
                widths: vec![1.0],
                header: vec!["H".into()],
                rows: vec![vec!["z ".repeat(4000)]],
            },
        ]);
        for page in d.layout().pages {
            for op in page {
                if let Op::Text { y, x, .. } = op {
                    assert!((20.0..PAGE_H).contains(&y), "{y}");
                    assert!((0.0..PAGE_W).contains(&x), "{x}");
                }
            }
        }
    }
}
