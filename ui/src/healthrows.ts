// The Health view's words and table rows, built from the backtest JSON (pure: no DOM, tested in
// healthrows.test.ts). Every figure is the engine's; this only labels and formats it.
import type { AtRiskNext, Backtest, BandOutcomes, CalibrationDecile, EarlyWarning, HealthBand, HealthComponent, HealthReport, HealthWeights, CommentNpsGroup as NpsGroup, NpsOutcomes, PullingDown, YearBacktest } from "./api";
import { monthLabel, moneyDigits, reasonSentence } from "./format";
import { dateLabel } from "./words";

export const COMPONENTS: { id: HealthComponent; label: string }[] = [
  { id: "utilization", label: "License utilization" },
  { id: "nps", label: "Latest NPS" },
  { id: "mrr_trend", label: "MRR trend" },
  { id: "support", label: "Support load" },
  { id: "engagement", label: "Engagement recency" },
];
export const componentLabel = (id: HealthComponent): string => COMPONENTS.find((c) => c.id === id)?.label ?? id;

export const BANDS: { id: HealthBand; label: string; color: string }[] = [
  { id: "red", label: "Red", color: "#dc2626" },
  { id: "yellow", label: "Yellow", color: "#eab308" },
  { id: "green", label: "Green", color: "#16a34a" },
];
export const bandLabel = (b: HealthBand | null): string => (b ? (BANDS.find((x) => x.id === b)?.label ?? b) : "—");

