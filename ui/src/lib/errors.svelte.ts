// What went wrong, in the person's language: explained for a screen to show beside what
// failed, or shown in the alert above every screen (App.svelte).
import { isCommandError } from './ipc';
import { t } from './i18n.svelte';

let shown = $state<string | null>(null);

/** A failed command's message is already in the user's language; anything else is our bug. */
export function explain(e: unknown): string {
  console.error(e);
  return isCommandError(e) ? e.message : t('error-internal');
}

/** The alert's message, if there is one. */
export function shownError(): string | null {
  return shown;
}

export function showError(e: unknown): void {
  shown = explain(e);
}

export function clearError(): void {
  shown = null;
}
