// A screen that shows live data (a session while people learn and phones sync) asks every
// few seconds whether the store changed, and reloads only when it did.

/** How often a live screen asks. */
export const LIVE_MS = 2000;

/**
 * Asks `version()` every `ms` and calls `changed()` whenever the answer differs from the last
 * one (starting from `since`); never two at once. Returns the function that stops it.
 */
export function watchVersion(
  since: number,
  version: () => Promise<number>,
  changed: () => Promise<void>,
  ms: number,
): () => void {
  let last = since;
  let busy = false;
  let stopped = false;
  const look = async () => {
    if (busy || stopped) return;
    busy = true;
    try {
      const now = await version();
      if (now !== last && !stopped) {
        await changed();
        last = now;
      }
    } catch (e) {
      // Tried again at the next tick; the screen keeps what it shows.
      console.error(e);
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(look, ms);
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
