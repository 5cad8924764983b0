//! Issue 14 ("Real files"): the Excel and CSV quirks of the workbooks users actually have, one test per
//! class of file, each on a small input shaped like the real one, with the right value worked out by hand
//! (workbook.md, "Real-world files").

use northstar::import::{import_sources, ImportSettings, Imported, Source};
use northstar::kpi::{self, ReportRequest};
use northstar::model::Month;
use northstar::settings::Settings;
use serde_json::Value;

fn csv(name: &str, text: &str) -> Source {
    Source { name: name.into(), bytes: text.as_bytes().to_vec() }
}

fn import(sources: &[Source]) -> Imported {
    import_sources(sources, &ImportSettings::default()).unwrap()
}

fn report(imp: &Imported, from: &str, to: &str) -> Value {
    let req = ReportRequest {
        from: Month::parse_iso(from),
        to: Month::parse_iso(to),
        segment: None,
        with_details: false,
    };
    serde_json::to_value(kpi::report(&imp.dataset, &req, &Settings::default()).unwrap()).unwrap()
}

fn value(r: &Value, id: &str) -> Value {
    r["kpis"][id]["value"].clone()
}

#[allow(dead_code)]
fn warnings(imp: &Imported) -> Vec<String> {
    imp.report.warnings.iter().map(|w| w.message.clone()).collect()
}

fn issues(imp: &Imported) -> Vec<(usize, String, String)> {
    imp.report.issues.iter().map(|i| (i.row, i.column.clone(), i.reason.clone())).collect()
}

/// Issue 14, class 2: An Excel serial in a CSV date column is that day: 45292 = 2024-01-01.
#[test]
fn excel_serials_in_a_csv_are_dates() {
    let imp = import(&[csv("mrr.csv", "Customer ID,Month,MRR\nA,45292,100\nA,45323,120\n")]);
    assert!(issues(&imp).is_empty(), "{:?}", issues(&imp));
    let r = report(&imp, "2024-01", "2024-02");
    assert_eq!(value(&r, "mrr"), 120.0);
    assert_eq!(r["movements"][0]["mrr"], 100.0);
    assert_eq!(r["movements"][0]["month"], "2024-01");
    // A column that also holds a non-serial value is not a serial column: 45292 is then refused.
    let imp = import(&[csv("mrr.csv", "Customer ID,Month,MRR\nA,45292,100\nA,2024-02,120\n")]);
    assert_eq!(issues(&imp), [(2, "Month".to_string(), "not a month or date".to_string())]);
}

/// Issue 14, class 3: Zoned time stamps: the date as written.
#[test]
fn zoned_time_stamps_in_a_table() {
    let text = "Ticket ID,Customer ID,Created at,Closed at,FCR\n\
                1,A,2024-02-03 10:15:20 +0100,2024-02-03 12:15:20 +0100,yes\n\
                2,A,2024/03/15 10:22:31 AM GMT+1,2024/03/15 11:22:31 AM GMT+1,no\n";
    let imp = import(&[csv("tickets.csv", text)]);
    assert!(issues(&imp).is_empty(), "{:?}", issues(&imp));
    let t = &imp.dataset.tickets;
    assert_eq!(t.len(), 2);
    assert_eq!(t[0].opened.to_string(), "2024-02-03 10:15:20");
    assert_eq!(t[1].resolved.map(|d| d.to_string()).as_deref(), Some("2024-03-15 11:22:31"));
}

/// Issue 14, class 7: CSV issue rows are the rows Excel shows, whatever the line ends; blank lines count.
#[test]
fn csv_rows_as_excel_shows_them() {
    let rows = |text: &str| -> (Vec<usize>, Option<usize>) {
        let imp = import(&[csv("mrr.csv", text)]);
        (imp.report.issues.iter().map(|i| i.row).collect(), imp.report.tables[0].header_row)
    };
    // Excel for Windows: CRLF.
    assert_eq!(rows("Customer ID,Month,MRR\r\nX,2024-01,abc\r\n"), (vec![2], Some(1)));
    // Excel's "CSV (Macintosh)": CR only.
    assert_eq!(rows("Customer ID,Month,MRR\rX,2024-01,10\rY,2024-01,abc\r"), (vec![3], Some(1)));
    // A title, a blank line, then the header: row 3; the bad value on row 6 after another blank line.
    let text = "MRR export\n\nCustomer ID,Month,MRR\nX,2024-01,10\n\nY,2024-01,abc\n";
    assert_eq!(rows(text), (vec![6], Some(3)));
    // A comment with a line break inside quotes is one row.
    let text = "Customer ID,Month,MRR,Note\r\nX,2024-01,10,\"two\r\nlines\"\r\nY,2024-01,abc,\r\n";
    assert_eq!(rows(text), (vec![3], Some(1)));
}

