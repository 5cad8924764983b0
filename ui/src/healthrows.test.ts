import { describe, expect, it } from "vitest";
import { HEALTH } from "./fixtures/health";
import { setCurrency, setDataCurrency } from "./format";
import { atRiskRow, atRiskText, aucText, bandRows, calibrationCells, componentRows, earlyRows, forwardText, liftText, monthsText, npsCells, pullingText, weightCells, yearCells } from "./healthrows";

describe("backtest summary", () => {
  it("names the months scored and the AUC with its interval", () => {
    expect(monthsText(HEALTH)).toBe("Jul 2023 – Sep 2024");
    // 0.7412 -> 0.74; the interval 0.6803 .. 0.8019 -> 0.68 .. 0.80.
    expect(aucText(HEALTH.backtest)).toBe("0.74 (confidence interval 0.68 – 0.80)");
  });

  it("says why there is no AUC instead of a number", () => {
    const few = { ...HEALTH.backtest, churn_events: 12, auc: null, auc_ci: null, reason: "only 12 churn events: at least 20 are needed for an AUC" };
    expect(aucText(few)).toBe("Only 12 churn events: at least 20 are needed for an AUC.");
  });

  it("gives red's churn as a multiple of green's", () => {
    // 0.5 / 0.07 = 7.142857 (the engine's figure), shown with one decimal.
    expect(liftText(HEALTH.backtest.lift_red_over_green)).toBe("Red customers churned 7.1× as often as green ones.");
    expect(liftText(null)).toMatch(/cannot be compared/);
  });
});

describe("tables of the backtest", () => {
  it("lists the bands red, yellow, green with their churn", () => {
    const rows = bandRows(HEALTH.backtest.bands);
    expect(rows.map((r) => [r.band, r.rows, r.churned, r.churn_rate])).toEqual([
      ["red", 50, 25, 0.5],
      ["yellow", 150, 21, 0.14],
      ["green", 200, 14, 0.07],
    ]);
    expect(rows[0].color).toBe("#dc2626");
  });

  it("lists every component, one without rows with no AUC", () => {
    expect(componentRows(HEALTH.backtest).map((c) => [c.label, c.auc, c.rows])).toEqual([
      ["License utilization", 0.8125, 380],
      ["Latest NPS", 0.5, 120],
      ["MRR trend", 0.6049, 360],
      ["Support load", 0.4875, 400],
      ["Engagement recency", null, 0],
    ]);
  });

  it("writes the calibration deciles", () => {
    // 18/40 = 45.0%, 9/40 = 22.5%; scores with one decimal (31.25 rounds half away from zero: 31.3).
    expect(calibrationCells(HEALTH.backtest.calibration[0])).toEqual(["1", "0.0 – 31.3", "Red", "40", "18", "45.0%"]);
    expect(calibrationCells(HEALTH.backtest.calibration[1])).toEqual(["2", "31.3 – 44.5", "Yellow", "40", "9", "22.5%"]);
    expect(calibrationCells(HEALTH.backtest.calibration[2])).toEqual(["10", "91.0 – 100.0", "Green", "40", "1", "2.5%"]);
  });

  it("counts the churned customers warned (red or yellow) each month before", () => {
    // 1 month: 12 + 6 = 18 of 24 = 75.0%; 2: 9 + 7 = 16 of 24 = 66.7%; 3: 5 + 8 = 13 of 24 = 54.17% -> 54.2%.
    const rows = earlyRows(HEALTH.backtest.early_warning);
    expect(rows.map((r) => [r.label, r.red, r.yellow, r.warned, r.share, r.green, r.unscored])).toEqual([
      ["1 month before", 12, 6, 18, "75.0%", 4, 2],
      ["2 months before", 9, 7, 16, "66.7%", 6, 2],
      ["3 months before", 5, 8, 13, "54.2%", 8, 3],
    ]);
    expect(earlyRows({ churned: 0, months: [{ before: 1, red: 0, yellow: 0, green: 0, unscored: 0 }] })[0].share).toBe("—");
  });

  it("writes a year with its band churn rates, no AUC when the engine gives none", () => {
    // 2023: 5/20 = 25.0%, 3/60 = 5.0%, 2/70 = 2.857% -> 2.9%; 4 churn events: no AUC.
    expect(yearCells(HEALTH.backtest.per_year[0])).toEqual(["2023", "150", "4", "—", "25.0%", "5.0%", "2.9%"]);
    // 2024: 20/30 = 66.67% -> 66.7%, 18/90 = 20.0%, 12/130 = 9.23% -> 9.2%; AUC 0.7733 -> 0.77.
    expect(yearCells(HEALTH.backtest.per_year[1])).toEqual(["2024", "250", "20", "0.77", "66.7%", "20.0%", "9.2%"]);
  });

  it("writes the NPS groups' outcomes", () => {
    // Promoters 3/120 = 2.5% churned, 18/120 = 15.0% expanded; passives 6/90 = 6.67% -> 6.7%, 9/90 = 10.0%;
    // detractors 9/30 = 30.0%, 0/30.
    expect(npsCells(HEALTH.nps_outcomes)).toEqual([
      { id: "promoter", cells: ["Promoters (9-10)", "40", "120", "2.5%", "15.0%"] },
      { id: "passive", cells: ["Passives (7-8)", "30", "90", "6.7%", "10.0%"] },
      { id: "detractor", cells: ["Detractors (0-6)", "10", "30", "30.0%", "0.0%"] },
    ]);
  });
});

