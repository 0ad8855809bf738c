// What the sync line says, from the status the Rust side reports: one state, the most
// pressing first. Plain functions, so the unit tests read them without a page.
import type { SyncStatus } from './bindings';

/** Every state; each has its words, the message `sync-line-<state>`. */
export const SYNC_STATES = ['not-enrolled', 'syncing', 'offline', 'error', 'waiting', 'synced', 'never'] as const;

export type SyncState = (typeof SYNC_STATES)[number];

/** The message id of a sync error that means "the server could not be reached". */
export const OFFLINE_ERROR = 'sync-error-offline';

export function syncState(status: SyncStatus): SyncState {
  if (!status.enrolled) return 'not-enrolled';
  if (status.syncing) return 'syncing';
  if (status.error === OFFLINE_ERROR) return 'offline';
  if (status.error) return 'error';
  if (status.waiting > 0) return 'waiting';
  return status.last_ok_at === null ? 'never' : 'synced';
}

/**
 * Whether the line also says how many changes wait: when its state is not already that
 * count, and some wait (offline with three changes kept on the phone, say).
 */
export function showsWaiting(status: SyncStatus): boolean {
  const state = syncState(status);
  return status.waiting > 0 && state !== 'waiting' && state !== 'not-enrolled';
}
