// The two figures uPlot has no chart type for, written as markup like the tiles' sparklines: the health
// donut (SVG) and the cohort retention table (HTML, coloured cells). Their builders are pure (tested in
// Node); `figureCanvas` draws either on a canvas for the PNG buttons.
import type { Cohort, HealthBands } from "./api";

const dark = () => typeof window !== "undefined" && window.matchMedia("(prefers-color-scheme: dark)").matches;
const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export interface Arc {
  name: string;
  value: number;
  color: string;
  /** Radians clockwise from twelve o'clock. */
  start: number;
  end: number;
}

/** The donut's slices, clockwise from the top in the order green, yellow, red; an empty band has none. */
export function donutArcs(b: HealthBands): Arc[] {
  const slices: [string, number, string][] = [
    ["Green", b.green, "#16a34a"],
    ["Yellow", b.yellow, "#eab308"],
    ["Red", b.red, "#dc2626"],
  ];
  const total = slices.reduce((a, s) => a + s[1], 0);
  let at = 0;
  const arcs: Arc[] = [];
  for (const [name, value, color] of slices) {
    if (value <= 0 || total <= 0) continue;
    const end = at + (value / total) * 2 * Math.PI;
    arcs.push({ name, value, color, start: at, end });
    at = end;
  }
  return arcs;
}

const W = 360;
const H = 230;
const CX = W / 2;
const CY = 100;
const R_OUT = 78;
const R_IN = 49;
/** The point at angle `a` (clockwise from twelve o'clock) and radius `r`. */
const at = (a: number, r: number): [number, number] => [CX + r * Math.sin(a), CY - r * Math.cos(a)];
const f = (v: number) => v.toFixed(2);

/** The ring segment's path; a whole ring is two halves (an SVG arc cannot end where it starts). */
function ringPath(a: number, b: number): string {
  if (b - a >= 2 * Math.PI - 1e-9) return `${ringPath(a, a + Math.PI)} ${ringPath(a + Math.PI, b)}`;
  const large = b - a > Math.PI ? 1 : 0;
  const [x0, y0] = at(a, R_OUT);
  const [x1, y1] = at(b, R_OUT);
  const [x2, y2] = at(b, R_IN);
  const [x3, y3] = at(a, R_IN);
  return `M${f(x0)},${f(y0)}A${R_OUT},${R_OUT} 0 ${large} 1 ${f(x1)},${f(y1)}L${f(x2)},${f(y2)}A${R_IN},${R_IN} 0 ${large} 0 ${f(x3)},${f(y3)}Z`;
}

/** The health donut: each band's slice with its label outside ("Green: 5") and a tooltip, and the
 * legend underneath. Colours are written out (not CSS variables): the PNG draws this SVG as an image. */
export function donutSvg(b: HealthBands): string {
  const ink = dark() ? "#e2e8f0" : "#0f172a";
  const line = dark() ? "#475569" : "#94a3b8";
  const arcs = donutArcs(b);
  const total = arcs.reduce((a, s) => a + s.value, 0);
  const parts = arcs.map((s) => {
    const mid = (s.start + s.end) / 2;
    const [x0, y0] = at(mid, R_OUT + 2);
    const [x1, y1] = at(mid, R_OUT + 14);
    const right = Math.sin(mid) >= 0;
    const x2 = x1 + (right ? 10 : -10);
    const share = ((s.value / total) * 100).toFixed(1);
    return (
      `<path d="${ringPath(s.start, s.end)}" fill="${s.color}" stroke="${dark() ? "#111a2e" : "#ffffff"}" stroke-width="1"><title>${s.name}: ${s.value} (${share}%)</title></path>` +
      `<polyline points="${f(x0)},${f(y0)} ${f(x1)},${f(y1)} ${f(x2)},${f(y1)}" fill="none" stroke="${line}"/>` +
      `<text x="${f(x2 + (right ? 4 : -4))}" y="${f(y1 + 4)}" text-anchor="${right ? "start" : "end"}">${s.name}: ${s.value}</text>`
    );
  });
  const legend = [["Green", b.green, "#16a34a"], ["Yellow", b.yellow, "#eab308"], ["Red", b.red, "#dc2626"]] as const;
  const keys = legend.map(([name, v, color], i) => {
    const x = CX - 150 + i * 100;
    return `<rect x="${x}" y="${H - 20}" width="12" height="12" rx="2" fill="${color}"/><text x="${x + 17}" y="${H - 10}">${esc(name)}: ${v}</text>`;
  });
  return `<svg class="donut" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" font-family="system-ui, sans-serif" font-size="12" fill="${ink}" role="img" aria-label="Customers by health band">${parts.join("")}${keys.join("")}</svg>`;
}

