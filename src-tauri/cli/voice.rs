//! `northstar voice`: sentiment and themes of the comments (crate::voice), as JSON or text.

use super::args::VoiceArgs;
use super::report::{import, read_settings};
use super::Failure;
use crate::voice::{ThemeEdits, Voice};

pub fn run(a: &VoiceArgs) -> Result<(), Failure> {
    let settings = read_settings(a.settings.as_deref())?;
    let imported = import(&a.files, &settings, a.mapping.as_deref())?;
    let d = &imported.dataset;
    let p = crate::kpi::period::resolve(d, a.from, a.to)
        .ok_or_else(|| Failure::Input("no dated rows in the files: no period to read".into()))?;
    if p.from > p.to {
        return Err(Failure::Usage(format!("--from {} is after --to {}", p.from, p.to)));
    }
    let edits = match &a.store {
        Some(dir) => super::report::open_store(dir)?.theme_edits().map_err(|e| e.to_string())?,
        None => ThemeEdits::default(),
    };
    let v = crate::voice::of_view(d, Some(p.from), Some(p.to), None, &settings, &edits)
        .ok_or_else(|| Failure::Input("no dated rows in the files: no period to read".into()))?;
    if a.json {
        println!("{}", serde_json::to_string_pretty(&v).map_err(|e| e.to_string())?);
    } else {
        print_text(&v);
    }
    Ok(())
}

fn print_text(v: &Voice) {
    println!("Voice of the customer, {} .. {}", v.period.from, v.period.to);
    println!("{} comments, {} scored ({})", v.comments, v.scored, v.languages);
    for (why, n) in &v.not_scored {
        println!("  not scored, {why}: {n}");
    }
    if let Some(s) = v.sentiment {
        println!("average sentiment {s}");
    }
    println!(
        "{:<28} {:>8} {:>9} {:>11} {:>9}",
        "theme", "comments", "sentiment", "detractors", "promoters"
    );
    for t in &v.themes {
        let share = |g: &str| {
            t.by_nps_group
                .get(g)
                .and_then(|s| s.share)
                .map(|x| format!("{:.1}%", (x * rust_decimal::Decimal::from(100)).round_dp(1)))
                .unwrap_or_else(|| "-".into())
        };
        println!(
            "{:<28} {:>8} {:>9} {:>11} {:>9}",
            t.name,
            t.comments,
            t.sentiment.map(|s| s.to_string()).unwrap_or_else(|| "-".into()),
            share("detractors"),
            share("promoters")
        );
    }
    println!("{} comments in no theme", v.unthemed);
}
