//! The hostile-file corpus: broken and hostile inputs, generated rather than committed (a zip bomb and
//! a 20 MB cell have no place in the repository). Used by tests/hostile.rs, by the fuzz target as its
//! seed corpus, and written to a folder for trying by hand with
//! `cargo run --no-default-features --example gen_hostile -- DIR`.
#![allow(dead_code)] // each user takes what it needs

use northstar::import::limits::column_name;
use std::io::Write;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("{FIXTURES}/{name}")).expect("fixture")
}

/// Every file of the corpus, by name.
pub fn all() -> Vec<(String, Vec<u8>)> {
    let mut files = vec![
        ("empty.xlsx".to_string(), Vec::new()),
        ("empty.csv".to_string(), Vec::new()),
        ("cut.xlsx".to_string(), truncated_demo()),
        ("bomb.xlsx".to_string(), zip_claiming("xl/worksheets/sheet1.xml", 4_000_000_000)),
        ("lying_bomb.xlsx".to_string(), lying_bomb()),
        ("huge_cell.csv".to_string(), huge_cell_csv()),
        ("huge_cell.xlsx".to_string(), huge_cell_xlsx()),
        ("wide.csv".to_string(), wide_csv()),
        ("wide.xlsx".to_string(), wide_xlsx()),
        ("csv_named.xlsx".to_string(), b"Customer ID,Month,MRR\nA,2024-01,10\n".to_vec()),
        ("report.xlsx".to_string(), pdf()),
        ("nul.xlsx".to_string(), vec![0u8; 10_000]),
        ("utf16.csv".to_string(), utf16_csv()),
        ("odd.csv".to_string(), odd_values_csv().into_bytes()),
        ("far_cell.xls".to_string(), xls_far_cell()),
        ("huge_dimensions.xls".to_string(), xls_huge_dimensions()),
        ("damaged_fat.xls".to_string(), xls_damaged_fat()),
        ("wide.ods".to_string(), ods_wide()),
        ("far_cell.xlsb".to_string(), xlsb_far_cell()),
        ("missing_relationship.xlsb".to_string(), xlsb_missing_relationship()),
    ];
    for ext in ["xlsx", "xls", "ods", "xlsb"] {
        files.push((format!("noise.{ext}"), random_bytes(64 * 1024)));
    }
    files
}

/// Reproducible noise.
pub fn random_bytes(n: usize) -> Vec<u8> {
    let mut seed = 0x9E37_79B9_7F4A_7C15u64;
    (0..n)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed as u8
        })
        .collect()
}

pub fn truncated_demo() -> Vec<u8> {
    let demo =
        std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/src-tauri/demo/northstar-demo.xlsx"))
            .expect("demo");
    demo[..demo.len() / 2].to_vec()
}

pub fn pdf() -> Vec<u8> {
    b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n".to_vec()
}

/// A stored (uncompressed) zip whose directory claims that `part` unpacks to `claimed` bytes.
pub fn zip_claiming(part: &str, claimed: u32) -> Vec<u8> {
    let mut out = zip_of(&[(part, &[b'<'; 4096])], zip::CompressionMethod::Stored);
    // Central directory header: signature PK\x01\x02, uncompressed size at offset 24.
    let cd = out.windows(4).rposition(|w| w == b"PK\x01\x02").expect("directory");
    out[cd + 24..cd + 28].copy_from_slice(&claimed.to_le_bytes());
    out
}

/// An .xlsx whose sheet really inflates to 16 MB while its headers say 4 KB: the zip directory looks
/// harmless, so only the reader's bound on each part's declared size stops it.
pub fn lying_bomb() -> Vec<u8> {
    let mut sheet = String::from(SHEET_START);
    sheet.push_str(&" ".repeat(16 << 20));
    sheet.push_str(SHEET_END);
    let mut out = xlsx_parts(&sheet, zip::CompressionMethod::Deflated);
    let real = (sheet.len() as u32).to_le_bytes();
    let small = 4096u32.to_le_bytes();
    // The sheet's size in its local header (offset 22) and its directory entry (offset 24).
    for (sig, at) in [(b"PK\x03\x04", 22), (b"PK\x01\x02", 24)] {
        let mut from = 0;
        while let Some(p) = out[from..].windows(4).position(|w| w == sig) {
            let h = from + p;
            if out[h + at..h + at + 4] == real {
                out[h + at..h + at + 4].copy_from_slice(&small);
            }
            from = h + 4;
        }
    }
    out
}

