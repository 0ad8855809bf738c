//! Random and mutated bytes, fed to the protocol's decoder and to every route of a real server
//! on loopback. Mutations start from valid requests (bit flips, truncations, insertions,
//! splices of other requests, huge numbers and lengths) and every case is drawn from a seeded
//! generator. For each case: nothing panics, the server answers and never with a 5xx, every
//! refusal is a 4xx naming a message of `locales/` in `x-langso-error` with a non-empty
//! body, and nothing is written: the server's data, devices and codes are the same after the
//! run as before.
//!
//! `LANGSO_FUZZ_CASES` sets the cases of each part (2,000 unless set; `scripts/long.sh` runs
//! more). The seed is printed, with the case of each failure; `LANGSO_FUZZ_SEED` draws the
//! same cases again. The figures (cases per second, each route's answers) are printed at the
//! end.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use langso_core::Localizer;
use langso_core::replica::change::Change;
use langso_core::replica::identity::Identity;
use langso_core::role::Role;
use langso_server::routes::ServerLimits;
use langso_server::throttle::ThrottleLimits;
use langso_sync::codec;
use langso_sync::envelope::{Envelope, Registration};
use langso_sync::protocol::{
    Batch, ERROR_HEADER, EnrollRequest, EnrollResponse, MAX_BODY_BYTES, PullResponse, PushRequest, PushResponse,
    WireRejection, paths,
};
use langso_testkit::{Phone, TestServer, app_phone, enroll_request, enroll_request_as, rounds, seed, token};
use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};
use reqwest::Method;
use reqwest::header::HeaderValue;
use uuid::Uuid;

const CASES_VAR: &str = "LANGSO_FUZZ_CASES";
const SEED_VAR: &str = "LANGSO_FUZZ_SEED";
/// Cases of each part when the environment does not ask for more.
const CASES: usize = 2_000;
/// Requests in flight at once, each on a kept-alive connection.
const CONCURRENCY: usize = 8;
/// Cases between two looks at the server's health (and a sweep of unfinished uploads).
const WAVE: usize = 1_000;

// The valid requests mutations start from, one function per route. What they send can write
// nothing, so that a mutation that stays valid writes nothing either:
// - enroll: a well-formed enrollment with a code that is no code;
// - push: changes the server already holds, none of them the fuzzing device's own, in a
//   batch the device signs: each is refused as not the signer's, and a mutation of the batch
//   fails its signature;
// - blob PUT: the start of a photo, never its whole, so no upload completes (what arrives
//   of each is kept as the device's unfinished upload, which is no data).

/// What the valid requests are made of.
struct Ground {
    /// The fuzzing device (a farmer's phone), its key and its token.
    node: Uuid,
    identity: Identity,
    token: String,
    /// Changes the server holds: the lesson pack, the commune and its village.
    held: Vec<Change>,
    /// A lesson picture, which every device may fetch.
    lesson_picture: String,
    /// A photo, and its name, which the server never holds.
    photo: Vec<u8>,
    photo_hash: String,
}

fn enroll_seed(ground: &Ground, rng: &mut StdRng) -> Request {
    let name = "điện thoại thử";
    let mut request = if rng.random_bool(0.2) {
        enroll_request_as(&ground.identity, "ABCD-EFGH", name)
    } else {
        enroll_request("ABCD-EFGH", name)
    };
    request.device_token = rng.random_bool(0.3).then(|| ground.token.clone());
    let body = serde_json::to_vec(&request).expect("json");
    Request::new(Route::Enroll, Method::POST, paths::ENROLL, body).header("content-type", "application/json")
}

fn push_seed(ground: &Ground, rng: &mut StdRng) -> Request {
    let start = rng.random_range(0..ground.held.len());
    let end = (start + rng.random_range(0..=40)).min(ground.held.len());
    let devices = if rng.random_bool(0.2) {
        let stranger = Identity::generate();
        vec![Registration {
            node: stranger.public_key().node(),
            role: Role::Volunteer,
            public_key: stranger.public_key(),
            name: "máy lạ".into(),
        }]
    } else {
        Vec::new()
    };
    let envelope = Envelope::seal(&ground.identity, ground.node, &ground.held[start..end]).expect("seal");
    let request = PushRequest { envelopes: vec![envelope], devices, cursor: rng.random_range(0..10_000) };
    let body = codec::encode(&request).expect("encode");
    Request::new(Route::Push, Method::POST, paths::PUSH, body).authorized(ground)
}