/** One piece of the cohort colour scale: the share from `from` (inclusive) up to the next piece's. */
export const COHORT_PIECES = [
  { from: -Infinity, label: "< 50%", color: "#fee2e2", ink: "#0f172a" },
  { from: 0.5, label: "50-75%", color: "#fde68a", ink: "#0f172a" },
  { from: 0.75, label: "75-95%", color: "#bbf7d0", ink: "#0f172a" },
  { from: 0.95, label: "95-105%", color: "#4ade80", ink: "#0f172a" },
  { from: 1.05, label: "> 105%", color: "#15803d", ink: "#ffffff" },
];

/** The piece a share falls in (the same fixed scale in every view: 100% is always the same green). */
export const cohortPiece = (v: number) => [...COHORT_PIECES].reverse().find((p) => v >= p.from) ?? COHORT_PIECES[0];

export interface CohortCell {
  value: number;
  /** The share as written in the cell: whole percent ("75"). */
  text: string;
  color: string;
  ink: string;
}
export interface CohortGrid {
  ages: number;
  rows: { label: string; cells: (CohortCell | null)[] }[];
}

/** The last 18 cohorts, each cell its share at that age, and an average row weighted by cohort size
 * (over the cohorts old enough to have the age). A cohort of fewer than 10 customers is starred. */
export function cohortGrid(cohorts: Cohort[], kind: "logo" | "revenue"): CohortGrid {
  const recent = cohorts.slice(-18);
  const ages = Math.max(0, ...recent.map((c) => c[kind].length));
  const cell = (v: number): CohortCell => ({ value: v, text: `${Math.round(v * 100)}`, color: cohortPiece(v).color, ink: cohortPiece(v).ink });
  const rows = recent.map((c) => ({
    label: `${c.cohort} (${c.customers})${c.customers < 10 ? " *" : ""}`,
    cells: Array.from({ length: ages }, (_, x) => (x < c[kind].length ? cell(c[kind][x]) : null)),
  }));
  const average = Array.from({ length: ages }, (_, x) => {
    const old = recent.filter((c) => c[kind].length > x);
    const weight = old.reduce((a, c) => a + c.customers, 0);
    return weight > 0 ? cell(old.reduce((a, c) => a + c[kind][x] * c.customers, 0) / weight) : null;
  });
  return { ages, rows: [...rows, { label: "Average", cells: average }] };
}

/** The cohort table's markup: the ages across, the cohorts down, the colour key under it. */
export function cohortHtml(g: CohortGrid): string {
  const head = `<tr><th scope="col">Cohort</th>${Array.from({ length: g.ages }, (_, i) => `<th scope="col">${i}</th>`).join("")}</tr>`;
  const body = g.rows
    .map((r) => {
      const cells = r.cells.map((c, x) => (c ? `<td style="background:${c.color};color:${c.ink}" title="${esc(r.label)}, month ${x}: ${(c.value * 100).toFixed(1)}%">${c.text}</td>` : "<td></td>")).join("");
      return `<tr${r.label === "Average" ? ' class="cohort-average"' : ""}><th scope="row">${esc(r.label)}</th>${cells}</tr>`;
    })
    .join("");
  const key = COHORT_PIECES.map((p) => `<span><i style="background:${p.color}"></i>${p.label}</span>`).join("");
  return `<div class="cohort-scroll"><table class="cohort-table"><caption class="muted">% of each cohort by months since first revenue</caption><thead>${head}</thead><tbody>${body}</tbody></table></div><div class="cohort-key">${key}</div>`;
}

