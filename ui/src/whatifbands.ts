// The What-if panel's forecast ranges (issue 20): the fan chart of ARR with its P10-P90 range beside the
// scenario's line, the P10/P50/P90 table, where the spread comes from, and the backtest card (past
// forecasts against what happened). The engine computes everything; this module asks and draws.
import * as api from "./api";
import type { Bands, Forecast, ForecastBacktest, Metric, ScenarioInput, ViewArgs } from "./api";
import { backtestChart, fanChart } from "./bandcharts";
import { backtestLines, bandRows, chanceText, errorCells, fanData, LEVELS, latestOrigin, originData, originText, spreadText, type FanBy } from "./bandrows";
import { $, h, option } from "./dom";
import { monthLabel } from "./format";
import { state } from "./state";

/** The engine's defaults: 10,000 paths, seed 1 (the CLI's too, so the e2e can compare). */
export const PATHS = 10_000;
export const SEED = 1;
/** Slider moves closer together than this ask for one set of ranges. */
const DEBOUNCE_MS = 250;

const bs: {
  bands: Bands | null;
  /** The scenario's deterministic forecast, drawn beside the range. */
  scenario: Forecast | null;
  /** The last month of the data (forecast month 1 is the month after it). */
  end: string | null;
  /** The request the ranges on screen (or on their way) answer. */
  key: string;
  timer: number | undefined;
  seq: number;
  backtest: ForecastBacktest | null;
  backtestKey: string;
} = { bands: null, scenario: null, end: null, key: "", timer: undefined, seq: 0, backtest: null, backtestKey: "" };

const errorBox = (msg: string) => h("p.error", { role: "alert" }, msg);

/** The card of the ranges: chart (by month or year), where the spread comes from, the table. */
export function bandsCard(): HTMLElement {
  const by = h("select", { id: "wi-fan-by", "aria-label": "Range by" }, option("month", "by month"), option("year", "by year")) as HTMLSelectElement;
  by.addEventListener("change", drawFan);
  return h(
    "section.card.wi-bands",
    { id: "wi-bands" },
    h("h2", null, "How sure is this forecast? ARR with the range of your own months ", by),
    h("div", { id: "wi-bands-error" }),
    h("div.chart", { id: "wi-chart-fan", role: "img", "aria-label": "ARR forecast with its P10 to P90 range" }),
    h("p.muted", { id: "wi-bands-source" }),
    h("div", { id: "wi-bands-table" }),
  );
}

function drawFan(): void {
  const el = document.getElementById("wi-chart-fan");
  if (!el || !bs.bands || !bs.scenario) return;
  const by = ((document.getElementById("wi-fan-by") as HTMLSelectElement | null)?.value ?? "month") as FanBy;
  fanChart(el, fanData(bs.bands, bs.scenario, by, bs.end));
}

function renderBands(b: Bands): void {
  $("wi-bands-source").textContent = b.observed.months ? spreadText(b) : "";
  const head = h("tr", null, h("th", { scope: "col" }, "Year"), h("th", { scope: "col" }, "Figure"), ...["P10", "P50", "P90"].map((c) => h("th.num", { scope: "col" }, c)));
  const rows = bandRows(b);
  const body = rows.map((r, i) => {
    // The year is written once, on its first figure.
    const first = r.year === null || rows[i - 1]?.year !== r.year;
    const yearCell = first ? h("th", { scope: "row", rowspan: r.year === null ? 1 : 4 }, r.year === null ? "" : String(r.year)) : null;
    return h(
      "tr",
      { "data-year": r.year ?? "all", "data-figure": r.figure },
      yearCell,
      h("td", null, r.label),
      ...r.cells.map((c, j) => h("td.num", { "data-level": LEVELS[j], "data-value": r.values[j] === null ? "null" : String(r.values[j]) }, c)),
    );
  });
  $("wi-bands-table").replaceChildren(h("table.data.wi-bands-table", null, h("thead", null, head), h("tbody", null, ...body)));
  drawFan();
}

/** Asks for the ranges of `inputs` (debounced); a later request wins over an earlier one still running. */
function schedule(inputs: ScenarioInput): void {
  const args: ViewArgs = state.args;
  const key = JSON.stringify([args, inputs]);
  if (key === bs.key) return;
  bs.key = key;
  window.clearTimeout(bs.timer);
  bs.timer = window.setTimeout(async () => {
    const seq = ++bs.seq;
    $("wi-bands").setAttribute("aria-busy", "true");
    try {
      const b = await api.whatifBands(args, inputs, PATHS, SEED);
      if (seq !== bs.seq) return;
      bs.bands = b;
      $("wi-bands-error").replaceChildren();
      $("wi-chart-fan").hidden = false;
      renderBands(b);
    } catch (e) {
      if (seq !== bs.seq) return;
      bs.bands = null;
      // No range to show (too few months, say): the reason instead of a stale chart.
      $("wi-bands-error").replaceChildren(errorBox(api.asAppError(e).message));
      $("wi-bands-source").textContent = "";
      $("wi-bands-table").replaceChildren();
      $("wi-chart-fan").hidden = true;
    } finally {
      if (seq === bs.seq) $("wi-bands").removeAttribute("aria-busy");
    }
  }, DEBOUNCE_MS);
}

