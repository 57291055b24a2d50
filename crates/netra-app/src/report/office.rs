//! Reading the office settings (`DATA_DIR/office.toml` or `--office FILE`)
//! and the letterhead's logo.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use netra_core::Office;

use super::pdf::{Logo, LogoData};
use super::ReportError;

/// The settings file netra looks for in the data directory.
pub const OFFICE_FILE: &str = "office.toml";

/// Largest logo file netra reads.
const MAX_LOGO_BYTES: u64 = 8 * 1024 * 1024;

/// Office settings with their logo read and ready to embed.
#[derive(Debug, Clone)]
pub struct LoadedOffice {
    pub office: Office,
    /// The settings file, for messages.
    pub file: PathBuf,
    pub logo: Option<Logo>,
}

/// The office settings: `explicit` (which must exist), else
/// `DATA_DIR/office.toml` when there is one, else `None` (documents then
/// carry a plain header and a note).
pub fn load_office(
    data_dir: &Path,
    explicit: Option<&Path>,
) -> Result<Option<LoadedOffice>, ReportError> {
    let path = if let Some(p) = explicit {
        p.to_path_buf()
    } else {
        let p = data_dir.join(OFFICE_FILE);
        if !p.exists() {
            return Ok(None);
        }
        p
    };
    let file = path.display().to_string();
    let text = std::fs::read_to_string(&path).map_err(|e| ReportError::Read {
        path: file.clone(),
        message: e.to_string(),
    })?;
    let office = Office::from_toml_str(&text, &file)?;
    let logo = match &office.logo {
        Some(l) => {
            let logo_path = path
                .parent()
                .unwrap_or_else(|| Path::new("."))
                .join(&l.path);
            let bad = |message: String| ReportError::Logo {
                file: file.clone(),
                line: l.line,
                message,
            };
            let size = std::fs::metadata(&logo_path)
                .map_err(|e| bad(format!("cannot read {}: {e}", logo_path.display())))?
                .len();
            if size > MAX_LOGO_BYTES {
                return Err(bad(format!(
                    "{} is {size} bytes; a logo may be at most {MAX_LOGO_BYTES}",
                    logo_path.display()
                )));
            }
            let bytes = std::fs::read(&logo_path)
                .map_err(|e| bad(format!("cannot read {}: {e}", logo_path.display())))?;
            Some(decode_logo(&bytes).map_err(|m| bad(format!("{}: {m}", logo_path.display())))?)
        }
        None => None,
    };
    Ok(Some(LoadedOffice {
        office,
        file: path,
        logo,
    }))
}

/// A PNG or JPEG image, by its first bytes.
pub fn decode_logo(bytes: &[u8]) -> Result<Logo, String> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        decode_png(bytes)
    } else if bytes.starts_with(&[0xff, 0xd8]) {
        decode_jpeg(bytes)
    } else {
        Err("not a PNG or JPEG image".into())
    }
}

fn zlib(data: &[u8]) -> Result<Vec<u8>, String> {
    let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(data).map_err(|e| e.to_string())?;
    e.finish().map_err(|e| e.to_string())
}

fn decode_png(bytes: &[u8]) -> Result<Logo, String> {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    decoder.set_limits(png::Limits {
        bytes: 64 * 1024 * 1024,
    });
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let mut reader = decoder.read_info().map_err(|e| e.to_string())?;
    let size = reader
        .output_buffer_size()
        .ok_or("the image is too large")?;
    let mut buf = vec![0; size];
    let info = reader.next_frame(&mut buf).map_err(|e| e.to_string())?;
    let data = buf.get(..info.buffer_size()).ok_or("truncated image")?;
    let (channels, rgb) = match info.color_type {
        png::ColorType::Grayscale => (1, false),
        png::ColorType::GrayscaleAlpha => (2, false),
        png::ColorType::Rgb => (3, true),
        png::ColorType::Rgba => (4, true),
        png::ColorType::Indexed => return Err("palette image left unexpanded".into()),
    };
    let colour = if rgb { 3 } else { 1 };
    let has_alpha = channels == 2 || channels == 4;
    let mut samples = Vec::with_capacity(data.len());
    let mut alpha = Vec::new();
    for px in data.chunks_exact(channels) {
        samples.extend_from_slice(&px[..colour]);
        if has_alpha {
            alpha.push(px[channels - 1]);
        }
    }
    Ok(Logo {
        width_px: info.width,
        height_px: info.height,
        data: LogoData::Flate {
            samples: zlib(&samples)?,
            rgb,
            alpha: if has_alpha && alpha.iter().any(|&a| a < 255) {
                Some(zlib(&alpha)?)
            } else {
                None
            },
        },
    })
}

