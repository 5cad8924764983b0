//! The data every layer shares: calendar months and the imported dataset.
//! Produced by `import`, read by `kpi` and `forecast`; plain Rust, no I/O.

pub mod dataset;
pub mod month;

pub use dataset::*;
pub use month::Month;
