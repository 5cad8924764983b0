//! The TypeScript types of every command's arguments and answers (and of the events), generated
//! from the Rust types with ts-rs into `ui/src/bindings/`, which the UI imports (`api.ts`).
//! `tests/bindings.rs` renders them and fails when the committed file differs.
//!
//! Most types derive `ts_rs::TS` where they are defined (behind the feature `ts`, which every
//! test build turns on). The JSON written by hand-made serialisers (a KPI, a month's movements, the
//! health components' map) is described by the shapes in `shapes.rs`, checked against the real JSON
//! by the UI's fixture test (`ui/src/bindings.test.ts`).

mod shapes;

pub use shapes::*;

use std::any::TypeId;
use std::collections::{BTreeMap, BTreeSet, HashSet};
use ts_rs::{Config, TypeVisitor, TS};

/// A Rust type whose JSON is a TypeScript primitive (it has a hand-made serialiser).
macro_rules! primitive {
    ($ty:ty => $ts:literal) => {
        impl TS for $ty {
            type WithoutGenerics = Self;
            type OptionInnerType = Self;
            fn name(_: &Config) -> String {
                $ts.to_owned()
            }
            fn inline(_: &Config) -> String {
                $ts.to_owned()
            }
        }
    };
}

// An exact Decimal written as a JSON number (nearest f64).
primitive!(crate::kpi::value::Num => "number");
primitive!(crate::forecast::model::Num2 => "number");
// "YYYY-MM".
primitive!(crate::model::Month => "string");

/// The command names registered in `app/mod.rs`, with what each takes and gives (beside the app's
/// state): the roots of the generated file. `tests/bindings.rs` checks the list against the
/// registration and against the wrappers of `ui/src/api.ts`.
pub const COMMANDS: &[(&str, &str)] = &[
    ("startup", "-> DatasetView"),
    ("open_files", "paths: string[] -> DatasetView"),
    ("choose_files", "-> DatasetView | null"),
    ("open_demo", "-> DatasetView"),
    ("cancel_import", "-> null"),
    ("report", "args: ViewArgs -> Report"),
    ("explain", "args: ViewArgs, kpiId: string -> Explanation"),
    ("what_moved", "args: ViewArgs, kpiId: string, by: string | null, against: Against -> WhatMoved"),
    ("breakdown", "args: ViewArgs, key: string -> Breakdown"),
    ("trend", "args: ViewArgs -> Trend"),
    ("flags", "args: ViewArgs -> Flag[]"),
    ("clv", "args: ClvArgs -> ClvView"),
    ("attributes", "-> Attribute[]"),
    ("set_mapping", "path: string, overrides: TableOverride[] -> DatasetView"),
    ("forget_mapping", "headers: string[] -> DatasetView"),
    ("table_kinds", "-> KindInfo[]"),
    ("whatif_baseline", "args: ViewArgs -> Baseline"),
    ("whatif_run", "inputs: ScenarioInput, baseline: ScenarioInput -> WhatIf"),
    ("goal_seek", "inputs: ScenarioInput, metric: Metric, target: number, vary: Vary -> GoalSeek"),
    ("scenarios_list", "-> Scenario[]"),
    ("scenario_create", "name: string, notes: string, inputs: ScenarioInput, args: ViewArgs -> Scenario"),
    ("scenario_update", "id: number, inputs: ScenarioInput, notes: string -> Scenario"),
    ("scenario_rename", "id: number, name: string -> Scenario"),
    ("scenario_duplicate", "id: number -> Scenario"),
    ("scenario_delete", "id: number -> null"),
    ("settings_get", "-> Settings"),
    ("settings_save", "settings: Settings -> Settings"),
    ("settings_reset", "-> Settings"),
    ("targets_get", "-> TargetsView"),
    ("targets_save", "targets: TargetInput[] -> TargetsView"),
    ("export_report", "args: ViewArgs, format: string -> string | null"),
    ("export_scorecard", "args: ViewArgs, format: string -> string | null"),
    ("board_pack", "args: ViewArgs -> string | null"),
    ("health_backtest", "horizon: number -> HealthReport"),
    ("whatif_bands", "args: ViewArgs, inputs: ScenarioInput, paths: number, seed: number -> Bands"),
    ("goal_seek_chance", "args: ViewArgs, inputs: ScenarioInput, metric: Metric, target: number, paths: number, seed: number -> number"),
    ("forecast_backtest", "args: ViewArgs -> ForecastBacktest"),
    ("apply_health_weights", "weights: HealthWeights -> Settings"),
    ("restore_health_weights", "-> Settings"),
    ("export_health_at_risk", "horizon: number -> string | null"),
    ("voice_view", "args: ViewArgs -> Voice"),
    ("voice_comments", "args: ViewArgs, theme: string | null -> ThemeComments"),
    ("edit_theme", "edit: ThemeEdit -> ThemeEdits"),
    ("export_scenario", "name: string, inputs: ScenarioInput, baseline: ScenarioInput, sources: InputSource[] | null -> string | null"),
    ("export_explanation", "args: ViewArgs, kpiId: string -> string | null"),
    ("export_at_risk", "args: ViewArgs -> string | null"),
    ("export_breakdown", "args: ViewArgs, key: string -> string | null"),
    ("save_png", "name: string, bytes: number[] -> string | null"),
    ("save_template", "kind: TableKind -> string | null"),
];

