// The UI's JavaScript budget, checked by every `npm run build` (and so by CI): prints each JS asset's
// size, what the window loads before its first screen and the whole, and fails the build when either is
// over its limit. Sizes are of the minified files as written to dist/ (kB = 1000 bytes, as Vite prints).
import type { Plugin } from "vite";

export interface Chunk {
  file: string;
  bytes: number;
  isEntry: boolean;
  /** Chunks imported statically (loaded with it); dynamic imports are not followed. */
  imports: string[];
}
export interface Limits {
  /** The entry chunk and everything it imports statically: the JS parsed before the first screen. */
  startKb: number;
  /** Every JS asset, lazily loaded chunks included. */
  totalKb: number;
}
export interface Report {
  lines: string[];
  startBytes: number;
  totalBytes: number;
  errors: string[];
}

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

export function sizeReport(chunks: Chunk[], limits: Limits): Report {
  const byFile = new Map(chunks.map((c) => [c.file, c]));
  const start = new Set<string>();
  const visit = (file: string) => {
    if (start.has(file)) return;
    start.add(file);
    byFile.get(file)?.imports.forEach(visit);
  };
  chunks.filter((c) => c.isEntry).forEach((c) => visit(c.file));
  const startBytes = chunks.filter((c) => start.has(c.file)).reduce((a, c) => a + c.bytes, 0);
  const totalBytes = chunks.reduce((a, c) => a + c.bytes, 0);
  const width = Math.max(0, ...chunks.map((c) => c.file.length));
  const lines = [
    ...[...chunks].sort((a, b) => b.bytes - a.bytes).map((c) => `  ${c.file.padEnd(width)}  ${kb(c.bytes).padStart(9)}  ${start.has(c.file) ? "at start" : "lazy"}`),
    `  JavaScript at start: ${kb(startBytes)} (limit ${limits.startKb} kB); in all: ${kb(totalBytes)} (limit ${limits.totalKb} kB)`,
  ];
  const errors: string[] = [];
  if (startBytes > limits.startKb * 1000) errors.push(`the JavaScript loaded at start is ${kb(startBytes)}, over its limit of ${limits.startKb} kB`);
  if (totalBytes > limits.totalKb * 1000) errors.push(`the UI's JavaScript is ${kb(totalBytes)} in all, over its limit of ${limits.totalKb} kB`);
  return { lines, startBytes, totalBytes, errors };
}

/** The Vite plugin: reads the chunks as Rolldown wrote them, prints the report, fails over a limit. */
export function bundleSize(limits: Limits): Plugin {
  return {
    name: "northstar-bundle-size",
    apply: "build",
    generateBundle(_options, bundle) {
      const chunks: Chunk[] = [];
      for (const out of Object.values(bundle)) {
        if (out.type !== "chunk") continue;
        chunks.push({ file: out.fileName, bytes: new TextEncoder().encode(out.code).length, isEntry: out.isEntry, imports: out.imports });
      }
      const r = sizeReport(chunks, limits);
      console.log(`\nJavaScript assets:\n${r.lines.join("\n")}`);
      if (r.errors.length) this.error(`bundle size: ${r.errors.join("; ")} (see README, "Performance")`);
    },
  };
}
