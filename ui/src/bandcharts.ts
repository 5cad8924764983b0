// The What-if panel's two range charts: the fan chart of the forecast (P10-P90 shaded, P50 and the
// deterministic scenario as lines) and the backtest of one origin (forecast and actual MRR with the
// range). The range is drawn as an invisible P10 line with the band (P90 - P10) stacked on it.
import { bg, chart } from "./charts";
import type { FanData, OriginData } from "./bandrows";
import { money, shortMoney } from "./format";

const BAND = "rgba(37, 99, 235, 0.18)";
// Two decimals of millions: a range's axis steps are often finer than $0.1M.
const moneyAxis = (name: string) => ({ type: "value" as const, name, scale: true, axisLabel: { formatter: (v: number) => shortMoney(v, 2) } });

/** The stacked pair drawing the shaded range between `low` and `high` (nulls leave a gap). */
function rangeSeries(low: (number | null)[], high: (number | null)[], name: string) {
  const common = { type: "line" as const, stack: "range", symbol: "none", lineStyle: { opacity: 0 }, emphasis: { disabled: true }, tooltip: { show: false } };
  return [
    { ...common, name: `${name} low`, data: low },
    { ...common, name, data: high.map((v, i) => (v === null || low[i] === null ? null : v - (low[i] as number))), areaStyle: { color: BAND }, color: BAND },
  ];
}

/** "Nov 2026<br>P90 $x<br>..." for the point under the pointer. */
function tooltip(labels: string[], rows: [string, (number | null)[]][]) {
  return {
    trigger: "axis" as const,
    formatter: (ps: { dataIndex: number }[]) => {
      const i = ps[0]?.dataIndex ?? 0;
      const lines = rows.filter(([, v]) => v[i] !== null && v[i] !== undefined).map(([n, v]) => `${n} ${money(v[i] as number)}`);
      return [labels[i] ?? "", ...lines].join("<br>");
    },
  };
}

/** ARR by month or year: the P10-P90 range shaded, its P50, and the scenario's own line. */
export function fanChart(el: HTMLElement, d: FanData): void {
  chart(el).setOption(fanOption(d), true);
}

export function fanOption(d: FanData) {
  return {
    backgroundColor: bg(),
    animation: false,
    grid: { left: 72, right: 40, top: 40, bottom: 28 },
    legend: { top: 0, data: ["P10 – P90", "P50", "Scenario"] },
    tooltip: tooltip(d.labels, [["P90", d.p90], ["P50", d.p50], ["P10", d.p10], ["Scenario", d.scenario]]),
    xAxis: { type: "category", boundaryGap: false, data: d.labels },
    yAxis: moneyAxis("ARR"),
    series: [
      ...rangeSeries(d.p10, d.p90, "P10 – P90"),
      { name: "P50", type: "line", showSymbol: d.labels.length <= 12, color: "#2563eb", lineStyle: { type: "dashed" }, data: d.p50 },
      { name: "Scenario", type: "line", showSymbol: d.labels.length <= 12, color: "#f97316", data: d.scenario },
    ],
  };
}

/** One backtest origin: the forecast and its range against the actual MRR (a gap where it has not happened). */
export function backtestChart(el: HTMLElement, d: OriginData): void {
  chart(el).setOption(backtestOption(d), true);
}

export function backtestOption(d: OriginData) {
  return {
    backgroundColor: bg(),
    animation: false,
    grid: { left: 72, right: 40, top: 40, bottom: 28 },
    legend: { top: 0, data: ["P10 – P90", "Forecast", "Actual"] },
    tooltip: tooltip(d.labels, [["P90", d.p90], ["Forecast", d.forecast], ["P10", d.p10], ["Actual", d.actual]]),
    xAxis: { type: "category", boundaryGap: false, data: d.labels },
    yAxis: moneyAxis("MRR"),
    series: [
      ...rangeSeries(d.p10, d.p90, "P10 – P90"),
      { name: "Forecast", type: "line", color: "#2563eb", lineStyle: { type: "dashed" }, data: d.forecast },
      { name: "Actual", type: "line", color: "#f97316", connectNulls: false, data: d.actual },
    ],
  };
}
