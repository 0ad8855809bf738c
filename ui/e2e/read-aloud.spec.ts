// The low-literacy mode ("read everything aloud") at phone size (360×640): switched on in
// Settings, a lesson's steps, a quiz's question and answers and the words after an answer are
// heard by themselves, one sound at a time; with it off nothing plays unasked.
//
// Every call of HTMLMediaElement.play is recorded with its src, and each src is read back and
// matched, byte for byte, with the pack's narration files and the app's own clips: the tests
// assert on what was really played, in order.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { openApp, screen, villager } from './app';
import { fixture } from './fixture';
import { SYNCED, type MockState } from './mock-backend';

const KEY = 'langso-mock-state';

/** Every sound the app may play, by its bytes (base64): the pack's files of the fixture and public/voice. */
const SOUNDS = new Map<string, string>();
for (const [path, file] of Object.entries(fixture().assets)) {
  if (file.mime.startsWith('audio/')) SOUNDS.set(file.base64, path);
}
const VOICE = fileURLToPath(new URL('../public/voice/', import.meta.url));
for (const lang of readdirSync(VOICE)) {
  for (const name of readdirSync(VOICE + lang)) {
    SOUNDS.set(readFileSync(`${VOICE}${lang}/${name}`).toString('base64'), `voice/${lang}/${name}`);
  }
}

/** Records the src of every play() the page makes, before the app starts. */
async function recordPlays(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __played: string[] };
    w.__played = [];
    const play = HTMLMediaElement.prototype.play;
    HTMLMediaElement.prototype.play = function (this: HTMLMediaElement) {
      w.__played.push(this.src);
      return play.call(this);
    };
  });
}

/** What the page has played so far, each named by the file whose bytes it played. */
async function played(page: Page): Promise<string[]> {
  const bytes = await page.evaluate(async () => {
    const found: string[] = [];
    for (const src of (window as unknown as { __played: string[] }).__played) {
      const data = new Uint8Array(await (await fetch(src)).arrayBuffer());
      let text = '';
      for (const b of data) text += String.fromCharCode(b);
      found.push(btoa(text));
    }
    return found;
  });
  return bytes.map((b) => SOUNDS.get(b) ?? `unknown (${b.length} bytes of base64)`);
}

/** Forgets what was played so far. */
async function forgetPlays(page: Page): Promise<void> {
  await page.evaluate(() => ((window as unknown as { __played: string[] }).__played = []));
}

/** The one audio element's state: whether it plays, and how many there are. */
async function audioState(page: Page) {
  return page.evaluate(() => {
    const all = [...document.querySelectorAll('audio')];
    return { count: all.length, playing: all.filter((a) => !a.paused && !a.ended).length };
  });
}

const mockState = (page: Page) => page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? '{}') as MockState, KEY);

const scam = (name: string) => `scam-calls/narration/vi/${name}.opus`;
const QUESTION_1 = [scam('quiz-1'), scam('quiz-1-choice-1'), scam('quiz-1-choice-2'), scam('quiz-1-choice-3')];

function oneVillager(readAloud: boolean): Partial<MockState> {
  return {
    profiles: [{ ...villager('p-1', 'Giàng Thị Súa', null), read_aloud: readAloud }],
    device: { 'p-1': { last_used_at: 1, text_size: 0, high_contrast: false } },
  };
}

/** Shows the button's drawn picture beside its word. */
async function expectIcon(page: Page, testId: string, icon: string) {
  const button = page.getByTestId(testId);
  await expect(button.locator(`svg[data-icon="${icon}"]`)).toBeVisible();
  const [picture, word] = await button.evaluate((b) => {
    const svg = b.querySelector('svg')!.getBoundingClientRect();
    return [svg.width, b.textContent!.trim().length];
  });
  expect(picture, `${testId}'s picture`).toBeGreaterThanOrEqual(20);
  expect(word, `${testId} keeps its word`).toBeGreaterThan(1);
}