fn pull_seed(ground: &Ground, rng: &mut StdRng) -> Request {
    let cursor = *pick(rng, &[0, 1, 500, 1 << 24, i64::MAX as u64, u64::MAX]);
    Request::new(Route::Pull, Method::GET, paths::PULL, Vec::new()).query(format!("cursor={cursor}")).authorized(ground)
}

fn blob_head_seed(ground: &Ground, rng: &mut StdRng) -> Request {
    let hash = some_hash(ground, rng);
    Request::new(Route::BlobHead, Method::HEAD, &format!("{}{hash}", paths::BLOBS), Vec::new()).authorized(ground)
}

fn blob_put_seed(ground: &Ground, rng: &mut StdRng) -> Request {
    let photo = photo(rng);
    let total = photo.len();
    let (hash, offset, body) = if rng.random_bool(0.7) {
        let end = rng.random_range(1..total);
        (langso_core::replica::blob::hash(&photo), 0, photo[..end].to_vec())
    } else {
        let body: Vec<u8> = (0..rng.random_range(0..256)).map(|_| rng.random()).collect();
        (some_hash(ground, rng), rng.random_range(0..total * 2), body)
    };
    let (mime, total) = if rng.random_bool(0.5) {
        ("image/jpeg", total)
    } else {
        let mime = pick(rng, &["image/jpeg", "image/png", "image/webp", "image/svg+xml", "text/html", ""]);
        (*mime, *pick(rng, &[total, total / 2, 0, usize::MAX, langso_core::replica::blob::MAX_BLOB_BYTES + 1]))
    };
    Request::new(Route::BlobPut, Method::PUT, &format!("{}{hash}", paths::BLOBS), body)
        .query(format!("offset={offset}&total={total}&mime={mime}"))
        .authorized(ground)
}

fn blob_get_seed(ground: &Ground, rng: &mut StdRng) -> Request {
    let hash = some_hash(ground, rng);
    let mut request =
        Request::new(Route::BlobGet, Method::GET, &format!("{}{hash}", paths::BLOBS), Vec::new()).authorized(ground);
    if rng.random_bool(0.5) {
        let from = *pick(rng, &[0, 1, 100, 10_000, 1 << 40, u64::MAX]);
        let range = match rng.random_range(0..6) {
            0 => format!("bytes=-{from}"),
            1 => format!("bytes={from}-{}", from / 2),
            2 => format!("bytes={from}-,0-"),
            3 => format!("items={from}-"),
            _ => format!("bytes={from}-"),
        };
        request = request.header("range", &range);
    }
    request
}

/// Paths the server does not serve, and its paths with a method they do not take.
fn unknown_seed(ground: &Ground, rng: &mut StdRng) -> Request {
    let path = *pick(
        rng,
        &[
            "/",
            "/v1",
            "/v1/",
            "/v2/push",
            "/v1/push/more",
            "/v1/blobs/",
            "/v1/blobs/a/b",
            "/v1/enroll/",
            "/health/x",
            "/%2e%2e/etc/passwd",
            paths::ENROLL,
            paths::PUSH,
            paths::PULL,
        ],
    );
    let method = pick(rng, &[Method::GET, Method::POST, Method::PUT, Method::DELETE, Method::PATCH, Method::OPTIONS]);
    Request::new(Route::Unknown, method.clone(), path, b"{}".to_vec()).authorized(ground)
}

/// A photo of a few KiB: a JPEG's start, then random bytes.
fn photo(rng: &mut StdRng) -> Vec<u8> {
    let mut photo = vec![0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, b'J', b'F', b'I', b'F', 0];
    photo.extend((0..rng.random_range(100..8 * 1024)).map(|_| rng.random::<u8>()));
    photo
}

fn some_hash(ground: &Ground, rng: &mut StdRng) -> String {
    match rng.random_range(0..4) {
        0 => ground.lesson_picture.clone(),
        1 => ground.photo_hash.clone(),
        2 => langso_core::replica::blob::hash(&rng.random::<[u8; 8]>()),
        _ => "0".repeat(64),
    }
}

fn pick<'a, T>(rng: &mut StdRng, items: &'a [T]) -> &'a T {
    &items[rng.random_range(0..items.len())]
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Route {
    Enroll,
    Push,
    Pull,
    BlobHead,
    BlobPut,
    BlobGet,
    Unknown,
}

