// Typed wrappers for every Tauri command and event of the app. The only module that talks to Rust.
import { invoke } from "@tauri-apps/api/core";
import { listen, type UnlistenFn } from "@tauri-apps/api/event";

export type Unit = "ratio" | "score" | "money" | "count" | "days" | "hours" | "months" | "minutes";
export interface Quarter {
  quarter: string;
  value: number;
}
export interface Kpi {
  value: number | Quarter[] | null;
  unit: Unit;
  reason?: string;
  n?: number;
  [extra: string]: unknown;
}
export interface Movement {
  month: string;
  mrr: number;
  new: number;
  reactivation: number;
  expansion: number;
  contraction: number;
  churn: number;
}
export interface Report {
  period: { from: string; to: string };
  kpis: Record<string, Kpi>;
  movements: Movement[];
  mrr_series: Movement[];
}
export interface Issue {
  file: string;
  sheet: string | null;
  row: number;
  column: string;
  value: string;
  reason: string;
}
export interface Warning {
  file: string;
  sheet: string | null;
  message: string;
}
export interface TableReport {
  file: string;
  sheet: string | null;
  kind: string | null;
  layout: string;
  header_row: number | null;
  rows_read: number;
  rows_used: number;
  rows_skipped: number;
  columns: { header: string; maps_to: string }[];
}
export interface ImportReport {
  tables: TableReport[];
  issues: Issue[];
  issues_total: number;
  warnings: Warning[];
}
export type Source = { kind: "demo"; name: string } | { kind: "files"; paths: string[] };
export interface RecentFile {
  path: string;
  opened_at: string;
}
export interface DatasetView {
  source: Source;
  import: ImportReport;
  report: Report;
  recent: RecentFile[];
  notice: string | null;
}
export type Preset = "last_month" | "last_quarter" | "last12_months" | "year_to_date" | "calendar_year";
export interface ReportArgs {
  preset?: Preset;
  from?: string;
  to?: string;
}
/** Every command error: the UI branches on `kind`, shows `message`. */
export interface AppError {
  kind: string;
  message: string;
}

function asAppError(e: unknown): AppError {
  if (e && typeof e === "object" && "kind" in e && "message" in e) return e as AppError;
  return { kind: "unknown", message: String(e) };
}

async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(cmd, args);
  } catch (e) {
    throw asAppError(e);
  }
}

/** What opens at launch: files given on the command line, else the last import, else the demo. */
export const startup = () => call<DatasetView>("startup");
export const openFiles = (paths: string[]) => call<DatasetView>("open_files", { paths });
/** The native "Open workbook…" dialog; null when cancelled. */
export const chooseFiles = () => call<DatasetView | null>("choose_files");
export const openDemo = () => call<DatasetView>("open_demo");
export const report = (args: ReportArgs) => call<Report>("report", { args });

export type DragState = "enter" | "leave";
export const onFilesDropped = (f: (paths: string[]) => void): Promise<UnlistenFn> =>
  listen<string[]>("files-dropped", (e) => f(e.payload));
export const onDrag = (f: (s: DragState) => void): Promise<UnlistenFn> =>
  listen<DragState>("drag-state", (e) => f(e.payload));
