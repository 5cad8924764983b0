// Typed wrappers for every Tauri command and event of the app: the only module that talks to Rust.
import { invoke } from "@tauri-apps/api/core";
import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import type { HealthReport, HealthWeights } from "./healthtypes";
export type * from "./healthtypes";
import type { Bands, ForecastBacktest } from "./bandtypes";
export type * from "./bandtypes";
import type { ThemeComments, ThemeEdit, ThemeEdits, Voice } from "./voicetypes";
export type * from "./voicetypes";

export type Unit = "ratio" | "score" | "money" | "count" | "days" | "hours" | "months" | "minutes";
export interface Quarter {
  quarter: string;
  value: number;
  /** Set when only some of the quarter's months lie inside the period and the data. */
  partial?: boolean;
  /** How many of its months do, from `from` to `to` (YYYY-MM). */
  months?: number;
  from?: string;
  to?: string;
}
/** Which way a KPI's change is good news. */
export type GoodWhen = "up" | "down" | "neutral";
/** Which way a target points: low only = at least, high only = at most, both = a band. */
export type TargetDirection = "at_least" | "at_most" | "band";
/** Where the target that applies comes from: a targets table of the files, the user's (Settings),
 * or Northstar's defaults. */
export type TargetOrigin = "workbook" | "user" | "default";
/** A KPI's target (bounds in the KPI's own scale: a ratio 1.1 is 110%). */
export interface KpiTarget {
  low: number | null;
  high: number | null;
  direction: TargetDirection;
  /** Where it comes from, in words: a default's reference, "Settings", "book.xlsx [Targets] row 3". */
  source: string;
  origin: TargetOrigin;
  note?: string;
  /** Set when the target is for a segment ([attribute, value]) or a CSM only. */
  segment?: [string, string];
  csm?: string;
}
/** A value exactly on a bound is on track. */
export type TargetStatus = "on_track" | "off_track";
export interface Kpi {
  value: number | Quarter[] | null;
  unit: Unit;
  reason?: string;
  n?: number;
  /** null (with `previous_reason`) when the previous period's value is unknown or partial. */
  previous?: number | null;
  change?: number;
  /** Why there is no previous value to compare with. */
  previous_reason?: string;
  /** Why there is no change although `previous` is known (this period's value is partial). */
  change_reason?: string;
  /** Set when the value covers only part of the period ("usage data covers 2024-01 to 2024-10 of
   * this period"). */
  note?: string;
  good_when?: GoodWhen;
  /** The reporting currency of a money value (`USD`). */
  currency?: string;
  /** Present only on a KPI with a target. */
  target?: KpiTarget;
  /** null when the value is null (or a list of quarters). */
  status?: TargetStatus | null;
  /** The distance to the target in the KPI's unit: "3.2 pts below 110%", "within 30–70". */
  target_distance?: string | null;
  [extra: string]: unknown;
}
export interface Movement {
  month: string;
  mrr: number;
  new: number;
  reactivation: number;
  expansion: number;
  contraction: number;
  churn: number;
}
/** A month whose money cannot be added up (several currencies without rates): null, with why. */
export interface UnknownMovement {
  month: string;
  mrr: null;
  new: null;
  reactivation: null;
  expansion: null;
  contraction: null;
  churn: null;
  reason: string;
}
/** The months' money when every month's is known; else why not. */
export function knownMovements(list: (Movement | UnknownMovement)[]): Movement[] | string {
  const unknown = list.find((m): m is UnknownMovement => m.mrr === null);
  return unknown ? unknown.reason : (list as Movement[]);
}
export interface Cohort {
  cohort: string;
  customers: number;
  mrr: number | null;
  logo: number[];
  revenue: number[];
}
export interface CsmRow {
  csm: string;
  customers: number;
  mrr: number | null;
  nrr: number | null;
  grr: number | null;
  customer_churn_rate: number | null;
  onboarding_rating: number | null;
  ttfv_days: number | null;
  engagement_activities: number;
  advocacy_activities: number;
  /** The figures that are more than 10 points worse than the team's (NRR or GRR below it, logo
   * churn above it). */
  outliers: ("nrr" | "grr" | "customer_churn_rate")[];
}
export interface CustomerHealth {
  customer_id: string;
  score: number | null;
  band: "red" | "yellow" | "green" | null;
  utilization: number | null;
  nps: number | null;
  mrr_trend: number | null;
  support: number | null;
  engagement: number | null;
}
/** A customer of the at-risk list: health and its components, with what a leader acts on. */
export interface AtRisk extends CustomerHealth {
  name: string | null;
  csm: string | null;
  /** 12 × the customer's MRR in the last month of the period. */
  arr: number;
  /** The first renewal due after the period (renewals table), YYYY-MM-DD. */
  renewal_date: string | null;
}
export interface Utilization {
  customer_id: string;
  name: string | null;
  purchased: number;
  active: number;
  ratio: number;
}
export interface HealthBands {
  green: number;
  yellow: number;
  red: number;
  unscored: number;
}
/** What the dashboard draws, aggregated by the engine (a few kilobytes whatever the book's size). */
export interface Details {
  distributions: { nps: number[]; csat: number[]; ces: number[] };
  health_bands: HealthBands;
  /** The 12 lowest-scored customers, lowest first. */
  riskiest: AtRisk[];
  /** The 25 customers with the lowest license utilization, lowest first. */
  utilization: Utilization[];
}
export interface Period {
  from: string;
  /** The cut month when the asked period reached past the revenue data. */
  to: string;
  /** Why the period is not the one asked for (cut at the end of the revenue data), or why its
   * revenue KPIs are unknown (it lies wholly after the revenue data). */
  note?: string;
}
/** A team metric of the per-CSM scorecard. */
export type ScorecardMetricId =
  | "onboarding_rating"
  | "ttfv_days"
  | "ces_mean"
  | "engagement_activities"
  | "advocacy_activities"
  | "nps"
  | "gross_renewal_rate"
  | "nrr"
  | "mrr_expansion"
  | "customer_churn_rate";
