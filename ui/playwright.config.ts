// Screen tests: the built UI in Debian's Chromium at phone size, with the Rust side replaced
// by e2e/mock-backend.ts. Pages are served from ui/dist by request routing, not a server.
import { defineConfig } from '@playwright/test';
import { chromium } from './playwright.chromium';

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-output/results',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: process.env.PLAYWRIGHT_JSON ?? 'test-output/report.json' }]],
  use: {
    viewport: { width: 360, height: 640 },
    deviceScaleFactor: 1,
    hasTouch: true,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    launchOptions: chromium(['--autoplay-policy=no-user-gesture-required']),
  },
});