test('switched on in settings, a lesson, its quiz and the feedback are read aloud one sound at a time', async ({ page }) => {
  test.setTimeout(120_000);
  await recordPlays(page);
  await openApp(page, oneVillager(false));
  await page.getByTestId('profile').click();

  // Settings: the switch, with a line saying what it does.
  await page.getByTestId('tab-settings').click();
  const toggle = page.getByTestId('read-aloud');
  await expect(toggle).not.toBeChecked();
  await expect(toggle.locator('xpath=ancestor::label')).toContainText('Đọc to mọi thứ (cho người ít đọc chữ)');
  await expect(toggle.locator('xpath=ancestor::label')).toContainText('Bài học, câu hỏi và câu trả lời tự đọc to khi hiện ra.');
  await toggle.check();
  await expect(toggle).toBeChecked();
  await expect.poll(async () => (await mockState(page)).profiles[0].read_aloud).toBe(true);
  await toggle.scrollIntoViewIfNeeded();
  await screen(page, 'settings-read-aloud-on');
  // Nothing played on the settings screen.
  expect(await played(page)).toEqual([]);

  // The catalogue: each lesson says "learn this" with a picture.
  await page.getByTestId('tab-home').click();
  const card = page.locator('[data-testid="lesson-card"][data-slug="scam-calls"]');
  await expect(card.getByTestId('lesson-start')).toHaveText('Học bài này');
  await expect(card.getByTestId('lesson-start').locator('svg[data-icon="play"]')).toBeVisible();
  await expectIcon(page, 'tab-home', 'lessons');
  await expectIcon(page, 'tab-settings', 'settings');
  await screen(page, 'catalogue-read-aloud');

  // A step's narration starts by itself.
  await card.click();
  await expect(page.getByTestId('step-counter')).toHaveText('Bước 1 trên 4');
  await expect.poll(() => played(page)).toEqual([scam('step-1')]);
  await expect(page.getByTestId('narration-toggle')).toHaveText(/Tạm dừng/);
  await expectIcon(page, 'step-next', 'next');
  await expectIcon(page, 'step-back', 'back');
  await expectIcon(page, 'narration-toggle', 'pause');
  // The narration's buttons are under the step's text: scrolled to, past Next and Back.
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await screen(page, 'step-read-aloud');

  // The next step's narration replaces this one: never two at once.
  await page.getByTestId('step-next').click();
  await expect(page.getByTestId('step-counter')).toHaveText('Bước 2 trên 4');
  await expect.poll(() => played(page)).toEqual([scam('step-1'), scam('step-2')]);
  expect(await audioState(page)).toEqual({ count: 1, playing: 1 });
  await page.getByTestId('step-next').click();
  await page.getByTestId('step-next').click();
  await expect(page.getByTestId('step-counter')).toHaveText('Bước 4 trên 4');
  await expect.poll(() => played(page)).toEqual([scam('step-1'), scam('step-2'), scam('step-3'), scam('step-4')]);
  await expectIcon(page, 'step-next', 'quiz');

  // The quiz: the question, then each answer in turn, the one being read lit.
  await forgetPlays(page);
  await page.getByTestId('step-next').click();
  await expect(page.getByTestId('question')).toBeVisible();
  const rows = page.getByTestId('choice-row');
  await expect(rows.nth(1)).toHaveClass(/reading/, { timeout: 15_000 });
  await expect(rows.nth(0)).not.toHaveClass(/reading/);
  await screen(page, 'quiz-reading-an-answer');
  await expect.poll(() => played(page), { timeout: 20_000 }).toEqual(QUESTION_1);
  await expect(rows.nth(2)).not.toHaveClass(/reading/, { timeout: 15_000 });
  await expect.poll(async () => (await audioState(page)).playing).toBe(0);

  // An answer's speaker plays that answer alone, and chooses nothing.
  await forgetPlays(page);
  await page.getByTestId('choice-listen').nth(2).click();
  await expect.poll(() => played(page)).toEqual([scam('quiz-1-choice-3')]);
  await expect(rows.nth(2)).toHaveClass(/reading/);
  await expect(page.getByTestId('choice').nth(2)).toHaveAttribute('aria-pressed', 'false');
  await expect(page.getByTestId('feedback-wrong')).toHaveCount(0);
  await expect(page.getByTestId('feedback-right')).toHaveCount(0);
  expect((await mockState(page)).facts.filter((f) => f.kind === 'answer')).toEqual([]);

  // A wrong answer: the app's own "not quite" words, then the explanation.
  await forgetPlays(page);
  await page.getByTestId('choice').nth(0).click();
  await expect(page.getByTestId('feedback-wrong')).toBeVisible();
  await expect.poll(() => played(page), { timeout: 15_000 }).toEqual(['voice/vi/quiz-wrong.opus', scam('quiz-1-explanation')]);
  // The words after the answer and the buttons to go on are on screen together.
  await expect(page.getByTestId('quiz-next')).toBeInViewport();
  await expect(page.getByTestId('feedback-wrong')).toBeInViewport();
  await expectIcon(page, 'quiz-retry', 'retry');
  await expectIcon(page, 'quiz-next', 'next');
  await screen(page, 'feedback-wrong-read-aloud');

  // Trying again reads the question again; choosing while it is read stops it at once.
  await forgetPlays(page);
  await page.getByTestId('quiz-retry').click();
  await expect.poll(() => played(page)).toEqual([scam('quiz-1')]);
  await page.getByTestId('choice').nth(1).click();
  await expect(page.getByTestId('feedback-right')).toBeVisible();
  await expect.poll(() => (played(page)).then((p) => p.slice(-2)), { timeout: 15_000 }).toEqual([
    'voice/vi/quiz-right.opus',
    scam('quiz-1-explanation'),
  ]);
  const heard = await played(page);
  // What was heard between: the question and at most the first answers, never after "right".
  expect(QUESTION_1.slice(0, heard.length - 2)).toEqual(heard.slice(0, -2));
  await screen(page, 'feedback-right-read-aloud');

  // The next question is read by itself too; leaving the lesson silences it.
  await forgetPlays(page);
  await page.getByTestId('quiz-next').click();
  await expect(page.getByTestId('quiz')).toContainText('Câu hỏi 2 trên 3');
  await expect.poll(() => played(page)).toEqual([scam('quiz-2')]);
  await page.getByTestId('player-close').click();
  await expect(page.getByTestId('catalogue')).toBeVisible();
  expect((await audioState(page)).playing).toBe(0);
  await page.waitForTimeout(1500);
  expect(await played(page)).toEqual([scam('quiz-2')]);
});

