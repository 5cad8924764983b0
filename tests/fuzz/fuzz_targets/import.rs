//! Any bytes, as the importer would get them from a dropped file: a workbook when they look like a
//! zip or an OLE container (calamine tells the format from the content), CSV otherwise. The importer
//! must return a result or an error naming the file, and never panic or run out of memory.
#![no_main]

use libfuzzer_sys::fuzz_target;
use northstar::import::{import_sources, ImportSettings, Source};

fuzz_target!(
    // The importer contains a reader's panic on a damaged file (it becomes that file's error), so the
    // hook that would abort at the panic is replaced; a panic that escapes the importer still ends
    // the run as a crash.
    init: std::panic::set_hook(Box::new(|_| {})),
    |data: &[u8]| {
    let workbook = data.starts_with(b"PK") || data.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]);
    let name = if workbook { "fuzz.xlsx" } else { "fuzz.csv" };
    let src = Source { name: name.into(), bytes: data.to_vec() };
    if let Err(e) = import_sources(&[src], &ImportSettings::default()) {
        assert!(e.to_string().starts_with(name), "{e}");
    }
    }
);
