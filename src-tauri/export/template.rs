//! Templates for the tables a workbook lacks: for each table kind, an .xlsx with one sheet named
//! after the kind (a header row in plain words and two example rows, readable by the importer as it
//! is) and a sheet "How to fill it" with a line per column: what it holds, an example, required or
//! not.

use super::{werr, ExportError};
use crate::import::TableKind;
use chrono::NaiveDate;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook};
use std::path::Path;

/// An example cell.
#[derive(Debug, Clone, Copy)]
pub enum Ex {
    Text(&'static str),
    /// A whole number (a count, a score, a term).
    Int(i64),
    /// Money, in cents.
    Cents(i64),
    /// A date (year, month, day).
    Date(i32, u32, u32),
    /// A month (its first day, shown as `yyyy-mm`).
    Month(i32, u32),
    /// A date and time (year, month, day, hour, minute).
    Stamp(i32, u32, u32, u32, u32),
    Empty,
}

impl Ex {
    fn date(self) -> Option<chrono::NaiveDateTime> {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).expect("a valid example date");
        match self {
            Ex::Date(y, m, day) => d(y, m, day).and_hms_opt(0, 0, 0),
            Ex::Month(y, m) => d(y, m, 1).and_hms_opt(0, 0, 0),
            Ex::Stamp(y, m, day, h, mi) => d(y, m, day).and_hms_opt(h, mi, 0),
            _ => None,
        }
    }

    /// The example as the data sheet shows it.
    pub fn shown(self) -> String {
        match self {
            Ex::Text(t) => t.to_string(),
            Ex::Int(n) => n.to_string(),
            Ex::Cents(c) => super::cells::grouped(c as f64 / 100.0, 2),
            Ex::Date(y, m, d) => format!("{y:04}-{m:02}-{d:02}"),
            Ex::Month(y, m) => format!("{y:04}-{m:02}"),
            Ex::Stamp(y, m, d, h, mi) => format!("{y:04}-{m:02}-{d:02} {h:02}:{mi:02}"),
            Ex::Empty => "(empty)".into(),
        }
    }
}

/// Whether a column must be filled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    Required,
    Optional,
}

/// One column of a template.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    /// The header, in plain words (one of the importer's synonyms).
    pub header: &'static str,
    /// The canonical column it maps to.
    pub canonical: &'static str,
    pub need: Need,
    /// What it holds, in a sentence.
    pub holds: &'static str,
    pub examples: [Ex; 2],
}

/// The template of a table kind.
#[derive(Debug, Clone, Copy)]
pub struct Template {
    pub kind: TableKind,
    /// The data sheet's name.
    pub sheet: &'static str,
    /// What one row is.
    pub row_is: &'static str,
    /// Other ways to give the same data, and what the KPIs read from it.
    pub notes: &'static [&'static str],
    pub columns: &'static [Column],
}

use Ex::*;
use Need::*;

macro_rules! col {
    ($header:literal, $canonical:literal, $need:expr, $holds:expr, $a:expr, $b:expr) => {
        Column {
            header: $header,
            canonical: $canonical,
            need: $need,
            holds: $holds,
            examples: [$a, $b],
        }
    };
}

const CUSTOMER_ID: &str =
    "The customer's id, the same in every sheet (an account id or a company name).";

