//! Writes the small import fixtures of tests/fixtures: one per layout, table kind, encoding,
//! delimiter and cell format of the workbook spec. Deterministic; the outputs are committed.
//! `cargo run --no-default-features --example gen_fixtures` (the .ods and .xls copies need
//! LibreOffice: `apt-get install libreoffice-calc-nogui`).

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, XlsxError};
use std::path::Path;
use std::process::Command;

const DIR: &str = "tests/fixtures";

fn utf8(name: &str, text: &str) {
    std::fs::write(Path::new(DIR).join(name), text).unwrap();
}

fn bytes(name: &str, b: &[u8]) {
    std::fs::write(Path::new(DIR).join(name), b).unwrap();
}

fn book() -> Result<Workbook, XlsxError> {
    let mut wb = Workbook::new();
    wb.set_properties(
        &DocProperties::new().set_creation_datetime(&ExcelDateTime::from_ymd(2026, 1, 1)?),
    );
    Ok(wb)
}

/// Wide MRR below title rows with Excel date headers, empty cells (= 0) and one bad cell; a
/// customers sheet with an id column and a name column, and numbers typed as text.
fn wide_xlsx() -> Result<(), XlsxError> {
    let mut wb = book()?;
    let month = Format::new().set_num_format("mmm yyyy");
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let ws = wb.add_worksheet().set_name("Revenue")?;
    ws.write_string(0, 0, "Acme Corp: MRR by account")?;
    ws.write_string(1, 0, "exported 2024-05-02")?;
    ws.write_string(3, 0, "Account ID")?;
    ws.write_string(3, 1, "Account Name")?;
    for (k, m) in [1u8, 2, 3, 4].iter().enumerate() {
        ws.write_datetime_with_format(
            3,
            2 + k as u16,
            ExcelDateTime::from_ymd(2024, *m, 1)?,
            &month,
        )?;
    }
    // A: new in Jan, expands in Mar. B: churns in Mar, reactivates in Apr. C: new in Feb, contracts.
    let rows: [(&str, &str, [Option<f64>; 4]); 3] = [
        ("A-1", "Alpha GmbH", [Some(1000.0), Some(1000.0), Some(1250.5), Some(1250.5)]),
        ("B-2", "Beta Ltd", [Some(500.0), Some(500.0), None, Some(400.0)]),
        ("C-3", "Gamma SA", [None, Some(300.0), Some(200.0), Some(200.0)]),
    ];
    for (i, (id, name, values)) in rows.iter().enumerate() {
        let r = 4 + i as u32;
        ws.write_string(r, 0, *id)?;
        ws.write_string(r, 1, *name)?;
        for (k, v) in values.iter().enumerate() {
            if let Some(v) = v {
                ws.write_number(r, 2 + k as u16, *v)?;
            }
        }
    }
    // D: a text cell in a month column skips the whole row (row 8 as Excel shows it).
    ws.write_string(7, 0, "D-4")?;
    ws.write_string(7, 1, "Delta AB")?;
    ws.write_number(7, 2, 80.0)?;
    ws.write_string(7, 3, "n/a")?;

    let ws = wb.add_worksheet().set_name("Accounts")?;
    for (j, h) in [
        "Customer ID",
        "Company",
        "Tier",
        "Owner",
        "Licenses",
        "Active Users",
        "Kickoff Date",
        "Go Live",
        "Industry",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(0, j as u16, *h)?;
    }
    let customers = [
        (
            "A-1",
            "Alpha GmbH",
            "Enterprise",
            "Dana",
            "100",
            80.0,
            Some((2024, 1, 5)),
            Some((2024, 2, 4)),
        ),
        ("B-2", "Beta Ltd", "SMB", "Ben", "1.2k", 900.0, None, None),
        ("C-3", "Gamma SA", "SMB", "Dana", "10", 12.0, Some((2024, 2, 1)), None),
    ];
    for (i, (id, name, tier, owner, seats, active, kick, live)) in customers.iter().enumerate() {
        let r = 1 + i as u32;
        ws.write_string(r, 0, *id)?;
        ws.write_string(r, 1, *name)?;
        ws.write_string(r, 2, *tier)?;
        ws.write_string(r, 3, *owner)?;
        ws.write_string(r, 4, *seats)?;
        ws.write_number(r, 5, *active)?;
        if let Some((y, m, d)) = kick {
            ws.write_datetime_with_format(r, 6, ExcelDateTime::from_ymd(*y, *m, *d)?, &date)?;
        }
        if let Some((y, m, d)) = live {
            ws.write_datetime_with_format(r, 7, ExcelDateTime::from_ymd(*y, *m, *d)?, &date)?;
        }
        ws.write_string(r, 8, "Retail")?;
    }
    wb.save(Path::new(DIR).join("wide_mrr.xlsx"))
}

