// ECharts, with only the pieces we use (keeps the bundle small and offline). Charts follow the
// light/dark theme and can be saved as PNG.
import { BarChart, HeatmapChart, LineChart, PieChart } from "echarts/charts";
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, VisualMapComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import * as api from "./api";
import type { Cohort, Effect, HealthBands, Movement, Utilization, YearRow } from "./api";
import { monthLabel, shortMoney } from "./format";

echarts.use([LineChart, BarChart, PieChart, HeatmapChart, GridComponent, TooltipComponent, LegendComponent, MarkLineComponent, VisualMapComponent, CanvasRenderer]);

const dark = () => window.matchMedia("(prefers-color-scheme: dark)").matches;
const charts = new Map<string, echarts.ECharts>();

// A chart follows its own element's size, not the window's: a chart resized while its tab was hidden
// would be sized 0 x 0 and stay blank. The observer fires when the element gets its size back (its tab
// is shown) as well as on every window resize, and a hidden (0-sized) element is never resized.
const sized = new ResizeObserver((entries) => {
  for (const e of entries) {
    const c = charts.get((e.target as HTMLElement).id);
    if (c && !c.isDisposed() && c.getDom() === e.target && e.contentRect.width > 0 && e.contentRect.height > 0) c.resize();
  }
});

function chart(el: HTMLElement): echarts.ECharts {
  let c = charts.get(el.id);
  // A view that rebuilt its markup has a new element under the same id: the old chart drew into the
  // detached one (the Predictive CLV charts stayed blank), so it is replaced.
  if (c && !c.isDisposed() && c.getDom() !== el) {
    sized.unobserve(c.getDom());
    c.dispose();
  }
  if (!c || c.isDisposed() || c.getDom() !== el) {
    c = echarts.init(el, dark() ? "dark" : undefined, { renderer: "canvas" });
    charts.set(el.id, c);
    sized.observe(el);
  } else if (el.clientWidth > 0 && (c.getWidth() !== el.clientWidth || c.getHeight() !== el.clientHeight)) {
    // Drawn again after a resize that happened while hidden.
    c.resize();
  }
  return c;
}
window.matchMedia("(prefers-color-scheme: dark)").addEventListener("change", () => {
  // Re-created with the new theme on the next render.
  charts.forEach((c) => c.dispose());
  charts.clear();
  window.dispatchEvent(new Event("northstar:rerender"));
});

