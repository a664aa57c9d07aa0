import { chromium, type Browser, type Page } from 'playwright-core';
import { BASE_URL } from './server';

/** Launches the system Chromium headless, quiet and offline from Google's services. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A fresh page (own cookies) on the e2e server, sized like a phone. */
export async function newPage(browser: Browser): Promise<Page> {
  // bypassCSP lets the axe checker be injected; the app itself runs under its real policy.
  const context = await browser.newContext({ baseURL: BASE_URL, viewport: { width: 390, height: 844 }, locale: 'fa-IR', bypassCSP: true });
  return context.newPage();
}
