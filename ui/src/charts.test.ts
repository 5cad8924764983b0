// The chart builders' figures, each worked out by hand from a small input: what uPlot is asked to draw
// (src/plotspec.ts), the donut's arcs and the cohort table's cells (src/figures.ts). The drawing itself
// needs a window and is looked at in the end-to-end flow's screenshots.
import { describe, expect, it, vi } from "vitest";
import type { Movement } from "./api";
import type { BarSeries, BandSeries, LineSeries, Spec } from "./plotspec";

// money() writes cents below $100 ("$50.00"), whole dollars above.
// The builders hand their spec to the chart engine; here it is kept instead of drawn in a window.
const drawn = new Map<string, Spec>();
vi.mock("./plot", () => ({ draw: (el: HTMLElement, spec: Spec) => drawn.set(el.id, spec), renderedCanvas: () => null, pixelRatio: () => 1 }));
vi.stubGlobal("window", { matchMedia: () => ({ matches: false }), innerHeight: 800 });

const c = await import("./charts");
const figures = await import("./figures");
const spec = { ...(await import("./plotspec")), ...(await import("./plotrange")) };
const bands = await import("./bandcharts");
const health = await import("./healthcharts");
const voice = await import("./voicecharts");

// On screen: a chart off screen waits for the window's idle frames (charts.ts, `drain`).
const el = (id: string) => ({ id, style: {}, getBoundingClientRect: () => ({ width: 400, top: 0, bottom: 300 }) }) as unknown as HTMLElement;
const months: Movement[] = [
  { month: "2026-01", mrr: 1000, new: 100, reactivation: 0, expansion: 50, contraction: 20, churn: 30 },
  { month: "2026-02", mrr: 1100, new: 80, reactivation: 10, expansion: 40, contraction: 10, churn: 20 },
  { month: "2026-03", mrr: 1190, new: 60, reactivation: 0, expansion: 60, contraction: 15, churn: 15 },
];
const year = (y: number, arr: number, nrr: number, grr: number) => ({ year: y, arr, customers: 10, nrr, grr, new_arr: 0, churned_arr: 0, expansion_arr: 0, contraction_arr: 0 });
const bar = (s: Spec, k: number) => s.series[k] as BarSeries;
const line = (s: Spec, k: number) => s.series[k] as LineSeries;

