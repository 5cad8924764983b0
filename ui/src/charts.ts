// The chart option builders of the dashboard, What-if and CLV views, and the PNG of any chart. ECharts
// itself (src/echarts.ts) is a chunk of its own, asked for as this module loads: the window's first
// screen does not wait for it, and it is ready long before the first workbook is read.
import type { EChartsCoreOption } from "echarts/core";
import * as api from "./api";
import type { Cohort, HealthBands, Movement, ScenarioInputKey, Utilization, YearRow } from "./api";

/** One bar pair of the tornado chart: the (down, up) change of each output (`Sensitivity` with the
 * lifetime CLV known). */
export interface Effect {
  input: ScenarioInputKey;
  step: number;
  arr: [number, number];
  nrr: [number, number];
  clv: [number, number];
}
import { money, monthLabel, shortMoney } from "./format";

const engine = import("./echarts");
const dark = () => window.matchMedia("(prefers-color-scheme: dark)").matches;

/** Charts asked for while off screen, drawn one at a time once the window is idle. */
const offScreen = new Map<HTMLElement, () => Promise<void>>();
let draining = false;

/** Whether any of `el` is inside the window now. */
function onScreen(el: HTMLElement): boolean {
  const r = el.getBoundingClientRect();
  return r.width > 0 && r.bottom > 0 && r.top < window.innerHeight;
}

/** Draws the next off-screen chart a moment after the current frame, leaving the frames between to
 * the user: a period change redraws eight charts below the tiles, and what is in view comes first. */
function drain(): void {
  if (draining) return;
  draining = true;
  requestAnimationFrame(() =>
    setTimeout(() => {
      draining = false;
      const next = offScreen.entries().next();
      if (next.done) return;
      const [el, draw] = next.value;
      offScreen.delete(el);
      void draw();
      if (offScreen.size) drain();
    }, 30),
  );
}

/** Draws the chart in `el` now if it waits off screen (before its PNG is taken). */
async function flush(el: HTMLElement): Promise<void> {
  const draw = offScreen.get(el);
  offScreen.delete(el);
  if (draw) await draw();
}

/** The chart in `el`: what is asked of it is done as soon as the chart engine is loaded (in the order
 * asked: every call waits on the same load); off screen, a moment later (see `drain`). */
export function chart(el: HTMLElement) {
  return {
    // No animation: on a large book a period change redraws eight charts, and a second of animation
    // frames would hold the window's one thread while the user goes on (issue #22).
    setOption: (option: EChartsCoreOption, notMerge?: boolean) => {
      const draw = () => engine.then((e) => void e.chart(el).setOption({ animation: false, ...option }, notMerge));
      if (onScreen(el)) {
        offScreen.delete(el);
        void draw();
      } else {
        offScreen.set(el, draw);
        drain();
      }
    },
    resize: () => void engine.then((e) => e.chart(el).resize()),
  };
}

