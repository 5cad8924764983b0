// Plain words for the engine's keys (table kinds, canonical columns, customer attributes), so that no
// internal field name reaches the screen. Presentation only: the keys sent back to the engine stay
// the canonical ones.

/** Canonical columns of the workbook spec, as a leader reads them. */
const COLUMNS: Record<string, string> = {
  customer_id: "Customer ID",
  name: "Customer name",
  month: "Month",
  mrr: "MRR",
  arr: "ARR",
  date: "Date",
  mrr_change: "MRR change",
  event_type: "Event type",
  starting_mrr: "Starting MRR",
  new: "New MRR",
  expansion: "Expansion MRR",
  contraction: "Contraction MRR",
  churn: "Churned MRR",
  reactivation: "Reactivation MRR",
  net_new: "Net new MRR",
  ending_mrr: "Ending MRR",
  customers: "Customers",
  start_date: "Start date",
  end_date: "End date",
  quantity: "Quantity (seats)",
  status: "Status",
  plan: "Plan",
  currency: "Currency",
  segment: "Segment",
  csm: "CSM",
  region: "Region",
  signup_date: "Signup date",
  seats_purchased: "Seats purchased",
  seats_active: "Seats active",
  onboarding_start: "Onboarding start date",
  first_value_date: "First value date",
  onboarding_rating: "Onboarding rating",
  score: "Score",
  type: "Type",
  comment: "Comment",
  nps: "NPS score",
  csat: "CSAT score",
  ces: "CES score",
  enps: "eNPS score",
  ticket_id: "Ticket ID",
  opened: "Opened",
  resolved: "Resolved",
  contacts: "Contacts to resolve",
  first_contact_resolved: "Resolved on first contact",
  fcr: "Resolved on first contact",
  period: "Period",
  category: "Category",
  amount: "Amount",
  sales_marketing_spend: "Sales and marketing spend",
  cs_spend: "Customer success spend",
  order_id: "Order ID",
  user_id: "User ID",
  session_seconds: "Session length (seconds)",
  lead_id: "Lead ID",
  trial_start: "Trial start date",
  converted: "Converted",
  renewal_date: "Renewal date",
  renewable_arr: "ARR up for renewal",
  renewed_arr: "Renewed ARR",
  renewed: "Renewed",
  term_months: "Term (months)",
  term_years: "Term (years)",
  annual_value: "Annual value",
  recurring_value: "Recurring value",
  one_time_fees: "One-time fees",
};

/** Table kinds: their name, and the sheet with its article for a sentence ("an MRR sheet"). */
const KINDS: Record<string, [string, string]> = {
  mrr: ["MRR", "an MRR sheet"],
  mrr_events: ["MRR events", "an MRR events sheet"],
  mrr_summary: ["MRR summary", "an MRR summary sheet"],
  subscriptions: ["Subscriptions", "a subscriptions sheet"],
  customers: ["Customers", "a customers sheet"],
  surveys: ["Surveys", "a surveys sheet"],
  tickets: ["Support tickets", "a support tickets sheet"],
  activities: ["Activities", "an activities sheet"],
  costs: ["Costs", "a costs sheet"],
  orders: ["Orders", "an orders sheet"],
  usage: ["Usage", "a usage sheet"],
  trials: ["Trials", "a trials sheet"],
  renewals: ["Renewals", "a renewals sheet"],
  contracts: ["Contracts", "a contracts sheet"],
  fx_rates: ["Exchange rates", "an exchange rates sheet"],
  targets: ["Targets", "a targets sheet"],
};

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const spaced = (key: string) => key.replace(/_/g, " ").trim();

/** A canonical column's name: "Customer ID", "Seats purchased", "First value date". */
export function columnLabel(key: string): string {
  return COLUMNS[key] ?? capital(spaced(key));
}

/** A column's name inside a sentence: "seats purchased", "onboarding start date", "CSM". */
export function columnWords(key: string): string {
  const label = columnLabel(key);
  const first = label.split(" ")[0];
  return first.length > 1 && first === first.toUpperCase() ? label : label.charAt(0).toLowerCase() + label.slice(1);
}

/** A table kind's name: "MRR", "Support tickets". */
export function kindLabel(kind: string): string {
  return KINDS[kind]?.[0] ?? capital(spaced(kind));
}

/** A table kind as a sheet in a sentence, with its article: "an MRR sheet", "a usage sheet". */
export function sheetPhrase(kind: string): string {
  const known = KINDS[kind]?.[1];
  if (known) return known;
  const words = spaced(kind);
  return `${/^[aeiou]/i.test(words) ? "an" : "a"} ${words} sheet`;
}

/** A customer attribute (segment and breakdown menus): "Plan", "CSM", "Industry". */
export function attributeLabel(key: string): string {
  if (key.trim().toLowerCase() === "csm") return "CSM";
  return capital(spaced(key));
}

/** What a mapping editor's select says a column is used as: a canonical column in plain words,
 * "month 2024-05" for a wide MRR table's month column, and an unmapped column kept as an attribute
 * (customers) or not used. */
export function mapsToLabel(mapsTo: string, kind: string | null): string {
  if (/^month \d{4}-\d{2}$/.test(mapsTo)) return mapsTo;
  if (mapsTo === "extra" || mapsTo === "") return kind === "customers" ? "kept as an attribute" : "not used";
  return columnLabel(mapsTo);
}

/** The table kinds and columns a sentence may name, longest first (mrr_summary before mrr). */
const KEYS = [...new Set([...Object.keys(COLUMNS), ...Object.keys(KINDS)])].filter((k) => k.includes("_")).sort((a, b) => b.length - a.length);

/** Replaces the snake_case keys of a sentence by plain words (not inside file names). */
export function plainKeys(text: string): string {
  let out = text;
  for (const k of KEYS) {
    const words = KINDS[k] ? kindLabel(k) : columnWords(k);
    out = out.replace(new RegExp(`(?<![\\w./\\\\-])${k}(?![\\w/\\\\-]|\\.\\w)`, "g"), words);
  }
  return out;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
/** "2026-12-15" -> "15 Dec 2026" ("—" for none). */
export function dateLabel(d: string | null): string {
  if (!d) return "—";
  const [y, m, day] = d.split("-").map(Number);
  return MONTHS[m - 1] && day ? `${day} ${MONTHS[m - 1]} ${y}` : d;
}

/** What the Data view says about the correction a table got (exports.md §10): one remembered from a
 * table with the same columns names the day it was saved (UTC); null for none. */
export function mappingNote(t: { mapping?: string | null; mapping_saved?: string | null }): string | null {
  switch (t.mapping) {
    case "remembered":
      return t.mapping_saved ? `using your mapping from ${dateLabel(t.mapping_saved.slice(0, 10))}` : "using your mapping";
    case "file":
      return "using your mapping for this file";
    case "headers":
      return "using the mapping given for these columns";
    default:
      return null;
  }
}

/** A health component out of 100 ("70/100"), or the share of seats in use ("44%"). */
export function componentText(v: number | null, kind: "score" | "percent"): string {
  if (v === null) return "—";
  return kind === "percent" ? `${Math.round(v)}%` : `${Math.round(v)}/100`;
}