const bg = () => (dark() ? "transparent" : "#ffffff");
const money = { axisLabel: { formatter: (v: number) => shortMoney(v) } };
const pct = { axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` } };
const tip = (fmt: (v: number) => string) => ({ trigger: "axis" as const, valueFormatter: (v: unknown) => (typeof v === "number" ? fmt(v) : String(v)) });

/** Saves the chart in `el` as PNG through a native save dialog. */
export async function savePng(el: HTMLElement, name: string): Promise<string | null> {
  const c = charts.get(el.id);
  if (!c) return null;
  const url = c.getDataURL({ type: "png", pixelRatio: 2, backgroundColor: dark() ? "#0b1220" : "#ffffff" });
  const bin = atob(url.split(",")[1] ?? "");
  const bytes = Array.from(bin, (ch) => ch.charCodeAt(0));
  return api.savePng(name, bytes);
}

export function mrrChart(el: HTMLElement, series: Movement[]): void {
  chart(el).setOption(
    {
      backgroundColor: bg(),
      animation: false,
      grid: { left: 64, right: 64, top: 36, bottom: 32 },
      legend: { top: 0 },
      tooltip: tip(shortMoney),
      xAxis: { type: "category", data: series.map((m) => monthLabel(m.month)) },
      yAxis: [
        { type: "value", name: "MRR", ...money },
        { type: "value", name: "ARR", ...money, splitLine: { show: false } },
      ],
      series: [
        { name: "MRR", type: "line", smooth: true, showSymbol: false, areaStyle: { opacity: 0.12 }, data: series.map((m) => m.mrr), color: "#2563eb" },
        { name: "ARR", type: "line", smooth: true, showSymbol: false, yAxisIndex: 1, lineStyle: { type: "dashed" }, data: series.map((m) => 12 * m.mrr), color: "#7c3aed" },
      ],
    },
    true,
  );
}

export function movementsChart(el: HTMLElement, months: Movement[]): void {
  const bar = (name: string, color: string, f: (m: Movement) => number) => ({ name, type: "bar", stack: "mrr", color, data: months.map(f) });
  chart(el).setOption(
    {
      backgroundColor: bg(),
      animation: false,
      grid: { left: 64, right: 16, top: 36, bottom: 32 },
      legend: { top: 0 },
      tooltip: tip(shortMoney),
      xAxis: { type: "category", data: months.map((m) => monthLabel(m.month)) },
      yAxis: { type: "value", ...money },
      series: [
        bar("New", "#15803d", (m) => m.new),
        bar("Expansion", "#22c55e", (m) => m.expansion),
        bar("Reactivation", "#86efac", (m) => m.reactivation),
        bar("Contraction", "#f97316", (m) => -m.contraction),
        bar("Churn", "#dc2626", (m) => -m.churn),
      ],
    },
    true,
  );
}

/** The bridge from MRR before the period to MRR at its end. */
export function waterfallChart(el: HTMLElement, months: Movement[], startMrr: number): void {
  const sum = (f: (m: Movement) => number) => months.reduce((a, m) => a + f(m), 0);
  const steps: [string, number][] = [
    ["New", sum((m) => m.new)],
    ["Reactivation", sum((m) => m.reactivation)],
    ["Expansion", sum((m) => m.expansion)],
    ["Contraction", -sum((m) => m.contraction)],
    ["Churn", -sum((m) => m.churn)],
  ];
  const end = months.length ? months[months.length - 1].mrr : startMrr;
  const labels = ["Start", ...steps.map((s) => s[0]), "End"];
  const base: number[] = [0];
  const up: (number | string)[] = [startMrr];
  const down: (number | string)[] = ["-"];
  let level = startMrr;
  for (const [, v] of steps) {
    if (v >= 0) {
      base.push(level);
      up.push(v);
      down.push("-");
      level += v;
    } else {
      level += v;
      base.push(level);
      up.push("-");
      down.push(-v);
    }
  }
  base.push(0);
  up.push(end);
  down.push("-");
  chart(el).setOption(
    {
      backgroundColor: bg(),
      animation: false,
      grid: { left: 64, right: 16, top: 16, bottom: 32 },
      tooltip: { trigger: "axis", formatter: (ps: { name: string; value: unknown; seriesName: string }[]) => ps.filter((p) => p.seriesName !== "base" && p.value !== "-").map((p) => `${p.name}: ${shortMoney(Number(p.value))}`).join("<br>") },
      xAxis: { type: "category", data: labels },
      yAxis: { type: "value", ...money },
      series: [
        { name: "base", type: "bar", stack: "w", itemStyle: { color: "transparent" }, data: base },
        { name: "up", type: "bar", stack: "w", color: "#22c55e", data: up },
        { name: "down", type: "bar", stack: "w", color: "#dc2626", data: down },
      ],
    },
    true,
  );
}

export function cohortChart(el: HTMLElement, cohorts: Cohort[], kind: "logo" | "revenue"): void {
  const recent = cohorts.slice(-18);
  const ages = Math.max(0, ...recent.map((c) => c[kind].length));
  const data: [number, number, number][] = [];
  recent.forEach((c, y) => c[kind].forEach((v, x) => data.push([x, y, v])));
  chart(el).setOption(
    {
      backgroundColor: bg(),
      animation: false,
      grid: { left: 104, right: 16, top: 8, bottom: 56 },
      tooltip: { formatter: (p: { value: [number, number, number] }) => `${recent[p.value[1]].cohort}, month ${p.value[0]}: ${(p.value[2] * 100).toFixed(1)}%` },
      xAxis: { type: "category", name: "months since first revenue", nameLocation: "middle", nameGap: 26, data: Array.from({ length: ages }, (_, i) => String(i)) },
      yAxis: { type: "category", data: recent.map((c) => `${c.cohort} (${c.customers})`) },
      visualMap: { min: 0, max: kind === "logo" ? 1 : 1.3, calculable: false, orient: "horizontal", left: "center", bottom: 0, itemHeight: 120, show: false, inRange: { color: ["#fee2e2", "#fde68a", "#bbf7d0", "#15803d"] } },
      series: [{ type: "heatmap", data, label: { show: false } }],
    },
    true,
  );
}

export function npsChart(el: HTMLElement, counts: number[]): void {
  const color = (s: number) => (s >= 9 ? "#16a34a" : s >= 7 ? "#eab308" : "#dc2626");
  chart(el).setOption(
    {
      backgroundColor: bg(),
      animation: false,
      grid: { left: 40, right: 8, top: 16, bottom: 28 },
      tooltip: { trigger: "axis" },
      xAxis: { type: "category", data: counts.map((_, i) => String(i)) },
      yAxis: { type: "value", minInterval: 1 },
      series: [{ name: "Responses", type: "bar", data: counts.map((v, i) => ({ value: v, itemStyle: { color: color(i) } })) }],
    },
    true,
  );
}

export function scoresChart(el: HTMLElement, csat: number[], ces: number[]): void {
  const n = Math.max(csat.length, ces.length);
  chart(el).setOption(
    {
      backgroundColor: bg(),
      animation: false,
      grid: { left: 40, right: 8, top: 32, bottom: 28 },
      legend: { top: 0 },
      tooltip: { trigger: "axis" },
      xAxis: { type: "category", data: Array.from({ length: n }, (_, i) => String(i + 1)) },
      yAxis: { type: "value", minInterval: 1 },
      series: [
        { name: "CSAT", type: "bar", color: "#2563eb", data: csat },
        { name: "CES", type: "bar", color: "#7c3aed", data: ces },
      ],
    },
    true,
  );
}

export function healthDonut(el: HTMLElement, bands: HealthBands): void {
  chart(el).setOption(
    {
      backgroundColor: bg(),
      animation: false,
      tooltip: { trigger: "item" },
      legend: { bottom: 0 },
      series: [
        {
          type: "pie",
          radius: ["45%", "72%"],
          label: { formatter: "{b}: {c}" },
          data: [
            { name: "Green", value: bands.green, itemStyle: { color: "#16a34a" } },
            { name: "Yellow", value: bands.yellow, itemStyle: { color: "#eab308" } },
            { name: "Red", value: bands.red, itemStyle: { color: "#dc2626" } },
          ],
        },
      ],
    },
    true,
  );
}

export function utilizationChart(el: HTMLElement, list: Utilization[]): void {
  const rows = [...list].reverse();
  chart(el).setOption(
    {
      backgroundColor: bg(),
      animation: false,
      grid: { left: 120, right: 24, top: 8, bottom: 28 },
      tooltip: { trigger: "axis", valueFormatter: (v: unknown) => `${(Number(v) * 100).toFixed(0)}%` },
      xAxis: { type: "value", ...pct },
      yAxis: { type: "category", data: rows.map((u) => u.name ?? u.customer_id), axisLabel: { width: 110, overflow: "truncate" } },
      series: [{ type: "bar", data: rows.map((u) => ({ value: u.ratio, itemStyle: { color: u.ratio > 1 ? "#7c3aed" : u.ratio < 0.5 ? "#dc2626" : "#2563eb" } })) }],
    },
    true,
  );
}

export function arrForecastChart(el: HTMLElement, scenario: YearRow[], baseline: YearRow[]): void {
  chart(el).setOption(
    {
      backgroundColor: bg(),
      animation: false,
      grid: { left: 64, right: 16, top: 36, bottom: 28 },
      legend: { top: 0 },
      tooltip: tip(shortMoney),
      xAxis: { type: "category", data: scenario.map((y) => `Year ${y.year}`) },
      yAxis: { type: "value", ...money },
      series: [
        { name: "Baseline ARR", type: "bar", color: "#94a3b8", data: baseline.map((y) => y.arr) },
        { name: "Scenario ARR", type: "bar", color: "#2563eb", data: scenario.map((y) => y.arr) },
      ],
    },
    true,
  );
}

export function nrrForecastChart(el: HTMLElement, scenario: YearRow[], baseline: YearRow[]): void {
  chart(el).setOption(
    {
      backgroundColor: bg(),
      animation: false,
      grid: { left: 56, right: 16, top: 36, bottom: 28 },
      legend: { top: 0 },
      tooltip: tip((v) => `${(v * 100).toFixed(1)}%`),
      xAxis: { type: "category", data: scenario.map((y) => `Year ${y.year}`) },
      yAxis: { type: "value", ...pct, scale: true },
      series: [
        { name: "Baseline NRR", type: "line", color: "#94a3b8", data: baseline.map((y) => y.nrr) },
        { name: "Scenario NRR", type: "line", color: "#2563eb", data: scenario.map((y) => y.nrr) },
        { name: "Scenario GRR", type: "line", color: "#f97316", lineStyle: { type: "dashed" }, data: scenario.map((y) => y.grr) },
      ],
    },
    true,
  );
}

/** The sensitivity of one output to a one-point move of each input. */
export function tornadoChart(el: HTMLElement, effects: Effect[], output: "arr" | "nrr" | "clv", labels: Record<string, string>): void {
  const sorted = [...effects].sort((a, b) => Math.abs(a[output][1] - a[output][0]) - Math.abs(b[output][1] - b[output][0]));
  const fmt = output === "nrr" ? (v: number) => `${(v * 100).toFixed(2)} pts` : shortMoney;
  chart(el).setOption(
    {
      backgroundColor: bg(),
      animation: false,
      grid: { left: 230, right: 24, top: 32, bottom: 24 },
      legend: { top: 0 },
      tooltip: { trigger: "axis", valueFormatter: (v: unknown) => fmt(Number(v)) },
      xAxis: { type: "value", axisLabel: { formatter: (v: number) => (output === "nrr" ? `${(v * 100).toFixed(1)}` : shortMoney(v)) } },
      yAxis: { type: "category", data: sorted.map((e) => labels[e.input] ?? e.input) },
      series: [
        { name: "one point down", type: "bar", stack: "t", color: "#f97316", data: sorted.map((e) => e[output][0]) },
        { name: "one point up", type: "bar", stack: "t", color: "#2563eb", data: sorted.map((e) => e[output][1]) },
      ],
    },
    true,
  );
}

/** Customers by their probability of being alive, in tenths. */
export function pAliveChart(el: HTMLElement, histogram: number[]): void {
  chart(el).setOption(
    {
      backgroundColor: bg(),
      animation: false,
      grid: { left: 48, right: 8, top: 36, bottom: 40 },
      tooltip: { trigger: "axis" },
      xAxis: { type: "category", name: "P(alive)", nameLocation: "middle", nameGap: 26, data: histogram.map((_, i) => `${i * 10}-${i * 10 + 10}%`) },
      yAxis: { type: "value", minInterval: 1, name: "customers" },
      series: [{ name: "Customers", type: "bar", data: histogram, itemStyle: { color: "#2563eb" } }],
    },
    true,
  );
}

/** Cumulative repeat purchases by unit: what happened and what the model expects, with the
 * calibration end marked. */
export function trackingChart(el: HTMLElement, points: { unit: number; actual: number; expected: number }[], unitName: string, calibrationUnit: number): void {
  chart(el).setOption(
    {
      backgroundColor: bg(),
      animation: false,
      grid: { left: 56, right: 56, top: 48, bottom: 40 },
      legend: { top: 0 },
      tooltip: { trigger: "axis", valueFormatter: (v: unknown) => (typeof v === "number" ? Math.round(v).toLocaleString("en-US") : String(v)) },
      xAxis: { type: "category", name: unitName, nameLocation: "middle", nameGap: 26, data: points.map((p) => String(p.unit)) },
      yAxis: { type: "value", name: "repeat purchases" },
      series: [
        { name: "Actual", type: "line", showSymbol: false, data: points.map((p) => p.actual), color: "#0f172a",
          markLine: calibrationUnit > 0 ? { symbol: "none", label: { formatter: "calibration\nend", position: "end" }, data: [{ xAxis: String(calibrationUnit) }] } : undefined },
        { name: "Expected (BG/NBD)", type: "line", showSymbol: false, lineStyle: { type: "dashed" }, data: points.map((p) => Math.round(p.expected * 10) / 10), color: "#2563eb" },
      ],
    },
    true,
  );
}
