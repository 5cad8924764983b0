import { defineConfig } from "vite";

// Relative asset paths and no dev server in the app: Tauri serves ui/dist through its own protocol.
export default defineConfig({
  base: "./",
  clearScreen: false,
  build: { outDir: "dist", target: "es2021", sourcemap: false, chunkSizeWarningLimit: 1200 },
  test: { environment: "node" },
} as never);
