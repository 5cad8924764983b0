// Small DOM helpers (no framework: the app is a handful of views).

export const $ = <T extends HTMLElement = HTMLElement>(id: string): T => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`missing #${id}`);
  return el as T;
};

type Child = Node | string | null | undefined | false;

/** `h("div.card", {title: "x"}, child, ...)` */
export function h(tag: string, attrs: Record<string, string | number | boolean | undefined> | null = null, ...children: Child[]): HTMLElement {
  const [name, ...classes] = tag.split(".");
  const el = document.createElement(name || "div");
  if (classes.length) el.className = classes.join(" ");
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === undefined || v === false) continue;
    if (k.startsWith("data-")) el.setAttribute(k, String(v));
    else if (v === true) el.setAttribute(k, "");
    else el.setAttribute(k, String(v));
  }
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.append(typeof c === "string" ? document.createTextNode(c) : c);
  }
  return el;
}

/** Shows what a button did for a moment, then its own label again. */
export function flash(b: HTMLButtonElement, text: string, title = ""): void {
  const label = b.dataset.label ?? b.textContent ?? "";
  b.dataset.label = label;
  b.textContent = text;
  b.title = title;
  window.setTimeout(() => (b.textContent = label), 2500);
}

export function option(value: string, label: string, selected = false): HTMLOptionElement {
  const o = document.createElement("option");
  o.value = value;
  o.textContent = label;
  o.selected = selected;
  return o;
}

const ROW_HEIGHT = 26;
const VIEW_HEIGHT = 420;

type Cell = string | number | boolean | null;

/** What a table may add to its plain cells: tooltips of its headers, a class and tooltip per cell
 * (an outlier), a class per row (the row asked for), a click on a row, and the row to scroll to. */
export interface TableOptions {
  headerTitles?: (string | undefined)[];
  cellClass?: (row: Cell[], col: number) => string | null;
  cellTitle?: (row: Cell[], col: number) => string | null;
  rowClass?: (row: Cell[]) => string | null;
  onRowClick?: (row: Cell[]) => void;
  /** The first row this is true of is scrolled into view. */
  scrollTo?: (row: Cell[]) => boolean;
}

/** A table with sortable columns (click a header). Only the rows in view are in the page, so a
 * drill-down of 80,000 customers scrolls as smoothly as one of 8. */
export function sortableTable(columns: string[], rows: Cell[][], format: (v: Cell, col: number) => string, opts: TableOptions = {}): HTMLElement {
  const table = h("table.data.virtual");
  let sortCol = -1;
  let asc = true;
  let sorted = rows;
  const head = h("tr");
  const body = document.createElement("tbody");
  const wrap = h("div.table-wrap", { style: `max-height:${VIEW_HEIGHT}px`, "data-rows": rows.length }, table);
  const spacer = (height: number) => {
    const tr = h("tr.spacer", { "aria-hidden": "true" });
    tr.style.height = `${height}px`;
    return tr;
  };
  const cell = (r: Cell[], v: Cell, i: number) => {
    const td = h(typeof v === "number" ? "td.num" : "td", null, format(v, i));
    const cls = opts.cellClass?.(r, i);
    if (cls) td.classList.add(...cls.split(" "));
    const title = opts.cellTitle?.(r, i);
    if (title) td.title = title;
    return td;
  };
  const draw = () => {
    const first = Math.max(0, Math.floor(wrap.scrollTop / ROW_HEIGHT) - 10);
    const last = Math.min(sorted.length, first + Math.ceil(VIEW_HEIGHT / ROW_HEIGHT) + 20);
    body.replaceChildren(
      spacer(first * ROW_HEIGHT),
      ...sorted.slice(first, last).map((r) => {
        const tr = h("tr", null, ...r.map((v, i) => cell(r, v, i)));
        const cls = opts.rowClass?.(r);
        if (cls) tr.classList.add(...cls.split(" "));
        if (opts.onRowClick) {
          tr.classList.add("clickable");
          tr.tabIndex = 0;
          tr.addEventListener("click", () => opts.onRowClick?.(r));
          tr.addEventListener("keydown", (e) => (e.key === "Enter" || e.key === " ") && opts.onRowClick?.(r));
        }
        return tr;
      }),
      spacer((sorted.length - last) * ROW_HEIGHT),
    );
  };
  const sort = () => {
    sorted = [...rows];
    if (sortCol >= 0) {
      sorted.sort((a, b) => {
        const x = a[sortCol];
        const y = b[sortCol];
        if (x === y) return 0;
        if (x === null) return 1;
        if (y === null) return -1;
        const r = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y));
        return asc ? r : -r;
      });
    }
    draw();
  };
  columns.forEach((c, i) => {
    const tip = opts.headerTitles?.[i];
    const th = h("th", { tabindex: 0, scope: "col", title: tip ? `${tip} (click to sort)` : "Sort" }, c);
    const click = () => {
      asc = sortCol === i ? !asc : true;
      sortCol = i;
      head.querySelectorAll("th").forEach((t) => t.removeAttribute("aria-sort"));
      th.setAttribute("aria-sort", asc ? "ascending" : "descending");
      sort();
    };
    th.addEventListener("click", click);
    th.addEventListener("keydown", (e) => (e.key === "Enter" || e.key === " ") && click());
    head.append(th);
  });
  table.append(h("thead", null, head), body);
  wrap.addEventListener("scroll", () => window.requestAnimationFrame(draw), { passive: true });
  sort();
  const target = opts.scrollTo ? sorted.findIndex((r) => opts.scrollTo?.(r)) : -1;
  // Once the table is in the page: the asked row a few rows from the top.
  if (target > 0) window.requestAnimationFrame(() => (wrap.scrollTop = Math.max(0, target - 3) * ROW_HEIGHT));
  return wrap;
}

/** The app's own confirmation (not the web view's dialog titled "JavaScript - tauri://localhost"):
 * resolves true when the user confirms. */
export function confirmDialog(message: string, confirmLabel: string): Promise<boolean> {
  return new Promise((resolve) => {
    const ok = h("button.primary", { type: "button" }, confirmLabel);
    const cancel = h("button", { type: "button" }, "Cancel");
    const dialog = h("dialog.confirm", { "aria-label": message }, h("p", null, message), h("div.confirm-actions", null, cancel, ok)) as HTMLDialogElement;
    const close = (answer: boolean) => {
      dialog.close();
      dialog.remove();
      resolve(answer);
    };
    ok.addEventListener("click", () => close(true));
    cancel.addEventListener("click", () => close(false));
    dialog.addEventListener("cancel", (e) => {
      e.preventDefault();
      close(false);
    });
    document.body.append(dialog);
    dialog.showModal();
    cancel.focus();
  });
}
