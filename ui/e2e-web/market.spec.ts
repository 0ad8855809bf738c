// A buyer on the public marketplace, in Chromium against the real server and the demo
// commune's products: at phone (360×640) and desktop (1280×800) widths.
import { expect, test, type Page } from '@playwright/test';

const base = () => {
  const url = process.env.LANGSO_WEB_URL;
  if (!url) throw new Error('LANGSO_WEB_URL is not set: run with -c playwright.web.config.ts');
  return url;
};

const shot = (page: Page, name: string) =>
  page.screenshot({ path: `test-output/web/${test.info().project.name}-${name}.png`, fullPage: true });

/** Whether every image on the page has loaded and has pixels. */
async function imagesLoaded(page: Page, selector: string): Promise<number> {
  const images = page.locator(selector);
  const count = await images.count();
  for (let i = 0; i < count; i++) {
    await images.nth(i).scrollIntoViewIfNeeded();
    await expect
      .poll(() => images.nth(i).evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0))
      .toBe(true);
  }
  return count;
}

async function noSideScroll(page: Page) {
  const [scroll, client] = await page.evaluate(() => [
    document.documentElement.scrollWidth,
    document.documentElement.clientWidth,
  ]);
  expect(scroll, page.url()).toBeLessThanOrEqual(client);
}

test('a buyer finds tea without typing the marks, reads the product and sees how to pay', async ({ page }) => {
  await page.goto(`${base()}/`);
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
  await expect(page.getByRole('heading', { name: 'Sản phẩm OCOP 4–5 sao' })).toBeVisible();
  await imagesLoaded(page, '.cards img');
  await shot(page, 'home');

  await page.getByLabel('Bạn tìm gì?').fill('che shan tuyet');
  await page.getByRole('button', { name: 'Tìm', exact: true }).click();
  await expect(page).toHaveURL(/\/search\?q=che\+shan\+tuyet/);
  const result = page.locator('.cards .card').first();
  await expect(result).toContainText('Chè Shan Tuyết cổ thụ');
  await shot(page, 'search');
  await result.locator('a').click();

  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Chè Shan Tuyết cổ thụ');
  expect(await imagesLoaded(page, '.photos img')).toBeGreaterThan(0);
  await expect(page.locator('.price')).toHaveText(/^250\.000 ₫ \/ túi$/);
  await expect(page.locator('.product .stars')).toContainText('OCOP 4 sao');
  await expect(page.getByRole('link', { name: /^Gọi 0981 234 567$/ })).toHaveAttribute('href', 'tel:0981234567');
  await expect(page.getByRole('link', { name: 'Nhắn Zalo' })).toHaveAttribute('href', 'https://zalo.me/0981234567');
  const og = (property: string) => page.locator(`meta[property="${property}"]`).getAttribute('content');
  expect(await og('og:title')).toBe('Chè Shan Tuyết cổ thụ');
  expect(await og('og:description')).toContain('250.000 ₫');
  expect(await og('og:type')).toBe('product');
  expect(await og('og:url')).toBe(page.url());
  expect(await og('og:image')).toMatch(new RegExp(`^${base()}/photo/[0-9a-f]{64}$`));
  await shot(page, 'product');

  // The honey has the farmer's bank details: a VietQR code for the quantity chosen.
  await page.goto(`${base()}/search?q=mat+ong`);
  await page.locator('.cards .card a').first().click();
  await expect(page.getByRole('heading', { name: 'Trả tiền bằng VietQR' })).toBeVisible();
  await page.getByLabel('Số lượng muốn trả (lít)').fill('2');
  await page.getByRole('button', { name: 'Tính lại' }).click();
  await expect(page).toHaveURL(/qty=2/);
  await expect(page.locator('.pay .amount')).toHaveText('Số tiền: 900.000 ₫');
  await expect(page.locator('.bank')).toContainText('Agribank');
  await expect(page.locator('.bank')).toContainText('Mật ong bạc hà x2');
  expect(await imagesLoaded(page, 'img.qr')).toBe(1);
  await page.locator('#pay').scrollIntoViewIfNeeded();
  await shot(page, 'pay');
});

test('in English on request, with prices written the English way', async ({ page }) => {
  await page.goto(`${base()}/search?q=mat+ong&lang=en`);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('.cards .price').first()).toHaveText('450,000 ₫ / lít');
  await page.locator('.cards .card a').first().click();
  await expect(page).toHaveURL(/lang=en/);
  await expect(page.getByRole('heading', { name: 'Pay by VietQR' })).toBeVisible();
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the inquiry form explains a wrong phone number, keeps what was typed, then thanks', async ({ page }) => {
    await page.goto(`${base()}/search?q=banh`);
    await page.locator('.cards .card a').first().click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bánh tam giác mạch');
    await page.getByLabel('Tên của bạn').fill('Chị Lan');
    await page.getByLabel('Số điện thoại của bạn').fill('12345');
    await page.getByLabel('Số lượng (hộp)').fill('3');
    await page.getByLabel('Lời nhắn (không bắt buộc)').fill('Gửi ra Hà Nội');
    await page.getByRole('button', { name: 'Gửi câu hỏi' }).click();

    await expect(page.locator('#ask-phone-error')).toContainText('không phải số điện thoại Việt Nam');
    await expect(page.getByLabel('Tên của bạn')).toHaveValue('Chị Lan');
    await expect(page.getByLabel('Lời nhắn (không bắt buộc)')).toHaveValue('Gửi ra Hà Nội');
    await shot(page, 'ask-error');

    await page.getByLabel('Số điện thoại của bạn').fill('0912 345 678');
    await page.getByRole('button', { name: 'Gửi câu hỏi' }).click();
    await expect(page).toHaveURL(/\?asked=1/);
    await expect(page.getByRole('status')).toContainText('Đã gửi câu hỏi!');
    await shot(page, 'ask-thanks');
  });
});

test('the label sheet holds 21 QR labels and prints on one A4 page', async ({ page }) => {
  await page.goto(`${base()}/search?q=che`);
  await page.locator('.cards .card a').first().click();
  await page.getByRole('link', { name: 'In tem QR để dán lên bao bì' }).click();
  await expect(page.locator('.label')).toHaveCount(21);
  await expect(page.locator('.label').first()).toContainText('250.000 ₫ / túi');
  expect(await imagesLoaded(page, '.label img')).toBe(21);
  await shot(page, 'label');
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('header.top')).toBeHidden();
  await shot(page, 'label-print');
  const pdf = (await page.pdf({ preferCSSPageSize: true })).toString('latin1');
  expect(pdf.match(/\/Type\s*\/Page(?!s)/g)?.length, 'pages printed').toBe(1);
});

test('no page scrolls sideways', async ({ page }) => {
  await page.goto(`${base()}/`);
  const product = await page.locator('.cards .card a').first().getAttribute('href');
  const commune = await page.locator('.communes a').first().getAttribute('href');
  for (const path of ['/', '/search?q=mat+ong&stars=3&season=1', commune, product, `${product}/label`, '/nope']) {
    await page.goto(`${base()}${path}`);
    await noSideScroll(page);
  }
  await page.goto(`${base()}${commune}`);
  await expect(page.getByRole('heading', { name: 'Sản phẩm tiêu biểu của xã' })).toBeVisible();
  await expect(page.locator('.signature .name')).toHaveText('Chè Shan Tuyết cổ thụ');
  await shot(page, 'commune');
});
