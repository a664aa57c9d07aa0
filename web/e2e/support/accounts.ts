import type { Page } from 'playwright-core';
import { waitForCode } from './outbox';

/** The demo municipality every browser test runs in. */
export const SLUG = 'isfahan';
/** The password of the seeded demo accounts (`<role>@demo.hamandishi.ir`). */
export const DEMO_PASSWORD = 'hamandishi-demo-1405';

/** A mobile number nobody has used yet, as typed (09…) and as stored (+989…). */
export function randomMobile(): { local: string; e164: string } {
  const rest = String(Math.floor(Math.random() * 1e7)).padStart(7, '0');
  const local = `0912${rest}`;
  return { local, e164: `+98${local.slice(1)}` };
}

/** Signs a new citizen up with a mobile code (read from the dev outbox) in the Persian UI. */
export async function signUpCitizen(page: Page, displayName: string): Promise<void> {
  const mobile = randomMobile();
  await page.goto(`/${SLUG}/sign-up`);
  await page.getByRole('textbox', { name: 'شماره همراه' }).fill(mobile.local);
  await page.getByLabel('نام نمایشی').fill(displayName);
  await page.getByRole('button', { name: 'دریافت کد' }).click();
  const { code } = await waitForCode(page.request, mobile.e164, 0);
  await page.getByLabel('کد یکبار مصرف').fill(code);
  await page.getByRole('button', { name: 'تأیید و ثبت‌نام' }).click();
  await page.waitForURL(`**/${SLUG}`);
  await page.getByRole('button', { name: new RegExp(displayName) }).waitFor();
}

/** Signs in with a demo account's email and password in the Persian UI (nothing to do if already signed in as it). */
export async function signInWithEmail(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  const session = (await (await page.request.get('/api/auth/session')).json()) as {
    account: { email?: string | null } | null;
  };
  if (session.account?.email === email) return;
  await page.goto(`/${SLUG}/sign-in`);
  await page.getByRole('tab', { name: 'ایمیل و گذرواژه' }).click();
  await page.getByLabel('ایمیل', { exact: true }).fill(email);
  await page.getByLabel('گذرواژه', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'ورود', exact: true }).click();
  await page.waitForURL(`**/${SLUG}`);
}
