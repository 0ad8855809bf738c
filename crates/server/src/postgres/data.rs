//! The synced data in PostgreSQL: reading cells, merging a batch, paging a commune's log, and
//! the lesson pack's blobs.

use std::collections::{BTreeMap, HashMap, HashSet};

use langso_core::replica::blob;
use langso_core::replica::change::{Change, ChangeBody, ChangePage};
use langso_core::replica::clock::Stamp;
use langso_core::replica::merge::{self, ApplyReport};
use postgres::types::{ToSql, Type};
use postgres::{GenericClient, IsolationLevel};
use uuid::Uuid;

use super::log::{
    change_from_row, hlc_from_sql, hlc_to_sql, join_cursor, split_cursor, value_from_sql, value_to_sql, whole_entries,
};
use crate::ServerError;
use crate::storage::{Cell, CellKey, is_reference};

/// The counter row of the lesson pack's log.
const PACK: &str = "";

/// Log rows read per page at least: an entry (one row's columns) never outgrows a page.
const MIN_PAGE: usize = 64;

const LOG_COLUMNS: &str = "tbl, row_id, col, int_value, text_value, NULL::jsonb AS vals, hlc, node, seq";
const FACT_COLUMNS: &str =
    "tbl, row_id, NULL::text AS col, NULL::bigint AS int_value, NULL::text AS text_value, vals, hlc, node, seq";

/// Where a cell lives: the lesson pack's reference data, or a commune.
fn scope<'a>(table: &str, commune: &'a str) -> &'a str {
    if is_reference(table) { PACK } else { commune }
}

/// Stored cells of `keys`, all in one scope.
fn read_cells(
    client: &mut impl GenericClient,
    scope: &str,
    keys: &[CellKey<'_>],
) -> Result<HashMap<(String, String, String), Cell>, ServerError> {
    let tables: Vec<&str> = keys.iter().map(|k| k.table).collect();
    let rows: Vec<&str> = keys.iter().map(|k| k.row).collect();
    let columns: Vec<&str> = keys.iter().map(|k| k.column).collect();
    let (source, filter) = if scope == PACK { ("reference_cells", "") } else { ("cells", "c.commune_id = $4 AND") };
    // One index probe per key (LATERAL), whatever the planner guesses of a fresh table.
    let sql = format!(
        "SELECT c.tbl, c.row_id, c.col, c.int_value, c.text_value, c.hlc, c.node
         FROM unnest($1::text[], $2::text[], $3::text[]) AS k(tbl, row_id, col)
         CROSS JOIN LATERAL (SELECT * FROM {source} c
           WHERE {filter} c.tbl = k.tbl AND c.row_id = k.row_id AND c.col = k.col) c"
    );
    let mut params: Vec<(&(dyn ToSql + Sync), Type)> =
        vec![(&tables, Type::TEXT_ARRAY), (&rows, Type::TEXT_ARRAY), (&columns, Type::TEXT_ARRAY)];
    if scope != PACK {
        params.push((&scope, Type::TEXT));
    }
    let mut found = HashMap::new();
    for row in client.query_typed(&sql, &params)? {
        let stamp = Stamp { hlc: hlc_from_sql(row.try_get("hlc")?), node: row.try_get::<_, Uuid>("node")? };
        let value = value_from_sql(row.try_get("int_value")?, row.try_get("text_value")?);
        found.insert((row.try_get("tbl")?, row.try_get("row_id")?, row.try_get("col")?), Cell { value, stamp });
    }
    Ok(found)
}

pub(super) fn cells(
    client: &mut impl GenericClient,
    commune: &str,
    keys: &[CellKey<'_>],
) -> Result<Vec<Option<Cell>>, ServerError> {
    let (pack, own): (Vec<CellKey<'_>>, Vec<CellKey<'_>>) = keys.iter().partition(|k| is_reference(k.table));
    let mut found = read_cells(client, commune, &own)?;
    if !pack.is_empty() {
        found.extend(read_cells(client, PACK, &pack)?);
    }
    Ok(keys.iter().map(|k| found.get(&(k.table.to_owned(), k.row.to_owned(), k.column.to_owned())).cloned()).collect())
}

/// The cells that column changes write.
fn column_keys<'c>(changes: impl Iterator<Item = &'c Change>) -> Vec<CellKey<'c>> {
    changes
        .filter_map(|c| match &c.body {
            ChangeBody::Column { column, .. } => Some(CellKey { table: &c.table, row: &c.row, column }),
            ChangeBody::Fact { .. } => None,
        })
        .collect()
}

