// The dashboard: KPI tiles with change and sparkline, the charts, the at-risk list, the CSM table
// and the breakdown table. Clicking a tile opens its explanation.
import * as api from "./api";
import type { Breakdown, Kpi, Report, Trend } from "./api";
import * as charts from "./charts";
import { $, h } from "./dom";
import { openExplain } from "./explain";
import { formatValue, monthLabel, reasonSentence, sparkline } from "./format";
import { state } from "./state";
import { renderAtRisk, renderBreakdownTable, renderCsm } from "./tables";
import { GROUPS, changeView, latestQuarter, toneClass } from "./tiles";

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
  const change = changeView(id, k);
  const row = h("span.tile-foot");
  if (change) row.append(h(`span.change.${toneClass(change.tone)}`, { title: change.title }, change.text));
  else if (Array.isArray(k.value)) row.append(h("span.change.flat", null, latestQuarter(k)));
  // Filled in by loadSparklines once the dashboard is on screen.
  row.append(h("span.spark-wrap"));
  el.append(row);
  return el;
}

export function renderTiles(r: Report): void {
  $("period-range").textContent = `${monthLabel(r.period.from)} – ${monthLabel(r.period.to)}`;
  const note = $("period-note");
  note.hidden = !r.period.note;
  note.textContent = r.period.note ? `${r.period.note.charAt(0).toUpperCase()}${r.period.note.slice(1)}.` : "";
  $("compare-note").textContent = `Arrows compare with ${monthLabel(r.previous_period.from)} – ${monthLabel(r.previous_period.to)}. Click any number to see how it was computed.`;
  $("groups").replaceChildren(
    ...GROUPS.map((g) =>
      h(
        "section.group",
        null,
        h("h2", null, g.title),
        h("div.tiles", null, ...g.tiles.map((t) => tile(t.id, t.label, r.kpis[t.id]))),
      ),
    ),
  );
  $("groups").querySelectorAll<HTMLButtonElement>(".tile").forEach((b) => b.addEventListener("click", () => void openExplain(b.dataset.kpi ?? "")));
}

let sparkRequest = 0;

/** Asks for the view's month-by-month values and draws the tiles' sparklines; a newer view's
 * request wins over an older one still in flight. */
export async function loadSparklines(): Promise<void> {
  const mine = ++sparkRequest;
  const t: Trend | null = await api.trend(state.args).catch(() => null);
  if (!t || mine !== sparkRequest) return;
  $("groups")
    .querySelectorAll<HTMLElement>(".tile[data-kpi]")
    .forEach((el) => {
      const wrap = el.querySelector(".spark-wrap");
      if (wrap) wrap.innerHTML = sparkline(t[el.dataset.kpi ?? ""] ?? []);
    });
}

export function renderCharts(r: Report): void {
  const start = r.movements.length ? r.movements[0].mrr - r.movements[0].new - r.movements[0].reactivation - r.movements[0].expansion + r.movements[0].contraction + r.movements[0].churn : 0;
  charts.mrrChart($("chart-mrr"), r.mrr_series, r.period);
  charts.movementsChart($("chart-movements"), r.movements);
  charts.waterfallChart($("chart-waterfall"), r.movements, start);
  charts.cohortChart($("chart-cohorts"), r.cohorts, ($("cohort-kind") as HTMLSelectElement).value as "logo" | "revenue");
  charts.npsChart($("chart-nps"), r.details.distributions.nps);
  charts.scoresChart($("chart-scores"), r.details.distributions.csat, r.details.distributions.ces);
  charts.healthDonut($("chart-health"), r.details.health_bands);
  charts.utilizationChart($("chart-util"), r.details.utilization);
  renderAtRisk(r);
  renderCsm(r);
}

/** The breakdown table, right under the controls (see tables.ts). */
export function renderBreakdown(b: Breakdown | null): void {
  renderBreakdownTable(b);
}