/// Issue 14, class 5: A TOTAL row is not a customer: wide A 100/100/100, B 50/50/0, TOTAL 150/150/100 gives MRR 100 and 1
/// active customer in March, and one warning names the row.
#[test]
fn total_rows_are_not_customers() {
    let text = "Customer,2024-01,2024-02,2024-03\nA,100,100,100\nB,50,50,0\nTOTAL,150,150,100\n";
    let imp = import(&[csv("mrr.csv", text)]);
    let r = report(&imp, "2024-03", "2024-03");
    assert_eq!(value(&r, "mrr"), 100.0);
    assert_eq!(value(&r, "active_customers"), 1.0);
    assert_eq!(
        warnings(&imp),
        ["row 4: \"TOTAL\" is a total row, not a customer: its values were not used"]
    );
    // Long layout, any case and spelling, a trailing colon or bracket.
    for label in ["Grand Total", "subtotal", "Sub-Total:", "SUM", "Totals (2 customers)"] {
        let text =
            format!("Customer ID,Month,MRR\nA,2024-01,100\nB,2024-01,50\n{label},2024-01,150\n");
        let imp = import(&[csv("mrr.csv", &text)]);
        let r = report(&imp, "2024-01", "2024-01");
        assert_eq!(value(&r, "mrr"), 150.0, "{label}");
        assert_eq!(value(&r, "active_customers"), 2.0, "{label}");
        assert_eq!(warnings(&imp).len(), 1, "{label}");
    }
}

/// Issue 14, class 5: Report footers (Salesforce's "Grand Totals (n records)", a confidentiality notice, "Generated By")
/// are not rows: no issue, one warning naming their rows.
#[test]
fn report_footers_are_not_rows() {
    let text = "Customer ID,Month,MRR\nA,2024-01,100\nB,2024-01,50\n\n\"Grand Totals (2 records)\"\n\
                \"Confidential Information - Do Not Distribute\"\n\"Generated By: Dana Scully 3/1/2024 9:05 AM\"\n\
                \"Acme, Inc.\"\n";
    let imp = import(&[csv("report.csv", text)]);
    assert!(issues(&imp).is_empty(), "{:?}", issues(&imp));
    assert_eq!(imp.report.tables[0].rows_read, 2);
    assert_eq!(
        warnings(&imp),
        ["rows 5-8: a report footer (\"Grand Totals (2 records)\"), not data: not read"]
    );
    assert_eq!(value(&report(&imp, "2024-01", "2024-01"), "mrr"), 150.0);
    // A report's title lines over its notices (the classic Salesforce layout) are footer too.
    let text = "Customer ID,Month,MRR\r\nA,2024-01,100\r\nB,2024-01,50\r\n\r\n\"MRR by Account\"\r\n\
                \"Acme, Inc.\"\r\n\"Copyright (c) 2000-2024 salesforce.com, inc. All rights reserved.\"\r\n";
    let imp = import(&[csv("report.csv", text)]);
    assert!(issues(&imp).is_empty(), "{:?}", issues(&imp));
    assert_eq!(imp.report.tables[0].rows_read, 2);
    assert_eq!(
        warnings(&imp),
        ["rows 5-7: a report footer (\"MRR by Account\"), not data: not read"]
    );
}

