import { beforeEach, describe, expect, it } from "vitest";
import { backtestLines, bandRows, chanceText, errorCells, fanData, latestOrigin, monthAfter, originData, originText, shareText, signedPct, spreadText } from "./bandrows";
import { BACKTEST, BANDS, FORECAST } from "./fixtures/bands";
import { setCurrency, setDataCurrency } from "./format";

beforeEach(() => {
  setCurrency(null);
  setDataCurrency(null);
});

describe("fan chart series", () => {
  it("counts months across a year end", () => {
    // 2026-10 + 1 = 2026-11; + 3 = 2027-01; + 24 = 2028-10; 2026-01 - 1 = 2025-12.
    expect([monthAfter("2026-10", 1), monthAfter("2026-10", 3), monthAfter("2026-10", 24), monthAfter("2026-01", -1)]).toEqual(["2026-11", "2027-01", "2028-10", "2025-12"]);
  });

  it("by year takes each level's ARR and the scenario's beside it", () => {
    const d = fanData(BANDS, FORECAST, "year", "2026-10");
    expect(d.labels).toEqual(["Year 1", "Year 2"]);
    expect(d.p10).toEqual([12106418.858214078, 14124261.478546115]);
    expect(d.p50[0]).toBe(12486641.698555749);
    expect(d.p90[0]).toBe(12834693.114189422);
    expect(d.scenario).toEqual([12515556.928595005, 14777136.765280398]);
  });

  it("by month is ARR = 12 x MRR, month 1 the month after the data", () => {
    const d = fanData(BANDS, FORECAST, "month", "2026-10");
    expect(d.labels.length).toBe(24);
    // Month 1 after Oct 2026 is Nov 2026, month 3 is Jan 2027, month 24 Oct 2028.
    expect([d.labels[0], d.labels[2], d.labels[23]]).toEqual(["Nov 2026", "Jan 2027", "Oct 2028"]);
    // P50 MRR of month 1 871,588.8839541853 x 12 = 10,459,066.6074502236.
    expect(d.p50[0]).toBeCloseTo(10459066.607450224, 6);
    // The scenario's month-1 MRR 873,448.5202808223 x 12 = 10,481,382.2433698676.
    expect(d.scenario[0]).toBeCloseTo(10481382.243369868, 6);
    // Month 12's ARR is year 1's (the engine's yearly ARR is 12 x the year's last MRR).
    expect(d.p10[11]).toBeCloseTo(BANDS.p10.years[0].arr, 4);
    expect(fanData(BANDS, FORECAST, "month", null).labels[0]).toBe("Month 1");
  });

  it("cuts to the shorter of the ranges and the scenario", () => {
    const oneYear = { ...FORECAST, years: FORECAST.years.slice(0, 1), months: FORECAST.months.slice(0, 12) };
    expect(fanData(BANDS, oneYear, "year", null).p90.length).toBe(1);
    expect(fanData(BANDS, oneYear, "month", null).p90.length).toBe(12);
  });
});

describe("ranges table", () => {
  it("has four figures a year, then the lifetime and horizon values", () => {
    const rows = bandRows(BANDS);
    // 2 years x (ARR, customers, NRR, GRR) + CLV + value over the horizon = 10 rows.
    expect(rows.map((r) => [r.year, r.figure])).toEqual([
      [1, "arr"], [1, "customers"], [1, "nrr"], [1, "grr"],
      [2, "arr"], [2, "customers"], [2, "nrr"], [2, "grr"],
      [null, "clv"], [null, "clv_horizon"],
    ]);
  });

  it("writes P10, P50, P90 of year 1 as the rest of the panel does", () => {
    const [arr, customers, nrr, grr] = bandRows(BANDS);
    // 12,106,418.86 -> $12,106,419; 12,486,641.70 -> $12,486,642; 12,834,693.11 -> $12,834,693.
    expect(arr.cells).toEqual(["$12,106,419", "$12,486,642", "$12,834,693"]);
    expect(arr.values[0]).toBe(12106418.858214078);
    // 285.05 -> 285, 290.18 -> 290, 296.40 -> 296 customers.
    expect(customers.cells).toEqual(["285", "290", "296"]);
    // 0.977571 -> 97.8%, 1.015365 -> 101.5%, 1.055820 -> 105.6%.
    expect(nrr.cells).toEqual(["97.8%", "101.5%", "105.6%"]);
    // 0.840032 -> 84.0%, 0.868264 -> 86.8%, 0.896999 -> 89.7%.
    expect(grr.cells).toEqual(["84.0%", "86.8%", "89.7%"]);
  });

  it("writes the lifetime value, unbounded where the engine says null", () => {
    const rows = bandRows(BANDS);
    const clv = rows[8];
    // 156,947.84 -> $156,948; 182,142.09 -> $182,142; 215,354.44 -> $215,354.
    expect(clv.cells).toEqual(["$156,948", "$182,142", "$215,354"]);
    // 59,650.23, 61,832.88, 63,946.98 over the 2 years.
    expect(rows[9].label).toBe("Value over the 2-year horizon");
    expect(rows[9].cells).toEqual(["$59,650", "$61,833", "$63,947"]);
    const open = { ...BANDS, p90: { ...BANDS.p90, clv: null } };
    expect(bandRows(open)[8].cells[2]).toBe("unbounded");
    expect(bandRows(open)[8].values[2]).toBeNull();
  });
});

