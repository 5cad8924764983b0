// Generated from the Rust types by ts-rs (src-tauri/bindings): do not edit.
// `NORTHSTAR_WRITE_BINDINGS=1 cargo test --no-default-features --test bindings` writes the
// files again; that test fails while they are stale.

export type * from "./app";
export type * from "./clv";
export type * from "./forecast";
export type * from "./health";
export type * from "./import";
export type * from "./kpi";
export type * from "./settings";
export type * from "./voice";
