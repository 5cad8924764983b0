//! Saved scenarios survive a crash mid-write: a child process saves scenarios as fast as it can and
//! prints the id of each save that returned; it is killed with SIGKILL at varying moments. The
//! reopened database must pass its integrity check and hold every scenario whose save returned.
//! The child is this test binary itself, re-run with NORTHSTAR_DURABILITY_CHILD set.

use northstar::forecast::ScenarioInput;
use northstar::store::scenarios::BasedOn;
use northstar::store::Store;
use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

const CHILD: &str = "NORTHSTAR_DURABILITY_CHILD";

fn inputs(i: u64) -> ScenarioInput {
    ScenarioInput {
        start_mrr: Some(1000.0 + i as f64),
        start_customers: Some(10.0),
        monthly_churn: Some(0.01 + (i % 50) as f64 / 1000.0),
        years: Some(5.0),
        ..Default::default()
    }
}

fn child(dir: &str) -> ! {
    let mut store = Store::open(std::path::Path::new(dir)).expect("open");
    let mut out = std::io::stdout();
    let notes = "x".repeat(2000);
    for i in 0.. {
        let s = store
            .create_scenario(&format!("scenario {i}"), &notes, &inputs(i), &BasedOn::default())
            .expect("save");
        if i % 3 == 0 {
            store.update_scenario(s.id, &inputs(i + 1), "updated").expect("update");
        }
        // Only a save that returned is announced.
        writeln!(out, "saved {} {}", s.id, i).unwrap();
        out.flush().unwrap();
    }
    unreachable!()
}

#[test]
fn scenarios_survive_sigkill_mid_save() {
    if let Ok(dir) = std::env::var(CHILD) {
        child(&dir);
    }
    let exe = std::env::current_exe().unwrap();
    for (round, kill_after_ms) in [15u64, 40, 90, 160, 250, 400].into_iter().enumerate() {
        let dir = tempfile::tempdir().unwrap();
        let mut proc = Command::new(&exe)
            .args([
                "--exact",
                "scenarios_survive_sigkill_mid_save",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD, dir.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = proc.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(rest) = line.strip_prefix("saved ") {
                    let mut it = rest.split(' ');
                    let id: i64 = it.next().unwrap().parse().unwrap();
                    let i: u64 = it.next().unwrap().parse().unwrap();
                    let _ = tx.send((id, i));
                }
            }
        });
        // Let it save for a while (at least one save), then kill it without warning.
        let start = Instant::now();
        let first = rx.recv_timeout(Duration::from_secs(30)).expect("the child saved nothing");
        std::thread::sleep(Duration::from_millis(kill_after_ms).saturating_sub(start.elapsed()));
        proc.kill().unwrap(); // SIGKILL
        proc.wait().unwrap();
        reader.join().unwrap();
        let mut saved = vec![first];
        saved.extend(rx.try_iter());

        let store = Store::open(dir.path()).unwrap();
        assert!(store.recovered.is_none(), "round {round}: the database needed recovery");
        let all = store.scenarios().unwrap();
        for (id, i) in &saved {
            let s = all
                .iter()
                .find(|s| s.id == *id)
                .unwrap_or_else(|| panic!("round {round}: scenario {id} was saved but is gone"));
            assert_eq!(s.name, format!("scenario {i}"));
            let expected = if i % 3 == 0 { inputs(i + 1) } else { inputs(*i) };
            assert_eq!(s.inputs, expected, "round {round}: scenario {id}");
        }
        eprintln!("round {round}: killed after {kill_after_ms} ms, {} saves confirmed, {} in the database", saved.len(), all.len());
    }
}
