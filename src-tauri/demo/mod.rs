//! The built-in demo workbook of a fictional B2B SaaS company, embedded in the binary so that a
//! first-time user sees a full dashboard at once. Regenerate it with
//! `cargo run --no-default-features --example gen_demo` (deterministic).

use crate::import::Source;

pub const FILE_NAME: &str = "northstar-demo.xlsx";
pub(crate) const BYTES: &[u8] = include_bytes!("northstar-demo.xlsx");

pub fn source() -> Source {
    Source { name: FILE_NAME.to_string(), bytes: BYTES.to_vec() }
}
