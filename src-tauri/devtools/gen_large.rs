//! Writes large, realistic workbooks for the import benchmark: N customers x 60 months of wide MRR,
//! a customers sheet, survey responses, tickets and usage rows, as .xlsx and as CSV files.
//! `cargo run --release --no-default-features --example gen_large -- OUT_DIR [CUSTOMERS]`
//! (20,000 customers by default: 200,000 responses, 100,000 tickets, 500,000 usage rows, ~25 MB).
//! `... -- OUT_DIR csv-set [USAGE_ROWS]` writes OUT_DIR/csv-set/ for the CSV import benchmark instead:
//! the CDNOW sample orders as they are, and usage.csv (2,000,000 rows by default) of CDNOW's customers.

use chrono::{Duration, NaiveDate};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, XlsxError};
use std::io::Write;
use std::path::Path;

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

const MONTHS: u32 = 60;

pub struct Sizes {
    pub customers: usize,
    pub surveys: usize,
    pub tickets: usize,
    pub usage: usize,
}

impl Sizes {
    pub fn for_customers(customers: usize) -> Sizes {
        // Usage is capped below Excel's 1,048,576 rows a sheet.
        Sizes {
            customers,
            surveys: customers * 10,
            tickets: customers * 5,
            usage: (customers * 25).min(1_000_000),
        }
    }
}

fn month(k: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2020 + (k / 12) as i32, k % 12 + 1, 1).unwrap()
}

/// Every table as rows of text, generated once and written to both formats.
struct Tables {
    mrr: Vec<(String, Vec<Option<u32>>)>,
    customers: Vec<[String; 6]>,
    surveys: Vec<[String; 4]>,
    tickets: Vec<[String; 5]>,
    usage: Vec<[String; 4]>,
}

fn tables(s: &Sizes) -> Tables {
    let mut r = Rng(0x1234_5678_9ABC_DEF1);
    let mut mrr = Vec::with_capacity(s.customers);
    let mut customers = Vec::with_capacity(s.customers);
    for i in 0..s.customers {
        let id = format!("C{i:06}");
        let start = r.below(MONTHS as u64) as u32;
        let mut v = 100 + r.below(5000) as u32;
        let mut row = vec![None; MONTHS as usize];
        for k in start..MONTHS {
            match r.below(100) {
                0..=1 => break,
                2..=5 => v += r.below(300) as u32,
                6..=7 => v = v.saturating_sub(r.below(50) as u32).max(1),
                _ => {}
            }
            row[k as usize] = Some(v);
        }
        mrr.push((id.clone(), row));
        let seats = 10 + r.below(200);
        customers.push([
            id,
            ["SMB", "Mid-Market", "Enterprise"][i % 3].to_string(),
            format!("CSM {}", i % 25),
            ["NA", "EMEA", "APAC"][i % 3].to_string(),
            seats.to_string(),
            (seats * (30 + r.below(70)) / 100).to_string(),
        ]);
    }
    let day0 = month(0);
    let day = |r: &mut Rng| {
        (day0 + Duration::days(r.below(MONTHS as u64 * 30) as i64)).format("%Y-%m-%d").to_string()
    };
    let cust = |r: &mut Rng| format!("C{:06}", r.below(s.customers as u64));
    let surveys = (0..s.surveys)
        .map(|i| {
            let (kind, score) = match i % 3 {
                0 => ("NPS", r.below(11)),
                1 => ("CSAT", 1 + r.below(5)),
                _ => ("CES", 1 + r.below(7)),
            };
            [cust(&mut r), day(&mut r), kind.to_string(), score.to_string()]
        })
        .collect();
    let tickets = (0..s.tickets)
        .map(|i| {
            let opened = day(&mut r);
            [
                format!("T{i:07}"),
                cust(&mut r),
                format!("{opened} 09:00"),
                format!("{opened} 15:30"),
                (1 + r.below(3)).to_string(),
            ]
        })
        .collect();
    let last = month(MONTHS - 1);
    let usage = (0..s.usage)
        .map(|_| {
            let at = last - Duration::days(r.below(365) as i64);
            [
                format!("u{}", r.below(s.customers as u64 * 3)),
                cust(&mut r),
                format!("{} 10:00", at.format("%Y-%m-%d")),
                (1 + r.below(120)).to_string(),
            ]
        })
        .collect();
    Tables { mrr, customers, surveys, tickets, usage }
}

