// The Scorecard view: every KPI with a target (value, target, status, change, the last months), the
// per-CSM scorecard of the team metrics with the team median and each CSM's rank, and the red flags.
// Everything shown is computed by the engine; this file only lays it out.
import * as api from "./api";
import type { Report, ScorecardCell, ScorecardMetric } from "./api";
import { $, h } from "./dom";
import { openExplain } from "./explain";
import { formatNumber, formatValue, monthLabel, sparkline } from "./format";
import { state } from "./state";
import { changeView, kpiLabel, targetText, targetView, toneClass } from "./tiles";

/** A metric's value in its unit, or a dash. */
const shown = (v: number | null, m: ScorecardMetric) => (v === null ? "—" : formatNumber(v, m.unit, m.id));

function kpiTable(r: Report): HTMLElement {
  const ids = Object.keys(r.kpis).filter((id) => r.kpis[id].target);
  if (!ids.length) return h("p.muted", null, "No KPI has a target. Set targets in Settings, or add a Targets sheet to your workbook.");
  const body = ids.map((id) => {
    const k = r.kpis[id];
    const t = targetView(k);
    const change = changeView(id, k);
    const row = h(
      "tr",
      { "data-kpi": id },
      h("th", { scope: "row" }, h("button.link", { type: "button" }, kpiLabel(id))),
      h("td.num", null, formatValue(k, id)),
      h("td.num", null, k.target ? targetText(k.target, k.unit, id) : ""),
      h("td", null, t ? h(`span.tile-target.${t.tone}`, { title: t.title }, t.text) : h("span.muted", null, "no value")),
      h("td", null, change ? h(`span.change.${toneClass(change.tone)}`, { title: change.title }, change.text) : ""),
      h("td.spark-wrap", { "data-spark": id }),
      h("td.muted", null, k.target?.source ?? ""),
    );
    row.querySelector("button")?.addEventListener("click", () => void openExplain(id));
    return row;
  });
  return h(
    "table.data.scorecard-kpis",
    null,
    h("thead", null, h("tr", null, ...["KPI", "Value", "Target", "Status", "Change", "Last months", "Target from"].map((c) => h("th", null, c)))),
    h("tbody", null, ...body),
  );
}

function cellText(c: ScorecardCell | undefined, m: ScorecardMetric): HTMLElement {
  if (!c || c.value === null) return h("td.num.muted", null, "—");
  // Worse than the team median (by the metric's direction) is marked, better is plain.
  // A value that reads the same as the median is not marked (5.4 beside a median of 5.4).
  const worse = c.median !== null && m.good_when !== "neutral" && shown(c.value, m) !== shown(c.median, m) && (m.good_when === "up" ? c.value < c.median : c.value > c.median);
  const mark = c.status === "on_track" ? h("span.good", { title: "on track for the target" }, " ✓") : c.status === "off_track" ? h("span.bad", { title: "off track for the target" }, " ✗") : null;
  return h(`td.num${worse ? ".below" : ""}`, { title: `Team median ${shown(c.median, m)}` }, shown(c.value, m), h("span.rank", null, c.rank === null ? "" : ` #${c.rank}`), mark);
}

function csmTable(r: Report): HTMLElement {
  const sc = r.scorecard;
  if (!sc.csms.length) return h("p.muted", null, "No CSM owns customers in this view: add a CSM column to the customers sheet.");
  return h(
    "div.table-scroll",
    null,
    h(
      "table.data.scorecard-csm",
      null,
      h("thead", null, h("tr", null, h("th", null, "CSM"), h("th.num", null, "Customers"), ...sc.metrics.map((m) => h("th.num", { title: m.reason ?? "" }, m.label)))),
      h(
        "tbody",
        null,
        h("tr.median", null, h("th", { scope: "row" }, "Team median"), h("td"), ...sc.metrics.map((m) => h("td.num", { title: m.reason ?? "" }, shown(m.median, m)))),
        ...(sc.metrics.some((m) => m.target_low !== null || m.target_high !== null)
          ? [h("tr.median", null, h("th", { scope: "row" }, "Team target"), h("td"), ...sc.metrics.map((m) => h("td.num", null, m.target_low === null && m.target_high === null ? "" : targetText({ low: m.target_low, high: m.target_high }, m.unit, m.id))))]
          : []),
        ...sc.csms.map((c) => h("tr", null, h("th", { scope: "row" }, c.csm), h("td.num", null, String(c.customers)), ...sc.metrics.map((m) => cellText(c.metrics[m.id], m)))),
      ),
    ),
  );
}

/** The red flags, each with the numbers behind it. */
export function flagList(flags: api.Flag[]): HTMLElement {
  if (!flags.length) return h("p.muted", { id: "flags-none" }, "No red flags: no KPI moved against its direction by more than its usual monthly variation, and no CSM was below the team median two quarters running.");
  return h("ul.flags", null, ...flags.map((f) => h("li", { "data-kind": f.kind }, f.text)));
}

let seq = 0;

export async function renderScorecard(r: Report): Promise<void> {
  const mine = ++seq;
  const flagsBox = h("div", { id: "scorecard-flags" }, h("p.muted", null, "Looking for red flags…"));
  const exports = (["xlsx", "csv"] as const).map((format) => {
    const b = h("button", { type: "button", id: `scorecard-${format}` }, `Export .${format}`);
    b.addEventListener("click", async () => {
      try {
        const path = await api.exportScorecard(state.args, format);
        if (path) b.after(h("span.muted", null, ` Saved to ${path}`));
      } catch (e) {
        b.after(h("span.error", null, ` ${api.asAppError(e).message}`));
      }
    });
    return b;
  });
  $("view-scorecard").replaceChildren(
    h("div.gs-row.scorecard-head", null, h("p.muted.scorecard-period", null, `${monthLabel(r.period.from)} – ${monthLabel(r.period.to)} · change the period and segment on the Dashboard.`), ...exports),
    h("section.card", null, h("h2", null, "Targets"), h("p.muted", null, "Every KPI with a target, on or off track over the period. Click a KPI to see how it was computed and its months against the target."), kpiTable(r)),
    h("section.card", null, h("h2", null, "CSM scorecard"), h("p.muted", null, "Each CSM's customers, the team median and the team target in the first rows, the rank (#1 is best by the metric's direction). Values worse than the median are in red; ✓ and ✗ say whether the CSM meets the target (their own, or the team's)."), csmTable(r)),
    h("section.card", null, h("h2", null, "Red flags"), flagsBox),
  );
  const [trend, flags] = await Promise.all([api.trend(state.args).catch(() => null), api.flags(state.args).catch((e) => api.asAppError(e).message)]);
  if (mine !== seq) return;
  if (trend) {
    $("view-scorecard")
      .querySelectorAll<HTMLElement>("td[data-spark]")
      .forEach((el) => (el.innerHTML = sparkline(trend[el.dataset.spark ?? ""] ?? [])));
  }
  flagsBox.replaceChildren(typeof flags === "string" ? h("p.error", null, flags) : flagList(flags));
}
