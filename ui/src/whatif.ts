// The what-if panel: inputs prefilled from the data (with where each came from), live forecast of the
// scenario against its baseline, goal seek, the sensitivity tornado, and saved scenarios compared
// side by side. Every number comes from Rust; this module only collects inputs and draws results.
import * as api from "./api";
import type { Baseline, Scenario, ScenarioInput, WhatIf } from "./api";
import * as charts from "./charts";
import { $, h, option } from "./dom";
import { formatNumber, money } from "./format";
import { state } from "./state";

type Kind = "rate" | "money" | "count";
interface Field {
  key: keyof ScenarioInput;
  label: string;
  kind: Kind;
  min: number;
  max: (base: number) => number;
  step: number;
}

/** Rates are fractions in the engine and percentages on screen. */
const FIELDS: Field[] = [
  { key: "monthly_churn", label: "Monthly logo churn", kind: "rate", min: 0, max: () => 20, step: 0.05 },
  { key: "monthly_expansion", label: "Monthly expansion", kind: "rate", min: 0, max: () => 10, step: 0.05 },
  { key: "monthly_contraction", label: "Monthly contraction", kind: "rate", min: 0, max: () => 10, step: 0.05 },
  { key: "new_customers_per_month", label: "New customers / month", kind: "count", min: 0, max: (b) => Math.max(20, Math.ceil(b * 3)), step: 0.5 },
  { key: "new_customer_growth", label: "Growth of new customers / month", kind: "rate", min: 0, max: () => 10, step: 0.1 },
  { key: "new_customer_arpa", label: "ARPA of new customers", kind: "money", min: 0, max: (b) => Math.max(100, Math.ceil(b * 3)), step: 1 },
  { key: "gross_margin", label: "Gross margin", kind: "rate", min: 1, max: () => 100, step: 1 },
  { key: "annual_discount_rate", label: "Annual discount rate (for CLV)", kind: "rate", min: 0, max: () => 30, step: 0.5 },
  { key: "cac", label: "CAC", kind: "money", min: 0, max: (b) => Math.max(1000, Math.ceil(b * 3)), step: 10 },
];
export const LABELS: Record<string, string> = Object.fromEntries(FIELDS.map((f) => [f.key, f.label]));

const wi: { baseline: Baseline | null; inputs: ScenarioInput; result: WhatIf | null; selected: Scenario | null; scenarios: Scenario[]; compare: Set<number> } = {
  baseline: null,
  inputs: {},
  result: null,
  selected: null,
  scenarios: [],
  compare: new Set(),
};

const shown = (f: Field, v: number | null | undefined) => (v === null || v === undefined ? "" : f.kind === "rate" ? +(v * 100).toFixed(4) : +v.toFixed(2));
const stored = (f: Field, v: number) => (f.kind === "rate" ? v / 100 : v);
const defaults: Partial<Record<keyof ScenarioInput, number>> = { gross_margin: 1, annual_discount_rate: 0.1, monthly_expansion: 0, monthly_contraction: 0, new_customers_per_month: 0, new_customer_growth: 0 };

function errorBox(msg: string): HTMLElement {
  return h("p.error", { role: "alert" }, msg);
}

let running = false;
let queued = false;
async function recompute(): Promise<void> {
  if (!wi.baseline) return;
  if (running) {
    queued = true;
    return;
  }
  running = true;
  try {
    wi.result = await api.whatifRun(wi.inputs, wi.baseline.inputs);
    $("wi-error").replaceChildren();
    renderResults();
  } catch (e) {
    $("wi-error").replaceChildren(errorBox(api.asAppError(e).message));
  } finally {
    running = false;
    if (queued) {
      queued = false;
      void recompute();
    }
  }
}

