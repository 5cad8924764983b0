import { describe, expect, it } from "vitest";
import type { WhatMoved } from "./api";
import { accountRows, effectText, groupColumns, groupRows, linkArgs, movementRows, MOVED_KPIS } from "./movedtext";
import { setCurrency } from "./format";

/** The engine's answer for the mix book of tests/what_moved.rs (NRR 100% -> 110%, by segment). */
const MIX: WhatMoved = {
  kpi: "nrr",
  label: "NRR",
  unit: "ratio",
  before_period: { from: "2024-02", to: "2024-02" },
  period: { from: "2024-03", to: "2024-03" },
  by: "segment",
  before: 1,
  after: 1.1,
  change: 0.1,
  change_reason: null,
  by_movement: [
    { movement: "expansion", effect: 0.05 },
    { movement: "contraction", effect: 0.05 },
    { movement: "churn", effect: 0 },
  ],
  by_group: [
    { group: "Ent", rate_effect: 0, mix_effect: 0.3, before: 1.2, after: 1.2, weight_before: 0.5, weight_after: 0.75, before_imputed: false, after_imputed: false },
    { group: "SMB", rate_effect: 0, mix_effect: -0.2, before: 0.8, after: 0.8, weight_before: 0.5, weight_after: 0.25, before_imputed: false, after_imputed: false },
  ],
  accounts: [{ customer_id: "E2", name: "Echo Two", effect: 0.09 }, { customer_id: "X9", name: null, effect: -0.04 }],
  drivers: [{ customer_id: "E2", name: "Echo Two", effect: 0.09 }],
  sentences: ["NRR rose from 100.0% to 110.0% (+10.0 pts)."],
  sentence_parts: [],
};

describe("what moved", () => {
  it("opens a number's rows in its period and segment", () => {
    expect(linkArgs({ kpi: "nrr", from: "2024-02", to: "2024-02", segment: ["segment", "Ent"], customer: "E2" })).toEqual({ from: "2024-02", to: "2024-02", segment: ["segment", "Ent"] });
    expect(MOVED_KPIS.has("nrr") && MOVED_KPIS.has("csat") && !MOVED_KPIS.has("arpa")).toBe(true);
  });

  it("writes the effects as the tiles write a change", () => {
    setCurrency("$");
    expect(effectText(0.05, "ratio", "nrr")).toBe("+5.0 pts");
    expect(effectText(-20, "money", "mrr")).toBe("\u2212$20.00");
    expect(effectText(0, "ratio", "nrr")).toBe("±0.0 pts");
    expect(movementRows(MIX)).toEqual([
      ["Expansion", "+5.0 pts"],
      ["Contraction", "+5.0 pts"],
      ["Churn", "±0.0 pts"],
    ]);
  });

  it("lays out the rate and mix of each group, and the accounts", () => {
    expect(groupColumns(MIX)).toEqual(["Group", "Before", "After", "Share before", "Share after", "Rate effect", "Mix effect"]);
    // Ent: 120.0% both periods, share 50.0% -> 75.0%, rate ±0, mix +30.0 pts.
    expect(groupRows(MIX)[0]).toEqual(["Ent", "120.0%", "120.0%", "50.0%", "75.0%", "±0.0 pts", "+30.0 pts"]);
    expect(accountRows(MIX)).toEqual([
      ["E2", "Echo Two", "+9.0 pts"],
      ["X9", "", "\u22124.0 pts"],
    ]);
    // A sum has no shares: its group's change is one column.
    const mrr: WhatMoved = { ...MIX, kpi: "mrr", unit: "money", by_group: [{ group: "Ent", rate_effect: 60, mix_effect: 0, before: 300, after: 360, weight_before: null, weight_after: null, before_imputed: false, after_imputed: false }] };
    expect(groupColumns(mrr)).toEqual(["Group", "Before", "After", "Change"]);
    expect(groupRows(mrr)).toEqual([["Ent", "$300", "$360", "+$60.00"]]);
  });

  it("marks the overall value put in for a group with no weight", () => {
    // The empty-segment book of tests/what_moved.rs: SMB has no starting MRR in February, so its
    // 110.0% there is February's overall NRR (share 0): rate 0.45 x (1.2 - 1.1) = +4.5 pts, mix
    // (0.45 - 0) x 1.1 = +49.5 pts.
    const empty: WhatMoved = {
      ...MIX,
      by_group: [{ group: "SMB", rate_effect: 0.045, mix_effect: 0.495, before: 1.1, after: 1.2, weight_before: 0, weight_after: 0.45, before_imputed: true, after_imputed: false }],
    };
    expect(groupRows(empty)[0]).toEqual(["SMB", "— (no starting MRR; overall 110.0% used)", "120.0%", "0.0%", "45.0%", "+4.5 pts", "+49.5 pts"]);
  });
});
