//! The whole pipeline on real pictures built here: camera JPEGs with EXIF orientation and GPS,
//! a PNG with alpha, a WebP, broken and oversized inputs.

mod fixtures;

use std::io::Cursor;

use exif::{In, Tag};
use fixtures::{MARK, camera_photo};
use image::codecs::png::PngEncoder;
use image::codecs::webp::WebPEncoder;
use image::{ExtendedColorType, ImageEncoder, Rgb, RgbImage, RgbaImage};
use langso_photos::{MAX_LONG_EDGE, PhotoError, Prepared, TARGET_BYTES, prepare};

fn read_exif(bytes: &[u8]) -> Result<exif::Exif, exif::Error> {
    exif::Reader::new().read_from_container(&mut Cursor::new(bytes))
}

/// The JPEG markers before the scan data, in order.
fn markers(jpeg: &[u8]) -> Vec<(u8, usize)> {
    assert_eq!(&jpeg[..2], [0xFF, 0xD8], "starts with SOI");
    let mut found = Vec::new();
    let mut at = 2;
    while at + 4 <= jpeg.len() {
        assert_eq!(jpeg[at], 0xFF, "a marker at {at}");
        let marker = jpeg[at + 1];
        found.push((marker, at));
        if marker == 0xDA {
            break;
        }
        at += 2 + usize::from(u16::from_be_bytes([jpeg[at + 2], jpeg[at + 3]]));
    }
    found
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// A baseline JPEG with no metadata of any kind, of the size it claims.
fn assert_clean(prepared: &Prepared) {
    let jpeg = &prepared.bytes;
    assert_eq!(prepared.mime, "image/jpeg");
    assert!(matches!(read_exif(jpeg), Err(exif::Error::NotFound(_))), "no EXIF: {:?}", read_exif(jpeg).map(|_| ()));
    for needle in [
        b"Exif\0\0".as_slice(),
        b"http://ns.adobe.com/xap",
        b"GPS",
        b"ICC_PROFILE",
        b"PhoneMaker",
        b"Cheap Phone",
        b"Ruong nha",
    ] {
        assert!(!contains(jpeg, needle), "output carries {:?}", String::from_utf8_lossy(needle));
    }
    let markers: Vec<u8> = markers(jpeg).into_iter().map(|(m, _)| m).collect();
    assert!(markers.contains(&0xC0), "baseline SOF0 in {markers:x?}");
    for marker in &markers {
        let allowed = matches!(marker, 0xE0 | 0xDB | 0xC0 | 0xC4 | 0xDA);
        assert!(allowed, "unexpected marker {marker:#x} in {markers:x?}");
    }
    let decoded = image::load_from_memory(jpeg).expect("output decodes");
    assert_eq!((decoded.width(), decoded.height()), (prepared.width, prepared.height));
}

fn decode_rgb(prepared: &Prepared) -> RgbImage {
    image::load_from_memory(&prepared.bytes).expect("output decodes").into_rgb8()
}

/// The mean colour of a 9×9 patch around (`x`, `y`).
fn patch(image: &RgbImage, x: u32, y: u32) -> [u32; 3] {
    let mut sum = [0; 3];
    for dy in 0..9 {
        for dx in 0..9 {
            let px = (x + dx).saturating_sub(4).min(image.width() - 1);
            let py = (y + dy).saturating_sub(4).min(image.height() - 1);
            let p = image.get_pixel(px, py);
            for c in 0..3 {
                sum[c] += u32::from(p[c]);
            }
        }
    }
    sum.map(|s| s / 81)
}

fn is_mark([r, g, b]: [u32; 3]) -> bool {
    r > 170 && g < 80 && b < 80
}

/// The mark is in the top-left corner and in no other.
fn assert_upright(image: &RgbImage) {
    let (w, h) = image.dimensions();
    let (near_x, near_y, far_x, far_y) = (w / 16, h / 16, w - 1 - w / 16, h - 1 - h / 16);
    assert!(is_mark(patch(image, near_x, near_y)), "mark top-left: {:?}", patch(image, near_x, near_y));
    for (x, y, corner) in [(far_x, near_y, "top-right"), (near_x, far_y, "bottom-left"), (far_x, far_y, "bottom-right")]
    {
        assert!(!is_mark(patch(image, x, y)), "no mark {corner}: {:?}", patch(image, x, y));
    }
}

fn assert_fitted(prepared: &Prepared, upright: (u32, u32)) {
    let (w, h) = (prepared.width, prepared.height);
    assert!(w.max(h) <= MAX_LONG_EDGE, "{w}×{h} within {MAX_LONG_EDGE}");
    assert_eq!(w > h, upright.0 > upright.1, "{w}×{h} turned like {upright:?}");
    let expected_h = f64::from(w) * f64::from(upright.1) / f64::from(upright.0);
    assert!((f64::from(h) - expected_h).abs() <= 1.0, "{w}×{h} keeps the ratio of {upright:?}");
    assert!(prepared.bytes.len() <= TARGET_BYTES, "{} bytes within {TARGET_BYTES}", prepared.bytes.len());
}

#[test]
fn the_fixture_carries_orientation_gps_and_more() {
    let photo = camera_photo(600, 800, 6);
    let exif = read_exif(&photo).expect("fixture EXIF");
    let field = |tag| exif.get_field(tag, In::PRIMARY).unwrap_or_else(|| panic!("{tag} in fixture"));
    assert_eq!(field(Tag::Orientation).value.get_uint(0), Some(6));
    assert_eq!(field(Tag::Make).display_value().to_string(), "\"PhoneMaker\"");
    assert_eq!(field(Tag::GPSLatitudeRef).display_value().to_string(), "N");
    match &field(Tag::GPSLatitude).value {
        exif::Value::Rational(parts) => {
            assert_eq!(parts.iter().map(|r| (r.num, r.denom)).collect::<Vec<_>>(), [(22, 1), (20, 1), (1050, 100)]);
        }
        other => panic!("GPSLatitude is {other:?}"),
    }
    assert!(exif.get_field(Tag::GPSLongitude, In::PRIMARY).is_some());
    for needle in [b"http://ns.adobe.com/xap".as_slice(), b"ICC_PROFILE", b"Ruong nha"] {
        assert!(contains(&photo, needle));
    }
    let stored = image::load_from_memory(&photo).expect("fixture decodes");
    assert_eq!((stored.width(), stored.height()), (800, 600), "stored on its side");
}

#[test]
fn a_12_megapixel_portrait_comes_out_upright_small_and_clean() {
    // Stored 4000×3000 as the sensor saw it, shown 3000×4000.
    let photo = camera_photo(3000, 4000, 6);
    assert!(photo.len() > 2 * 1024 * 1024, "a realistic fixture: {} bytes", photo.len());
    let prepared = prepare(&photo).expect("prepared");
    assert_eq!((prepared.width, prepared.height), (1200, 1600));
    assert_fitted(&prepared, (3000, 4000));
    assert_clean(&prepared);
    assert_upright(&decode_rgb(&prepared));
}

#[test]
fn orientations_8_3_and_1_come_out_upright() {
    for (orientation, upright) in [(8, (1500, 2000)), (3, (2400, 1800)), (1, (2000, 1000))] {
        let prepared = prepare(&camera_photo(upright.0, upright.1, orientation)).expect("prepared");
        assert_eq!(prepared.width.max(prepared.height), MAX_LONG_EDGE, "orientation {orientation}");
        assert_fitted(&prepared, upright);
        assert_clean(&prepared);
        assert_upright(&decode_rgb(&prepared));
    }
}

#[test]
fn a_small_photo_is_not_upscaled() {
    for (orientation, upright) in [(1, (640, 480)), (6, (480, 640))] {
        let prepared = prepare(&camera_photo(upright.0, upright.1, orientation)).expect("prepared");
        assert_eq!((prepared.width, prepared.height), upright, "orientation {orientation}");
        assert_clean(&prepared);
        assert_upright(&decode_rgb(&prepared));
    }
}

#[test]
fn a_busy_picture_steps_down_until_it_fits() {
    // Strong full-resolution noise that no quality step alone brings under the target.
    let noisy = RgbImage::from_fn(2000, 1500, |x, y| {
        let h = x.wrapping_mul(0x9E37_79B1) ^ y.wrapping_mul(0x85EB_CA77);
        let h = (h ^ (h >> 13)).wrapping_mul(0xC2B2_AE3D);
        Rgb([(h >> 24) as u8, (h >> 16) as u8, (h >> 8) as u8])
    });
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 90).encode_image(&noisy).expect("encode");
    let prepared = prepare(&jpeg).expect("prepared");
    assert!(prepared.width < MAX_LONG_EDGE, "scaled below {MAX_LONG_EDGE}: {}", prepared.width);
    assert_fitted(&prepared, (2000, 1500));
    assert_clean(&prepared);
}

