// The dashboard's KPI groups (labels and presentation only: values come from Rust), and how a tile
// shows its change, its partial data and its latest quarter.
import type { GoodWhen, Kpi, Quarter } from "./api";

/** A KPI of the explanation drawer, or of a report (which says which way is good news). */
type AnyKpi = Kpi & { good_when?: GoodWhen };
import { changeRoundsToZero, formatChange, formatNumber, reasonSentence } from "./format";

export interface TileDef {
  id: string;
  label: string;
}
export interface Group {
  title: string;
  tiles: TileDef[];
}

export const GROUPS: Group[] = [
  {
    title: "Revenue",
    tiles: [
      { id: "mrr", label: "MRR" },
      { id: "arr", label: "ARR" },
      { id: "active_customers", label: "Active customers" },
      { id: "arpa", label: "ARPA" },
      { id: "arpu", label: "ARPU (per active seat)" },
      { id: "net_new_mrr", label: "Net new MRR" },
      { id: "mrr_new", label: "New MRR" },
      { id: "mrr_expansion", label: "Expansion MRR" },
      { id: "mrr_reactivation", label: "Reactivation MRR" },
      { id: "mrr_contraction", label: "Contraction MRR" },
      { id: "mrr_churn", label: "Churned MRR" },
      { id: "customers_new", label: "New customers" },
      { id: "customers_reactivated", label: "Reactivated customers" },
      { id: "customers_churned", label: "Churned customers" },
      { id: "quarterly_expansion_revenue", label: "Expansion by quarter" },
      { id: "quick_ratio", label: "Quick ratio" },
      { id: "top10_mrr_share", label: "Top 10 customers' share of MRR" },
      { id: "top_decile_mrr_share", label: "Largest 10% of customers' share" },
      { id: "mrr_hhi", label: "Revenue concentration (HHI)" },
    ],
  },
  {
    title: "Retention & unit economics",
    tiles: [
      { id: "nrr", label: "Net revenue retention" },
      { id: "grr", label: "Gross revenue retention" },
      { id: "customer_retention_rate", label: "Customer retention" },
      { id: "customer_churn_rate", label: "Logo churn (period)" },
      { id: "monthly_churn_rate", label: "Monthly logo churn" },
      { id: "gross_mrr_churn_rate", label: "Gross MRR churn / month" },
      { id: "net_mrr_churn_rate", label: "Net MRR churn / month" },
      { id: "expansion_mrr_rate", label: "Expansion rate / month" },
      { id: "ltv_simple", label: "LTV (logo churn)" },
      { id: "ltv_revenue_churn", label: "LTV (revenue churn)" },
      { id: "customer_lifetime_months", label: "Customer lifetime" },
      { id: "clv_net_of_cac", label: "CLV net of CAC" },
      { id: "cac", label: "CAC" },
      { id: "ltv_to_cac", label: "LTV : CAC" },
      { id: "cac_payback_months", label: "CAC payback" },
      { id: "crc", label: "Retention cost / customer" },
      { id: "clv_transactional", label: "CLV (orders)" },
      { id: "repeat_purchase_rate", label: "Repeat purchase rate" },
    ],
  },
  {
    title: "Voice of the customer",
    tiles: [
      { id: "nps", label: "NPS" },
      { id: "csat", label: "CSAT" },
      { id: "ces_mean", label: "CES (mean, 1-7)" },
      { id: "ces_easy", label: "CES: found it easy" },
      { id: "enps", label: "eNPS (employees)" },
    ],
  },
  {
    title: "Service",
    tiles: [
      { id: "fcr", label: "First-contact resolution" },
      { id: "avg_resolution_hours", label: "Avg resolution time" },
    ],
  },
  {
    title: "Onboarding & team",
    tiles: [
      { id: "ttfv_days", label: "Time to first value" },
      { id: "onboarding_rating", label: "Onboarding rating" },
      { id: "engagement_activities", label: "Engagement touchpoints" },
      { id: "advocacy_activities", label: "Advocacy events" },
    ],
  },
  {
    title: "Adoption",
    tiles: [
      { id: "license_utilization", label: "License utilization" },
      { id: "dau", label: "Daily active users" },
      { id: "mau", label: "Monthly active users" },
      { id: "stickiness", label: "Stickiness (DAU/MAU)" },
      { id: "avg_session_minutes", label: "Avg session" },
      { id: "trial_conversion_rate", label: "Trial conversion" },
    ],
  },
  {
    title: "Renewals & contracts",
    tiles: [
      { id: "renewal_rate", label: "Renewal rate" },
      { id: "gross_renewal_rate", label: "Gross renewal rate" },
      { id: "acv", label: "ACV" },
      { id: "tcv", label: "TCV" },
    ],
  },
  {
    title: "Health",
    tiles: [
      { id: "health_avg", label: "Health score (avg)" },
      { id: "health_green", label: "Healthy (green)" },
      { id: "health_yellow", label: "Watch (yellow)" },
      { id: "health_red", label: "At risk (red)" },
    ],
  },
];

