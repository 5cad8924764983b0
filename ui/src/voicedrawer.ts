// A theme's comments in the side drawer (the explain drawer's place): opened from the Voice view's
// themes table and from the NPS and CSAT drawers. Each comment with its date, customer, answer,
// sentiment and the file row it was read from; the engine sorts them, most negative first.
import * as api from "./api";
import type { ViewArgs, Voice, VoiceComment } from "./api";
import { h } from "./dom";
import { closeExplain, showDrawer } from "./explain";
import { attributeLabel } from "./words";
import { commentMeta, commentsHeading, periodText, tone } from "./voicerows";

let seq = 0;

function commentItem(c: VoiceComment): HTMLElement {
  const [date, customer, source, feel, where] = commentMeta(c);
  return h(
    "li.voice-comment",
    { "data-row": c.row ?? undefined },
    h("p.voice-text", null, c.text),
    h(
      "p.voice-meta",
      null,
      h("span", null, date),
      h("span", null, customer),
      h("span", null, source),
      h(`span${c.sentiment === null ? ".unscored" : `.${tone(c.sentiment)}`}`, null, feel),
      h("span.voice-where", null, where),
    ),
  );
}

/** Opens the comments of a theme (`key`), of no theme (`""`) or all (null) in the drawer, under the
 * view's period (as the caller's Voice gave it). `back` names and reopens what the drawer showed
 * before (the NPS drawer). */
export async function openComments(args: ViewArgs, key: string | null, title: string, v: Voice, back?: { label: string; open: () => void }): Promise<void> {
  const mine = ++seq;
  const drawer = showDrawer();
  const close = h("button.close", { type: "button", "aria-label": "Close" }, "×");
  close.addEventListener("click", closeExplain);
  const backButton = back ? h("button.back", { type: "button" }, `← ${back.label}`) : null;
  backButton?.addEventListener("click", back?.open ?? (() => undefined));
  const head = h("div.drawer-head", null, h("h2", { id: "explain-title" }, title), close);
  const seg = args.segment ? ` · ${attributeLabel(args.segment[0])}: ${args.segment[1]}` : "";
  const top = [head, backButton, h("p.muted", null, `${periodText(v)}${seg}`)].filter((e): e is HTMLElement => e !== null);
  drawer.replaceChildren(...top, h("p.muted", null, "Reading the comments…"));
  close.focus();
  try {
    const list = await api.voiceComments(args, key);
    if (mine !== seq) return;
    drawer.replaceChildren(
      ...top,
      h("p", { id: "voice-comments-count" }, commentsHeading(list.total, list.comments.length)),
      h("ol.voice-comments", { id: "voice-comments-list" }, ...list.comments.map(commentItem)),
    );
  } catch (e) {
    if (mine === seq) drawer.replaceChildren(...top, h("p.error", null, api.asAppError(e).message));
  }
}
