//! Writes the built-in demo workbook: a fictional B2B SaaS company ("Lumen Analytics") with 30 months
//! of wide MRR for a few hundred customers (new, expansion, contraction, churn, reactivation),
//! customers with segment/plan/CSM/seats/onboarding, surveys, tickets, activities and costs, and a
//! sheet of every other table kind (orders, usage, trials, renewals, contracts), so that no tile of
//! the demo is empty.
//! Deterministic: the same bytes every run. `cargo run --no-default-features --example gen_demo [OUT]`

#[path = "demo_comments.rs"]
mod demo_comments;

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime};
use demo_comments::{GRIPES, PRAISE, SUBJECTS};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, XlsxError};

/// xorshift64*: small, deterministic, good enough for demo data.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn f(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.next() % (hi - lo + 1) as u64) as i64
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.next() as usize % xs.len()]
    }
    fn word(&mut self, xs: &[&'static str]) -> &'static str {
        xs[self.next() as usize % xs.len()]
    }
    fn chance(&mut self, p: f64) -> bool {
        self.f() < p
    }
}

const MONTHS: i32 = 30;
const CSMS: &[&str] =
    &["Dana Kowalski", "Chen Wei", "Alice Moreau", "Ben Okafor", "Priya Raman", "Lucas Ferreira"];
const REGIONS: &[&str] = &["NA", "NA", "EMEA", "EMEA", "APAC", "LATAM"];
const INDUSTRIES: &[&str] =
    &["Logistics", "Healthcare", "Retail", "Education", "Manufacturing", "Finance", "Media"];
const FIRST: &[&str] = &[
    "Alpine", "Bright", "Pacific", "Polar", "Crescent", "Summit", "Harbor", "Cedar", "Nova",
    "Vertex", "Silver", "Granite", "Blue", "Golden", "Iron", "Maple", "Atlas", "Orbit", "Delta",
    "Aurora",
];
const SECOND: &[&str] = &[
    "Retail",
    "Logistics",
    "Foods",
    "Motors",
    "Health",
    "Labs",
    "Systems",
    "Energy",
    "Media",
    "Works",
    "Freight",
    "Clinics",
    "Studios",
    "Partners",
    "Robotics",
];
const SUFFIX: &[&str] = &["Inc", "LLC", "GmbH", "BV", "AB", "Oy", "Ltd", "SA", "Co"];
fn month_start(k: i32) -> NaiveDate {
    // k = 0 is May 2024.
    let idx = 2024 * 12 + 4 + k;
    NaiveDate::from_ymd_opt(idx / 12, (idx % 12) as u32 + 1, 1).unwrap()
}
fn days_in(k: i32) -> i64 {
    (month_start(k + 1) - month_start(k)).num_days()
}

struct Cust {
    id: String,
    name: String,
    segment: &'static str,
    plan: &'static str,
    csm: &'static str,
    region: &'static str,
    industry: &'static str,
    signup: NaiveDate,
    seats: i64,
    util: f64,
    happy: f64,
    mrr: Vec<f64>,
    onboarding: Option<(NaiveDate, Option<NaiveDate>, Option<i64>)>,
}

fn new_customer(r: &mut Rng, n: usize, start: i32, signup: NaiveDate) -> Cust {
    let roll = r.f();
    let (segment, plan, lo, hi, per_seat): (&str, &str, i64, i64, i64) = if roll < 0.5 {
        if r.chance(0.6) {
            ("SMB", "Starter", 15, 50, 10)
        } else {
            ("SMB", "Growth", 60, 160, 10)
        }
    } else if roll < 0.85 {
        if r.chance(0.5) {
            ("Mid-Market", "Growth", 80, 200, 10)
        } else {
            ("Mid-Market", "Pro", 150, 420, 10)
        }
    } else {
        ("Enterprise", "Enterprise", 500, 1500, 10)
    };
    let mrr0 = (r.range(lo, hi) * per_seat) as f64;
    let seats = ((mrr0 / r.range(25, 45) as f64).round() as i64).max(3);
    let mut mrr = vec![0.0; MONTHS as usize];
    mrr[start as usize] = mrr0;
    let name = format!("{} {} {}", r.pick(FIRST), r.pick(SECOND), r.pick(SUFFIX));
    let onboarding = if signup >= NaiveDate::from_ymd_opt(2023, 6, 1).unwrap() {
        let s = signup + Duration::days(r.range(0, 7));
        let fv = s + Duration::days(r.range(6, 80));
        let fv = (fv <= NaiveDate::from_ymd_opt(2026, 10, 31).unwrap()).then_some(fv);
        let rating = r.chance(0.85).then(|| r.range(1, 5).max(r.range(2, 5)));
        Some((s, fv, rating))
    } else {
        None
    };
    Cust {
        id: format!("LA-{:04}", n),
        name,
        segment,
        plan,
        csm: r.word(CSMS),
        region: r.word(REGIONS),
        industry: r.word(INDUSTRIES),
        signup,
        seats,
        util: 0.35 + 0.7 * r.f(),
        happy: 0.25 + 0.75 * r.f(),
        mrr,
        onboarding,
    }
}

fn simulate(r: &mut Rng) -> Vec<Cust> {
    let mut cs: Vec<Cust> = Vec::new();
    for _ in 0..170 {
        let days = r.range(
            0,
            (NaiveDate::from_ymd_opt(2024, 4, 30).unwrap()
                - NaiveDate::from_ymd_opt(2021, 1, 1).unwrap())
            .num_days(),
        );
        let signup = NaiveDate::from_ymd_opt(2021, 1, 1).unwrap() + Duration::days(days);
        let n = cs.len() + 1;
        cs.push(new_customer(r, n, 0, signup));
    }
    for k in 1..MONTHS {
        for c in cs.iter_mut() {
            let prev = c.mrr[k as usize - 1];
            let ku = k as usize;
            if prev > 0.0 {
                let churn = match c.segment {
                    "SMB" => 0.03,
                    "Mid-Market" => 0.014,
                    _ => 0.006,
                } * (1.4 - c.happy);
                if r.chance(churn) {
                    c.mrr[ku] = 0.0;
                } else if r.chance(0.045 + 0.03 * c.happy) {
                    c.mrr[ku] = (prev * (1.08 + 0.3 * r.f()) / 10.0).round() * 10.0;
                    c.seats = (c.seats as f64 * 1.15).round() as i64;
                } else if r.chance(0.025) {
                    c.mrr[ku] = (prev * (0.72 + 0.2 * r.f()) / 10.0).round() * 10.0;
                } else {
                    c.mrr[ku] = prev;
                }
            } else if c.mrr[..ku].iter().any(|v| *v > 0.0) && r.chance(0.02) {
                let last = c.mrr[..ku].iter().rev().find(|v| **v > 0.0).copied().unwrap_or(500.0);
                c.mrr[ku] = (last * 0.9 / 10.0).round() * 10.0;
            }
        }
        for _ in 0..r.range(4, 10) {
            let signup = month_start(k) + Duration::days(r.range(0, days_in(k) - 1));
            let n = cs.len() + 1;
            cs.push(new_customer(r, n, k, signup));
        }
    }
    cs
}

fn datetime(day: NaiveDate, r: &mut Rng) -> NaiveDateTime {
    day.and_hms_opt(r.range(8, 18) as u32, r.range(0, 59) as u32, 0).unwrap()
}

fn main() -> Result<(), XlsxError> {
    let out =
        std::env::args().nth(1).unwrap_or_else(|| "src-tauri/demo/northstar-demo.xlsx".into());
    let mut r = Rng(0x5EED_2024_0517);
    let cs = simulate(&mut r);
    let mut wb = Workbook::new();
    // A fixed creation time keeps the file byte-for-byte reproducible.
    let created = ExcelDateTime::from_ymd(2026, 11, 1)?;
    wb.set_properties(
        &DocProperties::new()
            .set_title("Lumen Analytics: Northstar demo")
            .set_creation_datetime(&created),
    );
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let month = Format::new().set_num_format("mmm yyyy");
    let stamp = Format::new().set_num_format("yyyy-mm-dd hh:mm");
    let money = Format::new().set_num_format("#,##0.00");
    let bold = Format::new().set_bold();

    // MRR, wide: one column per month with Excel date headers.
    let ws = wb.add_worksheet().set_name("MRR")?;
    ws.write_string_with_format(0, 0, "Customer ID", &bold)?;
    ws.write_string_with_format(0, 1, "Customer Name", &bold)?;
    for k in 0..MONTHS {
        ws.write_datetime_with_format(0, 2 + k as u16, month_start(k), &month)?;
    }
    for (i, c) in cs.iter().enumerate() {
        let row = 1 + i as u32;
        ws.write_string(row, 0, &c.id)?;
        ws.write_string(row, 1, &c.name)?;
        for (k, v) in c.mrr.iter().enumerate() {
            if *v > 0.0 {
                ws.write_number_with_format(row, 2 + k as u16, *v, &money)?;
            }
        }
    }

    let ws = wb.add_worksheet().set_name("Customers")?;
    let heads = [
        "Customer ID",
        "Name",
        "Segment",
        "Plan",
        "CSM",
        "Region",
        "Industry",
        "Signup Date",
        "Seats Purchased",
        "Seats Active",
        "Onboarding Start",
        "First Value Date",
        "Onboarding Rating",
    ];
    for (j, h) in heads.iter().enumerate() {
        ws.write_string_with_format(0, j as u16, *h, &bold)?;
    }
    for (i, c) in cs.iter().enumerate() {
        let row = 1 + i as u32;
        ws.write_string(row, 0, &c.id)?;
        ws.write_string(row, 1, &c.name)?;
        ws.write_string(row, 2, c.segment)?;
        ws.write_string(row, 3, c.plan)?;
        ws.write_string(row, 4, c.csm)?;
        ws.write_string(row, 5, c.region)?;
        ws.write_string(row, 6, c.industry)?;
        ws.write_datetime_with_format(row, 7, c.signup, &date)?;
        ws.write_number(row, 8, c.seats as f64)?;
        ws.write_number(row, 9, (c.seats as f64 * c.util).round())?;
        if let Some((s, fv, rating)) = c.onboarding {
            ws.write_datetime_with_format(row, 10, s, &date)?;
            if let Some(fv) = fv {
                ws.write_datetime_with_format(row, 11, fv, &date)?;
            }
            if let Some(x) = rating {
                ws.write_number(row, 12, x as f64)?;
            }
        }
    }

    // Surveys, tickets and activities month by month for active customers.
    let mut surveys: Vec<(String, &str, i64, NaiveDate, String)> = Vec::new();
    let mut tickets: Vec<(String, String, NaiveDateTime, NaiveDateTime, i64)> = Vec::new();
    let mut acts: Vec<(NaiveDate, String, &str, &str)> = Vec::new();
    for k in 0..MONTHS {
        let day = |r: &mut Rng| month_start(k) + Duration::days(r.range(0, days_in(k) - 1));
        for c in cs.iter().filter(|c| c.mrr[k as usize] > 0.0) {
            if r.chance(0.10) {
                let base = 3.5 + 7.0 * c.happy + 2.5 * (r.f() - 0.5);
                let score = base.round().clamp(0.0, 10.0) as i64;
                let comment = if r.chance(0.3) {
                    if score >= 9 {
                        r.pick(PRAISE).to_string()
                    } else if score <= 6 {
                        r.pick(GRIPES).to_string()
                    } else {
                        String::new()
                    }
                } else {
                    String::new()
                };
                surveys.push((c.id.clone(), "NPS", score, day(&mut r), comment));
            }
            let t_rate = match c.segment {
                "SMB" => 0.25,
                "Mid-Market" => 0.45,
                _ => 0.9,
            };
            let mut n_t = 0;
            while n_t < 4 && r.chance(if n_t == 0 { t_rate } else { t_rate * 0.4 }) {
                n_t += 1;
                let opened = datetime(day(&mut r), &mut r);
                let hours = (r.f().powi(3) * 160.0 + 0.5) as i64;
                let closed = opened + Duration::minutes(hours * 60 + r.range(0, 59));
                let contacts = if r.chance(0.55 + 0.2 * c.happy) { 1 } else { r.range(2, 5) };
                tickets.push((
                    format!("T{:05}", tickets.len() + 1),
                    c.id.clone(),
                    opened,
                    closed,
                    contacts,
                ));
                if r.chance(0.5) {
                    let s = (2.2 + 3.2 * c.happy + (r.f() - 0.5) * 1.5
                        - if contacts > 2 { 1.0 } else { 0.0 })
                    .round()
                    .clamp(1.0, 5.0) as i64;
                    surveys.push((c.id.clone(), "CSAT", s, closed.date(), String::new()));
                }
                if r.chance(0.3) {
                    let s = (2.5 + 4.5 * c.happy + (r.f() - 0.5)).round().clamp(1.0, 7.0) as i64;
                    surveys.push((c.id.clone(), "CES", s, closed.date(), String::new()));
                }
            }
            let e_rate = match c.segment {
                "SMB" => 0.25,
                "Mid-Market" => 0.55,
                _ => 0.95,
            };
            if r.chance(e_rate) {
                let kind = *r.pick(&[
                    "Email",
                    "Call",
                    "Meeting",
                    "QBR",
                    "Check-in",
                    "Training",
                    "Workshop",
                    "Business Review",
                ]);
                acts.push((day(&mut r), c.id.clone(), kind, c.csm));
            }
            if c.happy > 0.6 && r.chance(0.025) {
                let kind =
                    *r.pick(&["Referral", "Case Study", "Review", "Testimonial", "Reference Call"]);
                acts.push((day(&mut r), c.id.clone(), kind, c.csm));
            }
            if r.chance(0.01) {
                acts.push((day(&mut r), c.id.clone(), "Conference chat", c.csm));
            }
        }
        if k % 3 == 0 {
            for _ in 0..r.range(18, 30) {
                let s = (5.0 + 5.6 * r.f()).round() as i64;
                surveys.push((String::new(), "eNPS", s.min(10), day(&mut r), String::new()));
            }
        }
    }
    surveys.sort_by_key(|s| s.3);
    acts.sort_by_key(|a| a.0);

    let ws = wb.add_worksheet().set_name("Surveys")?;
    for (j, h) in ["Customer ID", "Type", "Score", "Date", "Comment"].iter().enumerate() {
        ws.write_string_with_format(0, j as u16, *h, &bold)?;
    }
    for (i, (c, t, s, d, comment)) in surveys.iter().enumerate() {
        let row = 1 + i as u32;
        if !c.is_empty() {
            ws.write_string(row, 0, c)?;
        }
        ws.write_string(row, 1, *t)?;
        ws.write_number(row, 2, *s as f64)?;
        ws.write_datetime_with_format(row, 3, *d, &date)?;
        if !comment.is_empty() {
            ws.write_string(row, 4, comment)?;
        }
    }

    let ws = wb.add_worksheet().set_name("Tickets")?;
    for (j, h) in ["Ticket ID", "Customer ID", "Created", "Resolved", "Contacts", "Subject"]
        .iter()
        .enumerate()
    {
        ws.write_string_with_format(0, j as u16, *h, &bold)?;
    }
    for (i, (id, c, o, cl, n)) in tickets.iter().enumerate() {
        let row = 1 + i as u32;
        ws.write_string(row, 0, id)?;
        ws.write_string(row, 1, c)?;
        ws.write_datetime_with_format(row, 2, *o, &stamp)?;
        // Tickets opened in the last days of the data are still open.
        if cl.date() <= NaiveDate::from_ymd_opt(2026, 10, 28).unwrap() {
            ws.write_datetime_with_format(row, 3, *cl, &stamp)?;
        }
        ws.write_number(row, 4, *n as f64)?;
        ws.write_string(row, 5, SUBJECTS[(i * 7 + *n as usize) % SUBJECTS.len()])?;
    }

    let ws = wb.add_worksheet().set_name("Activities")?;
    for (j, h) in ["Date", "Customer ID", "Type", "CSM"].iter().enumerate() {
        ws.write_string_with_format(0, j as u16, *h, &bold)?;
    }
    for (i, (d, c, t, csm)) in acts.iter().enumerate() {
        let row = 1 + i as u32;
        ws.write_datetime_with_format(row, 0, *d, &date)?;
        ws.write_string(row, 1, c)?;
        ws.write_string(row, 2, *t)?;
        ws.write_string(row, 3, *csm)?;
    }

    let ws = wb.add_worksheet().set_name("Costs")?;
    for (j, h) in ["Month", "Category", "Amount"].iter().enumerate() {
        ws.write_string_with_format(0, j as u16, *h, &bold)?;
    }
    let mut row = 1;
    for k in 0..MONTHS {
        let growth = 1.0 + 0.012 * k as f64;
        for (cat, base) in [
            ("Sales", 61_000.0),
            ("Marketing", 27_500.0),
            ("Customer Success", 21_000.0),
            ("Support", 11_500.0),
        ] {
            let v = (base * growth * (0.92 + 0.16 * r.f()) * 100.0).round() / 100.0;
            ws.write_string(
                row,
                0,
                format!("{}-{:02}", month_start(k).year(), month_start(k).month()),
            )?;
            ws.write_string(row, 1, cat)?;
            ws.write_number_with_format(row, 2, v, &money)?;
            row += 1;
        }
    }
    // The sheets below draw from their own generator, so that the sheets above stay as they were.
    let counts = more_sheets(&mut wb, &cs, &mut Rng(0x5EED_2026_1101))?;
    wb.save(&out)?;
    println!(
        "wrote {out}: {} customers, {} surveys, {} tickets, {} activities, {} orders, {} usage \
         sessions, {} trials, {} renewals, {} contracts",
        cs.len(),
        surveys.len(),
        tickets.len(),
        acts.len(),
        counts[0],
        counts[1],
        counts[2],
        counts[3],
        counts[4],
    );
    Ok(())
}

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
fn more_sheets(wb: &mut Workbook, cs: &[Cust], r: &mut Rng) -> Result<[usize; 5], XlsxError> {
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