describe("sentences", () => {
  it("says where the spread comes from", () => {
    expect(spreadText(BANDS)).toBe(
      "From the 24 observed months Nov 2024 – Oct 2026, drawn in blocks of 3 consecutive months (wrapping from the last month to the first), each month's rates moved so they centre on the inputs above: 10,000 paths, seed 1. 6 monthly rates were moved out of range by that and held at the limit.",
    );
    const one = { ...BANDS, circular: false, observed: { ...BANDS.observed, clamped: 1 } };
    expect(spreadText(one)).toMatch(/consecutive months, each .* 1 monthly rate was moved/);
    const none = { ...BANDS, observed: { ...BANDS.observed, clamped: 0 } };
    expect(spreadText(none)).toMatch(/seed 1\.$/);
  });

  it("writes shares as whole percentages, never a false 0% or 100%", () => {
    // 0.0053 -> 0.53% -> 1%; 0.102 -> 10%; 0.004 is not 0%; 0.9999 is not 100%.
    expect([0.0053, 0.102, 0.004, 0, 0.9999, 1].map(shareText)).toEqual(["1%", "10%", "under 1%", "0%", "over 99%", "100%"]);
  });

  it("gives the chance of a goal-seek target as the CLI computes it", () => {
    // The CLI's demo: as_is 0.0053, at_value 0.102 for NRR >= 1.1 varying monthly churn.
    expect(chanceText("nrr", 1.1, 2, 0.0053, 0.102, "a monthly logo churn of 0.41%")).toBe("NRR \u2265 110.0% in year 1: 1% of paths as the scenario is, 10% at a monthly logo churn of 0.41%.");
    expect(chanceText("arr", 20000000, 5, 0.34, null, null)).toBe("ARR \u2265 $20,000,000 at the end of year 5: 34% of paths as the scenario is.");
    expect(chanceText("clv", 150000, 5, 0.5, 0.75, "a monthly expansion of 2%")).toBe("CLV \u2265 $150,000: 50% of paths as the scenario is, 75% at a monthly expansion of 2%.");
  });
});

describe("backtest", () => {
  it("picks the origin with the most months happened and draws its 12 months", () => {
    // 2025-10 has all 12 actuals (Nov 2025 - Oct 2026); 2026-08 has 2 and 2026-09 has 1.
    expect(latestOrigin(BACKTEST)).toBe("2025-10");
    expect(latestOrigin({ ...BACKTEST, origins: [] })).toBeNull();
    const last = BACKTEST.origins[2];
    const d = originData(last);
    expect(d.labels.slice(0, 2)).toEqual(["Oct 2026", "Nov 2026"]);
    expect([d.forecast[0], d.p10[0], d.p50[0], d.p90[0], d.actual[0]]).toEqual([867080.350544596, 854241.8581216382, 864774.3034415289, 877793.5897433824, 858190]);
    // Only Oct 2026 has happened after the 2026-09 origin: 1 actual, 11 nulls.
    expect(d.actual.filter((a) => a === null).length).toBe(11);
    expect(originText(last)).toBe("Forecast made at the end of Sep 2026, from MRR $851,600; 1 of its 12 months has happened.");
    expect(originText(BACKTEST.origins[0])).toBe("Forecast made at the end of Oct 2025, from MRR $676,150; 12 of its 12 months have happened.");
  });

  it("writes MAPE, bias and coverage by horizon", () => {
    // h = 1: MAPE 0.0094877 -> 0.9%, bias -0.0014444 -> -0.1%, coverage 10/12 = 0.8333 -> 83%.
    expect(errorCells(BACKTEST.horizons[0])).toEqual(["1 month", "12", "0.9%", "\u22120.1%", "83%"]);
    // h = 12: one pair, 4.457% too low, outside the range.
    expect(errorCells(BACKTEST.horizons[11])).toEqual(["12 months", "1", "4.5%", "\u22124.5%", "0%"]);
    // All: 78 pairs, MAPE 0.019684 -> 2.0%, bias -0.015589 -> -1.6%, coverage 36/78 = 0.4615 -> 46%.
    expect(errorCells(BACKTEST.overall)).toEqual(["All", "78", "2.0%", "\u22121.6%", "46%"]);
    expect(errorCells({ horizon: 3, pairs: 0, mape: null, bias: null, coverage: null })).toEqual(["3 months", "0", "—", "—", "—"]);
    expect([signedPct(0.0123), signedPct(-0.0004), signedPct(0)]).toEqual(["+1.2%", "0.0%", "0.0%"]);
  });

  it("says it in plain words", () => {
    expect(backtestLines(BACKTEST)).toEqual([
      "The actual MRR fell inside the P10–P90 range in 46% of the 78 forecast months that have happened; 80% is expected.",
      "On average the forecast was 2.0% off (MAPE) and 1.6% too low (bias).",
    ]);
    const high = { ...BACKTEST, overall: { horizon: 0, pairs: 10, mape: 0.05, bias: 0.0312, coverage: 0.8 } };
    expect(backtestLines(high)[1]).toBe("On average the forecast was 5.0% off (MAPE) and 3.1% too high (bias).");
    const none = { ...BACKTEST, overall: { horizon: 0, pairs: 0, mape: null, bias: null, coverage: null } };
    expect(backtestLines(none)).toEqual(["No month after a forecast has happened yet: there is nothing to compare."]);
  });
});
