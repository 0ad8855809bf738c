const two = (n: number) => String(n).padStart(2, '0');

/** A day as people in Vietnam write it, in every language: 24/11/2026, local time. */
export function formatDate(ms: number): string {
  const d = new Date(ms);
  return `${two(d.getDate())}/${two(d.getMonth() + 1)}/${d.getFullYear()}`;
}

/** A time of day on the 24-hour clock, local time: 14:05. */
export function formatTime(ms: number): string {
  const d = new Date(ms);
  return `${two(d.getHours())}:${two(d.getMinutes())}`;
}

/** A moment as people in Vietnam write it, in every language: 24/11/2026 14:05, local time. */
export function formatDateTime(ms: number): string {
  return `${formatDate(ms)} ${formatTime(ms)}`;
}
