//! Who may change what, and who may see what. A device acts for its commune and its role:
//! a farmer edits only the listings it created, a learner writes only progress of profiles
//! its device created, volunteers run sessions, attendance and skill checks and record
//! households in their commune,
//! officials manage the commune's villages. Personal data goes only to the commune's
//! volunteers and officials (and back to the device that entered it).

use std::collections::HashMap;

use langso_core::replica::change::{Change, ChangeBody};
use langso_core::replica::merge::Rejection;
use langso_core::replica::schema::{self, Kind};
use langso_core::replica::value::Value;
use langso_core::role::Role;
use uuid::Uuid;

use crate::ServerError;
use crate::storage::{CellKey, Device, Storage};

/// The commune and the creating device of a row, as far as they are known, and for an
/// inquiry the listing it asks about.
#[derive(Debug, Clone, Default)]
struct Facts {
    commune: Option<String>,
    creator: Option<Uuid>,
    listing: Option<String>,
}

/// The column written only when a row is made, whose clock therefore names its creator.
fn creator_column(table: &str) -> Option<&'static str> {
    match table {
        "profiles" => Some("role"),
        "listings" => Some("owner_id"),
        "training_sessions" => Some("volunteer_id"),
        "villages" | "households" => Some("commune_id"),
        "inquiries" => Some("listing_id"),
        _ => None,
    }
}

/// The column that names a row's commune (a commune's own row names itself by its id).
fn commune_column(table: &str) -> Option<&'static str> {
    match table {
        "communes" => Some("name"),
        "inquiries" | "villages" | "profiles" | "households" | "training_sessions" | "listings" => Some("commune_id"),
        _ => None,
    }
}

/// The column that names the listing an inquiry asks about.
fn listing_column(table: &str) -> Option<&'static str> {
    (table == "inquiries").then_some("listing_id")
}

/// Looks rows up in the commune's storage, a batch at a time, remembering answers, and
/// layering the rows a pushed batch creates over what is stored.
struct Lookup<'s> {
    storage: &'s dyn Storage,
    commune: &'s str,
    known: HashMap<(String, String), Facts>,
}

impl<'s> Lookup<'s> {
    fn new(storage: &'s dyn Storage, commune: &'s str) -> Lookup<'s> {
        Lookup { storage, commune, known: HashMap::new() }
    }

    /// Reads the facts of many rows with one call to the storage.
    fn load(&mut self, rows: &[(&str, &str)]) -> Result<(), ServerError> {
        let mut wanted: Vec<(&str, &str)> = rows
            .iter()
            .copied()
            .filter(|(t, r)| !self.known.contains_key(&((*t).to_owned(), (*r).to_owned())))
            .collect();
        wanted.sort_unstable();
        wanted.dedup();
        let mut keys = Vec::new();
        for (table, row) in &wanted {
            let columns = [commune_column(table), creator_column(table), listing_column(table)];
            keys.extend(columns.into_iter().flatten().map(|column| CellKey { table, row, column }));
        }
        let cells = if keys.is_empty() { Vec::new() } else { self.storage.cells(self.commune, &keys)? };
        let found: HashMap<CellKey<'_>, _> = keys.iter().copied().zip(cells).collect();
        for (table, row) in wanted {
            let cell = |column: Option<&'static str>| {
                column.and_then(|column| found.get(&CellKey { table, row, column }).cloned().flatten())
            };
            let commune = cell(commune_column(table)).and_then(|c| match table {
                "communes" => Some(row.to_owned()),
                _ => c.value.as_text().map(str::to_owned),
            });
            let creator = cell(creator_column(table)).map(|c| c.stamp.node);
            let listing = cell(listing_column(table)).and_then(|c| c.value.as_text().map(str::to_owned));
            self.known.insert((table.to_owned(), row.to_owned()), Facts { commune, creator, listing });
        }
        Ok(())
    }

    fn facts(&mut self, table: &str, row: &str) -> Result<Facts, ServerError> {
        if let Some(f) = self.known.get(&(table.to_owned(), row.to_owned())) {
            return Ok(f.clone());
        }
        self.load(&[(table, row)])?;
        Ok(self.known.get(&(table.to_owned(), row.to_owned())).cloned().unwrap_or_default())
    }

    /// Loads, at once, the rows a batch of changes touches and the rows its facts refer to.
    fn load_for(&mut self, changes: &[Change]) -> Result<(), ServerError> {
        let mut rows: Vec<(&str, &str)> = Vec::new();
        for change in changes {
            if commune_column(&change.table).is_some() {
                rows.push((change.table.as_str(), change.row.as_str()));
            }
            if let ChangeBody::Fact { values } = &change.body {
                for (column, table) in [("profile_id", "profiles"), ("session_id", "training_sessions")] {
                    if let Some(row) = values.get(column).and_then(Value::as_text) {
                        rows.push((table, row));
                    }
                }
            }
        }
        self.load(&rows)
    }
}

