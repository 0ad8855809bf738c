//! The TypeScript types of everything that crosses IPC are generated from the Rust types
//! (ts-rs) into `ui/src/lib/bindings.ts`; this test fails when that file is stale.
//! `UPDATE_BINDINGS=1 cargo test -p langso-commands --test bindings` writes it anew.

use std::path::Path;

use langso_commands::CommandError;
use langso_commands::certificate::{CertificateFile, SavedFile};
use langso_commands::dashboard::{DashboardCharts, OfficeCode};
use langso_commands::devices::{CodeDefault, CodeState, CodeView, DeviceView, JoinCodes, MadeCode};
use langso_commands::hub_mode::HubInfo;
use langso_commands::market::{BankChoice, ContactApp, MyListing, PreparedPhoto};
use langso_commands::people::{Exported, MyRecord, Opened, VillageChoice};
use langso_commands::session_report::SavedReport;
use langso_commands::sync_engine::SyncStatus;
use langso_core::dashboard::figures::{Figures, SkillHolders};
use langso_core::dashboard::months::MonthRow;
use langso_core::dashboard::{Dashboard, VillageRow};
use langso_core::learning::learnt::{CompletedLesson, Learnt, SkillProgress};
use langso_core::learning::lesson::{AssetRef, Lesson, LessonCard, QuestionView, StepView};
use langso_core::learning::progress::{AnswerFeedback, LessonProgress};
use langso_core::learning::topic::Topic;
use langso_core::market::inquiry::{Inquiry, InquiryLine, InquiryStatus};
use langso_core::market::listing::{Listing, ListingInput, ListingStatus};
use langso_core::people::device_profiles::{Display, ProfileCard};
use langso_core::people::directory::PersonHit;
use langso_core::people::household::{Household, HouseholdChoice, NewHousehold};
use langso_core::people::profile::{NewProfile, Profile, ProfileEdit};
use langso_core::replica::refusal::RefusalNote;
use langso_core::role::Role;
use langso_core::settings::Settings;
use langso_core::training::attendance::{Attendance, RosterEntry};
use langso_core::training::class::{
    ClassLesson, ClassProgress, HardQuestion, HelpReason, LearnerProgress, LessonCell, LessonState, NeedsHelp,
};
use langso_core::training::report::{ReportRow, SessionReport, SkillCount};
use langso_core::training::session::{SessionInput, TrainingSession};
use langso_core::training::skills::{SkillCounts, SkillMark, SkillRecord};
use ts_rs::{Config, TS};

fn bindings() -> String {
    // Times and counts travel as JSON numbers, well within a double's exact range.
    let cfg = Config::new().with_large_int("number");
    let declarations = [
        Topic::decl(&cfg),
        Role::decl(&cfg),
        Settings::decl(&cfg),
        SyncStatus::decl(&cfg),
        HubInfo::decl(&cfg),
        DeviceView::decl(&cfg),
        CodeState::decl(&cfg),
        CodeView::decl(&cfg),
        CodeDefault::decl(&cfg),
        JoinCodes::decl(&cfg),
        MadeCode::decl(&cfg),
        SkillHolders::decl(&cfg),
        Figures::decl(&cfg),
        VillageRow::decl(&cfg),
        MonthRow::decl(&cfg),
        Dashboard::decl(&cfg),
        DashboardCharts::decl(&cfg),
        OfficeCode::decl(&cfg),
        VillageChoice::decl(&cfg),
        ProfileCard::decl(&cfg),
        Profile::decl(&cfg),
        NewProfile::decl(&cfg),
        ProfileEdit::decl(&cfg),
        Display::decl(&cfg),
        Opened::decl(&cfg),
        Exported::decl(&cfg),
        RefusalNote::decl(&cfg),
        MyRecord::decl(&cfg),
        LessonCard::decl(&cfg),
        AssetRef::decl(&cfg),
        StepView::decl(&cfg),
        QuestionView::decl(&cfg),
        Lesson::decl(&cfg),
        LessonProgress::decl(&cfg),
        AnswerFeedback::decl(&cfg),
        CompletedLesson::decl(&cfg),
        SkillProgress::decl(&cfg),
        Learnt::decl(&cfg),
        Attendance::decl(&cfg),
        SessionInput::decl(&cfg),
        TrainingSession::decl(&cfg),
        PersonHit::decl(&cfg),
        NewHousehold::decl(&cfg),
        Household::decl(&cfg),
        HouseholdChoice::decl(&cfg),
        RosterEntry::decl(&cfg),
        SkillMark::decl(&cfg),
        SkillRecord::decl(&cfg),
        SkillCounts::decl(&cfg),
        LessonState::decl(&cfg),
        LessonCell::decl(&cfg),
        LearnerProgress::decl(&cfg),
        ClassLesson::decl(&cfg),
        HelpReason::decl(&cfg),
        NeedsHelp::decl(&cfg),
        HardQuestion::decl(&cfg),
        ClassProgress::decl(&cfg),
        ReportRow::decl(&cfg),
        SkillCount::decl(&cfg),
        SessionReport::decl(&cfg),
        SavedReport::decl(&cfg),
        CertificateFile::decl(&cfg),
        SavedFile::decl(&cfg),
        ListingStatus::decl(&cfg),
        ListingInput::decl(&cfg),
        Listing::decl(&cfg),
        MyListing::decl(&cfg),
        PreparedPhoto::decl(&cfg),
        BankChoice::decl(&cfg),
        InquiryStatus::decl(&cfg),
        Inquiry::decl(&cfg),
        InquiryLine::decl(&cfg),
        ContactApp::decl(&cfg),
        CommandError::decl(&cfg),
    ];
    let mut out = String::from(
        "// Generated from the Rust types by crates/commands/tests/bindings.rs; do not edit.\n\
         // After changing a type: UPDATE_BINDINGS=1 cargo test -p langso-commands --test bindings\n",
    );
    for declaration in declarations {
        out.push_str("\nexport ");
        out.push_str(&declaration);
        out.push('\n');
    }
    out
}

#[test]
fn the_typescript_bindings_match_the_rust_types() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/lib/bindings.ts");
    let fresh = bindings();
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::write(&path, &fresh).expect("write bindings.ts");
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "ui/src/lib/bindings.ts is stale: run UPDATE_BINDINGS=1 cargo test -p langso-commands --test bindings"
    );
}
