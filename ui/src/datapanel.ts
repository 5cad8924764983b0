// The Data view: what was imported and how — tables with their kind and column mapping (editable:
// the import re-runs), rows used and skipped, warnings, the problem rows (filterable, copyable), and
// recently opened files.
import * as api from "./api";
import type { DatasetView, KindInfo, TableReport } from "./api";
import { $, h, option, sortableTable } from "./dom";
import { templateButton } from "./dashboard";
import { coverageText, plainText, ruleLines } from "./format";
import { columnLabel, kindLabel, mappingNote, mapsToLabel } from "./words";

let kinds: KindInfo[] = [];

/** The file name of a path (Windows or Unix separators), as the import report names files. */
const baseName = (p: string) => p.split(/[\\/]/).pop() ?? p;

/** Runs an import the way every import runs (progress bar, cancel, busy state); resolves to the error
 * message when it failed. */
export type Reimport = (task: () => Promise<DatasetView | null>) => Promise<string | null>;

function mappingEditor(v: DatasetView, t: TableReport, reimport: Reimport): HTMLElement {
  const path = v.source.kind === "files" ? v.source.paths.find((p) => baseName(p) === t.file) : undefined;
  const kind = h("select", { "aria-label": `Kind of ${t.sheet ?? t.file}` }, option("", "not a table", !t.kind), ...kinds.map((k) => option(k.id, kindLabel(k.id), k.id === t.kind))) as HTMLSelectElement;
  const cols = h("div.mapping");
  const draw = () => {
    const canonical = kinds.find((k) => k.id === kind.value)?.columns ?? [];
    cols.replaceChildren(
      ...t.columns.map((c) => {
        // A wide table's month columns are used as they are: their select says so ("month
        // 2024-05", the value sent back is the engine's own), and they are sent only when changed.
        const month = /^month \d{4}-\d{2}$/.test(c.maps_to) ? c.maps_to : null;
        // Every other column left unmapped is kept: a customers sheet's become attributes to
        // segment by.
        const unmapped = kind.value === "customers" ? "kept as an attribute" : "not used";
        const sel = h(
          "select",
          { "aria-label": `Column ${c.header}`, "data-header": c.header, "data-initial": c.maps_to },
          option("", unmapped, !month && !canonical.includes(c.maps_to)),
          ...(month ? [option(month, mapsToLabel(month, t.kind), true)] : []),
          ...canonical.map((x) => option(x, columnLabel(x), x === c.maps_to)),
        ) as HTMLSelectElement;
        return h("label.map-row", null, h("span", null, c.header || "(no header)"), sel);
      }),
    );
  };
  kind.addEventListener("change", draw);
  draw();
  // Headers split over several rows (merged cells) are combined; the row named is the last of them.
  const headerRow = h("input", { type: "number", min: "1", step: "1", value: t.header_row ? String(t.header_row) : "", "aria-label": `Header row of ${t.sheet ?? t.file}` }) as HTMLInputElement;
  const apply = h("button.primary", { type: "button", disabled: !path }, "Apply and re-import");
  const msg = h("p.muted", { role: "status" }, path ? "" : "The demo workbook is built in; its mapping cannot be changed.");
  apply.addEventListener("click", async () => {
    if (!path) return;
    const columns: Record<string, string | null> = {};
    cols.querySelectorAll<HTMLSelectElement>("select").forEach((s) => {
      // A month column left as it was is not a correction (sending it would drop it).
      const initial = s.dataset.initial ?? "";
      if (s.value === initial && initial.startsWith("month ")) return;
      columns[s.dataset.header ?? ""] = s.value || null;
    });
    // Only a header row the user changed is pinned; otherwise detection keeps finding it.
    const row = Number.parseInt(headerRow.value, 10);
    const changed = Number.isFinite(row) && row > 0 && row !== t.header_row;
    const override: api.TableOverride = { file: t.file, sheet: t.sheet, kind: (kind.value || null) as api.TableKind | null, header_row: changed ? row : null, columns };
    const err = await reimport(() => api.setMapping(path, [override]));
    if (err) msg.textContent = err;
  });
  return h("div.mapping-editor", null, h("label", null, "Recognised as ", kind), h("label", null, "Header on row ", headerRow), cols, apply, msg);
}