test('with read-aloud off nothing plays by itself; the speakers still play what is tapped', async ({ page }) => {
  await recordPlays(page);
  await openApp(page, oneVillager(false));
  await page.getByTestId('profile').click();
  const card = page.locator('[data-testid="lesson-card"][data-slug="scam-calls"]');
  await expect(card).toBeVisible();
  await expect(card.getByTestId('lesson-start')).toHaveCount(0);
  await card.click();
  await expect(page.getByTestId('narration-toggle')).toBeEnabled();
  // The pictures are there for everyone.
  await expectIcon(page, 'step-next', 'next');
  await expectIcon(page, 'narration-toggle', 'play');
  for (let step = 0; step < 4; step++) await page.getByTestId('step-next').click();
  await expect(page.getByTestId('question')).toBeVisible();
  await expect(page.getByTestId('choice-listen')).toHaveCount(3);
  await expect(page.getByTestId('question-listen')).toBeVisible();
  await page.waitForTimeout(2000);
  expect(await played(page)).toEqual([]);
  await screen(page, 'quiz-read-aloud-off');

  // The question's speaker plays the question alone; an answer's, that answer.
  await page.getByTestId('question-listen').click();
  await expect.poll(() => played(page)).toEqual([scam('quiz-1')]);
  await page.getByTestId('choice-listen').nth(1).click();
  await expect.poll(() => played(page)).toEqual([scam('quiz-1'), scam('quiz-1-choice-2')]);
  expect(await audioState(page)).toEqual({ count: 1, playing: 1 });
  await expect(page.getByTestId('feedback-right')).toHaveCount(0);

  // Answering stops it, and the feedback stays silent until its speaker is tapped.
  await page.getByTestId('choice').nth(1).click();
  await expect(page.getByTestId('feedback-right')).toBeVisible();
  expect((await audioState(page)).playing).toBe(0);
  await page.waitForTimeout(1500);
  expect(await played(page)).toEqual([scam('quiz-1'), scam('quiz-1-choice-2')]);
  await page.getByTestId('feedback-listen').click();
  await expect.poll(() => (played(page)).then((p) => p.slice(2)), { timeout: 15_000 }).toEqual([
    'voice/vi/quiz-right.opus',
    scam('quiz-1-explanation'),
  ]);
});

