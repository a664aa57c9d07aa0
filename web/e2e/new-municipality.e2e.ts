import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { toPersianDigits } from '@hamandishi/text';
import { expectNoSeriousA11yViolations } from './support/axe';
import { launchBrowser, newPage } from './support/browser';
import { randomMobile, signInWithEmail } from './support/accounts';
import { invitationPathSentTo, readOutbox, waitForCode } from './support/outbox';

const SUPERADMIN = 'superadmin@demo.hamandishi.ir';
const DISTRICTS = join(__dirname, 'fixtures', 'hamedan-districts.geojson');
// The same three districts, but the third reaches into the second.
const OVERLAPPING = join(__dirname, 'fixtures', 'hamedan-districts-overlap.geojson');

/** Opens an invitation link without an account, signs up with the code sent to that mobile, and accepts. */
async function acceptAsNewcomer(page: Page, link: string, mobile: { local: string; e164: string }, name: string) {
  await page.goto(link);
  await page.getByRole('heading', { level: 1, name: 'دعوت‌نامه' }).waitFor();
  await page.getByRole('link', { name: 'ثبت‌نام با همین شماره' }).click();
  await page.getByRole('textbox', { name: 'شماره همراه' }).fill(mobile.local);
  await page.getByLabel('نام نمایشی').fill(name);
  const seen = (await readOutbox(page.request, mobile.e164)).length;
  await page.getByRole('button', { name: 'دریافت کد' }).click();
  const { code } = await waitForCode(page.request, mobile.e164, seen);
  await page.getByLabel('کد یکبار مصرف').fill(code);
  await page.getByRole('button', { name: 'تأیید و ثبت‌نام' }).click();
  await page.waitForURL(`**${link}`);
  await page.getByRole('button', { name: 'می‌پذیرم' }).click();
}

/** Fills the theme dialog that is open (Persian name and slug) and submits it. */
async function fillThemeDialog(page: Page, fa: string, slug: string) {
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('group', { name: 'نام' }).getByRole('textbox', { name: 'فارسی' }).fill(fa);
  await dialog.getByRole('textbox', { name: 'شناسه' }).fill(slug);
  await dialog.getByRole('button', { name: 'ساختن' }).click();
  await dialog.waitFor({ state: 'detached' });
}

