// The Health view's two charts: churn rate by band, and how well each component alone ranks the
// customers who churned (AUC, 0.5 = no better than chance). The figures are the engine's.
import { bg, chart } from "./charts";
import type { BandRow, ComponentRow } from "./healthrows";
import { auc, count, rate } from "./healthrows";

/** One bar per band in its own colour, each labelled with its rate and "churned of rows". */
export function bandChurnChart(el: HTMLElement, rows: BandRow[]): void {
  chart(el).setOption(
    {
      backgroundColor: bg(),
      animation: false,
      grid: { left: 56, right: 16, top: 28, bottom: 28 },
      tooltip: {
        trigger: "item",
        formatter: (p: { dataIndex: number }) => {
          const r = rows[p.dataIndex];
          return r ? `${r.label}: ${rate(r.churn_rate)} churned (${count(r.churned)} of ${count(r.rows)} customer-months)` : "";
        },
      },
      xAxis: { type: "category", data: rows.map((r) => r.label) },
      yAxis: { type: "value", min: 0, axisLabel: { formatter: (v: number) => `${Math.round(v * 1000) / 10}%` } },
      series: [
        {
          name: "Churn rate",
          type: "bar",
          barMaxWidth: 72,
          data: rows.map((r) => ({ value: r.churn_rate ?? 0, itemStyle: { color: r.color } })),
          label: { show: true, position: "top", formatter: (p: { dataIndex: number }) => (rows[p.dataIndex] ? `${rate(rows[p.dataIndex].churn_rate)} (${count(rows[p.dataIndex].churned)} of ${count(rows[p.dataIndex].rows)})` : "") },
        },
      ],
    },
    true,
  );
}

/** Horizontal bars from 0 to 1, the whole score's AUC first, with the 0.5 line marked. A component
 * without an AUC has no bar and says "no data". */
export function componentAucChart(el: HTMLElement, rows: ComponentRow[], scoreAuc: number | null): void {
  const all = [{ label: "Health score (all)", auc: scoreAuc, rows: -1 }, ...rows];
  // ECharts draws the first category at the bottom: reversed so the list reads top-down.
  const shown = [...all].reverse();
  const color = (v: number | null) => (v === null ? "#94a3b8" : v >= 0.7 ? "#16a34a" : v > 0.55 ? "#eab308" : "#94a3b8");
  chart(el).setOption(
    {
      backgroundColor: bg(),
      animation: false,
      grid: { left: 150, right: 64, top: 16, bottom: 28 },
      tooltip: { trigger: "item", formatter: (p: { dataIndex: number }) => { const r = shown[p.dataIndex]; return r ? `${r.label}: AUC ${auc(r.auc)}${r.rows >= 0 ? ` over ${count(r.rows)} customer-months` : ""}` : ""; } },
      xAxis: { type: "value", min: 0, max: 1, interval: 0.25 },
      yAxis: { type: "category", data: shown.map((r) => r.label), axisLabel: { interval: 0 } },
      series: [
        {
          name: "AUC",
          type: "bar",
          barMaxWidth: 22,
          data: shown.map((r) => ({ value: r.auc ?? 0, itemStyle: { color: color(r.auc) } })),
          label: { show: true, position: "right", formatter: (p: { dataIndex: number }) => (shown[p.dataIndex]?.auc === null ? "no data" : auc(shown[p.dataIndex]?.auc)) },
          markLine: { symbol: "none", silent: true, lineStyle: { type: "dashed", color: "#64748b" }, label: { formatter: "0.5 = chance", position: "end" }, data: [{ xAxis: 0.5 }] },
        },
      ],
    },
    true,
  );
}
