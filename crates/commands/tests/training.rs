//! A volunteer's session through the app's commands, offline on a real store: planning it,
//! registering two villagers of one new household, marks, skills, the class, and the report's
//! files read back, whose numbers must be the screen's. And what is refused: a villager's
//! profile, another commune's session, a skill for someone absent. And the live roster: a
//! phone learning through the laptop's hub shows up for the session as it syncs.

use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;

use langso_commands::{App, Failure};
use langso_core::Store;
use langso_core::learning::topic::Topic;
use langso_core::people::household::HouseholdChoice;
use langso_core::places::NewCommune;
use langso_core::role::Role;
use langso_core::training::attendance::Attendance;
use langso_core::training::class::{ClassProgress, LessonState};
use langso_core::training::session::SessionInput;
use langso_testkit::{Device, TestServer, bundled_pack, new_profile};

fn code<T: std::fmt::Debug>(result: Result<T, Failure>) -> &'static str {
    result.expect_err("refused").localize("vi").code
}

const START: i64 = 1_795_500_000_000;

/// A volunteer's laptop: the bundled pack, enrolled with `server` as a volunteer's device and
/// synced, so that it holds the commune and its village; reports go to `Downloads`.
async fn volunteer_laptop(server: &TestServer) -> (tempfile::TempDir, Arc<Store>, App) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Arc::new(Store::open(&dir.path().join("langso.sqlite3")).expect("store"));
    store.install_pack(bundled_pack()).expect("pack");
    let downloads = dir.path().join("Downloads");
    std::fs::create_dir(&downloads).expect("downloads");
    let app = App::new(store.clone(), dir.path().to_owned(), Some(downloads), &tokio::runtime::Handle::current())
        .with_hub_address(SocketAddr::from(([127, 0, 0, 1], 0)));
    let volunteer = new_profile(&server.seed.village_id, Role::Volunteer, "Vàng Văn Dũng");
    assert_eq!(code(app.create_profile(volunteer).await), "error-role-not-enrolled", "not before it joins as one");
    app.enroll(server.url.clone(), server.code(Role::Volunteer).to_owned()).await.expect("enrolled");
    while app.villages().await.expect("villages").is_empty() {
        app.sync_now().await.expect("sync");
    }
    (dir, store, app)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_volunteer_runs_a_session_and_saves_its_report() {
    let server = TestServer::start().await;
    let (dir, store, app) = volunteer_laptop(&server).await;
    let downloads = dir.path().join("Downloads");
    let village = server.seed.village_id.clone();
    let far = store.create_commune(&NewCommune { name: "Xã Sủng Là".into(), district: None, province: None });
    let far_village = store.create_village(&far.expect("commune").id, "Thôn Lao Xa").expect("village").id;

    let lessons: Vec<String> =
        app.catalogue("vi".into()).await.expect("catalogue").into_iter().take(2).map(|l| l.id).collect();
    let input = SessionInput {
        village_id: village.clone(),
        title: "Thanh toán an toàn".into(),
        place: Some("Nhà văn hoá thôn".into()),
        starts_at: START,
        ends_at: START + 2 * 3600 * 1000,
        lessons: lessons.clone(),
        skills: vec![Topic::OnlinePayments, Topic::OnlineSafety],
    };

    // A villager's profile cannot run sessions.
    let villager = app.create_profile(new_profile(&village, Role::Villager, "Lò Thị Mai")).await.expect("villager");
    assert_eq!(code(app.sessions().await), "error-staff-only");
    assert_eq!(code(app.plan_session(input.clone()).await), "error-staff-only");

    app.create_profile(new_profile(&village, Role::Volunteer, "Vàng Văn Dũng")).await.expect("volunteer");
    let backwards = SessionInput { ends_at: START - 1, ..input.clone() };
    assert_eq!(code(app.plan_session(backwards).await), "invalid-order");
    let elsewhere = SessionInput { village_id: far_village.clone(), ..input.clone() };
    assert_eq!(code(app.plan_session(elsewhere).await), "invalid-unknown", "a village of another commune");
    assert!(app.sessions().await.expect("sessions").is_empty(), "the refusals wrote nothing");
    let session = app.plan_session(input).await.expect("planned");

    // Two villagers of one new household, registered at the session.
    let lan = app
        .register_person(
            session.id.clone(),
            new_profile(&village, Role::Villager, "Nguyễn Thị Lan"),
            HouseholdChoice::New { head_name: "Nguyễn Văn Hùng".into(), address: Some("Số 12".into()) },
            Attendance::Present,
        )
        .await
        .expect("Lan");
    let home = lan.household.clone().expect("household");
    let hung = app
        .register_person(
            session.id.clone(),
            new_profile(&village, Role::Villager, "Nguyễn Văn Hùng"),
            HouseholdChoice::Existing { id: home.clone() },
            Attendance::Late,
        )
        .await
        .expect("Hùng");
    let found = app.find_people("nguyen thi lan".into()).await.expect("found");
    assert_eq!(found.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(), ["Nguyễn Thị Lan"]);
    let roster = app.add_to_session(session.id.clone(), villager.profile.id.clone()).await.expect("Mai listed");
    assert_eq!(roster.len(), 3);
    assert_eq!(
        code(app.check_skill(session.id.clone(), villager.profile.id.clone(), Topic::OnlineSafety, true).await),
        "invalid-not-present"
    );
    app.mark_attendance(session.id.clone(), villager.profile.id.clone(), Attendance::Absent).await.expect("absent");
    for skill in [Topic::OnlinePayments, Topic::OnlineSafety] {
        app.check_skill(session.id.clone(), lan.id.clone(), skill, true).await.expect("Lan's skill");
    }
    app.check_skill(session.id.clone(), hung.id.clone(), Topic::OnlineSafety, true).await.expect("Hùng's skill");

    // Lan finishes the first lesson on this device.
    app.open_profile(lan.id.clone(), None).await.expect("Lan opens");
    app.complete_lesson(lessons[0].clone()).await.expect("completed");
    let volunteer = store.find_people(&server.seed.commune_id, "vang van dung", 1).expect("find")[0].id.clone();
    app.open_profile(volunteer, None).await.expect("the volunteer again");

    let class = app.class_progress(session.id.clone(), "vi".into()).await.expect("class");
    assert_eq!((class.learners.len(), class.lessons[0].completed), (2, 1));
    let record = app.skill_record(lan.id.clone()).await.expect("record");
    assert_eq!(record.marks.iter().filter(|m| m.checked_at.is_some()).count(), 2);

    // The files hold exactly the screen's numbers.
    let saved = app.export_session_report(session.id.clone(), "vi".into()).await.expect("saved");
    let screen = app.session_report(session.id.clone()).await.expect("report");
    assert_eq!(saved.report, screen);
    assert_eq!((screen.listed, screen.attended, screen.late, screen.absent), (3, 2, 1, 1));
    assert!(saved.csv_path.starts_with(downloads.to_str().expect("path")));
    let bytes = std::fs::read(&saved.csv_path).expect("csv");
    assert!(bytes.starts_with(&[0xEF, 0xBB, 0xBF]), "a byte-order mark for spreadsheet programs");
    let rows: Vec<Vec<String>> = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(&bytes[3..])
        .records()
        .map(|r| r.expect("a CSV record").iter().map(str::to_owned).collect())
        .collect();
    assert_eq!(rows[0][0], "Họ và tên");
    assert_eq!(rows.len(), 1 + screen.rows.len());
    for (line, row) in rows[1..].iter().zip(&screen.rows) {
        assert_eq!(line[0], row.name.clone().expect("name"));
        assert_eq!(line[2], row.household.clone().unwrap_or_default());
        assert_eq!(line[4], row.skills.len().to_string(), "skills counted as on screen");
        assert_eq!(line[6], row.lessons_completed.to_string(), "lessons as on screen");
    }
    let lan_row = rows.iter().find(|r| r[0] == "Nguyễn Thị Lan").expect("Lan's row");
    assert_eq!(
        (lan_row[2].as_str(), lan_row[3].as_str(), lan_row[6].as_str()),
        ("Nguyễn Văn Hùng, Số 12", "Có mặt", "1")
    );
    let pdf = std::fs::read(&saved.pdf_path).expect("pdf");
    assert!(pdf.starts_with(b"%PDF"), "a PDF beside it");
    // Kept to look at: `<target>/tmp/session-report.pdf`.
    std::fs::write(Path::new(env!("CARGO_TARGET_TMPDIR")).join("session-report.pdf"), &pdf).expect("kept");

    // Cancelled with a reason, it refuses more marks.
    let cancelled = app.cancel_session(session.id.clone(), "Mưa lũ".into()).await.expect("cancelled");
    assert_eq!(cancelled.cancel_reason.as_deref(), Some("Mưa lũ"));
    assert_eq!(
        code(app.mark_attendance(session.id.clone(), lan.id.clone(), Attendance::Absent).await),
        "invalid-cancelled"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn phones_learning_through_the_laptops_hub_show_up_in_the_session_as_they_sync() {
    let server = TestServer::start().await;
    let (_dir, _store, app) = volunteer_laptop(&server).await;
    let village = server.seed.village_id.clone();
    app.create_profile(new_profile(&village, Role::Volunteer, "Vàng Văn Dũng")).await.expect("volunteer");
    let lesson = app.catalogue("vi".into()).await.expect("catalogue")[0].id.clone();
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).expect("now").as_millis() as i64;
    let session = app
        .plan_session(SessionInput {
            village_id: village,
            title: "Học trên điện thoại".into(),
            place: None,
            starts_at: now - 30 * 60 * 1000,
            ends_at: now + 90 * 60 * 1000,
            lessons: vec![lesson.clone()],
            skills: vec![],
        })
        .await
        .expect("planned");
    let hub = app.start_hub().await.expect("hub");
    let code = hub.codes.iter().find(|(r, _)| *r == Role::Villager).map(|(_, c)| c.clone()).expect("a code");

    // A villager's phone joins the laptop's hub and starts the lesson.
    let version = app.data_version().await.expect("version");
    let phone = Device::new();
    let client = phone.enroll(&hub.address, &code).await;
    phone.sync_until_done(&client).await;
    let mai = phone.person(Role::Villager, "Lò Thị Mai");
    phone.store.record_step(&mai, &lesson, 0).expect("a step");
    phone.sync_until_done(&client).await;
    assert!(app.data_version().await.expect("version") > version, "the screen knows to reload");
    let nearby = app.learning_nearby(session.id.clone()).await.expect("nearby");
    assert_eq!(nearby.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(), ["Lò Thị Mai"]);

    // Added with a tap and marked, she is in the class; her completion shows once her phone syncs.
    app.add_to_session(session.id.clone(), mai.clone()).await.expect("listed");
    app.mark_attendance(session.id.clone(), mai.clone(), Attendance::Present).await.expect("present");
    assert!(app.learning_nearby(session.id.clone()).await.expect("nearby").is_empty(), "now on the list");
    let state = |class: ClassProgress| class.learners[0].lessons[0].state;
    assert_eq!(state(app.class_progress(session.id.clone(), "vi".into()).await.expect("class")), LessonState::Started);
    phone.store.complete_lesson(&mai, &lesson).expect("completed");
    phone.sync_until_done(&client).await;
    assert_eq!(
        state(app.class_progress(session.id.clone(), "vi".into()).await.expect("class")),
        LessonState::Completed
    );
    app.stop_hub().await.expect("stop");
}
