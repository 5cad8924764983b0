//! Benchmark of the board pack of the demo workbook (issue 18: under 2 s): the import, the report
//! with its details and sparklines (`pack::gather`), and the PDF (`pack::board_pack`), each timed
//! and then the whole as the CLI runs it. Prints figures; run with
//! `cargo bench --no-default-features --bench pack`.

use northstar::loader::{load, Input};
use northstar::pack;
use northstar::settings::Settings;
use std::time::{Duration, Instant};

/// The median of `runs` timings of `f`.
fn median<T>(runs: usize, mut f: impl FnMut() -> T) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(f());
            start.elapsed()
        })
        .collect();
    times.sort();
    times[runs / 2]
}

fn main() {
    println!("Board pack benchmark of the demo workbook (target: the whole under 2 s)\n");
    let settings = Settings::default();
    let import = || load(&Input::Demo, &settings.import()).expect("the demo imports");
    let imported = import();
    let gather = || {
        pack::gather(
            &imported.dataset,
            &Default::default(),
            &settings,
            pack::data_files(&[]),
            &[],
            &Default::default(),
        )
        .expect("the demo's pack input")
    };
    let input = gather();
    let t_import = median(5, import);
    let t_gather = median(5, gather);
    let t_pdf = median(5, || pack::board_pack(&input).expect("the PDF"));
    let t_all = median(5, || {
        let imported = import();
        let input = pack::gather(
            &imported.dataset,
            &Default::default(),
            &settings,
            pack::data_files(&[]),
            &[],
            &Default::default(),
        )
        .expect("the demo's pack input");
        pack::board_pack(&input).expect("the PDF")
    });
    let bytes = pack::board_pack(&input).expect("the PDF").len();
    println!("  import of the demo workbook          {:>8.1} ms", t_import.as_secs_f64() * 1e3);
    println!("  report, details, sparklines (gather) {:>8.1} ms", t_gather.as_secs_f64() * 1e3);
    println!(
        "  PDF ({} kB)                          {:>8.1} ms",
        bytes / 1024,
        t_pdf.as_secs_f64() * 1e3
    );
    println!("  the whole board pack                 {:>8.1} ms", t_all.as_secs_f64() * 1e3);
    let verdict = if t_all < Duration::from_secs(2) { "under" } else { "OVER" };
    println!("\n  {verdict} the 2 s target");
}
