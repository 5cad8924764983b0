import { describe, expect, it } from "vitest";
import { COMMENTS, VOICE } from "./fixtures/voice";
import { setCurrency, setDataCurrency } from "./format";
import type { Voice } from "./api";
import {
  commentMeta,
  commentsHeading,
  denominatorsText,
  emptyText,
  foundText,
  groupBars,
  languagesText,
  missingGroupsText,
  notScoredText,
  pct,
  sentiment,
  sentimentText,
  shareColumns,
  sortThemes,
  themeColumns,
  themeText,
  themeValues,
  tone,
  topLine,
  trendLines,
} from "./voicerows";

describe("the header of the Voice view", () => {
  it("says which languages are scored, why the others are not, and the average sentiment", () => {
    expect(languagesText(VOICE)).toBe("English (VADER); comments in other languages are not scored.");
    expect(notScoredText(VOICE)).toBe("Not scored: 2 not English (German).");
    // -0.0243 is within VADER's neutral band (-0.05 .. 0.05).
    expect(sentimentText(VOICE)).toBe("Average sentiment \u22120.02 (neutral), on a scale from \u22121 (most negative) to +1 (most positive).");
    expect(notScoredText({ ...VOICE, not_scored: {} })).toBeNull();
  });

  it("writes sentiments with their sign and reads them as VADER does", () => {
    expect([sentiment(0.6009), sentiment(-0.2358), sentiment(0), sentiment(null)]).toEqual(["+0.60", "\u22120.24", "0.00", "—"]);
    expect([tone(0.05), tone(0.0499), tone(-0.05), tone(null)]).toEqual(["positive", "neutral", "negative", null]);
  });

  it("has a sentence for no comments at all and for comments without a theme", () => {
    const none: Voice = { ...VOICE, comments: 0, scored: 0, not_scored: {}, sentiment: null, themes: [], unthemed: 0 };
    expect(emptyText(none)).toBe("No survey comments or ticket subjects in this period.");
    expect(sentimentText(none)).toBeNull();
    expect(emptyText({ ...VOICE, themes: [] })).toMatch(/^No themes: too few comments talk about the same thing/);
    // Every theme hidden: the table says so and lists them; no empty-state sentence.
    expect(emptyText({ ...VOICE, themes: [], hidden: [{ key: "report", name: "report times", comments: 290 }] })).toBeNull();
    expect(emptyText(VOICE)).toBeNull();
  });
});

describe("the themes table", () => {
  it("leaves out the share columns of groups with no comment, and says so", () => {
    // The demo's period: 10 detractor and 34 promoter comments, no passive or CSAT comment.
    expect(shareColumns(VOICE.groups).map((c) => c.id)).toEqual(["detractors", "promoters"]);
    expect(missingGroupsText(VOICE.groups)).toBe("No passive or low-CSAT comments in this period.");
    expect(denominatorsText(VOICE.groups)).toBe("Shares are of each group's comments in the period: 10 detractor, 34 promoter.");
    const all = { detractors: 1, passives: 2, promoters: 3, csat_low: 4, csat_high: 0 };
    expect(shareColumns(all)).toHaveLength(4);
    expect(missingGroupsText(all)).toBeNull();
    expect(missingGroupsText({ ...all, passives: 0, promoters: 0, csat_low: 0 })).toBe("No passive, promoter or low-CSAT comments in this period.");
  });

  it("gives each theme its figures, formatted", () => {
    setCurrency("$");
    setDataCurrency("USD");
    const shares = shareColumns(VOICE.groups);
    const cols = themeColumns(shares);
    expect(cols.map((c) => c[0])).toEqual(["Theme", "Comments", "Customers", "Sentiment", "Detractors", "Promoters", "MRR of customers"]);
    const first = themeValues(VOICE.themes[0], shares);
    // report times: 290 comments by 167 customers, sentiment -0.0969, 2 of 10 detractor comments
    // (0.2), 3 of 34 promoter comments (0.0882), their MRR 653,740.
    expect(first).toEqual(["report times", 290, 167, -0.0969, 0.2, 0.0882, 653740]);
    expect(first.map((v, i) => themeText(v, i, cols.length))).toEqual(["report times", "290", "167", "\u22120.10", "20.0%", "8.8%", "$653,740"]);
    expect(themeText(null, 4, cols.length)).toBe("—");
  });

  it("sorts by a column, unknown values last, and keeps the engine's order unsorted", () => {
    const shares = shareColumns(VOICE.groups);
    const list = VOICE.themes.map((t) => ({ key: t.key, values: themeValues(t, shares) }));
    expect(sortThemes(list, -1, true).map((r) => r.key)).toEqual(VOICE.themes.map((t) => t.key));
    // Sentiment, most negative first: invoice -0.2358, hubspot -0.2214, report times -0.0969.
    expect(sortThemes(list, 3, true).slice(0, 3).map((r) => r.key)).toEqual(["invoic", "integr", "report"]);
    // Detractors' share, largest first: support 0.4, report times 0.2, then invoice and hubspot 0.1.
    expect(sortThemes(list, 4, false).slice(0, 2).map((r) => r.key)).toEqual(["support", "report"]);
    const withNull = [{ key: "a", values: [null] }, { key: "b", values: [1] }];
    expect(sortThemes(withNull, 0, true).map((r) => r.key)).toEqual(["b", "a"]);
    expect(sortThemes(withNull, 0, false).map((r) => r.key)).toEqual(["b", "a"]);
  });

  it("names what a renamed theme was found as", () => {
    expect(foundText(VOICE.themes[0])).toBeNull();
    expect(foundText({ ...VOICE.themes[0], name: "Slow reports" })).toBe("found as “report times”");
  });
});

