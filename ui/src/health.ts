// The Health view: does the health score predict churn on the data's own history (the backtest),
// which weights would predict it better, what NPS says about outcomes, and who is likely to churn
// next. Every figure comes from the engine (`health_backtest`); this file only lays it out.
import * as api from "./api";
import type { HealthReport, HealthWeights } from "./api";
import { savePng } from "./charts";
import { $, flash, h, sortableTable } from "./dom";
import { monthLabel, plainText, reasonSentence } from "./format";
import { bandChurnChart, componentAucChart } from "./healthcharts";
import * as rows from "./healthrows";

let built = false;
/** The horizon asked for (months); kept when new data are opened. */
let horizon = 3;
/** Set once suggested weights are applied in this session: "Back to previous weights" is offered. */
let canRestore = false;
/** What the last Apply / Back said, shown again once the view is drawn anew after it. */
let weightsMsg: { text: string; error: boolean } | null = null;
/** Redraws the rest of the app after the weights changed (the dashboard's health scores). */
let weightsChanged: () => Promise<void> = async () => undefined;
/** The latest request: an answer to an older one is dropped. */
let latest = 0;

/** Forget the view (new data, or settings saved): drawn again when the tab is shown. */
export function resetHealth(): void {
  built = false;
  $("view-health").replaceChildren();
}

interface Row {
  key: string;
  attr: string;
  cells: string[];
  /** A class per cell (the band's colour). */
  cls?: string[];
  /** A tooltip per cell (why a figure is missing). */
  titles?: (string | null | undefined)[];
}

/** A plain table: a header row and rows of text, each row with its data attribute for the e2e. */
function table(id: string, head: string[], body: Row[], numFrom = 1): HTMLElement {
  return h(
    "table.data.health-table",
    { id },
    h("thead", null, h("tr", null, ...head.map((c, i) => h(i >= numFrom ? "th.num" : "th", { scope: "col" }, c)))),
    h(
      "tbody",
      null,
      ...body.map((r) =>
        h("tr", { [r.attr]: r.key }, ...r.cells.map((c, i) => h(`${i === 0 ? "th" : "td"}${i >= numFrom ? ".num" : ""}${r.cls?.[i] ? `.${r.cls[i]}` : ""}`, { scope: i === 0 ? "row" : undefined, title: r.titles?.[i] ? plainText(r.titles[i] ?? "") : undefined }, c))),
      ),
    ),
  );
}

function figure(id: string, title: string, wide: boolean, ...children: (HTMLElement | null)[]): HTMLElement {
  return h(`figure.card${wide ? ".wide" : ""}`, { id }, h("figcaption", null, title), ...children);
}

/** A chart's PNG button (in its caption): the chart with its title, months and horizon, for a slide. */
function pngButton(chartId: string, title: string, r: HealthReport): HTMLElement {
  const b = h("button.png", { type: "button" }, "PNG") as HTMLButtonElement;
  b.addEventListener("click", async () => {
    const slug = title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
    try {
      if (await savePng($(chartId), `northstar-${slug}`, title, `${rows.monthsText(r)} · churn within ${r.horizon} months · Northstar`)) flash(b, "Saved");
    } catch (e) {
      flash(b, "Not saved", api.asAppError(e).message);
    }
  });
  return b;
}


const months = (n: number) => `${n} ${n === 1 ? "month" : "months"}`;

