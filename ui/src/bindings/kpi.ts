// Generated from the Rust types by ts-rs (src-tauri/bindings): do not edit.
// `NORTHSTAR_WRITE_BINDINGS=1 cargo test --no-default-features --test bindings` writes the
// files again; that test fails while they are stale.

import type { TargetDirection, TargetOrigin, TargetStatus } from "./settings";

export type AccountEffect = { customer_id: string, name: string | null, effect: number, };

/**
 * A customer of the at-risk list: the health score and its components, and what a leader needs to
 * act on it: the name, the ARR at stake, the CSM and the next renewal.
 */
export type AtRisk = { name: string | null, csm: string | null, 
/**
 * 12 × the customer's MRR in the last month of P.
 */
arr: number, 
/**
 * The customer's first renewal due after P (`renewals` table), YYYY-MM-DD.
 */
renewal_date: string | null, customer_id: string, 
/**
 * None when every component is missing.
 */
score: number | null, band: HealthBand | null, utilization: number | null, nps: number | null, mrr_trend: number | null, support: number | null, engagement: number | null, };

export type Breakdown = { by: string, rows: Array<BreakdownRow>, };

export type BreakdownRow = { value: string, kpis: { [key in string]: ReportKpi }, };

export type Cohort = { cohort: string, customers: number, 
/**
 * The cohort's MRR in its first month (null when currencies cannot be added up).
 */
mrr: number | null, 
/**
 * By age 0, 1, ... up to the end month.
 */
logo: Array<number>, revenue: Array<number>, };

/**
 * The first and last month with a row of a table (or of every table of a kind). Inside it, a
 * month without rows is a month with none of the counted things (0 tickets, 0 active users);
 * outside it nothing is known.
 */
export type Coverage = { first: string, last: string, };

/**
 * A CSM worse than the team median on a metric two quarters running.
 */
export type CsmFlag = { csm: string, metric: ScorecardMetricId, label: string, unit: Unit, good_when: GoodWhen, 
/**
 * The two quarters, older first.
 */
quarters: Array<QuarterScore>, text: string, };

export type CsmRow = { csm: string, customers: number, 
/**
 * Null when currencies cannot be added up (exports.md §9).
 */
mrr: number | null, nrr: number | null, grr: number | null, customer_churn_rate: number | null, onboarding_rating: number | null, ttfv_days: number | null, engagement_activities: number, advocacy_activities: number, 
/**
 * The figures of this row that stand out from the team's (`nrr`, `grr`, `customer_churn_rate`):
 * more than `OUTLIER_POINTS` worse than the same figure over every customer of the view.
 */
outliers: Array<string>, };

export type CsmScore = { csm: string, 
/**
 * Customers owned that are active at the end of the period.
 */
customers: number, 
/**
 * By metric id.
 */
metrics: { [key in ScorecardMetricId]: ScorecardCell }, };

/**
 * What the dashboard draws, already aggregated: it stays a few kilobytes however many customers
 * there are (every row is one click away through the KPI explanations).
 */
export type Details = { distributions: Distributions, health_bands: HealthBands, 
/**
 * The `RISKIEST` lowest-scored customers active at the end of P, lowest first (the highest ARR
 * first among equal scores).
 */
riskiest: Array<AtRisk>, 
/**
 * The `LOWEST_UTILIZATION` customers active at the end of P with seat counts and the lowest
 * utilization, lowest first.
 */
utilization: Array<Utilization>, };

export type Distributions = { 
/**
 * Responses in P per score 0..=10.
 */
nps: Array<number>, 
/**
 * Per score 1..=scale.
 */
csat: Array<number>, 
/**
 * Per score 1..=7.
 */
ces: Array<number>, };

export type Explanation = { kpi: string, label: string, formula: string, period: Period, result: Kpi, inputs: Array<ExplanationInput>, 
/**
 * What the rows are ("customers active at period start", "responses"...).
 */
rows_are: string, columns: Array<string>, rows: Array<Array<RowCell>>, 
/**
 * What the import did to the rows of the tables this KPI reads (system exports' rules).
 */
import_rules: Array<string>, 
/**
 * The KPI's last months against its target (empty without a target).
 */
target_trend: Array<TargetMonth>, };

/**
 * One figure behind a KPI: an input of its formula, a detail (a count, a median), or the KPI in the
 * previous period and the change since.
 */
