// Typed wrappers for every Tauri command and event of the app: the only module that talks to Rust.
// The types are generated from the Rust types (./bindings, by ts-rs; see src-tauri/bindings).
import { invoke } from "@tauri-apps/api/core";
import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import type {
  AppError,
  Attribute,
  Against,
  Baseline,
  Bands,
  Breakdown,
  ClvArgs,
  ClvView,
  DatasetView,
  Explanation,
  Flag,
  ForecastBacktest,
  GoalSeek,
  HealthReport,
  HealthWeights,
  InputSource,
  KindInfo,
  Metric,
  MonthMovement,
  Movement,
  Progress,
  Report,
  Scenario,
  ScenarioInput,
  Settings,
  TableKind,
  TableOverride,
  TargetInput,
  TargetsView,
  ThemeComments,
  ThemeEdit,
  ThemeEdits,
  Trend,
  Vary,
  ViewArgs,
  Voice,
  WhatIf,
  WhatMoved,
} from "./bindings";
export type * from "./bindings";

/** The months' money when every month's is known; else why not. */
export function knownMovements(list: MonthMovement[]): Movement[] | string {
  const unknown = list.find((m) => m.mrr === null);
  return unknown && "reason" in unknown ? unknown.reason : (list as Movement[]);
}

export function asAppError(e: unknown): AppError {
  if (e && typeof e === "object" && "kind" in e && "message" in e) return e as AppError;
  return { kind: "unknown", message: String(e) };
}

async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(cmd, args);
  } catch (e) {
    throw asAppError(e);
  }
}

// Data
/** What opens at launch: files given on the command line, else the last import, else the demo. */
export const startup = () => call<DatasetView>("startup");
export const openFiles = (paths: string[]) => call<DatasetView>("open_files", { paths });
/** The native "Open workbook…" dialog; null when cancelled. */
export const chooseFiles = () => call<DatasetView | null>("choose_files");
export const openDemo = () => call<DatasetView>("open_demo");
export const cancelImport = () => call<void>("cancel_import");
export const report = (args: ViewArgs) => call<Report>("report", { args });
export const trend = (args: ViewArgs) => call<Trend>("trend", { args });
/** The red flags of the view (asked for after the dashboard is drawn, like the trend). */
export const flags = (args: ViewArgs) => call<Flag[]>("flags", { args });
export const explain = (args: ViewArgs, kpiId: string) => call<Explanation>("explain", { args, kpiId });
/** What moved the KPI since the previous period, split by `by` (a customer attribute) when given. */
export const whatMoved = (args: ViewArgs, kpiId: string, by: string | null, against: Against = { kind: "previous" }) =>
  call<WhatMoved>("what_moved", { args, kpiId, by, against });
export const breakdown = (args: ViewArgs, key: string) => call<Breakdown>("breakdown", { args, key });
export const attributes = () => call<Attribute[]>("attributes");
/** Saves a correction of one of the files' tables (remembered for any table with the same headers)
 * and imports the files again. */
export const setMapping = (path: string, overrides: TableOverride[]) => call<DatasetView>("set_mapping", { path, overrides });
/** Forgets a remembered correction by the `mapping_headers` of a table, and imports the files again. */
export const forgetMapping = (headers: string[]) => call<DatasetView>("forget_mapping", { headers });

// Predictive CLV
export const clv = (args: ClvArgs) => call<ClvView>("clv", { args });

// What-if
export const whatifBaseline = (args: ViewArgs) => call<Baseline>("whatif_baseline", { args });
export const whatifRun = (inputs: ScenarioInput, baseline: ScenarioInput) => call<WhatIf>("whatif_run", { inputs, baseline });
export const goalSeek = (inputs: ScenarioInput, metric: Metric, target: number, vary: Vary) =>
  call<GoalSeek>("goal_seek", { inputs, metric, target, vary });
/** P10/P50/P90 of the forecast centred on `inputs` (the sliders), drawn from the observed months of the view's data. */
export const whatifBands = (args: ViewArgs, inputs: ScenarioInput, paths: number, seed: number) => call<Bands>("whatif_bands", { args, inputs, paths, seed });
/** The share of paths (0..1) of `inputs` reaching a goal-seek target. */
export const goalSeekChance = (args: ViewArgs, inputs: ScenarioInput, metric: Metric, target: number, paths: number, seed: number) =>
  call<number>("goal_seek_chance", { args, inputs, metric, target, paths, seed });
/** The baseline's past forecasts against what happened. */
export const forecastBacktest = (args: ViewArgs) => call<ForecastBacktest>("forecast_backtest", { args });
export const scenariosList = () => call<Scenario[]>("scenarios_list");
export const scenarioCreate = (name: string, notes: string, inputs: ScenarioInput, args: ViewArgs) =>
  call<Scenario>("scenario_create", { name, notes, inputs, args });