fn write_xlsx(t: &Tables, path: &Path) -> Result<(), XlsxError> {
    let mut wb = Workbook::new();
    let date = Format::new().set_num_format("mmm yyyy");
    let ws = wb.add_worksheet();
    ws.set_name("MRR")?;
    ws.write_string(0, 0, "Customer ID")?;
    for k in 0..MONTHS {
        ws.write_datetime_with_format(
            0,
            1 + k as u16,
            ExcelDateTime::from_ymd(2020 + (k / 12) as u16, (k % 12 + 1) as u8, 1)?,
            &date,
        )?;
    }
    for (i, (id, row)) in t.mrr.iter().enumerate() {
        ws.write_string(1 + i as u32, 0, id)?;
        for (k, v) in row.iter().enumerate() {
            if let Some(v) = v {
                ws.write_number(1 + i as u32, 1 + k as u16, *v as f64)?;
            }
        }
    }
    let sheet = |wb: &mut Workbook,
                 name: &str,
                 heads: &[&str],
                 rows: &mut dyn Iterator<Item = Vec<String>>,
                 numeric: &[usize]|
     -> Result<(), XlsxError> {
        let ws = wb.add_worksheet();
        ws.set_name(name)?;
        for (j, h) in heads.iter().enumerate() {
            ws.write_string(0, j as u16, *h)?;
        }
        for (i, row) in rows.enumerate() {
            for (j, v) in row.iter().enumerate() {
                match (numeric.contains(&j), v.parse::<f64>()) {
                    (true, Ok(x)) => ws.write_number(1 + i as u32, j as u16, x)?,
                    _ => ws.write_string(1 + i as u32, j as u16, v)?,
                };
            }
        }
        Ok(())
    };
    sheet(
        &mut wb,
        "Customers",
        &["Customer ID", "Segment", "CSM", "Region", "Seats Purchased", "Seats Active"],
        &mut t.customers.iter().map(|r| r.to_vec()),
        &[4, 5],
    )?;
    sheet(
        &mut wb,
        "Surveys",
        &["Customer ID", "Date", "Type", "Score"],
        &mut t.surveys.iter().map(|r| r.to_vec()),
        &[3],
    )?;
    sheet(
        &mut wb,
        "Tickets",
        &["Ticket ID", "Customer ID", "Opened", "Resolved", "Contacts"],
        &mut t.tickets.iter().map(|r| r.to_vec()),
        &[4],
    )?;
    sheet(
        &mut wb,
        "Usage",
        &["User ID", "Customer ID", "Date", "Duration (min)"],
        &mut t.usage.iter().map(|r| r.to_vec()),
        &[3],
    )?;
    wb.save(path)
}

fn write_csvs(t: &Tables, dir: &Path) -> std::io::Result<()> {
    let mut f = std::io::BufWriter::new(std::fs::File::create(dir.join("mrr.csv"))?);
    write!(f, "Customer ID")?;
    for k in 0..MONTHS {
        write!(f, ",{}", month(k).format("%Y-%m"))?;
    }
    writeln!(f)?;
    for (id, row) in &t.mrr {
        write!(f, "{id}")?;
        for v in row {
            match v {
                Some(v) => write!(f, ",{v}")?,
                None => write!(f, ",")?,
            }
        }
        writeln!(f)?;
    }
    let table =
        |name: &str, head: &str, rows: &mut dyn Iterator<Item = String>| -> std::io::Result<()> {
            let mut f = std::io::BufWriter::new(std::fs::File::create(dir.join(name))?);
            writeln!(f, "{head}")?;
            for r in rows {
                writeln!(f, "{r}")?;
            }
            Ok(())
        };
    table(
        "customers.csv",
        "Customer ID,Segment,CSM,Region,Seats Purchased,Seats Active",
        &mut t.customers.iter().map(|r| r.join(",")),
    )?;
    table(
        "surveys.csv",
        "Customer ID,Date,Type,Score",
        &mut t.surveys.iter().map(|r| r.join(",")),
    )?;
    table(
        "tickets.csv",
        "Ticket ID,Customer ID,Opened,Resolved,Contacts",
        &mut t.tickets.iter().map(|r| r.join(",")),
    )?;
    table(
        "usage.csv",
        "User ID,Customer ID,Date,Duration (min)",
        &mut t.usage.iter().map(|r| r.join(",")),
    )?;
    Ok(())
}

