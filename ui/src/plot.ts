// The chart engine: uPlot drawing the specs the builders write (src/plotspec.ts), in a chunk of its own
// that charts.ts asks for as it loads. uPlot draws the axes, grid, lines, legend and cursor; bars, shaded
// ranges, mark lines and the shaded period are drawn here on its canvas (uPlot has no stacked, grouped
// or per-bar-coloured bars of its own). Each chart follows its element's size and the light/dark theme.
import "./plotlocale";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { defaultTip, extent, niceRange } from "./plotrange";
import type { BandSeries, BarSeries, Spec, TipLine } from "./plotspec";

const dark = () => window.matchMedia("(prefers-color-scheme: dark)").matches;
const FONT = "11px system-ui, sans-serif";
const theme = () =>
  dark()
    ? { text: "#94a3b8", grid: "rgba(148, 163, 184, 0.16)", ink: "#e2e8f0", mark: "#94a3b8", shade: "rgba(96, 165, 250, 0.12)" }
    : { text: "#64748b", grid: "#e5e7eb", ink: "#0f172a", mark: "#64748b", shade: "rgba(37, 99, 235, 0.08)" };

interface Drawn {
  u: uPlot;
  el: HTMLElement;
  spec: Spec;
}
const plots = new Map<string, Drawn>();
/** Specs asked for while their element had no size (a hidden tab): drawn when it gets one. */
const waiting = new Map<string, { el: HTMLElement; spec: Spec }>();
let sized: ResizeObserver | null = null;

/** Set up on the first chart (not at load: nothing here runs without a window). */
function watch(): ResizeObserver {
  if (sized) return sized;
  // A chart follows its own element's size, not the window's: a chart sized while its tab was hidden
  // would be 0 x 0 and stay blank. The observer fires when the element gets its size back (its tab is
  // shown) as well as on every window resize, and a hidden (0-sized) element is never drawn or resized.
  sized = new ResizeObserver((entries) => {
    for (const e of entries) {
      const el = e.target as HTMLElement;
      const { width, height } = e.contentRect;
      if (width <= 0 || height <= 0) continue;
      const w = waiting.get(el.id);
      if (w && w.el === el) {
        waiting.delete(el.id);
        create(el, w.spec);
        continue;
      }
      const d = plots.get(el.id);
      if (!d || d.el !== el) continue;
      // A tab shown again at the size it had: its chart is drawn already.
      if (Math.abs(d.u.width - width) < 1 && Math.abs(d.u.height + legendHeight(d.u) - height) < 1) continue;
      fit(d);
    }
  });
  window.matchMedia("(prefers-color-scheme: dark)").addEventListener("change", () => {
    // Every chart drawn again in the new theme from its spec, in whichever view it is (a hidden one
    // when it is shown); the dashboard's donut and cohort table (markup) by the dashboard's render.
    for (const d of [...plots.values()]) {
      d.u.destroy();
      plots.delete(d.el.id);
      if (d.el.clientWidth > 0 && d.el.clientHeight > 0) create(d.el, d.spec);
      else waiting.set(d.el.id, { el: d.el, spec: d.spec });
    }
    window.dispatchEvent(new Event("northstar:rerender"));
  });
  return sized;
}

const legendHeight = (u: uPlot) => (u.root.querySelector(".u-legend") as HTMLElement | null)?.offsetHeight ?? 0;

/** The plot sized to its element, the legend below it included. */
function fit(d: Drawn): void {
  const w = d.el.clientWidth;
  const h = d.el.clientHeight - legendHeight(d.u);
  if (w > 0 && h > 0) d.u.setSize({ width: w, height: h });
}

/** Draws `spec` in `el` (a chart drawn there before is replaced). */
export function draw(el: HTMLElement, spec: Spec): void {
  const observer = watch();
  if (spec.height) el.style.height = `${spec.height}px`;
  const old = plots.get(el.id);
  if (old) {
    old.u.destroy();
    plots.delete(el.id);
    if (old.el !== el) observer.unobserve(old.el);
  }
  el.replaceChildren();
  observer.observe(el);
  if (el.clientWidth <= 0 || el.clientHeight <= 0) waiting.set(el.id, { el, spec });
  else {
    waiting.delete(el.id);
    create(el, spec);
  }
}