/// A template per table kind, in the order of the workbook spec.
pub static TEMPLATES: &[Template] = &[
    Template {
        kind: TableKind::Mrr,
        sheet: "MRR",
        row_is: "One row per customer and month: the monthly recurring revenue the customer paid that month.",
        notes: &[
            "A month without a row for a paying customer means the customer paid nothing that month (churn).",
            "Also accepted: one row per customer with one column per month (Jan 2024, Feb 2024, ...).",
            "Unlocks MRR, ARR, movements, NRR, GRR, churn, cohorts and lifetime values.",
        ],
        columns: &[
            col!("Customer ID", "customer_id", Required, "The customer's id, the same in every sheet.", Text("C-001"), Text("C-002")),
            col!("Month", "month", Required, "The month (any day of it, or 2024-01).", Month(2024, 1), Month(2024, 1)),
            col!("MRR", "mrr", Required, "Monthly recurring revenue of the customer in that month (no one-time fees, no tax).", Cents(120_000), Cents(45_000)),
        ],
    },
    Template {
        kind: TableKind::MrrEvents,
        sheet: "MRR events",
        row_is: "One row per change of a customer's MRR (new, expansion, contraction, churn, reactivation).",
        notes: &[
            "A customer's MRR in a month is the sum of its changes up to that month.",
            "Every month from the first event to the last needs at least one event.",
            "Unlocks the same KPIs as an MRR sheet.",
        ],
        columns: &[
            col!("Customer ID", "customer_id", Required, "The customer's id, the same in every sheet.", Text("C-001"), Text("C-001")),
            col!("Date", "date", Required, "The day the change took effect.", Date(2024, 1, 15), Date(2024, 2, 10)),
            col!("MRR Change", "mrr_change", Required, "The change of MRR: positive for new or expansion, negative for contraction or churn.", Cents(120_000), Cents(30_000)),
            col!("Event Type", "event_type", Optional, "new, expansion, contraction, churn or reactivation (informational).", Text("new"), Text("expansion")),
        ],
    },
    Template {
        kind: TableKind::MrrSummary,
        sheet: "MRR summary",
        row_is: "One row per month with the company's MRR totals (no customer rows).",
        notes: &[
            "Each row must add up: ending MRR = starting MRR + new + reactivation + expansion - contraction - churn.",
            "Gives company-level KPIs only; NRR, GRR, logo churn and cohorts need customer rows (an MRR sheet).",
        ],
        columns: &[
            col!("Month", "month", Required, "The month.", Month(2024, 1), Month(2024, 2)),
            col!("Starting MRR", "starting_mrr", Optional, "MRR at the start of the month (the previous month's ending MRR).", Cents(1_000_000), Cents(1_100_000)),
            col!("New", "new", Optional, "MRR of customers who started paying that month.", Cents(120_000), Cents(80_000)),
            col!("Expansion", "expansion", Optional, "MRR added by upgrades of paying customers.", Cents(30_000), Cents(25_000)),
            col!("Contraction", "contraction", Optional, "MRR lost to downgrades of customers who still pay.", Cents(10_000), Cents(0)),
            col!("Churn", "churn", Optional, "MRR of customers who stopped paying.", Cents(40_000), Cents(50_000)),
            col!("Reactivation", "reactivation", Optional, "MRR of customers who came back after a pause.", Cents(0), Cents(15_000)),
            col!("Net New", "net_new", Optional, "New + reactivation + expansion - contraction - churn.", Cents(100_000), Cents(70_000)),
            col!("Ending MRR", "ending_mrr", Optional, "MRR at the end of the month.", Cents(1_100_000), Cents(1_170_000)),
            col!("Active Customers", "customers", Optional, "Customers paying at the end of the month.", Int(52), Int(53)),
        ],
    },
    Template {
        kind: TableKind::Subscriptions,
        sheet: "Subscriptions",
        row_is: "One row per subscription: who, from when, until when (empty while it runs) and its MRR.",
        notes: &[
            "Instead of MRR you may give ARR (Annual Recurring Revenue): MRR = ARR / 12.",
            "A Quantity column (seats, units) multiplies MRR; a Currency column names each row's currency.",
            "The month of the end date does not count, except an end on a month's last day.",
            "Unlocks the same KPIs as an MRR sheet.",
        ],
        columns: &[
            col!("Customer ID", "customer_id", Required, CUSTOMER_ID, Text("C-001"), Text("C-002")),
            col!("Plan", "plan", Optional, "The plan or product subscribed to.", Text("Growth"), Text("Starter")),
            col!("Start Date", "start_date", Required, "The day the subscription started.", Date(2024, 1, 1), Date(2024, 1, 1)),
            col!("End Date", "end_date", Optional, "The day service stopped; empty while it runs.", Empty, Date(2024, 6, 30)),
            col!("MRR", "mrr", Required, "Monthly recurring revenue of the subscription.", Cents(120_000), Cents(45_000)),
        ],
    },
    Template {
        kind: TableKind::Customers,
        sheet: "Customers",
        row_is: "One row per customer with what you know about it. Only the id is required.",
        notes: &[
            "Any other column (industry, country, ...) is kept and can be used as a segment.",
            "Unlocks ARPU, license utilization, time to first value, onboarding rating, names, segments and the CSM table.",
        ],
        columns: &[
            col!("Customer ID", "customer_id", Required, CUSTOMER_ID, Text("C-001"), Text("C-002")),
            col!("Name", "name", Optional, "The customer's name as people say it.", Text("Acme Logistics Inc"), Text("Nova Health LLC")),
            col!("Segment", "segment", Optional, "A segment or tier.", Text("Mid-Market"), Text("SMB")),
            col!("Plan", "plan", Optional, "The plan or product.", Text("Growth"), Text("Starter")),
            col!("CSM", "csm", Optional, "The customer success manager (or account owner).", Text("Dana Kowalski"), Text("Ben Okafor")),
            col!("Region", "region", Optional, "The region.", Text("EMEA"), Text("NA")),
            col!("Signup Date", "signup_date", Optional, "The day the customer signed up.", Date(2023, 11, 14), Date(2024, 1, 8)),
            col!("Seats Purchased", "seats_purchased", Optional, "Licenses bought.", Int(40), Int(10)),
            col!("Seats Active", "seats_active", Optional, "Licenses in use (active users).", Int(31), Int(6)),
            col!("Onboarding Start", "onboarding_start", Optional, "The day onboarding (the kickoff) started.", Date(2023, 11, 20), Date(2024, 1, 10)),
            col!("First Value Date", "first_value_date", Optional, "The day the customer first got value (went live).", Date(2024, 1, 9), Date(2024, 2, 2)),
            col!("Onboarding Rating", "onboarding_rating", Optional, "The customer's rating of onboarding, 1 to 5.", Int(5), Int(4)),
        ],
    },
    Template {
        kind: TableKind::Surveys,
        sheet: "Surveys",
        row_is: "One row per survey answer.",
        notes: &[
            "Type is NPS (0-10), CSAT (1-5 by default), CES (1-7, 7 = easy) or eNPS (employees, 0-10).",
            "Also accepted: one column per type (NPS, CSAT, CES, eNPS) holding the scores.",
            "Unlocks NPS, eNPS, CSAT and CES, and feeds the health score.",
        ],
        columns: &[
            col!("Customer ID", "customer_id", Optional, "Who answered (empty for employee surveys).", Text("C-001"), Text("C-002")),
            col!("Date", "date", Required, "The day of the answer.", Date(2024, 3, 5), Date(2024, 3, 7)),
            col!("Type", "type", Required, "NPS, CSAT, CES or eNPS.", Text("NPS"), Text("CSAT")),
            col!("Score", "score", Required, "The score given, a whole number on the type's scale.", Int(9), Int(4)),
            col!("Comment", "comment", Optional, "What the customer wrote (shown, never scored).", Text("Support is fast"), Empty),
        ],
    },
    Template {
        kind: TableKind::Tickets,
        sheet: "Tickets",
        row_is: "One row per support ticket.",
        notes: &[
            "Instead of Contacts you may give First Contact Resolution (yes/no).",
            "Unlocks first-contact resolution and resolution time, and feeds the health score.",
        ],
        columns: &[
            col!("Ticket ID", "ticket_id", Required, "The ticket's number.", Text("T-1001"), Text("T-1002")),
            col!("Customer ID", "customer_id", Optional, CUSTOMER_ID, Text("C-001"), Text("C-002")),
            col!("Opened", "opened", Required, "When the ticket was opened (date and time).", Stamp(2024, 3, 4, 9, 15), Stamp(2024, 3, 6, 11, 0)),
            col!("Resolved", "resolved", Optional, "When it was resolved; empty while open.", Stamp(2024, 3, 4, 15, 40), Stamp(2024, 3, 8, 10, 30)),
            col!("Contacts", "contacts", Optional, "Replies to the customer until it was resolved.", Int(1), Int(3)),
        ],
    },
    Template {
        kind: TableKind::Activities,
        sheet: "Activities",
        row_is: "One row per CSM touchpoint or advocacy event.",
        notes: &[
            "Engagement types: email, call, meeting, QBR, EBR, business review, workshop, training, check-in.",
            "Advocacy types: referral, review, case study, testimonial, reference, reference call, speaking, social post.",
            "Unlocks engagement and advocacy counts, and feeds the health score and the CSM table.",
        ],
        columns: &[
            col!("Customer ID", "customer_id", Optional, CUSTOMER_ID, Text("C-001"), Text("C-002")),
            col!("Date", "date", Required, "The day it happened.", Date(2024, 3, 12), Date(2024, 3, 20)),
            col!("Type", "type", Required, "What it was (see the types below).", Text("QBR"), Text("Referral")),
            col!("CSM", "csm", Optional, "Who did it.", Text("Dana Kowalski"), Text("Ben Okafor")),
        ],
    },
    Template {
        kind: TableKind::Costs,
        sheet: "Costs",
        row_is: "One row per period and category of spend.",
        notes: &[
            "Categories Sales, Marketing and Acquisition feed CAC; Customer Success, Support and Retention feed the retention cost.",
            "A period may be a month, a quarter (2024-Q1) or a year; its spend is spread evenly over its months.",
            "Unlocks CAC, LTV : CAC, CAC payback and retention cost per customer.",
        ],
        columns: &[
            col!("Month", "period", Required, "The month (or quarter, or year) of the spend.", Month(2024, 1), Month(2024, 1)),
            col!("Category", "category", Required, "What the money was spent on.", Text("Sales"), Text("Customer Success")),
            col!("Amount", "amount", Required, "The amount spent.", Cents(2_500_000), Cents(800_000)),
        ],
    },
    Template {
        kind: TableKind::Orders,
        sheet: "Orders",
        row_is: "One row per order or transaction.",
        notes: &[
            "A refund is left out or lowers the order's amount; a negative amount is refused.",
            "Unlocks transactional CLV, the repeat purchase rate and Predictive CLV.",
        ],
        columns: &[
            col!("Order ID", "order_id", Optional, "The order's number.", Text("O-1001"), Text("O-1002")),
            col!("Customer ID", "customer_id", Required, CUSTOMER_ID, Text("C-001"), Text("C-002")),
            col!("Date", "date", Required, "The day of the order.", Date(2024, 3, 4), Date(2024, 3, 9)),
            col!("Amount", "amount", Required, "What the customer paid.", Cents(12_000), Cents(7_550)),
        ],
    },
    Template {
        kind: TableKind::Usage,
        sheet: "Usage",
        row_is: "One row per session (or event) of a user in your product.",
        notes: &[
            "Cover every day of the period: a month without usage rows counts as no usage.",
            "Session length may be given in seconds (Session Seconds) or minutes (Session Minutes).",
            "Unlocks daily and monthly active users, stickiness and average session length.",
        ],
        columns: &[
            col!("User ID", "user_id", Required, "The user (an id or an email address).", Text("jane@acme.example"), Text("omar@nova.example")),
            col!("Date", "date", Required, "The day (or date and time) of the session.", Date(2024, 3, 4), Date(2024, 3, 4)),
            col!("Customer ID", "customer_id", Optional, "The customer the user belongs to.", Text("C-001"), Text("C-002")),
            col!("Session Minutes", "session_seconds", Optional, "How long the session lasted, in minutes.", Int(25), Int(12)),
        ],
    },
    Template {
        kind: TableKind::Trials,
        sheet: "Trials",
        row_is: "One row per free trial.",
        notes: &[
            "Converted may also be the conversion date (a date means yes, empty means no).",
            "Unlocks the trial conversion rate.",
        ],
        columns: &[
            col!("Lead ID", "lead_id", Required, "The trial or lead (an id or an email address).", Text("L-501"), Text("L-502")),
            col!("Trial Start", "trial_start", Required, "The day the trial started.", Date(2024, 2, 1), Date(2024, 2, 3)),
            col!("Converted", "converted", Required, "yes if the trial became a paying customer, else no.", Text("yes"), Text("no")),
            col!("Customer ID", "customer_id", Optional, "The customer it became, if it converted.", Text("C-003"), Empty),
        ],
    },
    Template {
        kind: TableKind::Renewals,
        sheet: "Renewals",
        row_is: "One row per renewal that came due.",
        notes: &[
            "Renewed ARR empty or 0 means the customer did not renew.",
            "Unlocks the renewal rate and the gross renewal rate.",
        ],
        columns: &[
            col!("Customer ID", "customer_id", Required, CUSTOMER_ID, Text("C-001"), Text("C-002")),
            col!("Renewal Date", "renewal_date", Required, "The day the renewal was due.", Date(2024, 6, 30), Date(2024, 7, 31)),
            col!("Renewable ARR", "renewable_arr", Required, "The ARR up for renewal.", Cents(1_440_000), Cents(540_000)),
            col!("Renewed ARR", "renewed_arr", Optional, "The ARR the customer renewed for.", Cents(1_560_000), Cents(0)),
            col!("Renewed", "renewed", Optional, "yes or no (worked out from Renewed ARR when left out).", Text("yes"), Text("no")),
        ],
    },
    Template {
        kind: TableKind::Contracts,
        sheet: "Contracts",
        row_is: "One row per signed contract.",
        notes: &[
            "Instead of Annual Contract Value you may give Total Recurring Value (of the whole term); instead of months, Term in Years.",
            "Unlocks ACV and TCV.",
        ],
        columns: &[
            col!("Customer ID", "customer_id", Required, CUSTOMER_ID, Text("C-001"), Text("C-002")),
            col!("Start Date", "start_date", Optional, "The day the contract started.", Date(2024, 1, 1), Date(2024, 3, 1)),
            col!("Term in Months", "term_months", Required, "How many months the contract runs.", Int(12), Int(24)),
            col!("Annual Contract Value", "annual_value", Required, "Recurring value per year (no one-time fees).", Cents(1_440_000), Cents(600_000)),
            col!("Setup Fees", "one_time_fees", Optional, "One-time fees: setup, implementation, onboarding.", Cents(250_000), Cents(0)),
        ],
    },
    Template {
        kind: TableKind::FxRates,
        sheet: "FX rates",
        row_is: "One row per currency (and month): what one unit of it is worth in your reporting currency.",
        notes: &[
            "Only needed when your files hold amounts in several currencies; set the reporting currency in Settings.",
            "A row without a month is the rate for every month without its own row; one rate per currency keeps a rate change from looking like expansion or contraction.",
        ],
        columns: &[
            col!("Currency", "currency", Required, "The three-letter code of the currency (EUR, GBP).", Text("EUR"), Text("GBP")),
            col!("Rate", "rate", Required, "One unit of that currency in the reporting currency (EUR 1.08: 100 EUR = 108 USD).", Cents(108), Cents(127)),
            col!("Month", "month", Optional, "The month the rate is for; empty for every month.", Month(2024, 1), Empty),
        ],
    },
    Template {
        kind: TableKind::Targets,
        sheet: "Targets",
        row_is: "One row per KPI (and segment or CSM): the value it should reach, or the band it should stay in.",
        notes: &[
            "Give Target (one value), or Low and/or High: Low only = at least, High only = at most, both = within. A value exactly on a bound is on track.",
            "One Target is at least, except for KPIs where less is better (churn, CAC, CAC payback, resolution time, time to first value): at most.",
            "Percentages with % (110%) or as ratios (1.1); a plain number above 2 for a percentage KPI is read as a percentage (80 = 80%).",
            "Direction none with no value: no target for that KPI. These targets win over the ones in Settings and the defaults for these files.",
        ],
        columns: &[
            col!("KPI", "kpi", Required, "The KPI: its id (nrr) or the name the app shows (Net revenue retention).", Text("Net revenue retention"), Text("nps")),
            col!("Target", "target", Optional, "One value to reach (at least; at most where less is better).", Text("110%"), Empty),
            col!("Low", "low", Optional, "The lowest value that is on track.", Empty, Int(30)),
            col!("High", "high", Optional, "The highest value that is on track.", Empty, Int(70)),
            col!("Direction", "direction", Optional, "at least, at most, within, or none; worked out from the values when empty.", Text("at least"), Text("within")),
            col!("Note", "note", Optional, "Why this target, shown beside it.", Text("board plan"), Empty),
            col!("Segment", "segment", Optional, "Only for the customers of this segment (or KEY=VALUE, such as plan=Pro).", Empty, Text("Enterprise")),
            col!("CSM", "csm", Optional, "Only for this CSM's customers (the CSM scorecard).", Empty, Empty),
        ],
    },
];

