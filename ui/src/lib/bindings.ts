// Generated from the Rust types by crates/commands/tests/bindings.rs; do not edit.
// After changing a type: UPDATE_BINDINGS=1 cargo test -p langso-commands --test bindings

export type Topic = "public-services" | "online-shopping" | "online-payments" | "online-safety" | "local-platforms" | "device-basics" | "selling-online" | "information";

export type Role = "villager" | "volunteer" | "farmer" | "official";

export type Settings = { 
/**
 * The language the app speaks; a folder name under `locales/`.
 */
language: string, };

export type SyncStatus = { enrolled: boolean, 
/**
 * The role this device enrolled with, e.g. `volunteer`.
 */
role: Role | null, syncing: boolean, 
/**
 * Whether the last attempt reached the server.
 */
online: boolean, waiting: number, 
/**
 * Profiles on this device that wait for their person to choose a village: until then
 * they and what they learnt stay here.
 */
unplaced: number, last_ok_at: number | null, 
/**
 * The Fluent id of the last error, if the last attempt failed.
 */
error: string | null, };

export type HubInfo = { 
/**
 * What phones enter (or scan): `http://<laptop's address>:<port>`.
 */
address: string, 
/**
 * A join code per role, for the phones at this session.
 */
codes: Array<[Role, string]>, 
/**
 * The address as a QR code, an SVG image.
 */
qr_svg: string, };

export type DeviceView = { node: string, name: string, role: Role, enrolled_at: number, 
/**
 * When it last pulled everything from the server (to within a few minutes).
 */
last_sync_at: number | null, app_version: string | null, revoked_at: number | null, 
/**
 * It joined at a training session, through a volunteer's or official's hub.
 */
via_hub: boolean, 
/**
 * That hub's name, if the server knows it.
 */
hub_name: string | null, 
/**
 * The device the official is holding: it cannot revoke itself.
 */
this_device: boolean, };

export type CodeState = "active" | "expired" | "used-up" | "revoked";

export type CodeView = { id: string, role: Role, created_at: number, expires_at: number, uses: number, max_uses: number, state: CodeState, };

export type CodeDefault = { role: Role, days: number, uses: number, };

export type JoinCodes = { codes: Array<CodeView>, max_days: number, max_uses: number, defaults: Array<CodeDefault>, };

export type MadeCode = { code: string, listed: CodeView, };

export type SkillHolders = { skill: Topic, people: number, };

export type Figures = { people_registered: number, people_trained: number, lessons_completed: number, active_learners: number, 
/**
 * The five basic skills, in their fixed order.
 */
skills: Array<SkillHolders>, people_all_five: number, households: number, households_at_target: number, sessions_held: number, volunteers_active: number, listings_published: number, inquiries_received: number, inquiries_answered: number, };

export type VillageRow = { village_id: string, name: string, figures: Figures, };

export type MonthRow = { 
/**
 * `2026-11`.
 */
month: string, 
/**
 * Profiles registered that month (still live).
 */
people_registered: number, 
/**
 * People first trained that month.
 */
people_trained: number, 
/**
 * Lessons first completed that month.
 */
lessons_completed: number, sessions_held: number, inquiries_received: number, 
/**
 * People with all five by the month's end.
 */
people_all_five_total: number, 
/**
 * Households at the target by the month's end.
 */
households_at_target_total: number, };

export type Dashboard = { commune_id: string, commune_name: string, district: string | null, province: string | null, 
/**
 * The share of households the commune aims for, in percent.
 */
target_percent: number | null, totals: Figures, 
/**
 * Every live village of the commune, by name.
 */
villages: Array<VillageRow>, months: Array<MonthRow>, 
/**
 * When it was counted (UTC ms): "active" and "held" are as of then.
 */
counted_at: number, };

export type DashboardCharts = { villages: string, months: string, };

