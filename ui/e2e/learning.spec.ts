// The learning flows at phone size (360×640), one test per flow the issue names.
import { expect, test, type Page } from '@playwright/test';
import { openApp, screen, villager } from './app';

async function openLesson(page: Page, slug: string) {
  await page.locator(`[data-testid="lesson-card"][data-slug="${slug}"]`).click();
  await expect(page.getByTestId('step-text')).toBeVisible();
}

test('a villager creates a profile in a few taps', async ({ page }) => {
  await openApp(page);
  await screen(page, 'start-empty');
  await page.getByTestId('add-profile').click();
  await expect(page.getByRole('heading', { name: 'Tạo hồ sơ mới' })).toBeVisible();
  await expect(page.getByTestId('consent-notice')).toContainText('Luật Bảo vệ dữ liệu cá nhân năm 2025');
  await screen(page, 'create-profile');

  await page.getByTestId('profile-name').fill('Lò Thị Mai');
  await page.getByText('Hoa sen').locator('..').click();
  await page.getByTestId('profile-village').selectOption({ label: 'Thôn Thèn Pả · Xã Lũng Cú' });
  await page.getByTestId('profile-create').click();
  await expect(page.getByTestId('form-error')).toContainText('Cần có sự đồng ý');
  await screen(page, 'create-without-consent');

  await page.getByTestId('profile-consent').check();
  await page.getByTestId('profile-create').click();
  await expect(page.getByTestId('current-name')).toHaveText('Lò Thị Mai');
  await expect(page.getByTestId('catalogue')).toContainText('Tự bảo vệ trên mạng');
  await expect(page.getByTestId('catalogue')).toContainText('Làm quen với điện thoại');
  await screen(page, 'catalogue');

  await page.getByTestId('search').fill('lua dao');
  await expect(page.getByTestId('search-results').getByTestId('lesson-card')).toHaveCount(1);
  await screen(page, 'search');

  await page.getByTestId('switch-person').click();
  await expect(page.getByTestId('profile')).toHaveText(/Lò Thị Mai/);
  await screen(page, 'start-one-profile');
});

test('a learner takes a lesson with pictures and narration to the end', async ({ page }) => {
  await openApp(page, { profiles: [villager('p-1', 'Giàng Thị Súa', null)], device: { 'p-1': { last_used_at: 1, text_size: 0, high_contrast: false } } });
  await page.getByTestId('profile').click();
  await openLesson(page, 'scam-calls');
  await expect(page.getByTestId('step-counter')).toHaveText('Bước 1 trên 4');
  const picture = page.getByTestId('illustration');
  await expect(picture).toBeVisible();
  expect(await picture.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);

  await page.getByTestId('narration-toggle').click();
  await expect(page.getByTestId('narration-toggle')).toHaveText(/Tạm dừng/);
  const audio = page.locator('audio');
  expect(await audio.evaluate((a: HTMLAudioElement) => a.duration)).toBeGreaterThan(1);
  await screen(page, 'lesson-step-playing');
  await page.getByTestId('narration-toggle').click();
  await expect(page.getByTestId('narration-toggle')).toHaveText(/Nghe đọc/);
  await page.getByTestId('narration-replay').click();
  await expect(page.getByTestId('narration-toggle')).toHaveText(/Tạm dừng/);
  expect(await audio.evaluate((a: HTMLAudioElement) => a.currentTime)).toBeLessThan(2);

  for (let step = 2; step <= 4; step++) {
    await page.getByTestId('step-next').click();
    await expect(page.getByTestId('step-counter')).toHaveText(`Bước ${step} trên 4`);
  }
  await page.getByTestId('step-back').click();
  await expect(page.getByTestId('step-counter')).toHaveText('Bước 3 trên 4');
  await page.getByTestId('step-next').click();
  await screen(page, 'lesson-last-step');
  await page.getByTestId('step-next').click();

  for (let q = 0; q < 3; q++) {
    await expect(page.getByTestId('quiz')).toBeVisible();
    await page.getByTestId('choice').nth(1).click();
    await expect(page.getByTestId('feedback-right')).toBeVisible();
    if (q === 0) await screen(page, 'quiz-right');
    await page.getByTestId('quiz-next').click();
  }
  await expect(page.getByTestId('completion')).toContainText('Bạn đã học xong!');
  await expect(page.getByTestId('done-score')).toContainText('3 trên 3');
  await screen(page, 'lesson-complete');

  await page.getByTestId('done-learnt').click();
  await expect(page.getByTestId('learnt-lesson')).toHaveCount(1);
  await expect(page.locator('[data-testid="skill"][data-topic="online-safety"]')).toContainText('Đã thành thạo');
  await screen(page, 'what-i-learnt');
  await page.getByTestId('open-certificate').click();
  await expect(page.getByTestId('certificate-name')).toHaveText('Giàng Thị Súa');
  await expect(page.getByTestId('certificate-lessons')).toContainText('1 bài');
  await screen(page, 'certificate');
  // Saved as a picture to send, and as a PDF to print.
  await page.getByTestId('certificate-save-picture').click();
  await expect(page.getByTestId('certificate-saved')).toContainText('.png');
  await page.getByTestId('certificate-save-pdf').click();
  await expect(page.getByTestId('certificate-saved')).toContainText('.pdf');
  await page.getByTestId('certificate-saved').scrollIntoViewIfNeeded();
  await screen(page, 'certificate-saved');

  await page.getByTestId('tab-home').click();
  await expect(page.locator('[data-slug="scam-calls"]').getByTestId('lesson-done')).toBeVisible();
});

