// The public marketplace pages in Debian's Chromium against the real langso-server (built
// beforehand; see e2e-web/server.ts), with the demo commune's products, at phone and desktop
// widths. Screenshots go to test-output/web/.
import { defineConfig } from '@playwright/test';
import { chromium } from './playwright.chromium';

export default defineConfig({
  testDir: 'e2e-web',
  outputDir: 'test-output/web-results',
  globalSetup: './e2e-web/server.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: process.env.PLAYWRIGHT_JSON ?? 'test-output/web-report.json' }]],
  use: {
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    deviceScaleFactor: 1,
    launchOptions: chromium(),
  },
  projects: [
    { name: 'phone', use: { viewport: { width: 360, height: 640 }, hasTouch: true, isMobile: true } },
    { name: 'desktop', use: { viewport: { width: 1280, height: 800 } } },
  ],
});
