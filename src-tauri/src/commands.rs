//! The commands the window may call: each one wraps the `App` method of the same name, and its
//! failure becomes a `CommandError` in the person's language here and nowhere else. This list
//! is the one source: it registers the handlers, and a test checks that the capability file
//! (from which `build.rs` makes the command manifest) and the UI's mock backend name exactly
//! these commands.

use langso_commands::certificate::{CertificateFile, SavedFile};
use langso_commands::dashboard::{DashboardCharts, OfficeCode};
use langso_commands::devices::{DeviceView, JoinCodes, MadeCode};
use langso_commands::hub_mode::HubInfo;
use langso_commands::market::{BankChoice, ContactApp, MyListing, PreparedPhoto};
use langso_commands::people::{Exported, MyRecord, Opened, VillageChoice};
use langso_commands::session_report::SavedReport;
use langso_commands::sync_engine::SyncStatus;
use langso_commands::{App, CommandError};
use langso_core::dashboard::Dashboard;
use langso_core::learning::learnt::Learnt;
use langso_core::learning::lesson::{Lesson, LessonCard};
use langso_core::learning::progress::{AnswerFeedback, LessonProgress};
use langso_core::learning::topic::Topic;
use langso_core::market::inquiry::{Inquiry, InquiryLine, InquiryStatus};
use langso_core::market::listing::{Listing, ListingInput, ListingStatus};
use langso_core::people::device_profiles::{Display, ProfileCard};
use langso_core::people::directory::PersonHit;
use langso_core::people::household::{Household, HouseholdChoice};
use langso_core::people::profile::{NewProfile, Profile, ProfileEdit};
use langso_core::role::Role;
use langso_core::settings::Settings;
use langso_core::training::attendance::{Attendance, RosterEntry};
use langso_core::training::class::ClassProgress;
use langso_core::training::report::SessionReport;
use langso_core::training::session::{SessionInput, TrainingSession};
use langso_core::training::skills::SkillRecord;
use tauri::ipc::Response;

/// Declares each command once: `name(arguments) -> what it returns`, and, for a command whose
/// answer is raw bytes rather than JSON, `=> how to send it`.
macro_rules! commands {
    ($( $name:ident ( $($arg:ident : $ty:ty),* ) -> $ret:ty $(=> $send:path)? ; )*) => {
        $(
            #[tauri::command]
            pub async fn $name(app: tauri::State<'_, App>, $($arg: $ty),*) -> Result<commands!(@ret $ret $(=> $send)?), CommandError> {
                app.$name($($arg),*).await $(.map($send))? .map_err(|e| app.localize(&e))
            }
        )*

        /// Every command, by name, in the order declared.
        #[cfg(test)]
        pub const NAMES: &[&str] = &[$(stringify!($name)),*];

        /// The handler that routes the window's calls to the commands.
        pub fn handler<R: tauri::Runtime>() -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$($name),*]
        }
    };
    (@ret $ret:ty) => { $ret };
    (@ret $ret:ty => $send:path) => { Response };
}