describe("dashboard charts", () => {
  it("MRR: four equal steps to a round top on both axes (ARR = 12 x MRR) and the period shaded", () => {
    const s = c.mrrSpec(months, { from: "2026-02", to: "2026-03" });
    expect(s.labels).toEqual(["Jan 2026", "Feb 2026", "Mar 2026"]);
    expect(line(s, 0).values).toEqual([1000, 1100, 1190]);
    // The highest MRR 1,190 rounds up to 2,000 (1, 2, 2.5, 4, 5, 8 times 1,000).
    expect([s.y.min, s.y.max, s.y.ticks]).toEqual([0, 2000, [0, 500, 1000, 1500, 2000]]);
    expect(s.y2?.factor).toBe(12);
    expect(s.shade).toEqual({ from: 1, to: 2, label: "period" });
    expect(s.tip?.(2)).toEqual(["Mar 2026", "MRR $1,190", "ARR $14,280"]);
    // A period starting before the series is shaded from its first month.
    expect(c.mrrSpec(months, { from: "2025-10", to: "2026-01" }).shade).toEqual({ from: 0, to: 0, label: "period" });
    expect(c.mrrSpec(months, { from: "2026-06", to: "2026-08" }).shade).toBeUndefined();
  });

  it("movements: gains stacked above zero, contraction and churn below it, and the net line", () => {
    const s = c.movementsSpec(months);
    expect(s.series.map((x) => x.name)).toEqual(["New", "Expansion", "Reactivation", "Contraction", "Churn", "Net new"]);
    // January: new 100 from 0, expansion 50 on it, reactivation 0 at 150; contraction -20 from 0,
    // churn -30 under it (from -20).
    expect([0, 1, 2, 3, 4].map((k) => [bar(s, k).values[0], bar(s, k).base?.[0]])).toEqual([[100, 0], [50, 100], [0, 150], [-20, 0], [-30, -20]]);
    // March: 60 + 60 - 15 - 15 = 90 net; February 80 + 10 + 40 - 10 - 20 = 100.
    expect(line(s, 5).values).toEqual([100, 100, 90]);
    expect(spec.extent(s)).toEqual([-50, 150]);
    expect(spec.defaultTip(s, 0, (k) => k !== 2)).toEqual([
      "Jan 2026",
      { color: "#15803d", text: "New: $100" },
      { color: "#22c55e", text: "Expansion: $50.00" },
      { color: "#f97316", text: "Contraction: \u2212$20.00" },
      { color: "#dc2626", text: "Churn: \u2212$30.00" },
      { color: "#0f172a", text: "Net new: $100" },
    ]);
  });

  it("waterfall: each bar from the level before to the level after, the axis from below the lowest", () => {
    // Start 900; new 240, reactivation 10, expansion 150, contraction 45, churn 65 end at 1,190.
    const s = c.waterfallSpec(months, 900);
    const b = bar(s, 0);
    expect(s.labels).toEqual(["Start", "New", "Reactivation", "Expansion", "Contraction", "Churn", "End"]);
    expect(b.base).toEqual([0, 900, 1140, 1150, 1300, 1255, 0]);
    expect(b.values).toEqual([900, 240, 10, 150, -45, -65, 1190]);
    expect(b.colors).toEqual(["#64748b", "#22c55e", "#22c55e", "#22c55e", "#dc2626", "#dc2626", "#64748b"]);
    expect(b.labels).toEqual(["$900", "+$240", "+$10", "+$150", "−$45", "−$65", "$1k"]);
    // Lowest level 900, highest 1,300: 900 - 400 / 5 = 820, rounded down to 800.
    expect(s.y.min).toBe(800);
    expect(s.tip?.(4)).toEqual(["Contraction: \u2212$45.00"]);
  });

  it("NPS and CSAT/CES: colours by score; CSAT and CES side by side on their own axes", () => {
    const n = c.npsSpec([0, 0, 1, 0, 0, 0, 2, 3, 4, 5, 6]);
    expect(bar(n, 0).colors).toEqual([...Array(7).fill("#dc2626"), "#eab308", "#eab308", "#16a34a", "#16a34a"]);
    const s = c.scoresSpec([1, 2, 3, 4, 5], [1, 1, 2, 3, 2, 1, 0]);
    expect(s.labels).toEqual(["1", "2", "3", "4", "5", "", "1", "2", "3", "4", "5", "6", "7"]);
    expect(bar(s, 0).values).toEqual([1, 2, 3, 4, 5, null, null, null, null, null, null, null, null]);
    expect(bar(s, 1).values).toEqual([null, null, null, null, null, null, 1, 1, 2, 3, 2, 1, 0]);
    expect(bar(s, 1).right).toBe(true);
    expect(spec.extent(s, true)).toEqual([0, 3]);
    expect(s.groups).toEqual([{ from: 0, to: 4, label: "CSAT (1-5)" }, { from: 6, to: 12, label: "CES (1-7)" }]);
    expect(s.tip?.(9)).toEqual(["CES 4", "3 answers"]);
  });

  it("seat use: lowest first on top, coloured by level, the 80% line, taller with more customers", () => {
    const list = [
      { customer_id: "C1", name: "Acme", purchased: 10, active: 4, ratio: 0.4 },
      { customer_id: "C2", name: null, purchased: 10, active: 7, ratio: 0.7 },
      { customer_id: "C3", name: "Globex", purchased: 10, active: 9, ratio: 0.9 },
      { customer_id: "C4", name: "Initech", purchased: 10, active: 12, ratio: 1.2 },
    ];
    const s = c.utilizationSpec(list);
    expect(s.labels).toEqual(["Acme", "C2", "Globex", "Initech"]);
    expect(bar(s, 0).colors).toEqual(["#dc2626", "#f59e0b", "#16a34a", "#7c3aed"]);
    expect(bar(s, 0).labels).toEqual(["40%", "70%", "90%", "120%"]);
    expect(s.marks).toEqual([{ axis: "value", at: 0.8, label: "80%" }]);
    // The 80% line stays on the axis when every customer is below it.
    expect(spec.extent(c.utilizationSpec(list.slice(0, 1)))).toEqual([0, 0.8]);
    expect(s.height).toBe(260);
    expect(c.utilizationSpec(Array(20).fill(list[0])).height).toBe(20 * 22 + 48);
  });
});

