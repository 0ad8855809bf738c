// A farmer's screens at phone size (360×640): listing a product with photos and publishing it,
// a refused save that keeps what was typed, and the buyers' inquiries with their badge, calls
// and Zalo. Photos are real PNG files drawn here, which the mocked store keeps and serves back.
import { crc32, deflateSync } from 'node:zlib';
import { expect, test, type Page } from '@playwright/test';
import { openApp, screen, villager } from './app';
import type { MockInquiry, MockListing, MockState } from './mock-backend';

test.use({ viewport: { width: 360, height: 640 } });

const KEY = 'langso-mock-state';

/** A moment on the phone's clock, in Hà Giang (UTC+7, as the screen tests' browser is). */
const at = (y: number, m: number, d: number, h = 9, min = 0) => Date.UTC(y, m - 1, d, h - 7, min);

type Rgb = readonly [number, number, number];

/** A real PNG file, `size` pixels square, each pixel's colour from `paint`. */
function png(size: number, paint: (x: number, y: number) => Rgb): Buffer {
  const rows = Buffer.alloc((size * 3 + 1) * size);
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) rows.set(paint(x, y), y * (size * 3 + 1) + 1 + x * 3);
  }
  const chunk = (type: string, data: Buffer) => {
    const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const check = Buffer.alloc(4);
    check.writeUInt32BE(crc32(typed));
    return Buffer.concat([length, typed, check]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits per channel, RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A round thing on a plain ground: a jar of honey, a heap of tea leaves. */
const roundThing = (ground: Rgb, thing: Rgb) =>
  png(96, (x, y) => {
    const d = Math.hypot(x - 48, y - 52);
    if (d >= 34) return ground;
    const light = 0.75 + 0.35 * (1 - d / 34);
    const lit = (c: number) => Math.min(255, Math.round(c * light));
    return [lit(thing[0]), lit(thing[1]), lit(thing[2])];
  });

const HONEY_PHOTO = roundThing([236, 244, 230], [214, 140, 20]);
const TEA_PHOTO = roundThing([250, 246, 232], [60, 130, 50]);
const TEA_CLOSE_PHOTO = roundThing([214, 232, 206], [30, 100, 40]);
/** The honey's photo as a sync brought it: stored under its content address. */
const HONEY_HASH = 'f3b1c0de'.repeat(8);

function listing(id: string, owner_id: string, more: Partial<MockListing>): MockListing {
  return {
    id,
    commune_id: 'c-lung-cu',
    owner_id,
    status: 'published',
    name: '',
    ocop_group: null,
    category: null,
    description: null,
    story: null,
    price_dong: 0,
    unit: 'kg',
    pack_size: null,
    quantity: 10,
    made_to_order: false,
    season: null,
    available_from: null,
    ocop_stars: null,
    ocop_expiry: null,
    certifications: [],
    photos: [],
    contact_phone: '0912345678',
    zalo: null,
    bank_bin: null,
    bank_account: null,
    bank_holder: null,
    ...more,
  };
}

const HONEY = listing('l-honey', 'p-farmer', {
  name: 'Mật ong bạc hà',
  category: 'Thực phẩm chế biến',
  price_dong: 350_000,
  unit: 'chai',
  pack_size: 'chai 500 ml',
  quantity: 40,
  season: 'Tháng 10 – tháng 12',
  ocop_stars: 4,
  ocop_expiry: '2028-03-01',
  photos: [HONEY_HASH],
});
/** Another farmer's product in the commune, and what a buyer asked about it: not hers to see. */
const NEIGHBOUR = listing('l-neighbour', 'p-other', { name: 'Thịt trâu gác bếp', price_dong: 900_000 });

function inquiry(id: string, buyer_name: string, buyer_phone: string, more: Partial<MockInquiry>): MockInquiry {
  return { id, listing_id: HONEY.id, buyer_name, buyer_phone, quantity: 1, message: null, status: 'new', created_at: at(2026, 11, 24), ...more };
}

const AN = inquiry('i-an', 'Nguyễn Văn An', '0987654321', {
  quantity: 5,
  message: 'Tôi muốn mua 5 chai gửi về Hà Nội. Chị gửi xe khách được không?',
  created_at: at(2026, 11, 23, 20, 10),
});
const BINH = inquiry('i-binh', 'Trần Thị Bình', '0356789012', { quantity: 2, created_at: at(2026, 11, 24, 7, 15) });
const CUONG = inquiry('i-cuong', 'Lê Văn Cường', '0868123456', { status: 'answered', created_at: at(2026, 11, 20, 9) });
const OTHERS = inquiry('i-other', 'Phạm Thu Hà', '0912000111', { listing_id: NEIGHBOUR.id });

/** A phone with a farmer's profile on it, Giàng Thị Súa of Lô Lô Chải, who has given her number. */
function farmerPhone(more: Partial<MockState> = {}): Partial<MockState> {
  return {
    profiles: [
      { ...villager('p-farmer', 'Giàng Thị Súa', null, 'bamboo'), role: 'farmer', phone: '0912345678' },
      { ...villager('p-other', 'Sùng A Páo', null), role: 'farmer' },
    ],
    device: { 'p-farmer': { last_used_at: 2, text_size: 0, high_contrast: false } },
    ...more,
  };
}

/** Her phone after a sync: the honey on sale, photo and all, and three buyers' inquiries. */
const withInquiries = (more: Partial<MockState> = {}) =>
  farmerPhone({
    listings: [NEIGHBOUR, HONEY],
    photos: { [HONEY_HASH]: HONEY_PHOTO.toString('base64') },
    inquiries: [CUONG, AN, BINH, OTHERS],
    ...more,
  });

const mockState = (page: Page) => page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? '{}') as MockState, KEY);

