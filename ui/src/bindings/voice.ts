// Generated from the Rust types by ts-rs (src-tauri/bindings): do not edit.
// `NORTHSTAR_WRITE_BINDINGS=1 cargo test --no-default-features --test bindings` writes the
// files again; that test fails while they are stale.

import type { MonthSpan } from "./kpi";

/**
 * The NPS group of the answer a comment came with.
 */
export type CommentNpsGroup = "detractor" | "passive" | "promoter";

/**
 * Where a comment was written.
 */
export type CommentSource = "nps" | "csat" | "ces" | "enps" | "ticket";

export type HiddenTheme = { key: string, name: string, comments: number, };

/**
 * A theme merged into another: its key (to take it out again) and the name its comments gave it.
 */
export type MergedTheme = { key: string, name: string, };

export type RowRef = { file: string | null, sheet: string | null, row: number | null, };

/**
 * One change to a theme.
 */
export type ThemeEdit = { "action": "rename", key: string, name: string | null, } | { "action": "merge", key: string, into: string | null, } | { "action": "hide", key: string, hidden: boolean, };

export type ThemeEdits = { 
/**
 * Key -> the name the user gave.
 */
renames: { [key in string]: string }, 
/**
 * Key -> the key of the theme it was merged into.
 */
merges: { [key in string]: string }, hidden: Array<string>, };

/**
 * A theme in a group: `comments` of the group's `of` comments mention it.
 */
export type TopTheme = { key: string, name: string, comments: number, of: number, share: number | null, };

export type Voice = { period: MonthSpan, 
/**
 * Comments dated in the period.
 */
comments: number, 
/**
 * Of them, scored for sentiment (English).
 */
scored: number, 
/**
 * Why the others are not, with counts ("not English (German)": 3).
 */
not_scored: { [key in string]: number }, languages: string, 
/**
 * Average sentiment of the scored comments (-1..1, 4 decimals).
 */
sentiment: number | null, 
/**
 * Comments per NPS group and CSAT half that take part in themes (not the non-answers nor
 * the comments in another language): the denominators of the themes' shares.
 */
groups: VoiceGroups, themes: Array<VoiceTheme>, 
/**
 * The themes detractors and dissatisfied (low CSAT) customers mention most.
 */
top: VoiceTop, 
/**
 * Themes the user hid (kept so they can be shown again).
 */
hidden: Array<HiddenTheme>, 
/**
 * Comments in no theme.
 */
unthemed: number, per_comment: Array<VoiceComment>, };

export type VoiceComment = { file: string | null, sheet: string | null, row: number | null, date: string, customer: string | null, source: CommentSource, score: number | null, nps_group: CommentNpsGroup | null, text: string, sentiment: number | null, not_scored: string | null, 
/**
 * The largest theme it belongs to (None: no theme).
 */
theme: string | null, themes: Array<string>, };

export type VoiceGroups = { detractors: number, passives: number, promoters: number, csat_low: number, csat_high: number, };

export type VoiceMoney = { value: number | null, reason?: string, 
/**
 * The theme's customers not in the revenue data (their MRR is not in `value`).
 */
customers_without_revenue: number, };

export type VoiceQuarter = { quarter: string, comments: number, 
/**
 * Of all comments of the quarter.
 */
share: number | null, 
/**
 * Set when the period holds only some of the quarter's months (`months`, `from` to `to`): its
 * comments are of those months only.
 */
partial: boolean, months: number, from: string, to: string, };

/**
 * A theme's comments in one group, and their share of that group's comments.
 */
export type VoiceShare = { comments: number, 
/**
 * None when the group has no comments.
 */
share: number | null, };

export type VoiceTheme = { key: string, name: string, found_name: string, merged: Array<MergedTheme>, comments: number, customers: number, scored: number, sentiment: number | null, by_nps_group: { [key in string]: VoiceShare }, by_csat: { [key in string]: VoiceShare }, by_quarter: Array<VoiceQuarter>, mrr: VoiceMoney, rows: Array<RowRef>, };

/**
 * The themes most mentioned by one group, at most `TOP` each, most mentioned first.
 */
export type VoiceTop = { detractors: Array<TopTheme>, csat_low: Array<TopTheme>, };