describe("the donut and the cohort table", () => {
  it("donut: bands 1/1/2 are a quarter, a quarter and a half, clockwise from the top", () => {
    const arcs = figures.donutArcs({ green: 1, yellow: 1, red: 2, unscored: 5 });
    expect(arcs.map((a) => [a.name, a.start, a.end])).toEqual([
      ["Green", 0, Math.PI / 2],
      ["Yellow", Math.PI / 2, Math.PI],
      ["Red", Math.PI, 2 * Math.PI],
    ]);
    // An empty band has no slice; one band alone is the whole ring.
    expect(figures.donutArcs({ green: 0, yellow: 3, red: 0, unscored: 0 }).map((a) => [a.name, a.start, a.end])).toEqual([["Yellow", 0, 2 * Math.PI]]);
    const svg = figures.donutSvg({ green: 1, yellow: 1, red: 2, unscored: 0 });
    // Green's outer arc from twelve o'clock (180, 100 - 78) to three o'clock (180 + 78, 100).
    expect(svg).toContain('d="M180.00,22.00A78,78 0 0 1 258.00,100.00L229.00,100.00A49,49 0 0 0 180.00,51.00Z"');
    expect(svg).toContain("<title>Red: 2 (50.0%)</title>");
    expect(svg).toContain(">Yellow: 1</text>");
  });

  it("cohort colours: the five pieces, each from its lower bound", () => {
    const colour = (v: number) => figures.cohortPiece(v).color;
    expect([0, 0.4999, 0.5, 0.7499, 0.75, 0.9499, 0.95, 1.0499, 1.05, 1.6].map(colour)).toEqual([
      "#fee2e2", "#fee2e2", "#fde68a", "#fde68a", "#bbf7d0", "#bbf7d0", "#4ade80", "#4ade80", "#15803d", "#15803d",
    ]);
    expect(figures.cohortPiece(1.05).label).toBe("> 105%");
  });

  it("cohort table: the share in each cell, small cohorts starred, an average weighted by size", () => {
    const g = figures.cohortGrid(
      [
        { cohort: "2026-01", customers: 4, mrr: 400, logo: [1, 0.75, 0.5], revenue: [1, 1.1, 0.9] },
        { cohort: "2026-02", customers: 12, mrr: 1200, logo: [1, 0.5], revenue: [1, 0.95] },
      ],
      "logo",
    );
    expect(g.ages).toBe(3);
    expect(g.rows.map((r) => r.label)).toEqual(["2026-01 (4) *", "2026-02 (12)", "Average"]);
    expect(g.rows[0].cells.map((x) => x?.text)).toEqual(["100", "75", "50"]);
    expect(g.rows[1].cells[2]).toBeNull();
    // Month 1: (0.75 x 4 + 0.5 x 12) / 16 = 0.5625; month 2: the first cohort alone, 0.5.
    expect(g.rows[2].cells.map((x) => x?.value)).toEqual([1, 0.5625, 0.5]);
    expect(g.rows[2].cells.map((x) => [x?.text, x?.color])).toEqual([["100", "#4ade80"], ["56", "#fde68a"], ["50", "#fde68a"]]);
    const html = figures.cohortHtml(g);
    expect(html).toContain('<td style="background:#bbf7d0;color:#0f172a" title="2026-01 (4) *, month 1: 75.0%">75</td>');
  });
});

describe("What-if and CLV charts", () => {
  it("ARR forecast side by side, NRR lines, tornado largest on top and stacked by sign", () => {
    const arr = c.arrForecastSpec([year(1, 12000, 1.05, 0.92), year(2, 14000, 1.06, 0.93)], [year(1, 11000, 1.0, 0.9), year(2, 12000, 1.01, 0.91)]);
    expect(arr.series.map((s) => [s.name, (s as BarSeries).slot, (s as BarSeries).values])).toEqual([
      ["Baseline ARR", [0, 2], [11000, 12000]],
      ["Scenario ARR", [1, 2], [12000, 14000]],
    ]);
    const nrr = c.nrrForecastSpec([year(1, 12000, 1.05, 0.92)], [year(1, 11000, 1.0, 0.9)]);
    expect(nrr.series.map((s) => (s as LineSeries).values)).toEqual([[1.0], [1.05], [0.92]]);
    expect(line(nrr, 2).dash).toBe(true);
    const t = c.tornadoSpec(
      [
        { input: "monthly_churn", step: 0.01, arr: [-100, 120], nrr: [-0.01, 0.01], clv: [-5, 6] },
        { input: "monthly_expansion", step: 0.01, arr: [-300, 200], nrr: [-0.02, 0.02], clv: [-9, 9] },
        { input: "new_customer_arpa", step: 0.01, arr: [10, 30], nrr: [0, 0], clv: [1, 2] },
      ],
      "arr",
      { monthly_churn: "Monthly churn" },
    );
    // Spreads 220, 500, 20: the largest first (drawn on top).
    expect(t.labels).toEqual(["monthly_expansion", "Monthly churn", "new_customer_arpa"]);
    expect([bar(t, 0).values, bar(t, 0).base, bar(t, 1).values, bar(t, 1).base]).toEqual([[-300, -100, 10], [0, 0, 0], [200, 120, 30], [0, 0, 10]]);
  });

  it("P(alive) in tenths and the tracking curve with the calibration end", () => {
    expect(c.pAliveSpec([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]).labels.slice(0, 2)).toEqual(["0-10%", "10-20%"]);
    const s = c.trackingSpec([{ unit: 1, actual: 2, expected: 2.54 }, { unit: 2, actual: 4, expected: 4.2 }, { unit: 3, actual: 7, expected: 6 }], "weeks", 2);
    expect(line(s, 1).values).toEqual([2.5, 4.2, 6]);
    expect(s.marks).toEqual([{ axis: "category", at: 1, label: "calibration end" }]);
  });

  it("fan and backtest: the band between P10 and P90, the tooltip leaving out what has not happened", () => {
    const fan = bands.fanSpec({ labels: ["Year 1", "Year 2"], p10: [90, 95], p50: [100, 110], p90: [110, 130], scenario: [102, 112] });
    const band = fan.series[0] as BandSeries;
    expect([band.kind, band.low, band.high]).toEqual(["band", [90, 95], [110, 130]]);
    expect(spec.extent(fan)).toEqual([90, 130]);
    expect(fan.tip?.(1)).toEqual(["Year 2", "P90 $130", "P50 $110", "P10 $95.00", "Scenario $112"]);
    const bt = bands.backtestSpec({ labels: ["Jan 2026", "Feb 2026"], forecast: [100, 104], p10: [95, 97], p50: [100, 104], p90: [105, 111], actual: [101, null] });
    expect(bt.tip?.(1)).toEqual(["Feb 2026", "P90 $111", "Forecast $104", "P10 $97.00"]);
  });
});

