//! netra's storage: one [`Store`] over embedded SQLite (the default, a file in
//! the data directory) or PostgreSQL (`DATABASE_URL=postgres://…`).
//!
//! Only this crate knows SQL. Writes are idempotent: loading the same
//! activities, registry or signals twice stores nothing twice. Every batch is
//! one transaction, so a crash leaves either all of a batch or none of it.
//!
//! ```no_run
//! # async fn demo() -> Result<(), netra_store::StoreError> {
//! let store = netra_store::Store::open("sqlite:///tmp/netra.db").await?;
//! let counts = store.counts().await?;
//! println!("{} activities stored", counts.activities);
//! # Ok(()) }
//! ```

mod error;
mod store;

pub use error::StoreError;
pub use store::{Backend, Counts, InsertStats, SignalRow, Store};
