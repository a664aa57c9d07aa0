import type { Browser, Page } from 'playwright-core';
import { expectNoSeriousA11yViolations } from './support/axe';
import { launchBrowser, newPage } from './support/browser';
import { signInWithEmail, SLUG } from './support/accounts';
import { createDraftPlan, importPlanWorkbook, planWorkbook } from './support/strategy';

const PLANNER = 'planner@demo.hamandishi.ir';

describe('plan structure: a planner imports a plan workbook, edits an indicator and reads the annual budget', () => {
  let browser: Browser;
  let planner: Page;
  let planId: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    planner = await newPage(browser);
    await signInWithEmail(planner, PLANNER);
    planId = await createDraftPlan(planner, `برنامه آزمون ساختار ${Date.now().toString(36)}`);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('imports the workbook, edits an indicator formula with live checks, and shows the budget (Persian, RTL)', async () => {
    await importPlanWorkbook(planner, planId, await planWorkbook());
    expect(await planner.locator('html').getAttribute('dir')).toBe('rtl');
    await expectNoSeriousA11yViolations(planner, 'strategy import applied');

    await planner.getByRole('tab', { name: 'ساختار' }).click();
    await planner.getByTestId('strategy-counts').getByText(/مقصدها: ۲/).waitFor();
    await planner.getByRole('button', { name: 'ویرایش I1', exact: true }).click();
    const dialog = planner.getByRole('dialog');
    const formula = dialog.getByLabel('فرمول محاسبه');
    await formula.fill('served / nobody');
    await dialog.getByTestId('formula-status').getByText(/تعریف نشده/).waitFor();
    await formula.fill('(served ÷ total) × ۱۰۰');
    await dialog.getByTestId('formula-status').getByText(/فرمول درست است/).waitFor();
    await expectNoSeriousA11yViolations(planner, 'strategy indicator form');
    await dialog.getByRole('button', { name: 'ذخیره' }).click();
    await dialog.waitFor({ state: 'detached' });
    await planner.getByText('(served ÷ total) × ۱۰۰').waitFor();

    await planner.getByRole('tab', { name: 'بودجه سالانه' }).click();
    await planner.getByTestId('budget-total').getByText(/ریال/).waitFor();
    await planner.getByRole('table', { name: 'به تفکیک مقصد راهبردی' }).waitFor();
    await expectNoSeriousA11yViolations(planner, 'strategy budget');
  });

  it('shows the budget left to right in English', async () => {
    await planner.evaluate(() => window.localStorage.setItem('hm_locale', 'en'));
    await planner.goto(`/${SLUG}/manage/plans/${planId}/strategy`);
    await planner.getByRole('tab', { name: 'Annual budget' }).click();
    expect(await planner.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['en', 'ltr']);
    await planner.getByTestId('budget-total').getByText(/^Total for the year: [\d,]+ rials$/).waitFor();
    await planner.getByRole('table', { name: 'By funding source' }).waitFor();
    await planner.getByRole('tab', { name: 'Structure' }).click();
    await planner.getByText('(served ÷ total) × ۱۰۰').waitFor();
    await expectNoSeriousA11yViolations(planner, 'strategy budget in English');
    await planner.evaluate(() => window.localStorage.setItem('hm_locale', 'fa'));
  });
});
