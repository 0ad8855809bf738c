//! Every command on a plain test host, without a window: its normal result and each refusal
//! (no open person, wrong role, bad input), with real stores on temp files and, for joining a
//! commune and the hub, a real server on a loopback port.

use std::net::SocketAddr;
use std::sync::Arc;

use langso_commands::certificate::CertificateFile;
use langso_commands::{App, Failure};
use langso_core::Store;
use langso_core::people::device_profiles::Display;
use langso_core::people::household::NewHousehold;
use langso_core::people::profile::{NewProfile, ProfileEdit};
use langso_core::places::NewCommune;
use langso_core::role::Role;
use langso_testkit::{TestServer, bundled_pack, new_profile};

struct Host {
    app: App,
    village: String,
    dir: tempfile::TempDir,
}

/// A device as the app opens it: the bundled pack installed, one commune with one village.
fn host() -> Host {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Arc::new(Store::open(&dir.path().join("langso.sqlite3")).expect("store"));
    store.install_pack(bundled_pack()).expect("pack");
    let commune = store
        .create_commune(&NewCommune { name: "Xã Lũng Cú".into(), district: None, province: None })
        .expect("commune");
    let village = store.create_village(&commune.id, "Thôn Lô Lô Chải").expect("village").id;
    let loopback = SocketAddr::from(([127, 0, 0, 1], 0));
    let app =
        App::new(store, dir.path().to_owned(), None, &tokio::runtime::Handle::current()).with_hub_address(loopback);
    Host { app, village, dir }
}

fn mai(village: &str, pin: Option<&str>) -> NewProfile {
    NewProfile { pin: pin.map(str::to_owned), ..new_profile(village, Role::Villager, "Lò Thị Mai") }
}