function create(el: HTMLElement, spec: Spec): void {
  const u = new uPlot(options(spec, el.clientWidth, el.clientHeight), data(spec), el);
  const d = { u, el, spec };
  plots.set(el.id, d);
  // The legend takes its room under the plot once it is laid out.
  if (spec.legend) fit(d);
}

function data(spec: Spec): uPlot.AlignedData {
  const xs = spec.labels.map((_, i) => i);
  return [xs, ...spec.series.map((s) => (s.kind === "band" ? s.high : s.values))] as uPlot.AlignedData;
}

/** An axis as wide as its longest label (up to `max` px). */
function autoSize(max: number) {
  return (u: uPlot, values: string[] | null, axisIdx: number, cycle: number): number => {
    const axis = u.axes[axisIdx] as uPlot.Axis & { _size?: number; font: [string] };
    if (cycle > 1) return axis._size ?? 40;
    u.ctx.font = axis.font[0];
    const widest = Math.max(0, ...(values ?? []).map((v) => u.ctx.measureText(String(v)).width / uPlot.pxRatio));
    return Math.min(max, Math.ceil(widest) + 14);
  };
}

function options(spec: Spec, width: number, height: number): uPlot.Options {
  const t = theme();
  const hz = !!spec.horizontal;
  const n = spec.labels.length;
  const every = spec.labels.map((_, i) => i);
  const labelled = spec.series.some((s) => s.kind === "bar" && s.labels);
  // About 6.5 px per character of the 11 px font, on one line of the longest category name.
  const labelPx = Math.max(0, ...spec.labels.map((l) => Math.max(...l.split("\n").map((p) => p.length)))) * 6.5;
  const yRange = range(spec, false);
  const catAxis: uPlot.Axis = {
    scale: "x",
    side: hz ? 3 : 2,
    stroke: t.text,
    font: FONT,
    labelFont: FONT,
    gap: 4,
    grid: { show: false },
    ticks: { show: false },
    incrs: [1, 2, 3, 4, 6, 12, 24, 48, 96],
    // Room for the longest name between two labelled categories.
    space: hz ? 12 : Math.max(40, labelPx + 24),
    splits: spec.every ? () => every : undefined,
    // Category names at whole indices only (uPlot may place splits between them).
    values: (_u, splits) => splits.map((v) => (Number.isInteger(v) ? (spec.labels[v] ?? "") : "")),
    size: hz ? autoSize(230) : (spec.xSize ?? (spec.groups ? 40 : 24)),
    label: spec.xName,
    labelSize: spec.xName ? 18 : 0,
    labelGap: 0,
  };
  const valueAxis = (scale: string, side: 0 | 1 | 2 | 3, axis: NonNullable<Spec["y2"]>, grid: boolean): uPlot.Axis => ({
    scale,
    side,
    stroke: t.text,
    font: FONT,
    labelFont: FONT,
    gap: 4,
    grid: { show: grid, stroke: t.grid, width: 1 },
    ticks: { show: false },
    space: hz ? 64 : 28,
    splits: axis.ticks ? () => axis.ticks as number[] : undefined,
    // Steps of 1, 2 or 5 times a power of ten (uPlot's 2.5 would write $2.5k as "$3k" with whole thousands).
    incrs: axis.whole ? STEPS.filter((v) => v >= 1) : STEPS,
    // The step between ticks, for formats whose decimals follow it (money).
    values: (_u, splits) => splits.map((v) => axis.format(v, splits.length > 1 ? Math.abs(splits[1] - splits[0]) : Math.abs(v))),
    size: hz ? 24 : autoSize(96),
    label: axis.name,
    labelSize: axis.name ? 18 : 0,
    labelGap: 0,
  });
  const scales: uPlot.Scales = {
    // Categories are indices; bars sit in the middle of their band, lines reach the plot's edges.
    x: { time: false, ori: hz ? 1 : 0, dir: hz ? -1 : 1, range: () => (spec.gap || n < 2 ? [-0.5, Math.max(n, 1) - 0.5] : [0, n - 1]) },
    y: { ori: hz ? 0 : 1, range: () => yRange },
  };
  const axes = [catAxis, valueAxis("y", hz ? 2 : 3, spec.y, true)];
  if (spec.y2) {
    const y2 = spec.y2;
    const r2: uPlot.Range.MinMax = y2.factor ? [yRange[0] * y2.factor, yRange[1] * y2.factor] : range(spec, true);
    scales.y2 = { ori: hz ? 0 : 1, range: () => r2 };
    const ticks = y2.ticks ?? (y2.factor && spec.y.ticks ? spec.y.ticks.map((v) => v * (y2.factor as number)) : undefined);
    axes.push(valueAxis("y2", hz ? 0 : 1, { ...y2, ticks }, false));
  }
  return {
    width,
    height,
    // Room for the labels drawn past a bar's end and for the marks' labels.
    // A line reaching the right edge has its last category's name centred there: half of it is room.
    padding: [spec.marks?.length || (labelled && !hz) || spec.shade ? 20 : 10, hz && labelled ? 64 : spec.y2 ? 4 : spec.gap || hz ? 16 : Math.max(16, labelPx / 2 + 4), 4, 4],
    // Filled markers in the series' colours (uPlot draws a line's marker as an outline).
    legend: { show: !!spec.legend, live: false, markers: { width: 0, fill: (_u, k) => spec.series[k - 1]?.color ?? "" } },
    cursor: { drag: { x: false, y: false, setScale: false }, points: { show: false }, y: false },
    focus: { alpha: 1 },
    scales,
    axes,
    series: [
      {},
      ...spec.series.map((s): uPlot.Series => {
        const scale = s.kind !== "band" && s.right ? "y2" : "y";
        if (s.kind === "line")
          return {
            label: s.name,
            scale,
            stroke: s.color,
            width: 2,
            dash: s.dash ? [6, 4] : undefined,
            fill: s.fill,
            spanGaps: false,
            paths: s.smooth ? uPlot.paths.spline?.() : undefined,
            points: { show: s.points ?? false, size: 6, fill: s.color },
          };
        // Bars and bands are drawn by the drawSeries hook below, under the lines that follow them.
        return { label: s.name, scale, stroke: s.color, fill: s.color, width: 0, paths: () => null, points: { show: false } };
      }),
    ],
    hooks: {
      drawClear: [(u) => spec.shade && shade(u, spec, t.shade, t.text)],
      drawSeries: [
        (u, k) => {
          const s = spec.series[k - 1];
          if (s?.kind === "bar") bars(u, spec, s, t.ink);
          else if (s?.kind === "band") band(u, s);
        },
      ],
      draw: [(u) => (marks(u, spec, t.mark), groups(u, spec, t.text))],
    },
    plugins: [tooltip(spec)],
  };
}

