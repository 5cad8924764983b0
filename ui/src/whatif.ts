// The what-if panel: inputs prefilled from the data (with where each came from), live forecast of the
// scenario against its baseline, goal seek, the sensitivity tornado, and saved scenarios compared
// side by side. Every number comes from Rust; this module only collects inputs and draws results.
import * as api from "./api";
import type { Baseline, Scenario, ScenarioInput, WhatIf } from "./api";
import * as charts from "./charts";
import type { Effect } from "./charts";
import { $, confirmDialog, h, option } from "./dom";
import { formatNumber, money } from "./format";
import { state } from "./state";
import { drawn, started, step } from "./timing";
import { backtestCard, bandsCard, chanceLine, loadBacktest, resetBands, updateBands } from "./whatifbands";
import { asShown, fieldText, fieldValue, isChanged, revenueRatio, withLogoChurn, type Kind } from "./whatif-inputs";

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
  { key: "monthly_revenue_churn", label: "Monthly revenue churn", kind: "rate", min: 0, max: () => 20, step: 0.05 },
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

const wi: {
  baseline: Baseline | null;
  inputs: ScenarioInput;
  /** Revenue churn per point of logo churn, kept while logo churn moves (even through 0). */
  ratio: number;
  result: WhatIf | null;
  selected: Scenario | null;
  scenarios: Scenario[];
  compare: Set<number>;
} = {
  baseline: null,
  inputs: {},
  ratio: 1,
  result: null,
  selected: null,
  scenarios: [],
  compare: new Set(),
};

const defaults: Partial<Record<keyof ScenarioInput, number>> = { gross_margin: 1, annual_discount_rate: 0.1, monthly_expansion: 0, monthly_contraction: 0, new_customers_per_month: 0, new_customer_growth: 0 };

/** An input's value in a set of inputs, with the engine's defaults (revenue churn = logo churn). */
function valueIn(inputs: ScenarioInput | undefined, key: keyof ScenarioInput): number | null {
  const v = inputs?.[key];
  if (v !== null && v !== undefined) return v;
  if (key === "monthly_revenue_churn") return inputs?.monthly_churn ?? null;
  return defaults[key] ?? null;
}
const current = (key: keyof ScenarioInput) => valueIn(wi.inputs, key);
const dataValue = (key: keyof ScenarioInput) => valueIn(wi.baseline?.inputs, key);

/** The slider's number for a value: percent for rates. */
const sliderNum = (f: Field, v: number | null) => (v === null ? 0 : f.kind === "rate" ? +(v * 100).toFixed(4) : v);
/** A value as a sentence shows it. */
const shownValue = (f: Field, v: number | null) => (v === null ? "none" : f.kind === "rate" ? `${fieldText("rate", v)}%` : f.kind === "money" ? money(v) : fieldText(f.kind, v));
const pct = (v: number) => formatNumber(v, "ratio");

/** Sets the inputs and the ratio of revenue to logo churn they carry. */
function setInputs(inputs: ScenarioInput): void {
  wi.inputs = inputs;
  wi.ratio = revenueRatio(inputs);
}

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
    step("whatif", "answer received");
    $("wi-error").replaceChildren();
    renderResults();
    step("whatif", "built");
    drawn("whatif");
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

/** Where an input's value came from, or, once changed, what the data said. */
function sourceLine(f: Field): (string | HTMLElement)[] {
  const src = wi.baseline?.sources.find((s) => s.input === f.key);
  const from = !src ? "Not in your data: enter a value" : src.kind === "data" ? `From your data: ${src.from}` : src.kind === "settings" ? `From settings: ${src.from}` : src.from.charAt(0).toUpperCase() + src.from.slice(1);
  const moves = f.key === "monthly_revenue_churn" ? " Moves with logo churn, in proportion." : "";
  const base = dataValue(f.key);
  if (!isChanged(current(f.key), base)) return [from + (from.endsWith(".") ? "" : ".") + moves];
  const back = h("button.link", { type: "button" }, base === null ? "clear it" : `use ${shownValue(f, base)}`);
  back.addEventListener("click", () => setField(f, base));
  const said = src?.kind === "data" ? "Your data says" : src?.kind === "settings" ? "Settings say" : "The default is";
  return [h("b", null, "Changed. "), `${said} ${shownValue(f, base)}${src ? ` (${src.from})` : ""}. `, back, moves];
}

