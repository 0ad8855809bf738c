// An official manages the commune's devices and join codes at phone size (360×640).
import { expect, test, type Page } from '@playwright/test';
import { openApp, screen, villager } from './app';
import { SYNCED } from './mock-backend';
import type { MockCode, MockDevice, MockState } from './mock-backend';

/** A moment on the phone's clock, in Hà Giang (UTC+7, as the screen tests' browser is). */
const at = (y: number, m: number, d: number, h = 9, min = 0) => Date.UTC(y, m - 1, d, h - 7, min);

function device(node: string, name: string, role: string, more: Partial<MockDevice> = {}): MockDevice {
  return {
    node,
    name,
    role,
    enrolled_at: at(2026, 10, 2),
    last_sync_at: at(2026, 11, 24, 14, 5),
    app_version: '0.1.0',
    revoked_at: null,
    via_hub: false,
    hub_name: null,
    this_device: false,
    ...more,
  };
}

function code(id: string, role: string, state: string, uses: number, max_uses: number): MockCode {
  return { id, role, created_at: at(2026, 11, 10), expires_at: at(2026, 11, 24), uses, max_uses, state };
}

/** The commune office's phone, an official's profile open on it. */
function officialDevice(): Partial<MockState> {
  return {
    profiles: [{ ...villager('p-1', 'Vàng Thị Lan', null, 'sun'), role: 'official' }],
    device: { 'p-1': { last_used_at: 1, text_size: 0, high_contrast: false } },
    sync: { ...SYNCED, role: 'official' },
    devices: [
      device('n-office', 'Máy văn phòng xã', 'official', { this_device: true, enrolled_at: at(2026, 9, 15) }),
      device('n-mai', 'Điện thoại của bà Mai', 'villager', { enrolled_at: at(2026, 11, 3) }),
      device('n-pao', 'Máy anh Páo', 'farmer', {
        enrolled_at: at(2026, 11, 20),
        last_sync_at: null,
        app_version: null,
        via_hub: true,
        hub_name: 'Laptop tổ công nghệ',
      }),
      device('n-old', 'Điện thoại cũ của anh Dũng', 'volunteer', { revoked_at: at(2026, 11, 1, 16, 30) }),
    ],
    codes: [
      code('4f1c2a9b7d3e', 'villager', 'active', 37, 200),
      code('a81d0c55e2f4', 'official', 'used-up', 1, 1),
      code('9b2e71c04d6a', 'volunteer', 'expired', 4, 10),
    ],
  };
}

async function openDevices(page: Page) {
  await page.getByTestId('profile').click();
  await page.getByTestId('tab-devices').click();
  await expect(page.getByTestId('devices')).toBeVisible();
}

const card = (page: Page, name: string) => page.getByTestId('device').filter({ hasText: name });

test('an official sees the commune devices and revokes a lost phone after confirming', async ({ page }) => {
  await openApp(page, officialDevice());
  await openDevices(page);
  await expect(page.getByTestId('device')).toHaveCount(4);
  const mai = card(page, 'Điện thoại của bà Mai');
  await expect(mai).toContainText('Đồng bộ lần cuối: 24/11/2026 14:05');
  await expect(mai).toContainText('Phiên bản ứng dụng: 0.1.0');
  await expect(mai).toContainText('Tham gia ngày 03/11/2026');
  await expect(card(page, 'Máy anh Páo')).toContainText('Đồng bộ lần cuối: chưa lần nào');
  await expect(card(page, 'Máy anh Páo')).toContainText('Tham gia qua điểm đồng bộ Laptop tổ công nghệ');
  await expect(card(page, 'Điện thoại cũ')).toContainText('Đã thu hồi ngày 01/11/2026');
  await expect(card(page, 'Máy văn phòng xã')).toContainText('Máy đang dùng');
  await expect(card(page, 'Máy văn phòng xã').getByTestId('device-revoke')).toHaveCount(0);
  await expect(card(page, 'Điện thoại cũ').getByTestId('device-revoke')).toHaveCount(0);
  await screen(page, 'devices');

  // Cancel changes nothing.
  await mai.getByTestId('device-revoke').click();
  const dialog = page.getByTestId('confirm');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Thu hồi máy “Điện thoại của bà Mai” (người học)?');
  await expect(dialog).toContainText('không thể tham gia lại xã');
  await screen(page, 'revoke-confirm');
  await page.getByTestId('confirm-cancel').click();
  await expect(dialog).toHaveCount(0);
  await expect(mai.getByTestId('device-revoked')).toHaveCount(0);

  await mai.getByTestId('device-revoke').click();
  await page.getByTestId('confirm-yes').click();
  await expect(page.getByTestId('devices-message')).toHaveText('Đã thu hồi máy “Điện thoại của bà Mai”.');
  await expect(mai.getByTestId('device-revoked')).toBeVisible();
  await expect(mai.getByTestId('device-revoke')).toHaveCount(0);
  await expect(page.getByTestId('device').nth(2), 'revoked devices come last').toContainText('bà Mai');
  await screen(page, 'revoked');

  // Out of reach: the alert says so, and the other phone stays as it was.
  await page.evaluate(() => {
    const state = JSON.parse(localStorage.getItem('langso-mock-state') ?? '{}');
    localStorage.setItem('langso-mock-state', JSON.stringify({ ...state, offline: true }));
  });
  await card(page, 'Máy anh Páo').getByTestId('device-revoke').click();
  await page.getByTestId('confirm-yes').click();
  await expect(page.getByTestId('error')).toContainText('Chưa kết nối được máy chủ');
  await expect(card(page, 'Máy anh Páo').getByTestId('device-revoked')).toHaveCount(0);
  await screen(page, 'revoke-offline');
});

