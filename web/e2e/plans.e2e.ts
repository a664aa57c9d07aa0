import type { Browser, Locator, Page } from 'playwright-core';
import { toJalali, toPersianDigits } from '@hamandishi/text';
import { expectNoSeriousA11yViolations } from './support/axe';
import { launchBrowser, newPage } from './support/browser';
import { signInWithEmail, signUpCitizen, SLUG } from './support/accounts';

const PLANNER = { email: 'planner@demo.hamandishi.ir', password: 'hamandishi-demo-1405' };
// The smallest file the server recognises as a PDF by its content.
const TINY_PDF = Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF', 'latin1');
const DAY_MS = 86_400_000;

/** Types a day `days` from today into a date field as a planner does: Jalali day, month and year in Persian digits. */
async function fillJalaliDay(field: Locator, days: number): Promise<void> {
  const { year, month, day } = toJalali(new Date(Date.now() + days * DAY_MS), 'Asia/Tehran');
  await field.getByRole('textbox', { name: 'روز' }).fill(toPersianDigits(String(day)));
  await field.getByRole('combobox', { name: 'ماه' }).selectOption(String(month));
  await field.getByRole('textbox', { name: 'سال' }).fill(toPersianDigits(String(year)));
}

/** The <details> whose summary reads `summary` (forms the manage page keeps folded). */
function disclosure(scope: Page | Locator, summary: string): Locator {
  // `has` is matched inside each <details>, so it must start from the page, not from `scope`.
  const page = 'page' in scope && typeof scope.page === 'function' ? (scope as Locator).page() : (scope as Page);
  return scope.locator('details').filter({ has: page.locator('summary', { hasText: summary }) });
}

async function addStage(page: Page, title: string, startsIn: number, endsIn: number): Promise<void> {
  const form = disclosure(page, 'افزودن مرحله');
  if (!(await form.evaluate((element) => (element as HTMLDetailsElement).open)))
    await form.locator('summary').first().click();
  await form.getByRole('group', { name: 'عنوان مرحله' }).getByRole('textbox', { name: 'به فارسی' }).fill(title);
  await fillJalaliDay(form.getByRole('group', { name: 'تاریخ آغاز' }), startsIn);
  await fillJalaliDay(form.getByRole('group', { name: 'تاریخ پایان' }), endsIn);
  await form.getByRole('button', { name: 'افزودن مرحله', exact: true }).click();
  await page.getByRole('heading', { level: 3, name: new RegExp(title) }).waitFor();
}

