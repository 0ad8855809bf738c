// The only module that talks to the Rust side. Every command the UI uses is listed here; the
// app's commands are declared in src-tauri/src/commands.rs.
import { invoke } from '@tauri-apps/api/core';

import type {
  BankChoice,
  ContactApp,
  Inquiry,
  InquiryLine,
  InquiryStatus,
  Listing,
  ListingInput,
  ListingStatus,
  MyListing,
  PreparedPhoto,
  AnswerFeedback,
  Attendance,
  CertificateFile,
  ClassProgress,
  Household,
  HouseholdChoice,
  PersonHit,
  RosterEntry,
  SavedFile,
  SavedReport,
  SessionInput,
  SessionReport,
  SkillRecord,
  TrainingSession,
  CommandError,
  Dashboard,
  DashboardCharts,
  OfficeCode,
  DeviceView,
  Display,
  Exported,
  HubInfo,
  JoinCodes,
  Learnt,
  Lesson,
  LessonCard,
  LessonProgress,
  MadeCode,
  MyRecord,
  NewProfile,
  Opened,
  Profile,
  ProfileCard,
  ProfileEdit,
  Role,
  Settings,
  SyncStatus,
  Topic,
  VillageChoice,
} from './bindings';

// The types that cross IPC are generated from the Rust types (./bindings.ts); screens import
// them from here, with the commands.
export type * from './bindings';

export const BASIC_SKILLS: readonly Topic[] = [
  'public-services',
  'online-shopping',
  'online-payments',
  'online-safety',
  'local-platforms',
];

export function isCommandError(e: unknown): e is CommandError {
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof (e as CommandError).code === 'string' &&
    typeof (e as CommandError).message === 'string'
  );
}

