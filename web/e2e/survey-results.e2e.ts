import type { Browser, Page } from 'playwright-core';
import type { TSurveyDefinition } from '@hamandishi/contracts';
import { expectNoSeriousA11yViolations } from './support/axe';
import { launchBrowser, newPage } from './support/browser';
import { signInWithEmail, SLUG } from './support/accounts';
import { createSurveyActivity, csrfOf } from './support/surveys';

const PLANNER = 'planner@demo.hamandishi.ir';
const NGO = 'ngo@demo.hamandishi.ir';

const t = (fa: string) => ({ fa });
const DEFINITION: TSurveyDefinition = {
  sections: [
    {
      id: 's1',
      questions: [
        { id: 'transport', type: 'single_choice', title: t('بیشتر با چه وسیله‌ای رفت‌وآمد می‌کنید؟'), options: [{ id: 'bus', label: t('اتوبوس') }, { id: 'metro', label: t('مترو') }] },
        { id: 'satisfied', type: 'likert', title: t('از حمل‌ونقل عمومی راضی هستید'), points: 5 },
        { id: 'zone', type: 'map_area', title: t('کدام محدوده بیشتر به فضای سبز نیاز دارد؟') },
        { id: 'idea', type: 'short_text', title: t('پیشنهاد شما') },
      ],
    },
  ],
};
const AREA = [
  { lat: 32.65, lng: 51.66 },
  { lat: 32.65, lng: 51.69 },
  { lat: 32.67, lng: 51.69 },
  { lat: 32.67, lng: 51.66 },
];

/** A fresh survey activity in an open stage of the demo plan, with its definition and settings saved. */
async function createSurvey(page: Page): Promise<string> {
  const { activityId } = await createSurveyActivity(page, 'نظرسنجی حمل‌ونقل');
  const headers = { 'x-csrf-token': await csrfOf(page) };
  const base = `/api/orgs/${SLUG}/surveys/${activityId}`;
  expect((await page.request.put(`${base}/definition`, { headers, data: { definition: DEFINITION } })).status()).toBe(200);
  const settings = { audience: { audience: 'signed_in' }, anonymous: false, askDemographics: true };
  expect((await page.request.put(`${base}/settings`, { headers, data: settings })).status()).toBe(200);
  return activityId;
}

async function answer(page: Page, activityId: string, answers: Record<string, unknown>): Promise<void> {
  const res = await page.request.post(`/api/orgs/${SLUG}/surveys/${activityId}/response`, {
    headers: { 'x-csrf-token': await csrfOf(page) },
    data: { answers, demographicsConsent: true },
  });
  expect(res.status()).toBe(201);
}

describe('survey results (fa, RTL, phone-sized)', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await newPage(browser);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('shows the planner the charts, a weighted view, a cross-tab, the representativeness table and the open answers', async () => {
    await signInWithEmail(page, PLANNER);
    const activityId = await createSurvey(page);
    await answer(page, activityId, { transport: { choice: 'bus' }, satisfied: 4, zone: AREA, idea: 'پارک‌های بیشتر در محله' });
    const ngo = await newPage(browser);
    await signInWithEmail(ngo, NGO);
    await answer(ngo, activityId, { transport: { choice: 'metro' }, satisfied: 2, zone: AREA });
    await ngo.context().close();

    await page.goto(`/${SLUG}/manage/surveys/${activityId}/results`);
    await page.getByRole('heading', { level: 1, name: 'نتایج پرسش‌نامه' }).waitFor();
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    await page.getByText('۲ پاسخ‌دهنده').waitFor();
    // The chart is drawn as SVG by ECharts, named for screen readers.
    await page.getByRole('img', { name: 'بیشتر با چه وسیله‌ای رفت‌وآمد می‌کنید؟' }).locator('svg').waitFor();
    await page.locator('.leaflet-container').first().waitFor();
    await expectNoSeriousA11yViolations(page, 'survey results: questions');
    // Usable on a phone: nothing wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);

    await page.getByRole('checkbox', { name: 'اعمال وزن‌ها' }).check();
    await page.getByText(/شمارش‌ها با وزن‌های پس‌طبقه‌بندی/).waitFor();

    await page.getByRole('tab', { name: 'جدول متقاطع' }).click();
    await page.getByRole('table', { name: /بر حسب منطقه/ }).or(page.getByText('برای این گروه‌بندی پاسخ‌دهنده‌ای با مشخصات ثبت‌شده نیست.')).first().waitFor();
    await expectNoSeriousA11yViolations(page, 'survey results: cross-tab');

    await page.getByRole('tab', { name: 'نمایندگی' }).click();
    await page.getByRole('table', { name: 'گروه سنی' }).waitFor();
    await expectNoSeriousA11yViolations(page, 'survey results: representativeness');

    await page.getByRole('tab', { name: 'پاسخ‌های متنی' }).click();
    await page.getByText('پارک‌های بیشتر در محله').waitFor();
    await page.getByRole('searchbox', { name: 'جست‌وجو در پاسخ‌ها' }).fill('پارك');
    await page.getByRole('searchbox', { name: 'جست‌وجو در پاسخ‌ها' }).press('Enter');
    await page.getByText('۱ پاسخ').waitFor();
    await expectNoSeriousA11yViolations(page, 'survey results: open answers');
  });
});