/** Shows an input's current value in its field, slider and source line. */
function refreshField(f: Field, except?: HTMLElement): void {
  const id = `wi-${f.key}`;
  const field = document.getElementById(id) as HTMLInputElement | null;
  const slider = document.getElementById(`${id}-range`) as HTMLInputElement | null;
  const v = current(f.key);
  if (field && field !== except) field.value = fieldText(f.kind, v);
  if (slider && slider !== except) {
    if (v !== null && sliderNum(f, v) > Number(slider.max)) slider.max = String(sliderNum(f, v));
    slider.value = String(sliderNum(f, v));
  }
  document.querySelector(`[data-field='${f.key}']`)?.classList.toggle("changed", isChanged(v, dataValue(f.key)));
  document.getElementById(`${id}-source`)?.replaceChildren(...sourceLine(f));
}

/** Sets one input (null clears it); logo churn carries revenue churn with it. */
function setField(f: Field, v: number | null, from?: HTMLElement): void {
  if (f.key === "monthly_churn" && v !== null) {
    wi.inputs = withLogoChurn(wi.inputs, v, wi.ratio);
  } else {
    const next = { ...wi.inputs };
    if (v === null) delete next[f.key];
    else next[f.key] = v;
    wi.inputs = next;
    if (f.key === "monthly_revenue_churn") wi.ratio = revenueRatio(wi.inputs);
  }
  refreshField(f, from);
  const revenue = FIELDS.find((x) => x.key === "monthly_revenue_churn");
  if (f.key === "monthly_churn" && revenue) refreshField(revenue);
  void recompute();
}

function inputRow(f: Field): HTMLElement {
  const base = dataValue(f.key);
  const value = current(f.key);
  const id = `wi-${f.key}`;
  const slider = h("input", { type: "range", id: `${id}-range`, min: f.min, max: Math.max(f.max(sliderNum(f, base)), sliderNum(f, value)), step: f.step, value: sliderNum(f, value), "aria-label": f.label }) as HTMLInputElement;
  const field = (
    f.kind === "money"
      ? h("input.money", { type: "text", inputmode: "decimal", id, value: fieldText(f.kind, value), autocomplete: "off" })
      : h("input", { type: "number", id, step: f.step, min: f.min, value: fieldText(f.kind, value) })
  ) as HTMLInputElement;
  slider.addEventListener("input", () => {
    started("whatif");
    const n = Number(slider.value);
    setField(f, f.kind === "rate" ? n / 100 : n, slider);
  });
  field.addEventListener("input", () => {
    const v = fieldValue(f.kind, field.value);
    if (v !== null) setField(f, v, field);
  });
  // Money is shown with separators and cents once typing is done.
  if (f.kind === "money") field.addEventListener("change", () => (field.value = fieldText(f.kind, current(f.key))));
  const unit = f.kind === "rate" ? h("span.muted", null, "%") : null;
  return h(
    `div.wi-field${isChanged(value, base) ? ".changed" : ""}`,
    { "data-field": f.key },
    h("label", { for: id }, f.label),
    h("div.wi-controls", null, slider, field, unit),
    h("p.wi-source", { id: `${id}-source` }, ...sourceLine(f)),
  );
}

/** What the baseline starts from, and how it relates to the dashboard's retention. */
function startLines(b: Baseline | null): HTMLElement[] {
  const start = b?.inputs;
  const out = [h("p.muted", null, start?.start_mrr != null ? `Starting from MRR ${money(start.start_mrr)} and ${formatNumber(start.start_customers ?? 0, "count")} customers at the end of the period.` : "Load data with revenue to start from it.")];
  const o = b?.observed;
  if (b?.calibration === "observed_retention" && o && o.nrr !== null && o.grr !== null) {
    out.push(h("p.muted", null, `Revenue churn, expansion and contraction are set so that the forecast starts from your NRR ${pct(o.nrr)} and GRR ${pct(o.grr)} (${o.from} .. ${o.to}).`));
  }
  if (b?.note) out.push(h("p.wi-note", { role: "note" }, b.note));
  return out;
}

