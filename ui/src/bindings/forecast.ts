// Generated from the Rust types by ts-rs (src-tauri/bindings): do not edit.
// `NORTHSTAR_WRITE_BINDINGS=1 cargo test --no-default-features --test bindings` writes the
// files again; that test fails while they are stale.

import type { ScenarioInputKey } from "./kpi";

/**
 * The errors of the forecasts `horizon` months ahead (0: every horizon together).
 */
export type BacktestErrors = { horizon: number, 
/**
 * Forecasts compared with an actual MRR.
 */
pairs: number, mape: number | null, bias: number | null, coverage: number | null, };

export type BacktestOrigin = { 
/**
 * The month end the forecast was made at.
 */
origin: string, 
/**
 * MRR at the origin (the forecast's start).
 */
mrr: number, points: Array<BacktestPoint>, };

/**
 * One month of one origin's forecast, beside what happened.
 */
export type BacktestPoint = { horizon: number, month: string, 
/**
 * The deterministic forecast of the baseline.
 */
forecast: number, p10: number, p50: number, p90: number, 
/**
 * Null after the end of the data.
 */
actual: number | null, };

/**
 * An origin with no forecast, and why (say, no customers at its end).
 */
export type BacktestSkipped = { origin: string, reason: string, };

/**
 * One quantile level of every figure.
 */
export type BandLevel = { years: Array<BandYear>, months: Array<BandMonth>, 
/**
 * Null where that quantile of the paths' lifetime value is unbounded (r >= 1).
 */
clv: number | null, clv_horizon: number, };

export type BandMonth = { month: number, mrr: number, customers: number, };

export type BandYear = { year: number, arr: number, customers: number, nrr: number, grr: number, };

export type Bands = { paths: number, seed: number, block_length: number, 
/**
 * Blocks wrap from the last observed month to the first (circular bootstrap).
 */
circular: boolean, 
/**
 * The months drawn from, their mean rates, the centre and the shift.
 */
observed: ObservedOut, p10: BandLevel, p50: BandLevel, p90: BandLevel, };

/**
 * The data a scenario was based on.
 */
export type BasedOn = { files: Array<string>, 
/**
 * Content hash of the files (`fnv1a64:...`), to tell when the data has changed since.
 */
hash: string | null, period_from: string | null, period_to: string | null, };

export type Baseline = { inputs: ScenarioInput, 
/**
 * One per input of a scenario file, in that order.
 */
sources: Array<BaselineSource>, calibration: BaselineCalibration, observed: BaselineObserved, 
/**
 * A sentence for the panel when the baseline's yearly NRR and GRR are not the dashboard's.
 */
note: string | null, };

/**
 * How revenue churn, contraction and expansion were set.
 */
export type BaselineCalibration = "observed_retention" | "average_rates" | "none";

/**
 * The period's retention as the dashboard shows it, for the panel to print beside the forecast.
 */
export type BaselineObserved = { from: string, to: string, 
/**
 * Months in the period (L).
 */
months: number, nrr: number | null, grr: number | null, };

export type BaselineSource = { input: ScenarioInputKey, from: string, kind: SourceKind, };

/**
 * A scenario beside its baseline, with the yearly deltas (scenario − baseline).
 */
export type Comparison = { scenario: Forecast, baseline: Forecast, deltas: Array<YearRow>, 
/**
 * Null unless both lifetime values are defined.
 */
clv_delta: number | null, clv_horizon_delta: number, };

export type Forecast = { years: Array<YearRow>, months: Array<MonthRow>, 
/**
 * Lifetime value a g / (1 - r); null when r >= 1 (the sum never converges), with
 * `clv_reason` saying so. Never a different quantity under this name.
 */
clv: number | null, clv_reason: string | null, 
/**
 * The value of one customer over the horizon (H = 12 x years months): always defined.
 */
clv_horizon: number, 
/**
 * `clv` / CAC: null when `clv` is, or without a CAC.
 */
ltv_to_cac: number | null, cac_payback_months: number | null, };

export type ForecastBacktest = { paths: number, seed: number, history_months: number, origins: Array<BacktestOrigin>, skipped: Array<BacktestSkipped>, 
/**
 * h = 1..12.
 */
horizons: Array<BacktestErrors>, 
/**
 * Every horizon together (`horizon` 0).
 */
overall: BacktestErrors, };

export type GoalSeek = { vary: Vary, value: number, reachable: boolean, 
/**
 * The target metric at `value`; null only for a CLV target when no value of the input gives
 * a bounded lifetime value.
 */
achieved: number | null, 
/**
 * With `vary` = monthly_churn: the revenue churn that goes with `value` (moved in proportion).
 */
monthly_revenue_churn?: number, };

/**
 * Where a baseline input came from, as the what-if panel received it with the baseline.
 */
export type InputSource = { input: string, from: string, kind: SourceKind, };

export type Metric = "nrr" | "clv" | "arr";

/**
 * One month's rates, in the units of a scenario's inputs.
 */
export type MonthRates = { month: string, monthly_churn: number, monthly_revenue_churn: number, monthly_expansion: number, monthly_contraction: number, new_customers_per_month: number, 
/**
 * Null in a month without new customers (there is no first-month ARPA to observe).
 */
new_customer_arpa: number | null, };

export type MonthRow = { month: number, mrr: number, customers: number, };

/**
 * The observed rates as the panel shows them: the months used, their mean, the centre the bands
 * are moved to and the shift (centre - mean).
 */
export type ObservedOut = { 
/**
 * First and last month used (null with no month).
 */
from: string | null, to: string | null, months: number, mean: RateSet, centre: RateSet, shift: RateSet, 
/**
 * The (month, rate) pairs the shift pushed out of range and were clamped.
 */
clamped: number, 
/**
 * Each month's rates, oldest first.
 */
rates: Array<MonthRates>, };

/**
 * The six drawn rates: a month's (with a_new filled in), their mean, a centre, a shift.
 */
export type RateSet = { monthly_churn: number, monthly_revenue_churn: number, monthly_expansion: number, monthly_contraction: number, new_customers_per_month: number, new_customer_arpa: number, };

export type Scenario = { id: number, name: string, notes: string, inputs: ScenarioInput, based_on: BasedOn, created_at: string, updated_at: string, };

/**
 * Raw inputs as written in a scenario file; every key optional, unknown keys rejected.
 */
export type ScenarioInput = { start_mrr?: number | null, start_customers?: number | null, monthly_churn?: number | null, 
/**
 * Revenue churn c_r: the share of MRR lost to churned customers each month (default c).
 */
monthly_revenue_churn?: number | null, monthly_expansion?: number | null, monthly_contraction?: number | null, new_customers_per_month?: number | null, new_customer_arpa?: number | null, new_customer_growth?: number | null, gross_margin?: number | null, annual_discount_rate?: number | null, cac?: number | null, years?: number | null, };

export type Sensitivity = { input: ScenarioInputKey, 
/**
 * The move applied, in the input's own unit.
 */
step: number, 
/**
 * (down, up) changes of each output.
 */
arr: [number, number], nrr: [number, number], 
/**
 * Changes of the lifetime CLV; null where it (before or after the move) is unbounded.
 */
clv: [number | null, number | null], 
/**
 * Changes of the value over the horizon.
 */
clv_horizon: [number, number], };

/**
 * Where an input's value came from.
 */
export type SourceKind = "data" | "settings" | "default";

export type Vary = "monthly_churn" | "monthly_expansion";

export type YearRow = { year: number, arr: number, customers: number, nrr: number, grr: number, new_arr: number, churned_arr: number, expansion_arr: number, contraction_arr: number, };
