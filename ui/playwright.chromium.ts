// How both Playwright suites start Debian's Chromium. This machine's network is closed: the
// flags keep Chromium from calling home.
export function chromium(extraArgs: string[] = []) {
  return {
    executablePath: process.env.CHROMIUM_BIN ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...extraArgs,
    ],
  };
}