function renderInputs(): void {
  const box = $("wi-inputs");
  const years = h("select", { id: "wi-years", "aria-label": "Years to model" }) as HTMLSelectElement;
  for (let y = 1; y <= 10; y++) years.append(option(String(y), `${y} year${y > 1 ? "s" : ""}`, y === (wi.inputs.years ?? 5)));
  years.addEventListener("change", () => {
    wi.inputs = { ...wi.inputs, years: Number(years.value) };
    void recompute();
  });
  const reset = h("button", { type: "button" }, "Reset to my data");
  reset.addEventListener("click", () => {
    if (!wi.baseline) return;
    setInputs({ ...wi.baseline.inputs, years: wi.inputs.years ?? 5 });
    wi.selected = null;
    renderInputs();
    void recompute();
  });
  box.replaceChildren(
    h("h2", null, "Inputs"),
    ...startLines(wi.baseline),
    h("div.wi-field", null, h("label", { for: "wi-years" }, "Horizon"), years),
    ...FIELDS.map(inputRow),
    reset,
    h("div", { id: "wi-error" }),
  );
}

function summaryCard(id: string, label: string, scenario: string, delta: string | null, note?: string): HTMLElement {
  return h("div.wi-sum", { "data-sum": id }, h("span.tile-label", null, label), h("span.value", null, scenario), delta ? h("span.muted", null, delta) : null, note ? h("span.muted.wi-sum-note", null, note) : null);
}

/** The engine's reason as a sentence: "unbounded: expansion ..." -> "Unbounded: expansion ...". */
const sentence = (r: string | null) => (r ? `${r.charAt(0).toUpperCase()}${r.slice(1)}.` : "");

/** The sensitivity as the tornado draws it, for one output. A lifetime-CLV change that is
 * unbounded is drawn as 0 and named in the note under the chart. */
function tornadoEffects(r: WhatIf, out: string): { effects: Effect[]; output: "arr" | "nrr" | "clv"; note: string } {
  const effects = r.sensitivity.map((e) => ({
    input: e.input,
    step: e.step,
    arr: e.arr,
    nrr: e.nrr,
    clv: (out === "clv_horizon" ? e.clv_horizon : [e.clv[0] ?? 0, e.clv[1] ?? 0]) as [number, number],
  }));
  let note = "";
  if (out === "clv") {
    if (r.comparison.scenario.clv === null) note = "This scenario's lifetime value is unbounded: see the value over the horizon.";
    else {
      const unbounded = r.sensitivity.filter((e) => e.clv[0] === null || e.clv[1] === null).map((e) => LABELS[e.input] ?? e.input);
      if (unbounded.length) note = `Drawn as 0 where one point makes the lifetime value unbounded: ${unbounded.join(", ")}.`;
    }
  }
  return { effects, output: out === "clv_horizon" ? "clv" : (out as "arr" | "nrr" | "clv"), note };
}