#[test]
fn a_png_with_alpha_is_laid_over_white() {
    // Left half fully transparent (black underneath), right half opaque blue.
    let rgba = RgbaImage::from_fn(300, 200, |x, _| if x < 150 { [0, 0, 0, 0].into() } else { [0, 0, 255, 255].into() });
    let mut png = Vec::new();
    PngEncoder::new(&mut png).write_image(&rgba, 300, 200, ExtendedColorType::Rgba8).expect("encode png");
    let prepared = prepare(&png).expect("prepared");
    assert_eq!((prepared.width, prepared.height), (300, 200));
    assert_clean(&prepared);
    let rgb = decode_rgb(&prepared);
    let [r, g, b] = patch(&rgb, 40, 100);
    assert!(r > 245 && g > 245 && b > 245, "white where transparent: {:?}", [r, g, b]);
    let [r, g, b] = patch(&rgb, 260, 100);
    assert!(r < 20 && g < 20 && b > 230, "blue where opaque: {:?}", [r, g, b]);
}

#[test]
fn a_webp_is_read() {
    let rgb = RgbImage::from_fn(2000, 1000, |x, y| if x < 250 && y < 125 { MARK } else { Rgb([40, 160, 90]) });
    let mut webp = Vec::new();
    WebPEncoder::new_lossless(&mut webp).write_image(&rgb, 2000, 1000, ExtendedColorType::Rgb8).expect("encode webp");
    let prepared = prepare(&webp).expect("prepared");
    assert_eq!((prepared.width, prepared.height), (1600, 800));
    assert_clean(&prepared);
    assert_upright(&decode_rgb(&prepared));
}

