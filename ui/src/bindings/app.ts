// Generated from the Rust types by ts-rs (src-tauri/bindings): do not edit.
// `NORTHSTAR_WRITE_BINDINGS=1 cargo test --no-default-features --test bindings` writes the
// files again; that test fails while they are stale.

import type { ClvAnalysis, ClvUnit } from "./clv";
import type { Comparison, Sensitivity } from "./forecast";
import type { ImportReport } from "./import";
import type { Preset, Report } from "./kpi";
import type { VoiceComment } from "./voice";

/**
 * The period a what-moved change is measured from, as the drawer's "Against" menu names it.
 */
export type Against = { "kind": "previous" } | { "kind": "year_earlier" } | { "kind": "months", from: string, to: string, };

/**
 * Every command's error: the UI branches on `kind` (`import.not_found`, `no_data`…) and shows
 * `message`.
 */
export type AppError = { kind: string, message: string, };

/**
 * A customer attribute a view can be filtered or broken down by, with its values.
 */
export type Attribute = { key: string, values: Array<string>, };

/**
 * The Predictive CLV view's request.
 */
export type ClvArgs = { 
/**
 * YYYY-MM-DD; the last order's date when null (predict from everything known).
 */
calibration_end: string | null, unit: ClvUnit, horizon: number, discount_rate: number, };

/**
 * The Predictive CLV view.
 */
export type ClvView = { 
/**
 * The span of the orders, for the calibration control.
 */
first_order: string, last_order: string, analysis: ClvAnalysis, };

/**
 * What the UI shows after an import.
 */
export type DatasetView = { source: Source, label: string, import: ImportReport, report: Report, recent: Array<RecentFile>, 
/**
 * A note for the user, e.g. why the last files could not be reopened.
 */
notice: string | null, };

/**
 * A table kind and its canonical columns, for the mapping editor.
 */
export type KindInfo = { id: string, columns: Array<string>, };

export type RecentFile = { path: string, opened_at: string, };

/**
 * What is on screen: the demo workbook or the user's files.
 */
export type Source = { "kind": "demo", name: string, } | { "kind": "files", paths: Array<string>, };

/**
 * The comments of a theme, most negative first: the first ones of `total`.
 */
export type ThemeComments = { total: number, comments: Array<VoiceComment>, };

/**
 * Which slice of the data a view shows.
 */
export type ViewArgs = { preset?: Preset | null, 
/**
 * YYYY-MM
 */
from?: string | null, 
/**
 * YYYY-MM
 */
to?: string | null, 
/**
 * [attribute, value]
 */
segment?: [string, string] | null, };

/**
 * The what-if panel after a slider move: the scenario beside its baseline, and its sensitivity.
 */
export type WhatIf = { comparison: Comparison, sensitivity: Array<Sensitivity>, };