test('a wrong answer gets kind feedback and the right one explained, then a right answer', async ({ page }) => {
  await openApp(page, { profiles: [villager('p-1', 'Sùng A Lử', null)], device: { 'p-1': { last_used_at: 1, text_size: 0, high_contrast: false } } });
  await page.getByTestId('profile').click();
  await openLesson(page, 'smartphone-basics');
  for (let step = 0; step < 4; step++) await page.getByTestId('step-next').click();
  await expect(page.getByTestId('question')).toHaveText('Làm sao tiết kiệm tiền mạng?');
  await screen(page, 'quiz-question');

  await page.getByTestId('choice').nth(1).click();
  const wrong = page.getByTestId('feedback-wrong');
  await expect(wrong).toContainText('Chưa đúng, không sao cả');
  await expect(wrong).toContainText('Đáp án đúng: Dùng Wi-Fi khi có');
  await expect(wrong).toContainText('Wi-Fi không tốn dữ liệu di động.');
  await screen(page, 'quiz-wrong');

  await page.getByTestId('quiz-retry').click();
  await page.getByTestId('choice').nth(0).click();
  await expect(page.getByTestId('feedback-right')).toContainText('Đúng rồi!');
  await screen(page, 'quiz-right-after-retry');
  await page.getByTestId('quiz-next').click();
  await expect(page.getByTestId('done-score')).toContainText('0 trên 1');
});

test('a learner resumes where they left off after the app restarts', async ({ page }) => {
  await openApp(page, { profiles: [villager('p-1', 'Vàng Thị Dợ', null)], device: { 'p-1': { last_used_at: 1, text_size: 0, high_contrast: false } } });
  await page.getByTestId('profile').click();
  await openLesson(page, 'scam-calls');
  await page.getByTestId('step-next').click();
  await page.getByTestId('step-next').click();
  await expect(page.getByTestId('step-counter')).toHaveText('Bước 3 trên 4');

  await page.reload();
  await expect(page.getByTestId('profiles')).toBeVisible();
  await page.getByTestId('profile').click();
  await expect(page.locator('[data-slug="scam-calls"]').getByTestId('lesson-started')).toContainText('3/4');
  await screen(page, 'catalogue-in-progress');
  await openLesson(page, 'scam-calls');
  await expect(page.getByTestId('step-counter')).toHaveText('Bước 3 trên 4');
  await expect(page.getByTestId('resumed')).toBeVisible();
  await screen(page, 'lesson-resumed');
});