function inputRow(f: Field): HTMLElement {
  const base = wi.baseline?.inputs[f.key] ?? defaults[f.key] ?? 0;
  const value = wi.inputs[f.key] ?? defaults[f.key] ?? 0;
  const id = `wi-${f.key}`;
  const slider = h("input", { type: "range", id: `${id}-range`, min: f.min, max: Math.max(f.max(Number(shown(f, base)) || 0), Number(shown(f, value)) || 0), step: f.step, value: shown(f, value), "aria-label": f.label }) as HTMLInputElement;
  const field = h("input", { type: "number", id, step: f.step, min: f.min, value: shown(f, value) }) as HTMLInputElement;
  const set = (raw: string, from: HTMLInputElement) => {
    const v = Number(raw);
    if (raw === "" || Number.isNaN(v)) return;
    wi.inputs = { ...wi.inputs, [f.key]: stored(f, v) };
    if (from === slider) field.value = raw;
    else slider.value = raw;
    void recompute();
  };
  slider.addEventListener("input", () => set(slider.value, slider));
  field.addEventListener("input", () => set(field.value, field));
  const source = wi.baseline?.sources.find((s) => s.input === f.key);
  const unit = f.kind === "rate" ? "%" : f.kind === "money" ? "" : "";
  return h(
    "div.wi-field",
    null,
    h("label", { for: id }, f.label),
    h("div.wi-controls", null, slider, field, unit ? h("span.muted", null, unit) : null),
    h("p.wi-source", null, source ? `From your data: ${source.from}` : f.key in defaults ? "Default; not in your data" : "Not in your data: enter a value"),
  );
}

function renderInputs(): void {
  const box = $("wi-inputs");
  const years = h("select", { id: "wi-years", "aria-label": "Years to model" }) as HTMLSelectElement;
  for (let y = 1; y <= 10; y++) years.append(option(String(y), `${y} year${y > 1 ? "s" : ""}`, y === (wi.inputs.years ?? 5)));
  years.addEventListener("change", () => {
    wi.inputs = { ...wi.inputs, years: Number(years.value) };
    void recompute();
  });
  const start = wi.baseline?.inputs;
  const reset = h("button", { type: "button" }, "Reset to my data");
  reset.addEventListener("click", () => {
    if (!wi.baseline) return;
    wi.inputs = { ...wi.baseline.inputs, years: wi.inputs.years ?? 5 };
    wi.selected = null;
    renderInputs();
    void recompute();
  });
  box.replaceChildren(
    h("h2", null, "Inputs"),
    h("p.muted", null, start?.start_mrr != null ? `Starting from MRR ${money(start.start_mrr)} and ${start.start_customers ?? 0} customers at the end of the period.` : "Load data with revenue to start from it."),
    h("div.wi-field", null, h("label", { for: "wi-years" }, "Horizon"), years),
    ...FIELDS.map(inputRow),
    reset,
    h("div", { id: "wi-error" }),
  );
}

function summaryCard(id: string, label: string, scenario: string, delta: string | null, note?: string): HTMLElement {
  return h("div.wi-sum", { "data-sum": id }, h("span.tile-label", null, label), h("span.value", null, scenario), delta ? h("span.muted", null, delta) : null, note ? h("span.muted", null, note) : null);
}