/** A column of the scorecard: the metric, the whole team's KPI and the median of the CSMs' values. */
export interface ScorecardMetric {
  id: ScorecardMetricId;
  label: string;
  unit: Unit;
  good_when: GoodWhen;
  /** The KPI over every customer of the view (the dashboard's value). */
  team: number | null;
  /** The median of the CSMs' values. */
  median: number | null;
  /** How many CSMs have a value (and a rank). */
  ranked: number;
  /** Why no CSM has a value (the team KPI's reason). */
  reason?: string;
  /** The team target of the metric (the view's target for its KPI), when there is one. */
  target_low: number | null;
  target_high: number | null;
}
/** A CSM's value of a metric, the team median beside it and the CSM's rank (1 = best, by the metric's
 * direction; equal values share a rank); null where the CSM has no data for it. */
export interface ScorecardCell {
  value: number | null;
  median: number | null;
  rank: number | null;
  /** Against the CSM's target (one set for that CSM, else the team's); null without one. */
  status: TargetStatus | null;
}
export interface CsmScore {
  csm: string;
  /** Customers owned that are active at the end of the period. */
  customers: number;
  metrics: Record<ScorecardMetricId, ScorecardCell>;
}
export interface Scorecard {
  metrics: ScorecardMetric[];
  csms: CsmScore[];
}
export interface Report {
  period: Period;
  previous_period: Period;
  kpis: Record<string, Kpi>;
  movements: (Movement | UnknownMovement)[];
  mrr_series: (Movement | UnknownMovement)[];
  cohorts: Cohort[];
  csm: CsmRow[];
  /** The per-CSM scorecard of the team metrics (empty in a breakdown's rows). */
  scorecard: Scorecard;
  details: Details;
}
/** A KPI that moved against its good direction in the view's last month by more than two standard
 * deviations of its monthly changes over the previous 12 months. */