fn staff(role: Role) -> bool {
    matches!(role, Role::Volunteer | Role::Official)
}

fn fact_text(change: &Change, column: &str) -> Option<String> {
    match &change.body {
        ChangeBody::Fact { values } => values.get(column).and_then(Value::as_text).map(str::to_owned),
        ChangeBody::Column { .. } => None,
    }
}

fn column_text<'c>(group: &[&'c Change], column: &str) -> Option<&'c str> {
    group.iter().rev().find_map(|c| match &c.body {
        ChangeBody::Column { column: name, value } if name == column => value.as_text(),
        _ => None,
    })
}

/// A row as one device changes it: (acting origin, table, row id).
type RowKey<'c> = (Uuid, &'c str, &'c str);

/// A pushed batch as the rules see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    /// The changes that may not be made, by index, with the reason.
    pub rejected: Vec<(usize, Rejection)>,
    /// For each change, the one device outside the commune's staff that may see it (see
    /// [`Audience::device`]), for engines that keep it to narrow pulls.
    pub readers: Vec<Option<Uuid>>,
}

/// Checks a pushed batch of the commune: which changes may not be made, and who may read
/// the rest. Each change acts for its origin, one of `actors` (the devices whose signed
/// batches the push carried, as stored).
pub fn check_push(
    storage: &dyn Storage,
    commune: &str,
    actors: &[Device],
    changes: &[Change],
) -> Result<Checked, ServerError> {
    let acting = |origin: Uuid| actors.iter().find(|a| a.node == origin && a.commune_id == commune);
    let mut lookup = Lookup::new(storage, commune);
    lookup.load_for(changes)?;
    let mut rejected = Vec::new();
    // Rows in batch order, per acting device, each with the indices of its changes.
    let mut groups: Vec<(RowKey<'_>, Vec<usize>)> = Vec::new();
    for (i, change) in changes.iter().enumerate() {
        if acting(change.stamp.node).is_none() {
            rejected.push((i, Rejection::ForgedOrigin));
            continue;
        }
        let key = (change.stamp.node, change.table.as_str(), change.row.as_str());
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, indices)) => indices.push(i),
            None => groups.push((key, vec![i])),
        }
    }
    // Rows before facts: a fact may refer to a row the same batch creates.
    groups.sort_by_key(|((_, table, _), _)| schema::table(table).is_some_and(|t| t.kind == Kind::Fact));
    for ((origin, table, row), indices) in groups {
        let device = acting(origin).ok_or(ServerError::Unauthorized)?;
        let group: Vec<&Change> = indices.iter().map(|i| &changes[*i]).collect();
        let allowed = match schema::table(table).map(|t| t.kind) {
            Some(Kind::Entity) => entity_allowed(&mut lookup, device, table, row, &group)?,
            Some(Kind::Fact) => fact_allowed(&mut lookup, device, table, &group)?,
            // Unknown tables are the merge's to reject, with their own reason.
            None => true,
        };
        if allowed {
            if schema::table(table).is_some_and(|t| t.kind == Kind::Entity) {
                remember_created(&mut lookup, device, table, row, &group)?;
            }
        } else {
            rejected.extend(indices.into_iter().map(|i| (i, Rejection::Forbidden)));
        }
    }
    rejected.sort_by_key(|(i, _)| *i);
    // After the whole batch, so that rows it creates are known with their creators.
    let readers =
        changes.iter().map(|c| Ok(placement(&mut lookup, c)?.1.device())).collect::<Result<_, ServerError>>()?;
    Ok(Checked { rejected, readers })
}

/// A row the batch creates counts, for the rest of the batch, as the device's own.
fn remember_created(
    lookup: &mut Lookup<'_>,
    device: &Device,
    table: &str,
    row: &str,
    group: &[&Change],
) -> Result<(), ServerError> {
    let mut facts = lookup.facts(table, row)?;
    if facts.creator.is_none() {
        facts.creator = Some(device.node);
    }
    if let Some(commune) = column_text(group, "commune_id") {
        facts.commune = Some(commune.to_owned());
    }
    lookup.known.insert((table.to_owned(), row.to_owned()), facts);
    Ok(())
}