function renderResults(): void {
  const r = wi.result;
  if (!r) return;
  const s = r.comparison.scenario;
  const b = r.comparison.baseline;
  const last = s.years[s.years.length - 1];
  const lastB = b.years[b.years.length - 1];
  const d = (x: number) => `${x >= 0 ? "+" : "\u2212"}${money(Math.abs(x))} vs baseline`;
  const pts = (x: number) => `${x >= 0 ? "+" : "\u2212"}${(Math.abs(x) * 100).toFixed(1)} pts vs baseline`;
  $("wi-summary").replaceChildren(
    summaryCard("arr", `ARR in year ${last.year}`, money(last.arr), d(last.arr - lastB.arr)),
    summaryCard("nrr", "NRR (each year)", formatNumber(s.years[0].nrr, "ratio"), pts(s.years[0].nrr - b.years[0].nrr)),
    summaryCard("grr", "GRR (each year)", formatNumber(s.years[0].grr, "ratio"), pts(s.years[0].grr - b.years[0].grr)),
    summaryCard("clv", s.clv_horizon_limited ? "CLV (over the horizon only)" : "CLV", money(s.clv), d(r.comparison.clv_delta), s.clv_horizon_limited ? "Churn is outweighed by expansion: lifetime unbounded" : undefined),
    summaryCard("ltv_to_cac", "LTV : CAC", s.ltv_to_cac === null ? "—" : formatNumber(s.ltv_to_cac, "ratio", "ltv_to_cac"), null, s.ltv_to_cac === null ? "needs a CAC" : undefined),
    summaryCard("payback", "CAC payback", s.cac_payback_months === null ? "—" : formatNumber(s.cac_payback_months, "months"), null),
  );
  charts.arrForecastChart($("wi-chart-arr"), s.years, b.years);
  charts.nrrForecastChart($("wi-chart-nrr"), s.years, b.years);
  charts.tornadoChart($("wi-chart-tornado"), r.sensitivity, ($("wi-tornado-out") as HTMLSelectElement).value as "arr" | "nrr" | "clv", LABELS);
  const head = h("tr", null, ...["Year", "ARR", "Δ baseline", "Customers", "New ARR", "Churned ARR", "Expansion ARR", "Contraction ARR"].map((c) => h("th", { scope: "col" }, c)));
  $("wi-table").replaceChildren(
    h(
      "table.data",
      null,
      h("thead", null, head),
      h(
        "tbody",
        null,
        ...s.years.map((y, i) =>
          h(
            "tr",
            null,
            h("td", null, String(y.year)),
            h("td.num", null, money(y.arr)),
            h("td.num", null, money(y.arr - b.years[i].arr)),
            h("td.num", null, y.customers.toFixed(1)),
            h("td.num", null, money(y.new_arr)),
            h("td.num", null, money(y.churned_arr)),
            h("td.num", null, money(y.expansion_arr)),
            h("td.num", null, money(y.contraction_arr)),
          ),
        ),
      ),
    ),
  );
}

function goalSeekCard(): HTMLElement {
  const vary = h("select", { id: "gs-vary", "aria-label": "Input to find" }, option("monthly_churn", "monthly churn"), option("monthly_expansion", "monthly expansion")) as HTMLSelectElement;
  const metric = h("select", { id: "gs-metric", "aria-label": "Target" }, option("nrr", "NRR (%)"), option("clv", "CLV"), option("arr", "ARR at the end")) as HTMLSelectElement;
  const target = h("input", { id: "gs-target", type: "number", value: "110", step: "any", "aria-label": "Target value" }) as HTMLInputElement;
  const go = h("button.primary", { type: "button", id: "gs-run" }, "Find it");
  const out = h("div", { id: "gs-result", role: "status" });
  metric.addEventListener("change", () => {
    target.value = metric.value === "nrr" ? "110" : "";
  });
  go.addEventListener("click", async () => {
    const t = Number(target.value);
    if (!target.value || Number.isNaN(t)) {
      out.replaceChildren(errorBox("Enter a target."));
      return;
    }
    try {
      const g = await api.goalSeek(wi.inputs, metric.value as api.Metric, metric.value === "nrr" ? t / 100 : t, vary.value as api.Vary);
      const name = vary.value === "monthly_churn" ? "monthly churn" : "monthly expansion";
      const achieved = metric.value === "nrr" ? formatNumber(g.achieved, "ratio") : money(g.achieved);
      const apply = h("button", { type: "button" }, `Use ${(g.value * 100).toFixed(2)}%`);
      apply.addEventListener("click", () => {
        wi.inputs = { ...wi.inputs, [g.vary]: g.value };
        renderInputs();
        void recompute();
      });
      out.replaceChildren(
        g.reachable
          ? h("p", null, `A ${name} of `, h("b", null, `${(g.value * 100).toFixed(3)}%`), ` gives ${achieved}.`)
          : h("p", null, `Not reachable by changing ${name} alone. The closest is ${(g.value * 100).toFixed(2)}%, giving ${achieved}.`),
        apply,
      );
    } catch (e) {
      out.replaceChildren(errorBox(api.asAppError(e).message));
    }
  });
  return h("section.card", null, h("h2", null, "Goal seek"), h("div.gs-row", null, "What ", vary, " gives ", metric, " of ", target, " ?", go), out);
}

