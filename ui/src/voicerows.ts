// The Voice view's words, table cells and chart rows, built from the engine's JSON (pure: no DOM,
// tested in voicerows.test.ts). Every figure is the engine's; this only labels and formats it.
import { monthLabel, moneyDigits, plainText } from "./format";
import type { CommentSource, TopTheme, Voice, VoiceComment, VoiceGroups, VoiceTheme } from "./api";
import { quarterLabel } from "./tiles";
import { dateLabel } from "./words";

const whole = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const one = new Intl.NumberFormat("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const two = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** A count: "1,234". */
export const count = (n: number): string => whole.format(n);
/** "1 comment", "1,826 comments". */
export const comments = (n: number): string => `${count(n)} ${n === 1 ? "comment" : "comments"}`;
/** A share as a percentage with one decimal ("20.0%"), or a dash when unknown. */
export const pct = (v: number | null | undefined): string => (v === null || v === undefined ? "—" : `${one.format(v * 100)}%`);
/** A VADER compound with two decimals and its sign ("+0.15", "−0.10"), or a dash. */
export function sentiment(v: number | null | undefined): string {
  if (v === null || v === undefined) return "—";
  const s = two.format(Math.abs(v));
  return s === "0.00" ? s : `${v < 0 ? "\u2212" : "+"}${s}`;
}

/** VADER's own reading of a compound score (its authors' thresholds, ±0.05): the colour of a cell. */
export function tone(v: number | null | undefined): "positive" | "negative" | "neutral" | null {
  if (v === null || v === undefined) return null;
  return v >= 0.05 ? "positive" : v <= -0.05 ? "negative" : "neutral";
}

const sentence = (s: string) => {
  const t = s.trim();
  return `${t.charAt(0).toUpperCase()}${t.slice(1)}${/[.!?]$/.test(t) ? "" : "."}`;
};

/** The period of the view: "Nov 2025 – Oct 2026". */
export const periodText = (v: Voice): string => `${monthLabel(v.period.from)} – ${monthLabel(v.period.to)}`;

/** Which languages are scored, as a sentence. */
export const languagesText = (v: Voice): string => sentence(v.languages);

/** Each reason a comment is not scored, with its count: "Not scored: 2 not English (German)." */
export function notScoredText(v: Voice): string | null {
  const reasons = Object.entries(v.not_scored);
  if (!reasons.length) return null;
  return `Not scored: ${reasons.map(([why, n]) => `${count(n)} ${plainText(why)}`).join("; ")}.`;
}

/** The average sentiment in words, with its scale. */
export function sentimentText(v: Voice): string | null {
  if (v.sentiment === null) return null;
  return `Average sentiment ${sentiment(v.sentiment)} (${tone(v.sentiment)}), on a scale from \u22121 (most negative) to +1 (most positive).`;
}

/** What the view says instead of its tables: no comments at all, or no theme among them. */
export function emptyText(v: Voice): string | null {
  if (v.comments === 0) return "No survey comments or ticket subjects in this period.";
  if (!v.themes.length && !v.hidden.length) return "No themes: too few comments talk about the same thing. Each comment is still listed under “comments in no theme”.";
  return null;
}

/** The share columns of the themes table: a group with no comment in the period has none. */
export interface ShareColumn {
  id: "detractors" | "passives" | "promoters" | "csat_low";
  label: string;
  title: string;
  get: (t: VoiceTheme) => number | null;
}
const SHARES: (ShareColumn & { group: keyof VoiceGroups; none: string })[] = [
  { id: "detractors", group: "detractors", label: "Detractors", title: "Share of detractors' comments (NPS 0-6) that mention it", none: "detractor", get: (t) => t.by_nps_group.detractors.share },
  { id: "passives", group: "passives", label: "Passives", title: "Share of passives' comments (NPS 7-8) that mention it", none: "passive", get: (t) => t.by_nps_group.passives.share },
  { id: "promoters", group: "promoters", label: "Promoters", title: "Share of promoters' comments (NPS 9-10) that mention it", none: "promoter", get: (t) => t.by_nps_group.promoters.share },
  { id: "csat_low", group: "csat_low", label: "Low CSAT", title: "Share of the comments with a low CSAT answer that mention it", none: "low-CSAT", get: (t) => t.by_csat.low.share },
];
export function shareColumns(g: VoiceGroups): ShareColumn[] {
  return SHARES.filter((s) => g[s.group] > 0);
}
/** The groups left out of the table, in a sentence ("No passive or low-CSAT comments in this period."). */
export function missingGroupsText(g: VoiceGroups): string | null {
  const none = SHARES.filter((s) => g[s.group] === 0).map((s) => s.none);
  if (!none.length) return null;
  const list = none.length === 1 ? none[0] : `${none.slice(0, -1).join(", ")} or ${none[none.length - 1]}`;
  return `No ${list} comments in this period.`;
}
/** The denominators of the shares: "Shares are of each group's comments: 10 detractors', 34 promoters'." */
export function denominatorsText(g: VoiceGroups): string | null {
  const cols = SHARES.filter((s) => g[s.group] > 0);
  if (!cols.length) return null;
  return `Shares are of each group's comments in the period: ${cols.map((s) => `${count(g[s.group])} ${s.none}`).join(", ")}.`;
}

export type Cell = string | number | null;
/** A theme's sortable values: name, comments, customers, sentiment, the shares shown, MRR. */
export function themeValues(t: VoiceTheme, shares: ShareColumn[]): Cell[] {
  return [t.name, t.comments, t.customers, t.sentiment, ...shares.map((s) => s.get(t)), t.mrr.value];
}
/** The header of the values above, with a tooltip each. */
export function themeColumns(shares: ShareColumn[]): [string, string][] {
  return [
    ["Theme", "Named by its most typical phrase in the comments (rename it to your own words)"],
    ["Comments", "Comments that mention it"],
    ["Customers", "Customers who wrote them"],
    ["Sentiment", "Average sentiment of its scored comments, −1 to +1"],
    ...shares.map((s): [string, string] => [s.label, s.title]),
    ["MRR of customers", "MRR of the customers who mention it, at the period's last month with revenue"],
  ];
}
/** A value as shown: counts, sentiment, shares, money (with the data's currency). */
export function themeText(v: Cell, col: number, columns: number): string {
  if (col === 0) return v === null ? "" : String(v);
  if (v === null) return "—";
  if (typeof v === "string") return v;
  if (col <= 2) return count(v);
  if (col === 3) return sentiment(v);
  if (col === columns - 1) return moneyDigits(v, 0);
  return pct(v);
}
/** Sorts the rows by a column (nulls last either way); the engine's order (largest first) when none. */
export function sortThemes<T extends { values: Cell[] }>(rows: T[], col: number, asc: boolean): T[] {
  if (col < 0) return rows;
  return [...rows].sort((a, b) => {
    const x = a.values[col];
    const y = b.values[col];
    if (x === y) return 0;
    if (x === null) return 1;
    if (y === null) return -1;
    const r = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y));
    return asc ? r : -r;
  });
}

