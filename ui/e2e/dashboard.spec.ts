// An official's dashboard at phone size (360×640): Xã Lũng Cú's figures counted offline, each
// with its rule, the villages as cards, the charts as images, the months; the commune's target
// set, refused and cleared; a sign-in code for the office's pages; what a sync brings; English;
// the largest text. Only officials have the tab.
import { expect, test, type Page } from '@playwright/test';
import { openApp, screen, villager } from './app';
import { OFFICIAL_DASHBOARD, SYNCED } from './mock-backend';
import type { MockState } from './mock-backend';

test.use({ viewport: { width: 360, height: 640 } });

const KEY = 'langso-mock-state';

/** The share of `part` in `whole` as the office's pages write it: tenths of a percent, half up. */
function share(part: number, whole: number, lang = 'vi'): string {
  const permille = whole <= 0 ? 0 : Math.floor((part * 2000 + whole) / (2 * whole));
  const tenths = `${Math.floor(permille / 10)}${lang === 'en' ? '.' : ','}${permille % 10}`;
  return lang === 'en' ? `${tenths}%` : `${tenths} %`;
}

/** The commune office's phone, with an official's profile (Vàng Thị Lan) on it. */
function officePhone(more: Partial<MockState> = {}): Partial<MockState> {
  return {
    profiles: [{ ...villager('p-lan', 'Vàng Thị Lan', null, 'sun'), role: 'official' }],
    device: { 'p-lan': { last_used_at: 1, text_size: 0, high_contrast: false } },
    sync: { ...SYNCED, role: 'official' },
    dashboard: OFFICIAL_DASHBOARD,
    ...more,
  };
}

async function openDashboard(page: Page, seed: Partial<MockState>) {
  await openApp(page, seed);
  await page.getByTestId('profile').click();
  await page.getByTestId('tab-dashboard').click();
  await expect(page.getByTestId('dashboard')).toBeVisible();
}

/** Changes the mocked store as a sync would, moving the data version. */
async function sync(page: Page, change: (state: MockState) => void) {
  const state = await page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? '{}') as MockState, KEY);
  change(state);
  state.version = (state.version ?? 0) + 1;
  await page.evaluate(([key, json]) => localStorage.setItem(key, json), [KEY, JSON.stringify(state)] as const);
}

const figure = (page: Page, key: string) => page.getByTestId(`dash-${key}-value`);

