// The dashboard: KPI tiles with change and sparkline, the charts, the at-risk list, the CSM table
// and the breakdown table. Clicking a tile opens its explanation.
import * as api from "./api";
import type { Breakdown, Kpi, Report, Trend } from "./api";
import * as charts from "./charts";
import { $, h } from "./dom";
import { openExplain } from "./explain";
import { flagList } from "./scorecard";
import { formatValue, monthLabel, reasonSentence, sparkline } from "./format";
import { state } from "./state";
import { started, step } from "./timing";
import { renderAtRisk, renderBreakdownTable, renderCsm } from "./tables";
import { GROUPS, changeView, latestQuarter, targetView, toneClass } from "./tiles";

function tile(id: string, label: string, k: Kpi | undefined): HTMLElement {
  const el = h("button.tile", { type: "button", "data-kpi": id, "aria-label": `${label}: explain` });
  el.append(h("span.tile-label", null, label));
  if (!k || k.value === null) {
    el.classList.add("missing");
    el.append(h("span.value", null, "—"), h("span.reason", null, reasonSentence(k?.reason)));
    return el;
  }
  el.append(h("span.value", null, formatValue(k, id)));
  // Partial data: a short mark on the tile, the whole note in its tooltip and explanation.
  if (k.note) el.append(h("span.tile-note", { title: reasonSentence(k.note) }, "partial data"));
  const target = targetView(k);
  if (target) el.append(h(`span.tile-target.${target.tone}`, { title: target.title }, target.text));
  const change = changeView(id, k);
  const row = h("span.tile-foot");
  if (change) row.append(h(`span.change.${toneClass(change.tone)}`, { title: change.title }, change.text));
  else if (Array.isArray(k.value)) row.append(h("span.change.flat", null, latestQuarter(k)));
  // Filled in by loadSparklines once the dashboard is on screen.
  row.append(h("span.spark-wrap"));
  el.append(row);
  return el;
}

/** The few numbers a board asks for, first and larger. */
const HEADLINE: { id: string; label: string }[] = [
  { id: "mrr", label: "MRR" },
  { id: "arr", label: "ARR" },
  { id: "nrr", label: "Net revenue retention" },
  { id: "grr", label: "Gross revenue retention" },
  { id: "customer_churn_rate", label: "Logo churn (period)" },
  { id: "nps", label: "NPS" },
  { id: "health_avg", label: "Average health" },
];

/** The sheet a KPI needs, when its table is missing ("needs table usage …" -> "usage"). */
function missingTable(k: Kpi | undefined): string | null {
  const m = /^needs table (\w+)/.exec(k?.value === null ? (k.reason ?? "") : "");
  return m ? m[1] : null;
}

/** A table kind in a leader's words. */
const SHEET_NAMES: Record<string, string> = {
  mrr: "MRR (or subscriptions)",
  customers: "Customers",
  surveys: "Survey responses",
  tickets: "Support tickets",
  activities: "CSM activities",
  costs: "Costs",
  orders: "Orders",
  usage: "Product usage",
  trials: "Trials",
  renewals: "Renewals",
  contracts: "Contracts",
};

/** Saves an .xlsx template of a table (headers in plain words, two example rows, how to fill it). */
export function templateButton(table: string, label = "Save a template"): HTMLElement {
  const b = h("button.link", { type: "button", title: "Save an Excel template of this sheet: its columns, two example rows and how to fill it" }, label) as HTMLButtonElement;
  b.addEventListener("click", async () => {
    try {
      const path = await api.saveTemplate(table as api.TableKind);
      if (path) b.textContent = `Saved to ${path}`;
    } catch (e) {
      b.textContent = api.asAppError(e).message;
    }
  });
  return b;
}

export function renderTiles(r: Report): void {
  $("period-range").textContent = `${monthLabel(r.period.from)} – ${monthLabel(r.period.to)}`;
  const note = $("period-note");
  note.hidden = !r.period.note;
  note.textContent = r.period.note ? `${r.period.note.charAt(0).toUpperCase()}${r.period.note.slice(1)}.` : "";
  $("compare-note").textContent = `Arrows compare with ${monthLabel(r.previous_period.from)} – ${monthLabel(r.previous_period.to)}. Click any number to see how it was computed.`;
  const headline = new Set(HEADLINE.map((t) => t.id));
  // Tiles whose sheet is missing are folded into one line per sheet, below the groups.
  const missing = new Map<string, string[]>();
  const groups = GROUPS.map((g) => {
    const shown = g.tiles.filter((t) => {
      if (headline.has(t.id)) return false;
      const table = missingTable(r.kpis[t.id]);
      if (table) missing.set(table, [...(missing.get(table) ?? []), t.label]);
      return !table;
    });
    return shown.length ? h("section.group", null, h("h2", null, g.title), h("div.tiles", null, ...shown.map((t) => tile(t.id, t.label, r.kpis[t.id])))) : null;
  });
  const more = missing.size
    ? h(
        "section.group.more",
        null,
        h("h2", null, "Add these sheets to see more"),
        h(
          "ul.more-sheets",
          null,
          ...[...missing].map(([table, labels]) => h("li", { "data-table": table }, h("b", null, SHEET_NAMES[table] ?? table), `: ${labels.join(", ")} `, templateButton(table))),
        ),
      )
    : null;
  $("groups").replaceChildren(
    h("section.group.headline", null, h("h2", null, "At a glance"), h("div.tiles", null, ...HEADLINE.map((t) => tile(t.id, t.label, r.kpis[t.id])))),
    // Filled in by loadFlags once the dashboard is on screen; hidden when there are none.
    h("section.group.red-flags", { id: "dash-flags", hidden: true }),
    ...groups.filter((g): g is HTMLElement => g !== null),
    ...(more ? [more] : []),
  );
  // Lifetime values divide by the churn rate: from a handful of churned customers they are not facts.
  const churned = r.kpis.customers_churned?.value;
  if (typeof churned === "number" && churned < 5) {
    for (const id of ["ltv_simple", "ltv_revenue_churn", "customer_lifetime_months", "clv_net_of_cac", "ltv_to_cac"]) {
      const el = $("groups").querySelector(`.tile[data-kpi='${id}']`);
      if (el && !el.classList.contains("missing")) {
        el.querySelector(".tile-label")?.after(h("span.tile-note", { title: `Based on ${churned} churned ${churned === 1 ? "customer" : "customers"} in the period: one more or one less would move it a lot. Read it with care.` }, "small sample"));
      }
    }
  }
  $("groups")
    .querySelectorAll<HTMLButtonElement>(".tile")
    .forEach((b) =>
      b.addEventListener("click", () => {
        started("explain");
        void openExplain(b.dataset.kpi ?? "");
      }),
    );
}

