import type { Browser, Locator, Page } from 'playwright-core';
import { expectNoSeriousA11yViolations } from './support/axe';
import { launchBrowser, newPage } from './support/browser';
import { signInWithEmail, signUpCitizen, SLUG } from './support/accounts';
import { createSurveyActivity } from './support/surveys';

const PLANNER = 'planner@demo.hamandishi.ir';

/** The builder's card of question `n` (Persian digits), named by its heading. */
function question(page: Page, n: string): Locator {
  return page.getByRole('article', { name: new RegExp(`^پرسش ${n}:`) });
}

describe('surveys: a planner builds a survey with a map area and a condition; a citizen answers it on a phone, partly with the keyboard', () => {
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

  it('builds, previews, answers and submits', async () => {
    const stamp = Date.now().toString(36);
    const title = `نظرسنجی فضای سبز ${stamp}`;

    await signInWithEmail(planner, PLANNER);
    const { planId, activityId } = await createSurveyActivity(planner, title);

    // The plan's manage page links the survey activity to its builder.
    await planner.goto(`/${SLUG}/manage/plans/${planId}`);
    await planner.getByRole('link', { name: `ساختن پرسشنامه «${title}»` }).click();
    // The plan's page passes its id along (`?plan=`), so the survey can be copied within the plan.
    await planner.waitForURL(`**/${SLUG}/manage/surveys/${activityId}?plan=${planId}`);
    await planner.getByRole('heading', { level: 1, name: 'ساختن پرسشنامه' }).waitFor();

    // A section, a single choice question, then a map area shown only when the answer is "yes".
    await planner.getByRole('button', { name: 'افزودن بخش' }).click();
    await planner.getByRole('button', { name: 'افزودن پرسش به بخش ۱' }).click();
    const first = question(planner, '۱');
    await first
      .getByRole('group', { name: 'متن پرسش' })
      .getByRole('textbox', { name: 'به فارسی' })
      .fill('آیا محله شما فضای سبز کم دارد؟');
    await first.getByRole('group', { name: 'گزینه ۱' }).getByRole('textbox', { name: 'به فارسی' }).fill('بله');
    await first.getByRole('group', { name: 'گزینه ۲' }).getByRole('textbox', { name: 'به فارسی' }).fill('خیر');
    await first.getByRole('checkbox', { name: 'پاسخ به این پرسش الزامی است' }).check();

    await planner.getByRole('combobox', { name: 'نوع پرسش تازه' }).selectOption('map_area');
    await planner.getByRole('button', { name: 'افزودن پرسش به بخش ۱' }).click();
    const second = question(planner, '۲');
    await second
      .getByRole('group', { name: 'متن پرسش' })
      .getByRole('textbox', { name: 'به فارسی' })
      .fill('محدوده‌ای که فضای سبز لازم دارد را بکشید');
    await second.getByRole('button', { name: 'نمایش فقط با یک شرط…' }).click();
    // Only the earlier question is offered; the rule defaults to its first option ("بله").
    const questionMenu = second.getByRole('combobox', { name: 'پرسش پیشین' });
    expect(await questionMenu.locator('option').allTextContents()).toEqual(['پرسش ۱: آیا محله شما فضای سبز کم دارد؟']);
    expect(await second.getByRole('combobox', { name: 'گزینه' }).inputValue()).toBe('o1');
    await planner.getByText('پرسشنامه ایرادی ندارد.').waitFor();

    await planner.getByRole('button', { name: 'ذخیره پرسشنامه' }).click();
    await planner.getByText('پرسشنامه ذخیره شد.').first().waitFor();
    await expectNoSeriousA11yViolations(planner, `/${SLUG}/manage/surveys/:activityId`);

    // The preview is the respondent's form: the map question appears with "yes".
    await planner.getByRole('tab', { name: 'پیش‌نمایش برای پاسخ‌دهنده' }).click();
    const frame = planner.getByRole('region', { name: 'پیش‌نمایش پرسشنامه' });
    await frame.getByRole('radio', { name: 'بله' }).check();
    await frame.getByRole('application', { name: 'نقشه برای کشیدن یک محدوده' }).waitFor();

    // A citizen answers on a phone, in Persian: the choice and the polygon with the keyboard.
    // A script error on the respondent's page (a map library loaded out of order) fails the test with its message.
    const pageErrors: string[] = [];
    citizen.on('pageerror', (error) => pageErrors.push(error.message));
    await signUpCitizen(citizen, 'مریم پاسخ‌دهنده');
    await citizen.goto(`/${SLUG}/surveys/${activityId}`);
    await citizen.getByRole('heading', { level: 1, name: title }).waitFor();
    expect(await citizen.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual([
      'fa',
      'rtl',
    ]);
    const progress = citizen.getByRole('progressbar', { name: 'پیشرفت پاسخ' });
    expect(await progress.getAttribute('aria-valuetext')).toBe('صفحه ۱ از ۱');
    const map = citizen.getByRole('application', { name: 'نقشه برای کشیدن یک محدوده' });
    expect(await map.count()).toBe(0);

    const yes = citizen.getByRole('radio', { name: 'بله' });
    await yes.focus();
    await citizen.keyboard.press('Space');
    await map.waitFor();
    await citizen.keyboard.press('Tab');
    expect(await map.evaluate((element) => element === document.activeElement)).toBe(true);
    for (const key of ['Enter', 'ArrowUp', 'Enter', 'ArrowRight', 'Enter', 'ArrowDown', 'ArrowDown', 'Enter'])
      await citizen.keyboard.press(key);
    await citizen.getByRole('status').filter({ hasText: 'گوشه افزوده شد. ۴ گوشه گذاشته شده است.' }).waitFor();
    await citizen.keyboard.press('Backspace');
    await citizen.getByRole('status').filter({ hasText: 'آخرین گوشه برداشته شد. ۳ گوشه گذاشته شده است.' }).waitFor();
    // The draft is kept on the server as the citizen goes.
    await citizen
      .getByText('پیش‌نویس ذخیره شد؛ بعداً از همین‌جا یا دستگاه دیگری ادامه دهید.')
      .waitFor({ timeout: 15_000 });
    await expectNoSeriousA11yViolations(citizen, `/${SLUG}/surveys/:activityId`);

    await citizen.getByRole('button', { name: 'ارسال پاسخ‌ها' }).click();
    await citizen.getByText('پاسخ شما ثبت شد. سپاس از مشارکت‌تان.').waitFor();
    expect(pageErrors).toEqual([]);
    // The planner's builder now counts one response.
    await planner.reload();
    await planner.getByText(/نسخه [۰-۹]+ · ۱ پاسخ/).waitFor();
  });
});