async function openFarmer(page: Page, seed: Partial<MockState>) {
  await page.clock.setFixedTime(at(2026, 11, 24, 9, 30));
  await openApp(page, seed);
  await page.getByTestId('profile').filter({ hasText: 'Giàng Thị Súa' }).click();
  await expect(page.getByTestId('products')).toBeVisible();
}

async function noWiderThanThePhone(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
}

test('market: a farmer lists a product with photos, saves it on the phone and publishes it', async ({ page }) => {
  await openFarmer(page, farmerPhone());
  await expect(page.getByRole('navigation').getByRole('button')).toHaveText(['Sản phẩm', 'Hỏi mua', 'Bài học', 'Đã học', 'Cài đặt']);
  await expect(page.getByTestId('tab-products')).toHaveAttribute('aria-current', 'page');
  await expect(page.getByTestId('products-none')).toContainText('Bạn chưa có sản phẩm nào');
  await screen(page, 'products-empty');
  await page.getByTestId('tab-inquiries').click();
  await expect(page.getByTestId('inquiries-none')).toContainText('khi máy có mạng và đồng bộ');
  await screen(page, 'inquiries-empty');
  await page.getByTestId('tab-products').click();

  await page.getByTestId('product-add').click();
  const form = page.getByTestId('product-form');
  await expect(form.getByRole('heading', { level: 2 })).toHaveText('Thêm sản phẩm');
  await expect(form).toContainText('không cần sóng');
  await expect(page.getByTestId('product-phone'), 'her own number, to start with').toHaveValue('0912345678');
  await expect(page.getByTestId('product-save-first')).toBeVisible();
  await screen(page, 'product-new');

  await page.getByTestId('product-name-input').fill('Chè Shan tuyết cổ thụ');
  await page.getByTestId('product-category').selectOption({ label: 'Đồ uống' });
  const price = page.getByTestId('product-price-input');
  await price.fill('150000');
  await expect(price).toHaveValue('150.000');
  await expect(price).toHaveAttribute('inputmode', 'numeric');
  await page.getByTestId('product-unit').fill('kg');
  await page.getByTestId('product-quantity').fill('30');
  await page.getByTestId('product-story').fill('Chè hái từ những cây cổ thụ trên núi Lũng Cú, sao tay trên chảo gang.');
  await page.getByTestId('product-season').fill('Tháng 3 – tháng 5');
  await page.getByTestId('product-available-from').fill('01/03/2027');
  await expect(page.getByTestId('product-ocop-expiry'), 'asked only with stars').toHaveCount(0);
  await form.locator('label').filter({ has: page.getByTestId('product-stars-4') }).click();
  await page.getByTestId('product-ocop-expiry').fill('15/06/2028');
  await page.getByTestId('product-zalo-same').click();
  await expect(page.getByTestId('product-zalo')).toHaveValue('0912345678');
  await page.getByTestId('product-bank').selectOption({ label: 'Agribank – Ngân hàng Nông nghiệp và Phát triển Nông thôn Việt Nam' });
  await page.getByTestId('product-bank-account').fill('3300 2056 78901');
  await page.getByTestId('product-bank-holder').fill('GIANG THI SUA');

  // Two photos, each taking a moment to prepare (as on a cheap phone), then something that is
  // not a photo: refused in words, the two stay.
  await page.evaluate(() => {
    const tauri = (window as unknown as { __TAURI_INTERNALS__: { invoke: (cmd: string, args: unknown) => Promise<unknown> } }).__TAURI_INTERNALS__;
    const invoke = tauri.invoke;
    tauri.invoke = async (cmd, args) => {
      if (cmd === 'add_listing_photo') await new Promise((done) => setTimeout(done, 600));
      return invoke(cmd, args);
    };
  });
  const picker = page.getByTestId('product-photo-input');
  await picker.setInputFiles([
    { name: 'che.png', mimeType: 'image/png', buffer: TEA_PHOTO },
    { name: 'la-che.png', mimeType: 'image/png', buffer: TEA_CLOSE_PHOTO },
  ]);
  await expect(page.getByTestId('product-photo-busy')).toHaveText('Đang chuẩn bị ảnh…');
  await expect(page.getByTestId('product-save'), 'not while photos are being prepared').toBeDisabled();
  const photos = page.getByTestId('product-photo');
  await expect(photos).toHaveCount(2);
  await expect(page.getByTestId('product-photo-busy')).toHaveCount(0);
  await expect(page.getByTestId('product-save')).toBeEnabled();
  const [tea, leaves] = [await photos.nth(0).getAttribute('data-hash'), await photos.nth(1).getAttribute('data-hash')];
  const stored = (await mockState(page)).photos ?? {};
  expect(stored[tea ?? ''], 'the file’s own bytes, served back to the thumbnail').toBe(TEA_PHOTO.toString('base64'));
  expect(stored[leaves ?? '']).toBe(TEA_CLOSE_PHOTO.toString('base64'));
  for (const img of await page.getByTestId('photo-img').all()) {
    await expect(img).toBeVisible();
    expect(await img.evaluate((i: HTMLImageElement) => i.naturalWidth)).toBe(96);
  }
  await expect(photos.first().getByTestId('product-photo-main')).toHaveText('Ảnh chính');
  await photos.nth(1).getByTestId('product-photo-make-main').click();
  await expect(photos.first()).toHaveAttribute('data-hash', leaves ?? '');
  await picker.setInputFiles({ name: 'ghi-chu.png', mimeType: 'image/png', buffer: Buffer.from('không phải ảnh') });
  await expect(page.getByTestId('product-photo-error')).toHaveText('Không đọc được ảnh này. Hãy chọn một ảnh JPEG, PNG hoặc WebP.');
  await expect(photos).toHaveCount(2);
  await page.getByTestId('product-photos').scrollIntoViewIfNeeded();
  await screen(page, 'product-photos');

  await page.getByTestId('product-save').click();
  await expect(page.getByTestId('product-notice')).toContainText('Đã lưu trên máy này');
  await expect(page.getByTestId('product-form-status')).toHaveText('Nháp');
  await expect(form.getByRole('heading', { level: 2 })).toHaveText('Sửa sản phẩm');
  let saved = (await mockState(page)).listings ?? [];
  expect(saved).toHaveLength(1);
  expect(saved[0]).toMatchObject({
    name: 'Chè Shan tuyết cổ thụ',
    category: 'Đồ uống',
    price_dong: 150_000,
    unit: 'kg',
    quantity: 30,
    made_to_order: false,
    season: 'Tháng 3 – tháng 5',
    available_from: '2027-03-01',
    ocop_stars: 4,
    ocop_expiry: '2028-06-15',
    contact_phone: '0912345678',
    zalo: '0912345678',
    bank_bin: '970405',
    bank_account: '3300205678901',
    bank_holder: 'GIANG THI SUA',
    photos: [leaves, tea],
    status: 'draft',
    owner_id: 'p-farmer',
  });
  await screen(page, 'product-saved');

  await page.getByTestId('product-publish').click();
  await expect(page.getByTestId('product-notice')).toContainText('Đã đăng bán');
  await expect(page.getByTestId('product-notice')).toContainText('khi máy có mạng');
  await expect(page.getByTestId('product-form-status')).toHaveText('Đang bán');
  await expect(page.getByTestId('product-selling-status')).toHaveText('Đang bán');
  await expect(page.getByTestId('product-sold-out')).toBeVisible();
  saved = (await mockState(page)).listings ?? [];
  expect(saved[0].status).toBe('published');
  await screen(page, 'product-published');

  await page.getByTestId('product-back').click();
  const card = page.getByTestId('product-card');
  await expect(card).toHaveCount(1);
  await expect(card.getByTestId('product-name')).toHaveText('Chè Shan tuyết cổ thụ');
  await expect(card.getByTestId('product-status')).toHaveText('Đang bán');
  await expect(card.getByTestId('product-price')).toHaveText('150.000 ₫ / kg');
  await expect(card.getByTestId('photo-img')).toBeVisible();
  await noWiderThanThePhone(page);
  await screen(page, 'products');

  // Opened again, the form shows what was saved, days as people write them.
  await card.click();
  await expect(page.getByTestId('product-price-input')).toHaveValue('150.000');
  await expect(page.getByTestId('product-available-from')).toHaveValue('01/03/2027');
  await expect(page.getByTestId('product-ocop-expiry')).toHaveValue('15/06/2028');
  await page.getByTestId('product-sold-out').click();
  await expect(page.getByTestId('product-form-status')).toHaveText('Hết hàng');
  await expect(page.getByTestId('product-sell-again')).toBeVisible();
  expect(((await mockState(page)).listings ?? [])[0].status).toBe('sold-out');
});

