// Display formatting of engine values (presentation only: the numbers come from Rust).
import type { Kpi, Unit } from "./api";

let currency = "$";
/** The currency symbol from the settings. */
export function setCurrency(symbol: string | null | undefined): void {
  currency = symbol && symbol.trim() ? symbol.trim() : "$";
}

const fmt = (digits: number) => new Intl.NumberFormat("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
const whole = fmt(0);
const one = fmt(1);
const two = fmt(2);

/** A real minus sign reads better in tiles. */
const minus = (s: string) => s.replace(/^-/, "\u2212");

export function money(v: number): string {
  // One format per magnitude: cents only below $100 (ARPU $49.57), whole dollars above ($840, not $840.00).
  const s = Math.abs(v) < 100 ? two.format(Math.abs(v)) : whole.format(Math.abs(v));
  return minus(`${v < 0 ? "-" : ""}${currency}${s}`);
}

export function formatNumber(v: number, unit: Unit, id = ""): string {
  switch (unit) {
    case "money":
      return money(v);
    case "ratio":
      return id === "ltv_to_cac" ? `${one.format(v)}×` : minus(`${one.format(v * 100)}%`);
    case "score":
      return minus(one.format(v));
    case "count":
      return Number.isInteger(v) ? whole.format(v) : one.format(v);
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

export function formatValue(k: Kpi, id = ""): string {
  const v = k.value;
  if (v === null) return "—";
  if (Array.isArray(v)) return v.length ? money(v[v.length - 1].value) : "—";
  return formatNumber(v, k.unit, id);
}

/** The change vs the previous period: percentage points for ratios, units otherwise. A change that
 * rounds to zero as shown is "±0", never "−0.0". */
export function formatChange(k: Kpi, id = ""): string | null {
  if (typeof k.change !== "number" || typeof k.previous !== "number") return null;
  const c = k.change;
  const abs = Math.abs(c);
  const shown = k.unit === "ratio" && id !== "ltv_to_cac" ? `${one.format(abs * 100)} pts` : formatNumber(abs, k.unit, id).replace("\u2212", "");
  const sign = changeRoundsToZero(k, id) ? "±" : c > 0 ? "+" : "\u2212";
  return `${sign}${shown}`;
}

/** Whether the change shows as zero once rounded for display (no arrow then). */
export function changeRoundsToZero(k: Kpi, id = ""): boolean {
  if (typeof k.change !== "number") return false;
  const abs = Math.abs(k.change);
  const shown = k.unit === "ratio" && id !== "ltv_to_cac" ? one.format(abs * 100) : formatNumber(abs, k.unit, id);
  return !/[1-9]/.test(shown);
}

/** Short money for chart axes: 1.2M, 350k. */
export function shortMoney(v: number): string {
  const a = Math.abs(v);
  const s = v < 0 ? "-" : "";
  if (a >= 1e6) return `${s}${currency}${(a / 1e6).toFixed(1)}M`;
  if (a >= 1e3) return `${s}${currency}${(a / 1e3).toFixed(0)}k`;
  return `${s}${currency}${a.toFixed(0)}`;
}

/** "2024-03" -> "Mar 2024" */
export function monthLabel(m: string): string {
  const [y, mm] = m.split("-").map(Number);
  const names = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  return `${names[(mm ?? 1) - 1]} ${y}`;
}

/** "Jan 2024 – Oct 2024", the months a table covers. */
export function coverageText(c: { first: string; last: string }): string {
  return c.first === c.last ? `covers ${monthLabel(c.first)}` : `covers ${monthLabel(c.first)} – ${monthLabel(c.last)}`;
}

/** Turns an engine reason ("needs table surveys with type NPS") into a sentence for a leader. */
export function reasonSentence(reason: string | undefined): string {
  if (!reason) return "Not available for this data.";
  const m = /^needs table (\w+)(.*)$/.exec(reason);
  if (m) return `Add ${/^[aeiou]/.test(m[1]) ? "an" : "a"} ${m[1]} sheet${m[2] ?? ""} to your workbook to see this.`;
  return reason.charAt(0).toUpperCase() + reason.slice(1) + ".";
}

/** An inline SVG sparkline of a series (gaps for missing months). */
export function sparkline(values: (number | null)[], width = 96, height = 24): string {
  const nums = values.filter((v): v is number => v !== null);
  if (nums.length < 2) return "";
  const lo = Math.min(...nums);
  const hi = Math.max(...nums);
  const span = hi - lo || 1;
  const step = width / (values.length - 1);
  let d = "";
  let pen = false;
  values.forEach((v, i) => {
    if (v === null) {
      pen = false;
      return;
    }
    const x = (i * step).toFixed(1);
    const y = (height - 2 - ((v - lo) / span) * (height - 4)).toFixed(1);
    d += `${pen ? "L" : "M"}${x},${y}`;
    pen = true;
  });
  // Scales to the room the tile leaves (narrow tiles with long changes).
  return `<svg class="spark" viewBox="0 0 ${width} ${height}" preserveAspectRatio="none" aria-hidden="true"><path d="${d}"/></svg>`;
}

/** What the bar above the views says after an import: the tables whose every row was refused (an
 * error naming each with its reasons) before the import's own notice. */
export function importNotice(notice: string | null, refused: { message: string }[]): { message: string | null; kind: "error" | "info" } {
  if (!refused.length) return { message: notice, kind: "info" };
  const lines = refused.map((r) => r.message);
  return { message: [...lines, ...(notice ? [notice] : [])].join("\n"), kind: "error" };
}