const whole = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const one = new Intl.NumberFormat("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const two = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** A count: "1,234". */
export const count = (n: number): string => whole.format(n);
/** A rate as a percentage with one decimal, or a dash when unknown. */
export const rate = (v: number | null | undefined): string => (v === null || v === undefined ? "—" : `${one.format(v * 100)}%`);
/** An AUC with two decimals ("0.74"), or a dash. */
export const auc = (v: number | null | undefined): string => (v === null || v === undefined ? "—" : two.format(v));
/** A score or component value out of 100, one decimal. */
export const score = (v: number | null | undefined): string => (v === null || v === undefined ? "—" : one.format(v));
/** A weight as the settings hold it: whole when whole, else one decimal. */
export const weight = (v: number | null | undefined): string => (v === null || v === undefined ? "—" : Number.isInteger(v) ? whole.format(v) : one.format(v));

/** The months scored, in words. */
export function monthsText(r: HealthReport): string {
  return `${monthLabel(r.months.from)} – ${monthLabel(r.months.to)}`;
}

/** The AUC line of the summary: the value with its interval, or why there is none. */
export function aucText(b: Backtest): string {
  if (b.auc === null) return b.reason ? reasonSentence(b.reason) : "No AUC: too few churn events.";
  const ci = b.auc_ci ? ` (confidence interval ${auc(b.auc_ci[0])} – ${auc(b.auc_ci[1])})` : "";
  return `${auc(b.auc)}${ci}`;
}

/** Red's churn rate as a multiple of green's. */
export function liftText(lift: number | null): string {
  if (lift === null) return "Red customers' churn cannot be compared with green ones' (a band has no rows, or green ones never churned).";
  return `Red customers churned ${one.format(lift)}× as often as green ones.`;
}

export interface BandRow {
  band: HealthBand;
  label: string;
  color: string;
  rows: number;
  churned: number;
  churn_rate: number | null;
}
/** Red, yellow, green, in that order. */
export function bandRows(b: BandOutcomes): BandRow[] {
  return BANDS.map((x) => ({ band: x.id, label: x.label, color: x.color, ...b[x.id] }));
}

export interface ComponentRow {
  id: HealthComponent;
  label: string;
  auc: number | null;
  rows: number;
}
export function componentRows(b: Backtest): ComponentRow[] {
  return COMPONENTS.map((c) => ({ id: c.id, label: c.label, auc: b.components[c.id]?.auc ?? null, rows: b.components[c.id]?.rows ?? 0 }));
}

/** A calibration row: decile, score range, predicted band, rows, churned, observed churn rate. */
export function calibrationCells(d: CalibrationDecile): string[] {
  return [String(d.decile), `${score(d.score_from)} – ${score(d.score_to)}`, bandLabel(d.band), count(d.rows), count(d.churned), rate(d.churn_rate)];
}

export interface EarlyRow {
  before: number;
  label: string;
  red: number;
  yellow: number;
  /** Red + yellow, and their share of the churned customers. */
  warned: number;
  share: string;
  green: number;
  unscored: number;
}
/** One row per month before churn; "warned" = red or yellow then. */
export function earlyRows(e: EarlyWarning): EarlyRow[] {
  return e.months.map((m) => {
    const warned = m.red + m.yellow;
    return { before: m.before, label: `${m.before} ${m.before === 1 ? "month" : "months"} before`, red: m.red, yellow: m.yellow, warned, share: e.churned ? rate(warned / e.churned) : "—", green: m.green, unscored: m.unscored };
  });
}

/** A year: rows, churn events, AUC, and the churn rate of each band. */
export function yearCells(y: YearBacktest): string[] {
  return [String(y.year), count(y.rows), count(y.churn_events), auc(y.auc), ...BANDS.map((b) => rate(y.bands[b.id]?.churn_rate))];
}

const NPS_GROUPS: { id: NpsGroup; label: string }[] = [
  { id: "promoter", label: "Promoters (9-10)" },
  { id: "passive", label: "Passives (7-8)" },
  { id: "detractor", label: "Detractors (0-6)" },
];
/** A group: customers, customer-months, the churn rate and the expansion rate over the next 6 months. */
export function npsCells(o: NpsOutcomes): { id: NpsGroup; cells: string[] }[] {
  return NPS_GROUPS.map((g) => ({ id: g.id, cells: [g.label, count(o[g.id].customers), count(o[g.id].rows), rate(o[g.id].churn_rate), rate(o[g.id].expansion_rate)] }));
}

/** Each component's weight now and as suggested (a dash without a suggestion). */
export function weightCells(current: HealthWeights, suggested: HealthWeights | null): { id: HealthComponent; cells: string[] }[] {
  return COMPONENTS.map((c) => ({ id: c.id, cells: [c.label, weight(current[c.id]), weight(suggested ? suggested[c.id] : null)] }));
}

/** "Engagement recency 0.0, License utilization 10.0": what pulls the score down, worst first. */
export function pullingText(list: PullingDown[]): string {
  if (!list.length) return "—";
  return list.map((p) => `${componentLabel(p.component)} ${score(p.value)}`).join(", ");
}

export type Cell = string | number | boolean | null;
export const AT_RISK_COLUMNS: [string, string][] = [
  ["Customer", "Customer ID"],
  ["Name", "The customer's name (customers sheet)"],
  ["CSM", "The customer's CSM (customers sheet)"],
  ["MRR at risk", "The customer's MRR now"],
  ["Score", "Health score out of 100 under the current weights"],
  ["Band", "Red below the red threshold, green from the green one (Settings)"],
  ["Churn probability", "The churn rate observed in the backtest among scores of the same decile"],
  ["What pulls it down", "The components below the customer's own score, worst first, with their values"],
  ["Last touchpoint", "The latest activity, ticket or survey"],
];
/** The table's cells: numbers stay numbers so the columns sort by value. */
export function atRiskRow(c: AtRiskNext): Cell[] {
  return [c.customer_id, c.name, c.csm, c.mrr, c.score, c.band, c.churn_probability, pullingText(c.pulling_down), c.last_touchpoint];
}
/** A cell as shown (money with the data's currency symbol, set by format.setDataCurrency). */
export function atRiskText(v: Cell, col: number): string {
  if (v === null || v === undefined) return "—";
  switch (col) {
    case 3:
      return typeof v === "number" ? moneyDigits(v, 0) : String(v);
    case 4:
      return typeof v === "number" ? score(v) : String(v);
    case 5:
      return bandLabel(v as HealthBand);
    case 6:
      return typeof v === "number" ? rate(v) : String(v);
    case 8:
      return dateLabel(String(v));
    default:
      return String(v);
  }
}

/** The forward validation in words: fitted on which months, tested on which. */
export function forwardText(r: HealthReport): string {
  const f = r.forward_auc;
  if (!f.train || !f.test) return f.reason ? reasonSentence(f.reason) : "No forward validation: too few months to fit on earlier ones and test on later ones.";
  const tested = `${count(f.test_rows)} customer-months, ${count(f.test_churn_events)} churn events`;
  const why = f.reason ? ` ${reasonSentence(f.reason)}` : "";
  return `Fitted on ${monthLabel(f.train.from)} – ${monthLabel(f.train.to)}, tested on ${monthLabel(f.test.from)} – ${monthLabel(f.test.to)} (${tested}; never on the months it was fitted on).${why}`;
}
