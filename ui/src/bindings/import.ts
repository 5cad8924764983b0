// Generated from the Rust types by ts-rs (src-tauri/bindings): do not edit.
// `NORTHSTAR_WRITE_BINDINGS=1 cargo test --no-default-features --test bindings` writes the
// files again; that test fails while they are stale.

import type { Coverage } from "./kpi";

export type ColumnMap = { header: string, 
/**
 * Canonical column, `month` for a wide month column, or `extra` for a kept unknown column.
 */
maps_to: string, };

/**
 * Order of slashed dates (`03/04/2024`).
 */
export type DateOrder = "mdy" | "dmy";

export type ImportReport = { tables: Array<TableReport>, issues: Array<Issue>, issues_total: number, warnings: Array<Warning>, 
/**
 * Hidden sheets left out of the import (a mapping entry naming one includes it).
 */
hidden_sheets: Array<SheetRef>, 
/**
 * The tables whose every data row was refused, each with its reasons (refused.rs).
 */
refused: Array<RefusedTable>, 
/**
 * The reporting currency (exports.md §9), when known.
 */
currency: string | null, 
/**
 * Money areas whose amounts are not summed, with the reason (`mixed currencies: EUR, USD`).
 */
money_blocked: { [key in string]: string }, };

/**
 * A row that could not be read.
 */
export type Issue = { file: string, sheet: string | null, row: number, column: string, value: string, reason: string, };

/**
 * Where an import is: bytes of the files read so far, and rows of the current table.
 */
export type Progress = { file: string, sheet: string | null, bytes_done: number, bytes_total: number, rows_done: number, rows_total: number, };

/**
 * One reason and how many rows it refused.
 */
export type ReasonCount = { reason: string, rows: number, };

/**
 * A table whose every data row was refused.
 */
export type RefusedTable = { file: string, sheet: string | null, 
/**
 * The table's kind (`mrr`, `surveys`...).
 */
kind: string, 
/**
 * Rows refused (each refused row is one issue).
 */
rows: number, 
/**
 * Every reason, commonest first.
 */
reasons: Array<ReasonCount>, 
/**
 * `s.csv: 40 rows refused: 31 not a date, 9 not a number`
 */
message: string, };

/**
 * A normalisation rule the import applied to a table's rows ("Interval = year: amount / 12").
 */
export type RuleApplied = { rule: string, rows: number, };

/**
 * A sheet of a file.
 */
export type SheetRef = { file: string, sheet: string, };

export type TableKind = "mrr" | "mrr_events" | "mrr_summary" | "subscriptions" | "customers" | "surveys" | "tickets" | "activities" | "costs" | "orders" | "usage" | "trials" | "renewals" | "contracts" | "fx_rates" | "targets";

export type TableOverride = { 
/**
 * File name (no folder); None for an entry naming its headers.
 */
file?: string | null, 
/**
 * The table's headers as written (or its signature, remember.rs): the entry applies to every
 * table whose header holds the same set, whatever its file or sheet.
 */
headers?: Array<string> | null, 
/**
 * Sheet name; absent for a CSV file (or to apply to every sheet of the file).
 */
sheet?: string | null, kind?: TableKind | null, 
/**
 * The header's row number as the spreadsheet shows it (1-based).
 */
header_row?: number | null, 
/**
 * Source header -> canonical column of the kind, or null for "not mapped".
 */
columns?: { [key in string]: string | null }, };

export type TableReport = { file: string, sheet: string | null, 
/**
 * None when the table was not recognised.
 */
kind: TableKind | null, layout: string, header_row: number | null, rows_read: number, rows_used: number, rows_skipped: number, columns: Array<ColumnMap>, 
/**
 * The first and last month of the table's used rows (null for a table without dates, such as
 * `customers`, or without a used row).
 */
coverage: Coverage | null, 
/**
 * The system export the table was recognised as (`stripe_subscriptions`), and its name.
 */
source: string | null, system: string | null, 
/**
 * Rows an export rule left out (counted in `rows_used`), by reason.
 */
set_aside: { [key in string]: number }, 
/**
 * The normalisation rules applied, each with the rows it applied to.
 */
rules: Array<RuleApplied>, 
/**
 * A tickets table with a satisfaction column: the CSAT responses its ratings gave.
 */
csat_responses?: number, 
/**
 * Which correction applied (exports.md §10): "file" (a mapping entry naming the file),
 * "headers" (one naming the headers) or "remembered" (one the app stored); null for none.
 */
mapping: string | null, 
/**
 * When the remembered correction was saved (RFC 3339, UTC).
 */
mapping_saved: string | null, 
/**
 * The header signature the correction was found by (what the app's Undo forgets).
 */
mapping_headers: Array<string> | null, };

/**
 * Something the user should know that skipped nothing.
 */
export type Warning = { file: string, sheet: string | null, message: string, };