function summary(r: HealthReport): HTMLElement {
  const b = r.backtest;
  const fig = (id: string, label: string, value: string) => h("div.card.health-fig", { id }, h("div.label", null, label), h("div.value", null, value));
  return h(
    "section.card",
    { id: "health-summary" },
    h("h2", null, "Does the health score predict churn?"),
    h(
      "div.health-figs",
      null,
      fig("health-months", "Months scored", rows.monthsText(r)),
      fig("health-rows", "Customer-months scored", rows.count(b.rows)),
      fig("health-events", `Churns within ${months(r.horizon)}`, rows.count(b.churn_events)),
      fig("health-auc", "AUC of the score", rows.aucText(b)),
    ),
    h(
      "p.muted",
      null,
      `Each month with 6 months of history before it, every active customer is scored as the app would have scored it then: with only the rows dated on or before that month and the current weights. ` +
        `A customer-month counts as churned when the customer's MRR went to 0 within the next ${months(r.horizon)}: ${rows.count(b.churned_rows)} of them did, from ${rows.count(b.churn_events)} churns. ` +
        `The AUC is the chance that a customer who churned scored below one who did not: 0.5 is a coin toss, 1 a perfect ranking.`,
    ),
    b.unscored_rows ? h("p.muted", { id: "health-unscored" }, `${rows.count(b.unscored_rows)} customer-months of customers with no component at all are left out.`) : null,
    r.notes.length ? h("ul.health-notes", { id: "health-notes" }, ...r.notes.map((n) => h("li", null, plainText(n)))) : null,
  );
}

function bandsCard(r: HealthReport): HTMLElement {
  const list = rows.bandRows(r.backtest.bands);
  return figure(
    "health-bands",
    `Churn within ${months(r.horizon)} by band`,
    false,
    h("div.chart", { id: "chart-health-bands" }),
    h("p.health-lift", { id: "health-lift" }, rows.liftText(r.backtest.lift_red_over_green)),
    table(
      "health-bands-table",
      ["Band", "Customer-months", "Churned", "Churn rate"],
      list.map((b) => ({ key: b.band, attr: "data-band", cells: [b.label, rows.count(b.rows), rows.count(b.churned), rows.rate(b.churn_rate)] })),
    ),
  );
}

function componentsCard(r: HealthReport): HTMLElement {
  const list = rows.componentRows(r.backtest);
  return figure(
    "health-components",
    "Each component alone: AUC",
    false,
    h("div.chart", { id: "chart-health-components" }),
    h("p.muted", null, "How well each component on its own ranks the customers who churned below those who did not, over the customer-months where it has a value. At the 0.5 line a component tells nothing."),
    table(
      "health-components-table",
      ["Component", "AUC", "Customer-months"],
      list.map((c) => ({ key: c.id, attr: "data-component", cells: [c.label, rows.auc(c.auc), rows.count(c.rows)], titles: [null, r.backtest.components[c.id]?.reason] })),
    ),
  );
}

function calibrationCard(r: HealthReport): HTMLElement {
  const list = r.backtest.calibration;
  return figure(
    "health-calibration",
    "Calibration: churn by score decile",
    false,
    h("p.muted", null, "The customer-months split into ten equal groups by score, lowest first: the band those scores fall in, and the churn actually seen."),
    list.length
      ? table(
          "health-calibration-table",
          ["Decile", "Score", "Band", "Customer-months", "Churned", "Churn rate"],
          list.map((d) => ({ key: String(d.decile), attr: "data-decile", cells: rows.calibrationCells(d), cls: ["", "", d.band ? `band-${d.band}` : ""] })),
          3,
        )
      : h("p.muted", null, "No customer-month was scored."),
  );
}

function earlyCard(r: HealthReport): HTMLElement {
  const e = r.backtest.early_warning;
  const list = rows.earlyRows(e);
  return figure(
    "health-early",
    "Early warning",
    false,
    h("p.muted", { id: "health-early-churned" }, `Of the ${rows.count(e.churned)} customers who churned, the band each was in before it churned.`),
    table(
      "health-early-table",
      ["When", "Red", "Yellow", "Red or yellow", "Share warned", "Green", "Not scored"],
      list.map((m) => ({ key: String(m.before), attr: "data-before", cells: [m.label, rows.count(m.red), rows.count(m.yellow), rows.count(m.warned), m.share, rows.count(m.green), rows.count(m.unscored)] })),
    ),
  );
}

function yearsCard(r: HealthReport): HTMLElement {
  const list = r.backtest.per_year;
  return figure(
    "health-years",
    "Year by year",
    true,
    list.length
      ? table(
          "health-years-table",
          ["Year", "Customer-months", "Churns", "AUC", "Red churn rate", "Yellow churn rate", "Green churn rate"],
          list.map((y) => ({ key: String(y.year), attr: "data-year", cells: rows.yearCells(y), titles: [null, null, null, y.reason] })),
        )
      : h("p.muted", null, "No year has scored customer-months."),
    h("p.muted.table-note", null, "A year with too few churn events has no AUC."),
  );
}

