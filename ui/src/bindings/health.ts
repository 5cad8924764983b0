// Generated from the Rust types by ts-rs (src-tauri/bindings): do not edit.
// `NORTHSTAR_WRITE_BINDINGS=1 cargo test --no-default-features --test bindings` writes the
// files again; that test fails while they are stale.

import type { HealthBand, HealthComponent } from "./kpi";
import type { HealthWeights } from "./settings";

export type AtRiskNext = { customer_id: string, name: string | null, csm: string | null, 
/**
 * MRR in the last month: the MRR at risk.
 */
mrr: number, score: number, band: HealthBand, 
/**
 * The observed churn rate (within H months) of the score decile the customer falls in.
 */
churn_probability: number | null, 
/**
 * Components below the customer's own score, lowest first.
 */
pulling_down: Array<PullingDown>, 
/**
 * The latest activity, ticket or survey response of the customer, any date.
 */
last_touchpoint: string | null, };

export type Backtest = { 
/**
 * Labelled rows (customer x month) with a score.
 */
rows: number, 
/**
 * Labelled rows of customers with every component missing (left out of everything else).
 */
unscored_rows: number, 
/**
 * Distinct churns (customer, month MRR went to 0) seen within the horizon of a scored row.
 */
churn_events: number, 
/**
 * Rows labelled churned (a churn is positive in up to H rows before it).
 */
churned_rows: number, auc: number | null, reason?: string, auc_ci: [number, number] | null, components: { [key in HealthComponent]: ComponentAuc }, bands: BandOutcomes, lift_red_over_green: number | null, per_year: Array<YearBacktest>, calibration: Array<CalibrationDecile>, early_warning: EarlyWarning, };

export type BandOutcome = { rows: number, churned: number, 
/**
 * churned / rows; null without rows.
 */
churn_rate: number | null, };

export type BandOutcomes = { red: BandOutcome, yellow: BandOutcome, green: BandOutcome, };

export type CalibrationDecile = { 
/**
 * 1 = the lowest scores.
 */
decile: number, score_from: number, score_to: number, rows: number, churned: number, churn_rate: number, 
/**
 * The band of the decile's mean score: what the score predicts for it.
 */
band: HealthBand, };

export type ComponentAuc = { auc: number | null, 
/**
 * Labelled rows where the component is present.
 */
rows: number, reason?: string, };

export type EarlyWarning = { 
/**
 * Churns whose three months before are all scored months.
 */
churned: number, months: Array<EarlyWarningMonth>, };

export type EarlyWarningMonth = { 
/**
 * Months before the month MRR went to 0.
 */
before: number, red: number, yellow: number, green: number, 
/**
 * Not active then, or active with no component.
 */
unscored: number, };

export type ForwardAuc = { 
/**
 * AUC on the test months of the score with the current weights.
 */
current: number | null, 
/**
 * AUC on the test months of the score with the weights fitted on the training months.
 */
suggested: number | null, train: MonthRange | null, test: MonthRange | null, 
/**
 * The weights fitted on the training months alone.
 */
weights: HealthWeights | null, test_rows: number, test_churn_events: number, reason?: string, };

export type HealthReport = { horizon: number, 
/**
 * The labelled months of the backtest: from the first with 6 months of history to the last
 * with H months of future.
 */
months: MonthRange, backtest: Backtest, 
/**
 * Whole weights summing to 100, fitted on every backtest row; null with
 * `suggested_weights_reason` when they cannot be.
 */
suggested_weights: HealthWeights | null, suggested_weights_reason?: string, forward_auc: ForwardAuc, nps_outcomes: NpsOutcomes, 
/**
 * The month the at-risk customers are scored at: the last month of the revenue data.
 */
at_risk_month: string, 
/**
 * Customers active at `at_risk_month`, most likely to churn first (up to the option's limit).
 */
at_risk: Array<AtRiskNext>, 
/**
 * How many customers the full at-risk list has.
 */
at_risk_total: number, 
/**
 * What the backtest could not do from the data (never silently).
 */
notes: Array<string>, };

export type MonthRange = { from: string, to: string, };

export type NpsOutcome = { 
/**
 * Customer-months in the group.
 */
rows: number, 
/**
 * Distinct customers ever in the group.
 */
customers: number, churned: number, churn_rate: number | null, expanded: number, expansion_rate: number | null, };

export type NpsOutcomes = { 
/**
 * The months t counted; null when no month has six months of revenue after it.
 */
months: MonthRange | null, promoter: NpsOutcome, passive: NpsOutcome, detractor: NpsOutcome, };

export type PullingDown = { component: HealthComponent, value: number, };

export type YearBacktest = { year: number, rows: number, churn_events: number, auc: number | null, reason?: string, bands: BandOutcomes, };