fn entity_allowed(
    lookup: &mut Lookup<'_>,
    device: &Device,
    table: &str,
    row: &str,
    group: &[&Change],
) -> Result<bool, ServerError> {
    let stored = lookup.facts(table, row)?;
    let exists = stored.creator.is_some();
    // A row stays in the commune that made it: neither the stored commune nor the pushed
    // one may be another.
    let named = column_text(group, "commune_id");
    let in_commune = (stored.commune.is_some() || named.is_some())
        && stored.commune.as_deref().is_none_or(|c| c == device.commune_id)
        && named.is_none_or(|c| c == device.commune_id);
    let own = stored.creator.is_none_or(|c| c == device.node);
    Ok(match table {
        "communes" => device.role == Role::Official && row == device.commune_id,
        "villages" => device.role == Role::Official && in_commune,
        "profiles" => in_commune && (own || staff(device.role)),
        "training_sessions" | "households" => staff(device.role) && in_commune,
        "listings" => {
            matches!(device.role, Role::Farmer | Role::Official) && in_commune && (own || device.role == Role::Official)
        }
        "inquiries" => {
            // Buyers ask through the web pages; a device may only answer (change the status).
            let only_status =
                group.iter().all(|c| matches!(&c.body, ChangeBody::Column { column, .. } if column == "status"));
            let seller = match stored.listing {
                Some(l) => lookup.facts("listings", &l)?.creator,
                None => None,
            };
            exists && only_status && in_commune && (device.role == Role::Official || seller == Some(device.node))
        }
        // Lessons are published by the server, never pushed.
        _ => false,
    })
}

