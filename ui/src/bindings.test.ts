// The generated types (./bindings) against the real JSON: fixtures/engine.ts holds the CLI's and the
// engine's JSON on the demo workbook, each `satisfies` its generated type (checked by `npm run
// typecheck`). What a type cannot say is checked here: the formats of the strings it calls months
// and dates, and that the UI's helpers read the real JSON as the engine meant it.
import { describe, expect, it } from "vitest";
import { knownMovements, type Flag, type Report } from "./api";
import { BANDS, FLAGS, HEALTH, REPORT, VOICE, WHAT_MOVED } from "./fixtures/engine";
import { goodWhen } from "./tiles";

// Read through their generated types (`satisfies` keeps each literal's own narrower type).
const report: Report = REPORT;
const flags: Flag[] = FLAGS;

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

describe("the generated types read the real JSON", () => {
  it("writes months as YYYY-MM", () => {
    const months = [
      REPORT.period.from,
      REPORT.period.to,
      REPORT.previous_period.from,
      ...REPORT.movements.map((m) => m.month),
      HEALTH.months.from,
      HEALTH.at_risk_month,
      VOICE.period.from,
      ...VOICE.themes.flatMap((t) => t.by_quarter.flatMap((q) => [q.from, q.to])),
      WHAT_MOVED.before_period.from,
      ...BANDS.observed.rates.map((r) => r.month),
    ];
    expect(months.length).toBeGreaterThan(10);
    for (const m of months) expect(m).toMatch(MONTH);
  });

  it("writes dates as YYYY-MM-DD", () => {
    const dates = [...VOICE.per_comment.map((c) => c.date), ...HEALTH.at_risk.flatMap((a) => (a.last_touchpoint === null ? [] : [a.last_touchpoint]))];
    expect(dates.length).toBeGreaterThan(3);
    for (const d of dates) expect(d).toMatch(DATE);
  });

  it("gives every KPI of a report its direction, as the tiles read it", () => {
    const ids = Object.keys(report.kpis);
    expect(ids.length).toBeGreaterThan(50);
    // MRR churn is good news when it falls; NRR when it rises.
    expect(report.kpis.mrr_churn.good_when).toBe("down");
    expect(report.kpis.nrr.good_when).toBe("up");
    for (const id of ids) expect(goodWhen(id, report.kpis[id])).toBe(report.kpis[id].good_when);
  });

  it("reads the months' money and the flags' kinds", () => {
    const known = knownMovements(report.movements);
    expect(Array.isArray(known) && known.every((m) => typeof m.mrr === "number")).toBe(true);
    expect(flags.length).toBeGreaterThan(0);
    for (const f of flags) expect(f.kind === "kpi" ? typeof f.kpi : typeof f.csm).toBe("string");
  });
});
