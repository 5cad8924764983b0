// The forecast ranges and the forecast backtest as the What-if panel shows them: chart series, table
// rows and sentences made from the engine's JSON. Presentation only: every figure is the engine's.
import type { BacktestErrors, BacktestOrigin, Bands, BandLevel, Forecast, ForecastBacktest, Metric } from "./api";
import { formatNumber, money, monthLabel } from "./format";

export type Level = "p10" | "p50" | "p90";
export const LEVELS: Level[] = ["p10", "p50", "p90"];
export type FanBy = "month" | "year";

/** A fan chart's series: the range, its middle, and the deterministic scenario beside it. */
export interface FanData {
  labels: string[];
  p10: number[];
  p50: number[];
  p90: number[];
  scenario: number[];
}

/** "2026-10" plus k months, as "YYYY-MM". */
export function monthAfter(ym: string, k: number): string {
  const [y, m] = ym.split("-").map(Number);
  const i = y * 12 + (m - 1) + k;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}`;
}

/** ARR of the ranges and of the scenario, by forecast month (ARR = 12 x MRR, the spec's definition, as
 * the engine's yearly ARR is 12 x the year's last MRR) or by year. Forecast month 1 is the month after
 * `end` (the data's last month); without it months are numbered. Series are cut to the shorter of the
 * two, so a scenario run for more years than the ranges (or fewer) never draws a misplaced point. */
export function fanData(b: Bands, f: Forecast, by: FanBy, end: string | null): FanData {
  if (by === "year") {
    const n = Math.min(b.p50.years.length, f.years.length);
    const arr = (l: BandLevel) => l.years.slice(0, n).map((y) => y.arr);
    return { labels: b.p50.years.slice(0, n).map((y) => `Year ${y.year}`), p10: arr(b.p10), p50: arr(b.p50), p90: arr(b.p90), scenario: f.years.slice(0, n).map((y) => y.arr) };
  }
  const n = Math.min(b.p50.months.length, f.months.length);
  const arr = (l: BandLevel) => l.months.slice(0, n).map((m) => 12 * m.mrr);
  return {
    labels: b.p50.months.slice(0, n).map((m) => (end ? monthLabel(monthAfter(end, m.month)) : `Month ${m.month}`)),
    p10: arr(b.p10),
    p50: arr(b.p50),
    p90: arr(b.p90),
    scenario: f.months.slice(0, n).map((m) => 12 * m.mrr),
  };
}

export type Figure = "arr" | "customers" | "nrr" | "grr" | "clv" | "clv_horizon";

/** One row of the ranges table: a figure of a year (year null: the lifetime and horizon values). */
export interface BandRow {
  year: number | null;
  figure: Figure;
  label: string;
  /** P10, P50, P90 as the engine gives them (null: an unbounded lifetime value). */
  values: (number | null)[];
  cells: string[];
}

const pct = (v: number) => formatNumber(v, "ratio");
const customers = (v: number) => formatNumber(Math.round(v), "count");
const FIGURES: { figure: "arr" | "customers" | "nrr" | "grr"; label: string; fmt: (v: number) => string }[] = [
  { figure: "arr", label: "ARR", fmt: money },
  { figure: "customers", label: "Customers", fmt: customers },
  { figure: "nrr", label: "NRR", fmt: pct },
  { figure: "grr", label: "GRR", fmt: pct },
];

/** P10/P50/P90 of ARR, customers, NRR and GRR for every year, then the lifetime value (CLV) and the value
 * over the horizon. */
export function bandRows(b: Bands): BandRow[] {
  const rows: BandRow[] = [];
  b.p50.years.forEach((y, i) => {
    for (const f of FIGURES) {
      const values = LEVELS.map((l) => b[l].years[i]?.[f.figure] ?? null);
      rows.push({ year: y.year, figure: f.figure, label: f.label, values, cells: values.map((v) => (v === null ? "—" : f.fmt(v))) });
    }
  });
  const clv = LEVELS.map((l) => b[l].clv);
  rows.push({ year: null, figure: "clv", label: "Lifetime value (CLV)", values: clv, cells: clv.map((v) => (v === null ? "unbounded" : money(v))) });
  const hz = LEVELS.map((l) => b[l].clv_horizon);
  rows.push({ year: null, figure: "clv_horizon", label: `Value over the ${b.p50.years.length}-year horizon`, values: hz, cells: hz.map(money) });
  return rows;
}

const count = (n: number) => formatNumber(n, "count");
const span = (from: string | null, to: string | null) => (from && to ? (from === to ? monthLabel(from) : `${monthLabel(from)} – ${monthLabel(to)}`) : "");

/** Where the spread comes from, in one sentence (and the clamped rates, when any). */
export function spreadText(b: Bands): string {
  const o = b.observed;
  const months = `${count(o.months)} observed month${o.months === 1 ? "" : "s"}`;
  const when = span(o.from, o.to);
  const blocks = `drawn in blocks of ${b.block_length} consecutive months${b.circular ? " (wrapping from the last month to the first)" : ""}`;
  let s = `From the ${months}${when ? ` ${when}` : ""}, ${blocks}, each month's rates moved so they centre on the inputs above: ${count(b.paths)} paths, seed ${b.seed}.`;
  if (o.clamped > 0) s += ` ${count(o.clamped)} monthly rate${o.clamped === 1 ? " was" : "s were"} moved out of range by that and held at the limit.`;
  return s;
}