/// Issue 14, class 13: `Client Name`, `Client` and `Account Name` name the customer column of a wide MRR sheet; month
/// columns without a customer column are named in the warning.
#[test]
fn client_names_are_customers_of_a_wide_sheet() {
    for head in ["Client Name", "Client", "Account Name"] {
        let text = format!("{head},Jan 2024,Feb 2024,Mar 2024\nAcme,100,100,120\nBeta,50,0,0\n");
        let imp = import(&[csv("book.csv", &text)]);
        let r = report(&imp, "2024-03", "2024-03");
        assert_eq!(value(&r, "mrr"), 120.0, "{head}");
    }
    let imp = import(&[csv("book.csv", "Who,Jan 2024,Feb 2024,Mar 2024\nAcme,100,100,120\n")]);
    assert_eq!(
        warnings(&imp),
        ["found 3 month columns (2024-01 to 2024-03) but no customer column beside them: name it Customer, Customer ID, Account or Client, or map it"]
    );
}

/// An .xlsx of sheets of text and numbers; `hidden` (sheet, 1 = hidden, 2 = very hidden).
fn xlsx(sheets: &[(&str, &[&[&str]], u8)]) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    for (name, rows, hidden) in sheets {
        let ws = book.add_worksheet();
        ws.set_name(*name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                match v.parse::<f64>() {
                    Ok(n) => ws.write_number(r as u32, c as u16, n).unwrap(),
                    Err(_) => ws.write_string(r as u32, c as u16, *v).unwrap(),
                };
            }
        }
        match hidden {
            1 => {
                ws.set_hidden(true);
            }
            2 => {
                ws.set_very_hidden(true);
            }
            _ => {}
        }
    }
    book.save_to_buffer().unwrap()
}

