import type { Browser, Page } from 'playwright-core';
import { expectNoSeriousA11yViolations } from './support/axe';
import { launchBrowser, newPage } from './support/browser';
import { randomMobile, SLUG } from './support/accounts';
import { waitForCode } from './support/outbox';

async function expectDocument(page: Page, lang: string, dir: string): Promise<void> {
  await page.waitForFunction(([l, d]) => document.documentElement.lang === l && document.documentElement.dir === d, [
    lang,
    dir,
  ] as const);
  expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual([lang, dir]);
}

async function switchLanguage(page: Page, currentLabel: RegExp, target: string): Promise<void> {
  await page.getByRole('button', { name: currentLabel }).click();
  await page.getByRole('menuitemradio', { name: target }).click();
}

/** Asks for a code, waiting out the resend cooldown of the earlier code if the server asks to. */
async function requestCodeUntilSent(page: Page): Promise<void> {
  const deadline = Date.now() + 100_000;
  for (;;) {
    await page.getByRole('button', { name: 'دریافت کد' }).click();
    const codeField = page.getByLabel('کد یکبار مصرف');
    const alert = page.getByRole('alert');
    await codeField.or(alert).first().waitFor();
    if (await codeField.isVisible()) return;
    if (Date.now() > deadline) throw new Error(`code not sent: ${await alert.textContent()}`);
    await page.waitForTimeout(5000);
  }
}

describe('identity: sign up, profile, languages, sign out, sign in (Persian, RTL)', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await newPage(browser);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('walks a citizen through the whole identity journey', async () => {
    const mobile = randomMobile();
    const displayName = 'مریم رضایی';

    // Front page: choose the demo municipality.
    await page.goto('/');
    await expectDocument(page, 'fa', 'rtl');
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.locator(`a[href="/${SLUG}"]`).first().waitFor();
    await expectNoSeriousA11yViolations(page, '/');
    await page.locator(`a[href="/${SLUG}"]`).first().click();

    // Municipality home.
    await page.waitForURL(`**/${SLUG}`);
    await page.locator('#hero-title').waitFor();
    await expectNoSeriousA11yViolations(page, `/${SLUG}`);
    await page.locator(`a[href="/${SLUG}/sign-up"]`).first().click();

    // Sign up with mobile and display name, then the SMS code.
    await page.waitForURL(`**/${SLUG}/sign-up`);
    await page.getByRole('textbox', { name: 'شماره همراه' }).waitFor();
    await expectNoSeriousA11yViolations(page, `/${SLUG}/sign-up`);
    await page.getByRole('textbox', { name: 'شماره همراه' }).fill(mobile.local);
    await page.getByLabel('نام نمایشی').fill(displayName);
    await page.getByRole('button', { name: 'دریافت کد' }).click();
    const first = await waitForCode(page.request, mobile.e164, 0);
    await page.getByLabel('کد یکبار مصرف').fill(first.code);
    await expectNoSeriousA11yViolations(page, `/${SLUG}/sign-up (code step)`);
    await page.getByRole('button', { name: 'تأیید و ثبت‌نام' }).click();

    // Back home, signed in.
    await page.waitForURL(`**/${SLUG}`);
    const userMenu = page.getByRole('button', { name: new RegExp(displayName) });
    await userMenu.waitFor();
    await expectNoSeriousA11yViolations(page, `/${SLUG} (signed in)`);

    // Profile through the account menu.
    await userMenu.click();
    await page.getByRole('menuitem', { name: 'حساب کاربری من' }).click();
    await page.waitForURL(`**/${SLUG}/profile`);
    await page.getByRole('heading', { level: 1, name: 'حساب کاربری من' }).waitFor();
    await expectNoSeriousA11yViolations(page, `/${SLUG}/profile`);

    // Arabic (RTL), English (LTR), back to Persian (RTL).
    await switchLanguage(page, /فارسی/, 'العربية');
    await expectDocument(page, 'ar', 'rtl');
    await page.getByRole('heading', { level: 1, name: 'حسابي' }).waitFor();
    await expectNoSeriousA11yViolations(page, `/${SLUG}/profile (ar)`);
    await switchLanguage(page, /العربية/, 'English');
    await expectDocument(page, 'en', 'ltr');
    await page.getByRole('heading', { level: 1, name: 'My account' }).waitFor();
    await expectNoSeriousA11yViolations(page, `/${SLUG}/profile (en)`);
    await switchLanguage(page, /English/, 'فارسی');
    await expectDocument(page, 'fa', 'rtl');
    await page.getByRole('heading', { level: 1, name: 'حساب کاربری من' }).waitFor();

    // Sign out from the account menu.
    // The language switch re-renders the header: open the menu once it has settled, and wait for
    // the sign-out request itself so a lost click shows as such.
    const signOutItem = page.getByRole('menuitem', { name: 'خروج' });
    await page.getByRole('button', { name: new RegExp(displayName) }).click();
    await signOutItem.waitFor();
    await Promise.all([page.waitForResponse((r) => r.url().includes('/api/auth/sign-out')), signOutItem.click()]);
    await page.waitForURL(`**/${SLUG}`);
    await page.getByRole('button', { name: new RegExp(displayName) }).waitFor({ state: 'detached' });
    await page.getByRole('link', { name: 'ورود', exact: true }).first().waitFor();

    // Sign in again with a new code.
    await page.goto(`/${SLUG}/sign-in`);
    await page.getByRole('textbox', { name: 'شماره همراه' }).waitFor();
    await expectNoSeriousA11yViolations(page, `/${SLUG}/sign-in`);
    await page.getByRole('textbox', { name: 'شماره همراه' }).fill(mobile.local);
    await requestCodeUntilSent(page);
    const second = await waitForCode(page.request, mobile.e164, first.count);
    await page.getByLabel('کد یکبار مصرف').fill(second.code);
    await page.getByRole('button', { name: 'ورود', exact: true }).click();
    await page.waitForURL(`**/${SLUG}`);
    await page.getByRole('button', { name: new RegExp(displayName) }).waitFor();
    await expectNoSeriousA11yViolations(page, `/${SLUG} (signed in again)`);
  });
});
