// The JSON of the health backtest (`northstar health --json`, the `health_backtest` command): what the
// Health view shows. Kept out of api.ts (already long); api.ts re-exports every type here.

/** The health score's components, in the order the settings list them. */
export type HealthComponent = "utilization" | "nps" | "mrr_trend" | "support" | "engagement";
export type HealthBand = "red" | "yellow" | "green";
/** The weight of each component in the health score (the settings' `health.weights`). */
export type HealthWeights = Record<HealthComponent, number>;

/** First and last month, YYYY-MM. */
export interface MonthRange {
  from: string;
  to: string;
}

/** The backtest rows (customer x month) of one band and how many churned within the horizon. */
export interface BandOutcome {
  rows: number;
  churned: number;
  /** churned / rows; null without rows. */
  churn_rate: number | null;
}
export type BandOutcomes = Record<HealthBand, BandOutcome>;

/** A component alone as the score: its AUC over the rows where it has a value. */
export interface ComponentAuc {
  auc: number | null;
  /** Labelled customer-months where the component has a value. */
  rows: number;
  /** Why there is no AUC. */
  reason?: string | null;
}

export interface YearBacktest {
  year: number;
  rows: number;
  churn_events: number;
  /** null (with `reason`) when the year has too few churn events. */
  auc: number | null;
  reason?: string | null;
  bands: BandOutcomes;
}

/** A score decile: its score range, the band those scores fall in and the churn observed. */
export interface CalibrationDecile {
  decile: number;
  score_from: number;
  score_to: number;
  rows: number;
  churned: number;
  churn_rate: number;
  /** The band of the decile's mean score: what the score predicts for it. */
  band: HealthBand;
}

/** Of the churned customers, the band each was in `before` months before churning. */
export interface EarlyWarningMonth {
  before: number;
  red: number;
  yellow: number;
  green: number;
  /** Not active then, or active with no component. */
  unscored: number;
}
export interface EarlyWarning {
  /** Churns whose three months before are all scored months. */
  churned: number;
  months: EarlyWarningMonth[];
}

export interface Backtest {
  /** Labelled customer-months with a score. */
  rows: number;
  /** Labelled customer-months of customers with every component missing (left out of the rest). */
  unscored_rows: number;
  /** Distinct churns (a customer's MRR going to 0) within the horizon of a scored month. */
  churn_events: number;
  /** Customer-months labelled churned (a churn labels up to `horizon` months before it). */
  churned_rows: number;
  /** null (with `reason`) when there are fewer than 20 churn events. */
  auc: number | null;
  reason?: string | null;
  /** The bootstrap confidence interval over customers (seeded); null with the AUC. */
  auc_ci: [number, number] | null;
  components: Record<HealthComponent, ComponentAuc>;
  bands: BandOutcomes;
  /** Red's churn rate / green's; null when either is unknown or green's is 0. */
  lift_red_over_green: number | null;
  per_year: YearBacktest[];
  calibration: CalibrationDecile[];
  early_warning: EarlyWarning;
}

/** Forward-in-time validation: fitted on `train` months, both weightings scored on later `test` months. */
export interface ForwardAuc {
  /** The AUC on the test months of the score with the current weights. */
  current: number | null;
  /** The AUC on the test months of the score with the weights fitted on the training months. */
  suggested: number | null;
  train: MonthRange | null;
  test: MonthRange | null;
  /** The weights fitted on the training months alone. */
  weights: HealthWeights | null;
  test_rows: number;
  test_churn_events: number;
  /** Why there is no forward validation. */
  reason?: string | null;
}

/** Customers by their latest NPS answer on or before the month, and what happened over the next 6 months. */
export interface NpsOutcome {
  /** Customer-months in the group. */
  rows: number;
  /** Distinct customers ever in the group. */
  customers: number;
  churned: number;
  churn_rate: number | null;
  expanded: number;
  expansion_rate: number | null;
}
export type NpsGroup = "promoter" | "passive" | "detractor";
export interface NpsOutcomes extends Record<NpsGroup, NpsOutcome> {
  /** The months counted; null when no month has six months of revenue after it. */
  months: MonthRange | null;
}

/** A component below the customer's own score, with its value (0-100). */
export interface PullingDown {
  component: HealthComponent;
  value: number;
}

/** A customer of the "at risk next" list. */
export interface AtRiskNext {
  customer_id: string;
  name: string | null;
  csm: string | null;
  /** The customer's MRR in the last month: what is at risk. */
  mrr: number;
  score: number;
  band: HealthBand;
  /** The observed churn rate of the customer's score decile in the backtest. */
  churn_probability: number | null;
  /** Lowest first. */
  pulling_down: PullingDown[];
  /** The latest activity, ticket or survey response (YYYY-MM-DD), null without one. */
  last_touchpoint: string | null;
}

export interface HealthReport {
  horizon: number;
  /** The months scored. */
  months: MonthRange;
  backtest: Backtest;
  /** Sums to 100; null (with `suggested_weights_reason`) when no fit could be made. */
  suggested_weights: HealthWeights | null;
  suggested_weights_reason?: string | null;
  forward_auc: ForwardAuc;
  nps_outcomes: NpsOutcomes;
  /** The month the at-risk customers are scored at: the last month of the revenue data. */
  at_risk_month: string;
  /** Customers active at `at_risk_month`, most likely to churn first (up to 50). */
  at_risk: AtRiskNext[];
  /** How many customers the whole list has. */
  at_risk_total: number;
  /** What the backtest could not do from the data. */
  notes: string[];
}
