//! Errors of the server; each renders as a localised message for the client or the CLI.

use langso_core::Localizer;
use langso_core::i18n::Arg;
use langso_sync::protocol::refusals;

#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    #[error("the join code is not valid")]
    BadCode,
    #[error("this device is already enrolled; enrolling again needs its current token")]
    DeviceEnrolled,
    #[error("this device was revoked")]
    DeviceRevoked,
    #[error("the device's key is missing, does not match its node, or its proof fails")]
    DeviceKey,
    #[error("the lesson pack is not signed by a trusted publisher")]
    UnsignedPack,
    #[error("unknown or revoked device")]
    Unauthorized,
    #[error("too many requests")]
    RateLimited,
    #[error("too many join code attempts; wait {wait_secs} s")]
    TooManyTries { wait_secs: u64 },
    #[error("malformed request: {0}")]
    Malformed(String),
    #[error("no such path or method")]
    NotFound,
    #[error("the request is too large")]
    TooLarge,
    #[error("no such file for this device")]
    NoFile,
    #[error("the range asked for is past the end of the file")]
    Range,
    #[error("upload refused: {0:?}")]
    Upload(UploadRefusal),
    #[error("unknown commune {0}")]
    UnknownCommune(String),
    #[error("a join code works 1 to {max_days} days for 1 to {max_uses} devices")]
    CodeLimits { max_days: u64, max_uses: u32 },
    #[error("unknown province {0}")]
    UnknownProvince(String),
    #[error("an office sign-in code works for up to {max_hours} hours")]
    OfficeCodeValidity { max_hours: u64 },
    #[error("only a volunteer's or an official's device can be a hub")]
    NotStaff,
    #[error("only an official's device manages devices and join codes")]
    NotOfficial,
    #[error("no such device in this commune")]
    UnknownDevice,
    #[error("a device cannot revoke itself")]
    OwnDevice,
    #[error("this device was revoked already")]
    DeviceAlreadyRevoked,
    #[error("no such join code in this commune")]
    UnknownCode,
    #[error("this join code was revoked already")]
    CodeAlreadyRevoked,
    #[error("file or network: {0}")]
    Io(String),
    #[error("cannot listen on {address}: {reason}")]
    Bind { address: String, reason: String },
    #[error("a server task failed: {0}")]
    Task(String),
    #[error("cannot encode the reply: {0}")]
    Encode(String),
    #[error("admin database: {0}")]
    Admin(#[from] rusqlite::Error),
    #[error("admin database migration: {0}")]
    Migration(#[from] rusqlite_migration::Error),
    #[error("PostgreSQL: {0}")]
    Postgres(#[from] postgres::Error),
    #[error("PostgreSQL connections: {0}")]
    Pool(#[from] r2d2::Error),
    #[error("the PostgreSQL database to copy into already holds data")]
    TargetNotEmpty,
    #[error("PostgreSQL holds data this server cannot read: {0}")]
    Corrupt(String),
    #[error(transparent)]
    Store(#[from] langso_core::Error),
    #[error(transparent)]
    Upstream(#[from] langso_sync::SyncError),
}

/// Why a chunk of an upload was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UploadRefusal {
    /// The name is not a SHA-256.
    Name,
    /// Not a photo type, or bytes that are not what the type says.
    Type,
    /// Empty or larger than a blob may be.
    Size,
    /// Not where the upload stands.
    Offset,
    /// The bytes do not hash to the name.
    Hash,
    /// The device holds too many unfinished uploads.
    Quota,
}

impl ServerError {
    pub fn message_id(&self) -> &'static str {
        match self {
            ServerError::BadCode => "sync-error-bad-code",
            ServerError::DeviceEnrolled => "server-error-device-enrolled",
            ServerError::DeviceRevoked => "server-error-device-revoked",
            ServerError::DeviceKey => "server-error-device-key",
            ServerError::UnsignedPack => "server-error-pack-unsigned",
            ServerError::Unauthorized => "sync-error-unauthorized",
            ServerError::RateLimited => "server-error-rate-limited",
            ServerError::TooManyTries { .. } => "server-error-too-many-tries",
            ServerError::Malformed(_) => "sync-error-malformed",
            ServerError::NotFound => "server-error-not-found",
            ServerError::TooLarge => "server-error-too-large",
            ServerError::NoFile => "server-error-no-file",
            ServerError::Range => "server-error-range",
            ServerError::Upload(UploadRefusal::Type) => "server-error-upload-type",
            ServerError::Upload(UploadRefusal::Size) => "server-error-upload-size",
            ServerError::Upload(UploadRefusal::Quota) => "server-error-upload-quota",
            ServerError::Upload(_) => "sync-error-malformed",
            ServerError::UnknownCommune(_) => "server-error-unknown-commune",
            ServerError::CodeLimits { .. } => "server-error-code-limits",
            ServerError::UnknownProvince(_) => "server-error-unknown-province",
            ServerError::OfficeCodeValidity { .. } => "server-error-office-code-validity",
            ServerError::NotStaff => "hub-error-not-staff",
            ServerError::NotOfficial => refusals::NOT_OFFICIAL,
            ServerError::UnknownDevice => refusals::UNKNOWN_DEVICE,
            ServerError::OwnDevice => refusals::OWN_DEVICE,
            ServerError::DeviceAlreadyRevoked => refusals::DEVICE_ALREADY_REVOKED,
            ServerError::UnknownCode => refusals::UNKNOWN_CODE,
            ServerError::CodeAlreadyRevoked => refusals::CODE_ALREADY_REVOKED,
            ServerError::Bind { .. } => "server-error-bind",
            ServerError::TargetNotEmpty => "server-error-target-not-empty",
            ServerError::Pool(_) => "server-error-database-unreachable",
            ServerError::Io(_)
            | ServerError::Task(_)
            | ServerError::Encode(_)
            | ServerError::Admin(_)
            | ServerError::Migration(_)
            | ServerError::Postgres(_)
            | ServerError::Corrupt(_) => "server-error-internal",
            ServerError::Store(e) => e.message_id(),
            ServerError::Upstream(e) => e.message_id(),
        }
    }

    pub fn localize(&self, lang: &str) -> String {
        let l10n = Localizer::embedded();
        match self {
            ServerError::Store(e) => e.localize(l10n, lang),
            ServerError::Upstream(e) => e.localize(l10n, lang),
            ServerError::TooManyTries { wait_secs } => {
                l10n.format(lang, self.message_id(), &[("seconds", Arg::from(*wait_secs))])
            }
            ServerError::Bind { address, reason } => l10n.format(
                lang,
                self.message_id(),
                &[("address", Arg::from(address.as_str())), ("reason", Arg::from(reason.as_str()))],
            ),
            ServerError::CodeLimits { max_days, max_uses } => {
                l10n.format(lang, self.message_id(), &[("days", Arg::from(*max_days)), ("uses", Arg::from(*max_uses))])
            }
            ServerError::OfficeCodeValidity { max_hours } => {
                l10n.format(lang, self.message_id(), &[("hours", Arg::from(*max_hours))])
            }
            _ => l10n.format(lang, self.message_id(), &[]),
        }
    }
}
