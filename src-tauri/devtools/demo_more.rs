//! The demo workbook's other sheets (orders, usage, trials, renewals, contracts) and the random
//! draws they need, consistent with the MRR sheet that gen_demo.rs simulates.

use super::*;

const FIRST_NAMES: &[&str] = &[
    "olivia", "liam", "emma", "noah", "sofia", "mateo", "amara", "kenji", "lena", "omar", "priya",
    "jonas", "chloe", "diego", "hana", "felix", "nadia", "samuel", "ines", "tomas",
];
const LAST_NAMES: &[&str] = &[
    "smith",
    "garcia",
    "muller",
    "rossi",
    "tanaka",
    "nguyen",
    "kowalski",
    "silva",
    "johansson",
    "okafor",
    "dubois",
    "khan",
    "novak",
    "martin",
    "larsen",
    "costa",
    "weber",
    "singh",
    "moreno",
    "adeyemi",
];
const SOURCES: &[&str] = &["Website", "Website", "Webinar", "Referral", "Paid search", "Partner"];
/// Add-ons and services bought on top of the subscription, by the highest amount each is sold at.
const ITEMS: &[(&str, f64)] = &[
    ("Extra storage (1 TB)", 300.0),
    ("Training session", 900.0),
    ("Custom report build", 2_500.0),
    ("Data connector pack", 4_000.0),
    ("Premium support (quarter)", 8_000.0),
];

/// A Gamma(shape, 1) draw (Marsaglia and Tsang; shape below 1 boosted).
fn gamma(r: &mut Rng, shape: f64) -> f64 {
    if shape < 1.0 {
        return gamma(r, shape + 1.0) * r.f().max(1e-12).powf(1.0 / shape);
    }
    let d = shape - 1.0 / 3.0;
    let c = 1.0 / (9.0 * d).sqrt();
    loop {
        // A standard normal draw (Box-Muller).
        let z = (-2.0 * r.f().max(1e-12).ln()).sqrt() * (std::f64::consts::TAU * r.f()).cos();
        let v = (1.0 + c * z).powi(3);
        if v > 0.0 && r.f().max(1e-12).ln() < 0.5 * z * z + d - d * v + d * v.ln() {
            return d * v;
        }
    }
}

/// A Beta(a, b) draw.
fn beta(r: &mut Rng, a: f64, b: f64) -> f64 {
    let x = gamma(r, a);
    x / (x + gamma(r, b))
}

/// A company's e-mail domain: "Alpine Motors BV" -> "alpinemotors.example".
fn domain(company: &str) -> String {
    let words: Vec<&str> = company.split(' ').collect();
    let core = &words[..words.len().saturating_sub(1).max(1)];
    format!("{}.example", core.join("").to_lowercase())
}

/// The month index of a date (0 = May 2024), or None outside the 30 months.
fn month_of(d: NaiveDate) -> Option<i32> {
    let k = (d.year() * 12 + d.month0() as i32) - (2024 * 12 + 4);
    (0..MONTHS).contains(&k).then_some(k)
}

fn last_day() -> NaiveDate {
    month_start(MONTHS) - Duration::days(1)
}

/// Whether a customer is on a yearly contract (renewals and contracts): every Enterprise and
/// Mid-Market customer, and Growth-plan SMB customers with an even number.
fn yearly(c: &Cust) -> bool {
    c.segment != "SMB" || (c.plan == "Growth" && c.id[3..].parse::<u32>().is_ok_and(|n| n % 2 == 0))
}

