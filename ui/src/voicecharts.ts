// The Voice view's two charts: each theme's share of the detractors', passives' and promoters'
// comments (grouped bars), and the largest themes' share of each quarter's comments (lines). The
// figures are the engine's (voicerows builds the rows).
import { bg, chart } from "./charts";
import type { GroupBars } from "./voicerows";
import { count, pct } from "./voicerows";

const axisPct = { axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` } };

/** Horizontal grouped bars, one group per theme (largest theme on top), one bar per NPS group with
 * comments. The chart grows with the number of themes so that every name is readable. */
export function groupsChart(el: HTMLElement, b: GroupBars): void {
  // ECharts draws the first category at the bottom: reversed so the list reads top-down.
  const themes = [...b.themes].reverse();
  el.style.height = `${Math.max(260, themes.length * (14 * b.series.length + 12) + 64)}px`;
  chart(el).setOption(
    {
      backgroundColor: bg(),
      animation: false,
      grid: { left: 8, right: 56, top: 32, bottom: 24, containLabel: true },
      legend: { top: 0, data: b.series.map((s) => `${s.label} (${count(s.of)} comments)`) },
      tooltip: {
        trigger: "axis",
        axisPointer: { type: "shadow" },
        formatter: (ps: { dataIndex: number; seriesIndex: number }[]) => {
          const i = ps[0]?.dataIndex ?? 0;
          const k = themes.length - 1 - i;
          return [`<b>${themes[i] ?? ""}</b>`, ...b.series.map((s) => `${s.label}: ${pct(s.values[k])} (${count(s.counts[k] ?? 0)} of ${count(s.of)})`)].join("<br>");
        },
      },
      xAxis: { type: "value", min: 0, ...axisPct },
      yAxis: { type: "category", data: themes, axisLabel: { interval: 0, width: 190, overflow: "truncate" } },
      series: b.series.map((s) => ({
        name: `${s.label} (${count(s.of)} comments)`,
        type: "bar",
        barMaxWidth: 14,
        itemStyle: { color: s.color },
        data: [...s.values].reverse().map((v) => v ?? 0),
        // 0% is written too: a theme with no bar would look like one with no data.
        label: { show: true, position: "right", fontSize: 10, formatter: (p: { value: number }) => pct(p.value) },
      })),
    },
    true,
  );
}

/** One line per theme across the quarters of the period. */
export function trendChart(el: HTMLElement, t: { quarters: string[]; lines: { name: string; values: (number | null)[]; counts: number[] }[] }): void {
  const colors = ["#2563eb", "#dc2626", "#16a34a", "#7c3aed", "#ea580c"];
  chart(el).setOption(
    {
      backgroundColor: bg(),
      animation: false,
      color: colors,
      grid: { left: 48, right: 16, top: 24, bottom: 84 },
      legend: { bottom: 0, type: "scroll" },
      tooltip: {
        trigger: "axis",
        formatter: (ps: { dataIndex: number; seriesIndex: number; marker: string }[]) => {
          const i = ps[0]?.dataIndex ?? 0;
          return [`<b>${t.quarters[i] ?? ""}</b>`, ...ps.map((p) => `${p.marker}${t.lines[p.seriesIndex]?.name}: ${pct(t.lines[p.seriesIndex]?.values[i])} (${count(t.lines[p.seriesIndex]?.counts[i] ?? 0)} comments)`)].join("<br>");
        },
      },
      // A cut quarter's months under its name ("2026-Q4" / "(Oct only)"): every label stays readable.
      xAxis: { type: "category", data: t.quarters, axisLabel: { interval: 0, margin: 12, lineHeight: 16, formatter: (s: string) => s.replace(" (", "\n(") } },
      yAxis: { type: "value", min: 0, ...axisPct },
      series: t.lines.map((l) => ({ name: l.name, type: "line", symbolSize: 7, data: l.values })),
    },
    true,
  );
}
