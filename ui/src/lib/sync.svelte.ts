// How sync is doing, asked of the Rust side every few seconds while the app runs: one poll
// for the shell's sync line and the details it opens (and the settings screen's).
import { ipc, type SyncStatus } from './ipc';

/** How often the line asks. */
const POLL_MS = 3000;
/** After "sync now": the engine starts within a couple of seconds; look again then. */
const SOON_MS = [2500, 5000];

let status = $state<SyncStatus | null>(null);
let watchers = 0;
let timer: ReturnType<typeof setInterval> | undefined;

async function refresh(): Promise<void> {
  try {
    status = await ipc.syncStatus();
  } catch (e) {
    console.error(e);
  }
}

export const sync = {
  /** The last status read; null until the first answer. */
  get status(): SyncStatus | null {
    return status;
  },

  /** Keeps the status fresh while something shows it; returns the way to stop. */
  watch(): () => void {
    if (watchers++ === 0) {
      void refresh();
      timer = setInterval(refresh, POLL_MS);
    }
    return () => {
      if (--watchers === 0) clearInterval(timer);
    };
  },

  refresh,

  async now(): Promise<void> {
    status = await ipc.syncNow();
    for (const ms of SOON_MS) setTimeout(refresh, ms);
  },

  /** Joins a commune's server; throws the command's error. */
  async enroll(server: string, code: string): Promise<void> {
    status = await ipc.enroll(server, code);
  },
};
