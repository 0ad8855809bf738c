//! The demo commune's people and sessions, so that a volunteer opening the demo app finds a
//! commune that has already started: three households of villagers who consented, a session
//! held last week with marks and skill checks, one today and one next week; a household
//! target of 80% for the officials' dashboard; and a farmer
//! selling four Hà Giang specialties on the public marketplace, each with a picture (drawn
//! here: honest placeholders, not photographs). Written once, as the server writes into a
//! commune (see [`Service::merge_as_server`]).

use langso_core::Store;
use langso_core::learning::topic::Topic;
use langso_core::market::listing::{ListingInput, ListingStatus};
use langso_core::market::public::MarketQuery;
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
/// The share of households the demo commune aims to bring to all five skills.
const DEMO_TARGET_PERCENT: i64 = 80;
const DAY_MS: i64 = 24 * HOUR_MS;

/// Households of the first village, each with its members.
const HOUSEHOLDS: [(&str, &str, &[&str]); 3] = [
    ("Giàng A Páo", "Số 3", &["Giàng A Páo", "Giàng Thị Sua"]),
    ("Lò Văn Tú", "Xóm Trên", &["Lò Văn Tú", "Lò Thị Mai"]),
    ("Nguyễn Văn Hùng", "Số 12", &["Nguyễn Văn Hùng", "Nguyễn Thị Lan"]),
];

