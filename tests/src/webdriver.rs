//! A small W3C WebDriver client, and `tauri-driver` or Debian's `chromedriver` run as a child
//! process.
//!
//! tauri-driver forwards to WebKitWebDriver, which launches the real app binary; chromedriver
//! launches Debian's Chromium, headless, for the public web pages. Both accept connections
//! before they can serve them, so the driver is polled at `/status` until ready.

use std::ffi::OsStr;
use std::fs::File;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use base64::Engine;
use reqwest::Method;
use reqwest::blocking::Client;
use serde_json::{Value, json};

use crate::process::{Guard, free_port};

/// The W3C key under which an element reference travels.
const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";

#[derive(Debug, thiserror::Error)]
pub enum WebDriverError {
    #[error("cannot start the WebDriver: {0}")]
    Io(#[from] std::io::Error),
    #[error("HTTP: {0}")]
    Http(#[from] reqwest::Error),
    #[error("WebDriver said {error}: {message}")]
    Protocol { error: String, message: String },
    #[error("unexpected WebDriver answer: {0}")]
    Unexpected(Value),
    #[error("timed out waiting for {0}")]
    Timeout(String),
    #[error("screenshot is not valid base64: {0}")]
    Screenshot(#[from] base64::DecodeError),
}

pub type Result<T> = std::result::Result<T, WebDriverError>;

/// A running WebDriver (tauri-driver or chromedriver), killed when dropped.
#[derive(Debug)]
pub struct Driver {
    base: String,
    http: Client,
    _process: Guard,
}

impl Driver {
    /// Starts `tauri_driver` on free loopback ports, on `display`, with `env` added to the
    /// environment the app inherits; its output goes to `log`.
    pub fn start(tauri_driver: &Path, display: &str, env: &[(&str, &OsStr)], log: &Path) -> Result<Driver> {
        let (port, native_port) = (free_port()?, free_port()?);
        let mut command = Command::new(tauri_driver);
        command
            .args(["--port", &port.to_string(), "--native-port", &native_port.to_string()])
            .env("DISPLAY", display)
            .env_remove("WAYLAND_DISPLAY")
            .envs(env.iter().copied());
        Driver::spawn(command, port, log)
    }

    /// Starts `chromedriver` (Debian's `chromium-driver`) on a free loopback port.
    pub fn chromium(chromedriver: &Path, log: &Path) -> Result<Driver> {
        let port = free_port()?;
        let mut command = Command::new(chromedriver);
        command.arg(format!("--port={port}"));
        Driver::spawn(command, port, log)
    }

    fn spawn(mut command: Command, port: u16, log: &Path) -> Result<Driver> {
        let log = File::create(log)?;
        let process = Guard(command.stdout(Stdio::from(log.try_clone()?)).stderr(Stdio::from(log)).spawn()?);
        let driver = Driver {
            base: format!("http://127.0.0.1:{port}"),
            http: Client::builder().timeout(Duration::from_secs(120)).build()?,
            _process: process,
        };
        wait_until(Duration::from_secs(30), "the WebDriver's /status", || {
            Ok(driver
                .http
                .get(format!("{}/status", driver.base))
                .send()
                .ok()
                .and_then(|r| r.json::<Value>().ok())
                .is_some_and(|v| v["value"]["ready"] == json!(true)))
        })?;
        Ok(driver)
    }

    /// Launches the app binary in a new session.
    pub fn new_session(&self, application: &Path) -> Result<Session<'_>> {
        let caps = json!({ "capabilities": { "alwaysMatch": {
            "tauri:options": { "application": application }
        }}});
        self.session(caps)
    }

    /// Opens headless Chromium (`binary`), its window `width` × `height` pixels, asking pages
    /// in `languages` (an Accept-Language value, "vi-VN,vi" say).
    pub fn new_browser(&self, binary: &Path, width: u32, height: u32, languages: &str) -> Result<Session<'_>> {
        let caps = json!({ "capabilities": { "alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": binary,
                "args": ["--headless=new", "--no-sandbox", "--disable-gpu", format!("--window-size={width},{height}")],
                "prefs": { "intl.accept_languages": languages }
            }
        }}});
        self.session(caps)
    }

    fn session(&self, caps: Value) -> Result<Session<'_>> {
        let value = call(&self.http, Method::POST, &format!("{}/session", self.base), Some(caps))?;
        let id = value["sessionId"].as_str().ok_or_else(|| WebDriverError::Unexpected(value.clone()))?;
        Ok(Session { driver: self, url: format!("{}/session/{id}", self.base) })
    }
}

/// One app launch or browser; dropping it without [`Session::close`] leaves it to the driver.
#[derive(Debug)]
pub struct Session<'d> {
    driver: &'d Driver,
    url: String,
}

