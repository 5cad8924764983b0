//! How the command line answers what it does not know: a mistyped command, a missing file.

mod common;

use common::northstar;

#[test]
fn a_word_that_is_no_command_and_no_file_is_bad_usage_with_the_nearest_command() {
    let dir = tempfile::tempdir().unwrap();
    let out = northstar(dir.path(), &["helth", "--json"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("unknown command \"helth\": did you mean `northstar health`?"), "{err}");
    assert!(err.contains("Usage:"), "{err}");
    let out = northstar(dir.path(), &["q3-book.xlsx"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("q3-book.xlsx: no such file"));
    // The headless build says which it is.
    let out = northstar(dir.path(), &["--version"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("(headless)"));
}
