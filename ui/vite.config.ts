import { defineConfig } from "vite";
import { bundleSize } from "./bundlesize.ts";

// Relative asset paths and no dev server in the app: Tauri serves ui/dist through its own protocol.
// No module preload: the entry imports nothing statically and the one lazy chunk (uPlot and its glue,
// src/plot.ts) has no dependencies to fetch ahead. The budget: README, "Performance".
export default defineConfig({
  base: "./",
  clearScreen: false,
  build: { outDir: "dist", target: "es2021", sourcemap: false, modulePreload: false, chunkSizeWarningLimit: 200 },
  plugins: [bundleSize({ startKb: 160, totalKb: 350 })],
  test: { environment: "node" },
} as never);