/// The code the UI would show for a refusal.
fn code<T: std::fmt::Debug>(result: Result<T, Failure>) -> &'static str {
    result.expect_err("refused").localize("vi").code
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn settings() {
    let host = host();
    assert_eq!(host.app.get_settings().await.expect("settings").language, "vi");
    assert_eq!(host.app.set_language("en".into()).await.expect("English").language, "en");
    assert_eq!(code(host.app.set_language("klingon".into()).await), "error-unknown-language");
    assert_eq!(host.app.get_settings().await.expect("settings").language, "en", "the refusal changed nothing");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn people() {
    let host = host();
    let app = &host.app;
    let villages = app.villages().await.expect("villages");
    assert_eq!((villages[0].name.as_str(), villages[0].commune.as_str()), ("Thôn Lô Lô Chải", "Xã Lũng Cú"));
    assert!(app.device_profiles().await.expect("start screen").is_empty());

    // Bad input and no consent are refused; the good profile opens.
    assert_eq!(
        code(app.create_profile(NewProfile { name: " ".into(), ..mai(&host.village, None) }).await),
        "invalid-empty"
    );
    let no_consent = NewProfile { consent_version: None, ..mai(&host.village, None) };
    assert_eq!(code(app.create_profile(no_consent).await), "invalid-consent");
    assert_eq!(code(app.create_profile(mai(&host.village, Some("12"))).await), "invalid-pin");
    let opened = app.create_profile(mai(&host.village, Some("2468"))).await.expect("created");
    assert!(opened.profile.has_pin);
    let id = opened.profile.id.clone();
    assert_eq!(app.device_profiles().await.expect("start screen")[0].id, id);

    // Closing and opening again takes the PIN.
    app.close_profile().await.expect("close");
    let home = app
        .store()
        .create_household(&NewHousehold {
            village_id: host.village.clone(),
            head_name: "Lò Văn Páo".into(),
            address: Some("Số 7".into()),
        })
        .expect("household");
    let edit = ProfileEdit {
        village_id: Some(host.village.clone()),
        name: "Lò Thị Mai".into(),
        household: Some(home.id.clone()),
        birth_year: Some(1990),
        phone: Some("0912345678".into()),
        avatar: None,
    };
    assert_eq!(code(app.edit_profile(edit.clone()).await), "error-no-profile");
    assert_eq!(code(app.set_pin(None).await), "error-no-profile");
    assert_eq!(code(app.set_display(Display::default()).await), "error-no-profile");
    assert_eq!(code(app.export_profile().await), "error-no-profile");
    assert_eq!(code(app.delete_profile().await), "error-no-profile");
    assert_eq!(code(app.open_profile(id.clone(), Some("0000".into())).await), "error-wrong-pin");
    assert_eq!(code(app.open_profile("no-such-profile".into(), None).await), "invalid-unknown");
    app.open_profile(id.clone(), Some("2468".into())).await.expect("the right PIN");

    let edited = app.edit_profile(edit).await.expect("edit");
    assert_eq!(edited.household.as_deref(), Some(home.id.as_str()));
    assert_eq!(edited.household_name.as_deref(), Some("Lò Văn Páo, Số 7"));
    let bad_phone = ProfileEdit {
        village_id: Some(host.village.clone()),
        name: "Lò Thị Mai".into(),
        household: None,
        birth_year: None,
        phone: Some("12345".into()),
        avatar: None,
    };
    assert_eq!(code(app.edit_profile(bad_phone).await), "invalid-phone");
    assert_eq!(code(app.set_pin(Some("abcd".into())).await), "invalid-pin");
    app.set_pin(None).await.expect("PIN removed");
    let large = Display { text_size: 2, high_contrast: true };
    assert_eq!(app.set_display(large).await.expect("display"), large);
    assert_eq!(code(app.set_display(Display { text_size: 7, high_contrast: false }).await), "invalid-range");

    let exported = app.export_profile().await.expect("export");
    assert!(exported.path.starts_with(&host.dir.path().display().to_string()), "no Downloads: the data folder");
    assert!(std::fs::read_to_string(&exported.path).expect("saved").contains("Lò Văn Páo, Số 7"));

    app.delete_profile().await.expect("deleted");
    assert!(app.device_profiles().await.expect("start screen").is_empty());
    assert_eq!(code(app.progress().await), "error-no-profile", "the deleted person is no longer open");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lessons() {
    let host = host();
    let app = &host.app;
    let catalogue = app.catalogue("vi".into()).await.expect("catalogue");
    assert!(catalogue.len() >= 12);
    let first = &catalogue[0];
    let lesson = app.lesson(first.id.clone(), "vi".into()).await.expect("lesson");
    assert_eq!(code(app.lesson("no-such-lesson".into(), "vi".into()).await), "invalid-unknown");
    let picture = lesson.steps[0].illustration.clone().expect("a picture").hash;
    assert!(app.asset(picture).await.expect("picture").starts_with(b"<svg"));
    assert_eq!(code(app.asset("ab".repeat(32)).await), "invalid-unknown");
    let found = app.search_lessons("mat khau".into(), "vi".into()).await.expect("search");
    assert!(!found.is_empty(), "typed without diacritics");

    // A person's commands wait for a person.
    assert_eq!(code(app.progress().await), "error-no-profile");
    assert_eq!(code(app.record_step(first.id.clone(), 0).await), "error-no-profile");
    let question = lesson.quiz[0].id.clone();
    assert_eq!(code(app.answer(question.clone(), 0, "vi".into()).await), "error-no-profile");
    assert_eq!(code(app.complete_lesson(first.id.clone()).await), "error-no-profile");
    assert_eq!(code(app.learnt("vi".into()).await), "error-no-profile");
    assert_eq!(code(app.save_certificate("vi".into(), CertificateFile::Pdf).await), "error-no-profile");

    app.create_profile(mai(&host.village, None)).await.expect("Mai");
    app.record_step(first.id.clone(), 1).await.expect("step");
    assert_eq!(code(app.record_step("no-such-lesson".into(), 0).await), "invalid-unknown");
    assert_eq!(code(app.answer(question.clone(), 99, "vi".into()).await), "invalid-unknown");
    app.answer(question, 0, "vi".into()).await.expect("feedback");
    app.complete_lesson(first.id.clone()).await.expect("complete");
    assert!(
        app.progress().await.expect("progress").iter().any(|p| p.lesson_id == first.id && p.completed_at.is_some())
    );
    assert!(app.learnt("vi".into()).await.expect("learnt").lessons.iter().any(|l| l.lesson_id == first.id));

    // Her certificate, saved as a picture and as a PDF (no Downloads folder: the data folder).
    let picture = app.save_certificate("vi".into(), CertificateFile::Picture).await.expect("picture");
    let pdf = app.save_certificate("en".into(), CertificateFile::Pdf).await.expect("pdf");
    assert!(picture.path.starts_with(host.dir.path().to_str().expect("path")) && picture.path.ends_with(".png"));
    assert!(std::fs::read(&picture.path).expect("png").starts_with(b"\x89PNG"));
    assert!(pdf.path.ends_with(".pdf") && pdf.path.contains("certificate-"), "named in English: {}", pdf.path);
    assert!(std::fs::read(&pdf.path).expect("pdf").starts_with(b"%PDF"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sync_and_hub() {
    let server = TestServer::start().await;
    let url = server.url.clone();
    let code_of = |role: Role| server.code(role).to_owned();

    let villager = host();
    let status = villager.app.sync_status().await.expect("status");
    assert!(!status.enrolled && status.role.is_none());
    assert!(!villager.app.sync_now().await.expect("sync now").enrolled);
    assert_eq!(code(villager.app.start_hub().await), "sync-error-unauthorized", "a hub must be enrolled");
    assert_eq!(
        code(villager.app.enroll("http://127.0.0.1:1".into(), code_of(Role::Villager)).await),
        "sync-error-offline"
    );
    assert_eq!(code(villager.app.enroll(url.clone(), "WRONG-CODE".into()).await), "sync-error-bad-code");
    let status = villager.app.enroll(format!(" {url} "), code_of(Role::Villager)).await.expect("enrolled");
    assert_eq!((status.enrolled, status.role), (true, Some(Role::Villager)));
    assert_eq!(code(villager.app.start_hub().await), "hub-error-not-staff", "a villager's phone is no hub");
    assert!(villager.app.hub_info().await.expect("info").is_none());

    let volunteer = host();
    volunteer.app.enroll(url, code_of(Role::Volunteer)).await.expect("enrolled");
    let hub = volunteer.app.start_hub().await.expect("hub");
    assert!(hub.address.starts_with("http://127.0.0.1:"));
    assert!(hub.qr_svg.starts_with("<?xml") || hub.qr_svg.contains("<svg"));
    assert_eq!(hub.codes.iter().map(|(r, _)| *r).collect::<Vec<_>>(), [Role::Villager, Role::Farmer, Role::Volunteer]);
    assert_eq!(volunteer.app.hub_info().await.expect("info").map(|i| i.address), Some(hub.address.clone()));
    let answer = reqwest_free_health(&hub.address).await;
    assert!(answer.contains("200 OK"), "the hub serves: {answer}");
    volunteer.app.stop_hub().await.expect("stop");
    assert!(volunteer.app.hub_info().await.expect("info").is_none());
}

/// `GET /health` on `address`, spoken by hand: this crate has no HTTP client of its own.
async fn reqwest_free_health(address: &str) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let host = address.trim_start_matches("http://");
    let mut stream = tokio::net::TcpStream::connect(host).await.expect("connect");
    stream.write_all(b"GET /health HTTP/1.1\r\nHost: hub\r\nConnection: close\r\n\r\n").await.expect("request");
    let mut answer = String::new();
    stream.read_to_string(&mut answer).await.expect("answer");
    answer
}