/// Orders (add-ons and services), usage sessions of each customer's admins, trials (converted ones
/// became the customers who signed up during the data), renewals and contracts of the customers on
/// yearly contracts: all consistent with the MRR sheet (a churned customer has no sessions and no
/// renewal; a renewal's ARR is 12 x its MRR). Returns the row counts.
pub(super) fn more_sheets(
    wb: &mut Workbook,
    cs: &[Cust],
    r: &mut Rng,
) -> Result<[usize; 5], XlsxError> {
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let money = Format::new().set_num_format("#,##0.00");
    let bold = Format::new().set_bold();
    let end = last_day();
    let active = |c: &Cust, d: NaiveDate| month_of(d).is_some_and(|k| c.mrr[k as usize] > 0.0);

    // Orders: add-ons and services. Each customer buys at its own rate and, after each order, may
    // stop buying add-ons for good (the story of the BG/NBD model); the amounts vary around the
    // customer's own typical spend (the Gamma-Gamma story), so Predictive CLV fits the demo.
    let mut orders: Vec<(NaiveDate, &str, &str, f64)> = Vec::new();
    for c in cs {
        let days_between = match c.segment {
            "SMB" => 240.0,
            "Mid-Market" => 120.0,
            _ => 60.0,
        };
        let rate = gamma(r, 0.9) / 0.9 / days_between * (0.5 + c.happy);
        let dropout = beta(r, 1.2, 4.0);
        // Amounts ~ Gamma(6, nu) with nu ~ Gamma(4, 1000): a typical order near $1,500.
        let nu = gamma(r, 4.0) / 1_000.0;
        let mut day = c.signup.max(month_start(0));
        loop {
            day += Duration::days((-(1.0 - r.f()).ln() / rate).ceil() as i64);
            if day > end || !active(c, day) {
                break;
            }
            let amount = ((gamma(r, 6.0) / nu / 10.0).round() * 10.0).max(50.0);
            let item =
                ITEMS.iter().find(|(_, upto)| amount <= *upto).map_or("Onsite workshop", |i| i.0);
            orders.push((day, c.id.as_str(), item, amount));
            if r.chance(dropout) {
                break;
            }
        }
    }
    orders.sort_by_key(|o| o.0);
    let ws = wb.add_worksheet().set_name("Orders")?;
    for (j, h) in ["Order ID", "Customer ID", "Order Date", "Item", "Amount"].iter().enumerate() {
        ws.write_string_with_format(0, j as u16, *h, &bold)?;
    }
    for (i, (d, c, item, amount)) in orders.iter().enumerate() {
        let row = 1 + i as u32;
        ws.write_string(row, 0, format!("ORD-{:05}", 10_001 + i))?;
        ws.write_string(row, 1, *c)?;
        ws.write_datetime_with_format(row, 2, *d, &date)?;
        ws.write_string(row, 3, *item)?;
        ws.write_number_with_format(row, 4, *amount, &money)?;
    }

    // Usage: sessions of each customer's admins (one for SMB, two for Mid-Market, three for
    // Enterprise), on the days the customer pays; a few log in most working days, most now and then.
    let mut sessions: Vec<(NaiveDate, String, &str, f64)> = Vec::new();
    for c in cs {
        let admins = match c.segment {
            "SMB" => 1,
            "Mid-Market" => 2,
            _ => 3,
        };
        for u in 1..=admins {
            let roll = r.f() * (0.6 + 0.4 * c.util.min(1.0));
            let p = if roll > 0.75 {
                0.42
            } else if roll > 0.4 {
                0.12
            } else {
                0.025
            };
            let user = format!("U-{}-{u}", &c.id[3..]);
            let mut day = month_start(0);
            while day <= end {
                if active(c, day) {
                    let weekend = day.weekday().number_from_monday() > 5;
                    if r.chance(if weekend { p * 0.15 } else { p }) {
                        let minutes = (2.0 + 45.0 * r.f().powf(2.2)).round();
                        sessions.push((day, user.clone(), c.id.as_str(), minutes));
                    }
                }
                day += Duration::days(1);
            }
        }
    }
    sessions.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
    let ws = wb.add_worksheet().set_name("Usage")?;
    for (j, h) in ["User ID", "Session Date", "Customer ID", "Session Minutes"].iter().enumerate() {
        ws.write_string_with_format(0, j as u16, *h, &bold)?;
    }
    for (i, (d, u, c, m)) in sessions.iter().enumerate() {
        let row = 1 + i as u32;
        ws.write_string(row, 0, u)?;
        ws.write_datetime_with_format(row, 1, *d, &date)?;
        ws.write_string(row, 2, *c)?;
        ws.write_number(row, 3, *m)?;
    }

    // Trials: every SMB and Mid-Market customer who signed up during the data started a trial
    // 7 to 30 days before; many more trials did not convert.
    /// Start, lead, conversion date, customer, source.
    type Trial<'a> = (NaiveDate, String, Option<NaiveDate>, Option<&'a str>, &'static str);
    let mut trials: Vec<Trial> = Vec::new();
    for c in cs.iter().filter(|c| c.signup >= month_start(1) && c.segment != "Enterprise") {
        let start = c.signup - Duration::days(r.range(7, 30));
        let who = format!("{}.{}@{}", r.pick(FIRST_NAMES), r.pick(LAST_NAMES), domain(&c.name));
        trials.push((start, who, Some(c.signup), Some(c.id.as_str()), r.word(SOURCES)));
    }
    for k in 0..MONTHS {
        for _ in 0..r.range(14, 26) {
            let start = month_start(k) + Duration::days(r.range(0, days_in(k) - 1));
            let company = format!("{} {} x", r.pick(FIRST), r.pick(SECOND));
            let who =
                format!("{}.{}@{}", r.pick(FIRST_NAMES), r.pick(LAST_NAMES), domain(&company));
            trials.push((start, who, None, None, r.word(SOURCES)));
        }
    }
    trials.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
    let ws = wb.add_worksheet().set_name("Trials")?;
    for (j, h) in
        ["Email", "Trial Start", "Converted On", "Customer ID", "Source"].iter().enumerate()
    {
        ws.write_string_with_format(0, j as u16, *h, &bold)?;
    }
    for (i, (start, who, converted, customer, source)) in trials.iter().enumerate() {
        let row = 1 + i as u32;
        ws.write_string(row, 0, who)?;
        ws.write_datetime_with_format(row, 1, *start, &date)?;
        if let Some(d) = converted {
            ws.write_datetime_with_format(row, 2, *d, &date)?;
        }
        if let Some(c) = customer {
            ws.write_string(row, 3, *c)?;
        }
        ws.write_string(row, 4, *source)?;
    }

    // Renewals and contracts of the customers on yearly contracts. A term starts at signup (12
    // months; some Enterprise customers sign for 24 or 36) and renews on its anniversary while the
    // customer pays; a customer who stops paying did not renew the term that ended the day before.
    // A customer who comes back signs a new contract.
    let mut renewals: Vec<(NaiveDate, &str, f64, f64)> = Vec::new();
    let mut contracts: Vec<(NaiveDate, &str, i64, f64, f64)> = Vec::new();
    for c in cs.iter().filter(|c| yearly(c)) {
        let term: i64 = if c.segment == "Enterprise" {
            *r.pick(&[12, 12, 12, 12, 12, 12, 24, 24, 36])
        } else {
            12
        };
        let fees = match c.segment {
            "Enterprise" => r.range(10, 30) * 500,
            "Mid-Market" => r.range(4, 12) * 250,
            _ => r.range(0, 2) * 250,
        } as f64;
        let mrr_at = |d: NaiveDate| match month_of(d) {
            Some(k) => c.mrr[k as usize],
            None => c.mrr[0],
        };
        let mut start = c.signup;
        let mut first = true;
        loop {
            let next = start + chrono::Months::new(term as u32);
            // The term in force at the start of the data and every term that starts in it.
            if next > month_start(0) && start <= end {
                let mrr = mrr_at(start.max(month_start(0)));
                if mrr > 0.0 {
                    contracts.push((
                        start,
                        c.id.as_str(),
                        term,
                        mrr * 12.0,
                        if first { fees } else { 0.0 },
                    ));
                }
            }
            first = false;
            if next > end {
                break;
            }
            // A renewal due inside the data, unless the customer had stopped paying by then.
            if let Some(k) = month_of(next) {
                let before = if k == 0 { c.mrr[0] } else { c.mrr[k as usize - 1] };
                let now = c.mrr[k as usize];
                if before > 0.0 && now > 0.0 {
                    renewals.push((next, c.id.as_str(), before * 12.0, now * 12.0));
                }
            }
            start = next;
        }
        // Stops and comebacks inside the data.
        for k in 1..MONTHS as usize {
            let (prev, cur) = (c.mrr[k - 1], c.mrr[k]);
            if prev > 0.0 && cur == 0.0 {
                let due = month_start(k as i32) - Duration::days(1);
                renewals.push((due, c.id.as_str(), prev * 12.0, 0.0));
            }
            if prev == 0.0 && cur > 0.0 && c.mrr[..k].iter().any(|v| *v > 0.0) {
                let day = month_start(k as i32) + Duration::days(r.range(0, 9));
                contracts.push((day, c.id.as_str(), 12, cur * 12.0, 0.0));
            }
        }
    }
    renewals.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
    contracts.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
    let ws = wb.add_worksheet().set_name("Renewals")?;
    for (j, h) in ["Customer ID", "Renewal Date", "Renewable ARR", "Renewed ARR", "Renewed"]
        .iter()
        .enumerate()
    {
        ws.write_string_with_format(0, j as u16, *h, &bold)?;
    }
    for (i, (d, c, due, renewed)) in renewals.iter().enumerate() {
        let row = 1 + i as u32;
        ws.write_string(row, 0, *c)?;
        ws.write_datetime_with_format(row, 1, *d, &date)?;
        ws.write_number_with_format(row, 2, *due, &money)?;
        ws.write_number_with_format(row, 3, *renewed, &money)?;
        ws.write_string(row, 4, if *renewed > 0.0 { "yes" } else { "no" })?;
    }
    let ws = wb.add_worksheet().set_name("Contracts")?;
    for (j, h) in
        ["Customer ID", "Start Date", "Term (months)", "Annual Contract Value", "Setup Fees"]
            .iter()
            .enumerate()
    {
        ws.write_string_with_format(0, j as u16, *h, &bold)?;
    }
    for (i, (d, c, term, annual, fees)) in contracts.iter().enumerate() {
        let row = 1 + i as u32;
        ws.write_string(row, 0, *c)?;
        ws.write_datetime_with_format(row, 1, *d, &date)?;
        ws.write_number(row, 2, *term as f64)?;
        ws.write_number_with_format(row, 3, *annual, &money)?;
        ws.write_number_with_format(row, 4, *fees, &money)?;
    }
    Ok([orders.len(), sessions.len(), trials.len(), renewals.len(), contracts.len()])
}
