// The commune office's pages in Chromium against the real server and the demo commune: a
// province account and a commune official sign in with one-time codes made by the server's
// command line, a refused code, another commune refused, the province table sorted, the
// charts drawn and both exports downloaded and read back against the page.
import { execFileSync } from 'node:child_process';
import { expect, test, type Page } from '@playwright/test';

const base = () => {
  const url = process.env.LANGSO_WEB_URL;
  if (!url) throw new Error('LANGSO_WEB_URL is not set: run with -c playwright.web.config.ts');
  return url;
};

/** Runs `langso-server <args>` on the served data; its output. */
function server(...args: string[]): string {
  const bin = process.env.LANGSO_WEB_SERVER_BIN;
  const data = process.env.LANGSO_WEB_DATA;
  if (!bin || !data) throw new Error('run with -c playwright.web.config.ts');
  return execFileSync(bin, ['--data', data, ...args], { encoding: 'utf8', env: { ...process.env, LANG: 'vi' } });
}

/** A fresh code for `--commune ID` or `--province NAME`. */
function officeCode(...scope: string[]): string {
  const printed = server('office-code', ...scope);
  const code = printed.match(/[A-Z0-9]{4}-[A-Z0-9]{4}/);
  if (!code) throw new Error(`no code in: ${printed}`);
  return code[0];
}

const shot = (page: Page, name: string) =>
  page.screenshot({ path: `test-output/web/${test.info().project.name}-office-${name}.png`, fullPage: true });

async function signIn(page: Page, code: string) {
  await page.goto(`${base()}/office`);
  await page.getByLabel('Mã đăng nhập').fill(code);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
}

async function noSideScroll(page: Page) {
  const [scroll, client] = await page.evaluate(() => [
    document.documentElement.scrollWidth,
    document.documentElement.clientWidth,
  ]);
  expect(scroll, page.url()).toBeLessThanOrEqual(client);
}

test('a wrong code is refused and changes nothing', async ({ page }) => {
  await signIn(page, 'ABCD-EFGH');
  await expect(page.getByRole('alert')).toContainText('Mã không đúng');
  expect(await page.context().cookies()).toHaveLength(0);
  await noSideScroll(page);
  await shot(page, 'refused');
});

test('a province account sorts its communes and opens one; exports match the page', async ({ page }) => {
  const code = officeCode('--province', 'Hà Giang');
  await signIn(page, code);
  await expect(page).toHaveURL(/\/office\/province$/);
  await expect(page.getByRole('heading', { name: 'Các xã của tỉnh Hà Giang' })).toBeVisible();
  const cookie = (await page.context().cookies())[0];
  expect(cookie.httpOnly).toBe(true);
  expect(cookie.sameSite).toBe('Strict');
  const names = () => page.locator('table.province tbody th').allTextContents();
  expect(await names()).toContain('Xã Lũng Cú');
  await page.getByRole('link', { name: 'Người đã đăng ký' }).click();
  await expect(page.locator('th[aria-sort="ascending"]')).toHaveText('Người đã đăng ký');
  await page.getByRole('link', { name: 'Người đã đăng ký' }).click();
  await expect(page.locator('th[aria-sort="descending"]')).toHaveText('Người đã đăng ký');
  await noSideScroll(page);
  await shot(page, 'province');

  // The same code again is refused: it worked once.
  await page.context().clearCookies();
  await signIn(page, code);
  await expect(page.getByRole('alert')).toBeVisible();
});

test('a commune official sees the dashboard, not another commune, and signs out', async ({ page }) => {
  // The demo commune's id, from the province's table.
  await signIn(page, officeCode('--province', 'Hà Giang'));
  const href = await page.getByRole('link', { name: 'Xã Lũng Cú' }).getAttribute('href');
  const commune = href?.split('/').pop() ?? '';
  expect(commune).not.toBe('');
  await page.context().clearCookies();

  await signIn(page, officeCode('--commune', commune));
  await expect(page).toHaveURL(new RegExp(`/office/commune/${commune}$`));
  await expect(page.getByRole('heading', { name: 'Xã Lũng Cú', level: 1 })).toBeVisible();
  for (const chart of await page.locator('img.chart').all()) {
    await chart.scrollIntoViewIfNeeded();
    await expect.poll(() => chart.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  }
  await noSideScroll(page);
  await shot(page, 'commune');

  // The page's commune row, and the CSV's, hold the same numbers.
  const headers = await page.locator('table.figures:not(.months) thead th').allTextContents();
  const shown = await page.locator('table.figures:not(.months) tfoot tr').first().locator('th, td').allTextContents();
  const csvResponse = await page.request.get(`${base()}/office/commune/${commune}/figures.csv`);
  expect(csvResponse.headers()['content-type']).toContain('text/csv');
  const csv = (await csvResponse.body()).toString('utf8');
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  const lines = csv.replace(/^\uFEFF/, '').trim().split('\r\n').map((l) => l.split(','));
  expect(lines[0]).toEqual(headers);
  const total = lines.find((l) => l[0] === 'Toàn xã');
  expect(total).toBeDefined();
  const asShown = (cell: string) => (cell.includes('.') ? `${cell.replace('.', ',')} %` : Number(cell).toLocaleString('vi-VN'));
  expect(total?.map((cell, i) => (i === 0 ? cell : asShown(cell)))).toEqual(shown);

  const xlsx = await page.request.get(`${base()}/office/commune/${commune}/figures.xlsx`);
  expect(xlsx.headers()['content-type']).toContain('spreadsheetml');
  const bytes = await xlsx.body();
  expect(bytes.subarray(0, 2).toString()).toBe('PK');
  expect(bytes.length).toBeGreaterThan(3000);

  // Another commune's page is refused.
  const created = server('commune', '--name', 'Xã Sà Phìn', '--province', 'Hà Giang');
  const other = created.match(/[0-9a-f-]{36}/)?.[0];
  expect(other).toBeDefined();
  const refused = await page.goto(`${base()}/office/commune/${other}`);
  expect(refused?.status()).toBe(403);
  await expect(page.getByText('Tài khoản này không được xem trang này.')).toBeVisible();

  // Sign out: the session no longer opens the page.
  await page.goto(`${base()}/office/commune/${commune}`);
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await expect(page.getByText('Bạn đã đăng xuất.')).toBeVisible();
  await page.goto(`${base()}/office/commune/${commune}`);
  await expect(page).toHaveURL(/\/office$/);
});
