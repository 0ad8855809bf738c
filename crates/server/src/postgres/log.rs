//! How changes sit in PostgreSQL: clocks in bigint, values in two typed columns, and the
//! cursor a device keeps, which holds two log positions (the lesson pack's and its commune's).

use std::collections::BTreeMap;

use langso_core::replica::change::{Change, ChangeBody};
use langso_core::replica::clock::Stamp;
use langso_core::replica::value::Value;
use postgres::Row;
use uuid::Uuid;

use crate::ServerError;

/// Bits of a cursor that hold the commune's log position; the lesson pack's sits above them.
const COMMUNE_BITS: u32 = 40;

/// The unsigned clock, shifted so that bigint orders it the same way.
pub(super) fn hlc_to_sql(hlc: u64) -> i64 {
    i64::from_ne_bytes((hlc ^ (1 << 63)).to_ne_bytes())
}

pub(super) fn hlc_from_sql(stored: i64) -> u64 {
    u64::from_ne_bytes(stored.to_ne_bytes()) ^ (1 << 63)
}

/// A cursor as (lesson pack position, commune position).
pub(super) fn split_cursor(cursor: u64) -> (i64, i64) {
    let pack = i64::try_from(cursor >> COMMUNE_BITS).unwrap_or(i64::MAX);
    let commune = i64::try_from(cursor & ((1 << COMMUNE_BITS) - 1)).unwrap_or(i64::MAX);
    (pack, commune)
}

pub(super) fn join_cursor(pack: i64, commune: i64) -> Result<u64, ServerError> {
    let pack = u64::try_from(pack).map_err(|_| ServerError::Corrupt(format!("log position {pack}")))?;
    let commune = u64::try_from(commune).map_err(|_| ServerError::Corrupt(format!("log position {commune}")))?;
    if commune >> COMMUNE_BITS != 0 || pack >> (64 - COMMUNE_BITS) != 0 {
        return Err(ServerError::Corrupt(format!("log positions {pack}, {commune} overflow a cursor")));
    }
    Ok(pack << COMMUNE_BITS | commune)
}

/// A value as the two typed columns hold it.
pub(super) fn value_to_sql(value: &Value) -> (Option<i64>, Option<String>) {
    match value {
        Value::Null => (None, None),
        Value::Int(i) => (Some(*i), None),
        Value::Text(t) => (None, Some(t.clone())),
    }
}

pub(super) fn value_from_sql(int_value: Option<i64>, text_value: Option<String>) -> Value {
    match (int_value, text_value) {
        (Some(i), _) => Value::Int(i),
        (None, Some(t)) => Value::Text(t),
        (None, None) => Value::Null,
    }
}

/// A log row read as `tbl, row_id, col, int_value, text_value, vals, hlc, node, seq`: a
/// column change when `col` is set, a fact otherwise.
pub(super) fn change_from_row(row: &Row) -> Result<(Change, i64), ServerError> {
    let stamp = Stamp { hlc: hlc_from_sql(row.try_get("hlc")?), node: row.try_get::<_, Uuid>("node")? };
    let column: Option<String> = row.try_get("col")?;
    let body = match column {
        Some(column) => {
            ChangeBody::Column { column, value: value_from_sql(row.try_get("int_value")?, row.try_get("text_value")?) }
        }
        None => {
            let vals: serde_json::Value = row.try_get("vals")?;
            let values: BTreeMap<String, Value> =
                serde_json::from_value(vals).map_err(|e| ServerError::Corrupt(format!("fact values: {e}")))?;
            ChangeBody::Fact { values }
        }
    };
    let change = Change { table: row.try_get("tbl")?, row: row.try_get("row_id")?, stamp, body };
    Ok((change, row.try_get("seq")?))
}

/// Keeps whole log entries: when `rows` holds more than `limit`, the entry cut at the limit
/// is left for the next page. Returns the changes, the last position kept, and whether more
/// follow.
pub(super) fn whole_entries(mut rows: Vec<(Change, i64)>, limit: usize) -> (Vec<Change>, Option<i64>, bool) {
    let more = rows.len() > limit;
    if more {
        let cut = rows[limit].1;
        let kept = rows.iter().take_while(|(_, seq)| *seq < cut).count();
        // One entry is one row's columns, far fewer than a page: this keeps at least one.
        rows.truncate(if kept == 0 { rows.iter().take_while(|(_, seq)| *seq == cut).count() } else { kept });
    }
    let last = rows.last().map(|(_, seq)| *seq);
    (rows.into_iter().map(|(c, _)| c).collect(), last, more)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clocks_keep_their_order_in_bigint() {
        let clocks = [0, 1, (1 << 63) - 1, 1 << 63, (1 << 63) + 1, u64::MAX - 1, u64::MAX];
        for pair in clocks.windows(2) {
            assert!(hlc_to_sql(pair[0]) < hlc_to_sql(pair[1]), "{pair:?}");
        }
        for c in clocks {
            assert_eq!(hlc_from_sql(hlc_to_sql(c)), c);
        }
    }

    #[test]
    fn a_cursor_holds_both_positions() {
        let cursor = join_cursor(384, 1_000_000).expect("fits");
        assert_eq!(split_cursor(cursor), (384, 1_000_000));
        assert_eq!(split_cursor(0), (0, 0));
        assert!(join_cursor(0, 1 << 40).is_err());
        assert!(join_cursor(-1, 0).is_err());
    }
}
