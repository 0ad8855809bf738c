//! The storage seam: what the server's logic (`service.rs`, `rules.rs`) needs from an engine,
//! and nothing it decides. An engine stores and reads; every rule (who may write or see what,
//! when a join code or an upload is accepted) is made once, above this trait. SQLite
//! (`sqlite/`) and PostgreSQL (`postgres/`) implement it.
//!
//! Synced data is scoped by commune: a device reads and writes within its own, and the
//! lesson pack is reference data every commune sees. An engine may keep each commune apart
//! (PostgreSQL keys every synced row by commune) or hold one replica of everything (SQLite);
//! the rules give the same answers over both.

use langso_core::dashboard::{CommuneRow, Dashboard};
use langso_core::learning::pack::Pack;
use langso_core::market::public::{CommuneCard, MarketQuery, ProductCard, PublicProduct};
use langso_core::places::{Commune, NewCommune, Village};
use langso_core::replica::change::{Change, ChangePage};
use langso_core::replica::clock::Stamp;
use langso_core::replica::identity::PublicKey;
use langso_core::replica::merge::ApplyReport;
use langso_core::replica::value::Value;
use langso_core::role::Role;
use langso_sync::protocol::DeviceEntry;
use uuid::Uuid;

use crate::ServerError;
use crate::join_codes::JoinCode;
use crate::office::OfficeScope;

/// An enrolled device.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Device {
    /// The device's replica node id: the origin of every change it makes.
    pub node: Uuid,
    pub commune_id: String,
    pub role: Role,
    /// What its signed batches are checked against; `None` for a device enrolled before
    /// devices had keys, whose batches are refused until it enrolls again.
    pub public_key: Option<PublicKey>,
}

/// A device as stored, revoked or not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Known {
    pub device: Device,
    pub name: String,
    pub revoked: bool,
    /// When it last pulled everything, to within [`crate::devices::SEEN_EVERY`] seconds.
    pub last_seen_at: Option<i64>,
    /// What its app said it was then.
    pub app_version: Option<String>,
}

/// A device a hub enrolled, registered by the first batch of it the hub forwards.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Registered {
    pub device: Device,
    pub name: String,
    /// The hub's node.
    pub by: Uuid,
}

/// Tables of the lesson pack: published by the server, the same for every commune.
pub fn is_reference(table: &str) -> bool {
    matches!(table, "lessons" | "quiz_questions")
}

/// One column of a synced row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CellKey<'a> {
    pub table: &'a str,
    pub row: &'a str,
    pub column: &'a str,
}

/// A stored column: its value and who wrote it when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    pub value: Value,
    pub stamp: Stamp,
}

/// What is stored of a node that enrolled, or was registered by a hub, before.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Enrolled {
    /// `None` for a device only a hub registered.
    pub token_hash: Option<String>,
    pub commune_id: String,
    pub revoked: bool,
    pub public_key: Option<PublicKey>,
}

/// A device as enrollment writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewDevice {
    pub device: Device,
    pub token_hash: String,
    pub name: String,
}

/// Decides an enrollment from the code and what is stored of the node.
pub type Admit<'a> = dyn Fn(Option<&JoinCode>, Option<&Enrolled>) -> Result<NewDevice, ServerError> + 'a;

/// A chunk of a device's upload, checked for name, type and bounds.
#[derive(Debug, Clone, Copy)]
pub struct Chunk<'a> {
    pub node: Uuid,
    pub hash: &'a str,
    pub mime: &'a str,
    pub total: usize,
    pub offset: usize,
    pub bytes: &'a [u8],
}

/// What is held of an unfinished upload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Partial {
    pub data: Vec<u8>,
    pub mime: String,
    pub total: usize,
}

/// Decides the next bytes of an upload from what is held of it and the bytes of the device's
/// other unfinished uploads; `Ok` is the upload with the chunk appended.
pub type Append<'a> = dyn Fn(Option<Partial>, usize) -> Result<Vec<u8>, ServerError> + 'a;

