use super::*;

#[test]
fn end_date_rule() {
    let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
    let march = Month::new(2024, 3).unwrap();
    // Ends mid-March: counts through February.
    assert_eq!(last_month(Some(d(2024, 3, 15)), march).to_string(), "2024-02");
    // A term ending on the last day of March counts through March.
    assert_eq!(last_month(Some(d(2024, 3, 31)), march).to_string(), "2024-03");
    // Open-ended: runs to the latest month of the data.
    assert_eq!(last_month(None, march).to_string(), "2024-03");
    // A scheduled end after the data never stretches it.
    assert_eq!(last_month(Some(d(2024, 9, 1)), march).to_string(), "2024-03");
}