export interface KpiFlag {
  kind: "kpi";
  kpi: string;
  label: string;
  unit: Unit;
  good_when: GoodWhen;
  /** YYYY-MM */
  month: string;
  value: number;
  previous: number;
  change: number;
  mean_change: number;
  /** The sample standard deviation of the monthly changes, from `changes` of them. */
  sd: number;
  changes: number;
  text: string;
}
/** A CSM worse than the team median on a team metric in each of the last two quarters. */
export interface CsmFlag {
  kind: "csm";
  csm: string;
  metric: ScorecardMetricId;
  label: string;
  unit: Unit;
  good_when: GoodWhen;
  /** Older first; `quarter` is "2024-Q1", or "FY2025-Q1" with a fiscal year not starting in January. */
  quarters: { quarter: string; from: string; to: string; value: number; median: number }[];
  text: string;
}
export type Flag = KpiFlag | CsmFlag;
/** Each KPI month by month over the last (up to) 12 months of the view: the tiles' sparklines. */
export type Trend = Record<string, (number | null)[]>;
export interface Issue {
  file: string;
  sheet: string | null;
  row: number;
  column: string;
  value: string;
  reason: string;
}
export interface Warning {
  file: string;
  sheet: string | null;
  message: string;
}
export interface ColumnMap {
  header: string;
  maps_to: string;
}
/** The first and last month (YYYY-MM) with a row. */
export interface Coverage {
  first: string;
  last: string;
}
export interface TableReport {
  file: string;
  sheet: string | null;
  kind: string | null;
  layout: string;
  header_row: number | null;
  rows_read: number;
  rows_used: number;
  rows_skipped: number;
  columns: ColumnMap[];
  /** The months the table's used rows cover (null without dates, e.g. customers). */
  coverage?: Coverage | null;
  /** The system export it was recognised as (`stripe_subscriptions`) and its name. */
  source?: string | null;
  system?: string | null;
  /** Rows an export rule left out (counted as used), by reason. */
  set_aside?: Record<string, number>;
  /** The normalisation rules applied, each with the rows it applied to. */
  rules?: RuleApplied[];
  /** A tickets table with a satisfaction column: the CSAT responses its ratings gave. */
  csat_responses?: number;
  /** Which correction applied: a mapping entry naming the file, one naming the headers, or one
   * remembered from a table with the same headers (exports.md §10); null for none. */
  mapping?: "file" | "headers" | "remembered" | null;
  /** When the remembered correction was saved (RFC 3339, UTC). */
  mapping_saved?: string | null;
  /** The header signature it was found by: what `forgetMapping` takes to undo it. */
  mapping_headers?: string[] | null;
}
export interface RuleApplied {
  rule: string;
  rows: number;
}
/** A table whose every data row was refused, with its reasons (commonest first). */
export interface RefusedTable {
  file: string;
  sheet: string | null;
  kind: string;
  rows: number;
  reasons: { reason: string; rows: number }[];
  /** `s.csv: 40 rows refused: 31 not a date, 9 not a number` */
  message: string;
}
export interface ImportReport {
  tables: TableReport[];
  issues: Issue[];
  issues_total: number;
  warnings: Warning[];
  /** Hidden sheets left out; a mapping entry naming one includes it. */
  hidden_sheets: SheetRef[];
  refused: RefusedTable[];
  /** The reporting currency, when the data or Settings name one. */
  currency?: string | null;
  /** Money areas (revenue, orders...) whose amounts are not summed, with the reason. */
  money_blocked?: Record<string, string>;
}
export interface SheetRef {
  file: string;
  sheet: string;
}
export type Source = { kind: "demo"; name: string } | { kind: "files"; paths: string[] };
export interface RecentFile {
  path: string;
  opened_at: string;
}
export interface DatasetView {
  source: Source;
  label: string;
  import: ImportReport;
  report: Report;
  recent: RecentFile[];
  notice: string | null;
}
export interface Progress {
  file: string;
  sheet: string | null;
  bytes_done: number;
  bytes_total: number;
  rows_done: number;
  rows_total: number;
}
export type Preset = "last_month" | "last_quarter" | "last12_months" | "year_to_date" | "calendar_year";
/** Which slice of the data a view shows. */
export interface ViewArgs {
  preset?: Preset;
  from?: string;
  to?: string;
  segment?: [string, string] | null;
}
export interface Explanation {
  kpi: string;
  label: string;
  formula: string;
  period: Period;
  result: Kpi;
  inputs: ExplanationInput[];
  rows_are: string;
  columns: string[];
  rows: (string | number | boolean | null)[][];
  /** What the import did to the rows of the tables the KPI reads (system exports' rules). */
  import_rules?: string[];
  /** The KPI's last months (each alone) against its target; empty without a target. */
  target_trend?: TargetMonth[];
}
export interface TargetMonth {
  month: string;
  value: number | null;
  on_track: boolean | null;
}
/** A figure behind a KPI, written by the engine with enough digits that the formula on the shown
 * inputs gives the shown result. */
