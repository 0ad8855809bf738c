// Money is whole đồng, written the way each language writes numbers: 150.000 ₫ in Vietnamese
// (and the other languages of the communes), 150,000 ₫ in English. The same rule as the Rust
// side's format_dong, so that the app, the marketplace pages and the exports agree.

/** A whole number with its thousands grouped: 150.000, or 150,000 in English. */
export function groupDigits(amount: number, lang: string): string {
  const separator = lang === 'en' ? ',' : '.';
  const digits = String(Math.trunc(Math.abs(amount)));
  const grouped = digits.replace(/\B(?=(\d{3})+$)/g, separator);
  return amount < 0 ? `-${grouped}` : grouped;
}

/** An amount of đồng: 150.000 ₫, or 150,000 ₫ in English. */
export function formatDong(amount: number, lang: string): string {
  return `${groupDigits(amount, lang)} ₫`;
}