/** KPIs where a rise is bad news (their change arrow is red when up): the engine says so in each
 * KPI's `good_when`; this list is the fallback for a KPI without it. */
export const LOWER_IS_BETTER = new Set([
  "mrr_contraction",
  "mrr_churn",
  "customers_churned",
  "customer_churn_rate",
  "monthly_churn_rate",
  "gross_mrr_churn_rate",
  "net_mrr_churn_rate",
  "cac",
  "cac_payback_months",
  "crc",
  "avg_resolution_hours",
  "ttfv_days",
  "health_red",
  "top10_mrr_share",
  "top_decile_mrr_share",
  "mrr_hhi",
]);

/** Which way the KPI's change is good news (the engine's `good_when`). */
export function goodWhen(id: string, k: AnyKpi): GoodWhen {
  return k.good_when ?? (LOWER_IS_BETTER.has(id) ? "down" : "up");
}

/** A tile's change line: the arrow and text, coloured by whether the change is good news for this
 * KPI (`good` / `bad`; `flat` when it rounds to zero or the KPI is neutral), or "no comparison" with
 * the reason as its tooltip. */
export interface ChangeView {
  text: string;
  tone: "good" | "bad" | "flat" | "none";
  title: string;
}

const SAME_LENGTH = "Change vs the previous period of the same length";

export function changeView(id: string, k: AnyKpi): ChangeView | null {
  if (k.value === null || Array.isArray(k.value)) return null;
  const why = k.previous_reason ?? k.change_reason;
  if (why) return { text: "no comparison", tone: "none", title: reasonSentence(why) };
  const text = formatChange(k, id);
  if (text === null || typeof k.change !== "number") return null;
  if (changeRoundsToZero(k, id)) return { text, tone: "flat", title: `${SAME_LENGTH}: no change` };
  const arrow = k.change > 0 ? "▲" : "▼";
  const good = goodWhen(id, k);
  const tone = good === "neutral" ? "flat" : (k.change > 0) === (good === "up") ? "good" : "bad";
  return { text: `${arrow} ${text}`, tone, title: SAME_LENGTH };
}

/** The CSS class of a change's tone. */
export function toneClass(tone: ChangeView["tone"]): string {
  return { good: "up-good", bad: "down-bad", flat: "flat", none: "none" }[tone];
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const monthName = (m: string | undefined) => MONTHS[Number((m ?? "").split("-")[1]) - 1] ?? "";

/** "2026-Q4", or "2026-Q4 (Oct only)" / "2026-Q1 (Feb–Mar only)" for a quarter cut by the period or
 * the data. */
export function quarterLabel(q: Quarter): string {
  if (!q.partial) return q.quarter;
  const from = monthName(q.from);
  const to = monthName(q.to);
  if (!from) return `${q.quarter} (partial)`;
  return `${q.quarter} (${from === to || !to ? from : `${from}–${to}`} only)`;
}

/** The line under a list KPI's value: its latest quarter. */
export function latestQuarter(k: Kpi): string {
  if (!Array.isArray(k.value) || !k.value.length) return "";
  return `latest quarter: ${quarterLabel(k.value[k.value.length - 1])}`;
}

/** A KPI's standing against its target, for its tile: "✓ on track · within 30–70" or "✗ 3.2 pts below
 * 110%", coloured by the status the engine gave (which knows the KPI's direction), the target's
 * source as the tooltip. Null without a target or a value. */
export interface TargetView {
  text: string;
  tone: "good" | "bad";
  title: string;
}

export function targetView(k: Kpi): TargetView | null {
  if (!k.target || !k.status) return null;
  const on = k.status === "on_track";
  const distance = k.target_distance ?? "";
  const text = on ? `✓ on track${distance ? ` · ${distance}` : ""}` : `✗ ${distance || "off track"}`;
  const why = k.target.note ? ` (${k.target.note})` : "";
  return { text, tone: on ? "good" : "bad", title: `Target from ${k.target.source}${why}` };
}

/** A target's bounds as words in the KPI's unit: "≥ 110%", "≤ 18.0 mo", "30.0 – 70.0". */
export function targetText(t: { low: number | null; high: number | null }, unit: Kpi["unit"], id: string): string {
  const f = (v: number) => formatNumber(v, unit, id);
  if (t.low !== null && t.high !== null) return `${f(t.low)} – ${f(t.high)}`;
  if (t.low !== null) return `≥ ${f(t.low)}`;
  if (t.high !== null) return `≤ ${f(t.high)}`;
  return "no target";
}

/** The label a tile gives a KPI (its id when no tile shows it). */
export function kpiLabel(id: string): string {
  for (const g of GROUPS) {
    const t = g.tiles.find((x) => x.id === id);
    if (t) return t.label;
  }
  return id;
}