function npsCard(r: HealthReport): HTMLElement {
  return figure(
    "health-nps",
    "NPS and what happened next",
    false,
    h(
      "p.muted",
      { id: "health-nps-months" },
      `Each month${r.nps_outcomes.months ? ` from ${monthLabel(r.nps_outcomes.months.from)} to ${monthLabel(r.nps_outcomes.months.to)}` : ""}, customers by their latest NPS answer, and the share who churned or expanded over the next 6 months. If promoters churn as often as detractors, NPS predicts little in your data.`,
    ),
    table(
      "health-nps-table",
      ["Answer", "Customers", "Customer-months", "Churned", "Expanded"],
      rows.npsCells(r.nps_outcomes).map((g) => ({ key: g.id, attr: "data-nps", cells: g.cells })),
    ),
  );
}

function weightsCard(r: HealthReport, current: HealthWeights): HTMLElement {
  const suggested = r.suggested_weights;
  const f = r.forward_auc;
  const apply = h("button.primary", { type: "button", id: "health-apply", disabled: !suggested }, "Apply suggested weights") as HTMLButtonElement;
  const restore = h("button", { type: "button", id: "health-restore", hidden: !canRestore }, "Back to previous weights") as HTMLButtonElement;
  const msg = h(`p.health-weights-msg${weightsMsg?.error ? ".error" : ""}`, { id: "health-weights-msg", role: "status" }, weightsMsg?.text ?? "");
  weightsMsg = null;
  const t = table(
    "health-weights-table",
    ["Component", "Current", "Suggested"],
    rows.weightCells(current, suggested).map((w) => ({ key: w.id, attr: "data-weight", cells: w.cells })),
  );
  t.append(
    h(
      "tfoot",
      null,
      h("tr", { id: "health-forward" }, h("th", { scope: "row", title: "The AUC of each weighting on the later months the fit never saw" }, "Forward AUC"), h("td.num", { id: "health-forward-current" }, rows.auc(f?.current)), h("td.num", { id: "health-forward-suggested" }, rows.auc(f?.suggested))),
    ),
  );
  const change = (run: () => Promise<unknown>, done: string, restoring: boolean) => async () => {
    apply.disabled = true;
    restore.disabled = true;
    try {
      await run();
      canRestore = !restoring;
      weightsMsg = { text: done, error: false };
    } catch (e) {
      weightsMsg = { text: api.asAppError(e).message, error: true };
    }
    // The dashboard's scores follow the new weights, and the backtest's "current" is now them.
    await weightsChanged().catch(() => undefined);
    await compute();
  };
  apply.addEventListener("click", () => suggested && void change(() => api.applyHealthWeights(suggested), "The health score now uses the suggested weights (Settings shows them).", false)());
  restore.addEventListener("click", () => void change(api.restoreHealthWeights, "The previous weights are back.", true)());
  return figure(
    "health-weights",
    "Suggested weights",
    false,
    h("p.muted", null, "A logistic regression of churn on the components, fitted on earlier months and tested on later ones, suggests how much each component should count (out of 100)."),
    t,
    h("p.muted", { id: "health-forward-text" }, rows.forwardText(r)),
    suggested ? null : h("p.muted", { id: "health-no-suggestion" }, r.suggested_weights_reason ? reasonSentence(r.suggested_weights_reason) : "No weights are suggested for this data."),
    h("div.gs-row", null, apply, restore),
    msg,
  );
}