pub(super) fn holds(
    client: &mut impl GenericClient,
    commune: &str,
    changes: &[Change],
) -> Result<Vec<bool>, ServerError> {
    let keys = column_keys(changes.iter());
    let stored: HashMap<CellKey<'_>, Option<Cell>> = keys.iter().copied().zip(cells(client, commune, &keys)?).collect();
    let fact_tables: Vec<&str> =
        changes.iter().filter(|c| matches!(c.body, ChangeBody::Fact { .. })).map(|c| c.table.as_str()).collect();
    let fact_rows: Vec<&str> =
        changes.iter().filter(|c| matches!(c.body, ChangeBody::Fact { .. })).map(|c| c.row.as_str()).collect();
    let mut facts = HashSet::new();
    if !fact_rows.is_empty() {
        for row in client.query_typed(
            "SELECT f.tbl, f.row_id FROM unnest($1::text[], $2::text[]) AS k(tbl, row_id)
             CROSS JOIN LATERAL (SELECT tbl, row_id FROM facts f
               WHERE f.commune_id = $3 AND f.tbl = k.tbl AND f.row_id = k.row_id) f",
            &[(&fact_tables, Type::TEXT_ARRAY), (&fact_rows, Type::TEXT_ARRAY), (&commune, Type::TEXT)],
        )? {
            facts.insert((row.try_get::<_, String>(0)?, row.try_get::<_, String>(1)?));
        }
    }
    Ok(changes
        .iter()
        .map(|c| match &c.body {
            ChangeBody::Column { column, .. } => stored
                .get(&CellKey { table: &c.table, row: &c.row, column })
                .and_then(Option::as_ref)
                .is_some_and(|cell| cell.stamp == c.stamp),
            ChangeBody::Fact { .. } => facts.contains(&(c.table.clone(), c.row.clone())),
        })
        .collect())
}

/// Merges checked changes of one scope (a commune, or the lesson pack) in the caller's
/// transaction, holding the scope's log counter for update until it commits.
/// A change on its way in: where it goes, the log position it must take if any (a copy from
/// another server keeps its positions, so devices' cursors stay true; otherwise it takes the
/// next), and who besides staff may read it.
#[derive(Debug, Clone, Copy)]
pub(super) struct Incoming<'c> {
    pub scope: &'c str,
    pub change: &'c Change,
    pub at: Option<i64>,
    pub reader: Option<Uuid>,
}

