// When sessions happen, on the device's own clock: the list's groups (today, coming, past)
// and the plan form's date and times, typed as people in Vietnam write them (24/11/2026,
// 14:30) and turned into UTC milliseconds. Pure functions, so that they are tested alone.
import { formatDate, formatTime } from '../../lib/dates';

/** What a session needs here: when it starts. */
interface Dated {
  starts_at: number;
}

export interface Grouped<T> {
  /** Starting today, earliest first. */
  today: T[];
  /** After today, soonest first. */
  coming: T[];
  /** Before today, latest first. */
  past: T[];
}

/** A local day as one number (20261124), to compare days. */
function dayOf(ms: number): number {
  const d = new Date(ms);
  return d.getFullYear() * 10_000 + (d.getMonth() + 1) * 100 + d.getDate();
}

/**
 * Sorts sessions into today's, the coming ones and the past ones by the local day they start
 * on, `now` being this moment. Cancelled sessions stay in their group.
 */
export function groupByDay<T extends Dated>(sessions: readonly T[], now: number): Grouped<T> {
  const today = dayOf(now);
  const earliest = (a: T, b: T) => a.starts_at - b.starts_at;
  const on = (test: (day: number) => boolean) => sessions.filter((s) => test(dayOf(s.starts_at)));
  return {
    today: on((d) => d === today).sort(earliest),
    coming: on((d) => d > today).sort(earliest),
    past: on((d) => d < today).sort((a, b) => earliest(b, a)),
  };
}

/** A session's day and hours: 24/11/2026 · 08:00–10:30. */
export function whenText(starts_at: number, ends_at: number): string {
  return `${formatDate(starts_at)} · ${formatTime(starts_at)}–${formatTime(ends_at)}`;
}

/** The plan form's three fields, as typed. */
export interface ScheduleFields {
  date: string;
  start: string;
  end: string;
}

/** What the form shows for a session already planned. */
export function scheduleFields(starts_at: number, ends_at: number): ScheduleFields {
  return { date: formatDate(starts_at), start: formatTime(starts_at), end: formatTime(ends_at) };
}

/** Why a field cannot be read: a message id and its arguments. */
export interface FieldError {
  field: keyof ScheduleFields;
  message: string;
  args?: Record<string, string>;
}

export type Schedule = { ok: true; starts_at: number; ends_at: number } | { ok: false; errors: FieldError[] };

type Read<T> = { value: T } | { error: string; args?: Record<string, string> };

/** A day typed as day/month/year: 24/11/2026, 24-11-2026, 24.11.26 or 24112026. */
function readDate(typed: string): Read<{ y: number; m: number; d: number }> {
  const text = typed.trim();
  if (text === '') return { error: 'session-error-date-empty' };
  let parts: string[];
  if (/^\d{8}$/.test(text)) parts = [text.slice(0, 2), text.slice(2, 4), text.slice(4)];
  else parts = text.split(/\s*[/.\-\s]\s*/);
  if (parts.length !== 3 || !parts.every((p) => /^\d+$/.test(p))) return { error: 'session-error-date-format' };
  const [day, month, year] = parts;
  if (day.length > 2 || month.length > 2 || !(year.length === 2 || year.length === 4)) {
    return { error: 'session-error-date-format' };
  }
  const d = Number(day);
  const m = Number(month);
  const y = year.length === 2 ? 2000 + Number(year) : Number(year);
  const check = new Date(y, m - 1, d);
  if (m < 1 || m > 12 || d < 1 || check.getDate() !== d || check.getMonth() !== m - 1) {
    const two = (n: number) => String(n).padStart(2, '0');
    return { error: 'session-error-date-none', args: { date: `${two(d)}/${two(m)}/${y}` } };
  }
  return { value: { y, m, d } };
}

/** A time on the 24-hour clock: 14:30, 8:00, 8h30, 8h, 14.30 or 1430. */
function readTime(typed: string): Read<{ h: number; min: number }> {
  const text = typed.trim().toLowerCase();
  if (text === '') return { error: 'session-error-time-empty' };
  let hours: string;
  let minutes: string;
  const joined = /^(\d{1,2})(\d{2})$/.exec(text);
  const split = /^(\d{1,2})\s*(?:[:.h]\s*(\d{2})?)?$/.exec(text);
  if (joined) [, hours, minutes] = joined;
  else if (split) [hours, minutes] = [split[1], split[2] ?? '00'];
  else return { error: 'session-error-time-format' };
  const h = Number(hours);
  const min = Number(minutes);
  if (h > 23 || min > 59) return { error: 'session-error-time-format' };
  return { value: { h, min } };
}

/**
 * Reads the plan form's date and times as local time on this device, or says, field by
 * field, what cannot be read; the end must come after the start on the same day.
 */
export function parseSchedule(fields: ScheduleFields): Schedule {
  const date = readDate(fields.date);
  const start = readTime(fields.start);
  const end = readTime(fields.end);
  const errors: FieldError[] = [];
  const note = (field: keyof ScheduleFields, read: Read<unknown>) => {
    if ('error' in read) errors.push({ field, message: read.error, ...(read.args ? { args: read.args } : {}) });
  };
  note('date', date);
  note('start', start);
  note('end', end);
  if ('error' in date || 'error' in start || 'error' in end) return { ok: false, errors };
  const { y, m, d } = date.value;
  const starts_at = new Date(y, m - 1, d, start.value.h, start.value.min).getTime();
  const ends_at = new Date(y, m - 1, d, end.value.h, end.value.min).getTime();
  if (ends_at <= starts_at) return { ok: false, errors: [{ field: 'end', message: 'session-error-order' }] };
  return { ok: true, starts_at, ends_at };
}