/** A share as a whole percentage, never rounded to 0% or 100% when it is not exactly that. */
export function shareText(v: number): string {
  if (v > 0 && v < 0.005) return "under 1%";
  if (v < 1 && v > 0.995) return "over 99%";
  return `${Math.round(v * 100)}%`;
}

/** What a goal-seek target reads: "NRR ≥ 110.0% in year 1", "ARR ≥ $20,000,000 at the end of year 5",
 * "CLV ≥ $150,000" (the engine reads NRR in year 1, ARR at the end of the last year, CLV over a lifetime). */
export function targetText(metric: Metric, target: number, years: number): string {
  if (metric === "nrr") return `NRR \u2265 ${pct(target)} in year 1`;
  if (metric === "arr") return `ARR \u2265 ${money(target)} at the end of year ${years}`;
  return `CLV \u2265 ${money(target)}`;
}

/** "NRR ≥ 110.0% in year 1: 1% of paths as the scenario is, 10% at a monthly logo churn of 0.41%." */
export function chanceText(metric: Metric, target: number, years: number, asIs: number, atValue: number | null, valueText: string | null): string {
  const at = atValue !== null && valueText ? `, ${shareText(atValue)} at ${valueText}` : "";
  return `${targetText(metric, target, years)}: ${shareText(asIs)} of paths as the scenario is${at}.`;
}

/** The backtest chart's default origin: the one with the most months that have happened (the
 * latest among equals), so the chart first shows a forecast against a whole year; null with none. */
export function latestOrigin(bt: ForecastBacktest): string | null {
  let best: { origin: string; seen: number } | null = null;
  for (const o of bt.origins) {
    const seen = o.points.filter((p) => p.actual !== null).length;
    if (!best || seen >= best.seen) best = { origin: o.origin, seen };
  }
  return best?.origin ?? null;
}

/** A backtest chart's series for one origin: the 12 months after it. */
export interface OriginData {
  labels: string[];
  forecast: number[];
  p10: number[];
  p50: number[];
  p90: number[];
  actual: (number | null)[];
}

export function originData(o: BacktestOrigin): OriginData {
  return {
    labels: o.points.map((p) => monthLabel(p.month)),
    forecast: o.points.map((p) => p.forecast),
    p10: o.points.map((p) => p.p10),
    p50: o.points.map((p) => p.p50),
    p90: o.points.map((p) => p.p90),
    actual: o.points.map((p) => p.actual),
  };
}

/** "Forecast made at the end of Oct 2025, from MRR $676,150; 12 of its 12 months have happened." */
export function originText(o: BacktestOrigin): string {
  const known = o.points.filter((p) => p.actual !== null).length;
  return `Forecast made at the end of ${monthLabel(o.origin)}, from MRR ${money(o.mrr)}; ${known} of its ${o.points.length} months ${known === 1 ? "has" : "have"} happened.`;
}

/** A signed percentage with one decimal: "+1.2%", "−0.1%". */
export function signedPct(v: number): string {
  const s = (Math.abs(v) * 100).toFixed(1);
  return s === "0.0" ? "0.0%" : `${v > 0 ? "+" : "\u2212"}${s}%`;
}

/** One row of the error table: horizon, forecasts compared, MAPE, bias, coverage ("—": none compared). */
export function errorCells(e: BacktestErrors): string[] {
  const or = (v: number | null, f: (v: number) => string) => (v === null ? "—" : f(v));
  return [e.horizon === 0 ? "All" : `${e.horizon} month${e.horizon === 1 ? "" : "s"}`, count(e.pairs), or(e.mape, (v) => `${(v * 100).toFixed(1)}%`), or(e.bias, signedPct), or(e.coverage, (v) => `${Math.round(v * 100)}%`)];
}

/** The backtest in plain words: how often the actual fell inside the range, and how far off the forecast was. */
export function backtestLines(bt: ForecastBacktest): string[] {
  const o = bt.overall;
  if (o.pairs === 0 || o.coverage === null || o.mape === null || o.bias === null) return ["No month after a forecast has happened yet: there is nothing to compare."];
  const bias = (Math.abs(o.bias) * 100).toFixed(1);
  const way = bias === "0.0" ? "neither too high nor too low" : `${bias}% too ${o.bias > 0 ? "high" : "low"}`;
  return [
    `The actual MRR fell inside the P10–P90 range in ${Math.round(o.coverage * 100)}% of the ${count(o.pairs)} forecast months that have happened; 80% is expected.`,
    `On average the forecast was ${(o.mape * 100).toFixed(1)}% off (MAPE) and ${way} (bias).`,
  ];
}
