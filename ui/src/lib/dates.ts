// Dates as people in Vietnam write them (24/11/2026), in the person's language.
export function formatDate(ms: number, language: string): string {
  return new Date(ms).toLocaleDateString(language === 'vi' ? 'vi-VN' : language, {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  });
}

/** A moment as people in Vietnam write it, in every language: 24/11/2026 14:05, local time. */
export function formatDateTime(ms: number): string {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getDate())}/${two(d.getMonth() + 1)}/${d.getFullYear()} ${two(d.getHours())}:${two(d.getMinutes())}`;
}
