// Every chart option builder's option, drawn by ECharts with only the pieces src/echarts.ts registers
// (PARTS): each series type and each component the option asks for must have been built by ECharts
// itself. A piece left out is dropped silently in the app (the MRR chart's period shading was, for
// want of MarkAreaComponent), so the check reads ECharts' own model rather than a list of ours.
import * as echarts from "echarts/core";
import { SVGRenderer } from "echarts/renderers";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Movement } from "./api";

// The builders hand their option to the chart engine; here it is kept instead of drawn in a window.
const drawn = new Map<string, Record<string, unknown>>();
vi.mock("./echarts", async (importActual) => ({
  ...(await importActual<typeof import("./echarts")>()),
  chart: (el: HTMLElement) => ({ setOption: (o: Record<string, unknown>) => drawn.set(el.id, o), resize: () => undefined }),
}));
vi.stubGlobal("window", { matchMedia: () => ({ matches: false }), innerHeight: 800 });

// On screen: a chart off screen waits for the window's idle frames (charts.ts, `drain`).
const el = (id: string) => ({ id, style: {}, getBoundingClientRect: () => ({ width: 400, top: 0, bottom: 300 }) }) as unknown as HTMLElement;
const months: Movement[] = [
  { month: "2026-01", mrr: 1000, new: 100, reactivation: 0, expansion: 50, contraction: 20, churn: 30 },
  { month: "2026-02", mrr: 1100, new: 80, reactivation: 10, expansion: 40, contraction: 10, churn: 20 },
  { month: "2026-03", mrr: 1190, new: 60, reactivation: 0, expansion: 60, contraction: 15, churn: 15 },
];
const year = (y: number, arr: number) => ({ year: y, arr, customers: 10, nrr: 1.05, grr: 0.92, new_arr: 0, churned_arr: 0, expansion_arr: 0, contraction_arr: 0 });

/** Calls every builder of the app once with small inputs, and returns the options they drew. */
async function everyOption(): Promise<Map<string, Record<string, unknown>>> {
  const c = await import("./charts");
  const bands = await import("./bandcharts");
  const health = await import("./healthcharts");
  const voice = await import("./voicecharts");
  const { BACKTEST, BANDS, FORECAST } = await import("./fixtures/bands");
  const { HEALTH } = await import("./fixtures/health");
  const { VOICE } = await import("./fixtures/voice");
  const bandRows = await import("./bandrows");
  const healthRows = await import("./healthrows");
  const voiceRows = await import("./voicerows");
  c.mrrChart(el("mrr"), months, { from: "2026-02", to: "2026-03" });
  c.movementsChart(el("movements"), months);
  c.waterfallChart(el("waterfall"), months, 950);
  c.cohortChart(el("cohorts"), [{ cohort: "2026-01", customers: 4, mrr: 400, logo: [1, 0.75, 0.5], revenue: [1, 1.1, 0.9] }], "logo");
  c.npsChart(el("nps"), [0, 0, 1, 0, 0, 0, 2, 3, 4, 5, 6]);
  c.scoresChart(el("scores"), [1, 2, 3, 4, 5], [1, 1, 2, 3, 2, 1, 0]);
  c.healthDonut(el("donut"), { green: 5, yellow: 3, red: 1, unscored: 0 });
  c.utilizationChart(el("util"), [{ customer_id: "C1", name: "Acme", purchased: 10, active: 4, ratio: 0.4 }]);
  c.arrForecastChart(el("arr"), [year(1, 12000), year(2, 14000)], [year(1, 11000), year(2, 12000)]);
  c.nrrForecastChart(el("nrr"), [year(1, 12000), year(2, 14000)], [year(1, 11000), year(2, 12000)]);
  c.tornadoChart(el("tornado"), [{ input: "monthly_churn", step: 0.01, arr: [-100, 120], nrr: [-0.01, 0.01], clv: [-5, 6] }], "arr", { monthly_churn: "Monthly churn" });
  c.pAliveChart(el("palive"), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  c.trackingChart(el("tracking"), [{ unit: 1, actual: 2, expected: 2.5 }, { unit: 2, actual: 4, expected: 4.2 }, { unit: 3, actual: 7, expected: 6 }], "weeks", 2);
  bands.fanChart(el("fan"), bandRows.fanData(BANDS, FORECAST, "year", "2026-10"));
  const origin = BACKTEST.origins.find((o) => o.origin === bandRows.latestOrigin(BACKTEST));
  if (!origin) throw new Error("the fixture has a latest origin");
  bands.backtestChart(el("backtest"), bandRows.originData(origin));
  health.bandChurnChart(el("bands"), healthRows.bandRows(HEALTH.backtest.bands));
  health.componentAucChart(el("components"), healthRows.componentRows(HEALTH.backtest), HEALTH.backtest.auc);
  voice.groupsChart(el("groups"), voiceRows.groupBars(VOICE));
  voice.trendChart(el("trend"), voiceRows.trendLines(VOICE));
  // Each option reaches the engine once the (mocked) engine module has loaded.
  await vi.dynamicImportSettled();
  return drawn;
}

const MARKERS = ["markLine", "markArea", "markPoint"];
const NOT_COMPONENTS = new Set(["backgroundColor", "animation", "color", "series"]);
const list = (v: unknown): Record<string, unknown>[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]) as Record<string, unknown>[];