export interface ExplanationInput {
  /** A KPI id, a figure of the rows (`start_mrr`), `gross_margin`, or `previous` / `change`. */
  key: string;
  name: string;
  value: number | null;
  unit: Unit;
  /** As shown: "$3,120.69", "1.87399%", "+5.1 pts". */
  display: string;
  /** `previous` / `change`: the KPI in the previous period and the change since. */
  role: "input" | "previous" | "change";
  /** An assumption not from the data ("default: set yours in Settings"). */
  note?: string;
}
/** The rows a number of a what-moved sentence stands for: the explanation of `kpi` over
 * `from`..`to` (within `segment`), the row of `customer` marked. */
export interface MovedLink {
  kpi: string;
  from: string;
  to: string;
  segment: [string, string] | null;
  customer?: string;
}
/** A piece of a what-moved sentence: text, or a number with its rows. */
export interface MovedPart {
  text: string;
  link?: MovedLink;
}
/** Why a KPI moved between an earlier period (`before_period`: by default the previous one) and the view's period. Effects are
 * in the KPI's unit (a ratio for NRR: 0.01 is 1 pt). */
export interface WhatMoved {
  kpi: string;
  label: string;
  unit: Unit;
  before_period: Period;
  period: Period;
  by: string | null;
  before: number | null;
  after: number | null;
  change: number | null;
  /** Why there is no change although `after` is known (the report's comparison rule). */
  change_reason: string | null;
  by_movement: { movement: string; effect: number }[];
  by_group: { group: string; rate_effect: number; mix_effect: number; before: number | null; after: number | null; weight_before: number | null; weight_after: number | null; before_imputed: boolean; after_imputed: boolean }[];
  accounts: { customer_id: string; name: string | null; effect: number }[];
  /** The accounts, of all, that moved it most the way it went (those the sentences name). */
  drivers: { customer_id: string; name: string | null; effect: number }[];
  sentences: string[];
  sentence_parts: MovedPart[][];
}
export interface Breakdown {
  by: string;
  rows: { value: string; kpis: Record<string, Kpi> }[];
}
export interface Attribute {
  key: string;
  values: string[];
}
/** A correction of a table named by its file (and sheet), or by its headers (any table with them). */
export interface TableOverride {
  file?: string;
  headers?: string[];
  sheet?: string | null;
  kind?: string | null;
  header_row?: number | null;
  columns?: Record<string, string | null>;
}
/** What-if inputs: the keys of a scenario file of `northstar forecast`. */
export interface ScenarioInput {
  start_mrr?: number | null;
  start_customers?: number | null;
  monthly_churn?: number | null;
  /** Revenue churn: the share of MRR lost to churned customers a month (default: monthly_churn). */
  monthly_revenue_churn?: number | null;
  monthly_expansion?: number | null;
  monthly_contraction?: number | null;
  new_customers_per_month?: number | null;
  new_customer_arpa?: number | null;
  new_customer_growth?: number | null;
  gross_margin?: number | null;
  annual_discount_rate?: number | null;
  cac?: number | null;
  years?: number | null;
}
/** Where a baseline input came from. */
export type SourceKind = "data" | "settings" | "default";
export interface Baseline {
  inputs: ScenarioInput;
  /** One per input, with the text saying where its value came from. */
  sources: { input: keyof ScenarioInput; from: string; kind: SourceKind }[];
  /** Revenue churn, expansion and contraction: calibrated to the observed GRR and NRR, or the
   * period's average monthly rates (no starting cohort), or defaults (no revenue movements). */
  calibration: "observed_retention" | "average_rates" | "none";
  /** The period's retention as the dashboard shows it. */
  observed: { from: string; to: string; months: number; nrr: number | null; grr: number | null };
  /** Why the forecast's NRR and GRR are not the dashboard's, when they are not. */
  note: string | null;
}
export interface YearRow {
  year: number;
  arr: number;
  customers: number;
  nrr: number;
  grr: number;
  new_arr: number;
  churned_arr: number;
  expansion_arr: number;
  contraction_arr: number;
}
export interface Forecast {
  years: YearRow[];
  months: { month: number; mrr: number; customers: number }[];
  /** Lifetime value; null when unbounded (r >= 1), with `clv_reason`. */
  clv: number | null;
  clv_reason: string | null;
  /** The value of a customer over the horizon: always a number. */
  clv_horizon: number;
  ltv_to_cac: number | null;
  cac_payback_months: number | null;
}
/** One bar pair of the tornado chart: the (down, up) change of each output. */
export interface Effect {
  input: keyof ScenarioInput;
  step: number;
  arr: [number, number];
  nrr: [number, number];
  clv: [number, number];
}
/** The sensitivity of one input as the engine gives it: the lifetime CLV change is null where the
 * lifetime value (before or after the move) is unbounded. */
