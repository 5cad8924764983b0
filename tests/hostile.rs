//! Broken and hostile inputs, generated here rather than committed (a zip bomb and a 20 MB cell have
//! no place in the repository). Each must end in a clear error naming the file, or in a partial
//! import whose warnings or issues say what was left out — never a panic, never unbounded memory.

use northstar::import::{import_sources, ImportSettings, Source};
use std::io::Write;

fn src(name: &str, bytes: Vec<u8>) -> Source {
    Source { name: name.into(), bytes }
}

fn error_of(name: &str, bytes: Vec<u8>) -> String {
    match import_sources(&[src(name, bytes)], &ImportSettings::default()) {
        Err(e) => e.to_string(),
        Ok(_) => panic!("{name} imported"),
    }
}

/// A stored (uncompressed) zip whose directory claims that `part` unpacks to `claimed` bytes.
fn zip_claiming(part: &str, claimed: u32) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut z = zip::ZipWriter::new(std::io::Cursor::new(&mut out));
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        z.start_file(part, opts).unwrap();
        z.write_all(&[b'<'; 4096]).unwrap();
        z.finish().unwrap();
    }
    // Central directory header: signature PK\x01\x02, uncompressed size at offset 24.
    let cd = out.windows(4).rposition(|w| w == b"PK\x01\x02").unwrap();
    out[cd + 24..cd + 28].copy_from_slice(&claimed.to_le_bytes());
    out
}

#[test]
fn a_zip_bomb_is_refused_before_anything_is_unpacked() {
    let err = error_of("bomb.xlsx", zip_claiming("xl/worksheets/sheet1.xml", 4_000_000_000));
    assert!(
        err.starts_with("bomb.xlsx: its part xl/worksheets/sheet1.xml would unpack from"),
        "{err}"
    );
    assert!(err.contains("zip bomb"), "{err}");
}

#[test]
fn random_bytes_truncated_workbooks_and_nul_bytes_are_clear_errors() {
    let mut seed = 0x9E37_79B9_7F4A_7C15u64;
    let random: Vec<u8> = (0..64 * 1024)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed as u8
        })
        .collect();
    for name in ["noise.xlsx", "noise.xls", "noise.ods", "noise.xlsb"] {
        let err = error_of(name, random.clone());
        assert!(err.starts_with(&format!("{name}: not a readable spreadsheet")), "{err}");
    }
    let demo =
        std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/src-tauri/demo/northstar-demo.xlsx"))
            .unwrap();
    let err = error_of("cut.xlsx", demo[..demo.len() / 2].to_vec());
    assert!(err.starts_with("cut.xlsx: "), "{err}");
    let err = error_of("nul.xlsx", vec![0u8; 10_000]);
    assert!(err.starts_with("nul.xlsx: not a readable spreadsheet"), "{err}");
}

#[test]
fn a_20_mb_cell_is_cut_and_said() {
    let mut text = String::from("Customer ID,Month,MRR,Notes\n");
    text.push_str("A,2024-01,100,");
    text.push_str(&"x".repeat(20 << 20));
    text.push_str("\nB,2024-01,50,ok\n");
    let imp =
        import_sources(&[src("huge.csv", text.into_bytes())], &ImportSettings::default()).unwrap();
    assert_eq!(imp.report.tables[0].rows_used, 2);
    let w = &imp.report.warnings[0].message;
    assert!(w.contains("row 2, column D holds 20971520 characters; it was cut to 32767"), "{w}");
}

#[test]
fn two_hundred_thousand_columns_are_read_up_to_the_spreadsheet_width() {
    let mut header = String::from("Customer ID,Month,MRR");
    let mut row = String::from("A,2024-01,100");
    for i in 0..200_000 {
        header.push_str(&format!(",x{i}"));
        row.push_str(",1");
    }
    let text = format!("{header}\n{row}\n");
    let imp =
        import_sources(&[src("wide.csv", text.into_bytes())], &ImportSettings::default()).unwrap();
    assert_eq!(imp.report.tables[0].rows_used, 1);
    let w = &imp.report.warnings[0].message;
    // 200,003 columns in each of 2 rows, 16,384 read.
    assert!(
        w.starts_with(&format!(
            "{} cells beyond row 1048576 or column 16384",
            2 * (200_003 - 16_384)
        )),
        "{w}"
    );
}

