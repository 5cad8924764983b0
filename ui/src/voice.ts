// The Voice of the customer view: what the comments of the dashboard's period and segment say, in
// themes (table, share by NPS group, trend by quarter), each opening its comments, with the user's
// renames, merges and hides (stored by the engine). Every figure comes from `voice_view`.
import * as api from "./api";
import type { Voice, VoiceTheme } from "./api";
import { savePng } from "./charts";
import { $, flash, h, option } from "./dom";
import { state } from "./state";
import { attributeLabel } from "./words";
import { groupsChart, trendChart } from "./voicecharts";
import { openComments } from "./voicedrawer";
import * as rows from "./voicerows";

/** The latest request: an answer to an older one is dropped. */
let latest = 0;
/** The column the themes table is sorted by (-1: the engine's order, largest first) and which way. */
let sortCol = -1;
let asc = false;
/** What the last edit said (or why it failed), shown again once the view is drawn anew after it. */
let editMsg: { text: string; error: boolean } | null = null;

/** Forget the view (new data): drawn again when the tab is shown. */
export function resetVoice(): void {
  latest++;
  sortCol = -1;
  $("view-voice").replaceChildren();
}

const segText = () => (state.args.segment ? ` · ${attributeLabel(state.args.segment[0])}: ${state.args.segment[1]}` : "");


function pngButton(chartId: string, title: string, v: Voice): HTMLElement {
  const b = h("button.png", { type: "button" }, "PNG") as HTMLButtonElement;
  b.addEventListener("click", async () => {
    const slug = title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
    try {
      if (await savePng($(chartId), `northstar-${slug}`, title, `${rows.periodText(v)}${segText()} · Northstar`)) flash(b, "Saved");
    } catch (e) {
      flash(b, "Not saved", api.asAppError(e).message);
    }
  });
  return b;
}

/** Stores an edit, says what it did, and draws the view again with it applied. */
async function edit(change: api.ThemeEdit, done: string): Promise<void> {
  try {
    await api.editTheme(change);
    editMsg = { text: done, error: false };
  } catch (e) {
    editMsg = { text: api.asAppError(e).message, error: true };
  }
  await showVoice();
}

function summary(v: Voice): HTMLElement {
  const unthemed = h("button.link", { type: "button", id: "voice-unthemed" }, `${rows.comments(v.unthemed)} in no theme`);
  unthemed.addEventListener("click", () => void openComments(state.args, "", "Comments in no theme", v));
  const feel = rows.sentimentText(v);
  return h(
    "section.card",
    { id: "voice-summary" },
    h("h2", null, "What customers say"),
    h(
      "p",
      { id: "voice-header" },
      h("b", { id: "voice-comments" }, rows.count(v.comments)),
      ` ${v.comments === 1 ? "comment" : "comments"} (survey comments and ticket subjects) from ${rows.periodText(v)}${segText()}; `,
      h("b", { id: "voice-scored" }, rows.count(v.scored)),
      " scored for sentiment. ",
      rows.languagesText(v),
      rows.notScoredText(v) ? ` ${rows.notScoredText(v)}` : "",
    ),
    feel ? h(`p.voice-feel.${rows.tone(v.sentiment)}`, { id: "voice-sentiment" }, feel) : null,
    v.comments && v.unthemed ? h("p.muted", null, unthemed, `: ${v.unthemed === 1 ? "it mentions" : "they mention"} none of the themes below.`) : null,
  );
}

/** The themes table: sortable by any column; each name opens its comments; Rename, Merge into,
 * Hide per theme. */
