fn main() {
    // Declaring the app's commands makes each one need an explicit permission in
    // capabilities/, so the window can call only what the UI uses.
    let manifest = tauri_build::AppManifest::new().commands(&[
        "catalogue",
        "get_settings",
        "set_language",
        "sync_status",
        "sync_now",
        "enroll",
        "start_hub",
        "stop_hub",
        "hub_info",
    ]);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
        .expect("tauri build configuration is valid");
}
