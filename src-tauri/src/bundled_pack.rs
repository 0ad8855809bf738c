//! The lesson pack compiled into the app, so that it teaches on first launch with no network.

use include_dir::{Dir, include_dir};
use langso_core::learning::pack::{Pack, PackError};

static PACK_DIR: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/../assets/lessons");

pub fn load() -> Result<Pack, PackError> {
    Pack::load(|path| PACK_DIR.get_file(path).map(|f| f.contents().to_vec()))
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_embedded_pack_is_valid() {
        let pack = super::load().expect("the embedded pack is valid");
        assert!(pack.lessons.len() >= 3);
    }
}
