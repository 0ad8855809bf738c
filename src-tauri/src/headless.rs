//! Without a display the window cannot open; say so plainly and show what the store holds
//! instead of failing with a GTK error.

use std::path::PathBuf;
use std::process::ExitCode;

use langso_core::Localizer;
use langso_core::i18n::Arg;

use crate::startup;

/// Whether there is no display to open a window on (Linux and other X11/Wayland systems).
pub fn display_missing() -> bool {
    cfg!(all(unix, not(target_os = "macos"), not(target_os = "android"), not(target_os = "ios")))
        && ["DISPLAY", "WAYLAND_DISPLAY"].iter().all(|v| std::env::var_os(v).is_none_or(|s| s.is_empty()))
}

/// Prints the no-display notice and the catalogue in the stored language.
pub fn run() -> ExitCode {
    let dir = startup::data_dir_override().unwrap_or_else(default_data_dir);
    let store = match startup::open_store(&dir) {
        Ok(store) => store,
        Err(e) => {
            eprintln!("{}", e.localize());
            return ExitCode::FAILURE;
        }
    };
    let l10n = Localizer::embedded();
    let report = store.settings().and_then(|s| store.catalogue(&s.language).map(|c| (s.language, c)));
    let (lang, cards) = match report {
        Ok(found) => found,
        Err(e) => {
            eprintln!("{}", e.localize(l10n, langso_core::i18n::DEFAULT_LANGUAGE));
            return ExitCode::FAILURE;
        }
    };
    let path = Arg::from(store.path().display().to_string());
    println!("{}", l10n.format(&lang, "headless-no-display", &[("path", path)]));
    for (i, card) in cards.iter().enumerate() {
        let topic = l10n.format(&lang, &card.topic.message_id(), &[]);
        println!(
            "{}",
            l10n.format(
                &lang,
                "headless-lesson",
                &[
                    ("position", Arg::from(i + 1)),
                    ("title", Arg::from(card.title.as_str())),
                    ("topic", Arg::from(topic)),
                    ("minutes", Arg::from(card.minutes)),
                ],
            )
        );
    }
    ExitCode::SUCCESS
}

/// The folder Tauri's `app_data_dir` gives on Linux: `$XDG_DATA_HOME/<identifier>`.
fn default_data_dir() -> PathBuf {
    let data_home = std::env::var_os("XDG_DATA_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))
        .unwrap_or_else(std::env::temp_dir);
    data_home.join("vn.langso.app")
}
