// A person's display preferences, applied to the whole page through attributes that
// app.css reads (no inline styles: the CSP forbids them).
import type { Display } from './ipc';

export const TEXT_SIZES = [0, 1, 2] as const;

export function applyDisplay(display: Display | null): void {
  const root = document.documentElement;
  root.dataset.textSize = String(display?.text_size ?? 0);
  root.dataset.contrast = display?.high_contrast ? 'high' : 'normal';
}
