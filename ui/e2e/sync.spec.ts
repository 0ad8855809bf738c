// The sync line at phone size (360×640): on every screen, each state in a few words with a
// sign, and the details it opens.
import { expect, test, type Page } from '@playwright/test';
import { openApp, screen, villager } from './app';
import { SYNCED, type MockSync } from './mock-backend';

const MAI = {
  profiles: [villager('p-1', 'Lò Thị Mai', null)],
  device: { 'p-1': { last_used_at: 1, text_size: 0, high_contrast: false } },
};

/** What the mocked engine reports from now on; the line asks every 3 seconds. */
async function report(page: Page, sync: MockSync): Promise<void> {
  await page.evaluate((sync) => {
    const key = 'langso-mock-state';
    localStorage.setItem(key, JSON.stringify({ ...JSON.parse(localStorage.getItem(key) ?? '{}'), sync }));
  }, sync);
}

test('the sync line is at the top of every screen', async ({ page }) => {
  await openApp(page, MAI);
  const line = page.getByTestId('sync-line');
  const onTop = async (where: string) => {
    await expect(line, where).toBeInViewport();
    const box = await line.boundingBox();
    expect(box?.y ?? 999, where).toBeLessThan(80);
  };
  await onTop('start');
  await page.getByTestId('profile').click();
  await expect(page.getByTestId('catalogue')).toBeVisible();
  await onTop('catalogue');
  await page.locator('[data-testid="lesson-card"][data-slug="scam-calls"]').click();
  await expect(page.getByTestId('step-text')).toBeVisible();
  await onTop('lesson');
  await screen(page, 'lesson');
  await page.getByTestId('player-close').click();
  await page.getByTestId('tab-learnt').click();
  await expect(page.getByTestId('open-certificate')).toBeVisible();
  await onTop('learnt');
  await page.getByTestId('open-certificate').click();
  await expect(page.getByTestId('certificate-name')).toBeVisible();
  await onTop('certificate');
  await page.getByTestId('tab-settings').click();
  await expect(page.getByTestId('settings')).toBeVisible();
  await onTop('settings');
  await page.getByTestId('open-mydata').click();
  await expect(page.getByTestId('mydata-fields')).toBeVisible();
  await onTop('my data');
  await page.getByTestId('switch-person').click();
  await page.getByTestId('add-profile').click();
  await expect(page.getByTestId('profile-name')).toBeVisible();
  await onTop('create profile');
});

test('the sync line says each state in a few words, with a sign', async ({ page }) => {
  await openApp(page, MAI);
  await page.getByTestId('profile').click();
  const line = page.getByTestId('sync-line');
  const states: [string, MockSync, RegExp][] = [
    ['synced', SYNCED, /^\s*Đồng bộ:\s*Đã đồng bộ\s*$/],
    ['syncing', { ...SYNCED, syncing: true, waiting: 2 }, /Đang đồng bộ\s*2 chờ gửi\s*$/],
    ['waiting', { ...SYNCED, waiting: 3 }, /:\s*3 chờ gửi\s*$/],
    ['offline', { ...SYNCED, online: false, waiting: 3, error: 'sync-error-offline' }, /Chưa kết nối\s*3 chờ gửi\s*$/],
    ['error', { ...SYNCED, error: 'sync-error-server' }, /Lỗi đồng bộ\s*$/],
    ['never', { ...SYNCED, last_ok_at: null }, /Chưa đồng bộ lần nào\s*$/],
  ];
  for (const [state, sync, words] of states) {
    await report(page, sync);
    await expect(line).toHaveAttribute('data-state', state, { timeout: 5000 });
    await expect(line).toHaveText(words);
    await screen(page, `line-${state}`);
  }
});

test('tapping the sync line opens its details; "sync now" syncs', async ({ page }) => {
  await openApp(page, {
    ...MAI,
    sync: { ...SYNCED, online: false, waiting: 3, error: 'sync-error-offline' },
  });
  await page.getByTestId('profile').click();
  const line = page.getByRole('button', { name: /^Đồng bộ:/ });
  await expect(line).toHaveAttribute('data-state', 'offline');
  await line.click();
  const sheet = page.getByRole('dialog', { name: 'Đồng bộ dữ liệu' });
  await expect(sheet).toBeVisible();
  await expect(sheet.getByTestId('sync-summary')).toHaveText('Chưa kết nối');
  await expect(sheet.getByTestId('sync-error')).toContainText('Chưa kết nối được máy chủ. Dữ liệu vẫn được lưu trên máy');
  await expect(sheet.getByTestId('sync-last')).toHaveText('24/11/2026 14:05');
  await expect(sheet.getByTestId('sync-waiting')).toHaveText('3');
  await screen(page, 'sync-details-offline');

  await sheet.getByRole('button', { name: 'Đồng bộ ngay' }).click();
  await expect(sheet.getByTestId('sync-summary')).toHaveText('Đã đồng bộ', { timeout: 8000 });
  await expect(sheet.getByTestId('sync-waiting')).toHaveText('0');
  await expect(sheet.getByTestId('sync-error')).toHaveCount(0);
  await expect(line).toHaveAttribute('data-state', 'synced');
  await screen(page, 'sync-details-synced');

  // Closed by its button, by Esc, or by a tap beside it; the keyboard reaches it too.
  await sheet.getByRole('button', { name: 'Đóng' }).click();
  await expect(sheet).toBeHidden();
  await expect(line).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(sheet).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(sheet).toBeHidden();
  await line.click();
  await page.mouse.click(180, 20);
  await expect(sheet).toBeHidden();

  // In English too.
  await page.getByTestId('tab-settings').click();
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('button', { name: /^Sync:/ })).toHaveText(/Synced\s*$/);
  await page.getByRole('button', { name: /^Sync:/ }).click();
  await expect(page.getByRole('dialog', { name: 'Syncing your data' })).toBeVisible();
  await screen(page, 'sync-details-english');
});

test('a phone that has joined no commune says so, and shows how to join', async ({ page }) => {
  await openApp(page, { ...MAI, sync: { ...SYNCED, enrolled: false, role: null, last_ok_at: null } });
  await expect(page.getByTestId('sync-line')).toHaveAttribute('data-state', 'not-enrolled');
  await expect(page.getByRole('main').getByTestId('enroll')).toBeVisible();
  await screen(page, 'start-not-enrolled');
  await page.getByTestId('sync-line').click();
  await expect(page.getByRole('dialog').getByTestId('enroll')).toBeVisible();
  await screen(page, 'sync-details-not-enrolled');
});
