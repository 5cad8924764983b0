// The dashboard's tables: the most at-risk customers (click one for its health details, or export
// the list), the CSM table with its outliers marked, and the breakdown table under the controls.
// Presentation only: the lists, the outliers and the CSV files come from the engine.
import * as api from "./api";
import type { AtRisk, Breakdown, Report } from "./api";
import { $, flash, h, sortableTable } from "./dom";
import { openExplain } from "./explain";
import { formatNumber, moneyDigits } from "./format";
import { state } from "./state";
import { attributeLabel, componentText, dateLabel } from "./words";

type Cell = string | number | boolean | null;


/** Runs an export from a button: "Saved" on it when written, the reason when not. */
async function exportFrom(b: HTMLButtonElement, run: () => Promise<string | null>): Promise<void> {
  try {
    const path = await run();
    if (path) flash(b, "Saved", `Saved to ${path}`);
  } catch (e) {
    flash(b, "Not saved", api.asAppError(e).message);
  }
}

const AT_RISK_COLUMNS: [string, string][] = [
  ["Customer", "Click a customer for the health details of every customer"],
  ["ARR at stake", "12 × the customer's MRR in the last month of the period"],
  ["CSM", "The customer's CSM (customers sheet)"],
  ["Renewal", "The next renewal due after the period (renewals sheet)"],
  ["Health", "Health score out of 100: the weighted mix of the components on the right (weights in Settings)"],
  ["Seat use", "Active seats ÷ purchased seats"],
  ["NPS", "The latest NPS answer, out of 100 (an answer of 6 is 60/100)"],
  ["MRR trend", "100: MRR grew over the last 3 months; 70: flat; lower: it shrank"],
  ["Support", "100, less 10 for each ticket in the last 90 days"],
  ["Engagement", "100: a touchpoint in the last 30 days; 50: in the last 90; 0: none"],
];

/** The at-risk table: names when the customers sheet has them (the id in the tooltip), ARR at
 * stake, CSM, next renewal and each health component with its unit. A row opens the health
 * details of every customer, with this one marked. */
export function renderAtRisk(r: Report): void {
  const risky = r.details.riskiest;
  const box = $("at-risk");
  wireAtRiskExport();
  const button = document.getElementById("export-at-risk") as HTMLButtonElement | null;
  if (button) button.disabled = !risky.length;
  if (!risky.length) {
    box.replaceChildren(h("p.muted", null, "Health needs customers with revenue at the end of the period."));
    return;
  }
  const renewals = risky.some((c) => c.renewal_date) || (state.data?.import.tables.some((t) => t.kind === "renewals") ?? false);
  const cols = AT_RISK_COLUMNS.filter(([name]) => renewals || name !== "Renewal");
  const of = new WeakMap<Cell[], AtRisk>();
  const rows = risky.map((c) => {
    const row: Cell[] = [c.name ?? c.customer_id, c.arr, c.csm ?? null, ...(renewals ? [c.renewal_date] : []), c.score, c.utilization, c.nps, c.mrr_trend, c.support, c.engagement];
    of.set(row, c);
    return row;
  });
  const shift = renewals ? 1 : 0;
  box.replaceChildren(
    sortableTable(
      cols.map((c) => c[0]),
      rows,
      (v, col) => {
        if (col === 0) return String(v ?? "");
        if (col === 1) return typeof v === "number" ? moneyDigits(v, 0) : "—";
        if (col === 2) return v === null ? "—" : String(v);
        if (renewals && col === 3) return dateLabel(v as string | null);
        const n = typeof v === "number" ? v : null;
        return componentText(n, col === 4 + shift ? "percent" : "score");
      },
      {
        headerTitles: cols.map((c) => c[1]),
        cellTitle: (row, col) => (col === 0 ? `${of.get(row)?.customer_id ?? ""}: open the health details` : null),
        cellClass: (row, col) => (col === 3 + shift ? `band-${of.get(row)?.band ?? "none"}` : null),
        onRowClick: (row) => void openExplain("health_avg", of.get(row)?.customer_id),
      },
    ),
  );
}

/** Short CSM headers, each with its meaning in the tooltip. */
const CSM_COLUMNS: [string, string][] = [
  ["CSM", "Customer success manager (customers sheet)"],
  ["Customers", "Their customers paying at the end of the period"],
  ["MRR", "Their customers' MRR at the end of the period"],
  ["NRR", "Net revenue retention of their customers over the period"],
  ["GRR", "Gross revenue retention of their customers over the period"],
  ["Logo churn", "The share of their customers at the start who stopped paying"],
  ["Onboarding", "Mean onboarding rating of their customers"],
  ["Days to value", "Mean days from onboarding start to first value"],
  ["Touchpoints", "Engagement touchpoints in the period"],
  ["Advocacy", "Advocacy events in the period"],
];
const OUTLIER_COLS: Record<number, "nrr" | "grr" | "customer_churn_rate"> = { 3: "nrr", 4: "grr", 5: "customer_churn_rate" };

/** The CSM table, fitting its card, with each figure more than 10 points worse than the team's
 * marked (the engine decides which). */
