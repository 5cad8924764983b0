//! Writes the built-in demo workbook: a fictional B2B SaaS company ("Lumen Analytics") with 30 months
//! of wide MRR for a few hundred customers (new, expansion, contraction, churn, reactivation),
//! customers with segment/plan/CSM/seats/onboarding, surveys, tickets, activities and costs, and a
//! sheet of every other table kind (orders, usage, trials, renewals, contracts), so that no tile of
//! the demo is empty.
//! Deterministic: the same bytes every run. `cargo run --no-default-features --example gen_demo [OUT]`

#[path = "demo_comments.rs"]
mod demo_comments;
#[path = "demo_more.rs"]
mod demo_more;

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime};
use demo_comments::{GRIPES, PRAISE, SUBJECTS};
use demo_more::more_sheets;
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