pub fn huge_cell_csv() -> Vec<u8> {
    let mut text = String::from("Customer ID,Month,MRR,Notes\nA,2024-01,100,");
    text.push_str(&"x".repeat(20 << 20));
    text.push_str("\nB,2024-01,50,ok\n");
    text.into_bytes()
}

/// The same 20 MB cell in an .xlsx (an inline string in D2).
pub fn huge_cell_xlsx() -> Vec<u8> {
    let mut rows = row_xml(1, &["Customer ID", "Month", "MRR", "Notes"]);
    rows.push_str(&row_xml(2, &["A", "2024-01", "100", &"x".repeat(20 << 20)]));
    rows.push_str(&row_xml(3, &["B", "2024-01", "50", "ok"]));
    xlsx(&rows)
}

/// 200,003 columns: Customer ID, Month, MRR and 200,000 more.
pub fn wide_csv() -> Vec<u8> {
    let mut header = String::from("Customer ID,Month,MRR");
    let mut row = String::from("A,2024-01,100");
    for i in 0..200_000 {
        header.push_str(&format!(",x{i}"));
        row.push_str(",1");
    }
    format!("{header}\n{row}\n").into_bytes()
}

/// The same 200,003 columns in an .xlsx (cells past XFD, which Excel itself would never write).
pub fn wide_xlsx() -> Vec<u8> {
    let mut header = vec!["Customer ID".to_string(), "Month".into(), "MRR".into()];
    let mut row = vec!["A".to_string(), "2024-01".into(), "100".into()];
    for i in 0..200_000 {
        header.push(format!("x{i}"));
        row.push("1".into());
    }
    let h: Vec<&str> = header.iter().map(String::as_str).collect();
    let r: Vec<&str> = row.iter().map(String::as_str).collect();
    xlsx(&(row_xml(1, &h) + &row_xml(2, &r)))
}

pub fn utf16_csv() -> Vec<u8> {
    "Customer ID,Month,MRR\nA,2024-01,10\n".encode_utf16().flat_map(|u| u.to_le_bytes()).collect()
}

/// Numbers past f64 and Decimal, impossible dates, and an unterminated quote (rows 2-10).
pub fn odd_values_csv() -> String {
    "Customer ID,Month,MRR\nA,2024-01,1e400\nB,2024-01,NaN\nC,2024-01,inf\nD,2024-01,123456789012345678901234567890123\nE,2024-13,10\nF,2024-02-30,10\nG,99999-01,10\nH,2024-01,10\nI,\"2024-01,10\n".into()
}

/// long_mrr.xls with one cell moved to row 65,536, column 65,536: calamine would build a grid of
/// 4.3 billion cells for it.
pub fn xls_far_cell() -> Vec<u8> {
    let mut b = fixture("long_mrr.xls");
    // A LabelSst record (type 0x00FD, 10 bytes): row, column, format, string index.
    let at = b.windows(4).position(|w| w == [0xFD, 0x00, 0x0A, 0x00]).expect("a LabelSst");
    b[at + 4..at + 8].copy_from_slice(&[0xFF; 4]);
    b
}

/// far_cell.xls with its sector table damaged (found by the fuzz target): calamine still reads it,
/// a strict reader of the container does not.
pub fn xls_damaged_fat() -> Vec<u8> {
    let mut b = xls_far_cell();
    b[791..799].copy_from_slice(&[1, 0, 0, 0, 0, 0, 0, 3]);
    b
}

/// An .xlsb whose workbook part names a sheet relationship that does not exist (found by the fuzz
/// target: calamine panics on it).
pub fn xlsb_missing_relationship() -> Vec<u8> {
    xlsb_edited(&|name, data| {
        if name == "xl/_rels/workbook.bin.rels" {
            // Every relationship id rId1.. becomes rIx1..: the sheets point nowhere.
            let xml = String::from_utf8(std::mem::take(data)).expect("xml");
            *data = xml.replace("Id=\"rId", "Id=\"rIx").into_bytes();
        }
    })
}

/// long_mrr.xlsb with `edit` applied to each part (by name).
fn xlsb_edited(edit: &dyn Fn(&str, &mut Vec<u8>)) -> Vec<u8> {
    let bytes = fixture("long_mrr.xlsb");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("xlsb");
    let mut parts = Vec::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).expect("part");
        let mut data = Vec::new();
        std::io::Read::read_to_end(&mut f, &mut data).expect("part");
        let name = f.name().expect("part name").to_string();
        edit(&name, &mut data);
        parts.push((name, data));
    }
    let parts: Vec<(&str, &[u8])> = parts.iter().map(|(n, d)| (n.as_str(), d.as_slice())).collect();
    zip_of(&parts, zip::CompressionMethod::Deflated)
}