export type ExplanationInput = { 
/**
 * Which figure it is: a KPI id (`arpa`), a figure of the rows (`start_mrr`), a field of the
 * KPI (`n`, `spend`), `gross_margin`, or `previous` / `change`.
 */
key: string, 
/**
 * What it is, in plain words.
 */
name: string, 
/**
 * The exact value.
 */
value: number | null, unit: Unit, 
/**
 * As the app shows it (money with separators, ratios as percentages), with enough digits
 * that the formula applied to the shown inputs gives the shown result.
 */
display: string, 
/**
 * `input`, or `previous` / `change` (the KPI in the previous period, shown like the tiles).
 */
role: string, 
/**
 * An assumption not taken from the data, and where to set it ("default: set yours in
 * Settings").
 */
note?: string, };

export type Flag = { "kind": "kpi" } & KpiFlag | { "kind": "csm" } & CsmFlag;

/**
 * Which way a KPI's change is good news.
 */
export type GoodWhen = "up" | "down" | "neutral";

export type GroupEffect = { 
/**
 * The attribute's value ("(none)": customers without one, or answers with no customer).
 */
group: string, rate_effect: number, mix_effect: number, 
/**
 * The group's own value in each period (for a rate, the overall value where it had no weight).
 */
before: number | null, after: number | null, 
/**
 * Its share of the rate's denominator (null for a sum such as MRR).
 */
weight_before: number | null, weight_after: number | null, 
/**
 * The group had no weight (no starting MRR, no responses...) in that period: `before` (or
 * `after`) is the overall value, put in so that the parts add up, not the group's own.
 */
before_imputed: boolean, after_imputed: boolean, };

/**
 * A health score's band.
 */
export type HealthBand = "red" | "yellow" | "green";

/**
 * Customers active at the end of P per health band.
 */
export type HealthBands = { green: number, yellow: number, red: number, 
/**
 * No health component could be worked out.
 */
unscored: number, };

/**
 * The health score's components, in the settings' order.
 */
export type HealthComponent = "utilization" | "nps" | "mrr_trend" | "support" | "engagement";

/**
 * A KPI as `kpi::value::Kpi` writes it. The informative numbers beside the value are those
 * `kpi::value::EXTRAS` names (checked by `tests/bindings.rs`).
 */
export type Kpi = { 
/**
 * Null with `reason` when the KPI cannot be computed.
 */
value: KpiValue | null, unit: Unit, 
/**
 * The reporting currency of a money value (`USD`).
 */
currency?: string, reason?: string, n?: number, median?: number, spend?: number, top?: number, other?: number, promoters?: number, passives?: number, detractors?: number, still_onboarding?: number, new_customer_arpa?: number, average_purchase_value?: number, purchase_frequency_per_year?: number, average_lifespan_years?: number, 
/**
 * The previous period's value; null (with `previous_reason`) when unknown or partial.
 */
previous?: number | null, change?: number, 
/**
 * Why there is no previous value to compare with.
 */
previous_reason?: string, 
/**
 * Why there is no change although `previous` is known (this period's value is partial).
 */
change_reason?: string, 
/**
 * Set when the value covers only part of the period ("usage data covers 2024-01 to 2024-10 of
 * this period").
 */
note?: string, 
/**
 * Present only on a KPI with a target.
 */
target?: KpiTarget, 
/**
 * Null when the value is null (or a list of quarters).
 */
status?: TargetStatus | null, 
/**
 * The distance to the target in the KPI's unit: "3.2 pts below 110%", "within 30–70".
 */
target_distance?: string | null, };

/**
 * A KPI's unusual move in the last month of the period.
 */
export type KpiFlag = { kpi: string, label: string, unit: Unit, good_when: GoodWhen, 
/**
 * The last month of the period (`2024-03`).
 */
month: string, value: number, previous: number, change: number, 
/**
 * The mean and sample standard deviation of the monthly changes before, from `changes` of them.
 */
mean_change: number, sd: number, changes: number, text: string, };

/**
 * A KPI's target as its `target` field writes it (bounds in the KPI's own scale: a ratio 1.1 is
 * 110%).
 */
export type KpiTarget = { low: number | null, high: number | null, direction: TargetDirection, 
/**
 * Where it comes from, in words: a default's reference, "Settings", "book.xlsx [Targets] row 3".
 */
source: string, origin: TargetOrigin, note?: string, 
/**
 * Set when the target is for a segment ([attribute, value]) or a CSM only.
 */
segment?: [string, string], csm?: string, };