/// Merges checked changes of one scope (a commune, or the lesson pack) in the caller's
/// transaction, holding the scope's log counter for update until it commits.
fn apply_scope(
    tx: &mut postgres::Transaction<'_>,
    scope: &str,
    batch: &[Incoming<'_>],
    report: &mut ApplyReport,
) -> Result<(), ServerError> {
    let changes: Vec<&Change> = batch.iter().map(|c| c.change).collect();
    // Creates the counter, or locks it (an upsert locks the row it updates) and reads it.
    let mut seq: i64 = tx
        .query_typed_one(
            "INSERT INTO log_counters (commune_id, seq) VALUES ($1, 0)
             ON CONFLICT (commune_id) DO UPDATE SET seq = log_counters.seq RETURNING seq",
            &[(&scope, Type::TEXT)],
        )?
        .try_get(0)?;
    let keys = column_keys(changes.iter().copied());
    let mut current: HashMap<(String, String, String), Stamp> =
        read_cells(tx, scope, &keys)?.into_iter().map(|(k, cell)| (k, cell.stamp)).collect();
    // Per-column last-writer-wins by (HLC, node), in batch order, as the SQLite merge does.
    let mut winners: BTreeMap<(String, String, String), &Incoming<'_>> = BTreeMap::new();
    for incoming in batch {
        let change = incoming.change;
        let ChangeBody::Column { column, .. } = &change.body else { continue };
        let key = (change.table.clone(), change.row.clone(), column.clone());
        if current.get(&key).is_some_and(|stamp| change.stamp <= *stamp) {
            report.unchanged += 1;
            continue;
        }
        current.insert(key.clone(), change.stamp);
        winners.insert(key, incoming);
        report.applied += 1;
    }
    // A row's columns written together share one log position.
    let mut row_seq: HashMap<(String, String), i64> = HashMap::new();
    let mut cols = Cells::default();
    for ((table, row, column), incoming) in &winners {
        let ChangeBody::Column { value, .. } = &incoming.change.body else { continue };
        let at = *row_seq.entry((table.clone(), row.clone())).or_insert_with(|| next(&mut seq, incoming.at));
        let (int_value, text_value) = value_to_sql(value);
        cols.push(table, row, column, (int_value, text_value), incoming, at);
    }
    if !cols.seq.is_empty() {
        cols.upsert(tx, scope)?;
    }
    // The marketplace's read model follows its listings and their commune in the same commit.
    if winners.keys().any(|(table, _, _)| table == "communes") {
        super::market::refresh(tx, scope, None)?;
    } else {
        let mut listings: Vec<String> =
            winners.keys().filter(|(table, _, _)| table == "listings").map(|(_, row, _)| row.clone()).collect();
        listings.dedup();
        if !listings.is_empty() {
            super::market::refresh(tx, scope, Some(&listings))?;
        }
    }
    // Facts after the rows of the same batch, so that a log read in order has a profile
    // before the progress that refers to it.
    let facts: Vec<&Incoming<'_>> = batch.iter().filter(|c| matches!(c.change.body, ChangeBody::Fact { .. })).collect();
    if !facts.is_empty() {
        let mut tables = Vec::new();
        let mut rows = Vec::new();
        let mut vals = Vec::new();
        let mut hlcs = Vec::new();
        let mut nodes = Vec::new();
        let mut seqs = Vec::new();
        let mut readers = Vec::new();
        for incoming in &facts {
            let change = incoming.change;
            let ChangeBody::Fact { values } = &change.body else { continue };
            let at = next(&mut seq, incoming.at);
            readers.push(incoming.reader);
            tables.push(change.table.as_str());
            rows.push(change.row.as_str());
            vals.push(serde_json::to_value(values).map_err(|e| ServerError::Encode(e.to_string()))?);
            hlcs.push(hlc_to_sql(change.stamp.hlc));
            nodes.push(change.stamp.node);
            seqs.push(at);
        }
        let inserted = tx
            .query_typed(
                "INSERT INTO facts (commune_id, tbl, row_id, vals, hlc, node, seq, audience)
                 SELECT $1, * FROM unnest($2::text[], $3::text[], $4::jsonb[], $5::bigint[], $6::uuid[], $7::bigint[],
                   $8::uuid[])
                 ON CONFLICT DO NOTHING RETURNING row_id",
                &[
                    (&scope, Type::TEXT),
                    (&tables, Type::TEXT_ARRAY),
                    (&rows, Type::TEXT_ARRAY),
                    (&vals, Type::JSONB_ARRAY),
                    (&hlcs, Type::INT8_ARRAY),
                    (&nodes, Type::UUID_ARRAY),
                    (&seqs, Type::INT8_ARRAY),
                    (&readers, Type::UUID_ARRAY),
                ],
            )?
            .len();
        report.applied += inserted;
        report.unchanged += facts.len() - inserted;
    }
    tx.query_typed(
        "UPDATE log_counters SET seq = $2 WHERE commune_id = $1",
        &[(&scope, Type::TEXT), (&seq, Type::INT8)],
    )?;
    Ok(())
}

/// The log position of a write: the one given, or the next; the counter stays past both.
fn next(counter: &mut i64, given: Option<i64>) -> i64 {
    let at = given.unwrap_or(*counter + 1);
    *counter = (*counter).max(at);
    at
}

/// Winning columns as arrays, written with one statement.
#[derive(Default)]
struct Cells<'c> {
    tables: Vec<&'c str>,
    rows: Vec<&'c str>,
    columns: Vec<&'c str>,
    ints: Vec<Option<i64>>,
    texts: Vec<Option<String>>,
    hlcs: Vec<i64>,
    nodes: Vec<Uuid>,
    seq: Vec<i64>,
    readers: Vec<Option<Uuid>>,
}

impl<'c> Cells<'c> {
    fn push(
        &mut self,
        table: &'c str,
        row: &'c str,
        column: &'c str,
        (int_value, text_value): (Option<i64>, Option<String>),
        incoming: &Incoming<'_>,
        seq: i64,
    ) {
        self.tables.push(table);
        self.rows.push(row);
        self.columns.push(column);
        self.ints.push(int_value);
        self.texts.push(text_value);
        self.hlcs.push(hlc_to_sql(incoming.change.stamp.hlc));
        self.nodes.push(incoming.change.stamp.node);
        self.seq.push(seq);
        self.readers.push(incoming.reader);
    }

