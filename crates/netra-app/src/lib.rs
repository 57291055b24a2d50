//! netra-app
