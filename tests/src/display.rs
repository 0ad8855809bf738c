//! A virtual X display (Xvfb) for the real app window.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::process::{Guard, find_program};

#[derive(Debug, thiserror::Error)]
pub enum DisplayError {
    #[error("Xvfb is not installed (Debian package xvfb); the README's test command installs it")]
    NotInstalled,
    #[error("Xvfb could not start: {0}")]
    Spawn(#[from] std::io::Error),
    #[error("Xvfb did not open a display in time")]
    Timeout,
}

/// A running Xvfb, stopped when dropped.
#[derive(Debug)]
pub struct VirtualDisplay {
    pub name: String,
    _server: Guard,
}

impl VirtualDisplay {
    /// Starts Xvfb on the first free display number from :99 up, with a screen larger than
    /// the phone-sized window.
    pub fn start() -> Result<VirtualDisplay, DisplayError> {
        let xvfb = find_program("Xvfb").ok_or(DisplayError::NotInstalled)?;
        let number =
            (99..199).find(|n| !Path::new(&format!("/tmp/.X{n}-lock")).exists()).ok_or(DisplayError::Timeout)?;
        let name = format!(":{number}");
        let server = Guard(
            Command::new(xvfb)
                .args([name.as_str(), "-screen", "0", "1024x800x24", "-nolisten", "tcp"])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()?,
        );
        let socket = format!("/tmp/.X11-unix/X{number}");
        let deadline = Instant::now() + Duration::from_secs(20);
        while !Path::new(&socket).exists() {
            if Instant::now() > deadline {
                return Err(DisplayError::Timeout);
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        Ok(VirtualDisplay { name, _server: server })
    }
}
