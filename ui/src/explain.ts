// The explanation drawer: formula in words, inputs, and the sortable, exportable rows behind a KPI.
import * as api from "./api";
import { drawn, step } from "./timing";
import { $, h, option, sortableTable } from "./dom";
import { formatValue, moneyDigits, monthLabel, plainText, reasonSentence } from "./format";
import { comparisonText, inputLines } from "./explaintext";
import { accountRows, groupColumns, groupRows, linkArgs, movementRows, MOVED_KPIS } from "./movedtext";
import { attributeLabel, dateLabel } from "./words";
import { state } from "./state";
import { targetView } from "./tiles";
import { openComments } from "./voicedrawer";
import { topLine } from "./voicerows";

let lastFocus: HTMLElement | null = null;

export function closeExplain(): void {
  $("explain").hidden = true;
  lastFocus?.focus();
}

/** The drawer, shown (for another content than an explanation: a theme's comments); focus goes
 * back on close to where it was before the drawer opened. */
export function showDrawer(): HTMLElement {
  const drawer = $("explain");
  if (drawer.hidden) lastFocus = document.activeElement as HTMLElement | null;
  drawer.hidden = false;
  // An explanation still on its way must not replace what is shown now.
  explainSeq++;
  return drawer;
}

/** Money columns of the rows behind a KPI (by their engine names: "MRR at start", "amount"…). */
const MONEY_COLUMN = /\b(MRR|ARR|amount|spend|value|fees)\b(?! trend)/i;

/** The inputs of an explanation as a table: each as the engine wrote it, an assumption flagged
 * beside its value. */
function inputsTable(inputs: api.ExplanationInput[]): HTMLElement | null {
  const lines = inputLines(inputs);
  if (!lines.length) return null;
  return h("table.inputs", null, h("tbody", null, ...lines.map((i) => h("tr", { "data-input": i.key }, h("th", { scope: "row" }, i.name), h("td.num", null, i.display), h("td.input-note", null, i.note)))));
}

/** Opens the drawer of a KPI; `customer` (a customer id) is the row to scroll to and mark; `view`
 * another period or segment than the window's (a number of "What moved" opens its own), and `back`
 * what the drawer's back button reopens. */
let explainSeq = 0;