#[test]
fn odd_numbers_dates_and_quotes_become_row_issues() {
    let text = "Customer ID,Month,MRR\nA,2024-01,1e400\nB,2024-01,NaN\nC,2024-01,inf\nD,2024-01,123456789012345678901234567890123\nE,2024-13,10\nF,2024-02-30,10\nG,99999-01,10\nH,2024-01,10\nI,\"2024-01,10\n";
    let imp =
        import_sources(&[src("odd.csv", text.as_bytes().to_vec())], &ImportSettings::default())
            .unwrap();
    let rows: Vec<usize> = imp.report.issues.iter().map(|i| i.row).collect();
    // Rows 2-8 are refused one by one (the unterminated quote swallows the rest as one field).
    for r in 2..=8 {
        assert!(rows.contains(&r), "row {r} not reported: {:?}", imp.report.issues);
    }
    for i in &imp.report.issues {
        assert_eq!(i.file, "odd.csv");
        assert!(!i.reason.is_empty() && !i.column.is_empty(), "{i:?}");
    }
    let rev = imp.dataset.revenue.expect("H's row is read");
    assert!(rev.ids.iter().any(|id| id == "H"));
}

#[test]
fn utf16_without_bom_and_a_pdf_are_handled() {
    let utf16: Vec<u8> = "Customer ID,Month,MRR\nA,2024-01,10\n"
        .encode_utf16()
        .flat_map(|u| u.to_le_bytes())
        .collect();
    // Text whose every other byte is NUL is UTF-16 even without a byte-order mark.
    let imp = import_sources(&[src("u16.csv", utf16)], &ImportSettings::default()).unwrap();
    assert_eq!(imp.report.tables[0].rows_used, 1);
    let err = error_of("report.xlsx", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n".to_vec());
    assert!(err.starts_with("report.xlsx: not a readable spreadsheet"), "{err}");
}

use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// Any bytes, named as any format we read: a result or a clear error naming the file, no panic.
    #[test]
    fn any_bytes_in_any_format_never_panic(
        bytes in proptest::collection::vec(any::<u8>(), 0..4096),
        ext in prop::sample::select(vec!["csv", "tsv", "xlsx", "xls", "ods", "xlsb"]),
    ) {
        let name = format!("fuzz.{ext}");
        match import_sources(&[src(&name, bytes)], &ImportSettings::default()) {
            Ok(imp) => {
                for t in &imp.report.tables {
                    prop_assert_eq!(t.rows_used + t.rows_skipped, t.rows_read);
                }
            }
            Err(e) => prop_assert!(e.to_string().starts_with(&format!("{name}: ")), "{}", e),
        }
    }

    /// A real workbook with a few bytes changed anywhere (its zip directory, its XML): a result or a
    /// clear error, no panic.
    #[test]
    fn damaged_real_workbooks_never_panic(
        edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..6),
    ) {
        let mut bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/long_mrr.xlsx")).unwrap();
        for (at, b) in edits {
            let i = at.index(bytes.len());
            bytes[i] = b;
        }
        if let Err(e) = import_sources(&[src("damaged.xlsx", bytes)], &ImportSettings::default()) {
            prop_assert!(e.to_string().starts_with("damaged.xlsx: "), "{}", e);
        }
    }

    /// A recognised MRR table with arbitrary text in its cells: every data row is used or reported.
    #[test]
    fn arbitrary_cells_in_a_recognised_table_are_used_or_reported(
        cells in proptest::collection::vec(("[^\r\n\"]{0,12}", "[^\r\n\"]{0,12}", "[^\r\n\"]{0,12}"), 1..40),
    ) {
        let mut text = String::from("Customer ID,Month,MRR\n");
        for (a, b, c) in &cells {
            text.push_str(&format!("\"{a}\",\"{b}\",\"{c}\"\n"));
        }
        let imp = import_sources(&[src("cells.csv", text.into_bytes())], &ImportSettings::default());
        let imp = imp.map_err(|e| TestCaseError::fail(e.to_string()))?;
        let t = &imp.report.tables[0];
        prop_assert_eq!(t.rows_used + t.rows_skipped, t.rows_read);
        prop_assert_eq!(imp.report.issues_total, t.rows_skipped);
    }
}
