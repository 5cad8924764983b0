//! Writes the hostile-file corpus of tests/hostile/corpus.rs into a folder: to try by hand in the app,
//! or as the fuzz target's seeds (README, "Fuzzing").
//! `cargo run --no-default-features --example gen_hostile -- DIR`

#[path = "../../tests/hostile/corpus.rs"]
mod corpus;

fn main() -> std::io::Result<()> {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: gen_hostile DIR");
        std::process::exit(2);
    };
    std::fs::create_dir_all(&dir)?;
    let files = corpus::all();
    for (name, bytes) in &files {
        std::fs::write(std::path::Path::new(&dir).join(name), bytes)?;
    }
    println!("{} hostile files written to {dir}", files.len());
    Ok(())
}
