import { describe, expect, it } from 'vitest';
import { formatDong, groupDigits } from './money';

describe('money', () => {
  it('writes đồng the way each language does', () => {
    expect(formatDong(150_000, 'vi')).toBe('150.000 ₫');
    expect(formatDong(150_000, 'en')).toBe('150,000 ₫');
    expect(formatDong(0, 'vi')).toBe('0 ₫');
    expect(formatDong(999, 'vi')).toBe('999 ₫');
    expect(formatDong(1_000, 'vi')).toBe('1.000 ₫');
    expect(formatDong(100_000_000, 'en')).toBe('100,000,000 ₫');
    expect(formatDong(-25_500, 'en')).toBe('-25,500 ₫');
  });

  it('groups the languages of the communes like Vietnamese', () => {
    expect(groupDigits(1_234_567, 'hmn')).toBe('1.234.567');
    expect(groupDigits(12, 'vi')).toBe('12');
  });
});
