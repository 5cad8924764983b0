// The chart engine: ECharts with only the pieces the option builders use, in a chunk of its own that
// charts.ts loads while the first workbook is read (ECharts is four fifths of the UI's JavaScript; the
// window's first screen does not wait for it). Charts follow the light/dark theme and their own size.
import { BarChart, HeatmapChart, LineChart, PieChart } from "echarts/charts";
import {
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  TooltipComponent,
  VisualMapPiecewiseComponent,
} from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";

/** Every series type and component the builders in charts.ts, bandcharts.ts, healthcharts.ts and
 * voicecharts.ts use (charts.test.ts checks each builder's option against this list):
 * line, bar, pie, heatmap; grid with category/value axes; tooltip (with its axis pointer); legend,
 * plain and scroll (the Voice trend); markLine (seat use, AUC, calibration end); markArea (the MRR
 * chart's period); the piecewise visualMap (cohort colours). The dark theme is part of the core. */
export const PARTS = [
  LineChart,
  BarChart,
  PieChart,
  HeatmapChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  MarkLineComponent,
  MarkAreaComponent,
  VisualMapPiecewiseComponent,
  CanvasRenderer,
];
echarts.use(PARTS);

const dark = () => window.matchMedia("(prefers-color-scheme: dark)").matches;
const charts = new Map<string, echarts.ECharts>();
let sized: ResizeObserver | null = null;

/** Set up on the first chart (not at load: the unit tests read PARTS in Node, without a window). */
function watch(): ResizeObserver {
  if (sized) return sized;
  // A chart follows its own element's size, not the window's: a chart resized while its tab was hidden
  // would be sized 0 x 0 and stay blank. The observer fires when the element gets its size back (its tab
  // is shown) as well as on every window resize, and a hidden (0-sized) element is never resized.
  sized = new ResizeObserver((entries) => {
    for (const e of entries) {
      const c = charts.get((e.target as HTMLElement).id);
      const { width, height } = e.contentRect;
      if (!c || c.isDisposed() || c.getDom() !== e.target || width <= 0 || height <= 0) continue;
      // A tab shown again at the size it had: its charts are drawn already (a redraw costs a frame).
      if (Math.abs(c.getWidth() - width) < 1 && Math.abs(c.getHeight() - height) < 1) continue;
      c.resize();
    }
  });
  window.matchMedia("(prefers-color-scheme: dark)").addEventListener("change", () => {
    // Re-created with the new theme on the next render.
    charts.forEach((c) => c.dispose());
    charts.clear();
    window.dispatchEvent(new Event("northstar:rerender"));
  });
  return sized;
}

/** The chart drawn in `el` (created, or re-created when the view rebuilt its markup). */
export function chart(el: HTMLElement): echarts.ECharts {
  const observer = watch();
  let c = charts.get(el.id);
  // A view that rebuilt its markup has a new element under the same id: the old chart drew into the
  // detached one (the Predictive CLV charts stayed blank), so it is replaced.
  if (c && !c.isDisposed() && c.getDom() !== el) {
    observer.unobserve(c.getDom());
    c.dispose();
  }
  if (!c || c.isDisposed() || c.getDom() !== el) {
    c = echarts.init(el, dark() ? "dark" : undefined, { renderer: "canvas" });
    charts.set(el.id, c);
    observer.observe(el);
  } else if (el.clientWidth > 0 && (c.getWidth() !== el.clientWidth || c.getHeight() !== el.clientHeight)) {
    // Drawn again after a resize that happened while hidden (or after the builder set a new height).
    c.resize();
  }
  return c;
}

/** The chart in `el` drawn at `pixelRatio` on `background`, or null when none is drawn there. */
export function renderedCanvas(el: HTMLElement, pixelRatio: number, background: string): HTMLCanvasElement | null {
  const c = charts.get(el.id);
  if (!c || c.isDisposed()) return null;
  return c.getRenderedCanvas({ pixelRatio, backgroundColor: background });
}
