//! netra-ingest
