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
/// renewal deals. None when the table is read; else the warning saying why it is not imported, with
/// advice fitting its system: it has no deal type column (an export) or no renewal deal at all.
/// Its rows are then set aside (`set_aside_all`), so that they count as read and used, not skipped.
pub fn not_renewals(t: &Table) -> Option<String> {
    let export = t.map.source.map(|e| e.id);
    let Some(col) = t.map.col("deal_type") else {
        let system = t.map.source?.system;
        // What to add to the export, in the system's own terms.
        let advice = match export {
            Some("salesforce_opportunities") => "add the Type column, listed as Opportunity Type, to the report and export it again",
            Some("hubspot_deals") => "add the Deal Type column to the export to read its renewal deals, or Annual/Total contract value to read its won deals as contracts",
            _ => "add a deal type column saying Renewal",
        };
        let column = if export == Some("hubspot_deals") { "Deal Type" } else { "Type" };
        let deals =
            if export == Some("salesforce_opportunities") { "opportunities" } else { "deals" };
        return Some(format!(
            "this {system} has no {column} column, so which {deals} are renewals is unknown: not imported ({advice})"
        ));
    };
    let mut types: Vec<String> = Vec::new();
    for (_, cells) in t.rows() {
        let Some(s) = cells.get(col).and_then(|c| c.text()) else { continue };
        let s = s.trim().to_string();
        if is_renewal(&s) {
            return None;
        }
        if !s.is_empty() && !types.contains(&s) {
            types.push(s);
        }
    }
    let what = t.map.source.map(|e| e.system).unwrap_or("table");
    let deal = if export == Some("salesforce_opportunities") { "opportunity" } else { "deal" };
    let found = match types.len() {
        0 => String::new(),
        1..=3 => format!("; types: {}", types.join(", ")),
        n => format!("; types: {} and {} more", types[..3].join(", "), n - 3),
    };
    let advice = match export {
        Some("hubspot_deals") => {
            "; add Annual/Total contract value to read its won deals as contracts"
        }
        Some("salesforce_opportunities") => "; include the renewal opportunities in the report",
        _ => "",
    };
    Some(format!(
        "this {what} has no {deal} whose type is a renewal (column \"{}\"{found}): not imported as renewals{advice}",
        t.map.title(col)
    ))
}

/// Sets aside every row of a renewals table of deals that is not imported (`not_renewals`): each
/// under its own reason when the table has a deal type column (`not a renewal (type New
/// Business)`), else as not imported for want of one. Returns the number of rows.
pub fn set_aside_all(t: &Table) -> usize {
    let column = if t.source() == Some("hubspot_deals") { "Deal Type" } else { "Type" };
    let without = format!("not imported: no {column} column");
    let mut n = 0;
    for (_, cells) in t.rows() {
        let reason = not_a_renewal(t, &t.view(cells)).unwrap_or_else(|| without.clone());
        t.set_aside(&reason);
        n += 1;
    }
    n
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
