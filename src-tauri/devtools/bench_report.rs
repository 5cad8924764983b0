//! Benchmark of the KPI engine alone (no import): the full report — every KPI for the period and the
//! previous one, movements, cohorts, the per-CSM table and health — on a synthetic book of
//! 20,000 customers x 60 months with 500,000 usage rows, 200,000 survey responses, 100,000 tickets and
//! 50,000 activities. Prints figures; run with `cargo bench --no-default-features --bench report`.

use chrono::{Duration, NaiveDate};
use northstar::kpi::{self, ReportRequest};
use northstar::model::*;
use northstar::settings::Settings;
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::time::Instant;

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn book(customers: usize, months: i32, usage: usize) -> Dataset {
    let mut r = Rng(0x9E37_79B9_7F4A_7C15);
    let first = Month::new(2020, 1).unwrap();
    let mut entries: BTreeMap<String, BTreeMap<Month, Decimal>> = BTreeMap::new();
    let mut list = Vec::with_capacity(customers);
    for i in 0..customers {
        let id = format!("C{i:06}");
        let start = r.below(months as u64) as i32;
        let mut mrr = Decimal::from(100 + r.below(5000));
        let row = entries.entry(id.clone()).or_default();
        for k in start..months {
            match r.below(100) {
                0..=1 => break,
                2..=5 => mrr += Decimal::from(r.below(300)),
                6..=7 => mrr = (mrr - Decimal::from(r.below(50))).max(Decimal::ONE),
                _ => {}
            }
            row.insert(first.plus(k), mrr);
        }
        list.push(Customer {
            id,
            segment: Some(["SMB", "Mid-Market", "Enterprise"][i % 3].into()),
            csm: Some(format!("CSM {}", i % 25)),
            seats_purchased: Some(Decimal::from(10 + r.below(200))),
            seats_active: Some(Decimal::from(5 + r.below(150))),
            ..Default::default()
        });
    }
    let day0 = first.first_day();
    let day = |r: &mut Rng| day0 + Duration::days(r.below(months as u64 * 30) as i64);
    let cust = |r: &mut Rng| Some(format!("C{:06}", r.below(customers as u64)));
    let surveys = (0..200_000)
        .map(|i| SurveyResponse {
            customer_id: cust(&mut r),
            date: day(&mut r),
            kind: [SurveyType::Nps, SurveyType::Csat, SurveyType::Ces][i % 3],
            score: 1 + (i % 5) as i64,
            comment: None,
            positive: None,
            origin: None,
        })
        .collect();
    let tickets = (0..100_000)
        .map(|i| {
            let opened = day(&mut r).and_hms_opt(9, 0, 0).unwrap();
            Ticket {
                id: format!("T{i}"),
                customer_id: cust(&mut r),
                opened,
                resolved: Some(opened + Duration::hours(5)),
                contacts: Some(Decimal::ONE),
                first_contact: None,
                subject: None,
                description: None,
                origin: None,
            }
        })
        .collect();
    let activities = (0..50_000)
        .map(|i| Activity {
            customer_id: cust(&mut r),
            date: day(&mut r),
            kind: "Call".into(),
            class: if i % 20 == 0 { ActivityClass::Advocacy } else { ActivityClass::Engagement },
            csm: None,
        })
        .collect();
    let last = first.plus(months - 1).first_day();
    let usage = (0..usage)
        .map(|_| Usage {
            user_id: format!("u{}", r.below(40_000)).into(),
            customer_id: cust(&mut r).map(Into::into),
            at: (last - Duration::days(r.below(300) as i64)).and_hms_opt(10, 0, 0).unwrap(),
            seconds: Some(Decimal::from(60 + r.below(3600))),
        })
        .collect();
    Dataset {
        revenue: Some(Revenue::from_entries(entries)),
        customers: list,
        surveys,
        has_surveys: true,
        tickets,
        has_tickets: true,
        activities,
        has_activities: true,
        usage,
        has_usage: true,
        ..Default::default()
    }
}

fn time<T>(what: &str, runs: u32, f: impl Fn() -> T) -> f64 {
    let _ = f();
    let start = Instant::now();
    for _ in 0..runs {
        std::hint::black_box(f());
    }
    let ms = start.elapsed().as_secs_f64() * 1000.0 / runs as f64;
    println!("{what:<58} {ms:>9.1} ms");
    ms
}

fn main() {
    println!("KPI engine benchmark (figures, not pass/fail)\n");
    for customers in [5_000, 20_000, 80_000] {
        let d = book(customers, 60, 500_000);
        let settings = Settings::default();
        let req = ReportRequest::default();
        time(&format!("full report, {customers} customers x 60 months, 500k usage"), 3, || {
            kpi::report(&d, &req, &settings).unwrap()
        });
    }
    let d = book(20_000, 60, 500_000);
    let req =
        ReportRequest { segment: Some(("segment".into(), "SMB".into())), ..Default::default() };
    time("segment filter + report, 20000 customers", 3, || {
        kpi::report(&d, &req, &Settings::default()).unwrap()
    });
    time("breakdown by segment (3 values), 20000 customers", 1, || {
        kpi::breakdown::breakdown(&d, &ReportRequest::default(), &Settings::default(), "segment")
            .unwrap()
    });
    let _ = NaiveDate::from_ymd_opt(2024, 1, 1);

    // The what-if panel recomputes on every slider move: forecast + baseline + sensitivity.
    let report = kpi::report(&d, &ReportRequest::default(), &Settings::default()).unwrap();
    let base = northstar::forecast::baseline::from_report(&report, &Settings::default());
    let baseline =
        northstar::forecast::ScenarioInput { years: Some(10.0), ..base.inputs }.validate().unwrap();
    let mut scenario = baseline.clone();
    scenario.monthly_churn -= Decimal::new(5, 3);
    let runs = 200;
    let start = Instant::now();
    for _ in 0..runs {
        std::hint::black_box(northstar::forecast::compare(&scenario, &baseline));
        std::hint::black_box(northstar::forecast::sensitivity::sensitivity(&scenario));
    }
    let us = start.elapsed().as_secs_f64() * 1e6 / runs as f64;
    println!("{:<58} {:>9.0} µs", "10-year forecast + baseline + sensitivity", us);
    let start = Instant::now();
    for _ in 0..runs {
        std::hint::black_box(northstar::forecast::run(&scenario));
    }
    println!(
        "{:<58} {:>9.0} µs",
        "10-year forecast alone",
        start.elapsed().as_secs_f64() * 1e6 / runs as f64
    );
}
