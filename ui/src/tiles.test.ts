import { describe, expect, it } from "vitest";
import { setCurrency } from "./format";
import { changeView, latestQuarter, quarterLabel, targetView } from "./tiles";

describe("change arrows", () => {
  it("colours by whether the change is good news for the KPI", () => {
    setCurrency("$");
    expect(changeView("mrr", { value: 110, unit: "money", previous: 100, change: 10, good_when: "up" })).toEqual({
      text: "▲ +$10.00",
      tone: "good",
      title: "Change vs the previous period of the same length",
    });
    // More customers on watch is bad news, fewer is good news.
    expect(changeView("health_yellow", { value: 30, unit: "count", previous: 17, change: 13, good_when: "down" })?.tone).toBe("bad");
    expect(changeView("health_yellow", { value: 10, unit: "count", previous: 17, change: -7, good_when: "down" })?.tone).toBe("good");
    expect(changeView("crc", { value: 10, unit: "money", previous: 5, change: 5, good_when: "neutral" })?.tone).toBe("flat");
    // Without good_when, the fallback list still knows churn.
    expect(changeView("mrr_churn", { value: 10, unit: "money", previous: 5, change: 5 })?.tone).toBe("bad");
  });

  it("shows no arrow and no minus sign for a change that rounds to zero", () => {
    const v = changeView("nrr", { value: 1.02, unit: "ratio", previous: 1.0204, change: -0.0004, good_when: "up" });
    expect(v).toEqual({ text: "±0.0 pts", tone: "flat", title: "Change vs the previous period of the same length: no change" });
  });

  it("says why there is no comparison", () => {
    const reason = "the previous period 2023-01 .. 2023-12 starts with the first month of the revenue data (2023-01): no comparison";
    const v = changeView("mrr_new", { value: 161189.55, unit: "money", previous: null, previous_reason: reason });
    expect(v).toEqual({ text: "no comparison", tone: "none", title: "The previous period Jan 2023 – Dec 2023 starts with the first month of the revenue data (Jan 2023): no comparison." });
    const partial = changeView("dau", { value: 9.5, unit: "count", previous: 7, change_reason: "this period's value is partial (usage data ends 2024-10): no comparison" });
    expect(partial?.text).toBe("no comparison");
    expect(changeView("nps", { value: null, unit: "score", reason: "x" })).toBeNull();
  });
});

describe("partial quarters", () => {
  it("names the months of a quarter cut by the period or the data", () => {
    expect(quarterLabel({ quarter: "2026-Q3", value: 5 })).toBe("2026-Q3");
    expect(quarterLabel({ quarter: "2026-Q4", value: 13410, partial: true, months: 1, from: "2026-10", to: "2026-10" })).toBe("2026-Q4 (Oct only)");
    expect(quarterLabel({ quarter: "2024-Q1", value: 50, partial: true, months: 2, from: "2024-02", to: "2024-03" })).toBe("2024-Q1 (Feb–Mar only)");
    expect(
      latestQuarter({
        value: [
          { quarter: "2026-Q3", value: 5 },
          { quarter: "2026-Q4", value: 13410, partial: true, months: 1, from: "2026-10", to: "2026-10" },
        ],
        unit: "money",
      }),
    ).toBe("latest quarter: 2026-Q4 (Oct only)");
  });
});

describe("targets on tiles", () => {
  it("says on or off track with the engine's distance, coloured by its status", () => {
    const target = { low: 1.1, high: null, direction: "at_least" as const, source: "Settings", origin: "user" as const };
    expect(targetView({ value: 1.068, unit: "ratio", target, status: "off_track", target_distance: "3.2 pts below 110%" })).toEqual({
      text: "✗ 3.2 pts below 110%",
      tone: "bad",
      title: "Target from Settings",
    });
    const nps = { low: 30, high: 70, direction: "band" as const, source: "scores between 30 and 70 are considered desirable", origin: "default" as const, note: "board plan" };
    expect(targetView({ value: 41, unit: "score", target: nps, status: "on_track", target_distance: "within 30–70" })).toEqual({
      text: "✓ on track · within 30–70",
      tone: "good",
      title: "Target from scores between 30 and 70 are considered desirable (board plan)",
    });
    // No target, or no value: nothing on the tile.
    expect(targetView({ value: 3, unit: "count" })).toBeNull();
    expect(targetView({ value: null, unit: "ratio", target, status: null })).toBeNull();
  });
});
