//! Activity ids and addresses.
//!
//! X ids are snowflakes that encode their creation time, as real tweet ids
//! do. All addresses use the reserved `.example` domain so that no link
//! points at a real account.

use std::collections::HashSet;

use chrono::{DateTime, FixedOffset};
use netra_core::Platform;
use rand::Rng;

/// Twitter's snowflake epoch (ms since the Unix epoch).
const SNOWFLAKE_EPOCH_MS: i64 = 1_288_834_974_657;

pub(crate) struct IdMint {
    used: HashSet<String>,
    seq: u64,
}

const YT_ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

impl IdMint {
    pub fn new() -> IdMint {
        IdMint {
            used: HashSet::new(),
            seq: 0,
        }
    }

    /// A new id `platform:local`, unique in this data set.
    pub fn mint<R: Rng>(
        &mut self,
        rng: &mut R,
        platform: Platform,
        t: &DateTime<FixedOffset>,
    ) -> String {
        loop {
            self.seq += 1;
            let local = match platform {
                Platform::X => {
                    let ms = t.timestamp_millis() - SNOWFLAKE_EPOCH_MS;
                    match u64::try_from(ms) {
                        Ok(ms) => ((ms << 22) | (self.seq & 0x3F_FFFF)).to_string(),
                        Err(_) => rng.gen_range(10_000_000_u64..99_999_999).to_string(),
                    }
                }
                Platform::Facebook => rng
                    .gen_range(100_000_000_000_000_u64..999_999_999_999_999)
                    .to_string(),
                // Instagram addresses posts by an 11-character shortcode.
                Platform::Instagram | Platform::Youtube => (0..11)
                    .map(|_| char::from(YT_ALPHABET[rng.gen_range(0..YT_ALPHABET.len())]))
                    .collect(),
                Platform::Tiktok => rng
                    .gen_range(7_000_000_000_000_000_000_u64..7_499_999_999_999_999_999)
                    .to_string(),
                Platform::Web | Platform::Other => {
                    rng.gen_range(100_000_000_u64..999_999_999).to_string()
                }
            };
            let id = format!("{}:{local}", platform.as_str());
            if self.used.insert(id.clone()) {
                return id;
            }
        }
    }
}

/// The part of an id after `platform:`.
pub(crate) fn local_part(id: &str) -> &str {
    id.split_once(':').map_or(id, |(_, l)| l)
}

/// Where a piece of content can be seen.
pub(crate) fn content_url(platform: Platform, handle: &str, id: &str) -> String {
    let local = local_part(id);
    let h = handle.trim_start_matches('@');
    match platform {
        Platform::X => format!("https://x.example/i/status/{local}"),
        Platform::Facebook => format!("https://facebook.example/{local}"),
        Platform::Instagram => format!("https://instagram.example/p/{local}"),
        Platform::Tiktok => format!("https://tiktok.example/@{h}/video/{local}"),
        Platform::Youtube => format!("https://youtube.example/watch?v={local}"),
        Platform::Web => format!("https://web.example/{h}/{local}"),
        Platform::Other => format!("https://other.example/{h}/{local}"),
    }
}

/// An account's profile page.
pub(crate) fn profile_url(platform: Platform, handle: &str) -> String {
    let h = handle.trim_start_matches('@');
    match platform {
        Platform::Tiktok => format!("https://tiktok.example/@{h}"),
        p => format!("https://{}.example/{h}", p.as_str()),
    }
}

/// Where an attached image can be fetched.
pub(crate) fn media_url(platform: Platform, id: &str) -> String {
    format!(
        "https://{}.example/media/{}.jpg",
        platform.as_str(),
        local_part(id)
    )
}