/// The CSV benchmark's set: the CDNOW sample orders (copied byte for byte) and `rows` usage rows
/// shaped as `tables` writes them, whose customer ids are CDNOW's so that the two tables join.
fn write_csv_set(dir: &Path, rows: usize) -> std::io::Result<()> {
    let cdnow =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/cdnow/cdnow_sample_orders.csv");
    let orders = std::fs::read(&cdnow)?;
    std::fs::create_dir_all(dir)?;
    std::fs::write(dir.join("cdnow_sample_orders.csv"), &orders)?;
    let text = String::from_utf8_lossy(&orders);
    let mut ids: Vec<&str> = text
        .lines()
        .skip(1)
        .filter_map(|l| l.split(',').next())
        .filter(|i| !i.is_empty())
        .collect();
    ids.dedup(); // the file is sorted by customer
                 // Usage over CDNOW's 18 months (January 1997 to June 1998), at the customer's pace.
    let day0 = NaiveDate::from_ymd_opt(1997, 1, 1).unwrap();
    let days = (NaiveDate::from_ymd_opt(1998, 6, 30).unwrap() - day0).num_days() as u64 + 1;
    let mut r = Rng(0x0DDB_A11C_5EED_F00D);
    let mut f = std::io::BufWriter::new(std::fs::File::create(dir.join("usage.csv"))?);
    writeln!(f, "User ID,Customer ID,Date,Duration (min)")?;
    for _ in 0..rows {
        let c = r.below(ids.len() as u64) as usize;
        let at = day0 + Duration::days(r.below(days) as i64);
        // Three users a customer, numbered after it.
        writeln!(
            f,
            "u{}-{},{},{} 10:00,{}",
            ids[c],
            r.below(3),
            ids[c],
            at.format("%Y-%m-%d"),
            1 + r.below(120)
        )?;
    }
    f.flush()?;
    println!(
        "wrote {}: {} orders of {} customers, {rows} usage rows",
        dir.display(),
        text.lines().count() - 1,
        ids.len()
    );
    Ok(())
}

fn main() {
    let mut args = std::env::args().skip(1);
    let out = std::path::PathBuf::from(args.next().unwrap_or_else(|| "target/bench-data".into()));
    let mut args = args.peekable();
    if args.peek().map(String::as_str) == Some("csv-set") {
        let rows = args.nth(1).and_then(|a| a.parse().ok()).unwrap_or(2_000_000);
        write_csv_set(&out.join("csv-set"), rows).expect("write csv-set");
        return;
    }
    let customers: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(20_000);
    let sizes = Sizes::for_customers(customers);
    let dir = out.join(format!("c{customers}"));
    std::fs::create_dir_all(dir.join("csv")).unwrap();
    let t = tables(&sizes);
    write_xlsx(&t, &dir.join("book.xlsx")).expect("write xlsx");
    write_csvs(&t, &dir.join("csv")).expect("write csv");
    let size = std::fs::metadata(dir.join("book.xlsx")).map(|m| m.len()).unwrap_or(0);
    println!("wrote {} ({:.1} MB) and csv/: {customers} customers x {MONTHS} months, {} responses, {} tickets, {} usage rows", dir.join("book.xlsx").display(), size as f64 / 1e6, sizes.surveys, sizes.tickets, sizes.usage);
}
