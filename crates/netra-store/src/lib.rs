//! netra-store