export interface Sensitivity {
  input: keyof ScenarioInput;
  step: number;
  arr: [number, number];
  nrr: [number, number];
  clv: [number | null, number | null];
  clv_horizon: [number, number];
}
export interface WhatIf {
  comparison: { scenario: Forecast; baseline: Forecast; deltas: YearRow[]; clv_delta: number | null; clv_horizon_delta: number };
  sensitivity: Sensitivity[];
}
export type Metric = "nrr" | "clv" | "arr";
export type Vary = "monthly_churn" | "monthly_expansion";
export interface GoalSeek {
  vary: Vary;
  value: number;
  reachable: boolean;
  /** Null only for a lifetime-CLV target that no value of the input bounds. */
  achieved: number | null;
  /** With vary = monthly_churn: the revenue churn that moved with it. */
  monthly_revenue_churn?: number;
}
export interface Scenario {
  id: number;
  name: string;
  notes: string;
  inputs: ScenarioInput;
  based_on: { files: string[]; hash: string | null; period_from: string | null; period_to: string | null };
  created_at: string;
  updated_at: string;
}
export interface Settings {
  gross_margin?: number | null;
  csat_scale?: number | null;
  date_order?: "mdy" | "dmy" | null;
  decimal_comma?: boolean | null;
  health: {
    weights: HealthWeights;
    red_below: number;
    green_from: number;
    /** The churn horizon of the health backtest in months (default 3). */
    horizon?: number;
  };
  currency_symbol?: string | null;
  /** The currency money KPIs are reported in; unset = the data's only currency. */
  reporting_currency?: string | null;
  /** Exchange rates: one unit of `currency` in the reporting currency (for `month`, or any month). */
  fx_rates?: FxRateSetting[];
  /** The month (1-12) the fiscal year starts in; quarters and the period presets follow it (default 1). */
  fiscal_year_start?: number | null;
  /** The company the board pack is of (default: the first data file's name). */
  company?: string | null;
  /** The board pack's paper (default "a4"). */
  paper?: "a4" | "letter" | null;
}
export interface FxRateSetting {
  currency: string;
  rate: number;
  month?: string | null;
}
/** A target as the Settings panel is sent it; direction "none" = no target (a cleared default). */
export interface TargetOut {
  kpi: string;
  low: number | null;
  high: number | null;
  direction: TargetDirection | "none";
  note: string | null;
  source: string;
  segment: [string, string] | null;
  csm: string | null;
}
/** A target as the Settings panel saves it: either bound optional, neither = no target for that
 * KPI. `segment` as [attribute, value] or "plan=Pro". */