const grids = new Map<string, CohortGrid>();
const donuts = new Map<string, string>();

export function drawCohorts(el: HTMLElement, g: CohortGrid): void {
  grids.set(el.id, g);
  donuts.delete(el.id);
  el.classList.add("chart-table");
  el.innerHTML = cohortHtml(g);
}

export function drawDonut(el: HTMLElement, b: HealthBands): void {
  const svg = donutSvg(b);
  donuts.set(el.id, svg);
  grids.delete(el.id);
  el.innerHTML = svg;
}

/** The figure in `el` on a canvas at `ratio`, or null when `el` holds none of these figures. */
export async function figureCanvas(el: HTMLElement, ratio: number, background: string): Promise<HTMLCanvasElement | null> {
  const svg = donuts.get(el.id);
  if (svg) {
    // The SVG as an image (the CSP's img-src allows data: URLs), drawn at `ratio`.
    const img = new Image();
    img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
    await img.decode();
    return paint(W * ratio, H * ratio, background, (g) => g.drawImage(img, 0, 0, W * ratio, H * ratio));
  }
  const grid = grids.get(el.id);
  return grid ? cohortCanvas(grid, ratio, background) : null;
}

function paint(w: number, h: number, background: string, fill: (g: CanvasRenderingContext2D) => void): HTMLCanvasElement | null {
  const out = document.createElement("canvas");
  out.width = Math.ceil(w);
  out.height = Math.ceil(h);
  const g = out.getContext("2d");
  if (!g) return null;
  g.fillStyle = background;
  g.fillRect(0, 0, out.width, out.height);
  fill(g);
  return out;
}

/** The cohort table drawn cell by cell, with its key under it. */
function cohortCanvas(grid: CohortGrid, r: number, background: string): HTMLCanvasElement | null {
  const ink = dark() ? "#e2e8f0" : "#0f172a";
  const labelW = 128;
  const cw = 34;
  const ch = 20;
  const head = 2 * ch;
  const w = Math.max(labelW + grid.ages * cw + 8, 420);
  const h = head + ch * grid.rows.length + 40;
  return paint(w * r, h * r, background, (g) => {
    g.scale(r, r);
    g.font = "11px system-ui, sans-serif";
    g.textBaseline = "middle";
    g.fillStyle = "#64748b";
    g.fillText("% of each cohort by months since first revenue", 4, ch / 2);
    g.textAlign = "center";
    for (let x = 0; x < grid.ages; x++) g.fillText(String(x), labelW + x * cw + cw / 2, ch * 1.5);
    grid.rows.forEach((row, y) => {
      const top = head + y * ch;
      g.textAlign = "left";
      g.fillStyle = ink;
      g.fillText(row.label, 4, top + ch / 2);
      g.textAlign = "center";
      row.cells.forEach((c, x) => {
        if (!c) return;
        g.fillStyle = c.color;
        g.fillRect(labelW + x * cw + 1, top + 1, cw - 2, ch - 2);
        g.fillStyle = c.ink;
        g.fillText(c.text, labelW + x * cw + cw / 2, top + ch / 2);
      });
    });
    let x = 4;
    const y = head + grid.rows.length * ch + 20;
    g.textAlign = "left";
    for (const p of COHORT_PIECES) {
      g.fillStyle = p.color;
      g.fillRect(x, y - 6, 12, 12);
      g.fillStyle = ink;
      g.fillText(p.label, x + 16, y);
      x += 24 + g.measureText(p.label).width;
    }
  });
}