/** The value axis' ends: as asked, or around the data (bars from zero), with room for bar labels. */
function range(spec: Spec, right: boolean): [number, number] {
  const axis = right ? spec.y2 : spec.y;
  const [lo, hi] = extent(spec, right);
  const bars = spec.series.some((s) => s.kind === "bar");
  let [a, b] = niceRange(lo, hi, bars);
  if (axis?.min !== undefined) a = axis.min;
  if (axis?.max !== undefined) b = axis.max;
  return [a, b];
}

const STEPS = Array.from({ length: 14 }, (_, e) => [1, 2, 5].map((k) => k * 10 ** (e - 4))).flat();
const px = (v: number) => v * uPlot.pxRatio;
const catPos = (u: uPlot, i: number) => u.valToPos(i, "x", true);

/** The shaded period (categories `from` to `to`, whole bands), its label at the top. */
function shade(u: uPlot, spec: Spec, fill: string, text: string): void {
  const s = spec.shade;
  if (!s) return;
  const half = spec.gap ? Math.abs(catPos(u, 1) - catPos(u, 0)) / 2 : 0;
  const { left, top, width, height } = u.bbox;
  const a = Math.max(left, Math.min(catPos(u, s.from), catPos(u, s.to)) - half);
  const b = Math.min(left + width, Math.max(catPos(u, s.from), catPos(u, s.to)) + half);
  const g = u.ctx;
  g.save();
  g.fillStyle = fill;
  g.fillRect(a, top, b - a, height);
  g.fillStyle = text;
  g.font = `${px(11)}px system-ui, sans-serif`;
  g.textAlign = "center";
  g.textBaseline = "bottom";
  g.fillText(s.label, (a + b) / 2, top - px(4));
  g.restore();
}