    fn upsert(&self, tx: &mut postgres::Transaction<'_>, scope: &str) -> Result<(), ServerError> {
        let arrays = "unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::text[], $6::bigint[], $7::uuid[], $8::bigint[])";
        let update = "DO UPDATE SET int_value = excluded.int_value, text_value = excluded.text_value,
                      hlc = excluded.hlc, node = excluded.node, seq = excluded.seq";
        let params: [(&(dyn ToSql + Sync), Type); 8] = [
            (&self.tables, Type::TEXT_ARRAY),
            (&self.rows, Type::TEXT_ARRAY),
            (&self.columns, Type::TEXT_ARRAY),
            (&self.ints, Type::INT8_ARRAY),
            (&self.texts, Type::TEXT_ARRAY),
            (&self.hlcs, Type::INT8_ARRAY),
            (&self.nodes, Type::UUID_ARRAY),
            (&self.seq, Type::INT8_ARRAY),
        ];
        if scope == PACK {
            tx.query_typed(
                &format!(
                    "INSERT INTO reference_cells (tbl, row_id, col, int_value, text_value, hlc, node, seq)
                     SELECT * FROM {arrays} ON CONFLICT (tbl, row_id, col) {update}"
                ),
                &params,
            )?;
        } else {
            let mut with_commune: Vec<(&(dyn ToSql + Sync), Type)> = params.to_vec();
            with_commune.push((&self.readers, Type::UUID_ARRAY));
            with_commune.push((&scope, Type::TEXT));
            tx.query_typed(
                &format!(
                    "INSERT INTO cells (commune_id, tbl, row_id, col, int_value, text_value, hlc, node, seq, audience)
                     SELECT $10, * FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::text[],
                       $6::bigint[], $7::uuid[], $8::bigint[], $9::uuid[])
                     ON CONFLICT (commune_id, tbl, row_id, col) {update}, audience = excluded.audience"
                ),
                &with_commune,
            )?;
        }
        Ok(())
    }
}

/// Checks and merges a batch in one transaction: the lesson pack's tables into the reference
/// data, the rest into the commune.
pub(super) fn apply(
    client: &mut postgres::Client,
    commune: &str,
    changes: &[Change],
    readers: &[Option<Uuid>],
) -> Result<ApplyReport, ServerError> {
    let incoming: Vec<Incoming<'_>> = changes
        .iter()
        .enumerate()
        .map(|(i, change)| Incoming {
            scope: scope(&change.table, commune),
            change,
            at: None,
            reader: readers.get(i).copied().flatten(),
        })
        .collect();
    apply_incoming(client, &incoming)
}

/// Checks and merges changes in one transaction, each into its scope.
pub(super) fn apply_incoming(
    client: &mut postgres::Client,
    changes: &[Incoming<'_>],
) -> Result<ApplyReport, ServerError> {
    let mut report = ApplyReport::default();
    let mut by_scope: BTreeMap<&str, Vec<Incoming<'_>>> = BTreeMap::new();
    for (index, incoming) in changes.iter().enumerate() {
        match merge::check(incoming.change) {
            Ok(_) => by_scope.entry(incoming.scope).or_default().push(*incoming),
            Err(why) => report.rejected.push((index, why)),
        }
    }
    if by_scope.is_empty() {
        return Ok(report);
    }
    let mut tx = client.transaction()?;
    // Counters are taken in a fixed order (the pack's first), so two batches never wait on
    // each other's.
    for (scope, changes) in &by_scope {
        apply_scope(&mut tx, scope, changes, &mut report)?;
    }
    tx.commit()?;
    Ok(report)
}

/// The lesson pack's and the commune's log after `cursor`: the pack's first, so a device has
/// its lessons before its commune's progress on them. Narrowed to a device, rows only staff
/// or other devices may read are skipped in the database. Read in one snapshot with the log
/// counters, so that a page that is not full moves the cursor to where the log stood,
/// past what was skipped, and never past a position still being written.
pub(super) fn page(
    client: &mut postgres::Client,
    commune: &str,
    cursor: u64,
    max_entries: usize,
    narrowed_to: Option<Uuid>,
) -> Result<ChangePage, ServerError> {
    let (pack_at, commune_at) = split_cursor(cursor);
    let limit = max_entries.max(MIN_PAGE);
    let fetch = i64::try_from(limit + 1).unwrap_or(i64::MAX);
    let mut tx = client.build_transaction().isolation_level(IsolationLevel::RepeatableRead).read_only(true).start()?;
    let counter = |tx: &mut postgres::Transaction<'_>, scope: &str| -> Result<i64, ServerError> {
        let row = tx.query_typed_opt("SELECT seq FROM log_counters WHERE commune_id = $1", &[(&scope, Type::TEXT)])?;
        Ok(row.map(|r| r.try_get(0)).transpose()?.unwrap_or(0))
    };
    let pack_end = counter(&mut tx, PACK)?;
    if pack_at < pack_end {
        let rows = tx.query_typed(
            &format!("SELECT {LOG_COLUMNS} FROM reference_cells WHERE seq > $1 ORDER BY seq LIMIT $2"),
            &[(&pack_at, Type::INT8), (&fetch, Type::INT8)],
        )?;
        let rows = rows.iter().map(change_from_row).collect::<Result<Vec<_>, _>>()?;
        let (changes, last, more) = whole_entries(rows, limit);
        let pack_next = if more { last.unwrap_or(pack_at) } else { pack_end };
        // The commune's log follows, whether or not the pack's is done.
        tx.commit()?;
        return Ok(ChangePage { changes, cursor: join_cursor(pack_next, commune_at)?, more: true });
    }
    let commune_end = counter(&mut tx, commune)?;
    let rows = tx.query_typed(
        &format!(
            "SELECT {LOG_COLUMNS} FROM cells WHERE commune_id = $1 AND seq > $2
               AND ($4::uuid IS NULL OR audience IS NULL OR audience = $4)
             UNION ALL
             SELECT {FACT_COLUMNS} FROM facts WHERE commune_id = $1 AND seq > $2
               AND ($4::uuid IS NULL OR audience IS NULL OR audience = $4)
             ORDER BY seq LIMIT $3"
        ),
        &[(&commune, Type::TEXT), (&commune_at, Type::INT8), (&fetch, Type::INT8), (&narrowed_to, Type::UUID)],
    )?;
    tx.commit()?;
    let rows = rows.iter().map(change_from_row).collect::<Result<Vec<_>, _>>()?;
    let (changes, last, more) = whole_entries(rows, limit);
    let commune_next = if more { last.unwrap_or(commune_at) } else { commune_end.max(commune_at) };
    Ok(ChangePage { changes, cursor: join_cursor(pack_at.max(pack_end), commune_next)?, more })
}

