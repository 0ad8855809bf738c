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
        "villages",
        "device_profiles",
        "create_profile",
        "open_profile",
        "close_profile",
        "edit_profile",
        "set_pin",
        "set_display",
        "delete_profile",
        "export_profile",
        "lesson",
        "asset",
        "search_lessons",
        "progress",
        "record_step",
        "answer",
        "complete_lesson",
        "learnt",
    ]);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
        .expect("tauri build configuration is valid");
}