fn fact_allowed(lookup: &mut Lookup<'_>, device: &Device, table: &str, group: &[&Change]) -> Result<bool, ServerError> {
    for change in group {
        let ok = match table {
            "lesson_progress" => {
                let profile = fact_text(change, "profile_id").unwrap_or_default();
                let p = lookup.facts("profiles", &profile)?;
                p.commune.as_deref() == Some(device.commune_id.as_str())
                    && (staff(device.role) || p.creator == Some(device.node))
            }
            "attendance" | "skill_checks" => {
                let session = fact_text(change, "session_id").unwrap_or_default();
                let s = lookup.facts("training_sessions", &session)?;
                staff(device.role) && s.commune.as_deref() == Some(device.commune_id.as_str())
            }
            _ => false,
        };
        if !ok {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Filters a page of the server's log down to what `device` may see, leaving out its own
/// changes (it has them).
pub fn visible(storage: &dyn Storage, device: &Device, changes: Vec<Change>) -> Result<Vec<Change>, ServerError> {
    let others = changes.into_iter().filter(|c| c.stamp.node != device.node).collect();
    seen_by(storage, device, others)
}

/// The changes `device` may see, its own included: the stored versions it is sent back when
/// a change of its own is refused.
pub fn seen_by(storage: &dyn Storage, device: &Device, changes: Vec<Change>) -> Result<Vec<Change>, ServerError> {
    let mut lookup = Lookup::new(storage, &device.commune_id);
    lookup.load_for(&changes)?;
    let mut out = Vec::with_capacity(changes.len());
    for change in changes {
        if may_see(&mut lookup, device, &change)? {
            out.push(change);
        }
    }
    Ok(out)
}

/// Who may see a change within its commune.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// Every enrolled device, whatever its commune: the lesson pack.
    Everyone,
    /// Every device of the commune.
    Commune,
    /// The commune's volunteers and officials, and the device that entered the person (when
    /// known): personal data.
    StaffAnd(Option<Uuid>),
    /// The commune's officials, and the seller's device: a buyer's inquiry.
    OfficialsAnd(Option<Uuid>),
    /// No device (an unknown table).
    Nobody,
}

impl Audience {
    fn admits(self, device: &Device) -> bool {
        match self {
            Audience::Everyone | Audience::Commune => true,
            Audience::StaffAnd(node) => staff(device.role) || node == Some(device.node),
            Audience::OfficialsAnd(node) => device.role == Role::Official || node == Some(device.node),
            Audience::Nobody => false,
        }
    }

    /// What an engine may keep to narrow a villager's or farmer's pull before the rules
    /// filter it: `None` when the whole commune may see the change, else the one device
    /// besides staff that may (the nil id: none).
    pub fn device(self) -> Option<Uuid> {
        match self {
            Audience::Everyone | Audience::Commune => None,
            Audience::StaffAnd(node) | Audience::OfficialsAnd(node) => Some(node.unwrap_or_default()),
            Audience::Nobody => Some(Uuid::nil()),
        }
    }
}

/// The commune a change belongs to (none for the lesson pack) and who there may see it.
fn placement(lookup: &mut Lookup<'_>, change: &Change) -> Result<(Option<String>, Audience), ServerError> {
    let table = change.table.as_str();
    let profile =
        |lookup: &mut Lookup<'_>| lookup.facts("profiles", &fact_text(change, "profile_id").unwrap_or_default());
    Ok(match table {
        "lessons" | "quiz_questions" => (None, Audience::Everyone),
        "communes" => (Some(change.row.clone()), Audience::Commune),
        "villages" | "training_sessions" | "listings" => (lookup.facts(table, &change.row)?.commune, Audience::Commune),
        // A household is known by its head's name: personal data.
        "profiles" | "households" => {
            let p = lookup.facts(table, &change.row)?;
            (p.commune, Audience::StaffAnd(p.creator))
        }
        "inquiries" => {
            let i = lookup.facts(table, &change.row)?;
            let seller = lookup.facts("listings", &i.listing.clone().unwrap_or_default())?.creator;
            (i.commune, Audience::OfficialsAnd(seller))
        }
        "lesson_progress" => {
            let p = profile(lookup)?;
            (p.commune, Audience::StaffAnd(p.creator))
        }
        "attendance" | "skill_checks" => {
            let s = lookup.facts("training_sessions", &fact_text(change, "session_id").unwrap_or_default())?;
            (s.commune, Audience::StaffAnd(profile(lookup)?.creator))
        }
        _ => (None, Audience::Nobody),
    })
}

fn may_see(lookup: &mut Lookup<'_>, device: &Device, change: &Change) -> Result<bool, ServerError> {
    let (commune, audience) = placement(lookup, change)?;
    Ok(match audience {
        Audience::Everyone => true,
        _ => commune.as_deref() == Some(device.commune_id.as_str()) && audience.admits(device),
    })
}

/// Who besides staff may read each change of a batch the server itself writes into a
/// commune (as [`Audience::device`] says), rows the batch creates included.
pub fn readers_of(storage: &dyn Storage, commune: &str, changes: &[Change]) -> Result<Vec<Option<Uuid>>, ServerError> {
    let mut lookup = Lookup::new(storage, commune);
    lookup.load_for(changes)?;
    for change in changes {
        let ChangeBody::Column { column, value } = &change.body else { continue };
        let key = (change.table.clone(), change.row.clone());
        let mut facts = lookup.facts(&change.table, &change.row)?;
        if creator_column(&change.table) == Some(column.as_str()) && facts.creator.is_none() {
            facts.creator = Some(change.stamp.node);
        }
        if column == "commune_id" && facts.commune.is_none() {
            facts.commune = value.as_text().map(str::to_owned);
        }
        if listing_column(&change.table) == Some(column.as_str()) {
            facts.listing = value.as_text().map(str::to_owned);
        }
        lookup.known.insert(key, facts);
    }
    changes.iter().map(|c| Ok(placement(&mut lookup, c)?.1.device())).collect()
}

/// Where a change held by `storage` belongs and who besides staff may read it: its commune
/// (none for the lesson pack) and [`Audience::device`]. For copying a whole server's data into
/// an engine that keeps both.
pub fn placement_of(storage: &dyn Storage, change: &Change) -> Result<(Option<String>, Option<Uuid>), ServerError> {
    let (commune, audience) = placement(&mut Lookup::new(storage, ""), change)?;
    Ok((commune, audience.device()))
}

/// The one device outside the staff that `device`'s pull may be narrowed to: none for
/// volunteers and officials, who may see all of their commune's personal data.
pub fn narrowed_to(device: &Device) -> Option<Uuid> {
    (!staff(device.role)).then_some(device.node)
}

/// Whether `device` may download a blob: lesson content is public; a photo goes to the
/// devices of the commune whose listing shows it (the same devices that see the listing),
/// and a device may always fetch what it uploaded.
pub fn may_fetch(storage: &dyn Storage, device: &Device, hash: &str) -> Result<bool, ServerError> {
    Ok(storage.is_lesson_asset(hash)?
        || storage.is_listing_photo_in(hash, &device.commune_id)?
        || storage.uploaded(hash, device.node)?)
}
