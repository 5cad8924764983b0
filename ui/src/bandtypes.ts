// The JSON of the forecast ranges and the forecast backtest (issue 20), as the engine serialises it
// (src-tauri/forecast/bands/{mod,observed,quantiles}.rs and forecast/backtest.rs). Re-exported by api.ts.

/** The six rates drawn month by month: one month's, their mean, the centre the bands are moved to, the shift. */
export interface RateSet {
  monthly_churn: number;
  monthly_revenue_churn: number;
  monthly_expansion: number;
  monthly_contraction: number;
  new_customers_per_month: number;
  new_customer_arpa: number;
}

/** One observed month's rates (null ARPA: no new customer that month). */
export interface MonthRates extends Omit<RateSet, "new_customer_arpa"> {
  month: string;
  new_customer_arpa: number | null;
}

/** The observed months the paths were drawn from. */
export interface ObservedOut {
  /** First and last month used (null with no month). */
  from: string | null;
  to: string | null;
  months: number;
  mean: RateSet;
  centre: RateSet;
  /** centre - mean. */
  shift: RateSet;
  /** The (month, rate) pairs the shift pushed out of range and were clamped. */
  clamped: number;
  /** Each month's rates, oldest first. */
  rates: MonthRates[];
}

/** One quantile of a forecast year. */
export interface BandYear {
  year: number;
  arr: number;
  customers: number;
  nrr: number;
  grr: number;
}

/** One quantile of a forecast month (month 1 = the first month after the data). */
export interface BandMonth {
  month: number;
  mrr: number;
  customers: number;
}

/** One quantile level (P10, P50 or P90) of every figure, each taken over the paths on its own. */
export interface BandLevel {
  years: BandYear[];
  months: BandMonth[];
  /** Null where that quantile of the lifetime value is unbounded. */
  clv: number | null;
  clv_horizon: number;
}

/** P10/P50/P90 of a scenario's forecast, with the observed months they come from. */
export interface Bands {
  paths: number;
  seed: number;
  block_length: number;
  /** Blocks wrap from the last observed month to the first. */
  circular: boolean;
  observed: ObservedOut;
  p10: BandLevel;
  p50: BandLevel;
  p90: BandLevel;
}

/** One month of one backtest origin's forecast, beside what happened. */
export interface BacktestPoint {
  horizon: number;
  month: string;
  /** The deterministic forecast of the baseline. */
  forecast: number;
  p10: number;
  p50: number;
  p90: number;
  /** Null after the end of the data. */
  actual: number | null;
}

export interface BacktestOrigin {
  /** The month end the forecast was made at. */
  origin: string;
  /** MRR at the origin. */
  mrr: number;
  points: BacktestPoint[];
}

/** An origin with no forecast, and why. */
export interface BacktestSkipped {
  origin: string;
  reason: string;
}

/** The errors of the forecasts `horizon` months ahead (0: every horizon together); null when nothing
 * was compared. */
export interface BacktestErrors {
  horizon: number;
  pairs: number;
  mape: number | null;
  /** Mean (F - A) / A: positive = the forecast was too high. */
  bias: number | null;
  /** Share of actual MRRs inside P10..P90. */
  coverage: number | null;
}

export interface ForecastBacktest {
  paths: number;
  seed: number;
  history_months: number;
  /** Oldest first. */
  origins: BacktestOrigin[];
  skipped: BacktestSkipped[];
  /** h = 1..12. */
  horizons: BacktestErrors[];
  overall: BacktestErrors;
}