/// Adds the demo's people and sessions to `commune`, unless it has sessions already, and its
/// farmer's products, unless it has products for sale already.
pub fn seed(service: &Service, commune: &Commune) -> Result<(), ServerError> {
    let copy_dir = tempfile::tempdir().map_err(|e| ServerError::Io(e.to_string()))?;
    let copy = Store::open(&copy_dir.path().join("demo.sqlite3"))?;
    service.copy_into(&copy)?;
    let before = copy.last_seq()?;
    if copy.sessions(&commune.id)?.is_empty() {
        write(&copy, commune)?;
        // The Ministry's example target, for the dashboard to measure against.
        copy.set_household_target(&commune.id, Some(DEMO_TARGET_PERCENT))?;
    }
    let selling = MarketQuery { commune_id: Some(commune.id.clone()), limit: 1, ..MarketQuery::default() };
    if copy.market_search(&selling)?.is_empty() {
        market::write(service, &copy, commune)?;
    }
    let changes = copy.changes_since(before, usize::MAX)?.changes;
    if !changes.is_empty() {
        service.merge_as_server(&commune.id, &changes)?;
    }
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

/// The demo farmer's products on the marketplace.
mod market {
    use std::io::Cursor;

    use image::{ImageFormat, Rgb, RgbImage};
    use langso_core::replica::blob;

    use super::*;

    /// A shape drawn on a picture: a circle, or an ellipse turned by an angle (radians).
    #[derive(Debug, Clone, Copy)]
    enum Shape {
        Disc { x: f32, y: f32, r: f32, color: [u8; 3] },
        Leaf { x: f32, y: f32, rx: f32, ry: f32, turn: f32, color: [u8; 3] },
        Bar { x: f32, y: f32, w: f32, h: f32, color: [u8; 3] },
    }

    impl Shape {
        fn color_at(&self, px: f32, py: f32) -> Option<[u8; 3]> {
            match *self {
                Shape::Disc { x, y, r, color } => ((px - x).powi(2) + (py - y).powi(2) <= r * r).then_some(color),
                Shape::Leaf { x, y, rx, ry, turn, color } => {
                    let (dx, dy) = (px - x, py - y);
                    let (u, v) = (dx * turn.cos() + dy * turn.sin(), -dx * turn.sin() + dy * turn.cos());
                    ((u / rx).powi(2) + (v / ry).powi(2) <= 1.0).then_some(color)
                }
                Shape::Bar { x, y, w, h, color } => (px >= x && px < x + w && py >= y && py < y + h).then_some(color),
            }
        }
    }

    const WIDTH: u32 = 1200;
    const HEIGHT: u32 = 900;

    /// A 4:3 picture: a vertical gradient from `top` to `bottom`, then `shapes` in order.
    fn picture(top: [u8; 3], bottom: [u8; 3], shapes: &[Shape]) -> RgbImage {
        RgbImage::from_fn(WIDTH, HEIGHT, |px, py| {
            let (fx, fy) = (px as f32, py as f32);
            let t = fy / HEIGHT as f32;
            let mix = |a: u8, b: u8| (f32::from(a) + (f32::from(b) - f32::from(a)) * t) as u8;
            let mut color = [mix(top[0], bottom[0]), mix(top[1], bottom[1]), mix(top[2], bottom[2])];
            for shape in shapes {
                if let Some(c) = shape.color_at(fx, fy) {
                    color = c;
                }
            }
            Rgb(color)
        })
    }

    /// Tea: leaves on misty green hills.
    fn tea() -> RgbImage {
        let mut shapes = vec![
            Shape::Disc { x: 300.0, y: 1500.0, r: 900.0, color: [96, 150, 84] },
            Shape::Disc { x: 1050.0, y: 1600.0, r: 950.0, color: [70, 128, 66] },
            Shape::Disc { x: 950.0, y: 170.0, r: 80.0, color: [255, 244, 214] },
        ];
        for (i, (x, y)) in
            [(420.0, 520.0), (560.0, 470.0), (700.0, 540.0), (620.0, 640.0), (480.0, 660.0)].into_iter().enumerate()
        {
            let turn = 0.5 + i as f32 * 0.7;
            shapes.push(Shape::Leaf { x, y, rx: 130.0, ry: 52.0, turn, color: [38, 102, 46] });
            shapes.push(Shape::Leaf { x, y, rx: 110.0, ry: 6.0, turn, color: [150, 196, 120] });
        }
        picture([214, 234, 214], [150, 196, 150], &shapes)
    }

    /// Honey: a jar before a honeycomb of discs.
    fn honey() -> RgbImage {
        let mut shapes = Vec::new();
        for row in 0..8 {
            for col in 0..11 {
                let x = col as f32 * 120.0 + if row % 2 == 1 { 60.0 } else { 0.0 };
                shapes.push(Shape::Disc { x, y: row as f32 * 110.0 + 40.0, r: 50.0, color: [236, 178, 64] });
            }
        }
        shapes.extend([
            Shape::Bar { x: 430.0, y: 300.0, w: 340.0, h: 480.0, color: [196, 118, 20] },
            Shape::Bar { x: 450.0, y: 330.0, w: 60.0, h: 400.0, color: [232, 160, 54] },
            Shape::Bar { x: 460.0, y: 230.0, w: 280.0, h: 80.0, color: [120, 84, 50] },
            Shape::Leaf { x: 840.0, y: 720.0, rx: 120.0, ry: 40.0, turn: -0.6, color: [86, 140, 70] },
            Shape::Disc { x: 900.0, y: 640.0, r: 34.0, color: [178, 128, 196] },
        ]);
        picture([252, 226, 150], [230, 170, 70], &shapes)
    }

    /// Buckwheat cakes: round cakes before pink buckwheat flowers.
    fn buckwheat() -> RgbImage {
        let mut shapes = Vec::new();
        for i in 0..40 {
            let x = (i * 173 % 1200) as f32;
            let y = (i * 97 % 380) as f32 + 20.0;
            shapes.push(Shape::Disc { x, y, r: 22.0 + (i % 3) as f32 * 8.0, color: [236, 150, 190] });
        }
        for (x, y) in [(380.0, 600.0), (640.0, 640.0), (860.0, 580.0)] {
            shapes.push(Shape::Disc { x, y, r: 150.0, color: [150, 104, 72] });
            shapes.push(Shape::Disc { x, y, r: 120.0, color: [196, 150, 104] });
            shapes.push(Shape::Disc { x, y, r: 30.0, color: [120, 80, 56] });
        }
        picture([250, 222, 236], [206, 224, 190], &shapes)
    }

    /// Dried beef: strips hanging over a kitchen's warm glow.
    fn beef() -> RgbImage {
        let mut shapes = vec![Shape::Bar { x: 0.0, y: 150.0, w: 1200.0, h: 26.0, color: [70, 46, 30] }];
        for i in 0..9 {
            let x = 120.0 + i as f32 * 112.0;
            let h = 420.0 + (i % 3) as f32 * 60.0;
            shapes.push(Shape::Bar { x, y: 170.0, w: 70.0, h, color: [122, 42, 32] });
            shapes.push(Shape::Bar { x: x + 12.0, y: 180.0, w: 14.0, h: h - 30.0, color: [158, 70, 48] });
        }
        shapes.push(Shape::Disc { x: 600.0, y: 1150.0, r: 420.0, color: [240, 140, 40] });
        picture([60, 40, 30], [150, 84, 40], &shapes)
    }

    /// Prepares a picture as a farmer's phone would, stores it; returns its hash.
    fn store_picture(service: &Service, picture: &RgbImage) -> Result<String, ServerError> {
        let mut png = Cursor::new(Vec::new());
        picture.write_to(&mut png, ImageFormat::Png).map_err(|e| ServerError::Io(e.to_string()))?;
        let prepared = langso_photos::prepare(png.get_ref()).map_err(|e| ServerError::Io(e.to_string()))?;
        service.storage().put_blob(&prepared.bytes, prepared.mime)?;
        Ok(blob::hash(&prepared.bytes))
    }

    const PHONE: &str = "0981234567";

    fn product(name: &str, price_dong: i64, unit: &str, photo: String) -> ListingInput {
        ListingInput {
            name: name.to_owned(),
            price_dong,
            unit: unit.to_owned(),
            photos: vec![photo],
            contact_phone: PHONE.to_owned(),
            zalo: Some(PHONE.to_owned()),
            ..ListingInput::default()
        }
    }

    pub(super) fn write(service: &Service, store: &Store, commune: &Commune) -> Result<(), ServerError> {
        let unknown = || langso_core::Error::from(Invalid::new(Field::Village, Rule::Unknown));
        let village = store.villages(&commune.id)?.into_iter().next().ok_or_else(unknown)?;
        let farmer = store.create_profile(&person(&village.id, Role::Farmer, "Vàng Thị Mỷ", None))?;
        let products = [
            ListingInput {
                category: Some("Chè".into()),
                ocop_group: Some("Đồ uống".into()),
                pack_size: Some("Túi 500 g".into()),
                quantity: Some(40),
                season: Some("Tháng 3 – tháng 10".into()),
                ocop_stars: Some(4),
                ocop_expiry: Some("2028-06-30".into()),
                description: Some(
                    "Búp chè Shan Tuyết hái từ những cây chè cổ thụ trên núi đá Lũng Cú, sao tay trên chảo gang.\n\
                     Nước xanh vàng, vị chát nhẹ, hậu ngọt lâu."
                        .into(),
                ),
                story: Some(
                    "Nhà tôi giữ đồi chè từ đời ông. Cây chè mọc trong mây, lá phủ lớp lông trắng như tuyết, \
                     nên người Mông gọi là chè tuyết. Mỗi sáng tôi hái búp một tôm hai lá rồi sao ngay trong ngày."
                        .into(),
                ),
                ..product("Chè Shan Tuyết cổ thụ", 250_000, "túi", store_picture(service, &tea())?)
            },
            ListingInput {
                category: Some("Mật ong".into()),
                ocop_group: Some("Thực phẩm".into()),
                pack_size: Some("Chai 1 lít".into()),
                quantity: Some(20),
                season: Some("Hoa bạc hà nở tháng 10 – tháng 12".into()),
                ocop_stars: Some(3),
                ocop_expiry: Some("2027-12-31".into()),
                description: Some(
                    "Mật ong ong nội nuôi quanh nương hoa bạc hà, sánh, thơm mùi hoa, không pha đường.".into(),
                ),
                // A real bank (Agribank's BIN) and an account that is plainly made up.
                bank_bin: Some("970405".into()),
                bank_account: Some("0000123456789".into()),
                bank_holder: Some("VANG THI MY DEMO".into()),
                ..product("Mật ong bạc hà", 450_000, "lít", store_picture(service, &honey())?)
            },
            ListingInput {
                category: Some("Bánh".into()),
                pack_size: Some("Hộp 10 bánh".into()),
                made_to_order: true,
                season: Some("Ngon nhất mùa hoa tam giác mạch".into()),
                description: Some(
                    "Bánh tam giác mạch nướng than, làm từ bột hạt xay tại nhà. Đặt trước một ngày.".into(),
                ),
                ..product("Bánh tam giác mạch", 60_000, "hộp", store_picture(service, &buckwheat())?)
            },
            ListingInput {
                category: Some("Thịt khô".into()),
                pack_size: Some("Túi 500 g".into()),
                quantity: Some(15),
                description: Some("Thịt bò vàng Hà Giang tẩm gừng, mắc khén, treo gác bếp hơn một tháng.".into()),
                ..product("Thịt bò khô gác bếp", 900_000, "kg", store_picture(service, &beef())?)
            },
        ];
        for input in &products {
            let listing = store.create_listing(&farmer.id, input)?;
            store.set_listing_status(&listing.id, ListingStatus::Published)?;
        }
        Ok(())
    }
}