/// Long MRR + surveys in one workbook, to be converted to .ods and .xls.
fn long_xlsx() -> Result<(), XlsxError> {
    let mut wb = book()?;
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let ws = wb.add_worksheet().set_name("MRR")?;
    for (j, h) in ["Customer", "Month", "MRR ($)"].iter().enumerate() {
        ws.write_string(0, j as u16, *h)?;
    }
    let rows = [
        ("A", "2024-01", 100.0),
        ("A", "2024-02", 150.0),
        ("B", "2024-01", 200.0),
        ("B", "2024-02", 0.0),
        ("C", "2024-02", 75.25),
    ];
    for (i, (c, m, v)) in rows.iter().enumerate() {
        ws.write_string(1 + i as u32, 0, *c)?;
        ws.write_string(1 + i as u32, 1, *m)?;
        ws.write_number(1 + i as u32, 2, *v)?;
    }
    let ws = wb.add_worksheet().set_name("Survey responses")?;
    for (j, h) in
        ["Respondent", "Submitted", "Survey Type", "Rating", "Feedback"].iter().enumerate()
    {
        ws.write_string(0, j as u16, *h)?;
    }
    let answers = [
        ("A", 10.0, "NPS"),
        ("B", 3.0, "nps"),
        ("C", 8.0, "NPS"),
        ("A", 4.0, "CSAT"),
        ("B", 11.0, "NPS"),
    ];
    for (i, (c, s, t)) in answers.iter().enumerate() {
        let r = 1 + i as u32;
        ws.write_string(r, 0, *c)?;
        ws.write_datetime_with_format(
            r,
            1,
            ExcelDateTime::from_ymd(2024, 2, 10 + i as u8)?,
            &date,
        )?;
        ws.write_string(r, 2, *t)?;
        ws.write_number(r, 3, *s)?;
    }
    wb.save(Path::new(DIR).join("long_mrr.xlsx"))
}

fn utf16le_bom(text: &str) -> Vec<u8> {
    let mut out = vec![0xFF, 0xFE];
    for u in text.encode_utf16() {
        out.extend_from_slice(&u.to_le_bytes());
    }
    out
}