function themesCard(v: Voice): HTMLElement {
  const shares = rows.shareColumns(v.groups);
  const cols = rows.themeColumns(shares);
  const n = cols.length;
  const list = v.themes.map((t) => ({ theme: t, values: rows.themeValues(t, shares) }));
  const body = h("tbody");
  const draw = () => body.replaceChildren(...rows.sortThemes(list, sortCol, asc).map((r) => themeRow(v, r.theme, r.values, n)));
  const head = h(
    "tr",
    null,
    ...cols.map(([label, tip], i) => {
      const th = h(i === 0 ? "th" : "th.num", { scope: "col", tabindex: 0, title: `${tip} (click to sort)`, "aria-sort": i === sortCol ? (asc ? "ascending" : "descending") : undefined }, label);
      const sort = () => {
        // A first click sorts names A-Z and figures largest first.
        asc = sortCol === i ? !asc : i === 0;
        sortCol = i;
        head.querySelectorAll("th").forEach((x) => x.removeAttribute("aria-sort"));
        th.setAttribute("aria-sort", asc ? "ascending" : "descending");
        draw();
      };
      th.addEventListener("click", sort);
      th.addEventListener("keydown", (e) => (e.key === "Enter" || e.key === " ") && sort());
      return th;
    }),
    h("th.voice-actions-head", { scope: "col" }, ""),
  );
  draw();
  const msg = h(`p.voice-msg${editMsg?.error ? ".error" : ""}`, { id: "voice-msg", role: "status" }, editMsg?.text ?? "");
  editMsg = null;
  const notes = [rows.denominatorsText(v.groups), rows.missingGroupsText(v.groups)].filter((x): x is string => !!x).join(" ");
  return h(
    "figure.card.wide",
    { id: "voice-themes" },
    h("figcaption", null, "Themes", h("span.muted.caption-hint", null, "click a theme for its comments")),
    v.themes.length ? h("div.table-scroll", null, h("table.data.voice-table", { id: "voice-themes-table" }, h("thead", null, head), body)) : h("p.muted", { id: "voice-no-themes" }, "Every theme is hidden: show one again below."),
    notes ? h("p.muted.table-note", null, notes) : null,
    msg,
    hiddenList(v),
  );
}

function themeRow(v: Voice, t: VoiceTheme, values: rows.Cell[], n: number): HTMLElement {
  const open = h("button.link.voice-name", { type: "button", title: "Show its comments" }, t.name);
  open.addEventListener("click", () => void openComments(state.args, t.key, t.name, v));
  const found = rows.foundText(t);
  const merged = t.merged.length
    ? h(
        "div.voice-sub",
        null,
        "includes ",
        ...t.merged.flatMap((m, i) => {
          const out = h("button.link", { type: "button", title: `Take “${m.name}” out of this theme again` }, "take out");
          out.addEventListener("click", () => void edit({ action: "merge", key: m.key, into: null }, `“${m.name}” is a theme of its own again.`));
          return [i ? "; " : "", `“${m.name}” (`, out, ")"];
        }),
      )
    : null;
  const name = h("th.voice-theme", { scope: "row" }, open, found ? h("div.voice-sub", null, found) : null, merged);
  const cells = values.slice(1).map((x, k) => {
    const col = k + 1;
    const reason = col === n - 1 && x === null ? t.mrr.reason : undefined;
    const cls = col === 3 ? `.${rows.tone(x as number | null) ?? "none"}` : "";
    return h(`td.num${cls}`, { title: reason }, rows.themeText(x, col, n));
  });
  return h("tr", { "data-theme": t.key }, name, ...cells, h("td.voice-actions", null, ...actions(v, t, open)));
}

/** Rename (in place), Merge into (the other themes), Hide. */
function actions(v: Voice, t: VoiceTheme, open: HTMLElement): HTMLElement[] {
  const rename = h("button.small", { type: "button", "data-action": "rename" }, "Rename");
  rename.addEventListener("click", () => {
    const input = h("input.voice-rename", { type: "text", value: t.name, "aria-label": `New name for ${t.name}`, maxlength: 80 }) as HTMLInputElement;
    const save = h("button.small.primary", { type: "button" }, "Save");
    const cancel = h("button.small", { type: "button" }, "Cancel");
    const reset = t.name !== t.found_name ? h("button.small", { type: "button", title: `Back to “${t.found_name}”` }, "Use found name") : null;
    const form = h("div.voice-rename-row", null, input, save, cancel, reset);
    const saveName = (name: string | null) => void edit({ action: "rename", key: t.key, name }, name ? `Renamed “${t.name}” to “${name}”.` : `“${t.name}” is named “${t.found_name}” again.`);
    const typed = () => {
      const name = input.value.trim();
      // An empty name, or the found one, is no name of the user's own.
      saveName(name && name !== t.found_name ? name : null);
    };
    save.addEventListener("click", typed);
    reset?.addEventListener("click", () => saveName(null));
    cancel.addEventListener("click", () => form.replaceWith(open));
    input.addEventListener("keydown", (e) => {
      if (e.key === "Enter") typed();
      if (e.key === "Escape") form.replaceWith(open);
    });
    open.replaceWith(form);
    input.focus();
    input.select();
  });
  const merge = h("select.small", { "aria-label": `Merge ${t.name} into another theme`, "data-action": "merge" }) as HTMLSelectElement;
  merge.append(option("", "Merge into…"), ...v.themes.filter((o) => o.key !== t.key).map((o) => option(o.key, o.name)));
  merge.addEventListener("change", () => {
    const into = v.themes.find((o) => o.key === merge.value);
    if (into) void edit({ action: "merge", key: t.key, into: into.key }, `“${t.name}” is now part of “${into.name}”.`);
  });
  const hide = h("button.small", { type: "button", "data-action": "hide", title: "Leave it out of the view (listed below the table)" }, "Hide");
  hide.addEventListener("click", () => void edit({ action: "hide", key: t.key, hidden: true }, `“${t.name}” is hidden.`));
  return [rename, merge, hide];
}

