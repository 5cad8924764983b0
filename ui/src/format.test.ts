import { describe, expect, it } from "vitest";
import { coverageText, ruleLines, formatChange, formatValue, importNotice, monthLabel, reasonSentence, setCurrency, setDataCurrency, shortMoney, sparkline, tickMoney } from "./format";

describe("formatValue", () => {
  it("formats each unit as a leader reads it", () => {
    setCurrency("$");
    expect(formatValue({ value: 1011480, unit: "money" })).toBe("$1,011,480");
    expect(formatValue({ value: 542.5, unit: "money" })).toBe("$543");
    expect(formatValue({ value: 49.57, unit: "money" })).toBe("$49.57");
    expect(formatValue({ value: -2500, unit: "money" })).toBe("\u2212$2,500");
    expect(formatValue({ value: 1.0328, unit: "ratio" })).toBe("103.3%");
    expect(formatValue({ value: -0.006, unit: "ratio" })).toBe("\u22120.6%");
    expect(formatValue({ value: -12, unit: "score" })).toBe("\u221212.0");
    expect(formatValue({ value: 9.8, unit: "ratio" }, "ltv_to_cac")).toBe("9.8×");
    // The quick ratio is a multiple too (2.33 = $2.33 gained per $1 lost); its change is not in points.
    expect(formatValue({ value: 2.3268, unit: "ratio" }, "quick_ratio")).toBe("2.3×");
    expect(formatChange({ value: 2.3, unit: "ratio", previous: 2.8, change: -0.5 }, "quick_ratio")).toBe("\u22120.5×");
    // Concentration shares and the HHI are percentages.
    expect(formatValue({ value: 0.25, unit: "ratio" }, "mrr_hhi")).toBe("25.0%");
    expect(formatValue({ value: 293, unit: "count" })).toBe("293");
    expect(formatValue({ value: 31.1, unit: "count" })).toBe("31.1");
    expect(formatValue({ value: 44.94, unit: "days" })).toBe("44.9 days");
    expect(formatValue({ value: null, unit: "ratio", reason: "x" })).toBe("—");
    expect(formatValue({ value: [{ quarter: "2024-Q1", value: 10 }, { quarter: "2024-Q2", value: 2500 }], unit: "money" })).toBe("$2,500");
  });

  it("uses the currency of the settings", () => {
    setCurrency("€");
    expect(formatValue({ value: 1200, unit: "money" })).toBe("€1,200");
    setCurrency(null);
    expect(formatValue({ value: 1200, unit: "money" })).toBe("$1,200");
  });
});