let flagRequest = 0;

/** Asks for the view's red flags (or takes the answer `asked` for already) and lists them under the
 * headline tiles (nothing when none). */
export async function loadFlags(interaction?: string, asked = api.flags(state.args)): Promise<void> {
  const mine = ++flagRequest;
  const flags = await asked.catch(() => null);
  step(interaction, "flags received");
  if (!flags || mine !== flagRequest) return;
  const box = document.getElementById("dash-flags");
  if (!box) return;
  box.hidden = flags.length === 0;
  box.replaceChildren(h("h2", null, `Red flags (${flags.length})`), flagList(flags));
}

let sparkRequest = 0;

/** Asks for the view's month-by-month values (or takes the answer `asked` for already) and draws the
 * tiles' sparklines; a newer view's request wins over an older one still in flight. */
export async function loadSparklines(interaction?: string, asked = api.trend(state.args)): Promise<void> {
  const mine = ++sparkRequest;
  const t: Trend | null = await asked.catch(() => null);
  step(interaction, "sparklines received");
  if (!t || mine !== sparkRequest) return;
  $("groups")
    .querySelectorAll<HTMLElement>(".tile[data-kpi]")
    .forEach((el) => {
      const wrap = el.querySelector(".spark-wrap");
      if (wrap) wrap.innerHTML = sparkline(t[el.dataset.kpi ?? ""] ?? []);
    });
}

/** Draws a chart, or, when its data is empty, says so in place of empty axes (and its PNG and Copy
 * buttons are off). */
function drawOrSay(id: string, empty: string | null, draw: (el: HTMLElement) => void): void {
  const el = $(id);
  const figure = el.closest("figure");
  figure?.querySelector(".chart-empty")?.remove();
  figure?.querySelectorAll<HTMLButtonElement>("button.png").forEach((b) => (b.disabled = !!empty));
  el.hidden = !!empty;
  if (empty) {
    el.after(h("p.chart-empty.muted", null, empty));
    return;
  }
  draw(el);
}

/** The report the charts show: going back to the dashboard redraws them only for another one. */
let charted: Report | null = null;
export const chartsShow = (r: Report): boolean => charted === r;
// A new theme re-creates every chart: the dashboard's are drawn again when next shown.
window.addEventListener("northstar:rerender", () => (charted = null));

export function renderCharts(r: Report): void {
  charted = r;
  // Several currencies without rates: no revenue chart adds them up.
  const moves = api.knownMovements(r.movements);
  const series = api.knownMovements(r.mrr_series);
  const months = typeof moves === "string" ? [] : moves;
  const start = months.length ? months[0].mrr - months[0].new - months[0].reactivation - months[0].expansion + months[0].contraction + months[0].churn : 0;
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const noRevenue = "No revenue data in this period: add an MRR (or subscriptions) sheet.";
  const why = (x: unknown[] | string) => (typeof x === "string" ? `Revenue is in several currencies: ${x}.` : x.length ? null : noRevenue);
  const d = r.details;
  drawOrSay("chart-mrr", why(series), (el) => typeof series !== "string" && charts.mrrChart(el, series, r.period));
  drawOrSay("chart-movements", why(moves), (el) => charts.movementsChart(el, months));
  drawOrSay("chart-waterfall", why(moves), (el) => charts.waterfallChart(el, months, start));
  drawOrSay("chart-cohorts", r.cohorts.length ? null : noRevenue, (el) => charts.cohortChart(el, r.cohorts, ($("cohort-kind") as HTMLSelectElement).value as "logo" | "revenue"));
  drawOrSay("chart-nps", sum(d.distributions.nps) ? null : "No NPS answers in this period.", (el) => charts.npsChart(el, d.distributions.nps));
  drawOrSay("chart-scores", sum(d.distributions.csat) + sum(d.distributions.ces) ? null : "No CSAT or CES answers in this period.", (el) => charts.scoresChart(el, d.distributions.csat, d.distributions.ces));
  drawOrSay("chart-health", d.health_bands.green + d.health_bands.yellow + d.health_bands.red ? null : "Health needs customers with revenue at the end of the period.", (el) => charts.healthDonut(el, d.health_bands));
  drawOrSay("chart-util", d.utilization.length ? null : "Seat use needs seats purchased and active seats in the customers sheet.", (el) => charts.utilizationChart(el, d.utilization));
  renderAtRisk(r);
  renderCsm(r);
}

/** The breakdown table, right under the controls (see tables.ts). */
export function renderBreakdown(b: Breakdown | null): void {
  renderBreakdownTable(b);
}
