import { describe, expect, it } from "vitest";
import { formatValue, monthLabel, reasonSentence, shortMoney } from "./format";

describe("formatValue", () => {
  it("formats each unit as a leader reads it", () => {
    expect(formatValue({ value: 1011480, unit: "money" })).toBe("$1,011,480");
    expect(formatValue({ value: 542.5, unit: "money" })).toBe("$542.50");
    expect(formatValue({ value: 1.0328, unit: "ratio" })).toBe("103.3%");
    expect(formatValue({ value: -0.006, unit: "ratio" })).toBe("\u22120.6%");
    expect(formatValue({ value: -12, unit: "score" })).toBe("\u221212.0");
    expect(formatValue({ value: 9.8, unit: "ratio" }, "ltv_to_cac")).toBe("9.8×");
    expect(formatValue({ value: 293, unit: "count" })).toBe("293");
    expect(formatValue({ value: 44.94, unit: "days" })).toBe("44.9 days");
    expect(formatValue({ value: null, unit: "ratio", reason: "x" })).toBe("—");
  });
});

describe("helpers", () => {
  it("shortens axis money", () => {
    expect(shortMoney(1_250_000)).toBe("$1.3M");
    expect(shortMoney(350_000)).toBe("$350k");
  });
  it("labels months", () => {
    expect(monthLabel("2024-03")).toBe("Mar 2024");
  });
  it("explains missing tables in plain words", () => {
    expect(reasonSentence("needs table surveys with type NPS")).toBe("Add a surveys sheet with type NPS to your workbook to see this.");
    expect(reasonSentence("no churn in period")).toBe("No churn in period.");
  });
});