fn csvs() {
    // European: semicolons, decimal comma, euro amounts, dotted dates, Windows-1252 with an accent.
    let text = "Kunde export\nCustomer ID;Month;MRR (EUR)\nCafé Müller;01.01.2024;1.234,50 €\nCafé Müller;01.02.2024;1.300,00 €\nZeta;01.01.2024;99,90\nZeta;01.02.2024;abc\n";
    let (enc, _, _) = encoding_rs::WINDOWS_1252.encode(text);
    bytes("mrr_semicolon_1252.csv", &enc);

    // Snowball events: C's March change would take it below 0.
    utf8(
        "mrr_events.csv",
        "Customer ID,Date,MRR Change,Event Type\nA,2024-01-15,100,new\nA,2024-03-02,50,expansion\nB,2024-01-20,200,new\nB,2024-02-10,-200,churn\nC,2024-02-01,80,new\nC,2024-03-05,-100,downgrade\nB,2024-04-01,120,reactivation\n",
    );

    // Subscriptions with quantity, ARR and the end-date rule; UTF-8 with BOM.
    let mut subs = vec![0xEF, 0xBB, 0xBF];
    subs.extend_from_slice(
        "Customer ID,Plan,Start Date,End Date,Seats,ARR\nA,Pro,2024-01-10,2024-03-15,2,1200\nB,Team,2024-01-01,2024-03-31,1,2400\nC,Pro,2024-02-01,,3,120\nD,Pro,2024-03-01,2024-02-01,1,100\n".as_bytes(),
    );
    bytes("subscriptions_bom.csv", &subs);

    // Company totals; the April row breaks the identity.
    utf8(
        "mrr_summary.csv",
        "Month,Starting MRR,New,Expansion,Contraction,Churned,Reactivation,Ending MRR,Active Customers\n2024-01,1000,200,50,0,100,0,1150,10\n2024-02,1150,100,0,50,0,0,1200,11\n2024-03,1200,0,100,0,200,50,1150,10\n2024-04,1150,10,0,0,0,0,9999,10\n",
    );

    // One column per survey type, tab-separated, UTF-16 with BOM, slashed dates that never reveal
    // their order (a warning) and a CES of 8 (an issue).
    let tsv = "Account\tDate\tNPS\tCSAT\tCES\tComment\nA\t03/04/2024\t9\t5\t\tgreat\nB\t04/03/2024\t6\t\t8\t\nC\t05/06/2024\t\t2\t3\tslow support\n";
    bytes("surveys_by_type.tsv", &utf16le_bom(tsv));

    // Pipe-delimited tickets with US date-times (the 15 reveals month/day order) and contacts.
    utf8(
        "tickets_pipe.csv",
        "Ticket ID|Customer ID|Created At|Closed At|Contacts to resolve\nT1|A|03/15/2024 9:00 AM|03/15/2024 2:30 PM|1\nT2|B|03/16/2024 10:00|03/18/2024 10:00|3\nT3|A|03/20/2024 8:00|03/19/2024 8:00|1\nT4|C|03/21/2024 8:00||\n",
    );

    // Wide costs by quarter and by year, with an accounting negative.
    utf8(
        "costs_wide.csv",
        "Period,Sales & Marketing Spend,CS Spend\n2024-Q1,\"$30,000\",\"$3,000\"\n2023,\"$120,000\",(1200)\n",
    );

    // Usage with durations in hours; orders; trials (converted as a date, yes/no, blank); renewals;
    // contracts with terms in years.
    utf8(
        "usage_hours.csv",
        "User ID,Account ID,Timestamp,Session Duration (hours)\nu1,A,2024-03-01 09:00,0.5\nu1,A,2024-03-02 09:00,1\nu2,B,2024-03-02T10:00:00,0.25\n",
    );
    utf8(
        "orders.csv",
        "Order ID,Client,Order Date,Order Value ($)\nO1,W1,2024-01-05,$10.00\nO2,W1,2024-01-20,$30.00\nO3,W2,2024-01-07,$20.00\nO4,W3,2024-01-09,-$5.00\n",
    );
    utf8(
        "trials.csv",
        "Lead,Trial Start,Converted,Account ID\nL1,2024-01-03,2024-01-20,A\nL2,2024-01-05,no,\nL3,2024-01-09,,\nL4,2024-01-11,yes,B\nL5,2024-01-12,maybe,\n",
    );
    utf8(
        "renewals.csv",
        "Account ID,Renewal Date,ARR up for renewal,Renewed ARR\nA,2024-01-31,1000,1200\nB,2024-02-15,500,\nC,2024-03-01,800,600\n",
    );
    utf8(
        "contracts_years.csv",
        "Account ID,Contract Start,Term (years),Annual Value,Setup Fees\nA,2024-01-01,2,12000,1500\nB,2024-02-01,1,6000,\nC,,3,1000,0\n",
    );

    // Targets (issue 17): by label and by id, one value (at least; at most where less is better),
    // a band, a plain 85 read as 85%, a segment; bad rows (an unknown KPI, low above high, a target
    // beside low/high, an unknown direction, no value), a second NRR target, and an explicit none.
    utf8(
        "targets.csv",
        "KPI,Target,Low,High,Direction,Note,Segment\nNet revenue retention,110%,,,,board plan,\nnps,,30,70,within,,\nMonthly logo churn,2%,,,,,\ncac_payback_months,12,,,,,\nLicense utilization,85,,,,,\ngrr,,0.9,,,,plan=Pro\nhappiness,5,,,,,\nltv_to_cac,,5,3,,,\narpa,100,,200,,,\nnrr,1.2,,,,,\ncustomer_retention_rate,0.9,,,sideways,,\nmrr,,,,none,,\ncrc,,,,,no values,\nGross revenue retention,,0.95,,,,Enterprise\n",
    );
}

/// One BIFF12 record: variable-length type and size, then the body (MS-XLSB 2.1.4).
fn record(out: &mut Vec<u8>, typ: u16, body: &[u8]) {
    if typ < 0x80 {
        out.push(typ as u8);
    } else {
        out.push((typ as u8 & 0x7F) | 0x80);
        out.push((typ >> 7) as u8);
    }
    let mut len = body.len();
    loop {
        let b = (len & 0x7F) as u8;
        len >>= 7;
        if len == 0 {
            out.push(b);
            break;
        }
        out.push(b | 0x80);
    }
    out.extend_from_slice(body);
}

fn wide(s: &str) -> Vec<u8> {
    let units: Vec<u16> = s.encode_utf16().collect();
    let mut out = (units.len() as u32).to_le_bytes().to_vec();
    out.extend(units.iter().flat_map(|u| u.to_le_bytes()));
    out
}

