import { chromium, type Browser } from 'playwright-core';

// Debian's Chromium (installed by ./scripts/test), never a downloaded browser. The flags keep
// it from reaching for Google's services, which this machine cannot reach.
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
