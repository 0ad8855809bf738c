fn main() {
    // The capability file names every command the window may call; declaring the same
    // commands makes each one need that explicit permission, so an unlisted command is refused.
    // A test in `src/commands.rs` checks the file against the command list.
    println!("cargo:rerun-if-changed=capabilities/default.json");
    let capability = std::fs::read_to_string("capabilities/default.json").expect("capabilities/default.json");
    let commands: Vec<&'static str> = capability
        .split('"')
        .filter_map(|s| s.strip_prefix("allow-"))
        .map(|s| &*Box::leak(s.replace('-', "_").into_boxed_str()))
        .collect();
    let manifest = tauri_build::AppManifest::new().commands(Box::leak(commands.into_boxed_slice()));
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
        .expect("tauri build configuration is valid");
}