/// The communes that have a log, the lesson pack's first.
pub(super) fn scopes(client: &mut impl GenericClient) -> Result<Vec<String>, ServerError> {
    Ok(client
        .query("SELECT commune_id FROM log_counters ORDER BY commune_id", &[])?
        .iter()
        .map(|r| r.try_get(0))
        .collect::<Result<_, _>>()?)
}

/// The whole log of one scope, in batches.
pub(super) fn export_scope(
    client: &mut postgres::Client,
    scope: &str,
    batch: usize,
    each: &mut dyn FnMut(Vec<Change>) -> Result<(), ServerError>,
) -> Result<(), ServerError> {
    // Past the pack's whole log for a commune, so only the commune's own rows come.
    let mut cursor = if scope == PACK { 0 } else { join_cursor((1 << 24) - 1, 0)? };
    loop {
        let page = page(client, scope, cursor, batch, None)?;
        cursor = page.cursor;
        each(page.changes)?;
        if !page.more {
            return Ok(());
        }
    }
}

pub(super) fn put_blob(client: &mut impl GenericClient, bytes: &[u8], mime: &str) -> Result<(), ServerError> {
    client.execute(
        "INSERT INTO blobs (hash, mime, data) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
        &[&blob::hash(bytes), &mime, &bytes],
    )?;
    Ok(())
}

/// Whether a live lesson's steps or quiz question's narration names the blob, as the store's
/// `is_lesson_asset` says (hashes are hex: a quoted search in the JSON is exact).
pub(super) fn is_lesson_asset(client: &mut impl GenericClient, hash: &str) -> Result<bool, ServerError> {
    if !blob::is_hash(hash) {
        return Ok(false);
    }
    Ok(client
        .query_one(
            "SELECT EXISTS (SELECT 1 FROM reference_cells s
               JOIN reference_cells d ON d.tbl = s.tbl AND d.row_id = s.row_id AND d.col = 'deleted'
               WHERE (s.tbl, s.col) IN (('lessons', 'steps'), ('quiz_questions', 'narration')) AND d.int_value = 0
                 AND strpos(s.text_value, '\"' || $1 || '\"') > 0)",
            &[&hash],
        )?
        .try_get(0)?)
}

pub(super) fn is_listing_photo_in(
    client: &mut impl GenericClient,
    hash: &str,
    commune: &str,
) -> Result<bool, ServerError> {
    if !blob::is_hash(hash) {
        return Ok(false);
    }
    Ok(client
        .query_one(
            "SELECT EXISTS (SELECT 1 FROM cells p
               JOIN cells d ON d.commune_id = p.commune_id AND d.tbl = p.tbl AND d.row_id = p.row_id
                 AND d.col = 'deleted'
               WHERE p.commune_id = $2 AND p.tbl = 'listings' AND p.col = 'photos' AND d.int_value = 0
                 AND strpos(p.text_value, '\"' || $1 || '\"') > 0)",
            &[&hash, &commune],
        )?
        .try_get(0)?)
}