test('market: a save the store refuses says why in Vietnamese and keeps everything typed', async ({ page }) => {
  await openFarmer(page, farmerPhone());
  await page.getByTestId('product-add').click();
  await page.getByTestId('product-price-input').fill('150000');
  await page.getByTestId('product-unit').fill('hộp');
  await page.getByTestId('product-quantity').fill('12');
  await page.getByTestId('product-story').fill('Ong nuôi trên núi đá.');
  await page.getByTestId('product-photo-input').setInputFiles({ name: 'mat-ong.png', mimeType: 'image/png', buffer: HONEY_PHOTO });
  await expect(page.getByTestId('product-photo')).toHaveCount(1);

  await page.getByTestId('product-save').click();
  await expect(page.getByTestId('form-error')).toHaveText('Tên: chưa được điền.');
  await expect(page.getByTestId('product-price-input')).toHaveValue('150.000');
  await expect(page.getByTestId('product-unit')).toHaveValue('hộp');
  await expect(page.getByTestId('product-quantity')).toHaveValue('12');
  await expect(page.getByTestId('product-story')).toHaveValue('Ong nuôi trên núi đá.');
  await expect(page.getByTestId('product-photo')).toHaveCount(1);
  expect((await mockState(page)).listings ?? []).toHaveLength(0);
  await screen(page, 'product-refused');

  // No price, then a phone number that is not one: each said in words.
  await page.getByTestId('product-name-input').fill('Mật ong bạc hà');
  await page.getByTestId('product-price-input').fill('');
  await page.getByTestId('product-save').click();
  await expect(page.getByTestId('form-error')).toHaveText('Giá: phải từ 1 ₫ đến 100.000.000 ₫.');
  await page.getByTestId('product-price-input').fill('0');
  await page.getByTestId('product-save').click();
  await expect(page.getByTestId('form-error')).toHaveText('Giá: phải từ 1 ₫ đến 100.000.000 ₫.');
  await page.getByTestId('product-price-input').fill('350000');
  await page.getByTestId('product-phone').fill('12345');
  await page.getByTestId('product-save').click();
  await expect(page.getByTestId('form-error')).toHaveText('Số điện thoại: không phải số điện thoại Việt Nam (ví dụ 0912 345 678).');
  expect((await mockState(page)).listings ?? []).toHaveLength(0);

  await page.getByTestId('product-phone').fill('0912 345 678');
  await page.getByTestId('product-save').click();
  await expect(page.getByTestId('product-notice')).toContainText('Đã lưu trên máy này');
  await expect(page.getByTestId('form-error')).toHaveCount(0);
  expect(((await mockState(page)).listings ?? [])[0]).toMatchObject({ name: 'Mật ong bạc hà', price_dong: 350_000, contact_phone: '0912345678' });
});

