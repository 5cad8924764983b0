// ECharts, with only the pieces we use (keeps the bundle small and offline).
import { BarChart, LineChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import type { Movement } from "./api";
import { monthLabel, shortMoney } from "./format";

echarts.use([LineChart, BarChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

const charts = new Map<string, echarts.ECharts>();

function chart(el: HTMLElement): echarts.ECharts {
  let c = charts.get(el.id);
  if (!c) {
    c = echarts.init(el, undefined, { renderer: "canvas" });
    charts.set(el.id, c);
  }
  return c;
}

window.addEventListener("resize", () => charts.forEach((c) => c.resize()));

const axis = { axisLabel: { formatter: (v: number) => shortMoney(v) } };

export function mrrChart(el: HTMLElement, series: Movement[]): void {
  chart(el).setOption(
    {
      grid: { left: 64, right: 16, top: 16, bottom: 32 },
      tooltip: { trigger: "axis", valueFormatter: (v: number) => shortMoney(v) },
      xAxis: { type: "category", data: series.map((m) => monthLabel(m.month)) },
      yAxis: { type: "value", ...axis },
      series: [{ name: "MRR", type: "line", smooth: true, showSymbol: false, areaStyle: { opacity: 0.12 }, data: series.map((m) => m.mrr), color: "#2563eb" }],
    },
    true,
  );
}

export function movementsChart(el: HTMLElement, months: Movement[]): void {
  const bar = (name: string, color: string, f: (m: Movement) => number) => ({
    name,
    type: "bar",
    stack: "mrr",
    color,
    data: months.map(f),
  });
  chart(el).setOption(
    {
      grid: { left: 64, right: 16, top: 36, bottom: 32 },
      legend: { top: 0 },
      tooltip: { trigger: "axis", valueFormatter: (v: number) => shortMoney(v) },
      xAxis: { type: "category", data: months.map((m) => monthLabel(m.month)) },
      yAxis: { type: "value", ...axis },
      series: [
        bar("New", "#16a34a", (m) => m.new),
        bar("Expansion", "#22c55e", (m) => m.expansion),
        bar("Reactivation", "#86efac", (m) => m.reactivation),
        bar("Contraction", "#f97316", (m) => -m.contraction),
        bar("Churn", "#dc2626", (m) => -m.churn),
      ],
    },
    true,
  );
}
