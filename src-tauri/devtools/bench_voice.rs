//! Benchmark of the voice of the customer (issue 21): 200,000 survey comments (planted topics, as
//! tests/voice.rs uses) through the whole analysis: the language test and VADER sentiment of each,
//! the themes, and every theme's figures. Prints figures; target < 5 s.
//! `cargo bench --no-default-features --bench voice [-- N]`

#[path = "voice_comments.rs"]
mod voice_comments;

use northstar::kpi::period::Period;
use northstar::model::{Dataset, Month};
use northstar::voice::{analyse, ThemeEdits};
use std::time::Instant;

fn main() {
    let n: usize = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .find_map(|a| a.parse().ok())
        .unwrap_or(200_000);
    let comments = voice_comments::planted(n, 1);
    let d = Dataset {
        surveys: voice_comments::responses(&comments),
        has_surveys: true,
        ..Default::default()
    };
    let (Some(from), Some(to)) = (Month::new(2024, 1), Month::new(2024, 12)) else { return };
    let p = Period { from, to };
    let threads = std::thread::available_parallelism().map(|t| t.get()).unwrap_or(1);
    println!("{n} comments, {threads} cores");
    let mut best = f64::INFINITY;
    let mut themes = 0;
    for _ in 0..3 {
        let t = Instant::now();
        let v = analyse(&d, p, 5, 1, &ThemeEdits::default());
        best = best.min(t.elapsed().as_secs_f64());
        themes = v.themes.len();
    }
    let t = Instant::now();
    let scores = northstar::voice::score_all(&northstar::voice::comments(&d, p, 5));
    let scoring = t.elapsed().as_secs_f64();
    println!(
        "voice analysis: {best:.2} s best of 3 ({:.0} comments/s), of which sentiment {scoring:.2} s; {themes} themes, {} scored",
        n as f64 / best,
        scores.iter().filter(|s| s.is_ok()).count()
    );
    println!("target < 5 s for 200,000 comments: {}", if best < 5.0 { "met" } else { "NOT met" });
}
