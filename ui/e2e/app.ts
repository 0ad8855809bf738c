// Opens the built UI with the mocked backend, and checks and photographs each screen.
import { readFileSync, mkdirSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { fixture } from './fixture';
import { installMockBackend, SYNCED, type MockState } from './mock-backend';

const DIST = fileURLToPath(new URL('../dist/', import.meta.url));
const SCREENS = fileURLToPath(new URL('../test-output/screens/', import.meta.url));
export const APP_URL = 'http://langso.test/';

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.opus': 'audio/ogg',
};

/** A villager who already has a profile on this phone, with or without a PIN. */
export function villager(id: string, name: string, pin: string | null, avatar = 'lotus') {
  return {
    id,
    village_id: 'v-lo-lo-chai',
    role: 'villager',
    name,
    avatar,
    pin,
    consent_at: Date.UTC(2026, 10, 2),
    consent_version: 'pdpl-2025-1',
    deleted: false,
  };
}

export async function openApp(page: Page, seed: Partial<MockState> = {}): Promise<void> {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.route(`${APP_URL}**`, async (route) => {
    const path = new URL(route.request().url()).pathname;
    const file = join(DIST, path === '/' ? 'index.html' : path);
    try {
      await route.fulfill({ body: readFileSync(file), contentType: TYPES[extname(file)] ?? 'application/octet-stream' });
    } catch {
      await route.fulfill({ status: 404 });
    }
  });
  await page.addInitScript(installMockBackend, { fx: fixture(), seed: { sync: SYNCED, ...seed } });
  await page.goto(APP_URL);
  await expect(page.getByTestId('profiles')).toBeVisible();
  expect(errors).toEqual([]);
}

/** Screens photographed so far, per test. */
const shots = new Map<string, number>();

/**
 * Saves screenshots of the screen as a villager sees it, after checking what every screen
 * must satisfy: the sync line at its top, nothing wider than the phone, every control named
 * for a screen reader and big enough for a finger.
 */
export async function screen(page: Page, name: string): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  await expect(page.getByTestId('sync-line'), `screen ${name} shows the sync line`).toBeVisible();
  const problems = await page.evaluate(() => {
    const found: string[] = [];
    if (document.documentElement.scrollWidth > window.innerWidth) {
      found.push(`page is ${document.documentElement.scrollWidth}px wide`);
    }
    const controls = document.querySelectorAll<HTMLElement>(
      'button, [role="radio"], select, summary, input:not([type="radio"]):not([type="checkbox"])',
    );
    for (const el of controls) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 || el.closest('.visually-hidden')) continue;
      const name = (el.getAttribute('aria-label') ?? el.textContent ?? '').trim() || el.getAttribute('placeholder') || el.closest('label')?.textContent?.trim();
      if (!name) found.push(`unnamed ${el.tagName.toLowerCase()} ${el.outerHTML.slice(0, 80)}`);
      if (box.height < 48) found.push(`${el.tagName.toLowerCase()} "${name}" is ${Math.round(box.height)}px tall`);
    }
    for (const box of document.querySelectorAll<HTMLInputElement>('input[type="checkbox"], input[type="radio"]:not(.visually-hidden)')) {
      const label = box.closest('label');
      if (!label || label.getBoundingClientRect().height < 48) found.push(`checkbox "${label?.textContent?.trim()}" has a small target`);
    }
    return found;
  });
  expect(problems, `screen ${name}`).toEqual([]);
  const info = test.info();
  const folder = join(SCREENS, info.title.toLowerCase().replace(/[^a-z0-9]+/g, '-').slice(0, 60));
  const count = (shots.get(folder) ?? 0) + 1;
  shots.set(folder, count);
  mkdirSync(folder, { recursive: true });
  const file = join(folder, `${String(count).padStart(2, '0')}-${name}`);
  // What the phone shows, and, for a screen taller than the phone, the whole page too.
  await page.screenshot({ path: `${file}.png` });
  if (await page.evaluate(() => document.documentElement.scrollHeight > window.innerHeight)) {
    await page.screenshot({ path: `${file}-whole.png`, fullPage: true });
  }
}
