//! `northstar board-pack`: the board pack PDF of the files, headless (no window, no GTK).

use super::args::BoardPackArgs;
use super::report::{check_segment, import, read_settings, read_targets, report};
use super::Failure;
use crate::kpi::ReportRequest;
use crate::pack;

pub fn run(a: &BoardPackArgs) -> Result<(), Failure> {
    let mut settings = read_settings(a.settings.as_deref())?;
    settings.targets = read_targets(a.targets.as_deref())?;
    if let Some(paper) = a.paper {
        settings.paper = Some(if paper == pack::Paper::Letter { "letter" } else { "a4" }.into());
    }
    let imported = import(&a.files, &settings, a.mapping.as_deref())?;
    let req =
        ReportRequest { from: a.from, to: a.to, segment: a.segment.clone(), with_details: true };
    // The same checks and messages as `report` when there is nothing to report on.
    check_segment(&imported, &req)?;
    report(&imported, &req, &settings)?;
    let (saved, edits) = match &a.store {
        Some(dir) => {
            let store = super::report::open_store(dir)?;
            (
                store.scenarios().map_err(|e| e.to_string())?,
                store.theme_edits().map_err(|e| e.to_string())?,
            )
        }
        None => (Vec::new(), Default::default()),
    };
    let input = pack::gather(
        &imported.dataset,
        &req,
        &settings,
        pack::data_files(&a.files),
        &saved,
        &edits,
    )
    .map_err(|e| e.to_string())?;
    pack::write(&input, &a.out).map_err(|e| e.to_string())?;
    println!("{}", a.out.display());
    Ok(())
}