#[test]
fn what_is_not_a_picture_is_unreadable() {
    let photo = camera_photo(640, 480, 6);
    let cases: [(&str, Vec<u8>); 6] = [
        ("empty", Vec::new()),
        ("text", b"Gao nep cai hoa vang, 25.000d/kg".to_vec()),
        ("garbage", (0..10_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect()),
        ("a lone SOI", vec![0xFF, 0xD8]),
        ("headers only", photo[..photo.len().min(1_200)].to_vec()),
        ("GIF, not accepted", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;".to_vec()),
    ];
    for (what, bytes) in cases {
        let error = prepare(&bytes).expect_err(what);
        assert!(matches!(error, PhotoError::Unreadable(_)), "{what}: {error:?}");
        assert_eq!(error.message_id(), "photo-error-unreadable");
    }
}

#[test]
fn a_cut_off_jpeg_does_not_panic() {
    let photo = camera_photo(800, 600, 1);
    for cut in [photo.len() / 4, photo.len() / 2, photo.len() - 10] {
        match prepare(&photo[..cut]) {
            Ok(prepared) => assert_clean(&prepared),
            Err(error) => assert!(matches!(error, PhotoError::Unreadable(_)), "cut at {cut}: {error:?}"),
        }
    }
}

#[test]
fn a_jpeg_header_claiming_60000_square_is_too_large() {
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 80)
        .encode_image(&RgbImage::new(16, 16))
        .expect("encode");
    let (_, sof) = markers(&jpeg).into_iter().find(|&(m, _)| m == 0xC0).expect("SOF0");
    // FF C0, length, precision, then height and width.
    jpeg[sof + 5..sof + 9].copy_from_slice(&[0xEA, 0x60, 0xEA, 0x60]);
    let error = prepare(&jpeg).expect_err("60000×60000");
    assert!(matches!(error, PhotoError::TooLarge), "{error:?}");
    assert_eq!(error.message_id(), "photo-error-too-large");
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

#[test]
fn a_png_header_claiming_60000_square_is_too_large() {
    let mut png = Vec::new();
    PngEncoder::new(&mut png).write_image(&[0; 16 * 16 * 3], 16, 16, ExtendedColorType::Rgb8).expect("encode png");
    // Signature, then the IHDR chunk: length, "IHDR", width, height, …, CRC over type and data.
    assert_eq!(&png[12..16], b"IHDR");
    png[16..24].copy_from_slice(&[0, 0, 0xEA, 0x60, 0, 0, 0xEA, 0x60]);
    let crc = crc32(&png[12..29]);
    png[29..33].copy_from_slice(&crc.to_be_bytes());
    let error = prepare(&png).expect_err("60000×60000");
    assert!(matches!(error, PhotoError::TooLarge), "{error:?}");
}

#[test]
fn an_input_over_40_mb_is_too_large() {
    let mut bytes = camera_photo(64, 64, 1);
    bytes.resize(41 * 1024 * 1024, 0);
    let error = prepare(&bytes).expect_err("41 MB");
    assert!(matches!(error, PhotoError::TooLarge), "{error:?}");
}

#[test]
fn a_thumbnail_is_small_and_keeps_the_shape() {
    let photo = prepare(&camera_photo(4000, 3000, 6)).expect("prepared");
    let thumb = langso_photos::thumbnail(&photo.bytes, 400).expect("thumbnail");
    assert_eq!((thumb.width, thumb.height), (400, 300), "upright already, so only smaller");
    assert!(thumb.bytes.len() < photo.bytes.len() / 3, "{} bytes", thumb.bytes.len());
    assert_clean(&thumb);
    let tiny = langso_photos::thumbnail(&thumb.bytes, 400).expect("already small");
    assert_eq!((tiny.width, tiny.height), (400, 300));
    assert!(matches!(langso_photos::thumbnail(b"not a photo", 400), Err(PhotoError::Unreadable(_))));
}