/// An element reference in the page.
#[derive(Debug, Clone)]
pub struct Element(String);

impl Session<'_> {
    fn call(&self, method: Method, path: &str, body: Option<Value>) -> Result<Value> {
        call(&self.driver.http, method, &format!("{}{path}", self.url), body)
    }

    /// Opens `url` in the browser and waits for it to load.
    pub fn navigate(&self, url: &str) -> Result<()> {
        self.call(Method::POST, "/url", Some(json!({ "url": url })))?;
        Ok(())
    }

    /// Types `text` into a field, key by key, as a person does.
    pub fn type_into(&self, element: &Element, text: &str) -> Result<()> {
        self.call(Method::POST, &format!("/element/{}/value", element.0), Some(json!({ "text": text })))?;
        Ok(())
    }

    pub fn find_all(&self, css: &str) -> Result<Vec<Element>> {
        let found = self.call(Method::POST, "/elements", Some(json!({"using": "css selector", "value": css})))?;
        found
            .as_array()
            .ok_or_else(|| WebDriverError::Unexpected(found.clone()))?
            .iter()
            .map(|e| {
                e[ELEMENT_KEY]
                    .as_str()
                    .map(|id| Element(id.to_owned()))
                    .ok_or_else(|| WebDriverError::Unexpected(e.clone()))
            })
            .collect()
    }

    /// Waits until at least `count` elements match `css`, and returns them.
    pub fn wait_for(&self, css: &str, count: usize, timeout: Duration) -> Result<Vec<Element>> {
        let mut found = Vec::new();
        wait_until(timeout, css, || {
            found = self.find_all(css)?;
            Ok(found.len() >= count)
        })?;
        Ok(found)
    }

    pub fn text(&self, element: &Element) -> Result<String> {
        let v = self.call(Method::GET, &format!("/element/{}/text", element.0), None)?;
        v.as_str().map(str::to_owned).ok_or(WebDriverError::Unexpected(v))
    }

    pub fn attribute(&self, element: &Element, name: &str) -> Result<Option<String>> {
        let v = self.call(Method::GET, &format!("/element/{}/attribute/{name}", element.0), None)?;
        Ok(v.as_str().map(str::to_owned))
    }

    pub fn click(&self, element: &Element) -> Result<()> {
        self.call(Method::POST, &format!("/element/{}/click", element.0), Some(json!({})))?;
        Ok(())
    }

    /// Runs `script` (a function body) in the page and returns its result.
    pub fn execute(&self, script: &str) -> Result<Value> {
        self.call(Method::POST, "/execute/sync", Some(json!({"script": script, "args": []})))
    }

    /// Waits until the first element matching `css` has `expected` as its text.
    pub fn wait_for_text(&self, css: &str, expected: &str, timeout: Duration) -> Result<()> {
        wait_until(timeout, &format!("{css} to read {expected:?}"), || {
            Ok(match self.find_all(css)?.first() {
                Some(e) => self.text(e)? == expected,
                None => false,
            })
        })
    }

    /// Saves a PNG of the window, once the page has painted its latest changes.
    pub fn screenshot(&self, path: &Path) -> Result<()> {
        let paint = "const done = arguments[arguments.length - 1]; \
                     requestAnimationFrame(() => requestAnimationFrame(() => done(true)));";
        self.call(Method::POST, "/execute/async", Some(json!({"script": paint, "args": []})))?;
        let v = self.call(Method::GET, "/screenshot", None)?;
        let b64 = v.as_str().ok_or_else(|| WebDriverError::Unexpected(v.clone()))?;
        std::fs::write(path, base64::engine::general_purpose::STANDARD.decode(b64)?)?;
        Ok(())
    }

    /// Ends the session, which closes the app.
    pub fn close(self) -> Result<()> {
        call(&self.driver.http, Method::DELETE, &self.url, None)?;
        Ok(())
    }
}

fn call(http: &Client, method: Method, url: &str, body: Option<Value>) -> Result<Value> {
    let mut request = http.request(method, url);
    if let Some(body) = body {
        request = request.json(&body);
    }
    let answer: Value = request.send()?.json()?;
    let value = answer.get("value").cloned().unwrap_or(Value::Null);
    if let Some(error) = value.get("error").and_then(Value::as_str) {
        return Err(WebDriverError::Protocol {
            error: error.to_owned(),
            message: value["message"].as_str().unwrap_or_default().to_owned(),
        });
    }
    // A new session answers {value: {sessionId, capabilities}}.
    Ok(value)
}

fn wait_until(timeout: Duration, what: &str, mut ready: impl FnMut() -> Result<bool>) -> Result<()> {
    let deadline = Instant::now() + timeout;
    loop {
        if ready()? {
            return Ok(());
        }
        if Instant::now() > deadline {
            return Err(WebDriverError::Timeout(what.to_owned()));
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}
