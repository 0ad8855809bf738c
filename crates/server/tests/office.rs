//! The commune office's pages against the real server, on the engine the test run names: an
//! official's app gets a one-time code and signs in; a wrong, reused or cross-site code is
//! refused; the official sees their commune and nothing of another; the figures, the charts
//! and both exports equal what the official's own store counts; a province account sees its
//! communes in a sortable table without anyone's name; sign-out needs the page's token.

use std::collections::HashMap;
use std::io::Cursor;
use std::time::Duration;

use calamine::{Data, Reader, Xlsx};
use langso_core::dashboard::Dashboard;
use langso_core::learning::topic::Topic;
use langso_core::people::household::NewHousehold;
use langso_core::places::NewCommune;
use langso_core::role::Role;
use langso_core::time::now_ms;
use langso_core::training::attendance::Attendance;
use langso_core::training::session::SessionInput;
use langso_server::office::OfficeScope;
use langso_sync::SyncError;
use langso_testkit::{Phone, TestServer, app_phone, new_profile, person};
use reqwest::StatusCode;
use reqwest::header::{self, HeaderMap};

const DAY: i64 = 86_400_000;

fn http() -> reqwest::Client {
    reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().expect("client")
}

/// An official's phone that registered a household of two, held a session where one of them
/// got all five skills, set the commune's target and synced.
async fn official(server: &TestServer) -> (Phone, String) {
    let phone = app_phone(server, server.code(Role::Official)).await;
    let me = person(&phone.store, Role::Official, "Hoàng Văn Thụ");
    let store = &phone.store;
    let village = server.seed.village_id.clone();
    let home = store
        .create_household(&NewHousehold {
            village_id: village.clone(), head_name: "Giàng A Páo".into(), address: None
        })
        .expect("household")
        .id;
    let mut people = Vec::new();
    for name in ["Giàng A Páo", "Giàng Thị Sua"] {
        let mut new = new_profile(&village, Role::Villager, name);
        new.household = Some(home.clone());
        people.push(store.create_profile(&new).expect("person").id);
    }
    let session = store
        .create_session(
            &me,
            &SessionInput {
                village_id: village,
                title: "Kỹ năng số".into(),
                place: None,
                starts_at: now_ms() - 3 * DAY,
                ends_at: now_ms() - 3 * DAY + 7_200_000,
                lessons: vec![],
                skills: Topic::BASIC_SKILLS.to_vec(),
            },
        )
        .expect("session");
    for id in &people {
        store.mark_attendance(&session.id, id, Attendance::Present, &me).expect("present");
    }
    for skill in Topic::BASIC_SKILLS {
        store.check_skill(&session.id, &people[1], skill, true, &me).expect("check");
    }
    store.set_household_target(&server.seed.commune_id, Some(80)).expect("target");
    let report = phone.client.sync(store).await.expect("sync");
    assert!(report.rejected.is_empty(), "{:?}", report.rejected);
    (phone, me)
}

