// The "What moved" section's words and tables (pure, testable): which KPIs have it, the view a
// number of a sentence opens, and the effects written as the tiles write a change.
import type { MovedLink, Unit, ViewArgs, WhatMoved } from "./api";
import { formatChange, formatNumber } from "./format";

/** The KPIs the engine explains the change of (kpi::moved::measure::KPIS). */
export const MOVED_KPIS = new Set(["mrr", "arr", "net_new_mrr", "nrr", "grr", "customer_churn_rate", "mrr_expansion", "expansion_mrr_rate", "nps", "csat"]);

/** The view a number of a sentence opens: its period and segment (no preset: the link's months). */
export function linkArgs(link: MovedLink): ViewArgs {
  return { from: link.from, to: link.to, segment: link.segment };
}

/** An effect as a tile writes a change: "+5.1 pts", "−$1,200", "±0.0 pts". */
export function effectText(v: number, unit: Unit, id: string): string {
  return formatChange({ value: v, unit, change: v, previous: 0 } as Parameters<typeof formatChange>[0], id) ?? "";
}

const value = (v: number | null, unit: Unit, id: string) => (v === null ? "—" : formatNumber(v, unit, id));
const share = (v: number | null) => (v === null ? "—" : formatNumber(v, "ratio"));

/** The movements table: movement and its effect. */
export function movementRows(w: WhatMoved): string[][] {
  return w.by_movement.map((m) => [m.movement.charAt(0).toUpperCase() + m.movement.slice(1), effectText(m.effect, w.unit, w.kpi)]);
}

/** The groups table: the group's value and share of the denominator in each period (a rate), its
 * rate and mix effects; a sum (MRR) has no shares and no mix. */
export function groupColumns(w: WhatMoved): string[] {
  const rate = w.by_group.some((g) => g.weight_after !== null);
  return rate ? ["Group", "Before", "After", "Share before", "Share after", "Rate effect", "Mix effect"] : ["Group", "Before", "After", "Change"];
}

/** The shares whose move is the mix effect, in words (kpi::moved::sentences::weights). */
function weights(id: string): string {
  if (id === "nrr" || id === "grr") return "starting MRR";
  if (id === "customer_churn_rate") return "starting customers";
  if (id === "expansion_mrr_rate") return "opening MRR";
  return "responses";
}

/** A group's value in a period; one with no weight then shows the overall value put in for it. */
function groupValue(v: number | null, imputed: boolean, w: WhatMoved): string {
  return imputed ? `— (no ${weights(w.kpi)}; overall ${value(v, w.unit, w.kpi)} used)` : value(v, w.unit, w.kpi);
}

export function groupRows(w: WhatMoved): string[][] {
  return w.by_group.map((g) => {
    const head = [g.group, groupValue(g.before, g.before_imputed, w), groupValue(g.after, g.after_imputed, w)];
    if (g.weight_after === null) return [...head, effectText(g.rate_effect, w.unit, w.kpi)];
    return [...head, share(g.weight_before), share(g.weight_after), effectText(g.rate_effect, w.unit, w.kpi), effectText(g.mix_effect, w.unit, w.kpi)];
  });
}

/** The accounts table: name (or id) and effect, largest first as the engine sorted them. */
export function accountRows(w: WhatMoved): string[][] {
  return w.accounts.map((a) => [a.customer_id, a.name ?? "", effectText(a.effect, w.unit, w.kpi)]);
}