/// Visits every type of `COMMANDS` (and of the events and the error).
fn roots(v: &mut impl TypeVisitor) {
    use crate::{app_json as app, forecast, health, import, kpi, settings, store, targets};
    // Answers.
    v.visit::<app::DatasetView>();
    v.visit::<kpi::Report>();
    v.visit::<kpi::explain::Explanation>();
    v.visit::<kpi::moved::WhatMoved>();
    v.visit::<kpi::breakdown::Breakdown>();
    v.visit::<Trend>();
    v.visit::<kpi::flags::Flag>();
    v.visit::<app::ClvView>();
    v.visit::<app::Attribute>();
    v.visit::<app::KindInfo>();
    v.visit::<forecast::baseline::Baseline>();
    v.visit::<app::WhatIf>();
    v.visit::<forecast::GoalSeek>();
    v.visit::<store::scenarios::Scenario>();
    v.visit::<settings::Settings>();
    v.visit::<targets::TargetsView>();
    v.visit::<health::HealthReport>();
    v.visit::<forecast::bands::Bands>();
    v.visit::<forecast::backtest::Backtest>();
    v.visit::<crate::voice::Voice>();
    v.visit::<app::ThemeComments>();
    v.visit::<crate::voice::ThemeEdits>();
    // Arguments.
    v.visit::<app::ViewArgs>();
    v.visit::<app::AgainstArgs>();
    v.visit::<import::mapping::TableOverride>();
    v.visit::<app::ClvArgs>();
    v.visit::<forecast::ScenarioInput>();
    v.visit::<forecast::Metric>();
    v.visit::<forecast::Vary>();
    v.visit::<targets::TargetInput>();
    v.visit::<settings::HealthWeights>();
    v.visit::<store::themes::ThemeEdit>();
    v.visit::<crate::export::InputSource>();
    v.visit::<import::TableKind>();
    // The `import-progress` event, and every command's error.
    v.visit::<import::progress::Progress>();
    v.visit::<app::ErrorJson>();
}

/// The file of `ui/src/bindings/` a Rust type's declaration goes to, by the engine's module it is
/// defined in (small modules join the one they serve).
fn file_of(rust: &str) -> &'static str {
    let path: Vec<&str> = rust.strip_prefix("northstar::").unwrap_or("").split("::").collect();
    match path.as_slice() {
        ["forecast" | "export", ..] | ["store", "scenarios", ..] => "forecast",
        ["voice", ..] | ["store", "themes", ..] => "voice",
        ["app_json" | "store", ..] => "app",
        ["import", ..] => "import",
        ["health", ..] => "health",
        ["clv", ..] => "clv",
        ["settings" | "targets", ..] => "settings",
        // The report's types, the shapes of its hand-made serialisers (bindings), `model`, and
        // ts-rs's stand-in for a JSON value.
        _ => "kpi",
    }
}