/** What the import did to a table's rows (the system's name is on the card's line): the rules
 * applied ("Interval = year: amount / 12 — 3 rows"), the rows set aside ("2 rows set aside: in
 * trial"), the CSAT responses of a ticket export's ratings. */
export function understood(t: api.TableReport): HTMLElement[] {
  const lines = ruleLines(t);
  if (t.csat_responses) lines.push(`${t.csat_responses.toLocaleString("en-US")} satisfaction ${t.csat_responses === 1 ? "rating" : "ratings"} counted as CSAT responses (Good positive, Bad not)`);
  if (!lines.length) return [];
  return [h("div.understood", null, h("ul", null, ...lines.map((l) => h("li", null, l))))];
}

/** The reporting currency, and the money that could not be summed (several currencies). */
function currencyLine(imp: api.ImportReport): HTMLElement | null {
  const blocked = Object.entries(imp.money_blocked ?? {});
  if (!imp.currency && !blocked.length) return null;
  return h(
    "div.currency-line",
    { id: "currency-line" },
    imp.currency ? h("p", null, "Money is shown in ", h("b", null, imp.currency), " (the reporting currency; change it in Settings).") : null,
    ...blocked.map(([area, reason]) => h("p.error", null, `${area[0].toUpperCase()}${area.slice(1)} amounts are not added up: ${reason}. Their money figures stay empty until then.`)),
  );
}

