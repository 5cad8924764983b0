import { describe, expect, it } from "vitest";
import { asShown, fieldText, fieldValue, isChanged, revenueRatio, withLogoChurn } from "./whatif-inputs";

describe("what-if fields", () => {
  it("shows and reads back each kind", () => {
    expect(fieldText("rate", 0.018739903069466882)).toBe("1.874");
    expect(fieldText("money", 2102.6582278481014)).toBe("2,102.66");
    expect(fieldText("money", 16987.46518987342)).toBe("16,987.47");
    expect(fieldText("count", 6.583333333333333)).toBe("6.58");
    expect(fieldText("rate", null)).toBe("");
    expect(fieldValue("money", "$16,987.47")).toBe(16987.47);
    expect(fieldValue("rate", "1.5")).toBe(0.015);
    expect(fieldValue("rate", "")).toBeNull();
    expect(fieldValue("money", "abc")).toBeNull();
  });

  it("sets what it shows", () => {
    // Goal seek found 0.13310...%: the button says 0.1331% and sets exactly that.
    const v = asShown("rate", 0.0013310482);
    expect(fieldText("rate", v)).toBe("0.1331");
    expect(v).toBe(0.1331 / 100);
  });

  it("tells a changed input from the data's", () => {
    expect(isChanged(0.018739903069466882, 0.018739903069466882)).toBe(false);
    expect(isChanged(0.01, 0.018739903069466882)).toBe(true);
    expect(isChanged(500, null)).toBe(true);
    expect(isChanged(undefined, null)).toBe(false);
  });
});

describe("logo churn carries revenue churn", () => {
  it("keeps c_r / c", () => {
    const s = { monthly_churn: 0.02, monthly_revenue_churn: 0.01 };
    expect(revenueRatio(s)).toBe(0.5);
    const moved = withLogoChurn(s, 0.03);
    expect(moved.monthly_churn).toBe(0.03);
    expect(moved.monthly_revenue_churn).toBeCloseTo(0.015, 15);
    // A ratio kept from before the move survives a pass through zero.
    expect(withLogoChurn(withLogoChurn(s, 0), 0.04, 0.5).monthly_revenue_churn).toBeCloseTo(0.02, 15);
  });

  it("follows c when c was 0 or c_r is not given, and stays at most 1", () => {
    expect(withLogoChurn({ monthly_churn: 0, monthly_revenue_churn: 0.01 }, 0.03).monthly_revenue_churn).toBe(0.03);
    expect(withLogoChurn({ monthly_churn: 0.02 }, 0.04).monthly_revenue_churn).toBe(0.04);
    expect(withLogoChurn({ monthly_churn: 0.1, monthly_revenue_churn: 0.5 }, 0.5).monthly_revenue_churn).toBe(1);
  });
});