pub trait Storage: Send + Sync + std::fmt::Debug + 'static {
    /// For each change, whether the commune (or the lesson pack) holds it already.
    fn holds(&self, commune: &str, changes: &[Change]) -> Result<Vec<bool>, ServerError>;
    /// Stored columns of rows of the commune (or the lesson pack), in the order asked.
    fn cells(&self, commune: &str, keys: &[CellKey<'_>]) -> Result<Vec<Option<Cell>>, ServerError>;
    /// Merges changes into the commune (lesson pack tables into the reference data), in one
    /// transaction: per-column last-writer-wins by (HLC, node), facts as a set, each change
    /// checked by `langso_core::replica::merge::check`. Durable when it returns. `readers`
    /// (empty, or one per change) says who besides staff may see each change
    /// (`rules::Audience::device`); an engine may keep it to narrow pulls.
    fn apply(&self, commune: &str, changes: &[Change], readers: &[Option<Uuid>]) -> Result<ApplyReport, ServerError>;
    /// The commune's changes and the lesson pack's after `cursor`, from at most `max_entries`
    /// log entries, each with its original clock. With `narrowed_to`, an engine may leave out
    /// changes only staff and other devices may see. An engine without communes apart may
    /// return other communes' changes too: the rules filter every page.
    fn page(
        &self,
        commune: &str,
        cursor: u64,
        max_entries: usize,
        narrowed_to: Option<Uuid>,
    ) -> Result<ChangePage, ServerError>;
    /// Every change held, of every commune, in batches: for copies and comparisons.
    fn export(&self, each: &mut dyn FnMut(Vec<Change>) -> Result<(), ServerError>) -> Result<(), ServerError>;
    fn communes(&self) -> Result<Vec<Commune>, ServerError>;
    fn create_commune(&self, new: &NewCommune) -> Result<Commune, ServerError>;
    fn create_village(&self, commune_id: &str, name: &str) -> Result<Village, ServerError>;
    /// Publishes (or upgrades) the lesson pack: its pictures and narration, and its changes.
    fn publish(&self, pack: &Pack) -> Result<ApplyReport, ServerError>;

    /// The public marketplace (`langso_core::market::public` says what it shows): published
    /// products of communes that exist, found as that module finds them.
    fn market_search(&self, query: &MarketQuery) -> Result<Vec<ProductCard>, ServerError>;
    fn market_product(&self, id: &str) -> Result<Option<PublicProduct>, ServerError>;
    fn market_communes(&self) -> Result<Vec<CommuneCard>, ServerError>;
    fn market_ids(&self) -> Result<Vec<String>, ServerError>;
    /// Whether the public may see this photo: one of a published product's.
    fn market_photo(&self, hash: &str) -> Result<bool, ServerError>;

    /// The commune dashboard, counted at `now` (UTC ms) by `langso_core::dashboard`'s rules
    /// over the commune's data; `None` for a commune that does not exist.
    fn dashboard(&self, commune: &str, now: i64) -> Result<Option<Dashboard>, ServerError>;
    /// The live communes whose province is `province`, each with its figures at `now`.
    fn province_table(&self, province: &str, now: i64) -> Result<Vec<CommuneRow>, ServerError>;
    /// Keeps an office sign-in code's hash until `expires_at` (Unix seconds); codes expired
    /// by `now` may go.
    fn insert_office_code(
        &self,
        code_hash: &str,
        scope: &OfficeScope,
        expires_at: i64,
        now: i64,
    ) -> Result<(), ServerError>;
    /// Removes the code and returns its scope, if it was kept and is unexpired at `now`: a
    /// code is used once, whoever uses it.
    fn take_office_code(&self, code_hash: &str, now: i64) -> Result<Option<OfficeScope>, ServerError>;
    fn insert_office_session(
        &self,
        token_hash: &str,
        scope: &OfficeScope,
        expires_at: i64,
        now: i64,
    ) -> Result<(), ServerError>;
    /// The scope of an unexpired session.
    fn office_session(&self, token_hash: &str, now: i64) -> Result<Option<OfficeScope>, ServerError>;
    fn end_office_session(&self, token_hash: &str) -> Result<(), ServerError>;

    fn has_blob(&self, hash: &str) -> Result<bool, ServerError>;
    fn blob(&self, hash: &str) -> Result<Option<(Vec<u8>, String)>, ServerError>;
    fn put_blob(&self, bytes: &[u8], mime: &str) -> Result<(), ServerError>;
    /// Whether a live lesson's step shows or narrates the blob.
    fn is_lesson_asset(&self, hash: &str) -> Result<bool, ServerError>;
    /// Whether a live listing of the commune shows the blob among its photos.
    fn is_listing_photo_in(&self, hash: &str, commune: &str) -> Result<bool, ServerError>;
    /// Bytes held of a device's upload touched after `since` (unix seconds).
    fn upload_len(&self, node: Uuid, hash: &str, since: i64) -> Result<Option<usize>, ServerError>;
    /// In one transaction: drops uploads untouched since `expired`, appends the chunk as
    /// `append` decides, and hands back the whole upload once the last chunk is in (it is
    /// then no longer held as an upload).
    fn append_upload(
        &self,
        chunk: &Chunk<'_>,
        now: i64,
        expired: i64,
        append: &Append<'_>,
    ) -> Result<Option<Vec<u8>>, ServerError>;
    fn add_uploader(&self, hash: &str, node: Uuid) -> Result<(), ServerError>;
    fn uploaded(&self, hash: &str, node: Uuid) -> Result<bool, ServerError>;

    /// In one transaction: reads the code and the node, lets `admit` decide, and writes the
    /// device (its key kept if it had one) and one use of the code.
    fn enroll(&self, code_hash: &str, node: Uuid, admit: &Admit<'_>) -> Result<NewDevice, ServerError>;
    /// The device a token hash belongs to, revoked or not.
    fn device(&self, token_hash: &str) -> Result<Option<Known>, ServerError>;
    /// The stored devices of these nodes, in the order asked.
    fn known_devices(&self, nodes: &[Uuid]) -> Result<Vec<Option<Known>>, ServerError>;
    /// Stores a device a hub registered unless its node is known already; the device as
    /// stored either way.
    fn register(&self, new: &Registered, now: i64) -> Result<Known, ServerError>;
    fn revoke_device(&self, node: Uuid, now: i64) -> Result<bool, ServerError>;
    /// The revoked devices of a commune.
    fn revoked_in(&self, commune: &str) -> Result<Vec<Uuid>, ServerError>;
    /// Every device of a commune, revoked or not, each with the name of the hub that
    /// registered it where that hub is known.
    fn devices_in(&self, commune: &str) -> Result<Vec<DeviceEntry>, ServerError>;
    /// Records that a device pulled everything at `at`, and the app version it said it runs
    /// (`None` keeps the one stored).
    fn seen(&self, node: Uuid, at: i64, app_version: Option<&str>) -> Result<(), ServerError>;
    fn insert_code(&self, code_hash: &str, code: &JoinCode) -> Result<(), ServerError>;
    /// Join codes, newest first, of one commune or of all.
    fn codes(&self, commune: Option<&str>) -> Result<Vec<JoinCode>, ServerError>;
    fn revoke_code(&self, id: &str) -> Result<bool, ServerError>;
}
