// What the window shows now: the loaded data and the view's period and segment.
import type { DatasetView, Report, ViewArgs } from "./api";

export const state: { data: DatasetView | null; report: Report | null; args: ViewArgs } = {
  data: null,
  report: null,
  args: { preset: "last12_months" },
};