test('market: the inquiries tab counts new inquiries, shows each one, calls or opens Zalo, and answering clears the badge', async ({ page }) => {
  await openFarmer(page, withInquiries());
  const badge = page.getByTestId('tab-badge-inquiries');
  await expect(badge).toHaveText('2');
  await expect(page.getByTestId('tab-inquiries')).toHaveAccessibleName(/Hỏi mua.*2 mới/);
  const honey = page.getByTestId('product-card');
  await expect(honey, 'her own products only').toHaveCount(1);
  await expect(honey.getByTestId('product-price')).toHaveText('350.000 ₫ / chai');
  await expect(honey.getByTestId('product-new-inquiries')).toHaveText('2 người hỏi mua mới');
  await expect(honey.getByTestId('photo-img')).toBeVisible();
  await screen(page, 'products-asked');

  await page.getByTestId('tab-inquiries').click();
  const fresh = page.getByTestId('inquiries-new');
  await expect(fresh.getByRole('heading', { level: 3 })).toHaveText('Mới, chưa trả lời (2)');
  await expect(fresh.getByTestId('inquiry-buyer'), 'newest first').toHaveText(['Trần Thị Bình', 'Nguyễn Văn An']);
  await expect(page.getByTestId('inquiries-seen').getByTestId('inquiry-buyer')).toHaveText(['Lê Văn Cường']);
  await expect(page.getByTestId('inquiry'), 'not the neighbour’s').toHaveCount(3);
  const an = page.getByTestId('inquiry').filter({ hasText: 'Nguyễn Văn An' });
  await expect(an.getByTestId('inquiry-product')).toHaveText('Mật ong bạc hà');
  await expect(an.getByTestId('inquiry-phone')).toHaveText('0987 654 321');
  await expect(an.getByTestId('inquiry-quantity')).toHaveText('5 chai');
  await expect(an.getByTestId('inquiry-message')).toHaveText('Tôi muốn mua 5 chai gửi về Hà Nội. Chị gửi xe khách được không?');
  await expect(an.getByTestId('inquiry-date')).toHaveText('23/11/2026');
  await expect(an.getByTestId('inquiry-status')).toHaveText('Mới');
  await noWiderThanThePhone(page);
  await screen(page, 'inquiries');

  await an.getByTestId('inquiry-call').click();
  await an.getByTestId('inquiry-zalo').click();
  await expect.poll(async () => (await mockState(page)).contacts).toEqual([
    { phone: '0987654321', via: 'call' },
    { phone: '0987654321', via: 'zalo' },
  ]);

  await an.getByTestId('inquiry-answered').click();
  await expect(an.getByTestId('inquiry-status')).toHaveText('Đã trả lời');
  await expect(page.getByTestId('inquiries-seen').getByTestId('inquiry-buyer')).toHaveText(['Nguyễn Văn An', 'Lê Văn Cường']);
  await expect(badge).toHaveText('1');
  const binh = page.getByTestId('inquiry').filter({ hasText: 'Trần Thị Bình' });
  await binh.getByTestId('inquiry-answered').click();
  await expect(badge).toHaveCount(0);
  await expect(page.getByTestId('inquiries-new')).toHaveCount(0);
  expect(((await mockState(page)).inquiries ?? []).map((i) => [i.id, i.status])).toEqual([
    ['i-cuong', 'answered'],
    ['i-an', 'answered'],
    ['i-binh', 'answered'],
    ['i-other', 'new'],
  ]);

  await binh.getByTestId('inquiry-close').click();
  await expect(binh.getByTestId('inquiry-status')).toHaveText('Đã đóng');
  await expect(binh.getByTestId('inquiry-reopen')).toBeVisible();
  await screen(page, 'inquiries-answered');

  // A sync brings another inquiry: the list and the badge show it by themselves.
  await page.evaluate((key) => {
    const state = JSON.parse(localStorage.getItem(key) ?? '{}');
    state.inquiries.push({
      id: 'i-dung',
      listing_id: 'l-honey',
      buyer_name: 'Hoàng Văn Dũng',
      buyer_phone: '0977111222',
      quantity: 10,
      message: 'Lấy 10 chai làm quà Tết.',
      status: 'new',
      created_at: Date.UTC(2026, 10, 24, 2, 20),
    });
    state.version = (state.version ?? 0) + 1;
    localStorage.setItem(key, JSON.stringify(state));
  }, KEY);
  await expect(page.getByTestId('inquiries-new').getByTestId('inquiry-buyer')).toHaveText(['Hoàng Văn Dũng']);
  await expect(badge).toHaveText('1');
});

