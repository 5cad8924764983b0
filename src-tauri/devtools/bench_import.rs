//! Import benchmark (issue #7): in one run, on the workbook `gen_large` writes, times
//! (a) calamine reading every cell of every sheet and nothing else — the floor;
//! (b) Northstar's import of the same file; (c) the full report on the imported data;
//! (d) a 10-year forecast with baseline and sensitivity; (e) what the desktop app does before it
//! can draw the dashboard; and prints (b+c)/(a), (e)/(b+c) and each phase's peak memory. Each phase runs in its own process so that its peak memory (VmHWM) is its own.
//! `cargo bench --no-default-features --bench import -- [BOOK.xlsx | CSV_DIR ...]`
//! (by default the 5k, 20k and 80k-customer books under target/bench-data, written by the gen_large
//! example, to show how time and memory scale, and its CSV set target/bench-data/csv-set). A folder is
//! a set of CSV files imported together; its floor is the csv crate reading every record of every
//! file and nothing else, and (a') adds what any import keeping the data costs at least: the files
//! read into memory and one record of the model per row. Each phase runs five times; the best time counts (the machines here are shared and noisy).
//! The clock stops when a phase's result is ready; freeing it afterwards is not counted (the app
//! keeps an import's data until the next file).

use calamine::{Data, Reader};
use std::process::Command;
use std::time::Instant;

fn peak_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse().ok())
        })
        .unwrap_or(0)
}