export async function openExplain(kpiId: string, customer?: string, view?: api.ViewArgs, back?: () => void): Promise<void> {
  // Quick clicks: only the last one's explanation is shown.
  const seq = ++explainSeq;
  const drawer = $("explain");
  lastFocus = document.activeElement as HTMLElement | null;
  drawer.hidden = false;
  drawer.replaceChildren(h("p.muted", null, "Working it out…"));
  let e: api.Explanation;
  try {
    e = await api.explain(view ?? state.args, kpiId);
  } catch (err) {
    if (seq === explainSeq) drawer.replaceChildren(h("p.error", null, api.asAppError(err).message), closeButton());
    return;
  }
  if (seq !== explainSeq) return;
  step("explain", "answer received");
  const value = h("div.explain-value", null, formatValue(e.result, e.kpi));
  const inputs = inputsTable(e.inputs);
  const compare = comparisonText(e.inputs);
  const exportBtn = h("button", { type: "button" }, "Export rows (.csv)");
  exportBtn.addEventListener("click", async () => {
    try {
      const path = await api.exportExplanation(view ?? state.args, e.kpi);
      if (path) exportBtn.textContent = "Saved";
    } catch (err) {
      exportBtn.textContent = api.asAppError(err).message;
    }
  });
  // A money column is written alike down the rows: cents on every row when any row has them.
  const moneyCols = e.columns.map((c, k) => (MONEY_COLUMN.test(c) ? (e.rows.some((r) => typeof r[k] === "number" && !Number.isInteger(r[k])) ? 2 : 0) : null));
  const fmt = (v: string | number | boolean | null, col: number) => {
    if (v === null) return "";
    if (typeof v === "boolean") return v ? "yes" : "no";
    // Months and dates as the app writes them (the rows still sort by the engine's ISO text).
    if (typeof v !== "number") return /^\d{4}-\d{2}$/.test(v) ? monthLabel(v) : /^\d{4}-\d{2}-\d{2}$/.test(v) ? dateLabel(v) : String(v);
    const digits = moneyCols[col];
    return digits === null ? v.toLocaleString("en-US", { maximumFractionDigits: 2 }) : moneyDigits(v, digits);
  };
  const seg = (view ?? state.args).segment;
  const idCol = e.columns.indexOf("customer");
  const parts: (HTMLElement | null)[] = [
    h("div.drawer-head", null, h("h2", { id: "explain-title" }, e.label), closeButton()),
    back ? backButton(back) : null,
    h("p.muted", null, `${monthLabel(e.period.from)} – ${monthLabel(e.period.to)}${seg ? ` · ${attributeLabel(seg[0])}: ${seg[1]}` : ""}`),
    value,
    compare ? h("p.explain-compare", null, compare) : null,
    e.result.reason ? h("p.reason", null, reasonSentence(e.result.reason)) : null,
    // Partial data, and why the tile shows no change arrow.
    e.result.note ? h("p.reason", null, `Partial data: ${plainText(e.result.note)}.`) : null,
    e.result.previous_reason || e.result.change_reason ? h("p.muted", null, reasonSentence(e.result.previous_reason ?? e.result.change_reason)) : null,
    // Only in the window's own view: a drill-down from a sentence shows its rows.
    MOVED_KPIS.has(e.kpi) && !view ? movedSection(e.kpi) : null,
    ...targetPart(e),
    e.kpi === "nps" || e.kpi === "csat" ? voiceSection(e, view ?? state.args, () => void openExplain(kpiId, customer, view, back)) : null,
    h("h3", null, "How it is computed"),
    h("p.formula", null, e.formula),
    inputs ? h("h3", null, "Inputs") : null,
    inputs,
    e.import_rules?.length ? h("h3", null, "How your files were read") : null,
    e.import_rules?.length ? h("ul.import-rules", null, ...e.import_rules.map((r) => h("li", null, r))) : null,
    e.columns.length ? h("h3", null, `${e.rows_are.charAt(0).toUpperCase()}${e.rows_are.slice(1)} (${e.rows.length.toLocaleString("en-US")})`) : null,
    e.columns.length ? exportBtn : null,
    e.columns.length
      ? sortableTable(
          e.columns.map((c) => c.charAt(0).toUpperCase() + c.slice(1)),
          e.rows,
          fmt,
          customer && idCol >= 0 ? { rowClass: (r) => (r[idCol] === customer ? "picked" : null), scrollTo: (r) => r[idCol] === customer } : {},
        )
      : null,
  ];
  drawer.replaceChildren(...parts.filter((p): p is HTMLElement => p !== null));
  drawer.querySelector<HTMLButtonElement>(".close")?.focus();
  step("explain", "built");
  drawn("explain");
}

/** The KPI's target, where it comes from, and its last months against it (a ✓ or ✗ per month). */
function targetPart(e: api.Explanation): HTMLElement[] {
  const t = targetView(e.result);
  const target = e.result.target;
  if (!target) return [];
  const months = (e.target_trend ?? []).filter((m) => m.on_track !== null);
  const on = months.filter((m) => m.on_track).length;
  return [
    h("h3", null, "Target"),
    h("p", { id: "explain-target" }, t ? h(`span.tile-target.${t.tone}`, null, t.text) : "No value to compare in this period", ` — ${t?.title ?? `target from ${target.source}`}.`),
    months.length
      ? h(
          "p.target-months",
          null,
          `On track in ${on} of the last ${months.length} ${months.length === 1 ? "month" : "months"} (each month alone): `,
          ...months.map((m) => h(`span.${m.on_track ? "good" : "bad"}`, { title: `${monthLabel(m.month)}: ${m.value === null ? "—" : formatValue({ value: m.value, unit: e.result.unit }, e.kpi)}` }, m.on_track ? "✓" : "✗")),
        )
      : null,
  ].filter((x): x is HTMLElement => x !== null);
}

/** "What detractors talk about" (NPS) or "What dissatisfied customers talk about" (CSAT): the three
 * themes their comments mention most, each opening its comments; nothing when there are none. */
function voiceSection(e: api.Explanation, args: api.ViewArgs, reopen: () => void): HTMLElement {
  const section = h("section.voice-top", { id: "explain-voice", hidden: true });
  const group = e.kpi === "nps" ? "detractors" : "csat_low";
  void (async () => {
    try {
      const v = await api.voiceView(args);
      const list = v.top[group];
      if (!list.length) return;
      section.replaceChildren(
        h("h3", null, e.kpi === "nps" ? "What detractors talk about" : "What dissatisfied customers talk about"),
        h(
          "ul",
          null,
          ...list.map((t) => {
            const b = h("button.link", { type: "button", "data-theme": t.key, title: "Show the theme's comments" }, topLine(t, group));
            b.addEventListener("click", () => void openComments(args, t.key, t.name, v, { label: e.label, open: reopen }));
            return h("li", null, b);
          }),
        ),
      );
      section.hidden = false;
    } catch {
      // Without the comments' themes the drawer still explains the KPI.
    }
  })();
  return section;
}

