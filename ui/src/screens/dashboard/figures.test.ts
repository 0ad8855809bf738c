import { describe, expect, it } from 'vitest';
import { formatCount, formatMonth, formatShare, sharePermille } from './figures';

describe('dashboard figures', () => {
  it('counts shares in tenths of a percent, rounded half up, as the Rust side does', () => {
    expect(sharePermille(2, 3)).toBe(667);
    expect(sharePermille(1, 3)).toBe(333);
    expect(sharePermille(110, 303)).toBe(363);
    expect(sharePermille(1, 8)).toBe(125);
    expect(sharePermille(1, 16)).toBe(63); // 62.5 rounds up
    expect(sharePermille(0, 0)).toBe(0);
    expect(sharePermille(5, 5)).toBe(1000);
  });

  it('writes counts and shares the way each language does', () => {
    expect(formatCount(12_345, 'vi')).toBe('12.345');
    expect(formatCount(1_049, 'en')).toBe('1,049');
    expect(formatShare(667, 'vi')).toBe('66,7 %');
    expect(formatShare(1000, 'en')).toBe('100.0%');
    expect(formatShare(0, 'vi')).toBe('0,0 %');
    expect(formatShare(333, 'en')).toBe('33.3%');
  });

  it('writes a month as 11/2026', () => {
    expect(formatMonth('2026-11')).toBe('11/2026');
    expect(formatMonth('2025-01')).toBe('01/2025');
  });
});
