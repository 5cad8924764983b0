// The explanation drawer: formula in words, inputs, and the sortable, exportable rows behind a KPI.
import * as api from "./api";
import { $, h, sortableTable } from "./dom";
import { formatValue, monthLabel, reasonSentence } from "./format";
import { state } from "./state";

let lastFocus: HTMLElement | null = null;

export function closeExplain(): void {
  $("explain").hidden = true;
  lastFocus?.focus();
}

export async function openExplain(kpiId: string): Promise<void> {
  const drawer = $("explain");
  lastFocus = document.activeElement as HTMLElement | null;
  drawer.hidden = false;
  drawer.replaceChildren(h("p.muted", null, "Working it out…"));
  let e: api.Explanation;
  try {
    e = await api.explain(state.args, kpiId);
  } catch (err) {
    drawer.replaceChildren(h("p.error", null, api.asAppError(err).message), closeButton());
    return;
  }
  const value = h("div.explain-value", null, formatValue(e.result, e.kpi));
  const inputs = e.inputs.length
    ? h("table.inputs", null, h("tbody", null, ...e.inputs.map((i) => h("tr", null, h("th", { scope: "row" }, i.name), h("td.num", null, typeof i.value === "number" ? i.value.toLocaleString("en-US", { maximumFractionDigits: 4 }) : String(i.value ?? "—"))))))
    : null;
  const exportBtn = h("button", { type: "button" }, "Export rows (.csv)");
  exportBtn.addEventListener("click", async () => {
    try {
      const path = await api.exportExplanation(state.args, e.kpi);
      if (path) exportBtn.textContent = "Saved";
    } catch (err) {
      exportBtn.textContent = api.asAppError(err).message;
    }
  });
  const fmt = (v: string | number | boolean | null) => (v === null ? "" : typeof v === "number" ? v.toLocaleString("en-US", { maximumFractionDigits: 2 }) : String(v));
  const parts: (HTMLElement | null)[] = [
    h("div.drawer-head", null, h("h2", { id: "explain-title" }, e.label), closeButton()),
    h("p.muted", null, `${monthLabel(e.period.from)} – ${monthLabel(e.period.to)}${state.args.segment ? ` · ${state.args.segment[0]} = ${state.args.segment[1]}` : ""}`),
    value,
    e.result.reason ? h("p.reason", null, e.result.reason) : null,
    // Partial data, and why the tile shows no change arrow.
    e.result.note ? h("p.reason", null, `Partial data: ${e.result.note}.`) : null,
    e.result.previous_reason || e.result.change_reason ? h("p.muted", null, reasonSentence(e.result.previous_reason ?? e.result.change_reason)) : null,
    h("h3", null, "How it is computed"),
    h("p.formula", null, e.formula),
    inputs ? h("h3", null, "Inputs") : null,
    inputs,
    e.columns.length ? h("h3", null, `${e.rows_are.charAt(0).toUpperCase()}${e.rows_are.slice(1)} (${e.rows.length.toLocaleString("en-US")})`) : null,
    e.columns.length ? exportBtn : null,
    e.columns.length ? sortableTable(e.columns, e.rows, fmt) : null,
  ];
  drawer.replaceChildren(...parts.filter((p): p is HTMLElement => p !== null));
  drawer.querySelector<HTMLButtonElement>(".close")?.focus();
}

function closeButton(): HTMLElement {
  const b = h("button.close", { type: "button", "aria-label": "Close" }, "×");
  b.addEventListener("click", closeExplain);
  return b;
}

document.addEventListener("keydown", (ev) => {
  if (ev.key === "Escape" && !$("explain").hidden) closeExplain();
});