function renderResults(): void {
  const r = wi.result;
  if (!r) return;
  const s = r.comparison.scenario;
  const b = r.comparison.baseline;
  const last = s.years[s.years.length - 1];
  const lastB = b.years[b.years.length - 1];
  // A difference that rounds away is "same as baseline", never "+$0.00" or "-0.0 pts".
  const same = "same as baseline";
  const d = (x: number) => (Math.abs(x) < 0.005 ? same : `${x >= 0 ? "+" : "\u2212"}${money(Math.abs(x))} vs baseline`);
  const pts = (x: number) => (Math.abs(x) < 0.0005 ? same : `${x >= 0 ? "+" : "\u2212"}${(Math.abs(x) * 100).toFixed(1)} pts vs baseline`);
  const count = (x: number) => (Math.abs(x) < 0.5 ? same : `${x >= 0 ? "+" : "\u2212"}${formatNumber(Math.round(Math.abs(x)), "count")} vs baseline`);
  const o = wi.baseline?.observed;
  const yours = (v: number | null | undefined) => (o && v !== null && v !== undefined ? `Your data: ${pct(v)} (${o.from} .. ${o.to})` : undefined);
  const ltvNote = s.ltv_to_cac !== null ? "lifetime value ÷ CAC" : s.clv === null ? "no lifetime value: it is unbounded" : "needs a CAC";
  $("wi-summary").replaceChildren(
    summaryCard("arr", `ARR in year ${last.year}`, money(last.arr), d(last.arr - lastB.arr)),
    summaryCard("customers", `Customers in year ${last.year}`, formatNumber(Math.round(last.customers), "count"), count(last.customers - lastB.customers)),
    summaryCard("nrr", "NRR (each year)", pct(s.years[0].nrr), pts(s.years[0].nrr - b.years[0].nrr), yours(o?.nrr)),
    summaryCard("grr", "GRR (each year)", pct(s.years[0].grr), pts(s.years[0].grr - b.years[0].grr), yours(o?.grr)),
    summaryCard("clv", "Lifetime value (CLV)", s.clv === null ? "Unbounded" : money(s.clv), r.comparison.clv_delta === null ? null : d(r.comparison.clv_delta), s.clv === null ? sentence(s.clv_reason) : undefined),
    summaryCard("clv_horizon", `Value over the ${s.years.length}-year horizon`, money(s.clv_horizon), d(r.comparison.clv_horizon_delta)),
    summaryCard("ltv_to_cac", "LTV : CAC", s.ltv_to_cac === null ? "—" : formatNumber(s.ltv_to_cac, "ratio", "ltv_to_cac"), null, ltvNote),
    summaryCard("payback", "CAC payback", s.cac_payback_months === null ? "—" : formatNumber(s.cac_payback_months, "months"), null),
  );
  charts.arrForecastChart($("wi-chart-arr"), s.years, b.years);
  charts.nrrForecastChart($("wi-chart-nrr"), s.years, b.years);
  // Forecast month 1 is the month after the period's end, where the forecast starts.
  updateBands(wi.inputs, s, wi.baseline?.observed.to ?? null);
  const t = tornadoEffects(r, ($("wi-tornado-out") as HTMLSelectElement).value);
  charts.tornadoChart($("wi-chart-tornado"), t.effects, t.output, LABELS);
  $("wi-tornado-note").textContent = t.note;
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
            h("td.num", null, formatNumber(Math.round(y.customers), "count")),
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
  const varied = FIELDS.filter((f) => f.key === "monthly_churn" || f.key === "monthly_expansion");
  const vary = h("select", { id: "gs-vary", "aria-label": "Input to find" }, ...varied.map((f) => option(f.key, f.label.toLowerCase()))) as HTMLSelectElement;
  const metric = h("select", { id: "gs-metric", "aria-label": "Target" }, option("nrr", "NRR (%)"), option("clv", "lifetime value (CLV)"), option("arr", "ARR at the end")) as HTMLSelectElement;
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
      const m = metric.value as api.Metric;
      const goal = m === "nrr" ? t / 100 : t;
      const asIs = { ...wi.inputs };
      const g = await api.goalSeek(asIs, m, goal, vary.value as api.Vary);
      const f = FIELDS.find((x) => x.key === g.vary)!;
      const name = f.label.toLowerCase();
      // The share of paths reaching the target comes after (it draws 10,000 paths, twice).
      const chance = h("p.muted", { id: "gs-chance" }, "Working out the chance of reaching it…");
      const withChance = (at: ScenarioInput | null, valueText: string | null) =>
        void chanceLine(m, goal, asIs, at, valueText).then((line) => chance.isConnected && chance.replaceWith(line));
      if (g.achieved === null) {
        out.replaceChildren(h("p", null, `No ${name} gives a bounded lifetime value here: expansion outpaces churn and discounting. Set a target for the value over the horizon or ARR instead.`), chance);
        withChance(null, null);
        return;
      }
      const achieved = metric.value === "nrr" ? pct(g.achieved) : money(g.achieved);
      // The value as the input will show it: the button sets exactly what it says.
      const v = asShown(f.kind, g.value);
      const shown = shownValue(f, v);
      const apply = h("button", { type: "button", id: "gs-apply" }, `Use ${shown}`);
      apply.addEventListener("click", () => {
        // The revenue churn the engine sought with, when it says (its ratio to logo churn can
        // differ from the panel's after churn passed through 0).
        if (g.vary === "monthly_churn") {
          const cr = g.monthly_revenue_churn;
          wi.inputs = typeof cr === "number" ? { ...wi.inputs, monthly_churn: v, monthly_revenue_churn: Math.min(1, g.value > 0 ? (cr * v) / g.value : cr) } : withLogoChurn(wi.inputs, v, wi.ratio);
        }
        else wi.inputs = { ...wi.inputs, [g.vary]: v };
        renderInputs();
        void recompute();
      });
      const carries = g.vary === "monthly_churn" ? " Revenue churn moves with it, in proportion." : "";
      out.replaceChildren(
        g.reachable
          ? h("p", null, `A ${name} of `, h("b", null, shown), ` gives ${achieved}.${carries}`)
          : h("p", null, `Not reachable by changing ${name} alone. The closest is ${shown}, giving ${achieved}.`),
        apply,
        chance,
      );
      // At the sought value exactly, as the engine sought it (revenue churn with logo churn).
      const cr = g.monthly_revenue_churn;
      const at: ScenarioInput = g.vary === "monthly_churn" ? (typeof cr === "number" ? { ...asIs, monthly_churn: g.value, monthly_revenue_churn: cr } : withLogoChurn(asIs, g.value, wi.ratio)) : { ...asIs, [g.vary]: g.value };
      withChance(at, `a ${name} of ${shown}`);
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
      const p = await api.exportScenario(name.value.trim() || "scenario", wi.inputs, wi.baseline.inputs, wi.baseline.sources);
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
      setInputs({ ...sc.inputs });
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
      if (!(await confirmDialog(`Delete the scenario "${sc.name}"? This cannot be undone.`, "Delete"))) return;
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
  // Like with like: the lifetime value and the value over each scenario's horizon, each on its row.
  const rows: [string, (r: WhatIf, s: Scenario) => string][] = [
    ["ARR at the end", (r) => money(end(r).arr)],
    ["Customers at the end", (r) => formatNumber(Math.round(end(r).customers), "count")],
    ["NRR", (r) => pct(r.comparison.scenario.years[0].nrr)],
    ["GRR", (r) => pct(r.comparison.scenario.years[0].grr)],
    ["Lifetime value (CLV)", (r) => (r.comparison.scenario.clv === null ? "unbounded" : money(r.comparison.scenario.clv))],
    ["Value over the horizon", (r) => `${money(r.comparison.scenario.clv_horizon)} (${r.comparison.scenario.years.length} yr)`],
    ["Monthly logo churn", (_, s) => pct(s.inputs.monthly_churn ?? 0)],
    ["Monthly revenue churn", (_, s) => pct(s.inputs.monthly_revenue_churn ?? s.inputs.monthly_churn ?? 0)],
    ["Monthly expansion", (_, s) => pct(s.inputs.monthly_expansion ?? 0)],
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
    const out = h("select", { id: "wi-tornado-out", "aria-label": "Output" }, option("arr", "ARR at the end"), option("nrr", "NRR"), option("clv", "Lifetime value (CLV)"), option("clv_horizon", "Value over the horizon")) as HTMLSelectElement;
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
          bandsCard(),
          goalSeekCard(),
          h("figure.card", null, h("figcaption", null, "What moves the needle: one point on each input ", out), h("div.chart.tall", { id: "wi-chart-tornado" }), h("p.muted", { id: "wi-tornado-note" })),
          backtestCard(),
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
  if (!wi.selected) setInputs({ ...wi.baseline.inputs, years: wi.inputs.years ?? 5 });
  renderInputs();
  // The backtest is of the data alone: it runs beside the forecast, not after it.
  const backtest = loadBacktest();
  await recompute();
  await loadScenarios();
  await backtest;
}

/** A new dataset: the next visit starts from its numbers. */
export function resetWhatIf(): void {
  wi.selected = null;
  wi.result = null;
  resetBands();
}
