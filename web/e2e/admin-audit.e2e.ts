import type { Browser, Locator, Page } from 'playwright-core';
import { jalaliYear, toJalali, toPersianDigits } from '@hamandishi/text';
import { expectNoSeriousA11yViolations } from './support/axe';
import { launchBrowser, newPage } from './support/browser';
import { signInWithEmail, SLUG } from './support/accounts';

const ADMIN = 'admin@demo.hamandishi.ir';

async function csrfOf(page: Page): Promise<string> {
  return (await page.context().cookies()).find((c) => c.name === 'hm_csrf')?.value ?? '';
}

/** Today in Tehran as the Persian date field takes it: day, month and year in Persian digits. */
async function fillToday(field: Locator): Promise<void> {
  const { year, month, day } = toJalali(new Date(), 'Asia/Tehran');
  await field.getByRole('textbox', { name: 'روز' }).fill(toPersianDigits(String(day)));
  await field.getByRole('combobox', { name: 'ماه' }).selectOption(String(month));
  await field.getByRole('textbox', { name: 'سال' }).fill(toPersianDigits(String(year)));
}

/** Picks an option of one of the screen's (Radix) selects by their visible names. */
async function choose(page: Page, label: string, option: string): Promise<void> {
  await page.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
  await page.getByRole('combobox', { name: new RegExp(option) }).waitFor();
}

describe('admin: the audit log', () => {
  let browser: Browser;
  let admin: Page;
  const stamp = Date.now().toString(36);
  const before = `برنامه ممیزی ${stamp}`;
  const after = `برنامه ممیزی ${stamp} (ویرایش‌شده)`;

  beforeAll(async () => {
    browser = await launchBrowser();
    admin = await newPage(browser);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("finds the admin's change by kind and by today's Jalali date, with the field diff (fa, RTL)", async () => {
    await signInWithEmail(admin, ADMIN);
    // The admin makes an audited change: a plan created, then renamed.
    const headers = { 'x-csrf-token': await csrfOf(admin) };
    const y = jalaliYear(new Date(), 'Asia/Tehran');
    const created = await admin.request.post(`/api/orgs/${SLUG}/plans`, {
      headers,
      data: {
        title: { fa: before },
        kind: 'strategic_operational',
        strategicHorizon: { from: y, to: y + 9 },
        operationalHorizon: { from: y, to: y + 4 },
      },
    });
    expect(created.status()).toBe(201);
    const plan = (await created.json()) as { id: string };
    const renamed = await admin.request.patch(`/api/orgs/${SLUG}/plans/${plan.id}`, { headers, data: { title: { fa: after } } });
    expect(renamed.status()).toBe(200);

    // From the administration area's navigation to the audit screen.
    await admin.goto(`/${SLUG}/admin`);
    await admin.getByRole('navigation', { name: 'مدیریت شهرداری' }).getByRole('link', { name: 'گزارش تغییرات' }).click();
    await admin.waitForURL(`**/${SLUG}/admin/audit`);
    await admin.getByRole('heading', { level: 1, name: 'گزارش تغییرات' }).waitFor();
    expect(await admin.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['fa', 'rtl']);
    // The demo's triage of problems is already in the log.
    await admin.getByRole('table', { name: 'تغییرات، از تازه‌ترین' }).waitFor();
    await expectNoSeriousA11yViolations(admin, `/${SLUG}/admin/audit`);

    // Filter: plans, changed by the admin, today (Jalali day, month, year).
    await choose(admin, 'نوع مورد', 'برنامه');
    await choose(admin, 'انجام‌دهنده', 'مدیر سامانه');
    await fillToday(admin.getByRole('group', { name: 'از تاریخ' }));
    await fillToday(admin.getByRole('group', { name: 'تا تاریخ' }));
    const table = admin.getByRole('table', { name: 'تغییرات، از تازه‌ترین' });
    const row = table.getByRole('row').filter({ hasText: 'ویرایش برنامه' }).first();
    await row.waitFor();
    await expect(table.getByRole('row').filter({ hasText: 'تغییر وضعیت مسئله' }).count()).resolves.toBe(0);

    // The entry reads: a Jalali date with the time, the admin, the action in words, the kind of item.
    const { year, month, day } = toJalali(new Date(), 'Asia/Tehran');
    const today = toPersianDigits(`${year}/${String(month).padStart(2, '0')}/${String(day).padStart(2, '0')}`);
    const when = (await row.locator('time').textContent()) ?? '';
    expect(when.startsWith(today)).toBe(true);
    expect(when).toMatch(/[۰-۹]{2}:[۰-۹]{2}$/);
    await row.getByText('مدیر سامانه').waitFor();
    await expect(row.getByRole('link', { name: 'برنامه', exact: true }).getAttribute('href')).resolves.toBe(`/${SLUG}/plans/${plan.id}`);

    // Its details show the renamed field: before → after, not raw JSON only.
    await row.locator('summary', { hasText: 'جزئیات' }).click();
    const title = row.locator('.audit-diff__row', { hasText: 'عنوان › fa' });
    await title.waitFor();
    await expect(title.locator('del').textContent()).resolves.toContain(before);
    await expect(title.locator('ins').textContent()).resolves.toContain(after);
    await expectNoSeriousA11yViolations(admin, `/${SLUG}/admin/audit (details open)`);

    // "Only this item" narrows the log to the plan: its rename and its creation.
    await row.getByRole('button', { name: /فقط تغییرات این مورد/ }).click();
    await admin.getByText(`فقط تغییرات یک مورد: برنامه #${plan.id.slice(0, 8)}`).waitFor();
    await admin.waitForFunction(() => document.querySelectorAll('table tbody tr').length === 2);
    await table.getByRole('row').filter({ hasText: 'ساخت برنامه' }).waitFor();

    // Usable on a phone: the page never scrolls sideways, the table scrolls in its own box.
    expect(await admin.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
  });

  it('is translated and left to right in English', async () => {
    await admin.evaluate(() => window.localStorage.setItem('hm_locale', 'en'));
    await admin.goto(`/${SLUG}/admin/audit`);
    await admin.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
    expect(await admin.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['en', 'ltr']);
    await admin.getByRole('combobox', { name: /Kind of item/ }).waitFor();
    const table = admin.getByRole('table', { name: 'Changes, newest first' });
    await table.waitFor();
    await table.getByRole('columnheader', { name: 'When' }).waitFor();
    // The newest entry is the admin's rename: its action is in English, its date Gregorian.
    const row = table.getByRole('row').filter({ hasText: 'Plan edited' }).first();
    await row.waitFor();
    expect(await row.locator('time').textContent()).toMatch(/\b20\d\d\b/);
    expect(await admin.evaluate(() => getComputedStyle(document.querySelector('.audit-page')!).direction)).toBe('ltr');
    await expectNoSeriousA11yViolations(admin, `/${SLUG}/admin/audit (en)`);
    await admin.evaluate(() => window.localStorage.setItem('hm_locale', 'fa'));
  });
});
