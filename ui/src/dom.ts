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

export function option(value: string, label: string, selected = false): HTMLOptionElement {
  const o = document.createElement("option");
  o.value = value;
  o.textContent = label;
  o.selected = selected;
  return o;
}

/** A table with sortable columns (click a header). */
export function sortableTable(columns: string[], rows: (string | number | boolean | null)[][], format: (v: string | number | boolean | null, col: number) => string, limit = 500): HTMLElement {
  const table = h("table.data");
  let sortCol = -1;
  let asc = true;
  const head = h("tr");
  const body = document.createElement("tbody");
  const render = () => {
    const sorted = [...rows];
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
    body.replaceChildren(...sorted.slice(0, limit).map((r) => h("tr", null, ...r.map((v, i) => h(typeof v === "number" ? "td.num" : "td", null, format(v, i))))));
  };
  columns.forEach((c, i) => {
    const th = h("th", { tabindex: 0, scope: "col", title: "Sort" }, c);
    const sort = () => {
      asc = sortCol === i ? !asc : true;
      sortCol = i;
      head.querySelectorAll("th").forEach((t) => t.removeAttribute("aria-sort"));
      th.setAttribute("aria-sort", asc ? "ascending" : "descending");
      render();
    };
    th.addEventListener("click", sort);
    th.addEventListener("keydown", (e) => (e.key === "Enter" || e.key === " ") && sort());
    head.append(th);
  });
  table.append(h("thead", null, head), body);
  render();
  const wrap = h("div.table-wrap", null, table);
  if (rows.length > limit) wrap.append(h("p.muted", null, `Showing ${limit} of ${rows.length.toLocaleString("en-US")} rows; export for all of them.`));
  return wrap;
}
