// The What-if panel's two range charts: the fan chart of the forecast (P10-P90 shaded, P50 and the
// deterministic scenario as lines) and the backtest of one origin (forecast and actual MRR with the
// range). The range is one shaded band between the P10 and P90 values.
import { plot } from "./charts";
import type { FanData, OriginData } from "./bandrows";
import { money, tickMoney } from "./format";
import type { Spec, TipLine } from "./plotspec";

const BAND = "rgba(37, 99, 235, 0.18)";

/** "Nov 2026", then "P90 $x" and so on for the point under the pointer (a row without a value there
 * is left out). */
function tip(labels: string[], rows: [string, (number | null)[]][]): (i: number) => TipLine[] {
  return (i) => [labels[i] ?? "", ...rows.filter(([, v]) => v[i] !== null && v[i] !== undefined).map(([n, v]) => `${n} ${money(v[i] as number)}`)];
}

/** ARR by month or year: the P10-P90 range shaded, its P50, and the scenario's own line. */
export function fanSpec(d: FanData): Spec {
  return {
    labels: d.labels,
    legend: true,
    every: d.labels.length <= 12,
    series: [
      { kind: "band", name: "P10 – P90", color: BAND, low: d.p10, high: d.p90 },
      { kind: "line", name: "P50", color: "#2563eb", dash: true, points: d.labels.length <= 12, values: d.p50 },
      { kind: "line", name: "Scenario", color: "#f97316", points: d.labels.length <= 12, values: d.scenario },
    ],
    y: { format: tickMoney, name: "ARR" },
    tip: tip(d.labels, [["P90", d.p90], ["P50", d.p50], ["P10", d.p10], ["Scenario", d.scenario]]),
  };
}
export const fanChart = (el: HTMLElement, d: FanData) => plot(el, fanSpec(d));

/** One backtest origin: the forecast and its range against the actual MRR (a gap where it has not happened). */
export function backtestSpec(d: OriginData): Spec {
  return {
    labels: d.labels,
    legend: true,
    series: [
      { kind: "band", name: "P10 – P90", color: BAND, low: d.p10, high: d.p90 },
      { kind: "line", name: "Forecast", color: "#2563eb", dash: true, points: true, values: d.forecast },
      { kind: "line", name: "Actual", color: "#f97316", points: true, values: d.actual },
    ],
    y: { format: tickMoney, name: "MRR" },
    tip: tip(d.labels, [["P90", d.p90], ["Forecast", d.forecast], ["P10", d.p10], ["Actual", d.actual]]),
  };
}
export const backtestChart = (el: HTMLElement, d: OriginData) => plot(el, backtestSpec(d));