impl Route {
    const ALL: [Route; 7] =
        [Route::Enroll, Route::Push, Route::Pull, Route::BlobHead, Route::BlobPut, Route::BlobGet, Route::Unknown];

    fn seed(self, ground: &Ground, rng: &mut StdRng) -> Request {
        match self {
            Route::Enroll => enroll_seed(ground, rng),
            Route::Push => push_seed(ground, rng),
            Route::Pull => pull_seed(ground, rng),
            Route::BlobHead => blob_head_seed(ground, rng),
            Route::BlobPut => blob_put_seed(ground, rng),
            Route::BlobGet => blob_get_seed(ground, rng),
            Route::Unknown => unknown_seed(ground, rng),
        }
    }

    fn name(self) -> &'static str {
        match self {
            Route::Enroll => "POST enroll",
            Route::Push => "POST push",
            Route::Pull => "GET pull",
            Route::BlobHead => "HEAD blob",
            Route::BlobPut => "PUT blob",
            Route::BlobGet => "GET blob",
            Route::Unknown => "unknown path or method",
        }
    }
}

/// An HTTP request as the fuzzer changes it: every part is bytes.
#[derive(Debug, Clone)]
struct Request {
    route: Route,
    method: Method,
    path: Vec<u8>,
    query: Option<Vec<u8>>,
    headers: Vec<(&'static str, Vec<u8>)>,
    body: Vec<u8>,
}

impl Request {
    fn new(route: Route, method: Method, path: &str, body: Vec<u8>) -> Request {
        Request { route, method, path: path.as_bytes().to_vec(), query: None, headers: Vec::new(), body }
    }

    fn query(mut self, query: String) -> Request {
        self.query = Some(query.into_bytes());
        self
    }

    fn header(mut self, name: &'static str, value: &str) -> Request {
        self.headers.push((name, value.as_bytes().to_vec()));
        self
    }

    fn authorized(self, ground: &Ground) -> Request {
        let bearer = format!("Bearer {}", ground.token);
        self.header("authorization", &bearer)
    }

