//! netra-demo