describe("changes and helpers", () => {
  it("shows changes in points for ratios and in units otherwise", () => {
    expect(formatChange({ value: 1.02, unit: "ratio", previous: 0.97, change: 0.05 })).toBe("+5.0 pts");
    expect(formatChange({ value: 90, unit: "money", previous: 100, change: -10 })).toBe("\u2212$10.00");
    expect(formatChange({ value: 3, unit: "count" })).toBeNull();
    // Never "−0.0": a change that rounds to zero is ±0.
    expect(formatChange({ value: 0.5, unit: "ratio", previous: 0.5004, change: -0.0004 })).toBe("±0.0 pts");
    expect(formatChange({ value: 10, unit: "money", previous: 10.001, change: -0.001 })).toBe("±$0.00");
    expect(formatChange({ value: 3, unit: "count", previous: 3, change: 0 })).toBe("±0");
  });
  it("says which months a table covers", () => {
    expect(coverageText({ first: "2024-01", last: "2024-10" })).toBe("covers Jan 2024 – Oct 2024");
    expect(coverageText({ first: "2024-10", last: "2024-10" })).toBe("covers Oct 2024");
  });
  it("shortens axis money", () => {
    expect(shortMoney(1_250_000)).toBe("$1.3M");
    expect(shortMoney(350_000)).toBe("$350k");
    // Two decimals of millions: 1,125,000 -> 1.125 (exact in binary) -> "1.13"; 1,050,000 -> "1.05".
    expect(shortMoney(1_125_000, 2)).toBe("$1.13M");
    expect(shortMoney(1_050_000, 2)).toBe("$1.05M");
    expect(shortMoney(-20_000)).toBe("-$20k");
  });
  it("writes axis ticks with the decimals their step needs", () => {
    // Steps of $2,500: 2.5 thousands needs one decimal, and every tick of the axis has it.
    expect([0, 2500, 5000].map((v) => tickMoney(v, 2500))).toEqual(["$0", "$2.5k", "$5.0k"]);
    // Steps of $1M: whole millions; of $250,000: two decimals of millions.
    expect(tickMoney(10_000_000, 1_000_000)).toBe("$10M");
    expect(tickMoney(10_250_000, 250_000)).toBe("$10.25M");
    expect(tickMoney(500, 500)).toBe("$500");
    expect(tickMoney(-150_000, 50_000)).toBe("-$150k");
  });
  it("labels months", () => {
    expect(monthLabel("2024-03")).toBe("Mar 2024");
  });
  it("explains missing tables in plain words", () => {
    expect(reasonSentence("needs table surveys with type NPS")).toBe("Add a surveys sheet with NPS answers to your workbook to see this.");
    expect(reasonSentence("no churn in period")).toBe("No churn in period.");
    expect(reasonSentence("every row of s.csv was refused")).toBe("Every row of s.csv was refused.");
    expect(reasonSentence("revenue data ends 2024-01")).toBe("Revenue data ends Jan 2024.");
    expect(reasonSentence(undefined)).toBe("Not available for this data.");
  });
  it("uses the right article and no internal key in any reason the engine gives", () => {
    const cases: [string, string][] = [
      ["needs table mrr (or subscriptions)", "Add an MRR sheet (or a subscriptions sheet) to your workbook to see this."],
      ["needs table mrr (or subscriptions) with customer rows", "Add an MRR sheet (or a subscriptions sheet) with one row per customer to your workbook to see this."],
      ["needs table usage", "Add a usage sheet to your workbook to see this."],
      ["needs table orders", "Add an orders sheet to your workbook to see this."],
      ["needs table activities", "Add an activities sheet to your workbook to see this."],
      ["needs table customers with columns onboarding_start and first_value_date", "Add a customers sheet with columns for onboarding start date and first value date to your workbook to see this."],
      ["needs table customers with columns seats_purchased and seats_active", "Add a customers sheet with columns for seats purchased and seats active to your workbook to see this."],
      ["needs table customers with column onboarding_rating", "Add a customers sheet with a column for onboarding rating to your workbook to see this."],
      ["needs table mrr to know the active customers", "Add an MRR sheet to your workbook to see this: it says which customers are active."],
      ["needs table mrr to count new customers (spend 1342009.75)", "Add an MRR sheet to your workbook to see this: it counts the new customers (spend $1,342,010)."],
      ["needs usage column session_seconds (duration)", "Add a column for session length (seconds) to the usage sheet to see this."],
      ["needs tickets column contacts or fcr", "Add a column for contacts to resolve or resolved on first contact to the support tickets sheet to see this."],
      ["needs column customers in the mrr_summary", "Add a customers column to the MRR summary sheet to see this."],
      ["the mrr_summary has no row for 2024-03", "The MRR summary has no row for Mar 2024."],
      ["the previous period 2023-01 .. 2023-12 has no value (needs table mrr): no comparison", "The previous period Jan 2023 – Dec 2023 has no value (needs an MRR sheet): no comparison."],
      ["usage data covers 2024-01 to 2024-10 of this period", "Usage data covers Jan 2024 to Oct 2024 of this period."],
      ["every row of mrr_summary.csv was refused", "Every row of mrr_summary.csv was refused."],
    ];
    setCurrency("$");
    for (const [reason, want] of cases) {
      const got = reasonSentence(reason);
      expect(got).toBe(want);
      if (!got.includes(".csv")) expect(got).not.toMatch(/[a-z]_[a-z]/);
      expect(got).not.toMatch(/\ba mrr\b|\ban usage\b|\ba MRR\b|\ban [bcdfgjklnpqrstvwz]/i);
    }
  });
  it("draws sparklines with gaps and needs two points", () => {
    expect(sparkline([1])).toBe("");
    const svg = sparkline([0, null, 10, 5], 30, 12);
    expect(svg).toContain('d="M0.0,10.0M20.0,2.0L30.0,6.0"');
  });
});

describe("import notice", () => {
  it("names every table whose rows were all refused, as an error", () => {
    expect(importNotice(null, [])).toEqual({ message: null, kind: "info" });
    expect(importNotice("Could not reopen", [])).toEqual({ message: "Could not reopen", kind: "info" });
    const refused = [{ message: "s.csv: 3 rows refused: 2 not a number, 1 not a month or date" }];
    expect(importNotice(null, refused)).toEqual({ message: "s.csv: 3 rows refused: 2 not a number, 1 not a month or date", kind: "error" });
    expect(importNotice("note", refused).message).toBe("s.csv: 3 rows refused: 2 not a number, 1 not a month or date\nnote");
  });
});

describe("rules applied to an export", () => {
  it("lists the rows set aside, then each rule with its rows", () => {
    expect(ruleLines({ set_aside: { "in trial: not counted as MRR": 3, "refunded in full": 1 }, rules: [{ rule: "Interval = year: amount / 12", rows: 2 }] })).toEqual([
      "3 rows set aside: in trial: not counted as MRR",
      "1 row set aside: refunded in full",
      "Interval = year: amount / 12 — 2 rows",
    ]);
    expect(ruleLines({})).toEqual([]);
  });
});

describe("the currency shown", () => {
  it("is the symbol set in Settings, else the data's reporting currency", () => {
    setCurrency(null);
    setDataCurrency("EUR");
    expect(formatValue({ value: 1234, unit: "money" })).toBe("€1,234");
    setDataCurrency("SEK");
    expect(formatValue({ value: 1234, unit: "money" })).toBe("SEK 1,234");
    setCurrency("$");
    expect(formatValue({ value: 1234, unit: "money" })).toBe("$1,234");
    setCurrency(null);
    setDataCurrency(null);
    expect(formatValue({ value: 1234, unit: "money" })).toBe("$1,234");
  });
});