export async function renderData(v: DatasetView, reimport: Reimport): Promise<void> {
  if (!kinds.length) kinds = await api.tableKinds().catch(() => []);
  const imp = v.import;
  const tables = imp.tables.map((t) => {
    // A correction remembered from a table with the same columns (last month's export), with Undo.
    const note = mappingNote(t);
    const headers = t.mapping === "remembered" ? t.mapping_headers : null;
    let undo: HTMLElement | null = null;
    if (headers) {
      undo = h("button.link", { type: "button", "aria-label": `Undo the mapping of ${t.sheet ?? t.file}` }, "Undo");
      undo.addEventListener("click", async (e) => {
        // Inside the summary: the click undoes, it does not open the card.
        e.preventDefault();
        e.stopPropagation();
        const err = await reimport(() => api.forgetMapping(headers));
        if (err) undo?.after(h("span.error", null, ` ${err}`));
      });
    }
    const details = h(
      "details.table-card",
      null,
      h(
        "summary",
        null,
        h("b", null, `${t.file}${t.sheet ? ` · ${t.sheet}` : ""}`),
        ` — ${t.system ? `${t.system} → ` : ""}${t.kind ? `${kindLabel(t.kind)}${t.layout === "wide" ? " (one column per month)" : ""}` : "not recognised"}`,
        h("span.muted", null, t.kind ? ` · header on row ${t.header_row ?? "?"} · ${t.rows_used.toLocaleString("en-US")} rows used, ${t.rows_skipped.toLocaleString("en-US")} skipped${t.coverage ? ` · ${coverageText(t.coverage)}` : ""}` : ""),
        ...(note ? [h("span.muted.mapping-note", null, ` · ${note} `), ...(undo ? [undo] : [])] : []),
      ),
      mappingEditor(v, t, reimport),
    );
    // What the import understood stays in view, under the card's line.
    return h("div.table-entry", null, details, ...understood(t));
  });
  const paths = v.source.kind === "files" ? v.source.paths : [];
  const hidden = imp.hidden_sheets.map((hs) => {
    const path = paths.find((p) => baseName(p) === hs.file);
    const b = h("button", { type: "button", disabled: !path }, "Include");
    b.addEventListener("click", async () => {
      if (!path) return;
      const err = await reimport(() => api.setMapping(path, [{ file: hs.file, sheet: hs.sheet }]));
      if (err) b.after(h("span.error", null, ` ${err}`));
    });
    return h("li", null, `${hs.file} · ${hs.sheet} `, b);
  });
  const filter = h("input", { type: "search", placeholder: "Filter problems (file, column, reason…)", "aria-label": "Filter problems" }) as HTMLInputElement;
  const issuesBox = h("div", { id: "issues" });
  const draw = () => {
    const q = filter.value.trim().toLowerCase();
    const rows = imp.issues.filter((i) => !q || `${i.file} ${i.sheet ?? ""} ${i.row} ${i.column} ${i.value} ${i.reason}`.toLowerCase().includes(q));
    issuesBox.replaceChildren(
      sortableTable(["File", "Sheet", "Row", "Column", "Value", "Problem"], rows.map((i) => [i.file, i.sheet, i.row, i.column, i.value, i.reason]), (v) => (v === null ? "" : String(v))),
      ...(imp.issues_total > imp.issues.length ? [h("p.muted", null, `The first ${imp.issues.length.toLocaleString("en-US")} problems are listed; all ${imp.issues_total.toLocaleString("en-US")} are counted.`)] : []),
    );
  };
  filter.addEventListener("input", draw);
  draw();
  const copy = h("button", { type: "button" }, "Copy problems");
  copy.addEventListener("click", async () => {
    const text = ["file\tsheet\trow\tcolumn\tvalue\treason", ...imp.issues.map((i) => [i.file, i.sheet ?? "", i.row, i.column, i.value, i.reason].join("\t"))].join("\n");
    try {
      await navigator.clipboard.writeText(text);
      copy.textContent = "Copied";
    } catch {
      const area = h("textarea", { "aria-label": "Problems to copy" }) as HTMLTextAreaElement;
      area.value = text;
      copy.after(area);
      area.select();
      copy.textContent = "Select and copy the text below";
    }
  });
  const recent = v.recent.map((r) => {
    const b = h("button.link", { type: "button" }, r.path);
    b.addEventListener("click", async () => {
      const err = await reimport(() => api.openFiles([r.path]));
      if (err) b.after(h("span.error", null, ` ${err}`));
    });
    return h("li", null, b, h("span.muted", null, ` ${r.opened_at.slice(0, 10)}`));
  });
  $("view-data").replaceChildren(
    h(
      "section.card",
      null,
      h("h2", null, "Tables"),
      h("p.muted", null, "Each sheet or CSV file is read as one table, recognised by its columns. Open a table to change what it is or which column is which; the import re-runs and remembers your choice for any table with the same columns, so next month's export is read the same way."),
      h("p.muted", null, "Each table covers the months from its first row to its last. Figures for months outside them are shown as unknown, not as zero."),
      h(
        "p.muted",
        null,
        "Two sheets set how the numbers are judged and added up: a Targets sheet (KPI, then Target, or Low and High; optional Direction, Note, Segment, CSM) sets the targets for this file over those in Settings, and an FX rates sheet (Currency, Rate, optional Month) converts other currencies to the reporting one. ",
        templateButton("targets", "Save a Targets template"),
        " · ",
        templateButton("fx_rates", "Save an FX rates template"),
      ),
      currencyLine(imp),
      ...tables,
      ...(hidden.length
        ? [h("h3", null, "Hidden sheets, not imported"), h("p.muted", null, "A hidden sheet is often an old copy of a visible one; counting both would double revenue. Include one only if it holds data you want."), h("ul", { id: "hidden-sheets" }, ...hidden)]
        : []),
    ),
    ...(imp.refused?.length
      ? [
          h(
            "section.card",
            null,
            h("h2", null, `Tables with every row refused (${imp.refused.length})`),
            h("p.muted", null, "Nothing in these tables could be read, so the figures that need them are not shown. The rows and their problems are listed below."),
            h("ul", null, ...imp.refused.map((r) => h("li.error", null, r.message))),
          ),
        ]
      : []),
    h("section.card", null, h("h2", null, `Warnings (${imp.warnings.length})`), imp.warnings.length ? h("ul", null, ...imp.warnings.map((w) => h("li", null, `${w.file ? `${w.file}${w.sheet ? ` · ${w.sheet}` : ""}: ` : ""}${plainText(w.message)}`))) : h("p.muted", null, "None.")),
    h(
      "section.card",
      null,
      h("h2", null, `Rows that could not be read (${imp.issues_total.toLocaleString("en-US")})`),
      imp.issues_total ? h("div.gs-row", null, filter, copy) : h("p.muted", null, "Every row was read."),
      imp.issues_total ? issuesBox : null,
    ),
    h("section.card", null, h("h2", null, "Recent files"), recent.length ? h("ul.recent", null, ...recent) : h("p.muted", null, "Files you open appear here.")),
  );
}