/** The scenario on screen changed (or was computed again): its line is redrawn at once, its ranges asked for. */
export function updateBands(inputs: ScenarioInput, scenario: Forecast, end: string | null): void {
  bs.scenario = scenario;
  bs.end = end;
  drawFan();
  schedule(inputs);
}

/** The chance of reaching a goal-seek target, as the scenario is and at the sought value. */
export async function chanceLine(metric: Metric, target: number, inputs: ScenarioInput, atInputs: ScenarioInput | null, valueText: string | null): Promise<HTMLElement> {
  const args = state.args;
  try {
    const [asIs, at] = await Promise.all([
      api.goalSeekChance(args, inputs, metric, target, PATHS, SEED),
      atInputs ? api.goalSeekChance(args, atInputs, metric, target, PATHS, SEED) : Promise.resolve(null),
    ]);
    return h("p", { id: "gs-chance" }, chanceText(metric, target, inputs.years ?? 5, asIs, at, valueText), h("span.muted", null, ` (${PATHS.toLocaleString("en-US")} paths, seed ${SEED})`));
  } catch (e) {
    return h("p.muted", { id: "gs-chance" }, `No chance of reaching it can be given: ${api.asAppError(e).message}`);
  }
}

/** The backtest card; filled by `loadBacktest`. */
export function backtestCard(): HTMLElement {
  return h(
    "section.card.wi-backtest",
    { id: "wi-backtest" },
    h("h2", null, "Backtest: past forecasts against what happened"),
    h("p.muted", null, "At each of the last 12 month ends with a year of history before it, the baseline from the data up to then forecast the next 12 months; here is what happened."),
    h("div", { id: "bt-body" }, h("p.muted", null, "Computing the backtest…")),
  );
}

function renderBacktest(bt: ForecastBacktest): void {
  const chosen = latestOrigin(bt);
  const parts: HTMLElement[] = backtestLines(bt).map((l, i) => h("p", { id: i === 0 ? "bt-summary" : "bt-summary-bias" }, l));
  if (chosen) {
    const pick = h("select", { id: "bt-origin", "aria-label": "Forecast made at" }, ...bt.origins.map((o) => option(o.origin, monthLabel(o.origin), o.origin === chosen))) as HTMLSelectElement;
    const note = h("p.muted", { id: "bt-origin-note" });
    const draw = () => {
      const o = bt.origins.find((x) => x.origin === pick.value);
      if (!o) return;
      note.textContent = originText(o);
      backtestChart($("bt-chart"), originData(o));
    };
    pick.addEventListener("change", draw);
    parts.push(h("div.gs-row", null, h("label", { for: "bt-origin" }, "Forecast made at the end of"), pick), note, h("div.chart", { id: "bt-chart", role: "img", "aria-label": "Forecast and actual MRR with the P10 to P90 range" }));
    const head = h("tr", null, ...["Months ahead", "Forecasts compared", "MAPE", "Bias", "Inside P10–P90"].map((c, i) => h(i ? "th.num" : "th", { scope: "col" }, c)));
    const rows = [...bt.horizons, bt.overall].map((e) => h("tr", { "data-horizon": e.horizon }, ...errorCells(e).map((c, i) => h(i ? "td.num" : "td", null, c))));
    parts.push(h("table.data.bt-table", { id: "bt-table" }, h("thead", null, head), h("tbody", null, ...rows)));
    parts.push(h("p.muted", null, `Ranges of ${bt.paths.toLocaleString("en-US")} paths (seed ${bt.seed}) from up to ${bt.history_months} months before each forecast. MAPE: the mean error, either way; bias: positive when the forecast was too high.`));
  }
  if (bt.skipped.length) parts.push(h("ul.muted", { id: "bt-skipped" }, ...bt.skipped.map((s) => h("li", null, `No forecast at ${monthLabel(s.origin)}: ${s.reason}.`))));
  $("bt-body").replaceChildren(...parts);
  // Drawn once its element is in the page.
  (document.getElementById("bt-origin") as HTMLSelectElement | null)?.dispatchEvent(new Event("change"));
}

/** Runs the backtest of the view's data once per period and segment (the sliders do not change it). */
export async function loadBacktest(): Promise<void> {
  const args = state.args;
  const key = JSON.stringify(args);
  if (key === bs.backtestKey && bs.backtest) {
    renderBacktest(bs.backtest);
    return;
  }
  bs.backtestKey = key;
  bs.backtest = null;
  try {
    const bt = await api.forecastBacktest(args);
    if (bs.backtestKey !== key) return;
    bs.backtest = bt;
    renderBacktest(bt);
  } catch (e) {
    if (bs.backtestKey !== key) return;
    bs.backtestKey = "";
    $("bt-body").replaceChildren(errorBox(api.asAppError(e).message));
  }
}

/** A new dataset: nothing on screen answers it any more. */
export function resetBands(): void {
  window.clearTimeout(bs.timer);
  bs.seq++;
  Object.assign(bs, { bands: null, scenario: null, end: null, key: "", backtest: null, backtestKey: "" });
}