/// The MRR sheet of long_mrr.xlsx as a minimal binary workbook (LibreOffice cannot write .xlsb):
/// inline strings (BrtCellSt) and numbers (BrtCellReal), no styles or shared strings.
fn xlsb() {
    use std::io::Write;
    let mut book = Vec::new();
    record(&mut book, 0x0083, &[]); // BrtBeginBook
    record(&mut book, 0x008F, &[]); // BrtBeginBundleShs
    let mut sh = 0u32.to_le_bytes().to_vec(); // visible
    sh.extend(1u32.to_le_bytes()); // tab id
    sh.extend(wide("rId1"));
    sh.extend(wide("MRR"));
    record(&mut book, 0x009C, &sh); // BrtBundleSh
    record(&mut book, 0x0090, &[]); // BrtEndBundleShs
    record(&mut book, 0x0084, &[]); // BrtEndBook

    let rows: [(&str, &str, Option<f64>); 6] = [
        ("Customer", "Month", None),
        ("A", "2024-01", Some(100.0)),
        ("A", "2024-02", Some(150.0)),
        ("B", "2024-01", Some(200.0)),
        ("B", "2024-02", Some(0.0)),
        ("C", "2024-02", Some(75.25)),
    ];
    let mut sheet = Vec::new();
    record(&mut sheet, 0x0081, &[]); // BrtBeginSheet
    let dim: Vec<u8> =
        [0u32, rows.len() as u32 - 1, 0, 2].iter().flat_map(|v| v.to_le_bytes()).collect();
    record(&mut sheet, 0x0094, &dim); // BrtWsDim
    record(&mut sheet, 0x0091, &[]); // BrtBeginSheetData
    let cell = |col: u32| -> Vec<u8> {
        let mut c = col.to_le_bytes().to_vec();
        c.extend([0, 0, 0, 0]); // style 0, no flags
        c
    };
    for (r, (a, b, v)) in rows.iter().enumerate() {
        let mut hdr = (r as u32).to_le_bytes().to_vec();
        hdr.extend([0u8; 13]);
        record(&mut sheet, 0x0000, &hdr); // BrtRowHdr
        for (col, text) in [(0u32, *a), (1, *b)] {
            let mut c = cell(col);
            c.extend(wide(text));
            record(&mut sheet, 0x0006, &c); // BrtCellSt
        }
        match v {
            Some(x) => {
                let mut c = cell(2);
                c.extend(x.to_le_bytes());
                record(&mut sheet, 0x0005, &c); // BrtCellReal
            }
            None => {
                let mut c = cell(2);
                c.extend(wide("MRR ($)"));
                record(&mut sheet, 0x0006, &c);
            }
        }
    }
    record(&mut sheet, 0x0092, &[]); // BrtEndSheetData
    record(&mut sheet, 0x0082, &[]); // BrtEndSheet

    let parts: [(&str, &[u8]); 5] = [
        ("[Content_Types].xml", br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="bin" ContentType="application/vnd.ms-excel.sheet.binary.macroEnabled.main"/><Override PartName="/xl/worksheets/sheet1.bin" ContentType="application/vnd.ms-excel.worksheet"/></Types>"#),
        ("_rels/.rels", br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.bin"/></Relationships>"#),
        ("xl/_rels/workbook.bin.rels", br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.bin"/></Relationships>"#),
        ("xl/workbook.bin", &book),
        ("xl/worksheets/sheet1.bin", &sheet),
    ];
    let file = std::fs::File::create(Path::new(DIR).join("long_mrr.xlsb")).unwrap();
    let mut zip = zip::ZipWriter::new(file);
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored)
        .last_modified_time(zip::DateTime::default());
    for (name, body) in parts {
        zip.start_file(name, opts).unwrap();
        zip.write_all(body).unwrap();
    }
    zip.finish().unwrap();
}

fn convert_with_libreoffice() {
    for (ext, filter) in [("ods", "ods"), ("xls", "xls:MS Excel 97")] {
        let status = Command::new("soffice")
            .args([
                "--headless",
                "--convert-to",
                filter,
                "--outdir",
                DIR,
                &format!("{DIR}/long_mrr.xlsx"),
            ])
            .status();
        match status {
            Ok(s) if s.success() => println!("wrote {DIR}/long_mrr.{ext}"),
            _ => eprintln!("skipped long_mrr.{ext}: LibreOffice (soffice) is not installed"),
        }
    }
}

fn main() -> Result<(), XlsxError> {
    std::fs::create_dir_all(DIR).unwrap();
    wide_xlsx()?;
    long_xlsx()?;
    csvs();
    xlsb();
    convert_with_libreoffice();
    println!("wrote the fixtures in {DIR}");
    Ok(())
}
