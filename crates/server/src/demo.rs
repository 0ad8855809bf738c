//! The demo commune's people and sessions, so that a volunteer opening the demo app finds a
//! commune that has already started: three households of villagers who consented, a session
//! held last week with marks and skill checks, one today and one next week. Written once, as
//! the server writes into a commune (see [`Service::merge_as_server`]).

use langso_core::Store;
use langso_core::learning::topic::Topic;
use langso_core::people::household::NewHousehold;
use langso_core::people::profile::NewProfile;
use langso_core::places::Commune;
use langso_core::role::Role;
use langso_core::time::now_ms;
use langso_core::training::attendance::Attendance;
use langso_core::training::session::SessionInput;
use langso_core::validate::{Field, Invalid, Rule};

use crate::{ServerError, Service};

/// The consent notice's version the demo's people agreed to (the app's `CONSENT_VERSION`).
const CONSENT_VERSION: &str = "pdpl-2025-1";
const HOUR_MS: i64 = 3_600_000;
const DAY_MS: i64 = 24 * HOUR_MS;

/// Households of the first village, each with its members.
const HOUSEHOLDS: [(&str, &str, &[&str]); 3] = [
    ("Giàng A Páo", "Số 3", &["Giàng A Páo", "Giàng Thị Sua"]),
    ("Lò Văn Tú", "Xóm Trên", &["Lò Văn Tú", "Lò Thị Mai"]),
    ("Nguyễn Văn Hùng", "Số 12", &["Nguyễn Văn Hùng", "Nguyễn Thị Lan"]),
];

/// Adds the demo's people and sessions to `commune`, unless it has sessions already.
pub fn seed(service: &Service, commune: &Commune) -> Result<(), ServerError> {
    let copy_dir = tempfile::tempdir().map_err(|e| ServerError::Io(e.to_string()))?;
    let copy = Store::open(&copy_dir.path().join("demo.sqlite3"))?;
    service.copy_into(&copy)?;
    if !copy.sessions(&commune.id)?.is_empty() {
        return Ok(());
    }
    let before = copy.last_seq()?;
    write(&copy, commune)?;
    let changes = copy.changes_since(before, usize::MAX)?.changes;
    service.merge_as_server(&commune.id, &changes)?;
    Ok(())
}

fn person(village_id: &str, role: Role, name: &str, household: Option<String>) -> NewProfile {
    NewProfile {
        village_id: Some(village_id.to_owned()),
        role,
        name: name.to_owned(),
        household,
        birth_year: None,
        phone: None,
        avatar: None,
        pin: None,
        consent_version: Some(CONSENT_VERSION.to_owned()),
        read_aloud: false,
    }
}

fn write(store: &Store, commune: &Commune) -> Result<(), ServerError> {
    let unknown = || langso_core::Error::from(Invalid::new(Field::Village, Rule::Unknown));
    let village = store.villages(&commune.id)?.into_iter().next().ok_or_else(unknown)?;
    let volunteer = store.create_profile(&person(&village.id, Role::Volunteer, "Vàng Văn Dũng", None))?;
    let mut people = Vec::new();
    for (head_name, address, members) in HOUSEHOLDS {
        let household = store.create_household(&NewHousehold {
            village_id: village.id.clone(),
            head_name: head_name.to_owned(),
            address: Some(address.to_owned()),
        })?;
        for name in members {
            let p = store.create_profile(&person(&village.id, Role::Villager, name, Some(household.id.clone())))?;
            people.push(p.id);
        }
    }
    let lessons: Vec<String> = store.catalogue("vi")?.into_iter().map(|l| l.id).collect();
    let day_start = now_ms() - now_ms().rem_euclid(DAY_MS);
    let plan = |title: &str, starts_at: i64, lessons: &[String], skills: &[Topic]| {
        store.create_session(
            &volunteer.id,
            &SessionInput {
                village_id: village.id.clone(),
                title: title.to_owned(),
                place: Some("Nhà văn hoá thôn".to_owned()),
                starts_at,
                ends_at: starts_at + 2 * HOUR_MS,
                lessons: lessons.to_vec(),
                skills: skills.to_vec(),
            },
        )
    };
    // Last week, at 08:00 in Vietnam (01:00 UTC): everyone came but Mai, one late.
    let held = plan(
        "Dịch vụ công trực tuyến cho bà con",
        day_start - 7 * DAY_MS + HOUR_MS,
        lessons.get(..2).unwrap_or_default(),
        &[Topic::PublicServices, Topic::OnlineSafety],
    )?;
    for (i, id) in people.iter().enumerate() {
        let status = match i {
            3 => Attendance::Absent,
            1 => Attendance::Late,
            _ => Attendance::Present,
        };
        store.mark_attendance(&held.id, id, status, &volunteer.id)?;
        if status.attended() {
            store.check_skill(&held.id, id, Topic::PublicServices, true, &volunteer.id)?;
            if i % 2 == 0 {
                store.check_skill(&held.id, id, Topic::OnlineSafety, true, &volunteer.id)?;
            }
        }
    }
    // Today at 14:00 in Vietnam, four on the list; and next week.
    let today = plan(
        "Thanh toán an toàn trên điện thoại",
        day_start + 7 * HOUR_MS,
        lessons.get(2..4).unwrap_or_default(),
        &[Topic::OnlinePayments, Topic::OnlineShopping],
    )?;
    for id in people.iter().take(4) {
        store.add_to_session(&today.id, id, &volunteer.id)?;
    }
    plan(
        "Dùng Zalo của xã và cổng thông tin tỉnh",
        day_start + 7 * DAY_MS + 7 * HOUR_MS,
        lessons.get(4..5).unwrap_or_default(),
        &[Topic::LocalPlatforms],
    )?;
    Ok(())
}
