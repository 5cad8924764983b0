//! How WebKitGTK paints the desktop app's window on Linux (plain Rust, so that the headless tests
//! cover it). Its accelerated compositing draws every frame through OpenGL; on a machine without a
//! GPU driver (a virtual machine, a remote desktop, Xvfb) OpenGL is Mesa's software rasteriser, and
//! a frame then takes 50-90 ms: a what-if slider's result waited about 75 ms for its frame on the
//! 20k book, against about 15 ms painted without compositing (README, Performance). So when no GPU
//! render node exists, compositing is turned off before the first web view starts. A user's own
//! `WEBKIT_DISABLE_COMPOSITING_MODE` is always kept (`0` keeps compositing on whatever the machine).

use std::ffi::OsStr;
use std::path::Path;

/// WebKitGTK reads it once, when its first web view is created: set or not set, "0" meaning on.
pub const VARIABLE: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";

/// Whether to turn compositing off: the user has not chosen (`set` is None) and `dri` (normally
/// `/dev/dri`) holds no `renderD*` node, that is no GPU driver Mesa could render with.
pub fn software_only(set: Option<&OsStr>, dri: &Path) -> bool {
    if set.is_some() {
        return false;
    }
    let has_render_node = std::fs::read_dir(dri).is_ok_and(|entries| {
        entries.flatten().any(|e| e.file_name().to_string_lossy().starts_with("renderD"))
    });
    !has_render_node
}

/// Turns WebKit's compositing off on a machine without a GPU (see the module's note). Called first
/// thing when the window is opened, while the process has a single thread.
pub fn choose() {
    if software_only(std::env::var_os(VARIABLE).as_deref(), Path::new("/dev/dri")) {
        std::env::set_var(VARIABLE, "1");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compositing_is_turned_off_only_without_a_gpu_and_without_the_users_choice() {
        let none = tempfile::tempdir().unwrap();
        // No /dev/dri at all (this machine, a container, Xvfb in a VM): off.
        assert!(software_only(None, &none.path().join("dri")));
        // A /dev/dri with only a display node (card0: a virtual display without 3D): off.
        let card = tempfile::tempdir().unwrap();
        std::fs::write(card.path().join("card0"), b"").unwrap();
        assert!(software_only(None, card.path()));
        // A render node: a GPU driver, compositing stays as WebKit chooses.
        let gpu = tempfile::tempdir().unwrap();
        std::fs::write(gpu.path().join("card0"), b"").unwrap();
        std::fs::write(gpu.path().join("renderD128"), b"").unwrap();
        assert!(!software_only(None, gpu.path()));
        // The user's own setting is kept, whichever it is.
        assert!(!software_only(Some(OsStr::new("0")), none.path()));
        assert!(!software_only(Some(OsStr::new("1")), gpu.path()));
    }
}