export type OfficeCode = { code: string, expires_at: number, 
/**
 * The sign-in page on the server this device syncs with.
 */
address: string, };

export type VillageChoice = { id: string, name: string, commune_id: string, commune: string, };

export type ProfileCard = { id: string, name: string, avatar: string | null, has_pin: boolean, 
/**
 * Empty while the profile has no village (made before the device joined a commune).
 */
village: string, 
/**
 * It has a village: false for a profile made before the device joined a commune.
 */
placed: boolean, };

export type Profile = { id: string, 
/**
 * None (with the village) for a profile made before this device joined a commune.
 */
commune_id: string | null, village_id: string | null, role: Role, name: string, household: string | null, 
/**
 * The household as people know it: its head's name and address.
 */
household_name: string | null, birth_year: number | null, phone: string | null, avatar: string | null, has_pin: boolean, consent_at: number, consent_version: string, read_aloud: boolean, };

export type NewProfile = { 
/**
 * None only on a device that has not joined a commune yet: the person chooses their
 * village once it has (see [`Store::place_profile`]).
 */
village_id: string | null, role: Role, name: string, 
/**
 * The household's id (see `people::household`), or none.
 */
household: string | null, birth_year: number | null, phone: string | null, avatar: string | null, 
/**
 * Four digits, or none.
 */
pin: string | null, 
/**
 * The version of the consent notice the person agreed to; no consent, no profile.
 */
consent_version: string | null, 
/**
 * Everything read aloud (the low-literacy mode).
 */
read_aloud: boolean, };

export type ProfileEdit = { 
/**
 * None keeps a profile that has no village yet without one.
 */
village_id: string | null, name: string, household: string | null, birth_year: number | null, phone: string | null, avatar: string | null, };

export type Display = { 
/**
 * 0 normal, 1 large, 2 largest.
 */
text_size: number, high_contrast: boolean, };

export type Opened = { profile: Profile, display: Display, };

export type Exported = { path: string, json: string, };

export type RefusalNote = { 
/**
 * A Fluent message id, `reject-…`.
 */
reason: string, 
/**
 * UTC ms.
 */
at: number, };

export type MyRecord = { profile: Profile, refusal: RefusalNote | null, };

export type LessonCard = { id: string, slug: string, version: number, topic: Topic, level: number, minutes: number, steps: number, title: string, summary: string, };

export type AssetRef = { hash: string, mime: string, };

export type Step = { text: string, 
/**
 * The step's picture; none until sync has brought its bytes.
 */
illustration: AssetRef | null, 
/**
 * The step read aloud in the language asked for (else Vietnamese).
 */
narration: AssetRef | null, };

export type Question = { id: string, prompt: string, choices: Array<string>, 
/**
 * The question read aloud in the language asked for (else Vietnamese).
 */
narration: AssetRef | null, 
/**
 * Each choice read aloud, in the order of `choices`.
 */
choice_narrations: Array<AssetRef | null>, };

export type Lesson = { card: LessonCard, steps: Array<Step>, quiz: Array<Question>, };

export type LessonProgress = { lesson_id: string, 
/**
 * The step (0-based) the learner saw last, to resume there.
 */
last_step: number | null, completed_at: number | null, answers: number, right: number, 
/**
 * The quiz questions answered rightly at least once, so a resumed quiz skips them.
 */
right_questions: Array<string>, };

export type AnswerFeedback = { correct: boolean, 
/**
 * Index of the right choice, to show it.
 */
correct_choice: number, explanation: string, 
/**
 * The explanation read aloud, for the low-literacy mode.
 */
explanation_narration: AssetRef | null, };

export type CompletedLesson = { lesson_id: string, title: string, topic: Topic, completed_at: number, };

export type SkillProgress = { topic: Topic, basic: boolean, completed: number, total: number, 
/**
 * Every lesson of the topic completed.
 */
mastered: boolean, };