test('dashboard: an official sees the commune’s figures with their rules, villages, charts and months', async ({ page }) => {
  await openDashboard(page, officePhone());
  await expect(page.getByRole('navigation').getByRole('button')).toHaveText([
    'Buổi học',
    'Tổng hợp',
    'Bài học',
    'Đã học',
    'Thiết bị',
    'Cài đặt',
  ]);
  await expect(page.getByTestId('tab-dashboard')).toHaveAttribute('aria-current', 'page');
  await expect(page.getByTestId('dash-commune')).toHaveText('Xã Lũng Cú, Huyện Đồng Văn, Hà Giang');
  await expect(page.getByTestId('dash-counted-at')).toHaveText('Số liệu lúc 24/11/2026 14:05.');

  // The households at target: 110 of 303 is 36,3 %, by the same rule as the office's pages.
  expect(share(110, 303)).toBe('36,3 %');
  await expect(figure(page, 'share')).toHaveText(share(110, 303));
  await expect(page.getByTestId('dash-target')).toHaveText('Chỉ tiêu của xã: 80% số hộ đạt chuẩn. Hiện đạt 36,3 %.');
  await expect(figure(page, 'households-at-target')).toHaveText('110');
  await expect(figure(page, 'households-count')).toHaveText('303');
  await expect(page.getByTestId('dash-target-input')).toHaveValue('80');
  await screen(page, 'dashboard');

  // The headline figures, counts grouped as Vietnamese writes them.
  const headline = {
    'people-registered': '1.049',
    'people-trained': '385',
    'people-all-five': '136',
    'lessons-completed': '2.311',
    'active-learners': '128',
    'sessions-held': '34',
    'volunteers-active': '6',
    'listings-published': '15',
    'inquiries-received': '33',
    'inquiries-answered': '27',
  };
  for (const [key, value] of Object.entries(headline)) await expect(figure(page, key), key).toHaveText(value);

  // Each figure's rule is behind its "?", named for a screen reader.
  const trained = page.getByTestId('dash-people-trained');
  await expect(trained.getByTestId('dash-people-trained-rule')).toBeHidden();
  const help = trained.getByRole('button', { name: 'Cách tính: Người đã học' });
  await help.click();
  await expect(help).toHaveAttribute('aria-expanded', 'true');
  await expect(trained.getByTestId('dash-people-trained-rule')).toHaveText(
    'Người được đánh dấu có mặt hoặc đến muộn ở ít nhất một buổi học đã tổ chức (không bị huỷ, đã đến giờ bắt đầu).',
  );
  await page.getByTestId('dash-share-help').click();
  await expect(page.getByTestId('dash-share-rule')).toHaveText(
    'Hộ đạt chuẩn chia cho số hộ, làm tròn đến một chữ số thập phân.',
  );
  await trained.scrollIntoViewIfNeeded();
  await screen(page, 'dashboard-rule');
  await help.click();
  await expect(trained.getByTestId('dash-people-trained-rule')).toBeHidden();

  // The five skills.
  const skills = page.getByTestId('dash-skills').getByRole('listitem');
  await expect(skills).toHaveCount(5);
  await expect(page.getByTestId('dash-skill-public-services-value')).toHaveText('298');
  await expect(page.getByTestId('dash-skill-online-safety-value')).toHaveText('326');
  await expect(page.getByTestId('dash-skill-local-platforms-value')).toHaveText('165');
  await page.getByTestId('dash-skill-online-payments-help').click();
  await expect(page.getByTestId('dash-skill-online-payments-rule')).toHaveText('Như trên, với kỹ năng Thanh toán trực tuyến.');
  await page.getByTestId('dash-skills').scrollIntoViewIfNeeded();
  await screen(page, 'dashboard-skills');

  // The villages by name, each a card, then the whole commune.
  const villages = page.getByTestId('dash-village');
  await expect(villages.getByTestId('dash-village-name')).toHaveText(['Thôn Lô Lô Chải', 'Thôn Séo Lủng', 'Thôn Thèn Pả']);
  const expected = [
    { trained: '168', allFive: '61', part: 47, whole: 118, sessions: '14' },
    { trained: '120', allFive: '42', part: 35, whole: 102, sessions: '11' },
    { trained: '97', allFive: '33', part: 28, whole: 83, sessions: '9' },
  ];
  for (const [i, v] of expected.entries()) {
    const card = villages.nth(i);
    await expect(card.getByTestId('dash-village-trained')).toHaveText(v.trained);
    await expect(card.getByTestId('dash-village-all-five')).toHaveText(v.allFive);
    await expect(card.getByTestId('dash-village-share')).toHaveText(share(v.part, v.whole));
    await expect(card.getByTestId('dash-village-households')).toContainText(`${v.part} trên ${v.whole} hộ`);
    await expect(card.getByTestId('dash-village-sessions')).toHaveText(v.sessions);
  }
  await expect(villages.nth(0).getByTestId('dash-village-share')).toHaveText('39,8 %');
  const commune = page.getByTestId('dash-commune-row');
  await expect(commune.getByTestId('dash-village-name')).toHaveText('Toàn xã');
  await expect(commune.getByTestId('dash-village-trained')).toHaveText('385');
  await expect(commune.getByTestId('dash-village-all-five')).toHaveText('136');
  await expect(commune.getByTestId('dash-village-share')).toHaveText('36,3 %');
  await expect(commune.getByTestId('dash-village-households')).toContainText('110 trên 303 hộ');
  await expect(commune.getByTestId('dash-village-sessions')).toHaveText('34');
  await villages.first().scrollIntoViewIfNeeded();
  await screen(page, 'dashboard-villages');

  // The charts drawn in Rust, shown as images that loaded.
  for (const [id, alt] of [
    ['dash-chart-villages', 'Biểu đồ cột theo thôn'],
    ['dash-chart-months', 'Biểu đồ theo tháng'],
  ]) {
    const chart = page.getByTestId(id);
    await expect(chart).toHaveAttribute('alt', new RegExp(`^${alt}`));
    await expect(chart).toHaveAttribute('src', /^blob:/);
    await chart.scrollIntoViewIfNeeded();
    await expect.poll(() => chart.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(420);
  }
  await page.getByTestId('dash-chart-villages').scrollIntoViewIfNeeded();
  await screen(page, 'dashboard-charts');

  // The last twelve months, newest first.
  const months = page.getByTestId('dash-month');
  await expect(months).toHaveCount(12);
  await expect(months.getByTestId('dash-month-name')).toHaveText([
    '11/2026', '10/2026', '09/2026', '08/2026', '07/2026', '06/2026',
    '05/2026', '04/2026', '03/2026', '02/2026', '01/2026', '12/2025',
  ]);
  await expect(months.first().getByTestId('dash-month-trained')).toHaveText('58');
  await expect(months.first().getByTestId('dash-month-lessons')).toHaveText('370');
  await expect(months.first().getByTestId('dash-month-households')).toHaveText(`110 ${share(110, 303)}`);
  await expect(months.nth(1).getByTestId('dash-month-households')).toHaveText(`97 ${share(97, 303)}`);
  await expect(months.last().getByTestId('dash-month-households')).toHaveText(`2 ${share(2, 303)}`);
  await page.getByRole('heading', { name: 'Theo tháng' }).scrollIntoViewIfNeeded();
  await screen(page, 'dashboard-months');
});

test('dashboard: the official sets the target to 85, 150 is refused and changes nothing, and it can be cleared', async ({ page }) => {
  await openDashboard(page, officePhone());
  const input = page.getByTestId('dash-target-input');
  await input.fill('85');
  await page.getByTestId('dash-target-save').click();
  await expect(page.getByTestId('dash-target-saved')).toHaveText('Đã lưu chỉ tiêu 85%.');
  await expect(page.getByTestId('dash-target')).toHaveText('Chỉ tiêu của xã: 85% số hộ đạt chuẩn. Hiện đạt 36,3 %.');
  const stored = () => page.evaluate((key) => (JSON.parse(localStorage.getItem(key) ?? '{}') as MockState).dashboard?.target_percent, KEY);
  expect(await stored()).toBe(85);
  await screen(page, 'dashboard-target-saved');

  // Out of range: the reason beside the field, what was typed kept, the target as it was.
  await input.fill('150');
  await page.getByTestId('dash-target-save').click();
  await expect(page.getByTestId('dash-target-error')).toHaveText('Chỉ tiêu tỉ lệ hộ: phải từ 1 đến 100.');
  await expect(input).toHaveValue('150');
  await expect(page.getByTestId('dash-target-saved')).toHaveCount(0);
  await expect(page.getByTestId('dash-target')).toHaveText('Chỉ tiêu của xã: 85% số hộ đạt chuẩn. Hiện đạt 36,3 %.');
  expect(await stored()).toBe(85);
  await screen(page, 'dashboard-target-refused');

  // Not a number: the same words, and nothing is sent.
  await input.fill('tám mươi');
  await page.getByTestId('dash-target-save').click();
  await expect(page.getByTestId('dash-target-error')).toHaveText('Chỉ tiêu tỉ lệ hộ: phải từ 1 đến 100.');
  expect(await stored()).toBe(85);

  // Cleared: no target any more.
  await page.getByTestId('dash-target-clear').click();
  await expect(page.getByTestId('dash-target-saved')).toHaveText('Đã bỏ chỉ tiêu của xã.');
  await expect(page.getByTestId('dash-target')).toHaveText('Xã chưa đặt chỉ tiêu.');
  await expect(page.getByTestId('dash-target-error')).toHaveCount(0);
  await expect(input).toHaveValue('');
  await expect(page.getByTestId('dash-target-clear')).toHaveCount(0);
  expect(await stored()).toBeNull();
  await screen(page, 'dashboard-target-cleared');
});

test('dashboard: a sign-in code for the office’s pages, and why there is none offline', async ({ page }) => {
  await openDashboard(page, officePhone());
  const button = page.getByTestId('dash-office-code-button');
  await expect(button).toHaveText('Lấy mã đăng nhập');
  await button.click();
  await expect(page.getByTestId('dash-office-code-value')).toHaveText('HX4T-9KQM');
  await expect(page.getByTestId('dash-office-code-until')).toHaveText(
    /^Mã chỉ dùng được một lần, đến \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}\.$/,
  );
  await expect(page.getByTestId('dash-office-code')).toContainText('mở trang văn phòng xã ở địa chỉ dưới đây');
  await expect(page.getByTestId('dash-office-address')).toHaveText('http://192.168.1.10:8080/office');
  await page.getByTestId('dash-office-code').scrollIntoViewIfNeeded();
  await screen(page, 'dashboard-office-code');

  // Offline: the reason beside the button; the figures stay, counted on the phone.
  await sync(page, (state) => {
    state.offline = true;
  });
  await button.click();
  await expect(page.getByTestId('dash-office-error')).toContainText('Chưa kết nối được máy chủ');
  await expect(page.getByTestId('dash-office-code-value')).toHaveCount(0);
  await expect(figure(page, 'people-registered')).toHaveText('1.049');
  await screen(page, 'dashboard-office-offline');
});

