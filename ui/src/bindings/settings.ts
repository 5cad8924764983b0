// Generated from the Rust types by ts-rs (src-tauri/bindings): do not edit.
// `NORTHSTAR_WRITE_BINDINGS=1 cargo test --no-default-features --test bindings` writes the
// files again; that test fails while they are stale.

import type { DateOrder } from "./import";
import type { GoodWhen, Unit } from "./kpi";

/**
 * One exchange rate: one unit of `currency` in the reporting currency, for `month` (`2024-03`) or
 * for any month when absent.
 */
export type FxRateSetting = { currency: string, rate: number, month: string | null, };

export type HealthSettings = { weights: HealthWeights, red_below: number, green_from: number, 
/**
 * The churn horizon H of the health backtest in months (1-24, default 3): a customer scored
 * at month t is labelled churned when its MRR goes to 0 within t+1..t+H.
 */
horizon: number, };

export type HealthWeights = { utilization: number, nps: number, mrr_trend: number, support: number, engagement: number, };

/**
 * A segment as `"plan=Pro"` (like `--segment`) or `["plan", "Pro"]` (like the app's views).
 */
export type SegmentInput = [string, string] | string;

export type Settings = { 
/**
 * Gross margin g for lifetime values, 0..1 (default 1.0).
 */
gross_margin: number | null, 
/**
 * 5, 7 or 10.
 */
csat_scale: number | null, date_order: DateOrder | null, decimal_comma: boolean | null, health: HealthSettings, 
/**
 * How money is shown in the app ("$" by default).
 */
currency_symbol: string | null, 
/**
 * The currency money KPIs are reported in (`USD`); unset = the data's only currency.
 */
reporting_currency: string | null, 
/**
 * Exchange rates entered by the user; a file's `fx_rates` table wins where both give one.
 */
fx_rates: Array<FxRateSetting>, 
/**
 * The month (1-12) the fiscal year starts in (default 1, January): quarters and the period
 * presets follow it.
 */
fiscal_year_start: number | null, 
/**
 * The company the board pack is of (default: the first data file's name).
 */
company: string | null, 
/**
 * The board pack's paper: "a4" (default) or "letter".
 */
paper: string | null, 
/**
 * Months of history the forecast ranges draw from (default 24, from 3 to 120).
 */
forecast_months: number | null, };

/**
 * Which way a target points, from its bounds.
 */
export type TargetDirection = "at_least" | "at_most" | "band" | "none";

/**
 * One target as the user gives it: the KPI's id (or its label), either bound optional (neither =
 * no target for that KPI, clearing a default).
 */
export type TargetInput = { kpi: string, low?: number | null, high?: number | null, note?: string | null, segment?: SegmentInput | null, csm?: string | null, };

/**
 * A KPI as the Settings panel lists it.
 */
export type TargetKpiInfo = { id: string, label: string, unit: Unit | null, good_when: GoodWhen, };

/**
 * Where the target that applies comes from.
 */
export type TargetOrigin = "workbook" | "user" | "default";

/**
 * A target as the app is sent it.
 */
export type TargetOut = { kpi: string, low: number | null, high: number | null, direction: TargetDirection, note: string | null, source: string, segment: [string, string] | null, csm: string | null, };

/**
 * The status of a KPI value against its target.
 */
export type TargetStatus = "on_track" | "off_track";

/**
 * What the Settings panel edits: the user's targets, the defaults they override and every KPI.
 */
export type TargetsView = { 
/**
 * The user's, as saved (a target without bounds clears that KPI's default).
 */
targets: Array<TargetOut>, defaults: Array<TargetOut>, kpis: Array<TargetKpiInfo>, };