/// A JPEG's size and colour components from its frame header (`SOFn`).
fn decode_jpeg(bytes: &[u8]) -> Result<Logo, String> {
    let mut i = 2;
    while i + 4 <= bytes.len() {
        if bytes[i] != 0xff {
            return Err("damaged JPEG (no marker where one was expected)".into());
        }
        let marker = bytes[i + 1];
        if marker == 0xff {
            i += 1;
            continue;
        }
        let len = usize::from(u16::from_be_bytes([bytes[i + 2], bytes[i + 3]]));
        let is_sof = matches!(marker, 0xc0..=0xcf) && !matches!(marker, 0xc4 | 0xc8 | 0xcc);
        if is_sof {
            let seg = bytes
                .get(i + 4..i + 2 + len)
                .ok_or("damaged JPEG (short frame header)")?;
            if seg.len() < 6 {
                return Err("damaged JPEG (short frame header)".into());
            }
            let height = u32::from(u16::from_be_bytes([seg[1], seg[2]]));
            let width = u32::from(u16::from_be_bytes([seg[3], seg[4]]));
            let components = seg[5];
            if width == 0 || height == 0 || !matches!(components, 1 | 3 | 4) {
                return Err("unsupported JPEG (size or colour components)".into());
            }
            return Ok(Logo {
                width_px: width,
                height_px: height,
                data: LogoData::Jpeg {
                    bytes: bytes.to_vec(),
                    components,
                },
            });
        }
        i += 2 + len;
    }
    Err("damaged JPEG (no frame header)".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A tiny RGBA PNG, written with the png crate.
    pub(crate) fn png_bytes() -> Vec<u8> {
        let mut out = Vec::new();
        {
            let mut enc = png::Encoder::new(&mut out, 2, 2);
            enc.set_color(png::ColorType::Rgba);
            enc.set_depth(png::BitDepth::Eight);
            let mut w = enc.write_header().unwrap();
            w.write_image_data(&[255, 0, 0, 255, 0, 255, 0, 128, 0, 0, 255, 0, 9, 9, 9, 255])
                .unwrap();
        }
        out
    }

    #[test]
    fn png_and_jpeg_logos_decode_and_other_files_are_refused() {
        let logo = decode_logo(&png_bytes()).unwrap();
        assert_eq!((logo.width_px, logo.height_px), (2, 2));
        assert!(matches!(
            logo.data,
            LogoData::Flate {
                rgb: true,
                alpha: Some(_),
                ..
            }
        ));
        // A minimal JPEG frame header: SOI, SOF0 (8-bit, 3×5, 3 components).
        let jpeg = [
            0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x00, 0x00, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x00,
            0x05, 0x00, 0x03, 0x03, 1, 0x11, 0, 2, 0x11, 0, 3, 0x11, 0,
        ];
        let logo = decode_logo(&jpeg).unwrap();
        assert_eq!((logo.width_px, logo.height_px), (3, 5));
        assert!(decode_logo(b"GIF89a").is_err());
        assert!(decode_logo(&[0xff, 0xd8, 0xff]).is_err());
        assert!(decode_logo(b"\x89PNG\r\n\x1a\nrubbish").is_err());
    }

    #[test]
    fn a_missing_logo_is_named_with_file_line_and_key() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("office.toml");
        std::fs::write(
            &path,
            "[office]\nname = \"Kantor\"\nlogo = \"tidak-ada.png\"\n[signer]\ntitle = \"Kepala\"\n",
        )
        .unwrap();
        let e = load_office(dir.path(), None).unwrap_err().to_string();
        assert!(
            e.starts_with(&format!(
                "{}:3: key `office.logo`: cannot read",
                path.display()
            )),
            "{e}"
        );
        std::fs::write(dir.path().join("tidak-ada.png"), png_bytes()).unwrap();
        let o = load_office(dir.path(), None).unwrap().unwrap();
        assert!(o.logo.is_some());
        // No settings: none, and an explicit file that is missing is an error.
        let empty = tempfile::tempdir().unwrap();
        assert!(load_office(empty.path(), None).unwrap().is_none());
        assert!(load_office(empty.path(), Some(&empty.path().join("x.toml"))).is_err());
    }
}
