//! Build step of the desktop app. With the `desktop` feature, tauri-build reads ./tauri.conf.json,
//! checks ui/dist and generates the permissions of our own commands, so that the capability file can
//! grant exactly the commands the UI calls (least privilege). The headless CLI needs no build step.

fn main() {
    #[cfg(feature = "desktop")]
    {
        let manifest = tauri_build::AppManifest::new().commands(&[
            "startup",
            "open_files",
            "choose_files",
            "open_demo",
            "cancel_import",
            "report",
            "trend",
            "flags",
            "clv",
            "health_backtest",
            "apply_health_weights",
            "restore_health_weights",
            "export_health_at_risk",
            "voice_view",
            "voice_comments",
            "edit_theme",
            "explain",
            "what_moved",
            "breakdown",
            "attributes",
            "set_mapping",
            "forget_mapping",
            "whatif_baseline",
            "whatif_run",
            "goal_seek",
            "whatif_bands",
            "goal_seek_chance",
            "forecast_backtest",
            "scenarios_list",
            "scenario_create",
            "scenario_update",
            "scenario_rename",
            "scenario_duplicate",
            "scenario_delete",
            "settings_get",
            "settings_save",
            "settings_reset",
            "targets_get",
            "targets_save",
            "export_report",
            "export_scorecard",
            "board_pack",
            "export_scenario",
            "table_kinds",
            "export_explanation",
            "export_at_risk",
            "export_breakdown",
            "save_png",
            "save_template",
        ]);
        tauri_build::try_build(
            tauri_build::Attributes::new()
                .capabilities_path_pattern("./src-tauri/capabilities/**/*")
                .app_manifest(manifest),
        )
        .expect("tauri-build failed (is ui/dist built? run `npm ci && npm run build` in ui/)");
    }
}
