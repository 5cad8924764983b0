// Input handling of the what-if panel that needs no DOM: how an input is shown in its field, read
// back, compared with the data's value, and how moving logo churn carries revenue churn with it.
import type { ScenarioInput } from "./api";

export type Kind = "rate" | "money" | "count";

const money2 = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** The value as its field shows it: rates in percent to at most 4 decimals, money with thousands
 * separators and cents, counts to 2 decimals. */
export function fieldText(kind: Kind, v: number | null | undefined): string {
  if (v === null || v === undefined || Number.isNaN(v)) return "";
  if (kind === "rate") return String(+(v * 100).toFixed(4));
  if (kind === "money") return money2.format(v);
  return String(+v.toFixed(2));
}

/** Reads a field's text back into the engine's unit; null when it is not a number. */
export function fieldValue(kind: Kind, text: string): number | null {
  const t = kind === "money" ? text.replace(/[^0-9.\-]/g, "") : text.trim();
  if (t === "" || t === "-" || t === ".") return null;
  const v = Number(t);
  if (!Number.isFinite(v)) return null;
  return kind === "rate" ? v / 100 : v;
}

/** The value exactly as its field shows it (what a button that says "Use 0.1331%" sets). */
export function asShown(kind: Kind, v: number): number {
  return fieldValue(kind, fieldText(kind, v)) ?? v;
}

/** True when an input differs from the value the data gave it (beyond float noise). */
export function isChanged(current: number | null | undefined, data: number | null | undefined): boolean {
  const a = current ?? null;
  const b = data ?? null;
  if (a === null || b === null) return a !== b;
  return Math.abs(a - b) > 1e-12 * Math.max(1, Math.abs(b));
}

/** Revenue churn per point of logo churn in a scenario: c_r / c, or 1 when c is 0 or c_r is not
 * given (c_r then follows c), as the engine's Scenario::with_logo_churn. */
export function revenueRatio(inputs: ScenarioInput): number {
  const c = inputs.monthly_churn;
  const cr = inputs.monthly_revenue_churn;
  return c && c > 0 && cr !== null && cr !== undefined ? cr / c : 1;
}

/** The inputs with logo churn `c` and revenue churn moved in proportion (at most 1). */
export function withLogoChurn(inputs: ScenarioInput, c: number, ratio = revenueRatio(inputs)): ScenarioInput {
  return { ...inputs, monthly_churn: c, monthly_revenue_churn: Math.min(1, ratio * c) };
}
