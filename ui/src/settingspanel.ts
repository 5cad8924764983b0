// The Settings view: saved at once and applied to every number on screen; "reset to defaults".
import * as api from "./api";
import type { FxRateSetting, Settings } from "./api";
import { $, h, option } from "./dom";
import { renderTargets } from "./targetspanel";

function num(id: string, label: string, value: number | null | undefined, attrs: Record<string, string | number> = {}): HTMLElement {
  return h("label.setting", { for: id }, h("span", null, label), h("input", { id, type: "number", value: value ?? "", ...attrs }));
}

function numDefault(id: string, label: string, value: number | null | undefined, placeholder: string, attrs: Record<string, string | number> = {}): HTMLElement {
  return h("label.setting", { for: id }, h("span", null, label), h("input", { id, type: "number", value: value ?? "", placeholder, ...attrs }));
}

/** One editable exchange rate: currency, rate, month (empty = any month), and a Remove button. */
function fxRow(r: FxRateSetting | null): HTMLElement {
  const row = h(
    "div.fx-row",
    null,
    h("input.fx-cur", { type: "text", maxlength: 3, placeholder: "EUR", value: r?.currency ?? "", "aria-label": "Currency" }),
    h("input.fx-rate", { type: "number", step: "any", min: 0, placeholder: "1.08", value: r?.rate ?? "", "aria-label": "Rate: one unit in the reporting currency" }),
    h("input.fx-month", { type: "month", value: r?.month ?? "", "aria-label": "Month (empty: every month)" }),
  );
  const remove = h("button.link", { type: "button" }, "Remove");
  remove.addEventListener("click", () => row.remove());
  row.append(remove);
  return row;
}

/** The rates typed in, skipping empty lines. */
function readRates(box: HTMLElement): FxRateSetting[] {
  return [...box.querySelectorAll<HTMLElement>(".fx-row")]
    .map((row) => {
      const v = (c: string) => (row.querySelector(c) as HTMLInputElement).value.trim();
      return { currency: v(".fx-cur").toUpperCase(), rate: Number(v(".fx-rate")), month: v(".fx-month") || null };
    })
    .filter((r) => r.currency !== "" || r.rate !== 0);
}

/** The message of the last Save or Reset: applying the settings imports the data again, which
 * draws this view anew (once the import is done), so the message is kept here for the drawings of
 * the next few seconds. */
let pending: { text: string; at: number } | null = null;
const said = (text: string) => (pending = { text, at: Date.now() });