/** One bar series: each bar from its base to base + value, side by side with its group. */
function bars(u: uPlot, spec: Spec, s: BarSeries, ink: string): void {
  const g = u.ctx;
  const hz = !!spec.horizontal;
  const scale = s.right ? "y2" : "y";
  const step = spec.labels.length > 1 ? Math.abs(catPos(u, 1) - catPos(u, 0)) : hz ? u.bbox.height : u.bbox.width;
  const [slot, of] = s.slot ?? [0, 1];
  const group = Math.min(step * 0.7, px(s.maxWidth ?? 56) * of);
  const w = group / of;
  const { left, top, width, height } = u.bbox;
  g.save();
  g.beginPath();
  g.rect(left, top, width, height);
  g.clip();
  s.values.forEach((v, i) => {
    if (v === null) return;
    const base = s.base?.[i] ?? 0;
    const p0 = u.valToPos(base, scale, true);
    const p1 = u.valToPos(base + v, scale, true);
    const c = catPos(u, i) - group / 2 + slot * w;
    // A pixel between bars side by side; a bar of 0 is not drawn.
    const inset = of > 1 ? Math.min(px(1), w / 4) : 0;
    g.fillStyle = s.colors?.[i] ?? s.color;
    if (hz) g.fillRect(Math.min(p0, p1), c + inset, Math.abs(p1 - p0), w - 2 * inset);
    else g.fillRect(c + inset, Math.min(p0, p1), w - 2 * inset, Math.abs(p1 - p0));
  });
  g.restore();
  if (!s.labels) return;
  // Labels past the bar's end, outside the clip (the padding keeps room for them).
  g.save();
  g.fillStyle = ink;
  g.font = `${px(of > 1 ? 10 : 11)}px system-ui, sans-serif`;
  s.values.forEach((v, i) => {
    const label = s.labels?.[i];
    if (v === null || !label) return;
    const end = u.valToPos((s.base?.[i] ?? 0) + v, scale, true);
    const c = catPos(u, i) - group / 2 + (slot + 0.5) * w;
    if (hz) {
      g.textAlign = "left";
      g.textBaseline = "middle";
      g.fillText(label, Math.max(end, left) + px(4), c);
    } else {
      g.textAlign = "center";
      g.textBaseline = v < 0 ? "top" : "bottom";
      g.fillText(label, c, v < 0 ? end + px(3) : Math.min(end, top + height) - px(3));
    }
  });
  g.restore();
}

/** A shaded range between its low and high lines, one polygon per run without gaps. */
function band(u: uPlot, s: BandSeries): void {
  const g = u.ctx;
  const ok = (i: number) => s.low[i] !== null && s.high[i] !== null;
  const x = (i: number) => catPos(u, i);
  const y = (v: number | null) => u.valToPos(v as number, "y", true);
  g.save();
  g.fillStyle = s.color;
  for (let i = 0; i < s.low.length; i++) {
    if (!ok(i)) continue;
    let j = i;
    while (j + 1 < s.low.length && ok(j + 1)) j++;
    g.beginPath();
    for (let k = i; k <= j; k++) g.lineTo(x(k), y(s.high[k]));
    for (let k = j; k >= i; k--) g.lineTo(x(k), y(s.low[k]));
    g.closePath();
    g.fill();
    i = j;
  }
  g.restore();
}

/** The dashed mark lines, each labelled at its end. */
function marks(u: uPlot, spec: Spec, color: string): void {
  if (!spec.marks?.length) return;
  const g = u.ctx;
  const hz = !!spec.horizontal;
  const { left, top, width, height } = u.bbox;
  g.save();
  g.strokeStyle = color;
  g.fillStyle = color;
  g.lineWidth = px(1);
  g.setLineDash([px(5), px(4)]);
  g.font = `${px(11)}px system-ui, sans-serif`;
  g.textAlign = "center";
  g.textBaseline = "bottom";
  for (const m of spec.marks) {
    const p = m.axis === "value" ? u.valToPos(m.at, "y", true) : catPos(u, m.at);
    // A value mark crosses the value axis: vertical on horizontal bars; a category mark the other way.
    const vertical = (m.axis === "value") === hz;
    g.beginPath();
    if (vertical) {
      g.moveTo(p, top);
      g.lineTo(p, top + height);
    } else {
      g.moveTo(left, p);
      g.lineTo(left + width, p);
    }
    g.stroke();
    // Centred on its line, but within the canvas (a mark at the last category).
    const half = g.measureText(m.label).width / 2;
    if (vertical) g.fillText(m.label, Math.min(Math.max(p, half + px(2)), g.canvas.width - half - px(2)), top - px(3));
    else {
      g.textAlign = "right";
      g.fillText(m.label, left + width, p - px(3));
    }
  }
  g.restore();
}