describe("Health and Voice charts", () => {
  it("AUC bars: the whole score first, no bar and 'no data' without an AUC, the 0.5 line", () => {
    const s = health.componentAucSpec(
      [
        { id: "usage", label: "Usage", auc: 0.72, rows: 100 },
        { id: "support", label: "Support", auc: null, rows: 0 },
      ] as never,
      0.6,
    );
    expect(s.labels).toEqual(["Health score (all)", "Usage", "Support"]);
    expect([bar(s, 0).values, bar(s, 0).labels, bar(s, 0).colors]).toEqual([[0.6, 0.72, 0], ["0.60", "0.72", "no data"], ["#eab308", "#16a34a", "#94a3b8"]]);
    expect(s.marks).toEqual([{ axis: "value", at: 0.5, label: "0.5 = chance" }]);
    const b = health.bandChurnSpec([{ band: "red", label: "Red", color: "#dc2626", rows: 200, churned: 30, churn_rate: 0.15 }] as never);
    expect(bar(b, 0).labels).toEqual(["15.0% (30 of 200)"]);
  });

  it("Voice: a bar per NPS group side by side, a line per theme", () => {
    const g = voice.groupsSpec({
      themes: ["Pricing", "Support"],
      series: [
        { id: "detractors", label: "Detractors", color: "#dc2626", values: [0.5, null], counts: [5, 0], of: 10 },
        { id: "promoters", label: "Promoters", color: "#16a34a", values: [0.1, 0.3], counts: [2, 6], of: 20 },
      ],
    });
    expect(g.series.map((s) => [s.name, (s as BarSeries).slot, (s as BarSeries).values, (s as BarSeries).labels])).toEqual([
      ["Detractors (10 comments)", [0, 2], [0.5, 0], ["50.0%", "—"]],
      ["Promoters (20 comments)", [1, 2], [0.1, 0.3], ["10.0%", "30.0%"]],
    ]);
    // Two themes of two bars: 2 x (14 x 2 + 12) + 64 = 144, under the 260 floor.
    expect(g.height).toBe(260);
    const t = voice.trendSpec({ quarters: ["2026-Q3", "2026-Q4 (Oct only)"], lines: [{ name: "Pricing", values: [0.2, 0.25], counts: [4, 5] }] });
    expect(t.labels).toEqual(["2026-Q3", "2026-Q4\n(Oct only)"]);
    expect(t.tip?.(1)).toEqual(["2026-Q4 (Oct only)", { color: "#2563eb", text: "Pricing: 25.0% (5 comments)" }]);
  });
});

describe("axis ranges and the engine hand-off", () => {
  it("ranges widen to whole steps, bars from zero", () => {
    // 1,190 over about five steps: 250 each; the top rounded up past 1,190 + a twentieth of a step.
    expect(spec.niceRange(0, 1190, true)).toEqual([0, 1250]);
    const [a, b] = spec.niceRange(0.9, 1.1, false);
    expect([a, b].map((v) => Math.round(v * 100) / 100)).toEqual([0.85, 1.15]);
    expect(spec.niceRange(5, 5, false)).toEqual([4.5, 5.5]);
    expect(spec.stackBases([[1, -2], [3, -4], [-5, 6]])).toEqual([[0, 0], [1, -2], [0, 0]]);
  });

  it("each chart function hands its spec to the engine", async () => {
    c.npsChart(el("nps"), [1, 2]);
    bands.fanChart(el("fan"), { labels: ["Year 1"], p10: [1], p50: [2], p90: [3], scenario: [2] });
    await vi.dynamicImportSettled();
    await Promise.resolve();
    expect(drawn.get("nps")?.series[0].name).toBe("Responses");
    expect(drawn.get("fan")?.series[0].kind).toBe("band");
  });
});
