import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundles, DEFAULT_LANGUAGE, languageName, languages, t, useLanguage } from './i18n.svelte';
import { BASIC_SKILLS } from './ipc';
import { AVATARS } from './avatars';
import { TEXT_SIZES } from './display';
import { SYNC_STATES } from './syncState';
import { ROUTES } from '../routes';
import { MARKS } from '../screens/sessions/data';

const SRC = join(import.meta.dirname, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sourceFiles(join(dir, e.name))
      : /\.(svelte|ts)$/.test(e.name) && !e.name.endsWith('.test.ts')
        ? [join(dir, e.name)]
        : [],
  );
}

describe('messages', () => {
  it('finds Vietnamese and English, Vietnamese first', () => {
    expect(languages[0]).toBe(DEFAULT_LANGUAGE);
    expect(languages).toContain('en');
    expect(languageName('vi')).toBe('Tiếng Việt');
    expect(languageName('en')).toBe('English');
  });

  it('has every message id the UI uses in every language', () => {
    const used = new Set<string>();
    for (const file of sourceFiles(SRC)) {
      for (const m of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([a-z0-9-]+)'/g)) used.add(m[1]);
    }
    for (const topic of [...BASIC_SKILLS, 'device-basics', 'selling-online', 'information']) {
      used.add(`topic-${topic}`);
    }
    for (const role of ['villager', 'volunteer', 'farmer', 'official']) used.add(`role-${role}`);
    // Ids the screens build from a value: pictures, text sizes, tabs, roles a person picks.
    for (const avatar of AVATARS) used.add(`avatar-${avatar}`);
    for (const size of TEXT_SIZES) used.add(`settings-text-size-${size}`);
    for (const state of SYNC_STATES) used.add(`sync-line-${state}`);
    for (const route of ROUTES) if ('tab' in route) used.add(route.tab.label);
    for (const role of ['villager', 'farmer']) used.add(`profile-role-${role}`);
    // A volunteer's sessions: marks, parts of a session, short skill names, lesson states,
    // and the plan form's reasons a date or time cannot be read.
    for (const status of ['listed', 'present', 'late', 'absent']) used.add(`attendance-${status}`);
    for (const status of MARKS) used.add(`mark-${status}`);
    for (const part of ['attendance', 'skills', 'progress', 'report']) used.add(`session-tab-${part}`);
    for (const skill of BASIC_SKILLS) used.add(`skill-short-${skill}`);
    for (const state of ['completed', 'started', 'not-started']) used.add(`progress-state-${state}`);
    for (const file of sourceFiles(join(SRC, 'screens/sessions'))) {
      for (const m of readFileSync(file, 'utf8').matchAll(/'((?:session-error|progress-state)-[a-z-]+)'/g)) used.add(m[1]);
    }
    expect(used.size).toBeGreaterThan(10);
    for (const [lang, bundle] of bundles) {
      const missing = [...used].filter((id) => !bundle.hasMessage(id));
      expect(missing, `${lang} lacks`).toEqual([]);
    }
  });

  it('formats variables, plurals and numbers for each language', () => {
    useLanguage('vi');
    expect(t('lesson-minutes', { minutes: 5 })).toBe('5 phút');
    expect(t('search-count', { count: 1200 })).toBe('Tìm thấy 1.200 bài');
    useLanguage('en');
    expect(t('lesson-minutes', { minutes: 1 })).toBe('1 minute');
    expect(t('lesson-steps', { steps: 6 })).toBe('6 steps');
    expect(t('search-count', { count: 1200 })).toBe('1,200 lessons found');
    expect(t('search-count', { count: 1 })).toBe('1 lesson found');
  });

  it('falls back to Vietnamese for an unknown language, never to a blank', () => {
    useLanguage('xx');
    expect(t('app-tagline')).toBe('Học kỹ năng số ngay trên điện thoại, cả khi không có mạng');
    expect(t('catalogue-heading')).toBe('Bài học');
    expect(t('no-such-message')).toBe('[no-such-message]');
  });
});