test('dashboard: what a sync brings shows without leaving the tab', async ({ page }) => {
  await openDashboard(page, officePhone());
  await expect(figure(page, 'people-trained')).toHaveText('385');
  await sync(page, (state) => {
    const d = state.dashboard!;
    d.totals.people_trained += 12;
    d.totals.households_at_target += 2;
    d.villages[2].figures.people_trained += 12;
    d.villages[2].figures.households_at_target += 2;
  });
  await expect(figure(page, 'people-trained')).toHaveText('397');
  await expect(figure(page, 'share')).toHaveText(share(112, 303));
  await expect(page.getByTestId('dash-village').nth(2).getByTestId('dash-village-trained')).toHaveText('109');
  await expect(page.getByTestId('dash-village').nth(2).getByTestId('dash-village-share')).toHaveText(share(30, 83));
});

test('dashboard: only officials have the tab', async ({ page }) => {
  await openApp(page, officePhone({ profiles: [villager('p-mai', 'Lò Thị Mai', null)], device: { 'p-mai': { last_used_at: 1, text_size: 0, high_contrast: false } } }));
  await page.getByTestId('profile').click();
  await expect(page.getByRole('navigation').getByRole('button')).toHaveText(['Bài học', 'Đã học', 'Cài đặt']);
  await expect(page.getByTestId('tab-dashboard')).toHaveCount(0);
});