/**
 * A KPI's value: a number, or the list of quarters of `quarterly_expansion_revenue`.
 */
export type KpiValue = number | Array<Quarter>;

/**
 * A month of `movements` or `mrr_series`.
 */
export type MonthMovement = Movement | UnknownMovement;

export type MonthSpan = { from: string, to: string, };

/**
 * The rows a number of a sentence stands for: the explanation of `kpi` over `from..to` (within
 * `segment`), with the row of `customer` marked.
 */
export type MovedLink = { kpi: string, from: string, to: string, segment: [string, string] | null, customer?: string, };

/**
 * A piece of a sentence: text, or a number with the rows behind it.
 */
export type MovedPart = { text: string, link?: MovedLink, };

/**
 * A month's company totals (`kpi::Movement`).
 */
export type Movement = { 
/**
 * YYYY-MM
 */
month: string, mrr: number, new: number, reactivation: number, expansion: number, contraction: number, churn: number, };

export type MovementEffect = { 
/**
 * new, reactivation, expansion, contraction or churn.
 */
movement: string, 
/**
 * Its part of the change, in the KPI's unit (a ratio for NRR: 0.01 is 1 pt).
 */
effect: number, };

export type Period = { from: string, 
/**
 * The cut month when the asked period reached past the revenue data.
 */
to: string, 
/**
 * Why the period is not the one asked for, or why its revenue KPIs are unknown: the asked
 * period reached past the last month of the revenue data (it is cut there) or lies wholly
 * after it.
 */
note?: string, };

export type Preset = "last_month" | "last_quarter" | "last12_months" | "year_to_date" | "calendar_year";

/**
 * One quarter of `quarterly_expansion_revenue` (`kpi::value::Quarter`).
 */
export type Quarter = { 
/**
 * `2024-Q1`
 */
quarter: string, value: number, 
/**
 * Set (true) when only some of the quarter's months lie inside the period and the data: how
 * many (`months`), from `from` to `to` (YYYY-MM).
 */
partial?: boolean, months?: number, from?: string, to?: string, };

export type QuarterScore = { 
/**
 * `2024-Q1`, or `FY2025-Q1` with a fiscal year starting in another month.
 */
quarter: string, from: string, to: string, value: number, median: number, };

export type Report = { period: Period, 
/**
 * The period every KPI's `previous` and `change` refer to.
 */
previous_period: Period, kpis: { [key in string]: ReportKpi }, movements: Array<MonthMovement>, 
/**
 * MRR of every month of the data (for the trend chart), oldest first.
 */
mrr_series: Array<MonthMovement>, 
/**
 * Logo and revenue retention by monthly cohort and age.
 */
cohorts: Array<Cohort>, 
/**
 * The per-CSM table.
 */
csm: Array<CsmRow>, 
/**
 * The per-CSM scorecard of the team metrics, with the team median and each CSM's rank (empty in
 * a breakdown's rows).
 */
scorecard: Scorecard, 
/**
 * Distributions, health bands, the riskiest customers and utilization (for the app's charts).
 */
details: Details, };

/**
 * A KPI of a report (or of a breakdown's row), with which way is good news (`kpi::Kpis` writes a
 * map of them by KPI id, in the spec's order).
 */
export type ReportKpi = { good_when: GoodWhen, 
/**
 * Null with `reason` when the KPI cannot be computed.
 */
value: KpiValue | null, unit: Unit, 
/**
 * The reporting currency of a money value (`USD`).
 */
currency?: string, reason?: string, n?: number, median?: number, spend?: number, top?: number, other?: number, promoters?: number, passives?: number, detractors?: number, still_onboarding?: number, new_customer_arpa?: number, average_purchase_value?: number, purchase_frequency_per_year?: number, average_lifespan_years?: number, 
/**
 * The previous period's value; null (with `previous_reason`) when unknown or partial.
 */
previous?: number | null, change?: number, 
/**
 * Why there is no previous value to compare with.
 */
previous_reason?: string, 
/**
 * Why there is no change although `previous` is known (this period's value is partial).
 */
change_reason?: string, 
/**
 * Set when the value covers only part of the period ("usage data covers 2024-01 to 2024-10 of
 * this period").
 */
note?: string, 
/**
 * Present only on a KPI with a target.
 */
target?: KpiTarget, 
/**
 * Null when the value is null (or a list of quarters).
 */
status?: TargetStatus | null, 
/**
 * The distance to the target in the KPI's unit: "3.2 pts below 110%", "within 30–70".
 */
target_distance?: string | null, };