/// The template of a table kind.
pub fn template(kind: TableKind) -> &'static Template {
    TEMPLATES.iter().find(|t| t.kind == kind).expect("every table kind has a template")
}

/// The default file name of a template: `northstar-template-usage.xlsx`.
pub fn template_file_name(kind: TableKind) -> String {
    format!("northstar-template-{}.xlsx", kind.id().replace('_', "-"))
}

/// Writes the template of `kind` to `path`.
pub fn template_xlsx(kind: TableKind, path: &Path) -> Result<(), ExportError> {
    let x = |e: rust_xlsxwriter::XlsxError| werr(path, e);
    let t = template(kind);
    let mut wb = Workbook::new();
    let head = Format::new().set_bold().set_border_bottom(FormatBorder::Thin);
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let month = Format::new().set_num_format("yyyy-mm");
    let stamp = Format::new().set_num_format("yyyy-mm-dd hh:mm");
    let money = Format::new().set_num_format("#,##0.00");
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let title = Format::new().set_bold().set_font_size(14);

    let ws = wb.add_worksheet().set_name(t.sheet).map_err(x)?;
    for (j, c) in t.columns.iter().enumerate() {
        let col = j as u16;
        ws.write_string_with_format(0, col, c.header, &head).map_err(x)?;
        for (i, e) in c.examples.iter().enumerate() {
            let row = 1 + i as u32;
            match *e {
                Text(s) => {
                    ws.write_string(row, col, s).map_err(x)?;
                }
                Int(n) => {
                    ws.write_number(row, col, n as f64).map_err(x)?;
                }
                Cents(c) => {
                    ws.write_number_with_format(row, col, c as f64 / 100.0, &money).map_err(x)?;
                }
                Date(..) | Month(..) | Stamp(..) => {
                    let f = match e {
                        Month(..) => &month,
                        Stamp(..) => &stamp,
                        _ => &date,
                    };
                    let d = e.date().expect("a date example");
                    ws.write_datetime_with_format(row, col, d, f).map_err(x)?;
                }
                Empty => {}
            }
        }
        let widest = c
            .examples
            .iter()
            .map(|e| e.shown().chars().count())
            .chain([c.header.chars().count()])
            .max()
            .unwrap_or(8);
        ws.set_column_width(col, widest.max(8) as f64 * 1.1 + 2.0).map_err(x)?;
    }
    ws.set_freeze_panes(1, 0).map_err(x)?;

    let ws = wb.add_worksheet().set_name(crate::import::TEMPLATE_HELP_SHEET).map_err(x)?;
    ws.write_string_with_format(0, 0, format!("How to fill the {} sheet", t.sheet), &title)
        .map_err(x)?;
    ws.write_string(1, 0, t.row_is).map_err(x)?;
    ws.write_string(
        2,
        0,
        "Replace the two example rows with your own; keep the header row. Columns marked optional may be left out.",
    )
    .map_err(x)?;
    let top = 4;
    for (j, h) in ["Column", "What it holds", "Example", "Required"].iter().enumerate() {
        ws.write_string_with_format(top, j as u16, *h, &head).map_err(x)?;
    }
    for (i, c) in t.columns.iter().enumerate() {
        let row = top + 1 + i as u32;
        ws.write_string(row, 0, c.header).map_err(x)?;
        ws.write_string_with_format(row, 1, c.holds, &wrap).map_err(x)?;
        ws.write_string(row, 2, c.examples[0].shown()).map_err(x)?;
        ws.write_string(row, 3, if c.need == Required { "required" } else { "optional" })
            .map_err(x)?;
    }
    let first = top + 2 + t.columns.len() as u32;
    for (i, n) in t.notes.iter().enumerate() {
        ws.write_string(first + i as u32, 0, *n).map_err(x)?;
    }
    let widest = t.columns.iter().map(|c| c.header.chars().count()).max().unwrap_or(10);
    ws.set_column_width(0, widest.max(10) as f64 * 1.1 + 2.0).map_err(x)?;
    ws.set_column_width(1, 60).map_err(x)?;
    let example = t.columns.iter().map(|c| c.examples[0].shown().chars().count()).max();
    ws.set_column_width(2, example.unwrap_or(10).max(10) as f64 * 1.1 + 2.0).map_err(x)?;
    ws.set_column_width(3, 11).map_err(x)?;
    wb.save(path).map_err(x)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_a_template_whose_headers_are_its_synonyms() {
        for k in crate::import::synonyms::KINDS {
            let t = template(k.kind);
            for c in t.columns {
                let spec = k.columns.iter().find(|s| s.name == c.canonical);
                let spec = spec.unwrap_or_else(|| panic!("{} has no {}", k.id, c.canonical));
                let h = c.header.to_lowercase();
                assert!(
                    spec.synonyms.contains(&h.as_str()) || spec.name == h.replace(' ', "_"),
                    "{}: {} is not a synonym of {}",
                    k.id,
                    c.header,
                    c.canonical
                );
            }
            // Every required group of the kind has a column.
            for group in k.required {
                assert!(
                    group.iter().any(|g| t.columns.iter().any(|c| c.canonical == *g)),
                    "{}: no column of {group:?}",
                    k.id
                );
            }
        }
        assert_eq!(template_file_name(TableKind::MrrEvents), "northstar-template-mrr-events.xlsx");
        assert_eq!(TableKind::from_id("MRR-Events"), Some(TableKind::MrrEvents));
        assert_eq!(TableKind::from_id("fx"), None);
    }

    /// Every template, imported as it is: its kind is recognised, both example rows are used,
    /// every header maps to its column, and nothing is reported as a problem.
    #[test]
    fn every_template_imports_as_its_kind_with_its_two_rows() {
        let dir = tempfile::tempdir().unwrap();
        for t in TEMPLATES {
            let path = dir.path().join(template_file_name(t.kind));
            template_xlsx(t.kind, &path).unwrap();
            let imp = crate::import::import_paths(&[path], &Default::default())
                .unwrap_or_else(|e| panic!("{}: {e}", t.sheet));
            let r = &imp.report;
            assert!(r.issues.is_empty(), "{}: {:?}", t.sheet, r.issues);
            assert_eq!(r.issues_total, 0);
            assert!(r.refused.is_empty(), "{}: {:?}", t.sheet, r.refused);
            assert!(r.warnings.is_empty(), "{}: {:?}", t.sheet, r.warnings);
            let table = r
                .tables
                .iter()
                .find(|x| x.sheet.as_deref() == Some(t.sheet))
                .unwrap_or_else(|| panic!("{}: {:?}", t.sheet, r.tables));
            assert_eq!(table.kind, Some(t.kind), "{}", t.sheet);
            assert_eq!(
                (table.rows_read, table.rows_used, table.rows_skipped),
                (2, 2, 0),
                "{}",
                t.sheet
            );
            for c in t.columns {
                let m = table.columns.iter().find(|m| m.header == c.header);
                assert_eq!(m.map(|m| m.maps_to.as_str()), Some(c.canonical), "{}", t.sheet);
            }
            // The help sheet is no table, and is not listed as one.
            assert_eq!(r.tables.len(), 1, "{}: {:?}", t.sheet, r.tables);
        }
    }
}