/** Under a theme's name: the name the comments gave it (after a rename). */
export const foundText = (t: VoiceTheme): string | null => (t.name !== t.found_name ? `found as “${t.found_name}”` : null);

/** The grouped bars: the first `max` themes (largest first), one series per group with comments. */
export interface GroupBars {
  themes: string[];
  series: { id: "detractors" | "passives" | "promoters"; label: string; color: string; values: (number | null)[]; counts: number[]; of: number }[];
}
export function groupBars(v: Voice, max = 10): GroupBars {
  const list = v.themes.slice(0, max);
  const groups = [
    { id: "detractors" as const, label: "Detractors", color: "#dc2626" },
    { id: "passives" as const, label: "Passives", color: "#eab308" },
    { id: "promoters" as const, label: "Promoters", color: "#16a34a" },
  ].filter((g) => v.groups[g.id] > 0);
  return {
    themes: list.map((t) => t.name),
    series: groups.map((g) => ({ ...g, values: list.map((t) => t.by_nps_group[g.id].share), counts: list.map((t) => t.by_nps_group[g.id].comments), of: v.groups[g.id] })),
  };
}

/** The trend lines: the first `n` themes (largest first), each quarter's share of that quarter's
 * comments; a quarter cut by the period says which months it holds ("2026-Q4 (Oct only)"). */
export function trendLines(v: Voice, n = 5): { quarters: string[]; lines: { name: string; values: (number | null)[]; counts: number[] }[] } {
  const list = v.themes.slice(0, n);
  return {
    quarters: list[0]?.by_quarter.map((q) => quarterLabel({ ...q, value: q.comments })) ?? [],
    lines: list.map((t) => ({ name: t.name, values: t.by_quarter.map((q) => q.share), counts: t.by_quarter.map((q) => q.comments) })),
  };
}

/** A line of the NPS and CSAT drawers: "report times: 2 of 10 detractor comments (20.0%)". */
export function topLine(t: TopTheme, group: "detractors" | "csat_low"): string {
  const of = group === "detractors" ? `detractor ${t.of === 1 ? "comment" : "comments"}` : `low-CSAT ${t.of === 1 ? "comment" : "comments"}`;
  return `${t.name}: ${count(t.comments)} of ${count(t.of)} ${of} (${pct(t.share)})`;
}

const SOURCES: Record<CommentSource, string> = { nps: "NPS", csat: "CSAT", ces: "CES", enps: "eNPS", ticket: "Ticket" };
/** Where the comment was written and the answer it came with: "NPS 3 (detractor)", "Ticket". */
export function sourceText(c: VoiceComment): string {
  const score = c.score === null ? "" : ` ${c.score}`;
  return `${SOURCES[c.source] ?? c.source}${score}${c.nps_group ? ` (${c.nps_group})` : ""}`;
}
/** "Sentiment −0.42", or why it is not scored. */
export function commentSentiment(c: VoiceComment): string {
  return c.sentiment === null ? `Not scored: ${plainText(c.not_scored ?? "no reason given")}` : `Sentiment ${sentiment(c.sentiment)}`;
}
/** "northstar-demo.xlsx · Surveys · row 2192" (what is known of it). */
export function whereText(c: VoiceComment): string {
  const parts = [c.file, c.sheet, c.row === null ? null : `row ${c.row}`].filter((p): p is string => !!p);
  return parts.length ? parts.join(" · ") : "made in the app (no file row)";
}
/** A comment's line under its text: date, customer, source and score, sentiment, file row. */
export function commentMeta(c: VoiceComment): string[] {
  return [dateLabel(c.date), c.customer ?? "no customer", sourceText(c), commentSentiment(c), whereText(c)];
}
/** Above a theme's comments: how many, in which order, and how many are shown. */
export function commentsHeading(total: number, shown: number): string {
  if (total === 0) return "No comments.";
  if (shown < total) return `The ${count(shown)} most negative of ${comments(total)}.`;
  return `${comments(total)}, most negative first.`;
}
