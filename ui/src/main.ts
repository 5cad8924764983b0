// Wires the window: loads data through api.ts and shows what the engine computed.
import * as api from "./api";
import type { DatasetView, Settings } from "./api";
import { copyPng, savePng } from "./charts";
import { chartsShow, loadFlags, loadSparklines, renderBreakdown, renderCharts, renderTiles } from "./dashboard";
import { renderData } from "./datapanel";
import { $, option } from "./dom";
import { closeExplain } from "./explain";
import { importNotice, monthLabel, setCurrency, setDataCurrency } from "./format";
import { renderSettings } from "./settingspanel";
import { renderScorecard } from "./scorecard";
import { state } from "./state";
import { drawn, started, step } from "./timing";
import { resetWhatIf, showWhatIf } from "./whatif";
import { resetClv, showClv } from "./clv";
import { resetHealth, showHealth } from "./health";
import { resetVoice, showVoice } from "./voice";
import { attributeLabel } from "./words";

type View = "dashboard" | "scorecard" | "health" | "voice" | "whatif" | "clv" | "data" | "settings";
let current: View = "dashboard";

let noticeTimer = 0;
/** A message above the view. An information ("Saved to …") fades after a few seconds; an error stays
 * until the next action. */
function showNotice(message: string | null, kind: "error" | "info" = "info"): void {
  const n = $("notice");
  window.clearTimeout(noticeTimer);
  n.hidden = !message;
  n.textContent = message ?? "";
  n.className = `notice ${kind}`;
  if (message && kind === "info") noticeTimer = window.setTimeout(() => (n.hidden = true), 6000);
}

function switchTo(view: View): void {
  started(`view-${view}`);
  current = view;
  document.querySelectorAll<HTMLButtonElement>(".tabs [role=tab]").forEach((t) => t.setAttribute("aria-selected", String(t.dataset.view === view)));
  for (const v of ["dashboard", "scorecard", "health", "voice", "whatif", "clv", "data", "settings"]) $(`view-${v}`).hidden = v !== view || !state.data;
  closeExplain();
  // Each view opens at its top, not wherever the previous one was scrolled to.
  window.scrollTo(0, 0);
  // A "Saved to …" message belongs to the view it was given on.
  if ($("notice").classList.contains("info")) showNotice(null);
  if (!state.data) return;
  void Promise.resolve(showView(view, state.data)).then(() => drawn(`view-${view}`));
}

/** Fills a view for the data on screen; resolves once it is drawn. */
function showView(view: View, data: DatasetView): Promise<unknown> | void {
  switch (view) {
    case "whatif":
      return showWhatIf();
    case "scorecard":
      return state.report ? renderScorecard(state.report) : undefined;
    case "clv":
      return showClv();
    // Applying or putting back weights changes every health score: the dashboard's are asked again.
    case "health":
      return showHealth(() => refresh());
    // Asked again each time: the dashboard's period and segment may have changed meanwhile.
    case "voice":
      return showVoice();
    case "data":
      return renderData(data, run);
    case "settings":
      return renderSettings(applySettings, () => refresh());
    case "dashboard":
      if (state.report && !chartsShow(state.report)) renderCharts(state.report);
  }
}

async function applySettings(s: Settings): Promise<void> {
  setCurrency(s.currency_symbol);
  // Reading options change how files are read: import again, then everything is recomputed.
  const src = state.data?.source;
  if (!src) return;
  await run(() => (src.kind === "demo" ? api.openDemo() : api.openFiles(src.paths)), false);
}

/** The latest view asked for: an older answer that arrives later is dropped. */
let refreshSeq = 0;

/** Recomputes the view for a new period or segment; `interaction` names the user's action timed
 * from its start to the whole dashboard drawn (tiles, charts, sparklines, red flags, breakdown). */
async function refresh(interaction?: string): Promise<void> {
  if (!state.data) return;
  const seq = ++refreshSeq;
  const args = state.args;
  // The sparklines and red flags are asked for with the report (on the other core; their months are
  // mostly kept from earlier views) and drawn once its tiles are.
  const trend = api.trend(args);
  const flags = api.flags(args);
  trend.catch(() => undefined);
  flags.catch(() => undefined);
  try {
    const r = await api.report(args);
    step(interaction, "report received");
    if (seq !== refreshSeq) return;
    state.report = r;
    renderTiles(r);
    step(interaction, "tiles built");
    renderCharts(r);
    step(interaction, "charts built");
    await Promise.all([loadSparklines(interaction, trend), loadFlags(interaction, flags), loadBreakdown(seq)]);
    if (seq !== refreshSeq) return;
    showNotice(null);
    if (interaction) drawn(interaction);
  } catch (e) {
    if (seq === refreshSeq) showNotice(api.asAppError(e).message, "error");
  }
}

/** The breakdown table of the view on screen (the report itself does not depend on it). */
async function loadBreakdown(seq = refreshSeq): Promise<void> {
  const key = ($("breakdown-key") as HTMLSelectElement).value;
  const b = key ? await api.breakdown(state.args, key) : null;
  if (seq === refreshSeq) renderBreakdown(b);
}