/// Issue 14, class 8: Hidden and very hidden sheets (a stale copy kept out of sight) are not imported; one warning
/// names them; a mapping entry naming one includes it.
#[test]
fn hidden_sheets_are_left_out_unless_included() {
    let current: &[&[&str]] = &[
        &["Customer", "2024-01", "2024-02", "2024-03"],
        &["A", "100", "100", "100"],
        &["B", "50", "50", "0"],
    ];
    let stale: &[&[&str]] =
        &[&["Customer", "2024-01", "2024-02", "2024-03"], &["B", "50", "50", "50"]];
    let bytes = xlsx(&[("MRR", current, 0), ("MRR old", stale, 1), ("Scratch", stale, 2)]);
    let src = Source { name: "book.xlsx".into(), bytes };
    let imp = import(std::slice::from_ref(&src));
    let r = report(&imp, "2024-03", "2024-03");
    // B churned in March: 100 of MRR, one customer lost, not hidden by the stale copy.
    assert_eq!(value(&r, "mrr"), 100.0);
    assert_eq!(value(&r, "customers_churned"), 1.0);
    assert_eq!(
        warnings(&imp),
        ["hidden sheets \"MRR old\", \"Scratch\" not imported (a hidden sheet is often an old copy); include one in the Data view if it holds data you want"]
    );
    assert_eq!(imp.report.hidden_sheets.len(), 2);
    assert_eq!(imp.report.tables.len(), 1);
    // Included on purpose: its rows are read (and summed with the visible sheet's, as the user asked).
    let settings = ImportSettings {
        mapping: vec![serde_json::from_str(r#"{"file": "book.xlsx", "sheet": "MRR old"}"#).unwrap()],
        ..Default::default()
    };
    let imp = import_sources(&[src], &settings).unwrap();
    assert_eq!(imp.report.tables.len(), 2);
    assert_eq!(imp.report.hidden_sheets.len(), 1);
    assert_eq!(value(&report(&imp, "2024-03", "2024-03"), "mrr"), 150.0);
}

/// Issue 14, class 6: A header over two rows with merged cells (`Account` A1:A2, `Segment` B1:B2, a merged `MRR` title
/// over C1:E1, month dates in C2:E2) is a wide MRR table, not a customers table; a mapping can name
/// its header row (the last of the two).
#[test]
fn merged_two_row_headers_are_combined() {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("MRR").unwrap();
    let plain = Format::new();
    let date = Format::new().set_num_format("mmm yyyy");
    ws.merge_range(0, 0, 1, 0, "Account", &plain).unwrap();
    ws.merge_range(0, 1, 1, 1, "Segment", &plain).unwrap();
    ws.merge_range(0, 2, 0, 4, "MRR", &plain).unwrap();
    for (c, m) in [(2u16, 1u8), (3, 2), (4, 3)] {
        let d = ExcelDateTime::from_ymd(2024, m, 1).unwrap();
        ws.write_datetime_with_format(1, c, &d, &date).unwrap();
    }
    for (r, row) in
        [("Acme", "Enterprise", [200.0, 200.0, 250.0]), ("Beta", "SMB", [50.0, 50.0, 0.0])]
            .iter()
            .enumerate()
    {
        ws.write_string(2 + r as u32, 0, row.0).unwrap();
        ws.write_string(2 + r as u32, 1, row.1).unwrap();
        for (i, v) in row.2.iter().enumerate() {
            ws.write_number(2 + r as u32, 2 + i as u16, *v).unwrap();
        }
    }
    let src = Source { name: "book.xlsx".into(), bytes: book.save_to_buffer().unwrap() };
    let check = |imp: &Imported| {
        let t = &imp.report.tables[0];
        assert_eq!(
            (t.kind.map(|k| k.id()), t.layout, t.header_row),
            (Some("mrr"), "wide", Some(2))
        );
        assert!(issues(imp).is_empty(), "{:?}", issues(imp));
        let r = report(imp, "2024-03", "2024-03");
        // March: Acme expanded 200 -> 250, Beta churned 50.
        assert_eq!(value(&r, "mrr"), 250.0);
        assert_eq!(value(&r, "mrr_expansion"), 50.0);
        assert_eq!(value(&r, "mrr_churn"), 50.0);
    };
    check(&import(std::slice::from_ref(&src)));
    // The user's mapping naming kind mrr and header row 2 applies.
    let settings = ImportSettings {
        mapping: vec![serde_json::from_str(
            r#"{"file": "book.xlsx", "sheet": "MRR", "kind": "mrr", "header_row": 2}"#,
        )
        .unwrap()],
        ..Default::default()
    };
    check(&import_sources(std::slice::from_ref(&src), &settings).unwrap());
    // The same sheet saved as CSV by Google Sheets: merged cells become empty cells.
    let text = "Account,Segment,MRR,,\n,,Jan 2024,Feb 2024,Mar 2024\nAcme,Enterprise,200,200,250\nBeta,SMB,50,50,0\n";
    let imp = import(&[csv("book.csv", text)]);
    let t = &imp.report.tables[0];
    assert_eq!((t.layout, t.header_row), ("wide", Some(2)));
    assert_eq!(value(&report(&imp, "2024-03", "2024-03"), "mrr"), 250.0);
}

/// A header row followed by data is never taken for a two-row header.
#[test]
fn a_data_row_is_not_a_header_row() {
    let text =
        "Account ID,Segment,Signup,Kickoff date,Go live\nA1,SMB,2024-01-05,2024-01-10,2024-02-01\n";
    let imp = import(&[csv("customers.csv", text)]);
    let t = &imp.report.tables[0];
    assert_eq!(
        (t.kind.map(|k| k.id()), t.header_row, t.rows_used),
        (Some("customers"), Some(1), 1)
    );
}

/// Issue 14, class 9: A survey table without a type column takes the type from its score header or from the file or
/// sheet name naming exactly one type; otherwise one warning names the missing column, no issue a row.
#[test]
fn survey_type_from_the_header_or_the_name() {
    let text = "Customer ID,Date,Score\nX,2024-06-03,9\nY,2024-06-04,3\nZ,2024-06-05,10\n";
    // NPS: 2 promoters, 1 detractor of 3 = (2 - 1) / 3 = 33.33…
    let imp = import(&[csv("nps_report.csv", text)]);
    assert!(issues(&imp).is_empty(), "{:?}", issues(&imp));
    let r = report(&imp, "2024-06", "2024-06");
    assert!((value(&r, "nps").as_f64().unwrap() - 100.0 / 3.0).abs() < 1e-9);
    // The file name names CSAT: one satisfied answer (4-5) of two.
    let imp = import(&[csv(
        "CSAT responses.csv",
        "Customer ID,Date,Score\nX,2024-06-03,5\nY,2024-06-03,2\n",
    )]);
    let r = report(&imp, "2024-06", "2024-06");
    assert_eq!(value(&r, "csat"), 0.5);
    // A name that says nothing: one warning naming the missing column, nothing scored, no issue.
    let imp = import(&[csv("responses.csv", text)]);
    assert!(issues(&imp).is_empty(), "{:?}", issues(&imp));
    assert_eq!(warnings(&imp).len(), 1);
    assert!(warnings(&imp)[0].contains("no type column"), "{:?}", warnings(&imp));
    assert_eq!(
        report(&imp, "2024-06", "2024-06")["kpis"]["nps"]["reason"],
        "every row of responses.csv was refused"
    );
    // Two types named: not guessed.
    let imp = import(&[csv("nps and csat.csv", text)]);
    assert_eq!((issues(&imp).len(), warnings(&imp).len()), (0, 1));
}

/// Issue 14, class 14: A month with no rows inside a long MRR table's range is not everyone churning: the table is
/// refused with one message naming the month and its neighbours.
#[test]
fn a_missing_month_refuses_the_table() {
    let text = "Customer ID,Month,MRR\nA,2024-01,100\nB,2024-01,50\nA,2024-02,100\nB,2024-02,50\nA,2024-04,100\nB,2024-04,50\n";
    let imp = import(&[csv("mrr.csv", text)]);
    assert_eq!(
        warnings(&imp),
        ["mrr.csv has no rows for 2024-03, between 2024-02 and 2024-04: add the month or cut the file; this table was not used, so that no churn is invented"]
    );
    assert!(imp.dataset.revenue.is_none());
    assert_eq!(imp.report.tables[0].rows_used, 0);
    // The revenue KPIs say why, rather than asking for an mrr table.
    let r = report(&imp, "2024-04", "2024-04");
    assert_eq!(r["kpis"]["mrr"]["reason"], "every row of mrr.csv was refused");
    assert_eq!(
        imp.report.refused[0].message,
        "mrr.csv: 6 rows refused: 6 no rows at all for 2024-03, inside the table's months"
    );
    // An event log likewise.
    let text = "Customer ID,Date,MRR Change\nA,2024-01-05,100\nA,2024-02-10,20\nA,2024-05-01,-20\n";
    let imp = import(&[csv("snowball events.csv", text)]);
    assert!(imp.dataset.revenue.is_none());
    assert_eq!(
        warnings(&imp),
        ["snowball events.csv has no rows for 2024-03 (and 1 other month), between 2024-02 and 2024-05: add the month's events (a change of 0 if no customer's MRR changed that month) or cut the file; this table was not used, so that no churn is invented"]
    );
    // A wide sheet's month column is explicit: its empty cells stay 0.
    let text = "Customer,2024-01,2024-02,2024-03\nA,100,,100\n";
    let imp = import(&[csv("wide.csv", text)]);
    assert!(warnings(&imp).is_empty());
    assert_eq!(value(&report(&imp, "2024-02", "2024-02"), "mrr"), 0.0);
}

/// Issue 14, class 15: An orders file is taken for orders whatever its name: the CDNOW orders (customer_id, date, cds,
/// amount; several days a month per customer) under a revenue-like name.
#[test]
fn orders_win_the_tie_with_revenue_whatever_the_name() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/cdnow/cdnow_sample_orders.csv");
    let bytes = std::fs::read(path).unwrap();
    for name in ["cdnow.csv", "mrr.csv"] {
        let imp = import(&[Source { name: name.into(), bytes: bytes.clone() }]);
        assert_eq!(imp.report.tables[0].kind.map(|k| k.id()), Some("orders"), "{name}");
        // 6,919 orders in the file, none refused.
        assert_eq!(imp.dataset.orders.len(), 6919, "{name}");
    }
}

/// An .xlsx as a script writes it (openpyxl-style): inline strings, formulas with no saved value.
/// `cells` are (A1 reference, value): a leading `=` is a formula without a value, a number is a number.
fn scripted_xlsx(cells: &[&[(&str, &str)]]) -> Vec<u8> {
    use std::io::Write;
    let mut rows = String::new();
    for (r, row) in cells.iter().enumerate() {
        rows.push_str(&format!("<row r=\"{}\">", r + 1));
        for (at, v) in row.iter() {
            if let Some(f) = v.strip_prefix('=') {
                rows.push_str(&format!("<c r=\"{at}\"><f>{f}</f></c>"));
            } else if v.parse::<f64>().is_ok() {
                rows.push_str(&format!("<c r=\"{at}\"><v>{v}</v></c>"));
            } else {
                rows.push_str(&format!("<c r=\"{at}\" t=\"inlineStr\"><is><t>{v}</t></is></c>"));
            }
        }
        rows.push_str("</row>");
    }
    let files = [
        ("[Content_Types].xml", r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#.to_string()),
        ("_rels/.rels", r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.to_string()),
        ("xl/workbook.xml", r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="MRR" sheetId="1" r:id="rId1"/></sheets></workbook>"#.to_string()),
        ("xl/_rels/workbook.xml.rels", r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#.to_string()),
        ("xl/worksheets/sheet1.xml", format!(r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{rows}</sheetData></worksheet>"#)),
    ];
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, text) in files {
        zip.start_file(name, opts).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// Issue 14, class 1: Formulas with no saved value are never 0: `X | 200 | =B2 | =B2` is 200 every month (worked out);
/// a formula that cannot be worked out exactly makes its row an issue naming the cell.
#[test]
fn formulas_without_a_saved_value() {
    let bytes = scripted_xlsx(&[
        &[("A1", "Customer"), ("B1", "2024-01"), ("C1", "2024-02"), ("D1", "2024-03")],
        &[("A2", "X"), ("B2", "200"), ("C2", "=B2"), ("D2", "=B2")],
        &[("A3", "Y"), ("B3", "100"), ("C3", "=B3*1.5"), ("D3", "=SUM(B3:C3)-B3")],
        &[("A4", "Z"), ("B4", "80"), ("C4", "=VLOOKUP(A4,Prices!A:B,2,0)"), ("D4", "80")],
    ]);
    let imp = import(&[Source { name: "scripted.xlsx".into(), bytes }]);
    assert_eq!(
        issues(&imp),
        [(
            4,
            "2024-02".to_string(),
            "formula without a saved value in C4: open the file in Excel and save it".to_string()
        )]
    );
    let r = report(&imp, "2024-02", "2024-03");
    // X 200 every month, Y 100 -> 150 -> 150; Z's row is left out whole (never a silent 0).
    assert_eq!(r["movements"][0]["mrr"], 350.0);
    assert_eq!(r["movements"][1]["mrr"], 350.0);
    assert_eq!(value(&r, "mrr_churn"), 0.0);
    assert_eq!(value(&r, "mrr_expansion"), 50.0);
}

/// A revenue table none of whose rows could be read does not hide another source of revenue.
#[test]
fn a_refused_mrr_table_does_not_hide_subscriptions() {
    let bad = csv("mrr.csv", "Customer ID,Month,MRR\nA,2024-01,abc\n");
    let subs = csv(
        "subscriptions.csv",
        "Customer ID,Start Date,End Date,MRR\nA,2024-01-01,,100\nB,2024-01-01,2024-03-01,50\n",
    );
    let imp = import(&[bad, subs]);
    // March: A 100; B's service stopped on 1 March, so March does not count.
    assert_eq!(value(&report(&imp, "2024-03", "2024-03"), "mrr"), 100.0);
}

/// A header with an unnamed column over a first data row that leaves a cell empty is not a two-row
/// header.
#[test]
fn a_data_row_under_a_gapped_header_is_data() {
    let text = "Customer,,Jan 2024,Feb 2024,Mar 2024\n,Note,2024-01-31,2024-02-29,2024-03-31\nA,,100,100,100\n";
    let imp = import(&[csv("book.csv", text)]);
    let t = &imp.report.tables[0];
    assert_eq!((t.layout, t.header_row), ("wide", Some(1)));
}

/// Columns of month numbers, days or years are not Excel serials (they would become January 1900).
#[test]
fn small_numbers_and_years_are_not_serials() {
    let imp = import(&[csv("mrr.csv", "Customer ID,Month,MRR\nA,1,100\nA,2,100\n")]);
    assert_eq!(issues(&imp).len(), 2);
    assert!(issues(&imp).iter().all(|i| i.2 == "not a month or date"), "{:?}", issues(&imp));
    // A year column of a costs table stays a year: 2024 spreads over its twelve months.
    let imp = import(&[csv("costs.csv", "Period,Category,Amount\n2024,Sales,1200\n")]);
    assert!(issues(&imp).is_empty(), "{:?}", issues(&imp));
    assert_eq!(imp.dataset.costs.len(), 12);
    // A costs period written as a serial is that month.
    let imp =
        import(&[csv("costs.csv", "Period,Category,Amount\n45292,Sales,100\n45323,Sales,100\n")]);
    assert!(issues(&imp).is_empty(), "{:?}", issues(&imp));
    assert_eq!(imp.dataset.costs[0].month.to_string(), "2024-01");
}

/// A formula without a saved value in an optional column (a customer's segment) makes the row an
/// issue naming the cell, never a blank segment.
#[test]
fn unsaved_formulas_in_optional_columns() {
    let bytes = scripted_xlsx(&[
        &[("A1", "Customer ID"), ("B1", "Segment"), ("C1", "CSM")],
        &[("A2", "X"), ("B2", "SMB"), ("C2", "Dana")],
        &[("A3", "Y"), ("B3", "=VLOOKUP(A3,Seg!A:B,2,0)"), ("C3", "Dana")],
    ]);
    let imp = import(&[Source { name: "customers.xlsx".into(), bytes }]);
    assert_eq!(
        issues(&imp),
        [(
            3,
            "Segment".to_string(),
            "formula without a saved value in B3: open the file in Excel and save it".to_string()
        )]
    );
    assert_eq!(imp.dataset.customers.len(), 1);
}

/// A table refused for a missing month keeps, in its message, the rows refused one by one as well.
#[test]
fn a_refused_table_counts_every_reason() {
    let text = "Customer ID,Month,MRR\nA,2024-01,100\nB,2024-01,x\nA,2024-02,100\nA,2024-04,100\n";
    let imp = import(&[csv("mrr.csv", text)]);
    assert_eq!(
        imp.report.refused[0].message,
        "mrr.csv: 4 rows refused: 3 no rows at all for 2024-03, inside the table's months, 1 not a number"
    );
}

/// Class 9 with a question as the score header (a Google Forms export): the question names the type;
/// a question column of words is the comment; `10 - Extremely likely` is 10.
#[test]
fn survey_questions_as_headers() {
    let text = "Timestamp,Email Address,How likely are you to recommend Acme to a friend or colleague?,What would make Acme easier to use?\n\
                2024/06/05 9:00:00 AM GMT+1,a@x.com,10 - Extremely likely,Nothing\n\
                2024/06/06 10:00:00 AM GMT+1,b@x.com,6,Faster exports please\n\
                2024/06/07 11:00:00 AM GMT+1,c@x.com,9,\n";
    let imp = import(&[csv("Form responses 1.csv", text)]);
    assert!(issues(&imp).is_empty(), "{:?}", issues(&imp));
    assert_eq!(imp.report.tables[0].kind.map(|k| k.id()), Some("surveys"));
    // 2 promoters (10, 9), 1 detractor (6): NPS (2 - 1) / 3 = 33.3.
    let r = report(&imp, "2024-06", "2024-06");
    assert!((value(&r, "nps").as_f64().unwrap() - 100.0 / 3.0).abs() < 1e-9);
    let comments: Vec<_> = imp.dataset.surveys.iter().filter_map(|s| s.comment.clone()).collect();
    assert_eq!(comments, ["Nothing", "Faster exports please"]);
}

/// A file in which nothing is a table (a text file saved as .csv) is named with why, not "no dated rows".
#[test]
fn nothing_recognised_is_said_per_file() {
    let imp = import(&[csv("notes.csv", "Hello world\nthis is just text\n")]);
    let e = imp.report.no_usable_rows().unwrap();
    assert!(e.starts_with("nothing in these files could be read as a table."), "{e}");
    assert!(e.ends_with("notes.csv: not recognised as any table: no header row with known columns in the first 20 rows"), "{e}");
}
