// Display formatting of engine values (presentation only: the numbers come from Rust).
import type { Kpi, Unit } from "./api";
import { columnWords, plainKeys, sheetPhrase } from "./words";

let currency = "$";
let chosen: string | null = null;
let dataCurrency: string | null = null;
const SYMBOLS: Record<string, string> = { USD: "$", EUR: "€", GBP: "£", JPY: "¥", CNY: "¥", INR: "₹", KRW: "₩", BRL: "R$", CAD: "CA$", AUD: "A$", CHF: "CHF ", SEK: "SEK ", NOK: "NOK ", DKK: "DKK " };
const settle = () => {
  currency = chosen ?? (dataCurrency ? (SYMBOLS[dataCurrency] ?? `${dataCurrency} `) : "$");
};
/** The currency symbol from the settings; unset = the symbol of the data's reporting currency. */
export function setCurrency(symbol: string | null | undefined): void {
  chosen = symbol && symbol.trim() ? symbol.trim() : null;
  settle();
}
/** The reporting currency of the data on screen (`EUR`), shown when no symbol is set. */
export function setDataCurrency(code: string | null | undefined): void {
  dataCurrency = code ?? null;
  settle();
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

/** Money with a fixed number of decimals ("$730", "$75,675.70"): a column of amounts written alike. */
export function moneyDigits(v: number, digits: number): string {
  return minus(`${v < 0 ? "-" : ""}${currency}${fmt(digits).format(Math.abs(v))}`);
}

/** The ratios shown as multiples ("3.2×") rather than percentages (the engine's formulas::is_multiple). */
const MULTIPLES = new Set(["ltv_to_cac", "quick_ratio"]);
const isMultiple = (id: string) => MULTIPLES.has(id);

export function formatNumber(v: number, unit: Unit, id = ""): string {
  switch (unit) {
    case "money":
      return money(v);
    case "ratio":
      return isMultiple(id) ? `${one.format(v)}×` : minus(`${one.format(v * 100)}%`);
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
  const shown = k.unit === "ratio" && !isMultiple(id) ? `${one.format(abs * 100)} pts` : formatNumber(abs, k.unit, id).replace("\u2212", "");
  const sign = changeRoundsToZero(k, id) ? "±" : c > 0 ? "+" : "\u2212";
  return `${sign}${shown}`;
}

/** Whether the change shows as zero once rounded for display (no arrow then). */
export function changeRoundsToZero(k: Kpi, id = ""): boolean {
  if (typeof k.change !== "number") return false;
  const abs = Math.abs(k.change);
  const shown = k.unit === "ratio" && !isMultiple(id) ? one.format(abs * 100) : formatNumber(abs, k.unit, id);
  return !/[1-9]/.test(shown);
}

/** Short money for chart axes: 1.2M, 350k. */
/** "$1.2M", "$840k"; `millions` decimals for an axis whose steps are finer than 0.1M. */
export function shortMoney(v: number, millions = 1): string {
  const a = Math.abs(v);
  const s = v < 0 ? "-" : "";
  if (a >= 1e6) return `${s}${currency}${(a / 1e6).toFixed(millions)}M`;
  if (a >= 1e3) return `${s}${currency}${(a / 1e3).toFixed(0)}k`;
  return `${s}${currency}${a.toFixed(0)}`;
}

/** An axis tick in money, as short as `shortMoney` but with the decimals the axis' `step` needs:
 * "$2.5k" beside "$5.0k" rather than "$3k" beside "$5k", "$10M" rather than "$10.00M". */
export function tickMoney(v: number, step: number): string {
  const a = Math.abs(v);
  const unit = a >= 1e6 ? 1e6 : a >= 1e3 ? 1e3 : 1;
  const x = step / unit;
  const digits = [0, 1, 2, 3].find((d) => Math.abs(Math.round(x * 10 ** d) - x * 10 ** d) < 1e-6) ?? 3;
  return `${v < 0 ? "-" : ""}${currency}${(a / unit).toFixed(digits)}${unit === 1e6 ? "M" : unit === 1e3 ? "k" : ""}`;
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

/** Months in a sentence as the app writes them: "2024-03" -> "Mar 2024", "2024-01 .. 2024-03" ->
 * "Jan 2024 – Mar 2024" (dates such as 2024-03-15 are left alone). */
export function plainMonths(s: string): string {
  const month = String.raw`\d{4}-(?:0[1-9]|1[0-2])`;
  return s
    .replace(new RegExp(String.raw`\b(${month})\s*\.\.\s*(${month})\b(?!-\d)`, "g"), (_, a: string, b: string) => `${monthLabel(a)} – ${monthLabel(b)}`)
    .replace(new RegExp(String.raw`\b(${month})\b(?!-\d)`, "g"), (_, a: string) => monthLabel(a));
}

/** An engine text in plain words: table and column keys named, months written out. */
export function plainText(s: string): string {
  return plainMonths(plainKeys(s.replace(/needs table (\w+)/g, (_, t: string) => `needs ${sheetPhrase(t)}`)));
}

const sentence = (s: string) => {
  const t = s.trim();
  return `${t.charAt(0).toUpperCase()}${t.slice(1)}${/[.!?]$/.test(t) ? "" : "."}`;
};

/** "seats_purchased and seats_active" -> "seats purchased and seats active". */
const columnList = (s: string) => s.split(/( and | or |, )/).map((w) => (/^( and | or |, )$/.test(w) ? w : columnWords(w.trim()))).join("");

/** "needs table X…": which sheet to add, with what, in a sentence. */
function needsTable(table: string, rest: string): string {
  let or = "";
  let what = "";
  let tail = "";
  let m = /^ \(or (\w+)\)(.*)$/.exec(rest);
  if (m) {
    or = ` (or ${sheetPhrase(m[1])})`;
    rest = m[2];
  }
  if ((m = /^ with type (\S+)$/.exec(rest))) what = ` with ${m[1]} answers`;
  else if ((m = /^ with columns? (.+)$/.exec(rest))) what = / and | or /.test(m[1]) ? ` with columns for ${columnList(m[1])}` : ` with a column for ${columnWords(m[1])}`;
  else if (rest === " with customer rows") what = " with one row per customer";
  else if (rest === " to know the active customers") tail = ": it says which customers are active";
  else if ((m = /^ to count new customers \(spend (-?[\d.]+)\)$/.exec(rest))) tail = `: it counts the new customers (spend ${money(Number(m[1]))})`;
  else if (rest.trim()) what = ` ${plainText(rest.trim())}`;
  return `Add ${sheetPhrase(table)}${or}${what} to your workbook to see this${tail}.`;
}

/** Turns an engine reason ("needs table surveys with type NPS") into a sentence for a leader, with
 * no internal key in it ("Add a surveys sheet with NPS answers to your workbook to see this."). */
export function reasonSentence(reason: string | undefined): string {
  if (!reason) return "Not available for this data.";
  const r = reason.trim();
  let m = /^needs table (\w+)(.*)$/.exec(r);
  if (m) return needsTable(m[1], m[2]);
  if ((m = /^needs (\w+) column (.+?)(?: \(.*\))?$/.exec(r))) {
    const sheet = sheetPhrase(m[1]).replace(/^an? /, "the ");
    return `Add a column for ${columnList(m[2])} to ${sheet} to see this.`;
  }
  if ((m = /^needs column (\w+) in the (\w+)$/.exec(r))) return `Add a ${columnWords(m[1])} column to ${sheetPhrase(m[2]).replace(/^an? /, "the ")} to see this.`;
  if (r.startsWith("needs customer-level revenue")) return "Add an MRR sheet with one row per customer (or MRR events or subscriptions) to your workbook to see this: the MRR summary has company totals only.";
  return sentence(plainText(r));
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

/** What the import did to a table's rows, one line each: the rows an export rule set aside, then the
 * normalisation rules ("Interval = year: amount / 12 — 3 rows"). */
export function ruleLines(t: { set_aside?: Record<string, number>; rules?: { rule: string; rows: number }[] }): string[] {
  const rows = (n: number) => `${n.toLocaleString("en-US")} ${n === 1 ? "row" : "rows"}`;
  return [...Object.entries(t.set_aside ?? {}).map(([reason, n]) => `${rows(n)} set aside: ${reason}`), ...(t.rules ?? []).map((r) => `${r.rule} — ${rows(r.rows)}`)];
}