test('in English the feedback words are the English clip', async ({ page }) => {
  await recordPlays(page);
  await openApp(page, oneVillager(true));
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByTestId('profile').click();
  await page.locator('[data-testid="lesson-card"][data-slug="smartphone-basics"]').click();
  await expect.poll(() => played(page)).toEqual(['smartphone-basics/narration/en/step-1.opus']);
  for (let step = 0; step < 4; step++) await page.getByTestId('step-next').click();
  await expect(page.getByTestId('question')).toBeVisible();
  await forgetPlays(page);
  await page.getByTestId('choice').nth(1).click();
  await expect(page.getByTestId('feedback-wrong')).toBeVisible();
  await expect.poll(() => played(page), { timeout: 15_000 }).toEqual([
    'voice/en/quiz-wrong.opus',
    'smartphone-basics/narration/en/quiz-1-explanation.opus',
  ]);
});

test('a new profile and a villager registered at a session can have everything read aloud', async ({ page }) => {
  // A new profile on the phone: the box is off unless ticked.
  await openApp(page);
  await page.getByTestId('add-profile').click();
  const box = page.getByTestId('profile-read-aloud');
  await expect(box).not.toBeChecked();
  await page.getByTestId('profile-name').fill('Lò Thị Mai');
  await box.check();
  await box.scrollIntoViewIfNeeded();
  await screen(page, 'create-profile-read-aloud');
  await page.getByTestId('profile-consent').check();
  await page.getByTestId('profile-create').click();
  await expect(page.getByTestId('current-name')).toHaveText('Lò Thị Mai');
  expect((await mockState(page)).profiles.find((p) => p.name === 'Lò Thị Mai')?.read_aloud).toBe(true);
  await expect(page.getByTestId('lesson-start').first()).toBeVisible();
  await page.getByTestId('tab-settings').click();
  await expect(page.getByTestId('read-aloud')).toBeChecked();
});

test('a volunteer switches read-aloud on for a villager at registration', async ({ page }) => {
  const at = (h: number) => Date.UTC(2026, 10, 24, h - 7);
  await page.clock.setFixedTime(at(9));
  await openApp(page, {
    profiles: [{ ...villager('p-vol', 'Sùng Văn Dũng', null, 'bamboo'), role: 'volunteer' }],
    device: { 'p-vol': { last_used_at: 1, text_size: 0, high_contrast: false } },
    sync: { ...SYNCED, role: 'volunteer' },
    sessions: [
      {
        id: 's-today-000001',
        village_id: 'v-lo-lo-chai',
        volunteer_id: 'p-vol',
        title: 'Nhận biết lừa đảo qua điện thoại',
        place: null,
        starts_at: at(8),
        ends_at: at(11),
        lessons: ['l-scam'],
        skills: ['online-safety'],
        cancelled_at: null,
        cancel_reason: null,
      },
    ],
  });
  await page.getByTestId('profile').click();
  await page.getByTestId('session-card').first().click();
  await page.getByTestId('register-new').click();
  await page.getByTestId('register-name').fill('Hầu Thị Dợ');
  await page.getByTestId('register-household-none').check();
  const box = page.getByTestId('register-read-aloud');
  await expect(box).not.toBeChecked();
  await box.check();
  await box.scrollIntoViewIfNeeded();
  await screen(page, 'register-read-aloud');
  await page.getByTestId('register-consent').check();
  await page.getByTestId('register-save').click();
  await expect(page.getByTestId('roster-entry')).toHaveCount(1);
  const registered = (await mockState(page)).profiles.find((p) => p.name === 'Hầu Thị Dợ');
  expect(registered?.read_aloud).toBe(true);
});