export type Learnt = { name: string, village: string, commune: string, 
/**
 * Completed lessons, first completed first.
 */
lessons: Array<CompletedLesson>, 
/**
 * Every topic the catalogue teaches, the five basic skills first.
 */
skills: Array<SkillProgress>, };

export type Attendance = "listed" | "present" | "late" | "absent";

export type SessionInput = { village_id: string, title: string, place: string | null, 
/**
 * UTC milliseconds.
 */
starts_at: number, ends_at: number, lessons: Array<string>, 
/**
 * Basic skills the session covers.
 */
skills: Array<Topic>, };

export type TrainingSession = { id: string, commune_id: string, village_id: string, village_name: string | null, volunteer_id: string, volunteer_name: string | null, title: string, place: string | null, starts_at: number, ends_at: number, lessons: Array<string>, skills: Array<Topic>, cancelled_at: number | null, cancel_reason: string | null, 
/**
 * People marked present or late.
 */
present: number, };

export type PersonHit = { id: string, name: string, role: Role, village_id: string, village_name: string | null, household_name: string | null, birth_year: number | null, };

export type NewHousehold = { village_id: string, head_name: string, 
/**
 * A house number or the hamlet, as people say it.
 */
address: string | null, };

export type Household = { id: string, village_id: string, head_name: string, address: string | null, 
/**
 * How many live profiles belong to it.
 */
members: number, };

export type HouseholdChoice = { "kind": "none" } | { "kind": "existing", id: string, } | { "kind": "new", head_name: string, address: string | null, };

export type RosterEntry = { profile_id: string, 
/**
 * None once the person's profile was deleted.
 */
name: string | null, village_name: string | null, household_name: string | null, status: Attendance, 
/**
 * When the mark was made.
 */
marked_at: number, 
/**
 * The basic skills checked for them at this session.
 */
skills: Array<Topic>, 
/**
 * Whether they have all five basic skills, over every session.
 */
all_five: boolean, };

export type SkillMark = { skill: Topic, 
/**
 * When it was first checked, if it has been.
 */
checked_at: number | null, };

export type SkillRecord = { profile_id: string, marks: Array<SkillMark>, all_five: boolean, sessions_attended: number, };

export type SkillCounts = { people_with_all_five: number, households: number, households_at_target: number, };

export type LessonState = "not-started" | "started" | "completed";

export type LessonCell = { lesson_id: string, state: LessonState, 
/**
 * First answers that were right, of the questions answered.
 */
first_right: number, first_answered: number, };

export type LearnerProgress = { profile_id: string, name: string | null, status: Attendance, 
/**
 * In the order of the session's lessons.
 */
lessons: Array<LessonCell>, };

export type ClassLesson = { id: string, title: string, questions: number, completed: number, started: number, not_started: number, };

export type HelpReason = { "rule": "not-completed", lessons: number, } | { "rule": "mostly-wrong", wrong: number, answered: number, } | { "rule": "missing-skills", sessions: number, missing: Array<Topic>, };

export type NeedsHelp = { profile_id: string, name: string | null, reasons: Array<HelpReason>, };

export type HardQuestion = { lesson_id: string, question_id: string, prompt: string, 
/**
 * Wrong first answers, of first answers, among the class.
 */
wrong: number, answered: number, };

export type ClassProgress = { lessons: Array<ClassLesson>, learners: Array<LearnerProgress>, needs_help: Array<NeedsHelp>, 
/**
 * Per lesson, the questions most often answered wrongly the first time, worst first.
 */
hardest: Array<HardQuestion>, min_answered: number, sessions_for_skills: number, };

export type ReportRow = { profile_id: string, 
/**
 * None once the person's profile was deleted.
 */
name: string | null, village: string | null, household: string | null, status: Attendance, 
/**
 * Basic skills checked at this session.
 */
skills: Array<Topic>, 
/**
 * The session's lessons this person has completed (anywhere, any time).
 */
lessons_completed: number, all_five: boolean, };