async function loadScenarios(): Promise<void> {
  try {
    wi.scenarios = await api.scenariosList();
  } catch (e) {
    $("wi-scenarios").replaceChildren(errorBox(api.asAppError(e).message));
    return;
  }
  renderScenarios();
}

function renderScenarios(): void {
  const name = h("input", { id: "sc-name", type: "text", placeholder: "Scenario name", value: wi.selected?.name ?? "", "aria-label": "Scenario name" }) as HTMLInputElement;
  const notes = h("input", { id: "sc-notes", type: "text", placeholder: "Notes", value: wi.selected?.notes ?? "", "aria-label": "Notes" }) as HTMLInputElement;
  const saveNew = h("button.primary", { type: "button", id: "sc-save" }, "Save as new");
  const update = h("button", { type: "button", disabled: !wi.selected }, "Update selected");
  const exp = h("button", { type: "button" }, "Export .xlsx");
  const msg = h("p.muted", { role: "status" });
  saveNew.addEventListener("click", async () => {
    if (!name.value.trim()) {
      msg.textContent = "Give the scenario a name.";
      name.focus();
      return;
    }
    try {
      wi.selected = await api.scenarioCreate(name.value, notes.value, wi.inputs, state.args);
      await loadScenarios();
    } catch (e) {
      msg.textContent = api.asAppError(e).message;
    }
  });
  update.addEventListener("click", async () => {
    if (!wi.selected) return;
    try {
      let s = await api.scenarioUpdate(wi.selected.id, wi.inputs, notes.value);
      if (name.value.trim() && name.value.trim() !== s.name) s = await api.scenarioRename(s.id, name.value);
      wi.selected = s;
      await loadScenarios();
    } catch (e) {
      msg.textContent = api.asAppError(e).message;
    }
  });
  exp.addEventListener("click", async () => {
    if (!wi.baseline) return;
    try {
      const p = await api.exportScenario(name.value.trim() || "scenario", wi.inputs, wi.baseline.inputs);
      if (p) msg.textContent = `Saved to ${p}`;
    } catch (e) {
      msg.textContent = api.asAppError(e).message;
    }
  });
  const list = h("ul.scenarios", { id: "sc-list" });
  for (const sc of wi.scenarios) {
    const open = h("button.link", { type: "button" }, sc.name);
    open.addEventListener("click", () => {
      wi.selected = sc;
      wi.inputs = { ...sc.inputs };
      renderInputs();
      renderScenarios();
      void recompute();
    });
    const dup = h("button", { type: "button", title: "Duplicate" }, "Duplicate");
    dup.addEventListener("click", async () => {
      await api.scenarioDuplicate(sc.id);
      await loadScenarios();
    });
    const del = h("button", { type: "button", title: "Delete" }, "Delete");
    del.addEventListener("click", async () => {
      if (!confirm(`Delete the scenario "${sc.name}"?`)) return;
      await api.scenarioDelete(sc.id);
      wi.compare.delete(sc.id);
      if (wi.selected?.id === sc.id) wi.selected = null;
      await loadScenarios();
    });
    const cmp = h("input", { type: "checkbox", "aria-label": `Compare ${sc.name}`, checked: wi.compare.has(sc.id) }) as HTMLInputElement;
    cmp.addEventListener("change", () => {
      if (cmp.checked && wi.compare.size >= 4) {
        cmp.checked = false;
        msg.textContent = "Compare up to four scenarios.";
        return;
      }
      if (cmp.checked) wi.compare.add(sc.id);
      else wi.compare.delete(sc.id);
      void renderCompare();
    });
    const based = sc.based_on.period_to ? ` · data to ${sc.based_on.period_to}` : "";
    list.append(h(`li${wi.selected?.id === sc.id ? ".selected" : ""}`, null, cmp, open, h("span.muted", null, `${sc.notes ? sc.notes + " · " : ""}saved ${sc.updated_at.slice(0, 10)}${based}`), dup, del));
  }
  $("wi-scenarios").replaceChildren(
    h("h2", null, "Scenarios"),
    h("div.gs-row", null, name, notes, saveNew, update, exp),
    msg,
    wi.scenarios.length ? list : h("p.muted", null, "No saved scenario yet. Save the one on screen to compare it later."),
    h("div", { id: "sc-compare" }),
  );
  void renderCompare();
}

