// What a cartesian chart shows, as plain data: the builders (charts.ts, bandcharts.ts, healthcharts.ts,
// voicecharts.ts) write a Spec, src/plot.ts draws it with uPlot. Nothing here needs a window, so the
// builders' figures are unit-tested in Node (charts.test.ts).

export type Fmt = (v: number) => string;
/** An axis' tick label, given the step between ticks (money needs more decimals for finer steps). */
export type TickFmt = (v: number, step: number) => string;

/** A line (gaps where a value is null). */
export interface LineSeries {
  kind: "line";
  name: string;
  color: string;
  values: (number | null)[];
  dash?: boolean;
  smooth?: boolean;
  /** The colour under the line, down to the axis. */
  fill?: string;
  points?: boolean;
  /** On the right-hand axis (`Spec.y2`). */
  right?: boolean;
}

/** Bars, one per category, each from `base[i]` to `base[i] + values[i]` (base 0 when not given):
 * stacks and the waterfall say where each bar starts rather than leaving it to the engine. */
export interface BarSeries {
  kind: "bar";
  name: string;
  color: string;
  values: (number | null)[];
  base?: number[];
  /** A colour per bar (in place of `color`). */
  colors?: string[];
  /** A label at the end of each bar (null: none). */
  labels?: (string | null)[];
  /** Side by side: this series is bar `slot[0]` of `slot[1]` in each category. */
  slot?: [number, number];
  maxWidth?: number;
  right?: boolean;
}

/** A shaded range between `low` and `high` (a gap where either is null). */
export interface BandSeries {
  kind: "band";
  name: string;
  color: string;
  low: (number | null)[];
  high: (number | null)[];
}

export type Series = LineSeries | BarSeries | BandSeries;

export interface ValueAxis {
  format: TickFmt;
  /** The axis' ends; each one not given follows the data (`niceRange`). */
  min?: number;
  max?: number;
  /** The ticks, when they must be these (two axes of one line aligned). */
  ticks?: number[];
  name?: string;
  /** Ticks at whole numbers only (counts). */
  whole?: boolean;
}

/** A dashed line across the plot at a value (`value`: seat-use target, AUC 0.5) or at a category
 * (`category`: the calibration end), labelled at its end. */
export interface Mark {
  axis: "value" | "category";
  at: number;
  label: string;
}

/** One line of the tooltip: plain (the category) or with its series' colour. */
export type TipLine = string | { color: string; text: string };

export interface Spec {
  /** The categories, one per index along the category axis. */
  labels: string[];
  series: Series[];
  y: ValueAxis;
  /** A right-hand axis: `factor` times the left one (ARR = 12 x MRR), or its own scale for the
   * series marked `right`. */
  y2?: ValueAxis & { factor?: number };
  /** Categories down the left (first on top), values along the bottom. */
  horizontal?: boolean;
  /** Categories in the middle of their band (bars) rather than on the plot's edges (lines). */
  gap?: boolean;
  /** Every category labelled (bars); otherwise as many as fit. */
  every?: boolean;
  /** The category axis' title. */
  xName?: string;
  /** The category axis' room in px (labels on two lines). */
  xSize?: number;
  legend?: boolean;
  marks?: Mark[];
  /** The categories from `from` to `to` shaded, `label` at the top (the MRR chart's period). */
  shade?: { from: number; to: number; label: string };
  /** Captions under runs of categories (CSAT and CES side by side). */
  groups?: { from: number; to: number; label: string }[];
  /** The tooltip at category `i`; without it, the category and each shown series' value. */
  tip?: (i: number) => TipLine[];
  /** How the default tooltip writes a value (the value axis' format otherwise). */
  tipFormat?: Fmt;
  /** The element's height in px, when it grows with the number of categories. */
  height?: number;
}

/** A round number at or above `v` (1, 2, 2.5, 4, 5 or 8 times a power of ten), for axes that must align. */
export function niceMax(v: number): number {
  if (v <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  return [1, 2, 2.5, 4, 5, 8, 10].map((k) => k * p).find((k) => k >= v * (1 - 1e-12)) ?? 10 * p;
}

/** A round number at or below `v`. */
export function niceFloor(v: number): number {
  if (v <= 0) return 0;
  const p = 10 ** Math.floor(Math.log10(v));
  return Math.floor(v / p) * p;
}

/** Bars stacked by sign: each positive value on the positives below it,
 * each negative one under the negatives before it. Returns each series' bases. */
export function stackBases(values: number[][]): number[][] {
  const n = Math.max(0, ...values.map((v) => v.length));
  const up = new Array<number>(n).fill(0);
  const down = new Array<number>(n).fill(0);
  return values.map((vs) =>
    vs.map((v, i) => {
      const side = v >= 0 ? up : down;
      const base = side[i];
      side[i] += v;
      return base;
    }),
  );
}
