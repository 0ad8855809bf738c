// Dates as people in Vietnam write them (24/11/2026), in the person's language.
export function formatDate(ms: number, language: string): string {
  return new Date(ms).toLocaleDateString(language === 'vi' ? 'vi-VN' : language, {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  });
}