/// long_mrr.xls whose Dimensions record declares 4 billion rows (calamine reserves them up front).
pub fn xls_huge_dimensions() -> Vec<u8> {
    let mut b = fixture("long_mrr.xls");
    // Dimensions (type 0x0200, 14 bytes): first row u32, last row + 1 u32, first column, last + 1.
    let at = b.windows(4).position(|w| w == [0x00, 0x02, 0x0E, 0x00]).expect("Dimensions");
    b[at + 8..at + 12].copy_from_slice(&0xFFFF_FFF0u32.to_le_bytes());
    b
}

/// A 3 KB .ods of 3,000 rows, each one value repeated across all 16,384 columns: 49 million cells.
pub fn ods_wide() -> Vec<u8> {
    let row = r#"<table:table-row><table:table-cell office:value-type="float" office:value="1" table:number-columns-repeated="16384"/></table:table-row>"#;
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Wide">{}</table:table></office:spreadsheet></office:body></office:document-content>"#,
        row.repeat(3000)
    );
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    zip_of(
        &[
            ("mimetype", b"application/vnd.oasis.opendocument.spreadsheet".as_slice()),
            ("content.xml", content.as_bytes()),
            ("META-INF/manifest.xml", manifest.as_bytes()),
        ],
        zip::CompressionMethod::Deflated,
    )
}

/// long_mrr.xlsb with its last cell moved to column 16,777,215: a dense grid to it would not fit in
/// any memory.
pub fn xlsb_far_cell() -> Vec<u8> {
    xlsb_edited(&|name, data| {
        if name.starts_with("xl/worksheets/") && name.ends_with(".bin") {
            move_last_cell(data, 0x00FF_FFFF);
        }
    })
}

/// Sets the column of the last cell record of an .xlsb sheet (records: a 1-2 byte type, a 1-4 byte
/// length, both 7 bits a byte; cell records 0x01-0x08 start with their column as u32).
fn move_last_cell(data: &mut [u8], col: u32) {
    let varint = |d: &[u8], at: &mut usize, max: usize| -> usize {
        let mut v = 0usize;
        for i in 0..max {
            let b = d[*at];
            *at += 1;
            v |= ((b & 0x7F) as usize) << (7 * i);
            if b & 0x80 == 0 {
                break;
            }
        }
        v
    };
    let (mut at, mut last) = (0, None);
    while at < data.len() {
        let typ = varint(data, &mut at, 2);
        let len = varint(data, &mut at, 4);
        if (0x01..=0x08).contains(&typ) {
            last = Some(at);
        }
        at += len;
    }
    let at = last.expect("a cell record");
    data[at..at + 4].copy_from_slice(&col.to_le_bytes());
}

const SHEET_START: &str = r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#;
const SHEET_END: &str = "</sheetData></worksheet>";

/// One sheet row of inline strings.
fn row_xml(r: usize, cells: &[&str]) -> String {
    let mut s = format!(r#"<row r="{r}">"#);
    for (c, v) in cells.iter().enumerate() {
        s.push_str(&format!(
            r#"<c r="{}{r}" t="inlineStr"><is><t>{v}</t></is></c>"#,
            column_name(c as u32)
        ));
    }
    s.push_str("</row>");
    s
}

/// A one-sheet .xlsx ("Data") holding `rows`.
pub fn xlsx(rows: &str) -> Vec<u8> {
    xlsx_parts(&format!("{SHEET_START}{rows}{SHEET_END}"), zip::CompressionMethod::Deflated)
}

fn xlsx_parts(sheet: &str, method: zip::CompressionMethod) -> Vec<u8> {
    let types = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#;
    let rels = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
    let workbook = r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
    let book_rels = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#;
    zip_of(
        &[
            ("[Content_Types].xml", types.as_bytes()),
            ("_rels/.rels", rels.as_bytes()),
            ("xl/workbook.xml", workbook.as_bytes()),
            ("xl/_rels/workbook.xml.rels", book_rels.as_bytes()),
            ("xl/worksheets/sheet1.xml", sheet.as_bytes()),
        ],
        method,
    )
}

fn zip_of(parts: &[(&str, &[u8])], method: zip::CompressionMethod) -> Vec<u8> {
    let mut out = Vec::new();
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(&mut out));
    let opts = zip::write::SimpleFileOptions::default().compression_method(method);
    for (name, data) in parts {
        z.start_file(*name, opts).expect("zip entry");
        z.write_all(data).expect("zip data");
    }
    z.finish().expect("zip");
    out
}