test('switching to a profile with a PIN asks for it', async ({ page }) => {
  await openApp(page, {
    profiles: [villager('p-1', 'Lò Văn Pử', null, 'buffalo'), villager('p-2', 'Lò Thị Chía', '2468', 'star')],
    device: {
      'p-1': { last_used_at: 2, text_size: 0, high_contrast: false },
      'p-2': { last_used_at: 1, text_size: 2, high_contrast: true },
    },
  });
  await expect(page.getByTestId('profile')).toHaveCount(2);
  await screen(page, 'start-two-profiles');
  await page.getByRole('button', { name: 'Lò Thị Chía, có mã PIN' }).click();
  await expect(page.getByRole('heading', { name: 'Nhập mã PIN của Lò Thị Chía' })).toBeVisible();
  await screen(page, 'pin-pad');
  for (const digit of '1357') await page.getByTestId('pin-key').getByText(digit, { exact: true }).click();
  await expect(page.getByTestId('pin-error')).toContainText('Mã PIN chưa đúng');
  await screen(page, 'pin-wrong');
  for (const digit of '2468') await page.getByTestId('pin-key').getByText(digit, { exact: true }).click();
  await expect(page.getByTestId('current-name')).toHaveText('Lò Thị Chía');
  // Her own display preferences come with her profile.
  await expect(page.locator('html')).toHaveAttribute('data-text-size', '2');
  await expect(page.locator('html')).toHaveAttribute('data-contrast', 'high');
  await screen(page, 'catalogue-large-high-contrast');

  await page.getByTestId('switch-person').click();
  await page.getByRole('button', { name: 'Lò Văn Pử' }).click();
  await expect(page.getByTestId('current-name')).toHaveText('Lò Văn Pử');
  await expect(page.locator('html')).toHaveAttribute('data-text-size', '0');
});

test('settings change text size and contrast; my data can be seen, corrected, exported and deleted', async ({ page }) => {
  await openApp(page, { profiles: [villager('p-1', 'Hờ Thị Mỷ', null)], device: { 'p-1': { last_used_at: 1, text_size: 0, high_contrast: false } } });
  await page.getByTestId('profile').click();
  await page.getByTestId('tab-settings').click();
  await screen(page, 'settings');
  await page.getByTestId('text-size').nth(1).click();
  await expect(page.locator('html')).toHaveAttribute('data-text-size', '1');
  await page.getByTestId('high-contrast').check();
  await expect(page.locator('html')).toHaveAttribute('data-contrast', 'high');
  await screen(page, 'settings-large-contrast');

  await page.getByTestId('open-mydata').click();
  await expect(page.getByTestId('consent-record')).toContainText('pdpl-2025-1');
  await expect(page.getByTestId('mydata-fields')).toContainText('Thôn Lô Lô Chải');
  await screen(page, 'my-data');
  await page.getByTestId('mydata-edit').click();
  await page.getByTestId('profile-name').fill('Hờ Thị Mỷ Dung');
  await page.getByTestId('mydata-save').click();
  await expect(page.getByTestId('current-name')).toHaveText('Hờ Thị Mỷ Dung');
  await page.getByTestId('mydata-export').click();
  await expect(page.getByTestId('export-json')).toContainText('Hờ Thị Mỷ Dung');
  await screen(page, 'my-data-exported');
  await page.getByTestId('mydata-delete').click();
  await screen(page, 'delete-confirm');
  await page.getByTestId('delete-yes').click();
  await expect(page.getByTestId('profiles')).toBeVisible();
  await expect(page.getByTestId('profile')).toHaveCount(0);
});

test('a change the server refused is shown on my data, back as the server has it', async ({ page }) => {
  await openApp(page, {
    profiles: [villager('p-1', 'Lò Thị Mai', null)],
    device: { 'p-1': { last_used_at: 1, text_size: 0, high_contrast: false } },
    refusals: { 'p-1': { reason: 'reject-clock', at: Date.UTC(2026, 10, 24, 7, 5) } },
  });
  await page.getByTestId('profile').click();
  await page.getByTestId('tab-settings').click();
  await page.getByTestId('open-mydata').click();
  const note = page.getByTestId('mydata-refused');
  await expect(note).toContainText('Máy chủ của xã không nhận thay đổi vừa rồi');
  await expect(note).toContainText('Đồng hồ của máy này lệch quá xa');
  await expect(note).toContainText('24/11/2026');
  await expect(page.getByTestId('mydata-fields')).toContainText('Lò Thị Mai');
  await screen(page, 'my-data-refused');
  await page.getByTestId('mydata-refused-ok').click();
  await expect(note).toHaveCount(0);
});

test('the app speaks English when asked', async ({ page }) => {
  await openApp(page, { profiles: [villager('p-1', 'Mai', null)], device: { 'p-1': { last_used_at: 1, text_size: 0, high_contrast: false } } });
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { name: 'Who is learning?' })).toBeVisible();
  await page.getByTestId('profile').click();
  await openLesson(page, 'scam-calls');
  await expect(page.getByTestId('step-counter')).toHaveText('Step 1 of 4');
  await expect(page.getByTestId('narration-toggle')).toHaveText(/Listen/);
  await screen(page, 'lesson-english');
});