describe("chart options drawn with the registered ECharts pieces only", () => {
  let options: Map<string, Record<string, unknown>>;
  const errors: unknown[] = [];
  beforeAll(async () => {
    // PARTS (with the canvas renderer) were registered as src/echarts.ts loaded; the SVG renderer is the
    // test's own, to draw without a canvas.
    echarts.use([SVGRenderer]);
    vi.spyOn(console, "error").mockImplementation((...a) => void errors.push(a));
    vi.spyOn(console, "warn").mockImplementation((...a) => void errors.push(a));
    options = await everyOption();
  });
  afterEach(() => expect(errors).toEqual([]));

  it("every builder drew", () => {
    expect([...options.keys()].sort()).toEqual(
      ["arr", "backtest", "bands", "cohorts", "components", "donut", "fan", "groups", "movements", "mrr", "nps", "nrr", "palive", "scores", "tornado", "trend", "tracking", "util", "waterfall"].sort(),
    );
  });

  it("ECharts built every series and component each option asks for", () => {
    const asked = new Set<string>();
    for (const [id, option] of options) {
      const c = echarts.init(null, undefined, { renderer: "svg", ssr: true, width: 800, height: 500 });
      c.setOption(option, true);
      // getModel is internal to ECharts' types but public at run time: it is what setOption built.
      const model = (c as unknown as { getModel(): { getSeries(): { subType: string }[]; getComponent(t: string): { subType?: string } | undefined } }).getModel();
      const series = list(option.series);
      expect(model.getSeries().map((s) => s.subType), id).toEqual(series.map((s) => s.type));
      series.forEach((s) => asked.add(`series ${s.type}`));
      for (const key of Object.keys(option).filter((k) => !NOT_COMPONENTS.has(k) && option[k] !== undefined)) {
        const sub = list(option[key])[0]?.type;
        const built = model.getComponent(key);
        expect(built, `${id}: ${key}`).toBeTruthy();
        // A component with kinds (legend, visualMap) was built as the kind asked for.
        if (key === "legend" || key === "visualMap") expect(built?.subType, `${id}: ${key}`).toBe(sub ?? "plain");
        asked.add(key === "legend" || key === "visualMap" ? `${key} ${sub ?? "plain"}` : key);
      }
      for (const key of MARKERS.filter((k) => series.some((s) => s[k] !== undefined))) {
        expect(model.getComponent(key), `${id}: ${key}`).toBeTruthy();
        asked.add(key);
      }
      expect(c.renderToSVGString()).toContain("<svg");
      c.dispose();
    }
    // The list in src/echarts.ts, as the builders use it today.
    expect([...asked].sort()).toEqual(
      ["grid", "legend plain", "legend scroll", "markArea", "markLine", "series bar", "series heatmap", "series line", "series pie", "tooltip", "visualMap piecewise", "xAxis", "yAxis"].sort(),
    );
  });

  it("the MRR chart shades the period asked for", () => {
    const c = echarts.init(null, undefined, { renderer: "svg", ssr: true, width: 800, height: 400 });
    c.setOption(options.get("mrr") ?? {}, true);
    // The shaded area's label is drawn: the mark area was built and laid out.
    expect(c.renderToSVGString()).toContain(">period</text>");
    c.dispose();
  });
});
