// The chart builders of the dashboard, What-if and CLV views, and the PNG of any chart. Each builder
// writes a Spec (src/plotspec.ts: plain data, unit-tested) that uPlot draws (src/plot.ts, a chunk of its
// own asked for as this module loads: the window's first screen does not wait for it). The health donut
// and the cohort table are markup of our own (src/figures.ts).
import * as api from "./api";
import type { Cohort, HealthBands, Movement, ScenarioInputKey, Utilization, YearRow } from "./api";
import { cohortGrid, drawCohorts, drawDonut, figureCanvas } from "./figures";
import { money, monthLabel, shortMoney, tickMoney } from "./format";
import { niceFloor, niceMax, stackBases, type Spec } from "./plotspec";

/** One bar pair of the tornado chart: the (down, up) change of each output (`Sensitivity` with the
 * lifetime CLV known). */
export interface Effect {
  input: ScenarioInputKey;
  step: number;
  arr: [number, number];
  nrr: [number, number];
  clv: [number, number];
}

const engine = import("./plot");
const dark = () => window.matchMedia("(prefers-color-scheme: dark)").matches;
/** The colour of a series drawn in the text's colour (the net line, the actual purchases). */
export const ink = () => (dark() ? "#e2e8f0" : "#0f172a");

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

/** Draws `spec` in `el` as soon as the chart engine is loaded (in the order asked: every call waits on
 * the same load); off screen, a moment later (see `drain`). */
export function plot(el: HTMLElement, spec: Spec): void {
  const draw = () => engine.then((e) => e.draw(el, spec));
  if (onScreen(el)) {
    offScreen.delete(el);
    void draw();
  } else {
    offScreen.set(el, draw);
    drain();
  }
}

/** The chart in `el` as a slide-ready PNG: its title and subtitle (period, segment) above the plot.
 * The donut and the cohort table are drawn at twice the screen's resolution; uPlot's charts at the
 * screen's (uPlot draws at the window's pixel ratio). */
