// Imported by src/plot.ts before uPlot: uPlot builds an Intl.NumberFormat for navigator.language as it
// loads, and WebKitGTK under the C locale (LANG unset or C, as on CI) reports "C", which Intl refuses
// with a RangeError: the chart chunk failed to load and no chart was drawn. Our axes write their own
// numbers (en-US), so the language uPlot sees only has to be a valid one.
try {
  new Intl.NumberFormat(navigator.language);
} catch {
  Object.defineProperty(navigator, "language", { value: "en-US", configurable: true });
}