test('dashboard: in English, counts are 1,049, shares 36.3% and the screen speaks English', async ({ page }) => {
  await openDashboard(page, officePhone({ language: 'en' }));
  // Six tabs share the phone: "Dashboard" breaks at its soft hyphen rather than mid-word.
  await expect(page.getByRole('navigation').getByRole('button')).toHaveText([
    'Sessions',
    'Dash\u00adboard',
    'Lessons',
    'Learnt',
    'Devices',
    'Settings',
  ]);
  await expect(page.getByRole('heading', { level: 2 })).toHaveText("The commune's figures");
  await expect(page.getByTestId('dash-counted-at')).toHaveText('Figures as of 24/11/2026 14:05.');
  await expect(figure(page, 'share')).toHaveText(share(110, 303, 'en'));
  await expect(figure(page, 'share')).toHaveText('36.3%');
  await expect(page.getByTestId('dash-target')).toHaveText("The commune's target: 80% of households at target. Now: 36.3%.");
  await expect(figure(page, 'people-registered')).toHaveText('1,049');
  await expect(figure(page, 'lessons-completed')).toHaveText('2,311');
  await expect(page.getByTestId('dash-commune-row').getByTestId('dash-village-name')).toHaveText('Whole commune');
  await expect(page.getByTestId('dash-village').first().getByTestId('dash-village-households')).toContainText('47 of 118 households');
  await expect(page.getByTestId('dash-month').first().getByTestId('dash-month-name')).toHaveText('11/2026');
  await expect(page.getByTestId('dash-chart-months')).toHaveAttribute('alt', /^Chart by month/);
  await expect(page.getByRole('button', { name: 'How it is counted: People trained' })).toBeVisible();
  await screen(page, 'dashboard-en');

  await page.getByTestId('dash-target-input').fill('0');
  await page.getByTestId('dash-target-save').click();
  await expect(page.getByTestId('dash-target-error')).toHaveText('Target share of households: must be from 1 to 100.');
  await page.getByTestId('dash-office-code-button').click();
  await expect(page.getByTestId('dash-office-code-until')).toHaveText(/^The code works once, until \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}\.$/);
  await page.getByTestId('dash-office-code').scrollIntoViewIfNeeded();
  await screen(page, 'dashboard-en-office');
});

test('dashboard: nothing spills over at the largest text size', async ({ page }) => {
  await openDashboard(page, officePhone({ device: { 'p-lan': { last_used_at: 1, text_size: 2, high_contrast: false } } }));
  await page.getByTestId('dash-people-registered-help').click();
  await screen(page, 'dashboard-large');
  // No number, word or table cell wider than what holds it (what is hidden for screen readers aside).
  const spilled = await page.evaluate(() => {
    const hidden = (el: Element) => {
      for (let a: Element | null = el; a; a = a.parentElement) if (getComputedStyle(a).overflow !== 'visible') return true;
      return false;
    };
    return [...document.querySelectorAll<HTMLElement>('[data-testid="dashboard"] *, nav *')]
      .filter((el) => el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1 && !hidden(el))
      .map((el) => `${el.tagName.toLowerCase()} "${el.textContent?.trim().slice(0, 30)}" ${el.scrollWidth}>${el.clientWidth}`);
  });
  expect(spilled).toEqual([]);
  await page.getByTestId('dash-village').first().scrollIntoViewIfNeeded();
  await screen(page, 'dashboard-large-villages');
  await page.getByTestId('dash-months').scrollIntoViewIfNeeded();
  await screen(page, 'dashboard-large-months');
  await page.getByTestId('dash-office-code-button').click();
  await expect(page.getByTestId('dash-office-code-value')).toHaveText('HX4T-9KQM');
  await page.getByTestId('dash-office-code').scrollIntoViewIfNeeded();
  await screen(page, 'dashboard-large-office-code');
});