export function renderCsm(r: Report): void {
  const box = $("csm-table");
  if (!r.csm.length) {
    box.replaceChildren(h("p.muted", null, "Add a CSM (owner) column to the customers sheet to compare your team."));
    return;
  }
  const pct = (v: number | null) => (v === null ? "—" : formatNumber(v, "ratio"));
  const team = (id: string) => {
    const v = r.kpis[id]?.value;
    return typeof v === "number" ? v : null;
  };
  const rows = r.csm.map((c) => [c.csm, c.customers, c.mrr, c.nrr, c.grr, c.customer_churn_rate, c.onboarding_rating, c.ttfv_days, c.engagement_activities, c.advocacy_activities] as Cell[]);
  const byName = new Map(r.csm.map((c) => [c.csm, c]));
  const outlier = (row: Cell[], col: number) => {
    const key = OUTLIER_COLS[col];
    return key !== undefined && (byName.get(String(row[0]))?.outliers ?? []).includes(key) ? key : null;
  };
  const any = r.csm.some((c) => c.outliers.length);
  const teamLine = `Team: NRR ${pct(team("nrr"))}, GRR ${pct(team("grr"))}, logo churn ${pct(team("customer_churn_rate"))}.`;
  box.replaceChildren(
    sortableTable(
      CSM_COLUMNS.map((c) => c[0]),
      rows,
      (v, col) => {
        if (v === null) return "—";
        if (typeof v !== "number") return String(v);
        if (col === 2) return formatNumber(v, "money");
        if (col >= 3 && col <= 5) return pct(v);
        if (col === 6 || col === 7) return v.toFixed(1);
        return String(v);
      },
      {
        headerTitles: CSM_COLUMNS.map((c) => c[1]),
        cellClass: (row, col) => (outlier(row, col) ? "outlier" : null),
        cellTitle: (row, col) => {
          const key = outlier(row, col);
          const mine = row[col];
          const t = key ? team(key) : null;
          if (!key || typeof mine !== "number" || t === null) return null;
          const gap = Math.abs(mine - t) * 100;
          return `${gap.toFixed(1)} pts ${key === "customer_churn_rate" ? "above" : "below"} the team's ${pct(t)}`;
        },
      },
    ),
    h("p.muted.table-note", null, any ? `Marked: more than 10 points worse than the team. ${teamLine}` : teamLine),
  );
}

const BREAKDOWN: [string, string, string][] = [
  ["mrr", "MRR", "MRR at the end of the period"],
  ["active_customers", "Customers", "Customers paying at the end of the period"],
  ["nrr", "NRR", "Net revenue retention over the period"],
  ["grr", "GRR", "Gross revenue retention over the period"],
  ["customer_churn_rate", "Logo churn", "Share of the customers at the start who stopped paying"],
  ["arpa", "ARPA", "Average MRR per customer"],
  ["nps", "NPS", "Net promoter score of the period's answers"],
  ["health_avg", "Health", "Mean health score, out of 100"],
];

/** The breakdown table right under the controls: a row per value of the attribute, sortable (click
 * a header), exportable to CSV; money in whole units when a column reaches 1,000. */
export function renderBreakdownTable(b: Breakdown | null): void {
  const box = $("breakdown");
  box.hidden = !b;
  if (!b) return;
  const label = attributeLabel(b.by);
  const lower = label === label.toUpperCase() ? label : label.toLowerCase();
  const rows = b.rows.map((r) => [r.value, ...BREAKDOWN.map(([id]) => (typeof r.kpis[id]?.value === "number" ? (r.kpis[id].value as number) : null))] as Cell[]);
  const unit = (id: string) => b.rows.map((r) => r.kpis[id]?.unit).find((u) => u) ?? "count";
  const whole = BREAKDOWN.map(([id], k) => unit(id) === "money" && rows.some((r) => typeof r[k + 1] === "number" && Math.abs(r[k + 1] as number) >= 1000));
  const exportBtn = h("button.card-action", { type: "button", id: "export-breakdown" }, "Export .csv") as HTMLButtonElement;
  exportBtn.addEventListener("click", () => void exportFrom(exportBtn, () => api.exportBreakdown(state.args, b.by)));
  const hide = h("button.card-action", { type: "button", title: "Hide the breakdown" }, "Hide") as HTMLButtonElement;
  hide.addEventListener("click", () => {
    const sel = $("breakdown-key") as HTMLSelectElement;
    sel.value = "";
    sel.dispatchEvent(new Event("change"));
  });
  const seg = state.args.segment;
  box.replaceChildren(
    h("div.card-head", null, h("h2", null, `By ${lower}`), seg ? h("span.muted", null, `within ${attributeLabel(seg[0])}: ${seg[1]}`) : null, exportBtn, hide),
    sortableTable(
      [label, ...BREAKDOWN.map((c) => c[1])],
      rows,
      (v, col) => {
        if (col === 0 || typeof v !== "number") return v === null ? "—" : String(v);
        const id = BREAKDOWN[col - 1][0];
        if (whole[col - 1]) return moneyDigits(v, 0);
        return formatNumber(v, unit(id), id);
      },
      { headerTitles: [`${label} (customers sheet)`, ...BREAKDOWN.map((c) => c[2])] },
    ),
    h("p.muted.table-note", null, "Click a column to sort it."),
  );
}

/** Wires the at-risk list's Export button (in the card's caption) once. */
function wireAtRiskExport(): void {
  const b = document.getElementById("export-at-risk") as HTMLButtonElement | null;
  if (!b || b.dataset.wired) return;
  b.dataset.wired = "1";
  b.addEventListener("click", () => void exportFrom(b, () => api.exportAtRisk(state.args)));
}
