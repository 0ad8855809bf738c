//! Figures for `prepare` on a 12-megapixel camera JPEG (4000×3000 stored, EXIF orientation 6),
//! printed, never asserted. Run: `cargo bench --bench pipeline`.

#[path = "../tests/fixtures/mod.rs"]
mod fixtures;

use std::time::{Duration, Instant};

const RUNS: usize = 5;

fn main() {
    let photo = fixtures::camera_photo(3000, 4000, 6);
    println!("input: 4000×3000 stored, orientation 6, {} KiB", photo.len() / 1024);
    let mut times = Vec::with_capacity(RUNS);
    let mut last = None;
    for _ in 0..RUNS {
        let start = Instant::now();
        let prepared = langso_photos::prepare(&photo).expect("prepare");
        times.push(start.elapsed());
        last = Some(prepared);
    }
    let prepared = last.expect("at least one run");
    println!(
        "output: {}×{}, {} KiB ({} bytes)",
        prepared.width,
        prepared.height,
        prepared.bytes.len() / 1024,
        prepared.bytes.len()
    );
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "prepare over {RUNS} runs: min {:.0} ms, median {:.0} ms, max {:.0} ms",
        ms(times[0]),
        ms(times[RUNS / 2]),
        ms(times[RUNS - 1])
    );
}
