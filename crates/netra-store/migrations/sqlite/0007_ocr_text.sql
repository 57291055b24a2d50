-- Text read in images by OCR (`netra scan|import|worker --ocr`), cached by
-- the image's SHA-256 so a re-scan does not read the same image again.
-- Migrations are never edited once applied; add a new file instead.

-- One row per image and engine (`tesseract ind+eng`): another language set
-- reads the image again. Only images of activities netra keeps (registered
-- ASN accounts) are read, and each row goes when the image's evidence is
-- purged (no evidence row with the same SHA-256 left).
CREATE TABLE ocr_text (
    sha256 TEXT NOT NULL,
    engine TEXT NOT NULL,
    text TEXT NOT NULL,
    read_at TEXT NOT NULL,             -- RFC 3339, UTC
    PRIMARY KEY (sha256, engine)
);
