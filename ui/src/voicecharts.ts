// The Voice view's two charts: each theme's share of the detractors', passives' and promoters'
// comments (grouped bars), and the largest themes' share of each quarter's comments (lines). The
// figures are the engine's (voicerows builds the rows).
import { plot } from "./charts";
import type { Spec } from "./plotspec";
import type { GroupBars } from "./voicerows";
import { count, pct } from "./voicerows";

const axisPct = (v: number) => `${Math.round(v * 100)}%`;
const short = (s: string) => (s.length > 30 ? `${s.slice(0, 29)}…` : s);

/** Horizontal grouped bars, one group per theme (largest theme on top), one bar per NPS group with
 * comments. The chart grows with the number of themes so that every name is readable. */
export function groupsSpec(b: GroupBars): Spec {
  const n = b.series.length;
  return {
    labels: b.themes.map(short),
    horizontal: true,
    gap: true,
    every: true,
    legend: true,
    height: Math.max(260, b.themes.length * (14 * n + 12) + 64),
    series: b.series.map((s, k) => ({
      kind: "bar" as const,
      name: `${s.label} (${count(s.of)} comments)`,
      color: s.color,
      slot: [k, n] as [number, number],
      maxWidth: 14,
      values: s.values.map((v) => v ?? 0),
      // 0% is written too: a theme with no bar would look like one with no data.
      labels: s.values.map((v) => pct(v)),
    })),
    y: { format: axisPct, min: 0 },
    tip: (i) => [b.themes[i] ?? "", ...b.series.map((s) => ({ color: s.color, text: `${s.label}: ${pct(s.values[i])} (${count(s.counts[i] ?? 0)} of ${count(s.of)})` }))],
  };
}
export const groupsChart = (el: HTMLElement, b: GroupBars) => plot(el, groupsSpec(b));

const COLORS = ["#2563eb", "#dc2626", "#16a34a", "#7c3aed", "#ea580c"];

/** One line per theme across the quarters of the period. */
export function trendSpec(t: { quarters: string[]; lines: { name: string; values: (number | null)[]; counts: number[] }[] }): Spec {
  const color = (k: number) => COLORS[k % COLORS.length];
  return {
    // A cut quarter's months under its name ("2026-Q4" / "(Oct only)"): every label stays readable.
    labels: t.quarters.map((s) => s.replace(" (", "\n(")),
    every: true,
    gap: true,
    xSize: 36,
    legend: true,
    series: t.lines.map((l, k) => ({ kind: "line" as const, name: l.name, color: color(k), points: true, values: l.values })),
    y: { format: axisPct, min: 0 },
    tip: (i) => [t.quarters[i] ?? "", ...t.lines.map((l, k) => ({ color: color(k), text: `${l.name}: ${pct(l.values[i])} (${count(l.counts[i] ?? 0)} comments)` }))],
  };
}
export const trendChart = (el: HTMLElement, t: Parameters<typeof trendSpec>[0]) => plot(el, trendSpec(t));
