import { describe, expect, it } from 'vitest';
import type { SyncStatus } from './bindings';
import { showsWaiting, syncState } from './syncState';
import { formatDateTime } from './dates';

const synced: SyncStatus = {
  enrolled: true,
  role: 'villager',
  syncing: false,
  online: true,
  waiting: 0,
  unplaced: 0,
  last_ok_at: Date.UTC(2026, 10, 24, 7, 5),
  error: null,
};

describe('the sync line', () => {
  it('says the most pressing state', () => {
    expect(syncState(synced)).toBe('synced');
    expect(syncState({ ...synced, last_ok_at: null })).toBe('never');
    expect(syncState({ ...synced, waiting: 3 })).toBe('waiting');
    expect(syncState({ ...synced, waiting: 3, online: false, error: 'sync-error-offline' })).toBe('offline');
    expect(syncState({ ...synced, error: 'sync-error-server' })).toBe('error');
    expect(syncState({ ...synced, error: 'sync-error-server', syncing: true })).toBe('syncing');
    expect(syncState({ ...synced, enrolled: false, syncing: true })).toBe('not-enrolled');
  });

  it('adds the waiting changes where the state does not say them', () => {
    expect(showsWaiting({ ...synced, waiting: 3, error: 'sync-error-offline' })).toBe(true);
    expect(showsWaiting({ ...synced, waiting: 3 })).toBe(false);
    expect(showsWaiting({ ...synced, error: 'sync-error-offline' })).toBe(false);
  });

  it('writes times as 24/11/2026 14:05', () => {
    const local = new Date(2026, 10, 24, 14, 5).getTime();
    expect(formatDateTime(local)).toBe('24/11/2026 14:05');
    expect(formatDateTime(new Date(2026, 0, 2, 9, 7).getTime())).toBe('02/01/2026 09:07');
  });
});
