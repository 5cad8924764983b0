// Display formatting of engine values (presentation only: the numbers come from Rust).
import type { Kpi } from "./api";

const money = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", maximumFractionDigits: 0 });
const moneyCents = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", minimumFractionDigits: 2, maximumFractionDigits: 2 });
const one = new Intl.NumberFormat("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const whole = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

/** A real minus sign reads better in tiles. */
const minus = (s: string) => s.replace(/^-/, "\u2212");

export function formatValue(k: Kpi, id = ""): string {
  const v = k.value;
  if (v === null || Array.isArray(v)) return "—";
  switch (k.unit) {
    case "money":
      return minus(Math.abs(v) < 1000 ? moneyCents.format(v) : money.format(v));
    case "ratio":
      return id === "ltv_to_cac" ? `${one.format(v)}×` : minus(`${one.format(v * 100)}%`);
    case "score":
      return minus(one.format(v));
    case "count":
      return whole.format(v);
    case "days":
      return `${one.format(v)} days`;
    case "hours":
      return `${one.format(v)} h`;
    case "months":
      return `${one.format(v)} mo`;
    case "minutes":
      return `${one.format(v)} min`;
  }
}

/** Short money for chart axes: 1.2M, 350k. */
export function shortMoney(v: number): string {
  const a = Math.abs(v);
  if (a >= 1e6) return `$${(v / 1e6).toFixed(1)}M`;
  if (a >= 1e3) return `$${(v / 1e3).toFixed(0)}k`;
  return `$${v.toFixed(0)}`;
}

/** "2024-03" -> "Mar 2024" */
export function monthLabel(m: string): string {
  const [y, mm] = m.split("-").map(Number);
  const names = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  return `${names[(mm ?? 1) - 1]} ${y}`;
}

/** Turns an engine reason ("needs table surveys with type NPS") into a sentence for a leader. */
export function reasonSentence(reason: string | undefined): string {
  if (!reason) return "Not available for this data.";
  const m = /^needs table (\w+)(.*)$/.exec(reason);
  if (m) return `Add a ${m[1]} sheet${m[2] ?? ""} to your workbook to see this.`;
  return reason.charAt(0).toUpperCase() + reason.slice(1) + ".";
}