test('market: in English, prices are written 150,000 ₫ and the screens speak English', async ({ page }) => {
  const tea = listing('l-tea', 'p-farmer', { name: 'Shan tuyết tea', price_dong: 150_000, unit: 'kg', status: 'draft' });
  await openFarmer(page, farmerPhone({ language: 'en', listings: [tea] }));
  await expect(page.getByRole('navigation').getByRole('button')).toHaveText(['Products', 'Inquiries', 'Lessons', 'Learnt', 'Settings']);
  const card = page.getByTestId('product-card');
  await expect(card.getByTestId('product-price')).toHaveText('150,000 ₫ / kg');
  await expect(card.getByTestId('product-status')).toHaveText('Draft');
  await expect(card.getByTestId('photo-none'), 'a drawn basket without a photo').toBeVisible();
  await screen(page, 'products-en');

  await card.click();
  const price = page.getByTestId('product-price-input');
  await price.fill('2500000');
  await expect(price).toHaveValue('2,500,000');
  await page.getByTestId('product-name-input').fill('');
  await page.getByTestId('product-save').click();
  await expect(page.getByTestId('form-error')).toHaveText('Name: please fill this in.');
  await expect(price).toHaveValue('2,500,000');
  await noWiderThanThePhone(page);
  await screen(page, 'product-en');
});

test('market: only farmers have products and inquiries', async ({ page }) => {
  await openApp(page, {
    profiles: [villager('p-sua', 'Giàng Thị Súa', null)],
    device: { 'p-sua': { last_used_at: 1, text_size: 0, high_contrast: false } },
  });
  await page.getByTestId('profile').click();
  await expect(page.getByRole('navigation').getByRole('button')).toHaveText(['Bài học', 'Đã học', 'Cài đặt']);
  await expect(page.getByTestId('tab-products')).toHaveCount(0);
});

test('market: the farmer’s screens stay whole at the largest text size', async ({ page }) => {
  await openFarmer(page, withInquiries({ device: { 'p-farmer': { last_used_at: 2, text_size: 2, high_contrast: false } } }));
  await expect(page.getByTestId('tab-badge-inquiries')).toHaveText('2');
  await screen(page, 'products-large');
  await page.getByTestId('product-card').click();
  await expect(page.getByTestId('product-price-input')).toHaveValue('350.000');
  await page.getByTestId('product-bank').selectOption({ index: 1 });
  await screen(page, 'product-large');
  await page.getByTestId('tab-inquiries').click();
  await expect(page.getByTestId('inquiry')).toHaveCount(3);
  await screen(page, 'inquiries-large');
});
