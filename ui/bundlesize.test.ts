import { describe, expect, it } from "vitest";
import { sizeReport, type Chunk } from "./bundlesize";

// An entry that imports a shared chunk statically (which imports the entry back) and a chart chunk
// only dynamically: at start 100,000 + 50,000 bytes, in all 150,000 + 300,000.
const chunks: Chunk[] = [
  { file: "assets/charts.js", bytes: 300_000, isEntry: false, imports: ["assets/shared.js"] },
  { file: "assets/index.js", bytes: 100_000, isEntry: true, imports: ["assets/shared.js"] },
  { file: "assets/shared.js", bytes: 50_000, isEntry: false, imports: ["assets/index.js"] },
];

describe("bundle size report", () => {
  it("counts the entry and its static imports at start, every chunk in all", () => {
    const r = sizeReport(chunks, { startKb: 150, totalKb: 450 });
    expect([r.startBytes, r.totalBytes]).toEqual([150_000, 450_000]);
    // Exactly at a limit is within it.
    expect(r.errors).toEqual([]);
    expect(r.lines).toEqual([
      "  assets/charts.js   300.0 kB  lazy",
      "  assets/index.js    100.0 kB  at start",
      "  assets/shared.js    50.0 kB  at start",
      "  JavaScript at start: 150.0 kB (limit 150 kB); in all: 450.0 kB (limit 450 kB)",
    ]);
  });

  it("names each limit that is passed", () => {
    expect(sizeReport(chunks, { startKb: 149, totalKb: 450 }).errors).toEqual(["the JavaScript loaded at start is 150.0 kB, over its limit of 149 kB"]);
    expect(sizeReport(chunks, { startKb: 150, totalKb: 449.999 }).errors).toEqual(["the UI's JavaScript is 450.0 kB in all, over its limit of 449.999 kB"]);
  });
});
