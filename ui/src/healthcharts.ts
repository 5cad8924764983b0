// The Health view's two charts: churn rate by band, and how well each component alone ranks the
// customers who churned (AUC, 0.5 = no better than chance). The figures are the engine's.
import { plot } from "./charts";
import type { BandRow, ComponentRow } from "./healthrows";
import { auc, count, rate } from "./healthrows";
import type { Spec } from "./plotspec";

/** One bar per band in its own colour, each labelled with its rate and "churned of rows". */
export function bandChurnSpec(rows: BandRow[]): Spec {
  return {
    labels: rows.map((r) => r.label),
    gap: true,
    every: true,
    series: [
      {
        kind: "bar",
        name: "Churn rate",
        color: "#64748b",
        colors: rows.map((r) => r.color),
        maxWidth: 72,
        values: rows.map((r) => r.churn_rate ?? 0),
        labels: rows.map((r) => `${rate(r.churn_rate)} (${count(r.churned)} of ${count(r.rows)})`),
      },
    ],
    y: { format: (v) => `${Math.round(v * 1000) / 10}%`, min: 0 },
    tip: (i) => (rows[i] ? [`${rows[i].label}: ${rate(rows[i].churn_rate)} churned (${count(rows[i].churned)} of ${count(rows[i].rows)} customer-months)`] : []),
  };
}
export const bandChurnChart = (el: HTMLElement, rows: BandRow[]) => plot(el, bandChurnSpec(rows));

/** Horizontal bars from 0 to 1, the whole score's AUC first (on top), with the 0.5 line marked. A
 * component without an AUC has no bar and says "no data". */
export function componentAucSpec(rows: ComponentRow[], scoreAuc: number | null): Spec {
  const all = [{ label: "Health score (all)", auc: scoreAuc, rows: -1 }, ...rows];
  const color = (v: number | null) => (v === null ? "#94a3b8" : v >= 0.7 ? "#16a34a" : v > 0.55 ? "#eab308" : "#94a3b8");
  return {
    labels: all.map((r) => r.label),
    horizontal: true,
    gap: true,
    every: true,
    series: [
      {
        kind: "bar",
        name: "AUC",
        color: "#94a3b8",
        colors: all.map((r) => color(r.auc)),
        maxWidth: 22,
        values: all.map((r) => r.auc ?? 0),
        labels: all.map((r) => (r.auc === null ? "no data" : auc(r.auc))),
      },
    ],
    y: { format: (v) => String(v), min: 0, max: 1, ticks: [0, 0.25, 0.5, 0.75, 1] },
    marks: [{ axis: "value", at: 0.5, label: "0.5 = chance" }],
    tip: (i) => (all[i] ? [`${all[i].label}: AUC ${auc(all[i].auc)}${all[i].rows >= 0 ? ` over ${count(all[i].rows)} customer-months` : ""}`] : []),
  };
}
export const componentAucChart = (el: HTMLElement, rows: ComponentRow[], scoreAuc: number | null) => plot(el, componentAucSpec(rows, scoreAuc));
