//! netra-detect