async function fillAttributes(): Promise<void> {
  const attrs = await api.attributes().catch(() => []);
  const key = $("seg-key") as HTMLSelectElement;
  const by = $("breakdown-key") as HTMLSelectElement;
  key.replaceChildren(option("", "Everyone"), ...attrs.map((a) => option(a.key, attributeLabel(a.key))));
  by.replaceChildren(option("", "—"), ...attrs.map((a) => option(a.key, attributeLabel(a.key))));
  const value = $("seg-value") as HTMLSelectElement;
  value.hidden = true;
  key.onchange = () => {
    const a = attrs.find((x) => x.key === key.value);
    value.hidden = !a;
    value.replaceChildren(...(a?.values ?? []).map((v) => option(v, v)));
    state.args = { ...state.args, segment: a && a.values.length ? [a.key, a.values[0]] : null };
    started("segment");
    void refresh("segment");
  };
  value.onchange = () => {
    state.args = { ...state.args, segment: [key.value, value.value] };
    started("segment");
    void refresh("segment");
  };
}

function show(v: DatasetView): void {
  state.data = v;
  state.report = v.report;
  state.args = { preset: "last12_months" };
  ($("preset") as HTMLSelectElement).value = "last12_months";
  $("custom-range").hidden = true;
  $("period-range").hidden = false;
  ($("breakdown-key") as HTMLSelectElement).value = "";
  $("source-name").textContent = v.source.kind === "demo" ? `${v.label} (demo)` : v.label;
  $("source-name").title = v.source.kind === "files" ? v.source.paths.join("\n") : "Built-in demo workbook";
  $("empty").hidden = true;
  resetWhatIf();
  $("view-whatif").removeAttribute("data-built");
  // Predictive CLV is offered when the data hold orders.
  resetClv();
  // The backtest is of the data and settings on screen: run again when the tab is next shown.
  resetHealth();
  resetVoice();
  const orders = v.import.tables.some((t) => t.kind === "orders");
  $("tab-clv").hidden = !orders;
  if (!orders && current === "clv") current = "dashboard";
  setDataCurrency(v.import.currency);
  renderTiles(v.report);
  renderBreakdown(null);
  const notice = importNotice(v.notice, v.import.refused ?? []);
  showNotice(notice.message, notice.kind);
  void fillAttributes();
  switchTo(current);
}

const buttons = () => [$("open"), $("demo")] as HTMLButtonElement[];

/** Every import goes through here: one at a time, a progress bar after 300 ms, the previous data kept
 * on failure. Resolves to the error message when it failed. */
async function run(task: () => Promise<DatasetView | null>, progress = true): Promise<string | null> {
  // One dialog or import at a time: a second click would open a second dialog.
  if (document.body.classList.contains("busy")) return null;
  document.body.classList.add("busy");
  buttons().forEach((b) => (b.disabled = true));
  // The last import's "Reading … 366 of 366 rows" must not show for this one.
  $("progress-text").textContent = "Opening…";
  $("progress-fill").style.width = "0%";
  const timer = progress ? window.setTimeout(() => ($("progress").hidden = false), 300) : 0;
  try {
    // A User Timing measure from the request to the first frame of the new dashboard: the figure the
    // performance check compares with the headless import + report.
    performance.clearMarks("open-start");
    performance.mark("open-start");
    const v = await task();
    if (v) {
      performance.measure("data-received", "open-start");
      show(v);
      requestAnimationFrame(() =>
        setTimeout(() => {
          performance.measure("dashboard-shown", "open-start");
          void loadSparklines();
          void loadFlags();
        }, 0),
      );
    }
    return null;
  } catch (e) {
    const err = api.asAppError(e);
    // The previous data stays on screen.
    showNotice(err.kind === "import.cancelled" ? "Import cancelled; your previous data is still shown." : `Could not open: ${err.message}`, err.kind === "import.cancelled" ? "info" : "error");
    return err.message;
  } finally {
    window.clearTimeout(timer);
    $("progress").hidden = true;
    document.body.classList.remove("busy");
    buttons().forEach((b) => (b.disabled = false));
  }
}