export type SkillCount = { skill: Topic, people: number, };

export type SessionReport = { session: TrainingSession, rows: Array<ReportRow>, listed: number, 
/**
 * Present or late.
 */
attended: number, late: number, absent: number, 
/**
 * People checked for each basic skill at this session.
 */
skills: Array<SkillCount>, 
/**
 * People who attended and have all five (over every session).
 */
attended_with_all_five: number, 
/**
 * Lessons completed, summed over the rows.
 */
lessons_completed: number, };

export type SavedReport = { csv_path: string, pdf_path: string, report: SessionReport, };

export type CertificateFile = "picture" | "pdf";

export type SavedFile = { path: string, };

export type ListingStatus = "draft" | "published" | "sold-out" | "archived";

export type ListingInput = { name: string, 
/**
 * OCOP product group (food, drinks, herbs, crafts, ...) and the farmer's own category.
 */
ocop_group: string | null, category: string | null, description: string | null, story: string | null, 
/**
 * Whole đồng per unit.
 */
price_dong: number, 
/**
 * "kg", "hộp", "chai", ...
 */
unit: string, 
/**
 * "500 g", "hộp 6 chai", ...
 */
pack_size: string | null, 
/**
 * In stock; `None` with `made_to_order`.
 */
quantity: number | null, made_to_order: boolean, season: string | null, 
/**
 * `YYYY-MM-DD`.
 */
available_from: string | null, 
/**
 * OCOP stars 3–5 and when the certificate expires.
 */
ocop_stars: number | null, ocop_expiry: string | null, certifications: Array<string>, 
/**
 * SHA-256 hashes of the photos (see `blob`).
 */
photos: Array<string>, contact_phone: string, zalo: string | null, 
/**
 * For a VietQR payment code: the bank's 6-digit BIN, the account, the holder's name.
 */
bank_bin: string | null, bank_account: string | null, bank_holder: string | null, };

export type Listing = { id: string, commune_id: string, owner_id: string, status: ListingStatus, name: string, 
/**
 * OCOP product group (food, drinks, herbs, crafts, ...) and the farmer's own category.
 */
ocop_group: string | null, category: string | null, description: string | null, story: string | null, 
/**
 * Whole đồng per unit.
 */
price_dong: number, 
/**
 * "kg", "hộp", "chai", ...
 */
unit: string, 
/**
 * "500 g", "hộp 6 chai", ...
 */
pack_size: string | null, 
/**
 * In stock; `None` with `made_to_order`.
 */
quantity: number | null, made_to_order: boolean, season: string | null, 
/**
 * `YYYY-MM-DD`.
 */
available_from: string | null, 
/**
 * OCOP stars 3–5 and when the certificate expires.
 */
ocop_stars: number | null, ocop_expiry: string | null, certifications: Array<string>, 
/**
 * SHA-256 hashes of the photos (see `blob`).
 */
photos: Array<string>, contact_phone: string, zalo: string | null, 
/**
 * For a VietQR payment code: the bank's 6-digit BIN, the account, the holder's name.
 */
bank_bin: string | null, bank_account: string | null, bank_holder: string | null, };

export type MyListing = { listing: Listing, inquiries: number, new_inquiries: number, };

export type PreparedPhoto = { hash: string, width: number, height: number, bytes: number, };

export type BankChoice = { bin: string, short_name: string, name: string, };

export type InquiryStatus = "new" | "answered" | "closed";

export type Inquiry = { id: string, listing_id: string, buyer_name: string, buyer_phone: string, quantity: number, message: string | null, status: InquiryStatus, created_at: number, };

export type InquiryLine = { product: string | null, id: string, listing_id: string, buyer_name: string, buyer_phone: string, quantity: number, message: string | null, status: InquiryStatus, created_at: number, };

export type ContactApp = "call" | "zalo";

export type CommandError = { code: string, message: string, };