function hiddenList(v: Voice): HTMLElement | null {
  if (!v.hidden.length) return null;
  return h(
    "div.voice-hidden",
    { id: "voice-hidden" },
    h("h3", null, "Hidden themes"),
    h(
      "ul",
      null,
      ...v.hidden.map((t) => {
        const show = h("button.small", { type: "button" }, "Show again");
        show.addEventListener("click", () => void edit({ action: "hide", key: t.key, hidden: false }, `“${t.name}” is shown again.`));
        return h("li", { "data-theme": t.key }, `${t.name} (${rows.comments(t.comments)}) `, show);
      }),
    ),
  );
}

function groupsCard(v: Voice): HTMLElement {
  const bars = rows.groupBars(v);
  const title = "Share of each NPS group's comments, by theme";
  const fig = h(
    "figure.card",
    { id: "voice-groups" },
    h("figcaption", null, title),
    bars.series.length && bars.themes.length ? h("div.chart", { id: "chart-voice-groups" }) : h("p.muted", null, "No NPS comments in this period: no split by group."),
    v.themes.length > bars.themes.length ? h("p.muted.table-note", null, `The ${bars.themes.length} largest of ${v.themes.length} themes.`) : null,
  );
  if (bars.series.length && bars.themes.length) fig.querySelector("figcaption")?.append(pngButton("chart-voice-groups", title, v));
  return fig;
}

function trendCard(v: Voice): HTMLElement {
  const t = rows.trendLines(v);
  const title = `The ${t.lines.length === 1 ? "largest theme" : `${t.lines.length} largest themes`} by quarter`;
  const fig = h(
    "figure.card",
    { id: "voice-trend" },
    h("figcaption", null, title),
    t.lines.length ? h("div.chart", { id: "chart-voice-trend" }) : h("p.muted", null, "No theme to follow."),
    h("p.muted.table-note", null, "Each quarter, the share of that quarter's comments that mention the theme."),
  );
  if (t.lines.length) fig.querySelector("figcaption")?.append(pngButton("chart-voice-trend", title, v));
  return fig;
}

function render(v: Voice): void {
  const empty = rows.emptyText(v);
  const body = $("voice-body");
  if (empty) {
    body.replaceChildren(summary(v), h("p.card.voice-empty", { id: "voice-empty" }, empty ?? ""));
    return;
  }
  body.replaceChildren(summary(v), h("div.charts.voice-charts", null, themesCard(v), groupsCard(v), trendCard(v)));
  if (document.getElementById("chart-voice-groups")) groupsChart($("chart-voice-groups"), rows.groupBars(v));
  if (document.getElementById("chart-voice-trend")) trendChart($("chart-voice-trend"), rows.trendLines(v));
}

/** Asks the engine for the view of the dashboard's period and segment (each time the tab is shown:
 * the dashboard's filters may have changed) and draws it. */
export async function showVoice(): Promise<void> {
  const seq = ++latest;
  const view = $("view-voice");
  if (!document.getElementById("voice-body")) view.replaceChildren(h("p.muted", { id: "voice-status", role: "status" }), h("div", { id: "voice-body" }));
  const status = $("voice-status");
  if (!$("voice-body").childElementCount) status.textContent = "Reading the comments…";
  try {
    const v = await api.voiceView(state.args);
    if (seq !== latest) return;
    status.textContent = "";
    status.className = "muted";
    render(v);
  } catch (e) {
    if (seq !== latest) return;
    status.textContent = api.asAppError(e).message;
    status.className = "error";
    $("voice-body").replaceChildren();
  }
}
