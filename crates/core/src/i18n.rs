//! Fluent messages from `locales/<lang>/*.ftl`, embedded at build time.
//!
//! The same files are read by the UI, so a message exists once for every surface.
//! A language is a folder: adding Hmong, Dao, Tày or Nùng needs no code change.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};
use unic_langid::LanguageIdentifier;

/// A value put into a message: a number or a piece of text.
pub use fluent_bundle::FluentValue as Arg;

include!(concat!(env!("OUT_DIR"), "/locales.rs"));

/// The language a new install starts in, and the one every other language falls back to.
pub const DEFAULT_LANGUAGE: &str = "vi";

/// Formats messages in any of the embedded languages.
pub struct Localizer {
    bundles: BTreeMap<&'static str, FluentBundle<FluentResource>>,
}

impl std::fmt::Debug for Localizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Localizer").field("languages", &self.bundles.keys()).finish()
    }
}

impl Localizer {
    /// The messages compiled into this binary.
    pub fn embedded() -> &'static Localizer {
        static EMBEDDED_LOCALIZER: OnceLock<Localizer> = OnceLock::new();
        EMBEDDED_LOCALIZER.get_or_init(|| Localizer::from_sources(EMBEDDED))
    }

    /// Builds bundles from `(language, [(file name, ftl text)])`. Syntax errors and duplicate
    /// ids are reported by the locale tests, not here: a bad line must not take the app down.
    pub fn from_sources(sources: &[(&'static str, &[(&str, &str)])]) -> Localizer {
        let bundles = sources
            .iter()
            .map(|(lang, files)| {
                let id: LanguageIdentifier = lang.parse().unwrap_or_default();
                let mut bundle = FluentBundle::new_concurrent(vec![id]);
                bundle.set_use_isolating(false);
                for (_, text) in *files {
                    let resource = FluentResource::try_new((*text).to_owned()).unwrap_or_else(|(partial, _)| partial);
                    bundle.add_resource_overriding(resource);
                }
                (*lang, bundle)
            })
            .collect();
        Localizer { bundles }
    }

    /// Every language this build can speak, in folder-name order.
    pub fn languages(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.bundles.keys().copied()
    }

    pub fn has_language(&self, lang: &str) -> bool {
        self.bundles.contains_key(lang)
    }

    /// Whether `id` exists in `lang` itself (without falling back).
    pub fn has_message(&self, lang: &str, id: &str) -> bool {
        self.bundles.get(lang).is_some_and(|b| b.has_message(id))
    }

    /// Formats message `id` in `lang`, falling back to [`DEFAULT_LANGUAGE`] for a language
    /// that lacks it (a community translation in progress). The locale tests guarantee
    /// every id the code uses exists in Vietnamese and English.
    pub fn format(&self, lang: &str, id: &str, args: &[(&str, Arg<'_>)]) -> String {
        let bundle =
            [lang, DEFAULT_LANGUAGE].into_iter().filter_map(|l| self.bundles.get(l)).find(|b| b.has_message(id));
        let Some(pattern) = bundle.and_then(|b| b.get_message(id)).and_then(|m| m.value()) else {
            return format!("[{id}]");
        };
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            fluent_args.set(*name, value.clone());
        }
        let mut errors = Vec::new();
        bundle.map(|b| b.format_pattern(pattern, Some(&fluent_args), &mut errors).into_owned()).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_and_english_are_embedded() {
        let l10n = Localizer::embedded();
        assert!(l10n.has_language("vi"));
        assert!(l10n.has_language("en"));
        assert_eq!(l10n.format("vi", "app-name", &[]), "Làng Số");
    }

    #[test]
    fn variables_and_plurals_are_formatted() {
        let l10n = Localizer::embedded();
        assert_eq!(l10n.format("vi", "lesson-minutes", &[("minutes", 5.into())]), "5 phút");
        assert_eq!(l10n.format("en", "lesson-minutes", &[("minutes", 1.into())]), "1 minute");
        assert_eq!(l10n.format("en", "lesson-minutes", &[("minutes", 7.into())]), "7 minutes");
    }

    #[test]
    fn unknown_language_falls_back_to_vietnamese() {
        let l10n = Localizer::embedded();
        assert_eq!(l10n.format("xx", "app-name", &[]), "Làng Số");
    }

    #[test]
    fn a_missing_message_is_visible_not_blank() {
        assert_eq!(Localizer::embedded().format("vi", "no-such-message", &[]), "[no-such-message]");
    }
}
