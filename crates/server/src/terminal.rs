//! Output of the command-line tools, in the language of the terminal.

use langso_core::Localizer;
use langso_core::i18n::Arg;
use langso_core::role::Role;

/// English if `LANG` asks for it, else Vietnamese.
pub fn language() -> &'static str {
    match std::env::var("LANG") {
        Ok(l) if l.starts_with("en") => "en",
        _ => "vi",
    }
}

/// Prints message `id`.
pub fn say(id: &str, args: &[(&str, Arg<'_>)]) {
    println!("{}", Localizer::embedded().format(language(), id, args));
}

/// Message `id` in the terminal's language, to put inside another.
pub fn message(id: &str) -> String {
    Localizer::embedded().format(language(), id, &[])
}

/// A role's name in the terminal's language.
pub fn role_name(role: Role) -> String {
    Localizer::embedded().format(language(), &role.message_id(), &[])
}