export const bg = () => (dark() ? "transparent" : "#ffffff");
const moneyAxis = { axisLabel: { formatter: (v: number) => shortMoney(v) } };
/** A round number at or above `v` (1, 2, 2.5 or 5 times a power of ten), for axes that must align. */
function niceMax(v: number): number {
  if (v <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  return ([1, 2, 2.5, 4, 5, 8, 10].map((k) => k * p).find((k) => k >= v) ?? 10 * p);
}
/** A round number at or below `v`. */
function niceFloor(v: number): number {
  if (v <= 0) return 0;
  const p = 10 ** Math.floor(Math.log10(v));
  return Math.floor(v / p) * p;
}
const pct = { axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` } };
const tip = (fmt: (v: number) => string) => ({ trigger: "axis" as const, valueFormatter: (v: unknown) => (typeof v === "number" ? fmt(v) : String(v)) });

/** The chart in `el` as a slide-ready PNG: its title and subtitle (period, segment) above the plot,
 * drawn at twice the screen's resolution. */
async function slidePng(el: HTMLElement, title: string, subtitle: string): Promise<Blob | null> {
  const ratio = 2;
  await flush(el);
  const plot = (await engine).renderedCanvas(el, ratio, dark() ? "#0b1220" : "#ffffff");
  if (!plot) return null;
  const head = 64 * ratio;
  const out = document.createElement("canvas");
  out.width = plot.width;
  out.height = plot.height + head;
  const g = out.getContext("2d");
  if (!g) return null;
  g.fillStyle = dark() ? "#0b1220" : "#ffffff";
  g.fillRect(0, 0, out.width, out.height);
  g.fillStyle = dark() ? "#e2e8f0" : "#0f172a";
  g.font = `600 ${18 * ratio}px system-ui, sans-serif`;
  g.fillText(title, 16 * ratio, 28 * ratio);
  g.fillStyle = "#64748b";
  g.font = `${13 * ratio}px system-ui, sans-serif`;
  g.fillText(subtitle, 16 * ratio, 50 * ratio);
  g.drawImage(plot, 0, head);
  return new Promise((resolve) => out.toBlob((b) => resolve(b), "image/png"));
}

/** Saves the chart in `el` as a slide-ready PNG through a native save dialog. */
export async function savePng(el: HTMLElement, name: string, title: string, subtitle: string): Promise<string | null> {
  const blob = await slidePng(el, title, subtitle);
  if (!blob) return null;
  const bytes = Array.from(new Uint8Array(await blob.arrayBuffer()));
  return api.savePng(name, bytes);
}

/** Copies the chart in `el`, as the PNG `savePng` writes, to the clipboard. */
export async function copyPng(el: HTMLElement, title: string, subtitle: string): Promise<void> {
  const blob = await slidePng(el, title, subtitle);
  if (!blob) throw new Error("the chart is not drawn");
  await navigator.clipboard.write([new ClipboardItem({ "image/png": blob })]);
}

/** MRR month by month, the period asked for shaded. ARR is 12 x MRR: its axis is on the right, on the
 * same line, rather than a second identical curve. */
export function mrrChart(el: HTMLElement, series: Movement[], period?: { from: string; to: string }): void {
  const top = niceMax(Math.max(0, ...series.map((m) => m.mrr)));
  const label = (m: string) => monthLabel(m);
  chart(el).setOption(
    {
      backgroundColor: bg(),
      animation: false,
      grid: { left: 64, right: 72, top: 36, bottom: 32 },
      tooltip: { trigger: "axis", formatter: (ps: { name: string; value: number }[]) => ps.map((p) => `${p.name}<br>MRR ${money(p.value)}<br>ARR ${money(12 * p.value)}`).join("") },
      xAxis: { type: "category", data: series.map((m) => label(m.month)) },
      yAxis: [
        { type: "value", name: "MRR", min: 0, max: top, interval: top / 4, ...moneyAxis },
        { type: "value", name: "ARR", min: 0, max: 12 * top, interval: (12 * top) / 4, ...moneyAxis, splitLine: { show: false } },
      ],
      series: [
        {
          name: "MRR",
          type: "line",
          smooth: true,
          showSymbol: false,
          areaStyle: { opacity: 0.12 },
          data: series.map((m) => m.mrr),
          color: "#2563eb",
          markArea: period ? { silent: true, itemStyle: { color: "rgba(37, 99, 235, 0.08)" }, label: { show: true, position: "insideTop", formatter: "period", color: "#64748b" }, data: [[{ xAxis: label(period.from) }, { xAxis: label(period.to) }]] } : undefined,
        },
      ],
    },
    true,
  );
}

export function movementsChart(el: HTMLElement, months: Movement[]): void {
  const bar = (name: string, color: string, f: (m: Movement) => number) => ({ name, type: "bar", stack: "mrr", color, data: months.map(f) });
  const net = (m: Movement) => m.new + m.reactivation + m.expansion - m.contraction - m.churn;
  chart(el).setOption(
    {
      backgroundColor: bg(),
      animation: false,
      grid: { left: 64, right: 16, top: 36, bottom: 32 },
      legend: { top: 0 },
      tooltip: {
        trigger: "axis",
        formatter: (ps: { axisValue: string; seriesName: string; value: number; marker: string }[]) =>
          [ps[0]?.axisValue ?? "", ...ps.map((p) => `${p.marker}${p.seriesName}: ${money(p.value)}`)].join("<br>"),
      },
      xAxis: { type: "category", data: months.map((m) => monthLabel(m.month)) },
      yAxis: { type: "value", ...moneyAxis },
      series: [
        bar("New", "#15803d", (m) => m.new),
        bar("Expansion", "#22c55e", (m) => m.expansion),
        bar("Reactivation", "#86efac", (m) => m.reactivation),
        bar("Contraction", "#f97316", (m) => -m.contraction),
        bar("Churn", "#dc2626", (m) => -m.churn),
        { name: "Net new", type: "line", color: "#0f172a", symbolSize: 5, data: months.map(net) },
      ],
    },
    true,
  );
}

/** The bridge from MRR before the period to MRR at its end: every bar named and valued, the start and
 * end in a neutral colour, the axis starting near the lowest level so the movements can be seen. */
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
  const up: (number | string)[] = ["-"];
  const down: (number | string)[] = ["-"];
  const total: (number | string)[] = [startMrr];
  let level = startMrr;
  let low = Math.min(startMrr, end);
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
    total.push("-");
    low = Math.min(low, level);
  }
  base.push(0);
  up.push("-");
  down.push("-");
  total.push(end);
  const high = Math.max(startMrr, end, level, ...base.map((b, i) => b + (typeof up[i] === "number" ? (up[i] as number) : 0)));
  // Start the axis below the lowest level by a fifth of the range: the movements stay readable.
  const floor = Math.max(0, niceFloor(low - (high - low) * 0.2));
  const valueLabel = (sign: string) => ({ show: true, position: "top" as const, formatter: (p: { value: unknown }) => (typeof p.value === "number" ? `${sign}${shortMoney(p.value)}` : "") });
  chart(el).setOption(
    {
      backgroundColor: bg(),
      animation: false,
      grid: { left: 64, right: 16, top: 24, bottom: 32 },
      tooltip: { trigger: "axis", formatter: (ps: { name: string; value: unknown; seriesName: string }[]) => ps.filter((p) => p.seriesName !== "base" && p.value !== "-").map((p) => `${p.name}: ${money(Number(p.value) * (p.seriesName === "down" ? -1 : 1))}`).join("<br>") },
      xAxis: { type: "category", data: labels, axisLabel: { interval: 0 } },
      yAxis: { type: "value", min: floor, ...moneyAxis },
      series: [
        { name: "base", type: "bar", stack: "w", itemStyle: { color: "transparent" }, data: base.map((b, i) => (i === 0 || i === labels.length - 1 ? floor : b)) },
        { name: "total", type: "bar", stack: "w", color: "#64748b", data: total.map((t) => (typeof t === "number" ? t - floor : t)), label: { show: true, position: "top", formatter: (p: { dataIndex: number }) => shortMoney(p.dataIndex === 0 ? startMrr : end) } },
        { name: "up", type: "bar", stack: "w", color: "#22c55e", data: up, label: valueLabel("+") },
        { name: "down", type: "bar", stack: "w", color: "#dc2626", data: down, label: valueLabel("−") },
      ],
    },
    true,
  );
}

/** Cohort retention: the share in each cell, cohort sizes, an average row (weighted by cohort size) and
 * one fixed colour scale with its legend (100% is the same green in every view). */
export function cohortChart(el: HTMLElement, cohorts: Cohort[], kind: "logo" | "revenue"): void {
  const recent = cohorts.slice(-18);
  const ages = Math.max(0, ...recent.map((c) => c[kind].length));
  const rows = [...recent.map((c) => `${c.cohort} (${c.customers})${c.customers < 10 ? " *" : ""}`), "Average"];
  const data: [number, number, number][] = [];
  recent.forEach((c, y) => c[kind].forEach((v, x) => data.push([x, y, v])));
  for (let x = 0; x < ages; x++) {
    const cells = recent.filter((c) => c[kind].length > x);
    const weight = cells.reduce((a, c) => a + c.customers, 0);
    if (weight > 0) data.push([x, recent.length, cells.reduce((a, c) => a + c[kind][x] * c.customers, 0) / weight]);
  }
  chart(el).setOption(
    {
      backgroundColor: bg(),
      animation: false,
      grid: { left: 124, right: 16, top: 8, bottom: 72 },
      tooltip: { formatter: (p: { value: [number, number, number] }) => `${rows[p.value[1]]}, month ${p.value[0]}: ${(p.value[2] * 100).toFixed(1)}%` },
      xAxis: { type: "category", name: "months since first revenue", nameLocation: "middle", nameGap: 22, data: Array.from({ length: ages }, (_, i) => String(i)) },
      yAxis: { type: "category", inverse: true, data: rows, axisLabel: { interval: 0 } },
      visualMap: { type: "piecewise", orient: "horizontal", left: "center", bottom: 0, itemWidth: 14, textGap: 4, pieces: [{ lt: 0.5, label: "< 50%", color: "#fee2e2" }, { gte: 0.5, lt: 0.75, label: "50-75%", color: "#fde68a" }, { gte: 0.75, lt: 0.95, label: "75-95%", color: "#bbf7d0" }, { gte: 0.95, lt: 1.05, label: "95-105%", color: "#4ade80" }, { gte: 1.05, label: "> 105%", color: "#15803d" }] },
      series: [{ type: "heatmap", data, label: { show: true, fontSize: 9, color: "#0f172a", formatter: (p: { value: [number, number, number] }) => `${Math.round(p.value[2] * 100)}` } }],
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

/** CSAT (1 to its scale) and CES (1-7), each on its own axis. */
export function scoresChart(el: HTMLElement, csat: number[], ces: number[]): void {
  const cats = (n: number) => Array.from({ length: n }, (_, i) => String(i + 1));
  chart(el).setOption(
    {
      backgroundColor: bg(),
      animation: false,
      grid: [
        { left: 40, right: "54%", top: 24, bottom: 40 },
        { left: "56%", right: 8, top: 24, bottom: 40 },
      ],
      tooltip: { trigger: "axis" },
      xAxis: [
        { type: "category", gridIndex: 0, name: `CSAT (1-${Math.max(csat.length, 1)})`, nameLocation: "middle", nameGap: 24, data: cats(csat.length) },
        { type: "category", gridIndex: 1, name: "CES (1-7)", nameLocation: "middle", nameGap: 24, data: cats(ces.length) },
      ],
      yAxis: [
        { type: "value", gridIndex: 0, minInterval: 1 },
        { type: "value", gridIndex: 1, minInterval: 1 },
      ],
      series: [
        { name: "CSAT", type: "bar", xAxisIndex: 0, yAxisIndex: 0, color: "#2563eb", data: csat },
        { name: "CES", type: "bar", xAxisIndex: 1, yAxisIndex: 1, color: "#7c3aed", data: ces },
      ],
    },
    true,
  );
}

export function healthDonut(el: HTMLElement, bands: HealthBands): void {
  const slice = (name: string, value: number, color: string) => ({ name, value, itemStyle: { color }, label: { show: value > 0 }, labelLine: { show: value > 0 } });
  chart(el).setOption(
    {
      backgroundColor: bg(),
      animation: false,
      tooltip: { trigger: "item" },
      legend: { bottom: 0, formatter: (name: string) => `${name}: ${name === "Green" ? bands.green : name === "Yellow" ? bands.yellow : bands.red}` },
      series: [
        {
          type: "pie",
          radius: ["45%", "72%"],
          label: { formatter: "{b}: {c}" },
          data: [slice("Green", bands.green, "#16a34a"), slice("Yellow", bands.yellow, "#eab308"), slice("Red", bands.red, "#dc2626")],
        },
      ],
    },
    true,
  );
}

/** Seat use, lowest first: every customer named (the chart grows with the list), coloured by level,
 * with the 80% line most teams aim for. */
export function utilizationChart(el: HTMLElement, list: Utilization[]): void {
  const rows = [...list].reverse();
  el.style.height = `${Math.max(260, rows.length * 22 + 48)}px`;
  const color = (r: number) => (r > 1 ? "#7c3aed" : r < 0.5 ? "#dc2626" : r < 0.8 ? "#f59e0b" : "#16a34a");
  const c = chart(el);
  c.resize();
  c.setOption(
    {
      backgroundColor: bg(),
      animation: false,
      grid: { left: 176, right: 40, top: 8, bottom: 28 },
      tooltip: { trigger: "axis", valueFormatter: (v: unknown) => `${(Number(v) * 100).toFixed(0)}%` },
      xAxis: { type: "value", ...pct },
      yAxis: { type: "category", data: rows.map((u) => u.name ?? u.customer_id), axisLabel: { interval: 0, width: 168, overflow: "truncate" } },
      series: [
        {
          type: "bar",
          data: rows.map((u) => ({ value: u.ratio, itemStyle: { color: color(u.ratio) } })),
          label: { show: true, position: "right", formatter: (p: { value: number }) => `${Math.round(p.value * 100)}%` },
          markLine: { symbol: "none", silent: true, lineStyle: { type: "dashed", color: "#64748b" }, label: { formatter: "80%" }, data: [{ xAxis: 0.8 }] },
        },
      ],
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
      yAxis: { type: "value", ...moneyAxis },
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
      xAxis: { type: "category", name: "chance the customer is still active (P(alive))", nameLocation: "middle", nameGap: 26, axisLabel: { interval: 0, fontSize: 10 }, data: histogram.map((_, i) => `${i * 10}-${i * 10 + 10}%`) },
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
        { name: "Expected by the model", type: "line", showSymbol: false, lineStyle: { type: "dashed" }, data: points.map((p) => Math.round(p.expected * 10) / 10), color: "#2563eb" },
      ],
    },
    true,
  );
}
