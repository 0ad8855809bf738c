// The public marketplace pages in Debian's Chromium against the real langso-server (built
// beforehand; see e2e-web/server.ts), with the demo commune's products, at phone and desktop
// widths. Screenshots go to test-output/web/.
import { defineConfig } from '@playwright/test';

const chromium = {
  executablePath: process.env.CHROMIUM_BIN ?? '/usr/bin/chromium',
  // This machine's network is closed: keep Chromium from calling home.
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

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
    launchOptions: chromium,
  },
  projects: [
    { name: 'phone', use: { viewport: { width: 360, height: 640 }, hasTouch: true, isMobile: true } },
    { name: 'desktop', use: { viewport: { width: 1280, height: 800 } } },
  ],
});
