//! The Tauri shell: window, managed state, commands and drag-and-drop. Thin by design; everything
//! it shows comes from the engine.

mod bands;
mod clv;
mod data;
mod error;
mod exports;
mod health;
mod pack;
mod prefs;
mod state;
mod targets;
mod voice;
mod whatif;

use state::{CancelImport, Chosen, LaunchFiles, Session, StoreState};
use std::path::PathBuf;
use std::sync::Mutex;
use tauri::{DragDropEvent, Emitter, Manager, WindowEvent};

/// Opens the window; `files` are imported at launch (else the last import, else the demo).
pub fn run(files: Vec<PathBuf>) {
    let store = crate::store::Store::open_default().map_err(|e| e.to_string());
    if let Err(e) = &store {
        eprintln!("northstar: settings will not be remembered: {e}");
    }
    crate::log::init(&crate::store::default_dir());
    let size = store.as_ref().ok().and_then(|s| s.window_size().ok().flatten());
    let result = tauri::Builder::default()
        .setup(move |app| {
            // The window opens at the size the user left it.
            if let (Some((w, h)), Some(win)) = (size, app.get_webview_window("main")) {
                let _ = win.set_size(tauri::LogicalSize::new(w.max(1024.0), h.max(680.0)));
            }
            Ok(())
        })
        .manage(Session::default())
        .manage(StoreState(Mutex::new(store)))
        .manage({
            let chosen = Chosen::default();
            chosen.0.lock().unwrap_or_else(|e| e.into_inner()).allow(files.iter().cloned());
            chosen
        })
        .manage(LaunchFiles(files))
        .manage(CancelImport::default())
        .invoke_handler(tauri::generate_handler![
            data::startup,
            data::open_files,
            data::choose_files,
            data::open_demo,
            data::cancel_import,
            data::report,
            data::explain,
            data::what_moved,
            data::breakdown,
            data::trend,
            data::flags,
            clv::clv,
            data::attributes,
            data::set_mapping,
            data::forget_mapping,
            data::table_kinds,
            whatif::whatif_baseline,
            whatif::whatif_run,
            whatif::goal_seek,
            whatif::scenarios_list,
            whatif::scenario_create,
            whatif::scenario_update,
            whatif::scenario_rename,
            whatif::scenario_duplicate,
            whatif::scenario_delete,
            prefs::settings_get,
            prefs::settings_save,
            prefs::settings_reset,
            targets::targets_get,
            targets::targets_save,
            exports::export_report,
            exports::export_scorecard,
            pack::board_pack,
            health::health_backtest,
            bands::whatif_bands,
            bands::goal_seek_chance,
            bands::forecast_backtest,
            health::apply_health_weights,
            health::restore_health_weights,
            health::export_health_at_risk,
            voice::voice_view,
            voice::voice_comments,
            voice::edit_theme,
            exports::export_scenario,
            exports::export_explanation,
            exports::export_at_risk,
            exports::export_breakdown,
            exports::save_png,
            exports::save_template,
        ])
        .on_window_event(|window, event| {
            if let WindowEvent::CloseRequested { .. } = event {
                if let (Ok(size), Ok(scale)) = (window.inner_size(), window.scale_factor()) {
                    let logical = size.to_logical::<f64>(scale);
                    if let Ok(s) = &mut *window
                        .state::<StoreState>()
                        .0
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                    {
                        let _ = s.save_window_size(logical.width, logical.height);
                    }
                }
            }
            // The UI imports dropped files through `open_files`, like the dialog's.
            if let WindowEvent::DragDrop(drag) = event {
                match drag {
                    DragDropEvent::Enter { .. } => {
                        let _ = window.emit("drag-state", "enter");
                    }
                    DragDropEvent::Leave => {
                        let _ = window.emit("drag-state", "leave");
                    }
                    DragDropEvent::Drop { paths, .. } => {
                        // Dropped files are chosen files: the UI may now open them.
                        window
                            .state::<Chosen>()
                            .0
                            .lock()
                            .unwrap_or_else(|e| e.into_inner())
                            .allow(paths.iter().cloned());
                        let paths: Vec<String> =
                            paths.iter().map(|p| p.display().to_string()).collect();
                        let _ = window.emit("files-dropped", paths);
                    }
                    _ => {}
                }
            }
        })
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("northstar: the window could not start: {e}");
        std::process::exit(1);
    }
}