describe("the charts' rows", () => {
  it("bars: one series per NPS group with comments, the largest themes", () => {
    const b = groupBars(VOICE, 3);
    expect(b.themes).toEqual(["report times", "add", "invoice"]);
    expect(b.series.map((s) => [s.id, s.of])).toEqual([
      ["detractors", 10],
      ["promoters", 34],
    ]);
    expect(b.series[0].values).toEqual([0.2, 0, 0.1]);
    expect(b.series[0].counts).toEqual([2, 0, 1]);
    expect(groupBars(VOICE).themes).toHaveLength(9);
  });

  it("trend: the five largest themes over the period's quarters", () => {
    const t = trendLines(VOICE);
    // The period (Nov 2025 - Oct 2026) holds two months of 2025-Q4 and one of 2026-Q4.
    expect(t.quarters).toEqual(["2025-Q4 (Nov–Dec only)", "2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4 (Oct only)"]);
    expect(t.lines.map((l) => l.name)).toEqual(["report times", "add", "invoice", "dashboard", "api rate limit"]);
    expect(t.lines[0].values).toEqual([0.1448, 0.1447, 0.1388, 0.1888, 0.1934]);
    expect(trendLines({ ...VOICE, themes: [] })).toEqual({ quarters: [], lines: [] });
  });
});

describe("the NPS and CSAT drawers", () => {
  it("names the detractors' top themes with their counts and share", () => {
    expect(VOICE.top.detractors.map((t) => topLine(t, "detractors"))).toEqual([
      "support: 4 of 10 detractor comments (40.0%)",
      "report times: 2 of 10 detractor comments (20.0%)",
      "invoice: 1 of 10 detractor comments (10.0%)",
    ]);
    expect(topLine({ key: "bill", name: "billing", comments: 1, of: 1, share: 1 }, "csat_low")).toBe("billing: 1 of 1 low-CSAT comment (100.0%)");
  });
});

describe("a theme's comments", () => {
  it("shows date, customer, answer, sentiment or why not scored, and the file row", () => {
    expect(commentMeta(COMMENTS[0])).toEqual(["12 Nov 2025", "LA-0291", "NPS 9 (promoter)", "Sentiment +0.71", "northstar-demo.xlsx · Surveys · row 2192"]);
    expect(commentMeta(COMMENTS[1])[3]).toBe("Not scored: not English (German)");
    expect(commentMeta(COMMENTS[2]).slice(2, 4)).toEqual(["Ticket", "Sentiment \u22120.23"]);
    expect(commentMeta({ ...COMMENTS[2], file: null, sheet: null, row: null, customer: null })[4]).toBe("made in the app (no file row)");
  });

  it("says how many there are and which are shown", () => {
    expect(commentsHeading(290, 290)).toBe("290 comments, most negative first.");
    expect(commentsHeading(1826, 500)).toBe("The 500 most negative of 1,826 comments.");
    expect(commentsHeading(1, 1)).toBe("1 comment, most negative first.");
    expect(commentsHeading(0, 0)).toBe("No comments.");
    expect(pct(0.0882)).toBe("8.8%");
  });
});
