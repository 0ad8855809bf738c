//! The open person's certificate saved as a file to show or send: a picture (PNG) for the
//! phone's gallery or Zalo, or a PDF to print. It says what the certificate screen says, in
//! the person's language.

use langso_core::Localizer;
use langso_core::i18n::Arg;
use langso_core::time::{VIETNAM_OFFSET_MINUTES, format_datetime, now_ms};
use langso_reports::{Certificate, certificate_pdf, certificate_png};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{App, Failure, Result};

/// The kind of file a certificate is saved as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum CertificateFile {
    Picture,
    Pdf,
}

/// Where a file was saved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SavedFile {
    pub path: String,
}

impl App {
    /// Saves the open person's certificate in the Downloads folder (or, where there is none,
    /// the app's data folder).
    pub async fn save_certificate(&self, language: String, file: CertificateFile) -> Result<SavedFile> {
        let id = self.person.require()?;
        let learnt = self.store.learnt(&id, &language)?;
        let l10n = Localizer::embedded();
        let say = |message: &str, args: &[(&str, Arg)]| l10n.format(&language, message, args);
        let today = format_datetime(now_ms(), VIETNAM_OFFSET_MINUTES);
        let today = today.split(' ').next().unwrap_or_default().to_owned();
        let skills: Vec<String> =
            learnt.skills.iter().filter(|s| s.mastered).map(|s| say(&s.topic.message_id(), &[])).collect();
        let certificate = Certificate {
            org: format!("{} · {}", say("app-name", &[]), learnt.commune),
            heading: say("certificate-heading", &[]).to_uppercase(),
            given_to: say("certificate-given-to", &[]),
            name: learnt.name.clone(),
            place: say(
                "certificate-place",
                &[("village", Arg::from(learnt.village.clone())), ("commune", Arg::from(learnt.commune.clone()))],
            ),
            achievement: say("certificate-lessons", &[("count", Arg::from(learnt.lessons.len()))]),
            skills_heading: (!skills.is_empty()).then(|| say("certificate-skills", &[])),
            skills,
            date: say("certificate-date", &[("date", Arg::from(today.clone()))]),
            note: say("certificate-file-note", &[]),
        };
        let (bytes, extension) = match file {
            CertificateFile::Picture => (certificate_png(&certificate), "png"),
            CertificateFile::Pdf => (certificate_pdf(&certificate), "pdf"),
        };
        let bytes = bytes.map_err(|e| Failure::Internal(e.to_string()))?;
        let stem = say("certificate-file-stem", &[]);
        let path = self.save_folder().join(format!(
            "{stem}-{}-{}.{extension}",
            &id[id.len().saturating_sub(6)..],
            today.replace('/', "-")
        ));
        std::fs::write(&path, bytes).map_err(|source| Failure::SaveFailed { path: path.clone(), source })?;
        Ok(SavedFile { path: path.display().to_string() })
    }
}