async function slidePng(el: HTMLElement, title: string, subtitle: string): Promise<Blob | null> {
  await flush(el);
  const background = dark() ? "#0b1220" : "#ffffff";
  const e = await engine;
  const plotted = e.renderedCanvas(el, background);
  const ratio = plotted ? e.pixelRatio() : 2;
  const plot = plotted ?? (await figureCanvas(el, ratio, background));
  if (!plot) return null;
  const head = 64 * ratio;
  const out = document.createElement("canvas");
  out.width = Math.max(plot.width, 480 * ratio);
  out.height = plot.height + head;
  const g = out.getContext("2d");
  if (!g) return null;
  g.fillStyle = background;
  g.fillRect(0, 0, out.width, out.height);
  g.fillStyle = ink();
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

const pct0 = (v: number) => `${Math.round(v * 100)}%`;
const whole = (v: number) => Math.round(v).toLocaleString("en-US");

/** MRR month by month, the period asked for shaded. ARR is 12 x MRR: its axis is on the right, on the
 * same line, rather than a second identical curve; both axes have the same four steps so they align. */
export function mrrSpec(series: Movement[], period?: { from: string; to: string }): Spec {
  const top = niceMax(Math.max(0, ...series.map((m) => m.mrr)));
  const ticks = [0, 1, 2, 3, 4].map((k) => (k * top) / 4);
  // The period's first and last months on the chart (it may start before the series does).
  const from = series.findIndex((m) => m.month >= (period?.from ?? ""));
  const to = series.reduce((a, m, i) => (m.month <= (period?.to ?? "") ? i : a), -1);
  return {
    labels: series.map((m) => monthLabel(m.month)),
    gap: true,
    series: [{ kind: "line", name: "MRR", color: "#2563eb", smooth: true, fill: "rgba(37, 99, 235, 0.12)", values: series.map((m) => m.mrr) }],
    y: { format: tickMoney, min: 0, max: top, ticks, name: "MRR" },
    y2: { format: tickMoney, factor: 12, name: "ARR" },
    shade: period && from >= 0 && to >= from ? { from, to, label: "period" } : undefined,
    tip: (i) => (series[i] ? [monthLabel(series[i].month), `MRR ${money(series[i].mrr)}`, `ARR ${money(12 * series[i].mrr)}`] : []),
  };
}
export const mrrChart = (el: HTMLElement, series: Movement[], period?: { from: string; to: string }) => plot(el, mrrSpec(series, period));

/** New, expansion and reactivation above zero, contraction and churn below it (stacked by sign), and
 * the net new MRR as a line. */
export function movementsSpec(months: Movement[]): Spec {
  const parts: [string, string, (m: Movement) => number][] = [
    ["New", "#15803d", (m) => m.new],
    ["Expansion", "#22c55e", (m) => m.expansion],
    ["Reactivation", "#86efac", (m) => m.reactivation],
    ["Contraction", "#f97316", (m) => -m.contraction],
    ["Churn", "#dc2626", (m) => -m.churn],
  ];
  const values = parts.map(([, , f]) => months.map(f));
  const bases = stackBases(values);
  const net = (m: Movement) => m.new + m.reactivation + m.expansion - m.contraction - m.churn;
  return {
    labels: months.map((m) => monthLabel(m.month)),
    gap: true,
    legend: true,
    series: [
      ...parts.map(([name, color], k) => ({ kind: "bar" as const, name, color, values: values[k], base: bases[k] })),
      { kind: "line", name: "Net new", color: ink(), points: true, values: months.map(net) },
    ],
    y: { format: tickMoney },
    tipFormat: money,
  };
}
export const movementsChart = (el: HTMLElement, months: Movement[]) => plot(el, movementsSpec(months));

/** The bridge from MRR before the period to MRR at its end: each bar from the level before it to the
 * level after it, named and valued; the start and end in a neutral colour, from zero. The axis starts
 * below the lowest level by a fifth of the range, so that the movements can be seen. */
export function waterfallSpec(months: Movement[], startMrr: number): Spec {
  const sum = (f: (m: Movement) => number) => months.reduce((a, m) => a + f(m), 0);
  const steps: [string, number][] = [
    ["New", sum((m) => m.new)],
    ["Reactivation", sum((m) => m.reactivation)],
    ["Expansion", sum((m) => m.expansion)],
    ["Contraction", -sum((m) => m.contraction)],
    ["Churn", -sum((m) => m.churn)],
  ];
  const end = months.length ? months[months.length - 1].mrr : startMrr;
  const base = [0];
  const values = [startMrr];
  const colors = ["#64748b"];
  const labels = [shortMoney(startMrr)];
  let level = startMrr;
  let low = Math.min(startMrr, end);
  let high = Math.max(startMrr, end);
  for (const [, v] of steps) {
    base.push(level);
    values.push(v);
    colors.push(v >= 0 ? "#22c55e" : "#dc2626");
    labels.push(`${v >= 0 ? "+" : "−"}${shortMoney(Math.abs(v))}`);
    level += v;
    low = Math.min(low, level);
    high = Math.max(high, level);
  }
  base.push(0);
  values.push(end);
  colors.push("#64748b");
  labels.push(shortMoney(end));
  const names = ["Start", ...steps.map((s) => s[0]), "End"];
  return {
    labels: names,
    gap: true,
    every: true,
    series: [{ kind: "bar", name: "MRR", color: "#64748b", colors, base, values, labels }],
    y: { format: tickMoney, min: Math.max(0, niceFloor(low - (high - low) * 0.2)) },
    tip: (i) => [`${names[i]}: ${money(values[i])}`],
  };
}
export const waterfallChart = (el: HTMLElement, months: Movement[], startMrr: number) => plot(el, waterfallSpec(months, startMrr));

/** Cohort retention: a table of shares, coloured on one fixed scale (src/figures.ts). */
export function cohortChart(el: HTMLElement, cohorts: Cohort[], kind: "logo" | "revenue"): void {
  drawCohorts(el, cohortGrid(cohorts, kind));
}

export function npsSpec(counts: number[]): Spec {
  const color = (s: number) => (s >= 9 ? "#16a34a" : s >= 7 ? "#eab308" : "#dc2626");
  return {
    labels: counts.map((_, i) => String(i)),
    gap: true,
    every: true,
    series: [{ kind: "bar", name: "Responses", color: "#2563eb", colors: counts.map((_, i) => color(i)), values: counts }],
    y: { format: whole, whole: true },
  };
}
export const npsChart = (el: HTMLElement, counts: number[]) => plot(el, npsSpec(counts));

/** CSAT (1 to its scale) and CES (1-7) side by side, each on its own axis (CSAT left, CES right). */
export function scoresSpec(csat: number[], ces: number[]): Spec {
  const gap = csat.length && ces.length ? 1 : 0;
  const n = csat.length + gap + ces.length;
  const at = (from: number, vs: number[]) => Array.from({ length: n }, (_, i) => (i >= from && i < from + vs.length ? vs[i - from] : null));
  const cesFrom = csat.length + gap;
  return {
    labels: [...csat.map((_, i) => String(i + 1)), ...(gap ? [""] : []), ...ces.map((_, i) => String(i + 1))],
    gap: true,
    every: true,
    series: [
      { kind: "bar", name: "CSAT", color: "#2563eb", values: at(0, csat) },
      { kind: "bar", name: "CES", color: "#7c3aed", values: at(cesFrom, ces), right: true },
    ],
    y: { format: whole, whole: true },
    y2: { format: whole, whole: true },
    groups: [
      ...(csat.length ? [{ from: 0, to: csat.length - 1, label: `CSAT (1-${csat.length})` }] : []),
      ...(ces.length ? [{ from: cesFrom, to: cesFrom + ces.length - 1, label: "CES (1-7)" }] : []),
    ],
    tip: (i) => (i < csat.length ? [`CSAT ${i + 1}`, `${whole(csat[i])} answers`] : i >= cesFrom ? [`CES ${i - cesFrom + 1}`, `${whole(ces[i - cesFrom])} answers`] : []),
  };
}
export const scoresChart = (el: HTMLElement, csat: number[], ces: number[]) => plot(el, scoresSpec(csat, ces));

export function healthDonut(el: HTMLElement, bands: HealthBands): void {
  drawDonut(el, bands);
}

/** Seat use, lowest first (on top): every customer named (the chart grows with the list), coloured by
 * level, with the 80% line most teams aim for. */
export function utilizationSpec(list: Utilization[]): Spec {
  const color = (r: number) => (r > 1 ? "#7c3aed" : r < 0.5 ? "#dc2626" : r < 0.8 ? "#f59e0b" : "#16a34a");
  const name = (u: Utilization) => u.name ?? u.customer_id;
  return {
    labels: list.map((u) => (name(u).length > 28 ? `${name(u).slice(0, 27)}…` : name(u))),
    horizontal: true,
    gap: true,
    every: true,
    height: Math.max(260, list.length * 22 + 48),
    series: [{ kind: "bar", name: "Seat use", color: "#16a34a", colors: list.map((u) => color(u.ratio)), values: list.map((u) => u.ratio), labels: list.map((u) => pct0(u.ratio)) }],
    y: { format: pct0, min: 0 },
    marks: [{ axis: "value", at: 0.8, label: "80%" }],
    tip: (i) => (list[i] ? [name(list[i]), `Seat use ${pct0(list[i].ratio)} (${list[i].active} of ${list[i].purchased})`] : []),
  };
}
export const utilizationChart = (el: HTMLElement, list: Utilization[]) => plot(el, utilizationSpec(list));

export function arrForecastSpec(scenario: YearRow[], baseline: YearRow[]): Spec {
  return {
    labels: scenario.map((y) => `Year ${y.year}`),
    gap: true,
    every: true,
    legend: true,
    series: [
      { kind: "bar", name: "Baseline ARR", color: "#94a3b8", values: baseline.map((y) => y.arr), slot: [0, 2] },
      { kind: "bar", name: "Scenario ARR", color: "#2563eb", values: scenario.map((y) => y.arr), slot: [1, 2] },
    ],
    y: { format: tickMoney },
  };
}
export const arrForecastChart = (el: HTMLElement, scenario: YearRow[], baseline: YearRow[]) => plot(el, arrForecastSpec(scenario, baseline));

export function nrrForecastSpec(scenario: YearRow[], baseline: YearRow[]): Spec {
  return {
    labels: scenario.map((y) => `Year ${y.year}`),
    gap: true,
    every: true,
    legend: true,
    series: [
      { kind: "line", name: "Baseline NRR", color: "#94a3b8", points: true, values: baseline.map((y) => y.nrr) },
      { kind: "line", name: "Scenario NRR", color: "#2563eb", points: true, values: scenario.map((y) => y.nrr) },
      { kind: "line", name: "Scenario GRR", color: "#f97316", points: true, dash: true, values: scenario.map((y) => y.grr) },
    ],
    y: { format: pct0 },
    tipFormat: (v) => `${(v * 100).toFixed(1)}%`,
  };
}
export const nrrForecastChart = (el: HTMLElement, scenario: YearRow[], baseline: YearRow[]) => plot(el, nrrForecastSpec(scenario, baseline));

/** The sensitivity of one output to a one-point move of each input, the largest on top. */
export function tornadoSpec(effects: Effect[], output: "arr" | "nrr" | "clv", labels: Record<string, string>): Spec {
  const spread = (e: Effect) => Math.abs(e[output][1] - e[output][0]);
  const sorted = [...effects].sort((a, b) => spread(b) - spread(a));
  const values = [sorted.map((e) => e[output][0]), sorted.map((e) => e[output][1])];
  const bases = stackBases(values);
  return {
    labels: sorted.map((e) => labels[e.input] ?? e.input),
    horizontal: true,
    gap: true,
    every: true,
    legend: true,
    series: [
      { kind: "bar", name: "one point down", color: "#f97316", values: values[0], base: bases[0], maxWidth: 28 },
      { kind: "bar", name: "one point up", color: "#2563eb", values: values[1], base: bases[1], maxWidth: 28 },
    ],
    y: { format: (v, step) => (output === "nrr" ? `${(v * 100).toFixed(1)}` : tickMoney(v, step)) },
    tipFormat: output === "nrr" ? (v) => `${(v * 100).toFixed(2)} pts` : shortMoney,
  };
}
export const tornadoChart = (el: HTMLElement, effects: Effect[], output: "arr" | "nrr" | "clv", labels: Record<string, string>) => plot(el, tornadoSpec(effects, output, labels));

/** Customers by their probability of being alive, in tenths. */
export function pAliveSpec(histogram: number[]): Spec {
  return {
    labels: histogram.map((_, i) => `${i * 10}-${i * 10 + 10}%`),
    gap: true,
    every: true,
    xName: "chance the customer is still active (P(alive))",
    series: [{ kind: "bar", name: "Customers", color: "#2563eb", values: histogram }],
    y: { format: whole, whole: true, name: "customers" },
  };
}
export const pAliveChart = (el: HTMLElement, histogram: number[]) => plot(el, pAliveSpec(histogram));

/** Cumulative repeat purchases by unit: what happened and what the model expects, with the
 * calibration end marked. */
export function trackingSpec(points: { unit: number; actual: number; expected: number }[], unitName: string, calibrationUnit: number): Spec {
  const end = points.findIndex((p) => p.unit === calibrationUnit);
  return {
    labels: points.map((p) => String(p.unit)),
    legend: true,
    xName: unitName,
    series: [
      { kind: "line", name: "Actual", color: ink(), values: points.map((p) => p.actual) },
      { kind: "line", name: "Expected by the model", color: "#2563eb", dash: true, values: points.map((p) => Math.round(p.expected * 10) / 10) },
    ],
    y: { format: whole, name: "repeat purchases" },
    marks: calibrationUnit > 0 && end >= 0 ? [{ axis: "category", at: end, label: "calibration end" }] : [],
  };
}
export const trackingChart = (el: HTMLElement, points: { unit: number; actual: number; expected: number }[], unitName: string, calibrationUnit: number) =>
  plot(el, trackingSpec(points, unitName, calibrationUnit));