/// The files of a benchmark input: a folder's CSV files (sorted), or the one book.
fn files(path: &str) -> Vec<std::path::PathBuf> {
    let p = std::path::Path::new(path);
    if !p.is_dir() {
        return vec![p.into()];
    }
    let mut v: Vec<_> = std::fs::read_dir(p)
        .expect("folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "csv"))
        .collect();
    v.sort();
    v
}

/// Runs one phase in this process and prints "ms kb".
fn phase(name: &str, path: &str) {
    let start = Instant::now();
    let paths = files(path);
    // What a phase made is freed after the clock stops: the app keeps an import's data until the
    // next file, and a user waits for the result, not for the previous one to be freed.
    let kept: Box<dyn std::any::Any> = match name {
        "csv floor" => {
            // The csv crate's bare parse: every record of every file into one reused ByteRecord,
            // counting the non-empty fields, as the calamine floor counts cells.
            let mut fields = 0usize;
            for p in &paths {
                let mut reader = csv::ReaderBuilder::new()
                    .has_headers(false)
                    .flexible(true)
                    .from_path(p)
                    .expect("open");
                let mut record = csv::ByteRecord::new();
                while reader.read_byte_record(&mut record).expect("record") {
                    fields += record.iter().filter(|f| !f.is_empty()).count();
                }
            }
            Box::new(std::hint::black_box(fields))
        }
        "csv held" => {
            // What any import keeping the data costs at least: each file read into memory (the
            // import holds it: a dropped file is read once), the csv crate's parse of it, and one
            // record of the model written per row (ids copied, no value parsed or checked).
            let (mut usage, mut files) = (Vec::new(), Vec::new());
            for p in &paths {
                let bytes = std::fs::read(p).expect("read");
                let mut reader = csv::ReaderBuilder::new()
                    .has_headers(true)
                    .flexible(true)
                    .from_reader(bytes.as_slice());
                let mut record = csv::ByteRecord::new();
                usage.reserve(bytes.len() / 32);
                while reader.read_byte_record(&mut record).expect("record") {
                    let id = |i| {
                        let f = record.get(i).unwrap_or_default();
                        compact_str::CompactString::from(std::str::from_utf8(f).unwrap_or_default())
                    };
                    usage.push(northstar::model::Usage {
                        user_id: id(0),
                        customer_id: Some(id(1)),
                        at: chrono::NaiveDateTime::default(),
                        seconds: None,
                    });
                }
                files.push(std::hint::black_box(bytes));
            }
            Box::new((files, std::hint::black_box(usage)))
        }
        "floor" => {
            let mut book = calamine::open_workbook_auto(path).expect("open");
            let mut cells = 0usize;
            for sheet in book.sheet_names() {
                let range = book.worksheet_range(&sheet).expect("sheet");
                for row in range.rows() {
                    for c in row {
                        if !matches!(c, Data::Empty) {
                            cells += 1;
                        }
                    }
                }
            }
            Box::new(std::hint::black_box(cells))
        }
        "import" => {
            let imp = northstar::import::import_paths(&paths, &Default::default()).expect("import");
            Box::new(std::hint::black_box(imp))
        }
        "import+report" => {
            let imp = northstar::import::import_paths(&paths, &Default::default()).expect("import");
            let r = northstar::kpi::report(&imp.dataset, &Default::default(), &Default::default())
                .expect("report");
            Box::new(std::hint::black_box((imp, r)))
        }
        "app" => {
            // What the desktop app does before its window can draw the dashboard: the import, the
            // report with the dashboard's details, and the JSON sent to the window.
            let imp = northstar::import::import_paths(&paths, &Default::default()).expect("import");
            let req = northstar::kpi::ReportRequest { with_details: true, ..Default::default() };
            let r =
                northstar::kpi::report(&imp.dataset, &req, &Default::default()).expect("report");
            let json = serde_json::to_string(&(&imp.report, &r)).expect("json");
            Box::new(std::hint::black_box((imp, r, json)))
        }
        "report" => {
            let imp = northstar::import::import_paths(&paths, &Default::default()).expect("import");
            let t = Instant::now();
            let r = northstar::kpi::report(&imp.dataset, &Default::default(), &Default::default())
                .expect("report");
            std::hint::black_box(r.kpis.0.len());
            println!("{:.1} {}", t.elapsed().as_secs_f64() * 1000.0, peak_kb());
            return;
        }
        "forecast" => {
            let imp = northstar::import::import_paths(&paths, &Default::default()).expect("import");
            let r = northstar::kpi::report(&imp.dataset, &Default::default(), &Default::default())
                .expect("report");
            let base = northstar::forecast::baseline::from_report(&r, &Default::default());
            let b = northstar::forecast::ScenarioInput { years: Some(10.0), ..base.inputs }
                .validate()
                .expect("baseline");
            let mut s = b.clone();
            s.monthly_churn /= rust_decimal::Decimal::TWO;
            let t = Instant::now();
            for _ in 0..100 {
                std::hint::black_box(northstar::forecast::compare(&s, &b));
                std::hint::black_box(northstar::forecast::sensitivity::sensitivity(&s));
            }
            println!("{:.3} {}", t.elapsed().as_secs_f64() * 1000.0 / 100.0, peak_kb());
            return;
        }
        other => panic!("unknown phase {other}"),
    };
    println!("{:.1} {}", start.elapsed().as_secs_f64() * 1000.0, peak_kb());
    drop(kept);
}

/// Runs a phase in a fresh process five times: the best time, and the highest peak memory.
fn run_child(name: &str, path: &str) -> (f64, u64) {
    let mut best = (f64::INFINITY, 0u64);
    for _ in 0..5 {
        let out = Command::new(std::env::current_exe().unwrap())
            .args(["--phase", name, path])
            .output()
            .expect("child");
        assert!(out.status.success(), "{name}: {}", String::from_utf8_lossy(&out.stderr));
        let text = String::from_utf8_lossy(&out.stdout);
        let mut it = text.split_whitespace();
        let ms: f64 = it.next().and_then(|v| v.parse().ok()).unwrap_or(f64::NAN);
        let kb: u64 = it.next().and_then(|v| v.parse().ok()).unwrap_or(0);
        best = (best.0.min(ms), best.1.max(kb));
    }
    best
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| a != "--bench").collect();
    if args.first().map(String::as_str) == Some("--phase") {
        phase(&args[1], &args[2]);
        return;
    }
    // By default the scaling series: whichever of the 5k / 20k / 80k books gen_large has written.
    let books: Vec<String> = if args.is_empty() {
        ["c5000/book.xlsx", "c20000/book.xlsx", "c80000/book.xlsx", "csv-set"]
            .iter()
            .map(|c| format!("target/bench-data/{c}"))
            .collect()
    } else {
        args
    };
    for book in books {
        if !std::path::Path::new(&book).exists() {
            eprintln!("{book} is missing: cargo run --release --no-default-features --example gen_large -- target/bench-data 20000 (or csv-set)");
            continue;
        }
        if std::path::Path::new(&book).is_dir() {
            csv_set(&book);
            continue;
        }
        let size = std::fs::metadata(&book).map(|m| m.len()).unwrap_or(0) as f64 / 1e6;
        println!("\n{book} ({size:.1} MB)");
        let (floor, floor_kb) = run_child("floor", &book);
        let (import, import_kb) = run_child("import", &book);
        let (both, both_kb) = run_child("import+report", &book);
        let (report, _) = run_child("report", &book);
        let (fc, _) = run_child("forecast", &book);
        let (app, app_kb) = run_child("app", &book);
        println!(
            "  (a) calamine floor            {floor:>9.0} ms   peak {:>6.0} MB",
            floor_kb as f64 / 1024.0
        );
        println!(
            "  (b) import                    {import:>9.0} ms   peak {:>6.0} MB",
            import_kb as f64 / 1024.0
        );
        println!("  (c) full report alone         {report:>9.0} ms");
        println!(
            "  (b+c) import + full report    {both:>9.0} ms   peak {:>6.0} MB",
            both_kb as f64 / 1024.0
        );
        println!("  (d) 10-year what-if           {fc:>9.3} ms");
        println!(
            "  (e) the app's open            {app:>9.0} ms   peak {:>6.0} MB   (import, dashboard report, JSON for the window; the sparklines follow)",
            app_kb as f64 / 1024.0
        );
        println!(
            "  (b+c)/(a) = {:.2}   memory (b+c)/(a) = {:.2}",
            both / floor,
            both_kb as f64 / floor_kb.max(1) as f64
        );
        println!("  app open / (b+c) = {:.2}", app / both);
    }
}

