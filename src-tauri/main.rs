//! One binary, two faces: `northstar report|forecast|goal-seek ...` runs headless; anything else
//! (no argument, or files) opens the window.

fn main() {
    let args: Vec<std::ffi::OsString> = std::env::args_os().skip(1).collect();
    match northstar::cli::parse(&args) {
        northstar::cli::Parsed::Headless(cmd) => {
            // A panic is reported as one line by `run`, not as Rust's trace.
            std::panic::set_hook(Box::new(|_| {}));
            std::process::exit(northstar::cli::run(cmd))
        }
        northstar::cli::Parsed::Usage(msg) => {
            eprintln!("{msg}\n\n{}", northstar::cli::USAGE);
            std::process::exit(2)
        }
        northstar::cli::Parsed::Help => {
            println!("{}", northstar::cli::USAGE);
        }
        northstar::cli::Parsed::Window(files) => open_window(files),
    }
}

#[cfg(feature = "desktop")]
fn open_window(files: Vec<std::path::PathBuf>) {
    northstar::app::run(files)
}

#[cfg(not(feature = "desktop"))]
fn open_window(_files: Vec<std::path::PathBuf>) {
    eprintln!("this northstar was built without the window (feature `desktop`); use `northstar report FILE... --json`\n\n{}", northstar::cli::USAGE);
    std::process::exit(2)
}
