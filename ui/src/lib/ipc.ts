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
};