$("open").addEventListener("click", () => run(api.chooseFiles));
$("demo").addEventListener("click", () => run(api.openDemo));
$("cancel-import").addEventListener("click", () => void api.cancelImport());
document.querySelectorAll<HTMLButtonElement>(".tabs [role=tab]").forEach((t) => t.addEventListener("click", () => switchTo(t.dataset.view as View)));
$("preset").addEventListener("change", (e) => {
  const v = (e.target as HTMLSelectElement).value;
  const custom = v === "custom";
  $("custom-range").hidden = !custom;
  // The typed months say the range: the range text would only make the toolbar wrap.
  $("period-range").hidden = custom;
  if (custom) {
    ($("from") as HTMLInputElement).value = state.report?.period.from ?? "";
    ($("to") as HTMLInputElement).value = state.report?.period.to ?? "";
    return;
  }
  state.args = { ...state.args, preset: v as api.Preset, from: undefined, to: undefined };
  started("period");
  void refresh("period");
});
// A custom range applies as soon as both months are complete, not only when the field loses focus.
let rangeTimer = 0;
for (const id of ["from", "to"]) {
  const apply = () => {
    window.clearTimeout(rangeTimer);
    rangeTimer = window.setTimeout(() => {
      const from = ($("from") as HTMLInputElement).value;
      const to = ($("to") as HTMLInputElement).value;
      if (!/^\d{4}-\d{2}$/.test(from) || !/^\d{4}-\d{2}$/.test(to) || (from === state.args.from && to === state.args.to)) return;
      state.args = { ...state.args, preset: undefined, from, to };
      started("period");
      void refresh("period");
    }, 300);
  };
  $(id).addEventListener("change", apply);
  $(id).addEventListener("input", apply);
}
$("breakdown-key").addEventListener("change", async () => {
  started("breakdown");
  try {
    await loadBreakdown();
    drawn("breakdown");
  } catch (e) {
    showNotice(api.asAppError(e).message, "error");
  }
});
$("cohort-kind").addEventListener("change", () => state.report && renderCharts(state.report));
/** A chart's title (its caption) and subtitle (the period and segment on screen), for its PNG. */
function chartTitles(b: HTMLButtonElement): { title: string; subtitle: string; file: string } {
  const caption = b.closest("figcaption");
  const title = caption ? [...caption.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent ?? "").join(" ").trim() : "Northstar";
  const r = state.report;
  const period = r ? `${monthLabel(r.period.from)} – ${monthLabel(r.period.to)}` : "";
  const seg = state.args.segment ? ` · ${attributeLabel(state.args.segment[0])}: ${state.args.segment[1]}` : "";
  const slug = title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
  const file = `northstar-${slug}${r ? `-${r.period.from}-to-${r.period.to}` : ""}`;
  return { title, subtitle: `${period}${seg} · Northstar`, file };
}
/** Shows what a chart button did for a moment, then its own label again. */
function flash(b: HTMLButtonElement, text: string): void {
  const label = b.dataset.label ?? b.textContent ?? "";
  b.dataset.label = label;
  b.textContent = text;
  window.setTimeout(() => (b.textContent = label), 2000);
}
document.querySelectorAll<HTMLButtonElement>("button.png").forEach((b) =>
  b.addEventListener("click", async () => {
    const id = b.dataset.chart ?? "";
    const t = chartTitles(b);
    try {
      if (await savePng($(id), t.file, t.title, t.subtitle)) flash(b, "Saved");
    } catch (e) {
      showNotice(api.asAppError(e).message, "error");
    }
  }),
);
document.querySelectorAll<HTMLButtonElement>("button.png").forEach((b) => {
  const copy = document.createElement("button");
  copy.className = "png copy";
  copy.type = "button";
  copy.textContent = "Copy";
  copy.title = "Copy the chart, with its title and period, to paste into a slide";
  b.before(copy);
  copy.addEventListener("click", async () => {
    const t = chartTitles(b);
    try {
      await copyPng($(b.dataset.chart ?? ""), t.title, t.subtitle);
      flash(copy, "Copied");
    } catch {
      showNotice("This system does not let the app copy images: use PNG to save the chart instead.", "error");
    }
  });
});
for (const [id, format] of [["export-xlsx", "xlsx"], ["export-csv", "csv"]] as const) {
  $(id).addEventListener("click", async () => {
    try {
      const path = await api.exportReport(state.args, format);
      if (path) showNotice(`Saved to ${path}`);
    } catch (e) {
      showNotice(api.asAppError(e).message, "error");
    }
  });
}
$("board-pack").addEventListener("click", async () => {
  try {
    const path = await api.boardPack(state.args);
    if (path) showNotice(`Saved to ${path}`);
  } catch (e) {
    showNotice(api.asAppError(e).message, "error");
  }
});
window.addEventListener("northstar:rerender", () => state.report && current === "dashboard" && renderCharts(state.report));

void api.onImportProgress((p) => {
  const share = p.rows_total ? p.rows_done / p.rows_total : p.bytes_total ? p.bytes_done / p.bytes_total : 0;
  $("progress-fill").style.width = `${Math.round(share * 100)}%`;
  $("progress-text").textContent = `Reading ${p.file}${p.sheet ? ` · ${p.sheet}` : ""}${p.rows_total ? ` — ${p.rows_done.toLocaleString("en-US")} of ${p.rows_total.toLocaleString("en-US")} rows` : ""}`;
});
void api.onFilesDropped((paths) => {
  $("drop-overlay").hidden = true;
  if (paths.length) void run(() => api.openFiles(paths));
});
void api.onDrag((s) => {
  $("drop-overlay").hidden = s !== "enter";
});
void api.settingsGet().then((s) => setCurrency(s.currency_symbol)).catch(() => undefined);
void run(api.startup);