async function renderCompare(): Promise<void> {
  const box = document.getElementById("sc-compare");
  if (!box || !wi.baseline) return;
  const chosen = wi.scenarios.filter((s) => wi.compare.has(s.id));
  if (!chosen.length) {
    box.replaceChildren();
    return;
  }
  const results = await Promise.all(chosen.map((s) => api.whatifRun(s.inputs, wi.baseline!.inputs).catch(() => null)));
  const end = (r: WhatIf) => r.comparison.scenario.years[r.comparison.scenario.years.length - 1];
  const rows: [string, (r: WhatIf, s: Scenario) => string][] = [
    ["ARR at the end", (r) => money(end(r).arr)],
    ["Customers at the end", (r) => end(r).customers.toFixed(0)],
    ["NRR", (r) => formatNumber(r.comparison.scenario.years[0].nrr, "ratio")],
    ["GRR", (r) => formatNumber(r.comparison.scenario.years[0].grr, "ratio")],
    ["CLV", (r) => money(r.comparison.scenario.clv)],
    ["Monthly churn", (_, s) => formatNumber(s.inputs.monthly_churn ?? 0, "ratio")],
    ["Monthly expansion", (_, s) => formatNumber(s.inputs.monthly_expansion ?? 0, "ratio")],
    ["Years", (r) => String(r.comparison.scenario.years.length)],
  ];
  box.replaceChildren(
    h("h3", null, "Side by side"),
    h(
      "table.data",
      null,
      h("thead", null, h("tr", null, h("th", null, ""), ...chosen.map((s) => h("th", { scope: "col" }, s.name)))),
      h("tbody", null, ...rows.map(([label, f]) => h("tr", null, h("th", { scope: "row" }, label), ...results.map((r, i) => h("td.num", null, r ? f(r, chosen[i]) : "invalid"))))),
    ),
  );
}

/** Builds the panel (once per dataset) and computes the first forecast. */
export async function showWhatIf(): Promise<void> {
  const root = $("view-whatif");
  if (!root.dataset.built) {
    root.dataset.built = "1";
    const out = h("select", { id: "wi-tornado-out", "aria-label": "Output" }, option("arr", "ARR at the end"), option("nrr", "NRR"), option("clv", "CLV")) as HTMLSelectElement;
    out.addEventListener("change", renderResults);
    root.replaceChildren(
      h(
        "div.whatif",
        null,
        h("section.card.wi-inputs", { id: "wi-inputs" }),
        h(
          "div.wi-results",
          null,
          h("div.wi-summary", { id: "wi-summary" }),
          h("div.charts", null, h("figure.card", null, h("figcaption", null, "ARR: scenario vs baseline"), h("div.chart", { id: "wi-chart-arr" })), h("figure.card", null, h("figcaption", null, "Retention by year"), h("div.chart", { id: "wi-chart-nrr" }))),
          h("section.card", null, h("h2", null, "Year by year"), h("div", { id: "wi-table" })),
          goalSeekCard(),
          h("figure.card", null, h("figcaption", null, "What moves the needle: one point on each input ", out), h("div.chart.tall", { id: "wi-chart-tornado" })),
          h("section.card", { id: "wi-scenarios" }),
        ),
      ),
    );
  }
  try {
    wi.baseline = await api.whatifBaseline(state.args);
  } catch (e) {
    $("wi-inputs").replaceChildren(errorBox(api.asAppError(e).message));
    return;
  }
  if (!wi.selected) wi.inputs = { ...wi.baseline.inputs, years: wi.inputs.years ?? 5 };
  renderInputs();
  await recompute();
  await loadScenarios();
}

/** A new dataset: the next visit starts from its numbers. */
export function resetWhatIf(): void {
  wi.selected = null;
  wi.result = null;
}
