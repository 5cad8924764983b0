// The explanation drawer's words (pure, testable): the inputs as the engine wrote them and the
// comparison with the previous period as the tiles show it.
import type { ExplanationInput } from "./api";

/** The inputs of the formula and its details, in the engine's order, each with the digits the engine
 * chose (so that the formula on the shown inputs gives the shown result) and its assumption note. */
export function inputLines(inputs: ExplanationInput[]): { key: string; name: string; display: string; note: string }[] {
  return inputs.filter((i) => i.role === "input").map((i) => ({ key: i.key, name: i.name, display: i.display, note: i.note ? `(${i.note})` : "" }));
}

/** "Previous period (Nov 2024 – Oct 2025): 96.9% · change +5.1 pts", or null without a previous
 * value. */
export function comparisonText(inputs: ExplanationInput[]): string | null {
  const prev = inputs.find((i) => i.role === "previous");
  if (!prev) return null;
  const change = inputs.find((i) => i.role === "change");
  return `${prev.name}: ${prev.display}${change ? ` · change ${change.display}` : ""}`;
}
