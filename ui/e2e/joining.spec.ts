// A phone that has joined no commune, at phone size (360×640): a person makes a profile with no
// village and starts learning; once the phone joins, their card says they have no village yet,
// and opening it asks for one before anything else.
import { expect, test } from '@playwright/test';
import { openApp, screen } from './app';
import { SYNCED } from './mock-backend';

const FRESH = { sync: { ...SYNCED, enrolled: false, role: null, last_ok_at: null } };

test.use({ viewport: { width: 360, height: 640 } });

test('someone starts on a phone that joined nothing, and chooses their village once it joins', async ({ page }) => {
  await openApp(page, FRESH);
  await page.getByTestId('add-profile').click();
  await expect(page.getByTestId('before-joining')).toBeVisible();
  await expect(page.getByTestId('profile-village')).toHaveCount(0);
  await page.getByTestId('profile-name').fill('Hờ Thị Dợ');
  await page.getByTestId('profile-consent').check();
  await screen(page, 'create-before-joining');
  await page.getByTestId('profile-create').click();
  await expect(page.getByTestId('current-name')).toHaveText('Hờ Thị Dợ');
  await expect(page.getByTestId('lesson-card').first()).toBeVisible();

  // Back to the start screen: her card says she has no village, and the phone joins.
  await page.getByTestId('switch-person').click();
  await expect(page.getByTestId('unplaced-badge')).toHaveText('Chưa chọn thôn');
  const join = page.getByRole('main').getByTestId('enroll');
  await join.getByRole('textbox').nth(0).fill('http://192.168.1.10:8080');
  await join.getByRole('textbox').nth(1).fill('ABCD-EFGH');
  await join.getByRole('button').click();
  await expect(page.getByTestId('sync-line')).not.toHaveAttribute('data-state', 'not-enrolled');
  await screen(page, 'joined-someone-unplaced');

  // Opening her profile asks for her village first.
  await page.getByTestId('profile').click();
  await expect(page.locator('#place-heading')).toContainText('Hờ Thị Dợ');
  await expect(page.getByTestId('place-village').locator('option')).not.toHaveCount(0);
  await screen(page, 'choose-village');
  await page.getByTestId('place-submit').click();
  await expect(page.getByTestId('current-name')).toHaveText('Hờ Thị Dợ');
  await page.getByTestId('switch-person').click();
  await expect(page.getByTestId('unplaced-badge')).toHaveCount(0);
});

test('after joining, a new profile needs a village', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('add-profile').click();
  await expect(page.getByTestId('profile-village')).toBeVisible();
  await expect(page.getByTestId('before-joining')).toHaveCount(0);
});
