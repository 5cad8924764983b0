// The Predictive CLV view: controls, the fitted models in words, and who is likely to come back.
// Every figure comes from the engine (`clv` command); this file only lays it out.
import * as api from "./api";
import type { ClvAnalysis, ClvUnit, CustomerValue } from "./api";
import { pAliveChart, savePng, trackingChart } from "./charts";
import { $, h, option, sortableTable } from "./dom";
import { money } from "./format";

let built = false;
const n0 = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const n1 = new Intl.NumberFormat("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const n2 = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const pct = (v: number) => `${n1.format(v * 100)}%`;

/** Forget the controls (new data: the calibration end defaults to the last order again). */
export function resetClv(): void {
  built = false;
  $("view-clv").replaceChildren();
}

function card(id: string, label: string, value: string, how: string): HTMLElement {
  return h("div.card.clv-card", { "data-clv": id }, h("div.label", null, label), h("div.value", null, value), h("p.muted.how", null, how));
}

function customerTable(rows: CustomerValue[], a: ClvAnalysis): HTMLElement {
  const unit = a.unit;
  // x, t_x and T are the model's inputs for the customer: the rows behind each prediction.
  const cols: [string, string][] = [
    ["Customer", "Customer ID"],
    ["Repeat purchases", "Purchases after the first, up to the calibration end"],
    [`${cap(unit)}s first to last`, `${cap(unit)}s from the first purchase to the last`],
    [`${cap(unit)}s as a customer`, `${cap(unit)}s from the first purchase to the calibration end`],
    ["Chance still active", "The chance, given the purchase history, that the customer has not stopped buying for good"],
    ["Expected purchases", `Purchases expected in the next ${a.horizon} ${unit}s`],
    ["Spend a purchase", a.spend_alike ? "The same for everyone: the model could not tell customers' spend apart" : "Expected spend a purchase: the customer's own average, pulled toward everyone's"],
    ["Predicted value", `Expected purchases × spend a purchase, discounted (next ${a.horizon} ${unit}s)`],
    ["Spent so far", "Total spend up to the calibration end"],
  ];
  return sortableTable(
    cols.map((c) => c[0]),
    rows.map((c) => [c.customer_id, c.x, c.t_x, c.T, c.p_alive, c.expected_purchases, c.expected_avg_value, c.clv, c.past_spend]),
    (v, col) => {
      if (typeof v !== "number") return String(v ?? "");
      if (col === 1) return n0.format(v);
      if (col === 4) return pct(v);
      if (col >= 6) return money(v);
      return n2.format(v);
    },
    { headerTitles: cols.map((c) => c[1]), cellClass: (_r, col) => (col === 6 && a.spend_alike ? "alike" : null) },
  );
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** A fitted parameter for the model details: very large ones (above 1e5) are marked, as they no
 * longer describe a spread between customers. */
export function paramText(name: string, v: number): string {
  return `${name} = ${v > 1e5 ? `${v.toExponential(1)} (very large)` : n2.format(v)}`;
}

/** A chart's PNG button: the chart with its title and calibration end, for a slide. */
function pngButton(chartId: string, title: string, a: ClvAnalysis): HTMLElement {
  const b = h("button.png", { type: "button" }, "PNG") as HTMLButtonElement;
  b.addEventListener("click", async () => {
    const slug = title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
    try {
      if (await savePng($(chartId), `northstar-${slug}-${a.calibration_end}`, title, `Orders up to ${a.calibration_end} · Northstar`)) {
        b.textContent = "Saved";
        window.setTimeout(() => (b.textContent = "PNG"), 2000);
      }
    } catch (e) {
      b.textContent = api.asAppError(e).message;
    }
  });
  return b;
}

function render(a: ClvAnalysis): void {
  const unit = a.unit;
  const w = a.in_words;
  const plural = (k: number) => (k === 1 ? unit : `${unit}s`);
  const cards = h(
    "div.clv-cards",
    null,
    card("customers", "Customers", n0.format(a.customers), `who bought by ${a.calibration_end}; ${n0.format(a.repeat_customers)} of them bought more than once. The models are fitted on their orders up to that date.`),
    card("expected", `Repeat purchases expected in the next ${a.horizon} ${plural(a.horizon)}`, n1.format(a.expected_repeat_purchases), `The sum over customers of the purchases each is expected to make, given how often and how recently they bought.`),
    card("alive", "Customers likely still active", pct(a.mean_p_alive), `The average chance, given each customer's history, that they have not stopped buying for good. Someone who bought often and then went silent scores low; someone who bought only once counts as active, as the model cannot yet tell.`),
    card("value", `Predicted value of the next ${a.horizon} ${plural(a.horizon)}`, money(a.total_clv), `Each customer's expected purchases, ${plural(1)} by ${plural(1)}, times their expected spend a purchase, discounted at ${pct(a.discount_rate)} a year; summed over customers.`),
  );
  const words = h(
    "p.clv-words",
    null,
    `While active, a typical customer buys ${n2.format(w.purchases_per_unit)} times a ${unit} on average, and customers ${a.bgnbd.r < 1 ? "differ a lot" : "differ little"} in how often they buy. ` +
      `After each purchase there is a ${pct(w.dropout_after_purchase)} chance, on average, that the customer never buys again. ` +
      (a.spend_alike
        ? `A purchase is worth ${money(w.mean_spend)} on average, and every customer is expected to spend that.`
        : `A purchase is worth ${money(w.mean_spend)} on average; each customer's own average is pulled toward that, less so the more they have bought.`),
  );
  // The fitted parameters, for an analyst: out of the way, with the very large ones marked.
  const details = h(
    "details.clv-details",
    null,
    h("summary", null, "Model details (for analysts)"),
    h("p.muted", null, `How often and how long customers buy (BG/NBD): ${[paramText("r", a.bgnbd.r), paramText("α", a.bgnbd.alpha), paramText("a", a.bgnbd.a), paramText("b", a.bgnbd.b)].join(", ")}.`),
    h("p.muted", null, `How much they spend (Gamma-Gamma): ${[paramText("p", a.gamma_gamma.p), paramText("q", a.gamma_gamma.q), paramText("γ", a.gamma_gamma.gamma)].join(", ")}.`),
  );
  const notes: string[] = [];
  // A fit that cannot tell customers apart says so, first.
  const warnings = (a.degenerate ?? []).map((t) => h("p.clv-warning", { role: "note" }, t));
  // (Its parameters in brackets are for the model details.)
  if (a.bgnbd.boundary) notes.push(`Note: ${a.bgnbd.boundary.replace(/ \([^()]*(?:grew|shrank)[^()]*\)(?=\.)/g, "")}`);
  if (a.holdout) {
    const diff = a.holdout.difference;
    notes.push(`Check against what happened: from ${a.holdout.from} to ${a.holdout.to} these customers made ${n0.format(a.holdout.actual)} repeat purchases; the model, fitted only on orders up to ${a.calibration_end}, expected ${n0.format(a.holdout.expected)} (${diff >= 0 ? "+" : ""}${pct(diff)}).`);
  }
  if (a.free_orders) notes.push(`${n0.format(a.free_orders)} orders of amount 0 count as purchases with no spend.`);
  if (a.skipped_orders) notes.push(`${n0.format(a.skipped_orders)} orders with a negative amount were left out (refunds are not purchases).`);
  $("clv-body").replaceChildren(
    cards,
    ...warnings,
    words,
    ...notes.map((t) => h("p.muted.clv-note", null, t)),
    details,
    h(
      "div.charts",
      null,
      h("figure.card", null, h("figcaption", null, "Customers by chance of still being active ", pngButton("chart-palive", "Customers by chance of still being active", a)), h("div.chart", { id: "chart-palive" })),
      h("figure.card", null, h("figcaption", null, `Cumulative repeat purchases by ${unit}: actual and expected `, pngButton("chart-tracking", `Cumulative repeat purchases by ${unit}: actual and expected`, a)), h("div.chart", { id: "chart-tracking" })),
      h("figure.card.wide", null, h("figcaption", null, `Top customers by predicted value (next ${a.horizon} ${plural(a.horizon)})`), customerTable(a.top_customers, a)),
      h("figure.card.wide", null, h("figcaption", null, "Valuable customers at risk: top quarter by spend so far, less than a 50% chance still active"), a.at_risk.length ? customerTable(a.at_risk, a) : h("p.muted", null, "None: every big spender is more likely active than not.")),
    ),
  );
  pAliveChart($("chart-palive"), a.p_alive_histogram);
  trackingChart($("chart-tracking"), a.tracking, `${unit}s since the first purchase`, a.tracking_calibration_unit);
}

/** The latest request: an answer to an older one (a slow fit overtaken by a newer date) is dropped. */
let latest = 0;

async function compute(): Promise<void> {
  const seq = ++latest;
  const args: api.ClvArgs = {
    calibration_end: ($("clv-end") as HTMLInputElement).value || null,
    unit: ($("clv-unit") as HTMLSelectElement).value as ClvUnit,
    horizon: Number(($("clv-horizon") as HTMLInputElement).value),
    discount_rate: Number(($("clv-discount") as HTMLInputElement).value) / 100,
  };
  const status = $("clv-status");
  status.textContent = "Fitting…";
  status.className = "muted";
  try {
    const v = await api.clv(args);
    if (seq !== latest) return;
    const end = $("clv-end") as HTMLInputElement;
    end.min = v.first_order;
    end.max = v.last_order;
    if (!end.value) end.value = v.analysis.calibration_end;
    status.textContent = `Orders from ${v.first_order} to ${v.last_order}.`;
    render(v.analysis);
  } catch (e) {
    if (seq !== latest) return;
    status.textContent = api.asAppError(e).message;
    status.className = "error";
    $("clv-body").replaceChildren();
  }
}

/** Builds the view once per dataset, then recomputes on each control change. */
export async function showClv(): Promise<void> {
  if (built) return;
  built = true;
  const unit = h("select", { id: "clv-unit" }) as HTMLSelectElement;
  unit.append(option("day", "days"), option("week", "weeks", true), option("month", "months"));
  $("view-clv").replaceChildren(
    h(
      "div.filters",
      null,
      h("label", { title: "Orders up to this date fit the models; the prediction starts after it. Move it back to check the model against what happened next." }, "Calibration end ", h("input", { type: "date", id: "clv-end" })),
      h("label", null, "Unit ", unit),
      h("label", null, "Horizon ", h("input", { type: "number", id: "clv-horizon", min: 1, max: 1000, step: 1, value: 39 })),
      h("label", null, "Discount rate ", h("input", { type: "number", id: "clv-discount", min: 0, max: 100, step: 0.5, value: 10 }), " % a year"),
      h("span.muted", { id: "clv-status" }),
    ),
    h("div", { id: "clv-body" }),
  );
  // Typing or stepping through a date fires many inputs: the fit runs once they pause.
  let timer = 0;
  const soon = () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => void compute(), 250);
  };
  for (const id of ["clv-end", "clv-unit", "clv-horizon", "clv-discount"]) {
    $(id).addEventListener("change", soon);
    $(id).addEventListener("input", soon);
  }
  await compute();
}
