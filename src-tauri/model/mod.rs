//! The data every layer shares: calendar months and the imported dataset.
//! Produced by `import`, read by `kpi` and `forecast`; plain Rust, no I/O.

pub mod dataset;
pub mod fx;
pub mod halves;
pub mod month;
pub mod target;

pub use dataset::*;
pub use fx::FxRates;
pub use month::Month;
pub use target::Target;

/// Hash maps and sets keyed by customer ids and dates. foldhash (seeded per process, so a crafted
/// file cannot force collisions) is several times faster than the standard SipHash on short keys,
/// and the KPIs build these maps over every row on each view.
pub type FastMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;
pub type FastSet<T> = std::collections::HashSet<T, foldhash::fast::RandomState>;