function backButton(back: () => void): HTMLElement {
  const b = h("button.back", { type: "button" }, "← What moved");
  b.addEventListener("click", back);
  return b;
}

/** "What moved": the sentences (each number a link to its rows), a "by" selector of the data's
 * attributes, and the movement, group (rate and mix) and account tables. */
function movedSection(kpiId: string): HTMLElement {
  const body = h("div.moved-body", null, h("p.muted", null, "Working it out…"));
  const pick = h("select", { id: "moved-by", "aria-label": "Split the change by" }) as HTMLSelectElement;
  pick.append(option("", "no attribute"));
  const against = h("select", { id: "moved-against", "aria-label": "Compare with" }) as HTMLSelectElement;
  against.append(option("previous", "the previous period", true), option("year_earlier", "the same months a year earlier"), option("months", "other months…"));
  const from = h("input", { id: "moved-from", type: "month", "aria-label": "Compare from" }) as HTMLInputElement;
  const to = h("input", { id: "moved-to", type: "month", "aria-label": "Compare to" }) as HTMLInputElement;
  const months = h("span.moved-months", { hidden: true }, from, " – ", to);
  const shown = h("p.muted.moved-against-period");
  const section = h(
    "section.moved",
    { id: "what-moved" },
    h("h3", null, "What moved"),
    h("div.moved-controls", null, h("label.moved-by", null, "By ", pick), h("label.moved-by", null, "against ", against), months),
    shown,
    body,
  );
  let seq = 0;
  const choice = (): api.Against =>
    against.value === "months" && from.value && to.value
      ? { kind: "months", from: from.value, to: to.value }
      : against.value === "year_earlier"
        ? { kind: "year_earlier" }
        : { kind: "previous" };
  const load = async () => {
    const mine = ++seq;
    const by = pick.value || null;
    try {
      const w = await api.whatMoved(state.args, kpiId, by, choice());
      if (mine !== seq) return;
      shown.textContent = `${monthLabel(w.period.from)} – ${monthLabel(w.period.to)} against ${monthLabel(w.before_period.from)} – ${monthLabel(w.before_period.to)}`;
      body.replaceChildren(...movedParts(w, by));
    } catch (err) {
      if (mine === seq) body.replaceChildren(h("p.error", null, api.asAppError(err).message));
    }
  };
  pick.addEventListener("change", () => void load());
  against.addEventListener("change", () => {
    months.hidden = against.value !== "months";
    if (against.value !== "months" || (from.value && to.value)) void load();
  });
  for (const m of [from, to]) m.addEventListener("change", () => from.value && to.value && void load());
  void (async () => {
    try {
      const attrs = await api.attributes();
      for (const a of attrs) pick.append(option(a.key, attributeLabel(a.key), a.key === "segment"));
    } catch {
      // Without attributes the change is still split by movement and account.
    }
    await load();
  })();
  return section;
}

function movedParts(w: api.WhatMoved, by: string | null): HTMLElement[] {
  const reopen = () => void openExplain(w.kpi);
  const sentences = w.sentence_parts.map((parts) =>
    h(
      "p.moved-sentence",
      null,
      ...parts.map((p) => {
        const link = p.link;
        if (!link) return p.text;
        const a = h("button.link.moved-link", { type: "button", title: "Show the rows" }, p.text);
        a.addEventListener("click", () => void openExplain(link.kpi, link.customer, linkArgs(link), reopen));
        return a;
      }),
    ),
  );
  const table = (title: string, columns: string[], rows: string[][]) =>
    rows.length ? [h("h4", null, title), sortableTable(columns, rows, (v) => (v === null ? "" : String(v)))] : [];
  return [
    ...sentences,
    ...table("By movement", ["Movement", "Effect"], movementRows(w)),
    ...(by ? table(`By ${attributeLabel(by)}`, groupColumns(w), groupRows(w)) : []),
    ...table("Accounts that moved it most", ["Customer", "Name", "Effect"], accountRows(w)),
  ];
}

function closeButton(): HTMLElement {
  const b = h("button.close", { type: "button", "aria-label": "Close" }, "×");
  b.addEventListener("click", closeExplain);
  return b;
}

document.addEventListener("keydown", (ev) => {
  if (ev.key === "Escape" && !$("explain").hidden) closeExplain();
});
