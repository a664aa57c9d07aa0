import type { Browser, Page } from 'playwright-core';
import { expectNoSeriousA11yViolations } from './support/axe';
import { launchBrowser, newPage } from './support/browser';
import { signInWithEmail, SLUG } from './support/accounts';

const PLANNER = 'planner@demo.hamandishi.ir';

// The demo municipality has no tagged demands until the demands hub lands: the page must say so
// instead of guessing, and a retrain must end as "too little data" without an error.
describe('suggested themes: a planner opens the suggestions page and retrains the classifier', () => {
  let browser: Browser;
  let planner: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    planner = await newPage(browser);
    await signInWithEmail(planner, PLANNER);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows "not enough tagged demands yet", retrains, and reports too little data', async () => {
    await planner.goto(`/${SLUG}/manage/demands/suggestions`);
    await planner.getByRole('heading', { level: 1, name: 'موضوع‌های پیشنهادی مطالبه‌ها' }).waitFor();
    expect(await planner.locator('html').getAttribute('dir')).toBe('rtl');
    await planner.getByText(/هنوز مطالبهٔ برچسب‌خورده به اندازهٔ کافی نیست/).waitFor();
    await planner.getByText('مطالبهٔ بی‌برچسبی با پیشنهاد باز نیست.').waitFor();
    await expectNoSeriousA11yViolations(planner, 'demand suggestions, not enough data');

    await planner.getByRole('button', { name: 'آموزش دوباره' }).click();
    await planner.getByText('داده کافی نبود؛ پیشنهادی داده نمی‌شود').waitFor({ timeout: 20_000 });
    await expectNoSeriousA11yViolations(planner, 'demand suggestions, after a retrain');
  });
});
