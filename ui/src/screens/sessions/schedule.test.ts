import { describe, expect, it } from 'vitest';
import { groupByDay, parseSchedule, scheduleFields, whenText } from './schedule';

/** A moment on this machine's clock, as the functions read it. */
const local = (y: number, m: number, d: number, h = 0, min = 0) => new Date(y, m - 1, d, h, min).getTime();

describe('grouping sessions by day', () => {
  const now = local(2026, 11, 24, 14, 0);
  const session = (id: string, starts_at: number) => ({ id, starts_at });

  it('puts a session in today, coming or past by the local day it starts on', () => {
    const sessions = [
      session('yesterday-late', local(2026, 11, 23, 23, 30)),
      session('this-morning', local(2026, 11, 24, 8, 0)),
      session('tonight', local(2026, 11, 24, 23, 59)),
      session('just-after-midnight', local(2026, 11, 25, 0, 0)),
      session('last-month', local(2026, 10, 2, 9, 0)),
      session('next-week', local(2026, 12, 1, 9, 0)),
      session('first-thing-today', local(2026, 11, 24, 0, 0)),
    ];
    const grouped = groupByDay(sessions, now);
    expect(grouped.today.map((s) => s.id)).toEqual(['first-thing-today', 'this-morning', 'tonight']);
    expect(grouped.coming.map((s) => s.id)).toEqual(['just-after-midnight', 'next-week']);
    expect(grouped.past.map((s) => s.id), 'latest first').toEqual(['yesterday-late', 'last-month']);
  });

  it('has empty groups when there is nothing', () => {
    expect(groupByDay([], now)).toEqual({ today: [], coming: [], past: [] });
  });

  it('keeps a session that started earlier today in today, not the past', () => {
    const grouped = groupByDay([session('done-this-morning', local(2026, 11, 24, 7, 0))], now);
    expect(grouped.today).toHaveLength(1);
    expect(grouped.past).toHaveLength(0);
  });
});

describe('reading the plan form', () => {
  const fields = (date: string, start: string, end: string) => ({ date, start, end });

  it('reads a day and hours as local time', () => {
    expect(parseSchedule(fields('24/11/2026', '08:00', '10:30'))).toEqual({
      ok: true,
      starts_at: local(2026, 11, 24, 8, 0),
      ends_at: local(2026, 11, 24, 10, 30),
    });
  });

  it('accepts the ways people type a date and a time', () => {
    const expected = { ok: true, starts_at: local(2026, 3, 5, 8, 0), ends_at: local(2026, 3, 5, 14, 30) };
    for (const date of ['05/03/2026', '5/3/2026', '5-3-2026', '5.3.2026', '05 03 2026', '05032026', '5/3/26', ' 5 / 3 / 2026 ']) {
      expect(parseSchedule(fields(date, '8:00', '14:30')), date).toEqual(expected);
    }
    for (const [start, end] of [['8h', '14h30'], ['08.00', '14.30'], ['0800', '1430'], ['8', '14:30'], ['8H', '14H30']]) {
      expect(parseSchedule(fields('05/03/2026', start, end)), `${start} ${end}`).toEqual(expected);
    }
  });

  it('says which field is empty', () => {
    expect(parseSchedule(fields('', '', ' '))).toEqual({
      ok: false,
      errors: [
        { field: 'date', message: 'session-error-date-empty' },
        { field: 'start', message: 'session-error-time-empty' },
        { field: 'end', message: 'session-error-time-empty' },
      ],
    });
  });

  it('refuses a date written another way, or one not on the calendar', () => {
    for (const date of ['2026-11-24', '11/24', 'mai', '24/11/202', '124/11/2026', '24/11/2026/1']) {
      expect(parseSchedule(fields(date, '08:00', '10:00')), date).toEqual({
        ok: false,
        errors: [{ field: 'date', message: 'session-error-date-format' }],
      });
    }
    expect(parseSchedule(fields('31/2/2026', '08:00', '10:00'))).toEqual({
      ok: false,
      errors: [{ field: 'date', message: 'session-error-date-none', args: { date: '31/02/2026' } }],
    });
    expect(parseSchedule(fields('12/13/2026', '08:00', '10:00'))).toMatchObject({
      errors: [{ field: 'date', message: 'session-error-date-none' }],
    });
    expect(parseSchedule(fields('29/02/2028', '08:00', '10:00')).ok, 'a leap day').toBe(true);
  });

  it('refuses a time that is not on the 24-hour clock', () => {
    for (const time of ['24:00', '8:60', '8:5', 'sáng', '8 giờ', '8:00 PM', '12345']) {
      expect(parseSchedule(fields('24/11/2026', time, '23:00')), time).toEqual({
        ok: false,
        errors: [{ field: 'start', message: 'session-error-time-format' }],
      });
    }
  });

  it('refuses an end that is not after the start', () => {
    for (const end of ['08:00', '07:59']) {
      expect(parseSchedule(fields('24/11/2026', '08:00', end))).toEqual({
        ok: false,
        errors: [{ field: 'end', message: 'session-error-order' }],
      });
    }
  });

  it('gives back the fields of a planned session, and writes its day and hours', () => {
    const starts = local(2026, 1, 3, 7, 5);
    const ends = local(2026, 1, 3, 9, 0);
    expect(scheduleFields(starts, ends)).toEqual({ date: '03/01/2026', start: '07:05', end: '09:00' });
    expect(parseSchedule(scheduleFields(starts, ends))).toEqual({ ok: true, starts_at: starts, ends_at: ends });
    expect(whenText(starts, ends)).toBe('03/01/2026 · 07:05–09:00');
  });
});
