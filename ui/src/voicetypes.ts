// The JSON of the voice of the customer (issue 21), as the engine serialises it
// (src-tauri/voice/report.rs, app/voice.rs, store/themes.rs). Re-exported by api.ts.
import type { MonthRange } from "./healthtypes";

/** Where a comment was written. */
export type CommentSource = "nps" | "csat" | "ces" | "enps" | "ticket";
export type CommentNpsGroup = "detractor" | "passive" | "promoter";

/** Comments per NPS group and CSAT half in the period: the denominators of the themes' shares. */
export interface VoiceGroups {
  detractors: number;
  passives: number;
  promoters: number;
  csat_low: number;
  csat_high: number;
}

/** A theme's comments in one group and their share of that group's comments (null: the group has none). */
export interface VoiceShare {
  comments: number;
  share: number | null;
}

export interface VoiceQuarter {
  /** "2026-Q1" (fiscal quarters follow the settings). */
  quarter: string;
  comments: number;
  /** Of all the quarter's comments; null when the quarter has none. */
  share: number | null;
  /** Set when the period holds only some of its months (`months`, `from` to `to`, YYYY-MM). */
  partial: boolean;
  months: number;
  from: string;
  to: string;
}

export interface VoiceMoney {
  value: number | null;
  /** Why there is no value. */
  reason?: string;
}

/** A theme the user merged into another. */
export interface MergedTheme {
  key: string;
  name: string;
}

export interface VoiceTheme {
  /** The stem that defines it: the key of every edit. */
  key: string;
  /** The user's name for it, else `found_name`. */
  name: string;
  /** Its most typical phrase in the comments. */
  found_name: string;
  merged: MergedTheme[];
  comments: number;
  customers: number;
  scored: number;
  /** Average VADER compound (-1..1) of its scored comments. */
  sentiment: number | null;
  by_nps_group: { detractors: VoiceShare; passives: VoiceShare; promoters: VoiceShare };
  by_csat: { low: VoiceShare; high: VoiceShare };
  by_quarter: VoiceQuarter[];
  /** MRR of the customers who mention it, at the period's last month with revenue. */
  mrr: VoiceMoney;
}

/** A theme among a group's comments: `comments` of the group's `of` mention it. */
export interface TopTheme {
  key: string;
  name: string;
  comments: number;
  of: number;
  share: number | null;
}

export interface HiddenTheme {
  key: string;
  name: string;
  comments: number;
}

/** One comment with the answer it came with and where it was read. */
export interface VoiceComment {
  file: string | null;
  sheet: string | null;
  row: number | null;
  /** YYYY-MM-DD */
  date: string;
  customer: string | null;
  source: CommentSource;
  score: number | null;
  nps_group: CommentNpsGroup | null;
  text: string;
  /** VADER compound, -1..1; null when not scored (`not_scored` says why). */
  sentiment: number | null;
  not_scored: string | null;
  /** The largest theme it belongs to (its name). */
  theme: string | null;
  themes: string[];
}

/** The Voice view (`voice_view`): the comments themselves are asked for per theme (`voice_comments`). */
export interface Voice {
  period: MonthRange;
  comments: number;
  scored: number;
  /** Why the other comments are not scored, with counts. */
  not_scored: Record<string, number>;
  /** Which languages are scored, in a sentence. */
  languages: string;
  sentiment: number | null;
  groups: VoiceGroups;
  /** Largest first. */
  themes: VoiceTheme[];
  /** The themes detractors and low-CSAT answers mention most (at most 3 each). */
  top: { detractors: TopTheme[]; csat_low: TopTheme[] };
  hidden: HiddenTheme[];
  /** Comments in no theme. */
  unthemed: number;
}

/** A theme's comments, most negative first: the first 500 of `total`. */
export interface ThemeComments {
  total: number;
  comments: VoiceComment[];
}

/** A change to a theme; `name: null` goes back to the found name, `into: null` takes it out again. */
export type ThemeEdit =
  | { action: "rename"; key: string; name: string | null }
  | { action: "merge"; key: string; into: string | null }
  | { action: "hide"; key: string; hidden: boolean };

/** The user's stored edits, by theme key. */
export interface ThemeEdits {
  renames: Record<string, string>;
  merges: Record<string, string>;
  hidden: string[];
}
