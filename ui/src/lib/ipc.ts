// The only module that talks to the Rust side. Every command the UI uses is listed here and
// allowed, one by one, in src-tauri/capabilities/default.json.
import { invoke } from '@tauri-apps/api/core';

export type Topic =
  | 'public-services'
  | 'online-shopping'
  | 'online-payments'
  | 'online-safety'
  | 'local-platforms'
  | 'device-basics'
  | 'selling-online'
  | 'information';

export const BASIC_SKILLS: readonly Topic[] = [
  'public-services',
  'online-shopping',
  'online-payments',
  'online-safety',
  'local-platforms',
];

export interface LessonCard {
  id: string;
  slug: string;
  topic: Topic;
  level: number;
  minutes: number;
  steps: number;
  title: string;
  summary: string;
}

export interface Settings {
  language: string;
}

/** Where this device stands with the commune's server. */
export interface SyncStatus {
  enrolled: boolean;
  /** The role this device enrolled with: `villager`, `volunteer`, `farmer` or `official`. */
  role: string | null;
  syncing: boolean;
  online: boolean;
  waiting: number;
  /** UTC milliseconds. */
  last_ok_at: number | null;
  /** A Fluent message id, when the last attempt failed. */
  error: string | null;
}

/** A training session's sync point on this device. */
export interface HubInfo {
  address: string;
  /** [role, join code] pairs. */
  codes: [string, string][];
  qr_svg: string;
}

/** A picture on the start screen. */
export interface ProfileCard {
  id: string;
  name: string;
  avatar: string | null;
  has_pin: boolean;
  village: string;
}

export type Role = 'villager' | 'volunteer' | 'farmer' | 'official';

export interface Profile {
  id: string;
  commune_id: string;
  village_id: string;
  role: Role;
  name: string;
  household: string | null;
  birth_year: number | null;
  phone: string | null;
  avatar: string | null;
  has_pin: boolean;
  /** UTC milliseconds. */
  consent_at: number;
  consent_version: string;
}

export interface NewProfile {
  village_id: string;
  role: Role;
  name: string;
  household: string | null;
  birth_year: number | null;
  phone: string | null;
  avatar: string | null;
  pin: string | null;
  consent_version: string | null;
}

export interface ProfileEdit {
  village_id: string;
  name: string;
  household: string | null;
  birth_year: number | null;
  phone: string | null;
  avatar: string | null;
}

/** How a person likes the screen: text size 0 (normal) to 2 (largest). */
export interface Display {
  text_size: number;
  high_contrast: boolean;
}

export interface Opened {
  profile: Profile;
  display: Display;
}

export interface VillageChoice {
  id: string;
  name: string;
  commune: string;
}

export interface AssetRef {
  hash: string;
  mime: string;
}

export interface Step {
  text: string;
  illustration: AssetRef | null;
  narration: AssetRef | null;
}

export interface Question {
  id: string;
  prompt: string;
  choices: string[];
}

export interface Lesson {
  card: LessonCard;
  steps: Step[];
  quiz: Question[];
}

export interface LessonProgress {
  lesson_id: string;
  last_step: number | null;
  completed_at: number | null;
  answers: number;
  right: number;
  right_questions: string[];
}

export interface AnswerFeedback {
  correct: boolean;
  correct_choice: number;
  explanation: string;
}

export interface CompletedLesson {
  lesson_id: string;
  title: string;
  topic: Topic;
  completed_at: number;
}

export interface SkillProgress {
  topic: Topic;
  basic: boolean;
  completed: number;
  total: number;
  mastered: boolean;
}

export interface Learnt {
  name: string;
  village: string;
  commune: string;
  lessons: CompletedLesson[];
  skills: SkillProgress[];
}

export interface Exported {
  path: string;
  json: string;
}

/** What a failed command returns: a stable code and a message already in the user's language. */
export interface CommandError {
  code: string;
  message: string;
}

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
  villages: () => invoke<VillageChoice[]>('villages'),
  deviceProfiles: () => invoke<ProfileCard[]>('device_profiles'),
  createProfile: (profile: NewProfile) => invoke<Opened>('create_profile', { profile }),
  openProfile: (id: string, pin: string | null) => invoke<Opened>('open_profile', { id, pin }),
  closeProfile: () => invoke<void>('close_profile'),
  editProfile: (edit: ProfileEdit) => invoke<Profile>('edit_profile', { edit }),
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
};