export async function renderSettings(onSaved: (s: Settings) => void | Promise<void>, onTargets: () => Promise<void>): Promise<void> {
  let s: Settings;
  try {
    s = await api.settingsGet();
  } catch (e) {
    $("view-settings").replaceChildren(h("p.error", null, api.asAppError(e).message));
    return;
  }
  const w = s.health.weights;
  const csat = h("select", { id: "set-csat" }, ...[5, 7, 10].map((n) => option(String(n), `1 to ${n}`, (s.csat_scale ?? 5) === n))) as HTMLSelectElement;
  const order = h(
    "select",
    { id: "set-order", title: "How to read a date such as 03/04/2024: from the data when it can tell (a day above 12), else month first" },
    option("", "Work it out from the data", !s.date_order),
    option("mdy", "Month/day/year (03/04 = 4 March)", s.date_order === "mdy"),
    option("dmy", "Day/month/year (03/04 = 3 April)", s.date_order === "dmy"),
  ) as HTMLSelectElement;
  const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
  const fiscal = h("select", { id: "set-fiscal", title: "Quarters, \"last quarter\" and \"year to date\" follow it; a fiscal year is named by the calendar year it ends in" }, ...MONTHS.map((m, k) => option(String(k + 1), m, (s.fiscal_year_start ?? 1) === k + 1))) as HTMLSelectElement;
  const comma = h("select", { id: "set-comma" }, option("", "Automatic (semicolon CSVs)", s.decimal_comma == null), option("true", "Always (1.234,50)", s.decimal_comma === true), option("false", "Never", s.decimal_comma === false)) as HTMLSelectElement;
  const paper = h("select", { id: "set-paper" }, option("a4", "A4", (s.paper ?? "a4") === "a4"), option("letter", "Letter", s.paper === "letter")) as HTMLSelectElement;
  const msg = h("p.set-msg", { role: "status", id: "set-msg" }, pending && Date.now() - pending.at < 10_000 ? pending.text : "");
  const rates = h("div", { id: "set-fx" }, ...(s.fx_rates ?? []).map((r) => fxRow(r)));
  const addRate = h("button", { type: "button" }, "Add a rate");
  addRate.addEventListener("click", () => rates.append(fxRow(null)));
  const save = h("button.primary", { type: "button", id: "set-save" }, "Save");
  const reset = h("button", { type: "button" }, "Reset to defaults");
  const read = (): Settings => {
    const v = (id: string) => (document.getElementById(id) as HTMLInputElement).value;
    const n = (id: string) => Number(v(id));
    return {
      gross_margin: v("set-gm") === "" ? null : n("set-gm") / 100,
      currency_symbol: v("set-cur") || null,
      reporting_currency: v("set-rcur").trim().toUpperCase() || null,
      fx_rates: readRates(rates),
      csat_scale: Number(csat.value),
      date_order: (order.value || null) as Settings["date_order"],
      decimal_comma: comma.value === "" ? null : comma.value === "true",
      fiscal_year_start: fiscal.value === "1" ? null : Number(fiscal.value),
      company: v("set-company").trim() || null,
      paper: paper.value === "a4" ? null : "letter",
      // Kept as it is: this panel has no field for it (the forecast ranges' months of history).
      forecast_months: s.forecast_months,
      health: {
        // Settings this panel has no field for (the backtest horizon) are kept as they are.
        ...s.health,
        weights: { utilization: n("set-w-util"), nps: n("set-w-nps"), mrr_trend: n("set-w-trend"), support: n("set-w-support"), engagement: n("set-w-eng") },
        red_below: n("set-red"),
        green_from: n("set-green"),
      },
    };
  };
  save.addEventListener("click", async () => {
    try {
      const saved = await api.settingsSave(read());
      msg.textContent = said("Saved. Every number now uses these settings.").text;
      await onSaved(saved);
    } catch (e) {
      msg.textContent = api.asAppError(e).message;
    }
  });
  reset.addEventListener("click", async () => {
    try {
      const saved = await api.settingsReset();
      said("Saved: back to the defaults.");
      await onSaved(saved);
      await renderSettings(onSaved, onTargets);
    } catch (e) {
      msg.textContent = api.asAppError(e).message;
    }
  });
  $("view-settings").replaceChildren(
    h(
      "section.card.settings",
      null,
      h("h2", null, "Money"),
      numDefault("set-gm", "Gross margin (%) for lifetime values", s.gross_margin == null ? null : +(s.gross_margin * 100).toFixed(2), "100 (default)", { min: 1, max: 100, step: 1 }),
      h("label.setting", { for: "set-cur" }, h("span", null, "Currency symbol"), h("input", { id: "set-cur", type: "text", maxlength: 4, placeholder: "the reporting currency's ($, €, £)", value: s.currency_symbol ?? "" })),
      h("label.setting", { for: "set-rcur" }, h("span", null, "Reporting currency"), h("input", { id: "set-rcur", type: "text", maxlength: 3, placeholder: "the data's own (e.g. USD)", value: s.reporting_currency ?? "" })),
      h("p.muted", null, "When your files hold amounts in several currencies, give the rate of each other currency: one unit in the reporting currency (EUR 1.08 means 100 EUR = 108 USD), for a month or for every month. An fx_rates table in your files wins over these. Without a rate, those amounts are not added up."),
      rates,
      h("div.gs-row", null, addRate),
      h("label.setting", { for: "set-fiscal" }, h("span", null, "Fiscal year starts in"), fiscal),
      h("h2", null, "Reading your files"),
      h("label.setting", { for: "set-csat" }, h("span", null, "CSAT scale"), csat),
      h("label.setting", { for: "set-order" }, h("span", null, "Dates like 03/04/2024"), order),
      h("label.setting", { for: "set-comma" }, h("span", null, "Decimal comma"), comma),
      h("h2", null, "Customer health"),
      h("p.muted", null, "Weights of each component (missing components are left out and the rest re-weighted), and the score bands."),
      num("set-w-util", "License utilization", w.utilization, { min: 0 }),
      num("set-w-nps", "Latest NPS", w.nps, { min: 0 }),
      num("set-w-trend", "MRR trend (3 months)", w.mrr_trend, { min: 0 }),
      num("set-w-support", "Support load (90 days)", w.support, { min: 0 }),
      num("set-w-eng", "Engagement recency", w.engagement, { min: 0 }),
      num("set-red", "Red below", s.health.red_below, { min: 0, max: 100 }),
      num("set-green", "Green from", s.health.green_from, { min: 0, max: 100 }),
      h("h2", null, "Board pack"),
      h("label.setting", { for: "set-company" }, h("span", null, "Company"), h("input", { id: "set-company", type: "text", maxlength: 80, placeholder: "the first data file's name", value: s.company ?? "" })),
      h("label.setting", { for: "set-paper" }, h("span", null, "Paper"), paper),
      h("div.gs-row", null, save, reset),
      msg,
    ),
  );
  await renderTargets($("view-settings"), onTargets);
}
