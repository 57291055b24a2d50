//! Text read in images (OCR), cached by the image's SHA-256 and the engine
//! that read it, so a re-scan does not read the same image again.
//!
//! A cache of what the evidence already holds, not evidence itself: rows
//! are written outside the audit log (the signals they lead to are logged
//! with their reasons), and a purge removes the text of every image whose
//! evidence it removed.

use crate::error::{Doing, StoreError};
use crate::store::{now, Store};

impl Store {
    /// The text `engine` read earlier in the image with this SHA-256, if any.
    pub async fn ocr_text(&self, sha256: &str, engine: &str) -> Result<Option<String>, StoreError> {
        sqlx::query_scalar::<_, String>(
            "SELECT text FROM ocr_text WHERE sha256 = $1 AND engine = $2",
        )
        .bind(sha256)
        .bind(engine)
        .fetch_optional(&self.pool)
        .await
        .doing("reading cached OCR text")
    }

    /// Keeps the text `engine` read in the image with this SHA-256 (the
    /// first reading stays when two runs read the same image at once).
    pub async fn put_ocr_text(
        &self,
        sha256: &str,
        engine: &str,
        text: &str,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO ocr_text (sha256, engine, text, read_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (sha256, engine) DO NOTHING",
        )
        .bind(sha256)
        .bind(engine)
        .bind(text)
        .bind(now())
        .execute(&self.pool)
        .await
        .doing("caching OCR text")?;
        Ok(())
    }

    /// How many image readings the cache holds.
    pub async fn ocr_text_count(&self) -> Result<u64, StoreError> {
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM ocr_text")
            .fetch_one(&self.pool)
            .await
            .doing("counting cached OCR text")?;
        Ok(u64::try_from(n).unwrap_or(0))
    }
}
