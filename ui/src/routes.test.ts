import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROUTES, tabOf, tabsFor } from './routes';

const ids = ROUTES.map((r) => r.id);

describe('routes', () => {
  it('gives a villager lessons, what they have learnt and settings, in that order', () => {
    expect(tabsFor('villager').map((r) => r.id)).toEqual(['home', 'learnt', 'settings']);
  });

  it('starts volunteers and officials on their training sessions', () => {
    expect(tabsFor('volunteer').map((r) => r.id)).toEqual(['sessions', 'home', 'learnt', 'settings']);
    for (const role of ['villager', 'farmer'] as const) {
      expect(tabsFor(role).map((r) => r.id), role).not.toContain('sessions');
    }
  });

  it('gives only officials the dashboard and devices tabs', () => {
    expect(tabsFor('official').map((r) => r.id)).toEqual(['sessions', 'dashboard', 'home', 'learnt', 'devices', 'settings']);
    for (const role of ['villager', 'volunteer', 'farmer'] as const) {
      expect(tabsFor(role).map((r) => r.id), role).not.toContain('devices');
      expect(tabsFor(role).map((r) => r.id), role).not.toContain('dashboard');
    }
  });

  it('gives every role a tab to start on', () => {
    for (const role of ['villager', 'volunteer', 'farmer', 'official'] as const) {
      expect(tabsFor(role).length, role).toBeGreaterThan(0);
    }
  });

  it('names each screen once, and opens screens only from tabs that exist', () => {
    expect(new Set(ids).size).toBe(ids.length);
    const tabs = ROUTES.filter((r) => 'tab' in r).map((r) => r.id);
    for (const route of ROUTES) expect(tabs, route.id).toContain(tabOf(route));
  });

  it('has every screen the screens go to', () => {
    const dir = join(import.meta.dirname, 'screens');
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.svelte'));
    const targets = files.flatMap((f) =>
      [...readFileSync(join(dir, f), 'utf8').matchAll(/\bnav\.go\(\s*'([a-z-]+)'/g)].map((m) => m[1]),
    );
    expect(targets.length).toBeGreaterThan(0);
    for (const target of targets) expect(ids).toContain(target);
  });
});