commands! {
    // Settings and sync.
    get_settings() -> Settings;
    set_language(language: String) -> Settings;
    sync_status() -> SyncStatus;
    sync_now() -> SyncStatus;
    enroll(server: String, code: String) -> SyncStatus;
    // Hub.
    start_hub() -> HubInfo;
    stop_hub() -> ();
    hub_info() -> Option<HubInfo>;
    // An official's commune devices and join codes.
    commune_devices() -> Vec<DeviceView>;
    revoke_device(node: String) -> ();
    join_codes() -> JoinCodes;
    make_join_code(role: Role, days: u32, uses: u32) -> MadeCode;
    revoke_join_code(id: String) -> ();
    // A volunteer's (or official's) training sessions.
    sessions() -> Vec<TrainingSession>;
    session(id: String) -> TrainingSession;
    plan_session(input: SessionInput) -> TrainingSession;
    edit_session(id: String, input: SessionInput) -> TrainingSession;
    cancel_session(id: String, reason: String) -> TrainingSession;
    find_people(query: String) -> Vec<PersonHit>;
    households(village_id: String) -> Vec<Household>;
    register_person(session_id: String, profile: NewProfile, household: HouseholdChoice, status: Attendance) -> Profile;
    add_to_session(session_id: String, profile_id: String) -> Vec<RosterEntry>;
    mark_attendance(session_id: String, profile_id: String, status: Attendance) -> Vec<RosterEntry>;
    check_skill(session_id: String, profile_id: String, skill: Topic, checked: bool) -> Vec<RosterEntry>;
    roster(session_id: String) -> Vec<RosterEntry>;
    learning_nearby(session_id: String) -> Vec<PersonHit>;
    class_progress(session_id: String, language: String) -> ClassProgress;
    skill_record(profile_id: String) -> SkillRecord;
    session_report(session_id: String) -> SessionReport;
    export_session_report(session_id: String, language: String) -> SavedReport;
    data_version() -> u64;
    // A farmer's products and buyers' inquiries.
    my_listings() -> Vec<MyListing>;
    my_listing(id: String) -> Listing;
    create_listing(input: ListingInput) -> Listing;
    edit_listing(id: String, input: ListingInput) -> Listing;
    set_listing_status(id: String, status: ListingStatus) -> Listing;
    add_listing_photo(photo: String) -> PreparedPhoto;
    my_inquiries() -> Vec<InquiryLine>;
    set_inquiry_status(id: String, status: InquiryStatus) -> Inquiry;
    banks() -> Vec<BankChoice>;
    open_contact(phone: String, via: ContactApp) -> ();
    // People.
    villages() -> Vec<VillageChoice>;
    device_profiles() -> Vec<ProfileCard>;
    create_profile(profile: NewProfile) -> Opened;
    open_profile(id: String, pin: Option<String>) -> Opened;
    close_profile() -> ();
    edit_profile(edit: ProfileEdit) -> Profile;
    my_record() -> MyRecord;
    dismiss_refusal() -> ();
    place_profile(village_id: String) -> Profile;
    set_read_aloud(on: bool) -> Profile;
    set_pin(pin: Option<String>) -> ();
    set_display(display: Display) -> Display;
    delete_profile() -> ();
    export_profile() -> Exported;
    // Lessons.
    catalogue(language: String) -> Vec<LessonCard>;
    lesson(id: String, language: String) -> Lesson;
    asset(hash: String) -> Vec<u8> => Response::new;
    search_lessons(query: String, language: String) -> Vec<String>;
    progress() -> Vec<LessonProgress>;
    record_step(lesson_id: String, step: u16) -> ();
    answer(question_id: String, choice: usize, language: String) -> AnswerFeedback;
    complete_lesson(lesson_id: String) -> ();
    learnt(language: String) -> Learnt;
    save_certificate(language: String, file: CertificateFile) -> SavedFile;
    // An official's dashboard.
    dashboard() -> Dashboard;
    dashboard_charts(language: String) -> DashboardCharts;
    set_household_target(percent: Option<i64>) -> Dashboard;
    office_code() -> OfficeCode;
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::NAMES;

    fn sorted(names: impl IntoIterator<Item = String>) -> Vec<String> {
        names.into_iter().collect::<BTreeSet<_>>().into_iter().collect()
    }

    fn listed() -> Vec<String> {
        sorted(NAMES.iter().map(|n| (*n).to_owned()))
    }

    #[test]
    fn the_capability_file_allows_exactly_the_commands() {
        let file = include_str!("../capabilities/default.json");
        let json: serde_json::Value = serde_json::from_str(file).expect("capability JSON");
        let allowed = json["permissions"]
            .as_array()
            .expect("permissions")
            .iter()
            .filter_map(|p| p.as_str()?.strip_prefix("allow-").map(|n| n.replace('-', "_")));
        assert_eq!(sorted(allowed), listed(), "capabilities/default.json: one \"allow-<name>\" per command");
        assert_eq!(NAMES.len(), listed().len(), "no command is declared twice");
    }

    #[test]
    fn the_screen_tests_mock_offers_no_command_the_app_lacks() {
        let mock = include_str!("../../ui/e2e/mock-backend.ts");
        let table =
            mock.split("const commands: Record<string, (a: Args) => unknown> = {").nth(1).expect("the mock's table");
        let offered: Vec<String> = table
            .lines()
            .take_while(|line| *line != "  };")
            .filter_map(|line| line.strip_prefix("    ")?.split_once(':').map(|(name, _)| name.to_owned()))
            .filter(|name| name.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
            .collect();
        assert!(offered.len() > 10, "the mock's commands were found: {offered:?}");
        let missing: Vec<&String> = offered.iter().filter(|n| !NAMES.contains(&n.as_str())).collect();
        assert!(missing.is_empty(), "ui/e2e/mock-backend.ts offers commands the app lacks: {missing:?}");
    }
}