/// Signs in with `code`; the answer's status, headers and the session cookie (`name=value`).
async fn sign_in(server: &TestServer, code: &str, origin: Option<&str>) -> (StatusCode, HeaderMap, Option<String>) {
    let mut request = http().post(format!("{}/office/sign-in", server.url)).form(&[("code", code)]);
    if let Some(origin) = origin {
        request = request.header(header::ORIGIN, origin).header("sec-fetch-site", "cross-site");
    }
    let response = request.send().await.expect("answer");
    let headers = response.headers().clone();
    let cookie = headers
        .get(header::SET_COOKIE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(str::to_owned);
    (response.status(), headers, cookie)
}

async fn get(server: &TestServer, cookie: &str, path: &str) -> (StatusCode, HeaderMap, Vec<u8>) {
    let response =
        http().get(format!("{}{path}", server.url)).header(header::COOKIE, cookie).send().await.expect("answer");
    let (status, headers) = (response.status(), response.headers().clone());
    (status, headers, response.bytes().await.expect("body").to_vec())
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The figures without the moment they were counted at, to compare two countings.
fn figures(mut d: Dashboard) -> Dashboard {
    d.counted_at = 0;
    d
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_official_signs_in_with_a_code_from_the_app_and_sees_only_their_commune() {
    let server = TestServer::builder().other_commune().start().await;
    let (phone, _) = official(&server).await;
    let commune = server.seed.commune_id.clone();

    // A villager's device cannot get a code.
    let villager = app_phone(&server, server.code(Role::Villager)).await;
    match villager.client.office_code().await {
        Err(SyncError::Refused(id)) => assert_eq!(id, "devices-error-not-official"),
        other => panic!("a villager's device got {other:?}"),
    }

    let (status, _, page) = get(&server, "", "/office").await;
    assert_eq!(status, StatusCode::OK);
    assert!(text(&page).contains("name=\"code\""));

    // A wrong code, then the right one from another site's page: refused, nothing set.
    let code = phone.client.office_code().await.expect("code").code;
    let (status, _, cookie) = sign_in(&server, "ABCD-EFGH", None).await;
    assert_eq!((status, cookie), (StatusCode::UNAUTHORIZED, None));
    let (status, _, cookie) = sign_in(&server, &code, Some("http://evil.example")).await;
    assert_eq!((status, cookie), (StatusCode::FORBIDDEN, None));

    // The right code, typed loosely, once.
    let (status, headers, cookie) = sign_in(&server, &code.to_lowercase().replace('-', " "), None).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(headers[header::LOCATION], format!("/office/commune/{commune}").as_str());
    let set = headers[header::SET_COOKIE].to_str().expect("cookie");
    for part in ["HttpOnly", "SameSite=Strict", "Path=/office", "Max-Age=28800"] {
        assert!(set.contains(part), "{set}");
    }
    let cookie = cookie.expect("session cookie");
    let (status, _, again) = sign_in(&server, &code, None).await;
    assert_eq!((status, again), (StatusCode::UNAUTHORIZED, None), "a code works once");

    // The page: the same figures the official's own store counts, offline.
    let (status, headers, page) = get(&server, &cookie, &format!("/office/commune/{commune}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[header::CACHE_CONTROL], "no-store");
    assert!(headers[header::CONTENT_SECURITY_POLICY].to_str().expect("csp").contains("default-src 'none'"));
    let page = text(&page);
    let mine = phone.store.dashboard(&commune, now_ms()).expect("count").expect("commune");
    let theirs = server.service.dashboard(&commune).expect("count").expect("commune");
    assert_eq!(figures(mine.clone()), figures(theirs), "the app's store and the server count alike");
    assert_eq!((mine.totals.people_trained, mine.totals.people_all_five), (2, 1));
    assert_eq!((mine.totals.households, mine.totals.households_at_target), (1, 1));
    assert!(page.contains("Xã Lũng Cú") && page.contains("Thôn Lô Lô Chải"));
    assert!(page.contains("80% số hộ đạt chuẩn. Hiện đạt 100,0 %"), "the target against the figure");
    assert!(!page.contains("Giàng Thị Sua"), "no person's name on the office page");

    // Another commune's page, charts and exports are refused alike.
    let other = server.service.storage().communes().expect("communes").into_iter().find(|c| c.id != commune);
    let other = other.expect("the other commune").id;
    for path in ["", "/villages.svg", "/figures.csv", "/figures.xlsx"] {
        let (status, _, _) = get(&server, &cookie, &format!("/office/commune/{other}{path}")).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{path}");
    }
    let (status, _, _) = get(&server, &cookie, "/office/province").await;
    assert_eq!(status, StatusCode::FORBIDDEN, "a commune's official has no province table");

    // The charts name the village.
    let (status, headers, svg) = get(&server, &cookie, &format!("/office/commune/{commune}/villages.svg")).await;
    assert_eq!((status, headers[header::CONTENT_TYPE].to_str().ok()), (StatusCode::OK, Some("image/svg+xml")));
    assert!(text(&svg).contains("Thôn Lô Lô Chải"));
    let (status, _, _) = get(&server, &cookie, &format!("/office/commune/{commune}/months.svg")).await;
    assert_eq!(status, StatusCode::OK);

    // Both exports, read back, hold the numbers the page shows.
    let (_, headers, csv) = get(&server, &cookie, &format!("/office/commune/{commune}/figures.csv")).await;
    assert!(headers[header::CONTENT_DISPOSITION].to_str().expect("name").contains("lang-so-xa-lung-cu.csv"));
    assert!(csv.starts_with(b"\xEF\xBB\xBF"), "UTF-8 with a BOM");
    let csv = text(&csv[3..]);
    let lines: Vec<Vec<&str>> = csv.lines().map(|l| l.split(',').collect()).collect();
    assert_eq!(lines[0][0], "Thôn");
    let column = |name: &str| lines[0].iter().position(|h| *h == name).expect(name);
    let village = lines.iter().find(|l| l[0] == "Thôn Lô Lô Chải").expect("village row");
    let whole = lines.iter().find(|l| l[0] == "Toàn xã").expect("commune row");
    assert_eq!(village[column("Người đã học")], mine.villages[0].figures.people_trained.to_string());
    assert_eq!(whole[column("Hộ đạt chuẩn")], mine.totals.households_at_target.to_string());
    assert_eq!(whole[column("Tỉ lệ hộ đạt chuẩn")], "100.0");
    for (i, header) in lines[0].iter().enumerate().skip(1) {
        let shown = page.contains(&format!("<td>{}</td>", whole[i].replace(".0", ",0 %")))
            || page.contains(&format!("<td>{}</td>", whole[i]));
        assert!(shown, "{header}: {} is on the page", whole[i]);
    }

    let (_, _, xlsx) = get(&server, &cookie, &format!("/office/commune/{commune}/figures.xlsx")).await;
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(xlsx)).expect("a workbook");
    let names = book.sheet_names();
    assert_eq!(names, ["Các chỉ số", "Theo thôn", "Theo tháng"]);
    let villages = book.worksheet_range("Theo thôn").expect("villages");
    let rows: Vec<&[Data]> = villages.rows().collect();
    let total = rows.iter().find(|r| r[0] == Data::String("Toàn xã".into())).expect("commune row");
    for (i, cell) in whole.iter().enumerate().skip(1) {
        let number = match &total[i] {
            Data::Float(f) if lines[0][i] == "Tỉ lệ hộ đạt chuẩn" => format!("{:.1}", f * 100.0),
            Data::Float(f) => format!("{f}"),
            Data::Int(n) => n.to_string(),
            other => panic!("{}: {other:?}", lines[0][i]),
        };
        assert_eq!(&number, cell, "{}: the workbook equals the CSV and the page", lines[0][i]);
    }

    // Sign-out wants the page's token; then the cookie opens nothing.
    let signed_out = |form: Vec<(&'static str, String)>| {
        http().post(format!("{}/office/sign-out", server.url)).header(header::COOKIE, &cookie).form(&form).send()
    };
    let refused = signed_out(vec![]).await.expect("answer");
    assert_eq!(refused.status(), StatusCode::FORBIDDEN, "no token: another site's form");
    let token = page.split("name=\"form\" value=\"").nth(1).and_then(|t| t.split('"').next()).expect("token");
    let out = signed_out(vec![("form", token.to_owned())]).await.expect("answer");
    assert_eq!(out.status(), StatusCode::SEE_OTHER);
    assert!(out.headers()[header::SET_COOKIE].to_str().expect("cookie").contains("Max-Age=0"));
    let (status, headers, _) = get(&server, &cookie, &format!("/office/commune/{commune}")).await;
    assert_eq!((status, headers[header::LOCATION].to_str().ok()), (StatusCode::SEE_OTHER, Some("/office")));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_province_account_sees_its_communes_sorted_without_anyone_s_name() {
    let server = TestServer::builder().other_commune().start().await;
    official(&server).await;
    let second = server
        .service
        .create_commune(&NewCommune {
            name: "Xã Sà Phìn".into(), district: None, province: Some("Hà Giang".into())
        })
        .expect("commune");
    server.service.create_village(&second.id, "Thôn Sà Phìn A").expect("village");

    assert!(server.service.office_code(&OfficeScope::Province("Nowhere".into()), Duration::from_secs(600)).is_err());
    assert!(
        server.service.office_code(&OfficeScope::Province("Hà Giang".into()), Duration::from_secs(86_401)).is_err()
    );
    let code = server.service.office_code(&OfficeScope::Province("Hà Giang".into()), Duration::from_secs(600));
    let (status, headers, cookie) = sign_in(&server, &code.expect("code").code, None).await;
    assert_eq!((status, headers[header::LOCATION].to_str().ok()), (StatusCode::SEE_OTHER, Some("/office/province")));
    let cookie = cookie.expect("cookie");

    let table = |page: &str| -> Vec<String> {
        page.split("<tr><th scope=\"row\"><a href=\"/office/commune/")
            .skip(1)
            .filter_map(|r| r.split('>').nth(1).and_then(|n| n.split('<').next()).map(str::to_owned))
            .collect()
    };
    let (status, _, page) = get(&server, &cookie, "/office/province").await;
    assert_eq!(status, StatusCode::OK);
    let page = text(&page);
    assert_eq!(table(&page), ["Xã Lũng Cú", "Xã Sà Phìn"], "by name; not the commune of no province");
    for name in ["Hoàng Văn Thụ", "Giàng Thị Sua", "Giàng A Páo"] {
        assert!(!page.contains(name), "{name} is not on the province's page");
    }
    let (_, _, page) = get(&server, &cookie, "/office/province?sort=people-registered&dir=asc").await;
    assert_eq!(table(&text(&page)), ["Xã Sà Phìn", "Xã Lũng Cú"]);
    let (_, _, page) = get(&server, &cookie, "/office/province?sort=people-registered&dir=desc").await;
    let page = text(&page);
    assert_eq!(table(&page), ["Xã Lũng Cú", "Xã Sà Phìn"]);
    assert!(page.contains("aria-sort=\"descending\""));
    let (_, _, page) = get(&server, &cookie, "/office/province?sort=%3Cscript%3E").await;
    assert_eq!(table(&text(&page)), ["Xã Lũng Cú", "Xã Sà Phìn"], "an unknown column sorts by name");

    // Each commune's page opens from the table; the commune of no province does not.
    let (status, _, _) = get(&server, &cookie, &format!("/office/commune/{}", second.id)).await;
    assert_eq!(status, StatusCode::OK);
    let outside: HashMap<_, _> =
        server.service.storage().communes().expect("communes").into_iter().map(|c| (c.name, c.id)).collect();
    let (status, _, _) = get(&server, &cookie, &format!("/office/commune/{}", outside["Xã Sủng Là"])).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

/// What `path` weighs as sent, gzip-compressed.
async fn gzipped(server: &TestServer, cookie: &str, path: &str) -> usize {
    let response = http()
        .get(format!("{}{path}", server.url))
        .header(header::COOKIE, cookie)
        .header(header::ACCEPT_ENCODING, "gzip")
        .send()
        .await
        .expect("answer");
    assert_eq!(response.headers().get(header::CONTENT_ENCODING).map(|v| v.as_bytes()), Some(&b"gzip"[..]), "{path}");
    response.bytes().await.expect("body").len()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn names_are_escaped_pages_are_light_codes_expire_and_guessing_is_slowed() {
    let server = TestServer::start().await;
    let (phone, _) = official(&server).await;
    let commune = server.seed.commune_id.clone();
    let hostile = "<script>alert(1)</script> & \"Nà\"";
    phone.store.create_village(&commune, hostile).expect("village");
    phone.client.sync(&phone.store).await.expect("sync");

    let code = phone.client.office_code().await.expect("code").code;
    let cookie = sign_in(&server, &code, None).await.2.expect("signed in");
    let page = text(&get(&server, &cookie, &format!("/office/commune/{commune}")).await.2);
    assert!(page.contains("&#60;script&#62;alert(1)&#60;/script&#62; &#38; &#34;Nà&#34;"), "escaped by the template");
    assert!(!page.contains("<script"), "no script of any kind");
    let svg = text(&get(&server, &cookie, &format!("/office/commune/{commune}/villages.svg")).await.2);
    assert!(!svg.contains("<script"), "the chart escapes the name too");

    // The page and its stylesheet, as sent, well within 2G's budget.
    let css = page.split("rel=\"stylesheet\" href=\"").nth(1).and_then(|s| s.split('"').next()).expect("css");
    let css_bytes = gzipped(&server, "", css).await;
    let html_bytes = gzipped(&server, &cookie, &format!("/office/commune/{commune}")).await;
    println!("office commune page: {html_bytes} B of HTML + {css_bytes} B of CSS gzip-compressed");
    assert!(html_bytes + css_bytes <= 50 * 1024);

    // A code past its time opens nothing.
    let short = server.service.office_code(&OfficeScope::Commune(commune.clone()), Duration::from_secs(1));
    tokio::time::sleep(Duration::from_millis(2_100)).await;
    assert_eq!(sign_in(&server, &short.expect("code").code, None).await.0, StatusCode::UNAUTHORIZED);

    // Ten tries in ten minutes from one address, then a wait, even for a right code.
    for _ in 0..8 {
        assert_eq!(sign_in(&server, "ZZZZ-ZZZZ", None).await.0, StatusCode::UNAUTHORIZED);
    }
    let code = phone.client.office_code().await.expect("code").code;
    let (status, headers, cookie) = sign_in(&server, &code, None).await;
    assert_eq!((status, cookie), (StatusCode::TOO_MANY_REQUESTS, None));
    assert!(headers.contains_key(header::RETRY_AFTER));
}
