//! CRM deals (exports.md §5) read as `contracts` or `renewals`: the stage says won, lost or open;
//! the customer is the deal's company or account, else its name; a renewals table of deals keeps
//! only the renewal deals.

use super::super::table::{Bad, RowView, Table};

/// Where a deal stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Won,
    Lost,
    Open,
}

/// The stage of a label (case, spaces, `_` and `-` ignored): `Closed won`, `closedwon`, `won` are won;
/// `Closed lost`, `closedlost`, `lost` are lost; any other is open.
pub fn stage_of(label: &str) -> Stage {
    let compact: String = label
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '_' && *c != '-')
        .flat_map(char::to_lowercase)
        .collect();
    match compact.as_str() {
        "closedwon" | "won" => Stage::Won,
        "closedlost" | "lost" => Stage::Lost,
        _ => Stage::Open,
    }
}

/// The row's stage and its label as written, or None when the table has no stage column (then every
/// row counts). An empty stage cell is open.
pub fn stage(t: &Table, r: &RowView) -> Option<(Stage, String)> {
    t.map.col("stage")?;
    let label = r.text("stage").map(|s| s.trim().to_string()).unwrap_or_default();
    Some((stage_of(&label), label))
}

/// The reason a deal of this stage is set aside: `open deal (stage Contract sent)`.
pub fn set_aside_reason(stage: Stage, label: &str) -> String {
    let what = if stage == Stage::Lost { "lost deal" } else { "open deal" };
    if label.is_empty() {
        format!("{what} (no stage)")
    } else {
        format!("{what} (stage {label})")
    }
}

/// The column whose header is HubSpot's `Associated Company (Primary)`: a deal associated with
/// several companies lists them all, `;`-joined, under `Associated Company`, and its primary one here.
fn primary_company(t: &Table) -> Option<usize> {
    t.map.titles.iter().position(|h| h.trim().eq_ignore_ascii_case("associated company (primary)"))
}

/// The deal's customer: its primary company, else its company or account id, else its account name,
/// else the deal's name (HubSpot deals without a company; exports.md §5). The fallback to the name
/// is reported as a rule.
pub fn customer(t: &Table, r: &RowView) -> Result<String, Bad> {
    let primary = primary_company(t).and_then(|c| r.cell_at(c)).and_then(|c| c.text());
    if let Some(p) = primary.filter(|p| !p.trim().is_empty()) {
        return Ok(p.trim().to_string());
    }
    if let Some(id) = r.text("customer_id").filter(|s| !s.trim().is_empty()) {
        return Ok(id.trim().to_string());
    }
    if let Some(name) = r.text("account_name").filter(|s| !s.trim().is_empty()) {
        return Ok(name.trim().to_string());
    }
    if let Some(name) = r.text("deal_name").filter(|s| !s.trim().is_empty()) {
        t.rule("no company or account: the customer is the deal's name");
        return Ok(name.trim().to_string());
    }
    let names = ["customer_id", "account_name", "deal_name"];
    let mapped: Vec<usize> = names.iter().filter_map(|c| t.map.col(c)).collect();
    let reason = if mapped.len() > 1 {
        "empty required cell (no company, account or deal name)"
    } else {
        "empty required cell"
    };
    Err((mapped.first().copied().unwrap_or(0), reason.into()))
}

/// Whether a deal type names a renewal (`Renewal`, `Existing Customer - Renewal`).
fn is_renewal(deal_type: &str) -> bool {
    deal_type.to_lowercase().contains("renewal")
}

/// A renewals table of deals (a CRM export, or any table with a deal type column) keeps only the
/// renewal deals. None when the table is read; else the warning saying why it is not imported: it
/// has no deal type column (an export) or no renewal deal at all.
pub fn not_renewals(t: &Table) -> Option<String> {
    let Some(col) = t.map.col("deal_type") else {
        return t.map.source.map(|e| {
            format!(
                "this {} has no deal type column, so which deals are renewals is unknown: not imported (add Annual/Total contract value to read won deals as contracts, or a deal type column with Renewal)",
                e.system
            )
        });
    };
    let any = t
        .rows()
        .any(|(_, cells)| cells.get(col).and_then(|c| c.text()).is_some_and(|s| is_renewal(&s)));
    (!any).then(|| {
        let what = t.map.source.map(|e| e.system).unwrap_or("table");
        format!(
            "this {what} has no deal whose type is a renewal (column \"{}\"): not imported as renewals{}",
            t.map.title(col),
            if t.map.source.is_some_and(|e| e.id == "hubspot_deals") {
                "; add Annual/Total contract value to read its won deals as contracts"
            } else {
                ""
            }
        )
    })
}

/// The reason a row of a renewals table of deals is set aside because it is no renewal, if it is not.
pub fn not_a_renewal(t: &Table, r: &RowView) -> Option<String> {
    t.map.col("deal_type")?;
    match r.text("deal_type").map(|s| s.trim().to_string()).filter(|s| !s.is_empty()) {
        Some(s) if is_renewal(&s) => None,
        Some(s) => Some(format!("not a renewal (type {s})")),
        None => Some("not a renewal (no type)".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stages() {
        for won in ["Closed Won", "closedwon", "WON", "closed_won", "Closed-Won"] {
            assert_eq!(stage_of(won), Stage::Won, "{won}");
        }
        for lost in ["Closed Lost", "closedlost", "lost"] {
            assert_eq!(stage_of(lost), Stage::Lost, "{lost}");
        }
        for open in ["Contract Sent", "appointmentscheduled", "", "Negotiation/Review", "#09 WON"] {
            assert_eq!(stage_of(open), Stage::Open, "{open}");
        }
        assert_eq!(set_aside_reason(Stage::Open, ""), "open deal (no stage)");
        assert_eq!(set_aside_reason(Stage::Lost, "Closed Lost"), "lost deal (stage Closed Lost)");
        assert!(is_renewal("Existing Customer - Renewal") && !is_renewal("New Business"));
    }
}