describe('a new municipality from nothing: «همدان» is created, set up by its admin, and planned by its planner', () => {
  let browser: Browser;
  let root: Page;
  let admin: Page;
  let planner: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    root = await newPage(browser);
    admin = await newPage(browser);
    planner = await newPage(browser);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('superadmin → admin (districts, themes, a planner invited) → planner creates a plan', async () => {
    const stamp = Date.now().toString(36);
    const slug = `hamedan-${stamp}`;
    const adminMobile = randomMobile();
    const plannerMobile = randomMobile();

    // The superadmin creates «همدان» and names its first admin by mobile.
    await signInWithEmail(root, SUPERADMIN);
    await root.goto('/platform');
    await root.getByRole('heading', { level: 1, name: 'مدیریت سامانه' }).waitFor();
    const form = root.locator('form').filter({ has: root.getByRole('button', { name: 'ساختن و فرستادن دعوت‌نامه' }) });
    await form.getByRole('textbox', { name: 'نشانی (slug)' }).fill(slug);
    await form.getByRole('group', { name: 'نام شهرداری' }).getByRole('textbox', { name: 'فارسی' }).fill('همدان');
    await form.getByRole('textbox', { name: 'عرض جغرافیایی' }).fill(toPersianDigits('34.7989'));
    await form.getByRole('textbox', { name: 'طول جغرافیایی' }).fill(toPersianDigits('48.5146'));
    await form.getByRole('textbox', { name: 'شماره همراه یا ایمیل نخستین مدیر' }).fill(adminMobile.local);
    await form.getByRole('button', { name: 'ساختن و فرستادن دعوت‌نامه' }).click();
    await root.getByRole('row').filter({ hasText: slug }).waitFor();

    // The admin accepts the invitation sent by SMS and lands in the administration area.
    await acceptAsNewcomer(admin, await invitationPathSentTo(root, adminMobile.e164), adminMobile, 'مدیر همدان');
    await admin.waitForURL(`**/${slug}/admin`);
    await admin.getByRole('heading', { level: 1, name: 'مدیریت شهرداری' }).waitFor();
    expect(await admin.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['fa', 'rtl']);
    await expectNoSeriousA11yViolations(admin, '/:slug/admin');

    // Districts: the first file has an overlap, which the report names; the corrected file is saved.
    const nav = admin.getByRole('navigation', { name: 'مدیریت شهرداری' });
    await nav.getByRole('link', { name: 'مناطق' }).click();
    await admin.getByRole('heading', { level: 1, name: 'مناطق' }).waitFor();
    await admin.getByRole('button', { name: 'ورود GeoJSON' }).click();
    const dialog = admin.getByRole('dialog', { name: 'ورود مرز مناطق از GeoJSON' });
    await dialog.getByLabel('فایل GeoJSON').setInputFiles(OVERLAPPING);
    await dialog.getByRole('button', { name: /منطقه (دو|سه)\).*منطقه (دو|سه)\) هم‌پوشانی دارد/ }).waitFor();
    const save = admin.getByRole('button', { name: 'ذخیرهٔ مناطق' });
    expect(await save.isDisabled()).toBe(true);
    await expectNoSeriousA11yViolations(admin, 'Hamedan district import report');
    await dialog.getByLabel('فایل GeoJSON').setInputFiles(DISTRICTS);
    await dialog.getByText('فایل خطایی ندارد؛ پیش‌نمایش را ببینید و ذخیره کنید.').waitFor();
    expect(await dialog.locator('.leaflet-interactive').count()).toBe(3);
    await save.click();
    await dialog.waitFor({ state: 'detached' });
    for (const name of ['منطقه یک', 'منطقه دو', 'منطقه سه']) {
      await admin.getByRole('rowheader', { name, exact: true }).waitFor();
    }

    // Themes: a theme with a sub-theme.
    await nav.getByRole('link', { name: 'موضوع‌ها' }).click();
    await admin.getByRole('heading', { level: 1, name: 'موضوع‌ها' }).waitFor();
    await admin.getByRole('button', { name: 'موضوع تازه', exact: true }).click();
    await fillThemeDialog(admin, 'حمل‌ونقل', `transport-${stamp}`);
    await admin.getByRole('button', { name: 'زیرموضوع تازه برای «حمل‌ونقل»' }).click();
    await fillThemeDialog(admin, 'پیاده‌راه‌ها', `walking-${stamp}`);
    await admin.getByRole('list', { name: 'زیرموضوع‌های حمل‌ونقل' }).getByText('پیاده‌راه‌ها').waitFor();
    await expectNoSeriousA11yViolations(admin, 'Hamedan themes');

    // A planner is invited.
    await nav.getByRole('link', { name: 'دعوت‌نامه‌ها' }).click();
    await admin.getByRole('heading', { level: 1, name: 'دعوت‌نامه‌ها' }).waitFor();
    await admin.getByRole('textbox', { name: 'شماره همراه یا ایمیل' }).fill(toPersianDigits(plannerMobile.local));
    await admin.getByRole('checkbox', { name: 'کارشناس برنامه‌ریزی' }).check();
    await admin.getByRole('button', { name: 'فرستادن دعوت‌نامه' }).click();
    await admin.getByRole('row').filter({ hasText: plannerMobile.e164 }).waitFor();

    // The planner accepts and drafts the city's plan.
    await acceptAsNewcomer(planner, await invitationPathSentTo(admin, plannerMobile.e164), plannerMobile, 'برنامه‌ریز همدان');
    await planner.waitForURL(new RegExp(`/${slug}$`));
    await planner.goto(`/${slug}/manage/plans`);
    await planner.getByRole('heading', { level: 1, name: 'مدیریت برنامه‌ها' }).waitFor();
    const planTitle = `برنامه راهبردی همدان ${stamp}`;
    await planner.getByRole('group', { name: 'عنوان برنامه' }).getByRole('textbox', { name: 'به فارسی' }).fill(planTitle);
    await planner.getByRole('button', { name: 'ساخت برنامه' }).click();
    await planner.waitForURL(new RegExp(`/${slug}/manage/plans/[0-9a-f-]{36}$`));
    await planner.getByRole('heading', { level: 1, name: `مدیریت ${planTitle}` }).waitFor();

    // The admin's audit log tells the story.
    await nav.getByRole('link', { name: 'گزارش تغییرات' }).click();
    await admin.getByRole('heading', { level: 1, name: 'گزارش تغییرات' }).waitFor();
    await admin.getByRole('table').waitFor();
    expect(await admin.getByRole('row').count()).toBeGreaterThan(4);
    await expectNoSeriousA11yViolations(admin, 'Hamedan audit log');
  });
});