/// The CSV set: the csv crate's floor, the import, the report and both, and the ratio to the floor.
fn csv_set(dir: &str) {
    let paths = files(dir);
    let bytes: u64 = paths.iter().map(|p| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0)).sum();
    // Records, as the csv crate counts them (the header included).
    let rows: usize = paths
        .iter()
        .map(|p| {
            let mut r = csv::ReaderBuilder::new().has_headers(false).from_path(p).expect("open");
            r.byte_records().count()
        })
        .sum();
    println!("\n{dir}: {} CSV files, {rows} records, {:.1} MB", paths.len(), bytes as f64 / 1e6);
    let (floor, floor_kb) = run_child("csv floor", dir);
    let (held, held_kb) = run_child("csv held", dir);
    let (import, import_kb) = run_child("import", dir);
    let (report, _) = run_child("report", dir);
    let (both, both_kb) = run_child("import+report", dir);
    let mb = |kb: u64| kb as f64 / 1024.0;
    println!("  (a) csv crate floor           {floor:>9.0} ms   peak {:>6.0} MB", mb(floor_kb));
    println!(
        "  (a') floor + data held        {held:>9.0} ms   peak {:>6.0} MB   (files read in, a record per row)",
        mb(held_kb)
    );
    println!("  (b) import                    {import:>9.0} ms   peak {:>6.0} MB", mb(import_kb));
    println!("  (c) full report alone         {report:>9.0} ms");
    println!("  (b+c) import + full report    {both:>9.0} ms   peak {:>6.0} MB", mb(both_kb));
    println!(
        "  (b+c)/(a) = {:.2}   (a')/(a) = {:.2}   (b+c)/(a') = {:.2}   memory (b+c)/(a) = {:.2}",
        both / floor,
        held / floor,
        both / held,
        both_kb as f64 / floor_kb.max(1) as f64
    );
}