describe("suggested weights", () => {
  const current = { utilization: 25, nps: 20, mrr_trend: 25, support: 15, engagement: 12.5 };
  it("puts each suggested weight beside the current one", () => {
    expect(weightCells(current, HEALTH.suggested_weights).map((w) => w.cells)).toEqual([
      ["License utilization", "25", "52"],
      ["Latest NPS", "20", "4"],
      ["MRR trend", "25", "21"],
      ["Support load", "15", "8"],
      ["Engagement recency", "12.5", "15"],
    ]);
    expect(weightCells(current, null)[0].cells).toEqual(["License utilization", "25", "—"]);
  });

  it("says which months the fit and the test used", () => {
    // Trained up to Mar 2024: its labels look 3 months ahead, to Jun 2024, the first month tested.
    expect(forwardText(HEALTH)).toBe("Fitted on Jul 2023 – Mar 2024, tested on Jun 2024 – Sep 2024 (96 customer-months, 21 churn events; never on the months it was fitted on).");
    const none = { ...HEALTH.forward_auc, current: null, suggested: null, train: null, test: null, weights: null, test_rows: 0, test_churn_events: 0 };
    expect(forwardText({ ...HEALTH, forward_auc: none })).toMatch(/^No forward validation/);
    expect(forwardText({ ...HEALTH, forward_auc: { ...none, reason: "only 8 months are labelled: at least 12 are needed" } })).toBe("Only 8 months are labelled: at least 12 are needed.");
  });
});

describe("at risk next", () => {
  it("keeps numbers as numbers for sorting and names what pulls the score down", () => {
    expect(atRiskRow(HEALTH.at_risk[0])).toEqual(["C017", "Umbrella Corp", "Ana", 1234.5, 28.75, "red", 0.45, "Engagement recency 0.0, License utilization 10.0", "2024-08-14"]);
    expect(atRiskRow(HEALTH.at_risk[1])).toEqual(["C003", null, null, 80, 45, "yellow", 0.225, "Support load 40.0", null]);
    expect(pullingText([])).toBe("—");
  });

  it("formats each column, money in the data's currency", () => {
    setCurrency("$");
    const row = atRiskRow(HEALTH.at_risk[0]);
    // 1234.5 with no decimals rounds half away from zero: $1,235; 28.75 -> 28.8; 0.45 -> 45.0%.
    expect(row.map((v, i) => atRiskText(v, i))).toEqual(["C017", "Umbrella Corp", "Ana", "$1,235", "28.8", "Red", "45.0%", "Engagement recency 0.0, License utilization 10.0", "14 Aug 2024"]);
    expect(atRiskRow(HEALTH.at_risk[1]).map((v, i) => atRiskText(v, i))).toEqual(["C003", "—", "—", "$80", "45.0", "Yellow", "22.5%", "Support load 40.0", "—"]);
    // No symbol chosen: the data's reporting currency's.
    setCurrency(null);
    setDataCurrency("EUR");
    expect(atRiskText(1234.5, 3)).toBe("€1,235");
    setDataCurrency(null);
    setCurrency("$");
  });
});