/**
 * A cell of the rows behind a KPI (`kpi::explain::Explanation::rows`: JSON scalars only).
 */
export type RowCell = string | number | boolean | null;

/**
 * An input of a what-if scenario (a key of `ScenarioInput`).
 */
export type ScenarioInputKey = "annual_discount_rate" | "cac" | "gross_margin" | "monthly_churn" | "monthly_contraction" | "monthly_expansion" | "monthly_revenue_churn" | "new_customer_arpa" | "new_customer_growth" | "new_customers_per_month" | "start_customers" | "start_mrr" | "years";

export type Scorecard = { metrics: Array<ScorecardMetric>, csms: Array<CsmScore>, };

/**
 * A CSM's value of one metric, the team median beside it and the CSM's rank.
 */
export type ScorecardCell = { value: number | null, median: number | null, rank: number | null, 
/**
 * Against the CSM's target for the metric (one set for that CSM, else the team's); null
 * without a target or a value.
 */
status: TargetStatus | null, };

/**
 * One column of the scorecard.
 */
export type ScorecardMetric = { id: ScorecardMetricId, label: string, unit: Unit, good_when: GoodWhen, 
/**
 * The KPI over every customer of the view (the dashboard's value).
 */
team: number | null, 
/**
 * The median of the CSMs' values.
 */
median: number | null, 
/**
 * How many CSMs have a value (and a rank).
 */
ranked: number, 
/**
 * Why no CSM has a value: the team KPI's reason.
 */
reason?: string, 
/**
 * The team target of the metric (the view's target for its KPI), when there is one.
 */
target_low: number | null, target_high: number | null, };

/**
 * A team metric of the per-CSM scorecard.
 */
export type ScorecardMetricId = "onboarding_rating" | "ttfv_days" | "ces_mean" | "engagement_activities" | "advocacy_activities" | "nps" | "gross_renewal_rate" | "nrr" | "mrr_expansion" | "customer_churn_rate";

/**
 * One month of the period's last twelve: the KPI's value over that month alone and whether it met
 * the target (null when the value is unknown or partial).
 */
export type TargetMonth = { month: string, value: number | null, on_track: boolean | null, };

/**
 * Each KPI month by month over the last (up to) 12 months of the view: the tiles' sparklines
 * (`kpi::Trend`).
 */
export type Trend = { [key in string]: Array<number | null> };

export type Unit = "ratio" | "score" | "money" | "count" | "days" | "hours" | "months" | "minutes";

/**
 * A month whose money cannot be added up (several currencies without rates): null, with why.
 */
export type UnknownMovement = { month: string, mrr: null, new: null, reactivation: null, expansion: null, contraction: null, churn: null, reason: string, };

export type Utilization = { customer_id: string, name: string | null, purchased: number, active: number, ratio: number, };

export type WhatMoved = { kpi: string, 
/**
 * The short name the sentences use ("NRR", "Logo churn").
 */
label: string, unit: Unit, 
/**
 * The period compared against (by default the one of the same length just before).
 */
before_period: Period, 
/**
 * The period explained (cut at the end of the revenue data, as the report's).
 */
period: Period, 
/**
 * The attribute of `by_group` (null: no group split asked for).
 */
by: string | null, before: number | null, after: number | null, change: number | null, 
/**
 * Why there is no change although `after` is known (the report's rule: the earlier value is
 * unknown, or one of the two covers only part of its period).
 */
change_reason: string | null, by_movement: Array<MovementEffect>, by_group: Array<GroupEffect>, 
/**
 * The ten accounts with the largest effect, largest first.
 */
accounts: Array<AccountEffect>, 
/**
 * The ten accounts, of all of them, that moved the KPI most the way it went, largest first
 * (those the sentences name: the largest effects may all go the other way).
 */
drivers: Array<AccountEffect>, sentences: Array<string>, 
/**
 * The same sentences in parts, each number with the rows it opens.
 */
sentence_parts: Array<Array<MovedPart>>, };