function atRiskCard(r: HealthReport): HTMLElement {
  const list = r.at_risk;
  const exp = h("button.card-action", { type: "button", id: "health-export", disabled: !list.length }, "Export .csv") as HTMLButtonElement;
  exp.addEventListener("click", async () => {
    try {
      const path = await api.exportHealthAtRisk(r.horizon);
      if (path) flash(exp, "Saved", `Saved to ${path}`);
    } catch (e) {
      flash(exp, "Not saved", api.asAppError(e).message);
    }
  });
  const total = r.at_risk_total;
  const cols = rows.AT_RISK_COLUMNS;
  return h(
    "figure.card.wide",
    { id: "health-at-risk" },
    h("figcaption", null, `At risk next: most likely to churn within ${months(r.horizon)} of ${monthLabel(r.at_risk_month)}`, exp),
    list.length
      ? h(
          "div",
          { id: "health-at-risk-table" },
          sortableTable(
            cols.map((c) => c[0]),
            list.map(rows.atRiskRow),
            rows.atRiskText,
            { headerTitles: cols.map((c) => c[1]), cellClass: (row, col) => (col === 5 && typeof row[5] === "string" ? `band-${row[5]}` : null) },
          ),
        )
      : h("p.muted", { id: "health-at-risk-none" }, "No active customer has a health score."),
    total > list.length ? h("p.muted.table-note", { id: "health-at-risk-more" }, `The ${rows.count(list.length)} most likely of ${rows.count(total)} scored customers.`) : null,
  );
}

function render(r: HealthReport, current: HealthWeights): void {
  $("health-body").replaceChildren(
    summary(r),
    h("div.charts", null, bandsCard(r), componentsCard(r), calibrationCard(r), earlyCard(r), yearsCard(r), npsCard(r), weightsCard(r, current), atRiskCard(r)),
  );
  const bands = $("health-bands").querySelector("figcaption");
  bands?.append(pngButton("chart-health-bands", `Churn within ${months(r.horizon)} by health band`, r));
  $("health-components").querySelector("figcaption")?.append(pngButton("chart-health-components", "How well each health component predicts churn (AUC)", r));
  bandChurnChart($("chart-health-bands"), rows.bandRows(r.backtest.bands));
  componentAucChart($("chart-health-components"), rows.componentRows(r.backtest), r.backtest.auc);
}

/** The horizon typed in, or null when it is not a whole number of months from 1 to 12. */
function readHorizon(): number | null {
  const v = Number(($("health-horizon") as HTMLInputElement).value);
  return Number.isInteger(v) && v >= 1 && v <= 12 ? v : null;
}

async function compute(): Promise<void> {
  const seq = ++latest;
  const status = $("health-status");
  const hz = readHorizon();
  if (hz === null) {
    status.textContent = "The horizon is a whole number of months from 1 to 12.";
    status.className = "error";
    return;
  }
  horizon = hz;
  status.textContent = "Running the backtest…";
  status.className = "muted";
  try {
    const [r, s] = await Promise.all([api.healthBacktest(hz), api.settingsGet()]);
    if (seq !== latest) return;
    status.textContent = "";
    render(r, s.health.weights);
    // The horizon is a setting: the next session (and the at-risk export) start from it.
    if (s.health.horizon !== hz) await api.settingsSave({ ...s, health: { ...s.health, horizon: hz } });
  } catch (e) {
    if (seq !== latest) return;
    status.textContent = api.asAppError(e).message;
    status.className = "error";
    $("health-body").replaceChildren();
  }
}

/** Builds the view once per dataset, then recomputes when the horizon changes. `onWeightsChanged`
 * redraws the rest of the app after the weights are applied or put back. */
export async function showHealth(onWeightsChanged: () => Promise<void>): Promise<void> {
  weightsChanged = onWeightsChanged;
  if (built) return;
  built = true;
  try {
    horizon = (await api.settingsGet()).health.horizon ?? horizon;
  } catch {
    // Without the store the view starts from 3 months.
  }
  $("view-health").replaceChildren(
    h(
      "div.filters",
      null,
      h("label", { title: "A customer-month counts as churned when the MRR went to 0 within this many months" }, "Churn within ", h("input", { type: "number", id: "health-horizon", min: 1, max: 12, step: 1, value: horizon }), " months"),
      h("span.muted", { id: "health-status", role: "status" }),
    ),
    h("div", { id: "health-body" }),
  );
  let timer = 0;
  const soon = () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => void compute(), 300);
  };
  $("health-horizon").addEventListener("input", soon);
  $("health-horizon").addEventListener("change", soon);
  await compute();
}