    /// A part for a mutation to change: mostly the body or the query, sometimes the path or
    /// a header (a mangled path or token is soon refused, and tells less).
    fn part(&mut self, rng: &mut StdRng) -> &mut Vec<u8> {
        let roll = rng.random_range(0..100);
        if roll < 15 && !self.headers.is_empty() {
            let i = rng.random_range(0..self.headers.len());
            &mut self.headers[i].1
        } else if roll < 25 {
            &mut self.path
        } else if roll < 65
            && let Some(query) = &mut self.query
        {
            query
        } else {
            &mut self.body
        }
    }
}

/// Text and bytes that mutations insert: huge and negative numbers, varints claiming huge
/// lengths, broken escapes, JSON and path pieces.
const INTERESTING: &[&[u8]] = &[
    b"18446744073709551615",
    b"18446744073709551616",
    b"99999999999999999999999999",
    b"-1",
    b"0",
    b"%00",
    b"%zz",
    b"%",
    b"%C0%AF",
    b"&cursor=1",
    b"=",
    b"null",
    b"\"\"",
    b"[]",
    b"{}",
    b"\\u0000",
    b"../",
    b"\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01",
    b"\xff\xff\xff\xff\x0f",
    b"\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x01",
    b"\0",
    b"\r\n",
    b"\xe2\x80\xae",
];

/// One to `most` mutations of `bytes`; `others` are what splices take pieces of.
fn mutate(bytes: &mut Vec<u8>, rng: &mut StdRng, others: &[Vec<u8>], most: usize) {
    for _ in 0..rng.random_range(1..=most) {
        let len = bytes.len();
        let at = rng.random_range(0..=len);
        match rng.random_range(0..9) {
            0 if len > 0 => {
                let i = rng.random_range(0..len);
                bytes[i] ^= 1 << rng.random_range(0..8);
            }
            1 if len > 0 => {
                let i = rng.random_range(0..len);
                bytes[i] = rng.random();
            }
            2 => bytes.truncate(at),
            3 => {
                let end = rng.random_range(at..=len);
                bytes.drain(at..end);
            }
            4 => {
                let random: Vec<u8> = (0..rng.random_range(1..32)).map(|_| rng.random()).collect();
                bytes.splice(at..at, random);
            }
            5 => {
                let piece = pick(rng, INTERESTING).to_vec();
                let end = if rng.random_bool(0.5) { (at + piece.len()).min(len) } else { at };
                bytes.splice(at..end, piece);
            }
            6 if !others.is_empty() => {
                let other = pick(rng, others);
                let from = rng.random_range(0..=other.len());
                let to = rng.random_range(from..=other.len());
                let end = rng.random_range(at..=len);
                bytes.splice(at..end, other[from..to].iter().copied());
            }
            7 => {
                // A run of digits made huge: an offset, a total, a cursor or a length.
                if let Some(start) = bytes.iter().position(u8::is_ascii_digit) {
                    let end = bytes[start..].iter().position(|b| !b.is_ascii_digit()).map_or(len, |n| start + n);
                    bytes.splice(
                        start..end,
                        pick(rng, &[&b"18446744073709551615"[..], b"9223372036854775808"]).to_vec(),
                    );
                }
            }
            _ if len > 0 && len < 64 * 1024 => {
                // A piece repeated: lengths that grow.
                let end = rng.random_range(at..=len);
                let piece = bytes[at..end].to_vec();
                for _ in 0..rng.random_range(1..16) {
                    bytes.splice(at..at, piece.iter().copied());
                }
            }
            _ => bytes.push(rng.random()),
        }
    }
}

fn random_bytes(rng: &mut StdRng) -> Vec<u8> {
    (0..rng.random_range(0..600)).map(|_| rng.random()).collect()
}

/// The generator of case `case` of the run seeded `seed`.
fn case_rng(seed: u64, case: usize) -> StdRng {
    StdRng::seed_from_u64(seed ^ (case as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15))
}

// ---------------------------------------------------------------------------------------
// (a) The codec.

/// What `codec::decode` gets: the postcard bytes (before zstd) of a valid message of each
/// type.
fn codec_seeds(ground: &Ground, rng: &mut StdRng) -> Vec<Vec<u8>> {
    let batch = || Batch::from_changes(&ground.held[..ground.held.len().min(30)]).expect("batch");
    let plain = |wire: Vec<u8>| zstd::bulk::decompress(&wire, MAX_BODY_BYTES).expect("zstd");
    let mut seeds = vec![
        plain(
            codec::encode(&PullResponse {
                changes: batch(),
                cursor: 77,
                more: true,
                revoked: vec![Uuid::from_u128(rng.random())],
            })
            .expect("encode"),
        ),
        plain(codec::encode(&batch()).expect("encode")),
        plain(
            codec::encode(&PushResponse {
                acknowledged: 12,
                applied: 3,
                unchanged: 1,
                rejected: vec![WireRejection { index: 2, reason: "reject-forbidden".into() }],
                current: batch(),
            })
            .expect("encode"),
        ),
        plain(codec::encode(&WireRejection { index: 9, reason: "reject-forged".into() }).expect("encode")),
        plain(
            codec::encode(&EnrollRequest {
                device_token: Some(ground.token.clone()),
                ..enroll_request("ABCD-EFGH", "máy")
            })
            .expect("encode"),
        ),
        plain(
            codec::encode(&EnrollResponse {
                device_token: ground.token.clone(),
                commune_id: Uuid::from_u128(rng.random()).to_string(),
                role: Role::Farmer,
            })
            .expect("encode"),
        ),
    ];
    for _ in 0..4 {
        seeds.push(plain(push_seed(ground, rng).body));
    }
    seeds
}

/// Decodes `wire` as every message type, and unpacks the changes of those that carry some;
/// returns how many types took it.
fn decode_as_everything(wire: &[u8]) -> usize {
    let mut took = 0;
    if let Ok(push) = codec::decode::<PushRequest>(wire) {
        took += 1;
        for envelope in push.envelopes {
            let _ = envelope.changes();
        }
    }
    if let Ok(pull) = codec::decode::<PullResponse>(wire) {
        took += 1;
        let _ = pull.changes.into_changes();
    }
    if let Ok(batch) = codec::decode::<Batch>(wire) {
        took += 1;
        let _ = batch.into_changes();
    }
    took += usize::from(codec::decode::<PushResponse>(wire).is_ok());
    took += usize::from(codec::decode::<WireRejection>(wire).is_ok());
    took += usize::from(codec::decode::<EnrollRequest>(wire).is_ok());
    took += usize::from(codec::decode::<EnrollResponse>(wire).is_ok());
    took += usize::from(serde_json::from_slice::<EnrollRequest>(wire).is_ok());
    took
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().take(200).fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_codec_takes_random_and_mutated_bytes_without_panicking() {
    let cases = rounds(CASES_VAR, CASES);
    let seed = seed(SEED_VAR);
    println!("codec: {cases} cases from seed {seed} ({SEED_VAR}={seed} draws them again)");
    let server = TestServer::builder().start().await;
    let (ground, _phone) = ground(&server).await;
    let mut rng = StdRng::seed_from_u64(seed);
    let seeds = codec_seeds(&ground, &mut rng);
    let json: Vec<Vec<u8>> = (0..4).map(|_| enroll_seed(&ground, &mut rng).body).collect();
    let started = Instant::now();
    let mut decoded = 0;
    for case in 0..cases {
        let mut rng = case_rng(seed, case);
        let wire = match rng.random_range(0..10) {
            0 => random_bytes(&mut rng),
            1 => zstd::bulk::compress(&random_bytes(&mut rng), 3).expect("zstd"),
            2 => {
                let mut text = pick(&mut rng, &json).clone();
                mutate(&mut text, &mut rng, &json, 4);
                text
            }
            3 | 4 => {
                let mut wire = zstd::bulk::compress(pick(&mut rng, &seeds[..]).as_slice(), 3).expect("zstd");
                mutate(&mut wire, &mut rng, &seeds, 4);
                wire
            }
            _ => {
                let mut plain = pick(&mut rng, &seeds).clone();
                mutate(&mut plain, &mut rng, &seeds, 2);
                zstd::bulk::compress(&plain, 3).expect("zstd")
            }
        };
        match std::panic::catch_unwind(|| decode_as_everything(&wire)) {
            Ok(took) => decoded += usize::from(took > 0),
            Err(_) => panic!("case {case} of seed {seed}: decoding panicked on {} (first 200 bytes)", hex(&wire)),
        }
    }
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "codec: {cases} cases in {seconds:.1} s ({:.0} a second); {decoded} decoded as some message",
        cases as f64 / seconds
    );
}

// ---------------------------------------------------------------------------------------
// (b) Every route of a real server.

/// Everything the run must leave as it was: the synced data (canonical dump), the devices,
/// the join codes (their uses too), and the uploaded photo never stored.
fn state(server: &TestServer, ground: &Ground) -> String {
    let mut state = server.snapshot().canonical_dump().expect("dump");
    let _ = writeln!(state, "devices {:?}", server.admin_sql("SELECT CAST(count(*) AS TEXT) FROM devices"));
    let _ = writeln!(state, "fuzzer {:?}", server.storage().known_devices(&[ground.node]).expect("devices"));
    let _ = writeln!(state, "codes {:?}", server.service.codes(None).expect("codes"));
    let _ = writeln!(state, "photo stored {}", server.storage().has_blob(&ground.photo_hash).expect("blob"));
    let _ = writeln!(state, "uploaders {:?}", server.admin_sql("SELECT CAST(count(*) AS TEXT) FROM blob_uploaders"));
    let _ = writeln!(state, "device {:?}", server.service.device(&ground.token).expect("device"));
    state
}

/// Enrolls the fuzzing device (a farmer's phone) and gathers what valid requests are made of.
async fn ground(server: &TestServer) -> (Ground, Phone) {
    let phone = app_phone(server, server.code(Role::Farmer)).await;
    let held = server.snapshot().changes_since(0, usize::MAX).expect("changes").changes;
    let node = phone.store.node_id();
    assert!(held.iter().all(|c| c.stamp.node != node), "none of the held changes is the device's");
    let lesson_picture = held
        .iter()
        .find_map(|c| match &c.body {
            langso_core::replica::change::ChangeBody::Column { column, value } if column == "steps" => {
                let steps: serde_json::Value = serde_json::from_str(value.as_text()?).ok()?;
                steps[0]["illustration"].as_str().map(str::to_owned)
            }
            _ => None,
        })
        .expect("a lesson picture");
    let photo = photo(&mut StdRng::seed_from_u64(1));
    let photo_hash = langso_core::replica::blob::hash(&photo);
    let identity = phone.store.identity().clone();
    (Ground { node, identity, token: token(&phone.store), held, lesson_picture, photo, photo_hash }, phone)
}

/// Case `case`: a route's valid request, mostly mutated, sometimes sent as is or with
/// random bytes in one part; tokens missing, wrong or mangled; languages asked for.
fn http_case(ground: &Ground, others: &[Vec<u8>], seed: u64, case: usize) -> Request {
    let mut rng = case_rng(seed, case);
    let route = *pick(&mut rng, &Route::ALL);
    let mut request = route.seed(ground, &mut rng);
    match rng.random_range(0..10) {
        0 => {}
        1 => *request.part(&mut rng) = random_bytes(&mut rng),
        2..6 if route == Route::Push => {
            // The postcard bytes inside the zstd frame: changes, indices, clocks, lengths.
            let mut plain = zstd::bulk::decompress(&request.body, MAX_BODY_BYTES).expect("zstd");
            mutate(&mut plain, &mut rng, others, 1);
            request.body = zstd::bulk::compress(&plain, 3).expect("zstd");
        }
        _ => {
            for _ in 0..rng.random_range(1..=2) {
                mutate(request.part(&mut rng), &mut rng, others, 4);
            }
        }
    }
    if rng.random_bool(0.1) {
        let token = match rng.random_range(0..5) {
            0 => None,
            1 => Some("Bearer ".to_owned()),
            2 => Some(format!("Bearer {}", Uuid::from_u128(rng.random()).simple())),
            3 => Some(format!("Basic {}", ground.token)),
            _ => Some(format!("Bearer {}", "a".repeat(rng.random_range(100..5_000)))),
        };
        request.headers.retain(|(name, _)| *name != "authorization");
        if let Some(token) = token {
            request = request.header("authorization", &token);
        }
    }
    if rng.random_bool(0.5) {
        let language = pick(&mut rng, &["vi", "en", "en-GB,en;q=0.9", "fr", "", "*", "vi-VN;q=0.5, en"]);
        request = request.header("accept-language", language);
    }
    if rng.random_bool(0.01) {
        // A large body, whether the route takes one or not, and now and then one larger
        // than the server takes.
        let size = if rng.random_bool(0.1) { MAX_BODY_BYTES + 1 } else { rng.random_range(64 << 10..1 << 20) };
        request.body.resize(size, b'x');
    }
    request
}

/// `bytes` as they can go in a URL: printable ASCII as it is (broken escapes included),
/// anything else percent-escaped.
fn url_part(bytes: &[u8], query: bool) -> String {
    let mut out = String::new();
    for &b in bytes {
        // What a URI may hold as it is; everything else (a lone `%` too) is escaped, as a
        // client library would refuse to send it otherwise.
        let plain = b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@/".contains(&b) || (query && b == b'?');
        if plain {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

struct Answer {
    status: u16,
    error_id: Option<String>,
    body: Vec<u8>,
}

/// The most bytes of a path or a query a case sends: escaped, the two stay within what a URI
/// can hold (64 KiB), which no client goes past.
const URL_PART_MAX: usize = 10 * 1024;

async fn send(http: &reqwest::Client, base: &str, request: &Request) -> Result<Answer, String> {
    let cut = |part: &[u8]| part[..part.len().min(URL_PART_MAX)].to_vec();
    let mut url = format!("{base}{}", url_part(&cut(&request.path), false));
    if !url[base.len()..].starts_with('/') {
        url.insert(base.len(), '/');
    }
    if let Some(query) = &request.query {
        url.push('?');
        url.push_str(&url_part(&cut(query), true));
    }
    let mut builder = http.request(request.method.clone(), &url);
    for (name, value) in &request.headers {
        // Bytes no header may hold (control characters) are left out, as no client sends them.
        let value: Vec<u8> = value.iter().copied().filter(|b| *b == b'\t' || (*b >= 0x20 && *b != 0x7F)).collect();
        builder = builder.header(*name, HeaderValue::from_bytes(&value).map_err(|e| format!("header: {e}"))?);
    }
    let response = builder.body(request.body.clone()).send().await.map_err(|e| format!("no answer: {e:?}"))?;
    let status = response.status().as_u16();
    let error_id = response.headers().get(ERROR_HEADER).map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());
    let body = response.bytes().await.map_err(|e| format!("the answer broke off: {e:?}"))?.to_vec();
    Ok(Answer { status, error_id, body })
}

/// Whether `answer` is one the server may give: a success that wrote nothing, or a clear
/// refusal.
fn check(request: &Request, answer: &Answer) -> Result<(), String> {
    let l10n = Localizer::embedded();
    match answer.status {
        200..=299 => match request.route {
            Route::Push if answer.status == 200 => {
                let response: PushResponse = codec::decode(&answer.body).map_err(|e| format!("push answer: {e}"))?;
                if response.applied > 0 {
                    return Err(format!("a push wrote {} changes", response.applied));
                }
                match response.rejected.iter().find(|r| !l10n.languages().all(|l| l10n.has_message(l, &r.reason))) {
                    Some(r) => Err(format!("a rejection names no message: {}", r.reason)),
                    None => Ok(()),
                }
            }
            Route::Enroll => Err("an enrollment succeeded".into()),
            Route::BlobPut if answer.status == 200 => Err("an upload completed".into()),
            _ => Ok(()),
        },
        400..=499 => {
            let id = answer.error_id.as_deref().ok_or_else(|| format!("{} without {ERROR_HEADER}", answer.status))?;
            if let Some(lang) = l10n.languages().find(|l| !l10n.has_message(l, id)) {
                return Err(format!("{} names {id:?}, which {lang} lacks", answer.status));
            }
            let body = String::from_utf8_lossy(&answer.body);
            let empty_is_right = request.method == Method::HEAD;
            if body.trim().is_empty() != empty_is_right || body.contains("{$") || body.trim() == id {
                return Err(format!("{} {id} with the body {body:?}", answer.status));
            }
            Ok(())
        }
        status => Err(format!("answered {status}")),
    }
}

/// In a tally, in place of a status: no answer came, or the connection was closed while a
/// body over the server's limit was still being sent.
const NO_ANSWER: u16 = 0;
const CUT_OFF: u16 = 1;

/// What each route answered, and how fast.
#[derive(Debug, Default)]
struct Tally {
    answers: BTreeMap<(Route, u16), usize>,
    /// Pushes answered 200 with changes refused, and how many changes they refused.
    refusing_pushes: usize,
    refused_changes: usize,
    failures: Vec<String>,
    failed: usize,
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_route_refuses_random_and_mutated_requests_clearly_and_writes_nothing() {
    let cases = rounds(CASES_VAR, CASES);
    let seed = seed(SEED_VAR);
    println!("routes: {cases} cases from seed {seed} ({SEED_VAR}={seed} draws them again)");
    let limits = ServerLimits {
        // Enough for every case to reach the code check and the routes beyond the rate limit;
        // the limits have tests of their own.
        enroll: ThrottleLimits { free_mistakes: u32::MAX, checks_per_minute: u32::MAX, ..ThrottleLimits::default() },
        requests_per_minute: u32::MAX,
        ..ServerLimits::default()
    };
    let server = TestServer::builder().limits(limits).start().await;
    let (ground, phone) = ground(&server).await;
    let ground = Arc::new(ground);
    let before = state(&server, &ground);
    let http = reqwest::Client::builder()
        .timeout(Duration::from_secs(60))
        .pool_idle_timeout(Duration::from_secs(5))
        .build()
        .expect("http");

    // The valid requests are right: each route answers them as it should.
    let mut rng = StdRng::seed_from_u64(seed);
    for (route, expected) in [
        (Route::Enroll, 403),
        (Route::Push, 200),
        (Route::Pull, 200),
        (Route::BlobGet, 200),
        (Route::BlobPut, 202),
        (Route::Unknown, 404),
    ] {
        let mut request = route.seed(&ground, &mut rng);
        match route {
            Route::Pull => request.query = Some(b"cursor=0".to_vec()),
            Route::BlobGet => {
                request =
                    Request::new(route, Method::GET, &format!("{}{}", paths::BLOBS, ground.lesson_picture), Vec::new())
                        .authorized(&ground)
            }
            Route::BlobPut => {
                request.path = format!("{}{}", paths::BLOBS, ground.photo_hash).into_bytes();
                request.query = Some(format!("offset=0&total={}&mime=image/jpeg", ground.photo.len()).into_bytes());
                request.body = ground.photo[..100].to_vec();
            }
            Route::Unknown => request.path = b"/v2/nothing".to_vec(),
            _ => {}
        }
        let answer = send(&http, &server.url, &request).await.expect("an answer");
        assert_eq!(answer.status, expected, "{}: {}", route.name(), String::from_utf8_lossy(&answer.body));
        if route == Route::Push {
            let response: PushResponse = codec::decode(&answer.body).expect("push answer");
            let forged = response.rejected.iter().all(|r| r.reason == "reject-forged");
            assert!(
                response.applied == 0 && forged,
                "others' changes signed by this device land nowhere: {response:?}"
            );
        }
    }

    // What splices take pieces of: valid requests of every route.
    let mut others = Vec::new();
    for route in Route::ALL {
        for _ in 0..4 {
            let request = route.seed(&ground, &mut rng);
            if route == Route::Push {
                others.push(zstd::bulk::decompress(&request.body, MAX_BODY_BYTES).expect("zstd"));
            }
            others.push(request.body);
            others.push(request.path);
            others.extend(request.query);
        }
    }
    let others = Arc::new(others);

    let tally = Arc::new(Mutex::new(Tally::default()));
    let started = Instant::now();
    for wave in (0..cases).step_by(WAVE) {
        let end = (wave + WAVE).min(cases);
        let next = Arc::new(AtomicUsize::new(wave));
        let mut workers = tokio::task::JoinSet::new();
        for _ in 0..CONCURRENCY {
            let (http, url, ground, others, tally, next) =
                (http.clone(), server.url.clone(), ground.clone(), others.clone(), tally.clone(), next.clone());
            workers.spawn(async move {
                loop {
                    let case = next.fetch_add(1, Ordering::Relaxed);
                    if case >= end {
                        break;
                    }
                    let request = http_case(&ground, &others, seed, case);
                    let outcome = send(&http, &url, &request).await;
                    // A server that will not read a body over its limit may close the
                    // connection while it is still being sent, before its answer is read.
                    let cut_off =
                        request.body.len() > MAX_BODY_BYTES && outcome.as_ref().is_err_and(|e| e.contains("BodyWrite"));
                    let verdict = match &outcome {
                        _ if cut_off => Ok(()),
                        Ok(answer) => check(&request, answer),
                        Err(e) => Err(e.clone()),
                    };
                    let status = match &outcome {
                        Ok(answer) => answer.status,
                        Err(_) if cut_off => CUT_OFF,
                        Err(_) => NO_ANSWER,
                    };
                    let refused = match &outcome {
                        Ok(answer) if request.route == Route::Push && answer.status == 200 => {
                            codec::decode::<PushResponse>(&answer.body).map_or(0, |r| r.rejected.len())
                        }
                        _ => 0,
                    };
                    let mut tally = tally.lock().unwrap_or_else(|p| p.into_inner());
                    tally.refusing_pushes += usize::from(refused > 0);
                    tally.refused_changes += refused;
                    *tally.answers.entry((request.route, status)).or_default() += 1;
                    if let Err(why) = verdict {
                        tally.failed += 1;
                        if tally.failures.len() < 30 {
                            let mut shown = format!("{} {}", request.method, url_part(&request.path, false));
                            shown.truncate(200);
                            tally.failures.push(format!("case {case} ({}, {shown}): {why}", request.route.name()));
                        }
                    }
                }
            });
        }
        while let Some(done) = workers.join_next().await {
            done.expect("a fuzzing task");
        }
        let health = http.get(format!("{}/health", server.url)).send().await.expect("the server still answers");
        assert_eq!(health.status(), 200, "after case {end}");
        // The device's unfinished uploads, swept as their expiry would, so that later cases
        // are not all over its quota.
        server.admin_sql("DELETE FROM uploads");
    }
    let seconds = started.elapsed().as_secs_f64();

    // The server still syncs, and nothing was written.
    phone.client.sync(&phone.store).await.expect("the device still syncs");
    let tally = tally.lock().unwrap_or_else(|p| p.into_inner());
    println!(
        "routes: {cases} cases in {seconds:.1} s ({:.0} a second), {CONCURRENCY} at a time",
        cases as f64 / seconds
    );
    for route in Route::ALL {
        let answers: Vec<String> = tally
            .answers
            .iter()
            .filter(|((r, _), _)| *r == route)
            .map(|((_, status), n)| match *status {
                NO_ANSWER => format!("no answer ×{n}"),
                CUT_OFF => format!("cut off sending a body over the limit ×{n}"),
                status => format!("{status} ×{n}"),
            })
            .collect();
        println!("  {:<24} {}", route.name(), answers.join(", "));
    }
    println!(
        "  {} pushes had {} changes refused (a mutation that still decodes), none applied",
        tally.refusing_pushes, tally.refused_changes
    );
    assert!(
        tally.failures.is_empty(),
        "{} of {cases} cases failed (seed {seed}), e.g.:\n{}",
        tally.failed,
        tally.failures.join("\n")
    );
    assert_eq!(state(&server, &ground), before, "the fuzzing wrote nothing");
}