test('an official makes a join code, sees it once, and revokes one', async ({ page }) => {
  await openApp(page, officialDevice());
  await openDevices(page);
  const codes = page.getByTestId('code');
  await expect(codes).toHaveCount(3);
  await expect(codes.first()).toContainText('còn hiệu lực');
  await expect(codes.first()).toContainText('Đã dùng 37 trên 200 lượt');
  await expect(codes.nth(1)).toContainText('đã dùng hết lượt');
  await expect(codes.nth(2)).toContainText('đã hết hạn');
  await expect(codes.nth(1).getByTestId('code-revoke')).toHaveCount(0);
  await page.getByTestId('code-new').scrollIntoViewIfNeeded();
  await screen(page, 'codes');

  // A role starts from its usual limits; the official changes them and makes the code.
  await expect(page.getByTestId('code-days')).toHaveValue('14');
  await expect(page.getByTestId('code-uses')).toHaveValue('200');
  await page.getByTestId('code-role').selectOption('volunteer');
  await expect(page.getByTestId('code-uses')).toHaveValue('10');
  await page.getByTestId('code-days').fill('30');
  await page.getByTestId('code-uses').fill('5');
  await screen(page, 'code-form');
  await page.getByTestId('code-make').click();
  await expect(page.getByTestId('code-value')).toHaveText('MK7P-3XQA');
  await expect(page.getByTestId('code-made')).toContainText('chỉ hiện một lần');
  await expect(page.getByTestId('code-made')).toContainText('Cho tình nguyện viên, dùng được cho 5 máy');
  await screen(page, 'code-made');
  await page.getByTestId('code-made-close').click();
  await expect(page.getByTestId('code-value')).toHaveCount(0);
  await expect(codes).toHaveCount(4);
  await expect(codes.first()).toContainText('Cho tình nguyện viên');
  await expect(codes.first()).toContainText('Đã dùng 0 trên 5 lượt');

  // Revoking asks first, naming the code.
  await codes.nth(1).getByTestId('code-revoke').click();
  await expect(page.getByTestId('confirm')).toContainText('Thu hồi mã số 4f1c2a9b7d3e (người học)?');
  await expect(page.getByTestId('confirm')).toContainText('vẫn dùng bình thường');
  await screen(page, 'code-revoke-confirm');
  await page.getByTestId('confirm-yes').click();
  await expect(page.getByTestId('codes-message')).toHaveText('Đã thu hồi mã số 4f1c2a9b7d3e.');
  await expect(codes.nth(1)).toContainText('đã thu hồi');
  await expect(codes.nth(1).getByTestId('code-revoke')).toHaveCount(0);
  await screen(page, 'code-revoked');
});

test('only an official sees the devices tab, and a device not enrolled as one is told why', async ({ page }) => {
  await openApp(page, { ...officialDevice(), profiles: [villager('p-1', 'Lò Thị Mai', null)] });
  await page.getByTestId('profile').click();
  await expect(page.getByTestId('tab-settings')).toBeVisible();
  await expect(page.getByTestId('tab-devices')).toHaveCount(0);
  await page.getByTestId('switch-person').click();

  // An official's profile on a phone that joined as a villager's.
  await page.evaluate(() => {
    const state = JSON.parse(localStorage.getItem('langso-mock-state') ?? '{}');
    const profiles = state.profiles.map((p: { role: string }) => ({ ...p, role: 'official' }));
    localStorage.setItem('langso-mock-state', JSON.stringify({ ...state, profiles, sync: { ...state.sync, role: 'villager' } }));
  });
  await page.getByTestId('profile').click();
  await page.getByTestId('tab-devices').click();
  await expect(page.getByTestId('error')).toContainText('Chỉ máy của cán bộ xã');
  await expect(page.getByTestId('devices')).toHaveCount(0);
  await screen(page, 'not-an-official-device');
});