describe('plans: a planner drafts a plan, a citizen follows it and hears live when a stage opens', () => {
  let browser: Browser;
  let planner: Page;
  let citizen: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    planner = await newPage(browser);
    citizen = await newPage(browser);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('creates a plan with stages, an activity and a report; follows it; notifies the follower live', async () => {
    const stamp = Date.now().toString(36);
    const planTitle = `برنامه آزمایشی ${stamp}`;
    const recognition = `شناخت ${stamp}`;
    const analysis = `تحلیل ${stamp}`;
    const activityTitle = `ثبت مسائل محله ${stamp}`;

    // The planner creates the plan (default horizons: this Jalali year, ten and five years).
    await signInWithEmail(planner, PLANNER.email);
    await planner.goto(`/${SLUG}/manage/plans`);
    await planner.getByRole('heading', { level: 1, name: 'مدیریت برنامه‌ها' }).waitFor();
    await planner
      .getByRole('group', { name: 'عنوان برنامه' })
      .getByRole('textbox', { name: 'به فارسی' })
      .fill(planTitle);
    await planner.getByRole('button', { name: 'ساخت برنامه' }).click();
    await planner.waitForURL(new RegExp(`/${SLUG}/manage/plans/[0-9a-f-]{36}$`));
    const planId = planner.url().split('/').pop() as string;
    await planner.getByRole('heading', { level: 1, name: `مدیریت ${planTitle}` }).waitFor();

    // Two stages, both still ahead (dates typed in Jalali with Persian digits), so opening one is news.
    await addStage(planner, recognition, 20, 50);
    await addStage(planner, analysis, 51, 120);
    const firstStage = planner
      .locator('li.manage-stage')
      .filter({ has: planner.getByRole('heading', { name: new RegExp(recognition) }) });

    // An activity in the first stage.
    await firstStage.locator('summary', { hasText: 'افزودن فعالیت مشارکتی' }).click();
    const activityForm = disclosure(firstStage, 'افزودن فعالیت مشارکتی');
    await activityForm
      .getByRole('group', { name: 'عنوان فعالیت' })
      .getByRole('textbox', { name: 'به فارسی' })
      .fill(activityTitle);
    await activityForm.getByRole('button', { name: 'افزودن فعالیت', exact: true }).click();
    await firstStage.getByText(activityTitle, { exact: true }).waitFor();

    // The stage's report, a real (tiny) PDF.
    await firstStage
      .getByLabel('انتخاب پرونده')
      .setInputFiles({ name: 'stage-1-report.pdf', mimeType: 'application/pdf', buffer: TINY_PDF });
    await firstStage.getByRole('button', { name: 'بارگذاری' }).click();
    await firstStage.getByRole('link', { name: 'stage-1-report.pdf' }).waitFor();
    await expectNoSeriousA11yViolations(planner, `/${SLUG}/manage/plans/:planId`);

    // A citizen signs up, opens the plan in Persian and follows it.
    await signUpCitizen(citizen, 'زهرا شهروند');
    await citizen.goto(`/${SLUG}/plans/${planId}`);
    await citizen.getByRole('heading', { level: 1, name: planTitle }).waitFor();
    expect(await citizen.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual([
      'fa',
      'rtl',
    ]);
    const timeline = citizen.getByRole('list', { name: 'گاه‌شمار مراحل' });
    await timeline.getByRole('link', { name: recognition }).waitFor();
    const dates = await timeline.locator('time').allTextContents();
    expect(dates.length).toBe(4);
    for (const date of dates) expect(date).toMatch(/^۱۴۰[۰-۹]\/[۰-۹]{2}\/[۰-۹]{2}$/);
    expect(await timeline.locator('[aria-current="step"]').count()).toBe(0);

    const follow = citizen.getByRole('button', { name: 'دنبال کردن برنامه' });
    await follow.click();
    await citizen.locator('button[aria-pressed="true"]', { hasText: 'دنبال کردن برنامه' }).waitFor();
    await citizen.getByText('۱ دنبال‌کننده').waitFor();
    const bell = citizen.getByRole('button', { name: /^اعلان‌ها/ });
    expect(await bell.getAttribute('aria-label')).toBe('اعلان‌ها');
    await expectNoSeriousA11yViolations(citizen, `/${SLUG}/plans/:planId`);

    // The planner opens the first stage now; the citizen's bell counts it without a reload.
    await firstStage.getByRole('button', { name: 'باز کردن مرحله از همین حالا' }).click();
    await planner.getByText('مرحله باز شد و به دنبال‌کنندگان خبر داده شد.').first().waitFor();

    // Opening the stage also opens its activities (activity.opened), so one or two may be unread.
    const unread = citizen.getByRole('button', { name: /^اعلان‌ها، [۱۲] خوانده‌نشده$/ });
    await unread.waitFor({ timeout: 20_000 });
    await unread.click();
    await citizen
      .getByRole('menuitem', { name: new RegExp(`مرحله «${recognition}» از برنامه «${planTitle}» آغاز شد`) })
      .waitFor();
    await citizen.keyboard.press('Escape');
    // The plan page refetched: the stage that opened is now the current one.
    await timeline.locator('[aria-current="step"]').filter({ hasText: recognition }).waitFor();
  });
});