/// A declaration of the generated files.
struct Decl {
    rust: &'static str,
    file: &'static str,
    /// With its doc comment.
    text: String,
    /// The TypeScript names of the declared types it names.
    uses: Vec<(TypeId, String)>,
}

/// Collects each type's declaration once, with the declarations of the types it names.
struct Collect<'a> {
    cfg: &'a Config,
    seen: HashSet<TypeId>,
    /// By TypeScript name.
    decls: BTreeMap<String, Decl>,
    files: BTreeMap<TypeId, &'static str>,
}

impl TypeVisitor for Collect<'_> {
    fn visit<T: TS + 'static + ?Sized>(&mut self) {
        // Primitives and containers have no output path: they are written inline.
        if T::output_path().is_none() || !self.seen.insert(TypeId::of::<T>()) {
            return;
        }
        let name = T::ident(self.cfg);
        let text = format!("{}export {}", T::docs().unwrap_or_default(), T::decl(self.cfg));
        let rust = std::any::type_name::<T>();
        let file = file_of(rust);
        self.files.insert(TypeId::of::<T>(), file);
        let uses = T::dependencies(self.cfg).into_iter().map(|d| (d.type_id, d.ts_name)).collect();
        let decl = Decl { rust, file, text, uses };
        // Two Rust types under one TypeScript name would shadow each other (unless they declare
        // the same type, as ts-rs's stand-in for `serde_json::Value` and that type itself do).
        if let Some(before) = self.decls.insert(name.clone(), decl) {
            let now = &self.decls[&name];
            assert_eq!(
                before.text, now.text,
                "{} and {} are both `{name}` in TypeScript: rename one (#[ts(rename)])",
                before.rust, now.rust
            );
        }
        T::visit_dependencies(self);
    }
}

/// The generated files (`ui/src/bindings/NAME.ts`, with `index.ts` re-exporting them all): each
/// file's declarations sorted by name, after the imports of the types it names from the others.
pub fn render() -> BTreeMap<String, String> {
    // 64-bit integers (seeds, counts of rows, ids) are JSON numbers, not BigInts.
    let cfg = Config::new().with_large_int("number");
    let mut c =
        Collect { cfg: &cfg, seen: HashSet::new(), decls: BTreeMap::new(), files: BTreeMap::new() };
    roots(&mut c);
    const HEAD: &str = "// Generated from the Rust types by ts-rs (src-tauri/bindings): do not edit.\n\
        // `NORTHSTAR_WRITE_BINDINGS=1 cargo test --no-default-features --test bindings` writes the\n\
        // files again; that test fails while they are stale.\n";
    let mut bodies: BTreeMap<&str, String> = BTreeMap::new();
    let mut imports: BTreeMap<&str, BTreeMap<&str, BTreeSet<String>>> = BTreeMap::new();
    for (name, d) in &c.decls {
        let body = bodies.entry(d.file).or_default();
        body.push('\n');
        body.push_str(&d.text);
        body.push('\n');
        for (id, used) in &d.uses {
            match c.files.get(id) {
                Some(&f) if f != d.file => {
                    imports.entry(d.file).or_default().entry(f).or_default().insert(used.clone());
                }
                Some(_) => {}
                None => panic!("{name} names {used}, which was not collected"),
            }
        }
    }
    let mut out = BTreeMap::new();
    let mut index = String::from(HEAD);
    index.push('\n');
    for (file, body) in bodies {
        let mut text = String::from(HEAD);
        if let Some(from) = imports.get(file) {
            text.push('\n');
            for (f, names) in from {
                let names: Vec<&str> = names.iter().map(String::as_str).collect();
                text.push_str(&format!("import type {{ {} }} from \"./{f}\";\n", names.join(", ")));
            }
        }
        text.push_str(&body);
        out.insert(format!("{file}.ts"), text);
        index.push_str(&format!("export type * from \"./{file}\";\n"));
    }
    out.insert("index.ts".to_string(), index);
    out
}