export interface TargetInput {
  kpi: string;
  low?: number | null;
  high?: number | null;
  note?: string | null;
  segment?: [string, string] | string | null;
  csm?: string | null;
}
export interface TargetKpiInfo {
  id: string;
  label: string;
  unit: Unit | null;
  good_when: GoodWhen;
}
/** The user's targets, the defaults they override, and every KPI a target can be set for. */
export interface TargetsView {
  targets: TargetOut[];
  defaults: TargetOut[];
  kpis: TargetKpiInfo[];
}
/** Every command error: the UI branches on `kind`, shows `message`. */
export interface AppError {
  kind: string;
  message: string;
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
/** The period a what-moved change is measured from. */
export type Against = { kind: "previous" } | { kind: "year_earlier" } | { kind: "months"; from: string; to: string };
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
export type ClvUnit = "day" | "week" | "month";
export interface ClvArgs {
  calibration_end: string | null;
  unit: ClvUnit;
  horizon: number;
  discount_rate: number;
}
export interface CustomerValue {
  customer_id: string;
  x: number;
  t_x: number;
  T: number;
  p_alive: number;
  expected_purchases: number;
  expected_avg_value: number;
  clv: number;
  past_spend: number;
}
export interface ClvAnalysis {
  calibration_end: string;
  unit: ClvUnit;
  horizon: number;
  discount_rate: number;
  customers: number;
  repeat_customers: number;
  skipped_orders: number;
  free_orders: number;
  /** `boundary`: when the best BG/NBD fit lies on the edge of what the model can express, what
   *  that means in plain words (null for an ordinary fit). */
  bgnbd: { r: number; alpha: number; a: number; b: number; log_likelihood: number; boundary: string | null };
  gamma_gamma: { p: number; q: number; gamma: number };
  expected_repeat_purchases: number;
  mean_p_alive: number;
  p_alive_histogram: number[];
  top_customers: CustomerValue[];
  at_risk: CustomerValue[];
  tracking: { unit: number; actual: number; expected: number }[];
  tracking_calibration_unit: number;
  in_words: { purchases_per_unit: number; dropout_after_purchase: number; mean_spend: number };
  holdout: { from: string; to: string; actual: number; expected: number; difference: number } | null;
  total_clv: number;
  /** Every customer gets the same expected spend a purchase (the spend model could not tell them
   * apart). */
  spend_alike: boolean;
  /** What a degenerate fit means, in plain words. */
  degenerate: string[];
}
export interface ClvView {
  first_order: string;
  last_order: string;
  analysis: ClvAnalysis;
}
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
export const exportScenario = (name: string, inputs: ScenarioInput, baseline: ScenarioInput, sources?: Baseline["sources"]) =>
  call<string | null>("export_scenario", { name, inputs, baseline, sources: sources ?? null });

// Events
export type DragState = "enter" | "leave";
export const onFilesDropped = (f: (paths: string[]) => void): Promise<UnlistenFn> => listen<string[]>("files-dropped", (e) => f(e.payload));
export const onDrag = (f: (s: DragState) => void): Promise<UnlistenFn> => listen<DragState>("drag-state", (e) => f(e.payload));
export const onImportProgress = (f: (p: Progress) => void): Promise<UnlistenFn> => listen<Progress>("import-progress", (e) => f(e.payload));

// Import mapping editor, charts, drill-down export
export interface KindInfo {
  id: string;
  columns: string[];
}
export const tableKinds = () => call<KindInfo[]>("table_kinds");
/** Saves a chart's PNG bytes through a native save dialog. */
export const savePng = (name: string, bytes: number[]) => call<string | null>("save_png", { name, bytes });
export const exportExplanation = (args: ViewArgs, kpiId: string) => call<string | null>("export_explanation", { args, kpiId });
/** The table kinds a template can be saved for (the `kind` ids of the import report). */
export type TableKind =
  | "mrr"
  | "mrr_events"
  | "mrr_summary"
  | "subscriptions"
  | "customers"
  | "surveys"
  | "tickets"
  | "activities"
  | "costs"
  | "orders"
  | "usage"
  | "trials"
  | "renewals"
  | "contracts"
  | "fx_rates"
  | "targets";
/** Saves an .xlsx template of a table kind (header row in plain words, two example rows and a "How to
 * fill it" sheet) through a native save dialog; the path, or null if cancelled. */
export const saveTemplate = (kind: TableKind) => call<string | null>("save_template", { kind });
/** The at-risk list of the view to CSV (a native save dialog; null when cancelled). */
export const exportAtRisk = (args: ViewArgs) => call<string | null>("export_at_risk", { args });
/** The breakdown table of the view by `key` to CSV. */
export const exportBreakdown = (args: ViewArgs, key: string) => call<string | null>("export_breakdown", { args, key });