/** Captions under runs of categories (CSAT, CES). */
function groups(u: uPlot, spec: Spec, color: string): void {
  if (!spec.groups?.length) return;
  const g = u.ctx;
  g.save();
  g.fillStyle = color;
  g.font = `600 ${px(11)}px system-ui, sans-serif`;
  g.textAlign = "center";
  g.textBaseline = "bottom";
  for (const r of spec.groups) g.fillText(r.label, (catPos(u, r.from) + catPos(u, r.to)) / 2, u.ctx.canvas.height - px(2));
  g.restore();
}

/** The tooltip: the category and each series' value at the pointer, beside it and within the chart. */
function tooltip(spec: Spec): uPlot.Plugin {
  let box: HTMLDivElement | null = null;
  const row = (l: TipLine, head: boolean) => {
    const r = document.createElement("div");
    if (typeof l === "string") {
      r.textContent = l;
      if (head) r.className = "plot-tip-head";
      return r;
    }
    const dot = document.createElement("span");
    dot.className = "plot-tip-dot";
    dot.style.background = l.color;
    r.append(dot, l.text);
    return r;
  };
  return {
    hooks: {
      init: (u) => {
        box = document.createElement("div");
        box.className = "plot-tip";
        box.hidden = true;
        u.over.appendChild(box);
      },
      setCursor: (u) => {
        if (!box) return;
        const i = u.cursor.idx;
        const { left = -1, top = -1 } = u.cursor;
        if (i === null || i === undefined || left < 0) {
          box.hidden = true;
          return;
        }
        const lines = spec.tip ? spec.tip(i) : defaultTip(spec, i, (k) => u.series[k + 1]?.show !== false);
        box.replaceChildren(...lines.map((l, n) => row(l, n === 0)));
        box.hidden = false;
        const w = u.over.clientWidth;
        const h = u.over.clientHeight;
        box.style.left = `${left + 14 + box.offsetWidth > w ? Math.max(0, left - 14 - box.offsetWidth) : left + 14}px`;
        box.style.top = `${Math.max(0, Math.min(top + 14, h - box.offsetHeight))}px`;
      },
    },
  };
}

/** The chart in `el` with its legend, on `background`, as one canvas (at the screen's pixel ratio:
 * uPlot draws at it), or null when none is drawn there. */
export function renderedCanvas(el: HTMLElement, background: string): HTMLCanvasElement | null {
  const d = plots.get(el.id);
  if (!d || d.el !== el) return null;
  const plot = d.u.ctx.canvas;
  const r = uPlot.pxRatio;
  const shown = d.spec.legend ? d.spec.series.filter((_, k) => d.u.series[k + 1]?.show !== false) : [];
  // The legend as on screen: entries in rows under the plot.
  const g0 = document.createElement("canvas").getContext("2d");
  if (!g0) return null;
  g0.font = `${12 * r}px system-ui, sans-serif`;
  const entries = shown.map((s) => ({ s, w: g0.measureText(s.name).width + 30 * r }));
  const rows: (typeof entries)[] = [];
  let line = 0;
  for (const e of entries) {
    if (!rows.length || line + e.w > plot.width - 16 * r) {
      rows.push([]);
      line = 0;
    }
    rows[rows.length - 1].push(e);
    line += e.w;
  }
  const rowH = 22 * r;
  const out = document.createElement("canvas");
  out.width = plot.width;
  out.height = plot.height + rows.length * rowH + (rows.length ? 6 * r : 0);
  const g = out.getContext("2d");
  if (!g) return null;
  g.fillStyle = background;
  g.fillRect(0, 0, out.width, out.height);
  g.drawImage(plot, 0, 0);
  g.font = g0.font;
  g.textBaseline = "middle";
  rows.forEach((es, k) => {
    let x = (out.width - es.reduce((a, e) => a + e.w, 0)) / 2;
    const y = plot.height + 6 * r + k * rowH + rowH / 2;
    for (const { s, w } of es) {
      g.fillStyle = s.color;
      g.fillRect(x, y - 6 * r, 12 * r, 12 * r);
      g.fillStyle = theme().ink;
      g.fillText(s.name, x + 18 * r, y);
      x += w;
    }
  });
  return out;
}

/** The pixel ratio uPlot draws at (the window's). */
export const pixelRatio = () => uPlot.pxRatio;
