//! netra-text
