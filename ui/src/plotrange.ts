// What src/plot.ts works out from a Spec before drawing it: the value axis' ends and the default
// tooltip. Imported by src/plot.ts alone, so that uPlot's chunk stands alone and imports nothing back
// from the entry chunk that loads it.
import type { Spec, TipLine } from "./plotspec";

/** A step of 1, 2 or 5 times a power of ten near `span / 4` (about four to eight ticks). */
export function niceStep(span: number): number {
  if (!(span > 0)) return 1;
  const raw = span / 5;
  const p = 10 ** Math.floor(Math.log10(raw));
  return ([1, 2, 2.5, 5, 10].map((k) => k * p).find((k) => k >= raw * (1 - 1e-12)) ?? 10 * p);
}

/** The value axis' ends for data from `lo` to `hi`: widened to whole steps, from zero when `zero`
 * (bars grow from 0) and the data does not cross it. A flat series gets a band around its value. */
export function niceRange(lo: number, hi: number, zero: boolean): [number, number] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [0, 1];
  if (zero) {
    lo = Math.min(lo, 0);
    hi = Math.max(hi, 0);
  }
  if (hi === lo) {
    const d = Math.abs(hi) / 10 || 1;
    return zero && hi === 0 ? [0, 1] : [lo - d, hi + d];
  }
  const step = niceStep(hi - lo);
  // Whole steps, with a little room so the top value does not touch the edge.
  const a = lo === 0 ? 0 : Math.floor((lo - step * 0.05) / step) * step;
  const b = hi === 0 ? 0 : Math.ceil((hi + step * 0.05) / step) * step;
  return [a, b];
}

/** The lowest and highest values a spec draws on its left (or right) axis. */
export function extent(spec: Spec, right = false): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  const see = (v: number | null | undefined) => {
    if (typeof v === "number" && Number.isFinite(v)) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  };
  // A value mark (the 80% seat-use target) is on the axis even when every bar is short of it.
  if (!right) spec.marks?.forEach((m) => m.axis === "value" && see(m.at));
  for (const s of spec.series) {
    if (s.kind === "band") {
      if (!right) s.low.forEach(see), s.high.forEach(see);
    } else if (!!s.right === right) {
      s.values.forEach((v, i) => {
        if (v === null) return;
        const b = s.kind === "bar" ? (s.base?.[i] ?? 0) : 0;
        see(b + v);
        if (s.kind === "bar") see(b);
      });
    }
  }
  return [lo, hi];
}

/** The default tooltip: the category, then each series (not bands) with its value written by `fmt`;
 * `shown(k)` says whether series k is shown (a legend click hides one). */
export function defaultTip(spec: Spec, i: number, shown: (k: number) => boolean): TipLine[] {
  const lines: TipLine[] = [spec.labels[i] ?? ""];
  spec.series.forEach((s, k) => {
    if (s.kind === "band" || !shown(k)) return;
    const v = s.values[i];
    if (v === null || v === undefined) return;
    const axis = s.right && spec.y2 ? spec.y2 : spec.y;
    const fmt = spec.tipFormat ?? ((x: number) => axis.format(x, 0));
    lines.push({ color: s.kind === "bar" ? (s.colors?.[i] ?? s.color) : s.color, text: `${s.name}: ${fmt(v)}` });
  });
  return lines;
}
