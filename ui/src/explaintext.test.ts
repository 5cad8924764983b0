import { describe, expect, it } from "vitest";
import type { Explanation, ExplanationInput, Kpi } from "./api";
import { comparisonText, inputLines } from "./explaintext";
import { DEMO } from "./fixtures/explanations";
import { formatChange, formatValue, setCurrency } from "./format";

/** What a reader types into a calculator: a shown input back to its number ("1.87399%" -> 0.0187399). */
function typed(i: ExplanationInput): number {
  const digits = Number(i.display.replace(/[^0-9.]/g, ""));
  const signed = /^[\u2212-]/.test(i.display) ? -digits : digits;
  return i.unit === "ratio" ? signed / 100 : signed;
}

/** The formulas in words of the drawer, as a calculator would apply them to the shown inputs. */
const CALCULATOR: Record<string, [string[], (v: number[]) => number]> = {
  ltv_simple: [["arpa", "gross_margin", "monthly_churn_rate"], ([a, g, c]) => (a * g) / c],
  ltv_revenue_churn: [["arpa", "gross_margin", "gross_mrr_churn_rate"], ([a, g, c]) => (a * g) / c],
  clv_net_of_cac: [["arpa", "gross_margin", "customer_lifetime_months", "cac"], ([a, g, l, c]) => 12 * a * g * (l / 12) - c],
  cac_payback_months: [["cac", "new_customer_arpa", "gross_margin"], ([c, a, g]) => c / (a * g)],
  customer_lifetime_months: [["monthly_churn_rate"], ([c]) => 1 / c],
  ltv_to_cac: [["ltv_simple", "cac"], ([l, c]) => l / c],
  nrr: [["end_mrr", "start_mrr"], ([e, s]) => e / s],
  grr: [["kept_mrr", "start_mrr"], ([k, s]) => k / s],
  customer_churn_rate: [["retained", "start_customers"], ([r, n]) => 1 - r / n],
  monthly_churn_rate: [["churned_sum", "base_customers"], ([c, n]) => c / n],
  gross_mrr_churn_rate: [["lost_mrr", "base_mrr"], ([l, b]) => l / b],
  arpa: [["mrr", "active_customers"], ([m, n]) => m / n],
  arr: [["mrr"], ([m]) => 12 * m],
  cac: [["spend", "customers_new"], ([s, n]) => s / n],
  crc: [["spend", "active_customers"], ([s, n]) => s / n],
  nps: [["promoters", "detractors", "n"], ([p, d, n]) => (100 * (p - d)) / n],
  net_new_mrr: [["mrr_new", "mrr_reactivation", "mrr_expansion", "mrr_contraction", "mrr_churn"], ([n, r, e, c, ch]) => n + r + e - c - ch],
  arpu: [["mrr", "active_seats"], ([m, s]) => m / s],
};

const input = (e: Explanation, key: string) => {
  const i = e.inputs.find((x) => x.key === key);
  if (!i) throw new Error(`${e.kpi}: no input ${key}`);
  return i;
};

describe("the explanation drawer's inputs", () => {
  setCurrency("$");
  it("give the shown result on a calculator, for every derived KPI of the demo", () => {
    for (const [id, [keys, f]] of Object.entries(CALCULATOR)) {
      const e = DEMO[id];
      const got = f(keys.map((k) => typed(input(e, k))));
      const shownResult = formatValue(e.result, id);
      expect(formatValue({ ...e.result, value: got } as Kpi, id), `${id}: ${keys.map((k) => input(e, k).display).join(", ")}`).toBe(shownResult);
    }
  });

  it("write LTV's inputs as money, percentages and a flagged default", () => {
    const e = DEMO.ltv_simple;
    const lines = inputLines(e.inputs);
    expect(lines.map((l) => l.name)).toEqual(["ARPA", "Gross margin", "Monthly logo churn"]);
    expect(lines[0].display).toMatch(/^\$3,120\.69\d*$/);
    expect(lines[1]).toMatchObject({ display: "100%", note: "(default: set yours in Settings)" });
    expect(lines[2].display).toMatch(/^1\.87\d+%$/);
    // No raw number anywhere: every input has a unit or separators where it needs them.
    for (const ex of Object.values(DEMO)) for (const i of ex.inputs) expect(i.display).not.toMatch(/^\d{4,}|\.\d{5,}$/);
  });

  it("show the previous period and the change exactly as the tiles do", () => {
    for (const e of Object.values(DEMO)) {
      if (typeof e.result.previous !== "number") continue;
      expect(input(e, "previous").display).toBe(formatValue({ ...e.result, value: e.result.previous }, e.kpi));
      expect(input(e, "change").display).toBe(formatChange(e.result, e.kpi));
    }
    const nrr = comparisonText(DEMO.nrr.inputs) ?? "";
    expect(nrr).toMatch(/^Previous period \(Nov 2024 – Oct 2025\): 96\.9% · change \+5\.1 pts$/);
    expect(comparisonText([])).toBeNull();
  });
});