export const scenarioUpdate = (id: number, inputs: ScenarioInput, notes: string) => call<Scenario>("scenario_update", { id, inputs, notes });
export const scenarioRename = (id: number, name: string) => call<Scenario>("scenario_rename", { id, name });
export const scenarioDuplicate = (id: number) => call<Scenario>("scenario_duplicate", { id });
export const scenarioDelete = (id: number) => call<void>("scenario_delete", { id });

// Settings
export const settingsGet = () => call<Settings>("settings_get");
export const settingsSave = (settings: Settings) => call<Settings>("settings_save", { settings });
export const settingsReset = () => call<Settings>("settings_reset");
/** The user's targets (with the defaults and the KPIs). */
export const targetsGet = () => call<TargetsView>("targets_get");
/** Replaces the user's targets (checked whole before anything is saved); the next report applies them. */
export const targetsSave = (targets: TargetInput[]) => call<TargetsView>("targets_save", { targets });

// Health backtest
/** The health score tested on the data's own history, with a horizon of `horizon` months (1-12). */
export const healthBacktest = (horizon: number) => call<HealthReport>("health_backtest", { horizon });
/** Stores the weights as the health score's; the settings after the change. */
export const applyHealthWeights = (weights: HealthWeights) => call<Settings>("apply_health_weights", { weights });
/** Puts back the weights in use before the last `applyHealthWeights`; the settings after the change. */
export const restoreHealthWeights = () => call<Settings>("restore_health_weights");
/** The Health view's "at risk next" list to CSV (a native save dialog; the path, or null when
 * cancelled). Not `exportAtRisk`: that name is the dashboard's at-risk list. */
export const exportHealthAtRisk = (horizon: number) => call<string | null>("export_health_at_risk", { horizon });

// Voice of the customer
/** Themes and sentiment of the view's comments (period and segment as the dashboard's). */
export const voiceView = (args: ViewArgs) => call<Voice>("voice_view", { args });
/** The comments of a theme (its key), of no theme (""), or all (null): most negative first, at most 500. */
export const voiceComments = (args: ViewArgs, theme: string | null) => call<ThemeComments>("voice_comments", { args, theme });
/** Renames, merges or hides a theme (stored, applied to every later view); the stored edits. */
export const editTheme = (edit: ThemeEdit) => call<ThemeEdits>("edit_theme", { edit });

// Exports (a native save dialog; null when cancelled)
export const exportReport = (args: ViewArgs, format: "xlsx" | "csv") => call<string | null>("export_report", { args, format });
/** The Scorecard view (targets and the per-CSM scorecard) to .xlsx or .csv; the path written, null if cancelled. */
export const exportScorecard = (args: ViewArgs, format: "xlsx" | "csv") => call<string | null>("export_scorecard", { args, format });
/** The board pack PDF of the view (period, segment) with the settings, targets and saved scenarios;
 * the path written, null if cancelled. */
export const boardPack = (args: ViewArgs) => call<string | null>("board_pack", { args });
/** The scenario's yearly table and its Assumptions sheet (each input's source: pass the baseline's
 * `sources` so the sheet can say "from your data: …"). */
export const exportScenario = (name: string, inputs: ScenarioInput, baseline: ScenarioInput, sources?: InputSource[]) =>
  call<string | null>("export_scenario", { name, inputs, baseline, sources: sources ?? null });

// Events
export type DragState = "enter" | "leave";
export const onFilesDropped = (f: (paths: string[]) => void): Promise<UnlistenFn> => listen<string[]>("files-dropped", (e) => f(e.payload));
export const onDrag = (f: (s: DragState) => void): Promise<UnlistenFn> => listen<DragState>("drag-state", (e) => f(e.payload));
export const onImportProgress = (f: (p: Progress) => void): Promise<UnlistenFn> => listen<Progress>("import-progress", (e) => f(e.payload));

// Import mapping editor, charts, drill-down export
export const tableKinds = () => call<KindInfo[]>("table_kinds");
/** Saves a chart's PNG bytes through a native save dialog. */
export const savePng = (name: string, bytes: number[]) => call<string | null>("save_png", { name, bytes });
export const exportExplanation = (args: ViewArgs, kpiId: string) => call<string | null>("export_explanation", { args, kpiId });
/** Saves an .xlsx template of a table kind (header row in plain words, two example rows and a "How to
 * fill it" sheet) through a native save dialog; the path, or null if cancelled. */
export const saveTemplate = (kind: TableKind) => call<string | null>("save_template", { kind });
/** The at-risk list of the view to CSV (a native save dialog; null when cancelled). */
export const exportAtRisk = (args: ViewArgs) => call<string | null>("export_at_risk", { args });
/** The breakdown table of the view by `key` to CSV. */
export const exportBreakdown = (args: ViewArgs, key: string) => call<string | null>("export_breakdown", { args, key });
