// Which KPI tiles the dashboard shows, grouped as a board deck reads. Labels only: values come from Rust.
export interface TileDef {
  id: string;
  label: string;
}
export interface Group {
  title: string;
  tiles: TileDef[];
}

export const GROUPS: Group[] = [
  {
    title: "Revenue",
    tiles: [
      { id: "mrr", label: "MRR" },
      { id: "arr", label: "ARR" },
      { id: "active_customers", label: "Active customers" },
      { id: "arpa", label: "ARPA" },
      { id: "net_new_mrr", label: "Net new MRR" },
    ],
  },
  {
    title: "Retention",
    tiles: [
      { id: "nrr", label: "Net revenue retention" },
      { id: "grr", label: "Gross revenue retention" },
      { id: "customer_churn_rate", label: "Logo churn (period)" },
      { id: "monthly_churn_rate", label: "Monthly logo churn" },
      { id: "ltv_to_cac", label: "LTV : CAC" },
    ],
  },
  {
    title: "Voice of the customer & service",
    tiles: [
      { id: "nps", label: "NPS" },
      { id: "csat", label: "CSAT" },
      { id: "ces_mean", label: "CES (mean, 1-7)" },
      { id: "fcr", label: "First-contact resolution" },
      { id: "avg_resolution_hours", label: "Avg resolution time" },
    ],
  },
  {
    title: "Onboarding, adoption & health",
    tiles: [
      { id: "ttfv_days", label: "Time to first value" },
      { id: "license_utilization", label: "License utilization" },
      { id: "health_avg", label: "Health score (avg)" },
      { id: "health_red", label: "At-risk customers (red)" },
      { id: "renewal_rate", label: "Renewal rate" },
    ],
  },
];
