//! Northstar: customer-success and SaaS KPIs from the spreadsheets users already have.
//!
//! The engine (`import`, `kpi`, `forecast`, `store`) is plain Rust with no Tauri types, used by the
//! headless CLI (`cli`), the tests and the desktop shell (`app`, behind the `desktop` feature).

// Import allocates one string per text cell on the reader thread and frees it on the parsing
// thread; mimalloc handles that cross-thread traffic far better than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

pub mod app_json;
#[cfg(feature = "ts")]
pub mod bindings;
pub mod cli;
pub mod clv;
pub mod demo;
pub mod export;
pub mod forecast;
pub mod health;
pub mod import;
pub mod kpi;
pub mod loader;
pub mod log;
pub mod model;
pub mod pack;
pub mod paint;
pub mod settings;
pub mod store;
pub mod targets;
pub mod voice;

#[cfg(feature = "desktop")]
pub mod app;
