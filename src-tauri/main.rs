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
    // Without a display GTK cannot start and Tauri would panic: one clear message instead.
    #[cfg(target_os = "linux")]
    if std::env::var_os("DISPLAY").is_none() && std::env::var_os("WAYLAND_DISPLAY").is_none() {
        eprintln!(
            "northstar: no display to open the window on (neither DISPLAY nor WAYLAND_DISPLAY is set); \
             the headless commands work without one: northstar report FILE... --json\n\n{}",
            northstar::cli::USAGE
        );
        std::process::exit(1)
    }
    // Before WebKit starts: without a GPU, frames painted without compositing (see paint.rs).
    #[cfg(target_os = "linux")]
    northstar::paint::choose();
    // A window that fails to start for another reason (a display that refuses the connection, a
    // missing WebKit) is one line, not a Rust panic trace.
    std::panic::set_hook(Box::new(|_| {}));
    if let Err(panic) = std::panic::catch_unwind(|| northstar::app::run(files)) {
        let what = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        eprintln!("northstar: the window could not be opened: {what}");
        std::process::exit(1)
    }
}

#[cfg(not(feature = "desktop"))]
fn open_window(_files: Vec<std::path::PathBuf>) {
    eprintln!("this northstar was built without the window (feature `desktop`); use `northstar report FILE... --json`\n\n{}", northstar::cli::USAGE);
    std::process::exit(2)
}
