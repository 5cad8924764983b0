// The targets part of Settings: Northstar's defaults (with their sources), the user's own targets,
// and a row to add one. Saved whole; the dashboard then shows each tile on or off track.
import * as api from "./api";
import type { TargetKpiInfo, TargetOut, TargetsView } from "./api";
import { h, option } from "./dom";

/** Ratios are typed and shown as percentages (110 for 1.1); other units as they are. */
const toShown = (v: number | null, k: TargetKpiInfo | undefined) => (v === null ? "" : k?.unit === "ratio" ? +(v * 100).toFixed(4) : v);
const fromShown = (text: string, k: TargetKpiInfo | undefined) => (text.trim() === "" ? null : k?.unit === "ratio" ? Number(text) / 100 : Number(text));

interface Row {
  el: HTMLElement;
  kpi: () => string;
  read: () => api.TargetInput | null;
}

function row(view: TargetsView, t: TargetOut | null, isDefault: boolean, onRemove: (r: HTMLElement) => void): Row {
  const info = (id: string) => view.kpis.find((k) => k.id === id);
  const select = h("select.tg-kpi", { "aria-label": "KPI" }, ...view.kpis.map((k) => option(k.id, k.label, k.id === t?.kpi))) as HTMLSelectElement;
  select.disabled = t !== null;
  const unit = h("span.muted.tg-unit");
  const low = h("input.tg-low", { type: "number", step: "any", "aria-label": "At least" }) as HTMLInputElement;
  const high = h("input.tg-high", { type: "number", step: "any", "aria-label": "At most" }) as HTMLInputElement;
  const note = h("input.tg-note", { type: "text", placeholder: "note (optional)", "aria-label": "Note", value: t?.note ?? "" }) as HTMLInputElement;
  const fill = () => {
    const k = info(select.value);
    unit.textContent = k?.unit === "ratio" ? "%" : k?.unit === "money" ? "money" : (k?.unit ?? "");
  };
  low.value = String(toShown(t?.low ?? null, info(t?.kpi ?? "")));
  high.value = String(toShown(t?.high ?? null, info(t?.kpi ?? "")));
  select.addEventListener("change", fill);
  fill();
  // A default is sent only once the user changes it: it then becomes theirs.
  let touched = !isDefault;
  for (const input of [low, high, note]) input.addEventListener("input", () => (touched = true));
  const source = h("span.muted.tg-source", null, isDefault ? `default: ${t?.source}` : t ? `yours${t.source && t.source !== "Settings" ? ` (${t.source})` : ""}` : "new");
  const clear = h("button.link", { type: "button" }, isDefault ? "Clear" : "Remove");
  const el = h("div.tg-row", { "data-kpi": t?.kpi ?? "" }, select, h("label", null, "at least ", low), h("label", null, "at most ", high), unit, note, source, clear);
  clear.addEventListener("click", () => {
    if (isDefault) {
      // A cleared default is a target with no bounds: "no target" for that KPI.
      low.value = "";
      high.value = "";
      touched = true;
      source.textContent = "cleared: no target";
    } else onRemove(el);
  });
  return {
    el,
    kpi: () => select.value,
    read: () => {
      if (!touched) return null;
      const k = info(select.value);
      return { kpi: select.value, low: fromShown(low.value, k), high: fromShown(high.value, k), note: note.value.trim() || null, segment: t?.segment ?? null, csm: t?.csm ?? null };
    },
  };
}

/** Draws the targets section into `host`; `onSaved` recomputes the numbers on screen. */
export async function renderTargets(host: HTMLElement, onSaved: () => Promise<void>): Promise<void> {
  let view: TargetsView;
  try {
    view = await api.targetsGet();
  } catch (e) {
    host.append(h("section.card.settings", null, h("h2", null, "Targets"), h("p.error", null, api.asAppError(e).message)));
    return;
  }
  const rows: Row[] = [];
  const box = h("div", { id: "set-targets" });
  const remove = (el: HTMLElement) => {
    const k = rows.findIndex((r) => r.el === el);
    if (k >= 0) rows.splice(k, 1);
    el.remove();
  };
  const add = (t: TargetOut | null, isDefault: boolean) => {
    const r = row(view, t, isDefault, remove);
    rows.push(r);
    box.append(r.el);
  };
  const mine = new Set(view.targets.map((t) => t.kpi));
  for (const t of view.targets) add(t, false);
  for (const d of view.defaults.filter((d) => !mine.has(d.kpi))) add(d, true);
  const addBtn = h("button", { type: "button" }, "Add a target");
  addBtn.addEventListener("click", () => add(null, false));
  const save = h("button.primary", { type: "button", id: "targets-save" }, "Save targets");
  const msg = h("p.set-msg", { role: "status" });
  save.addEventListener("click", async () => {
    const list = rows.map((r) => r.read()).filter((t): t is api.TargetInput => t !== null);
    try {
      await api.targetsSave(list);
      msg.textContent = "Saved. Each tile with a target now says whether it is on track.";
      await onSaved();
    } catch (e) {
      msg.textContent = api.asAppError(e).message;
    }
  });
  host.append(
    h(
      "section.card.settings.targets",
      null,
      h("h2", null, "Targets"),
      h("p.muted", null, "A target for a KPI: at least, at most, or both (a band). A value exactly on a bound is on track. Percentages are typed as percentages (110 for 110%). A targets sheet in your files wins over these."),
      box,
      h("div.gs-row", null, addBtn, save),
      msg,
    ),
  );
}
