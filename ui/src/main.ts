// Wires the window: loads data through api.ts and renders what the engine computed.
import * as api from "./api";
import type { DatasetView, Report } from "./api";
import { mrrChart, movementsChart } from "./charts";
import { formatValue, monthLabel, reasonSentence } from "./format";
import { GROUPS } from "./tiles";

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

function text(tag: string, content: string, cls?: string): HTMLElement {
  const el = document.createElement(tag);
  el.textContent = content;
  if (cls) el.className = cls;
  return el;
}

function showNotice(message: string | null, kind: "error" | "info" = "info"): void {
  const n = $("notice");
  n.hidden = !message;
  n.textContent = message ?? "";
  n.className = `notice ${kind}`;
}

function renderReport(r: Report): void {
  $("period-range").textContent = `${monthLabel(r.period.from)} – ${monthLabel(r.period.to)}`;
  const groups = $("groups");
  groups.replaceChildren();
  for (const g of GROUPS) {
    const section = document.createElement("section");
    section.className = "group";
    section.append(text("h2", g.title));
    const grid = document.createElement("div");
    grid.className = "tiles";
    for (const t of g.tiles) {
      const k = r.kpis[t.id];
      const tile = document.createElement("article");
      tile.className = "tile";
      tile.dataset.kpi = t.id;
      tile.append(text("h3", t.label));
      if (!k || k.value === null) {
        tile.classList.add("missing");
        tile.append(text("div", "—", "value"), text("p", reasonSentence(k?.reason), "reason"));
      } else {
        tile.append(text("div", formatValue(k, t.id), "value"));
        if (typeof k.n === "number") tile.append(text("p", `n = ${k.n.toLocaleString("en-US")}`, "detail"));
      }
      grid.append(tile);
    }
    section.append(grid);
    groups.append(section);
  }
  mrrChart($("chart-mrr"), r.mrr_series);
  movementsChart($("chart-movements"), r.movements);
}

function renderImport(v: DatasetView): void {
  const imp = v.import;
  const used = imp.tables.reduce((a, t) => a + t.rows_used, 0);
  $("import-summary").textContent =
    `Import: ${imp.tables.filter((t) => t.kind).length} tables recognised, ${used.toLocaleString("en-US")} rows used, ` +
    `${imp.issues_total.toLocaleString("en-US")} problem rows, ${imp.warnings.length} warnings`;
  const body = $("tables").querySelector("tbody")!;
  body.replaceChildren(
    ...imp.tables.map((t) => {
      const tr = document.createElement("tr");
      tr.append(
        text("td", t.file),
        text("td", t.sheet ?? ""),
        text("td", t.kind ? `${t.kind}${t.layout === "wide" ? " (wide)" : ""}` : "not recognised"),
        text("td", t.rows_used.toLocaleString("en-US")),
        text("td", t.rows_skipped.toLocaleString("en-US")),
      );
      return tr;
    }),
  );
  $("warnings").replaceChildren(...imp.warnings.map((w) => text("li", `${w.file}${w.sheet ? ` · ${w.sheet}` : ""}: ${w.message}`)));
  const issues = $("issues");
  issues.hidden = imp.issues.length === 0;
  issues.querySelector("tbody")!.replaceChildren(
    ...imp.issues.slice(0, 500).map((i) => {
      const tr = document.createElement("tr");
      tr.append(text("td", i.file), text("td", i.sheet ?? ""), text("td", String(i.row)), text("td", i.column), text("td", i.value), text("td", i.reason));
      return tr;
    }),
  );
}

function show(v: DatasetView): void {
  const name = v.source.kind === "demo" ? `${v.source.name} (demo)` : v.source.paths.map((p) => p.split(/[\\/]/).pop()).join(", ");
  $("source-name").textContent = name;
  $("source-name").title = v.source.kind === "files" ? v.source.paths.join("\n") : "Built-in demo workbook";
  $("empty").hidden = true;
  $("dashboard").hidden = false;
  ($("preset") as HTMLSelectElement).value = "last12_months";
  renderImport(v);
  renderReport(v.report);
  showNotice(v.notice);
}

const buttons = () => [$("open"), $("demo")] as HTMLButtonElement[];

async function run(task: () => Promise<DatasetView | null>): Promise<void> {
  // One dialog or import at a time: a second click would open a second dialog.
  if (document.body.classList.contains("busy")) return;
  document.body.classList.add("busy");
  buttons().forEach((b) => (b.disabled = true));
  try {
    const v = await task();
    if (v) show(v);
  } catch (e) {
    const err = e as api.AppError;
    // The previous data stays on screen.
    showNotice(`Could not open: ${err.message}`, "error");
  } finally {
    document.body.classList.remove("busy");
    buttons().forEach((b) => (b.disabled = false));
  }
}

$("open").addEventListener("click", () => run(api.chooseFiles));
$("demo").addEventListener("click", () => run(api.openDemo));
$("preset").addEventListener("change", async (e) => {
  const preset = (e.target as HTMLSelectElement).value as api.Preset;
  try {
    renderReport(await api.report({ preset }));
  } catch (err) {
    showNotice((err as api.AppError).message, "error");
  }
});
void api.onFilesDropped((paths) => {
  $("drop-overlay").hidden = true;
  if (paths.length) void run(() => api.openFiles(paths));
});
void api.onDrag((s) => {
  $("drop-overlay").hidden = s !== "enter";
});
void run(api.startup);