export const ipc = {
  catalogue: (language: string) => invoke<LessonCard[]>('catalogue', { language }),
  getSettings: () => invoke<Settings>('get_settings'),
  setLanguage: (language: string) => invoke<Settings>('set_language', { language }),
  syncStatus: () => invoke<SyncStatus>('sync_status'),
  syncNow: () => invoke<SyncStatus>('sync_now'),
  enroll: (server: string, code: string) => invoke<SyncStatus>('enroll', { server, code }),
  startHub: () => invoke<HubInfo>('start_hub'),
  stopHub: () => invoke<void>('stop_hub'),
  hubInfo: () => invoke<HubInfo | null>('hub_info'),
  communeDevices: () => invoke<DeviceView[]>('commune_devices'),
  revokeDevice: (node: string) => invoke<void>('revoke_device', { node }),
  joinCodes: () => invoke<JoinCodes>('join_codes'),
  makeJoinCode: (role: Role, days: number, uses: number) => invoke<MadeCode>('make_join_code', { role, days, uses }),
  revokeJoinCode: (id: string) => invoke<void>('revoke_join_code', { id }),
  // A volunteer's (or official's) training sessions.
  sessions: () => invoke<TrainingSession[]>('sessions'),
  session: (id: string) => invoke<TrainingSession>('session', { id }),
  planSession: (input: SessionInput) => invoke<TrainingSession>('plan_session', { input }),
  editSession: (id: string, input: SessionInput) => invoke<TrainingSession>('edit_session', { id, input }),
  cancelSession: (id: string, reason: string) => invoke<TrainingSession>('cancel_session', { id, reason }),
  findPeople: (query: string) => invoke<PersonHit[]>('find_people', { query }),
  households: (villageId: string) => invoke<Household[]>('households', { villageId }),
  registerPerson: (sessionId: string, profile: NewProfile, household: HouseholdChoice, status: Attendance) =>
    invoke<Profile>('register_person', { sessionId, profile, household, status }),
  addToSession: (sessionId: string, profileId: string) =>
    invoke<RosterEntry[]>('add_to_session', { sessionId, profileId }),
  markAttendance: (sessionId: string, profileId: string, status: Attendance) =>
    invoke<RosterEntry[]>('mark_attendance', { sessionId, profileId, status }),
  checkSkill: (sessionId: string, profileId: string, skill: Topic, checked: boolean) =>
    invoke<RosterEntry[]>('check_skill', { sessionId, profileId, skill, checked }),
  roster: (sessionId: string) => invoke<RosterEntry[]>('roster', { sessionId }),
  learningNearby: (sessionId: string) => invoke<PersonHit[]>('learning_nearby', { sessionId }),
  classProgress: (sessionId: string, language: string) =>
    invoke<ClassProgress>('class_progress', { sessionId, language }),
  skillRecord: (profileId: string) => invoke<SkillRecord>('skill_record', { profileId }),
  sessionReport: (sessionId: string) => invoke<SessionReport>('session_report', { sessionId }),
  exportSessionReport: (sessionId: string, language: string) =>
    invoke<SavedReport>('export_session_report', { sessionId, language }),
  // A farmer's products and the buyers' inquiries about them.
  myListings: () => invoke<MyListing[]>('my_listings'),
  myListing: (id: string) => invoke<Listing>('my_listing', { id }),
  createListing: (input: ListingInput) => invoke<Listing>('create_listing', { input }),
  editListing: (id: string, input: ListingInput) => invoke<Listing>('edit_listing', { id, input }),
  setListingStatus: (id: string, status: ListingStatus) => invoke<Listing>('set_listing_status', { id, status }),
  /** A picked photo's bytes in base64 (no `data:` prefix): made upright, small and placeless, then stored. */
  addListingPhoto: (photo: string) => invoke<PreparedPhoto>('add_listing_photo', { photo }),
  myInquiries: () => invoke<InquiryLine[]>('my_inquiries'),
  setInquiryStatus: (id: string, status: InquiryStatus) => invoke<Inquiry>('set_inquiry_status', { id, status }),
  banks: () => invoke<BankChoice[]>('banks'),
  /** Opens the phone's dialer, or Zalo, for a buyer's number. */
  openContact: (phone: string, via: ContactApp) => invoke<null>('open_contact', { phone, via }),
  /** Changes whenever the store does (sync included): live screens reload when it moves. */
  dataVersion: () => invoke<number>('data_version'),
  villages: () => invoke<VillageChoice[]>('villages'),
  deviceProfiles: () => invoke<ProfileCard[]>('device_profiles'),
  createProfile: (profile: NewProfile) => invoke<Opened>('create_profile', { profile }),
  openProfile: (id: string, pin: string | null) => invoke<Opened>('open_profile', { id, pin }),
  closeProfile: () => invoke<void>('close_profile'),
  editProfile: (edit: ProfileEdit) => invoke<Profile>('edit_profile', { edit }),
  myRecord: () => invoke<MyRecord>('my_record'),
  dismissRefusal: () => invoke<void>('dismiss_refusal'),
  placeProfile: (villageId: string) => invoke<Profile>('place_profile', { villageId }),
  setReadAloud: (on: boolean) => invoke<Profile>('set_read_aloud', { on }),
  setPin: (pin: string | null) => invoke<void>('set_pin', { pin }),
  setDisplay: (display: Display) => invoke<Display>('set_display', { display }),
  deleteProfile: () => invoke<void>('delete_profile'),
  exportProfile: () => invoke<Exported>('export_profile'),
  lesson: (id: string, language: string) => invoke<Lesson>('lesson', { id, language }),
  /** The bytes of a picture or a narration. */
  asset: (hash: string) => invoke<ArrayBuffer>('asset', { hash }),
  searchLessons: (query: string, language: string) => invoke<string[]>('search_lessons', { query, language }),
  progress: () => invoke<LessonProgress[]>('progress'),
  recordStep: (lessonId: string, step: number) => invoke<void>('record_step', { lessonId, step }),
  answer: (questionId: string, choice: number, language: string) =>
    invoke<AnswerFeedback>('answer', { questionId, choice, language }),
  completeLesson: (lessonId: string) => invoke<void>('complete_lesson', { lessonId }),
  learnt: (language: string) => invoke<Learnt>('learnt', { language }),
  saveCertificate: (language: string, file: CertificateFile) =>
    invoke<SavedFile>('save_certificate', { language, file }),
  // An official's dashboard: the commune counted offline from this device's store.
  dashboard: () => invoke<Dashboard>('dashboard'),
  /** The dashboard's two charts, drawn in Rust: SVG documents as text. */
  dashboardCharts: (language: string) => invoke<DashboardCharts>('dashboard_charts', { language }),
  /** 1 to 100 percent of households, or null to clear it; answers the dashboard counted again. */
  setHouseholdTarget: (percent: number | null) => invoke<Dashboard>('set_household_target', { percent }),
  /** A one-time code for the office's pages on the server; needs the network. */
  officeCode: () => invoke<OfficeCode>('office_code'),
};
