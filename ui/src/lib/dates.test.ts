import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatTime } from './dates';

describe('dates', () => {
  const moment = new Date(2026, 10, 24, 14, 5).getTime();

  it('writes a day as people in Vietnam do', () => {
    expect(formatDate(moment)).toBe('24/11/2026');
  });

  it('writes a time of day on the 24-hour clock', () => {
    expect(formatTime(moment)).toBe('14:05');
    expect(formatTime(new Date(2026, 0, 3, 0, 0).getTime())).toBe('00:00');
  });

  it('writes a moment with its 24-hour time', () => {
    expect(formatDateTime(moment)).toBe('24/11/2026 14:05');
    expect(formatDateTime(new Date(2026, 0, 3, 9, 7).getTime())).toBe('03/01/2026 09:07');
  });
});
