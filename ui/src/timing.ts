// User Timing of what the user does: `started(name)` when they act, `drawn(name)` once the result is
// on screen (the frame after the DOM changed). The WebDriver benchmark reads these measures
// (tests/e2e_support/interactions.rs); they cost nothing to a user.

/** The user just did `name` (a later action of the same name restarts it). */
export function started(name: string): void {
  performance.clearMarks(`${name}:start`);
  performance.mark(`${name}:start`);
}

/** The result of `name` is in the DOM: measured once the next frame is drawn. */
export function drawn(name: string): void {
  const mark = `${name}:start`;
  if (!performance.getEntriesByName(mark, "mark").length) return;
  requestAnimationFrame(() => {
    step(name, "next frame");
    setTimeout(() => {
      if (!performance.getEntriesByName(mark, "mark").length) return;
      performance.measure(name, mark);
      performance.clearMarks(mark);
    }, 0);
  });
}

/** A step of `name` done (the answer arrived, the DOM built): a measure `name/step` from its start,
 * so the benchmark can say where the time goes. */
export function step(name: string | undefined, label: string): void {
  const mark = `${name}:start`;
  if (name && performance.getEntriesByName(mark, "mark").length) performance.measure(`${name}/${label}`, mark);
}
